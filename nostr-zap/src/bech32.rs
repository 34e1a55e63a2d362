//! A focused BIP-173 bech32 codec without the 90/1023-character limits.
//!
//! BOLT-11 invoices and LNURLs are routinely longer than BIP-173's 90 characters and
//! than the 1023-character code length the `bech32` crate enforces, and both use the
//! original bech32 constant (not bech32m). The checksum is verified over the whole
//! string, whatever its length (BOLT-11 "Encoding Overview": "also without the character
//! limit").

use alloc::string::String;
use alloc::vec::Vec;

use crate::error::Bolt11Error;

/// The bech32 alphabet, value → character.
const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// Character → value (`-1` = not in the alphabet), for lower case ASCII.
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an out-of-bounds index is a build error"
)]
const REV: [i8; 128] = {
    let mut t = [-1i8; 128];
    let mut i = 0;
    while i < 32 {
        let c = CHARSET[i] as usize;
        t[c] = i as i8;
        i += 1;
    }
    t
};

/// The bech32 character of a 5-bit value.
pub(crate) fn char_of(v: u8) -> char {
    CHARSET
        .get(usize::from(v & 31))
        .map_or('q', |&c| char::from(c))
}

/// The bech32 generator constants.
const GEN: [u32; 5] = [
    0x3b6a_57b2,
    0x2650_8e6d,
    0x1ea1_19fa,
    0x3d42_33dd,
    0x2a14_62b3,
];

#[inline]
fn polymod_step(chk: u32, value: u8) -> u32 {
    let top = chk >> 25;
    let mut chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(value);
    for (i, g) in GEN.iter().enumerate() {
        if (top >> i) & 1 == 1 {
            chk ^= g;
        }
    }
    chk
}

fn hrp_checksum_state(hrp: &[u8]) -> u32 {
    let mut chk = 1u32;
    for &b in hrp {
        chk = polymod_step(chk, b >> 5);
    }
    chk = polymod_step(chk, 0);
    for &b in hrp {
        chk = polymod_step(chk, b & 31);
    }
    chk
}

/// A decoded bech32 string: the lower-case human-readable part and the 5-bit data
/// values (checksum removed).
#[derive(Debug)]
pub(crate) struct Decoded {
    pub(crate) hrp: String,
    pub(crate) data: Vec<u8>,
}

/// Decodes and checks a bech32 (BIP-173 constant) string of any length.
pub(crate) fn decode(s: &str) -> Result<Decoded, Bolt11Error> {
    let bytes = s.as_bytes();
    let mut has_lower = false;
    let mut has_upper = false;
    for (position, &b) in bytes.iter().enumerate() {
        if !(33..=126).contains(&b) {
            return Err(Bolt11Error::InvalidChar { position });
        }
        has_lower |= b.is_ascii_lowercase();
        has_upper |= b.is_ascii_uppercase();
    }
    if has_lower && has_upper {
        return Err(Bolt11Error::MixedCase);
    }
    let sep = bytes
        .iter()
        .rposition(|&b| b == b'1')
        .filter(|&p| p > 0)
        .ok_or(Bolt11Error::MissingSeparator)?;
    let (hrp_raw, rest) = bytes.split_at(sep);
    let data_chars = rest.get(1..).unwrap_or_default();
    if data_chars.len() < 6 {
        return Err(Bolt11Error::TooShortForChecksum);
    }
    let hrp: Vec<u8> = hrp_raw.iter().map(u8::to_ascii_lowercase).collect();
    let mut chk = hrp_checksum_state(&hrp);
    let mut data = Vec::with_capacity(data_chars.len());
    for (i, &c) in data_chars.iter().enumerate() {
        let v = REV
            .get(usize::from(c.to_ascii_lowercase()))
            .copied()
            .filter(|v| *v >= 0)
            .ok_or(Bolt11Error::InvalidChar {
                position: sep + 1 + i,
            })?;
        #[allow(clippy::cast_sign_loss, reason = "checked non-negative above")]
        let v = v as u8;
        chk = polymod_step(chk, v);
        data.push(v);
    }
    if chk != 1 {
        return Err(Bolt11Error::Checksum);
    }
    data.truncate(data.len() - 6);
    // The hrp holds only ASCII 33..=126, so this cannot fail.
    let hrp = String::from_utf8(hrp).map_err(|_| Bolt11Error::MissingSeparator)?;
    Ok(Decoded { hrp, data })
}

