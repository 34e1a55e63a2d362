//! NIP-44 v2 padding: the padded size of a plaintext and its length prefix.

use crate::error::Error;

/// Plaintexts of this length and longer use the 6-byte extended prefix
/// `00 00 || u32` (NIP-44 constant `extended_prefix_threshold`).
pub const EXTENDED_PREFIX_THRESHOLD: u32 = 65_536;

/// The padded length of a plaintext of `unpadded_len` bytes (NIP-44 `calc_padded_len`),
/// without the length prefix.
///
/// Sizes up to 32 bytes pad to 32; up to 256 bytes to a multiple of 32; beyond that
/// to a multiple of one eighth of the next power of two. The result is at most
/// 2^32, so it is a `u64`, as the spec asks. A length of 0 (not a valid plaintext)
/// gives 32, the minimum.
///
/// # Example
/// ```
/// use nostr_nip44::calc_padded_len;
/// assert_eq!(calc_padded_len(1), 32);
/// assert_eq!(calc_padded_len(33), 64);
/// assert_eq!(calc_padded_len(257), 320);
/// assert_eq!(calc_padded_len(65_537), 81_920);
/// assert_eq!(calc_padded_len(u32::MAX), 1 << 32);
/// ```
pub const fn calc_padded_len(unpadded_len: u32) -> u64 {
    if unpadded_len <= 32 {
        return 32;
    }
    let len = unpadded_len as u64;
    // floor(log2(len - 1)) + 1 <= 32, so the shift cannot overflow a u64.
    let next_power = 1u64 << (64 - (len - 1).leading_zeros());
    let chunk = if next_power <= 256 {
        32
    } else {
        next_power / 8
    };
    chunk * ((len - 1) / chunk + 1)
}

/// The length prefix of a plaintext: its bytes and how many of them are used.
pub(crate) struct Prefix {
    bytes: [u8; 6],
    len: usize,
}

impl Prefix {
    /// The prefix for a plaintext of `len` bytes (`1..=u32::MAX`).
    pub(crate) fn new(len: u32) -> Self {
        if len < EXTENDED_PREFIX_THRESHOLD {
            let [hi, lo] = (len as u16).to_be_bytes();
            Self {
                bytes: [hi, lo, 0, 0, 0, 0],
                len: 2,
            }
        } else {
            let [a, b, c, d] = len.to_be_bytes();
            Self {
                bytes: [0, 0, a, b, c, d],
                len: 6,
            }
        }
    }

    /// The prefix bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&self.bytes)
    }
}

/// Validates a decrypted padded plaintext (NIP-44 "Decryption" step 7) of
/// `padded_len` bytes, given its first bytes in `head` (at least 6 when the
/// plaintext has that many), and returns the range of the plaintext in it.
///
/// The zero bytes of the padding are not inspected: the spec (and its reference
/// implementations) check lengths only, and the MAC already authenticated them.
pub(crate) fn unpad(head: &[u8], padded_len: usize) -> Result<core::ops::Range<usize>, Error> {
    // The caller guarantees at least 34 bytes (the smallest padded message).
    let (declared, prefix_len) = match head {
        [0, 0, a, b, c, d, ..] => {
            let len = u32::from_be_bytes([*a, *b, *c, *d]);
            if len < EXTENDED_PREFIX_THRESHOLD {
                return Err(Error::NonCanonicalLengthPrefix { len });
            }
            (len, 6)
        }
        [hi, lo, ..] => (u32::from(u16::from_be_bytes([*hi, *lo])), 2),
        // Too short for any prefix: report it as a padding mismatch.
        _ => (0, padded_len),
    };
    let expected = calc_padded_len(declared);
    let actual = padded_len.saturating_sub(prefix_len) as u64;
    if declared == 0 || actual != expected {
        return Err(Error::InvalidPadding {
            declared,
            expected,
            actual,
        });
    }
    // `declared <= expected == actual`, so the range is inside the padded bytes.
    Ok(prefix_len..prefix_len + declared as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spec's pseudocode, with floating-point-free log2.
    fn reference(len: u64) -> u64 {
        if len <= 32 {
            return 32;
        }
        let log2 = 63 - (len - 1).leading_zeros() as u64;
        let next_power = 1u64 << (log2 + 1);
        let chunk = if next_power <= 256 {
            32
        } else {
            next_power / 8
        };
        chunk * ((len - 1) / chunk + 1)
    }

    #[test]
    fn matches_reference_around_every_power_of_two() {
        for shift in 0..32 {
            let p = 1u64 << shift;
            for len in p.saturating_sub(3)..=p + 3 {
                if let Ok(l) = u32::try_from(len) {
                    assert_eq!(calc_padded_len(l), reference(len), "{len}");
                }
            }
        }
        assert_eq!(calc_padded_len(u32::MAX), 1 << 32);
        assert_eq!(calc_padded_len(0), 32);
    }

    #[test]
    fn prefixes() {
        assert_eq!(Prefix::new(1).as_bytes(), [0, 1]);
        assert_eq!(Prefix::new(65_535).as_bytes(), [0xff, 0xff]);
        assert_eq!(Prefix::new(65_536).as_bytes(), [0, 0, 0, 1, 0, 0]);
        assert_eq!(
            Prefix::new(u32::MAX).as_bytes(),
            [0, 0, 0xff, 0xff, 0xff, 0xff]
        );
    }

    #[test]
    fn unpad_checks() {
        let mut p = [0u8; 34];
        p[1] = 5;
        assert_eq!(unpad(&p, p.len()), Ok(2..7));
        p[1] = 33;
        assert!(matches!(
            unpad(&p, p.len()),
            Err(Error::InvalidPadding { declared: 33, .. })
        ));
        let mut e = [0u8; 38];
        e[4] = 0xff;
        e[5] = 0xff;
        assert_eq!(
            unpad(&e, e.len()),
            Err(Error::NonCanonicalLengthPrefix { len: 65_535 })
        );
        assert!(matches!(
            unpad(&[0u8; 1], 1),
            Err(Error::InvalidPadding { .. })
        ));
    }
}
