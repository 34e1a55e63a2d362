//! NIP-57 Appendix E (receipt builder) and Appendix F (client validation): the valid
//! receipt, each MUST-level violation as an error, each SHOULD-level one as a warning.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod common;

use common::*;
use nostr_core::{Coordinate, Event, EventId, Kind, Tag, Timestamp};
use nostr_zap::bolt11::{InvoiceBuilder, Network};
use nostr_zap::{
    Bolt11Error, Error, ReceiptError, RequestError, ValidatedZap, ZapReceiptBuilder, ZapWarning,
    description_hash,
};

const LNURL: &str =
    "lnurl1dp68gurn8ghj7um5v93kketj9ehx2amn9uh8wetvdskkkmn0wahz7mrww4excup0dajx2mrv92x9xp";

fn validate(receipt: &Event) -> Result<ValidatedZap, Error> {
    ValidatedZap::validate(receipt, &server().public_key(), Some(LNURL))
}

fn err(e: ReceiptError) -> Result<ValidatedZap, Error> {
    Err(Error::Receipt(e))
}

/// The tags of a well-formed receipt for `request`, to tamper with.
fn tags_for(request: &Event, bolt11: &str) -> Vec<Tag> {
    vec![
        p(&recipient()),
        Tag::new("P", [request.pubkey.to_hex()]),
        Tag::new("bolt11", [bolt11]),
        Tag::new("description", [request.to_json()]),
    ]
}

#[test]
fn builder_output_validates_clean() {
    let request = good_request();
    let receipt = receipt_for(&request);
    let names: Vec<&str> = receipt.tags.iter().map(|t| t.name()).collect();
    assert_eq!(names, ["p", "P", "bolt11", "description", "preimage"]);
    assert_eq!(receipt.content, "");
    assert_eq!(
        receipt.tags.first_value("description"),
        Some(request.to_json().as_str())
    );
    let zap = validate(&receipt).unwrap();
    assert!(zap.is_clean(), "{:?}", zap.warnings);
    assert_eq!(zap.amount_msat, 21_000);
    assert_eq!(zap.sender(), sender().public_key());
    assert_eq!(zap.recipient(), recipient().public_key());
    assert_eq!(zap.comment(), "great stream");
    assert_eq!(zap.target().event, None);
    assert_eq!(zap.paid_at, Timestamp::from_secs(T0 + 5));
    // From JSON too.
    let again =
        ValidatedZap::from_json(&receipt.to_json(), &server().public_key(), Some(LNURL)).unwrap();
    assert_eq!(again, zap);
}

#[test]
fn builder_copies_e_a_k_and_keeps_request_bytes() {
    let c = Coordinate::new(Kind::LIVE_EVENT, server().public_key(), "s1");
    let goal = EventId::from_bytes([4; 32]);
    let request = request_with(
        &sender(),
        vec![
            relays(),
            p(&recipient()),
            Tag::coordinate(&c, Some("wss://r")),
            Tag::event(goal, None, None, None),
            Tag::new("k", ["30311"]),
        ],
        "",
    );
    // A request string with a key order and spacing no serializer would produce.
    let json = request.to_json().replacen("{\"id\"", "{ \"id\"", 1);
    // No invoice amount: a client could not count the zap, so the builder refuses it,
    // and a receipt written that way by hand fails validation.
    let amountless = invoice_for(&json, None);
    assert_eq!(
        ZapReceiptBuilder::new(&amountless, &json).sign_with_aux(
            &server(),
            Timestamp::from_secs(T0),
            &[0; 32]
        ),
        Err(Error::Receipt(ReceiptError::InvoiceWithoutAmount))
    );
    let by_hand = receipt_with(tags_for(&request, &invoice_for(&request.to_json(), None)));
    assert_eq!(validate(&by_hand), err(ReceiptError::InvoiceWithoutAmount));

    let bolt11 = invoice_for(&json, Some(1000));
    let receipt = ZapReceiptBuilder::new(&bolt11, &json)
        .sign_with_aux(&server(), Timestamp::from_secs(T0), &[0; 32])
        .unwrap();
    assert_eq!(receipt.tags.first_value("description"), Some(json.as_str()));
    assert_eq!(receipt.tags.find("a").unwrap().get(2), Some("wss://r"));
    assert_eq!(receipt.tags.first_value("k"), Some("30311"));
    let zap = validate(&receipt).unwrap();
    assert!(zap.is_clean());
    let target = zap.target();
    assert_eq!(target.event, Some(goal));
    assert_eq!(target.coordinate, Some(c));
    assert_eq!(target.kind, Some(Kind::LIVE_EVENT));
}

