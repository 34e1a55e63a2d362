//! Fuzz Appendix F receipt validation (the receipt's own author is taken as the
//! provider key, so the deeper checks are reached). Never panics; an accepted zap has
//! an amount equal to its invoice's and re-validates the same from its JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nostr_zap::ValidatedZap;

fn do_test(data: &[u8]) {
    let Ok(json) = core::str::from_utf8(data) else {
        return;
    };
    let Ok(event) = nostr_core::Event::from_json(json) else {
        return;
    };
    let lnurl = event.tags.first_value("lnurl");
    let Ok(zap) = ValidatedZap::validate(&event, &event.pubkey, lnurl) else {
        return;
    };
    assert_eq!(Some(zap.amount_msat), zap.invoice.amount_msat);
    if let Some(requested) = zap.request.amount_msat {
        assert_eq!(requested, zap.amount_msat);
    }
    assert_eq!(zap.recipient(), zap.request.recipient);
    let again =
        ValidatedZap::from_json(&event.to_json(), &event.pubkey, lnurl).expect("re-validates");
    assert_eq!(again, zap);
}

fuzz_target!(|data: &[u8]| do_test(data));
