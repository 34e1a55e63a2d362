//! NIP-21 parser and content scanner: never panic; every match's range is in bounds,
//! ordered, points at text that parses to the reported URI, and the URI writes back
//! to a string that parses to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nostr_nip19::{NostrUri, find_uris};

fn do_test(data: &[u8]) {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    if let Ok(uri) = NostrUri::parse(text) {
        assert!(!uri.entity().is_secret());
        assert_eq!(NostrUri::parse(&uri.to_string()).expect("re-parse"), uri);
    }
    let mut last_end = 0;
    for m in find_uris(text) {
        assert!(m.range.start >= last_end && m.range.end <= text.len());
        last_end = m.range.end;
        let slice = text.get(m.range.clone()).expect("char boundaries");
        assert_eq!(NostrUri::parse(slice).expect("match parses"), m.uri);
        assert!(!m.uri.entity().is_secret());
        let written = m.uri.to_string();
        assert_eq!(NostrUri::parse(&written).expect("written parses"), m.uri);
    }
}

fuzz_target!(|data: &[u8]| do_test(data));
