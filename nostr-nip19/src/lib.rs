//! # nostr-nip19
//!
//! The bech32 forms of Nostr keys, ids and pointers that users paste, share and scan
//! ([NIP-19]), and `nostr:` URIs ([NIP-21]), as typed values that convert to and from
//! the [`nostr_core`] types.
//!
//! | prefix | type | payload |
//! |---|---|---|
//! | `npub` | [`Npub`] | [`PublicKey`](nostr_core::PublicKey) |
//! | `nsec` | [`Nsec`] | [`SecretKey`](nostr_core::SecretKey) (zeroized, redacted) |
//! | `note` | [`Note`] | [`EventId`](nostr_core::EventId) |
//! | `nprofile` | [`Nprofile`] | public key + relays |
//! | `nevent` | [`Nevent`] | event id + relays + optional author and [`Kind`](nostr_core::Kind) |
//! | `naddr` | [`Naddr`] | [`Coordinate`](nostr_core::Coordinate) + relays |
//! | `ncryptsec` | [`Ncryptsec`] | opaque NIP-49 bytes (see `nostr-nip49`) |
//!
//! [`Entity::decode`] takes any of them; each type has `from_bech32` / `to_bech32`,
//! `FromStr` and `Display`. [`NostrUri`] parses and writes `nostr:` URIs (refusing
//! secrets), and [`find_uris`] finds every `nostr:` URI in a note's text with its byte
//! range.
//!
//! The codec is bech32 (BIP-173) only: a bech32m checksum is an error. Strings up to
//! [`MAX_LEN`] (5000) characters work, both ways; longer ones are refused.
//!
//! ## Example
//!
//! ```
//! use nostr_core::{Coordinate, Kind, PublicKey};
//! use nostr_nip19::{find_uris, Entity, Naddr, Npub};
//!
//! // Decode whatever the user pasted.
//! let pasted = "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg";
//! let Entity::Npub(npub) = Entity::decode(pasted)? else { unreachable!() };
//! let author: PublicKey = npub.into();
//!
//! // Share an article address.
//! let coordinate = Coordinate::new(Kind::new(30023), author, "my-article");
//! let naddr = Naddr::new(coordinate.clone(), ["wss://relay.example.com"])?;
//! let link = format!("read it: nostr:{naddr}");
//!
//! // Render mentions in a note.
//! let mention = find_uris(&link).next().expect("one uri");
//! assert_eq!(&link[mention.range.clone()], format!("nostr:{naddr}"));
//! assert_eq!(mention.uri.entity(), &Entity::Naddr(naddr));
//! # let _ = Npub::from(author);
//! # Ok::<(), nostr_nip19::Error>(())
//! ```
//!
//! ## TLV rules
//!
//! ### Decoding
//!
//! The payload is a list of records `type (1 byte) | length (1 byte) | value`.
//!
//! - Unknown record types are ignored, as NIP-19 says.
//! - A record whose length byte is missing, or whose value runs past the end of the
//!   payload, is [`Error::TruncatedTlv`].
//! - A required record that is absent is [`Error::MissingField`].
//! - A 32-byte field (public key, event id, author) of another length is
//!   [`Error::InvalidLength`]; so is a kind that is not 4 bytes.
//! - A kind is a 32-bit big-endian number; values above 65535 (outside NIP-01's kind
//!   range) are [`Error::KindOutOfRange`], never truncated.
//! - Single-valued fields (special, author, kind) take the first record of their type;
//!   later ones must still be well-formed but are otherwise ignored (as nostr-tools does).
//! - **Relays**: every type-1 record whose value is valid UTF-8 becomes a relay, in
//!   order; a value that is not valid UTF-8 is skipped. The rule is the same for
//!   `nprofile`, `nevent` and `naddr`. Relay strings are not otherwise validated.
//! - The `naddr` identifier must be valid UTF-8 ([`Error::InvalidUtf8`]): it is the
//!   `d` tag of an event, which is a JSON string.
//!
//! ### Encoding
//!
//! Records are written in type order (special, relays, author, kind). Construction
//! checks that every relay and the identifier fit in one record (255 bytes) and that
//! the whole string stays within [`crate::MAX_LEN`] characters, so `Display` cannot
//! fail and never writes a corrupt length byte.
//!
//! ## Crate features
//!
//! - `std` (default): implies `alloc`; enables `nostr-core`'s `std` feature.
//! - `alloc`: heap types (relay lists, identifiers); always required today.
//!
//! The crate is `no_std` and has no unsafe code.
//!
//! ## Specifications
//!
//! [NIP-19] (bech32-encoded entities), [NIP-21] (`nostr:` URI scheme), [BIP-173]
//! (bech32); BIP-350 (bech32m) only to reject it.
//!
//! [NIP-19]: https://github.com/nostr-protocol/nips/blob/master/19.md
//! [NIP-21]: https://github.com/nostr-protocol/nips/blob/master/21.md
//! [BIP-173]: https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod any;
mod bare;
mod bech32;
mod error;
mod nip21;
pub mod prefix;
mod tlv;

pub use any::{Entity, Ncryptsec};
pub use bare::{Note, Npub, Nsec};
pub use bech32::MAX_LEN;
pub use error::Error;
pub use nip21::{FindUris, NostrUri, SCHEME, UriMatch, find_uris};
pub use tlv::{Naddr, Nevent, Nprofile};

/// The README's example, run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctest;
