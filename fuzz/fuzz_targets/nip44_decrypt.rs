//! NIP-44 v2 decryption of arbitrary payloads.
//!
//! Input: 32 bytes of conversation key, then the payload. Decryption must never
//! panic; when it succeeds, re-encrypting the plaintext with the payload's own nonce
//! must give back exactly the input payload (the format is canonical).

#![no_main]

use libfuzzer_sys::fuzz_target;
use nostr_nip44::{ConversationKey, Error};

fn do_test(data: &[u8]) {
    let Some((key, payload)) = data.split_first_chunk::<32>() else {
        return;
    };
    let key = ConversationKey::from_bytes(*key);
    let as_bytes = key.decrypt_to_bytes(payload);
    let as_text = key.decrypt(payload);
    match (&as_bytes, &as_text) {
        (Ok(plaintext), Ok(text)) => assert_eq!(plaintext.as_slice(), text.as_bytes()),
        (Ok(plaintext), Err(e)) => {
            assert_eq!(*e, Error::InvalidUtf8);
            assert!(core::str::from_utf8(plaintext).is_err());
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (Err(_), Ok(_)) => panic!("text decryption accepted what byte decryption rejected"),
    }
    if let Ok(plaintext) = as_bytes {
        let text = core::str::from_utf8(payload).expect("accepted payload is base64");
        let raw = decode(text);
        let nonce: [u8; 32] = raw[1..33].try_into().expect("nonce");
        let again = key.encrypt_with_nonce(&plaintext, &nonce).expect("re-encrypt");
        assert_eq!(again.as_bytes(), payload, "decrypt/encrypt round trip");
    }
}

/// Tiny strict base64 decoder for the round-trip check (the input was accepted, so
/// it is valid).
fn decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => 0,
    };
    let mut out = Vec::new();
    for quad in s.as_bytes().chunks(4) {
        let n = quad.iter().fold(0u32, |acc, &c| (acc << 6) | u32::from(val(c)));
        let bytes = n.to_be_bytes();
        let keep = 3 - quad.iter().filter(|c| **c == b'=').count();
        out.extend_from_slice(&bytes[1..1 + keep]);
    }
    out
}

fuzz_target!(|data: &[u8]| do_test(data));
