//! NIP-45 HyperLogLog counts: the filter's register `offset`, the 256 registers a
//! relay fills from the counted events' pubkeys, merging, and the `hll` hex field.
//!
//! Plain counts are [`crate::req::count`]; this module adds the `hll` value relays
//! may send beside them so clients can merge counts from several relays.
//!
//! # Example
//! ```
//! use nostr_core::{Filter, Keys, Kind, nip45::Hll};
//! let target = "f7234bd4c1394dda46d09f35bd384dd30cc552ad5541990f98844fb06676e9ca";
//! let followers = Filter::new().kind(Kind::CONTACT_LIST).tag('p', target);
//! let mut hll = Hll::for_filter(&followers).unwrap();
//! assert_eq!(hll.offset(), 8); // character 32 of the target is `0`
//! for _ in 0..3 {
//!     hll.add(&Keys::generate().public_key());
//! }
//! let hex = hll.to_hex();
//! assert_eq!(hex.len(), 512);
//! assert_eq!(Hll::from_hex(&hex, hll.offset()).unwrap(), hll);
//! ```

use alloc::string::String;

use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::filter::Filter;
use crate::hex;
use crate::keys::PublicKey;

/// The number of registers (NIP-45 "256 registers").
pub const REGISTERS: usize = 256;

/// The NIP-45 `offset` of a filter: from the first value of its first tag filter as
/// written ([`Filter::first_tag`]: an event id or pubkey as it is, an address's pubkey
/// part, anything else hashed with SHA-256), the hex digit at position 32, plus 8.
/// `None` when the filter has no tag filter or that one has no value (NIP-45:
/// "behavior isn't yet defined").
pub fn offset(filter: &Filter) -> Option<u8> {
    let value = filter.first_tag()?.1.first()?;
    Some(offset_of_value(value))
}

fn offset_of_value(value: &str) -> u8 {
    let is_hex64 =
        |s: &str| s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let digit_at_32 = |s: &str| {
        s.as_bytes()
            .get(32)
            .and_then(|b| char::from(*b).to_digit(16))
            .and_then(|d| u8::try_from(d).ok())
            .unwrap_or(0)
    };
    if is_hex64(value) {
        return 8 + digit_at_32(value);
    }
    if let Some(pubkey) = value.split(':').nth(1).filter(|p| is_hex64(p)) {
        if value.matches(':').count() >= 2 {
            return 8 + digit_at_32(pubkey);
        }
    }
    let hash: [u8; 32] = Sha256::digest(value.as_bytes()).into();
    // Hex character 32 is the high nibble of byte 16.
    8 + hash.get(16).map_or(0, |b| b >> 4)
}

/// 256 HyperLogLog registers for one offset.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Hll {
    offset: u8,
    registers: [u8; REGISTERS],
}

impl Hll {
    /// Empty registers for `offset` (8..=23 for offsets NIP-45 computes; larger
    /// values are clamped to 23 so the pubkey window stays in range).
    pub fn new(offset: u8) -> Self {
        Self {
            offset: offset.min(23),
            registers: [0; REGISTERS],
        }
    }

    /// Empty registers for a filter's [`offset`]; `None` when it has no tag filter.
    pub fn for_filter(filter: &Filter) -> Option<Self> {
        offset(filter).map(Self::new)
    }

    /// The offset.
    pub fn offset(&self) -> u8 {
        self.offset
    }

    /// The registers.
    pub fn registers(&self) -> &[u8; REGISTERS] {
        &self.registers
    }

    /// Counts one event's author: register `pubkey[offset]` becomes at least the
    /// number of leading zero bits after that byte, plus one. The zeros are counted
    /// in the 8 bytes after the register byte (as the reference implementation
    /// does; more than 64 zero bits has probability 2^-64).
    pub fn add(&mut self, pubkey: &PublicKey) {
        let bytes = pubkey.as_bytes();
        let at = usize::from(self.offset);
        let Some(&index) = bytes.get(at) else { return };
        let mut window = [0u8; 8];
        if let Some(next) = bytes.get(at + 1..at + 9) {
            window.copy_from_slice(next);
        }
        let zeros = u8::try_from(u64::from_be_bytes(window).leading_zeros()).unwrap_or(64) + 1;
        if let Some(r) = self.registers.get_mut(usize::from(index)) {
            *r = (*r).max(zeros);
        }
    }

