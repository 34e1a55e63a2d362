//! [`UnsignedEvent`], signed [`Event`] and [`EventBuilder`] (NIP-01).

use alloc::string::String;

use crate::canonical::{self, Sink};
use crate::error::Error;
use crate::event_id::EventId;
use crate::json::Reader;
use crate::keys::{Keys, PublicKey};
use crate::kind::Kind;
use crate::raw_event::{OwnedTags, parse_event};
use crate::signature::Signature;
use crate::tag::{AnyTag, Tag, Tags};
use crate::timestamp::Timestamp;

/// An event before signing: everything the id commits to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsignedEvent {
    /// The author.
    pub pubkey: PublicKey,
    /// Creation time.
    pub created_at: Timestamp,
    /// The kind.
    pub kind: Kind,
    /// The tags.
    pub tags: Tags,
    /// The content.
    pub content: String,
}

impl UnsignedEvent {
    /// The NIP-01 id: SHA-256 of the canonical serialization, streamed (the
    /// serialization is never built in memory).
    pub fn id(&self) -> EventId {
        canonical::event_id(
            &self.pubkey,
            self.created_at,
            self.kind,
            &self.tags,
            &self.content,
        )
    }

    /// The canonical serialization the id hashes, as a string (for debugging and
    /// interop checks).
    pub fn canonical_json(&self) -> String {
        canonical::serialize(
            &self.pubkey,
            self.created_at,
            self.kind,
            &self.tags,
            &self.content,
        )
    }

    /// Signs with fresh auxiliary randomness.
    ///
    /// # Errors
    /// [`Error::InvalidPublicKey`] when `keys` is not the event's `pubkey`.
    #[cfg(feature = "std")]
    pub fn sign(self, keys: &Keys) -> Result<Event, Error> {
        let mut aux = [0u8; 32];
        let _ = getrandom::getrandom(&mut aux);
        self.sign_with_aux(keys, &aux)
    }

    /// Signs with caller-chosen BIP-340 auxiliary randomness (deterministic).
    ///
    /// # Errors
    /// [`Error::InvalidPublicKey`] when `keys` is not the event's `pubkey`.
    pub fn sign_with_aux(self, keys: &Keys, aux: &[u8; 32]) -> Result<Event, Error> {
        if keys.public_key() != self.pubkey {
            return Err(Error::InvalidPublicKey);
        }
        let id = self.id();
        let sig = keys.sign_hash_with_aux(id.as_bytes(), aux);
        Ok(Event {
            id,
            pubkey: self.pubkey,
            created_at: self.created_at,
            kind: self.kind,
            tags: self.tags,
            content: self.content,
            sig,
        })
    }
}

/// A signed event as it travels between clients and relays.
///
/// Fields are public; after changing one, [`Event::verify`] fails until it is
/// re-signed. A parsed event is *not* verified: call [`Event::verify`].
///
/// # Example
/// ```
/// use nostr_core::{Event, EventBuilder, Keys, Kind, Tag};
/// let keys = Keys::generate();
/// let event = EventBuilder::new(Kind::TEXT_NOTE, "hello nostr")
///     .tag(Tag::hashtag("intro"))
///     .sign(&keys);
/// event.verify().unwrap();
/// let back = Event::from_json(&event.to_json()).unwrap();
/// assert_eq!(back, event);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The id (SHA-256 of the canonical serialization).
    pub id: EventId,
    /// The author.
    pub pubkey: PublicKey,
    /// Creation time.
    pub created_at: Timestamp,
    /// The kind.
    pub kind: Kind,
    /// The tags.
    pub tags: Tags,
    /// The content.
    pub content: String,
    /// BIP-340 signature of the id by `pubkey`.
    pub sig: Signature,
}