#[test]
fn builder_is_strict() {
    let request = good_request().to_json();
    let wrong_amount = invoice_for(&request, Some(1000));
    assert_eq!(
        ZapReceiptBuilder::new(&wrong_amount, &request)
            .build(server().public_key(), Timestamp::from_secs(T0)),
        Err(Error::Receipt(ReceiptError::AmountMismatch {
            invoice: 1000,
            request: 21_000
        }))
    );
    // Validation refuses a receipt for an invoice without an amount; so does the builder.
    let no_amount = invoice_for(&request, None);
    assert_eq!(
        ZapReceiptBuilder::new(&no_amount, &request)
            .build(server().public_key(), Timestamp::from_secs(T0)),
        Err(Error::Receipt(ReceiptError::InvoiceWithoutAmount))
    );
    let other_hash = invoice_for("{}", Some(21_000));
    assert_eq!(
        ZapReceiptBuilder::new(&other_hash, &request)
            .build(server().public_key(), Timestamp::from_secs(T0)),
        Err(Error::Receipt(ReceiptError::DescriptionHashMismatch))
    );
    let ok = invoice_for(&request, Some(21_000));
    assert_eq!(
        ZapReceiptBuilder::new(&ok, &request)
            .preimage([6; 32])
            .build(server().public_key(), Timestamp::from_secs(T0)),
        Err(Error::Receipt(ReceiptError::PreimageMismatch))
    );
    assert!(matches!(
        ZapReceiptBuilder::new("lnbc1", &request)
            .build(server().public_key(), Timestamp::from_secs(T0)),
        Err(Error::Receipt(ReceiptError::InvalidBolt11(_)))
    ));
    assert!(matches!(
        ZapReceiptBuilder::new(&ok, "{}").build(server().public_key(), Timestamp::from_secs(T0)),
        Err(Error::Receipt(ReceiptError::InvalidRequest(
            RequestError::Json(_)
        )))
    ));
}

#[test]
fn wrong_kind() {
    let e = nostr_core::EventBuilder::new(Kind::TEXT_NOTE, "").sign_at_with_aux(
        &server(),
        Timestamp::from_secs(T0),
        &[0; 32],
    );
    assert_eq!(validate(&e), err(ReceiptError::WrongKind(Kind::TEXT_NOTE)));
}

#[test]
fn author_must_be_the_provider() {
    let receipt = receipt_for(&good_request());
    assert_eq!(
        ValidatedZap::validate(&receipt, &sender().public_key(), None),
        err(ReceiptError::UnexpectedAuthor {
            found: server().public_key(),
            expected: sender().public_key()
        })
    );
}

#[test]
fn receipt_signature() {
    let mut receipt = receipt_for(&good_request());
    receipt.created_at = Timestamp::from_secs(1);
    assert!(matches!(
        validate(&receipt),
        Err(Error::Receipt(ReceiptError::InvalidSignature(_)))
    ));
}

