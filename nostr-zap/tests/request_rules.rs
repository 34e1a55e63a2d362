//! NIP-57 Appendix D, one test per rule: the valid request and each violation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod common;

use common::*;
use nostr_core::{Coordinate, CoordinateError, EventId, Kind, Tag, Timestamp};
use nostr_zap::{Error, RequestError, ZapRequest, ZapRequestBuilder};

fn check(event: &nostr_core::Event, amount: u64) -> Result<ZapRequest, Error> {
    ZapRequest::from_json(&event.to_json(), amount)
}

fn err(e: RequestError) -> Result<ZapRequest, Error> {
    Err(Error::Request(e))
}

#[test]
fn valid_request_passes_and_is_typed() {
    let r = check(&good_request(), 21_000).unwrap();
    assert_eq!(r.recipient, recipient().public_key());
    assert_eq!(r.sender(), sender().public_key());
    assert_eq!(r.amount_msat, Some(21_000));
    assert_eq!(r.relays, ["wss://relay.example.com"]);
    assert_eq!(r.comment(), "great stream");
    assert!(r.lnurl.is_some());
    assert!(!r.anonymous);
}

#[test]
fn malformed_json_is_typed() {
    assert!(matches!(
        ZapRequest::from_json("{\"kind\":9734", 1),
        Err(Error::Request(RequestError::Json(_)))
    ));
    assert!(matches!(
        ZapRequest::from_json("", 1),
        Err(Error::Request(RequestError::Json(_)))
    ));
}

#[test]
fn wrong_kind() {
    let e = nostr_core::EventBuilder::new(Kind::TEXT_NOTE, "")
        .tags([relays(), p(&recipient())])
        .sign_at_with_aux(&sender(), Timestamp::from_secs(T0), &[0; 32]);
    assert_eq!(check(&e, 1), err(RequestError::WrongKind(Kind::TEXT_NOTE)));
}

#[test]
fn rule1_signature() {
    let mut e = good_request();
    e.content.push('!');
    assert!(matches!(
        check(&e, 21_000),
        Err(Error::Request(RequestError::InvalidSignature(_)))
    ));
    let mut e = good_request();
    e.sig = nostr_core::Signature::from_bytes([1; 64]);
    assert!(matches!(
        check(&e, 21_000),
        Err(Error::Request(RequestError::InvalidSignature(_)))
    ));
}

#[test]
fn rule2_tags() {
    let e = request_with(&sender(), vec![], "");
    assert_eq!(check(&e, 1), err(RequestError::NoTags));
}

#[test]
fn rule3_exactly_one_p() {
    let e = request_with(&sender(), vec![relays()], "");
    assert_eq!(check(&e, 1), err(RequestError::MissingRecipient));
    let e = request_with(&sender(), vec![relays(), p(&recipient()), p(&server())], "");
    assert_eq!(
        check(&e, 1),
        err(RequestError::MultipleRecipients { count: 2 })
    );
    let e = request_with(&sender(), vec![relays(), Tag::new("p", ["zz"])], "");
    assert_eq!(check(&e, 1), err(RequestError::InvalidRecipient));
}

#[test]
fn rule4_at_most_one_e() {
    let id = EventId::from_bytes([7; 32]);
    let e = request_with(
        &sender(),
        vec![relays(), p(&recipient()), Tag::event(id, None, None, None)],
        "",
    );
    assert_eq!(check(&e, 1).unwrap().event_id, Some(id));
    let e = request_with(
        &sender(),
        vec![
            relays(),
            p(&recipient()),
            Tag::event(id, None, None, None),
            Tag::event(id, None, None, None),
        ],
        "",
    );
    assert_eq!(check(&e, 1), err(RequestError::MultipleEvents { count: 2 }));
    let e = request_with(
        &sender(),
        vec![relays(), p(&recipient()), Tag::new("e", ["x"])],
        "",
    );
    assert_eq!(check(&e, 1), err(RequestError::InvalidEvent));
}

#[test]
fn rule5_relays() {
    let e = request_with(&sender(), vec![p(&recipient())], "");
    assert_eq!(check(&e, 1), err(RequestError::MissingRelays));
    let e = request_with(
        &sender(),
        vec![Tag::new("relays", Vec::<String>::new()), p(&recipient())],
        "",
    );
    assert_eq!(check(&e, 1), err(RequestError::MissingRelays));
}

#[test]
fn rule6_amount() {
    assert_eq!(
        check(&good_request(), 21_001),
        err(RequestError::AmountMismatch {
            tag: 21_000,
            query: 21_001
        })
    );
    let e = request_with(
        &sender(),
        vec![relays(), p(&recipient()), Tag::new("amount", ["21 000"])],
        "",
    );
    assert_eq!(
        check(&e, 1),
        err(RequestError::InvalidAmount("21 000".into()))
    );
    let e = request_with(
        &sender(),
        vec![relays(), p(&recipient()), Tag::new("amount", ["-1"])],
        "",
    );
    assert_eq!(check(&e, 1), err(RequestError::InvalidAmount("-1".into())));
    // No amount tag: nothing to compare.
    let e = request_with(&sender(), vec![relays(), p(&recipient())], "");
    assert_eq!(check(&e, 5).unwrap().amount_msat, None);
}

