//! NIP-01 canonical serialization, streamed into SHA-256 or a string.
//!
//! `[0,<pubkey>,<created_at>,<kind>,<tags>,<content>]` with no whitespace, and strings
//! escaped as NIP-01 "Serialization" lists: `\n \" \\ \r \t \b \f` short escapes,
//! and every other character (including `/`, DEL, U+2028/U+2029 and astral characters)
//! written as is, except the other 27 control characters U+0000..U+001F.
//!
//! NIP-01 says "all other characters must be included verbatim", but JSON (RFC 8259
//! §7) does not allow those 27 raw inside a string, so no valid event carries them
//! raw. They are written `\u00xx` with lowercase hex, as `JSON.stringify` (nostr-tools)
//! and serde_json (rust-nostr) write them: that is the id every peer computes, and
//! `tests/cross_check.rs` verifies nostr-tools events whose content holds each of them.

use alloc::string::String;

use crate::event_id::EventId;
use crate::hash_sink::HashSink;
use crate::json::JsonStr;
use crate::keys::PublicKey;
use crate::kind::Kind;
use crate::scan::ONES;
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

    /// Writes `[0,"<pubkey>",<created_at>,<kind>,`.
    #[inline]
    fn put_prefix(&mut self, pubkey: &PublicKey, created_at: Timestamp, kind: Kind) {
        let mut buf = [0u8; PREFIX_MAX];
        let n = write_prefix(&mut buf, pubkey, created_at, kind);
        self.put_ascii(buf.get(..n).unwrap_or_default());
    }

    /// Writes the body of a JSON string (no quotes) with NIP-01 escaping.
    #[inline]
    fn put_escaped(&mut self, s: &str) {
        put_escaped_from(self, s, crate::scan::find_special(s.as_bytes(), 0));
    }

    /// Writes a quoted string with NIP-01 escaping.
    #[inline]
    fn put_string(&mut self, s: &str) {
        let first = crate::scan::find_special(s.as_bytes(), 0);
        if first == s.len() {
            self.put_quoted(s);
            return;
        }
        self.put("\"");
        put_escaped_from(self, s, first);
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

/// Writes the body of a JSON string (no quotes) with NIP-01 escaping.
#[inline]
pub(crate) fn put_escaped<S: Sink>(sink: &mut S, s: &str) {
    sink.put_escaped(s);
}

/// The generic escaper: verbatim runs between special bytes, each special byte
/// replaced by its escape; the first special byte is known to be at `first`.
#[inline]
fn put_escaped_from<S: Sink + ?Sized>(sink: &mut S, s: &str, first: usize) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = first;
    loop {
        if start < i {
            sink.put(s.get(start..i).unwrap_or_default());
        }
        let Some(&b) = bytes.get(i) else { return };
        let seq = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            _ => CONTROL_ESCAPES
                .get(usize::from(b))
                .copied()
                .unwrap_or_default(),
        };
        sink.put(seq);
        start = i + 1;
        i = crate::scan::find_special(bytes, start);
    }
}

/// The escape sequence written for each control character (NIP-01: the five short
/// escapes, `\u00xx` with lowercase hex for the rest).
pub(crate) static CONTROL_ESCAPES: [&str; 32] = [
    "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007", "\\b",
    "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012",
    "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a",
    "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
];

