#![no_main]
//! Filters: never panic; what parses re-serializes to an equal filter.

use libfuzzer_sys::fuzz_target;
use nostr_core::Filter;

fn do_test(data: &[u8]) {
    let Ok(s) = core::str::from_utf8(data) else { return };
    if let Ok(f) = Filter::from_json(s) {
        let again = Filter::from_json(&f.to_json()).expect("our output parses");
        assert_eq!(again, f);
    }
}

fuzz_target!(|data: &[u8]| do_test(data));
