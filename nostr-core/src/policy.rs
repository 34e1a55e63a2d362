//! The acceptance policy a relay applies to every incoming `EVENT`, answering with
//! the exact NIP-01 `OK` message.
//!
//! [`AcceptancePolicy::check_json`] takes the event JSON as received (and `now`),
//! and either accepts it, giving the parsed zero-copy [`RawEvent`] and how to store
//! it ([`Storage`]), or refuses it with a typed [`Refusal`] that knows its
//! machine-readable prefix (NIP-01 "OK"): `invalid:` for malformed, forged, expired or
//! out-of-window events and size limits, `pow:` for missing NIP-13 work, `blocked:`
//! for refused authors and kinds. [`AcceptancePolicy::check_event`] does the same for
//! an owned [`Event`].
//!
//! Cheap checks run first and the signature last, so a flood of oversized or
//! out-of-window events costs no signature verifications. Duplicates, rate limits,
//! authentication and storage are the caller's: [`duplicate`], [`rate_limited`],
//! [`refuse`] build their `OK` messages.
//!
//! # Example
//! ```
//! use nostr_core::policy::{AcceptancePolicy, Storage};
//! use nostr_core::{EventBuilder, Keys, Kind, RelayMessage, Timestamp};
//!
//! let now = Timestamp::from_secs(1_700_000_000);
//! let policy = AcceptancePolicy { min_pow: 0, ..AcceptancePolicy::default() };
//! let keys = Keys::generate();
//! let json = EventBuilder::new(Kind::TEXT_NOTE, "hi").sign_at(&keys, now).to_json();
//!
//! match policy.check_json(&json, now) {
//!     Ok(accepted) => {
//!         assert_eq!(accepted.storage, Storage::Regular);
//!         // store accepted.event.json(), fan it out, then answer:
//!         let ok = accepted.ok_message();
//!         assert!(matches!(ok, RelayMessage::Ok { accepted: true, .. }));
//!     }
//!     Err(refused) => { let _answer = refused.message(); }
//! }
//!
//! // Ten hours in the future is refused with an `invalid:` prefix.
//! let late = EventBuilder::new(Kind::TEXT_NOTE, "hi")
//!     .sign_at(&keys, now.saturating_add(36_000))
//!     .to_json();
//! let refused = policy.check_json(&late, now).unwrap_err();
//! assert!(refused.message().to_json().contains("\"invalid: created_at"));
//! ```

use alloc::collections::BTreeSet;
use alloc::string::ToString;

use crate::error::Error;
use crate::event::Event;
use crate::event_id::EventId;
use crate::keys::PublicKey;
use crate::kind::Kind;
use crate::message::{Prefix, Reason, RelayMessage};
use crate::nip11::Limitation;
use crate::raw_event::RawEvent;
use crate::tag::parse_decimal;
use crate::timestamp::Timestamp;

/// What a relay does with ephemeral events (kinds `20000..30000`, NIP-01: "not
/// expected to be stored by relays").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Ephemeral {
    /// Accept and broadcast to current subscribers; [`Storage::Ephemeral`] says not
    /// to store them.
    #[default]
    Broadcast,
    /// Refuse them (`blocked:`).
    Refuse,
}

