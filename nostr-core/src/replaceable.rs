//! Replaceable and addressable events (NIP-01 "Kinds"): which version a relay keeps.
//!
//! For a replaceable kind (`0`, `3`, `10000..20000`) only the latest event per
//! `(kind, pubkey)` is kept; for an addressable kind (`30000..40000`) the latest per
//! `(kind, pubkey, d)`. "Latest" is the greatest `created_at`; NIP-01: "in case of
//! replaceable events with the same timestamp, the event with the lowest id (first in
//! lexical order) should be retained". [`Version`] is that order as a total order, so
//! the winner does not depend on the order events arrive in.
//!
//! # Example
//! ```
//! use nostr_core::{EventBuilder, Keys, Kind, Timestamp, replaceable};
//! let keys = Keys::generate();
//! let old = EventBuilder::new(Kind::METADATA, r#"{"name":"a"}"#).sign_at(&keys, Timestamp::from_secs(10));
//! let new = EventBuilder::new(Kind::METADATA, r#"{"name":"b"}"#).sign_at(&keys, Timestamp::from_secs(20));
//! let key = replaceable::ReplaceableKey::of(&old).unwrap();
//! assert_eq!(replaceable::ReplaceableKey::of(&new), Some(key));
//! assert!(replaceable::wins(&old, &new));
//! assert!(!replaceable::wins(&new, &old));
//! ```

use alloc::string::String;
use core::cmp::Ordering;

use crate::coordinate::Coordinate;
use crate::event::Event;
use crate::event_id::EventId;
use crate::keys::PublicKey;
use crate::kind::Kind;
use crate::timestamp::Timestamp;

/// The slot a replaceable or addressable event occupies: `(kind, pubkey)` for
/// replaceable kinds, `(kind, pubkey, d)` for addressable ones.
///
/// For replaceable kinds the identifier is always empty (a `d` tag on them is
/// ignored); for addressable kinds it is the first `d` tag's value, or empty when
/// there is none (NIP-01 treats a missing `d` as the empty identifier). The key is
/// the event's [`Coordinate`] and converts to and from it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReplaceableKey {
    /// The kind.
    pub kind: Kind,
    /// The author.
    pub pubkey: PublicKey,
    /// The `d` identifier (empty for replaceable kinds).
    pub identifier: String,
}

impl ReplaceableKey {
    /// The slot of `event`, or `None` when its kind is neither replaceable nor
    /// addressable (regular and ephemeral events are never replaced).
    pub fn of(event: &Event) -> Option<Self> {
        Self::from_parts(event.kind, event.pubkey, || {
            event.tags.identifier().unwrap_or_default()
        })
    }

    /// The slot for a kind, author and identifier lookup (for stored rows or
    /// [`RawEvent`](crate::RawEvent) views); `d` is only called for addressable kinds.
    pub fn from_parts<'a>(
        kind: Kind,
        pubkey: PublicKey,
        d: impl FnOnce() -> &'a str,
    ) -> Option<Self> {
        let identifier = if kind.is_addressable() {
            String::from(d())
        } else if kind.is_replaceable() {
            String::new()
        } else {
            return None;
        };
        Some(Self {
            kind,
            pubkey,
            identifier,
        })
    }

    /// The key as a coordinate (`kind:pubkey:d`).
    pub fn to_coordinate(&self) -> Coordinate {
        Coordinate::new(self.kind, self.pubkey, self.identifier.clone())
    }

    /// Whether `coordinate` names this slot (NIP-09 `a` deletions, `a` tag lookups).
    pub fn matches(&self, coordinate: &Coordinate) -> bool {
        self.kind == coordinate.kind
            && self.pubkey == coordinate.pubkey
            && self.identifier == coordinate.identifier
    }
}

impl From<ReplaceableKey> for Coordinate {
    fn from(k: ReplaceableKey) -> Self {
        Coordinate::new(k.kind, k.pubkey, k.identifier)
    }
}

impl From<Coordinate> for ReplaceableKey {
    fn from(c: Coordinate) -> Self {
        Self {
            kind: c.kind,
            pubkey: c.pubkey,
            identifier: c.identifier,
        }
    }
}

/// The version order of events in one slot: the greater [`Version`] is the one
/// to keep (later `created_at`; on a tie the lower id).
///
/// A total order on `(created_at, id)`: two different events never compare equal
/// (they have different ids), so the maximum of any set is one event whatever the
/// order the set was built in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Version {
    /// Creation time.
    pub created_at: Timestamp,
    /// The event id.
    pub id: EventId,
}

