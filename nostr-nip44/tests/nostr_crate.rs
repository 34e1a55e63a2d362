//! Cross-check against an independent implementation: the published `nostr` crate
//! (rust-nostr 0.45.6, feature `nip44`), on random keys and messages, both ways.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use nostr::nips::nip44 as theirs;
use nostr_core::{PublicKey, SecretKey};
use nostr_nip44::ConversationKey;
use proptest::prelude::*;

fn their_keys(secret: &SecretKey) -> (nostr::key::SecretKey, nostr::key::PublicKey) {
    let sk = nostr::key::SecretKey::from_slice(secret.as_secret_bytes()).unwrap();
    let pk = nostr::key::PublicKey::from_slice(secret.public_key().as_bytes()).unwrap();
    (sk, pk)
}

fn secret() -> impl Strategy<Value = SecretKey> {
    any::<[u8; 32]>().prop_filter_map("not a valid scalar", |b| SecretKey::from_bytes(b).ok())
}

fn message() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{1,200}",
        (1usize..70_000).prop_map(|n| "é".repeat(n / 2 + 1)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn conversation_keys_agree(a in secret(), b in secret()) {
        let ours = ConversationKey::derive(&a, &b.public_key()).unwrap();
        let (their_a, _) = their_keys(&a);
        let (_, their_b_pub) = their_keys(&b);
        let theirs = theirs::v2::ConversationKey::derive(&their_a, &their_b_pub).unwrap();
        prop_assert_eq!(&ours.as_secret_bytes()[..], theirs.as_bytes());
    }

    #[test]
    fn ours_to_theirs(a in secret(), b in secret(), text in message()) {
        let payload = ConversationKey::derive(&a, &b.public_key()).unwrap().encrypt(&text).unwrap();
        let (their_b, _) = their_keys(&b);
        let (_, their_a_pub) = their_keys(&a);
        let opened = theirs::decrypt(&their_b, &their_a_pub, &payload).unwrap();
        prop_assert_eq!(opened, text);
    }

    #[test]
    fn theirs_to_ours(a in secret(), b in secret(), text in message()) {
        let (their_a, _) = their_keys(&a);
        let (_, their_b_pub) = their_keys(&b);
        let payload = theirs::encrypt(&their_a, &their_b_pub, &text, theirs::Version::V2).unwrap();
        let key = ConversationKey::derive(&b, &a.public_key()).unwrap();
        prop_assert_eq!(key.decrypt(&payload).unwrap(), text);
    }

    #[test]
    fn same_nonce_same_payload(key in any::<[u8; 32]>(), nonce in any::<[u8; 32]>(), text in message()) {
        let ours = ConversationKey::from_bytes(key).encrypt_with_nonce(&text, &nonce).unwrap();
        let their_key = theirs::v2::ConversationKey::new(key);
        let raw = theirs::v2::encrypt_to_bytes_with_nonce(&their_key, text.as_bytes(), nonce).unwrap();
        prop_assert_eq!(ours, STANDARD.encode(raw));
    }
}

#[test]
fn invalid_peer_key_rejected_by_both() {
    let a = SecretKey::from_bytes([1; 32]).unwrap();
    let off_curve = PublicKey::from_bytes([0xff; 32]);
    assert!(ConversationKey::derive(&a, &off_curve).is_err());
    let (their_a, _) = their_keys(&a);
    // rust-nostr parses keys lazily; its derivation is where it rejects.
    let rejected = nostr::key::PublicKey::from_slice(&[0xff; 32])
        .map(|pk| theirs::v2::ConversationKey::derive(&their_a, &pk).is_err())
        .unwrap_or(true);
    assert!(rejected);
}
