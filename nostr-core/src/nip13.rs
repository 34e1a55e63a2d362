//! NIP-13 proof of work: difficulty of an id, the committed target, and a miner.

use alloc::string::String;
use core::fmt::Write;

use crate::event::UnsignedEvent;
use crate::event_id::EventId;
use crate::tag::{Tag, Tags};

/// The number of leading zero bits of an id (NIP-13 "difficulty").
///
/// # Example
/// ```
/// use nostr_core::{EventId, nip13};
/// let id = EventId::from_hex("000000000e9d97a1ab09fc381030b346cdd7a142ad57e6df0b46dc9bef6c7e2d").unwrap();
/// assert_eq!(nip13::difficulty(&id), 36);
/// ```
pub fn difficulty(id: &EventId) -> u32 {
    let mut bits = 0;
    for &byte in id.as_bytes() {
        if byte == 0 {
            bits += 8;
        } else {
            return bits + byte.leading_zeros();
        }
    }
    bits
}

/// The target difficulty the author committed to in the `nonce` tag's third item.
///
/// NIP-13 lets relays reject events whose committed target is below what they
/// require, so that a lucky low-effort hash cannot pass as intended work.
pub fn committed_target(tags: &Tags) -> Option<u8> {
    tags.nonce()?.1
}

/// Reads a committed target as written in a `nonce` tag: plain decimal digits (no
/// sign or spaces); above 255 reads as 255, since it commits to at least as much work
/// as any `u8` minimum.
pub(crate) fn parse_target(text: &str) -> Option<u8> {
    crate::tag::parse_decimal(text).map(|t| u8::try_from(t).unwrap_or(u8::MAX))
}

/// Whether the event meets `min` difficulty, counting only work the author
/// committed to when `require_commitment` is set (a missing or lower committed
/// target then fails even if the hash happens to be good enough).
pub fn meets(id: &EventId, tags: &Tags, min: u8, require_commitment: bool) -> bool {
    let actual = difficulty(id);
    if require_commitment {
        return committed_target(tags).is_some_and(|t| t >= min) && actual >= u32::from(min);
    }
    actual >= u32::from(min)
}

/// Mines a nonce so the event's id has at least `target` leading zero bits, on the
/// current thread (with the `parallel` feature, `mine_parallel` uses every core).
///
/// Any existing `nonce` tag is replaced by `["nonce", "<n>", "<target>"]`, appended
/// last. `target` above 256 bits is impossible; values are capped at 255 by the type.
/// Returns the event ready to sign (its id is [`UnsignedEvent::id`]).
///
/// Each extra bit doubles the expected work (about `2^target` hashes), and this runs
/// until it succeeds: when the target comes from elsewhere, bound it with
/// [`mine_within`].
///
/// # Example
/// ```
/// use nostr_core::{EventBuilder, Keys, Kind, Timestamp, nip13};
/// let keys = Keys::generate();
/// let unsigned = EventBuilder::new(Kind::TEXT_NOTE, "work")
///     .build(keys.public_key(), Timestamp::from_secs(1_700_000_000));
/// let mined = nip13::mine(unsigned, 8);
/// assert!(nip13::difficulty(&mined.id()) >= 8);
/// assert_eq!(nip13::committed_target(&mined.tags), Some(8));
/// ```
pub fn mine(event: UnsignedEvent, target: u8) -> UnsignedEvent {
    mine_from(event, target, 0)
}

/// Like [`mine`], but gives up after `max_attempts` nonces. The event is borrowed,
/// so the caller still has it when nothing is found.
///
/// Returns `None` when no nonce among the first `max_attempts` reaches `target`.
///
/// # Example
/// ```
/// use nostr_core::{EventBuilder, Keys, Kind, Timestamp, nip13};
/// let keys = Keys::generate();
/// let unsigned = EventBuilder::new(Kind::TEXT_NOTE, "work")
///     .build(keys.public_key(), Timestamp::from_secs(1_700_000_000));
/// // 200 bits is out of reach of a thousand tries.
/// assert!(nip13::mine_within(&unsigned, 200, 1_000).is_none());
/// let mined = nip13::mine_within(&unsigned, 4, 100_000).unwrap();
/// assert!(nip13::difficulty(&mined.id()) >= 4);
/// ```
pub fn mine_within(event: &UnsignedEvent, target: u8, max_attempts: u64) -> Option<UnsignedEvent> {
    search(
        with_nonce_tag(event.clone(), target),
        target,
        0..max_attempts,
    )
}

/// Tries nonces `start, start + 1, ...` (wrapping) until one meets `target`.
fn mine_from(event: UnsignedEvent, target: u8, start: u64) -> UnsignedEvent {
    let event = with_nonce_tag(event, target);
    let endless = core::iter::successors(Some(start), |n| Some(n.wrapping_add(1)));
    // The nonces never run out, so the search only ends with a hit.
    search(event.clone(), target, endless).unwrap_or(event)
}

/// Tries `nonces` in order on `event` (which already has its nonce tag last); the
/// event with the first one that meets `target`, if any.
fn search(
    mut event: UnsignedEvent,
    target: u8,
    nonces: impl Iterator<Item = u64>,
) -> Option<UnsignedEvent> {
    let mut text = String::with_capacity(20);
    for nonce in nonces {
        set_nonce(&mut event, &mut text, nonce);
        if difficulty(&event.id()) >= u32::from(target) {
            return Some(event);
        }
    }
    None
}

/// Mines on all cores (rayon), splitting the nonce space between threads.
///
/// Same result shape as [`mine`]; which valid nonce is found first depends on timing.
#[cfg(feature = "parallel")]
pub fn mine_parallel(event: UnsignedEvent, target: u8) -> UnsignedEvent {
    use rayon::prelude::*;
    let base = with_nonce_tag(event, target);
    let found = (0..u64::MAX)
        .into_par_iter()
        .map_init(
            || (base.clone(), String::with_capacity(20)),
            |(ev, text), nonce| {
                set_nonce(ev, text, nonce);
                (difficulty(&ev.id()) >= u32::from(target)).then_some(nonce)
            },
        )
        .find_any(Option::is_some)
        .flatten();
    let mut event = base;
    let mut text = String::new();
    match found {
        Some(nonce) => {
            set_nonce(&mut event, &mut text, nonce);
            event
        }
        // The whole u64 space without a hit (astronomically unlikely): keep going
        // sequentially past it rather than return an unmined event.
        None => mine_from(event, target, 0),
    }
}

fn with_nonce_tag(mut event: UnsignedEvent, target: u8) -> UnsignedEvent {
    event.tags.retain(|t| t.name() != "nonce");
    event.tags.push(Tag::nonce(0, target));
    event
}

/// Rewrites the nonce value (the last tag's second item) in place.
fn set_nonce(event: &mut UnsignedEvent, text: &mut String, nonce: u64) {
    text.clear();
    let _ = write!(text, "{nonce}");
    event.tags.set_last_item(1, text);
}
