//! [`RawEvent`]: a zero-copy view of an event's JSON, for relays that verify and
//! forward events without owning them, and the one event parser both views share.

use alloc::borrow::Cow;

use crate::canonical::{self, Sink};
use crate::error::Error;
use crate::event::Event;
use crate::event_id::EventId;
use crate::hash_sink::HashSink;
use crate::json::{JsonErrorKind, JsonStr, Reader};
use crate::keys::PublicKey;
use crate::kind::Kind;
use crate::signature::Signature;
use crate::tag::Tags;
use crate::timestamp::Timestamp;

/// A borrowed event: fixed-size fields decoded, strings left in the input.
///
/// Parsing validates everything [`Event::from_json`] validates, but allocates
/// nothing; [`RawEvent::verify`] hashes the canonical form straight from the input
/// (decoding and re-escaping strings on the fly), and [`RawEvent::json`] gives the
/// original text to forward.
///
/// # Example
/// ```
/// use nostr_core::{EventBuilder, Keys, Kind, RawEvent, Timestamp};
/// let keys = Keys::generate();
/// let json = EventBuilder::new(Kind::TEXT_NOTE, "hi \u{e9}")
///     .sign_at(&keys, Timestamp::from_secs(1_700_000_000))
///     .to_json();
/// let raw = RawEvent::from_json(&json).unwrap();
/// raw.verify().unwrap();
/// assert_eq!(raw.content(), "hi \u{e9}");
/// assert_eq!(raw.json(), json);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawEvent<'a> {
    /// The claimed id.
    pub id: EventId,
    /// The author.
    pub pubkey: PublicKey,
    /// Creation time.
    pub created_at: Timestamp,
    /// The kind.
    pub kind: Kind,
    /// The signature.
    pub sig: Signature,
    content: JsonStr<'a>,
    tags: &'a str,
    tag_count: usize,
    /// `tags` is byte for byte the canonical serialization of the tags (compact,
    /// every string canonically escaped), so the id can hash it in one piece.
    tags_canonical: bool,
    json: &'a str,
}

impl<'a> RawEvent<'a> {
    /// Parses event JSON without allocating.
    ///
    /// Fields may come in any order; unknown fields are ignored (NIP-01 does not
    /// forbid them and relays add some); duplicates are an error.
    ///
    /// # Errors
    /// The first problem found, as a precise [`Error`] (see [`Event::from_json`]).
    pub fn from_json(json: &'a str) -> Result<Self, Error> {
        let mut reader = Reader::new(json);
        let start = {
            reader.peek();
            reader.position()
        };
        let mut shape = TagShape::default();
        let raw = parse_event(&mut reader, &mut shape)?;
        let end = reader.position();
        reader.finish()?;
        Ok(Self {
            json: json.get(start..end).unwrap_or(json),
            tags_canonical: shape.is_canonical(raw.tags),
            ..raw
        })
    }

    /// The event's JSON text as received (without surrounding whitespace).
    pub fn json(&self) -> &'a str {
        self.json
    }

    /// The content, decoded (borrowed when it had no escapes).
    pub fn content(&self) -> Cow<'a, str> {
        self.content.decode()
    }

    /// The content as it stands in the JSON (still escaped).
    pub fn raw_content(&self) -> JsonStr<'a> {
        self.content
    }

    /// Number of tags.
    pub fn tag_count(&self) -> usize {
        self.tag_count
    }

    /// The `tags` array as it stands in the JSON (crate-internal: lets the
    /// acceptance policy skip tag scans with a substring test).
    pub(crate) fn tags_json(&self) -> &'a str {
        self.tags
    }

    /// Iterates over the tags; each tag is an iterator over its (still escaped) items.
    pub fn tags(&self) -> RawTags<'a> {
        let mut reader = Reader::new(self.tags);
        // Validated at parse time: the array opens here.
        let _ = reader.expect(b'[', "'['");
        RawTags {
            reader,
            done: self.tag_count == 0,
        }
    }

    /// Recomputes the id from the fields, streaming into SHA-256 without allocating.
    pub fn compute_id(&self) -> EventId {
        let mut sink = HashSink::new();
        canonical::put_prefix(&mut sink, &self.pubkey, self.created_at, self.kind);
        if self.tags_canonical {
            sink.put(self.tags);
            sink.put(",");
            canonical::put_json_str(&mut sink, self.content);
            sink.put("]");
            return EventId::from_bytes(sink.finish());
        }
        sink.put("[");
        for (i, tag) in self.tags().enumerate() {
            if i > 0 {
                sink.put(",");
            }
            sink.put("[");
            for (j, item) in tag.enumerate() {
                if j > 0 {
                    sink.put(",");
                }
                canonical::put_json_str(&mut sink, item);
            }
            sink.put("]");
        }
        sink.put("],");
        canonical::put_json_str(&mut sink, self.content);
        sink.put("]");
        EventId::from_bytes(sink.finish())
    }

    /// Checks that the id matches the fields and that the signature is valid.
    ///
    /// # Errors
    /// [`Error::IdMismatch`], [`Error::InvalidPublicKey`] or [`Error::InvalidSignature`].
    pub fn verify(&self) -> Result<(), Error> {
        let computed = self.compute_id();
        if computed != self.id {
            return Err(Error::IdMismatch {
                computed,
                claimed: self.id,
            });
        }
        self.pubkey.verify_hash(self.id.as_bytes(), &self.sig)
    }

    /// Copies the view into an owned [`Event`].
    pub fn to_event(&self) -> Event {
        let mut sink = OwnedTags::default();
        sink.reserve(self.tags.len());
        for items in self.tags() {
            for item in items {
                sink.item(item);
            }
            sink.end_tag();
        }
        let tags = sink.into_tags();
        Event {
            id: self.id,
            pubkey: self.pubkey,
            created_at: self.created_at,
            kind: self.kind,
            tags,
            content: self.content.decode().into_owned(),
            sig: self.sig,
        }
    }
}

