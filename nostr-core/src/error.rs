//! The crate's error type.

use crate::coordinate::CoordinateError;
use crate::event_id::EventId;
use crate::hex::HexError;
use crate::json::JsonError;

/// Why a number field was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NumberError {
    /// A minus sign where NIP-01 needs a non-negative integer.
    #[error("negative number")]
    Negative,
    /// A fraction or exponent (`1.0`, `1e3`) where NIP-01 needs an integer.
    #[error("not an integer")]
    NotInteger,
    /// Larger than the field can hold.
    #[error("number too large")]
    TooLarge,
}

/// Everything that can go wrong in `nostr-core`.
///
/// Variants name the field (and tag / item index) that was wrong, so a relay can
/// send the message back to a client as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Malformed JSON (syntax), with the byte position.
    #[error("invalid json: {0}")]
    Json(#[from] JsonError),
    /// A hex field with the wrong length or characters.
    #[error("invalid hex in {field}: {source}")]
    InvalidHex {
        /// The field (`id`, `pubkey`, `sig`, ...).
        field: &'static str,
        /// What was wrong.
        source: HexError,
    },
    /// A secret key that is zero or not below the curve order, or not 32 bytes.
    #[error("invalid secret key")]
    InvalidSecretKey,
    /// The operating system's random number generator failed.
    #[error("the operating system's random number generator failed")]
    Rng,
    /// A public key that is not 32 bytes or not an x coordinate on the curve.
    #[error("invalid public key: not a point on secp256k1")]
    InvalidPublicKey,
    /// An event id slice that is not 32 bytes.
    #[error("invalid event id: not 32 bytes")]
    InvalidEventId,
    /// A Schnorr signature that does not verify.
    #[error("invalid signature")]
    InvalidSignature,
    /// The `id` field is not the hash of the event's canonical serialization.
    #[error("id mismatch: the event hashes to {computed}, not the id it claims")]
    IdMismatch {
        /// The id recomputed from the event's fields.
        computed: EventId,
        /// The id the event claims.
        claimed: EventId,
    },
    /// A malformed `kind:pubkey:d` coordinate.
    #[error("invalid coordinate: {0}")]
    InvalidCoordinate(#[from] CoordinateError),
    /// A relay URL that is not a `ws://` or `wss://` URL with a host (see
    /// [`RelayUrl`](crate::RelayUrl)).
    #[error("invalid relay url: {0}")]
    InvalidRelayUrl(&'static str),
    /// A NIP-11 relay information document that is not a JSON object.
    #[error("invalid relay information document: {0}")]
    InvalidRelayInformation(alloc::string::String),
    /// A NIP-42 `AUTH` event the relay must refuse.
    #[error("authentication failed: {0}")]
    Auth(#[from] crate::nip42::AuthError),
    /// An event of another kind than the operation needs.
    #[error("wrong kind: expected {expected}, got {got}")]
    WrongKind {
        /// The kind the operation needs.
        expected: crate::kind::Kind,
        /// The event's kind.
        got: crate::kind::Kind,
    },
    /// A required field is missing.
    #[error("missing field `{0}`")]
    MissingField(&'static str),
    /// A field appears twice in one object.
    #[error("duplicate field `{0}`")]
    DuplicateField(&'static str),
    /// A field has the wrong JSON type.
    #[error("field `{field}` must be {expected}")]
    WrongType {
        /// The field.
        field: &'static str,
        /// The JSON type expected.
        expected: &'static str,
    },
    /// A number field that is negative, fractional or too large.
    #[error("invalid number in `{field}`: {reason}")]
    InvalidNumber {
        /// The field.
        field: &'static str,
        /// What was wrong.
        reason: NumberError,
    },
    /// A kind outside 0..=65535.
    #[error("kind {0} is outside 0..=65535")]
    KindOutOfRange(u64),
    /// A tag with no items (NIP-01 tags have at least a name).
    #[error("tag {index} is empty")]
    EmptyTag {
        /// Index of the tag in `tags`.
        index: usize,
    },
    /// A tag item that is not a string.
    #[error("tag {tag} item {item} is not a string")]
    TagItemNotString {
        /// Index of the tag in `tags`.
        tag: usize,
        /// Index of the item in the tag.
        item: usize,
    },
    /// A tag whose value does not have the form its name requires.
    #[error("invalid `{name}` tag: {reason}")]
    InvalidTag {
        /// The tag name.
        name: &'static str,
        /// What was wrong.
        reason: &'static str,
    },
    /// A relay or client message that is not one NIP-01 defines, or is malformed.
    #[error("invalid message: {0}")]
    InvalidMessage(&'static str),
    /// A filter object that is malformed.
    #[error("invalid filter: {0}")]
    InvalidFilter(&'static str),
    /// A subscription id that is empty or longer than 64 characters (NIP-01).
    #[error("invalid subscription id: must be 1 to 64 characters")]
    InvalidSubscriptionId,
}

impl Error {
    /// The same error naming `field` when it is a hex error: the hex parsers name the
    /// type (`id`, ...), while a list or message reports where the value stood.
    pub(crate) fn in_field(self, field: &'static str) -> Self {
        match self {
            Self::InvalidHex { source, .. } => Self::InvalidHex { field, source },
            other => other,
        }
    }
}

/// Fills a field of a JSON object once; a repeated key is [`Error::DuplicateField`].
pub(crate) fn set_once<V>(
    slot: &mut Option<V>,
    field: &'static str,
    value: V,
) -> Result<(), Error> {
    if slot.replace(value).is_some() {
        return Err(Error::DuplicateField(field));
    }
    Ok(())
}
