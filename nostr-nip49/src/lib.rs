//! # nostr-nip49
//!
//! Nostr NIP-49 private key encryption (ncryptsec): scrypt + XChaCha20-Poly1305.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;