/// The configurable checks. Every limit is optional; `None` turns a check off.
///
/// [`Default`] is a reasonable open relay: events up to 128 KiB of JSON, at most
/// 2,000 tags, `created_at` at most 15 minutes in the future (no past limit), no
/// proof of work, expired events refused, ephemeral events broadcast.
/// [`AcceptancePolicy::from_limitation`] follows a NIP-11 `limitation` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcceptancePolicy {
    /// Largest event JSON, in bytes (as received for [`check_json`](Self::check_json),
    /// as compact JSON for [`check_event`](Self::check_event)).
    pub max_event_bytes: Option<usize>,
    /// Most tags (NIP-11 `max_event_tags`).
    pub max_tags: Option<usize>,
    /// Longest content in Unicode characters (NIP-11 `max_content_length`).
    pub max_content_chars: Option<usize>,
    /// How many seconds before `now` `created_at` may be (NIP-11 `created_at_lower_limit`).
    pub max_age: Option<u64>,
    /// How many seconds after `now` `created_at` may be (NIP-11 `created_at_upper_limit`).
    pub max_future: Option<u64>,
    /// Least NIP-13 difficulty (leading zero bits of the id); `0` turns it off.
    pub min_pow: u8,
    /// Also require the `nonce` tag to commit to at least [`min_pow`](Self::min_pow)
    /// (NIP-13: so a lucky hash cannot pass as intended work).
    pub require_pow_commitment: bool,
    /// Refuse events whose NIP-40 `expiration` is at or before `now` (NIP-40:
    /// "relays SHOULD NOT send expired events to clients").
    pub refuse_expired: bool,
    /// Ephemeral events: broadcast or refuse.
    pub ephemeral: Ephemeral,
    /// Authors whose events are refused (`blocked:`).
    pub blocked_authors: BTreeSet<PublicKey>,
    /// Kinds that are refused (`blocked:`).
    pub blocked_kinds: BTreeSet<Kind>,
}

impl Default for AcceptancePolicy {
    fn default() -> Self {
        Self {
            max_event_bytes: Some(128 * 1024),
            max_tags: Some(2000),
            max_content_chars: None,
            max_age: None,
            max_future: Some(15 * 60),
            min_pow: 0,
            require_pow_commitment: false,
            refuse_expired: true,
            ephemeral: Ephemeral::Broadcast,
            blocked_authors: BTreeSet::new(),
            blocked_kinds: BTreeSet::new(),
        }
    }
}

/// How an accepted event is kept (from its kind, NIP-01 "Kinds" and NIP-09).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Storage {
    /// A regular event: store it.
    Regular,
    /// Replaceable (`0`, `3`, `10000..20000`): keep the latest per `(kind, pubkey)`
    /// ([`crate::replaceable`]).
    Replaceable,
    /// Addressable (`30000..40000`): keep the latest per `(kind, pubkey, d)`.
    Addressable,
    /// Ephemeral: broadcast to subscribers, do not store.
    Ephemeral,
    /// A NIP-09 deletion request (kind 5): store it and apply it
    /// ([`crate::nip09::DeletionRequest`]).
    Deletion,
}

impl Storage {
    /// The storage class of a kind.
    pub fn of(kind: Kind) -> Self {
        if kind == Kind::DELETION {
            Self::Deletion
        } else if kind.is_replaceable() {
            Self::Replaceable
        } else if kind.is_addressable() {
            Self::Addressable
        } else if kind.is_ephemeral() {
            Self::Ephemeral
        } else {
            Self::Regular
        }
    }
}

