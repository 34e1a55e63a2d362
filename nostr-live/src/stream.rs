//! NIP-5E live streams: the kind 1053 stream with its `variant` entries and the
//! kind 1063 (NIP-94) segments, plus ordering, de-duplication and hash checks.

use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use nostr_core::{
    Event, EventBuilder, EventId, Keys, Kind, PublicKey, Tag, TagRef, Tags, Timestamp,
};
use sha2::{Digest, Sha256};

use crate::common::{
    EventPointer, check_kind, list_tag, parse_timestamp, parse_u64, report_leftovers, set_once,
    signing_methods, tag1,
};
use crate::error::{Error, Problem, Violation};

/// One `variant` tag of a stream: `"key value"` entries like NIP-92 `imeta`, in
/// order as written. Every variant has a `d` entry (its id, which segments name).
///
/// # Example
/// ```
/// use nostr_live::Variant;
/// let v = Variant::new("720p").with_dim(1280, 720).with_bitrate(3_000_000).with_mime("video/mp2t");
/// assert_eq!(v.id(), "720p");
/// assert_eq!(v.dim(), Some((1280, 720)));
/// assert_eq!(v.to_tag(), ["variant", "d 720p", "dim 1280x720", "bitrate 3000000", "m video/mp2t"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Variant {
    /// The entries as `(key, value)` pairs, in order (unknown keys kept).
    pub entries: Vec<(String, String)>,
}

impl Variant {
    /// A variant with id `d`.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            entries: alloc::vec![(String::from("d"), id.into())],
        }
    }

    /// Adds an entry.
    #[must_use]
    pub fn with_entry(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.entries.push((key.into(), value.into()));
        self
    }

    /// Adds `dim WxH`.
    #[must_use]
    pub fn with_dim(self, width: u32, height: u32) -> Self {
        self.with_entry("dim", alloc::format!("{width}x{height}"))
    }

    /// Adds `bitrate N` (bits per second).
    #[must_use]
    pub fn with_bitrate(self, bitrate: u64) -> Self {
        self.with_entry("bitrate", bitrate.to_string())
    }

    /// Adds `m <mime>`.
    #[must_use]
    pub fn with_mime(self, mime: impl Into<String>) -> Self {
        self.with_entry("m", mime)
    }

    /// The first value for `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The variant id (`d`); `""` only for a hand-built variant without one.
    pub fn id(&self) -> &str {
        self.get("d").unwrap_or_default()
    }

    /// `dim` as `(width, height)`, when well formed.
    pub fn dim(&self) -> Option<(u32, u32)> {
        parse_dim(self.get("dim")?)
    }

    /// `bitrate` in bits per second, when a whole number.
    pub fn bitrate(&self) -> Option<u64> {
        parse_u64(self.get("bitrate")?)
    }

    /// `m`: the MIME type.
    pub fn mime(&self) -> Option<&str> {
        self.get("m")
    }

    /// The `variant` tag.
    pub fn to_tag(&self) -> Tag {
        Tag::new(
            "variant",
            self.entries.iter().map(|(k, v)| alloc::format!("{k} {v}")),
        )
    }

    /// Reads a `variant` tag: every entry must be `"key value"` (split at the first
    /// space) and one must be `d` with a non-empty value.
    ///
    /// # Errors
    /// [`Error::InvalidTag`] naming the variant's tag `index` in the event.
    pub fn from_tag(tag: TagRef<'_>, index: usize) -> Result<Self, Error> {
        let bad = |reason| Error::InvalidTag {
            name: "variant",
            index,
            reason,
        };
        let mut entries = Vec::with_capacity(tag.len().saturating_sub(1));
        for item in tag.iter().skip(1) {
            let (k, v) = item
                .split_once(' ')
                .ok_or(bad("entry is not \"key value\""))?;
            if k.is_empty() {
                return Err(bad("entry has an empty key"));
            }
            entries.push((k.to_string(), v.to_string()));
        }
        let v = Self { entries };
        if v.get("d").is_none_or(str::is_empty) {
            return Err(bad("no `d` entry"));
        }
        Ok(v)
    }
}

fn parse_dim(s: &str) -> Option<(u32, u32)> {
    let (w, h) = s.split_once('x')?;
    let w = u32::try_from(parse_u64(w)?).ok()?;
    let h = u32::try_from(parse_u64(h)?).ok()?;
    Some((w, h))
}

