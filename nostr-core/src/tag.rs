//! [`Tag`], [`Tags`] and the borrowed [`TagRef`]: the `tags` array of an event, with
//! typed views of the common tags (`e` with NIP-10 markers, `p`, `a`, `d`, `t`,
//! `expiration`, `nonce`).
//!
//! # Storage
//! A tag list is packed into one string plus one index vector instead of a
//! `Vec<Vec<String>>`. Parsing an event then costs two allocations for all of its
//! tags instead of one per item, and the items are written into the string with the
//! JSON between them (`","` inside a tag, `"],["` between tags), so when no item
//! needs escaping (nearly always) the packed string already *is* the canonical
//! serialization of the tags minus the outer `[["` and `"]]`: computing an id or
//! writing JSON copies it in one piece. Reading goes through [`TagRef`], a `Copy`
//! view that hands out `&str` items.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};

use crate::coordinate::Coordinate;
use crate::error::Error;
use crate::event_id::EventId;
use crate::keys::PublicKey;
use crate::nip10::Marker;
use crate::timestamp::Timestamp;

/// Written between two items of one tag: what stands between them in JSON.
const ITEM_SEP: &str = "\",\"";
/// Written between two tags.
const TAG_SEP: &str = "\"],[\"";

/// Whether `s` can be written inside JSON quotes as it is (no `"`, `\` or control
/// character), which is what lets packed text be hashed in one piece.
#[inline]
fn is_plain(s: &str) -> bool {
    crate::scan::find_special(s.as_bytes(), 0) == s.len()
}

/// A borrowed view of one tag: a non-empty list of strings, the first being its
/// name. Obtained from [`Tags::iter`], [`Tags::find`] or [`Tag::view`].
///
/// # Example
/// ```
/// use nostr_core::{Tag, Tags};
/// let tags = Tags::from(vec![Tag::new("e", ["5c83da77af1dec6d7289834998ad7aafbd9e2191396d75ec3cc27f5a77226f36", "wss://r.example"])]);
/// let e = tags.find("e").unwrap();
/// assert_eq!(e.len(), 3);
/// assert_eq!(e.get(2), Some("wss://r.example"));
/// assert_eq!(e.as_event_ref().unwrap().unwrap().relay, Some("wss://r.example"));
/// assert_eq!(e.iter().collect::<Vec<_>>(), ["e", "5c83da77af1dec6d7289834998ad7aafbd9e2191396d75ec3cc27f5a77226f36", "wss://r.example"]);
/// ```
#[derive(Clone, Copy)]
pub struct TagRef<'a> {
    /// The packed text the items live in.
    text: &'a str,
    /// Where item 0 starts in `text`.
    start: usize,
    /// Where each item ends in `text`; item `i > 0` starts `ITEM_SEP` after item `i - 1`.
    ends: &'a [usize],
}

impl<'a> TagRef<'a> {
    /// The name (first item).
    pub fn name(&self) -> &'a str {
        self.get(0).unwrap_or_default()
    }

    /// The second item, if any: the value of most tags.
    pub fn value(&self) -> Option<&'a str> {
        self.get(1)
    }

    /// Item `i`, if present.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let (start, end) = self.span(i)?;
        self.text.get(start..end)
    }

    /// Where item `i` starts and ends in the packed text.
    fn span(&self, i: usize) -> Option<(usize, usize)> {
        let end = *self.ends.get(i)?;
        let start = match i.checked_sub(1) {
            None => self.start,
            Some(prev) => self.ends.get(prev)? + ITEM_SEP.len(),
        };
        (start <= end).then_some((start, end))
    }

    /// Number of items (at least 1).
    #[allow(clippy::len_without_is_empty, reason = "a tag is never empty")]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The items, in order.
    pub fn iter(&self) -> TagItems<'a> {
        TagItems {
            text: self.text,
            next: self.start,
            ends: self.ends,
        }
    }

    /// Copies this tag out as an owned [`Tag`].
    pub fn to_tag(&self) -> Tag {
        let mut tag = Tag::empty();
        for item in self.iter() {
            tag.push_item(item);
        }
        tag
    }

    /// Copies the items out.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(String::from).collect()
    }

    /// This tag as an `e` reference, if it is a well-formed `e` tag.
    ///
    /// # Errors
    /// `None` when the tag is not `e`; `Some(Err)` when it is `e` but malformed.
    pub fn as_event_ref(&self) -> Option<Result<EventRef<'a>, Error>> {
        (self.name() == "e").then(|| EventRef::parse(*self))
    }

    /// This tag as a `p` reference.
    pub fn as_pubkey_ref(&self) -> Option<Result<PubkeyRef<'a>, Error>> {
        (self.name() == "p").then(|| PubkeyRef::parse(*self))
    }

    /// This tag as an `a` reference.
    pub fn as_coordinate_ref(&self) -> Option<Result<CoordinateRef<'a>, Error>> {
        (self.name() == "a").then(|| CoordinateRef::parse(*self))
    }
}

