//! The TLV entities: [`Nprofile`], [`Nevent`] and [`Naddr`] (NIP-19 "Shareable
//! identifiers with extra metadata").
//!
//! The decoding and encoding rules are in the crate docs ("TLV rules").

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use nostr_core::{Coordinate, EventId, Kind, PublicKey};

use crate::bare::decode_prefixed;
use crate::bech32::{self, Encoder, hrp};
use crate::error::Error;
use crate::prefix::{NADDR, NEVENT, NPROFILE};

/// TLV type 0: `special`.
const SPECIAL: u8 = 0;
/// TLV type 1: `relay`.
const RELAY: u8 = 1;
/// TLV type 2: `author`.
const AUTHOR: u8 = 2;
/// TLV type 3: `kind`.
const KIND: u8 = 3;

/// Walks the records of a TLV payload.
struct Records<'a> {
    buf: &'a [u8],
    pos: usize,
    entity: &'static str,
}

impl<'a> Records<'a> {
    fn new(buf: &'a [u8], entity: &'static str) -> Self {
        Self {
            buf,
            pos: 0,
            entity,
        }
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<(u8, &'a [u8]), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.buf.get(self.pos..)?;
        let (&typ, rest) = rest.split_first()?;
        let offset = self.pos;
        let truncated = Error::TruncatedTlv {
            entity: self.entity,
            offset,
        };
        let Some((&len, rest)) = rest.split_first() else {
            self.pos = self.buf.len();
            return Some(Err(truncated));
        };
        let Some(value) = rest.get(..usize::from(len)) else {
            self.pos = self.buf.len();
            return Some(Err(truncated));
        };
        self.pos += 2 + usize::from(len);
        Some(Ok((typ, value)))
    }
}

/// A 32-byte field.
fn field32(value: &[u8], entity: &'static str, field: &'static str) -> Result<[u8; 32], Error> {
    value.try_into().map_err(|_| Error::InvalidLength {
        entity,
        field,
        expected: 32,
        got: value.len(),
    })
}

/// A kind field: 4 bytes big-endian, at most 65535.
fn kind_field(value: &[u8], entity: &'static str) -> Result<Kind, Error> {
    let raw: [u8; 4] = value.try_into().map_err(|_| Error::InvalidLength {
        entity,
        field: "kind",
        expected: 4,
        got: value.len(),
    })?;
    let value = u32::from_be_bytes(raw);
    u16::try_from(value)
        .map(Kind::new)
        .map_err(|_| Error::KindOutOfRange { entity, value })
}

/// Appends a relay record's value if it is valid UTF-8 (the crate-wide relay rule).
fn push_relay(relays: &mut Vec<String>, value: &[u8]) {
    if let Ok(relay) = core::str::from_utf8(value) {
        relays.push(relay.into());
    }
}

/// Decodes the payload of a TLV entity with prefix `entity`.
fn tlv_payload(s: &str, entity: &'static str) -> Result<Vec<u8>, Error> {
    let checked = decode_prefixed(s, entity)?;
    if checked.byte_len() == 0 {
        return Err(Error::EmptyData { entity });
    }
    Ok(checked.to_vec())
}

/// Checks relay lengths and returns the bytes their records take.
fn relays_len(relays: &[String]) -> Result<usize, Error> {
    let mut total = 0usize;
    for (index, relay) in relays.iter().enumerate() {
        if relay.len() > 255 {
            return Err(Error::RelayTooLong {
                index,
                len: relay.len(),
            });
        }
        total += 2 + relay.len();
    }
    Ok(total)
}

/// Writes one record; fails (never truncates) when the value is over 255 bytes.
fn write_record<W: fmt::Write>(enc: &mut Encoder<'_, W>, typ: u8, value: &[u8]) -> fmt::Result {
    let len = u8::try_from(value.len()).map_err(|_| fmt::Error)?;
    enc.bytes(&[typ, len])?;
    enc.bytes(value)
}

/// Writes the relay records.
fn write_relays<W: fmt::Write>(enc: &mut Encoder<'_, W>, relays: &[String]) -> fmt::Result {
    for relay in relays {
        write_record(enc, RELAY, relay.as_bytes())?;
    }
    Ok(())
}

/// Encodes into a new string of exactly `len` bytes of capacity.
fn encode_string(len: usize, write: impl FnOnce(&mut String) -> fmt::Result) -> String {
    let mut s = String::with_capacity(len);
    // Writing to a `String` cannot fail, and construction checked every length.
    let _ = write(&mut s);
    s
}

// ---------------------------------------------------------------------------------

/// A profile: public key plus relays where it is likely to be found (`nprofile1...`).
///
/// # Example
/// ```
/// use nostr_nip19::Nprofile;
///
/// let text = "nprofile1qqsrhuxx8l9ex335q7he0f09aej04zpazpl0ne2cgukyawd24mayt8gpp4mhxue69uhhytnc9e3k7mgpz4mhxue69uhkg6nzv9ejuumpv34kytnrdaksjlyr9p";
/// let profile: Nprofile = text.parse()?;
/// assert_eq!(
///     profile.public_key().to_hex(),
///     "3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d"
/// );
/// assert_eq!(profile.relays(), ["wss://r.x.com", "wss://djbas.sadkb.com"]);
/// assert_eq!(profile.to_string(), text);
///
/// // Building one: each relay must fit in a TLV record (255 bytes).
/// let built = Nprofile::new(profile.public_key(), ["wss://relay.example.com"])?;
/// assert_eq!(built.to_string().parse::<Nprofile>()?, built);
/// # Ok::<(), nostr_nip19::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Nprofile {
    public_key: PublicKey,
    relays: Vec<String>,
}