    /// Merges another relay's registers (register-wise maximum).
    ///
    /// # Errors
    /// [`Error::InvalidMessage`] when the offsets differ (they count different things).
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        if other.offset != self.offset {
            return Err(Error::InvalidMessage("hll offsets differ"));
        }
        for (a, b) in self.registers.iter_mut().zip(other.registers.iter()) {
            *a = (*a).max(*b);
        }
        Ok(())
    }

    /// The `hll` field: 512 lowercase hex characters.
    pub fn to_hex(&self) -> String {
        hex::encode(&self.registers)
    }

    /// Reads an `hll` field received for a filter with this `offset`.
    ///
    /// # Errors
    /// [`Error::InvalidHex`] (field `hll`) unless it is 512 hex characters.
    pub fn from_hex(s: &str, offset: u8) -> Result<Self, Error> {
        let registers = hex::decode_array::<REGISTERS>(s).map_err(|source| Error::InvalidHex {
            field: "hll",
            source,
        })?;
        Ok(Self {
            offset: offset.min(23),
            registers,
        })
    }

    /// The estimated number of distinct authors counted (the classic HyperLogLog
    /// estimator with the small-range correction).
    #[cfg(feature = "std")]
    pub fn estimate(&self) -> u64 {
        let m = REGISTERS as f64;
        let alpha = 0.7213 / (1.0 + 1.079 / m);
        let sum: f64 = self
            .registers
            .iter()
            .map(|r| 2f64.powi(-i32::from(*r)))
            .sum();
        let raw = alpha * m * m / sum;
        let zeros = self.registers.iter().filter(|r| **r == 0).count();
        let estimate = if raw <= 2.5 * m && zeros > 0 {
            m * (m / zeros as f64).ln()
        } else {
            raw
        };
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "non-negative and finite"
        )]
        let n = estimate.round() as u64;
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    #[test]
    fn offsets() {
        let id = "5c83da77af1dec6d7289834998ad7aafbd9e2191396d75ec3cc27f5a77226f36";
        assert_eq!(&id[32..33], "b");
        assert_eq!(
            offset(&Filter::new().kind(Kind::REACTION).tag('e', id)),
            Some(8 + 0xb)
        );
        let pk = "f7234bd4c1394dda46d09f35bd384dd30cc552ad5541990f98844fb06676e9ca";
        let addr = alloc::format!("30023:{pk}:my-article");
        assert_eq!(&pk[32..33], "0");
        assert_eq!(offset(&Filter::new().tag('a', addr)), Some(8));
        // Anything else is hashed.
        let hash: [u8; 32] = Sha256::digest(b"nostr").into();
        assert_eq!(
            offset(&Filter::new().tag('t', "nostr")),
            Some(8 + (hash[16] >> 4))
        );
        assert_eq!(offset(&Filter::new().kind(Kind::TEXT_NOTE)), None);
        // "The first tag attribute in the filter", "its first item": as written, not
        // by letter or value order.
        let other = "00000000000000000000000000000000f0000000000000000000000000000000";
        let json = alloc::format!(r##"{{"#p":["{id}","{other}"],"#e":["{other}"]}}"##);
        let written = Filter::from_json(&json).unwrap();
        assert_eq!(offset(&written), Some(8 + 0xb));
        assert_eq!(
            offset(&Filter::from_json(&written.to_json()).unwrap()),
            Some(8 + 0xb)
        );
        let built = Filter::new().tag('t', "x").tag('e', id);
        assert_eq!(offset(&built), offset(&Filter::new().tag('t', "x")));
    }

    #[test]
    fn registers_and_merge() {
        let mut pk = [0u8; 32];
        pk[10] = 7; // register index at offset 10
        pk[11] = 0b0001_0000; // three leading zeros -> 4
        let pk = PublicKey::from_hex(&hex::encode(&pk)).unwrap();
        let mut a = Hll::new(10);
        a.add(&pk);
        assert_eq!(a.registers()[7], 4);
        let mut b = Hll::new(10);
        b.registers[7] = 9;
        b.registers[1] = 2;
        a.merge(&b).unwrap();
        assert_eq!((a.registers()[7], a.registers()[1]), (9, 2));
        assert!(a.merge(&Hll::new(11)).is_err());
        assert_eq!(Hll::from_hex(&a.to_hex(), 10).unwrap(), a);
        assert!(Hll::from_hex("00", 10).is_err());
    }

    #[test]
    fn estimate_is_close() {
        let mut hll = Hll::new(8);
        let n = 2000u32;
        for i in 0..n {
            let bytes: [u8; 32] = Sha256::digest(i.to_le_bytes()).into();
            hll.add(&PublicKey::from_hex(&hex::encode(&bytes)).unwrap());
        }
        let e = hll.estimate();
        assert!((1700..2300).contains(&e), "{e}");
    }
}
