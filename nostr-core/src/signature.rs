//! [`Signature`]: a 64-byte BIP-340 Schnorr signature.

use core::fmt;
use core::str::FromStr;

use crate::error::Error;
use crate::hex;

/// A 64-byte BIP-340 signature, as NIP-01 writes it in `sig`.
///
/// Only the encoding is checked on construction; [`crate::Event::verify`] checks the math.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signature([u8; 64]);

impl Signature {
    /// Wraps 64 bytes.
    pub const fn from_bytes(bytes: [u8; 64]) -> Self {
        Self(bytes)
    }

    /// Parses 128 lowercase hex characters.
    ///
    /// # Errors
    /// [`Error::InvalidHex`] naming the field `sig`.
    pub fn from_hex(s: &str) -> Result<Self, Error> {
        hex::decode_array(s)
            .map(Self)
            .map_err(|source| Error::InvalidHex {
                field: "sig",
                source,
            })
    }

    /// The 64 bytes.
    pub const fn as_bytes(&self) -> &[u8; 64] {
        &self.0
    }

    /// Lowercase hex.
    pub fn to_hex(&self) -> alloc::string::String {
        hex::encode(&self.0)
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Signature(")?;
        hex::fmt_hex(&self.0, f)?;
        f.write_str(")")
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        hex::fmt_hex(&self.0, f)
    }
}

impl FromStr for Signature {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_hex(s)
    }
}