#[test]
fn rule7_coordinate() {
    let c = Coordinate::new(Kind::LIVE_EVENT, recipient().public_key(), "stream");
    let e = request_with(
        &sender(),
        vec![
            relays(),
            p(&recipient()),
            Tag::coordinate(&c, None),
            Tag::new("k", ["30311"]),
        ],
        "",
    );
    let r = check(&e, 1).unwrap();
    assert_eq!(r.coordinate, Some(c.clone()));
    assert_eq!(r.target_kind, Some(Kind::LIVE_EVENT));
    let e = request_with(
        &sender(),
        vec![relays(), p(&recipient()), Tag::new("a", ["30311"])],
        "",
    );
    assert_eq!(
        check(&e, 1),
        err(RequestError::InvalidCoordinate(
            CoordinateError::MissingSeparator
        ))
    );
    let e = request_with(
        &sender(),
        vec![relays(), p(&recipient()), Tag::new("a", ["x:y:z"])],
        "",
    );
    assert_eq!(
        check(&e, 1),
        err(RequestError::InvalidCoordinate(
            CoordinateError::InvalidKind
        ))
    );
    let e = request_with(
        &sender(),
        vec![
            relays(),
            p(&recipient()),
            Tag::coordinate(&c, None),
            Tag::coordinate(&c, None),
        ],
        "",
    );
    assert_eq!(
        check(&e, 1),
        err(RequestError::MultipleCoordinates { count: 2 })
    );
}

#[test]
fn rule8_sender_tag() {
    let big_p = |k: &nostr_core::Keys| Tag::new("P", [k.public_key().to_hex()]);
    let e = request_with(
        &sender(),
        vec![relays(), p(&recipient()), big_p(&server())],
        "",
    );
    let json = e.to_json();
    assert_eq!(
        ZapRequest::from_json(&json, 1).unwrap().sender_tag,
        Some(server().public_key())
    );
    assert!(ZapRequest::from_json_for_signer(&json, 1, &server().public_key()).is_ok());
    assert_eq!(
        ZapRequest::from_json_for_signer(&json, 1, &sender().public_key()),
        err(RequestError::SenderMismatch {
            found: server().public_key(),
            expected: sender().public_key()
        })
    );
    let e = request_with(
        &sender(),
        vec![
            relays(),
            p(&recipient()),
            big_p(&server()),
            big_p(&server()),
        ],
        "",
    );
    assert_eq!(
        check(&e, 1),
        err(RequestError::MultipleSenders { count: 2 })
    );
    let e = request_with(
        &sender(),
        vec![relays(), p(&recipient()), Tag::new("P", [""])],
        "",
    );
    assert_eq!(check(&e, 1), err(RequestError::InvalidSender));
}

#[test]
fn k_tag_must_be_a_kind() {
    let e = request_with(
        &sender(),
        vec![relays(), p(&recipient()), Tag::new("k", ["70000"])],
        "",
    );
    assert_eq!(
        check(&e, 1),
        err(RequestError::InvalidKindTag("70000".into()))
    );
}

#[test]
fn builder_writes_what_validation_reads() {
    let id = EventId::from_bytes([3; 32]);
    let c = Coordinate::new(Kind::LIVE_EVENT, server().public_key(), "live");
    let e = ZapRequestBuilder::new(recipient().public_key(), ["wss://a", "wss://b"])
        .amount_msat(5_000)
        .lnurl("lnurl1xyz")
        .comment("hi")
        .event(id)
        .address(c.clone())
        .sign_with_aux(&sender(), Timestamp::from_secs(T0), &[0; 32]);
    let names: Vec<&str> = e.tags.iter().map(|t| t.name()).collect();
    assert_eq!(names, ["relays", "amount", "lnurl", "p", "e", "a", "k"]);
    let r = ZapRequest::from_json(&e.to_json(), 5_000).unwrap();
    assert_eq!(r.relays, ["wss://a", "wss://b"]);
    assert_eq!(r.event_id, Some(id));
    assert_eq!(r.coordinate, Some(c));
    assert_eq!(r.target_kind, Some(Kind::LIVE_EVENT));
    assert_eq!(r.lnurl.as_deref(), Some("lnurl1xyz"));
    // An explicit k wins over the coordinate's kind.
    let e = ZapRequestBuilder::new(recipient().public_key(), ["wss://a"])
        .event(id)
        .target_kind(Kind::TEXT_NOTE)
        .sign_with_aux(&sender(), Timestamp::from_secs(T0), &[0; 32]);
    assert_eq!(e.tags.first_value("k"), Some("1"));
}

#[test]
fn anonymous_zaps_use_a_throwaway_key() {
    let b = ZapRequestBuilder::new(recipient().public_key(), ["wss://a"]).amount_msat(1000);
    let one = b.sign_anonymous(Timestamp::from_secs(T0));
    let two = b.sign_anonymous(Timestamp::from_secs(T0));
    assert_ne!(one.pubkey, two.pubkey);
    assert_eq!(one.tags.find("anon").unwrap(), ["anon", ""]);
    let r = ZapRequest::from_json(&one.to_json(), 1000).unwrap();
    assert!(r.anonymous);
}
