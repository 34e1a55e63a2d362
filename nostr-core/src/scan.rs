//! Finding the bytes JSON strings care about (`"`, `\` and control characters)
//! eight at a time.
//!
//! Both the JSON reader and the canonical writer spend most of their time skipping
//! ordinary text; a word-at-a-time check (SWAR) makes that several times faster than
//! a byte loop without any `unsafe` or platform intrinsics.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Non-zero when any byte of `w` is `"`, `\` or below 0x20 (the high bit of each
/// such byte is set; false positives are impossible for these three tests).
#[inline(always)]
fn special_mask(w: u64) -> u64 {
    let quote = w ^ (ONES * u64::from(b'"'));
    let backslash = w ^ (ONES * u64::from(b'\\'));
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    // Bytes < 0x20: subtracting 0x20 borrows into the high bit only for them
    // (bytes >= 0x80 are excluded by `!w`).
    let control = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
    zero_byte(quote) | zero_byte(backslash) | control
}

/// Index of the first `"`, `\` or control byte at or after `from`, or `bytes.len()`.
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
            // The lowest flagged byte is exact: borrows only propagate upward from a
            // byte that is itself special.
            return base + (mask.trailing_zeros() / 8) as usize;
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
}