/// A kind 1053 live stream (NIP-5E "N94 Stream"). Regular, not addressable: it
/// is referenced by its event id, and ends with a NIP-09 deletion of that id.
///
/// # Example
/// ```
/// use nostr_core::{Keys, Timestamp};
/// use nostr_live::{Stream, Variant};
/// let me = Keys::generate();
/// let stream = Stream::new("Live from the lab")
///     .with_variant(Variant::new("1080p").with_dim(1920, 1080).with_bitrate(5_000_000).with_mime("video/mp2t"))
///     .with_variant(Variant::new("720p").with_dim(1280, 720).with_bitrate(3_000_000).with_mime("video/mp2t"));
/// let event = stream.sign_at(&me, Timestamp::from_secs(1_752_752_000));
/// let read = Stream::from_event(&event)?;
/// assert_eq!(read.variant("720p").and_then(|v| v.bitrate()), Some(3_000_000));
/// # Ok::<(), nostr_live::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stream {
    /// `d`: the producer's stream identifier (zap.stream writes one).
    pub identifier: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `image`.
    pub image: Option<String>,
    /// `starts`.
    pub starts: Option<Timestamp>,
    /// `ends`.
    pub ends: Option<Timestamp>,
    /// `variant`: the renditions, in order.
    pub variants: Vec<Variant>,
    /// `t`: hashtags.
    pub hashtags: Vec<String>,
    /// `relays`.
    pub relays: Vec<String>,
    /// `pinned`: pinned chat messages.
    pub pinned: Vec<EventPointer>,
    /// `goal`: a NIP-75 zap goal.
    pub goal: Option<EventPointer>,
    /// The event content.
    pub content: String,
    /// Every tag not read into a field (malformed variants included), in order.
    pub other_tags: Vec<Tag>,
}

const STREAM_KNOWN: &[&str] = &[
    "d", "title", "summary", "image", "starts", "ends", "variant", "relays", "pinned", "goal",
];

impl Stream {
    /// The kind this type reads and writes.
    pub const KIND: Kind = Kind::LIVE_STREAM;

    /// A stream with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: Some(title.into()),
            ..Self::default()
        }
    }

    /// Adds a variant.
    #[must_use]
    pub fn with_variant(mut self, variant: Variant) -> Self {
        self.variants.push(variant);
        self
    }

    /// The variant with id `d`.
    pub fn variant(&self, id: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id() == id)
    }

    /// Reads a signed event, leniently: a malformed `variant` (an entry without a
    /// space, no `d`) is kept in `other_tags` and reported by
    /// [`Stream::validate`].
    ///
    /// # Errors
    /// [`Error::WrongKind`].
    pub fn from_event(event: &Event) -> Result<Self, Error> {
        check_kind(event, Self::KIND)?;
        Ok(Self::from_tags(&event.tags, &event.content))
    }

    /// Reads tags and content.
    pub fn from_tags(tags: &Tags, content: &str) -> Self {
        let mut out = Self {
            content: content.into(),
            ..Self::default()
        };
        let o = &mut out.other_tags;
        for (i, tag) in tags.iter().enumerate() {
            let v = tag.value();
            let s = v.map(String::from);
            match tag.name() {
                "d" => set_once(&mut out.identifier, s, tag, o),
                "title" => set_once(&mut out.title, s, tag, o),
                "summary" => set_once(&mut out.summary, s, tag, o),
                "image" => set_once(&mut out.image, s, tag, o),
                "starts" => set_once(&mut out.starts, v.and_then(parse_timestamp), tag, o),
                "ends" => set_once(&mut out.ends, v.and_then(parse_timestamp), tag, o),
                "variant" => match Variant::from_tag(tag, i) {
                    Ok(var) => out.variants.push(var),
                    Err(_) => o.push(tag.to_tag()),
                },
                "t" if s.is_some() => out.hashtags.extend(s),
                "relays" if out.relays.is_empty() && tag.len() > 1 => {
                    out.relays = tag.iter().skip(1).map(String::from).collect();
                }
                "pinned" => match EventPointer::from_tag(tag) {
                    Some(p) => out.pinned.push(p),
                    None => o.push(tag.to_tag()),
                },
                "goal" => set_once(&mut out.goal, EventPointer::from_tag(tag), tag, o),
                _ => o.push(tag.to_tag()),
            }
        }
        out
    }

    /// The tags in the spec example's order, then `other_tags`.
    pub fn to_tags(&self) -> Tags {
        let mut t = Vec::with_capacity(10 + self.variants.len() + self.other_tags.len());
        t.extend(self.identifier.as_deref().map(|v| tag1("d", v)));
        t.extend(self.title.as_deref().map(|v| tag1("title", v)));
        t.extend(self.summary.as_deref().map(|v| tag1("summary", v)));
        t.extend(self.image.as_deref().map(|v| tag1("image", v)));
        t.extend(self.starts.map(|v| tag1("starts", v.as_secs().to_string())));
        t.extend(self.ends.map(|v| tag1("ends", v.as_secs().to_string())));
        t.extend(self.variants.iter().map(Variant::to_tag));
        t.extend(self.hashtags.iter().map(|v| tag1("t", v.as_str())));
        if !self.relays.is_empty() {
            t.push(list_tag("relays", &self.relays));
        }
        t.extend(self.pinned.iter().map(|p| p.to_tag("pinned")));
        t.extend(self.goal.as_ref().map(|p| p.to_tag("goal")));
        t.extend(self.other_tags.iter().cloned());
        Tags::from(t)
    }

    signing_methods!();

    /// Lists what is off-spec: no variant, two variants with the same `d`,
    /// malformed variants or other unreadable known tags.
    pub fn validate(&self) -> Vec<Violation> {
        let mut v = Vec::new();
        if self.variants.is_empty() {
            v.push(Violation::new("variant", Problem::Missing));
        }
        let mut seen = BTreeSet::new();
        for var in &self.variants {
            if !seen.insert(var.id()) {
                v.push(Violation::new(
                    "variant",
                    Problem::UnexpectedValue(alloc::format!("duplicate d {}", var.id())),
                ));
            }
        }
        report_leftovers(&self.other_tags, STREAM_KNOWN, &mut v);
        v
    }
}