impl fmt::Debug for TagRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for TagRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for TagRef<'_> {}

impl PartialOrd for TagRef<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Item by item, like the `Vec<String>` the tag stands for.
impl Ord for TagRef<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.iter().cmp(other.iter())
    }
}

impl Hash for TagRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.len());
        for item in self.iter() {
            item.hash(state);
        }
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for TagRef<'_> {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for TagRef<'_> {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for TagRef<'_> {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl<'a> IntoIterator for TagRef<'a> {
    type Item = &'a str;
    type IntoIter = TagItems<'a>;
    fn into_iter(self) -> TagItems<'a> {
        self.iter()
    }
}

/// The items of one tag, from [`TagRef::iter`].
#[derive(Clone, Debug)]
pub struct TagItems<'a> {
    text: &'a str,
    next: usize,
    ends: &'a [usize],
}

impl<'a> Iterator for TagItems<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let (&end, rest) = self.ends.split_first()?;
        let item = self.text.get(self.next..end);
        self.next = end + ITEM_SEP.len();
        self.ends = rest;
        item
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.ends.len(), Some(self.ends.len()))
    }
}

impl ExactSizeIterator for TagItems<'_> {}

/// One tag, owned: a non-empty list of strings, the first being its name. Build one
/// to add to an event; read tags through [`TagRef`] ([`Tag::view`]).
///
/// # Example
/// ```
/// use nostr_core::Tag;
/// let t = Tag::new("t", ["nostr"]);
/// assert_eq!(t.name(), "t");
/// assert_eq!(t.value(), Some("nostr"));
/// assert_eq!(t.view(), ["t", "nostr"]);
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Tag {
    /// The items joined with `ITEM_SEP`.
    text: String,
    /// Where each item ends in `text`.
    ends: Vec<usize>,
    /// No item needs JSON escaping.
    plain: bool,
}

impl Tag {
    /// No items yet (crate-internal: a tag is built by pushing at least its name).
    fn empty() -> Self {
        Self {
            text: String::new(),
            ends: Vec::new(),
            plain: true,
        }
    }

    fn push_item(&mut self, item: &str) {
        if !self.ends.is_empty() {
            self.text.push_str(ITEM_SEP);
        }
        self.text.push_str(item);
        self.ends.push(self.text.len());
        self.plain &= is_plain(item);
    }

    /// Builds a tag from a name and its values.
    pub fn new<I, S>(name: impl AsRef<str>, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut tag = Self::empty();
        tag.push_item(name.as_ref());
        for v in values {
            tag.push_item(v.as_ref());
        }
        tag
    }

