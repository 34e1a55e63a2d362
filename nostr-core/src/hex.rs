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
    let mut out = [0u8; N];
    for (byte, pair) in out.iter_mut().zip(src.chunks_exact(2)) {
        let (hi, lo) = match pair {
            [hi, lo] => (*hi, *lo),
            _ => unreachable_pair(),
        };
        // Invalid digits map to 0xff; OR-ing lets one branch check the whole input.
        *byte = (nibble_raw(hi) << 4) | nibble_raw(lo);
        if (nibble_raw(hi) | nibble_raw(lo)) == 0xff {
            return Err(first_bad(src));
        }
    }
    Ok(out)
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
}
