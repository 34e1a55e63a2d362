//! [`Tag`] and [`Tags`]: the `tags` array of an event, with typed views of the
//! common tags (`e` with NIP-10 markers, `p`, `a`, `d`, `t`, `expiration`, `nonce`).

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::coordinate::Coordinate;
use crate::error::Error;
use crate::event_id::EventId;
use crate::keys::PublicKey;
use crate::nip10::Marker;
use crate::timestamp::Timestamp;

/// One tag: a non-empty list of strings, the first being its name.
///
/// # Example
/// ```
/// use nostr_core::Tag;
/// let t = Tag::new("t", ["nostr"]);
/// assert_eq!(t.name(), "t");
/// assert_eq!(t.value(), Some("nostr"));
/// assert_eq!(t.as_slice(), ["t", "nostr"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(Vec<String>);

impl Tag {
    /// Builds a tag from a name and its values.
    pub fn new<I, S>(name: impl Into<String>, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut items = alloc::vec![name.into()];
        items.extend(values.into_iter().map(Into::into));
        Self(items)
    }

    /// Wraps a list of items, which must not be empty.
    ///
    /// # Errors
    /// [`Error::EmptyTag`] (with index 0) for an empty list.
    pub fn from_vec(items: Vec<String>) -> Result<Self, Error> {
        if items.is_empty() {
            return Err(Error::EmptyTag { index: 0 });
        }
        Ok(Self(items))
    }

    /// Wraps a list the caller knows is non-empty (the parser).
    pub(crate) fn from_vec_unchecked(items: Vec<String>) -> Self {
        Self(items)
    }

    /// An `e` tag: `["e", <id>, <relay>, <marker>, <pubkey>]` (NIP-10), trailing empty
    /// items omitted.
    pub fn event(
        id: EventId,
        relay: Option<&str>,
        marker: Option<Marker>,
        pubkey: Option<PublicKey>,
    ) -> Self {
        let mut items = alloc::vec![String::from("e"), id.to_hex()];
        let rest = [
            relay.map(String::from),
            marker.map(|m| String::from(m.as_str())),
            pubkey.map(|p| p.to_hex()),
        ];
        let keep = rest.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
        items.extend(rest.into_iter().take(keep).map(Option::unwrap_or_default));
        Self(items)
    }

    /// A `p` tag: `["p", <pubkey>]`, with an optional relay hint.
    pub fn public_key(pubkey: PublicKey, relay: Option<&str>) -> Self {
        let mut items = alloc::vec![String::from("p"), pubkey.to_hex()];
        items.extend(relay.map(String::from));
        Self(items)
    }

    /// An `a` tag: `["a", "<kind>:<pubkey>:<d>"]`, with an optional relay hint.
    pub fn coordinate(coordinate: &Coordinate, relay: Option<&str>) -> Self {
        let mut items = alloc::vec![String::from("a"), coordinate.to_string()];
        items.extend(relay.map(String::from));
        Self(items)
    }

    /// A `d` tag.
    pub fn identifier(d: impl Into<String>) -> Self {
        Self::new("d", [d.into()])
    }

    /// A `t` tag (hashtag).
    pub fn hashtag(t: impl Into<String>) -> Self {
        Self::new("t", [t.into()])
    }

    /// An `expiration` tag (NIP-40).
    pub fn expiration(at: Timestamp) -> Self {
        Self::new("expiration", [at.to_string()])
    }

    /// A `nonce` tag (NIP-13): `["nonce", <nonce>, <target difficulty>]`.
    pub fn nonce(nonce: u64, target: u8) -> Self {
        Self::new("nonce", [nonce.to_string(), target.to_string()])
    }

    /// The name (first item).
    pub fn name(&self) -> &str {
        self.0.first().map_or("", String::as_str)
    }

    /// The second item, if any: the value of most tags.
    pub fn value(&self) -> Option<&str> {
        self.get(1)
    }