#[test]
fn bolt11_present_and_valid() {
    let request = good_request();
    let receipt = receipt_with(vec![
        p(&recipient()),
        Tag::new("description", [request.to_json()]),
    ]);
    assert_eq!(validate(&receipt), err(ReceiptError::MissingBolt11));
    let receipt = receipt_with(tags_for(&request, "lnbc1qqqqqqqq"));
    assert!(matches!(
        validate(&receipt),
        Err(Error::Receipt(ReceiptError::InvalidBolt11(_)))
    ));
    // One flipped character: the checksum catches it.
    let good = invoice_for(&request.to_json(), Some(21_000));
    let bad = good.replacen("qq", "qp", 1);
    let receipt = receipt_with(tags_for(&request, &bad));
    assert_eq!(
        validate(&receipt),
        err(ReceiptError::InvalidBolt11(Bolt11Error::Checksum))
    );
}

#[test]
fn description_must_be_a_valid_request() {
    let request = good_request();
    let bolt11 = invoice_for(&request.to_json(), Some(21_000));
    let receipt = receipt_with(vec![p(&recipient()), Tag::new("bolt11", [bolt11.as_str()])]);
    assert_eq!(validate(&receipt), err(ReceiptError::MissingDescription));
    let receipt = receipt_with(vec![
        p(&recipient()),
        Tag::new("bolt11", [bolt11.as_str()]),
        Tag::new("description", ["not json"]),
    ]);
    assert!(matches!(
        validate(&receipt),
        Err(Error::Receipt(ReceiptError::InvalidRequest(
            RequestError::Json(_)
        )))
    ));
    // A request with two p tags.
    let two_p = request_with(&sender(), vec![relays(), p(&recipient()), p(&sender())], "");
    let receipt = receipt_with(tags_for(&two_p, &invoice_for(&two_p.to_json(), Some(1))));
    assert_eq!(
        validate(&receipt),
        err(ReceiptError::InvalidRequest(
            RequestError::MultipleRecipients { count: 2 }
        ))
    );
    // A request with a forged signature.
    let mut forged = good_request();
    forged.content = "changed".into();
    let receipt = receipt_with(tags_for(
        &forged,
        &invoice_for(&forged.to_json(), Some(21_000)),
    ));
    assert!(matches!(
        validate(&receipt),
        Err(Error::Receipt(ReceiptError::InvalidRequest(
            RequestError::InvalidSignature(_)
        )))
    ));
}

#[test]
fn invoice_amount_must_equal_request_amount() {
    let request = good_request();
    let bolt11 = invoice_for(&request.to_json(), Some(21_010));
    let receipt = receipt_with(tags_for(&request, &bolt11));
    assert_eq!(
        validate(&receipt),
        err(ReceiptError::AmountMismatch {
            invoice: 21_010,
            request: 21_000
        })
    );
}

#[test]
fn p_must_match() {
    let request = good_request();
    let bolt11 = invoice_for(&request.to_json(), Some(21_000));
    let mut tags = tags_for(&request, &bolt11);
    tags[0] = p(&sender());
    assert_eq!(
        validate(&receipt_with(tags)),
        err(ReceiptError::RecipientMismatch {
            expected: recipient().public_key()
        })
    );
    let mut tags = tags_for(&request, &bolt11);
    tags.remove(0);
    assert_eq!(
        validate(&receipt_with(tags)),
        err(ReceiptError::RecipientMismatch {
            expected: recipient().public_key()
        })
    );
}

#[test]
fn e_must_match() {
    let request = good_request();
    let bolt11 = invoice_for(&request.to_json(), Some(21_000));
    let mut tags = tags_for(&request, &bolt11);
    tags.push(Tag::event(EventId::from_bytes([1; 32]), None, None, None));
    assert_eq!(
        validate(&receipt_with(tags)),
        err(ReceiptError::EventMismatch { expected: None })
    );
}

#[test]
fn a_must_match() {
    let request = good_request();
    let bolt11 = invoice_for(&request.to_json(), Some(21_000));
    let mut tags = tags_for(&request, &bolt11);
    let c = Coordinate::new(Kind::LIVE_EVENT, server().public_key(), "x");
    tags.push(Tag::coordinate(&c, None));
    assert_eq!(
        validate(&receipt_with(tags)),
        err(ReceiptError::CoordinateMismatch)
    );
}

