//! Shared fixtures: fixed keys, zap requests, invoices and receipts.
#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs
)]

use nostr_core::secp256k1::SecretKey as NodeSecret;
use nostr_core::{Event, EventBuilder, Keys, Kind, Tag, Timestamp};
use nostr_zap::bolt11::{InvoiceBuilder, Network};
use nostr_zap::{ZapReceiptBuilder, description_hash};

pub const T0: u64 = 1_700_000_000;

pub fn keys(n: u8) -> Keys {
    Keys::new(nostr_core::SecretKey::from_bytes([n; 32]).unwrap())
}

pub fn sender() -> Keys {
    keys(1)
}
pub fn recipient() -> Keys {
    keys(2)
}
pub fn server() -> Keys {
    keys(3)
}

pub fn node() -> NodeSecret {
    NodeSecret::from_byte_array(&[9u8; 32]).unwrap()
}

/// A kind 9734 signed by `signer` with exactly these tags.
pub fn request_with(signer: &Keys, tags: Vec<Tag>, content: &str) -> Event {
    EventBuilder::new(Kind::ZAP_REQUEST, content)
        .tags(tags)
        .sign_at_with_aux(signer, Timestamp::from_secs(T0), &[0u8; 32])
}

pub fn relays() -> Tag {
    Tag::new("relays", ["wss://relay.example.com"])
}

pub fn p(k: &Keys) -> Tag {
    Tag::public_key(k.public_key(), None)
}

pub fn amount(msat: u64) -> Tag {
    Tag::new("amount", [msat.to_string()])
}

/// A well-formed request: relays, amount 21000, lnurl, p.
pub fn good_request() -> Event {
    request_with(
        &sender(),
        vec![
            relays(),
            amount(21_000),
            Tag::new(
                "lnurl",
                [
                    "lnurl1dp68gurn8ghj7um5v93kketj9ehx2amn9uh8wetvdskkkmn0wahz7mrww4excup0dajx2mrv92x9xp",
                ],
            ),
            p(&recipient()),
        ],
        "great stream",
    )
}

/// A description-hash invoice for `request_json` of `msat`.
pub fn invoice_for(request_json: &str, msat: Option<u64>) -> String {
    let mut b = InvoiceBuilder::new(Network::Bitcoin, preimage_hash(), [2u8; 32], T0)
        .description_hash(description_hash(request_json));
    if let Some(m) = msat {
        b = b.amount_msat(m);
    }
    b.sign(&node()).unwrap()
}

pub const PREIMAGE: [u8; 32] = [5u8; 32];

pub fn preimage_hash() -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(PREIMAGE).into()
}

/// A receipt signed by `server()` for `request`, built by the crate's builder.
pub fn receipt_for(request: &Event) -> Event {
    let json = request.to_json();
    let bolt11 = invoice_for(&json, Some(21_000));
    ZapReceiptBuilder::new(&bolt11, &json)
        .preimage(PREIMAGE)
        .sign_with_aux(&server(), Timestamp::from_secs(T0 + 5), &[0u8; 32])
        .unwrap()
}

/// A receipt signed by `server()` with exactly these tags (for violations the
/// builder refuses to write).
pub fn receipt_with(tags: Vec<Tag>) -> Event {
    EventBuilder::new(Kind::ZAP_RECEIPT, "")
        .tags(tags)
        .sign_at_with_aux(&server(), Timestamp::from_secs(T0 + 5), &[0u8; 32])
}
