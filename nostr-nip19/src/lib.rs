//! # nostr-nip19
//!
//! Nostr NIP-19 bech32 entities (npub, nsec, note, nprofile, nevent, naddr) and NIP-21 nostr: URIs.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;
