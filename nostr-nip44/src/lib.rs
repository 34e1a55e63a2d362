//! # nostr-nip44
//!
//! Nostr NIP-44 v2 encryption: conversation keys, padding, ChaCha20 + HMAC-SHA256.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;
