//! The crate's error type and the spec-violation report used by every `validate`.

use alloc::string::String;

use nostr_core::Kind;

/// Why an event could not be read as a live type, or an operation failed.
///
/// Parsers are lenient: they only fail when the event is unusable (wrong kind,
/// no identifier, no target). Everything else that is off-spec is kept and
/// reported by the type's `validate` as a list of [`Violation`]s.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The event has another kind than the type reads.
    #[error("wrong kind: expected {expected}, got {got}")]
    WrongKind {
        /// The kind this type reads.
        expected: Kind,
        /// The kind of the event.
        got: Kind,
    },
    /// A tag the event cannot be used without is absent.
    #[error("missing required `{0}` tag")]
    MissingTag(&'static str),
    /// A tag the event cannot be used without is present but malformed.
    #[error("invalid `{name}` tag at index {index}: {reason}")]
    InvalidTag {
        /// The tag name.
        name: &'static str,
        /// Index of the tag in the event's `tags`.
        index: usize,
        /// What was wrong.
        reason: &'static str,
    },
    /// A participant's proof of agreement is not 128 hex characters.
    #[error("invalid proof hex")]
    InvalidProofHex,
    /// A NIP-5E segment carries no `x` hash to check bytes against.
    #[error("segment has no `x` hash")]
    MissingHash,
    /// Downloaded segment bytes do not hash to the segment's `x`.
    #[error("segment bytes do not match the `x` hash")]
    HashMismatch,
    /// The participant to edit is not in the event.
    #[error("participant not found")]
    ParticipantNotFound,
    /// An `naddr` could not be built (identifier or relay too long).
    #[error("naddr: {0}")]
    Nip19(#[from] nostr_nip19::Error),
    /// An error from `nostr-core` (keys, signatures, coordinates).
    #[error("nostr-core: {0}")]
    Core(#[from] nostr_core::Error),
}

/// What is wrong with one field, as found by a `validate` method.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Problem {
    /// A tag the spec requires is absent.
    Missing,
    /// A tag is present but could not be read into its typed field: its value
    /// does not have the form the spec gives (a number that is not a number, a
    /// pubkey that is not hex, a variant without `d`, ...) or it repeats a
    /// single-valued tag. The tag was kept in the value's `other_tags`.
    Malformed,
    /// A value outside the set the spec lists (for example a `status` of
    /// `unknown`), with the raw value.
    UnexpectedValue(String),
    /// A tag name or form that real apps write but the spec does not (for example
    /// `content_warning` with an underscore), with the form found.
    NonStandard(String),
}

/// One spec violation: which field (tag name) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    /// The tag name (or `content`, `kind`).
    pub field: &'static str,
    /// What is wrong.
    pub problem: Problem,
}

impl Violation {
    pub(crate) const fn new(field: &'static str, problem: Problem) -> Self {
        Self { field, problem }
    }
}

impl core::fmt::Display for Problem {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Missing => f.write_str("missing"),
            Self::Malformed => f.write_str("malformed (kept in other_tags)"),
            Self::UnexpectedValue(v) => write!(f, "unexpected value {v:?}"),
            Self::NonStandard(form) => write!(f, "non-standard form {form:?}"),
        }
    }
}

/// `<field>: <problem>`, e.g. `status: unexpected value "unknown"`.
impl core::fmt::Display for Violation {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}