impl Nprofile {
    /// Builds a profile pointer.
    ///
    /// # Errors
    /// [`Error::RelayTooLong`] for a relay over 255 bytes, [`Error::EncodedTooLong`]
    /// when the string would exceed [`crate::MAX_LEN`].
    pub fn new<I, S>(public_key: PublicKey, relays: I) -> Result<Self, Error>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let relays: Vec<String> = relays.into_iter().map(Into::into).collect();
        let payload = 34 + relays_len(&relays)?;
        bech32::check_encoded_len(&hrp::NPROFILE, payload)?;
        Ok(Self { public_key, relays })
    }

    /// Decodes `nprofile1...` (see the [TLV rules](crate#tlv-rules)).
    ///
    /// # Errors
    /// A bech32 error, [`Error::WrongPrefix`], [`Error::EmptyData`],
    /// [`Error::TruncatedTlv`], [`Error::MissingField`] (no public key) or
    /// [`Error::InvalidLength`] (a public key not 32 bytes).
    pub fn from_bech32(s: &str) -> Result<Self, Error> {
        Self::from_payload(&tlv_payload(s, NPROFILE)?)
    }

    pub(crate) fn from_payload(payload: &[u8]) -> Result<Self, Error> {
        let mut public_key = None;
        let mut relays = Vec::new();
        for record in Records::new(payload, NPROFILE) {
            let (typ, value) = record?;
            match typ {
                SPECIAL => {
                    let pk = field32(value, NPROFILE, "public key")?;
                    public_key.get_or_insert(PublicKey::from_bytes(pk));
                }
                RELAY => push_relay(&mut relays, value),
                _ => {}
            }
        }
        let public_key = public_key.ok_or(Error::MissingField {
            entity: NPROFILE,
            field: "public key",
        })?;
        Ok(Self { public_key, relays })
    }

    fn payload_len(&self) -> usize {
        34 + self.relays.iter().map(|r| 2 + r.len()).sum::<usize>()
    }

    fn write<W: fmt::Write>(&self, out: &mut W) -> fmt::Result {
        let mut enc = Encoder::new(&hrp::NPROFILE, out)?;
        write_record(&mut enc, SPECIAL, self.public_key.as_bytes())?;
        write_relays(&mut enc, &self.relays)?;
        enc.finish()
    }

    /// Encodes as `nprofile1...`.
    pub fn to_bech32(&self) -> String {
        let len = bech32::encoded_len(NPROFILE.len(), self.payload_len());
        encode_string(len, |s| self.write(s))
    }

    /// The public key.
    pub const fn public_key(&self) -> PublicKey {
        self.public_key
    }

    /// The relays, in order.
    pub fn relays(&self) -> &[String] {
        &self.relays
    }

    /// Splits into the public key and the relays.
    pub fn into_parts(self) -> (PublicKey, Vec<String>) {
        (self.public_key, self.relays)
    }
}