/// Why an event was refused. The `Display` text is the human part of the `OK`
/// message; [`Refusal::prefix`] the machine-readable part.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// The JSON is larger than allowed.
    #[error("event is {size} bytes, more than the {max} allowed")]
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// The JSON is not a well-formed event.
    #[error("malformed event: {0}")]
    Malformed(Error),
    /// The author is blocked.
    #[error("author is blocked")]
    BlockedAuthor,
    /// The kind is refused.
    #[error("kind {0} is not accepted")]
    BlockedKind(Kind),
    /// An ephemeral event where the policy refuses them.
    #[error("ephemeral events are not accepted")]
    EphemeralRefused,
    /// A NIP-42 kind 22242 event sent with `EVENT` (NIP-42: relays "MUST exclude"
    /// them from broadcast; they belong in an `AUTH` message).
    #[error("kind 22242 is only accepted in AUTH messages")]
    AuthEvent,
    /// More tags than allowed.
    #[error("event has {count} tags, more than the {max} allowed")]
    TooManyTags {
        /// Its tag count.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// Content longer than allowed.
    #[error("content is {chars} characters, more than the {max} allowed")]
    ContentTooLong {
        /// Its length in Unicode characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// `created_at` earlier than `now - max_age`.
    #[error("created_at {created_at} is too far in the past (oldest accepted: {oldest})")]
    TooOld {
        /// The event's time.
        created_at: Timestamp,
        /// The oldest accepted time.
        oldest: Timestamp,
    },
    /// `created_at` later than `now + max_future`.
    #[error("created_at {created_at} is too far in the future (latest accepted: {latest})")]
    TooNew {
        /// The event's time.
        created_at: Timestamp,
        /// The latest accepted time.
        latest: Timestamp,
    },
    /// The NIP-40 expiration has passed.
    #[error("event expired at {0}")]
    Expired(Timestamp),
    /// Not enough leading zero bits.
    #[error("difficulty {actual} is less than {min}")]
    InsufficientPow {
        /// The id's difficulty.
        actual: u32,
        /// The required difficulty.
        min: u8,
    },
    /// The `nonce` tag does not commit to enough work.
    #[error("committed target {committed:?} is less than {min}")]
    PowNotCommitted {
        /// The committed target, when the nonce tag has one.
        committed: Option<u8>,
        /// The required difficulty.
        min: u8,
    },
    /// The id is not the hash of the event.
    #[error("event id does not match its content")]
    IdMismatch,
    /// The signature does not verify.
    #[error("signature does not verify")]
    BadSignature,
}

impl Refusal {
    /// The machine-readable prefix for this refusal.
    pub fn prefix(&self) -> Prefix {
        match self {
            Self::BlockedAuthor | Self::BlockedKind(_) | Self::EphemeralRefused => Prefix::Blocked,
            Self::InsufficientPow { .. } | Self::PowNotCommitted { .. } => Prefix::Pow,
            _ => Prefix::Invalid,
        }
    }
}

/// A refused event: the id (when the JSON got far enough to have one) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// The event's claimed id; `None` when the JSON was too large or malformed.
    pub event_id: Option<EventId>,
    /// Why.
    pub refusal: Refusal,
}

impl Rejection {
    /// `"<prefix>: <text>"`.
    pub fn reason(&self) -> Reason {
        Reason::new(self.refusal.prefix(), &self.refusal.to_string())
    }

    /// The message to send: `["OK", <id>, false, "<prefix>: <text>"]`, or, when
    /// there is no id to answer (oversized or malformed JSON), a
    /// `["NOTICE", "<prefix>: <text>"]` (NIP-01 `OK` needs an event id).
    pub fn message(&self) -> RelayMessage {
        match self.event_id {
            Some(event_id) => RelayMessage::Ok {
                event_id,
                accepted: false,
                reason: self.reason(),
            },
            None => RelayMessage::Notice(self.reason().as_str().to_string()),
        }
    }
}

impl core::fmt::Display for Rejection {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.refusal.prefix().as_str(), self.refusal)
    }
}

/// An event that passed [`AcceptancePolicy::check_json`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted<'a> {
    /// The parsed, verified event (its [`RawEvent::json`] is what to store and forward).
    pub event: RawEvent<'a>,
    /// How to keep it.
    pub storage: Storage,
}

impl Accepted<'_> {
    /// `["OK", <id>, true, ""]`.
    pub fn ok_message(&self) -> RelayMessage {
        accept(self.event.id)
    }
}

/// `["OK", <id>, true, ""]`.
pub fn accept(event_id: EventId) -> RelayMessage {
    RelayMessage::Ok {
        event_id,
        accepted: true,
        reason: Reason::default(),
    }
}

/// `["OK", <id>, false, "<prefix>: <text>"]`, for refusals the caller decides
/// (`restricted:`, `auth-required:`, `error:`, ...).
pub fn refuse(event_id: EventId, prefix: Prefix, text: &str) -> RelayMessage {
    RelayMessage::Ok {
        event_id,
        accepted: false,
        reason: Reason::new(prefix, text),
    }
}

/// `["OK", <id>, false, "rate-limited: <text>"]`: rate limiting is the caller's
/// (it needs per-connection state); this is its answer.
pub fn rate_limited(event_id: EventId, text: &str) -> RelayMessage {
    refuse(event_id, Prefix::RateLimited, text)
}

