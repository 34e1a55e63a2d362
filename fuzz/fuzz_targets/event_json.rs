#![no_main]
//! Untrusted event JSON: both parsers agree, never panic, and what parses
//! round-trips through our serializer with the same id.

use libfuzzer_sys::fuzz_target;
use nostr_core::{Event, RawEvent};

fn do_test(data: &[u8]) {
    let Ok(s) = core::str::from_utf8(data) else { return };
    let owned = Event::from_json(s);
    let raw = RawEvent::from_json(s);
    assert_eq!(owned.is_ok(), raw.is_ok(), "owned and raw parsers disagree on {s:?}");
    if let (Ok(ev), Ok(raw)) = (owned, raw) {
        assert_eq!(raw.to_event(), ev);
        assert_eq!(raw.compute_id(), ev.compute_id());
        let again = Event::from_json(&ev.to_json()).expect("our output parses");
        assert_eq!(again, ev);
        let _ = ev.verify();
    }
}

fuzz_target!(|data: &[u8]| do_test(data));