impl From<PublicKey> for Nprofile {
    /// A profile pointer without relays.
    fn from(public_key: PublicKey) -> Self {
        Self {
            public_key,
            relays: Vec::new(),
        }
    }
}

impl From<Nprofile> for PublicKey {
    fn from(profile: Nprofile) -> Self {
        profile.public_key
    }
}

impl fmt::Display for Nprofile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f)
    }
}

impl FromStr for Nprofile {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_bech32(s)
    }
}

// ---------------------------------------------------------------------------------

/// An event: id plus relays, and optionally its author and kind (`nevent1...`).
///
/// # Example
/// ```
/// use nostr_core::{EventId, Kind, PublicKey};
/// use nostr_nip19::Nevent;
///
/// let text = "nevent1qqstna2yrezu5wghjvswqqculvvwxsrcvu7uc0f78gan4xqhvz49d9spr3mhxue69uhkummnw3ez6un9d3shjtn4de6x2argwghx6egpr4mhxue69uhkummnw3ez6ur4vgh8wetvd3hhyer9wghxuet5nxnepm";
/// let event: Nevent = text.parse()?;
/// assert_eq!(
///     event.id().to_hex(),
///     "b9f5441e45ca39179320e0031cfb18e34078673dcc3d3e3a3b3a981760aa5696"
/// );
/// assert_eq!(event.relays(), ["wss://nostr-relay.untethr.me", "wss://nostr-pub.wellorder.net"]);
/// assert_eq!(event.author(), None);
///
/// let built = Nevent::new(
///     EventId::from_bytes([1; 32]),
///     ["wss://relay.example.com"],
///     Some(PublicKey::from_bytes([2; 32])),
///     Some(Kind::TEXT_NOTE),
/// )?;
/// assert_eq!(built.to_string().parse::<Nevent>()?, built);
/// # Ok::<(), nostr_nip19::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Nevent {
    id: EventId,
    relays: Vec<String>,
    author: Option<PublicKey>,
    kind: Option<Kind>,
}

