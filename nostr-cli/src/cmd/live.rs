//! `nostr live show`: a NIP-53 / NIP-5E event (or a room with its presence and chat)
//! as a readable summary.

use core::fmt::Write as _;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use nostr_core::{Coordinate, Event, Kind, PublicKey, Timestamp};
use nostr_live::{
    ChatTarget, LiveChat, LiveEvent, MeetingRoom, MeetingSpace, NESTS_PRESENCE_WINDOW_SECS,
    Participant, Problem, ProofCheck, ProofStatus, RoomPresence, STALE_AFTER_SECS, Segment, Status,
    Stream, Violation, present_in_room,
};
use nostr_nip19::Naddr;

use crate::cmd::nip19::parse_pubkey;
use crate::error::{CliError, CliResult, Context};
use crate::{input, output};

/// Arguments of `nostr live`.
#[derive(Debug, Args)]
pub(crate) struct LiveArgs {
    #[command(subcommand)]
    action: LiveAction,
}

/// What `nostr live` does.
#[derive(Debug, Subcommand)]
enum LiveAction {
    /// Summarize a live activity: a live event (30311), meeting space / audio room
    /// (30312), meeting (30313), stream (1053), segment (1063), chat message (1311)
    /// or presence (10312).
    ///
    /// The input is one event as JSON, or JSON lines: the first activity found is
    /// summarized, and the presence (10312) and chat (1311) events among the others
    /// are counted for it (who is in the room now, recent chat).
    Show {
        /// Inline JSON, a file, or `-` / none for standard input.
        input: Option<String>,
        /// The time to judge staleness and presence by, in unix seconds (default: now).
        #[arg(long, value_name = "UNIX_SECONDS")]
        now: Option<u64>,
        /// A streaming service key whose `host` participant is trusted as the host
        /// (zap.stream signs with its own key); hex or npub; repeatable.
        #[arg(long, value_name = "PUBKEY")]
        trust: Vec<String>,
    },
}

