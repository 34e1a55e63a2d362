#![no_main]
//! Relay -> client messages: never panic; what parses re-serializes to an equal message.

use libfuzzer_sys::fuzz_target;
use nostr_core::RelayMessage;

fn do_test(data: &[u8]) {
    let Ok(s) = core::str::from_utf8(data) else { return };
    if let Ok(msg) = RelayMessage::from_json(s) {
        let again = RelayMessage::from_json(&msg.to_json()).expect("our output parses");
        assert_eq!(again, msg);
    }
}

fuzz_target!(|data: &[u8]| do_test(data));
