//! # nostr-zap
//!
//! [NIP-57](https://github.com/nostr-protocol/nips/blob/master/57.md) Lightning zaps end to
//! end, with no I/O: the caller fetches URLs and passes HTTP bodies in as strings.
//!
//! - [`lnurl`]: `lnurl1...` bech32, lightning addresses, LNURL-pay responses, the
//!   callback URL (amount, `nostr`, `lnurl` percent-encoded).
//! - [`ZapRequestBuilder`] (kind 9734, Appendix A; anonymous zaps too) and
//!   [`ZapRequest::from_json`], the LNURL server's Appendix D validation.
//! - [`ZapReceiptBuilder`] (kind 9735, Appendix E) from the paid invoice and the request
//!   *string*, and [`ValidatedZap::validate`], the client's Appendix F validation, with
//!   SHOULD-level findings reported as [`ZapWarning`]s instead of hidden.
//! - [`bolt11`]: a BOLT-11 decoder (all fields, checksum over any length, signature
//!   checked against `n` or the payee key recovered), and a small invoice writer.
//! - [`split`]: Appendix G zap splits with exact integer arithmetic.
//! - [`goal`]: NIP-75 zap goals and their progress.
//!
//! ## Example: a zap's whole trip
//!
//! ```
//! use nostr_core::{Keys, Timestamp, secp256k1::SecretKey};
//! use nostr_zap::bolt11::{InvoiceBuilder, Network};
//! use nostr_zap::{description_hash, lnurl, ValidatedZap, ZapReceiptBuilder, ZapRequest, ZapRequestBuilder};
//!
//! let server = Keys::generate(); // the LNURL server's nostrPubkey
//! let (sender, recipient) = (Keys::generate(), Keys::generate());
//!
//! // 1. The client resolves the recipient's lightning address and fetches the URL.
//! let url = lnurl::lightning_address_url("alice@example.com")?;
//! let recipient_lnurl = lnurl::encode_lnurl(&url);
//! let body = format!(
//!     r#"{{"tag":"payRequest","callback":"https://example.com/cb","minSendable":1000,
//!         "maxSendable":1000000000,"metadata":"[]","allowsNostr":true,"nostrPubkey":"{}"}}"#,
//!     server.public_key()
//! );
//! let pay = lnurl::PayResponse::parse(&body)?;
//! let provider = pay.zap_pubkey().expect("zaps supported");
//!
//! // 2. It signs a zap request and builds the callback URL.
//! let request = ZapRequestBuilder::new(recipient.public_key(), ["wss://relay.example.com"])
//!     .amount_msat(21_000)
//!     .lnurl(&recipient_lnurl)
//!     .comment("gm")
//!     .sign(&sender, Timestamp::from_secs(1_700_000_000))
//!     .to_json();
//! let callback = pay.callback_url(21_000, Some(&request), Some(&recipient_lnurl))?;
//! assert!(callback.starts_with("https://example.com/cb?amount=21000&nostr=%7B"));
//!
//! // 3. The server validates the `nostr` parameter (Appendix D) and has its node make
//! //    a description-hash invoice for the request string.
//! ZapRequest::from_json(&request, 21_000)?;
//! let node = SecretKey::from_byte_array(&[0x42; 32]).unwrap();
//! let invoice = InvoiceBuilder::new(Network::Bitcoin, [1; 32], [2; 32], 1_700_000_000)
//!     .amount_msat(21_000)
//!     .description_hash(description_hash(&request))
//!     .sign(&node)?;
//!
//! // 4. Once paid, it publishes a receipt built from the invoice and the request string.
//! let receipt = ZapReceiptBuilder::new(&invoice, &request)
//!     .sign(&server, Timestamp::from_secs(1_700_000_005))?;
//!
//! // 5. Any client validates the receipt (Appendix F).
//! let zap = ValidatedZap::validate(&receipt, &provider, Some(&recipient_lnurl))?;
//! assert_eq!(zap.amount_msat, 21_000);
//! assert_eq!(zap.sender(), sender.public_key());
//! assert_eq!(zap.recipient(), recipient.public_key());
//! assert_eq!(zap.comment(), "gm");
//! assert!(zap.is_clean());
//! # Ok::<(), nostr_zap::Error>(())
//! ```
//!
//! ## Crate features
//!
//! - `std` (default): OS randomness for [`ZapRequestBuilder::sign`],
//!   [`ZapRequestBuilder::sign_anonymous`] and [`ZapReceiptBuilder::sign`];
//!   `std::error::Error`.
//! - `alloc`: heap types; always required today. Without `std`, sign with the
//!   `*_with_aux` / `*_with` variants and a caller RNG.
//!
//! ## Specifications
//!
//! NIP-57 (Lightning Zaps, Appendices A-G), NIP-75 (Zap Goals), BOLT-11 (invoices),
//! LUD-01 / LUD-06 / LUD-16 (LNURL, pay requests, lightning addresses), RFC 3986 §2
//! (percent-encoding).

#![no_std]
#![forbid(unsafe_code)]
// Without `std` the docs still name the std-only entry points (OS randomness); they
// are text then, not links.
#![cfg_attr(not(feature = "std"), allow(rustdoc::broken_intra_doc_links))]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod bech32;
pub mod bolt11;
mod error;
pub mod goal;
pub mod lnurl;
mod receipt;
mod request;
pub mod split;

pub use bolt11::Invoice;
pub use error::{
    Bolt11Error, Error, GoalError, LnurlError, ReceiptError, RequestError, SplitError,
};
pub use goal::{GoalProgress, ZapGoal};
pub use receipt::{ValidatedZap, ZapReceiptBuilder, ZapTarget, ZapWarning};
pub use request::{ZapRequest, ZapRequestBuilder};
pub use split::{SplitShare, ZapSplit};

/// SHA-256 of a zap request string: the description hash its invoice must carry
/// (NIP-57 protocol flow, step 6).
pub fn description_hash(request_json: &str) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(request_json.as_bytes()).into()
}