    /// Builds a tag from its items, which must not be empty.
    ///
    /// # Errors
    /// [`Error::EmptyTag`] (with index 0) for an empty list.
    pub fn from_items<I, S>(items: I) -> Result<Self, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut tag = Self::empty();
        for item in items {
            tag.push_item(item.as_ref());
        }
        if tag.ends.is_empty() {
            return Err(Error::EmptyTag { index: 0 });
        }
        Ok(tag)
    }

    /// Builds a tag from a list of items, which must not be empty.
    ///
    /// # Errors
    /// [`Error::EmptyTag`] (with index 0) for an empty list.
    pub fn from_vec(items: Vec<String>) -> Result<Self, Error> {
        Self::from_items(items)
    }

    /// An `e` tag: `["e", <id>, <relay>, <marker>, <pubkey>]` (NIP-10), trailing empty
    /// items omitted.
    pub fn event(
        id: EventId,
        relay: Option<&str>,
        marker: Option<Marker>,
        pubkey: Option<PublicKey>,
    ) -> Self {
        let pubkey = pubkey.map(|p| p.to_hex());
        let rest = [relay, marker.map(|m| m.as_str()), pubkey.as_deref()];
        let keep = rest.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
        let mut tag = Self::new("e", [id.to_hex()]);
        for item in rest.into_iter().take(keep) {
            tag.push_item(item.unwrap_or_default());
        }
        tag
    }

    /// A `p` tag: `["p", <pubkey>]`, with an optional relay hint.
    pub fn public_key(pubkey: PublicKey, relay: Option<&str>) -> Self {
        let mut tag = Self::new("p", [pubkey.to_hex()]);
        if let Some(r) = relay {
            tag.push_item(r);
        }
        tag
    }

    /// An `a` tag: `["a", "<kind>:<pubkey>:<d>"]`, with an optional relay hint.
    pub fn coordinate(coordinate: &Coordinate, relay: Option<&str>) -> Self {
        let mut tag = Self::new("a", [coordinate.to_string()]);
        if let Some(r) = relay {
            tag.push_item(r);
        }
        tag
    }

    /// A `d` tag.
    pub fn identifier(d: impl AsRef<str>) -> Self {
        Self::new("d", [d])
    }

    /// A `t` tag (hashtag).
    pub fn hashtag(t: impl AsRef<str>) -> Self {
        Self::new("t", [t])
    }

    /// An `expiration` tag (NIP-40).
    pub fn expiration(at: Timestamp) -> Self {
        Self::new("expiration", [at.to_string()])
    }

    /// A `nonce` tag (NIP-13): `["nonce", <nonce>, <target difficulty>]`.
    pub fn nonce(nonce: u64, target: u8) -> Self {
        Self::new("nonce", [nonce.to_string(), target.to_string()])
    }

    /// Appends an item.
    pub fn push(&mut self, item: &str) {
        self.push_item(item);
    }

    /// A borrowed view, with every reading accessor.
    pub fn view(&self) -> TagRef<'_> {
        TagRef {
            text: &self.text,
            start: 0,
            ends: &self.ends,
        }
    }

    /// The name (first item).
    pub fn name(&self) -> &str {
        self.view().name()
    }

    /// The second item, if any: the value of most tags.
    pub fn value(&self) -> Option<&str> {
        self.view().value()
    }

    /// Item `i`, if present.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.view().get(i)
    }

    /// Number of items (at least 1).
    #[allow(clippy::len_without_is_empty, reason = "a tag is never empty")]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The items, in order.
    pub fn iter(&self) -> TagItems<'_> {
        self.view().iter()
    }

    /// The items, copied out.
    pub fn to_vec(&self) -> Vec<String> {
        self.view().to_vec()
    }

    /// This tag as an `e` reference (see [`TagRef::as_event_ref`]).
    pub fn as_event_ref(&self) -> Option<Result<EventRef<'_>, Error>> {
        self.view().as_event_ref()
    }

    /// This tag as a `p` reference.
    pub fn as_pubkey_ref(&self) -> Option<Result<PubkeyRef<'_>, Error>> {
        self.view().as_pubkey_ref()
    }

    /// This tag as an `a` reference.
    pub fn as_coordinate_ref(&self) -> Option<Result<CoordinateRef<'_>, Error>> {
        self.view().as_coordinate_ref()
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.view().fmt(f)
    }
}