#[test]
fn big_p_must_be_the_request_author() {
    let request = good_request();
    let bolt11 = invoice_for(&request.to_json(), Some(21_000));
    let mut tags = tags_for(&request, &bolt11);
    tags[1] = Tag::new("P", [recipient().public_key().to_hex()]);
    assert_eq!(
        validate(&receipt_with(tags)),
        err(ReceiptError::SenderMismatch {
            expected: sender().public_key()
        })
    );
    // Many real receipts have no P at all: fine.
    let mut tags = tags_for(&request, &bolt11);
    tags.remove(1);
    assert!(validate(&receipt_with(tags)).unwrap().is_clean());
}

#[test]
fn lnurl_mismatch_is_a_warning() {
    let receipt = receipt_for(&good_request());
    let zap =
        ValidatedZap::validate(&receipt, &server().public_key(), Some("lnurl1other")).unwrap();
    assert_eq!(
        zap.warnings,
        [ZapWarning::LnurlMismatch {
            request: LNURL.into(),
            expected: "lnurl1other".into()
        }]
    );
    // Case does not matter (bech32 is case-insensitive).
    let zap = ValidatedZap::validate(
        &receipt,
        &server().public_key(),
        Some(&LNURL.to_uppercase()),
    )
    .unwrap();
    assert!(zap.is_clean());
}

#[test]
fn description_hash_mismatch_is_a_warning() {
    // The server re-serialized the request: the hash covers other bytes.
    let request = good_request();
    let original = request.to_json();
    let bolt11 = invoice_for(&original, Some(21_000));
    let reserialized = original.replacen("{\"id\"", "{ \"id\"", 1);
    let receipt = receipt_with(vec![
        p(&recipient()),
        Tag::new("bolt11", [bolt11.as_str()]),
        Tag::new("description", [reserialized.as_str()]),
    ]);
    let zap = validate(&receipt).unwrap();
    assert_eq!(zap.warnings, [ZapWarning::DescriptionHashMismatch]);
    assert_eq!(
        zap.warnings[0].to_string(),
        "the invoice's description hash is not SHA-256 of the receipt's description"
    );
    assert_eq!(zap.amount_msat, 21_000);
}

#[test]
fn plain_description_is_a_warning() {
    let request = good_request();
    let bolt11 = InvoiceBuilder::new(Network::Bitcoin, [1; 32], [2; 32], T0)
        .amount_msat(21_000)
        .description("wallet memo")
        .sign(&node())
        .unwrap();
    let zap = validate(&receipt_with(tags_for(&request, &bolt11))).unwrap();
    assert_eq!(zap.warnings, [ZapWarning::DescriptionNotHashed]);
}

#[test]
fn preimage_mismatch_is_a_warning() {
    let request = good_request();
    let bolt11 = invoice_for(&request.to_json(), Some(21_000));
    let mut tags = tags_for(&request, &bolt11);
    tags.push(Tag::new("preimage", ["00".repeat(32)]));
    let zap = validate(&receipt_with(tags)).unwrap();
    assert_eq!(zap.warnings, [ZapWarning::PreimageMismatch]);
    assert_eq!(description_hash("").len(), 32);
}

#[test]
fn description_of_another_kind_is_not_a_request() {
    let note = nostr_core::EventBuilder::new(Kind::TEXT_NOTE, "hi")
        .tags([relays(), p(&recipient())])
        .sign_at_with_aux(&sender(), Timestamp::from_secs(T0), &[0; 32]);
    let bolt11 = invoice_for(&note.to_json(), Some(21_000));
    assert_eq!(
        validate(&receipt_with(tags_for(&note, &bolt11))),
        err(ReceiptError::InvalidRequest(RequestError::WrongKind(
            Kind::TEXT_NOTE
        )))
    );
}
