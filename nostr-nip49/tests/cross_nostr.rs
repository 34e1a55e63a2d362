//! Cross-check against an independent implementation: the published `nostr` crate
//! (rust-nostr 0.45.6, feature `nip49`). Ours decrypts theirs, theirs decrypts ours.
#![cfg(feature = "std")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use nostr::nips::nip19::{FromBech32, ToBech32};
use nostr::nips::nip49 as theirs;
use nostr_core::SecretKey;
use nostr_nip49::{EncryptedSecretKey, KeySecurity};

const PASSWORDS: [&str; 4] = ["", "nostr", "ÅΩẛ̣", "密码🔑 ｐａｓｓ"];

fn their_security(ks: KeySecurity) -> theirs::KeySecurity {
    theirs::KeySecurity::try_from(ks.to_u8()).unwrap()
}

#[test]
fn ours_decrypts_theirs() {
    let mut count = 0;
    for (i, password) in PASSWORDS.iter().enumerate() {
        for (log_n, ks) in [1u8, 4, 8].into_iter().zip(KeySecurity::ALL) {
            let their_key = nostr::key::SecretKey::generate();
            let encrypted =
                theirs::EncryptedSecretKey::new(&their_key, password, log_n, their_security(ks))
                    .unwrap();
            let text = encrypted.to_bech32().unwrap();

            let (secret, got_ks) = nostr_nip49::decrypt(&text, password).unwrap();
            assert_eq!(
                secret.as_secret_bytes(),
                &their_key.to_secret_bytes(),
                "case {i}"
            );
            assert_eq!(got_ks, ks);
            // Same payload bytes, same string.
            let ours: EncryptedSecretKey = text.parse().unwrap();
            assert_eq!(ours.to_bytes().to_vec(), encrypted.as_vec());
            assert_eq!(ours.to_string(), text);
            count += 1;
        }
    }
    assert_eq!(count, 12);
}

#[test]
fn theirs_decrypts_ours() {
    let mut count = 0;
    for (i, password) in PASSWORDS.iter().enumerate() {
        for (log_n, ks) in [1u8, 4, 8].into_iter().zip(KeySecurity::ALL) {
            let secret = SecretKey::generate();
            let text = nostr_nip49::encrypt(&secret, password, log_n, ks).unwrap();

            let parsed = theirs::EncryptedSecretKey::from_bech32(&text).unwrap();
            assert_eq!(parsed.log_n(), log_n);
            assert_eq!(parsed.key_security(), their_security(ks));
            let their_key = parsed.decrypt(password).unwrap();
            assert_eq!(
                &their_key.to_secret_bytes(),
                secret.as_secret_bytes(),
                "case {i}"
            );
            count += 1;
        }
    }
    assert_eq!(count, 12);
}

#[test]
fn both_reject_the_same_wrong_password() {
    let secret = SecretKey::generate();
    let text = nostr_nip49::encrypt(&secret, "right", 2, KeySecurity::Unknown).unwrap();
    let parsed = theirs::EncryptedSecretKey::from_bech32(&text).unwrap();
    assert!(parsed.decrypt("wrong").is_err());
    assert_eq!(
        nostr_nip49::decrypt(&text, "wrong"),
        Err(nostr_nip49::Error::Decryption)
    );
}