impl PartialOrd for Tag {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Item by item, like the `Vec<String>` the tag stands for.
impl Ord for Tag {
    fn cmp(&self, other: &Self) -> Ordering {
        self.view().cmp(&other.view())
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for Tag {
    fn eq(&self, other: &[S]) -> bool {
        self.view() == *other
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Tag {
    fn eq(&self, other: &[S; N]) -> bool {
        self.view() == other[..]
    }
}

impl<'a> PartialEq<TagRef<'a>> for Tag {
    fn eq(&self, other: &TagRef<'a>) -> bool {
        self.view() == *other
    }
}

impl PartialEq<Tag> for TagRef<'_> {
    fn eq(&self, other: &Tag) -> bool {
        *self == other.view()
    }
}

impl From<TagRef<'_>> for Tag {
    fn from(t: TagRef<'_>) -> Self {
        t.to_tag()
    }
}

impl<'a> IntoIterator for &'a Tag {
    type Item = &'a str;
    type IntoIter = TagItems<'a>;
    fn into_iter(self) -> TagItems<'a> {
        self.iter()
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
    /// NIP-10 marker (item 3), when present; unknown markers are `Other` (the tag
    /// keeps their text).
    pub marker: Option<Marker>,
    /// Author of the referenced event, when present and valid hex: item 3 in the
    /// NIP-01 form `["e", <id>, <relay>, <pubkey>]`, item 4 in the NIP-10 marked form.
    pub pubkey: Option<PublicKey>,
}

impl<'a> EventRef<'a> {
    fn parse(tag: TagRef<'a>) -> Result<Self, Error> {
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
        // NIP-01 writes `["e", <id>, <relay>, <pubkey>]`; NIP-10 puts a marker there and
        // the pubkey after it. A marker is never 64 hex characters, so item 3 tells them
        // apart.
        let pubkey_at = |i| tag.get(i).and_then(|p| PublicKey::from_hex(p).ok());
        let (marker, pubkey) = match pubkey_at(3) {
            Some(pubkey) => (None, Some(pubkey)),
            None => (
                tag.get(3).filter(|m| !m.is_empty()).map(Marker::parse),
                pubkey_at(4),
            ),
        };
        Ok(Self {
            id,
            relay: hint(tag.get(2)),
            marker,
            pubkey,
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
    fn parse(tag: TagRef<'a>) -> Result<Self, Error> {
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
    fn parse(tag: TagRef<'a>) -> Result<Self, Error> {
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

/// An event's tags, in order, packed (see the module docs): read them as
/// [`TagRef`]s, add owned [`Tag`]s.
///
/// # Example
/// ```
/// use nostr_core::{Tag, Tags};
/// let mut tags = Tags::from(vec![Tag::identifier("room"), Tag::hashtag("music")]);
/// tags.push(Tag::hashtag("live"));
/// assert_eq!(tags.identifier(), Some("room"));
/// assert_eq!(tags.hashtags().collect::<Vec<_>>(), ["music", "live"]);
/// assert_eq!(tags.get(2).unwrap(), ["t", "live"]);
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Tags {
    /// Every item, joined with `ITEM_SEP` inside a tag and `TAG_SEP` between tags.
    text: String,
    /// For each tag in turn: its item count, then where each of its items ends.
    layout: Vec<usize>,
    /// Number of tags.
    count: usize,
    /// Index in `layout` of the last tag's item count.
    last_tag: usize,
    /// No item needs JSON escaping: `[["` + `text` + `"]]` is the canonical JSON.
    plain: bool,
}

impl Tags {
    /// No tags.
    pub const fn new() -> Self {
        Self {
            text: String::new(),
            layout: Vec::new(),
            count: 0,
            last_tag: 0,
            plain: true,
        }
    }

    /// No tags, with room for `bytes` of item text and `items` items.
    pub fn with_capacity(bytes: usize, items: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            layout: Vec::with_capacity(items),
            count: 0,
            last_tag: 0,
            plain: true,
        }
    }

    /// Appends a tag.
    pub fn push(&mut self, tag: Tag) {
        self.push_items(tag.iter(), tag.plain);
    }

    /// Appends a copy of a borrowed tag.
    pub fn push_ref(&mut self, tag: TagRef<'_>) {
        self.push_items(tag.iter(), false);
    }

    /// Appends every tag of `other`, in order.
    pub fn append(&mut self, other: &Tags) {
        for tag in other.iter() {
            self.push_items(tag.iter(), other.plain);
        }
    }

    /// Appends one tag from its items; `known_plain` skips the escaping check.
    fn push_items<'s>(&mut self, items: impl Iterator<Item = &'s str>, known_plain: bool) {
        self.begin_tag();
        for item in items {
            self.item_with(known_plain, |text| text.push_str(item));
        }
    }

    /// Makes room for `bytes` more bytes of item text and `entries` more items.
    pub(crate) fn reserve(&mut self, bytes: usize, entries: usize) {
        self.text.reserve(bytes);
        self.layout.reserve(entries);
    }

    /// Starts a new tag (crate-internal: the parser); [`Tags::item_with`] adds its
    /// items and at least one must follow.
    pub(crate) fn begin_tag(&mut self) {
        if self.count > 0 {
            self.text.push_str(TAG_SEP);
        }
        self.count += 1;
        self.last_tag = self.layout.len();
        self.layout.push(0);
    }

    /// Appends an item to the tag begun last, written by `write`; `known_plain`
    /// says the written text needs no escaping, which saves checking it.
    #[inline]
    pub(crate) fn item_with(&mut self, known_plain: bool, write: impl FnOnce(&mut String)) {
        if self.count == 0 {
            return;
        }
        if let Some(n) = self.layout.get_mut(self.last_tag) {
            if *n > 0 {
                self.text.push_str(ITEM_SEP);
            }
            *n += 1;
        }
        let start = self.text.len();
        write(&mut self.text);
        if !known_plain && self.plain {
            self.plain = is_plain(self.text.get(start..).unwrap_or_default());
        }
        self.layout.push(self.text.len());
    }

    /// Iterates over the tags.
    pub fn iter(&self) -> TagsIter<'_> {
        TagsIter {
            text: &self.text,
            layout: &self.layout,
            next: 0,
            left: self.count,
        }
    }

    /// Tag `i`, if present (walks the list: O(i)).
    pub fn get(&self, i: usize) -> Option<TagRef<'_>> {
        self.iter().nth(i)
    }

    /// The last tag.
    pub fn last(&self) -> Option<TagRef<'_>> {
        self.iter().last()
    }

    /// Copies the tags out as owned [`Tag`]s.
    pub fn to_vec(&self) -> Vec<Tag> {
        self.iter().map(|t| t.to_tag()).collect()
    }

    /// The tags as owned [`Tag`]s.
    pub fn into_vec(self) -> Vec<Tag> {
        self.to_vec()
    }

    /// Keeps only the tags for which `keep` returns true, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(TagRef<'_>) -> bool) {
        let mut kept = Self::with_capacity(self.text.len(), self.layout.len());
        for tag in self.iter().filter(|t| keep(*t)) {
            kept.push_items(tag.iter(), false);
        }
        *self = kept;
    }

    /// Replaces item `item` of the last tag with `value` (crate-internal: the NIP-13
    /// miner rewrites its nonce this way). Does nothing when there is no such item.
    pub(crate) fn set_last_item(&mut self, item: usize, value: &str) {
        let Some((start, end)) = self.last().and_then(|t| t.span(item)) else {
            return;
        };
        self.text.replace_range(start..end, value);
        // This item's end and every later one (all in the last tag) move by the
        // change in length.
        let moved = self.layout.get_mut(self.last_tag + 1 + item..);
        for e in moved.into_iter().flatten() {
            *e = *e - (end - start) + value.len();
        }
        // Keep `plain` exact (it takes part in equality): a non-plain list may have
        // lost its only item that needed escaping.
        self.plain = if self.plain {
            is_plain(value)
        } else {
            self.iter().all(|t| t.iter().all(is_plain))
        };
    }

    /// Number of tags.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there are no tags.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The packed text when it is the canonical JSON of the tags (between the outer
    /// `[["` and `"]]`), i.e. when no item needs escaping (crate-internal: the
    /// serializer).
    pub(crate) fn plain_text(&self) -> Option<&str> {
        self.plain.then_some(self.text.as_str())
    }

    /// Bytes of item text, separators included (a size hint for serializers).
    pub(crate) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// The first tag with this name.
    pub fn find(&self, name: &str) -> Option<TagRef<'_>> {
        self.iter().find(|t| t.name() == name)
    }

    /// All tags with this name, in order.
    pub fn filter<'a>(&'a self, name: &'a str) -> impl Iterator<Item = TagRef<'a>> + 'a {
        self.iter().filter(move |t| t.name() == name)
    }

