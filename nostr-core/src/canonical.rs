//! NIP-01 canonical serialization, streamed into SHA-256 or a string.
//!
//! `[0,<pubkey>,<created_at>,<kind>,<tags>,<content>]` with no whitespace, and strings
//! escaped exactly as NIP-01 "Serialization" lists: `\n \" \\ \r \t \b \f` short
//! escapes, `\u00xx` (lowercase hex) for the other control characters, and every other
//! character (including `/`, DEL, U+2028/U+2029 and astral characters) written as is.

use alloc::string::String;
use sha2::{Digest, Sha256};

use crate::event_id::EventId;
use crate::json::JsonStr;
use crate::keys::PublicKey;
use crate::kind::Kind;
use crate::tag::Tags;
use crate::timestamp::Timestamp;

/// Where serialized text goes. Every write is a `&str` so a `String` sink stays
/// valid UTF-8 without checks: verbatim runs are split only at ASCII bytes.
pub(crate) trait Sink {
    fn put(&mut self, s: &str);

    /// Writes bytes the caller guarantees are ASCII (hex digits, decimal numbers).
    /// The hash sink takes them as they are; a string sink checks them once.
    #[inline]
    fn put_ascii(&mut self, bytes: &[u8]) {
        self.put(core::str::from_utf8(bytes).unwrap_or_default());
    }

    /// Writes `"s"`; `s` needs no escaping. One call instead of three matters on
    /// the id hot path, where most tag items are short and plain.
    #[inline]
    fn put_quoted(&mut self, s: &str) {
        self.put("\"");
        self.put(s);
        self.put("\"");
    }
}

impl Sink for String {
    #[inline]
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }

    #[inline]
    fn put_quoted(&mut self, s: &str) {
        self.reserve(s.len() + 2);
        self.push('"');
        self.push_str(s);
        self.push('"');
    }
}

/// Batches small writes into whole SHA-256 blocks before they reach the hasher.
///
/// A serialization is many tiny pieces (quotes, commas, short tag items); each costs
/// a copy into `buf` here instead of a hasher call. The buffer is only ever flushed
/// when full, and its size is a multiple of the 64-byte block, so the hasher's own
/// buffer stays empty and every block is compressed straight from `buf` or from the
/// caller's slice, never copied twice.
pub(crate) struct HashSink {
    hasher: Sha256,
    buf: [u8; BUF],
    len: usize,
}

const BUF: usize = 256;

impl HashSink {
    pub(crate) fn new() -> Self {
        Self {
            hasher: Sha256::new(),
            buf: [0; BUF],
            len: 0,
        }
    }

    pub(crate) fn finish(mut self) -> [u8; 32] {
        if let Some(pending) = self.buf.get(..self.len) {
            self.hasher.update(pending);
        }
        self.hasher.finalize().into()
    }

    #[cold]
    fn put_spilling(&mut self, mut bytes: &[u8]) {
        let room = BUF - self.len;
        let (head, rest) = bytes.split_at(room.min(bytes.len()));
        if let Some(dst) = self.buf.get_mut(self.len..) {
            dst.copy_from_slice(head);
        }
        self.hasher.update(self.buf);
        bytes = rest;
        let direct = bytes.len() / 64 * 64;
        let (blocks, tail) = bytes.split_at(direct);
        if !blocks.is_empty() {
            self.hasher.update(blocks);
        }
        if let Some(dst) = self.buf.get_mut(..tail.len()) {
            dst.copy_from_slice(tail);
        }
        self.len = tail.len();
    }
}

impl Sink for HashSink {
    #[inline]
    fn put_ascii(&mut self, bytes: &[u8]) {
        self.put_bytes(bytes);
    }

    #[inline]
    fn put_quoted(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let end = self.len + bytes.len() + 2;
        match self.buf.get_mut(self.len..end) {
            Some([open, body @ .., close]) if end < BUF => {
                *open = b'"';
                body.copy_from_slice(bytes);
                *close = b'"';
                self.len = end;
            }
            _ => {
                self.put("\"");
                self.put(s);
                self.put("\"");
            }
        }
    }

    #[inline]
    fn put(&mut self, s: &str) {
        self.put_bytes(s.as_bytes());
    }
}

impl HashSink {
    #[inline]
    fn put_bytes(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        match self.buf.get_mut(self.len..end) {
            // Strictly below BUF: a full buffer is flushed by `put_spilling`.
            Some(dst) if end < BUF => {
                dst.copy_from_slice(bytes);
                self.len = end;
            }
            _ => self.put_spilling(bytes),
        }
    }
}

/// For each byte: 0 when written verbatim, else the letter after the backslash
/// (`u` for the `\u00xx` form).
#[allow(
    clippy::indexing_slicing,
    reason = "constant indices below 256 into a 256-entry table"
)]
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = b'u';
        i += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// The escape letter for byte `b` (0 when verbatim).
#[inline(always)]
#[allow(
    clippy::indexing_slicing,
    reason = "a u8 always indexes the 256-entry table"
)]
fn escape_of(b: u8) -> u8 {
    ESCAPE[b as usize]
}

/// Writes the body of a JSON string (no quotes) with NIP-01 escaping.
#[inline]
pub(crate) fn put_escaped<S: Sink>(sink: &mut S, s: &str) {
    put_escaped_from(sink, s, crate::scan::find_special(s.as_bytes(), 0));
}