    /// Item `i`, if present.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.0.get(i).map(String::as_str)
    }

    /// Mutable access to item `i` (crate-internal: the name must stay).
    pub(crate) fn item_mut(&mut self, i: usize) -> Option<&mut String> {
        self.0.get_mut(i)
    }

    /// All items.
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    /// The items, by value.
    pub fn into_vec(self) -> Vec<String> {
        self.0
    }

    /// Number of items (at least 1).
    #[allow(clippy::len_without_is_empty, reason = "a tag is never empty")]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// This tag as an `e` reference, if it is a well-formed `e` tag.
    ///
    /// # Errors
    /// `None` when the tag is not `e`; `Some(Err)` when it is `e` but malformed.
    pub fn as_event_ref(&self) -> Option<Result<EventRef<'_>, Error>> {
        (self.name() == "e").then(|| EventRef::parse(self))
    }

    /// This tag as a `p` reference.
    pub fn as_pubkey_ref(&self) -> Option<Result<PubkeyRef<'_>, Error>> {
        (self.name() == "p").then(|| PubkeyRef::parse(self))
    }

    /// This tag as an `a` reference.
    pub fn as_coordinate_ref(&self) -> Option<Result<CoordinateRef<'_>, Error>> {
        (self.name() == "a").then(|| CoordinateRef::parse(self))
    }
}

impl AsRef<[String]> for Tag {
    fn as_ref(&self) -> &[String] {
        &self.0
    }
}

/// A relay hint: absent when the item is missing or empty.
fn hint(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
}

/// A parsed `e` tag (NIP-01, NIP-10).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRef<'a> {
    /// The referenced event.
    pub id: EventId,
    /// Relay hint (item 2), when non-empty.
    pub relay: Option<&'a str>,
    /// NIP-10 marker (item 3), when present and known; unknown markers are `Other`.
    pub marker: Option<Marker>,
    /// Author of the referenced event (item 4), when present and valid hex.
    pub pubkey: Option<PublicKey>,
}

impl<'a> EventRef<'a> {
    fn parse(tag: &'a Tag) -> Result<Self, Error> {
        let id = tag
            .value()
            .ok_or(Error::InvalidTag {
                name: "e",
                reason: "missing event id",
            })
            .and_then(|v| {
                EventId::from_hex(v).map_err(|_| Error::InvalidTag {
                    name: "e",
                    reason: "event id is not 64 lowercase hex characters",
                })
            })?;
        Ok(Self {
            id,
            relay: hint(tag.get(2)),
            marker: tag.get(3).filter(|m| !m.is_empty()).map(Marker::parse),
            pubkey: tag.get(4).and_then(|p| PublicKey::from_hex(p).ok()),
        })
    }
}

/// A parsed `p` tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PubkeyRef<'a> {
    /// The referenced key.
    pub pubkey: PublicKey,
    /// Relay hint, when non-empty.
    pub relay: Option<&'a str>,
    /// Item 3 (a petname in NIP-02, a role in NIP-53), when present.
    pub extra: Option<&'a str>,
}

impl<'a> PubkeyRef<'a> {
    fn parse(tag: &'a Tag) -> Result<Self, Error> {
        let pubkey = tag
            .value()
            .and_then(|v| PublicKey::from_hex(v).ok())
            .ok_or(Error::InvalidTag {
                name: "p",
                reason: "pubkey is not 64 lowercase hex characters",
            })?;
        Ok(Self {
            pubkey,
            relay: hint(tag.get(2)),
            extra: tag.get(3),
        })
    }
}

/// A parsed `a` tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoordinateRef<'a> {
    /// The referenced address.
    pub coordinate: Coordinate,
    /// Relay hint, when non-empty.
    pub relay: Option<&'a str>,
    /// Item 3 (a marker such as `root`), when present.
    pub extra: Option<&'a str>,
}

impl<'a> CoordinateRef<'a> {
    fn parse(tag: &'a Tag) -> Result<Self, Error> {
        let coordinate = tag
            .value()
            .ok_or(Error::InvalidTag {
                name: "a",
                reason: "missing coordinate",
            })
            .and_then(Coordinate::parse)?;
        Ok(Self {
            coordinate,
            relay: hint(tag.get(2)),
            extra: tag.get(3),
        })
    }
}

