#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Untrusted event JSON: every rejection is precise.

use nostr_core::hex::HexError;
use nostr_core::{
    Error, Event, EventBuilder, JsonErrorKind, Keys, Kind, NumberError, RawEvent, Timestamp,
};

fn good() -> (Event, String) {
    let keys = Keys::from_hex(&"01".repeat(32)).unwrap();
    let ev = EventBuilder::new(Kind::TEXT_NOTE, "hi")
        .tag(nostr_core::Tag::new("t", ["x"]))
        .sign_at_with_aux(&keys, Timestamp::from_secs(1_700_000_000), &[0; 32]);
    let json = ev.to_json();
    (ev, json)
}

fn err(json: &str) -> Error {
    let owned = Event::from_json(json).unwrap_err();
    let raw = RawEvent::from_json(json).unwrap_err();
    assert_eq!(owned, raw, "owned and borrowed parsers agree on {json}");
    owned
}

#[test]
fn accepts_the_good_one() {
    let (ev, json) = good();
    assert_eq!(Event::from_json(&json).unwrap(), ev);
    assert_eq!(Event::from_json(&format!("  {json}\n")).unwrap(), ev);
}

#[test]
fn missing_and_duplicate_fields() {
    let (_, json) = good();
    for field in [
        "id",
        "pubkey",
        "created_at",
        "kind",
        "tags",
        "content",
        "sig",
    ] {
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut m = v.as_object().unwrap().clone();
        m.remove(field);
        let s = serde_json::to_string(&m).unwrap();
        assert_eq!(err(&s), Error::MissingField(field_static(field)), "{field}");
    }
    let dup = json.replacen("{", "{\"kind\":1,", 1);
    assert_eq!(err(&dup), Error::DuplicateField("kind"));
    // A repeated key is a duplicate whatever its second value holds.
    for (field, bad) in [
        ("id", "\"XYZ\""),
        ("pubkey", "5"),
        ("created_at", "-1"),
        ("kind", "70000"),
        ("tags", "[[]]"),
        ("content", "5"),
        ("sig", "null"),
    ] {
        let dup = format!("{},\"{field}\":{bad}}}", &json[..json.len() - 1]);
        assert_eq!(
            err(&dup),
            Error::DuplicateField(field_static(field)),
            "{dup}"
        );
    }
}

fn field_static(f: &str) -> &'static str {
    [
        "id",
        "pubkey",
        "created_at",
        "kind",
        "tags",
        "content",
        "sig",
    ]
    .into_iter()
    .find(|x| *x == f)
    .unwrap()
}

#[test]
fn hex_rules() {
    let (ev, json) = good();
    let fields = [
        ("id", ev.id.to_hex()),
        ("pubkey", ev.pubkey.to_hex()),
        ("sig", ev.sig.to_hex()),
    ];
    for (field, hex) in fields {
        let chars = hex.len();
        // Uppercase: NIP-01 requires lowercase. The first letter's position is reported.
        let position = hex.find(|c: char| c.is_ascii_alphabetic()).unwrap();
        assert_eq!(
            err(&json.replace(&hex, &hex.to_uppercase())),
            Error::InvalidHex {
                field,
                source: HexError::Uppercase { position }
            },
            "{field} uppercase"
        );
        for got in [chars - 2, chars - 1, chars + 2, 0] {
            let resized = format!("{hex}00")[..got].to_string();
            assert_eq!(
                err(&json.replace(&hex, &resized)),
                Error::InvalidHex {
                    field,
                    source: HexError::WrongLength {
                        expected: chars,
                        got
                    }
                },
                "{field} of length {got}"
            );
        }
        let junk = format!("{}zz", &hex[..chars - 2]);
        assert_eq!(
            err(&json.replace(&hex, &junk)),
            Error::InvalidHex {
                field,
                source: HexError::InvalidChar {
                    position: chars - 2
                }
            },
            "{field} with a non-hex character"
        );
    }
}

