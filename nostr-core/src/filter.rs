//! [`Filter`]: the NIP-01 subscription filter and its matching rules.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;
use alloc::vec::Vec;

use crate::canonical::{self, Sink};
use crate::error::{Error, set_once};
use crate::event::Event;
use crate::event_id::EventId;
use crate::json::Reader;
use crate::keys::PublicKey;
use crate::kind::Kind;
use crate::timestamp::Timestamp;

/// A NIP-01 filter: `ids`, `authors`, `kinds`, `#x` tag filters, `since`, `until`, `limit`.
///
/// Matching follows NIP-01 "Filters": every present condition must hold (AND); within
/// a list any value may match (OR); `since <= created_at <= until`. Lists are "one or
/// more values", so a present but empty list matches nothing. A `#x` filter matches
/// only tags whose name is exactly that one letter, on their first value.
///
/// Keys NIP-01 does not define (for example NIP-50 `search`, or multi-letter `#xy`) are
/// kept verbatim in [`Filter::extra`] and written back by [`Filter::to_json`], so a
/// relay or proxy loses nothing; [`Filter::matches`] ignores them (it implements only
/// NIP-01), which a relay supporting such keys must apply itself.
///
/// # Example
/// ```
/// use nostr_core::{EventBuilder, Filter, Keys, Kind, Tag, Timestamp};
/// let keys = Keys::generate();
/// let note = EventBuilder::new(Kind::TEXT_NOTE, "gm")
///     .tag(Tag::hashtag("gm"))
///     .sign_at(&keys, Timestamp::from_secs(1_700_000_000));
/// let filter = Filter::new().kind(Kind::TEXT_NOTE).author(keys.public_key()).tag('t', "gm");
/// assert!(filter.matches(&note));
/// let parsed = Filter::from_json(&filter.to_json()).unwrap();
/// assert_eq!(parsed, filter);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    ids: Option<Vec<EventId>>,
    authors: Option<Vec<PublicKey>>,
    kinds: Option<Vec<Kind>>,
    /// Tag filter values in the order written, without repeats.
    tags: BTreeMap<char, Vec<String>>,
    /// Sorted copies of the longer value lists, for matching by binary search.
    sorted: BTreeMap<char, Vec<String>>,
    /// The tag filter written (or added) first: NIP-45 takes its HLL offset from it.
    first_tag: Option<char>,
    since: Option<Timestamp>,
    until: Option<Timestamp>,
    limit: Option<u64>,
    /// Keys this crate does not interpret, with their raw JSON values, in input order.
    pub extra: Vec<(String, String)>,
}

/// Sorts and removes duplicates so lookups can binary-search.
fn normalize<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v.dedup();
    v
}

fn insert_sorted<T: Ord>(list: &mut Option<Vec<T>>, value: T) {
    let v = list.get_or_insert_with(Vec::new);
    if let Err(at) = v.binary_search(&value) {
        v.insert(at, value);
    }
}

impl Filter {
    /// A filter with no conditions (matches every event).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one id.
    #[must_use]
    pub fn id(mut self, id: EventId) -> Self {
        insert_sorted(&mut self.ids, id);
        self
    }

    /// Sets the `ids` list (an empty iterator gives a list that matches nothing).
    #[must_use]
    pub fn ids(mut self, ids: impl IntoIterator<Item = EventId>) -> Self {
        self.ids = Some(normalize(ids.into_iter().collect()));
        self
    }

    /// Adds one author.
    #[must_use]
    pub fn author(mut self, author: PublicKey) -> Self {
        insert_sorted(&mut self.authors, author);
        self
    }

    /// Sets the `authors` list.
    #[must_use]
    pub fn authors(mut self, authors: impl IntoIterator<Item = PublicKey>) -> Self {
        self.authors = Some(normalize(authors.into_iter().collect()));
        self
    }

    /// Adds one kind.
    #[must_use]
    pub fn kind(mut self, kind: Kind) -> Self {
        insert_sorted(&mut self.kinds, kind);
        self
    }

