//! The bare 32-byte entities: [`Npub`], [`Nsec`] and [`Note`].

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use nostr_core::{EventId, PublicKey, SecretKey};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::bech32::{self, Checked, Encoder, Hrp, hrp};
use crate::error::Error;
use crate::prefix::{NOTE, NPUB, NSEC};

/// Checks the string and that its prefix is `expected`.
pub(crate) fn decode_prefixed<'a>(
    s: &'a str,
    expected: &'static str,
) -> Result<Checked<'a>, Error> {
    let checked = bech32::decode(s)?;
    if !checked.has_prefix(expected) {
        return Err(Error::WrongPrefix {
            expected,
            found: checked.hrp().into(),
        });
    }
    Ok(checked)
}

/// The length error for a bare payload of `got` bytes.
fn bare_length_error(entity: &'static str, field: &'static str, got: usize) -> Error {
    if got == 0 {
        Error::EmptyData { entity }
    } else {
        Error::InvalidLength {
            entity,
            field,
            expected: 32,
            got,
        }
    }
}

/// The 32-byte payload of a bare entity.
pub(crate) fn bare_payload(
    checked: Checked<'_>,
    entity: &'static str,
    field: &'static str,
) -> Result<[u8; 32], Error> {
    checked
        .to_array::<32>()
        .ok_or_else(|| bare_length_error(entity, field, checked.byte_len()))
}

/// Writes a bare entity.
fn write_bare<W: fmt::Write>(hrp: &Hrp, bytes: &[u8; 32], out: &mut W) -> fmt::Result {
    let mut enc = Encoder::new(hrp, out)?;
    enc.bytes(bytes)?;
    enc.finish()
}

/// Encodes a bare entity into a new string of exactly the right capacity.
fn bare_string(hrp: &Hrp, bytes: &[u8; 32]) -> String {
    let mut s = String::with_capacity(bech32::encoded_len(hrp.name.len(), 32));
    // Writing to a `String` cannot fail.
    let _ = write_bare(hrp, bytes, &mut s);
    s
}

/// A public key as `npub1...` (NIP-19 "Bare keys and ids").
///
/// Decoding checks the bech32 string and that the payload is 32 bytes; like
/// [`PublicKey::from_bytes`], it does not check that the bytes are a point on the
/// curve (operations that need a point do).
///
/// # Example
/// ```
/// use nostr_nip19::Npub;
///
/// let npub: Npub = "npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6".parse()?;
/// assert_eq!(
///     npub.public_key().to_hex(),
///     "3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d"
/// );
/// assert_eq!(npub.to_string(), "npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6");
/// # Ok::<(), nostr_nip19::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Npub(pub PublicKey);

impl Npub {
    /// Decodes `npub1...`.
    ///
    /// # Errors
    /// A bech32 error, [`Error::WrongPrefix`], or [`Error::InvalidLength`] /
    /// [`Error::EmptyData`] when the payload is not 32 bytes.
    pub fn from_bech32(s: &str) -> Result<Self, Error> {
        let checked = decode_prefixed(s, NPUB)?;
        Ok(Self(PublicKey::from_bytes(bare_payload(
            checked,
            NPUB,
            "public key",
        )?)))
    }

    /// Encodes as `npub1...`.
    pub fn to_bech32(&self) -> String {
        bare_string(&hrp::NPUB, self.0.as_bytes())
    }

    /// The public key.
    pub const fn public_key(&self) -> PublicKey {
        self.0
    }
}

impl From<PublicKey> for Npub {
    fn from(pk: PublicKey) -> Self {
        Self(pk)
    }
}

impl From<Npub> for PublicKey {
    fn from(npub: Npub) -> Self {
        npub.0
    }
}

impl fmt::Display for Npub {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_bare(&hrp::NPUB, self.0.as_bytes(), f)
    }
}

impl FromStr for Npub {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_bech32(s)
    }
}

/// An event id as `note1...` (NIP-19 "Bare keys and ids").
///
/// # Example
/// ```
/// use nostr_core::EventId;
/// use nostr_nip19::Note;
///
/// let id = EventId::from_bytes([7; 32]);
/// let text = Note(id).to_string();
/// assert!(text.starts_with("note1"));
/// assert_eq!(text.parse::<Note>()?.event_id(), id);
/// # Ok::<(), nostr_nip19::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Note(pub EventId);

