//! Lowercase hexadecimal, as NIP-01 writes ids, keys and signatures.
//!
//! Decoding is strict: NIP-01 says "lowercase hex", so `A`-`F` is an error here,
//! not a convenience. Encoding never allocates when the caller gives the buffer.

use alloc::string::String;

/// Why a hex string could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HexError {
    /// The string has the wrong number of characters.
    #[error("expected {expected} hex characters, got {got}")]
    WrongLength {
        /// Characters expected (twice the byte length).
        expected: usize,
        /// Characters found.
        got: usize,
    },
    /// An uppercase `A`-`F` where NIP-01 requires lowercase.
    #[error("uppercase hex character at position {position} (NIP-01 requires lowercase)")]
    Uppercase {
        /// Byte position of the character.
        position: usize,
    },
    /// A character that is not a hex digit at all.
    #[error("invalid hex character at position {position}")]
    InvalidChar {
        /// Byte position of the character.
        position: usize,
    },
}

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// The lowercase hex digit for the low four bits of `n`.
#[inline(always)]
#[allow(
    clippy::indexing_slicing,
    reason = "a nibble always indexes the 16-entry table"
)]
pub(crate) const fn digit(n: u8) -> u8 {
    DIGITS[(n & 0x0f) as usize]
}

/// Value of each byte as a lowercase hex digit, or 0xff.
#[allow(
    clippy::indexing_slicing,
    reason = "constant indices below 256 into a 256-entry table"
)]
static NIBBLE: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0u8;
    while i < 10 {
        t[(b'0' + i) as usize] = i;
        i += 1;
    }
    let mut i = 0u8;
    while i < 6 {
        t[(b'a' + i) as usize] = 10 + i;
        i += 1;
    }
    t
};

/// Two lowercase hex digits for every byte value.
#[allow(
    clippy::indexing_slicing,
    reason = "constant indices within the tables"
)]
static PAIRS: [[u8; 2]; 256] = {
    let mut t = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = [DIGITS[i >> 4], DIGITS[i & 0x0f]];
        i += 1;
    }
    t
};

/// Decodes one lowercase hex digit; `None` for anything else.
#[inline(always)]
#[allow(
    clippy::indexing_slicing,
    reason = "a u8 always indexes the 256-entry table"
)]
fn nibble(c: u8) -> Option<u8> {
    let v = NIBBLE[c as usize];
    (v != 0xff).then_some(v)
}

/// The two hex digits of a byte.
#[inline(always)]
#[allow(
    clippy::indexing_slicing,
    reason = "a u8 always indexes the 256-entry table"
)]
pub(crate) fn pair(b: u8) -> [u8; 2] {
    PAIRS[b as usize]
}

#[inline(always)]
#[allow(
    clippy::indexing_slicing,
    reason = "a u8 always indexes the 256-entry table"
)]
fn nibble_raw(c: u8) -> u8 {
    NIBBLE[c as usize]
}

/// The error for the first non-hex character of `src` (the slow path).
#[cold]
fn first_bad(src: &[u8]) -> HexError {
    src.iter()
        .enumerate()
        .find(|(_, c)| nibble(**c).is_none())
        .map_or(HexError::InvalidChar { position: 0 }, |(i, c)| {
            bad_char(*c, i)
        })
}

#[inline]
fn bad_char(c: u8, position: usize) -> HexError {
    if c.is_ascii_hexdigit() {
        HexError::Uppercase { position }
    } else {
        HexError::InvalidChar { position }
    }
}

/// Decodes exactly `N` bytes from `2 * N` lowercase hex characters.
///
/// # Errors
/// [`HexError`] when the length is not `2 * N`, or a character is not lowercase hex.
///
/// # Example
/// ```
/// let bytes: [u8; 2] = nostr_core::hex::decode_array("00ff").unwrap();
/// assert_eq!(bytes, [0x00, 0xff]);
/// assert!(nostr_core::hex::decode_array::<2>("00FF").is_err());
/// ```
pub fn decode_array<const N: usize>(s: &str) -> Result<[u8; N], HexError> {
    let src = s.as_bytes();
    if src.len() != 2 * N {
        return Err(HexError::WrongLength {
            expected: 2 * N,
            got: src.len(),
        });
    }
    decode_exact(src).ok_or_else(|| first_bad(src))
}

