//! # nostr-live
//!
//! Nostr NIP-53 live activities and meeting spaces, NIP-5E live streams with NIP-94 segments.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;
