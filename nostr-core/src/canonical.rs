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
use crate::timestamp::Timestamp;

/// Where serialized text goes. Every write is a `&str` so a `String` sink stays
/// valid UTF-8 without checks: verbatim runs are split only at ASCII bytes.
pub(crate) trait Sink {
    fn put(&mut self, s: &str);
}

impl Sink for String {
    #[inline]
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
}

/// Batches small writes into whole blocks before they reach the hasher, so the
/// many tiny pieces of a serialization (quotes, commas) cost a `memcpy`, not a
/// hasher call each.
pub(crate) struct HashSink {
    hasher: Sha256,
    buf: [u8; 256],
    len: usize,
}

impl HashSink {
    pub(crate) fn new() -> Self {
        Self {
            hasher: Sha256::new(),
            buf: [0; 256],
            len: 0,
        }
    }

    pub(crate) fn finish(mut self) -> [u8; 32] {
        self.flush();
        self.hasher.finalize().into()
    }

    fn flush(&mut self) {
        if let Some(pending) = self.buf.get(..self.len) {
            self.hasher.update(pending);
        }
        self.len = 0;
    }
}

impl Sink for HashSink {
    #[inline]
    fn put(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let end = self.len + bytes.len();
        if let Some(dst) = self.buf.get_mut(self.len..end) {
            dst.copy_from_slice(bytes);
            self.len = end;
            return;
        }
        self.flush();
        if bytes.len() >= self.buf.len() {
            self.hasher.update(bytes);
        } else if let Some(dst) = self.buf.get_mut(..bytes.len()) {
            dst.copy_from_slice(bytes);
            self.len = bytes.len();
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
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc = escape_of(b);
        if esc == 0 {
            continue;
        }
        if start < i {
            sink.put(s.get(start..i).unwrap_or_default());
        }
        put_escape(sink, b, esc);
        start = i + 1;
    }
    if start < bytes.len() {
        sink.put(s.get(start..).unwrap_or_default());
    }
}

#[cold]
fn put_escape<S: Sink>(sink: &mut S, b: u8, esc: u8) {
    if esc == b'u' {
        let seq = [
            b'\\',
            b'u',
            b'0',
            b'0',
            crate::hex::digit(b >> 4),
            crate::hex::digit(b),
        ];
        sink.put(core::str::from_utf8(&seq).unwrap_or_default());
    } else {
        let seq = [b'\\', esc];
        sink.put(core::str::from_utf8(&seq).unwrap_or_default());
    }
}

/// Writes a quoted, escaped string.
#[inline]
pub(crate) fn put_string<S: Sink>(sink: &mut S, s: &str) {
    sink.put("\"");
    put_escaped(sink, s);
    sink.put("\"");
}

/// Writes a quoted string from JSON input, decoding its escapes and re-escaping
/// canonically, without allocating.
pub(crate) fn put_json_str<S: Sink>(sink: &mut S, s: JsonStr<'_>) {
    sink.put("\"");
    if s.has_escapes() {
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
    sink.put(core::str::from_utf8(buf.get(i..).unwrap_or_default()).unwrap_or_default());
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
    sink.put(core::str::from_utf8(buf.get(..2 + 2 * n).unwrap_or_default()).unwrap_or_default());
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

/// Writes tags given as string slices: `[["e","..."],["p","..."]]`.
pub(crate) fn put_tags<S: Sink, T: AsRef<[String]>>(sink: &mut S, tags: &[T]) {
    sink.put("[");
    for (i, tag) in tags.iter().enumerate() {
        if i > 0 {
            sink.put(",");
        }
        sink.put("[");
        for (j, item) in tag.as_ref().iter().enumerate() {
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
pub(crate) fn event_id<T: AsRef<[String]>>(
    pubkey: &PublicKey,
    created_at: Timestamp,
    kind: Kind,
    tags: &[T],
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
pub(crate) fn serialize<T: AsRef<[String]>>(
    pubkey: &PublicKey,
    created_at: Timestamp,
    kind: Kind,
    tags: &[T],
    content: &str,
) -> String {
    let mut out = String::with_capacity(160 + content.len());
    put_prefix(&mut out, pubkey, created_at, kind);
    put_tags(&mut out, tags);
    out.put(",");
    put_string(&mut out, content);
    out.put("]");
    out
}
