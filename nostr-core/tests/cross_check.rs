#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Events signed by nostr-tools (see tests/data/nostr-tools/README.md) parse, hash to
//! the same ids and verify, through both the owned and the borrowed parser.

use nostr_core::{Event, Keys, RawEvent};

#[test]
fn nostr_tools_events_verify() {
    let data = include_str!("data/nostr-tools/events.jsonl");
    let keys = Keys::from_hex(&"07".repeat(32)).unwrap();
    let mut n = 0;
    for line in data.lines() {
        let ev = Event::from_json(line).unwrap();
        assert_eq!(ev.pubkey, keys.public_key());
        assert_eq!(ev.compute_id(), ev.id, "{line}");
        ev.verify().unwrap();
        let raw = RawEvent::from_json(line).unwrap();
        raw.verify().unwrap();
        assert_eq!(raw.to_event(), ev);
        // Our re-serialization parses back to the same event.
        assert_eq!(Event::from_json(&ev.to_json()).unwrap(), ev);
        n += 1;
    }
    assert_eq!(n, 9);
}