#[test]
fn number_rules() {
    let (_, json) = good();
    assert_eq!(
        err(&json.replace("\"kind\":1,", "\"kind\":65536,")),
        Error::KindOutOfRange(65536)
    );
    assert_eq!(
        err(&json.replace("\"kind\":1,", "\"kind\":-1,")),
        Error::InvalidNumber {
            field: "kind",
            reason: NumberError::Negative
        }
    );
    assert_eq!(
        err(&json.replace("\"kind\":1,", "\"kind\":1.0,")),
        Error::InvalidNumber {
            field: "kind",
            reason: NumberError::NotInteger
        }
    );
    assert_eq!(
        err(&json.replace("1700000000", "1.7e9")),
        Error::InvalidNumber {
            field: "created_at",
            reason: NumberError::NotInteger
        }
    );
    assert_eq!(
        err(&json.replace("1700000000", "-1700000000")),
        Error::InvalidNumber {
            field: "created_at",
            reason: NumberError::Negative
        }
    );
    // Past u64: a number too large to read, for any integer field.
    assert_eq!(
        err(&json.replace("\"kind\":1,", "\"kind\":18446744073709551616,")),
        Error::InvalidNumber {
            field: "kind",
            reason: NumberError::TooLarge
        }
    );
    assert_eq!(
        err(&json.replace("\"kind\":1,", "\"kind\":18446744073709551615,")),
        Error::KindOutOfRange(u64::MAX)
    );
    assert_eq!(
        err(&json.replace("1700000000", "99999999999999999999")),
        Error::InvalidNumber {
            field: "created_at",
            reason: NumberError::TooLarge
        }
    );
    assert_eq!(
        err(&json.replace("1700000000", "\"1700000000\"")),
        Error::WrongType {
            field: "created_at",
            expected: "a number"
        }
    );
}

#[test]
fn tag_and_content_rules() {
    let (_, json) = good();
    assert_eq!(
        err(&json.replace("[[\"t\",\"x\"]]", "[[\"t\",\"x\"],[]]")),
        Error::EmptyTag { index: 1 }
    );
    assert_eq!(
        err(&json.replace("[[\"t\",\"x\"]]", "[[\"t\",1]]")),
        Error::TagItemNotString { tag: 0, item: 1 }
    );
    assert_eq!(
        err(&json.replace("[[\"t\",\"x\"]]", "[[\"t\",null]]")),
        Error::TagItemNotString { tag: 0, item: 1 }
    );
    assert!(matches!(
        err(&json.replace("[[\"t\",\"x\"]]", "[\"t\"]")),
        Error::WrongType { field: "tags", .. }
    ));
    // Trailing commas are JSON syntax errors, not type errors.
    for trailing in ["[[\"t\",\"x\",]]", "[[\"t\",\"x\"],]", "[[\"t\",\"x\"] , ]"] {
        match err(&json.replace("[[\"t\",\"x\"]]", trailing)) {
            Error::Json(e) => assert!(matches!(e.reason, JsonErrorKind::Expected(_)), "{e}"),
            other => panic!("{trailing}: {other:?}"),
        }
    }
    assert!(matches!(
        err(&json.replace("\"content\":\"hi\"", "\"content\":5")),
        Error::WrongType {
            field: "content",
            ..
        }
    ));
    assert!(matches!(
        err(&json.replace("\"content\":\"hi\"", "\"content\":null")),
        Error::WrongType {
            field: "content",
            ..
        }
    ));
}

#[test]
fn syntax_and_trailing() {
    let (_, json) = good();
    match err(&format!("{json}x")) {
        Error::Json(e) => assert_eq!(e.reason, JsonErrorKind::TrailingCharacters),
        other => panic!("{other:?}"),
    }
    match err(&format!("{json}{{}}")) {
        Error::Json(e) => assert_eq!(e.reason, JsonErrorKind::TrailingCharacters),
        other => panic!("{other:?}"),
    }
    assert!(matches!(err(&json[..json.len() - 1]), Error::Json(_)));
    assert!(matches!(err(""), Error::Json(_)));
    assert!(matches!(err("<html>"), Error::Json(_)));
    assert!(matches!(err("[]"), Error::WrongType { .. }));
    let bad_escape = json.replace("\"content\":\"hi\"", "\"content\":\"\\ud800\"");
    match err(&bad_escape) {
        Error::Json(e) => assert_eq!(e.reason, JsonErrorKind::InvalidUnicodeEscape),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_fields_are_ignored() {
    let (ev, json) = good();
    let extra = json.replacen("{", "{\"seen_on\":[\"wss://x\"],\"meta\":{\"a\":[1,2]},", 1);
    assert_eq!(Event::from_json(&extra).unwrap(), ev);
}