    /// Sets the `kinds` list.
    #[must_use]
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = Kind>) -> Self {
        self.kinds = Some(normalize(kinds.into_iter().collect()));
        self
    }

    /// Adds a value to the `#<letter>` tag filter (a repeat is ignored). `letter`
    /// should be `a-z` or `A-Z` (NIP-01); other characters are accepted here but never
    /// match a parsed filter.
    #[must_use]
    pub fn tag(mut self, letter: char, value: impl Into<String>) -> Self {
        let value = value.into();
        self.first_tag.get_or_insert(letter);
        let values = self.tags.entry(letter).or_default();
        // One value at a time stays cheap on long lists: the sorted copy answers
        // "already there?" and takes the new value in its place.
        match self.sorted.get_mut(&letter) {
            Some(sorted) => match sorted.binary_search(&value) {
                Ok(_) => return self,
                Err(at) => sorted.insert(at, value.clone()),
            },
            None if values.contains(&value) => return self,
            None if values.len() >= LINEAR_MAX => {
                let mut sorted = values.clone();
                sorted.push(value.clone());
                sorted.sort_unstable();
                self.sorted.insert(letter, sorted);
            }
            None => {}
        }
        values.push(value);
        self
    }

    /// Sets the `#<letter>` tag filter to these values, in this order (repeats are
    /// dropped).
    #[must_use]
    pub fn tags<S: Into<String>>(
        mut self,
        letter: char,
        values: impl IntoIterator<Item = S>,
    ) -> Self {
        self.set_tag(letter, values.into_iter().map(Into::into).collect());
        self
    }

    /// Stores a tag filter: repeats dropped, first places kept, and a sorted copy of
    /// a long list for matching.
    fn set_tag(&mut self, letter: char, values: Vec<String>) {
        let values = dedup_in_order(values);
        if values.len() > LINEAR_MAX {
            let mut sorted = values.clone();
            sorted.sort_unstable();
            self.sorted.insert(letter, sorted);
        } else {
            self.sorted.remove(&letter);
        }
        self.tags.insert(letter, values);
        self.first_tag.get_or_insert(letter);
    }

    /// Sets `since`.
    #[must_use]
    pub fn since(mut self, since: Timestamp) -> Self {
        self.since = Some(since);
        self
    }

    /// Sets `until`.
    #[must_use]
    pub fn until(mut self, until: Timestamp) -> Self {
        self.until = Some(until);
        self
    }

    /// Sets `limit` (only meaningful for a relay's initial query).
    #[must_use]
    pub fn limit(mut self, limit: u64) -> Self {
        self.limit = Some(limit);
        self
    }

    /// The `ids` list, sorted.
    pub fn get_ids(&self) -> Option<&[EventId]> {
        self.ids.as_deref()
    }

    /// The `authors` list, sorted.
    pub fn get_authors(&self) -> Option<&[PublicKey]> {
        self.authors.as_deref()
    }

    /// The `kinds` list, sorted.
    pub fn get_kinds(&self) -> Option<&[Kind]> {
        self.kinds.as_deref()
    }

    /// The tag filters by letter, each list in the order written, without repeats.
    pub fn get_tags(&self) -> &BTreeMap<char, Vec<String>> {
        &self.tags
    }

    /// The tag filter written (or added) first, with its values: NIP-45 derives its
    /// HLL offset from this filter's first value.
    pub fn first_tag(&self) -> Option<(char, &[String])> {
        let letter = self.first_tag?;
        Some((letter, self.tags.get(&letter)?.as_slice()))
    }

    /// `since`.
    pub fn get_since(&self) -> Option<Timestamp> {
        self.since
    }

    /// `until`.
    pub fn get_until(&self) -> Option<Timestamp> {
        self.until
    }

    /// `limit`.
    pub fn get_limit(&self) -> Option<u64> {
        self.limit
    }

    /// Whether `event` satisfies every NIP-01 condition of this filter.
    pub fn matches(&self, event: &Event) -> bool {
        self.since.is_none_or(|s| event.created_at >= s)
            && self.until.is_none_or(|u| event.created_at <= u)
            && contains(self.kinds.as_deref(), &event.kind)
            && contains(self.authors.as_deref(), &event.pubkey)
            && contains(self.ids.as_deref(), &event.id)
            && self.tags.iter().all(|(letter, values)| {
                let values = self
                    .sorted
                    .get(letter)
                    .map_or(Values::Few(values), |s| Values::Sorted(s));
                tag_matches(event, *letter, values)
            })
    }

    /// Parses a filter object.
    ///
    /// # Errors
    /// [`Error::Json`] for syntax, [`Error::DuplicateField`], [`Error::WrongType`],
    /// [`Error::InvalidHex`] for `ids`, `authors`, `#e` and `#p` values that are not 64
    /// lowercase hex characters (NIP-01 requires exact values), [`Error::KindOutOfRange`],
    /// [`Error::InvalidNumber`].
    pub fn from_json(json: &str) -> Result<Self, Error> {
        let mut reader = Reader::new(json);
        let filter = Self::parse(&mut reader)?;
        reader.finish()?;
        Ok(filter)
    }

    pub(crate) fn parse(reader: &mut Reader<'_>) -> Result<Self, Error> {
        if reader.peek() != Some(b'{') {
            return Err(Error::WrongType {
                field: "filter",
                expected: "an object",
            });
        }
        reader.expect(b'{', "'{'")?;
        let mut filter = Self::new();
        if reader.eat(b'}') {
            return Ok(filter);
        }
        loop {
            let key = reader.string()?;
            reader.expect(b':', "':'")?;
            filter.parse_field(reader, &key.decode())?;
            if !reader.next_item(b'}', "',' or '}'")? {
                check_unique_extra(&filter.extra)?;
                return Ok(filter);
            }
        }
    }

    fn parse_field(&mut self, reader: &mut Reader<'_>, key: &str) -> Result<(), Error> {
        match key {
            "ids" => {
                let v = string_list(reader, "ids", |s| {
                    EventId::from_hex(s).map_err(|e| e.in_field("ids"))
                })?;
                set_once(&mut self.ids, "ids", normalize(v))
            }
            "authors" => {
                let v = string_list(reader, "authors", |s| {
                    PublicKey::from_hex(s).map_err(|e| e.in_field("authors"))
                })?;
                set_once(&mut self.authors, "authors", normalize(v))
            }
            "kinds" => {
                let v = kind_list(reader)?;
                set_once(&mut self.kinds, "kinds", normalize(v))
            }
            "since" => set_once(
                &mut self.since,
                "since",
                Timestamp::from_secs(reader.u64_field("since")?),
            ),
            "until" => set_once(
                &mut self.until,
                "until",
                Timestamp::from_secs(reader.u64_field("until")?),
            ),
            "limit" => set_once(&mut self.limit, "limit", reader.u64_field("limit")?),
            _ => {
                if let Some(letter) = single_letter_tag(key) {
                    let values = tag_values(reader, letter)?;
                    if self.tags.contains_key(&letter) {
                        return Err(Error::DuplicateField("#tag"));
                    }
                    self.set_tag(letter, values);
                    return Ok(());
                }
                let raw = reader.skip_value()?;
                self.extra.push((String::from(key), String::from(raw)));
                Ok(())
            }
        }
    }

    /// Compact JSON.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(128);
        self.write_json(&mut out);
        out
    }

    pub(crate) fn write_json<S: Sink>(&self, out: &mut S) {
        let mut first = true;
        let mut key = |out: &mut S, name: &str| {
            out.put(if first { "{" } else { "," });
            first = false;
            canonical::put_string(out, name);
            out.put(":");
        };
        if let Some(ids) = &self.ids {
            key(out, "ids");
            put_list(out, ids, |o, id| canonical::put_hex(o, id.as_bytes()));
        }
        if let Some(authors) = &self.authors {
            key(out, "authors");
            put_list(out, authors, |o, pk| canonical::put_hex(o, pk.as_bytes()));
        }
        if let Some(kinds) = &self.kinds {
            key(out, "kinds");
            put_list(out, kinds, |o, k| {
                canonical::put_u64(o, u64::from(k.as_u16()))
            });
        }
        // The first-written tag filter first (NIP-45 reads its offset there), then
        // the others by letter.
        let first_tag = self.first_tag();
        let rest = self
            .tags
            .iter()
            .filter(|(letter, _)| Some(**letter) != self.first_tag)
            .map(|(letter, values)| (*letter, values.as_slice()));
        for (letter, values) in first_tag.into_iter().chain(rest) {
            let mut name = [0u8; 8];
            name[0] = b'#';
            let len = letter
                .encode_utf8(name.get_mut(1..).unwrap_or_default())
                .len();
            key(
                out,
                core::str::from_utf8(name.get(..1 + len).unwrap_or_default()).unwrap_or_default(),
            );
            put_list(out, values, |o, v| canonical::put_string(o, v));
        }
        for (name, value) in [
            ("since", self.since.map(Timestamp::as_secs)),
            ("until", self.until.map(Timestamp::as_secs)),
            ("limit", self.limit),
        ] {
            if let Some(v) = value {
                key(out, name);
                canonical::put_u64(out, v);
            }
        }
        for (name, raw) in &self.extra {
            key(out, name);
            out.put(raw);
        }
        if first {
            out.put("{");
        }
        out.put("}");
    }
}

