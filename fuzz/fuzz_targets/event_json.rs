#![no_main]
//! Untrusted event JSON: both parsers agree (on the event or on the exact error), never
//! panic, what parses round-trips through our serializer with the same id, and the
//! typed tag views (NIP-01/10 `e`, `p`, `a`, NIP-13, NIP-40) read any tags without
//! panicking, with coordinates that format back to what they parsed from.

use libfuzzer_sys::fuzz_target;
use nostr_core::{Coordinate, Event, RawEvent, nip10::Thread, nip13, nip40};

fn do_test(data: &[u8]) {
    let Ok(s) = core::str::from_utf8(data) else { return };
    let owned = Event::from_json(s);
    let raw = RawEvent::from_json(s);
    match (owned, raw) {
        (Ok(ev), Ok(raw)) => {
            assert_eq!(raw.to_event(), ev);
            assert_eq!(raw.compute_id(), ev.compute_id());
            let again = Event::from_json(&ev.to_json()).expect("our output parses");
            assert_eq!(again, ev);
            let _ = ev.verify();
            typed_views(&ev);
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "the parsers give different errors on {s:?}"),
        (a, b) => panic!("owned and raw parsers disagree on {s:?}: {a:?} / {:?}", b.err()),
    }
}

fn typed_views(ev: &Event) {
    for tag in &ev.tags {
        let _ = tag.as_event_ref();
        let _ = tag.as_pubkey_ref();
        if let Some(Ok(a)) = tag.as_coordinate_ref() {
            let text = a.coordinate.to_string();
            assert_eq!(Coordinate::parse(&text).as_ref(), Ok(&a.coordinate), "{text}");
        }
    }
    let _ = Thread::from_tags(&ev.tags);
    let _ = nip13::committed_target(&ev.tags);
    let _ = nip13::meets(&ev.id, &ev.tags, 8, true);
    let _ = nip40::expiration(&ev.tags);
}

fuzz_target!(|data: &[u8]| do_test(data));
