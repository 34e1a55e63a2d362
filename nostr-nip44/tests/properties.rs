//! Property tests: round trips across the padding boundaries, and equality with a
//! straightforward reference implementation of the spec's pseudocode built on the
//! RustCrypto `hkdf` / `hmac` crates and `base64` 0.22.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20::ChaCha20;
use chacha20::cipher::{KeyIvInit, StreamCipher};
use hmac::{Hmac, Mac};
use nostr_nip44::{ConversationKey, Error, calc_padded_len};
use proptest::prelude::*;
use sha2::Sha256;

/// The spec's `encrypt(plaintext, conversation_key, nonce)`, line by line.
fn reference_encrypt(key: &[u8; 32], nonce: &[u8; 32], plaintext: &[u8]) -> String {
    let padded = reference_pad(plaintext);
    seal(key, nonce, padded)
}

fn reference_pad(plaintext: &[u8]) -> Vec<u8> {
    let len = plaintext.len();
    let mut padded = if len >= 65_536 {
        let mut p = vec![0, 0];
        p.extend_from_slice(&u32::try_from(len).unwrap().to_be_bytes());
        p
    } else {
        u16::try_from(len).unwrap().to_be_bytes().to_vec()
    };
    padded.extend_from_slice(plaintext);
    let total = usize::try_from(calc_padded_len(u32::try_from(len).unwrap())).unwrap();
    padded.resize(padded.len() + total - len, 0);
    padded
}

/// Encrypts and MACs arbitrary padded bytes: lets tests build authentic payloads
/// with malformed padding.
fn seal(key: &[u8; 32], nonce: &[u8; 32], mut padded: Vec<u8>) -> String {
    let mut okm = [0u8; 76];
    hkdf::Hkdf::<Sha256>::from_prk(key)
        .unwrap()
        .expand(nonce, &mut okm)
        .unwrap();
    let (chacha_key, rest) = okm.split_at(32);
    let (chacha_nonce, hmac_key) = rest.split_at(12);
    ChaCha20::new(chacha_key.into(), chacha_nonce.into()).apply_keystream(&mut padded);
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(hmac_key).unwrap();
    mac.update(nonce);
    mac.update(&padded);
    let mut raw = vec![2u8];
    raw.extend_from_slice(nonce);
    raw.extend_from_slice(&padded);
    raw.extend_from_slice(&mac.finalize().into_bytes());
    STANDARD.encode(raw)
}

