//! NIP-09 deletion requests (kind 5): building them, and deciding which stored
//! events one deletes.
//!
//! A relay applies a [`DeletionRequest`] to its stored events with
//! [`DeletionRequest::deletes`]: an event is deleted when it has the same author as
//! the request and is either named by an `e` tag, or lives in a replaceable or
//! addressable slot named by an `a` tag and is not newer than the request ("all
//! versions of the replaceable event up to the `created_at` timestamp of the deletion
//! request"). Deletion requests themselves are never deleted this way ("publishing a
//! deletion request event against a deletion request has no effect").
//!
//! # Example
//! ```
//! use nostr_core::{EventBuilder, Keys, Kind, Timestamp, nip09::DeletionRequest};
//! let keys = Keys::generate();
//! let note = EventBuilder::new(Kind::TEXT_NOTE, "oops").sign_at(&keys, Timestamp::from_secs(10));
//! let request = nip09::request([note.id], [], "posted by accident")
//!     .sign_at(&keys, Timestamp::from_secs(20));
//! let deletion = DeletionRequest::from_event(&request)?;
//! assert!(deletion.deletes(&note));
//! # use nostr_core::nip09;
//! # Ok::<(), nostr_core::Error>(())
//! ```

use alloc::string::ToString;
use alloc::vec::Vec;

use crate::coordinate::Coordinate;
use crate::error::Error;
use crate::event::{Event, EventBuilder};
use crate::event_id::EventId;
use crate::keys::PublicKey;
use crate::kind::Kind;
use crate::replaceable::ReplaceableKey;
use crate::tag::Tag;
use crate::timestamp::Timestamp;

/// A parsed kind 5 deletion request: what it asks to delete, and on whose behalf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeletionRequest {
    /// The request's id.
    pub id: EventId,
    /// The author: only their own events are deleted.
    pub pubkey: PublicKey,
    /// When the request was made; `a` deletions reach versions up to this time.
    pub created_at: Timestamp,
    /// Events named by `e` tags (well-formed ones; malformed tags are skipped).
    pub ids: Vec<EventId>,
    /// Slots named by `a` tags whose pubkey is the author's (others can never match
    /// and are left out; malformed tags are skipped).
    pub coordinates: Vec<Coordinate>,
    /// Kinds named by `k` tags (informational; NIP-09 "SHOULD include").
    pub kinds: Vec<Kind>,
}

impl DeletionRequest {
    /// Reads a kind 5 event. Does not verify the signature: do that first.
    ///
    /// # Errors
    /// [`Error::WrongKind`] when the event is not kind 5.
    pub fn from_event(event: &Event) -> Result<Self, Error> {
        if event.kind != Kind::DELETION {
            return Err(Error::WrongKind {
                expected: Kind::DELETION,
                got: event.kind,
            });
        }
        let mut ids: Vec<EventId> = event.tags.event_refs().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        let coordinates = event
            .tags
            .coordinate_refs()
            .map(|r| r.coordinate)
            .filter(|c| c.pubkey == event.pubkey)
            .collect();
        let kinds = event
            .tags
            .filter("k")
            .filter_map(|t| crate::coordinate::parse_kind(t.value()?))
            .collect();
        Ok(Self {
            id: event.id,
            pubkey: event.pubkey,
            created_at: event.created_at,
            ids,
            coordinates,
            kinds,
        })
    }

    /// Whether this request deletes `stored`.
    ///
    /// `stored` must have the request's author; it is deleted when its id is named
    /// by an `e` tag, or when its [`ReplaceableKey`] is named by an `a` tag and its
    /// `created_at` is not after the request's. Kind 5 events are never deleted.
    pub fn deletes(&self, stored: &Event) -> bool {
        self.deletes_parts(
            stored.id,
            stored.pubkey,
            stored.kind,
            stored.created_at,
            || stored.tags.identifier().unwrap_or_default(),
        )
    }

    /// [`DeletionRequest::deletes`] on the parts of a stored event (for stores that
    /// keep rows or [`RawEvent`](crate::RawEvent) views rather than [`Event`]s);
    /// `d` gives the `d` tag value and is only called for addressable kinds.
    pub fn deletes_parts<'a>(
        &self,
        id: EventId,
        pubkey: PublicKey,
        kind: Kind,
        created_at: Timestamp,
        d: impl FnOnce() -> &'a str,
    ) -> bool {
        if pubkey != self.pubkey || kind == Kind::DELETION {
            return false;
        }
        if self.ids.binary_search(&id).is_ok() {
            return true;
        }
        if created_at > self.created_at || self.coordinates.is_empty() {
            return false;
        }
        ReplaceableKey::from_parts(kind, pubkey, d)
            .is_some_and(|key| self.coordinates.iter().any(|c| key.matches(c)))
    }

    /// Whether a new event arriving after this request was stored must be refused
    /// as already deleted: the same rule as [`DeletionRequest::deletes`] (an `a`
    /// deletion keeps refusing versions created up to the request's time).
    pub fn refuses(&self, incoming: &Event) -> bool {
        self.deletes(incoming)
    }
}