/// Iterator over the tags of a [`RawEvent`].
#[derive(Clone)]
pub struct RawTags<'a> {
    reader: Reader<'a>,
    done: bool,
}

impl<'a> Iterator for RawTags<'a> {
    type Item = RawTagItems<'a>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.reader.expect(b'[', "'['").ok()?;
        let items = RawTagItems {
            reader: self.reader.clone(),
            first: true,
            done: false,
        };
        // Move the outer reader past this tag; `next_item` tells if another follows.
        skip_tag_items(&mut self.reader).ok()?;
        self.done = !self.reader.next_item(b']', "',' or ']'").unwrap_or(false);
        Some(items)
    }
}

fn skip_tag_items(r: &mut Reader<'_>) -> Result<(), Error> {
    loop {
        r.string()?;
        if !r.next_item(b']', "',' or ']'")? {
            return Ok(());
        }
    }
}

/// Iterator over the items of one raw tag.
#[derive(Clone)]
pub struct RawTagItems<'a> {
    reader: Reader<'a>,
    first: bool,
    done: bool,
}

impl<'a> Iterator for RawTagItems<'a> {
    type Item = JsonStr<'a>;
    fn next(&mut self) -> Option<JsonStr<'a>> {
        if self.done {
            return None;
        }
        if !self.first && !self.reader.next_item(b']', "',' or ']'").ok()? {
            self.done = true;
            return None;
        }
        self.first = false;
        self.reader.string().ok()
    }
}

/// Receives tags as the parser meets them: [`RawEvent`] only counts them,
/// [`Event`] packs them into [`Tags`].
pub(crate) trait TagSink {
    /// Called once before the first tag with the number of input bytes left, an
    /// upper bound on the text the tags can hold.
    #[inline]
    fn reserve(&mut self, _input_left: usize) {}
    fn item(&mut self, s: JsonStr<'_>);
    fn end_tag(&mut self);
}

/// Keeps nothing of the tags but what tells whether their JSON text is already
/// canonical: the length the compact canonical form would have, and whether every
/// string is canonically escaped. Equal lengths then rule out whitespace, the only
/// other thing the text could hold.
#[derive(Default)]
struct TagShape {
    canonical_len: usize,
    any_non_canonical: bool,
    items_in_tag: usize,
    tags: usize,
}

impl TagShape {
    fn is_canonical(&self, tags_json: &str) -> bool {
        let outer = 2;
        !self.any_non_canonical && self.canonical_len + outer == tags_json.len()
    }
}

impl TagSink for TagShape {
    #[inline]
    fn item(&mut self, s: JsonStr<'_>) {
        if self.items_in_tag == 0 {
            // `[`, plus the `,` before every tag but the first.
            self.canonical_len += 1 + usize::from(self.tags > 0);
        } else {
            self.canonical_len += 1;
        }
        self.items_in_tag += 1;
        self.canonical_len += s.raw().len() + 2;
        self.any_non_canonical |= !s.is_canonical();
    }
    #[inline]
    fn end_tag(&mut self) {
        self.canonical_len += 1;
        self.items_in_tag = 0;
        self.tags += 1;
    }
}

/// Packs the tags into owned [`Tags`], decoding escapes straight into its text.
#[derive(Default)]
pub(crate) struct OwnedTags {
    tags: Tags,
    in_tag: bool,
}

impl OwnedTags {
    pub(crate) fn into_tags(self) -> Tags {
        self.tags
    }
}

impl TagSink for OwnedTags {
    #[inline]
    fn reserve(&mut self, input_left: usize) {
        // Enough for typical tag lists in one allocation each, without reserving a
        // large content's worth of bytes for its tags.
        self.tags
            .reserve(input_left.min(1024), (input_left / 8).min(48));
    }

