//! HLS playlists from a NIP-5E stream and its segments: pure text, no I/O.
//!
//! NIP-5E lets services "provide a compatibility layer with NIP-53 live streams by
//! producing HLS playlists over a N94 Stream". The master playlist has one entry
//! per variant (`BANDWIDTH` = `bitrate`, `RESOLUTION` = `dim`, `CODECS` when the
//! variant has a `codecs` entry); a media playlist lists a variant's unexpired
//! segments by index (`EXT-X-MEDIA-SEQUENCE` = first index,
//! `EXT-X-TARGETDURATION` = the longest duration rounded up), as RFC 8216 lays out.
//!
//! Everything written comes from untrusted events, so a URI or attribute that
//! contains a line break (or, for quoted attributes, a `"`) is left out rather
//! than written: no playlist injection.

use alloc::string::String;
use core::fmt::Write;

use nostr_core::Timestamp;

use crate::playback::{StreamSource, select};
use crate::stream::{Segment, Stream, Variant};

fn safe_line(s: &str) -> bool {
    !s.is_empty() && !s.starts_with('#') && !s.contains('\n') && !s.contains('\r')
}

/// The master playlist of `stream`: one `#EXT-X-STREAM-INF` per variant, its URI
/// given by `uri_for` (for example `|v| format!("{}.m3u8", v.id())`).
///
/// A variant without a whole-number `bitrate` is left out (HLS requires
/// `BANDWIDTH`), as is one whose URI would be empty, start with `#` or contain a
/// line break.
///
/// # Example
/// ```
/// use nostr_live::{Stream, Variant, master_playlist};
/// let s = Stream::new("demo").with_variant(Variant::new("720p").with_dim(1280, 720).with_bitrate(3_000_000));
/// let m3u8 = master_playlist(&s, |v| format!("{}.m3u8", v.id()));
/// assert_eq!(m3u8, "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720\n720p.m3u8\n");
/// ```
pub fn master_playlist(stream: &Stream, uri_for: impl Fn(&Variant) -> String) -> String {
    let mut out = String::from("#EXTM3U\n");
    for v in &stream.variants {
        let Some(bandwidth) = v.bitrate() else {
            continue;
        };
        let uri = uri_for(v);
        if !safe_line(&uri) {
            continue;
        }
        let _ = write!(out, "#EXT-X-STREAM-INF:BANDWIDTH={bandwidth}");
        if let Some((w, h)) = v.dim() {
            let _ = write!(out, ",RESOLUTION={w}x{h}");
        }
        if let Some(c) = v.get("codecs").filter(|c| !c.contains(['"', '\r', '\n'])) {
            let _ = write!(out, ",CODECS=\"{c}\"");
        }
        out.push('\n');
        out.push_str(&uri);
        out.push('\n');
    }
    out
}

/// The media playlist of one variant from its segments (any order, duplicates,
/// other variants, other publishers and expired segments allowed: the choice is
/// [`playable_segments`](crate::playable_segments)'s, among segments usable here).
///
/// Each segment is written with its `duration` as written (when it is a plain
/// decimal) and its first URL that is safe on a playlist line. Segments without a
/// usable duration or URL are left out before the choice, so a broken copy of an index
/// never hides a good one. `ended` adds `#EXT-X-ENDLIST` (after the stream's deletion).
///
/// # Example
/// ```
/// use nostr_core::{Keys, Timestamp};
/// use nostr_live::{Segment, Stream, StreamSource, Variant, media_playlist};
/// let me = Keys::generate();
/// let stream = Stream::new("lab").with_variant(Variant::new("720p")).sign_at(&me, Timestamp::from_secs(1));
/// let segment = |i: u64, d: &str| {
///     let s = Segment::new(stream.id, "720p", i, d, format!("https://cdn.example.com/{i}.ts"));
///     Segment::from_event(&s.sign_at(&me, Timestamp::from_secs(2)))
/// };
/// let segs = [segment(11, "2.000")?, segment(10, "1.500")?];
/// let m3u8 = media_playlist(&segs, &StreamSource::of(&stream), "720p", Timestamp::from_secs(3), false);
/// assert_eq!(m3u8, "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:10\n\
///     #EXTINF:1.500,\nhttps://cdn.example.com/10.ts\n#EXTINF:2.000,\nhttps://cdn.example.com/11.ts\n");
/// # Ok::<(), nostr_live::Error>(())
/// ```
pub fn media_playlist<'a>(
    segments: impl IntoIterator<Item = &'a Segment>,
    source: &StreamSource,
    variant: &str,
    now: Timestamp,
    ended: bool,
) -> String {
    let entries: alloc::vec::Vec<(u64, &str, &str, f64)> =
        select(segments, source, variant, now, playlist_entry)
            .into_iter()
            .map(|(_, entry)| entry)
            .collect();
    let target = entries.iter().fold(0.0f64, |m, e| m.max(e.3));
    let mut out = String::with_capacity(64 + entries.len() * 80);
    out.push_str("#EXTM3U\n#EXT-X-VERSION:3\n");
    let _ = writeln!(out, "#EXT-X-TARGETDURATION:{}", ceil_secs(target));
    let _ = writeln!(
        out,
        "#EXT-X-MEDIA-SEQUENCE:{}",
        entries.first().map_or(0, |e| e.0)
    );
    for (_, d, url, _) in &entries {
        let _ = write!(out, "#EXTINF:{d},\n{url}\n");
    }
    if ended {
        out.push_str("#EXT-X-ENDLIST\n");
    }
    out
}

/// What a playlist line needs from a segment: index, duration as written (a plain
/// decimal) and in seconds, and the first URL safe on a line.
fn playlist_entry(s: &Segment) -> Option<(u64, &str, &str, f64)> {
    let d = s.duration.as_deref()?;
    if !is_plain_decimal(d) {
        return None;
    }
    let secs = s.duration_secs()?;
    let url = s.candidate_urls().find(|u| safe_line(u))?;
    Some((s.index?, d, url, secs))
}

fn is_plain_decimal(s: &str) -> bool {
    let (whole, frac) = s.split_once('.').unwrap_or((s, "0"));
    !whole.is_empty()
        && !frac.is_empty()
        && whole.len() <= 9
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Smallest whole number of seconds >= `secs` (no_std: no `f64::ceil`).
fn ceil_secs(secs: f64) -> u64 {
    if secs.is_nan() || secs <= 0.0 {
        return 0;
    }
    // Durations are plain decimals below 1e9 (checked above), so this fits.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    {
        let t = secs as u64;
        if (t as f64) < secs { t + 1 } else { t }
    }
}