impl Event {
    /// Parses untrusted event JSON.
    ///
    /// Fields may come in any order and strings may use any JSON escape (decoded
    /// before the id is recomputed); unknown fields are ignored.
    ///
    /// # Errors
    /// Precisely what was wrong: [`Error::Json`] (syntax, with position),
    /// [`Error::MissingField`], [`Error::DuplicateField`], [`Error::InvalidHex`]
    /// (wrong length or uppercase), [`Error::KindOutOfRange`], [`Error::InvalidNumber`]
    /// (negative or non-integer), [`Error::WrongType`], [`Error::EmptyTag`],
    /// [`Error::TagItemNotString`], or [`Error::Json`] with `TrailingCharacters`.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        let mut reader = Reader::new(json);
        let event = Self::parse(&mut reader)?;
        reader.finish()?;
        Ok(event)
    }

    /// Parses an event at the reader's position (used by message parsing).
    pub(crate) fn parse(reader: &mut Reader<'_>) -> Result<Self, Error> {
        let mut tags = OwnedTags::default();
        let raw = parse_event(reader, &mut tags)?;
        Ok(Self {
            id: raw.id,
            pubkey: raw.pubkey,
            created_at: raw.created_at,
            kind: raw.kind,
            tags: tags.into_tags(),
            content: raw.raw_content().decode().into_owned(),
            sig: raw.sig,
        })
    }

    /// Recomputes the id from the fields.
    pub fn compute_id(&self) -> EventId {
        canonical::event_id(
            &self.pubkey,
            self.created_at,
            self.kind,
            &self.tags,
            &self.content,
        )
    }

    /// Checks only that `id` matches the fields.
    ///
    /// # Errors
    /// [`Error::IdMismatch`].
    pub fn verify_id(&self) -> Result<(), Error> {
        let computed = self.compute_id();
        if computed == self.id {
            Ok(())
        } else {
            Err(Error::IdMismatch {
                computed,
                claimed: self.id,
            })
        }
    }

    /// Checks only the signature over the claimed `id`.
    ///
    /// # Errors
    /// [`Error::InvalidPublicKey`] or [`Error::InvalidSignature`].
    pub fn verify_signature(&self) -> Result<(), Error> {
        self.pubkey.verify_hash(self.id.as_bytes(), &self.sig)
    }

    /// Checks the id *and* the signature: what a relay or client must do before
    /// trusting an event.
    ///
    /// # Errors
    /// [`Error::IdMismatch`], [`Error::InvalidPublicKey`] or [`Error::InvalidSignature`].
    pub fn verify(&self) -> Result<(), Error> {
        self.verify_id()?;
        self.verify_signature()
    }

    /// Compact wire JSON: `{"id":..,"pubkey":..,"created_at":..,"kind":..,"tags":..,"content":..,"sig":..}`.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.json_len_hint());
        self.write_json(&mut out);
        out
    }

    /// A capacity that usually fits the JSON without reallocation.
    fn json_len_hint(&self) -> usize {
        300 + self.tags.text_len()
            + self.tags.text_len() / 8
            + self.content.len()
            + self.content.len() / 8
    }

    /// Appends the wire JSON to a string.
    pub(crate) fn write_json<S: Sink>(&self, out: &mut S) {
        out.put("{\"id\":");
        canonical::put_hex(out, self.id.as_bytes());
        out.put(",\"pubkey\":");
        canonical::put_hex(out, self.pubkey.as_bytes());
        out.put(",\"created_at\":");
        canonical::put_u64(out, self.created_at.as_secs());
        out.put(",\"kind\":");
        canonical::put_u64(out, u64::from(self.kind.as_u16()));
        out.put(",\"tags\":");
        canonical::put_tags(out, &self.tags);
        out.put(",\"content\":");
        canonical::put_string(out, &self.content);
        out.put(",\"sig\":");
        canonical::put_hex(out, self.sig.as_bytes());
        out.put("}");
    }

    /// The unsigned part (to edit and re-sign).
    pub fn into_unsigned(self) -> UnsignedEvent {
        UnsignedEvent {
            pubkey: self.pubkey,
            created_at: self.created_at,
            kind: self.kind,
            tags: self.tags,
            content: self.content,
        }
    }

    /// NIP-40: whether the event has an `expiration` tag at or before `now`.
    /// A malformed expiration tag counts as not expired (it cannot be honoured).
    pub fn is_expired(&self, now: Timestamp) -> bool {
        crate::nip40::is_expired(&self.tags, now)
    }
}

impl core::str::FromStr for Event {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_json(s)
    }
}

/// Builds events: kind, content and tags, then a time and a key.
///
/// # Example
/// ```
/// use nostr_core::{EventBuilder, Keys, Kind, Tag, Timestamp};
/// let keys = Keys::generate();
/// let unsigned = EventBuilder::new(Kind::TEXT_NOTE, "gm")
///     .tags([Tag::hashtag("gm")])
///     .build(keys.public_key(), Timestamp::from_secs(1_700_000_000));
/// let event = unsigned.sign(&keys).unwrap();
/// assert!(event.verify().is_ok());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventBuilder {
    kind: Kind,
    content: String,
    tags: Tags,
}

impl EventBuilder {
    /// Starts an event of `kind` with `content`.
    pub fn new(kind: Kind, content: impl Into<String>) -> Self {
        Self {
            kind,
            content: content.into(),
            tags: Tags::new(),
        }
    }

    /// Adds one tag.
    #[must_use]
    pub fn tag(mut self, tag: Tag) -> Self {
        self.tags.push(tag);
        self
    }

    /// Adds a whole tag list, after any tags added so far (moved in as it is when
    /// there are none yet).
    #[must_use]
    pub fn tag_list(mut self, tags: Tags) -> Self {
        if self.tags.is_empty() {
            self.tags = tags;
        } else {
            self.tags.append(&tags);
        }
        self
    }

    /// Adds several tags: owned [`Tag`]s, or [`TagRef`](crate::TagRef)s borrowed from another
    /// event's tags (copied).
    #[must_use]
    pub fn tags<T: AnyTag>(mut self, tags: impl IntoIterator<Item = T>) -> Self {
        for tag in tags {
            tag.append_to(&mut self.tags);
        }
        self
    }

    /// The unsigned event for `pubkey` at `created_at`.
    pub fn build(self, pubkey: PublicKey, created_at: Timestamp) -> UnsignedEvent {
        UnsignedEvent {
            pubkey,
            created_at,
            kind: self.kind,
            tags: self.tags,
            content: self.content,
        }
    }

    /// Signs at `created_at` with fresh auxiliary randomness.
    #[cfg(feature = "std")]
    pub fn sign_at(self, keys: &Keys, created_at: Timestamp) -> Event {
        let mut aux = [0u8; 32];
        let _ = getrandom::getrandom(&mut aux);
        self.sign_at_with_aux(keys, created_at, &aux)
    }

    /// Signs at `created_at` with caller-chosen auxiliary randomness (no_std, tests).
    pub fn sign_at_with_aux(self, keys: &Keys, created_at: Timestamp, aux: &[u8; 32]) -> Event {
        let unsigned = self.build(keys.public_key(), created_at);
        let id = unsigned.id();
        let sig = keys.sign_hash_with_aux(id.as_bytes(), aux);
        Event {
            id,
            pubkey: unsigned.pubkey,
            created_at,
            kind: unsigned.kind,
            tags: unsigned.tags,
            content: unsigned.content,
            sig,
        }
    }

    /// Signs now (system clock) with fresh auxiliary randomness.
    #[cfg(feature = "std")]
    pub fn sign(self, keys: &Keys) -> Event {
        self.sign_at(keys, Timestamp::now())
    }
}
