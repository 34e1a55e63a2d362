//! The key-security byte.

use core::fmt;

use crate::error::Error;

/// What the encrypting client knew about how the key had been handled: NIP-49's
/// `KEY_SECURITY_BYTE`, also the AEAD associated data, so it cannot be changed without
/// failing decryption.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum KeySecurity {
    /// `0x00`: the key is known to have been handled insecurely (stored unencrypted,
    /// copied and pasted unencrypted, ...).
    KnownInsecure = 0x00,
    /// `0x01`: the key is *not* known to have been handled insecurely.
    NotKnownInsecure = 0x01,
    /// `0x02`: the client does not track this (the default).
    #[default]
    Unknown = 0x02,
}

impl KeySecurity {
    /// All three values, in byte order.
    pub const ALL: [Self; 3] = [Self::KnownInsecure, Self::NotKnownInsecure, Self::Unknown];

    /// The byte written into the `ncryptsec`.
    #[must_use]
    pub const fn to_u8(self) -> u8 {
        self as u8
    }

    /// Reads the byte.
    ///
    /// # Errors
    /// [`Error::InvalidKeySecurity`] for anything but `0x00`, `0x01` or `0x02`.
    pub const fn from_u8(byte: u8) -> Result<Self, Error> {
        match byte {
            0x00 => Ok(Self::KnownInsecure),
            0x01 => Ok(Self::NotKnownInsecure),
            0x02 => Ok(Self::Unknown),
            other => Err(Error::InvalidKeySecurity(other)),
        }
    }
}

impl TryFrom<u8> for KeySecurity {
    type Error = Error;

    fn try_from(byte: u8) -> Result<Self, Error> {
        Self::from_u8(byte)
    }
}

impl From<KeySecurity> for u8 {
    fn from(value: KeySecurity) -> Self {
        value.to_u8()
    }
}

impl fmt::Display for KeySecurity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::KnownInsecure => "known insecure",
            Self::NotKnownInsecure => "not known insecure",
            Self::Unknown => "unknown",
        })
    }
}
