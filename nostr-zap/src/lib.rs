//! # nostr-zap
//!
//! Nostr NIP-57 zaps: requests, receipts, validation, BOLT-11 invoices, LNURL, zap splits.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod bech32;
pub mod bolt11;
mod error;

pub use bolt11::Invoice;
pub use error::{Bolt11Error, Error, GoalError, LnurlError, ReceiptError, RequestError, SplitError};
