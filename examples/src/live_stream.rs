//! A NIP-5E live stream: a kind 1053 stream with two variants, kind 1063 segments
//! arriving out of order (with a stranger's forged segment and a chat message on the
//! stream), the HLS master and media playlists a player is handed, and each
//! downloaded segment checked against its `x` hash.
//!
//! Run: `cargo run -p nostr-examples --example live_stream`

use std::collections::HashMap;
use std::io::Write;

use nostr_core::{Event, Keys, Timestamp};
use nostr_live::{
    Error as LiveError, LiveChat, Segment, Stream, StreamSource, Variant, master_playlist,
    media_playlist, playable_segments, segment_filter, stream_chat_filter,
};

use crate::{Error, ensure};

/// Seconds of media per segment.
const SEGMENT_SECS: u64 = 2;
/// Segments stay listed this long after they are published (NIP-40 `expiration`).
const KEEP_SECS: u64 = 30;
/// Segments published per variant.
const SEGMENTS: u64 = 12;

/// Plays the stream, writing the narrative to `out`.
///
/// # Errors
/// When a step fails or a checked fact does not hold.
pub fn run(out: &mut dyn Write) -> Result<(), Error> {
    let t0 = Timestamp::now();
    let at = |secs: u64| t0.saturating_add(secs);
    let streamer = Keys::generate();
    let viewer = Keys::generate();

    // 1. The stream (kind 1053) with its variants.
    let mut stream = Stream::new("Live from the lab")
        .with_variant(
            Variant::new("720p")
                .with_dim(1280, 720)
                .with_bitrate(3_000_000)
                .with_mime("video/mp2t"),
        )
        .with_variant(
            Variant::new("480p")
                .with_dim(854, 480)
                .with_bitrate(1_200_000)
                .with_mime("video/mp2t"),
        );
    stream.summary = Some("Soldering a synth, live".into());
    stream.hashtags.push("diy".into());
    let violations = stream.validate();
    ensure(
        violations.is_empty(),
        &format!("the stream is valid: {violations:?}"),
    )?;
    let stream_event = stream.sign_at(&streamer, t0);
    stream_event.verify()?;
    let read = Stream::from_event(&stream_event)?;
    ensure(read == stream, "the stream reads back as built")?;
    writeln!(
        out,
        "1. stream {} (kind {})",
        stream_event.id, stream_event.kind
    )?;
    for v in &read.variants {
        let (w, h) = v.dim().unwrap_or_default();
        writeln!(
            out,
            "   variant {:<5} {w}x{h} {} bit/s {}",
            v.id(),
            v.bitrate().unwrap_or_default(),
            v.mime().unwrap_or("")
        )?;
    }

    // 2. Segments (kind 1063): one every two seconds per variant, each with the
    //    SHA-256 of its bytes, kept for 30 s. The "CDN" is a map of URL to bytes.
    let mut cdn: HashMap<String, Vec<u8>> = HashMap::new();
    let mut published: Vec<Event> = Vec::new();
    for variant in ["720p", "480p"] {
        for i in 0..SEGMENTS {
            let url = format!("https://cdn.example.com/lab/{variant}/{i}.ts");
            let bytes = format!("{variant} media segment {i} ")
                .repeat(64)
                .into_bytes();
            let published_at = at(SEGMENT_SECS * (i + 1));
            let segment = Segment::new(stream_event.id, variant, i, "2.000", url.clone())
                .with_hash_of(&bytes)
                .with_fallback(format!("https://backup.example.com/lab/{variant}/{i}.ts"))
                .with_expiration(published_at.saturating_add(KEEP_SECS));
            cdn.insert(url, bytes);
            published.push(segment.sign_at(&streamer, published_at));
        }
    }
    // Anyone can publish a 1063 naming the stream: a stranger announces its own
    // segment 9 of 720p, newer than the real one, pointing at other bytes.
    let forged = b"not the stream".to_vec();
    let forged_event = Segment::new(
        stream_event.id,
        "720p",
        9,
        "2.000",
        "https://evil.example.com/9.ts",
    )
    .with_hash_of(&forged)
    .with_expiration(at(60))
    .sign_at(&viewer, at(21));
    published.push(forged_event.clone());
    cdn.insert("https://evil.example.com/9.ts".into(), forged);
    // A chat message on the stream (kind 1311 with the stream as `e` root).
    let chat = LiveChat::for_stream(stream_event.id, None, "the 720p looks great")
        .sign_at(&viewer, at(15));
    ensure(
        stream_chat_filter(&stream_event.id).matches(&chat),
        "chat filter matches",
    )?;
    ensure(
        LiveChat::from_event(&chat)?.stream() == Some(stream_event.id),
        "chat names the stream",
    )?;

    // They arrive out of order; the player subscribes with the segment filter, which
    // asks for the producer's segments only.
    published.reverse();
    published.rotate_left(5);
    let source = StreamSource::of(&stream_event);
    let filter = segment_filter(&source, 10);
    ensure(
        !filter.matches(&forged_event),
        "the filter leaves the forgery out",
    )?;
    // A relay that ignores `authors` (or a second subscription) still delivers it:
    // the player keeps every segment naming the stream and lets `playable_segments`
    // choose.
    let names_stream = |e: &Event| e.kind == Segment::KIND;
    let mut segments = Vec::new();
    for event in published.iter().chain([&chat]) {
        if !names_stream(event) {
            continue;
        }
        event.verify()?;
        let segment = Segment::from_event(event)?;
        ensure(
            segment.belongs_to(&stream_event.id),
            "segment names the stream",
        )?;
        segments.push(segment);
    }
    writeln!(
        out,
        "\n2. {} segment events received, one a stranger's forgery that {} would not \
         have fetched (one chat message on the stream: {:?})",
        segments.len(),
        filter.to_json(),
        chat.content
    )?;
    ensure(
        segments.len() == 2 * SEGMENTS as usize + 1,
        "every segment (the forgery too), not the chat",
    )?;

    // 3. What plays now, at t0 + 40 s: segments published up to 30 s ago.
    let now = at(40);
    let playable = playable_segments(&segments, &source, "720p", now);
    let indexes: Vec<u64> = playable.iter().filter_map(|s| s.index).collect();
    writeln!(
        out,
        "\n3. at t0+40s the 720p playlist holds segments {indexes:?} (older ones expired)"
    )?;
    ensure(
        indexes == [5, 6, 7, 8, 9, 10, 11],
        "unexpired 720p segments in order, index 9 once",
    )?;
    ensure(
        playable
            .iter()
            .all(|s| s.author == Some(streamer.public_key())),
        "only the streamer's segments play: the newer forged 9 is not among them",
    )?;

    // 4. The HLS playlists handed to the player.
    let master = master_playlist(&read, |v| format!("{}.m3u8", v.id()));
    writeln!(out, "\n4. master playlist:\n{}", indent(&master))?;
    ensure(
        master.contains("BANDWIDTH=3000000,RESOLUTION=1280x720\n720p.m3u8"),
        "720p in master",
    )?;
    ensure(
        master.contains("BANDWIDTH=1200000,RESOLUTION=854x480\n480p.m3u8"),
        "480p in master",
    )?;
    let media = media_playlist(&segments, &source, "720p", now, false);
    writeln!(out, "   720p media playlist:\n{}", indent(&media))?;
    ensure(
        media.contains("#EXT-X-MEDIA-SEQUENCE:5"),
        "media sequence starts at the first live segment",
    )?;
    ensure(
        media.matches("#EXTINF:2.000,").count() == indexes.len(),
        "one entry per playable segment",
    )?;
    ensure(
        !media.contains("#EXT-X-ENDLIST"),
        "a live playlist has no end marker",
    )?;
    ensure(
        !media.contains("evil.example.com"),
        "no forged URL in the playlist",
    )?;

    // 5. The player downloads each segment and checks it against `x`.
    let mut checked = 0;
    for segment in &playable {
        let url = segment
            .candidate_urls()
            .next()
            .ok_or("segment without a url")?;
        let bytes = cdn.get(url).ok_or_else(|| format!("nothing at {url}"))?;
        segment.check_bytes(bytes)?;
        checked += 1;
    }
    writeln!(
        out,
        "\n5. {checked} downloaded segments match their sha256 `x`"
    )?;
    let first = playable.first().ok_or("no playable segment")?;
    let mut corrupted = cdn
        .get(first.candidate_urls().next().unwrap_or_default())
        .cloned()
        .unwrap_or_default();
    if let Some(b) = corrupted.first_mut() {
        *b ^= 1;
    }
    ensure(
        first.check_bytes(&corrupted) == Err(LiveError::HashMismatch),
        "a flipped bit is caught",
    )?;
    writeln!(
        out,
        "   a copy with one flipped bit: {}",
        LiveError::HashMismatch
    )?;

    // 6. The stream ends: the last playlist gets its end marker.
    let last = media_playlist(&segments, &source, "720p", now, true);
    ensure(
        last.ends_with("#EXT-X-ENDLIST\n"),
        "an ended playlist ends with ENDLIST",
    )?;
    writeln!(
        out,
        "\n6. stream over: the final 720p playlist ends with #EXT-X-ENDLIST"
    )?;

    writeln!(out, "\nlive_stream: all checks passed")?;
    Ok(())
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("     {l}\n")).collect()
}