/// An event's tags, in order.
///
/// # Example
/// ```
/// use nostr_core::{Tag, Tags};
/// let tags = Tags::from(vec![Tag::identifier("room"), Tag::hashtag("music"), Tag::hashtag("live")]);
/// assert_eq!(tags.identifier(), Some("room"));
/// assert_eq!(tags.hashtags().collect::<Vec<_>>(), ["music", "live"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tags(Vec<Tag>);

impl Tags {
    /// No tags.
    pub const fn new() -> Self {
        Self(Vec::new())
    }

    /// Appends a tag.
    pub fn push(&mut self, tag: Tag) {
        self.0.push(tag);
    }

    /// The last tag, mutably (crate-internal).
    pub(crate) fn last_mut(&mut self) -> Option<&mut Tag> {
        self.0.last_mut()
    }

    /// Iterates over the tags.
    pub fn iter(&self) -> core::slice::Iter<'_, Tag> {
        self.0.iter()
    }

    /// The tags as a slice.
    pub fn as_slice(&self) -> &[Tag] {
        &self.0
    }

    /// The tags, by value.
    pub fn into_vec(self) -> Vec<Tag> {
        self.0
    }

    /// Number of tags.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no tags.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first tag with this name.
    pub fn find(&self, name: &str) -> Option<&Tag> {
        self.0.iter().find(|t| t.name() == name)
    }

    /// All tags with this name, in order.
    pub fn filter<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Tag> + 'a {
        self.0.iter().filter(move |t| t.name() == name)
    }

    /// The value of the first tag with this name.
    pub fn first_value(&self, name: &str) -> Option<&str> {
        self.find(name).and_then(Tag::value)
    }

    /// The `d` identifier. An addressable event without a `d` tag has identifier `""`
    /// in its coordinate; this returns `None` so callers can tell.
    pub fn identifier(&self) -> Option<&str> {
        self.first_value("d")
    }

    /// All `t` hashtag values.
    pub fn hashtags(&self) -> impl Iterator<Item = &str> {
        self.filter("t").filter_map(Tag::value)
    }

    /// All well-formed `e` references (malformed ones are skipped).
    pub fn event_refs(&self) -> impl Iterator<Item = EventRef<'_>> {
        self.0.iter().filter_map(|t| t.as_event_ref()?.ok())
    }

    /// All well-formed `p` references (malformed ones are skipped).
    pub fn pubkey_refs(&self) -> impl Iterator<Item = PubkeyRef<'_>> {
        self.0.iter().filter_map(|t| t.as_pubkey_ref()?.ok())
    }

    /// All well-formed `a` references (malformed ones are skipped).
    pub fn coordinate_refs(&self) -> impl Iterator<Item = CoordinateRef<'_>> {
        self.0.iter().filter_map(|t| t.as_coordinate_ref()?.ok())
    }

    /// The NIP-40 `expiration` timestamp.
    ///
    /// # Errors
    /// `Some(Err)` when the tag is present but not a non-negative decimal integer.
    pub fn expiration(&self) -> Option<Result<Timestamp, Error>> {
        let tag = self.find("expiration")?;
        Some(
            tag.value()
                .and_then(parse_decimal)
                .map(Timestamp::from_secs)
                .ok_or(Error::InvalidTag {
                    name: "expiration",
                    reason: "not a unix timestamp",
                }),
        )
    }

    /// The NIP-13 `nonce` tag: the nonce and the committed target difficulty, if given.
    pub fn nonce(&self) -> Option<(&str, Option<u8>)> {
        let tag = self.find("nonce")?;
        Some((
            tag.value().unwrap_or_default(),
            tag.get(2).and_then(|t| t.parse().ok()),
        ))
    }
}

/// Parses a plain decimal `u64` (no sign, no spaces).
pub(crate) fn parse_decimal(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl From<Vec<Tag>> for Tags {
    fn from(v: Vec<Tag>) -> Self {
        Self(v)
    }
}

impl FromIterator<Tag> for Tags {
    fn from_iter<I: IntoIterator<Item = Tag>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl<'a> IntoIterator for &'a Tags {
    type Item = &'a Tag;
    type IntoIter = core::slice::Iter<'a, Tag>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Tags {
    type Item = Tag;
    type IntoIter = alloc::vec::IntoIter<Tag>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Extend<Tag> for Tags {
    fn extend<I: IntoIterator<Item = Tag>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}