/// Writes a quoted, escaped string.
#[inline]
pub(crate) fn put_string<S: Sink>(sink: &mut S, s: &str) {
    sink.put_string(s);
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

/// Writes the decimal digits of `n` at the end of `buf`; returns where they start.
#[inline]
fn write_decimal_right(buf: &mut [u8; 20], mut n: u64) -> usize {
    let mut i = buf.len();
    while n >= 100 {
        i -= 2;
        if let Some(pair) = buf.get_mut(i..i + 2) {
            pair.copy_from_slice(&decimal_pair(n % 100));
        }
        n /= 100;
    }
    if n >= 10 {
        i -= 2;
        if let Some(pair) = buf.get_mut(i..i + 2) {
            pair.copy_from_slice(&decimal_pair(n));
        }
    } else {
        i -= 1;
        if let Some(digit) = buf.get_mut(i) {
            *digit = b'0' + n as u8;
        }
    }
    i
}

/// Writes the decimal digits of `n` at the start of `dst` (which needs room for
/// 20) and returns how many were written.
#[inline]
fn write_decimal(dst: &mut [u8], n: u64) -> usize {
    let mut digits = [0u8; 20];
    let start = write_decimal_right(&mut digits, n);
    let len = digits.len() - start;
    // Byte by byte: at most 20, and cheaper than a call to `memcpy`.
    for (d, s) in dst.iter_mut().zip(digits.iter().skip(start)) {
        *d = *s;
    }
    len
}

#[inline(always)]
fn decimal_pair(n: u64) -> [u8; 2] {
    DECIMAL_PAIRS.get(n as usize).copied().unwrap_or_default()
}

/// `"00"` to `"99"`.
#[allow(
    clippy::indexing_slicing,
    reason = "constant evaluation: an index out of bounds fails the build"
)]
static DECIMAL_PAIRS: [[u8; 2]; 100] = {
    let mut table = [[0u8; 2]; 100];
    let mut i = 0;
    while i < 100 {
        table[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    table
};

/// Writes the lowercase hex of `bytes` (a multiple of four long) into `dst`
/// (twice as long), eight digits per word: the four bytes are spread to every
/// other byte, split into nibbles, and each nibble offset to `0`-`9` or `a`-`f`
/// without a branch or a table.
#[inline]
fn write_hex(dst: &mut [u8], bytes: &[u8]) {
    const NIBBLES: u64 = 0x000f_000f_000f_000f;
    for (out, four) in dst.chunks_exact_mut(8).zip(bytes.chunks_exact(4)) {
        let x = u64::from(
            four.first_chunk::<4>()
                .map_or(0, |b| u32::from_le_bytes(*b)),
        );
        let spread = (x | x << 16) & 0x0000_ffff_0000_ffff;
        let spread = (spread | spread << 8) & 0x00ff_00ff_00ff_00ff;
        // The high nibble of each byte comes first in the text.
        let nibbles = (spread >> 4) & NIBBLES | (spread & NIBBLES) << 8;
        let letters = (nibbles.wrapping_add(ONES * 6) >> 4) & ONES;
        let digits = nibbles.wrapping_add(ONES * u64::from(b'0'))
            + letters * (u64::from(b'a') - u64::from(b'0') - 10);
        out.copy_from_slice(&digits.to_le_bytes());
    }
}

/// Writes a decimal `u64`.
#[inline]
pub(crate) fn put_u64<S: Sink>(sink: &mut S, n: u64) {
    let mut buf = [0u8; 20];
    let start = write_decimal_right(&mut buf, n);
    sink.put_ascii(buf.get(start..).unwrap_or_default());
}

/// Writes 32 or 64 bytes as a quoted lowercase hex string.
#[inline]
pub(crate) fn put_hex<S: Sink>(sink: &mut S, bytes: &[u8]) {
    let mut buf = [b'"'; 130];
    let n = bytes.len().min(64);
    write_hex(buf.get_mut(1..).unwrap_or_default(), bytes);
    sink.put_ascii(buf.get(..2 + 2 * n).unwrap_or_default());
}

/// The longest prefix: `[0,"` 64 hex `",` up to 20 digits `,` up to 5 digits `,`.
pub(crate) const PREFIX_MAX: usize = 4 + 64 + 2 + 20 + 1 + 5 + 1;

/// Writes `[0,"<pubkey>",<created_at>,<kind>,` at the start of `dst` (at least
/// [`PREFIX_MAX`] long) and returns its length.
#[inline]
pub(crate) fn write_prefix(
    dst: &mut [u8],
    pubkey: &PublicKey,
    created_at: Timestamp,
    kind: Kind,
) -> usize {
    let (head, rest) = dst.split_at_mut(dst.len().min(4 + 64 + 2));
    if let Some((open, tail)) = head.split_first_chunk_mut::<4>() {
        *open = *b"[0,\"";
        write_hex(tail, pubkey.as_bytes());
        if let Some(close) = tail.get_mut(64..66) {
            close.copy_from_slice(b"\",");
        }
    }
    let mut n = write_decimal(rest, created_at.as_secs());
    if let Some(comma) = rest.get_mut(n) {
        *comma = b',';
    }
    n += 1;
    n += write_decimal(
        rest.get_mut(n..).unwrap_or_default(),
        u64::from(kind.as_u16()),
    );
    if let Some(comma) = rest.get_mut(n) {
        *comma = b',';
    }
    4 + 64 + 2 + n + 1
}

/// Writes `[0,"<pubkey>",<created_at>,<kind>,` — everything before the tags — as
/// one piece.
#[inline]
pub(crate) fn put_prefix<S: Sink>(
    sink: &mut S,
    pubkey: &PublicKey,
    created_at: Timestamp,
    kind: Kind,
) {
    sink.put_prefix(pubkey, created_at, kind);
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

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use proptest::prelude::*;
    use sha2::{Digest, Sha256};

    /// One write to a sink.
    #[derive(Debug, Clone)]
    enum Op {
        Put(String),
        Ascii(String),
        Quoted(String),
        Escaped(String),
        Str(String),
    }

    fn apply<S: Sink>(sink: &mut S, ops: &[Op]) {
        for op in ops {
            match op {
                Op::Put(s) => sink.put(s),
                Op::Ascii(s) => sink.put_ascii(s.as_bytes()),
                Op::Quoted(s) => sink.put_quoted(s),
                Op::Escaped(s) => put_escaped(sink, s),
                Op::Str(s) => put_string(sink, s),
            }
        }
    }

    /// Short, long (past a whole buffer) and special-heavy strings.
    fn text() -> impl Strategy<Value = String> {
        let special_heavy = proptest::collection::vec(
            proptest::sample::select(alloc::vec![
                'a', '"', '\\', '\n', '\u{0}', '\u{1f}', '\u{7f}', 'é', '\u{2028}', '😀', ' ',
            ]),
            0..400,
        )
        .prop_map(|v| v.into_iter().collect::<String>());
        prop_oneof![
            "[a-z]{0,20}",
            any::<String>(),
            proptest::collection::vec(any::<char>(), 0..600)
                .prop_map(|v| v.into_iter().collect::<String>()),
            special_heavy,
            "[a-z0-9 ]{200,700}",
        ]
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            text().prop_map(Op::Put),
            "[0-9a-f]{0,130}".prop_map(Op::Ascii),
            text().prop_map(Op::Quoted),
            text().prop_map(Op::Escaped),
            text().prop_map(Op::Str),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// The streaming hash of any sequence of writes is the SHA-256 of what a
        /// string sink collects from the same writes.
        #[test]
        fn hash_sink_is_sha256_of_string_sink(ops in proptest::collection::vec(op(), 0..12)) {
            let mut text = String::new();
            apply(&mut text, &ops);
            let mut hash = HashSink::new();
            apply(&mut hash, &ops);
            let expected: [u8; 32] = Sha256::digest(text.as_bytes()).into();
            prop_assert_eq!(hash.finish(), expected);
        }
    }

    /// Every length from 0 to a few blocks past the buffer, so that each padding
    /// case (one or two final blocks) and each flush point is met.
    #[test]
    fn every_length_and_padding_case() {
        let data: Vec<u8> = (0..700u32).map(|i| b'a' + (i % 26) as u8).collect();
        for n in 0..data.len() {
            let s = core::str::from_utf8(&data[..n]).unwrap();
            for split in [0, 1, 7, 16, 17, 63, 64, 255, 256, 300] {
                let split = split.min(n);
                let mut hash = HashSink::new();
                hash.put(&s[..split]);
                hash.put(&s[split..]);
                let expected: [u8; 32] = Sha256::digest(s.as_bytes()).into();
                assert_eq!(hash.finish(), expected, "length {n}, split {split}");
            }
        }
    }

    #[test]
    fn decimals_and_prefix() {
        for n in [
            0,
            7,
            9,
            10,
            42,
            99,
            100,
            101,
            999,
            1000,
            65_535,
            1_700_000_000,
            9_999_999_999,
            u64::MAX / 3,
            u64::MAX,
        ] {
            let mut text = String::new();
            put_u64(&mut text, n);
            assert_eq!(text, alloc::format!("{n}"));
        }
        let pubkey = PublicKey::from_bytes([0xa5; 32]);
        for (secs, kind) in [(0, 0), (1_700_000_000, 1), (u64::MAX, 65_535)] {
            let mut text = String::new();
            put_prefix(
                &mut text,
                &pubkey,
                Timestamp::from_secs(secs),
                Kind::from(kind),
            );
            let hex = "a5".repeat(32);
            assert_eq!(text, alloc::format!("[0,\"{hex}\",{secs},{kind},"));
            let mut hash = HashSink::new();
            put_prefix(
                &mut hash,
                &pubkey,
                Timestamp::from_secs(secs),
                Kind::from(kind),
            );
            let expected: [u8; 32] = Sha256::digest(text.as_bytes()).into();
            assert_eq!(hash.finish(), expected);
        }
    }

    #[test]
    fn hex_of_every_byte() {
        let all: Vec<u8> = (0..=255u8).collect();
        for chunk in all.chunks(64).chain(all.chunks(32)) {
            let mut text = String::new();
            put_hex(&mut text, chunk);
            assert_eq!(text, alloc::format!("\"{}\"", crate::hex::encode(chunk)));
        }
        for chunk in all.chunks(32) {
            let pubkey = PublicKey::from_bytes(chunk.try_into().unwrap());
            let mut text = String::new();
            put_prefix(&mut text, &pubkey, Timestamp::from_secs(5), Kind::from(7));
            let hex = crate::hex::encode(chunk);
            assert_eq!(text, alloc::format!("[0,\"{hex}\",5,7,"));
        }
    }

    /// The escape of every byte, through both escapers.
    #[test]
    fn escapes_agree_byte_by_byte() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            for s in [
                alloc::format!("{c}"),
                alloc::format!("{c}0123456789abcdef{c}"),
                alloc::format!("0123456789abcde{c}x"),
            ] {
                let mut text = String::new();
                put_string(&mut text, &s);
                let mut hash = HashSink::new();
                put_string(&mut hash, &s);
                let expected: [u8; 32] = Sha256::digest(text.as_bytes()).into();
                assert_eq!(hash.finish(), expected, "byte {b:#04x}");
                let decoded: String = serde_json::from_str(&text).unwrap();
                assert_eq!(decoded, s);
            }
        }
    }
}
