//! [`Entity`]: any NIP-19 entity, and [`Ncryptsec`], the opaque NIP-49 payload.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use crate::bare::{Note, Npub, Nsec, bare_payload, decode_prefixed};
use crate::bech32::{self, Encoder, hrp};
use crate::error::Error;
use crate::prefix::{NADDR, NCRYPTSEC, NEVENT, NOTE, NPROFILE, NPUB, NSEC};
use crate::tlv::{Naddr, Nevent, Nprofile};
use nostr_core::{EventId, PublicKey};

/// An `ncryptsec1...` string's payload (a NIP-49 encrypted secret key), kept as
/// opaque bytes: this crate checks the bech32 string, `nostr-nip49` the content.
///
/// # Example
/// ```
/// use nostr_nip19::Ncryptsec;
///
/// let blob = Ncryptsec::new(vec![2u8; 91])?;
/// let text = blob.to_string();
/// assert!(text.starts_with("ncryptsec1"));
/// assert_eq!(Ncryptsec::from_bech32(&text)?.as_bytes(), &[2u8; 91][..]);
/// # Ok::<(), nostr_nip19::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ncryptsec(Vec<u8>);

impl Ncryptsec {
    /// Wraps an encrypted payload.
    ///
    /// # Errors
    /// [`Error::EmptyData`] for an empty payload, [`Error::EncodedTooLong`] when the
    /// string would exceed [`crate::MAX_LEN`].
    pub fn new(payload: Vec<u8>) -> Result<Self, Error> {
        if payload.is_empty() {
            return Err(Error::EmptyData { entity: NCRYPTSEC });
        }
        bech32::check_encoded_len(&hrp::NCRYPTSEC, payload.len())?;
        Ok(Self(payload))
    }

    /// Decodes `ncryptsec1...` without looking inside the payload.
    ///
    /// # Errors
    /// A bech32 error, [`Error::WrongPrefix`] or [`Error::EmptyData`].
    pub fn from_bech32(s: &str) -> Result<Self, Error> {
        let checked = decode_prefixed(s, NCRYPTSEC)?;
        if checked.byte_len() == 0 {
            return Err(Error::EmptyData { entity: NCRYPTSEC });
        }
        Ok(Self(checked.to_vec()))
    }

    /// The payload bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Unwraps the payload bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    fn write<W: fmt::Write>(&self, out: &mut W) -> fmt::Result {
        let mut enc = Encoder::new(&hrp::NCRYPTSEC, out)?;
        enc.bytes(&self.0)?;
        enc.finish()
    }

    /// Encodes as `ncryptsec1...`.
    pub fn to_bech32(&self) -> String {
        let mut s = String::with_capacity(bech32::encoded_len(NCRYPTSEC.len(), self.0.len()));
        // Writing to a `String` cannot fail.
        let _ = self.write(&mut s);
        s
    }
}

impl fmt::Display for Ncryptsec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f)
    }
}

impl FromStr for Ncryptsec {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_bech32(s)
    }
}

/// Any NIP-19 entity, as [`Entity::decode`] finds it.
///
/// The deprecated `nrelay` is not supported ([`Error::UnknownPrefix`]).
///
/// # Example
/// ```
/// use nostr_nip19::Entity;
///
/// let entity = Entity::decode("npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg")?;
/// match &entity {
///     Entity::Npub(npub) => assert_eq!(
///         npub.public_key().to_hex(),
///         "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e"
///     ),
///     other => panic!("unexpected {other:?}"),
/// }
/// assert_eq!(entity.prefix(), "npub");
/// assert_eq!(entity.to_string(), "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg");
/// # Ok::<(), nostr_nip19::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Entity {
    /// `npub`: a public key.
    Npub(Npub),
    /// `nsec`: a secret key.
    Nsec(Nsec),
    /// `note`: an event id.
    Note(Note),
    /// `nprofile`: a public key with relays.
    Nprofile(Nprofile),
    /// `nevent`: an event id with relays, author and kind.
    Nevent(Nevent),
    /// `naddr`: a coordinate with relays.
    Naddr(Naddr),
    /// `ncryptsec`: a NIP-49 encrypted secret key, payload left opaque.
    Ncryptsec(Ncryptsec),
}

