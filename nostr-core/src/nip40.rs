//! NIP-40: expiration timestamps.

use crate::tag::Tags;
use crate::timestamp::Timestamp;

/// The event's expiration time, if it has a well-formed `expiration` tag.
pub fn expiration(tags: &Tags) -> Option<Timestamp> {
    tags.expiration()?.ok()
}

/// Whether the tags carry an expiration at or before `now`.
///
/// NIP-40 gives "a unix timestamp at which the message SHOULD be considered
/// expired", so an event whose expiration equals `now` is already expired.
/// A malformed `expiration` value is not an expiration.
///
/// # Example
/// ```
/// use nostr_core::{Tag, Tags, Timestamp, nip40};
/// let tags = Tags::from(vec![Tag::expiration(Timestamp::from_secs(100))]);
/// assert!(!nip40::is_expired(&tags, Timestamp::from_secs(99)));
/// assert!(nip40::is_expired(&tags, Timestamp::from_secs(100)));
/// ```
pub fn is_expired(tags: &Tags, now: Timestamp) -> bool {
    expiration(tags).is_some_and(|at| at <= now)
}