/// `None` (no condition) matches; otherwise the value must be in the sorted list.
#[inline]
fn contains<T: Ord>(list: Option<&[T]>, value: &T) -> bool {
    match list {
        None => true,
        Some(list) if list.len() <= 8 => list.contains(value),
        Some(list) => list.binary_search(value).is_ok(),
    }
}

/// Longest value list matched by a linear scan; longer ones keep a sorted copy.
const LINEAR_MAX: usize = 8;

/// A tag filter's values as matching reads them.
#[derive(Clone, Copy)]
enum Values<'a> {
    /// A short list, scanned.
    Few(&'a [String]),
    /// The sorted copy of a long list, binary-searched: a filter with thousands of
    /// values against an event with thousands of tags stays cheap.
    Sorted(&'a [String]),
}

/// Drops repeated values, keeping each one's first place (sorting references keeps
/// this O(n log n) on untrusted lists).
fn dedup_in_order(values: Vec<String>) -> Vec<String> {
    if values.len() < 2 {
        return values;
    }
    let mut seen = BTreeSet::new();
    let keep: Vec<bool> = values.iter().map(|v| seen.insert(v.as_str())).collect();
    values
        .into_iter()
        .zip(keep)
        .filter_map(|(v, k)| k.then_some(v))
        .collect()
}

/// Whether the event has a tag named `letter` whose value is in `values`.
fn tag_matches(event: &Event, letter: char, values: Values<'_>) -> bool {
    let mut name = [0u8; 4];
    let name: &str = letter.encode_utf8(&mut name);
    let listed = |v: &str| match values {
        Values::Few(list) => list.iter().any(|x| x == v),
        Values::Sorted(list) => list.binary_search_by(|x| x.as_str().cmp(v)).is_ok(),
    };
    event
        .tags
        .iter()
        .any(|t| t.name() == name && t.value().is_some_and(listed))
}

/// The values of a `#x` filter. NIP-01: "`#e` and `#p` filter lists MUST contain exact
/// 64-character lowercase hex values"; other letters take any string.
fn tag_values(reader: &mut Reader<'_>, letter: char) -> Result<Vec<String>, Error> {
    match letter {
        'e' => string_list(reader, "#e", |s| {
            EventId::from_hex(s).map_err(|e| e.in_field("#e"))?;
            Ok(String::from(s))
        }),
        'p' => string_list(reader, "#p", |s| {
            PublicKey::from_hex(s).map_err(|e| e.in_field("#p"))?;
            Ok(String::from(s))
        }),
        _ => string_list(reader, "#tag", |s| Ok(String::from(s))),
    }
}

/// Rejects a repeated unknown key. Sorting the names keeps this O(n log n): a filter
/// of untrusted JSON may carry many thousands of unknown keys.
fn check_unique_extra(extra: &[(String, String)]) -> Result<(), Error> {
    if extra.len() < 2 {
        return Ok(());
    }
    let mut names: Vec<&str> = extra.iter().map(|(k, _)| k.as_str()).collect();
    names.sort_unstable();
    if names.windows(2).any(|w| matches!(w, [a, b] if a == b)) {
        return Err(Error::DuplicateField("extra key"));
    }
    Ok(())
}

/// `#x` with exactly one ASCII letter.
fn single_letter_tag(key: &str) -> Option<char> {
    match key.as_bytes() {
        [b'#', c] if c.is_ascii_alphabetic() => Some(char::from(*c)),
        _ => None,
    }
}

fn string_list<V>(
    reader: &mut Reader<'_>,
    field: &'static str,
    parse: impl Fn(&str) -> Result<V, Error>,
) -> Result<Vec<V>, Error> {
    let wrong = Error::WrongType {
        field,
        expected: "an array of strings",
    };
    if reader.peek() != Some(b'[') {
        return Err(wrong);
    }
    reader.expect(b'[', "'['")?;
    let mut out = Vec::new();
    if reader.eat(b']') {
        return Ok(out);
    }
    loop {
        if reader.peek() != Some(b'"') {
            return Err(wrong);
        }
        out.push(parse(&reader.string()?.decode())?);
        if !reader.next_item(b']', "',' or ']'")? {
            return Ok(out);
        }
    }
}

fn kind_list(reader: &mut Reader<'_>) -> Result<Vec<Kind>, Error> {
    if reader.peek() != Some(b'[') {
        return Err(Error::WrongType {
            field: "kinds",
            expected: "an array of integers",
        });
    }
    reader.expect(b'[', "'['")?;
    let mut out = Vec::new();
    if reader.eat(b']') {
        return Ok(out);
    }
    loop {
        let v = reader.u64_field("kinds")?;
        out.push(Kind::new(
            u16::try_from(v).map_err(|_| Error::KindOutOfRange(v))?,
        ));
        if !reader.next_item(b']', "',' or ']'")? {
            return Ok(out);
        }
    }
}

fn put_list<S: Sink, T>(out: &mut S, items: &[T], mut each: impl FnMut(&mut S, &T)) {
    out.put("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.put(",");
        }
        each(out, item);
    }
    out.put("]");
}
