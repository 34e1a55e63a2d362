//! NIP-01 canonical serialization, streamed into SHA-256 or a string.
//!
//! `[0,<pubkey>,<created_at>,<kind>,<tags>,<content>]` with no whitespace, and strings
//! escaped exactly as NIP-01 "Serialization" lists: `\n \" \\ \r \t \b \f` short
//! escapes, `\u00xx` (lowercase hex) for the other control characters, and every other
//! character (including `/`, DEL, U+2028/U+2029 and astral characters) written as is.

use alloc::string::String;
use sha2::compress256;
use sha2::digest::block_buffer::EagerBuffer;
use sha2::digest::consts::U64;

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

/// SHA-256 of everything written, computed while it is written.
///
/// Pieces are copied into `buf`, and every time [`FLUSH`] bytes have gathered
/// they are compressed with `sha2`'s block function (no `Sha256` hasher, no
/// second buffer; the final padding is ours); the whole blocks of a long piece
/// are compressed where they lie. The buffer has 64 bytes of slack past
/// [`FLUSH`] so that writes need not measure the room left: short pieces are
/// copied as whole words, and escaping copies 32 input bytes at a time before
/// it looks at them. Whatever lands past the written text is overwritten by the
/// next write or by the padding.
pub(crate) struct HashSink {
    state: [u32; 8],
    /// Only used to view `buf` as blocks; always empty.
    blocks: EagerBuffer<U64>,
    buf: [u8; CAP],
    /// Bytes of `buf` written; below [`FLUSH`] between writes.
    len: usize,
    /// Bytes already compressed.
    done: u64,
}

/// The buffer is compressed when it holds this many bytes (two blocks). Measured
/// against 64, 256, 512 and 1024: a smaller buffer is cheaper to set up (it is
/// zeroed for every id) and lets the walk overlap the compression more; one
/// block per call pays the per-call state shuffle too often.
const FLUSH: usize = 128;
/// Buffer size: one block of slack, which also fits the final padding.
const CAP: usize = FLUSH + 64;

/// The SHA-256 initial hash value (FIPS 180-4, 5.3.3).
const IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// Compresses the whole 64-byte blocks of `bytes` into `state`, straight from
/// `bytes`.
///
/// `compress256` takes typed blocks; `block_buffer` (what `sha2`'s own hasher
/// uses) views a byte slice as blocks without a copy, so it does that here. Its
/// buffer stays empty: only whole blocks are passed.
#[inline]
fn compress(state: &mut [u32; 8], blocks: &mut EagerBuffer<U64>, bytes: &[u8]) {
    blocks.digest_blocks(bytes, |blocks| compress256(state, blocks));
}

impl HashSink {
    #[inline]
    pub(crate) fn new() -> Self {
        Self {
            state: IV,
            blocks: EagerBuffer::default(),
            buf: [0; CAP],
            len: 0,
            done: 0,
        }
    }