    /// The value of the first tag with this name.
    pub fn first_value(&self, name: &str) -> Option<&str> {
        self.find(name).and_then(|t| t.value())
    }

    /// The `d` identifier. An addressable event without a `d` tag has identifier `""`
    /// in its coordinate; this returns `None` so callers can tell.
    pub fn identifier(&self) -> Option<&str> {
        self.first_value("d")
    }

    /// All `t` hashtag values.
    pub fn hashtags(&self) -> impl Iterator<Item = &str> {
        self.filter("t").filter_map(|t| t.value())
    }

    /// All well-formed `e` references (malformed ones are skipped).
    pub fn event_refs(&self) -> impl Iterator<Item = EventRef<'_>> {
        self.iter().filter_map(|t| t.as_event_ref()?.ok())
    }

    /// All well-formed `p` references (malformed ones are skipped).
    pub fn pubkey_refs(&self) -> impl Iterator<Item = PubkeyRef<'_>> {
        self.iter().filter_map(|t| t.as_pubkey_ref()?.ok())
    }

    /// All well-formed `a` references (malformed ones are skipped).
    pub fn coordinate_refs(&self) -> impl Iterator<Item = CoordinateRef<'_>> {
        self.iter().filter_map(|t| t.as_coordinate_ref()?.ok())
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
    ///
    /// The target must be plain decimal digits (no sign, no spaces). A committed target
    /// above 255 reads as 255: it commits to at least as much work as any `u8` minimum.
    pub fn nonce(&self) -> Option<(&str, Option<u8>)> {
        let tag = self.find("nonce")?;
        let target = tag.get(2).and_then(crate::nip13::parse_target);
        Some((tag.value().unwrap_or_default(), target))
    }
}