impl Nevent {
    /// Builds an event pointer.
    ///
    /// # Errors
    /// [`Error::RelayTooLong`] for a relay over 255 bytes, [`Error::EncodedTooLong`]
    /// when the string would exceed [`crate::MAX_LEN`].
    pub fn new<I, S>(
        id: EventId,
        relays: I,
        author: Option<PublicKey>,
        kind: Option<Kind>,
    ) -> Result<Self, Error>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let relays: Vec<String> = relays.into_iter().map(Into::into).collect();
        let this = Self {
            id,
            relays,
            author,
            kind,
        };
        relays_len(&this.relays)?;
        bech32::check_encoded_len(&hrp::NEVENT, this.payload_len())?;
        Ok(this)
    }

    /// Decodes `nevent1...` (see the [TLV rules](crate#tlv-rules)).
    ///
    /// # Errors
    /// A bech32 error, [`Error::WrongPrefix`], [`Error::EmptyData`],
    /// [`Error::TruncatedTlv`], [`Error::MissingField`] (no event id),
    /// [`Error::InvalidLength`] (id or author not 32 bytes, kind not 4) or
    /// [`Error::KindOutOfRange`].
    pub fn from_bech32(s: &str) -> Result<Self, Error> {
        Self::from_payload(&tlv_payload(s, NEVENT)?)
    }

    pub(crate) fn from_payload(payload: &[u8]) -> Result<Self, Error> {
        let mut id = None;
        let mut relays = Vec::new();
        let mut author = None;
        let mut kind = None;
        for record in Records::new(payload, NEVENT) {
            let (typ, value) = record?;
            match typ {
                SPECIAL => {
                    let bytes = field32(value, NEVENT, "event id")?;
                    id.get_or_insert(EventId::from_bytes(bytes));
                }
                RELAY => push_relay(&mut relays, value),
                AUTHOR => {
                    let bytes = field32(value, NEVENT, "author")?;
                    author.get_or_insert(PublicKey::from_bytes(bytes));
                }
                KIND => {
                    let k = kind_field(value, NEVENT)?;
                    kind.get_or_insert(k);
                }
                _ => {}
            }
        }
        let id = id.ok_or(Error::MissingField {
            entity: NEVENT,
            field: "event id",
        })?;
        Ok(Self {
            id,
            relays,
            author,
            kind,
        })
    }

    fn payload_len(&self) -> usize {
        34 + self.relays.iter().map(|r| 2 + r.len()).sum::<usize>()
            + if self.author.is_some() { 34 } else { 0 }
            + if self.kind.is_some() { 6 } else { 0 }
    }

    fn write<W: fmt::Write>(&self, out: &mut W) -> fmt::Result {
        let mut enc = Encoder::new(&hrp::NEVENT, out)?;
        write_record(&mut enc, SPECIAL, self.id.as_bytes())?;
        write_relays(&mut enc, &self.relays)?;
        if let Some(author) = &self.author {
            write_record(&mut enc, AUTHOR, author.as_bytes())?;
        }
        if let Some(kind) = self.kind {
            write_record(&mut enc, KIND, &u32::from(kind.as_u16()).to_be_bytes())?;
        }
        enc.finish()
    }

    /// Encodes as `nevent1...`.
    pub fn to_bech32(&self) -> String {
        let len = bech32::encoded_len(NEVENT.len(), self.payload_len());
        encode_string(len, |s| self.write(s))
    }

    /// The event id.
    pub const fn id(&self) -> EventId {
        self.id
    }

    /// The relays, in order.
    pub fn relays(&self) -> &[String] {
        &self.relays
    }

    /// The author, when given.
    pub const fn author(&self) -> Option<PublicKey> {
        self.author
    }

    /// The kind, when given.
    pub const fn kind(&self) -> Option<Kind> {
        self.kind
    }
}

impl From<EventId> for Nevent {
    /// An event pointer with only the id.
    fn from(id: EventId) -> Self {
        Self {
            id,
            relays: Vec::new(),
            author: None,
            kind: None,
        }
    }
}

impl From<Nevent> for EventId {
    fn from(event: Nevent) -> Self {
        event.id
    }
}

impl fmt::Display for Nevent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f)
    }
}

impl FromStr for Nevent {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_bech32(s)
    }
}

// ---------------------------------------------------------------------------------

/// The address of a replaceable or addressable event: a [`Coordinate`] plus relays
/// (`naddr1...`). The identifier, author and kind records are all required.
///
/// # Example
/// ```
/// use nostr_core::Kind;
/// use nostr_nip19::Naddr;
///
/// let text = "naddr1qqyrzwrxvc6ngvfkqyghwumn8ghj7enfv96x5ctx9e3k7mgzyqalp33lewf5vdq847t6te0wvnags0gs0mu72kz8938tn24wlfze6qcyqqq823cph95ag";
/// let addr: Naddr = text.parse()?;
/// assert_eq!(addr.coordinate().kind, Kind::new(30023));
/// assert_eq!(addr.coordinate().identifier, "18ff5416");
/// assert_eq!(addr.relays(), ["wss://fiatjaf.com"]);
/// assert_eq!(addr.to_string(), text);
/// # Ok::<(), nostr_nip19::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Naddr {
    coordinate: Coordinate,
    relays: Vec<String>,
}

