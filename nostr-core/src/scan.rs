//! Finding the bytes JSON strings care about (`"`, `\` and control characters) a
//! word at a time.
//!
//! Both the JSON reader and the canonical writer spend most of their time skipping
//! ordinary text; a word-at-a-time check (SWAR) makes that several times faster than
//! a byte loop without any `unsafe` or platform intrinsics. Three scans share the
//! mask: [`find_special`] for a string on its own (the canonical writer),
//! [`find_special_in_document`] for a string inside the document being read (the
//! scan may run on to the end of the input, so short strings cost one inlined word
//! step), and [`find_backslash`] for validated string text being decoded.

/// A one in every byte of a word.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word.
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Non-zero when any byte of `w` is `"`, `\` or below 0x20: the high bit of each
/// such byte is set. The lowest set bit is always exact (a borrow only propagates
/// upward from a byte that is itself special), so `trailing_zeros() / 8` is the index
/// of the first special byte; higher bytes may be false positives.
#[inline(always)]
fn special_mask(w: u64) -> u64 {
    // A byte equal to `c` is zero after `^ c`, and subtracting 0x01 wraps it to
    // 0xff; a byte below 0x20 wraps when 0x20 is subtracted. Either way its high bit
    // ends up set, and it borrows from the byte above, which can set that byte's high
    // bit too (the false positives above a special byte). Bytes >= 0x80 may keep
    // their high bit without being special; `& !w` removes them (`^ c` leaves the
    // high bit of every byte unchanged, so `!w` stands in for `!(w ^ c)`). A byte
    // below the lowest special one receives no borrow, so it is flagged only if it
    // is special itself: the lowest flagged byte is exact.
    let quote = (w ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES);
    let backslash = (w ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES);
    let control = w.wrapping_sub(ONES * 0x20);
    (quote | backslash | control) & !w & HIGHS
}

/// Index of the first `"`, `\` or control byte at or after `from`, or `bytes.len()`,
/// for a string scanned on its own (the canonical writer): sixteen bytes per step,
/// then a byte loop, all inlined.
#[inline]
pub(crate) fn find_special(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    // Sixteen bytes per step: one branch for two words keeps the loop short.
    while let Some(chunk) = bytes.get(i..i + 16) {
        let (a, b) = chunk.split_at(8);
        let ma = special_mask(word(a));
        let mb = special_mask(word(b));
        if (ma | mb) != 0 {
            let (mask, base) = if ma != 0 { (ma, i) } else { (mb, i + 8) };
            return base + index_of(mask);
        }
        i += 16;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

#[inline(always)]
fn word(eight: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(eight);
    u64::from_le_bytes(w)
}

/// [`find_special`] for a string inside a JSON document being read: the scan can run
/// word-wise to the end of the document (at least the closing quote follows), so a
/// string of up to seven bytes costs one inlined word step and longer ones an
/// out-of-line loop.
#[inline(always)]
pub(crate) fn find_special_in_document(bytes: &[u8], from: usize) -> usize {
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    match rest.first_chunk::<8>() {
        Some(word) => {
            let m = special_mask(u64::from_le_bytes(*word));
            if m != 0 {
                from + index_of(m)
            } else {
                find_special_long(bytes, from + 8)
            }
        }
        // Fewer than eight bytes left, at the very end of the input.
        None => from + position_in(rest).unwrap_or(rest.len()),
    }
}

/// [`find_special_in_document`] after a first word without special bytes: `from` is past it, so
/// `bytes[from - 8..from]` exists and holds no special byte.
///
/// The last bytes are checked with reads that end at the end of `bytes` and
/// overlap bytes already checked: those are not special, so the lowest flagged byte
/// of such a read (exact, see [`special_mask`]) lies past them.
#[inline(never)]
fn find_special_long(bytes: &[u8], from: usize) -> usize {
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    // Thirty-two bytes per step: one branch for four words keeps the loop short
    // (and lets the compiler use vector registers).
    let mut chunks = rest.chunks_exact(32);
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
            return from + 32 * k + at;
        }
    }
    let len = bytes.len();
    let left = chunks.remainder().len();
    let i = len - left;
    if left > 16 {
        if let Some(at) = in_sixteen(bytes, i) {
            return i + at;
        }
    }
    if left >= 8 {
        // The last sixteen bytes start at or after `from - 8`.
        let start = len - 16;
        return in_sixteen(bytes, start).map_or(len, |at| start + at);
    }
    if left == 0 {
        return len;
    }
    // The last eight bytes start at or after `from - 8`.
    let start = len - 8;
    match bytes.get(start..).and_then(<[u8]>::first_chunk::<8>) {
        Some(word) => {
            let m = special_mask(u64::from_le_bytes(*word));
            if m != 0 { start + index_of(m) } else { len }
        }
        None => i + position_in(chunks.remainder()).unwrap_or(left),
    }
}

