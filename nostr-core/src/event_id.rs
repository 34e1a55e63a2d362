//! [`EventId`]: the SHA-256 of an event's canonical serialization.

use core::fmt;
use core::str::FromStr;

use crate::error::Error;
use crate::hex;

/// A 32-byte event id.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventId([u8; 32]);

impl EventId {
    /// Wraps 32 bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// Wraps a 32-byte slice.
    ///
    /// # Errors
    /// [`Error::InvalidEventId`] when the slice is not 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        bytes
            .try_into()
            .map(Self)
            .map_err(|_| Error::InvalidEventId)
    }

    /// Parses 64 lowercase hex characters.
    ///
    /// # Errors
    /// [`Error::InvalidHex`] naming the field `id`.
    pub fn from_hex(s: &str) -> Result<Self, Error> {
        hex::decode_array(s)
            .map(Self)
            .map_err(|source| Error::InvalidHex {
                field: "id",
                source,
            })
    }

    /// The 32 bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The 32 bytes, by value.
    pub const fn to_bytes(self) -> [u8; 32] {
        self.0
    }

    /// Lowercase hex.
    pub fn to_hex(&self) -> alloc::string::String {
        hex::encode(&self.0)
    }
}

impl fmt::Debug for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EventId(")?;
        hex::fmt_hex(&self.0, f)?;
        f.write_str(")")
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        hex::fmt_hex(&self.0, f)
    }
}

impl FromStr for EventId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_hex(s)
    }
}