/// Ends a NIP-5E stream: the NIP-09 kind 5 deletion of the 1053 event
/// (`["e", <stream id>]`, `["k", "1053"]`), which is how producers signal the end.
/// Sign it with the stream author's keys.
///
/// # Example
/// ```
/// use nostr_core::{Keys, Kind, Timestamp};
/// use nostr_live::{Stream, end_stream};
/// let me = Keys::generate();
/// let stream = Stream::new("demo").sign_at(&me, Timestamp::from_secs(1));
/// let end = end_stream(&stream.id).sign_at(&me, Timestamp::from_secs(2));
/// assert_eq!(end.kind, Kind::DELETION);
/// assert_eq!(end.tags.event_refs().next().map(|e| e.id), Some(stream.id));
/// ```
pub fn end_stream(stream: &EventId) -> EventBuilder {
    EventBuilder::new(Kind::DELETION, "")
        .tag(Tag::new("e", [stream.to_hex()]))
        .tag(Tag::new("k", ["1053"]))
}

impl TryFrom<&Event> for Stream {
    type Error = Error;
    fn try_from(event: &Event) -> Result<Self, Error> {
        Self::from_event(event)
    }
}

/// A kind 1063 segment of a NIP-5E stream (a NIP-94 file event).
///
/// zap.stream's producer writes mirrors as extra `url` tags rather than
/// `fallback`: all are kept and [`Segment::candidate_urls`] yields both kinds.
///
/// # Example
/// ```
/// use nostr_core::{EventId, Keys, Timestamp};
/// use nostr_live::Segment;
/// let me = Keys::generate();
/// let bytes = b"fake ts data";
/// let seg = Segment::new(EventId::from_bytes([1; 32]), "720p", 7, "2.000", "https://cdn.example.com/7.ts")
///     .with_hash_of(bytes)
///     .with_expiration(Timestamp::from_secs(1_060));
/// let read = Segment::from_event(&seg.sign_at(&me, Timestamp::from_secs(1_000)))?;
/// assert!(read.check_bytes(bytes).is_ok());
/// assert!(read.check_bytes(b"tampered").is_err());
/// assert!(read.is_expired(Timestamp::from_secs(1_060)));
/// # Ok::<(), nostr_live::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segment {
    /// `d`: the variant id this segment belongs to.
    pub variant: String,
    /// `e`: the kind 1053 stream.
    pub stream: Option<EventPointer>,
    /// `index`: the segment counter used for ordering.
    pub index: Option<u64>,
    /// `duration` in seconds, as written (`"2.033"`); see [`Segment::duration_secs`].
    pub duration: Option<String>,
    /// `url`: every URL in order.
    pub urls: Vec<String>,
    /// `fallback`: every fallback URL in order.
    pub fallbacks: Vec<String>,
    /// `x`: SHA-256 of the file.
    pub x: Option<[u8; 32]>,
    /// `m`: MIME type.
    pub mime: Option<String>,
    /// `dim`: `WxH` as written.
    pub dim: Option<String>,
    /// `k`: the stream kind, `"1053"`.
    pub k: Option<String>,
    /// `expiration` (NIP-40).
    pub expiration: Option<Timestamp>,
    /// `service`: e.g. `blossom`.
    pub service: Option<String>,
    /// `size` in bytes.
    pub size: Option<u64>,
    /// The event content.
    pub content: String,
    /// Every tag not read into a field, in order.
    pub other_tags: Vec<Tag>,
    /// Who signed the segment event: set by [`Segment::from_event`], `None` for a
    /// segment built or read from tags alone. Players use only the stream
    /// producer's segments (see [`StreamSource`](crate::StreamSource)).
    pub author: Option<PublicKey>,
    /// When the segment event was signed: set by [`Segment::from_event`]. Of two
    /// segments with the same index, players keep the newer.
    pub created_at: Option<Timestamp>,
}