/// The index of the first special byte among the sixteen at `at` (`None` if none,
/// or if fewer than sixteen bytes are there).
#[inline(always)]
fn in_sixteen(bytes: &[u8], at: usize) -> Option<usize> {
    let chunk = bytes.get(at..)?.first_chunk::<16>()?;
    let a = chunk.first_chunk::<8>().copied().unwrap_or_default();
    let b = chunk.last_chunk::<8>().copied().unwrap_or_default();
    let (ma, mb) = (
        special_mask(u64::from_le_bytes(a)),
        special_mask(u64::from_le_bytes(b)),
    );
    if ma != 0 {
        Some(index_of(ma))
    } else if mb != 0 {
        Some(8 + index_of(mb))
    } else {
        None
    }
}

/// Index of the first `\` at or after `from`, or `bytes.len()`: the only special
/// byte left in the text of a string the reader has validated (decoding it).
#[inline(always)]
pub(crate) fn find_backslash(bytes: &[u8], from: usize) -> usize {
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    // Non-zero at each `\` byte (lowest flagged byte exact, as for `special_mask`).
    let mask = |word: &[u8]| {
        let w = u64::from_le_bytes(word.first_chunk::<8>().copied().unwrap_or_default());
        let x = w ^ (ONES * u64::from(b'\\'));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut chunks = rest.chunks_exact(32);
    for (k, chunk) in (&mut chunks).enumerate() {
        let mut masks = [0u64; 4];
        for (m, word) in masks.iter_mut().zip(chunk.chunks_exact(8)) {
            *m = mask(word);
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
            return from + 32 * k + at;
        }
    }
    let base = from + (rest.len() - chunks.remainder().len());
    let mut words = chunks.remainder().chunks_exact(8);
    for (k, word) in (&mut words).enumerate() {
        let m = mask(word);
        if m != 0 {
            return base + 8 * k + index_of(m);
        }
    }
    let tail = words.remainder();
    let base = bytes.len() - tail.len();
    base + tail.iter().position(|&b| b == b'\\').unwrap_or(tail.len())
}

/// The first special byte of a short slice, a byte at a time.
#[inline(always)]
fn position_in(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
}

/// The byte index of the lowest flagged byte of a non-zero mask.
#[inline(always)]
fn index_of(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::{find_backslash, find_special, find_special_in_document};

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
            assert_eq!(
                find_special_in_document(&data, from),
                slow(from),
                "from {from}"
            );
        }
    }

    /// Every buffer length up to a few 32-byte steps, a special byte (of each kind)
    /// or none at every position, scanned from every offset: the word and 32-byte
    /// steps, the overlapping reads at the end and the byte tails all agree with a
    /// byte loop.
    #[test]
    fn agrees_with_a_byte_loop_near_the_end() {
        let specials = [b'"', b'\\', 0x00, 0x1f];
        let fillers = [b'a', 0x20, 0xa2, 0xdc, 0xff];
        for len in 0..=72usize {
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
                            let backslash = data
                                .iter()
                                .skip(from)
                                .position(|&b| b == b'\\')
                                .map_or(data.len(), |p| p + from);
                            assert_eq!(
                                find_backslash(&data, from),
                                backslash,
                                "backslash: len {len} filler {filler:#x} special {special:#x} at {at} from {from}"
                            );
                            assert_eq!(
                                find_special_in_document(&data, from),
                                slow(from),
                                "document: len {len} filler {filler:#x} special {special:#x} at {at} from {from}"
                            );
                        }
                    }
                }
            }
        }
    }
}
