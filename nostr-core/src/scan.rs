//! Finding the bytes JSON strings care about (`"`, `\` and control characters)
//! eight at a time.
//!
//! Both the JSON reader and the canonical writer spend most of their time skipping
//! ordinary text; a word-at-a-time check (SWAR) makes that several times faster than
//! a byte loop without any `unsafe` or platform intrinsics.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Non-zero when any byte of `w` is `"`, `\` or below 0x20: the high bit of each
/// such byte is set. The lowest set bit is always exact (a borrow only propagates
/// upward from a byte that is itself special), so `trailing_zeros() / 8` is the index
/// of the first special byte; higher bytes may be false positives.
#[inline(always)]
fn special_mask(w: u64) -> u64 {
    // A byte equal to `c` is zero after `^ c` and borrows when 0x01 is subtracted;
    // a byte below 0x20 borrows when 0x20 is subtracted. Bytes >= 0x80 would borrow
    // nothing but keep their high bit; `& !w` removes them (`^ c` leaves the high
    // bit of every byte unchanged, so `!w` stands in for `!(w ^ c)`).
    let quote = (w ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES);
    let backslash = (w ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES);
    let control = w.wrapping_sub(ONES * 0x20);
    (quote | backslash | control) & !w & HIGHS
}

/// Index of the first `"`, `\` or control byte at or after `from`, or `bytes.len()`.
///
/// Works a word at a time up to the very end of `bytes`: callers scanning a JSON
/// string should pass the whole document, so that a short string costs one step.
#[inline(always)]
pub(crate) fn find_special(bytes: &[u8], from: usize) -> usize {
    // Most strings (tag names, markers, object keys) end within eight bytes: one
    // word step, inlined into the caller.
    match first_in_word(bytes, from) {
        Some(i) => i,
        None => find_special_long(bytes, from),
    }
}

/// The index of the first special byte among the eight at `from`, if there are
/// eight bytes there and one of them is special.
#[inline(always)]
pub(crate) fn first_in_word(bytes: &[u8], from: usize) -> Option<usize> {
    let word = bytes.get(from..)?.first_chunk::<8>()?;
    let m = special_mask(u64::from_le_bytes(*word));
    (m != 0).then(|| from + index_of(m))
}

/// [`find_special`] past a first word without special bytes (or near the end).
#[inline(never)]
fn find_special_long(bytes: &[u8], from: usize) -> usize {
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    let skip = if rest.len() >= 8 { 8 } else { 0 };
    let body = rest.get(skip..).unwrap_or_default();
    // Thirty-two bytes per step: one branch for four words keeps the loop short
    // (and lets the compiler use vector registers).
    let mut chunks = body.chunks_exact(32);
    for (k, chunk) in (&mut chunks).enumerate() {
        let mut masks = [0u64; 4];
        for (m, word) in masks.iter_mut().zip(chunk.chunks_exact(8)) {
            *m = special_mask(u64::from_le_bytes(
                word.first_chunk::<8>().copied().unwrap_or_default(),
            ));
        }
        let [m0, m1, m2, m3] = masks;
        if (m0 | m1 | m2 | m3) != 0 {
            let at = if m0 != 0 {
                index_of(m0)
            } else if m1 != 0 {
                8 + index_of(m1)
            } else if m2 != 0 {
                16 + index_of(m2)
            } else {
                24 + index_of(m3)
            };
            return from + skip + 32 * k + at;
        }
    }
    let mut i = skip + (body.len() - chunks.remainder().len());
    // Then sixteen bytes.
    if let Some(chunk) = rest.get(i..).and_then(<[u8]>::first_chunk::<16>) {
        let a = chunk.first_chunk::<8>().copied().unwrap_or_default();
        let b = chunk.last_chunk::<8>().copied().unwrap_or_default();
        let (ma, mb) = (
            special_mask(u64::from_le_bytes(a)),
            special_mask(u64::from_le_bytes(b)),
        );
        if (ma | mb) != 0 {
            let at = if ma != 0 {
                index_of(ma)
            } else {
                8 + index_of(mb)
            };
            return from + i + at;
        }
        i += 16;
    }
    // Fewer than sixteen bytes remain: at most one more word and a padded one.
    let rest = rest.get(i..).unwrap_or_default();
    let rest = match rest.first_chunk::<8>() {
        Some(word) => {
            let m = special_mask(u64::from_le_bytes(*word));
            if m != 0 {
                return from + i + index_of(m);
            }
            i += 8;
            rest.get(8..).unwrap_or_default()
        }
        None => rest,
    };
    from + i + tail(rest).unwrap_or(rest.len())
}

/// The byte index of the lowest flagged byte of a non-zero mask.
#[inline(always)]
fn index_of(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

/// The first special byte of fewer than eight bytes, found with one word step: the
/// bytes are padded with a byte that is not special.
#[inline(always)]
fn tail(rest: &[u8]) -> Option<usize> {
    let mut buf = [b'a'; 8];
    // A byte loop rather than `copy_from_slice`, which would call `memcpy`.
    for (dst, src) in buf.iter_mut().zip(rest) {
        *dst = *src;
    }
    let m = special_mask(u64::from_le_bytes(buf));
    (m != 0).then(|| index_of(m))
}

#[cfg(test)]
mod tests {
    use super::find_special;

    #[test]
    fn agrees_with_a_byte_loop() {
        let mut data = alloc::vec::Vec::new();
        for b in 0u8..=255 {
            data.extend_from_slice(b"abcdefghijk\xc3\xa9");
            data.push(b);
            data.extend_from_slice(&[0x7f, 0x80, 0xff, 0x21, 0x5b, 0x5d]);
        }
        let slow = |from: usize| {
            data.iter()
                .skip(from)
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .map_or(data.len(), |p| p + from)
        };
        for from in 0..data.len() {
            assert_eq!(find_special(&data, from), slow(from), "from {from}");
        }
    }

    /// Every buffer length up to a few words, a special byte (of each kind) or none
    /// at every position, scanned from every offset: the word steps, the padded
    /// tail and the last-word path all agree with a byte loop.
    #[test]
    fn agrees_with_a_byte_loop_near_the_end() {
        let specials = [b'"', b'\\', 0x00, 0x1f];
        let fillers = [b'a', 0x20, 0x21, 0x5b, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff];
        for len in 0..=50usize {
            for filler in fillers {
                for special in specials {
                    for at in (0..=len).rev() {
                        let mut data = alloc::vec![filler; len];
                        if let Some(b) = data.get_mut(at) {
                            *b = special;
                        }
                        // A second special byte later never hides the first.
                        if at + 3 < len {
                            data[at + 3] = b'"';
                        }
                        let slow = |from: usize| {
                            data.iter()
                                .skip(from)
                                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                                .map_or(data.len(), |p| p + from)
                        };
                        for from in 0..=len + 1 {
                            assert_eq!(
                                find_special(&data, from),
                                slow(from),
                                "len {len} filler {filler:#x} special {special:#x} at {at} from {from}"
                            );
                        }
                    }
                }
            }
        }
    }
}
