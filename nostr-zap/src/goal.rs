//! NIP-75 zap goals (kind 9041) and their progress.

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

use nostr_core::{Coordinate, Event, EventId, Kind, PublicKey, Timestamp};

use crate::error::{Error, GoalError};
use crate::receipt::ValidatedZap;
use crate::request::{ZapRequestBuilder, parse_u64};
use crate::split::{ZapSplit, zap_splits};

/// A parsed zap goal (NIP-75).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ZapGoal {
    /// The goal event's id (what zaps target with `e`).
    pub id: EventId,
    /// The goal's author.
    pub author: PublicKey,
    /// The description (content).
    pub description: String,
    /// `amount`: the target in millisatoshis.
    pub amount_msat: u64,
    /// `relays`: where zaps to the goal are sent and tallied.
    pub relays: Vec<String>,
    /// `closed_at`: zaps after this time do not count. Fractional seconds (written by
    /// some apps, e.g. `"1741372602.490148"`) are truncated.
    pub closed_at: Option<Timestamp>,
    /// `image`.
    pub image: Option<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `r`: a linked URL.
    pub url: Option<String>,
    /// `a`: a linked addressable event (left out when malformed).
    pub coordinate: Option<Coordinate>,
    /// `zap` beneficiary tags.
    pub splits: Vec<ZapSplit>,
}

impl TryFrom<&Event> for ZapGoal {
    type Error = Error;

    /// Parses a kind 9041 event.
    ///
    /// # Errors
    /// [`GoalError::WrongKind`], [`GoalError::InvalidAmount`],
    /// [`GoalError::MissingRelays`], [`GoalError::InvalidClosedAt`], [`GoalError::Split`].
    fn try_from(event: &Event) -> Result<Self, Error> {
        if event.kind != Kind::ZAP_GOAL {
            return Err(GoalError::WrongKind(event.kind).into());
        }
        let tags = &event.tags;
        let amount_msat = tags
            .first_value("amount")
            .and_then(parse_u64)
            .ok_or(GoalError::InvalidAmount)?;
        let relays: Vec<String> = tags
            .find("relays")
            .map(|t| t.iter().skip(1).map(String::from).collect())
            .unwrap_or_default();
        if relays.is_empty() {
            return Err(GoalError::MissingRelays.into());
        }
        let closed_at = match tags.first_value("closed_at") {
            None => None,
            Some(raw) => Some(
                parse_closed_at(raw)
                    .ok_or_else(|| GoalError::InvalidClosedAt(String::from(raw)))?,
            ),
        };
        let splits = zap_splits(tags).map_err(|e| match e {
            Error::Split(s) => Error::Goal(GoalError::Split(s)),
            other => other,
        })?;
        Ok(Self {
            id: event.id,
            author: event.pubkey,
            description: event.content.clone(),
            amount_msat,
            relays,
            closed_at,
            image: tags.first_value("image").map(String::from),
            summary: tags.first_value("summary").map(String::from),
            url: tags.first_value("r").map(String::from),
            coordinate: tags
                .first_value("a")
                .and_then(|a| Coordinate::parse(a).ok()),
            splits,
        })
    }
}

/// `"1741372602"` or `"1741372602.490148"` → seconds.
fn parse_closed_at(raw: &str) -> Option<Timestamp> {
    let (secs, frac) = raw.split_once('.').unwrap_or((raw, ""));
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    parse_u64(secs).map(Timestamp::from_secs)
}

/// A goal's tally.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct GoalProgress {
    /// The goal's target, msat.
    pub target_msat: u64,
    /// Sum of the counted zaps, msat (saturating at `u64::MAX`).
    pub raised_msat: u64,
    /// How many zaps were counted.
    pub zaps: usize,
}

impl GoalProgress {
    /// Whether the target is reached.
    pub fn is_reached(&self) -> bool {
        self.raised_msat >= self.target_msat
    }

    /// Progress in basis points (1/100 of a percent), capped at 10 000.
    pub fn basis_points(&self) -> u64 {
        if self.target_msat == 0 {
            return 10_000;
        }
        let bp = u128::from(self.raised_msat) * 10_000 / u128::from(self.target_msat);
        u64::try_from(bp.min(10_000)).unwrap_or(10_000)
    }
}

impl ZapGoal {
    /// A zap request template for this goal (NIP-75 "Client behavior"): the goal's
    /// author as `p`, the goal as `e` with `k` = 9041, and the goal's `relays` (which
    /// clients MUST include). Add the amount, lnurl and comment, then sign. For a goal
    /// with `zap` beneficiary tags, pass this template to
    /// [`split_requests`](crate::split::split_requests) with [`ZapGoal::splits`].
    pub fn zap_request(&self) -> ZapRequestBuilder {
        ZapRequestBuilder::new(self.author, self.relays.iter().cloned())
            .event(self.id)
            .target_kind(Kind::ZAP_GOAL)
    }

    /// Tallies validated zaps (see [`ValidatedZap::validate`]) toward this goal.
    ///
    /// A zap counts when its request's `e` is the goal's id, it was paid to the goal's
    /// author (or, for a goal with `zap` split tags, to one of those beneficiaries),
    /// and, if the goal has `closed_at`, its receipt is not later than it (NIP-75: zaps
    /// after `closed_at` SHOULD NOT count). Each receipt id and each invoice payment
    /// hash counts once, so a receipt seen on several relays, or re-published for the
    /// same payment, is not counted twice.
    ///
    /// The recipient check matters: anyone can run an LNURL server, zap themselves with
    /// the goal's id in `e`, and sign a receipt that validates against their own server.
    /// Such a zap pays its sender, not the goal.
    pub fn progress<'a>(&self, zaps: impl IntoIterator<Item = &'a ValidatedZap>) -> GoalProgress {
        let mut seen_receipts = BTreeSet::new();
        let mut seen_payments = BTreeSet::new();
        let mut raised: u64 = 0;
        let mut count = 0;
        for zap in zaps {
            if zap.request.event_id != Some(self.id) || !self.pays_goal(&zap.recipient()) {
                continue;
            }
            if self.closed_at.is_some_and(|c| zap.paid_at > c) {
                continue;
            }
            if !seen_receipts.insert(zap.receipt_id)
                || !seen_payments.insert(zap.invoice.payment_hash)
            {
                continue;
            }
            raised = raised.saturating_add(zap.amount_msat);
            count += 1;
        }
        GoalProgress {
            target_msat: self.amount_msat,
            raised_msat: raised,
            zaps: count,
        }
    }

    /// Whether a zap to `recipient` funds this goal: the author, or a split beneficiary.
    fn pays_goal(&self, recipient: &PublicKey) -> bool {
        *recipient == self.author || self.splits.iter().any(|s| s.pubkey == *recipient)
    }
}
