//! NIP-75 goal parsing and progress: only validated zaps to the goal, none after
//! `closed_at`, none twice.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod common;

use common::*;
use nostr_core::{Event, EventBuilder, Kind, Tag, Timestamp};
use nostr_zap::{Error, GoalError, SplitError, ValidatedZap, ZapGoal, ZapReceiptBuilder};

fn goal(extra: Vec<Tag>) -> Event {
    EventBuilder::new(Kind::ZAP_GOAL, "new mic")
        .tag(Tag::new("relays", ["wss://r1", "wss://r2"]))
        .tag(Tag::new("amount", ["50000"]))
        .tags(extra)
        .sign_at_with_aux(&recipient(), Timestamp::from_secs(T0), &[0; 32])
}

/// A validated zap of `msat` to `goal`, paid at `paid_at`, payment hash from `seed`.
fn zap_to(goal: &Event, msat: u64, paid_at: u64, seed: u8) -> ValidatedZap {
    zap_paying(&recipient(), goal, msat, paid_at, seed)
}

/// As [`zap_to`], but paid to `payee` (its `p` tag).
fn zap_paying(
    payee: &nostr_core::Keys,
    goal: &Event,
    msat: u64,
    paid_at: u64,
    seed: u8,
) -> ValidatedZap {
    let request = request_with(
        &sender(),
        vec![
            relays(),
            amount(msat),
            p(payee),
            Tag::event(goal.id, None, None, None),
        ],
        "",
    );
    let json = request.to_json();
    let bolt11 = nostr_zap::bolt11::InvoiceBuilder::new(
        nostr_zap::bolt11::Network::Bitcoin,
        [seed; 32],
        [2; 32],
        T0,
    )
    .amount_msat(msat)
    .description_hash(nostr_zap::description_hash(&json))
    .sign(&node())
    .unwrap();
    let receipt = ZapReceiptBuilder::new(&bolt11, &json)
        .sign_with_aux(&server(), Timestamp::from_secs(paid_at), &[0; 32])
        .unwrap();
    ValidatedZap::validate(&receipt, &server().public_key(), None).unwrap()
}

#[test]
fn parses_goal_fields() {
    let g = goal(vec![
        Tag::new("closed_at", ["1741372602.490148"]),
        Tag::new("image", ["https://img"]),
        Tag::new("summary", ["s"]),
        Tag::new(
            "zap",
            [sender().public_key().to_hex(), "wss://x".into(), "1".into()],
        ),
    ]);
    let parsed = ZapGoal::try_from(&g).unwrap();
    assert_eq!(parsed.amount_msat, 50_000);
    assert_eq!(parsed.relays, ["wss://r1", "wss://r2"]);
    assert_eq!(parsed.closed_at, Some(Timestamp::from_secs(1_741_372_602)));
    assert_eq!(parsed.image.as_deref(), Some("https://img"));
    assert_eq!(parsed.splits.len(), 1);
    assert_eq!(parsed.description, "new mic");
}

#[test]
fn rejects_malformed_goals() {
    let note = EventBuilder::new(Kind::TEXT_NOTE, "").sign_at_with_aux(
        &recipient(),
        Timestamp::from_secs(T0),
        &[0; 32],
    );
    assert_eq!(
        ZapGoal::try_from(&note),
        Err(Error::Goal(GoalError::WrongKind(Kind::TEXT_NOTE)))
    );
    let no_amount = EventBuilder::new(Kind::ZAP_GOAL, "")
        .tag(Tag::new("relays", ["wss://r"]))
        .sign_at_with_aux(&recipient(), Timestamp::from_secs(T0), &[0; 32]);
    assert_eq!(
        ZapGoal::try_from(&no_amount),
        Err(Error::Goal(GoalError::InvalidAmount))
    );
    let no_relays = EventBuilder::new(Kind::ZAP_GOAL, "")
        .tag(Tag::new("amount", ["1"]))
        .sign_at_with_aux(&recipient(), Timestamp::from_secs(T0), &[0; 32]);
    assert_eq!(
        ZapGoal::try_from(&no_relays),
        Err(Error::Goal(GoalError::MissingRelays))
    );
    let bad_close = goal(vec![Tag::new("closed_at", ["soon"])]);
    assert_eq!(
        ZapGoal::try_from(&bad_close),
        Err(Error::Goal(GoalError::InvalidClosedAt("soon".into())))
    );
    let bad_split = goal(vec![Tag::new("zap", ["nope"])]);
    assert_eq!(
        ZapGoal::try_from(&bad_split),
        Err(Error::Goal(GoalError::Split(SplitError::InvalidPubkey {
            index: 2
        })))
    );
}

#[test]
fn progress_counts_only_matching_timely_unique_zaps() {
    let g = goal(vec![Tag::new("closed_at", [(T0 + 100).to_string()])]);
    let other = goal(vec![Tag::new("summary", ["other goal"])]);
    let parsed = ZapGoal::try_from(&g).unwrap();
    let a = zap_to(&g, 10_000, T0 + 10, 1);
    let b = zap_to(&g, 20_000, T0 + 100, 2); // at closed_at: counts
    let late = zap_to(&g, 40_000, T0 + 101, 3); // after closed_at: does not
    let elsewhere = zap_to(&other, 80_000, T0 + 10, 4);
    let same_payment = zap_to(&g, 10_000, T0 + 11, 1); // same payment hash as `a`
    let zaps = [a.clone(), b, late, elsewhere, same_payment, a];
    let progress = parsed.progress(&zaps);
    assert_eq!(progress.zaps, 2);
    assert_eq!(progress.raised_msat, 30_000);
    assert_eq!(progress.target_msat, 50_000);
    assert_eq!(progress.basis_points(), 6000);
    assert!(!progress.is_reached());
}

#[test]
fn progress_counts_only_zaps_paid_to_the_goal() {
    // A zap whose request names the goal but pays someone else (here the sender,
    // zapping themselves through a server they run) does not fund the goal.
    let g = goal(vec![]);
    let parsed = ZapGoal::try_from(&g).unwrap();
    let to_author = zap_to(&g, 10_000, T0 + 10, 1);
    let to_self = zap_paying(&sender(), &g, 90_000, T0 + 10, 2);
    let progress = parsed.progress(&[to_author.clone(), to_self.clone()]);
    assert_eq!((progress.zaps, progress.raised_msat), (1, 10_000));

    // With `zap` split tags, the beneficiaries are the goal's payees too.
    let split = goal(vec![Tag::new(
        "zap",
        [sender().public_key().to_hex(), "wss://x".into(), "1".into()],
    )]);
    let parsed = ZapGoal::try_from(&split).unwrap();
    let to_beneficiary = zap_paying(&sender(), &split, 90_000, T0 + 10, 3);
    let progress = parsed.progress(&[to_beneficiary]);
    assert_eq!((progress.zaps, progress.raised_msat), (1, 90_000));
}

#[test]
fn zap_request_template_targets_the_goal_with_its_relays() {
    let g = goal(vec![]);
    let parsed = ZapGoal::try_from(&g).unwrap();
    let request = parsed.zap_request().amount_msat(1000).sign_with_aux(
        &sender(),
        Timestamp::from_secs(T0),
        &[0; 32],
    );
    let checked = nostr_zap::ZapRequest::from_json(&request.to_json(), 1000).unwrap();
    assert_eq!(checked.event_id, Some(g.id));
    assert_eq!(checked.recipient, recipient().public_key());
    assert_eq!(checked.relays, ["wss://r1", "wss://r2"]);
    assert_eq!(checked.target_kind, Some(Kind::ZAP_GOAL));
}
