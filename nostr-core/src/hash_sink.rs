//! [`HashSink`]: SHA-256 of a serialization computed while it is written, without
//! ever holding the whole text.
//!
//! The canonical writer hands it many small pieces (quotes, commas, short tag items)
//! and a few long ones (packed tags, content). It gathers them in a block buffer with
//! slack, escapes strings in the same pass that copies them, and runs the SHA-256 block
//! function (`sha2::compress256`) itself.

use sha2::compress256;
use sha2::digest::block_buffer::EagerBuffer;
use sha2::digest::consts::U64;

use crate::canonical::{CONTROL_ESCAPES, PREFIX_MAX, Sink, write_prefix};
use crate::keys::PublicKey;
use crate::kind::Kind;
use crate::timestamp::Timestamp;

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

use crate::scan::{HIGHS, ONES};

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
