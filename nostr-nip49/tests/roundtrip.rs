//! Encrypt/decrypt and encode/decode round trips.
#![cfg(feature = "std")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod common;

use common::CounterRng;
use nostr_core::SecretKey;
use nostr_nip49::{DecryptOptions, EncryptedSecretKey, Error, KeySecurity};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn key(byte: u8) -> SecretKey {
    SecretKey::from_bytes([byte; 32]).unwrap()
}

#[test]
fn every_log_n_1_to_8_and_every_key_security() {
    let secret = key(0x11);
    let mut count = 0;
    for log_n in 1..=8 {
        for security in KeySecurity::ALL {
            let ncryptsec = nostr_nip49::encrypt(&secret, "pass phrase", log_n, security).unwrap();
            assert_eq!(ncryptsec.len(), "ncryptsec1".len() + 146 + 6);
            let parsed: EncryptedSecretKey = ncryptsec.parse().unwrap();
            assert_eq!(parsed.log_n(), log_n);
            assert_eq!(parsed.key_security(), security);
            assert_eq!(parsed.to_bytes()[0], nostr_nip49::VERSION);

            let (decrypted, got_security) =
                nostr_nip49::decrypt(&ncryptsec, "pass phrase").unwrap();
            assert_eq!(decrypted, secret);
            assert_eq!(got_security, security);
            assert_eq!(
                nostr_nip49::decrypt(&ncryptsec, "pass phrasE"),
                Err(Error::Decryption)
            );
            count += 1;
        }
    }
    assert_eq!(count, 24);
}

#[test]
fn fresh_salt_and_nonce_every_time() {
    let secret = key(0x22);
    let a = EncryptedSecretKey::encrypt(&secret, "pw", 1, KeySecurity::Unknown).unwrap();
    let b = EncryptedSecretKey::encrypt(&secret, "pw", 1, KeySecurity::Unknown).unwrap();
    assert_ne!(a.salt(), b.salt());
    assert_ne!(a.nonce(), b.nonce());
    assert_ne!(a.ciphertext(), b.ciphertext());
}

#[test]
fn caller_rng_is_deterministic() {
    let secret = key(0x33);
    let a = nostr_nip49::encrypt_with_rng(
        &secret,
        "pw",
        3,
        KeySecurity::KnownInsecure,
        &mut CounterRng(0),
    )
    .unwrap();
    let b = nostr_nip49::encrypt_with_rng(
        &secret,
        "pw",
        3,
        KeySecurity::KnownInsecure,
        &mut CounterRng(0),
    )
    .unwrap();
    assert_eq!(a, b);
    let parsed: EncryptedSecretKey = a.parse().unwrap();
    assert_eq!(parsed.salt(), &core::array::from_fn(|i| i as u8));
    assert_eq!(parsed.nonce(), &core::array::from_fn(|i| 16 + i as u8));
    assert_eq!(nostr_nip49::decrypt(&a, "pw").unwrap().0, secret);
}

#[test]
fn empty_password() {
    let secret = key(0x44);
    let ncryptsec = nostr_nip49::encrypt(&secret, "", 4, KeySecurity::Unknown).unwrap();
    assert_eq!(nostr_nip49::decrypt(&ncryptsec, "").unwrap().0, secret);
    assert_eq!(
        nostr_nip49::decrypt(&ncryptsec, " "),
        Err(Error::Decryption)
    );
}

#[test]
fn unicode_passwords_are_nfkc_normalized() {
    let secret = key(0x55);
    // (typed when encrypting, typed when decrypting): equal after NFKC.
    let equivalent = [
        ("e\u{301}t\u{e9}", "\u{e9}te\u{301}"), // combining vs precomposed accents
        ("\u{ff50}\u{ff41}\u{ff53}\u{ff53}", "pass"), // fullwidth letters
        ("\u{fb01}ve", "five"),                 // the "fi" ligature
        ("\u{212b}\u{2126}", "\u{c5}\u{3a9}"),  // Angstrom and Ohm signs
        ("x\u{b2}", "x2"),                      // superscript two
        ("пароль", "пароль"),
        ("密码🔑", "密码🔑"),
    ];
    let mut count = 0;
    for (typed, retyped) in equivalent {
        let ncryptsec = nostr_nip49::encrypt(&secret, typed, 2, KeySecurity::Unknown).unwrap();
        assert_eq!(
            nostr_nip49::decrypt(&ncryptsec, retyped).unwrap().0,
            secret,
            "{typed:?} vs {retyped:?}"
        );
        assert_eq!(
            nostr_nip49::decrypt(&ncryptsec, "pass1"),
            Err(Error::Decryption)
        );
        count += 1;
    }
    assert_eq!(count, 7);
}