impl Default for Tags {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Tags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Iterator over [`Tags`], yielding [`TagRef`]s.
#[derive(Clone, Debug)]
pub struct TagsIter<'a> {
    text: &'a str,
    layout: &'a [usize],
    /// Where the next tag's first item starts in `text`.
    next: usize,
    left: usize,
}

impl<'a> Iterator for TagsIter<'a> {
    type Item = TagRef<'a>;

    #[inline]
    fn next(&mut self) -> Option<TagRef<'a>> {
        let (&n, rest) = self.layout.split_first()?;
        let (ends, rest) = rest.split_at_checked(n)?;
        let tag = TagRef {
            text: self.text,
            start: self.next,
            ends,
        };
        self.next = ends.last().copied().unwrap_or_default() + TAG_SEP.len();
        self.layout = rest;
        self.left = self.left.saturating_sub(1);
        Some(tag)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for TagsIter<'_> {}

/// A tag [`Tags`] can append, owned or borrowed: what
/// [`EventBuilder::tags`](crate::EventBuilder::tags) takes.
pub trait AnyTag: sealed::Sealed {
    /// Appends this tag to `tags`.
    fn append_to(self, tags: &mut Tags);
}

impl AnyTag for Tag {
    fn append_to(self, tags: &mut Tags) {
        tags.push(self);
    }
}

impl AnyTag for TagRef<'_> {
    fn append_to(self, tags: &mut Tags) {
        tags.push_ref(self);
    }
}

