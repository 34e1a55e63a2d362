//! [`Coordinate`]: the `kind:pubkey:d` address of a replaceable or addressable event.

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use crate::error::Error;
use crate::keys::PublicKey;
use crate::kind::Kind;

/// Why a coordinate string could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CoordinateError {
    /// No `:` after the kind.
    #[error("missing ':' separator after the kind")]
    MissingSeparator,
    /// The kind is not a decimal number in 0..=65535.
    #[error("kind is not a decimal number in 0..=65535")]
    InvalidKind,
    /// The pubkey is not 64 lowercase hex characters.
    #[error("pubkey is not 64 lowercase hex characters")]
    InvalidPubkey,
}

/// The address of a replaceable or addressable event: `<kind>:<pubkey hex>:<d>`.
///
/// Parsing splits at the first two `:` so the identifier may itself contain `:`.
/// For replaceable (non-addressable) kinds the identifier is empty; a missing
/// trailing `:` is accepted on input (some clients omit it) and always written on output.
///
/// # Example
/// ```
/// use nostr_core::{Coordinate, Kind};
/// let pk = "f7234bd4c1394dda46d09f35bd384dd30cc552ad5541990f98844fb06676e9ca";
/// let c: Coordinate = format!("30311:{pk}:room:1").parse().unwrap();
/// assert_eq!(c.kind, Kind::LIVE_EVENT);
/// assert_eq!(c.identifier, "room:1");
/// assert_eq!(c.to_string(), format!("30311:{pk}:room:1"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Coordinate {
    /// The event kind.
    pub kind: Kind,
    /// The author.
    pub pubkey: PublicKey,
    /// The `d` tag value (empty for replaceable kinds).
    pub identifier: String,
}

impl Coordinate {
    /// Builds a coordinate.
    pub fn new(kind: Kind, pubkey: PublicKey, identifier: impl Into<String>) -> Self {
        Self {
            kind,
            pubkey,
            identifier: identifier.into(),
        }
    }

    /// Parses `kind:pubkey:d`.
    ///
    /// # Errors
    /// [`Error::InvalidCoordinate`] with the reason.
    pub fn parse(s: &str) -> Result<Self, Error> {
        let (kind, rest) = s
            .split_once(':')
            .ok_or(Error::InvalidCoordinate(CoordinateError::MissingSeparator))?;
        let (pubkey, identifier) = rest.split_once(':').unwrap_or((rest, ""));
        let kind =
            parse_kind(kind).ok_or(Error::InvalidCoordinate(CoordinateError::InvalidKind))?;
        let pubkey = PublicKey::from_hex(pubkey)
            .map_err(|_| Error::InvalidCoordinate(CoordinateError::InvalidPubkey))?;
        Ok(Self::new(kind, pubkey, identifier))
    }
}

/// Strict decimal `u16`: digits only, no sign, no leading `+`, and no leading zero
/// (`01` would format back as `1`, and relays match `#a` values as exact strings).
pub(crate) fn parse_kind(s: &str) -> Option<Kind> {
    if s.is_empty() || s.len() > 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if s.len() > 1 && s.starts_with('0') {
        return None;
    }
    s.parse::<u16>().ok().map(Kind::new)
}

impl fmt::Display for Coordinate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.kind, self.pubkey, self.identifier)
    }
}

impl FromStr for Coordinate {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    const PK: &str = "f7234bd4c1394dda46d09f35bd384dd30cc552ad5541990f98844fb06676e9ca";

    #[test]
    fn parse_forms() {
        let c = Coordinate::parse(&alloc::format!("10002:{PK}")).unwrap();
        assert_eq!(c.identifier, "");
        assert_eq!(c.to_string(), alloc::format!("10002:{PK}:"));
        assert_eq!(
            Coordinate::parse(&alloc::format!("70000:{PK}:x")),
            Err(Error::InvalidCoordinate(CoordinateError::InvalidKind))
        );
        assert_eq!(
            Coordinate::parse(&alloc::format!("+1:{PK}:x")),
            Err(Error::InvalidCoordinate(CoordinateError::InvalidKind))
        );
        assert_eq!(
            Coordinate::parse(&alloc::format!("01:{PK}:x")),
            Err(Error::InvalidCoordinate(CoordinateError::InvalidKind))
        );
        assert_eq!(
            Coordinate::parse(&alloc::format!("0:{PK}:x")).map(|c| c.kind),
            Ok(Kind::new(0))
        );
        assert_eq!(
            Coordinate::parse("1"),
            Err(Error::InvalidCoordinate(CoordinateError::MissingSeparator))
        );
        assert_eq!(
            Coordinate::parse(&alloc::format!("1:{}:x", PK.to_uppercase())),
            Err(Error::InvalidCoordinate(CoordinateError::InvalidPubkey))
        );
    }
}
