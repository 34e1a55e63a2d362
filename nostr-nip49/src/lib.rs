//! # nostr-nip49
//!
//! [NIP-49] private key encryption: a Nostr secret key encrypted under a password as
//! an `ncryptsec1...` string, with no I/O.
//!
//! The password is NFKC-normalized and stretched with scrypt (N = 2^`log_n`, r = 8,
//! p = 1, a random 16-byte salt) into a 32-byte key; the secret key is sealed with
//! XChaCha20-Poly1305 under a random 24-byte nonce, with the [`KeySecurity`] byte as
//! associated data. Version byte, `log_n`, salt, nonce, key-security byte and
//! ciphertext with tag make 91 bytes, bech32-encoded with the `ncryptsec` prefix.
//!
//! Safe on untrusted input: parsing checks every field before any cryptography runs,
//! and decryption refuses an `ncryptsec` that demands more scrypt work than allowed
//! ([`DecryptOptions`], default `log_n <= 22`) instead of hanging or exhausting memory.
//! A wrong password and tampered data are the same opaque [`Error::Decryption`], distinct
//! from the malformed-input errors. The normalized password copy and the derived key
//! are zeroized after use.
//!
//! ## Example
//!
//! ```
//! use nostr_core::SecretKey;
//! use nostr_nip49::{DecryptOptions, Error, KeySecurity};
//!
//! # #[cfg(feature = "std")] {
//! let secret = SecretKey::generate();
//!
//! // The common path is `encrypt_default(&secret, password)`: log_n 16 (64 MiB,
//! // ~0.1 s) and key security "unknown". A low log_n keeps this example fast.
//! let password = "correct horse battery staple";
//! let ncryptsec = nostr_nip49::encrypt(&secret, password, 8, KeySecurity::NotKnownInsecure)?;
//! assert!(ncryptsec.starts_with("ncryptsec1"));
//!
//! let (decrypted, security) = nostr_nip49::decrypt(&ncryptsec, password)?;
//! assert_eq!(decrypted, secret);
//! assert_eq!(security, KeySecurity::NotKnownInsecure);
//!
//! // A wrong password (or tampering) is one opaque error.
//! assert_eq!(nostr_nip49::decrypt(&ncryptsec, "wrong"), Err(Error::Decryption));
//!
//! // Decrypting strangers' ncryptsecs: cap the work they may ask for.
//! let options = DecryptOptions::new().with_max_log_n(6);
//! assert_eq!(
//!     options.decrypt(&ncryptsec, password),
//!     Err(Error::LogNTooLarge { log_n: 8, max: 6 })
//! );
//! # }
//! # Ok::<(), Error>(())
//! ```
//!
//! ## Crate features
//!
//! - `std` (default): OS randomness for [`encrypt`], [`encrypt_default`] and
//!   [`EncryptedSecretKey::encrypt`]; implies `alloc`. Without it, use
//!   [`EncryptedSecretKey::encrypt_with_rng`] with your own RNG.
//! - `alloc`: `String` results ([`encrypt_with_rng`], [`EncryptedSecretKey::to_bech32`]).
//!   Parsing, decryption and `Display` need neither feature (scrypt itself always
//!   allocates its working memory).
//!
//! ## Zeroization
//!
//! The NFKC copy of the password (made only when the password is not already NFKC),
//! the derived symmetric key, the plaintext buffer and the cipher state are zeroized
//! on drop. Not covered: the caller's own password string, the scrypt crate's internal
//! working memory, and the normalization iterator's small internal buffer.
//!
//! ## Specification
//!
//! [NIP-49] (Private Key Encryption). Where it is silent this crate decides, and says so:
//! `log_n` 0 is rejected (scrypt requires N > 1), all-uppercase bech32 is accepted (as
//! BIP-173 allows) and non-zero bech32 padding bits are rejected (as BIP-173 requires).
//!
//! [NIP-49]: https://github.com/nostr-protocol/nips/blob/master/49.md

#![no_std]
#![forbid(unsafe_code)]
// Without `std` the docs still name the std-only entry points (OS randomness); they
// are text then, not links.
#![cfg_attr(not(feature = "std"), allow(rustdoc::broken_intra_doc_links))]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod encrypted;
mod error;
mod kdf;
mod key_security;

pub use encrypted::{
    DEFAULT_LOG_N, DEFAULT_MAX_LOG_N, DecryptOptions, EncryptedSecretKey, HRP, VERSION,
};
pub use error::Error;
pub use key_security::KeySecurity;

use nostr_core::SecretKey;

