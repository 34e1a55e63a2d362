//! Answering `REQ` and `COUNT` (NIP-01 "From client to relay", NIP-45): several
//! filters OR-ed, the `limit` of the initial query, subscription ids, live
//! subscriptions, and `COUNT` results.
//!
//! # Example
//! ```
//! use nostr_core::req::{self, Limits, Subscriptions};
//! use nostr_core::{ClientMessage, EventBuilder, Keys, Kind, Timestamp};
//!
//! let keys = Keys::generate();
//! let stored: Vec<_> = (0..5u64)
//!     .map(|i| EventBuilder::new(Kind::TEXT_NOTE, format!("n{i}")).sign_at(&keys, Timestamp::from_secs(100 + i)))
//!     .collect();
//!
//! let msg = ClientMessage::from_json(r#"["REQ","feed",{"kinds":[1],"limit":2}]"#)?;
//! let ClientMessage::Req { subscription_id, filters } = msg else { unreachable!() };
//!
//! // Initial query: the two newest, newest first.
//! let initial = req::initial_query(&filters, &stored, &Limits::default());
//! assert_eq!(initial.iter().map(|e| e.created_at.as_secs()).collect::<Vec<_>>(), [104, 103]);
//!
//! // Then keep the subscription for live events.
//! let mut subs = Subscriptions::new();
//! subs.insert(subscription_id, filters);
//! let live = EventBuilder::new(Kind::TEXT_NOTE, "new").sign_at(&keys, Timestamp::from_secs(200));
//! assert_eq!(subs.matching(&live).len(), 1);
//! # Ok::<(), nostr_core::Error>(())
//! ```

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

use crate::error::Error;
use crate::event::Event;
use crate::event_id::EventId;
use crate::filter::Filter;
use crate::keys::PublicKey;
use crate::kind::Kind;
use crate::message::{CountResult, Prefix, Reason, RelayMessage, SubscriptionId};
use crate::nip11::Limitation;

/// Whether `event` matches any of `filters` (NIP-01: "filters ... are interpreted
/// as `||` conditions"). No filters match nothing.
pub fn matches_any(filters: &[Filter], event: &Event) -> bool {
    filters.iter().any(|f| f.matches(event))
}

/// The order of an initial query's results (NIP-01 "limit"): newer `created_at`
/// first, and on a tie the lower id first.
pub fn newest_first(a: &Event, b: &Event) -> Ordering {
    b.created_at
        .cmp(&a.created_at)
        .then_with(|| a.id.cmp(&b.id))
}

/// A relay's limits on `REQ`s, as NIP-11 `limitation` announces them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Limits {
    /// Events returned for a filter without `limit` (`default_limit`); `None`: all.
    pub default_limit: Option<u64>,
    /// Each filter's `limit` is clamped to this (`max_limit`).
    pub max_limit: Option<u64>,
    /// Longest subscription id in characters (`max_subid_length`; NIP-01's 64
    /// always applies).
    pub max_subid_length: Option<u64>,
}

impl Limits {
    /// The limits of a NIP-11 `limitation` block.
    pub fn from_limitation(l: &Limitation) -> Self {
        Self {
            default_limit: l.default_limit,
            max_limit: l.max_limit,
            max_subid_length: l.max_subid_length,
        }
    }

    /// The number of events the initial query returns for `filter`: its `limit` (or
    /// the default), clamped to `max_limit`; `None` for no bound.
    pub fn effective_limit(&self, filter: &Filter) -> Option<u64> {
        let wanted = filter.get_limit().or(self.default_limit);
        match (wanted, self.max_limit) {
            (Some(w), Some(m)) => Some(w.min(m)),
            (None, Some(m)) => Some(m),
            (w, None) => w,
        }
    }
}

