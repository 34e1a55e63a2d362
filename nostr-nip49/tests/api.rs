//! The public types implement the traits users rely on.
#![cfg(feature = "std")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use core::fmt::{Debug, Display};
use core::hash::Hash;
use core::str::FromStr;

use nostr_nip49::{DecryptOptions, EncryptedSecretKey, Error, KeySecurity};

fn value_type<T: Debug + Clone + PartialEq + Eq + Hash + Send + Sync + Unpin + 'static>() {}
fn copy_type<T: Copy + Default>() {}
fn error_type<T: core::error::Error + Display + Debug + Clone + Eq + Send + Sync + 'static>() {}

#[test]
fn traits() {
    value_type::<EncryptedSecretKey>();
    value_type::<KeySecurity>();
    value_type::<DecryptOptions>();
    copy_type::<KeySecurity>();
    copy_type::<DecryptOptions>();
    error_type::<Error>();

    fn parse<T: FromStr<Err = Error> + Display>() {}
    parse::<EncryptedSecretKey>();
    fn try_from_byte<T: TryFrom<u8, Error = Error> + Into<u8>>() {}
    try_from_byte::<KeySecurity>();
}

#[test]
fn constants() {
    assert_eq!(EncryptedSecretKey::LEN, 91);
    assert_eq!(nostr_nip49::VERSION, 2);
    assert_eq!(nostr_nip49::HRP, "ncryptsec");
    assert_eq!(nostr_nip49::DEFAULT_LOG_N, 16);
    assert_eq!(nostr_nip49::DEFAULT_MAX_LOG_N, 22);
    assert_eq!(KeySecurity::default(), KeySecurity::Unknown);
    assert_eq!(
        KeySecurity::ALL.map(KeySecurity::to_u8),
        [0, 1, 2],
        "byte values per NIP-49"
    );
}

#[test]
fn debug_shows_no_secret() {
    let secret = nostr_core::SecretKey::from_bytes([0xab; 32]).unwrap();
    let encrypted =
        EncryptedSecretKey::encrypt(&secret, "hunter2", 1, KeySecurity::Unknown).unwrap();
    let debug = format!("{encrypted:?}");
    assert!(!debug.contains("hunter2"));
    assert!(!debug.contains(&"171".repeat(4)), "no plaintext key bytes");
}
