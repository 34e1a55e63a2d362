//! NIP-49: parse and decrypt untrusted `ncryptsec` strings and payloads, with the scrypt
//! cost capped at log_n 4 so every input stays cheap.
//!
//! Input: one mode byte, then
//! - mode even: `<ncryptsec string>\n<password>` (the string goes through full bech32
//!   parsing, so most inputs exercise the rejection paths);
//! - mode odd: `<payload bytes><password>`: the first 91 bytes are the payload, parsed
//!   directly (and its bech32 form checked to parse the same), so the fuzzer reaches the
//!   field checks and decryption without having to find bech32 checksums.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nostr_nip49::{DecryptOptions, EncryptedSecretKey, Error};

const MAX_LOG_N: u8 = 4;

fn do_test(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (input, password) = if mode % 2 == 0 {
        match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &b""[..]),
        }
    } else {
        rest.split_at(rest.len().min(EncryptedSecretKey::LEN))
    };
    let Ok(password) = core::str::from_utf8(password) else {
        return;
    };

    let text = if mode % 2 == 0 {
        match core::str::from_utf8(input) {
            Ok(text) => text.to_owned(),
            Err(_) => return,
        }
    } else {
        // Bytes parse exactly as their bech32 form does.
        match EncryptedSecretKey::from_bytes(input) {
            Ok(parsed) => {
                let text = parsed.to_string();
                assert_eq!(text.parse::<EncryptedSecretKey>().as_ref(), Ok(&parsed));
                text
            }
            Err(err) => {
                assert!(matches!(
                    err,
                    Error::InvalidLength { .. }
                        | Error::UnsupportedVersion(_)
                        | Error::InvalidLogN(0)
                        | Error::InvalidKeySecurity(_)
                ));
                return;
            }
        }
    };

    let options = DecryptOptions::new().with_max_log_n(MAX_LOG_N);
    let parsed = match text.parse::<EncryptedSecretKey>() {
        Ok(parsed) => parsed,
        Err(err) => {
            // Parsing never reports the crypto or cost errors.
            assert!(!matches!(
                err,
                Error::Decryption | Error::InvalidSecretKey | Error::LogNTooLarge { .. }
            ));
            assert_eq!(options.decrypt(&text, password).unwrap_err(), err);
            return;
        }
    };

    // Round trips: string and bytes.
    let reencoded = parsed.to_string();
    assert_eq!(
        reencoded.parse::<EncryptedSecretKey>().as_ref(),
        Ok(&parsed)
    );
    assert!(reencoded.eq_ignore_ascii_case(&text));
    assert_eq!(
        EncryptedSecretKey::from_bytes(&parsed.to_bytes()).as_ref(),
        Ok(&parsed)
    );

    match parsed.decrypt_with_options(password, &options) {
        Ok(secret) => {
            // Authentic: encrypting again under the same parameters gives a string
            // that decrypts to the same key and key security.
            let again = EncryptedSecretKey::encrypt(
                &secret,
                password,
                parsed.log_n(),
                parsed.key_security(),
            )
            .expect("log_n already accepted");
            assert_eq!(again.decrypt_with_options(password, &options), Ok(secret));
            assert_eq!(again.key_security(), parsed.key_security());
        }
        Err(Error::LogNTooLarge { log_n, max }) => {
            assert_eq!((log_n, max), (parsed.log_n(), MAX_LOG_N));
            assert!(log_n > MAX_LOG_N);
        }
        Err(Error::Decryption | Error::InvalidSecretKey) => {
            assert!(parsed.log_n() <= MAX_LOG_N);
        }
        Err(other) => panic!("unexpected error after parsing: {other:?}"),
    }
}

fuzz_target!(|data: &[u8]| do_test(data));