impl AnyTag for &Tag {
    fn append_to(self, tags: &mut Tags) {
        tags.push_items(self.iter(), self.plain);
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Tag {}
    impl Sealed for super::TagRef<'_> {}
    impl Sealed for &super::Tag {}
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
        v.into_iter().collect()
    }
}

impl<const N: usize> From<[Tag; N]> for Tags {
    fn from(v: [Tag; N]) -> Self {
        v.into_iter().collect()
    }
}

impl FromIterator<Tag> for Tags {
    fn from_iter<I: IntoIterator<Item = Tag>>(iter: I) -> Self {
        let mut tags = Self::new();
        tags.extend(iter);
        tags
    }
}

impl<'a> FromIterator<TagRef<'a>> for Tags {
    fn from_iter<I: IntoIterator<Item = TagRef<'a>>>(iter: I) -> Self {
        let mut tags = Self::new();
        tags.extend(iter);
        tags
    }
}

impl<'a> IntoIterator for &'a Tags {
    type Item = TagRef<'a>;
    type IntoIter = TagsIter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl IntoIterator for Tags {
    type Item = Tag;
    type IntoIter = alloc::vec::IntoIter<Tag>;
    fn into_iter(self) -> Self::IntoIter {
        self.to_vec().into_iter()
    }
}

impl Extend<Tag> for Tags {
    fn extend<I: IntoIterator<Item = Tag>>(&mut self, iter: I) {
        for tag in iter {
            self.push(tag);
        }
    }
}

impl<'a> Extend<TagRef<'a>> for Tags {
    fn extend<I: IntoIterator<Item = TagRef<'a>>>(&mut self, iter: I) {
        for tag in iter {
            self.push_ref(tag);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Tag, Tags};
    use alloc::vec::Vec;

    fn tags(items: &[&[&str]]) -> Tags {
        items.iter().map(|t| Tag::from_items(*t).unwrap()).collect()
    }

    #[test]
    fn set_last_item_equals_building_the_result() {
        let cases: [(&[&[&str]], usize, &str); 7] = [
            (&[&["nonce", "0", "8"]], 0, "renamed"),
            (&[&["nonce", "0", "8"]], 1, "123456789"),
            (&[&["t", "x"], &["nonce", "99999", "8"]], 1, "7"),
            (&[&["t", "x"], &["nonce", "99999", "8"]], 0, "n"),
            (&[&["t", "x"], &["nonce", "1", "8"]], 2, "16"),
            // The only item that needed escaping goes: the list becomes plain again.
            (&[&["t", "x"], &["nonce", "a\"b", "8"]], 1, "5"),
            (&[&["t", "x\n"], &["nonce", "1", "8"]], 1, "a\\b"),
        ];
        for (before, item, value) in cases {
            let mut got = tags(before);
            got.set_last_item(item, value);
            let mut want: Vec<Vec<&str>> = before.iter().map(|t| t.to_vec()).collect();
            if let Some(last) = want.last_mut() {
                last[item] = value;
            }
            let want: Tags = want.iter().map(|t| Tag::from_items(t).unwrap()).collect();
            assert_eq!(got, want, "{before:?} item {item} := {value:?}");
        }
        // Out of range: nothing changes.
        let mut same = tags(&[&["nonce", "1"]]);
        same.set_last_item(2, "x");
        assert_eq!(same, tags(&[&["nonce", "1"]]));
        let mut empty = Tags::new();
        empty.set_last_item(0, "x");
        assert!(empty.is_empty());
    }
}
