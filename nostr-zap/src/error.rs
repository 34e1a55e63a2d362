//! The crate's error type: one [`Error`] with a nested enum per stage, so a caller can
//! match broadly (`Error::Bolt11(_)`) or precisely (`Error::Bolt11(Bolt11Error::Checksum)`).

use alloc::string::String;

use nostr_core::{CoordinateError, EventId, Kind, PublicKey};

/// Everything that can go wrong in `nostr-zap`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A BOLT-11 invoice (or its bech32 encoding) was rejected.
    #[error("bolt11: {0}")]
    Bolt11(#[from] Bolt11Error),
    /// A zap request (kind 9734) broke a NIP-57 Appendix D rule.
    #[error("zap request: {0}")]
    Request(#[from] RequestError),
    /// A zap receipt (kind 9735) failed NIP-57 Appendix F validation (or could not be built).
    #[error("zap receipt: {0}")]
    Receipt(#[from] ReceiptError),
    /// An LNURL, lightning address or LNURL-pay response was rejected.
    #[error("lnurl: {0}")]
    Lnurl(#[from] LnurlError),
    /// Zap split tags (NIP-57 Appendix G) could not be used.
    #[error("zap split: {0}")]
    Split(#[from] SplitError),
    /// A zap goal (NIP-75, kind 9041) was malformed.
    #[error("zap goal: {0}")]
    Goal(#[from] GoalError),
}

/// Why a bech32 string or a BOLT-11 invoice was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Bolt11Error {
    /// No `1` separator, or an empty human-readable part.
    #[error("missing bech32 separator '1' or empty human-readable part")]
    MissingSeparator,
    /// Upper- and lower-case letters mixed (BIP-173 forbids it).
    #[error("mixed upper and lower case")]
    MixedCase,
    /// A character outside the bech32 alphabet (or outside printable ASCII in the prefix).
    #[error("invalid character at position {position}")]
    InvalidChar {
        /// Byte offset in the input.
        position: usize,
    },
    /// Fewer than 6 characters after the separator.
    #[error("data part shorter than the 6-character checksum")]
    TooShortForChecksum,
    /// The bech32 checksum does not match (a bech32m checksum also lands here).
    #[error("invalid bech32 checksum")]
    Checksum,
    /// The human-readable part does not start with `ln`.
    #[error("human-readable part does not start with \"ln\"")]
    NotLightning,
    /// A currency prefix other than `bc`, `tb`, `tbs`, `bcrt`, `sb`.
    #[error("unknown currency prefix \"{0}\"")]
    UnknownCurrency(String),
    /// The amount is not a decimal number, has a leading zero, or is zero.
    #[error("invalid amount \"{0}\"")]
    InvalidAmount(String),
    /// The amount is followed by a letter that is not `m`, `u`, `n` or `p`.
    #[error("unknown amount multiplier '{0}'")]
    UnknownMultiplier(char),
    /// A `p` (pico) amount whose last digit is not 0: sub-millisatoshi precision.
    #[error("pico-bitcoin amount is not a whole number of millisatoshis")]
    SubMillisatoshi,
    /// The amount does not fit in a `u64` of millisatoshis.
    #[error("amount overflows u64 millisatoshis")]
    AmountOverflow,
    /// The data part cannot hold a timestamp and a signature.
    #[error("data part too short: {groups} 5-bit groups, need at least 111")]
    TooShort {
        /// Number of 5-bit groups in the data part (without checksum).
        groups: usize,
    },
    /// A tagged field runs past the signature.
    #[error("tagged field '{tag}' at group {position} is truncated")]
    TruncatedField {
        /// The field's bech32 letter.
        tag: char,
        /// Offset (in 5-bit groups) of the field's type.
        position: usize,
    },
    /// `d` is not valid UTF-8.
    #[error("description is not valid UTF-8")]
    InvalidDescription,
    /// `x`, `c` or `9` begins with a zero group (BOLT-11: SHOULD treat as invalid).
    #[error("field '{0}' has a non-minimal length (leading zero)")]
    NonMinimalField(char),
    /// `x` or `c` does not fit in a `u64`.
    #[error("field '{0}' overflows u64")]
    FieldOverflow(char),
    /// A fallback address with a known version but an impossible length.
    #[error("invalid fallback address (version {version})")]
    InvalidFallback {
        /// The 5-bit version.
        version: u8,
    },
    /// An `r` field that is not a whole number of 51-byte hops.
    #[error("route hint is not a whole number of 51-byte hops")]
    InvalidRouteHint,
    /// The `9` field sets an even (required) feature bit this decoder does not know.
    #[error("unknown required feature bit {0}")]
    UnknownRequiredFeature(usize),
    /// No `p` (payment hash) field of the right length.
    #[error("missing payment hash (p)")]
    MissingPaymentHash,
    /// No `s` (payment secret) field of the right length.
    #[error("missing payment secret (s)")]
    MissingPaymentSecret,
    /// Neither `d` nor `h`.
    #[error("missing description (neither d nor h)")]
    MissingDescription,
    /// Both `d` and `h`.
    #[error("both description (d) and description hash (h)")]
    BothDescriptions,
    /// The recovery id is not 0..=3 or the signature does not recover to a key.
    #[error("signature is not recoverable")]
    SignatureNotRecoverable,
    /// Writing: a `d` description longer than one tagged field (639 bytes).
    #[error("description longer than 639 bytes: use a description hash")]
    DescriptionTooLong,
    /// The signature does not verify against `n`, or is high-S with `n` present.
    #[error("signature does not verify against the payee key (n)")]
    InvalidSignature,
}

/// A violated NIP-57 Appendix D rule (server-side zap request validation).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// The `nostr` parameter is not a well-formed event.
    #[error("not a valid event: {0}")]
    Json(nostr_core::Error),
    /// The event is not of kind 9734.
    #[error("kind {0} is not 9734")]
    WrongKind(Kind),
    /// Rule 1: the id or signature does not verify.
    #[error("invalid signature: {0}")]
    InvalidSignature(nostr_core::Error),
    /// Rule 2: the event has no tags.
    #[error("no tags")]
    NoTags,
    /// Rule 3: no `p` tag.
    #[error("no p tag")]
    MissingRecipient,
    /// Rule 3: more than one `p` tag.
    #[error("{count} p tags, expected exactly one")]
    MultipleRecipients {
        /// How many `p` tags there are.
        count: usize,
    },
    /// Rule 3: the `p` value is not a 64-character lowercase hex key.
    #[error("p tag is not a 64-character lowercase hex public key")]
    InvalidRecipient,
    /// Rule 4: more than one `e` tag.
    #[error("{count} e tags, expected at most one")]
    MultipleEvents {
        /// How many `e` tags there are.
        count: usize,
    },
    /// Rule 4: the `e` value is not a 64-character lowercase hex id.
    #[error("e tag is not a 64-character lowercase hex event id")]
    InvalidEvent,
    /// Rule 5: no `relays` tag (or one with no relay in it).
    #[error("no relays tag")]
    MissingRelays,
    /// Rule 6: the `amount` tag is not a decimal number of millisatoshis.
    #[error("amount tag \"{0}\" is not a decimal number of millisatoshis")]
    InvalidAmount(String),
    /// Rule 6: the `amount` tag differs from the `amount` query parameter.
    #[error("amount tag {tag} msat differs from the query amount {query} msat")]
    AmountMismatch {
        /// The amount in the request's `amount` tag.
        tag: u64,
        /// The amount in the callback's query.
        query: u64,
    },
    /// Rule 7: the `a` tag is not a valid event coordinate.
    #[error("a tag is not a valid coordinate: {0}")]
    InvalidCoordinate(CoordinateError),
    /// Rule 7 (one target address): more than one `a` tag.
    #[error("{count} a tags, expected at most one")]
    MultipleCoordinates {
        /// How many `a` tags there are.
        count: usize,
    },
    /// Rule 8: more than one `P` tag.
    #[error("{count} P tags, expected at most one")]
    MultipleSenders {
        /// How many `P` tags there are.
        count: usize,
    },
    /// Rule 8: the `P` value is not a 64-character lowercase hex key.
    #[error("P tag is not a 64-character lowercase hex public key")]
    InvalidSender,
    /// Rule 8: the `P` tag is not the zap receipt's (the LNURL server's) key.
    #[error("P tag {found} is not the receipt signer {expected}")]
    SenderMismatch {
        /// The key in the `P` tag.
        found: PublicKey,
        /// The key that will sign the receipt.
        expected: PublicKey,
    },
    /// The `k` tag is not a kind number.
    #[error("k tag \"{0}\" is not a kind number")]
    InvalidKindTag(String),
}

/// Why a zap receipt failed NIP-57 Appendix F validation or could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReceiptError {
    /// The receipt is not a well-formed event.
    #[error("not a valid event: {0}")]
    Json(nostr_core::Error),
    /// The event is not of kind 9735.
    #[error("kind {0} is not 9735")]
    WrongKind(Kind),
    /// The receipt's id or signature does not verify.
    #[error("invalid signature: {0}")]
    InvalidSignature(nostr_core::Error),
    /// The receipt is not signed by the recipient's LNURL provider (`nostrPubkey`).
    #[error("signed by {found}, not by the provider's nostrPubkey {expected}")]
    UnexpectedAuthor {
        /// The receipt's author.
        found: PublicKey,
        /// The provider key the caller expects.
        expected: PublicKey,
    },
    /// No `bolt11` tag.
    #[error("no bolt11 tag")]
    MissingBolt11,
    /// The `bolt11` tag is not a valid invoice.
    #[error("invalid bolt11 invoice: {0}")]
    InvalidBolt11(Bolt11Error),
    /// No `description` tag.
    #[error("no description tag")]
    MissingDescription,
    /// The `description` is not a valid zap request.
    #[error("description is not a valid zap request: {0}")]
    InvalidRequest(RequestError),
    /// The invoice has no amount, so the zap's value is unknown.
    #[error("invoice has no amount")]
    InvoiceWithoutAmount,
    /// The invoice amount differs from the request's `amount` tag.
    #[error("invoice amount {invoice} msat differs from the request amount {request} msat")]
    AmountMismatch {
        /// Millisatoshis in the invoice.
        invoice: u64,
        /// Millisatoshis in the request's `amount` tag.
        request: u64,
    },
    /// The receipt's `p` tag is missing or names someone other than the request's `p`.
    #[error("receipt p tag does not match the request recipient {expected}")]
    RecipientMismatch {
        /// The request's recipient.
        expected: PublicKey,
    },
    /// The receipt's `e` tag differs from the request's (or only one has it).
    #[error("receipt e tag does not match the request e tag")]
    EventMismatch {
        /// The request's `e`, if any.
        expected: Option<EventId>,
    },
    /// The receipt's `a` tag differs from the request's (or only one has it).
    #[error("receipt a tag does not match the request a tag")]
    CoordinateMismatch,
    /// The receipt's `P` tag is not the request's author.
    #[error("receipt P tag does not match the request author {expected}")]
    SenderMismatch {
        /// The request's author.
        expected: PublicKey,
    },
    /// Builder: the preimage is not 32 bytes of hex, or does not hash to the payment hash.
    #[error("preimage does not hash to the invoice payment hash")]
    PreimageMismatch,
    /// Builder: the invoice's description hash is not SHA-256 of the request string.
    #[error("invoice description hash is not SHA-256 of the zap request")]
    DescriptionHashMismatch,
}

/// Why an LNURL, lightning address, LNURL-pay response or callback URL was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LnurlError {
    /// Not a bech32 string with the `lnurl` prefix (the wrapped reason says why).
    #[error("invalid bech32: {0}")]
    Bech32(Bolt11Error),
    /// A bech32 string with a prefix other than `lnurl`.
    #[error("prefix \"{0}\" is not lnurl")]
    WrongPrefix(String),
    /// The decoded bytes are not UTF-8, or have non-zero padding bits.
    #[error("lnurl payload is not a UTF-8 URL")]
    InvalidPayload,
    /// The URL is not `https://` (or `http://` on an onion host).
    #[error("url \"{0}\" is not an https url")]
    InvalidUrl(String),
    /// The lightning address is not `name@domain`.
    #[error("invalid lightning address: {0}")]
    InvalidAddress(&'static str),
    /// The LNURL-pay response is not a JSON object.
    #[error("response is not a JSON object: {0}")]
    InvalidJson(String),
    /// The service answered `{"status":"ERROR","reason":...}`.
    #[error("service error: {0}")]
    ServiceError(String),
    /// A required field is missing.
    #[error("missing field `{0}`")]
    MissingField(&'static str),
    /// A field has the wrong type or an invalid value.
    #[error("invalid field `{0}`")]
    InvalidField(&'static str),
    /// `tag` is not `payRequest`.
    #[error("tag \"{0}\" is not payRequest")]
    NotPayRequest(String),
    /// `minSendable` is greater than `maxSendable`, or zero.
    #[error("sendable range {min}..={max} msat is empty or starts at zero")]
    InvalidRange {
        /// `minSendable`.
        min: u64,
        /// `maxSendable`.
        max: u64,
    },
    /// The amount is outside `minSendable..=maxSendable`.
    #[error("amount {amount} msat outside {min}..={max} msat")]
    AmountOutOfRange {
        /// The requested amount.
        amount: u64,
        /// `minSendable`.
        min: u64,
        /// `maxSendable`.
        max: u64,
    },
    /// The service does not accept zaps (`allowsNostr` not true or no `nostrPubkey`).
    #[error("service does not support nostr zaps")]
    ZapsNotSupported,
}

/// Why zap split tags could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SplitError {
    /// A `zap` tag whose pubkey is not 64-character lowercase hex.
    #[error("zap tag {index}: pubkey is not 64-character lowercase hex")]
    InvalidPubkey {
        /// Index of the tag in the event's tags.
        index: usize,
    },
    /// A `zap` tag whose weight is not a non-negative decimal integer.
    #[error("zap tag {index}: weight \"{weight}\" is not a non-negative integer")]
    InvalidWeight {
        /// Index of the tag in the event's tags.
        index: usize,
        /// The weight as written.
        weight: String,
    },
    /// No receivers, or every receiver has weight 0.
    #[error("no receiver with a positive weight")]
    NoReceivers,
    /// The weights add up to more than `u64::MAX`.
    #[error("weights overflow u64")]
    WeightOverflow,
}

/// Why a zap goal (kind 9041) was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GoalError {
    /// The event is not of kind 9041.
    #[error("kind {0} is not 9041")]
    WrongKind(Kind),
    /// No `amount` tag, or one that is not a decimal number.
    #[error("missing or invalid amount tag")]
    InvalidAmount,
    /// No `relays` tag.
    #[error("no relays tag")]
    MissingRelays,
    /// `closed_at` is not a timestamp.
    #[error("closed_at \"{0}\" is not a unix timestamp")]
    InvalidClosedAt(String),
    /// A `zap` split tag was malformed.
    #[error("{0}")]
    Split(SplitError),
}
