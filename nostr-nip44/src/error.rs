//! The crate's error type.

/// Everything that can go wrong in NIP-44 v2.
///
/// Decryption checks run in the order of NIP-44 "Decryption", and each check has its
/// own variant: [`Error::UnsupportedEncoding`] (step 1), [`Error::InvalidPayloadLength`],
/// [`Error::InvalidBase64`], [`Error::InvalidDataLength`] and [`Error::UnknownVersion`]
/// (step 2), [`Error::InvalidMac`] (step 5), then [`Error::NonCanonicalLengthPrefix`]
/// and [`Error::InvalidPadding`] (step 7) and finally [`Error::InvalidUtf8`] for the
/// `String` API. A wrong conversation key or any tampering is reported as the one
/// opaque [`Error::InvalidMac`]; everything after it concerns authenticated data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The payload starts with `#`, the flag NIP-44 reserves for a future non-base64
    /// encoding: the encryption version is not supported.
    #[error("unsupported encryption version: payload starts with '#'")]
    UnsupportedEncoding,
    /// The base64 payload is shorter than 132 or longer than the spec's maximum
    /// number of characters (checked before decoding).
    #[error("invalid payload length: {len} characters (expected 132..=5726623156)")]
    InvalidPayloadLength {
        /// The payload length in bytes.
        len: usize,
    },
    /// The payload is not canonical, padded base64 (RFC 4648).
    #[error("invalid base64 in payload at character {position}")]
    InvalidBase64 {
        /// Index of the first offending character (for a bad ending: where the last
        /// four-character group starts, or the payload length when it is cut short).
        position: usize,
    },
    /// The decoded payload is shorter than the 99 bytes of the smallest message.
    #[error("invalid decoded payload length: {len} bytes (expected at least 99)")]
    InvalidDataLength {
        /// The decoded length in bytes.
        len: usize,
    },
    /// The version byte is not 2.
    #[error("unknown encryption version {0} (expected 2)")]
    UnknownVersion(u8),
    /// The MAC does not match: wrong conversation key, or a corrupted or forged
    /// payload. Deliberately carries no detail.
    #[error("invalid mac")]
    InvalidMac,
    /// An extended (`00 00 || u32`) length prefix holding a length below 65536,
    /// which must use the 2-byte prefix.
    #[error("invalid padding: extended length prefix holds {len}, below 65536")]
    NonCanonicalLengthPrefix {
        /// The length the prefix holds.
        len: u32,
    },
    /// The padded plaintext does not have the size `calc_padded_len` gives for the
    /// length in its prefix.
    #[error(
        "invalid padding: plaintext length {declared} needs {expected} padded bytes, got {actual}"
    )]
    InvalidPadding {
        /// The plaintext length the prefix declares.
        declared: u32,
        /// The padded size that length requires (without the prefix).
        expected: u64,
        /// The padded size present (without the prefix).
        actual: u64,
    },
    /// The decrypted plaintext is not UTF-8 (only from the `String`-returning
    /// decryption; the bytes API accepts any plaintext).
    #[error("decrypted plaintext is not valid utf-8")]
    InvalidUtf8,
    /// A plaintext of 0 bytes or more than 4294967295 bytes.
    #[error("invalid plaintext length: {len} bytes (expected 1..=4294967295)")]
    InvalidPlaintextLength {
        /// The plaintext length in bytes.
        len: usize,
    },
    /// A conversation key that is not 32 bytes.
    #[error("invalid conversation key length: {len} bytes (expected 32)")]
    InvalidConversationKeyLength {
        /// The length given.
        len: usize,
    },
    /// The peer's public key is not a point on secp256k1.
    #[error("invalid public key: not a point on secp256k1")]
    InvalidPublicKey,
    /// The output buffer for a payload could not be allocated (or does not fit the
    /// address space).
    #[error("cannot allocate {bytes} bytes for the payload")]
    AllocationFailed {
        /// The size requested.
        bytes: u64,
    },
    /// The random number generator failed to produce a nonce.
    #[error("random number generator failed to produce a nonce")]
    RandomnessUnavailable,
}
