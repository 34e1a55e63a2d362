#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Property tests: sign/verify, JSON round trips, id invariance under wire
//! encoding, and tamper detection.

use nostr_core::{
    ClientMessage, Event, EventBuilder, EventId, Filter, Keys, Kind, PublicKey, RawEvent,
    RelayMessage, SecretKey, SubscriptionId, Tag, Tags, Timestamp,
};
use proptest::prelude::*;
use std::sync::OnceLock;

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys::from_hex(&"05".repeat(32)).unwrap())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        proptest::collection::vec(any::<char>(), 0..40).prop_map(|v| v.into_iter().collect()),
        proptest::collection::vec(0u8..0x80, 0..40)
            .prop_map(|v| v.into_iter().map(char::from).collect()),
    ]
}

fn any_event() -> impl Strategy<Value = Event> {
    (
        any::<u16>(),
        any::<u64>(),
        any_text(),
        proptest::collection::vec(
            (any_text(), proptest::collection::vec(any_text(), 0..4)),
            0..5,
        ),
    )
        .prop_map(|(kind, at, content, tags)| {
            EventBuilder::new(Kind::new(kind), content)
                .tags(tags.into_iter().map(|(n, v)| Tag::new(n, v)))
                .sign_at_with_aux(keys(), Timestamp::from_secs(at), &[9; 32])
        })
}

fn rebuild(tags: &[Vec<String>]) -> Tags {
    tags.iter()
        .map(|t| Tag::from_vec(t.clone()).unwrap())
        .collect()
}

fn hex32() -> impl Strategy<Value = [u8; 32]> {
    any::<[u8; 32]>()
}

/// Filters built through the builder, over every NIP-01 field. `#e`/`#p` values are
/// hex (NIP-01 requires it); other letters take any text.
fn any_filter() -> impl Strategy<Value = Filter> {
    (
        proptest::option::of(proptest::collection::vec(hex32(), 0..3)),
        proptest::option::of(proptest::collection::vec(hex32(), 0..3)),
        proptest::option::of(proptest::collection::vec(any::<u16>(), 0..4)),
        proptest::collection::vec(
            (
                proptest::char::range('a', 'z'),
                proptest::collection::vec(any_text(), 1..3),
            ),
            0..3,
        ),
        proptest::collection::vec(hex32(), 0..2),
        (
            proptest::option::of(any::<u64>()),
            proptest::option::of(any::<u64>()),
            proptest::option::of(any::<u64>()),
        ),
    )
        .prop_map(
            |(ids, authors, kinds, tags, e_refs, (since, until, limit))| {
                let mut f = Filter::new();
                if let Some(ids) = ids {
                    f = f.ids(ids.into_iter().map(EventId::from_bytes));
                }
                if let Some(authors) = authors {
                    f = f.authors(authors.into_iter().map(PublicKey::from_bytes));
                }
                if let Some(kinds) = kinds {
                    f = f.kinds(kinds.into_iter().map(Kind::new));
                }
                for (letter, values) in tags {
                    if letter != 'e' && letter != 'p' {
                        f = f.tags(letter, values);
                    }
                }
                for id in e_refs {
                    f = f.tag('e', EventId::from_bytes(id).to_hex());
                }
                if let Some(v) = since {
                    f = f.since(Timestamp::from_secs(v));
                }
                if let Some(v) = until {
                    f = f.until(Timestamp::from_secs(v));
                }
                if let Some(v) = limit {
                    f = f.limit(v);
                }
                f
            },
        )
}

fn any_subscription_id() -> impl Strategy<Value = SubscriptionId> {
    proptest::collection::vec(any::<char>(), 1..=64)
        .prop_map(|c| SubscriptionId::new(c.into_iter().collect::<String>()).unwrap())
}