const SEGMENT_KNOWN: &[&str] = &[
    "d",
    "e",
    "index",
    "duration",
    "x",
    "m",
    "dim",
    "k",
    "expiration",
    "service",
    "size",
];

impl Segment {
    /// The kind this type reads and writes.
    pub const KIND: Kind = Kind::FILE_METADATA;

    /// A segment with the tags players need; `k` is set to `1053`.
    pub fn new(
        stream: EventId,
        variant: impl Into<String>,
        index: u64,
        duration: impl Into<String>,
        url: impl Into<String>,
    ) -> Self {
        Self {
            variant: variant.into(),
            stream: Some(EventPointer::new(stream)),
            index: Some(index),
            duration: Some(duration.into()),
            urls: alloc::vec![url.into()],
            k: Some("1053".into()),
            ..Self::default()
        }
    }

    /// Sets `x` to the SHA-256 of `bytes`.
    #[must_use]
    pub fn with_hash_of(mut self, bytes: &[u8]) -> Self {
        self.x = Some(Sha256::digest(bytes).into());
        self.size = u64::try_from(bytes.len()).ok();
        self
    }

    /// Sets `expiration`.
    #[must_use]
    pub fn with_expiration(mut self, at: Timestamp) -> Self {
        self.expiration = Some(at);
        self
    }

    /// Adds a `fallback` URL.
    #[must_use]
    pub fn with_fallback(mut self, url: impl Into<String>) -> Self {
        self.fallbacks.push(url.into());
        self
    }

    /// The `duration` in seconds, when it is a finite non-negative number.
    pub fn duration_secs(&self) -> Option<f64> {
        let d: f64 = self.duration.as_deref()?.parse().ok()?;
        (d.is_finite() && d >= 0.0).then_some(d)
    }

    /// Every URL to try, in order: the `url` tags, then the `fallback` tags.
    pub fn candidate_urls(&self) -> impl Iterator<Item = &str> {
        self.urls
            .iter()
            .chain(self.fallbacks.iter())
            .map(String::as_str)
    }