/// Builds a deletion request for events by id and for replaceable/addressable
/// slots by coordinate, with a `k` tag for each coordinate's kind (NIP-09: "SHOULD
/// include a `k` tag for the kind of each event"; callers that know the kinds of
/// the `ids` can add `k` tags for them with [`EventBuilder::tag`]).
///
/// `reason` goes in the content (may be empty).
pub fn request(
    ids: impl IntoIterator<Item = EventId>,
    coordinates: impl IntoIterator<Item = Coordinate>,
    reason: &str,
) -> EventBuilder {
    let mut builder = EventBuilder::new(Kind::DELETION, reason);
    let mut kinds: Vec<Kind> = Vec::new();
    for id in ids {
        builder = builder.tag(Tag::event(id, None, None, None));
    }
    for c in coordinates {
        if !kinds.contains(&c.kind) {
            kinds.push(c.kind);
        }
        builder = builder.tag(Tag::coordinate(&c, None));
    }
    for k in kinds {
        builder = builder.tag(Tag::new("k", [k.to_string()]));
    }
    builder
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Keys;

    fn keys(n: u8) -> Keys {
        let mut b = [0u8; 32];
        b[31] = n;
        Keys::new(crate::SecretKey::from_bytes(b).unwrap())
    }

    fn sign(b: EventBuilder, k: &Keys, t: u64) -> Event {
        b.sign_at_with_aux(k, Timestamp::from_secs(t), &[0; 32])
    }

    #[test]
    fn by_id_same_author_only() {
        let alice = keys(1);
        let bob = keys(2);
        let mine = sign(EventBuilder::new(Kind::TEXT_NOTE, "a"), &alice, 10);
        let theirs = sign(EventBuilder::new(Kind::TEXT_NOTE, "b"), &bob, 10);
        let other = sign(EventBuilder::new(Kind::TEXT_NOTE, "c"), &alice, 10);
        let req = sign(request([mine.id, theirs.id], [], ""), &alice, 20);
        let d = DeletionRequest::from_event(&req).unwrap();
        assert!(d.deletes(&mine));
        assert!(
            !d.deletes(&theirs),
            "another author's event is never deleted"
        );
        assert!(!d.deletes(&other), "not named");
        // An `e` deletion does not depend on time.
        let later = sign(EventBuilder::new(Kind::TEXT_NOTE, "a"), &alice, 30);
        let req2 = sign(request([later.id], [], ""), &alice, 20);
        assert!(DeletionRequest::from_event(&req2).unwrap().deletes(&later));
    }

    #[test]
    fn by_coordinate_up_to_created_at() {
        let alice = keys(1);
        let bob = keys(2);
        let slot = Coordinate::new(Kind::LIVE_EVENT, alice.public_key(), "room");
        let v1 = sign(
            EventBuilder::new(Kind::LIVE_EVENT, "").tag(Tag::identifier("room")),
            &alice,
            10,
        );
        let v_same_time = sign(
            EventBuilder::new(Kind::LIVE_EVENT, "x").tag(Tag::identifier("room")),
            &alice,
            20,
        );
        let v_after = sign(
            EventBuilder::new(Kind::LIVE_EVENT, "").tag(Tag::identifier("room")),
            &alice,
            21,
        );
        let other_d = sign(
            EventBuilder::new(Kind::LIVE_EVENT, "").tag(Tag::identifier("hall")),
            &alice,
            10,
        );
        let req = sign(request([], [slot.clone()], "gone"), &alice, 20);
        assert_eq!(req.tags.first_value("k"), Some("30311"));
        let d = DeletionRequest::from_event(&req).unwrap();
        assert_eq!(d.kinds, [Kind::LIVE_EVENT]);
        assert!(d.deletes(&v1));
        assert!(d.deletes(&v_same_time));
        assert!(!d.deletes(&v_after), "newer than the request");
        assert!(!d.deletes(&other_d), "another d identifier");
        assert!(d.refuses(&v1));

        // A coordinate naming someone else's slot is dropped.
        let foreign = Coordinate::new(Kind::LIVE_EVENT, bob.public_key(), "room");
        let req = sign(request([], [foreign], ""), &alice, 20);
        assert!(
            DeletionRequest::from_event(&req)
                .unwrap()
                .coordinates
                .is_empty()
        );

        // Replaceable slot with empty identifier.
        let meta = sign(EventBuilder::new(Kind::METADATA, "{}"), &alice, 5);
        let req = sign(
            request(
                [],
                [Coordinate::new(Kind::METADATA, alice.public_key(), "")],
                "",
            ),
            &alice,
            6,
        );
        assert!(DeletionRequest::from_event(&req).unwrap().deletes(&meta));
    }

    #[test]
    fn deletion_of_deletion_has_no_effect() {
        let alice = keys(1);
        let first = sign(request([EventId::from_bytes([1; 32])], [], ""), &alice, 10);
        let second = sign(request([first.id], [], ""), &alice, 11);
        assert!(
            !DeletionRequest::from_event(&second)
                .unwrap()
                .deletes(&first)
        );
    }

    #[test]
    fn wrong_kind() {
        let alice = keys(1);
        let note = sign(EventBuilder::new(Kind::TEXT_NOTE, ""), &alice, 1);
        assert_eq!(
            DeletionRequest::from_event(&note),
            Err(Error::WrongKind {
                expected: Kind::DELETION,
                got: Kind::TEXT_NOTE
            })
        );
    }

    #[test]
    fn malformed_tags_skipped() {
        let alice = keys(1);
        let req = sign(
            EventBuilder::new(Kind::DELETION, "")
                .tag(Tag::new("e", ["not hex"]))
                .tag(Tag::new("a", ["garbage"]))
                .tag(Tag::new("k", ["x"])),
            &alice,
            1,
        );
        let d = DeletionRequest::from_event(&req).unwrap();
        assert!(d.ids.is_empty() && d.coordinates.is_empty() && d.kinds.is_empty());
    }
}
