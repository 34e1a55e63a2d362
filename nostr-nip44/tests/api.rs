//! The public types implement the traits users rely on, and secrets stay out of
//! `Debug`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use nostr_nip44::{ConversationKey, Error, MessageKeys};

fn debug_clone_send_sync<T: core::fmt::Debug + Clone + Send + Sync + 'static>() {}
fn eq<T: PartialEq + Eq>() {}
fn std_error<T: core::error::Error + Send + Sync + 'static>() {}
fn zeroize_on_drop<T: zeroize::ZeroizeOnDrop>() {}

#[test]
fn traits() {
    debug_clone_send_sync::<ConversationKey>();
    debug_clone_send_sync::<MessageKeys>();
    debug_clone_send_sync::<Error>();
    eq::<ConversationKey>();
    eq::<Error>();
    std_error::<Error>();
    zeroize_on_drop::<ConversationKey>();
    zeroize_on_drop::<MessageKeys>();
}

#[test]
fn debug_hides_secrets() {
    let key = ConversationKey::from_bytes([0xab; 32]);
    let keys = key.message_keys(&[0; 32]);
    for text in [format!("{key:?}"), format!("{keys:?}"), format!("{key:#?}")] {
        assert!(text.contains("redacted"), "{text}");
        assert!(!text.contains("ab, ") && !text.contains("171"), "{text}");
    }
}

#[test]
fn conversation_key_constructors() {
    let key = ConversationKey::from_slice(&[7; 32]).unwrap();
    assert_eq!(key, ConversationKey::from_bytes([7; 32]));
    assert_ne!(key, ConversationKey::from_bytes([8; 32]));
    assert_eq!(
        ConversationKey::from_slice(&[7; 31]),
        Err(Error::InvalidConversationKeyLength { len: 31 })
    );
}

#[test]
fn error_messages_are_lowercase_and_specific() {
    let cases = [
        Error::UnsupportedEncoding,
        Error::InvalidPayloadLength { len: 4 },
        Error::InvalidBase64 { position: 7 },
        Error::InvalidDataLength { len: 97 },
        Error::UnknownVersion(1),
        Error::InvalidMac,
        Error::NonCanonicalLengthPrefix { len: 5 },
        Error::InvalidPadding {
            declared: 40,
            expected: 64,
            actual: 32,
        },
        Error::InvalidUtf8,
        Error::InvalidPlaintextLength { len: 0 },
        Error::InvalidConversationKeyLength { len: 31 },
        Error::InvalidPublicKey,
        Error::AllocationFailed { bytes: 9 },
        Error::RandomnessUnavailable,
    ];
    let mut seen = std::collections::HashSet::new();
    for e in cases {
        let text = e.to_string();
        assert!(text.chars().next().unwrap().is_lowercase(), "{text}");
        assert!(seen.insert(text.clone()), "duplicate message {text}");
    }
    assert_eq!(Error::InvalidMac.to_string(), "invalid mac");
}

#[test]
fn padding_inside_the_payload_is_refused() {
    // When the 36th decoded byte is zero, the 48th base64 character is 'A' and the
    // 47th carries no bits of it; writing '=' for the 'A' decodes the header group to
    // two bytes. Such a payload is not canonical base64 and must not decrypt
    // (reference decoders refuse it).
    let key = ConversationKey::from_bytes([3; 32]);
    let sextet = |c: u8| {
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        alphabet.iter().position(|&a| a == c).unwrap()
    };
    // The nonce changes the keystream, so about one nonce in 256 gives a zero byte.
    let payload = (0u32..10_000)
        .map(|i| {
            let mut nonce = [5; 32];
            nonce[..4].copy_from_slice(&i.to_le_bytes());
            key.encrypt_with_nonce("message", &nonce).unwrap()
        })
        .find(|p| p.as_bytes()[47] == b'A' && sextet(p.as_bytes()[46]) % 4 == 0)
        .expect("one nonce in 10,000 gives a zero 36th byte");
    assert!(key.decrypt(&payload).is_ok());
    let mut forged = payload.into_bytes();
    forged[47] = b'=';
    let forged = String::from_utf8(forged).unwrap();
    assert!(
        matches!(key.decrypt(&forged), Err(Error::InvalidBase64 { .. })),
        "{:?}",
        key.decrypt(&forged)
    );
}