/// [`put_escaped`] when the first special byte is already known to be at `first`.
#[inline]
fn put_escaped_from<S: Sink>(sink: &mut S, s: &str, first: usize) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = first;
    loop {
        if start < i {
            sink.put(s.get(start..i).unwrap_or_default());
        }
        let Some(&b) = bytes.get(i) else { return };
        put_escape(sink, b, escape_of(b));
        start = i + 1;
        i = crate::scan::find_special(bytes, start);
    }
}

/// The escape sequence written for each control character (NIP-01: the five short
/// escapes, `\u00xx` with lowercase hex for the rest).
static CONTROL_ESCAPES: [&str; 32] = [
    "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007", "\\b",
    "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012",
    "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a",
    "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
];

#[inline]
fn put_escape<S: Sink>(sink: &mut S, b: u8, esc: u8) {
    let seq = match esc {
        b'"' => "\\\"",
        b'\\' => "\\\\",
        _ => CONTROL_ESCAPES
            .get(usize::from(b))
            .copied()
            .unwrap_or_default(),
    };
    sink.put(seq);
}

/// Writes a quoted, escaped string.
#[inline]
pub(crate) fn put_string<S: Sink>(sink: &mut S, s: &str) {
    let bytes = s.as_bytes();
    let first = crate::scan::find_special(bytes, 0);
    if first == bytes.len() {
        sink.put_quoted(s);
        return;
    }
    sink.put("\"");
    put_escaped_from(sink, s, first);
    sink.put("\"");
}

/// Writes a quoted string from JSON input, decoding its escapes and re-escaping
/// canonically, without allocating.
pub(crate) fn put_json_str<S: Sink>(sink: &mut S, s: JsonStr<'_>) {
    sink.put("\"");
    if s.is_canonical() {
        // Already NIP-01's escaping of the decoded text: hash it as it stands.
        sink.put(s.raw());
    } else if s.has_escapes() {
        s.for_each_piece(|piece| put_escaped(sink, piece));
    } else {
        put_escaped(sink, s.raw());
    }
    sink.put("\"");
}

/// Writes a decimal `u64`.
#[inline]
pub(crate) fn put_u64<S: Sink>(sink: &mut S, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    sink.put_ascii(buf.get(i..).unwrap_or_default());
}

/// Writes 32 or 64 bytes as a quoted lowercase hex string.
#[inline]
pub(crate) fn put_hex<S: Sink>(sink: &mut S, bytes: &[u8]) {
    let mut buf = [0u8; 130];
    buf[0] = b'"';
    let n = bytes.len().min(64);
    let body = buf.get_mut(1..1 + 2 * n).unwrap_or_default();
    crate::hex::encode_to_slice(bytes.get(..n).unwrap_or_default(), body);
    if let Some(q) = buf.get_mut(1 + 2 * n) {
        *q = b'"';
    }
    sink.put_ascii(buf.get(..2 + 2 * n).unwrap_or_default());
}

/// Writes `[0,"<pubkey>",<created_at>,<kind>,` — everything before the tags.
pub(crate) fn put_prefix<S: Sink>(
    sink: &mut S,
    pubkey: &PublicKey,
    created_at: Timestamp,
    kind: Kind,
) {
    sink.put("[0,");
    put_hex(sink, pubkey.as_bytes());
    sink.put(",");
    put_u64(sink, created_at.as_secs());
    sink.put(",");
    put_u64(sink, u64::from(kind.as_u16()));
    sink.put(",");
}

/// Writes the tags array: `[["e","..."],["p","..."]]`. When no item needs escaping
/// the packed text already is that JSON between `[["` and `"]]` and goes in one piece.
pub(crate) fn put_tags<S: Sink>(sink: &mut S, tags: &Tags) {
    if tags.is_empty() {
        sink.put("[]");
        return;
    }
    if let Some(text) = tags.plain_text() {
        sink.put("[[\"");
        sink.put(text);
        sink.put("\"]]");
        return;
    }
    sink.put("[");
    for (i, tag) in tags.iter().enumerate() {
        if i > 0 {
            sink.put(",");
        }
        sink.put("[");
        for (j, item) in tag.iter().enumerate() {
            if j > 0 {
                sink.put(",");
            }
            put_string(sink, item);
        }
        sink.put("]");
    }
    sink.put("]");
}

/// Hashes the canonical serialization of owned event fields.
pub(crate) fn event_id(
    pubkey: &PublicKey,
    created_at: Timestamp,
    kind: Kind,
    tags: &Tags,
    content: &str,
) -> EventId {
    let mut sink = HashSink::new();
    put_prefix(&mut sink, pubkey, created_at, kind);
    put_tags(&mut sink, tags);
    sink.put(",");
    put_string(&mut sink, content);
    sink.put("]");
    EventId::from_bytes(sink.finish())
}

/// The canonical serialization as a `String` (for inspection and tests; computing an
/// id never builds it).
pub(crate) fn serialize(
    pubkey: &PublicKey,
    created_at: Timestamp,
    kind: Kind,
    tags: &Tags,
    content: &str,
) -> String {
    let mut out = String::with_capacity(160 + tags.text_len() + content.len());
    put_prefix(&mut out, pubkey, created_at, kind);
    put_tags(&mut out, tags);
    out.put(",");
    put_string(&mut out, content);
    out.put("]");
    out
}