    #[inline]
    fn item(&mut self, s: JsonStr<'_>) {
        if !self.in_tag {
            self.tags.begin_tag();
            self.in_tag = true;
        }
        // Unescaped JSON string text holds no `"`, `\` or control character.
        self.tags.item_with(!s.has_escapes(), |text| {
            if s.has_escapes() {
                s.for_each_piece(|piece| text.push_str(piece));
            } else {
                text.push_str(s.raw());
            }
        });
    }

    #[inline]
    fn end_tag(&mut self) {
        self.in_tag = false;
    }
}

const FIELDS: [&str; 7] = [
    "id",
    "pubkey",
    "created_at",
    "kind",
    "tags",
    "content",
    "sig",
];

/// The index in [`FIELDS`] of an object key, matching the raw bytes directly.
#[inline(always)]
fn field_index(key: JsonStr<'_>) -> Option<usize> {
    if key.has_escapes() {
        return field_index_escaped(key);
    }
    match key.raw().as_bytes() {
        b"id" => Some(0),
        b"pubkey" => Some(1),
        b"created_at" => Some(2),
        b"kind" => Some(3),
        b"tags" => Some(4),
        b"content" => Some(5),
        b"sig" => Some(6),
        _ => None,
    }
}

/// Keys written with escapes (legal JSON, e.g. `"\u0069d"`) are decoded first.
#[cold]
fn field_index_escaped(key: JsonStr<'_>) -> Option<usize> {
    FIELDS.iter().position(|f| key.eq_str(f))
}

/// Parses one event object at the reader's position, feeding tags to `tags`.
/// The returned view's `json` field is empty; callers fill it in.
pub(crate) fn parse_event<'a, T: TagSink>(
    reader: &mut Reader<'a>,
    tags: &mut T,
) -> Result<RawEvent<'a>, Error> {
    let mut id = None;
    let mut pubkey = None;
    let mut created_at = None;
    let mut kind = None;
    let mut tag_span: Option<(&'a str, usize)> = None;
    let mut content = None;
    let mut sig = None;

    match reader.peek() {
        Some(b'{') => {}
        // Valid JSON of another type: say what was wrong with it.
        Some(b'[' | b'"' | b't' | b'f' | b'n' | b'-' | b'0'..=b'9') => {
            return Err(Error::WrongType {
                field: "event",
                expected: "an object",
            });
        }
        // Not JSON at all (or nothing): a syntax error with its position.
        _ => reader.expect(b'{', "a JSON object")?,
    }
    reader.expect(b'{', "'{'")?;
    if !reader.eat(b'}') {
        loop {
            let key = reader.string()?;
            reader.expect(b':', "':'")?;
            let field = field_index(key);
            match field {
                // Each slot is checked before its value is read, so a repeated key is
                // reported as a duplicate whatever its second value holds.
                Some(0) => {
                    vacant(&id, "id")?;
                    id = Some(hex_field(
                        reader,
                        "id",
                        EventId::from_bytes,
                        EventId::from_hex,
                    )?);
                }
                Some(1) => {
                    vacant(&pubkey, "pubkey")?;
                    pubkey = Some(hex_field(
                        reader,
                        "pubkey",
                        PublicKey::from_bytes,
                        PublicKey::from_hex,
                    )?);
                }
                Some(2) => {
                    vacant(&created_at, "created_at")?;
                    created_at = Some(Timestamp::from_secs(reader.u64_field("created_at")?));
                }
                Some(3) => {
                    vacant(&kind, "kind")?;
                    let v = reader.u64_field("kind")?;
                    let k = u16::try_from(v).map_err(|_| Error::KindOutOfRange(v))?;
                    kind = Some(Kind::new(k));
                }
                Some(4) => {
                    vacant(&tag_span, "tags")?;
                    tag_span = Some(parse_tags(reader, tags)?);
                }
                Some(5) => {
                    vacant(&content, "content")?;
                    content = Some(reader.string_field("content")?);
                }
                Some(6) => {
                    vacant(&sig, "sig")?;
                    sig = Some(hex_field(
                        reader,
                        "sig",
                        Signature::from_bytes,
                        Signature::from_hex,
                    )?);
                }
                _ => {
                    reader.skip_value()?;
                }
            }
            if !reader.next_item(b'}', "',' or '}'")? {
                break;
            }
        }
    }
    let (tags_json, tag_count) = tag_span.ok_or(Error::MissingField("tags"))?;
    Ok(RawEvent {
        id: id.ok_or(Error::MissingField("id"))?,
        pubkey: pubkey.ok_or(Error::MissingField("pubkey"))?,
        created_at: created_at.ok_or(Error::MissingField("created_at"))?,
        kind: kind.ok_or(Error::MissingField("kind"))?,
        sig: sig.ok_or(Error::MissingField("sig"))?,
        content: content.ok_or(Error::MissingField("content"))?,
        tags: tags_json,
        tag_count,
        tags_canonical: false,
        json: "",
    })
}