/// The initial query of a `REQ` over stored events: for each filter, its matching
/// events newest first cut to its [effective limit](Limits::effective_limit); then
/// the union (each event once), newest first ([`newest_first`]).
///
/// This is the semantics for an in-memory store; a database applies the same rules
/// in its query. No clock is read here: NIP-40 says relays SHOULD NOT send expired
/// events even when still stored, so pass the events through
/// `.filter(|e| !e.is_expired(now))` (and likewise for [`count`] and live
/// [`Subscriptions::matching`]).
pub fn initial_query<'a>(
    filters: &[Filter],
    events: impl IntoIterator<Item = &'a Event>,
    limits: &Limits,
) -> Vec<&'a Event> {
    let mut per_filter: Vec<Vec<&'a Event>> = filters.iter().map(|_| Vec::new()).collect();
    for event in events {
        for (filter, bucket) in filters.iter().zip(per_filter.iter_mut()) {
            if filter.matches(event) {
                bucket.push(event);
            }
        }
    }
    let mut out: Vec<&'a Event> = Vec::new();
    for (filter, mut bucket) in filters.iter().zip(per_filter) {
        bucket.sort_unstable_by(|a, b| newest_first(a, b));
        if let Some(limit) = limits.effective_limit(filter) {
            bucket.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        }
        out.extend(bucket);
    }
    out.sort_unstable_by(|a, b| newest_first(a, b));
    out.dedup_by(|a, b| a.id == b.id);
    out
}

/// The NIP-45 count over stored events: the number of distinct events matching any
/// filter (`limit` does not apply to counts).
pub fn count<'a>(filters: &[Filter], events: impl IntoIterator<Item = &'a Event>) -> CountResult {
    let n = events
        .into_iter()
        .filter(|e| matches_any(filters, e))
        .count();
    CountResult {
        count: u64::try_from(n).unwrap_or(u64::MAX),
        approximate: None,
        hll: None,
    }
}

/// `["COUNT", <id>, {"count": n}]`.
pub fn count_message(subscription_id: SubscriptionId, result: CountResult) -> RelayMessage {
    RelayMessage::Count {
        subscription_id,
        result,
    }
}

/// `["CLOSED", <id>, "<prefix>: <text>"]`: refusing or ending a subscription.
pub fn closed(subscription_id: SubscriptionId, prefix: Prefix, text: &str) -> RelayMessage {
    RelayMessage::Closed {
        subscription_id,
        reason: Reason::new(prefix, text),
    }
}

/// Checks a subscription id against NIP-01 (1 to 64 characters) and the relay's
/// `max_subid_length`.
///
/// # Errors
/// [`Error::InvalidSubscriptionId`].
pub fn subscription_id(id: &str, limits: &Limits) -> Result<SubscriptionId, Error> {
    if let Some(max) = limits.max_subid_length {
        let chars = u64::try_from(id.chars().count()).unwrap_or(u64::MAX);
        if chars > max {
            return Err(Error::InvalidSubscriptionId);
        }
    }
    SubscriptionId::new(id)
}

/// Live subscriptions (of one connection, or of a whole relay): which ones a new
/// event goes to.
///
/// A `REQ` with an id already in use replaces that subscription (NIP-01: "it
/// overwrites the previous subscription").
///
/// [`Subscriptions::matching`] does not test every filter: each filter is indexed
/// under its most selective condition (its `ids`, else its `authors`, else the
/// values of its first tag filter, else its `kinds`), and only the subscriptions
/// indexed under the event's id, author, tag values or kind (plus those with none of
/// these conditions) are tested with [`Filter::matches`]. The result is exactly the
/// subscriptions with a matching filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subscriptions {
    subs: BTreeMap<SubscriptionId, Vec<Filter>>,
    index: Index,
}

/// Subscription ids by the condition each filter was indexed under. Sets, so that
/// removing a subscription costs a lookup per key rather than a scan of its list.
/// A subscription's filters are added and removed together, so one entry per key
/// is enough even when two of its filters share a key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Index {
    ids: BTreeMap<EventId, Ids>,
    authors: BTreeMap<PublicKey, Ids>,
    tags: BTreeMap<char, BTreeMap<String, Ids>>,
    kinds: BTreeMap<Kind, Ids>,
    /// Filters with none of the indexed conditions: always tested.
    scan: Ids,
}

type Ids = BTreeSet<SubscriptionId>;

