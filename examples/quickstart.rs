//! Quick start: keys, a signed note, what a receiver checks.
//!
//! Run: `cargo run -p nostr-examples --example quickstart`

use nostr_core::{Event, EventBuilder, Filter, Keys, Kind, Tag, Timestamp};

fn main() -> Result<(), Box<dyn core::error::Error>> {
    // 1. Keys: a fresh secret from the OS RNG, with its x-only public key.
    let keys = Keys::generate();
    println!("public key (hex): {}", keys.public_key());

    // 2. A signed kind-1 note.
    let note = EventBuilder::new(Kind::TEXT_NOTE, "hello nostr \u{1f44b}")
        .tag(Tag::hashtag("introductions"))
        .sign_at(&keys, Timestamp::now());
    let json = note.to_json();
    println!("signed note:\n{json}");

    // 3. What a receiver does: strict parse, then verify id and signature.
    let received = Event::from_json(&json)?;
    received.verify()?;
    println!("verified: id {} by {}", received.id, received.pubkey);

    // 4. Would a subscription want it?
    let filter = Filter::new()
        .kind(Kind::TEXT_NOTE)
        .tag('t', "introductions");
    println!(
        "matches {}: {}",
        filter.to_json(),
        filter.matches(&received)
    );
    Ok(())
}
