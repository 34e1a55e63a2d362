//! The crate's error type.

use alloc::string::String;

/// Everything that can go wrong decoding or encoding a NIP-19 entity or a NIP-21 URI.
///
/// The first group of variants is about the bech32 string itself, the second about
/// the payload of a particular entity (`entity` is its prefix, such as `"nevent"`),
/// the third about building an entity that cannot be encoded, the last about URIs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // --- the bech32 string ---
    /// The string is longer than NIP-19's 5000-character limit.
    #[error("bech32 string is {len} bytes long; the limit is {max}")]
    TooLong {
        /// Length of the input in bytes.
        len: usize,
        /// The limit ([`crate::MAX_LEN`]).
        max: usize,
    },
    /// No `1` separates the prefix from the data.
    #[error("missing '1' separator between prefix and data")]
    MissingSeparator,
    /// Nothing before the `1` separator.
    #[error("empty prefix before the '1' separator")]
    EmptyPrefix,
    /// Fewer than the six characters the checksum needs after the separator.
    #[error("data part is {len} characters long; the checksum alone needs 6")]
    TooShort {
        /// Characters after the separator.
        len: usize,
    },
    /// A character outside the bech32 alphabet (or, in the prefix, outside printable ASCII).
    #[error("invalid character {ch:?} at byte {position}")]
    InvalidChar {
        /// The character.
        ch: char,
        /// Its byte position in the input.
        position: usize,
    },
    /// Both upper- and lowercase letters (bech32 strings are all one case).
    #[error("mixed upper and lower case")]
    MixedCase,
    /// The checksum does not match.
    #[error("invalid bech32 checksum")]
    InvalidChecksum,
    /// The checksum is a valid bech32m (BIP-350) checksum; NIP-19 uses bech32.
    #[error("bech32m checksum where NIP-19 requires bech32")]
    Bech32m,
    /// The last data character carries more than 4 padding bits, or non-zero ones.
    #[error("invalid padding bits at the end of the data")]
    InvalidPadding,

    // --- the entity ---
    /// A well-formed bech32 string whose prefix is not a NIP-19 entity.
    #[error("unknown prefix {prefix:?}")]
    UnknownPrefix {
        /// The prefix as written.
        prefix: String,
    },
    /// A typed decoder got another entity (for example a `note` where an `npub` was expected).
    #[error("wrong prefix: expected {expected}, found {found:?}")]
    WrongPrefix {
        /// The prefix the decoder handles.
        expected: &'static str,
        /// The prefix as written.
        found: String,
    },
    /// The payload is empty.
    #[error("{entity} has no data")]
    EmptyData {
        /// The entity prefix.
        entity: &'static str,
    },
    /// A fixed-size field (or bare payload) of the wrong length.
    #[error("{entity}: {field} must be {expected} bytes, got {got}")]
    InvalidLength {
        /// The entity prefix.
        entity: &'static str,
        /// The field (`public key`, `event id`, `author`, `kind`, ...).
        field: &'static str,
        /// Bytes required.
        expected: usize,
        /// Bytes found.
        got: usize,
    },
    /// A TLV record whose type or length byte is missing, or whose value runs past the end.
    #[error("{entity}: truncated tlv record at byte {offset}")]
    TruncatedTlv {
        /// The entity prefix.
        entity: &'static str,
        /// Offset of the record's type byte in the payload.
        offset: usize,
    },
    /// A required TLV record is absent.
    #[error("{entity}: missing required tlv field {field}")]
    MissingField {
        /// The entity prefix.
        entity: &'static str,
        /// The field.
        field: &'static str,
    },
    /// A kind TLV above 65535 (NIP-01 kinds are 0..=65535); never truncated.
    #[error("{entity}: kind {value} is out of range (0..=65535)")]
    KindOutOfRange {
        /// The entity prefix.
        entity: &'static str,
        /// The 32-bit value found.
        value: u32,
    },
    /// A text field (the `naddr` identifier) that is not valid UTF-8.
    #[error("{entity}: {field} is not valid utf-8")]
    InvalidUtf8 {
        /// The entity prefix.
        entity: &'static str,
        /// The field.
        field: &'static str,
    },
    /// An `nsec` payload that is zero or not below the secp256k1 curve order.
    #[error("nsec: invalid secret key (zero or not below the curve order)")]
    InvalidSecretKey,

    // --- encoding ---
    /// A relay URL longer than the 255 bytes one TLV record can hold.
    #[error("relay {index} is {len} bytes; a tlv value holds at most 255")]
    RelayTooLong {
        /// Position of the relay in the list.
        index: usize,
        /// Its length in bytes.
        len: usize,
    },
    /// An `naddr` identifier longer than the 255 bytes one TLV record can hold.
    #[error("identifier is {len} bytes; a tlv value holds at most 255")]
    IdentifierTooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// The encoded string would be longer than the 5000-character limit.
    #[error("encoded string would be {len} characters; the limit is {max}")]
    EncodedTooLong {
        /// Length the string would have.
        len: usize,
        /// The limit ([`crate::MAX_LEN`]).
        max: usize,
    },

    // --- NIP-21 ---
    /// The string does not start with `nostr:`.
    #[error("not a nostr: uri (missing 'nostr:' scheme)")]
    NotNostrUri,
    /// A secret (`nsec`, or an encrypted `ncryptsec`) inside a `nostr:` URI.
    #[error("{prefix} is not allowed in a nostr: uri")]
    SecretInUri {
        /// The refused prefix.
        prefix: &'static str,
    },
}