impl Naddr {
    /// Builds an address pointer.
    ///
    /// # Errors
    /// [`Error::IdentifierTooLong`] for an identifier over 255 bytes,
    /// [`Error::RelayTooLong`] for a relay over 255 bytes, [`Error::EncodedTooLong`]
    /// when the string would exceed [`crate::MAX_LEN`].
    pub fn new<I, S>(coordinate: Coordinate, relays: I) -> Result<Self, Error>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        if coordinate.identifier.len() > 255 {
            return Err(Error::IdentifierTooLong {
                len: coordinate.identifier.len(),
            });
        }
        let relays: Vec<String> = relays.into_iter().map(Into::into).collect();
        relays_len(&relays)?;
        let this = Self { coordinate, relays };
        bech32::check_encoded_len(&hrp::NADDR, this.payload_len())?;
        Ok(this)
    }

    /// Decodes `naddr1...` (see the [TLV rules](crate#tlv-rules)).
    ///
    /// # Errors
    /// A bech32 error, [`Error::WrongPrefix`], [`Error::EmptyData`],
    /// [`Error::TruncatedTlv`], [`Error::MissingField`] (identifier, author or kind),
    /// [`Error::InvalidLength`], [`Error::KindOutOfRange`] or [`Error::InvalidUtf8`]
    /// (identifier).
    pub fn from_bech32(s: &str) -> Result<Self, Error> {
        Self::from_payload(&tlv_payload(s, NADDR)?)
    }

    pub(crate) fn from_payload(payload: &[u8]) -> Result<Self, Error> {
        let mut identifier: Option<&str> = None;
        let mut relays = Vec::new();
        let mut author = None;
        let mut kind = None;
        for record in Records::new(payload, NADDR) {
            let (typ, value) = record?;
            match typ {
                SPECIAL => {
                    let d = core::str::from_utf8(value).map_err(|_| Error::InvalidUtf8 {
                        entity: NADDR,
                        field: "identifier",
                    })?;
                    identifier.get_or_insert(d);
                }
                RELAY => push_relay(&mut relays, value),
                AUTHOR => {
                    let bytes = field32(value, NADDR, "author")?;
                    author.get_or_insert(PublicKey::from_bytes(bytes));
                }
                KIND => {
                    let k = kind_field(value, NADDR)?;
                    kind.get_or_insert(k);
                }
                _ => {}
            }
        }
        let missing = |field| Error::MissingField {
            entity: NADDR,
            field,
        };
        let identifier = identifier.ok_or_else(|| missing("identifier"))?;
        let pubkey = author.ok_or_else(|| missing("author"))?;
        let kind = kind.ok_or_else(|| missing("kind"))?;
        Ok(Self {
            coordinate: Coordinate::new(kind, pubkey, identifier),
            relays,
        })
    }

    fn payload_len(&self) -> usize {
        2 + self.coordinate.identifier.len()
            + self.relays.iter().map(|r| 2 + r.len()).sum::<usize>()
            + 34
            + 6
    }

    fn write<W: fmt::Write>(&self, out: &mut W) -> fmt::Result {
        let mut enc = Encoder::new(&hrp::NADDR, out)?;
        write_record(&mut enc, SPECIAL, self.coordinate.identifier.as_bytes())?;
        write_relays(&mut enc, &self.relays)?;
        write_record(&mut enc, AUTHOR, self.coordinate.pubkey.as_bytes())?;
        let kind = u32::from(self.coordinate.kind.as_u16()).to_be_bytes();
        write_record(&mut enc, KIND, &kind)?;
        enc.finish()
    }

    /// Encodes as `naddr1...`.
    pub fn to_bech32(&self) -> String {
        let len = bech32::encoded_len(NADDR.len(), self.payload_len());
        encode_string(len, |s| self.write(s))
    }

    /// The coordinate (`kind:pubkey:identifier`).
    pub fn coordinate(&self) -> &Coordinate {
        &self.coordinate
    }

    /// The relays, in order.
    pub fn relays(&self) -> &[String] {
        &self.relays
    }

    /// Splits into the coordinate and the relays.
    pub fn into_parts(self) -> (Coordinate, Vec<String>) {
        (self.coordinate, self.relays)
    }
}

impl TryFrom<Coordinate> for Naddr {
    type Error = Error;
    /// An address pointer without relays.
    ///
    /// # Errors
    /// [`Error::IdentifierTooLong`] for an identifier over 255 bytes.
    fn try_from(coordinate: Coordinate) -> Result<Self, Error> {
        Self::new(coordinate, core::iter::empty::<String>())
    }
}

impl From<Naddr> for Coordinate {
    fn from(addr: Naddr) -> Self {
        addr.coordinate
    }
}

impl fmt::Display for Naddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f)
    }
}

impl FromStr for Naddr {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_bech32(s)
    }
}
