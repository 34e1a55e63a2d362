//! Fuzz the BOLT-11 decoder: never panics; a decoded invoice decodes the same in upper
//! case, and its signed hash is stable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nostr_zap::bolt11::Invoice;

fn do_test(data: &[u8]) {
    let Ok(s) = core::str::from_utf8(data) else {
        return;
    };
    let Ok(invoice) = Invoice::decode(s) else {
        return;
    };
    // Case-insensitive: the upper-case form is the same invoice.
    if s.bytes().all(|b| !b.is_ascii_uppercase()) {
        let upper = Invoice::decode(&s.to_ascii_uppercase()).expect("upper case decodes");
        assert_eq!(upper, invoice);
    }
    // Deterministic.
    assert_eq!(Invoice::decode(s).expect("decodes twice"), invoice);
    assert!(invoice.expires_at() >= invoice.timestamp);
}

fuzz_target!(|data: &[u8]| do_test(data));