impl Version {
    /// The version of an event.
    pub fn of(event: &Event) -> Self {
        Self {
            created_at: event.created_at,
            id: event.id,
        }
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.created_at
            .cmp(&other.created_at)
            // Lower id is "newer" (kept), so reverse the id order.
            .then_with(|| other.id.cmp(&self.id))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Whether `new` replaces `stored` in their slot: a later `created_at`, or the same
/// `created_at` and a lower id. The same event again does not win (a relay answers
/// it as a duplicate).
///
/// The caller checks that both have the same [`ReplaceableKey`]; this compares
/// versions only.
pub fn wins(stored: &Event, new: &Event) -> bool {
    Version::of(new) > Version::of(stored)
}

/// The event to keep out of several versions of one slot (`None` when empty).
///
/// # Example
/// ```
/// use nostr_core::{EventBuilder, Keys, Kind, Timestamp, replaceable};
/// let keys = Keys::generate();
/// let versions: Vec<_> = [30, 10, 20]
///     .map(|t| EventBuilder::new(Kind::CONTACT_LIST, "").sign_at(&keys, Timestamp::from_secs(t)))
///     .into();
/// let kept = replaceable::latest(&versions).unwrap();
/// assert_eq!(kept.created_at.as_secs(), 30);
/// ```
pub fn latest<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<&'a Event> {
    events.into_iter().max_by_key(|e| Version::of(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EventBuilder, Keys, Tag};
    use alloc::string::ToString;

    fn keys() -> Keys {
        Keys::from_hex("0000000000000000000000000000000000000000000000000000000000000003").unwrap()
    }

    #[test]
    fn keys_by_kind_class() {
        let k = keys();
        let at = Timestamp::from_secs(1);
        let note = EventBuilder::new(Kind::TEXT_NOTE, "").sign_at_with_aux(&k, at, &[0; 32]);
        assert_eq!(ReplaceableKey::of(&note), None);
        let eph = EventBuilder::new(Kind::new(20001), "").sign_at_with_aux(&k, at, &[0; 32]);
        assert_eq!(ReplaceableKey::of(&eph), None);
        let meta = EventBuilder::new(Kind::METADATA, "")
            .tag(Tag::identifier("ignored"))
            .sign_at_with_aux(&k, at, &[0; 32]);
        let key = ReplaceableKey::of(&meta).unwrap();
        assert_eq!(key.identifier, "");
        assert_eq!(
            key.to_coordinate().to_string(),
            alloc::format!("0:{}:", k.public_key())
        );
        let a = EventBuilder::new(Kind::LIVE_EVENT, "")
            .tag(Tag::identifier("x"))
            .sign_at_with_aux(&k, at, &[0; 32]);
        let b = EventBuilder::new(Kind::LIVE_EVENT, "").sign_at_with_aux(&k, at, &[0; 32]);
        assert_eq!(ReplaceableKey::of(&a).unwrap().identifier, "x");
        assert_eq!(ReplaceableKey::of(&b).unwrap().identifier, "");
        assert_ne!(ReplaceableKey::of(&a), ReplaceableKey::of(&b));
        let c: Coordinate = ReplaceableKey::of(&a).unwrap().into();
        assert!(ReplaceableKey::of(&a).unwrap().matches(&c));
        assert_eq!(
            ReplaceableKey::from(c.clone()),
            ReplaceableKey::of(&a).unwrap()
        );
    }

    #[test]
    fn tie_goes_to_lowest_id() {
        let k = keys();
        let at = Timestamp::from_secs(5);
        let x = EventBuilder::new(Kind::METADATA, "x").sign_at_with_aux(&k, at, &[0; 32]);
        let y = EventBuilder::new(Kind::METADATA, "y").sign_at_with_aux(&k, at, &[0; 32]);
        let (low, high) = if x.id < y.id { (x, y) } else { (y, x) };
        assert!(wins(&high, &low));
        assert!(!wins(&low, &high));
        assert!(!wins(&low, &low));
        assert_eq!(latest([&high, &low]).unwrap().id, low.id);
        assert_eq!(latest([&low, &high]).unwrap().id, low.id);
        assert!(latest(core::iter::empty()).is_none());
    }
}