/// Lengths at and around every padding step up to 2^17, plus the extended-prefix
/// threshold.
fn boundary_len() -> impl Strategy<Value = usize> {
    let mut edges = vec![1usize, 2, 31, 32, 33, 64, 65, 96, 97, 256, 257];
    for shift in 8..17 {
        let p = 1usize << shift;
        for k in 1..=8 {
            edges.push(p + k * p / 8);
        }
    }
    edges.extend([65_535, 65_536, 65_537]);
    (proptest::sample::select(edges), -2i64..=2).prop_map(|(edge, delta)| {
        usize::try_from((i64::try_from(edge).unwrap() + delta).max(1)).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn round_trip_across_padding_boundaries(
        len in boundary_len(),
        seed in any::<u8>(),
        key in any::<[u8; 32]>(),
    ) {
        let key = ConversationKey::from_bytes(key);
        let plaintext: Vec<u8> = (0..len).map(|i| (i as u8).wrapping_mul(seed)).collect();
        let payload = key.encrypt(&plaintext).unwrap();
        prop_assert_eq!(key.decrypt_to_bytes(&payload).unwrap(), plaintext);
    }

    #[test]
    fn round_trip_text(text in "\\PC{1,300}", key in any::<[u8; 32]>()) {
        let key = ConversationKey::from_bytes(key);
        let payload = key.encrypt(&text).unwrap();
        prop_assert_eq!(key.decrypt(&payload).unwrap(), text);
    }

    #[test]
    fn matches_reference_implementation(
        len in boundary_len(),
        key in any::<[u8; 32]>(),
        nonce in any::<[u8; 32]>(),
    ) {
        let plaintext: Vec<u8> = (0..len).map(|i| (i * 7) as u8).collect();
        let ours = ConversationKey::from_bytes(key).encrypt_with_nonce(&plaintext, &nonce).unwrap();
        prop_assert_eq!(ours, reference_encrypt(&key, &nonce, &plaintext));
    }

    #[test]
    fn message_keys_match_hkdf_crate(key in any::<[u8; 32]>(), nonce in any::<[u8; 32]>()) {
        let mut okm = [0u8; 76];
        hkdf::Hkdf::<Sha256>::from_prk(&key).unwrap().expand(&nonce, &mut okm).unwrap();
        let keys = ConversationKey::from_bytes(key).message_keys(&nonce);
        prop_assert_eq!(&okm[..32], keys.chacha_key());
        prop_assert_eq!(&okm[32..44], keys.chacha_nonce());
        prop_assert_eq!(&okm[44..], keys.hmac_key());
    }

    /// Any single-bit change to a payload is caught by the MAC (or an earlier
    /// check), never decrypted.
    #[test]
    fn tampering_is_rejected(
        len in 1usize..600,
        key in any::<[u8; 32]>(),
        byte in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let key = ConversationKey::from_bytes(key);
        let payload = key.encrypt(vec![b'x'; len]).unwrap();
        let mut raw = STANDARD.decode(&payload).unwrap();
        let i = byte.index(raw.len());
        raw[i] ^= 1 << bit;
        let err = key.decrypt_to_bytes(STANDARD.encode(&raw)).unwrap_err();
        if i == 0 {
            prop_assert!(matches!(err, Error::UnknownVersion(_)));
        } else {
            prop_assert_eq!(err, Error::InvalidMac);
        }
    }

    /// Arbitrary strings never panic the decryptor.
    #[test]
    fn arbitrary_payloads_are_rejected_cleanly(payload in "[A-Za-z0-9+/=#]{0,400}") {
        let key = ConversationKey::from_bytes([3; 32]);
        prop_assert!(key.decrypt(&payload).is_err());
    }
}

/// Authentic payloads (valid MAC) with malformed padding: each fails with its own
/// error, after the MAC check.
#[test]
fn padding_errors_after_a_valid_mac() {
    let key = [0x5e; 32];
    let nonce = [0x77; 32];
    let ck = ConversationKey::from_bytes(key);

    // Extended prefix holding a length that needs the 2-byte form.
    let mut padded = vec![0, 0, 0, 0, 0xff, 0xff];
    padded.resize(6 + 65_536, b'a');
    assert_eq!(
        ck.decrypt_to_bytes(seal(&key, &nonce, padded)),
        Err(Error::NonCanonicalLengthPrefix { len: 65_535 })
    );
    // Extended prefix holding 0.
    let mut padded = vec![0u8; 6];
    padded.resize(6 + 32, 0);
    assert_eq!(
        ck.decrypt_to_bytes(seal(&key, &nonce, padded)),
        Err(Error::NonCanonicalLengthPrefix { len: 0 })
    );
    // u16 length that does not match the padded size.
    let mut padded = vec![0, 40];
    padded.resize(2 + 32, b'a');
    assert_eq!(
        ck.decrypt_to_bytes(seal(&key, &nonce, padded)),
        Err(Error::InvalidPadding {
            declared: 40,
            expected: 64,
            actual: 32
        })
    );
    // A 2-byte prefix for 65536 bytes of padding (what an old encoder could never
    // emit) is a size mismatch.
    let mut padded = vec![0xff, 0xff];
    padded.resize(2 + 65_536 + 32, b'a');
    assert!(matches!(
        ck.decrypt_to_bytes(seal(&key, &nonce, padded)),
        Err(Error::InvalidPadding {
            declared: 65_535,
            ..
        })
    ));
    // An extended prefix in a payload of the 2-byte size class.
    let mut padded = vec![0, 0, 0, 1, 0, 0];
    padded.resize(2 + 32, b'a');
    assert_eq!(
        ck.decrypt_to_bytes(seal(&key, &nonce, padded)),
        Err(Error::InvalidPadding {
            declared: 65_536,
            expected: 65_536,
            actual: 28
        })
    );
    // Valid padding, but not UTF-8: bytes API fine, String API rejects.
    let mut padded = vec![0, 2, 0xff, 0xfe];
    padded.resize(2 + 32, 0);
    let payload = seal(&key, &nonce, padded);
    assert_eq!(ck.decrypt_to_bytes(&payload).unwrap(), [0xff, 0xfe]);
    assert_eq!(ck.decrypt(&payload), Err(Error::InvalidUtf8));
    // Non-zero padding bytes are not inspected (lengths only, as the spec does).
    let mut padded = vec![0, 1, b'z'];
    padded.resize(2 + 32, 0xaa);
    assert_eq!(ck.decrypt(seal(&key, &nonce, padded)).unwrap(), "z");
}

/// The spec's step order: `#`, payload length, base64, decoded length, version,
/// MAC.
#[test]
fn decrypt_checks_in_spec_order() {
    let ck = ConversationKey::from_bytes([1; 32]);
    let text = "order ".repeat(20);
    let good = ck.encrypt_with_nonce(&text, &[2; 32]).unwrap();

    // '#' wins over every later problem, even an empty remainder.
    assert_eq!(ck.decrypt("#"), Err(Error::UnsupportedEncoding));
    assert_eq!(
        ck.decrypt(format!("#{good}")),
        Err(Error::UnsupportedEncoding)
    );
    // Length bounds are checked on the text before decoding (so invalid base64
    // that is too short is a length error).
    assert_eq!(ck.decrypt(""), Err(Error::InvalidPayloadLength { len: 0 }));
    assert_eq!(
        ck.decrypt("!".repeat(131)),
        Err(Error::InvalidPayloadLength { len: 131 })
    );
    // Base64 errors name the character.
    let mut bad = good.clone().into_bytes();
    bad[50] = b'*';
    assert_eq!(ck.decrypt(&bad), Err(Error::InvalidBase64 { position: 50 }));
    assert_eq!(
        ck.decrypt(&good[..good.len() - 1]),
        Err(Error::InvalidBase64 {
            position: good.len() - 1
        })
    );
    // 132 characters that decode to 97 bytes.
    let short = STANDARD.encode([2u8; 97]);
    assert_eq!(short.len(), 132);
    assert_eq!(
        ck.decrypt(&short),
        Err(Error::InvalidDataLength { len: 97 })
    );
    // Version before MAC.
    let mut raw = STANDARD.decode(&good).unwrap();
    raw[0] = 1;
    assert_eq!(
        ck.decrypt(STANDARD.encode(&raw)),
        Err(Error::UnknownVersion(1))
    );
    // Wrong key: MAC.
    assert_eq!(
        ConversationKey::from_bytes([9; 32]).decrypt(&good),
        Err(Error::InvalidMac)
    );
    assert_eq!(ck.decrypt(&good).unwrap(), text);
}

#[test]
fn plaintext_length_bounds() {
    let ck = ConversationKey::from_bytes([1; 32]);
    assert_eq!(
        ck.encrypt(""),
        Err(Error::InvalidPlaintextLength { len: 0 })
    );
    assert_eq!(ck.encrypt("a").unwrap().len(), 132);
    // The largest u16-prefix message and the smallest extended one, as in the
    // spec's size table: raw 65603 and 65607 bytes.
    let max_small = ck.encrypt(vec![1u8; 65_535]).unwrap();
    assert_eq!(STANDARD.decode(&max_small).unwrap().len(), 65_603);
    let min_large = ck.encrypt(vec![1u8; 65_536]).unwrap();
    assert_eq!(STANDARD.decode(&min_large).unwrap().len(), 65_607);
}

#[test]
fn caller_rng_and_fixed_nonce() {
    struct Counter(u8);
    impl rand_core::RngCore for Counter {
        fn next_u32(&mut self) -> u32 {
            0
        }
        fn next_u64(&mut self) -> u64 {
            0
        }
        fn fill_bytes(&mut self, dest: &mut [u8]) {
            dest.fill(self.0);
        }
        fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
            self.fill_bytes(dest);
            Ok(())
        }
    }
    impl rand_core::CryptoRng for Counter {}

    let ck = ConversationKey::from_bytes([1; 32]);
    let a = ck.encrypt_with_rng(&mut Counter(5), "x").unwrap();
    assert_eq!(a, ck.encrypt_with_nonce("x", &[5; 32]).unwrap());
    assert_ne!(ck.encrypt("x").unwrap(), ck.encrypt("x").unwrap());
}