impl Entity {
    /// Decodes any NIP-19 string, dispatching on its prefix (either case).
    ///
    /// # Errors
    /// A bech32 error, [`Error::UnknownPrefix`], or the entity's own errors (see
    /// each type's `from_bech32`).
    pub fn decode(s: &str) -> Result<Self, Error> {
        let checked = bech32::decode(s)?;
        let hrp = checked.hrp();
        let is = |p: &str| hrp.eq_ignore_ascii_case(p);
        if is(NPUB) {
            Ok(Self::Npub(Npub(PublicKey::from_bytes(bare_payload(
                checked,
                NPUB,
                "public key",
            )?))))
        } else if is(NOTE) {
            Ok(Self::Note(Note(EventId::from_bytes(bare_payload(
                checked, NOTE, "event id",
            )?))))
        } else if is(NSEC) {
            Nsec::from_checked(checked).map(Self::Nsec)
        } else if is(NPROFILE) || is(NEVENT) || is(NADDR) || is(NCRYPTSEC) {
            if checked.byte_len() == 0 {
                let entity = [NPROFILE, NEVENT, NADDR, NCRYPTSEC]
                    .into_iter()
                    .find(|p| is(p))
                    .unwrap_or(NPROFILE);
                return Err(Error::EmptyData { entity });
            }
            let payload = checked.to_vec();
            if is(NPROFILE) {
                Nprofile::from_payload(&payload).map(Self::Nprofile)
            } else if is(NEVENT) {
                Nevent::from_payload(&payload).map(Self::Nevent)
            } else if is(NADDR) {
                Naddr::from_payload(&payload).map(Self::Naddr)
            } else {
                Ok(Self::Ncryptsec(Ncryptsec(payload)))
            }
        } else {
            Err(Error::UnknownPrefix { prefix: hrp.into() })
        }
    }

    /// The entity's prefix (`"npub"`, `"nevent"`, ...).
    pub fn prefix(&self) -> &'static str {
        match self {
            Self::Npub(_) => NPUB,
            Self::Nsec(_) => NSEC,
            Self::Note(_) => NOTE,
            Self::Nprofile(_) => NPROFILE,
            Self::Nevent(_) => NEVENT,
            Self::Naddr(_) => NADDR,
            Self::Ncryptsec(_) => NCRYPTSEC,
        }
    }

    /// Whether this is secret key material (`nsec` or `ncryptsec`), which NIP-21
    /// URIs must not carry.
    pub fn is_secret(&self) -> bool {
        matches!(self, Self::Nsec(_) | Self::Ncryptsec(_))
    }

    /// The public key an `npub` or `nprofile` names, or the author an `naddr` (or an
    /// `nevent` that gives one) carries.
    pub fn public_key(&self) -> Option<PublicKey> {
        match self {
            Self::Npub(n) => Some(n.0),
            Self::Nprofile(p) => Some(p.public_key()),
            Self::Nevent(e) => e.author(),
            Self::Naddr(a) => Some(a.coordinate().pubkey),
            _ => None,
        }
    }

    /// Encodes as bech32. An `nsec` comes back in a plain string here; use
    /// [`Nsec::to_bech32`] for a zeroizing one.
    pub fn to_bech32(&self) -> String {
        match self {
            Self::Npub(n) => n.to_bech32(),
            Self::Nsec(n) => String::from(n.to_bech32().as_str()),
            Self::Note(n) => n.to_bech32(),
            Self::Nprofile(n) => n.to_bech32(),
            Self::Nevent(n) => n.to_bech32(),
            Self::Naddr(n) => n.to_bech32(),
            Self::Ncryptsec(n) => n.to_bech32(),
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Npub(n) => n.fmt(f),
            Self::Nsec(n) => n.fmt(f),
            Self::Note(n) => n.fmt(f),
            Self::Nprofile(n) => n.fmt(f),
            Self::Nevent(n) => n.fmt(f),
            Self::Naddr(n) => n.fmt(f),
            Self::Ncryptsec(n) => n.fmt(f),
        }
    }
}

impl FromStr for Entity {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::decode(s)
    }
}

macro_rules! entity_from {
    ($($variant:ident),*) => {$(
        impl From<$variant> for Entity {
            fn from(value: $variant) -> Self {
                Self::$variant(value)
            }
        }
    )*};
}
entity_from!(Npub, Nsec, Note, Nprofile, Nevent, Naddr, Ncryptsec);
