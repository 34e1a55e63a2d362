#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Property tests: sign/verify, JSON round trips, id invariance under wire
//! encoding, and tamper detection.

use nostr_core::{Event, EventBuilder, Keys, Kind, RawEvent, Tag, Timestamp};
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
    fn any_mutation_breaks_verification(ev in any_event(), which in 0u8..4, extra in "[a-z]{1,3}") {
        let mut bad = ev.clone();
        match which {
            0 => bad.content.push_str(&extra),
            1 => bad.created_at = Timestamp::from_secs(ev.created_at.as_secs().wrapping_add(1)),
            2 => bad.tags.push(Tag::new(extra, ["v"])),
            _ => bad.kind = Kind::new(ev.kind.as_u16().wrapping_add(1)),
        }
        prop_assert!(bad.verify().is_err());
        // Even with the id recomputed, the signature no longer matches.
        bad.id = bad.compute_id();
        prop_assert!(bad.verify().is_err());
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
