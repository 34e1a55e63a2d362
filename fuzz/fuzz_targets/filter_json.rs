#![no_main]
//! Filters: never panic; what parses re-serializes to an equal filter that matches
//! exactly the same events.

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use nostr_core::{Event, EventBuilder, Filter, Keys, Kind, Tag, Timestamp};

/// A few signed events with the tag shapes filters look at (`e`, `p`, `t`, upper-case
/// letters, a name-only tag, a multi-letter name).
fn events() -> &'static [Event] {
    static EVENTS: OnceLock<Vec<Event>> = OnceLock::new();
    EVENTS.get_or_init(|| {
        let keys = Keys::from_hex(&"07".repeat(32)).expect("valid key");
        let hex = |b: u8| format!("{b:02x}").repeat(32);
        [
            (1, vec![Tag::new("e", [hex(0xaa)]), Tag::new("t", ["nostr"])]),
            (7, vec![Tag::new("p", [hex(0xbb)]), Tag::new("T", ["x"])]),
            (30023, vec![Tag::identifier("q"), Tag::new("t", [] as [&str; 0])]),
            (0, vec![Tag::new("emoji", ["x", "y"])]),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, (kind, tags))| {
            EventBuilder::new(Kind::new(kind), "fuzz")
                .tags(tags)
                .sign_at_with_aux(&keys, Timestamp::from_secs(i as u64 + 1), &[0; 32])
        })
        .collect()
    })
}

fn do_test(data: &[u8]) {
    let Ok(s) = core::str::from_utf8(data) else { return };
    if let Ok(f) = Filter::from_json(s) {
        let again = Filter::from_json(&f.to_json()).expect("our output parses");
        assert_eq!(again, f);
        for event in events() {
            assert_eq!(f.matches(event), again.matches(event));
        }
    }
}

fuzz_target!(|data: &[u8]| do_test(data));