impl Note {
    /// Decodes `note1...`.
    ///
    /// # Errors
    /// A bech32 error, [`Error::WrongPrefix`], or [`Error::InvalidLength`] /
    /// [`Error::EmptyData`] when the payload is not 32 bytes.
    pub fn from_bech32(s: &str) -> Result<Self, Error> {
        let checked = decode_prefixed(s, NOTE)?;
        Ok(Self(EventId::from_bytes(bare_payload(
            checked, NOTE, "event id",
        )?)))
    }

    /// Encodes as `note1...`.
    pub fn to_bech32(&self) -> String {
        bare_string(&hrp::NOTE, self.0.as_bytes())
    }

    /// The event id.
    pub const fn event_id(&self) -> EventId {
        self.0
    }
}

impl From<EventId> for Note {
    fn from(id: EventId) -> Self {
        Self(id)
    }
}

impl From<Note> for EventId {
    fn from(note: Note) -> Self {
        note.0
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_bare(&hrp::NOTE, self.0.as_bytes(), f)
    }
}

impl FromStr for Note {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_bech32(s)
    }
}

/// A secret key as `nsec1...` (NIP-19 "Bare keys and ids").
///
/// The key is zeroized on drop (it is a [`SecretKey`]); `Debug` prints no secret;
/// equality is constant-time. Decoding goes through zeroizing buffers.
/// [`Nsec::to_bech32`] returns a zeroizing string; `Display` writes the secret to
/// whatever formatter it is given, so use it deliberately. NIP-21 refuses `nsec`
/// in `nostr:` URIs ([`crate::NostrUri`]).
///
/// # Example
/// ```
/// use nostr_nip19::Nsec;
///
/// let nsec = Nsec::from_bech32("nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5")?;
/// assert_eq!(
///     nsec.secret_key().to_secret_hex().as_str(),
///     "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa"
/// );
/// assert_eq!(format!("{nsec:?}"), "Nsec(<redacted>)");
/// # Ok::<(), nostr_nip19::Error>(())
/// ```
#[derive(Clone)]
pub struct Nsec(SecretKey);

impl Nsec {
    /// Wraps a secret key.
    pub fn new(secret: SecretKey) -> Self {
        Self(secret)
    }

    /// Decodes `nsec1...`.
    ///
    /// # Errors
    /// A bech32 error, [`Error::WrongPrefix`], [`Error::InvalidLength`] /
    /// [`Error::EmptyData`] when the payload is not 32 bytes, or
    /// [`Error::InvalidSecretKey`] when it is not a valid scalar.
    pub fn from_bech32(s: &str) -> Result<Self, Error> {
        Self::from_checked(decode_prefixed(s, NSEC)?)
    }

    /// The secret key in a checked string whose prefix is `nsec`.
    pub(crate) fn from_checked(checked: Checked<'_>) -> Result<Self, Error> {
        let len = checked.byte_len();
        if len != 32 {
            return Err(bare_length_error(NSEC, "secret key", len));
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        checked.write_bytes(&mut bytes[..]);
        SecretKey::from_slice(&bytes[..])
            .map(Self)
            .map_err(|_| Error::InvalidSecretKey)
    }

    /// Encodes as `nsec1...` into a string that zeroizes itself on drop.
    pub fn to_bech32(&self) -> Zeroizing<String> {
        // Exact capacity: the string never reallocates, so no copy of the secret is
        // left behind in a freed buffer.
        Zeroizing::new(bare_string(&hrp::NSEC, self.0.as_secret_bytes()))
    }

    /// The secret key.
    pub fn secret_key(&self) -> &SecretKey {
        &self.0
    }

    /// Unwraps the secret key.
    pub fn into_secret_key(self) -> SecretKey {
        self.0
    }
}

impl From<SecretKey> for Nsec {
    fn from(secret: SecretKey) -> Self {
        Self(secret)
    }
}

impl From<Nsec> for SecretKey {
    fn from(nsec: Nsec) -> Self {
        nsec.0
    }
}

impl PartialEq for Nsec {
    fn eq(&self, other: &Self) -> bool {
        self.0
            .as_secret_bytes()
            .ct_eq(other.0.as_secret_bytes())
            .into()
    }
}

impl Eq for Nsec {}

impl fmt::Debug for Nsec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Nsec(<redacted>)")
    }
}

impl fmt::Display for Nsec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_bare(&hrp::NSEC, self.0.as_secret_bytes(), f)
    }
}

impl FromStr for Nsec {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_bech32(s)
    }
}
