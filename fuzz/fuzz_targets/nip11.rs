//! NIP-11 relay information documents: lenient parsing never panics, and what we
//! write parses back to the same document (and the same text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nostr_core::nip11::RelayInformation;
use nostr_core::policy::AcceptancePolicy;
use nostr_core::req::Limits;

fn do_test(data: &[u8]) {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = RelayInformation::from_json(text) else {
        return;
    };
    let json = doc.to_json();
    let again = RelayInformation::from_json(&json).expect("our own output parses");
    assert_eq!(again, doc, "parse(write(doc)) != doc for {text:?}");
    assert_eq!(again.to_json(), json);
    if let Some(limitation) = &doc.limitation {
        let _ = AcceptancePolicy::from_limitation(limitation);
        let _ = Limits::from_limitation(limitation);
    }
    let _ = (doc.admin_pubkey(), doc.relay_pubkey(), doc.supports(42));
}

fuzz_target!(|data: &[u8]| do_test(data));