/// Decodes exactly `2 * N` lowercase hex characters; `None` for any other input.
///
/// Eight characters (four bytes) per step; one flag word collects every invalid
/// character so the whole input costs a single branch. Callers that need the exact
/// error take the byte-wise slow path ([`decode_array`]).
#[inline]
pub(crate) fn decode_exact<const N: usize>(src: &[u8]) -> Option<[u8; N]> {
    if src.len() != 2 * N {
        return None;
    }
    let mut out = [0u8; N];
    let words = src.chunks_exact(8);
    let tail_src = words.remainder();
    let mut quads = out.chunks_exact_mut(4);
    let mut bad = 0u64;
    for (dst, eight) in (&mut quads).zip(words) {
        let w = eight.first_chunk::<8>().copied().unwrap_or_default();
        let (bytes, invalid) = decode_word(u64::from_le_bytes(w));
        dst.copy_from_slice(&bytes);
        bad |= invalid;
    }
    let tail_out = quads.into_remainder();
    // The last `N % 4` bytes (none for ids, keys and signatures).
    for (byte, pair) in tail_out.iter_mut().zip(tail_src.chunks_exact(2)) {
        let (hi, lo) = match pair {
            [hi, lo] => (*hi, *lo),
            _ => unreachable_pair(),
        };
        // Invalid digits map to 0xff.
        *byte = (nibble_raw(hi) << 4) | nibble_raw(lo);
        if (nibble_raw(hi) | nibble_raw(lo)) == 0xff {
            bad = 1;
        }
    }
    (bad == 0).then_some(out)
}

use crate::scan::{HIGHS, ONES};

/// Decodes eight hex characters (a little-endian word, first character in the low
/// byte) into four bytes, with SWAR arithmetic instead of a table per character.
///
/// The second value is non-zero when any character is not lowercase hex; the bytes
/// are meaningless then.
#[inline(always)]
fn decode_word(w: u64) -> ([u8; 4], u64) {
    // For bytes below 0x80 (checked separately), adding `0x80 - lo` sets a byte's
    // high bit exactly when it is >= lo, and adding `0x7f - hi` exactly when it is
    // > hi; neither sum exceeds 0xff, so no carry crosses into the next byte.
    let in_range = |lo: u8, hi: u8| {
        let ge_lo = w.wrapping_add(ONES * u64::from(0x80 - lo));
        let gt_hi = w.wrapping_add(ONES * u64::from(0x7f - hi));
        ge_lo & !gt_hi & HIGHS
    };
    let digit = in_range(b'0', b'9');
    let letter = in_range(b'a', b'f');
    // A byte with its high bit set may carry above; such a word is invalid anyway.
    let invalid = ((digit | letter) ^ HIGHS) | (w & HIGHS);
    // '0'..'9' are 0x30..0x39 and 'a'..'f' are 0x61..0x66: the low nibble, plus 9
    // for letters.
    // `letter` has 0x80 in each letter byte: 0x80 >> 4 plus 0x80 >> 7 is 9, within
    // the byte (shifts, not a multiply, so the compiler can keep it in vectors).
    let v = (w & (ONES * 0x0f)) + (letter >> 4) + (letter >> 7);
    // Pair the nibbles: byte 2k is the high half of output byte k. Every byte of `v`
    // is below 16, so `v << 4` and `v >> 8` do not overlap within a byte.
    let pairs = ((v << 4) | (v >> 8)) & 0x00ff_00ff_00ff_00ff;
    let quads = (pairs | (pairs >> 8)) & 0x0000_ffff_0000_ffff;
    let packed = (quads | (quads >> 16)) & 0xffff_ffff;
    // `packed` fits in 32 bits.
    let bytes = (packed as u32).to_le_bytes();
    (bytes, invalid)
}

// `chunks_exact(2)` only yields two-element slices; this keeps the match total
// without a panic path the compiler cannot see through.
#[inline(always)]
fn unreachable_pair() -> (u8, u8) {
    (b'0', b'0')
}

/// Decodes any even-length lowercase hex string into bytes.
///
/// # Errors
/// [`HexError`] on odd length or a character that is not lowercase hex.
pub fn decode_vec(s: &str) -> Result<alloc::vec::Vec<u8>, HexError> {
    let src = s.as_bytes();
    if src.len() % 2 != 0 {
        return Err(HexError::WrongLength {
            expected: src.len() + 1,
            got: src.len(),
        });
    }
    let mut out = alloc::vec::Vec::with_capacity(src.len() / 2);
    for (i, pair) in src.chunks_exact(2).enumerate() {
        let (hi, lo) = match pair {
            [hi, lo] => (*hi, *lo),
            _ => unreachable_pair(),
        };
        let h = nibble(hi).ok_or_else(|| bad_char(hi, 2 * i))?;
        let l = nibble(lo).ok_or_else(|| bad_char(lo, 2 * i + 1))?;
        out.push((h << 4) | l);
    }
    Ok(out)
}

/// Writes the lowercase hex of `bytes` into `out`, which must be twice as long.
///
/// Returns the written part of `out` as a `&str`. Only the first `2 * bytes.len()`
/// bytes of `out` are used; a shorter `out` truncates the output to whole bytes.
pub fn encode_to_slice<'a>(bytes: &[u8], out: &'a mut [u8]) -> &'a str {
    let mut written = 0;
    for (b, dst) in bytes.iter().zip(out.chunks_exact_mut(2)) {
        dst.copy_from_slice(&pair(*b));
        written += 2;
    }
    let filled = out.get(..written).unwrap_or_default();
    // Only ASCII digits were written.
    core::str::from_utf8(filled).unwrap_or_default()
}

