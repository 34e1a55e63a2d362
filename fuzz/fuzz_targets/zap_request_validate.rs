//! Fuzz Appendix D request validation: the first 8 bytes are the query amount, the rest
//! the `nostr` parameter. Never panics; an accepted request re-serializes to one that is
//! accepted with the same fields.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nostr_zap::ZapRequest;

fn do_test(data: &[u8]) {
    let Some((amount, json)) = data.split_first_chunk::<8>() else {
        return;
    };
    let amount = u64::from_le_bytes(*amount);
    let Ok(json) = core::str::from_utf8(json) else {
        return;
    };
    // Also exercise the path with the amount the request itself names.
    let request = match ZapRequest::from_json(json, amount) {
        Ok(r) => r,
        Err(_) => {
            let Ok(event) = nostr_core::Event::from_json(json) else {
                return;
            };
            let named = event
                .tags
                .first_value("amount")
                .and_then(|a| a.parse().ok())
                .unwrap_or(amount);
            match ZapRequest::from_json(json, named) {
                Ok(r) => r,
                Err(_) => return,
            }
        }
    };
    let query = request.amount_msat.unwrap_or(amount);
    let again = ZapRequest::from_json(&request.event.to_json(), query).expect("round trip");
    assert_eq!(again, request);
    assert_eq!(request.event.tags.filter("p").count(), 1);
    assert!(request.event.tags.filter("e").count() <= 1);
    assert!(!request.relays.is_empty());
}

fuzz_target!(|data: &[u8]| do_test(data));