/// Encodes `hrp` (lower case ASCII) and 5-bit `data` as bech32 (BIP-173 constant).
pub(crate) fn encode(hrp: &str, data: &[u8]) -> String {
    let mut out = String::with_capacity(hrp.len() + 1 + data.len() + 6);
    out.push_str(hrp);
    out.push('1');
    let mut chk = hrp_checksum_state(hrp.as_bytes());
    for &v in data {
        let v = v & 31;
        chk = polymod_step(chk, v);
        out.push(char_of(v));
    }
    for _ in 0..6 {
        chk = polymod_step(chk, 0);
    }
    chk ^= 1;
    for i in 0..6 {
        let v = (chk >> (5 * (5 - i))) & 31;
        #[allow(clippy::cast_possible_truncation, reason = "masked to 5 bits")]
        out.push(char_of(v as u8));
    }
    out
}

/// Regroups 5-bit values into bytes, dropping the final incomplete byte (BOLT-11 and
/// LNURL pad with zero bits). Returns the bytes and whether the dropped padding bits
/// were all zero.
pub(crate) fn to_bytes(data: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(data.len() * 5 / 8);
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &v in data {
        acc = (acc << 5) | u32::from(v & 31);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            #[allow(clippy::cast_possible_truncation, reason = "one byte")]
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (out, acc == 0)
}

/// Regroups 5-bit values into exactly `N` bytes (the field holds at least `N * 8` bits).
pub(crate) fn to_array<const N: usize>(data: &[u8]) -> Option<[u8; N]> {
    let (bytes, _) = to_bytes(data);
    bytes.get(..N)?.try_into().ok()
}

/// Regroups bytes into 5-bit values, padding the last group with zero bits.
pub(crate) fn from_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 8 / 5 + 1);
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            #[allow(clippy::cast_possible_truncation, reason = "masked to 5 bits")]
            out.push(((acc >> bits) & 31) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        #[allow(clippy::cast_possible_truncation, reason = "masked to 5 bits")]
        out.push(((acc << (5 - bits)) & 31) as u8);
    }
    out
}

/// Feeds 5-bit values regrouped as bytes (zero-padded) into a sink, without
/// allocating: used to hash the signed part of an invoice.
pub(crate) fn feed_bytes(data: &[u8], mut sink: impl FnMut(&[u8])) {
    let mut buf = [0u8; 64];
    let mut n = 0usize;
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &v in data {
        acc = (acc << 5) | u32::from(v & 31);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            if let Some(slot) = buf.get_mut(n) {
                #[allow(clippy::cast_possible_truncation, reason = "one byte")]
                let byte = (acc >> bits) as u8;
                *slot = byte;
            }
            n += 1;
            if n == buf.len() {
                sink(&buf);
                n = 0;
            }
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        if let Some(slot) = buf.get_mut(n) {
            #[allow(clippy::cast_possible_truncation, reason = "one byte")]
            let byte = (acc << (8 - bits)) as u8;
            *slot = byte;
        }
        n += 1;
    }
    if let Some(rest) = buf.get(..n) {
        if !rest.is_empty() {
            sink(rest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bip173_valid_and_invalid() {
        for s in [
            "A12UEL5L",
            "a12uel5l",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
            "?1ezyfcl",
        ] {
            decode(s).unwrap();
        }
        assert_eq!(decode("A1G7SGD8").unwrap_err(), Bolt11Error::Checksum);
        assert_eq!(
            decode("10a06t8").unwrap_err(),
            Bolt11Error::MissingSeparator
        );
        assert_eq!(
            decode("1qzzfhee").unwrap_err(),
            Bolt11Error::MissingSeparator
        );
        assert_eq!(decode("aB1qqqqqq").unwrap_err(), Bolt11Error::MixedCase);
        // bech32m checksum of "a" + empty data is rejected.
        assert_eq!(decode("a1lqfn3a").unwrap_err(), Bolt11Error::Checksum);
    }

    #[test]
    fn round_trip_long() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i % 32) as u8).collect();
        let s = encode("lnurl", &data);
        let d = decode(&s).unwrap();
        assert_eq!(d.hrp, "lnurl");
        assert_eq!(d.data, data);
        let bytes: Vec<u8> = (0..=255).collect();
        let (back, clean) = to_bytes(&from_bytes(&bytes));
        assert!(clean);
        assert_eq!(back, bytes);
        let mut fed = Vec::new();
        feed_bytes(&from_bytes(&bytes), |b| fed.extend_from_slice(b));
        // 2050 bits: 256 bytes and a zero-padded last byte, as BOLT-11 signs them.
        assert_eq!(fed.len(), 257);
        assert_eq!(&fed[..256], &bytes[..]);
        assert_eq!(fed[256], 0);
    }
}