/// Re-encodes a string as JSON with every non-ASCII char as \u escapes (surrogate
/// pairs for astral ones) and `/` as `\/`.
fn escape_heavy(s: &str) -> String {
    let mut out = String::from("\"");
    for u in s.encode_utf16() {
        match u {
            0x22 => out.push_str("\\\""),
            0x5c => out.push_str("\\\\"),
            0x2f => out.push_str("\\/"),
            0x20..=0x7e => out.push(char::from(u as u8)),
            _ => out.push_str(&format!("\\u{u:04x}")),
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn sign_then_verify(ev in any_event()) {
        prop_assert!(ev.verify().is_ok());
    }

    #[test]
    fn json_round_trip(ev in any_event()) {
        let json = ev.to_json();
        let back = Event::from_json(&json).unwrap();
        prop_assert_eq!(&back, &ev);
        let raw = RawEvent::from_json(&json).unwrap();
        prop_assert_eq!(raw.compute_id(), ev.id);
        prop_assert_eq!(raw.to_event(), ev);
    }

    #[test]
    fn id_invariant_under_field_order_and_escapes(ev in any_event(), order in Just(()).prop_perturb(|_, mut rng| {
        let mut idx: Vec<usize> = (0..7).collect();
        for i in (1..7).rev() { idx.swap(i, (rng.next_u32() as usize) % (i + 1)); }
        idx
    })) {
        let tags: Vec<String> = ev.tags.iter().map(|t| {
            let items: Vec<String> = t.iter().map(escape_heavy).collect();
            format!("[{}]", items.join(" , "))
        }).collect();
        let fields = [
            format!("\"id\":\"{}\"", ev.id),
            format!("\"pubkey\" : \"{}\"", ev.pubkey),
            format!("\"created_at\":{}", ev.created_at),
            format!("\"kind\":\n{}", ev.kind),
            format!("\"tags\":[ {} ]", tags.join(",")),
            format!("\"content\":{}", escape_heavy(&ev.content)),
            format!("\"sig\":\"{}\"", ev.sig),
        ];
        let body: Vec<&str> = order.iter().map(|i| fields[*i].as_str()).collect();
        let json = format!("{{ {} }}", body.join(",\t"));
        let back = Event::from_json(&json).unwrap();
        prop_assert_eq!(&back, &ev);
        prop_assert!(back.verify().is_ok());
        prop_assert!(RawEvent::from_json(&json).unwrap().verify().is_ok());
    }

    #[test]
    fn any_key_and_aux_sign_then_verify(
        secret in any::<[u8; 32]>().prop_filter_map("valid scalar", |b| SecretKey::from_bytes(b).ok()),
        aux in any::<[u8; 32]>(),
        content in any_text(),
        at in any::<u64>(),
    ) {
        let keys = Keys::new(secret);
        let ev = EventBuilder::new(Kind::TEXT_NOTE, content)
            .tag(Tag::hashtag("p"))
            .sign_at_with_aux(&keys, Timestamp::from_secs(at), &aux);
        prop_assert_eq!(ev.pubkey, keys.public_key());
        prop_assert!(ev.verify().is_ok());
        prop_assert!(RawEvent::from_json(&ev.to_json()).unwrap().verify().is_ok());
    }

    #[test]
    fn any_mutation_breaks_verification(
        ev in any_event(),
        which in 0u8..9,
        extra in "[a-z]{1,3}",
        pick in any::<prop::sample::Index>(),
    ) {
        let mut bad = ev.clone();
        let mut tags: Vec<Vec<String>> = ev.tags.iter().map(|t| t.to_vec()).collect();
        match which {
            0 => bad.content.push_str(&extra),
            1 => bad.created_at = Timestamp::from_secs(ev.created_at.as_secs().wrapping_add(1)),
            2 => bad.tags.push(Tag::new(extra, ["v"])),
            3 => bad.kind = Kind::new(ev.kind.as_u16().wrapping_add(1)),
            // Replace one character of the content in place.
            4 => {
                let chars: Vec<char> = ev.content.chars().collect();
                prop_assume!(!chars.is_empty());
                let i = pick.index(chars.len());
                let mut edited = chars.clone();
                edited[i] = if chars[i] == 'x' { 'y' } else { 'x' };
                bad.content = edited.into_iter().collect();
            }
            // Edit one item of one tag.
            5 => {
                prop_assume!(!tags.is_empty());
                let t = pick.index(tags.len());
                let i = pick.index(tags[t].len());
                tags[t][i].push('!');
                bad.tags = rebuild(&tags);
            }
            // Remove one tag.
            6 => {
                prop_assume!(!tags.is_empty());
                tags.remove(pick.index(tags.len()));
                bad.tags = rebuild(&tags);
            }
            // Swap two different tags.
            7 => {
                prop_assume!(tags.len() >= 2);
                let i = pick.index(tags.len());
                let j = (i + 1) % tags.len();
                prop_assume!(tags[i] != tags[j]);
                tags.swap(i, j);
                bad.tags = rebuild(&tags);
            }
            // Claim another author.
            _ => bad.pubkey = Keys::from_hex(&"06".repeat(32)).unwrap().public_key(),
        }
        prop_assert!(bad.verify().is_err());
        // Even with the id recomputed, the signature no longer matches.
        bad.id = bad.compute_id();
        prop_assert!(bad.verify().is_err());
    }

    #[test]
    fn filter_json_round_trip(f in any_filter()) {
        let json = f.to_json();
        prop_assert_eq!(Filter::from_json(&json).unwrap(), f.clone(), "{}", json);
        // Serialization is canonical: a second trip writes the same bytes.
        prop_assert_eq!(Filter::from_json(&json).unwrap().to_json(), json);
    }

    #[test]
    fn messages_round_trip(
        sub in any_subscription_id(),
        filters in proptest::collection::vec(any_filter(), 1..3),
        ev in any_event(),
        text in any_text(),
    ) {
        let client = [
            ClientMessage::Req { subscription_id: sub.clone(), filters: filters.clone() },
            ClientMessage::Count { subscription_id: sub.clone(), filters },
            ClientMessage::Close(sub.clone()),
            ClientMessage::Event(Box::new(ev.clone())),
        ];
        for m in client {
            prop_assert_eq!(ClientMessage::from_json(&m.to_json()).unwrap(), m);
        }
        let relay = [
            RelayMessage::Event { subscription_id: sub.clone(), event: Box::new(ev) },
            RelayMessage::Eose(sub.clone()),
            RelayMessage::Notice(text.clone()),
            RelayMessage::Closed { subscription_id: sub, reason: nostr_core::Reason::raw(text) },
        ];
        for m in relay {
            prop_assert_eq!(RelayMessage::from_json(&m.to_json()).unwrap(), m);
        }
    }

    #[test]
    fn parsers_never_panic(s in "\\PC{0,200}") {
        let _ = Event::from_json(&s);
        let _ = RawEvent::from_json(&s);
        let _ = nostr_core::Filter::from_json(&s);
        let _ = nostr_core::ClientMessage::from_json(&s);
        let _ = nostr_core::RelayMessage::from_json(&s);
    }
}