    /// NIP-40: whether `expiration` is at or before `now`.
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.expiration.is_some_and(|e| e <= now)
    }

    /// Whether the segment's `e` names `stream`.
    pub fn belongs_to(&self, stream: &EventId) -> bool {
        self.stream.as_ref().is_some_and(|e| &e.id == stream)
    }

    /// Checks downloaded bytes against `x`.
    ///
    /// # Errors
    /// [`Error::MissingHash`] without `x`, [`Error::HashMismatch`] when the bytes
    /// hash to something else.
    pub fn check_bytes(&self, bytes: &[u8]) -> Result<(), Error> {
        let want = self.x.ok_or(Error::MissingHash)?;
        let got: [u8; 32] = Sha256::digest(bytes).into();
        if got == want {
            Ok(())
        } else {
            Err(Error::HashMismatch)
        }
    }

    /// Reads a signed event, leniently.
    ///
    /// # Errors
    /// [`Error::WrongKind`], or [`Error::MissingTag`] without a `d` (the variant).
    pub fn from_event(event: &Event) -> Result<Self, Error> {
        check_kind(event, Self::KIND)?;
        let mut segment = Self::from_tags(&event.tags, &event.content)?;
        segment.author = Some(event.pubkey);
        segment.created_at = Some(event.created_at);
        Ok(segment)
    }

    /// Reads tags and content (no author or time: see [`Segment::from_event`]).
    ///
    /// # Errors
    /// [`Error::MissingTag`] without a `d`.
    pub fn from_tags(tags: &Tags, content: &str) -> Result<Self, Error> {
        let mut out = Self {
            content: content.into(),
            ..Self::default()
        };
        let mut variant = None;
        let o = &mut out.other_tags;
        for tag in tags {
            let v = tag.value();
            let s = v.map(String::from);
            match tag.name() {
                "d" => set_once(&mut variant, s, tag, o),
                "e" => set_once(&mut out.stream, EventPointer::from_tag(tag), tag, o),
                "index" => set_once(&mut out.index, v.and_then(parse_u64), tag, o),
                "duration" => set_once(&mut out.duration, s, tag, o),
                "url" if s.is_some() => out.urls.extend(s),
                "fallback" if s.is_some() => out.fallbacks.extend(s),
                "x" => set_once(
                    &mut out.x,
                    v.and_then(|h| nostr_core::hex::decode_array(h).ok()),
                    tag,
                    o,
                ),
                "m" => set_once(&mut out.mime, s, tag, o),
                "dim" => set_once(&mut out.dim, s, tag, o),
                "k" => set_once(&mut out.k, s, tag, o),
                "expiration" => set_once(
                    &mut out.expiration,
                    v.and_then(parse_u64).map(Timestamp::from_secs),
                    tag,
                    o,
                ),
                "service" => set_once(&mut out.service, s, tag, o),
                "size" => set_once(&mut out.size, v.and_then(parse_u64), tag, o),
                _ => o.push(tag.to_tag()),
            }
        }
        out.variant = variant.ok_or(Error::MissingTag("d"))?;
        Ok(out)
    }

    /// The tags in the spec example's order, then `other_tags`.
    pub fn to_tags(&self) -> Tags {
        let mut t = Vec::with_capacity(14 + self.urls.len() + self.other_tags.len());
        t.push(tag1("d", self.variant.as_str()));
        t.extend(self.k.as_deref().map(|v| tag1("k", v)));
        t.extend(self.stream.as_ref().map(|e| e.to_tag("e")));
        t.extend(self.x.map(|x| tag1("x", nostr_core::hex::encode(&x))));
        t.extend(self.mime.as_deref().map(|v| tag1("m", v)));
        t.extend(self.dim.as_deref().map(|v| tag1("dim", v)));
        t.extend(self.duration.as_deref().map(|v| tag1("duration", v)));
        t.extend(self.index.map(|v| tag1("index", v.to_string())));
        t.extend(self.urls.iter().map(|v| tag1("url", v.as_str())));
        t.extend(self.fallbacks.iter().map(|v| tag1("fallback", v.as_str())));
        t.extend(
            self.expiration
                .map(|v| tag1("expiration", v.as_secs().to_string())),
        );
        t.extend(self.service.as_deref().map(|v| tag1("service", v)));
        t.extend(self.size.map(|v| tag1("size", v.to_string())));
        t.extend(self.other_tags.iter().cloned());
        Tags::from(t)
    }

    signing_methods!();

    /// Lists what players need but is missing (`e`, `index`, `duration`, `url`,
    /// `x`), a malformed duration or dim, a `k` other than `1053`, and unreadable
    /// known tags.
    pub fn validate(&self) -> Vec<Violation> {
        let mut v = Vec::new();
        for (field, present) in [
            ("e", self.stream.is_some()),
            ("index", self.index.is_some()),
            ("duration", self.duration.is_some()),
            ("url", !self.urls.is_empty()),
            ("x", self.x.is_some()),
        ] {
            if !present {
                v.push(Violation::new(field, Problem::Missing));
            }
        }
        if self.duration.is_some() && self.duration_secs().is_none() {
            v.push(Violation::new("duration", Problem::Malformed));
        }
        if self.dim.as_deref().is_some_and(|d| parse_dim(d).is_none()) {
            v.push(Violation::new("dim", Problem::Malformed));
        }
        if let Some(k) = self.k.as_deref().filter(|k| *k != "1053") {
            v.push(Violation::new("k", Problem::UnexpectedValue(k.into())));
        }
        report_leftovers(&self.other_tags, SEGMENT_KNOWN, &mut v);
        v
    }
}

impl TryFrom<&Event> for Segment {
    type Error = Error;
    fn try_from(event: &Event) -> Result<Self, Error> {
        Self::from_event(event)
    }
}
