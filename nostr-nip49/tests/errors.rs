//! Every rejection path: malformed input, refused work and AEAD failure.
#![cfg(feature = "std")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod common;

use bech32::{Bech32, Bech32m, ByteIterExt, Fe32, Fe32IterExt, Hrp};
use chacha20poly1305::aead::AeadInPlace;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305};
use common::{CounterRng, bech32_string, payload};
use nostr_core::SecretKey;
use nostr_nip49::{DecryptOptions, EncryptedSecretKey, Error, KeySecurity};

fn sample() -> EncryptedSecretKey {
    let secret = SecretKey::from_bytes([0x42; 32]).unwrap();
    EncryptedSecretKey::encrypt_with_rng(&secret, "pw", 2, KeySecurity::Unknown, &mut CounterRng(9))
        .unwrap()
}

#[test]
fn wrong_length() {
    for len in [0, 1, 90, 92, 200] {
        let bytes = vec![2u8; len];
        assert_eq!(
            EncryptedSecretKey::from_bytes(&bytes),
            Err(Error::InvalidLength {
                expected: 91,
                got: len
            })
        );
        let s = bech32_string::<Bech32>("ncryptsec", &bytes);
        assert_eq!(
            s.parse::<EncryptedSecretKey>(),
            Err(Error::InvalidLength {
                expected: 91,
                got: len
            })
        );
    }
}

#[test]
fn wrong_version() {
    for version in [0u8, 1, 3, 0xff] {
        let bytes = payload(version, 16, 2);
        assert_eq!(
            EncryptedSecretKey::from_bytes(&bytes),
            Err(Error::UnsupportedVersion(version))
        );
        let s = bech32_string::<Bech32>("ncryptsec", &bytes);
        assert_eq!(
            nostr_nip49::decrypt(&s, "pw").unwrap_err(),
            Error::UnsupportedVersion(version)
        );
    }
}

#[test]
fn key_security_out_of_range() {
    for ks in [3u8, 4, 0x80, 0xff] {
        let bytes = payload(2, 16, ks);
        assert_eq!(
            EncryptedSecretKey::from_bytes(&bytes),
            Err(Error::InvalidKeySecurity(ks))
        );
        assert_eq!(
            KeySecurity::try_from(ks),
            Err(Error::InvalidKeySecurity(ks))
        );
    }
    for ks in KeySecurity::ALL {
        assert_eq!(KeySecurity::try_from(u8::from(ks)), Ok(ks));
    }
}

#[test]
fn log_n_zero_is_malformed() {
    assert_eq!(
        EncryptedSecretKey::from_bytes(&payload(2, 0, 2)),
        Err(Error::InvalidLogN(0))
    );
    let secret = SecretKey::from_bytes([1; 32]).unwrap();
    assert_eq!(
        EncryptedSecretKey::encrypt(&secret, "pw", 0, KeySecurity::Unknown),
        Err(Error::InvalidLogN(0))
    );
}

#[test]
fn huge_log_n_is_refused_without_work() {
    // Default cap 22: a stranger's log_n 23..=255 is refused before scrypt runs.
    for log_n in [23u8, 40, 64, 255] {
        let s = bech32_string::<Bech32>("ncryptsec", &payload(2, log_n, 2));
        assert_eq!(
            nostr_nip49::decrypt(&s, "pw"),
            Err(Error::LogNTooLarge { log_n, max: 22 })
        );
    }
    // Even with the cap lifted, sizes whose memory cannot exist are an error, never a
    // capacity-overflow panic or a huge allocation attempt.
    let no_cap = DecryptOptions::new().with_max_log_n(u8::MAX);
    for log_n in [53u8, 54, 63, 64, 200, 255] {
        let encrypted = EncryptedSecretKey::from_bytes(&payload(2, log_n, 2)).unwrap();
        assert_eq!(
            encrypted.decrypt_with_options("pw", &no_cap),
            Err(Error::InvalidLogN(log_n))
        );
    }
    let secret = SecretKey::from_bytes([1; 32]).unwrap();
    for log_n in [53u8, 64, 255] {
        assert_eq!(
            EncryptedSecretKey::encrypt(&secret, "pw", log_n, KeySecurity::Unknown),
            Err(Error::InvalidLogN(log_n))
        );
    }
}

