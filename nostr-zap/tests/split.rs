//! NIP-57 Appendix G: reading `zap` tags and one request per receiver.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod common;

use common::*;
use nostr_core::{Tag, Tags, Timestamp};
use nostr_zap::split::{split_amount, split_requests, zap_splits};
use nostr_zap::{Error, SplitError, ZapRequest, ZapRequestBuilder};

fn zap(k: &nostr_core::Keys, weight: Option<&str>) -> Tag {
    let mut items = vec![k.public_key().to_hex(), "wss://r".to_string()];
    items.extend(weight.map(String::from));
    Tag::new("zap", items)
}

#[test]
fn weightless_receivers_get_nothing_when_others_have_weights() {
    let tags = Tags::from(vec![
        zap(&keys(1), Some("3")),
        zap(&keys(2), None),
        zap(&keys(3), Some("1")),
    ]);
    let parts: Vec<u64> = split_amount(&zap_splits(&tags).unwrap(), 1000)
        .unwrap()
        .iter()
        .map(|s| s.amount_msat)
        .collect();
    assert_eq!(parts, [750, 0, 250]);
}

#[test]
fn equal_split_and_remainder_goes_last() {
    let tags = Tags::from(vec![
        zap(&keys(1), None),
        zap(&keys(2), Some("")),
        zap(&keys(3), None),
    ]);
    let parts: Vec<u64> = split_amount(&zap_splits(&tags).unwrap(), 10)
        .unwrap()
        .iter()
        .map(|s| s.amount_msat)
        .collect();
    assert_eq!(parts, [3, 3, 4]);
}

#[test]
fn zero_weight_is_excluded_and_all_zero_is_an_error() {
    let tags = Tags::from(vec![zap(&keys(1), Some("0")), zap(&keys(2), Some("5"))]);
    let shares = split_amount(&zap_splits(&tags).unwrap(), 99).unwrap();
    assert_eq!(shares[0].amount_msat, 0);
    assert_eq!(shares[1].amount_msat, 99);
    let tags = Tags::from(vec![zap(&keys(1), Some("0"))]);
    assert_eq!(
        split_amount(&zap_splits(&tags).unwrap(), 99),
        Err(Error::Split(SplitError::NoReceivers))
    );
    assert_eq!(
        split_amount(&[], 99),
        Err(Error::Split(SplitError::NoReceivers))
    );
}

#[test]
fn huge_weights_and_totals_are_exact() {
    let max = u64::MAX.to_string();
    let tags = Tags::from(vec![zap(&keys(1), Some(&max)), zap(&keys(2), Some("0"))]);
    let shares = split_amount(&zap_splits(&tags).unwrap(), u64::MAX).unwrap();
    assert_eq!(shares[0].amount_msat, u64::MAX);
    let tags = Tags::from(vec![zap(&keys(1), Some(&max)), zap(&keys(2), Some("1"))]);
    assert_eq!(
        split_amount(&zap_splits(&tags).unwrap(), 5),
        Err(Error::Split(SplitError::WeightOverflow))
    );
}

#[test]
fn malformed_tags_are_typed_errors() {
    let tags = Tags::from(vec![Tag::new("t", ["x"]), Tag::new("zap", ["ab"])]);
    assert_eq!(
        zap_splits(&tags),
        Err(Error::Split(SplitError::InvalidPubkey { index: 1 }))
    );
    let tags = Tags::from(vec![zap(&keys(1), Some("1.5"))]);
    assert_eq!(
        zap_splits(&tags),
        Err(Error::Split(SplitError::InvalidWeight {
            index: 0,
            weight: "1.5".into()
        }))
    );
}

#[test]
fn one_request_per_paid_receiver() {
    let tags = Tags::from(vec![
        zap(&keys(1), Some("1")),
        zap(&keys(2), Some("0")),
        zap(&keys(3), Some("1")),
    ]);
    let template = ZapRequestBuilder::new(recipient().public_key(), ["wss://relay"])
        .comment("split zap")
        .event(nostr_core::EventId::from_bytes([6; 32]));
    let requests = split_requests(&template, &zap_splits(&tags).unwrap(), 2001).unwrap();
    assert_eq!(requests.len(), 2);
    let mut total = 0;
    for (share, builder) in requests {
        let event = builder.sign_with_aux(&sender(), Timestamp::from_secs(T0), &[0; 32]);
        let checked = ZapRequest::from_json(&event.to_json(), share.amount_msat).unwrap();
        assert_eq!(checked.recipient, share.pubkey);
        assert_eq!(checked.comment(), "split zap");
        assert!(checked.event_id.is_some());
        total += share.amount_msat;
    }
    assert_eq!(total, 2001);
}