/// Runs `nostr live`.
pub(crate) fn run(args: LiveArgs) -> CliResult<ExitCode> {
    match args.action {
        LiveAction::Show { input, now, trust } => {
            let text = input::json_document(input.as_deref())?;
            let events = parse_events(&text)?;
            let trusted = trust
                .iter()
                .map(|t| parse_pubkey(t))
                .collect::<CliResult<Vec<_>>>()?;
            let now = now.map_or_else(Timestamp::now, Timestamp::from_secs);
            let summary = summarize(&events, now, &trusted)?;
            output::line(summary.trim_end())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads one JSON event or JSON lines of events.
fn parse_events(text: &str) -> CliResult<Vec<Event>> {
    let trimmed = text.trim();
    if let Ok(event) = Event::from_json(trimmed) {
        return Ok(vec![event]);
    }
    let mut events = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        events.push(Event::from_json(line.trim()).context(&format!("line {}", i + 1))?);
    }
    if events.is_empty() {
        return Err(CliError::msg("no event in the input"));
    }
    Ok(events)
}

/// The kinds that can be summarized as the main event.
const MAIN_KINDS: [Kind; 7] = [
    LiveEvent::KIND,
    MeetingSpace::KIND,
    MeetingRoom::KIND,
    Stream::KIND,
    Segment::KIND,
    LiveChat::KIND,
    RoomPresence::KIND,
];

/// Builds the summary text.
fn summarize(events: &[Event], now: Timestamp, trusted: &[PublicKey]) -> CliResult<String> {
    // Prefer an activity over chat and presence when several events are given.
    let main = events
        .iter()
        .find(|e| MAIN_KINDS[..5].contains(&e.kind))
        .or_else(|| events.iter().find(|e| MAIN_KINDS.contains(&e.kind)))
        .ok_or_else(|| {
            CliError::msg(format!(
                "no live activity in the input (kinds {}; got {})",
                MAIN_KINDS.map(|k| k.to_string()).join(", "),
                events
                    .iter()
                    .map(|e| e.kind.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
    let mut s = String::new();
    let w = &mut s;
    let signature = match main.verify() {
        Ok(()) => "valid".to_owned(),
        Err(e) => format!("INVALID ({e})"),
    };
    match main.kind {
        k if k == LiveEvent::KIND => {
            let live = LiveEvent::from_event(main).context("cannot read the live event")?;
            let coordinate = live.coordinate(&main.pubkey);
            line(
                w,
                "Live event",
                live.title.as_deref().unwrap_or("(untitled)"),
            );
            address(w, &coordinate, &live.relays);
            let status = live.effective_status(main.created_at, now, STALE_AFTER_SECS);
            line(
                w,
                "Status",
                &status_text(live.status.as_ref(), status.as_ref()),
            );
            line(w, "Host", &live.host(&main.pubkey, trusted).to_hex());
            opt(w, "Summary", live.summary.as_deref());
            time(w, "Starts", live.starts);
            time(w, "Ends", live.ends);
            list(w, "Streaming", &live.streaming);
            list(w, "Recording", &live.recording);
            opt(w, "Service", live.service.as_deref());
            if live.current_participants.is_some() || live.total_participants.is_some() {
                line(
                    w,
                    "Viewers",
                    &format!(
                        "{} now, {} total",
                        num(live.current_participants),
                        num(live.total_participants)
                    ),
                );
            }
            list(w, "Hashtags", &live.hashtags);
            if let Some(goal) = &live.goal {
                line(w, "Zap goal", &goal.id.to_hex());
            }
            participants(w, &live.participants, &live.verify_proofs(&main.pubkey));
            chat_and_presence(w, events, &coordinate, now, false);
            violations(w, &live.validate());
        }
        k if k == MeetingSpace::KIND => {
            let space = MeetingSpace::from_event(main).context("cannot read the meeting space")?;
            let coordinate = space.coordinate(&main.pubkey);
            line(w, "Room", space.name().unwrap_or("(unnamed)"));
            address(w, &coordinate, &space.relays);
            line(
                w,
                "Dialect",
                &format!("{:?}", space.dialect()).to_lowercase(),
            );
            line(w, "Status", &status_text(space.status.as_ref(), None));
            opt(w, "Summary", space.summary.as_deref());
            time(w, "Starts", space.starts);
            opt(w, "Service", space.service.as_deref());
            opt(w, "Endpoint", space.endpoint.as_deref());
            opt(w, "Auth", space.auth.as_deref());
            list(w, "Streaming", &space.streaming);
            list(w, "Hashtags", &space.hashtags);
            participants(w, &space.participants, &space.verify_proofs(&main.pubkey));
            let speakers: Vec<String> = space
                .participants
                .iter()
                .filter(|p| space.can_speak(&main.pubkey, &p.pubkey))
                .map(|p| short(&p.pubkey))
                .collect();
            line(
                w,
                "Can speak",
                &format!("{} (and the host)", speakers.len()),
            );
            chat_and_presence(w, events, &coordinate, now, true);
            violations(w, &space.validate());
        }
        k if k == MeetingRoom::KIND => {
            let room = MeetingRoom::from_event(main).context("cannot read the meeting")?;
            let coordinate = room.coordinate(&main.pubkey);
            line(w, "Meeting", room.title.as_deref().unwrap_or("(untitled)"));
            address(w, &coordinate, &[]);
            if let Some(space) = &room.space {
                line(w, "In space", &space.coordinate.to_string());
            }
            let status = room.effective_status(main.created_at, now, STALE_AFTER_SECS);
            line(
                w,
                "Status",
                &status_text(room.status.as_ref(), status.as_ref()),
            );
            opt(w, "Summary", room.summary.as_deref());
            time(w, "Starts", room.starts);
            time(w, "Ends", room.ends);
            participants(w, &room.participants, &[]);
            chat_and_presence(w, events, &coordinate, now, true);
            violations(w, &room.validate());
        }
        k if k == Stream::KIND => {
            let stream = Stream::from_event(main).context("cannot read the stream")?;
            line(w, "Stream", stream.title.as_deref().unwrap_or("(untitled)"));
            line(w, "Id", &main.id.to_hex());
            opt(w, "Summary", stream.summary.as_deref());
            time(w, "Starts", stream.starts);
            time(w, "Ends", stream.ends);
            for v in &stream.variants {
                let mut desc = String::new();
                if let Some((wd, ht)) = v.dim() {
                    let _ = write!(desc, " {wd}x{ht}");
                }
                if let Some(b) = v.bitrate() {
                    let _ = write!(desc, " {b} bit/s");
                }
                if let Some(m) = v.mime() {
                    let _ = write!(desc, " {m}");
                }
                line(w, "Variant", &format!("{}{desc}", v.id()));
            }
            list(w, "Hashtags", &stream.hashtags);
            let segments = events.iter().filter(|e| e.kind == Segment::KIND).count();
            if segments > 0 {
                line(w, "Segments", &segments.to_string());
            }
            violations(w, &stream.validate());
        }
        k if k == Segment::KIND => {
            let seg = Segment::from_event(main).context("cannot read the segment")?;
            line(w, "Segment", &format!("variant {}", seg.variant));
            if let Some(stream) = &seg.stream {
                line(w, "Stream", &stream.id.to_hex());
            }
            if let Some(i) = seg.index {
                line(w, "Index", &i.to_string());
            }
            opt(w, "Duration", seg.duration.as_deref());
            list(w, "Urls", &seg.urls);
            opt(w, "Mime", seg.mime.as_deref());
            time(w, "Expires", seg.expiration);
            violations(w, &seg.validate());
        }
        k if k == LiveChat::KIND => {
            let chat = LiveChat::from_event(main).context("cannot read the chat message")?;
            match &chat.target {
                ChatTarget::Activity(a) => line(w, "Chat in", &a.coordinate.to_string()),
                ChatTarget::Stream(p) => line(w, "Chat on stream", &p.id.to_hex()),
            }
            line(w, "From", &main.pubkey.to_hex());
            time(w, "At", Some(main.created_at));
            if let Some(parent) = &chat.reply_to {
                line(w, "Reply to", &parent.id.to_hex());
            }
            line(w, "Message", &chat.content);
            violations(w, &chat.validate());
        }
        _ => {
            let presence = RoomPresence::from_event(main).context("cannot read the presence")?;
            line(w, "Presence in", &presence.room.coordinate.to_string());
            line(w, "Who", &main.pubkey.to_hex());
            time(w, "Seen", Some(main.created_at));
            let flags = presence_flags(&presence);
            if !flags.is_empty() {
                line(w, "Flags", &flags);
            }
            violations(w, &presence.validate());
        }
    }
    line(w, "Author", &main.pubkey.to_hex());
    line(w, "Signature", &signature);
    Ok(s)
}

fn line(w: &mut String, label: &str, value: &str) {
    let _ = writeln!(w, "{:<12} {value}", format!("{label}:"));
}

fn opt(w: &mut String, label: &str, value: Option<&str>) {
    if let Some(v) = value.filter(|v| !v.is_empty()) {
        line(w, label, v);
    }
}

fn list(w: &mut String, label: &str, values: &[String]) {
    if !values.is_empty() {
        line(w, label, &values.join(", "));
    }
}

fn time(w: &mut String, label: &str, at: Option<Timestamp>) {
    if let Some(t) = at {
        line(w, label, &format!("{} ({})", t.as_secs(), utc(t.as_secs())));
    }
}

fn num(n: Option<u64>) -> String {
    n.map_or_else(|| "?".to_owned(), |n| n.to_string())
}

/// The first 8 hex characters of a key, for lists.
fn short(pk: &PublicKey) -> String {
    let mut hex = pk.to_hex();
    hex.truncate(8);
    hex
}

fn address(w: &mut String, coordinate: &Coordinate, relays: &[String]) {
    line(w, "Address", &coordinate.to_string());
    let relays = relays.iter().take(3).map(String::as_str);
    if let Ok(naddr) = Naddr::new(coordinate.clone(), relays) {
        line(w, "Naddr", &naddr.to_bech32());
    }
}

fn status_text(written: Option<&Status>, effective: Option<&Status>) -> String {
    match (written, effective) {
        (None, _) => "(none)".to_owned(),
        (Some(w), Some(e)) if w != e => {
            format!("{e} (says {w}, but not updated for over an hour)")
        }
        (Some(w), _) => w.to_string(),
    }
}

fn participants(w: &mut String, people: &[Participant], proofs: &[ProofCheck]) {
    if people.is_empty() {
        return;
    }
    line(w, "Participants", &people.len().to_string());
    for p in people {
        let role = p.role.as_ref().map_or("(no role)", |r| r.as_str());
        let proof = proofs
            .iter()
            .find(|c| c.pubkey == p.pubkey)
            .map(|c| match &c.status {
                ProofStatus::Verified => ", proof verified",
                ProofStatus::Missing => "",
                _ => ", proof INVALID",
            })
            .unwrap_or("");
        let _ = writeln!(w, "  - {} {role}{proof}", p.pubkey.to_hex());
    }
}

/// Counts the chat messages and, for rooms, who is present now.
fn chat_and_presence(
    w: &mut String,
    events: &[Event],
    coordinate: &Coordinate,
    now: Timestamp,
    presence: bool,
) {
    let chat: Vec<(Timestamp, PublicKey, String)> = events
        .iter()
        .filter(|e| e.kind == LiveChat::KIND)
        .filter_map(|e| {
            let chat = LiveChat::from_event(e).ok()?;
            let here = chat.activity() == Some(coordinate);
            here.then_some((e.created_at, e.pubkey, chat.content))
        })
        .collect();
    if !chat.is_empty() {
        line(w, "Chat", &format!("{} messages", chat.len()));
        for (at, who, text) in chat.iter().rev().take(5).rev() {
            let _ = writeln!(w, "  [{}] {}: {text}", utc(at.as_secs()), short(who));
        }
    }
    if presence && events.iter().any(|e| e.kind == RoomPresence::KIND) {
        let here = present_in_room(events, coordinate, now, NESTS_PRESENCE_WINDOW_SECS);
        line(w, "Present now", &here.len().to_string());
        for p in &here {
            let flags = presence_flags(&p.presence);
            let _ = writeln!(w, "  - {} {flags}", p.pubkey.to_hex());
        }
    }
}

fn presence_flags(p: &RoomPresence) -> String {
    let mut flags = Vec::new();
    for (name, value) in [
        ("hand raised", p.hand),
        ("publishing", p.publishing),
        ("muted", p.muted),
        ("on stage", p.onstage),
    ] {
        if value == Some(true) {
            flags.push(name);
        }
    }
    flags.join(", ")
}

fn violations(w: &mut String, found: &[Violation]) {
    if found.is_empty() {
        return;
    }
    line(w, "Off-spec", &found.len().to_string());
    for v in found {
        let problem = match &v.problem {
            Problem::Missing => "missing".to_owned(),
            Problem::Malformed => "malformed (kept as written)".to_owned(),
            Problem::UnexpectedValue(value) => format!("unexpected value {value:?}"),
            Problem::NonStandard(form) => format!("non-standard form {form:?}"),
            other => format!("{other:?}"),
        };
        let _ = writeln!(w, "  - `{}`: {problem}", v.field);
    }
}

/// Unix seconds as `YYYY-MM-DD HH:MM:SS UTC` (proleptic Gregorian calendar).
fn utc(secs: u64) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm), on unsigned numbers from the
    // epoch (0000-03-01 shifted).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
