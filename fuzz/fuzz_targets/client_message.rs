#![no_main]
//! Client -> relay messages: never panic; what parses re-serializes to an equal message.

use libfuzzer_sys::fuzz_target;
use nostr_core::ClientMessage;

fn do_test(data: &[u8]) {
    let Ok(s) = core::str::from_utf8(data) else { return };
    if let Ok(msg) = ClientMessage::from_json(s) {
        let again = ClientMessage::from_json(&msg.to_json()).expect("our output parses");
        assert_eq!(again, msg);
    }
}

fuzz_target!(|data: &[u8]| do_test(data));
