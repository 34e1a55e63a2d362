#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Filters (NIP-01 matching rules, parse/serialize) and client/relay messages.

use nostr_core::{
    ClientMessage, CountResult, Error, Event, EventBuilder, EventId, Filter, Keys, Kind, Prefix,
    Reason, RelayMessage, SubscriptionId, Tag, Timestamp,
};

fn note(keys: &Keys, kind: u16, at: u64, tags: Vec<Tag>) -> Event {
    EventBuilder::new(Kind::new(kind), "x")
        .tags(tags)
        .sign_at_with_aux(keys, Timestamp::from_secs(at), &[0; 32])
}

#[test]
fn matching_rules() {
    let keys = Keys::from_hex(&"02".repeat(32)).unwrap();
    let other = Keys::from_hex(&"03".repeat(32)).unwrap();
    let ev = note(
        &keys,
        1,
        100,
        vec![
            Tag::new("t", ["rust"]),
            Tag::new("tt", ["nope"]),
            Tag::new("e", [&"aa".repeat(32)]),
        ],
    );

    assert!(Filter::new().matches(&ev));
    assert!(Filter::new().kind(Kind::new(1)).matches(&ev));
    assert!(!Filter::new().kind(Kind::new(2)).matches(&ev));
    assert!(
        Filter::new()
            .kinds([Kind::new(7), Kind::new(1)])
            .matches(&ev)
    );
    assert!(Filter::new().author(keys.public_key()).matches(&ev));
    assert!(!Filter::new().author(other.public_key()).matches(&ev));
    assert!(Filter::new().id(ev.id).matches(&ev));
    // since <= created_at <= until, inclusive.
    assert!(
        Filter::new()
            .since(Timestamp::from_secs(100))
            .until(Timestamp::from_secs(100))
            .matches(&ev)
    );
    assert!(!Filter::new().since(Timestamp::from_secs(101)).matches(&ev));
    assert!(!Filter::new().until(Timestamp::from_secs(99)).matches(&ev));
    // Tag filters: exact single-letter name, any value in common.
    assert!(Filter::new().tag('t', "rust").matches(&ev));
    assert!(Filter::new().tags('t', ["go", "rust"]).matches(&ev));
    assert!(
        !Filter::new().tag('t', "nope").matches(&ev),
        "#t must not match a `tt` tag"
    );
    assert!(Filter::new().tag('e', "aa".repeat(32)).matches(&ev));
    assert!(
        !Filter::new().tag('T', "rust").matches(&ev),
        "tag names are case-sensitive"
    );
    // AND across fields.
    assert!(
        !Filter::new()
            .kind(Kind::new(1))
            .author(other.public_key())
            .matches(&ev)
    );
    // Empty lists match nothing.
    assert!(!Filter::new().ids([]).matches(&ev));
    assert!(!Filter::new().authors([]).matches(&ev));
    assert!(!Filter::new().kinds([]).matches(&ev));
    assert!(!Filter::new().tags::<String>('t', []).matches(&ev));
    assert!(!Filter::from_json(r#"{"kinds":[]}"#).unwrap().matches(&ev));
    // Large lists take the binary-search path.
    let many: Vec<Kind> = (2..100).map(Kind::new).chain([Kind::new(1)]).collect();
    assert!(Filter::new().kinds(many).matches(&ev));
}

#[test]
fn filter_json_round_trip_and_extras() {
    let json = r##"{"ids":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],"kinds":[1,0],"#e":["bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"],"#p":["cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"],"#t":["x"],"since":1,"until":2,"limit":10,"search":"best nostr","#emoji":["x"]}"##;
    let f = Filter::from_json(json).unwrap();
    assert_eq!(f.get_kinds().unwrap(), [Kind::new(0), Kind::new(1)]);
    assert_eq!(f.get_limit(), Some(10));
    assert_eq!(
        f.extra.len(),
        2,
        "search and the multi-letter #emoji are kept as extras"
    );
    let out = f.to_json();
    assert!(out.contains(r#""search":"best nostr""#));
    assert_eq!(Filter::from_json(&out).unwrap(), f);
    assert_eq!(Filter::from_json("{}").unwrap().to_json(), "{}");
}

#[test]
fn filter_rejections() {
    assert!(matches!(
        Filter::from_json(r#"{"ids":["AA"]}"#),
        Err(Error::InvalidHex { field: "ids", .. })
    ));
    assert!(matches!(
        Filter::from_json(&format!(r#"{{"authors":["{}"]}}"#, "A".repeat(64))),
        Err(Error::InvalidHex {
            field: "authors",
            ..
        })
    ));
    assert_eq!(
        Filter::from_json(r#"{"kinds":[70000]}"#),
        Err(Error::KindOutOfRange(70000))
    );
    assert!(matches!(
        Filter::from_json(r#"{"kinds":["1"]}"#),
        Err(Error::WrongType { .. })
    ));
    assert!(matches!(
        Filter::from_json(r#"{"since":-5}"#),
        Err(Error::InvalidNumber { field: "since", .. })
    ));
    assert_eq!(
        Filter::from_json(r#"{"limit":1,"limit":2}"#),
        Err(Error::DuplicateField("limit"))
    );
    assert!(matches!(
        Filter::from_json(r##"{"#e":[1]}"##),
        Err(Error::WrongType { .. })
    ));
    assert!(matches!(
        Filter::from_json("[]"),
        Err(Error::WrongType { .. })
    ));
    // NIP-01: `#e` and `#p` lists hold exact 64-character lowercase hex values.
    assert!(matches!(
        Filter::from_json(r##"{"#e":["x"]}"##),
        Err(Error::InvalidHex { field: "#e", .. })
    ));
    assert!(matches!(
        Filter::from_json(&format!(r##"{{"#p":["{}"]}}"##, "C".repeat(64))),
        Err(Error::InvalidHex { field: "#p", .. })
    ));
    // Other letters take any string.
    assert!(Filter::from_json(r##"{"#E":["x"],"#P":["y"]}"##).is_ok());
    assert_eq!(
        Filter::from_json(r#"{"search":"a","x":1,"search":"b"}"#),
        Err(Error::DuplicateField("extra key"))
    );
}

#[test]
fn tag_values_keep_their_written_order_without_repeats() {
    // Repeats do not change a filter; the written order is kept (NIP-45 reads the
    // first value of the first tag filter).
    let parsed = Filter::from_json(r##"{"#t":["b","a","b"]}"##).unwrap();
    assert_eq!(parsed, Filter::new().tags('t', ["b", "a"]));
    assert_eq!(
        parsed,
        Filter::new().tag('t', "b").tag('t', "a").tag('t', "b")
    );
    assert_eq!(parsed.to_json(), r##"{"#t":["b","a"]}"##);
    assert_eq!(
        parsed.first_tag(),
        Some(('t', &["b".to_string(), "a".to_string()][..]))
    );
    // The first-written tag filter stays first through a round trip.
    let json = r##"{"#p":["ab"],"#e":["cd"],"#t":["x"]}"##
        .replace("ab", &"ab".repeat(32))
        .replace("cd", &"cd".repeat(32));
    let f = Filter::from_json(&json).unwrap();
    assert_eq!(f.first_tag().map(|(l, _)| l), Some('p'));
    assert!(f.to_json().starts_with(r##"{"#p":"##), "{}", f.to_json());
    assert_eq!(Filter::from_json(&f.to_json()).unwrap(), f);
    // Thousands of values against thousands of tags: a binary search per tag.
    let keys = Keys::generate();
    let values: Vec<String> = (0..10_000).map(|i| format!("v{i}")).collect();
    let many = Filter::new().tags('t', values.iter().cloned());
    let tags: Vec<Tag> = (0..2_000).map(|i| Tag::hashtag(format!("x{i}"))).collect();
    let miss = note(&keys, 1, 5, tags.clone());
    let hit = note(&keys, 1, 5, [tags, vec![Tag::hashtag("v9999")]].concat());
    assert!(!many.matches(&miss));
    assert!(many.matches(&hit));
    // Growing a list past the scan threshold one value at a time (with repeats)
    // gives the filter that setting the list at once does, and matches the same.
    let grown = (0..20)
        .chain(0..20)
        .fold(Filter::new(), |f, i| f.tag('t', format!("g{i}")));
    assert_eq!(
        grown,
        Filter::new().tags('t', (0..20).map(|i| format!("g{i}")))
    );
    let started = std::time::Instant::now();
    let big = (0..20_000).fold(Filter::new(), |f, i| f.tag('t', format!("b{i}")));
    assert_eq!(big.get_tags()[&'t'].len(), 20_000);
    assert!(started.elapsed() < core::time::Duration::from_secs(5));
    assert!(grown.matches(&note(&keys, 1, 5, vec![Tag::hashtag("g19")])));
    assert!(grown.matches(&note(&keys, 1, 5, vec![Tag::hashtag("g0")])));
    assert!(!grown.matches(&note(&keys, 1, 5, vec![Tag::hashtag("g20")])));
}

#[test]
fn many_unknown_filter_keys_parse_in_linearithmic_time() {
    // 20,000 distinct unknown keys: a quadratic duplicate check would make this
    // 2 x 10^8 comparisons; the sorted check is instant.
    let body: Vec<String> = (0..20_000).map(|i| format!(r#""k{i}":0"#)).collect();
    let json = format!("{{{}}}", body.join(","));
    let started = std::time::Instant::now();
    let f = Filter::from_json(&json).unwrap();
    assert_eq!(f.extra.len(), 20_000);
    assert!(started.elapsed() < core::time::Duration::from_secs(2));
    let dup = format!("{{{},\"k7\":1}}", body.join(","));
    assert_eq!(
        Filter::from_json(&dup),
        Err(Error::DuplicateField("extra key"))
    );
}

#[test]
fn client_messages_round_trip() {
    let keys = Keys::generate();
    let ev = note(&keys, 1, 5, vec![]);
    let msgs = [
        ClientMessage::Event(Box::new(ev.clone())),
        ClientMessage::Auth(Box::new(ev)),
        ClientMessage::Req {
            subscription_id: SubscriptionId::new("s").unwrap(),
            filters: vec![Filter::new().kind(Kind::new(1)), Filter::new().limit(3)],
        },
        ClientMessage::Count {
            subscription_id: SubscriptionId::new("c").unwrap(),
            filters: vec![Filter::new()],
        },
        ClientMessage::Close(SubscriptionId::new("s").unwrap()),
    ];
    for m in msgs {
        assert_eq!(ClientMessage::from_json(&m.to_json()).unwrap(), m);
    }
}

#[test]
fn client_message_rejections() {
    let sub64 = "x".repeat(64);
    assert!(ClientMessage::from_json(&format!(r#"["CLOSE","{sub64}"]"#)).is_ok());
    assert_eq!(
        ClientMessage::from_json(&format!(r#"["CLOSE","{sub64}x"]"#)),
        Err(Error::InvalidSubscriptionId)
    );
    assert_eq!(
        ClientMessage::from_json(r#"["CLOSE",""]"#),
        Err(Error::InvalidSubscriptionId)
    );
    assert!(matches!(
        ClientMessage::from_json(r#"["REQ","s"]"#),
        Err(Error::InvalidMessage(_))
    ));
    assert!(matches!(
        ClientMessage::from_json(r#"["NOPE","s"]"#),
        Err(Error::InvalidMessage(_))
    ));
    assert!(matches!(
        ClientMessage::from_json(r#"["CLOSE","s","extra"]"#),
        Err(Error::InvalidMessage(_))
    ));
    assert!(matches!(
        ClientMessage::from_json(r#"{"CLOSE":1}"#),
        Err(Error::InvalidMessage(_))
    ));
    assert!(matches!(
        ClientMessage::from_json(r#"["CLOSE","s"] x"#),
        Err(Error::Json(_))
    ));
    assert!(matches!(
        ClientMessage::from_json(r#"["EVENT",{}]"#),
        Err(Error::MissingField(_))
    ));
}

#[test]
fn relay_messages_round_trip() {
    let keys = Keys::generate();
    let sub = SubscriptionId::new("sub").unwrap();
    let msgs = [
        RelayMessage::Event {
            subscription_id: sub.clone(),
            event: Box::new(note(&keys, 1, 5, vec![])),
        },
        RelayMessage::Ok {
            event_id: EventId::from_bytes([7; 32]),
            accepted: true,
            reason: Reason::default(),
        },
        RelayMessage::Ok {
            event_id: EventId::from_bytes([7; 32]),
            accepted: false,
            reason: Reason::new(Prefix::RateLimited, "slow down"),
        },
        RelayMessage::Eose(sub.clone()),
        RelayMessage::Closed {
            subscription_id: sub.clone(),
            reason: Reason::new(Prefix::AuthRequired, "who are you"),
        },
        RelayMessage::Notice("hello \"there\"".into()),
        RelayMessage::Auth {
            challenge: "c-123".into(),
        },
        RelayMessage::Count {
            subscription_id: sub,
            result: CountResult {
                count: 238,
                approximate: Some(true),
                hll: None,
            },
        },
    ];
    for m in msgs {
        assert_eq!(
            RelayMessage::from_json(&m.to_json()).unwrap(),
            m,
            "{}",
            m.to_json()
        );
    }
}

#[test]
fn prefixes() {
    for (s, p) in [
        (
            "duplicate: already have this event",
            Some(Prefix::Duplicate),
        ),
        ("pow: difficulty 25>=24", Some(Prefix::Pow)),
        (
            "blocked: you are banned from posting here",
            Some(Prefix::Blocked),
        ),
        (
            "rate-limited: slow down there chief",
            Some(Prefix::RateLimited),
        ),
        (
            "invalid: event creation date is too far off from the current time",
            Some(Prefix::Invalid),
        ),
        (
            "restricted: not allowed to write.",
            Some(Prefix::Restricted),
        ),
        (
            "mute: no one was listening to your ephemeral event",
            Some(Prefix::Mute),
        ),
        (
            "error: could not connect to the database",
            Some(Prefix::Error),
        ),
        (
            "auth-required: we only accept events from registered users",
            Some(Prefix::AuthRequired),
        ),
        (
            "unsupported: filter contains unknown elements",
            Some(Prefix::Unsupported),
        ),
        ("whatever: x", None),
        ("", None),
    ] {
        let r = Reason::raw(s);
        assert_eq!(r.prefix(), p, "{s}");
    }
    assert_eq!(Reason::raw("pow:x").text(), "x");
    let ok = r#"["OK","b1a649ebe8b435ec71d3784793f3bbf4b93e64e17568a741aecd4c7ddeafce30",true,""]"#;
    assert!(matches!(
        RelayMessage::from_json(ok).unwrap(),
        RelayMessage::Ok { accepted: true, .. }
    ));
    assert!(RelayMessage::from_json(&ok.replace("true", "\"true\"")).is_err());
    assert!(
        RelayMessage::from_json(&ok.replace(",\"\"]", "]")).is_err(),
        "OK needs its 4th element"
    );
    assert!(RelayMessage::from_json(r#"["COUNT","s",{"approximate":true}]"#).is_err());
    assert!(matches!(
        RelayMessage::from_json(&ok.replace("b1a6", "B1A6")),
        Err(Error::InvalidHex {
            field: "event_id",
            ..
        })
    ));
}

#[test]
fn count_responses_follow_nip45() {
    let hll = "0a".repeat(256);
    let json = format!(r#"["COUNT","s",{{"count":5,"approximate":false,"hll":"{hll}"}}]"#);
    let RelayMessage::Count { result, .. } = RelayMessage::from_json(&json).unwrap() else {
        panic!("not a COUNT")
    };
    assert_eq!(result.count, 5);
    assert_eq!(result.approximate, Some(false));
    assert_eq!(result.hll.as_deref(), Some(hll.as_str()));
    assert_eq!(
        RelayMessage::from_json(r#"["COUNT","s",{"count":5,"count":6}]"#),
        Err(Error::DuplicateField("count"))
    );
    assert_eq!(
        RelayMessage::from_json(
            r#"["COUNT","s",{"count":5,"approximate":true,"approximate":false}]"#
        ),
        Err(Error::DuplicateField("approximate"))
    );
    // `hll` is exactly 512 hex characters (256 one-byte registers).
    for bad in ["0a".repeat(255), "0A".repeat(256), "zz".repeat(256)] {
        let json = format!(r#"["COUNT","s",{{"count":5,"hll":"{bad}"}}]"#);
        assert!(
            matches!(
                RelayMessage::from_json(&json),
                Err(Error::InvalidHex { field: "hll", .. })
            ),
            "{bad}"
        );
    }
}