/// Encodes bytes as a new lowercase hex `String`.
///
/// # Example
/// ```
/// assert_eq!(nostr_core::hex::encode(&[0xde, 0xad]), "dead");
/// ```
pub fn encode(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    push_hex(&mut s, bytes);
    s
}

/// Appends the lowercase hex of `bytes` to `s`.
pub fn push_hex(s: &mut String, bytes: &[u8]) {
    for b in bytes {
        s.push(char::from(digit(b >> 4)));
        s.push(char::from(digit(*b)));
    }
}

/// Formats bytes as lowercase hex into a formatter without allocating.
pub(crate) fn fmt_hex(bytes: &[u8], f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    let mut buf = [0u8; 128];
    for chunk in bytes.chunks(64) {
        f.write_str(encode_to_slice(chunk, &mut buf))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let bytes: [u8; 4] = decode_array("0a1bff00").unwrap();
        assert_eq!(bytes, [0x0a, 0x1b, 0xff, 0x00]);
        assert_eq!(encode(&bytes), "0a1bff00");
        assert_eq!(
            decode_array::<2>("0A1b"),
            Err(HexError::Uppercase { position: 1 })
        );
        assert_eq!(
            decode_array::<2>("0g1b"),
            Err(HexError::InvalidChar { position: 1 })
        );
        assert_eq!(
            decode_array::<2>("0a1"),
            Err(HexError::WrongLength {
                expected: 4,
                got: 3
            })
        );
        assert_eq!(
            decode_vec("abc").unwrap_err(),
            HexError::WrongLength {
                expected: 4,
                got: 3
            }
        );
        assert_eq!(decode_vec("").unwrap(), alloc::vec::Vec::<u8>::new());
    }

    /// The byte-at-a-time reference the word-at-a-time decoder must agree with.
    fn slow_decode<const N: usize>(src: &[u8]) -> Result<[u8; N], HexError> {
        if src.len() != 2 * N {
            return Err(HexError::WrongLength {
                expected: 2 * N,
                got: src.len(),
            });
        }
        let mut out = [0u8; N];
        for (i, c) in src.iter().enumerate() {
            let v = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => return Err(HexError::Uppercase { position: i }),
                _ => return Err(HexError::InvalidChar { position: i }),
            };
            out[i / 2] |= if i % 2 == 0 { v << 4 } else { v };
        }
        Ok(out)
    }

    fn check<const N: usize>(src: &[u8]) {
        // Non-UTF-8 input cannot reach `decode_array`; the word decoder only
        // sees `&str` bytes.
        if let Ok(s) = core::str::from_utf8(src) {
            assert_eq!(decode_array::<N>(s), slow_decode::<N>(src), "{s:?}");
        }
    }

    #[test]
    fn word_decoder_agrees_with_a_byte_loop_for_every_byte_at_every_position() {
        let base = b"0123456789abcdeffedcba98765432100123456789abcdeffedcba9876543210";
        for pos in 0..base.len() {
            for b in 0u8..=255 {
                let mut src = *base;
                src[pos] = b;
                check::<32>(&src);
                // The fast decoder on raw bytes, UTF-8 or not.
                assert_eq!(decode_exact::<32>(&src), slow_decode::<32>(&src).ok());
                assert_eq!(
                    decode_exact::<5>(&src[..10]),
                    slow_decode::<5>(&src[..10]).ok()
                );
                assert_eq!(decode_exact::<5>(&src[..11]), None);
                // Odd byte counts exercise the byte-wise tail too.
                check::<5>(&src[..10]);
                check::<3>(&src[..6]);
                // Two bad characters: the first one is reported.
                let mut two = src;
                two[(pos + 7) % base.len()] = b'G';
                check::<32>(&two);
            }
        }
        // Multi-byte UTF-8 characters carry high bits into neighbouring lanes.
        for s in [
            "\u{e9}0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab",
            "0123456789abcde\u{1f680}",
            "01234567\u{7ff}\u{7ff}\u{7ff}\u{7ff}",
        ] {
            check::<32>(s.as_bytes());
            check::<8>(s.as_bytes());
            check::<9>(s.as_bytes());
            check::<10>(s.as_bytes());
        }
        for v in 0..=255u8 {
            let hex = encode(&[v, !v, v ^ 0x5a, v.wrapping_mul(7)]);
            assert_eq!(
                decode_array::<4>(&hex).unwrap(),
                [v, !v, v ^ 0x5a, v.wrapping_mul(7)]
            );
        }
    }
}
