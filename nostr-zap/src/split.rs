//! Zap splits (NIP-57 Appendix G): `["zap", <pubkey>, <relay>, <weight>]` tags on any
//! event, and an exact split of a total amount between them.
//!
//! # Rounding rule
//! With weights `w_1..w_n` (in tag order), `W = Σ w` and running sums `C_i = w_1 + … + w_i`,
//! receiver `i` gets `floor(T·C_i / W) − floor(T·C_(i−1) / W)` millisatoshis. The parts
//! telescope to exactly `T`; each part is within 1 msat of the exact share `T·w_i / W`;
//! a receiver's part never decreases when its own weight grows; the leftover
//! millisatoshis of rounding go to receivers later in tag order. Arithmetic is in `u128`,
//! so nothing overflows or is lost.
//!
//! Appendix G: with no weights at all, everyone weighs 1 (equal split); when only some
//! tags have weights, those without one get 0; weight 0 gets 0.
//!
//! # Example
//! ```
//! use nostr_core::{Tag, Tags};
//! use nostr_zap::split::{split_amount, zap_splits};
//!
//! let a = "82341f882b6eabcd2ba7f1ef90aad961cf074af15b9ef44a09f9d2a8fbfbe6a2";
//! let b = "fa984bd7dbb282f07e16e7ae87b26a2a7b9b90b7246a44771f0cf5ae58018f52";
//! let c = "460c25e682fda7832b52d1f22d3d22b3176d972f60dcdc3212ed8c92ef85065c";
//! let tags = Tags::from(vec![
//!     Tag::new("zap", [a, "wss://nostr.oxtr.dev", "1"]),
//!     Tag::new("zap", [b, "wss://nostr.wine/", "1"]),
//!     Tag::new("zap", [c, "wss://nos.lol/", "2"]),
//! ]);
//! let splits = zap_splits(&tags)?;
//! let parts: Vec<u64> = split_amount(&splits, 21_001)?.iter().map(|s| s.amount_msat).collect();
//! assert_eq!(parts, [5_250, 5_250, 10_501]);
//! # Ok::<(), nostr_zap::Error>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;

use nostr_core::{PublicKey, Tags};

use crate::error::{Error, SplitError};
use crate::request::{ZapRequestBuilder, parse_u64};

/// One `zap` tag.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ZapSplit {
    /// The receiver.
    pub pubkey: PublicKey,
    /// Where to fetch the receiver's kind 0 (for their lightning address), if given.
    pub relay: Option<String>,
    /// The weight, if given.
    pub weight: Option<u64>,
}

impl ZapSplit {
    /// A split entry.
    pub fn new(pubkey: PublicKey, relay: Option<String>, weight: Option<u64>) -> Self {
        Self {
            pubkey,
            relay,
            weight,
        }
    }
}

/// One receiver's part of a split.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct SplitShare {
    /// The receiver.
    pub pubkey: PublicKey,
    /// Relay hint from the tag.
    pub relay: Option<String>,
    /// Millisatoshis for this receiver (may be 0).
    pub amount_msat: u64,
}

/// Reads the `zap` tags of an event, in order. An empty weight item counts as no weight.
///
/// # Errors
/// [`SplitError::InvalidPubkey`] or [`SplitError::InvalidWeight`] with the tag index:
/// a malformed split is refused rather than guessed at (money goes by these numbers).
pub fn zap_splits(tags: &Tags) -> Result<Vec<ZapSplit>, Error> {
    let mut out = Vec::new();
    for (index, tag) in tags.iter().enumerate() {
        if tag.name() != "zap" {
            continue;
        }
        let pubkey = tag
            .value()
            .and_then(|v| PublicKey::from_hex(v).ok())
            .ok_or(SplitError::InvalidPubkey { index })?;
        let relay = tag.get(2).filter(|r| !r.is_empty()).map(String::from);
        let weight = match tag.get(3).map(str::trim).filter(|w| !w.is_empty()) {
            None => None,
            Some(w) => Some(parse_u64(w).ok_or_else(|| SplitError::InvalidWeight {
                index,
                weight: String::from(w),
            })?),
        };
        out.push(ZapSplit {
            pubkey,
            relay,
            weight,
        });
    }
    Ok(out)
}

/// The effective weights: all 1 when no tag has one, otherwise missing = 0.
fn effective_weights(splits: &[ZapSplit]) -> impl Iterator<Item = u64> + '_ {
    let any = splits.iter().any(|s| s.weight.is_some());
    splits
        .iter()
        .map(move |s| if any { s.weight.unwrap_or(0) } else { 1 })
}

/// Splits `total_msat` between `splits` by weight (see the module docs for the rule).
/// Returns one share per split, in order, including zero shares.
///
/// # Errors
/// [`SplitError::NoReceivers`] when there are no splits or every weight is 0;
/// [`SplitError::WeightOverflow`] when the weights add up to more than `u64::MAX`.
pub fn split_amount(splits: &[ZapSplit], total_msat: u64) -> Result<Vec<SplitShare>, Error> {
    let mut sum: u64 = 0;
    for w in effective_weights(splits) {
        sum = sum.checked_add(w).ok_or(SplitError::WeightOverflow)?;
    }
    if sum == 0 {
        return Err(SplitError::NoReceivers.into());
    }
    let total = u128::from(total_msat);
    let sum = u128::from(sum);
    let mut running: u128 = 0;
    let mut given: u128 = 0;
    let mut out = Vec::with_capacity(splits.len());
    for (split, w) in splits.iter().zip(effective_weights(splits)) {
        running += u128::from(w);
        // total ≤ 2^64 - 1 and running ≤ sum ≤ 2^64 - 1: the product fits in u128.
        let upto = total * running / sum;
        let part = upto - given;
        given = upto;
        out.push(SplitShare {
            pubkey: split.pubkey,
            relay: split.relay.clone(),
            amount_msat: u64::try_from(part).map_err(|_| SplitError::WeightOverflow)?,
        });
    }
    Ok(out)
}

/// One zap request per receiver with a non-zero share: each a copy of `template` with
/// the receiver as `p` and its share as `amount`. Set each one's `lnurl` from the
/// receiver's profile before signing.
///
/// # Errors
/// As [`split_amount`].
pub fn split_requests(
    template: &ZapRequestBuilder,
    splits: &[ZapSplit],
    total_msat: u64,
) -> Result<Vec<(SplitShare, ZapRequestBuilder)>, Error> {
    Ok(split_amount(splits, total_msat)?
        .into_iter()
        .filter(|s| s.amount_msat > 0)
        .map(|share| {
            let builder = template
                .clone()
                .with_recipient(share.pubkey)
                .amount_msat(share.amount_msat);
            (share, builder)
        })
        .collect())
}