#[test]
fn tampering_any_authenticated_field_is_the_aead_error() {
    let good = sample();
    let bytes = good.to_bytes();
    let mut count = 0;
    // Salt (2..18), nonce (18..42), ciphertext (43..75), tag (75..91): flip one bit.
    for i in (2..42).chain(43..91) {
        let mut tampered = bytes;
        tampered[i] ^= 0x01;
        let encrypted = EncryptedSecretKey::from_bytes(&tampered).unwrap();
        assert_eq!(encrypted.decrypt("pw"), Err(Error::Decryption), "byte {i}");
        count += 1;
    }
    // The key-security byte is associated data.
    for ks in [0u8, 1] {
        let mut tampered = bytes;
        tampered[42] = ks;
        let encrypted = EncryptedSecretKey::from_bytes(&tampered).unwrap();
        assert_eq!(encrypted.decrypt("pw"), Err(Error::Decryption), "ks {ks}");
        count += 1;
    }
    // log_n feeds scrypt: another cost is another key.
    for log_n in [1u8, 3] {
        let mut tampered = bytes;
        tampered[1] = log_n;
        let encrypted = EncryptedSecretKey::from_bytes(&tampered).unwrap();
        assert_eq!(
            encrypted.decrypt("pw"),
            Err(Error::Decryption),
            "log_n {log_n}"
        );
        count += 1;
    }
    assert_eq!(count, 40 + 32 + 16 + 2 + 2);
    // And the untouched one still decrypts.
    assert_eq!(
        good.decrypt("pw").unwrap(),
        SecretKey::from_bytes([0x42; 32]).unwrap()
    );
}

#[test]
fn bech32m_is_rejected_by_name() {
    let s = bech32_string::<Bech32m>("ncryptsec", &sample().to_bytes());
    assert_eq!(s.parse::<EncryptedSecretKey>(), Err(Error::Bech32m));
}

#[test]
fn wrong_prefix() {
    let bytes = sample().to_bytes();
    for hrp in ["nsec", "ncryptsec2", "ncrypt", "x"] {
        let s = bech32_string::<Bech32>(hrp, &bytes);
        assert_eq!(
            s.parse::<EncryptedSecretKey>(),
            Err(Error::WrongPrefix),
            "{hrp}"
        );
    }
}

#[test]
fn malformed_bech32() {
    let good = sample().to_string();
    let mut count = 0;
    let mut check = |s: &str| {
        let err = s.parse::<EncryptedSecretKey>().unwrap_err();
        assert!(matches!(err, Error::Bech32(_)), "{s:?}: {err:?}");
        assert!(err.to_string().starts_with("invalid bech32 in ncryptsec"));
        count += 1;
    };
    check("");
    check("ncryptsec");
    check("ncryptsec1");
    check(&good[..good.len() - 1]);
    // A changed character breaks the checksum.
    let mut chars: Vec<char> = good.chars().collect();
    let i = chars.len() / 2;
    chars[i] = if chars[i] == 'q' { 'p' } else { 'q' };
    check(&chars.into_iter().collect::<String>());
    // Mixed case.
    let mut mixed = good.clone();
    mixed.replace_range(..1, "N");
    check(&mixed);
    // A character outside the bech32 alphabet ('b', 'i', 'o', '1' after the separator).
    check(&good.replacen("ncryptsec1q", "ncryptsec1b", 1));
    // Too long for the checksum's code length.
    check(&format!("ncryptsec1{}", "q".repeat(1100)));
    assert_eq!(count, 8);
}

