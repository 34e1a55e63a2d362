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
    select(segments, source, variant, now, |s| {
        s.duration_secs().is_some() && s.candidate_urls().next().is_some()
    })
}

/// [`playable_segments`] with the caller's own test of a usable segment, applied
/// before choosing between segments of the same index: a broken copy never hides
/// a good one.
pub(crate) fn select<'a>(
    segments: impl IntoIterator<Item = &'a Segment>,
    source: &StreamSource,
    variant: &str,
    now: Timestamp,
    usable: impl Fn(&Segment) -> bool,
) -> Vec<&'a Segment> {
    // (index, newest first, input position, segment).
    let mut list: Vec<(u64, Reverse<Option<Timestamp>>, usize, &Segment)> = segments
        .into_iter()
        .enumerate()
        .filter(|(_, s)| {
            s.variant == variant && !s.is_expired(now) && source.published(s) && usable(s)
        })
        .filter_map(|(pos, s)| Some((s.index?, Reverse(s.created_at), pos, s)))
        .collect();
    list.sort_unstable_by_key(|&(i, newest, pos, _)| (i, newest, pos));
    list.dedup_by_key(|(i, ..)| *i);
    let kept: Vec<&Segment> = list.into_iter().map(|(.., s)| s).collect();
    drop_repeated_hashes(kept)
}

/// Keeps the first segment (in index order) of each `x`; segments without `x` stay.
/// Hash prefixes are sorted as integers; whole hashes are compared only within runs
/// of equal prefixes.
fn drop_repeated_hashes(list: Vec<&Segment>) -> Vec<&Segment> {
    let mut keys: Vec<(u64, usize)> = list
        .iter()
        .enumerate()
        .filter_map(|(rank, s)| {
            let prefix = s.x.as_ref()?.first_chunk::<8>()?;
            Some((u64::from_be_bytes(*prefix), rank))
        })
        .collect();
    keys.sort_unstable();
    let mut keep = alloc::vec![true; list.len()];
    let hash_at = |rank: usize| list.get(rank).and_then(|s| s.x);
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
        .filter_map(|(s, k)| k.then_some(s))
        .collect()
}
