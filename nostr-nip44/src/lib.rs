//! # nostr-nip44
//!
//! [NIP-44](https://github.com/nostr-protocol/nips/blob/master/44.md) version 2
//! encrypted payloads for Nostr: secp256k1 ECDH, HKDF, padding, ChaCha20,
//! HMAC-SHA256 and base64. No I/O; the only ambient resource is the OS RNG for
//! nonces, behind the `std` feature (a caller RNG or a fixed nonce work anywhere).
//!
//! Derive a [`ConversationKey`] once per peer, then encrypt and decrypt as many
//! messages as you like with it. Encryption allocates only its output; decryption
//! decodes into one buffer and decrypts in place.
//!
//! ## Example
//!
//! ```
//! use nostr_core::Keys;
//! use nostr_nip44::ConversationKey;
//!
//! let alice = Keys::generate();
//! let bob = Keys::generate();
//!
//! // Alice encrypts to Bob...
//! let key = ConversationKey::derive(alice.secret_key(), &bob.public_key())?;
//! let payload = key.encrypt("hello bob")?;
//!
//! // ...and Bob, who derives the same key from his side, decrypts.
//! let key = ConversationKey::derive(bob.secret_key(), &alice.public_key())?;
//! assert_eq!(key.decrypt(&payload)?, "hello bob");
//! # Ok::<(), nostr_nip44::Error>(())
//! ```
//!
//! One-off messages can use [`encrypt`] and [`decrypt`], which derive the key each
//! time.
//!
//! ## Message sizes
//!
//! Plaintexts of 1 to 4294967295 bytes are accepted. From 65536 bytes on, the
//! length prefix is the extended `00 00 || u32` form of the current spec; an
//! extended prefix that holds a length below 65536 is rejected
//! ([`Error::NonCanonicalLengthPrefix`]).
//!
//! ## Crate features
//!
//! - `std` (default): [`ConversationKey::encrypt`] and [`encrypt`] with nonces from
//!   the OS RNG, and runtime CPU detection for the SIMD base64 codec (without it,
//!   the codec uses the SIMD level the target is compiled for). [`Error`]
//!   implements `core::error::Error` either way.
//! - `alloc`: the `String` / `Vec` results; always required today.
//!
//! Without `std`, use [`ConversationKey::encrypt_with_rng`] with your RNG.
//!
//! ## Specification
//!
//! NIP-44 (`encrypted payloads, versioned`), version 2, including the extended
//! length prefix for large payloads. Tests run every entry of the official vector
//! file `nip44.vectors.json` (sha256 `269ed0f6...5040`, as pinned by the spec) and
//! the spec's 65535 / 65536 / 65537-byte checksum vectors.

#![no_std]
#![forbid(unsafe_code)]
// Without `std` the docs still name the std-only entry points (OS randomness); they
// are text then, not links.
#![cfg_attr(not(feature = "std"), allow(rustdoc::broken_intra_doc_links))]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod cipher;
mod conversation_key;
mod error;
mod padding;
mod sha256;

pub use cipher::{MAX_PAYLOAD_LEN, MAX_PLAINTEXT_LEN, MIN_PAYLOAD_LEN, MIN_PLAINTEXT_LEN, VERSION};
pub use conversation_key::{ConversationKey, MessageKeys};
pub use error::Error;
pub use padding::{EXTENDED_PREFIX_THRESHOLD, calc_padded_len};

use alloc::string::String;
use nostr_core::{PublicKey, SecretKey};

/// Encrypts `plaintext` from `secret`'s owner to `public`'s owner, with a fresh
/// nonce from the OS RNG. Derives the conversation key each call: keep a
/// [`ConversationKey`] instead when you send more than one message.
///
/// # Errors
/// [`Error::InvalidPublicKey`], and as [`ConversationKey::encrypt`].
///
/// # Example
/// ```
/// use nostr_core::Keys;
///
/// let (alice, bob) = (Keys::generate(), Keys::generate());
/// let payload = nostr_nip44::encrypt(alice.secret_key(), &bob.public_key(), "hi")?;
/// let text = nostr_nip44::decrypt(bob.secret_key(), &alice.public_key(), &payload)?;
/// assert_eq!(text, "hi");
/// # Ok::<(), nostr_nip44::Error>(())
/// ```
#[cfg(feature = "std")]
pub fn encrypt(
    secret: &SecretKey,
    public: &PublicKey,
    plaintext: impl AsRef<[u8]>,
) -> Result<String, Error> {
    ConversationKey::derive(secret, public)?.encrypt(plaintext)
}

/// Decrypts a payload that `public`'s owner sent to `secret`'s owner. Derives the
/// conversation key each call.
///
/// # Errors
/// [`Error::InvalidPublicKey`], and as [`ConversationKey::decrypt`].
pub fn decrypt(
    secret: &SecretKey,
    public: &PublicKey,
    payload: impl AsRef<[u8]>,
) -> Result<String, Error> {
    ConversationKey::derive(secret, public)?.decrypt(payload)
}