/// Encrypts `secret` under `password` into an `ncryptsec1...` string, with a random salt
/// and nonce from the operating system's RNG.
///
/// Costs 2^`log_n` scrypt rounds and 2^`log_n` KiB of memory; `log_n` is not capped here.
///
/// # Errors
/// [`Error::InvalidLogN`] when `log_n` is 0 or its memory would not fit in the address
/// space.
///
/// # Example
/// ```
/// use nostr_core::SecretKey;
/// use nostr_nip49::KeySecurity;
///
/// let secret = SecretKey::generate();
/// let ncryptsec = nostr_nip49::encrypt(&secret, "ÅΩẛ̣", 8, KeySecurity::KnownInsecure)?;
/// let (decrypted, security) = nostr_nip49::decrypt(&ncryptsec, "ÅΩẛ̣")?;
/// assert_eq!((decrypted, security), (secret, KeySecurity::KnownInsecure));
/// # Ok::<(), nostr_nip49::Error>(())
/// ```
#[cfg(feature = "std")]
pub fn encrypt(
    secret: &SecretKey,
    password: &str,
    log_n: u8,
    key_security: KeySecurity,
) -> Result<alloc::string::String, Error> {
    EncryptedSecretKey::encrypt(secret, password, log_n, key_security)
        .map(|encrypted| encrypted.to_bech32())
}

/// The common path: [`encrypt`] with `log_n` = [`DEFAULT_LOG_N`] (16) and
/// [`KeySecurity::Unknown`] (0x02).
///
/// # Errors
/// None in practice (`log_n` 16 is always valid); the `Result` matches [`encrypt`].
///
/// # Example
/// ```
/// use nostr_core::SecretKey;
///
/// let secret = SecretKey::generate();
/// let ncryptsec = nostr_nip49::encrypt_default(&secret, "password")?;
/// let parsed: nostr_nip49::EncryptedSecretKey = ncryptsec.parse()?;
/// assert_eq!(parsed.log_n(), 16);
/// assert_eq!(parsed.key_security(), nostr_nip49::KeySecurity::Unknown);
/// # Ok::<(), nostr_nip49::Error>(())
/// ```
#[cfg(feature = "std")]
pub fn encrypt_default(secret: &SecretKey, password: &str) -> Result<alloc::string::String, Error> {
    encrypt(secret, password, DEFAULT_LOG_N, KeySecurity::Unknown)
}

/// [`encrypt`] with a caller-supplied cryptographic RNG for the salt and nonce.
///
/// # Errors
/// As [`encrypt`].
#[cfg(feature = "alloc")]
pub fn encrypt_with_rng<R: rand_core::RngCore + rand_core::CryptoRng + ?Sized>(
    secret: &SecretKey,
    password: &str,
    log_n: u8,
    key_security: KeySecurity,
    rng: &mut R,
) -> Result<alloc::string::String, Error> {
    EncryptedSecretKey::encrypt_with_rng(secret, password, log_n, key_security, rng)
        .map(|encrypted| encrypted.to_bech32())
}

/// Parses and decrypts an `ncryptsec1...` string with the default limit `log_n <= 22`
/// ([`DecryptOptions::new`]), returning the key and its (authenticated) key-security
/// value.
///
/// # Errors
/// Malformed input ([`Error::Bech32`], [`Error::Bech32m`], [`Error::WrongPrefix`],
/// [`Error::InvalidPadding`], [`Error::InvalidLength`], [`Error::UnsupportedVersion`],
/// [`Error::InvalidLogN`], [`Error::InvalidKeySecurity`]), [`Error::LogNTooLarge`],
/// [`Error::Decryption`] for a wrong password *or* tampered data (one opaque error),
/// [`Error::InvalidSecretKey`].
///
/// # Example
/// ```
/// use nostr_nip49::KeySecurity;
///
/// // NIP-49's test vector.
/// let (secret, security) = nostr_nip49::decrypt(
///     "ncryptsec1qgg9947rlpvqu76pj5ecreduf9jxhselq2nae2kghhvd5g7dgjtcxfqtd67p9m0w57lspw8gsq6yphnm8623nsl8xn9j4jdzz84zm3frztj3z7s35vpzmqf6ksu8r89qk5z2zxfmu5gv8th8wclt0h4p",
///     "nostr",
/// )?;
/// assert_eq!(
///     secret.to_secret_hex().as_str(),
///     "3501454135014541350145413501453fefb02227e449e57cf4d3a3ce05378683"
/// );
/// assert_eq!(security, KeySecurity::KnownInsecure);
/// # Ok::<(), nostr_nip49::Error>(())
/// ```
pub fn decrypt(ncryptsec: &str, password: &str) -> Result<(SecretKey, KeySecurity), Error> {
    DecryptOptions::new().decrypt(ncryptsec, password)
}