    pub(crate) fn finish(&mut self) -> [u8; 32] {
        let len = self.len;
        let bits = (self.done + len as u64).wrapping_mul(8);
        let state = &mut self.state;
        // The block buffer takes the partial last block and pads it the way
        // `sha2`'s own hasher does.
        self.blocks
            .digest_blocks(self.buf.get(..len).unwrap_or_default(), |blocks| {
                compress256(state, blocks);
            });
        self.blocks.len64_padding_be(bits, |block| {
            compress256(state, core::slice::from_ref(block))
        });
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_exact_mut(4).zip(self.state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        out
    }

    /// Compresses the first [`FLUSH`] bytes and moves the overflow to the front.
    #[inline(never)]
    fn flush(&mut self) {
        compress(
            &mut self.state,
            &mut self.blocks,
            self.buf.get(..FLUSH).unwrap_or_default(),
        );
        self.done += FLUSH as u64;
        self.buf.copy_within(FLUSH.., 0);
        self.len -= FLUSH;
    }

    /// Counts `n` more bytes as written (they are already in `buf`).
    #[inline(always)]
    fn advance(&mut self, n: usize) {
        self.len += n;
        if self.len >= FLUSH {
            self.flush();
        }
    }

    #[inline(always)]
    fn put_bytes(&mut self, bytes: &[u8]) {
        if bytes.len() <= 16 {
            self.put_short(bytes);
        } else {
            self.put_long(bytes);
        }
    }

    /// Writes at most 16 bytes as (possibly overlapping) whole words: no call to
    /// `memcpy` and no room check, the slack takes any overhang.
    #[inline(always)]
    fn put_short(&mut self, src: &[u8]) {
        let n = src.len();
        let len = self.len;
        if let Some(dst) = self.buf.get_mut(len..len + 16) {
            if n >= 8 {
                copy_at::<8>(dst, src, 0);
                copy_at::<8>(dst, src, n - 8);
            } else if n >= 4 {
                copy_at::<4>(dst, src, 0);
                copy_at::<4>(dst, src, n - 4);
            } else if n > 0 {
                copy_at::<1>(dst, src, 0);
                copy_at::<1>(dst, src, n / 2);
                copy_at::<1>(dst, src, n - 1);
            }
        }
        self.advance(n);
    }

    /// A long piece: the buffer is topped up to a block boundary and compressed,
    /// the piece's whole blocks are compressed where they lie, and only its last
    /// partial block is copied.
    fn put_long(&mut self, src: &[u8]) {
        let len = self.len;
        let room = (64 - len % 64) % 64;
        if src.len() < room + 64 {
            self.put_copied(src);
            return;
        }
        let (head, rest) = src.split_at(room);
        if let Some(dst) = self.buf.get_mut(len..len + room) {
            dst.copy_from_slice(head);
        }
        let filled = len + room;
        compress(
            &mut self.state,
            &mut self.blocks,
            self.buf.get(..filled).unwrap_or_default(),
        );
        let (blocks, tail) = rest.split_at(rest.len() / 64 * 64);
        compress(&mut self.state, &mut self.blocks, blocks);
        self.done += (filled + blocks.len()) as u64;
        if let Some(dst) = self.buf.get_mut(..tail.len()) {
            dst.copy_from_slice(tail);
        }
        self.len = tail.len();
    }

    fn put_copied(&mut self, mut src: &[u8]) {
        while !src.is_empty() {
            let len = self.len;
            let take = (FLUSH - len).min(src.len());
            let (now, rest) = src.split_at(take);
            if let Some(dst) = self.buf.get_mut(len..len + take) {
                dst.copy_from_slice(now);
            }
            src = rest;
            self.advance(take);
        }
    }

    /// Escapes and copies in one pass: sixteen bytes are stored, then checked; the
    /// plain ones are kept and the first special one is replaced by its escape.
    #[inline]
    fn put_escaped_bytes(&mut self, s: &[u8]) {
        let mut len = self.len;
        let mut i = 0;
        // Thirty-two bytes a step while they last: in text a step usually reaches
        // the next special byte, so most steps end with an escape.
        while let Some(chunk) = s.get(i..).and_then(|r| r.first_chunk::<32>()) {
            if let Some(dst) = self.buf.get_mut(len..len + 32) {
                dst.copy_from_slice(chunk);
            }
            let [a, b, c, d] = words(chunk);
            let low = u128::from(special_mask(a)) | u128::from(special_mask(b)) << 64;
            let high = u128::from(special_mask(c)) | u128::from(special_mask(d)) << 64;
            if low | high == 0 {
                len += 32;
                i += 32;
            } else {
                let plain = if low != 0 {
                    (low.trailing_zeros() / 8) as usize
                } else {
                    16 + (high.trailing_zeros() / 8) as usize
                };
                // `len + plain` stays below `FLUSH + 32`: the escape fits the slack.
                let at = len + plain;
                let escape = escape_word(chunk.get(plain).copied().unwrap_or_default());
                if let Some(dst) = self.buf.get_mut(at..at + 8) {
                    dst.copy_from_slice(&escape);
                }
                len = at + usize::from(escape[7]);
                i += plain + 1;
            }
            if len >= FLUSH {
                len = self.flush_at(len);
            }
        }
        // The last 31 bytes or fewer, sixteen a step.
        while let Some(rest) = s.get(i..).filter(|r| !r.is_empty()) {
            // The tail is read as overlapping words; the zeros past its end look
            // special, but `rest.get` below tells them from real ones.
            let chunk = match rest.first_chunk::<16>() {
                Some(chunk) => *chunk,
                None => load_partial(rest),
            };
            if let Some(dst) = self.buf.get_mut(len..len + 16) {
                dst.copy_from_slice(&chunk);
            }
            let w = u128::from_le_bytes(chunk);
            let mask = u128::from(special_mask(w as u64))
                | u128::from(special_mask((w >> 64) as u64)) << 64;
            // The lowest flagged byte is exact; 16 when there is none.
            let plain = (mask.trailing_zeros() / 8) as usize;
            let Some(&special) = rest.get(plain) else {
                // No special byte in the rest of `s`.
                len += rest.len().min(16);
                if len >= FLUSH {
                    len = self.flush_at(len);
                }
                break;
            };
            if plain == 16 {
                len += 16;
                i += 16;
            } else {
                // `len + plain` stays below `FLUSH + 16`: the escape fits the slack.
                let at = len + plain;
                let escape = escape_word(special);
                if let Some(dst) = self.buf.get_mut(at..at + 8) {
                    dst.copy_from_slice(&escape);
                }
                len = at + usize::from(escape[7]);
                i += plain + 1;
            }
            if len >= FLUSH {
                len = self.flush_at(len);
            }
        }
        self.len = len;
    }

    /// [`Self::flush`] for a caller that keeps the length in a local.
    #[inline(always)]
    fn flush_at(&mut self, len: usize) -> usize {
        self.len = len;
        self.flush();
        self.len
    }
}

/// The four little-endian words of 32 bytes.
#[inline(always)]
fn words(chunk: &[u8; 32]) -> [u64; 4] {
    let mut out = [0u64; 4];
    for (word, bytes) in out.iter_mut().zip(chunk.chunks_exact(8)) {
        *word = bytes
            .first_chunk::<8>()
            .map_or(0, |b| u64::from_le_bytes(*b));
    }
    out
}

/// Up to 16 bytes as a little-endian 16-byte array, zero-filled, read as (possibly
/// overlapping) whole words rather than byte by byte or with `memcpy`.
#[inline(always)]
fn load_partial(s: &[u8]) -> [u8; 16] {
    let n = s.len();
    let (lo, hi) = if n >= 8 {
        let lo = s.first_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w));
        let last = s.last_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w));
        // The last word ends at `n`: shift out the bytes that overlap `lo`.
        (lo, last.checked_shr(8 * (16 - n) as u32).unwrap_or(0))
    } else if n >= 4 {
        let first = s.first_chunk::<4>().map_or(0, |w| u32::from_le_bytes(*w));
        let last = s.last_chunk::<4>().map_or(0, |w| u32::from_le_bytes(*w));
        (u64::from(first) | u64::from(last) << (8 * (n - 4)), 0)
    } else {
        let byte = |k: usize| s.get(k).map_or(0, |&b| u64::from(b)) << (8 * k);
        (
            if n > 0 {
                byte(0) | byte(n / 2) | byte(n - 1)
            } else {
                0
            },
            0,
        )
    };
    (u128::from(lo) | u128::from(hi) << 64).to_le_bytes()
}