#[inline(always)]
fn vacant<V>(slot: &Option<V>, field: &'static str) -> Result<(), Error> {
    match slot {
        Some(_) => Err(Error::DuplicateField(field)),
        None => Ok(()),
    }
}

#[inline(always)]
fn hex_field<const N: usize, V>(
    reader: &mut Reader<'_>,
    field: &'static str,
    from_bytes: fn([u8; N]) -> V,
    parse: fn(&str) -> Result<V, Error>,
) -> Result<V, Error> {
    if let Some(bytes) = reader.quoted_hex::<N>() {
        return Ok(from_bytes(bytes));
    }
    hex_field_slow(reader, field, parse)
}

/// Anything but a plain string of exactly the right number of lowercase hex digits:
/// read as a string and parsed for the exact error (or decoded from escapes).
#[inline(never)]
fn hex_field_slow<V>(
    reader: &mut Reader<'_>,
    field: &'static str,
    parse: fn(&str) -> Result<V, Error>,
) -> Result<V, Error> {
    let s = reader.string_field(field)?;
    // Escaped hex is legal JSON but never canonical; decode it rather than refuse.
    parse(&s.decode())
}

/// Parses the `tags` array: returns its raw text and the number of tags.
fn parse_tags<'a, T: TagSink>(
    reader: &mut Reader<'a>,
    sink: &mut T,
) -> Result<(&'a str, usize), Error> {
    if reader.peek() != Some(b'[') {
        return Err(Error::WrongType {
            field: "tags",
            expected: "an array of arrays of strings",
        });
    }
    let start = reader.position();
    sink.reserve(reader.text_len().saturating_sub(start));
    reader.expect(b'[', "'['")?;
    let mut count = 0;
    if !reader.eat(b']') {
        loop {
            parse_tag(reader, sink, count)?;
            count += 1;
            if !reader.next_item(b']', "',' or ']'")? {
                break;
            }
        }
    }
    let text = reader.text_between(start, reader.position());
    Ok((text, count))
}

/// Where a tag should start: `]` after a comma is a JSON syntax error (a trailing
/// comma), anything else is a value of the wrong type.
#[cold]
fn not_a_tag(reader: &mut Reader<'_>, index: usize) -> Error {
    if index > 0 && reader.peek() == Some(b']') {
        return Error::Json(reader.error(JsonErrorKind::Expected("'['")));
    }
    Error::WrongType {
        field: "tags",
        expected: "an array of arrays of strings",
    }
}

/// Where a tag item should start: `]` after a comma is a trailing comma (syntax),
/// anything else a non-string item.
#[cold]
fn not_a_tag_item(reader: &mut Reader<'_>, tag: usize, item: usize) -> Error {
    if item > 0 && reader.peek() == Some(b']') {
        return Error::Json(reader.error(JsonErrorKind::Expected("a string")));
    }
    Error::TagItemNotString { tag, item }
}

fn parse_tag<T: TagSink>(reader: &mut Reader<'_>, sink: &mut T, index: usize) -> Result<(), Error> {
    if reader.peek() != Some(b'[') {
        return Err(not_a_tag(reader, index));
    }
    reader.expect(b'[', "'['")?;
    if reader.eat(b']') {
        return Err(Error::EmptyTag { index });
    }
    let mut item = 0;
    loop {
        if reader.peek() != Some(b'"') {
            return Err(not_a_tag_item(reader, index, item));
        }
        sink.item(reader.string()?);
        item += 1;
        if !reader.next_item(b']', "',' or ']'")? {
            break;
        }
    }
    sink.end_tag();
    Ok(())
}