/// `["OK", <id>, true, "duplicate: already have this event"]`: NIP-01 answers a
/// duplicate with `true` and the `duplicate:` prefix.
pub fn duplicate(event_id: EventId) -> RelayMessage {
    RelayMessage::Ok {
        event_id,
        accepted: true,
        reason: Reason::new(Prefix::Duplicate, "already have this event"),
    }
}

impl AcceptancePolicy {
    /// A policy that checks only what every relay must: well-formed JSON, id and
    /// signature, and expiration. No size, time or proof-of-work limits.
    pub fn permissive() -> Self {
        Self {
            max_event_bytes: None,
            max_tags: None,
            max_content_chars: None,
            max_age: None,
            max_future: None,
            ..Self::default()
        }
    }

    /// The policy a NIP-11 `limitation` block announces: `max_message_length`
    /// bounds the event size (the message wrapping it is a few bytes longer, which
    /// the caller checks on the frame), `max_event_tags`, `max_content_length`,
    /// `min_pow_difficulty` (clamped to 255), `created_at_lower_limit` and
    /// `created_at_upper_limit`. Fields the block leaves out keep
    /// [`AcceptancePolicy::default`]'s value.
    pub fn from_limitation(limitation: &Limitation) -> Self {
        let mut p = Self::default();
        let usize_of = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        if let Some(v) = limitation.max_message_length {
            p.max_event_bytes = Some(usize_of(v));
        }
        if let Some(v) = limitation.max_event_tags {
            p.max_tags = Some(usize_of(v));
        }
        if let Some(v) = limitation.max_content_length {
            p.max_content_chars = Some(usize_of(v));
        }
        if let Some(v) = limitation.min_pow_difficulty {
            p.min_pow = u8::try_from(v).unwrap_or(u8::MAX);
        }
        if let Some(v) = limitation.created_at_lower_limit {
            p.max_age = Some(v);
        }
        if let Some(v) = limitation.created_at_upper_limit {
            p.max_future = Some(v);
        }
        p
    }