#[test]
fn options_cap_is_inclusive() {
    let secret = key(0x66);
    let encrypted = EncryptedSecretKey::encrypt(&secret, "pw", 5, KeySecurity::Unknown).unwrap();
    let at = DecryptOptions::new().with_max_log_n(5);
    assert_eq!(encrypted.decrypt_with_options("pw", &at).unwrap(), secret);
    let below = DecryptOptions::new().with_max_log_n(4);
    assert_eq!(
        encrypted.decrypt_with_options("pw", &below),
        Err(Error::LogNTooLarge { log_n: 5, max: 4 })
    );
    assert_eq!(DecryptOptions::default(), DecryptOptions::new());
    assert_eq!(
        DecryptOptions::new().max_log_n(),
        nostr_nip49::DEFAULT_MAX_LOG_N
    );
}

fn secret_key() -> impl Strategy<Value = SecretKey> {
    any::<[u8; 32]>().prop_filter_map("valid scalar", |b| SecretKey::from_bytes(b).ok())
}

fn key_security() -> impl Strategy<Value = KeySecurity> {
    prop::sample::select(KeySecurity::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn encrypt_decrypt_round_trip(
        secret in secret_key(),
        password in ".{0,24}",
        log_n in 1u8..=3,
        security in key_security(),
        seed in any::<u8>(),
    ) {
        let ncryptsec = nostr_nip49::encrypt_with_rng(
            &secret, &password, log_n, security, &mut CounterRng(seed),
        ).unwrap();
        let (decrypted, got) = nostr_nip49::decrypt(&ncryptsec, &password).unwrap();
        prop_assert_eq!(&decrypted, &secret);
        prop_assert_eq!(got, security);
        // The NFKC form of the password is the same password.
        let normalized: String = password.nfkc().collect();
        prop_assert_eq!(nostr_nip49::decrypt(&ncryptsec, &normalized).unwrap().0, secret);
        let other = format!("{password}x");
        prop_assert_eq!(nostr_nip49::decrypt(&ncryptsec, &other), Err(Error::Decryption));
    }

    #[test]
    fn payload_bytes_and_bech32_round_trip(
        mut bytes in any::<[u8; 91]>(),
        log_n in 1u8..,
        security in key_security(),
    ) {
        bytes[0] = 2;
        bytes[1] = log_n;
        bytes[42] = security.to_u8();
        let parsed = EncryptedSecretKey::from_bytes(&bytes).unwrap();
        prop_assert_eq!(parsed.to_bytes(), bytes);
        prop_assert_eq!(parsed.log_n(), log_n);
        prop_assert_eq!(parsed.key_security(), security);
        prop_assert_eq!(&parsed.salt()[..], &bytes[2..18]);
        prop_assert_eq!(&parsed.nonce()[..], &bytes[18..42]);
        prop_assert_eq!(&parsed.ciphertext()[..], &bytes[43..75]);
        prop_assert_eq!(&parsed.tag()[..], &bytes[75..91]);

        let text = parsed.to_bech32();
        prop_assert_eq!(&text, &parsed.to_string());
        let reparsed: EncryptedSecretKey = text.parse().unwrap();
        prop_assert_eq!(&reparsed, &parsed);
        let upper: EncryptedSecretKey = text.to_ascii_uppercase().parse().unwrap();
        prop_assert_eq!(upper, parsed);
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,200}") {
        let _ = s.parse::<EncryptedSecretKey>();
        let _ = DecryptOptions::new().with_max_log_n(2).decrypt(&s, "pw");
    }

    #[test]
    fn arbitrary_ncryptsec_strings_never_panic(data in prop::collection::vec(any::<u8>(), 0..120)) {
        let s = common::bech32_string::<bech32::Bech32>("ncryptsec", &data);
        match s.parse::<EncryptedSecretKey>() {
            Ok(parsed) => prop_assert_eq!(&parsed.to_bytes()[..], &data[..]),
            Err(err) => prop_assert!(data.len() != 91 || data[0] != 2 || data[1] == 0 || data[42] > 2, "{err}"),
        }
    }
}