impl Index {
    /// Adds (`add`) or removes `id` under every key of `filter`.
    fn update(&mut self, id: &SubscriptionId, filter: &Filter, add: bool) {
        fn edit(list: &mut Ids, id: &SubscriptionId, add: bool) {
            if add {
                list.insert(id.clone());
            } else {
                list.remove(id);
            }
        }
        fn edit_map<K: Ord + Clone>(
            map: &mut BTreeMap<K, Ids>,
            key: &K,
            id: &SubscriptionId,
            add: bool,
        ) {
            if add {
                map.entry(key.clone()).or_default().insert(id.clone());
            } else if let Some(list) = map.get_mut(key) {
                edit(list, id, false);
                if list.is_empty() {
                    map.remove(key);
                }
            }
        }
        if let Some(ids) = filter.get_ids() {
            for k in ids {
                edit_map(&mut self.ids, k, id, add);
            }
        } else if let Some(authors) = filter.get_authors() {
            for k in authors {
                edit_map(&mut self.authors, k, id, add);
            }
        } else if let Some((letter, values)) = filter.get_tags().iter().next() {
            let by_value = self.tags.entry(*letter).or_default();
            for v in values {
                edit_map(by_value, v, id, add);
            }
            if by_value.is_empty() {
                self.tags.remove(letter);
            }
        } else if let Some(kinds) = filter.get_kinds() {
            for k in kinds {
                edit_map(&mut self.kinds, k, id, add);
            }
        } else {
            edit(&mut self.scan, id, add);
        }
    }

    /// Every subscription indexed under a condition `event` could satisfy (with
    /// repeats across keys; each key is looked up once).
    fn candidates<'s>(&'s self, event: &Event, out: &mut Vec<&'s SubscriptionId>) {
        out.extend(self.scan.iter());
        if let Some(l) = self.ids.get(&event.id) {
            out.extend(l);
        }
        if let Some(l) = self.authors.get(&event.pubkey) {
            out.extend(l);
        }
        if let Some(l) = self.kinds.get(&event.kind) {
            out.extend(l);
        }
        if !self.tags.is_empty() {
            // An event may repeat a tag thousands of times: look each pair up once,
            // or a popular key would add its subscriptions once per copy.
            let mut seen = BTreeSet::new();
            for tag in &event.tags {
                let mut name = tag.name().chars();
                let (Some(letter), None) = (name.next(), name.next()) else {
                    continue;
                };
                let Some(value) = tag.value() else { continue };
                let Some(by_value) = self.tags.get(&letter) else {
                    continue;
                };
                if let Some(l) = by_value.get(value) {
                    if seen.insert((letter, value)) {
                        out.extend(l);
                    }
                }
            }
        }
    }
}

impl Subscriptions {
    /// No subscriptions.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a subscription; returns the filters it replaced.
    pub fn insert(&mut self, id: SubscriptionId, filters: Vec<Filter>) -> Option<Vec<Filter>> {
        let old = self.remove(&id);
        for f in &filters {
            self.index.update(&id, f, true);
        }
        self.subs.insert(id, filters);
        old
    }

    /// Removes a subscription (`CLOSE`); returns its filters.
    pub fn remove(&mut self, id: &SubscriptionId) -> Option<Vec<Filter>> {
        let filters = self.subs.remove(id)?;
        for f in &filters {
            self.index.update(id, f, false);
        }
        Some(filters)
    }

    /// The number of subscriptions.
    pub fn len(&self) -> usize {
        self.subs.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.subs.is_empty()
    }

    /// The filters of a subscription.
    pub fn get(&self, id: &SubscriptionId) -> Option<&[Filter]> {
        self.subs.get(id).map(Vec::as_slice)
    }