    /// Checks an `EVENT`'s JSON (the event object, not the whole message) at time
    /// `now`, without copying it.
    ///
    /// # Errors
    /// A [`Rejection`] whose [`message`](Rejection::message) is the answer to send.
    pub fn check_json<'a>(&self, json: &'a str, now: Timestamp) -> Result<Accepted<'a>, Rejection> {
        if let Some(max) = self.max_event_bytes {
            if json.len() > max {
                return Err(Rejection {
                    event_id: None,
                    refusal: Refusal::TooLarge {
                        size: json.len(),
                        max,
                    },
                });
            }
        }
        let event = RawEvent::from_json(json).map_err(|e| Rejection {
            event_id: None,
            refusal: Refusal::Malformed(e),
        })?;
        let storage = self
            .check_view(&RawView(&event), now)
            .map_err(|refusal| Rejection {
                event_id: Some(event.id),
                refusal,
            })?;
        Ok(Accepted { event, storage })
    }

    /// Checks a whole `["EVENT", <event>]` client message as received: the event
    /// object is taken out of the message without copying and checked with
    /// [`check_json`](Self::check_json) (the size limit applies to the event object).
    ///
    /// # Errors
    /// A [`Rejection`] with [`Refusal::Malformed`] and no id when the text is not an
    /// `EVENT` message; otherwise as [`check_json`](Self::check_json).
    ///
    /// # Example
    /// ```
    /// use nostr_core::policy::AcceptancePolicy;
    /// use nostr_core::{ClientMessage, EventBuilder, Keys, Kind, Timestamp};
    /// let now = Timestamp::from_secs(1_700_000_000);
    /// let event = EventBuilder::new(Kind::TEXT_NOTE, "gm").sign_at(&Keys::generate(), now);
    /// let message = ClientMessage::Event(Box::new(event)).to_json();
    /// let accepted = AcceptancePolicy::default().check_event_message(&message, now).unwrap();
    /// let owned = accepted.event.to_event(); // for Filter::matches, storage, ...
    /// # let _ = owned;
    /// ```
    pub fn check_event_message<'a>(
        &self,
        message: &'a str,
        now: Timestamp,
    ) -> Result<Accepted<'a>, Rejection> {
        let json = event_in_message(message).map_err(|e| Rejection {
            event_id: None,
            refusal: Refusal::Malformed(e),
        })?;
        self.check_json(json, now)
    }

    /// Checks an owned event at time `now`. Its size is that of its compact JSON
    /// ([`Event::to_json`]), measured without building it.
    ///
    /// # Errors
    /// A [`Rejection`] whose [`message`](Rejection::message) is the answer to send.
    pub fn check_event(&self, event: &Event, now: Timestamp) -> Result<Storage, Rejection> {
        let reject = |refusal| Rejection {
            event_id: Some(event.id),
            refusal,
        };
        if let Some(max) = self.max_event_bytes {
            let mut counter = ByteCount(0);
            event.write_json(&mut counter);
            if counter.0 > max {
                return Err(reject(Refusal::TooLarge {
                    size: counter.0,
                    max,
                }));
            }
        }
        self.check_view(&OwnedView(event), now).map_err(reject)
    }

    fn check_view<V: View>(&self, e: &V, now: Timestamp) -> Result<Storage, Refusal> {
        let kind = e.kind();
        if self.blocked_kinds.contains(&kind) {
            return Err(Refusal::BlockedKind(kind));
        }
        if !self.blocked_authors.is_empty() && self.blocked_authors.contains(&e.pubkey()) {
            return Err(Refusal::BlockedAuthor);
        }
        if kind == Kind::AUTH {
            return Err(Refusal::AuthEvent);
        }
        let storage = Storage::of(kind);
        if storage == Storage::Ephemeral && self.ephemeral == Ephemeral::Refuse {
            return Err(Refusal::EphemeralRefused);
        }
        if let Some(max) = self.max_tags {
            let count = e.tag_count();
            if count > max {
                return Err(Refusal::TooManyTags { count, max });
            }
        }
        if let Some(max) = self.max_content_chars {
            let chars = e.content_chars();
            if chars > max {
                return Err(Refusal::ContentTooLong { chars, max });
            }
        }
        let created_at = e.created_at();
        if let Some(age) = self.max_age {
            let oldest = now.saturating_sub(age);
            if created_at < oldest {
                return Err(Refusal::TooOld { created_at, oldest });
            }
        }
        if let Some(ahead) = self.max_future {
            let latest = now.saturating_add(ahead);
            if created_at > latest {
                return Err(Refusal::TooNew { created_at, latest });
            }
        }
        if self.refuse_expired {
            if let Some(at) = e.expiration() {
                if at <= now {
                    return Err(Refusal::Expired(at));
                }
            }
        }
        if self.min_pow > 0 {
            let actual = crate::nip13::difficulty(&e.id());
            if actual < u32::from(self.min_pow) {
                return Err(Refusal::InsufficientPow {
                    actual,
                    min: self.min_pow,
                });
            }
            if self.require_pow_commitment {
                let committed = e.committed_target();
                if committed.is_none_or(|t| t < self.min_pow) {
                    return Err(Refusal::PowNotCommitted {
                        committed,
                        min: self.min_pow,
                    });
                }
            }
        }
        match e.verify() {
            Ok(()) => Ok(storage),
            Err(Error::IdMismatch { .. }) => Err(Refusal::IdMismatch),
            Err(_) => Err(Refusal::BadSignature),
        }
    }
}

/// The event object of an `["EVENT", <event>]` message, as it stands in the text.
///
/// # Errors
/// [`Error::InvalidMessage`] when the text is not an `EVENT` message with exactly
/// one element after the type, or [`Error::Json`] for a syntax error.
pub fn event_in_message(message: &str) -> Result<&str, Error> {
    let mut r = crate::json::Reader::new(message);
    if r.peek() != Some(b'[') {
        return Err(Error::InvalidMessage("a message must be a JSON array"));
    }
    r.expect(b'[', "'['")?;
    if r.peek() != Some(b'"') || !r.string()?.eq_str("EVENT") {
        return Err(Error::InvalidMessage("not an EVENT message"));
    }
    r.expect(b',', "','")?;
    let event = r.skip_value()?;
    if r.peek() == Some(b',') {
        return Err(Error::InvalidMessage("too many elements"));
    }
    r.expect(b']', "']'")?;
    r.finish()?;
    Ok(event)
}

