//! # nostr-core
//!
//! The NIP-01 data model of [Nostr](https://github.com/nostr-protocol/nips) with no I/O:
//! keys, events, canonical serialization and ids, BIP-340 signing and verification,
//! tags, filters and client/relay messages, plus the small generic NIPs every client
//! and relay needs (NIP-10 thread markers, NIP-13 proof of work, NIP-40 expiration,
//! NIP-98 HTTP auth), and the protocol's semantics for relay and client authors as
//! pure functions: [`policy`] (the acceptance check that returns the exact `OK`),
//! [`replaceable`], [`nip09`] deletion, [`req`] (OR-filters, initial-query limits,
//! COUNT, a subscription index), [`nip42`] authentication, [`nip11`] relay information,
//! [`nip45`] HyperLogLog counts, [`nip65`] relay lists and [`relay_url`] normalisation.
//!
//! Nothing here opens a socket or reads a clock behind your back: time is passed in
//! (helpers named `*now*` read the system clock, behind the `std` feature).
//!
//! ## Example
//!
//! ```
//! use nostr_core::{Event, EventBuilder, Keys, Kind, Tag, Timestamp};
//!
//! let keys = Keys::generate();
//! let note = EventBuilder::new(Kind::TEXT_NOTE, "hello from nostr-core")
//!     .tag(Tag::hashtag("rust"))
//!     .sign_at(&keys, Timestamp::from_secs(1_700_000_000));
//!
//! // What travels on the wire...
//! let json = note.to_json();
//! // ...and what a receiver does with it: parse (strictly), then verify id and signature.
//! let received = Event::from_json(&json)?;
//! received.verify()?;
//! assert_eq!(received.tags.hashtags().next(), Some("rust"));
//! # Ok::<(), nostr_core::Error>(())
//! ```
//!
//! ## Crate features
//!
//! - `std` (default): OS randomness ([`Keys::generate`]), [`Timestamp::now`].
//! - `alloc`: heap types; always required today.
//! - `parallel`: `verify_batch` and the NIP-13 miner on all cores (rayon).
//!
//! ## Specifications
//!
//! NIP-01 (events, filters, messages), NIP-09, NIP-10, NIP-11, NIP-13, NIP-40, NIP-42,
//! NIP-45, NIP-65, NIP-98.

#![no_std]
#![forbid(unsafe_code)]
// Without `std` the docs still name the std-only entry points (OS randomness); they
// are text then, not links.
#![cfg_attr(not(feature = "std"), allow(rustdoc::broken_intra_doc_links))]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod batch;
mod canonical;
mod coordinate;
mod error;
mod event;
mod event_id;
mod filter;
mod hash_sink;
pub mod hex;
mod json;
mod keys;
mod kind;
mod message;
pub mod nip09;
pub mod nip10;
pub mod nip11;
pub mod nip13;
pub mod nip40;
pub mod nip42;
pub mod nip45;
pub mod nip65;
pub mod nip98;
pub mod policy;
mod raw_event;
pub mod relay_url;
pub mod replaceable;
pub mod req;
mod scan;
mod secp;
mod signature;
mod tag;
mod timestamp;

pub use batch::{verify_batch, verify_batch_raw};
pub use coordinate::{Coordinate, CoordinateError};
pub use error::{Error, NumberError};
pub use event::{Event, EventBuilder, UnsignedEvent};
pub use event_id::EventId;
pub use filter::Filter;
pub use json::{JsonError, JsonErrorKind, JsonStr};
#[cfg(feature = "std")]
pub use keys::OsRng;
pub use keys::{Keys, PublicKey, SecretKey};
pub use kind::Kind;
pub use message::{ClientMessage, CountResult, Prefix, Reason, RelayMessage, SubscriptionId};
pub use nip10::Marker;
pub use raw_event::{RawEvent, RawTagItems, RawTags};
pub use relay_url::RelayUrl;
pub use signature::Signature;
pub use tag::{AnyTag, CoordinateRef, EventRef, PubkeyRef, Tag, TagItems, TagRef, Tags, TagsIter};
pub use timestamp::Timestamp;

/// The libsecp256k1 bindings this crate uses, for callers that need more of them.
pub use secp256k1;

/// The process-wide secp256k1 context (created once, lazily). Use it instead of
/// building a context per call.
pub fn secp256k1_context() -> &'static secp256k1::Secp256k1<secp256k1::All> {
    secp::context()
}
