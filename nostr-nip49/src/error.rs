//! The crate's error type.

use bech32::primitives::decode::CheckedHrpstringError;

/// Everything that can go wrong encrypting or decrypting an `ncryptsec`.
///
/// The variants fall in three groups:
///
/// - **Malformed input**, found before any cryptography runs: [`Error::Bech32`],
///   [`Error::Bech32m`], [`Error::WrongPrefix`], [`Error::InvalidPadding`],
///   [`Error::InvalidLength`], [`Error::UnsupportedVersion`],
///   [`Error::InvalidKeySecurity`], [`Error::InvalidLogN`].
/// - **Refused work**: [`Error::LogNTooLarge`], when an `ncryptsec` asks for more scrypt
///   work than the caller allows (see [`DecryptOptions`](crate::DecryptOptions)).
/// - **Cryptographic failure**: [`Error::Decryption`], deliberately one opaque error
///   for both a wrong password and tampered data (the AEAD cannot tell them apart), and
///   [`Error::InvalidSecretKey`] for an authentic plaintext that is not a usable key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The string is not valid bech32 (bad character, mixed case, bad checksum, ...).
    #[error("invalid bech32 in ncryptsec: {0}")]
    Bech32(CheckedHrpstringError),
    /// The string carries a valid bech32m checksum; NIP-49 uses bech32 (BIP-173).
    #[error("ncryptsec uses the bech32m checksum, expected bech32")]
    Bech32m,
    /// The human-readable part is not `ncryptsec`.
    #[error("wrong bech32 prefix, expected \"ncryptsec\"")]
    WrongPrefix,
    /// The bech32 data has more than 4 padding bits or non-zero padding bits (BIP-173).
    #[error("invalid bech32 padding in ncryptsec data")]
    InvalidPadding,
    /// The decoded payload is not exactly 91 bytes (NIP-49 "Encrypting a private key").
    #[error("invalid ncryptsec payload length: expected {expected} bytes, got {got}")]
    InvalidLength {
        /// Always 91.
        expected: usize,
        /// The length found.
        got: usize,
    },
    /// The version byte (payload byte 0) is not 0x02.
    #[error("unsupported ncryptsec version byte 0x{0:02x} at byte 0, expected 0x02")]
    UnsupportedVersion(u8),
    /// The key-security byte (payload byte 42) is not 0x00, 0x01 or 0x02.
    #[error("invalid key-security byte 0x{0:02x} at byte 42, expected 0x00, 0x01 or 0x02")]
    InvalidKeySecurity(u8),
    /// The scrypt `log_n` (payload byte 1, or the encryption argument) is 0 (scrypt
    /// needs N > 1) or too large for this platform's address space.
    #[error("invalid scrypt log_n {0}: must be at least 1 and fit in memory")]
    InvalidLogN(u8),
    /// The `ncryptsec` asks for more scrypt work than allowed: 2^`log_n` rounds and
    /// 2^`log_n` KiB of memory. Raise the limit with
    /// [`DecryptOptions::max_log_n`](crate::DecryptOptions::max_log_n) only for input you
    /// trust.
    #[error("scrypt log_n {log_n} exceeds the allowed maximum {max}")]
    LogNTooLarge {
        /// The `log_n` in the `ncryptsec`.
        log_n: u8,
        /// The configured maximum.
        max: u8,
    },
    /// The XChaCha20-Poly1305 tag did not verify: **either the password is wrong or the
    /// data was tampered with** (salt, nonce, key-security byte, ciphertext or tag).
    /// The AEAD cannot tell these apart, and this error does not try to.
    #[error("decryption failed: wrong password or tampered ncryptsec")]
    Decryption,
    /// The authenticated plaintext is not a valid secp256k1 secret key (zero or not
    /// below the curve order): the `ncryptsec` was made from a bad key.
    #[error("decrypted bytes are not a valid secp256k1 secret key")]
    InvalidSecretKey,
    /// The random number generator failed to give the salt or nonce.
    #[error("the random number generator failed")]
    Rng,
}
