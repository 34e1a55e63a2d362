#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! API surface: public types implement the traits users rely on.

use nostr_core::*;

fn debug_clone_eq<T: core::fmt::Debug + Clone + PartialEq + Eq>() {}
fn hashable<T: core::hash::Hash>() {}
fn send_sync<T: Send + Sync + 'static>() {}
fn error_type<T: core::error::Error + Send + Sync + 'static>() {}
fn from_str<T: core::str::FromStr>() {}

#[test]
fn traits() {
    debug_clone_eq::<Event>();
    debug_clone_eq::<UnsignedEvent>();
    debug_clone_eq::<Tag>();
    debug_clone_eq::<Tags>();
    debug_clone_eq::<Filter>();
    debug_clone_eq::<ClientMessage>();
    debug_clone_eq::<RelayMessage>();
    debug_clone_eq::<Coordinate>();
    debug_clone_eq::<SecretKey>();
    debug_clone_eq::<Keys>();
    debug_clone_eq::<Error>();
    for_hash();
    send_sync::<Event>();
    send_sync::<Keys>();
    send_sync::<Filter>();
    send_sync::<Error>();
    error_type::<Error>();
    error_type::<JsonError>();
    error_type::<hex::HexError>();
    from_str::<PublicKey>();
    from_str::<SecretKey>();
    from_str::<EventId>();
    from_str::<Signature>();
    from_str::<Coordinate>();
    from_str::<Event>();
}

fn for_hash() {
    hashable::<EventId>();
    hashable::<PublicKey>();
    hashable::<Kind>();
    hashable::<Timestamp>();
    hashable::<Tag>();
    hashable::<Coordinate>();
    hashable::<SubscriptionId>();
}

#[test]
fn secrets_stay_out_of_debug() {
    let keys = Keys::from_hex(&"ab".repeat(32)).unwrap();
    for text in [format!("{keys:?}"), format!("{:?}", keys.secret_key())] {
        assert!(!text.contains(&"ab".repeat(32)), "{text}");
        assert!(text.contains("redacted"));
    }
}

#[test]
fn key_validation() {
    assert_eq!(SecretKey::from_bytes([0; 32]), Err(Error::InvalidSecretKey));
    assert_eq!(
        SecretKey::from_bytes([0xff; 32]),
        Err(Error::InvalidSecretKey),
        "above the curve order"
    );
    assert!(
        SecretKey::from_hex(&"AB".repeat(32)).is_ok(),
        "secret keys accept either case"
    );
    assert!(matches!(
        PublicKey::from_hex(&"AB".repeat(32)),
        Err(Error::InvalidHex { .. })
    ));
    // x = 5 is not on secp256k1 (5^3 + 7 = 132 is a non-residue): encoding ok, point not.
    let mut off = [0u8; 32];
    off[31] = 5;
    let pk = PublicKey::from_bytes(off);
    assert_eq!(pk.to_xonly(), Err(Error::InvalidPublicKey));
    assert_eq!(
        PublicKey::from_hex_checked(&pk.to_hex()),
        Err(Error::InvalidPublicKey)
    );
    let keys = Keys::generate();
    assert_eq!(
        keys.secret_key().ecdh_x_only(&pk).map(|_| ()),
        Err(Error::InvalidPublicKey)
    );
    // ECDH is symmetric.
    let other = Keys::generate();
    let a = keys.secret_key().ecdh_x_only(&other.public_key()).unwrap();
    let b = other.secret_key().ecdh_x_only(&keys.public_key()).unwrap();
    assert_eq!(*a, *b);
    // Slices must be exactly 32 bytes; every constructor gives the same key.
    let bytes = *keys.secret_key().as_secret_bytes();
    assert_eq!(
        SecretKey::from_slice(&bytes[..31]),
        Err(Error::InvalidSecretKey)
    );
    assert_eq!(
        SecretKey::from_slice(&[0; 33]),
        Err(Error::InvalidSecretKey)
    );
    assert_eq!(
        SecretKey::from_slice(&bytes).as_ref(),
        Ok(keys.secret_key())
    );
    assert_eq!(
        SecretKey::from_hex(&keys.secret_key().to_secret_hex()).as_ref(),
        Ok(keys.secret_key())
    );
    // The fallible OS-RNG constructors give distinct valid keys.
    let (x, y) = (Keys::try_generate().unwrap(), Keys::try_generate().unwrap());
    assert_ne!(x.public_key(), y.public_key());
    assert_eq!(
        Keys::new(x.secret_key().clone()).public_key(),
        x.public_key()
    );
}

#[test]
fn signing_checks_the_author() {
    let a = Keys::generate();
    let b = Keys::generate();
    let unsigned =
        EventBuilder::new(Kind::TEXT_NOTE, "x").build(a.public_key(), Timestamp::from_secs(1));
    assert_eq!(unsigned.clone().sign(&b), Err(Error::InvalidPublicKey));
    assert!(unsigned.sign(&a).unwrap().verify().is_ok());
}
