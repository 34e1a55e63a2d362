#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]
//! The signed examples in NIP-53 (copied byte-identical into tests/data) parse.

mod support;

use nostr_core::{Error as CoreError, Event};
use nostr_live::{LiveChat, LiveEvent, Status};
use support::{json_events, read_data};

#[test]
fn nip53_signed_examples() {
    let events = json_events(&read_data("NIP-53.md"));
    assert_eq!(events.len(), 2, "NIP-53 has two signed examples");
    let live = Event::from_json(&events[0]).unwrap();
    let chat = Event::from_json(&events[1]).unwrap();

    // The 30311 example was edited after signing: its id does not match its fields
    // (nostr-core's spec tests document this). Parse it without verifying.
    assert!(matches!(live.verify(), Err(CoreError::IdMismatch { .. })));
    let parsed = LiveEvent::from_event(&live).unwrap();
    assert_eq!(parsed.identifier, "demo-cf-stream");
    assert_eq!(parsed.title.as_deref(), Some("Adult Swim Metalocalypse"));
    assert_eq!(parsed.status, Some(Status::Live));
    assert_eq!(parsed.hashtags, ["animation", "iptv"]);
    assert_eq!(parsed.streaming.len(), 1);
    assert_eq!(parsed.starts.map(|t| t.as_secs()), Some(1_687_182_672));
    assert!(parsed.other_tags.is_empty());
    assert!(parsed.validate().is_empty());
    assert_eq!(
        support::tag_multiset(&parsed.to_tags()),
        support::tag_multiset(&live.tags)
    );

    // The chat example is genuinely signed.
    chat.verify().unwrap();
    let msg = LiveChat::from_event(&chat).unwrap();
    let coord = msg.activity().unwrap();
    assert_eq!(coord, &parsed.coordinate(&live.pubkey));
    assert_eq!(msg.to_tags(), chat.tags);
    assert!(msg.validate().is_empty());
}