#[test]
fn non_zero_padding_bits() {
    // 91 bytes are 728 bits: 146 five-bit groups with 2 padding bits, which must be zero.
    let bytes = sample().to_bytes();
    let mut fes: Vec<Fe32> = bytes.iter().copied().bytes_to_fes().collect();
    assert_eq!(fes.len(), 146);
    let last = fes.pop().unwrap();
    fes.push(Fe32::try_from(last.to_u8() | 0b01).unwrap());
    let hrp = Hrp::parse("ncryptsec").unwrap();
    let s: String = fes
        .into_iter()
        .with_checksum::<Bech32>(&hrp)
        .chars()
        .collect();
    assert_eq!(s.parse::<EncryptedSecretKey>(), Err(Error::InvalidPadding));

    // One five-bit group too many: 7 padding bits.
    let mut fes: Vec<Fe32> = bytes.iter().copied().bytes_to_fes().collect();
    fes.push(Fe32::Q);
    let s: String = fes
        .into_iter()
        .with_checksum::<Bech32>(&hrp)
        .chars()
        .collect();
    assert_eq!(s.parse::<EncryptedSecretKey>(), Err(Error::InvalidPadding));
}

#[test]
fn authentic_but_invalid_secret_key() {
    // Build by hand (scrypt + XChaCha20-Poly1305, as NIP-49 describes) an ncryptsec
    // whose plaintext is 32 zero bytes, not a valid secp256k1 scalar.
    let salt = [3u8; 16];
    let nonce = [4u8; 24];
    let ks = 2u8;
    let mut key = [0u8; 32];
    scrypt::scrypt(
        b"pw",
        &salt,
        &scrypt::Params::new(1, 8, 1).unwrap(),
        &mut key,
    )
    .unwrap();
    let cipher = XChaCha20Poly1305::new(&key.into());
    let mut buf = [0u8; 32];
    let tag = cipher
        .encrypt_in_place_detached(&nonce.into(), &[ks], &mut buf)
        .unwrap();
    let mut bytes = vec![2u8, 1];
    bytes.extend_from_slice(&salt);
    bytes.extend_from_slice(&nonce);
    bytes.push(ks);
    bytes.extend_from_slice(&buf);
    bytes.extend_from_slice(&tag);
    let encrypted = EncryptedSecretKey::from_bytes(&bytes).unwrap();
    assert_eq!(encrypted.decrypt("pw"), Err(Error::InvalidSecretKey));
}

#[test]
fn error_messages_are_lowercase_and_specific() {
    let cases = [
        (
            Error::Bech32m,
            "ncryptsec uses the bech32m checksum, expected bech32",
        ),
        (
            Error::WrongPrefix,
            "wrong bech32 prefix, expected \"ncryptsec\"",
        ),
        (
            Error::InvalidLength {
                expected: 91,
                got: 90,
            },
            "invalid ncryptsec payload length: expected 91 bytes, got 90",
        ),
        (
            Error::UnsupportedVersion(1),
            "unsupported ncryptsec version byte 0x01 at byte 0, expected 0x02",
        ),
        (
            Error::InvalidKeySecurity(3),
            "invalid key-security byte 0x03 at byte 42, expected 0x00, 0x01 or 0x02",
        ),
        (
            Error::LogNTooLarge { log_n: 30, max: 22 },
            "scrypt log_n 30 exceeds the allowed maximum 22",
        ),
        (
            Error::Decryption,
            "decryption failed: wrong password or tampered ncryptsec",
        ),
    ];
    for (err, msg) in cases {
        assert_eq!(err.to_string(), msg);
    }
}

/// An RNG whose source has failed: `try_fill_bytes` reports it.
struct BrokenRng;

impl rand_core::RngCore for BrokenRng {
    fn next_u32(&mut self) -> u32 {
        unreachable!("encryption asks for bytes through try_fill_bytes")
    }
    fn next_u64(&mut self) -> u64 {
        unreachable!("encryption asks for bytes through try_fill_bytes")
    }
    fn fill_bytes(&mut self, _: &mut [u8]) {
        unreachable!("encryption asks for bytes through try_fill_bytes")
    }
    fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), rand_core::Error> {
        Err(rand_core::Error::from(
            core::num::NonZeroU32::new(rand_core::Error::CUSTOM_START).unwrap(),
        ))
    }
}

impl rand_core::CryptoRng for BrokenRng {}

#[test]
fn a_failing_rng_is_an_error_not_a_panic() {
    let secret = SecretKey::from_bytes([7; 32]).unwrap();
    assert_eq!(
        EncryptedSecretKey::encrypt_with_rng(
            &secret,
            "pw",
            1,
            KeySecurity::Unknown,
            &mut BrokenRng
        ),
        Err(Error::Rng)
    );
}