/// Counts the bytes a JSON writer would produce.
struct ByteCount(usize);

impl crate::canonical::Sink for ByteCount {
    #[inline]
    fn put(&mut self, s: &str) {
        self.0 += s.len();
    }
}

/// What the checks read from an event, for both representations.
trait View {
    fn id(&self) -> EventId;
    fn pubkey(&self) -> PublicKey;
    fn created_at(&self) -> Timestamp;
    fn kind(&self) -> Kind;
    fn tag_count(&self) -> usize;
    fn content_chars(&self) -> usize;
    /// The first `expiration` tag's time; `None` when absent or malformed.
    fn expiration(&self) -> Option<Timestamp>;
    /// The first `nonce` tag's committed target.
    fn committed_target(&self) -> Option<u8>;
    fn verify(&self) -> Result<(), Error>;
}

struct OwnedView<'e>(&'e Event);

impl View for OwnedView<'_> {
    fn id(&self) -> EventId {
        self.0.id
    }
    fn pubkey(&self) -> PublicKey {
        self.0.pubkey
    }
    fn created_at(&self) -> Timestamp {
        self.0.created_at
    }
    fn kind(&self) -> Kind {
        self.0.kind
    }
    fn tag_count(&self) -> usize {
        self.0.tags.len()
    }
    fn content_chars(&self) -> usize {
        self.0.content.chars().count()
    }
    fn expiration(&self) -> Option<Timestamp> {
        crate::nip40::expiration(&self.0.tags)
    }
    fn committed_target(&self) -> Option<u8> {
        crate::nip13::committed_target(&self.0.tags)
    }
    fn verify(&self) -> Result<(), Error> {
        self.0.verify()
    }
}

struct RawView<'r, 'a>(&'r RawEvent<'a>);

/// Whether `"name"` occurs in `text`.
fn contains_quoted(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let bytes = text.as_bytes();
        at.checked_sub(1).and_then(|i| bytes.get(i)) == Some(&b'"')
            && bytes.get(at + name.len()) == Some(&b'"')
    })
}

impl RawView<'_, '_> {
    /// Item `index` of the first tag named `name`, decoded.
    fn first_tag_item(&self, name: &str, index: usize) -> Option<alloc::borrow::Cow<'_, str>> {
        // Fast path: without escapes in the tags, a tag named `name` needs the
        // quoted name verbatim in the text; most events have neither.
        let text = self.0.tags_json();
        if !text.contains('\\') && !contains_quoted(text, name) {
            return None;
        }
        let mut tag = self.0.tags().find(|t| {
            let mut items = t.clone();
            items.next().is_some_and(|n| n.eq_str(name))
        })?;
        tag.nth(index).map(|s| s.decode())
    }
}

impl View for RawView<'_, '_> {
    fn id(&self) -> EventId {
        self.0.id
    }
    fn pubkey(&self) -> PublicKey {
        self.0.pubkey
    }
    fn created_at(&self) -> Timestamp {
        self.0.created_at
    }
    fn kind(&self) -> Kind {
        self.0.kind
    }
    fn tag_count(&self) -> usize {
        self.0.tag_count()
    }
    fn content_chars(&self) -> usize {
        let content = self.0.raw_content();
        if !content.has_escapes() {
            return content.raw().chars().count();
        }
        let mut n = 0;
        content.for_each_piece(|piece| n += piece.chars().count());
        n
    }
    fn expiration(&self) -> Option<Timestamp> {
        let value = self.first_tag_item("expiration", 1)?;
        parse_decimal(&value).map(Timestamp::from_secs)
    }
    fn committed_target(&self) -> Option<u8> {
        // The same reading as `Tags::nonce`.
        crate::nip13::parse_target(&self.first_tag_item("nonce", 2)?)
    }
    fn verify(&self) -> Result<(), Error> {
        self.0.verify()
    }
}
