//! Which NIP-5E segments a player uses: only the stream producer's, one per index,
//! newest first, unexpired, and de-duplicated by hash.
//!
//! NIP-5E's subscription `{"kinds":[1063],"#e":[<stream id>]}` returns segments from
//! anyone: any key can publish a 1063 that names the stream, the same variant and an
//! index, with a URL of its choosing. A player must keep the producer's segments only,
//! so every entry point here takes a [`StreamSource`]: the stream's id and the key that
//! signed it.

use alloc::vec::Vec;
use core::cmp::Reverse;

use nostr_core::{Event, EventId, PublicKey, Timestamp};

use crate::stream::Segment;

/// The stream a player follows: the kind 1053 event id and its producer's key.
///
/// # Example
/// ```
/// use nostr_core::{Keys, Timestamp};
/// use nostr_live::{Segment, Stream, StreamSource, Variant, playable_segments};
/// let producer = Keys::generate();
/// let stranger = Keys::generate();
/// let stream = Stream::new("lab").with_variant(Variant::new("720p")).sign_at(&producer, Timestamp::from_secs(1));
/// let source = StreamSource::of(&stream);
/// let real = Segment::new(stream.id, "720p", 0, "2.000", "https://cdn.example.com/0.ts");
/// let fake = Segment::new(stream.id, "720p", 0, "2.000", "https://evil.example.com/0.ts");
/// let received = [
///     Segment::from_event(&fake.sign_at(&stranger, Timestamp::from_secs(2)))?,
///     Segment::from_event(&real.sign_at(&producer, Timestamp::from_secs(2)))?,
/// ];
/// let play = playable_segments(&received, &source, "720p", Timestamp::from_secs(3));
/// assert_eq!(play.len(), 1);
/// assert_eq!(play[0].urls, ["https://cdn.example.com/0.ts"]);
/// # Ok::<(), nostr_live::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StreamSource {
    /// The kind 1053 stream event's id (what segments name in `e`).
    pub id: EventId,
    /// The key that signed the stream, and so must sign its segments.
    pub producer: PublicKey,
}

impl StreamSource {
    /// A stream by id and producer.
    pub fn new(id: EventId, producer: PublicKey) -> Self {
        Self { id, producer }
    }

    /// The source of a kind 1053 stream event.
    pub fn of(stream: &Event) -> Self {
        Self::new(stream.id, stream.pubkey)
    }

    /// Whether `segment` was signed by the producer and names this stream.
    pub fn published(&self, segment: &Segment) -> bool {
        segment.author == Some(self.producer) && segment.belongs_to(&self.id)
    }
}

/// The segments of one variant a player should use, in index order.
///
/// Kept: segments the producer signed naming the stream (see [`StreamSource`];
/// a segment built locally has no author and is not kept), of `variant`, not expired
/// at `now`, with an `index`, a duration and a URL. Of several with the same index the
/// newest (`created_at`) wins, then the first in input order. Then a segment whose `x`
/// equals that of an earlier kept one is dropped (de-duplication by hash, as
/// zap.stream's player does).
pub fn playable_segments<'a>(
    segments: impl IntoIterator<Item = &'a Segment>,
    source: &StreamSource,
    variant: &str,
    now: Timestamp,
) -> Vec<&'a Segment> {
    let usable = |s: &Segment| {
        (s.duration_secs().is_some() && s.candidate_urls().next().is_some()).then_some(())
    };
    select(segments, source, variant, now, usable)
        .into_iter()
        .map(|(s, ())| s)
        .collect()
}

/// [`playable_segments`] with the caller's own reading of a usable segment (`None`:
/// unusable), made once per segment and before choosing between segments of the same
/// index, so a broken copy never hides a good one. Returns each kept segment with
/// its reading.
pub(crate) fn select<'a, T>(
    segments: impl IntoIterator<Item = &'a Segment>,
    source: &StreamSource,
    variant: &str,
    now: Timestamp,
    usable: impl Fn(&'a Segment) -> Option<T>,
) -> Vec<(&'a Segment, T)> {
    // The readings stay in place; only small sort keys move:
    // (index, newest first, position among the candidates).
    let mut readings: Vec<Option<(&Segment, T)>> = Vec::new();
    let mut order: Vec<SortKey> = Vec::new();
    for s in segments {
        if s.variant != variant || s.is_expired(now) || !source.published(s) {
            continue;
        }
        let (Some(index), Some(reading)) = (s.index, usable(s)) else {
            continue;
        };
        order.push((index, Reverse(s.created_at), readings.len()));
        readings.push(Some((s, reading)));
    }
    order.sort_unstable();
    order.dedup_by_key(|(i, ..)| *i);
    let kept: Vec<(&Segment, T)> = order
        .into_iter()
        .filter_map(|(.., at)| readings.get_mut(at)?.take())
        .collect();
    drop_repeated_hashes(kept)
}

/// Sorts candidates into the order the choice needs: index, newest first, then
/// input order.
type SortKey = (u64, Reverse<Option<Timestamp>>, usize);

/// Keeps the first segment (in index order) of each `x`; segments without `x` stay.
/// Hash prefixes are sorted as integers; whole hashes are compared only within runs
/// of equal prefixes.
fn drop_repeated_hashes<T>(list: Vec<(&Segment, T)>) -> Vec<(&Segment, T)> {
    let mut keys: Vec<(u64, usize)> = list
        .iter()
        .enumerate()
        .filter_map(|(rank, (s, _))| {
            let prefix = s.x.as_ref()?.first_chunk::<8>()?;
            Some((u64::from_be_bytes(*prefix), rank))
        })
        .collect();
    keys.sort_unstable();
    let mut keep = alloc::vec![true; list.len()];
    let hash_at = |rank: usize| list.get(rank).and_then(|(s, _)| s.x);
    let mut run_start = 0;
    for i in 0..keys.len() {
        let (Some(&(prefix, rank)), Some(&(start_prefix, _))) = (keys.get(i), keys.get(run_start))
        else {
            break;
        };
        if prefix != start_prefix {
            run_start = i;
            continue;
        }
        let x = hash_at(rank);
        let seen = keys
            .get(run_start..i)
            .unwrap_or_default()
            .iter()
            .any(|&(_, earlier)| hash_at(earlier) == x);
        if seen {
            if let Some(k) = keep.get_mut(rank) {
                *k = false;
            }
        }
    }
    list.into_iter()
        .zip(keep)
        .filter_map(|(item, k)| k.then_some(item))
        .collect()
}