/// Copies `src[at..at + W]` to `dst[at..at + W]`.
#[inline(always)]
fn copy_at<const W: usize>(dst: &mut [u8], src: &[u8], at: usize) {
    if let (Some(d), Some(s)) = (dst.get_mut(at..at + W), src.get(at..at + W)) {
        d.copy_from_slice(s);
    }
}

impl Sink for HashSink {
    #[inline]
    fn put_ascii(&mut self, bytes: &[u8]) {
        self.put_bytes(bytes);
    }

    #[inline]
    fn put_quoted(&mut self, s: &str) {
        self.put_bytes(b"\"");
        self.put_bytes(s.as_bytes());
        self.put_bytes(b"\"");
    }

    #[inline]
    fn put(&mut self, s: &str) {
        self.put_bytes(s.as_bytes());
    }

    #[inline]
    fn put_escaped(&mut self, s: &str) {
        self.put_escaped_bytes(s.as_bytes());
    }

    /// Straight into the buffer when it has the room (always at the start of an
    /// id, where the prefix is written).
    #[inline]
    fn put_prefix(&mut self, pubkey: &PublicKey, created_at: Timestamp, kind: Kind) {
        let len = self.len;
        match self.buf.get_mut(len..len + PREFIX_MAX) {
            Some(dst) => {
                let n = write_prefix(dst, pubkey, created_at, kind);
                self.advance(n);
            }
            None => {
                let mut buf = [0u8; PREFIX_MAX];
                let n = write_prefix(&mut buf, pubkey, created_at, kind);
                self.put_bytes(buf.get(..n).unwrap_or_default());
            }
        }
    }