    /// The subscriptions `event` is to be sent to, in id order.
    pub fn matching<'s>(&'s self, event: &Event) -> Vec<&'s SubscriptionId> {
        let mut candidates = Vec::new();
        self.index.candidates(event, &mut candidates);
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|id| self.subs.get(*id).is_some_and(|f| matches_any(f, event)));
        candidates
    }

    /// Iterates over all subscriptions.
    pub fn iter(&self) -> impl Iterator<Item = (&SubscriptionId, &[Filter])> {
        self.subs.iter().map(|(id, f)| (id, f.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EventBuilder, Keys, Kind, Timestamp};

    fn keys() -> Keys {
        Keys::from_hex("0000000000000000000000000000000000000000000000000000000000000009").unwrap()
    }

    fn note(t: u64, content: &str) -> Event {
        EventBuilder::new(Kind::TEXT_NOTE, content).sign_at_with_aux(
            &keys(),
            Timestamp::from_secs(t),
            &[0; 32],
        )
    }

    #[test]
    fn limit_orders_newest_first_ties_by_id() {
        let mut events: Vec<Event> = (0..6)
            .map(|i| note(100 + i / 2, &alloc::format!("{i}")))
            .collect();
        events.reverse();
        let f = [Filter::new().limit(3)];
        let got = initial_query(&f, &events, &Limits::default());
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].created_at.as_secs(), 102);
        assert_eq!(got[1].created_at.as_secs(), 102);
        assert!(got[0].id < got[1].id, "tie broken by lowest id");
        assert_eq!(got[2].created_at.as_secs(), 101);
        // limit 0: nothing.
        assert!(initial_query(&[Filter::new().limit(0)], &events, &Limits::default()).is_empty());
        // No limit: everything, sorted.
        let all = initial_query(&[Filter::new()], &events, &Limits::default());
        assert_eq!(all.len(), 6);
        assert!(
            all.windows(2)
                .all(|w| newest_first(w[0], w[1]) == Ordering::Less)
        );
    }

    #[test]
    fn filters_are_ored_and_deduplicated() {
        let events: Vec<Event> = (0..4).map(|i| note(100 + i, "x")).collect();
        let f = [
            Filter::new().since(Timestamp::from_secs(102)),
            Filter::new().until(Timestamp::from_secs(102)).limit(1),
        ];
        let got = initial_query(&f, &events, &Limits::default());
        // first filter: 103, 102; second: 102 only (limit 1) -> union 103, 102.
        assert_eq!(
            got.iter()
                .map(|e| e.created_at.as_secs())
                .collect::<Vec<_>>(),
            [103, 102]
        );
        assert!(matches_any(&f, &events[0]));
        assert!(!matches_any(&[], &events[0]));
        assert_eq!(count(&f, &events).count, 4);
        assert_eq!(
            count(&[Filter::new().kind(Kind::METADATA)], &events).count,
            0
        );
    }

    #[test]
    fn limits_clamp() {
        let l = Limits {
            default_limit: Some(10),
            max_limit: Some(50),
            max_subid_length: Some(4),
        };
        assert_eq!(l.effective_limit(&Filter::new()), Some(10));
        assert_eq!(l.effective_limit(&Filter::new().limit(100)), Some(50));
        assert_eq!(l.effective_limit(&Filter::new().limit(5)), Some(5));
        assert_eq!(Limits::default().effective_limit(&Filter::new()), None);
        assert!(subscription_id("abcd", &l).is_ok());
        assert_eq!(
            subscription_id("abcde", &l),
            Err(Error::InvalidSubscriptionId)
        );
        assert_eq!(
            subscription_id("", &Limits::default()),
            Err(Error::InvalidSubscriptionId)
        );
        assert!(subscription_id(&"x".repeat(65), &Limits::default()).is_err());
    }

    #[test]
    fn subscriptions_registry() {
        let mut subs = Subscriptions::new();
        let a = SubscriptionId::new("a").unwrap();
        let b = SubscriptionId::new("b").unwrap();
        subs.insert(a.clone(), alloc::vec![Filter::new().kind(Kind::TEXT_NOTE)]);
        subs.insert(b.clone(), alloc::vec![Filter::new().kind(Kind::METADATA)]);
        let e = note(1, "");
        assert_eq!(subs.matching(&e), [&a]);
        assert!(subs.insert(b.clone(), alloc::vec![Filter::new()]).is_some());
        assert_eq!(subs.matching(&e).len(), 2);
        subs.remove(&a);
        assert_eq!(subs.len(), 1);
        assert_eq!(
            closed(b, Prefix::Error, "shutting down").to_json(),
            r#"["CLOSED","b","error: shutting down"]"#
        );
        assert_eq!(
            count_message(
                a,
                CountResult {
                    count: 5,
                    ..Default::default()
                }
            )
            .to_json(),
            r#"["COUNT","a",{"count":5}]"#
        );
    }
}
