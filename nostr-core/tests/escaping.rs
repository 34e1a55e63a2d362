#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! NIP-01 canonical escaping, character by character, and id invariance under the
//! escape style used on the wire.

use nostr_core::{Event, EventBuilder, Keys, Kind, PublicKey, Tag, Timestamp, UnsignedEvent};

fn unsigned(content: &str) -> UnsignedEvent {
    let pk = PublicKey::from_bytes([0x11; 32]);
    EventBuilder::new(Kind::TEXT_NOTE, content).build(pk, Timestamp::from_secs(1))
}

/// The escaped form of one character inside the canonical content string.
fn escaped(c: char) -> String {
    let json = unsigned(&c.to_string()).canonical_json();
    let start = json.rfind(",\"").unwrap() + 2;
    json[start..json.len() - 2].to_string()
}

#[test]
fn every_control_character() {
    let short = [
        (0x08, "\\b"),
        (0x09, "\\t"),
        (0x0a, "\\n"),
        (0x0c, "\\f"),
        (0x0d, "\\r"),
    ];
    for b in 0u8..0x20 {
        let expected = short
            .iter()
            .find(|(c, _)| *c == b)
            .map(|(_, e)| (*e).to_string())
            .unwrap_or_else(|| format!("\\u{:04x}", b));
        assert_eq!(escaped(char::from(b)), expected, "byte {b:#04x}");
    }
}

#[test]
fn specials_and_verbatim() {
    assert_eq!(escaped('"'), "\\\"");
    assert_eq!(escaped('\\'), "\\\\");
    for c in [
        '/',
        '\u{7f}',
        '\u{2028}',
        '\u{2029}',
        '😀',
        '\u{10ffff}',
        'é',
        '\u{a0}',
        '\u{feff}',
    ] {
        assert_eq!(escaped(c), c.to_string(), "{:?} must be verbatim", c);
    }
    assert_eq!(escaped('\u{1f}'), "\\u001f");
    assert_eq!(escaped('\u{1b}'), "\\u001b");
}

#[test]
fn canonical_layout() {
    let pk = PublicKey::from_bytes([0xab; 32]);
    let ev = EventBuilder::new(Kind::new(30311), "a\"b\nc")
        .tag(Tag::new("d", ["x"]))
        .tag(Tag::new("t", ["y", ""]))
        .build(pk, Timestamp::from_secs(1_687_182_672));
    assert_eq!(
        ev.canonical_json(),
        format!(
            "[0,\"{}\",1687182672,30311,[[\"d\",\"x\"],[\"t\",\"y\",\"\"]],\"a\\\"b\\nc\"]",
            "ab".repeat(32)
        )
    );
}

#[test]
fn id_invariant_under_wire_escape_style_and_field_order() {
    let keys = Keys::generate();
    let content = "caf\u{e9} / \u{1f600} \"q\" \\ \u{2028}\tend";
    let ev = EventBuilder::new(Kind::TEXT_NOTE, content)
        .tag(Tag::new("t", ["caf\u{e9}"]))
        .sign_at(&keys, Timestamp::from_secs(1_700_000_000));
    // Re-encode strings with \u escapes for every non-ASCII char, escaped slashes,
    // surrogate pairs, and put fields in another order.
    let esc = |s: &str| {
        let mut out = String::new();
        for u in s.encode_utf16() {
            match u {
                0x22 => out.push_str("\\\""),
                0x5c => out.push_str("\\\\"),
                0x2f => out.push_str("\\/"),
                0x20..=0x7e => out.push(char::from(u as u8)),
                _ => out.push_str(&format!("\\u{u:04X}")),
            }
        }
        out
    };
    let json = format!(
        r#"{{"sig":"{}","content":"{}","tags":[["t","{}"]],"kind":1,"created_at":1700000000,"pubkey":"{}","id":"{}"}}"#,
        ev.sig,
        esc(content),
        esc("caf\u{e9}"),
        ev.pubkey,
        ev.id
    );
    let parsed = Event::from_json(&json).unwrap();
    assert_eq!(parsed, ev);
    parsed.verify().unwrap();
    let raw = nostr_core::RawEvent::from_json(&json).unwrap();
    assert_eq!(raw.compute_id(), ev.id);
    raw.verify().unwrap();
    assert_eq!(raw.to_event(), ev);
}