    #[inline]
    fn put_string(&mut self, s: &str) {
        self.put_bytes(b"\"");
        self.put_escaped_bytes(s.as_bytes());
        self.put_bytes(b"\"");
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Non-zero when any byte of `w` is `"`, `\` or below 0x20; the lowest flagged
/// byte is the first such byte (the bytes `scan::find_special` looks for).
///
/// Flipping bit 1 maps `"` (0x22) to 0x20 and keeps every control byte below
/// 0x20 while sending 0x20 and 0x21 above it, so one "below 0x21" test finds
/// both quotes and control bytes. Borrows only start at a flagged byte, so the
/// lowest flag is exact (higher ones may not be).
#[inline(always)]
fn special_mask(w: u64) -> u64 {
    let flipped = w ^ (ONES * 0x02);
    let quote_or_control = flipped.wrapping_sub(ONES * 0x21) & !flipped;
    let backslash = w ^ (ONES * u64::from(b'\\'));
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (quote_or_control | backslash) & HIGHS
}

/// Each special byte's escape sequence padded to eight bytes, with its length in
/// the last byte; indexed by the byte's low seven bits (every special byte is
/// ASCII).
#[allow(
    clippy::indexing_slicing,
    reason = "constant evaluation: an index out of bounds fails the build"
)]
static ESCAPE_WORDS: [[u8; 8]; 128] = {
    let mut table = [[0u8; 8]; 128];
    let mut i = 0;
    while i < 32 {
        let seq = CONTROL_ESCAPES[i].as_bytes();
        let mut j = 0;
        while j < seq.len() {
            table[i][j] = seq[j];
            j += 1;
        }
        table[i][7] = seq.len() as u8;
        i += 1;
    }
    table[b'"' as usize] = [b'\\', b'"', 0, 0, 0, 0, 0, 2];
    table[b'\\' as usize] = [b'\\', b'\\', 0, 0, 0, 0, 0, 2];
    table
};

/// The escape of a special byte as [`ESCAPE_WORDS`] stores it.
#[inline(always)]
#[allow(
    clippy::indexing_slicing,
    reason = "the index is masked below 128, the table's length"
)]
fn escape_word(b: u8) -> [u8; 8] {
    ESCAPE_WORDS[usize::from(b & 0x7f)]
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
static CONTROL_ESCAPES: [&str; 32] = [
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
const PREFIX_MAX: usize = 4 + 64 + 2 + 20 + 1 + 5 + 1;

/// Writes `[0,"<pubkey>",<created_at>,<kind>,` at the start of `dst` (at least
/// [`PREFIX_MAX`] long) and returns its length.
#[inline]
fn write_prefix(dst: &mut [u8], pubkey: &PublicKey, created_at: Timestamp, kind: Kind) -> usize {
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
