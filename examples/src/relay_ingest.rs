//! A relay's ingest path over a file of events (one JSON event per line): the
//! acceptance policy on all cores (parse, limits, `created_at` window, NIP-40
//! expiration, blocked authors, then id and signature), replaceable and
//! addressable slots, NIP-09 deletions, and fan-out to live subscriptions plus an
//! initial `REQ` query and a NIP-45 `COUNT`, with counts and timings.
//!
//! Without an input path it writes its own file into a temporary directory: a few
//! thousand signed events from twenty authors (notes, profiles with several versions,
//! articles, reactions, deletions, ephemeral events), shuffled, plus forged,
//! malformed, expired, too-far-future, oversized, blocked-author and duplicate ones,
//! and then checks that every count comes out exactly as generated.
//!
//! Run: `cargo run --release -p nostr-examples --example relay_ingest [events.jsonl]`

use alloc::collections::BTreeMap;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use nostr_core::nip09::{self, DeletionRequest};
use nostr_core::policy::{AcceptancePolicy, Refusal, Storage};
use nostr_core::replaceable::{self, ReplaceableKey};
use nostr_core::req::{self, Limits, Subscriptions};
use nostr_core::{
    Coordinate, Event, EventBuilder, EventId, Filter, Keys, Kind, RawEvent, SubscriptionId, Tag,
    Timestamp, verify_batch_raw,
};
use rayon::prelude::*;

use crate::{Error, ensure};

/// What to ingest.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// A file of events, one JSON object per line; `None` generates one.
    pub input: Option<PathBuf>,
}

impl Options {
    /// The options from the command line: the first argument, when given, is the
    /// input file.
    pub fn from_args() -> Self {
        Self {
            input: std::env::args_os().nth(1).map(PathBuf::from),
        }
    }
}

/// Runs the ingest over a generated file.
///
/// # Errors
/// When a step fails or a checked fact does not hold.
pub fn run(out: &mut dyn Write) -> Result<(), Error> {
    run_with(out, &Options::default())
}

/// Runs the ingest with `options`.
///
/// # Errors
/// When the input cannot be read, a step fails or a checked fact does not hold.
pub fn run_with(out: &mut dyn Write, options: &Options) -> Result<(), Error> {
    let now = Timestamp::now();
    let authors: Vec<Keys> = (1..=AUTHORS)
        .map(|i| Keys::from_hex(&format!("{i:064x}")))
        .collect::<Result<_, _>>()?;
    let spammer = Keys::from_hex(&format!("{:064x}", 0xbad_u32))?;

    // 1. The input.
    let (text, expected) = match &options.input {
        Some(path) => {
            writeln!(out, "input: {}", path.display())?;
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("reading {}: {e}", path.display()))?;
            (text, None)
        }
        None => {
            let started = Instant::now();
            let (lines, expected) = generate(&authors, &spammer, now)?;
            let dir = TempDir::new()?;
            let path = dir.path().join("events.jsonl");
            std::fs::write(&path, lines.join("\n"))?;
            writeln!(
                out,
                "generated {} lines into {} in {:.0?}",
                lines.len(),
                path.display(),
                started.elapsed()
            )?;
            (std::fs::read_to_string(&path)?, Some(expected))
        }
    };
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    writeln!(
        out,
        "{} events, {:.1} MiB, {} worker threads\n",
        lines.len(),
        as_mib(text.len()),
        rayon::current_num_threads()
    )?;

    // 2. The acceptance policy, on every line, on all cores. The policy runs the
    //    cheap checks first and the signature check last.
    let policy = AcceptancePolicy {
        max_content_chars: Some(MAX_CONTENT_CHARS),
        blocked_authors: [spammer.public_key()].into(),
        ..AcceptancePolicy::default()
    };
    let started = Instant::now();
    let verdicts: Vec<_> = lines
        .par_iter()
        .map(|l| policy.check_json(l, now))
        .collect();
    let policy_time = started.elapsed();

    let mut refused: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut accepted = Vec::new();
    for verdict in &verdicts {
        match verdict {
            Ok(a) => accepted.push(a),
            Err(r) => *refused.entry(label(&r.refusal)).or_default() += 1,
        }
    }
    let refused_total: usize = refused.values().sum();
    writeln!(
        out,
        "acceptance policy: {} accepted, {} refused in {:.1?} ({:.0} events/s)",
        accepted.len(),
        refused_total,
        policy_time,
        per_sec(lines.len(), policy_time)
    )?;
    for (reason, n) in &refused {
        writeln!(out, "  refused {n:>5}  {reason}")?;
    }
    ensure(
        accepted.len() + refused_total == lines.len(),
        "every line gets one verdict",
    )?;
    if let Some(example) = verdicts
        .iter()
        .find_map(|v| v.as_ref().err().filter(|r| r.event_id.is_some()))
    {
        writeln!(
            out,
            "  e.g. the answer to send: {}",
            example.message().to_json()
        )?;
    }

    // For scale: the bare batch signature check over every event that parses.
    let raws: Vec<RawEvent<'_>> = lines
        .iter()
        .filter_map(|l| RawEvent::from_json(l).ok())
        .collect();
    let started = Instant::now();
    let checks = verify_batch_raw(&raws);
    let verify_time = started.elapsed();
    let valid: HashSet<EventId> = raws
        .iter()
        .zip(&checks)
        .filter(|(_, c)| c.is_ok())
        .map(|(e, _)| e.id)
        .collect();
    writeln!(
        out,
        "for scale, bare verify_batch_raw over the {} parseable events: {} valid, in {:.1?} (policy incl. parsing / bare verify: {:.2}x)",
        raws.len(),
        checks.iter().filter(|c| c.is_ok()).count(),
        verify_time,
        policy_time.as_secs_f64() / verify_time.as_secs_f64().max(1e-9)
    )?;
    ensure(
        accepted.iter().all(|a| valid.contains(&a.event.id)),
        "the policy accepts only events whose id and signature verify",
    )?;

    // 3. Storage semantics, in arrival order: duplicates, replaceable and
    //    addressable slots (newest wins, ties to the lowest id), NIP-09 deletions.
    let started = Instant::now();
    let mut store = Store::default();
    for a in &accepted {
        store.ingest(a.event.to_event(), a.storage)?;
    }
    let store_time = started.elapsed();
    writeln!(
        out,
        "\nstore: {} events kept in {:.1?}; {} duplicates, {} older versions superseded, \
         {} deleted, {} refused as already deleted, {} ephemeral broadcast only",
        store.events.len(),
        store_time,
        store.duplicates,
        store.superseded,
        store.deleted,
        store.refused_deleted,
        store.ephemeral
    )?;

    // 4. Live subscriptions: which stored events each one would have been sent.
    let mut subs = Subscriptions::new();
    let feeds = subscriptions(&authors);
    for (id, filters) in &feeds {
        subs.insert(SubscriptionId::new(*id)?, filters.clone());
    }
    let stored: Vec<&Event> = store.events.values().collect();
    let started = Instant::now();
    let fanout: Vec<Vec<&SubscriptionId>> = stored.par_iter().map(|e| subs.matching(e)).collect();
    let match_time = started.elapsed();
    let mut per_sub: BTreeMap<&str, usize> = BTreeMap::new();
    for id in fanout.iter().flatten() {
        *per_sub.entry(id.as_str()).or_default() += 1;
    }
    writeln!(
        out,
        "\nsubscriptions: {} events matched against {} subscriptions in {:.1?}",
        stored.len(),
        subs.len(),
        match_time
    )?;
    for (id, filters) in &feeds {
        let n = per_sub.get(id).copied().unwrap_or(0);
        // The index must give exactly what testing every filter gives.
        let brute = stored
            .iter()
            .filter(|e| req::matches_any(filters, e))
            .count();
        ensure(n == brute, "indexed matching equals testing every filter")?;
        let json: Vec<String> = filters.iter().map(Filter::to_json).collect();
        writeln!(out, "  {n:>5}  {id:<18} {}", json.join(" "))?;
    }

    // 5. A client's REQ: the initial query (newest first, cut to the limit), then COUNT.
    let limits = Limits {
        max_limit: Some(100),
        ..Limits::default()
    };
    let tagged = [Filter::new()
        .kind(Kind::TEXT_NOTE)
        .tag('t', "nostr")
        .limit(5)];
    let initial = req::initial_query(&tagged, stored.iter().copied(), &limits);
    writeln!(
        out,
        "\nREQ {}: {} events",
        tagged.iter().map(Filter::to_json).collect::<String>(),
        initial.len()
    )?;
    for e in &initial {
        writeln!(out, "  {} {}", e.created_at, e.id)?;
    }
    ensure(initial.len() <= 5, "the initial query honours the limit")?;
    ensure(
        initial
            .windows(2)
            .all(|w| matches!(w, [a, b] if req::newest_first(a, b).is_lt())),
        "the initial query is newest first",
    )?;
    let count = req::count(
        &[Filter::new().kind(Kind::TEXT_NOTE)],
        stored.iter().copied(),
    );
    writeln!(
        out,
        "COUNT of kind 1: {}",
        req::count_message(SubscriptionId::new("c1")?, count.clone()).to_json()
    )?;

    // 6. For the generated file every number is known in advance.
    if let Some(expected) = expected {
        expected.check(&refused, accepted.len(), &store, &per_sub, count.count)?;
        writeln!(out, "\nall counts match what was generated")?;
    }
    writeln!(out, "\nrelay_ingest: done")?;
    Ok(())
}

/// Number of honest authors in the generated file.
const AUTHORS: u32 = 20;
/// The policy's content limit; the generated file has some notes over it.
const MAX_CONTENT_CHARS: usize = 2_000;

/// A short name for each refusal, by its `OK` prefix.
fn label(refusal: &Refusal) -> &'static str {
    match refusal {
        Refusal::Malformed(_) => "invalid: malformed JSON",
        Refusal::TooLarge { .. } => "invalid: event too large",
        Refusal::TooManyTags { .. } => "invalid: too many tags",
        Refusal::ContentTooLong { .. } => "invalid: content too long",
        Refusal::TooOld { .. } => "invalid: created_at too old",
        Refusal::TooNew { .. } => "invalid: created_at too far in the future",
        Refusal::Expired(_) => "invalid: expired (NIP-40)",
        Refusal::IdMismatch => "invalid: id does not match",
        Refusal::BadSignature => "invalid: bad signature",
        Refusal::AuthEvent => "invalid: AUTH event outside AUTH",
        Refusal::BlockedAuthor => "blocked: author",
        Refusal::BlockedKind(_) => "blocked: kind",
        Refusal::EphemeralRefused => "blocked: ephemeral",
        Refusal::InsufficientPow { .. } | Refusal::PowNotCommitted { .. } => "pow: not enough work",
        _ => "other",
    }
}

/// The subscriptions the stored events are matched against.
fn subscriptions(authors: &[Keys]) -> Vec<(&'static str, Vec<Filter>)> {
    let first = authors.first().map(Keys::public_key);
    let mut author_feed = Filter::new().kinds([Kind::TEXT_NOTE, Kind::REACTION]);
    if let Some(first) = first {
        author_feed = author_feed.author(first);
    }
    vec![
        (
            "tag-nostr",
            vec![Filter::new().kind(Kind::TEXT_NOTE).tag('t', "nostr")],
        ),
        (
            "tag-rust-or-music",
            vec![
                Filter::new().kind(Kind::TEXT_NOTE).tag('t', "rust"),
                Filter::new().kind(Kind::TEXT_NOTE).tag('t', "music"),
            ],
        ),
        ("author-1", vec![author_feed]),
        ("profiles", vec![Filter::new().kind(Kind::METADATA)]),
        ("articles", vec![Filter::new().kind(Kind::new(30023))]),
        ("deletions", vec![Filter::new().kind(Kind::DELETION)]),
    ]
}

/// An in-memory store with the relay semantics of `nostr_core`.
#[derive(Default)]
struct Store {
    events: BTreeMap<EventId, Event>,
    slots: HashMap<ReplaceableKey, EventId>,
    deletions: Vec<DeletionRequest>,
    duplicates: usize,
    superseded: usize,
    deleted: usize,
    refused_deleted: usize,
    ephemeral: usize,
}

impl Store {
    fn ingest(&mut self, event: Event, storage: Storage) -> Result<(), Error> {
        if self.events.contains_key(&event.id) {
            // The relay answers `policy::duplicate(id)`.
            self.duplicates += 1;
            return Ok(());
        }
        if storage == Storage::Ephemeral {
            self.ephemeral += 1;
            return Ok(());
        }
        if self.deletions.iter().any(|d| d.refuses(&event)) {
            self.refused_deleted += 1;
            return Ok(());
        }
        if storage == Storage::Deletion {
            let request = DeletionRequest::from_event(&event)?;
            let doomed: Vec<EventId> = self
                .events
                .values()
                .filter(|e| request.deletes(e))
                .map(|e| e.id)
                .collect();
            for id in doomed {
                if let Some(e) = self.events.remove(&id) {
                    self.deleted += 1;
                    if let Some(key) = ReplaceableKey::of(&e) {
                        if self.slots.get(&key) == Some(&id) {
                            self.slots.remove(&key);
                        }
                    }
                }
            }
            self.deletions.push(request);
        }
        if let Some(key) = ReplaceableKey::of(&event) {
            if let Some(old_id) = self.slots.get(&key).copied() {
                match self.events.get(&old_id) {
                    Some(old) if !replaceable::wins(old, &event) => {
                        self.superseded += 1;
                        return Ok(());
                    }
                    _ => {
                        self.events.remove(&old_id);
                        self.superseded += 1;
                    }
                }
            }
            self.slots.insert(key, event.id);
        }
        self.events.insert(event.id, event);
        Ok(())
    }
}

/// What the generated file must produce.
#[derive(Default)]
struct Expected {
    refused: BTreeMap<&'static str, usize>,
    accepted: usize,
    duplicates: usize,
    superseded: usize,
    ephemeral: usize,
    /// Ids that must be gone (deleted), and ids that must be present.
    gone: Vec<EventId>,
    kept: Vec<EventId>,
    per_sub: BTreeMap<&'static str, usize>,
    notes: u64,
}

impl Expected {
    fn check(
        &self,
        refused: &BTreeMap<&'static str, usize>,
        accepted: usize,
        store: &Store,
        per_sub: &BTreeMap<&str, usize>,
        notes: u64,
    ) -> Result<(), Error> {
        for (reason, n) in &self.refused {
            let got = refused.get(reason).copied().unwrap_or(0);
            ensure(
                got == *n,
                &format!("refused for {reason:?}: {got}, generated {n}"),
            )?;
        }
        ensure(
            refused.keys().all(|k| self.refused.contains_key(k)),
            "no unexpected refusal",
        )?;
        ensure(
            accepted == self.accepted,
            &format!("accepted {accepted}, generated {}", self.accepted),
        )?;
        ensure(store.duplicates == self.duplicates, "duplicates")?;
        // Versions in deleted slots end up superseded, deleted or refused as
        // deleted depending on arrival order; their sum does not.
        ensure(
            store.superseded + store.deleted + store.refused_deleted
                == self.superseded + self.gone.len(),
            "every superseded or deleted version is accounted for",
        )?;
        ensure(store.ephemeral == self.ephemeral, "ephemeral events")?;
        ensure(
            self.gone.iter().all(|id| !store.events.contains_key(id)),
            "deleted events are gone",
        )?;
        ensure(
            self.kept.iter().all(|id| store.events.contains_key(id)),
            "winning versions are kept",
        )?;
        for (sub, n) in &self.per_sub {
            let got = per_sub.get(sub).copied().unwrap_or(0);
            ensure(
                got == *n,
                &format!("subscription {sub}: {got} matched, expected {n}"),
            )?;
        }
        ensure(
            notes == self.notes,
            &format!("COUNT of notes: {notes}, expected {}", self.notes),
        )?;
        Ok(())
    }
}

/// Writes the test file's lines (shuffled) and what ingesting them must give.
fn generate(
    authors: &[Keys],
    spammer: &Keys,
    now: Timestamp,
) -> Result<(Vec<String>, Expected), Error> {
    const NOTES_PER_AUTHOR: u64 = 120;
    const HASHTAGS: [&str; 4] = ["nostr", "rust", "music", "photography"];
    let mut ex = Expected::default();
    let mut lines: Vec<String> = Vec::new();
    let ago = |secs: u64| now.saturating_sub(secs);

    // Honest notes, signed on all cores.
    let mut specs = Vec::new();
    for (a, keys) in authors.iter().enumerate() {
        for i in 0..NOTES_PER_AUTHOR {
            let n = a as u64 * NOTES_PER_AUTHOR + i;
            let tag = HASHTAGS.get((n % 4) as usize).copied().unwrap_or("nostr");
            let builder =
                EventBuilder::new(Kind::TEXT_NOTE, format!("note {n} from author {}", a + 1))
                    .tag(Tag::hashtag(tag));
            specs.push((keys, builder, ago(600 + (n * 37) % 86_000)));
        }
    }
    let notes: Vec<Event> = specs
        .into_par_iter()
        .map(|(keys, builder, at)| builder.sign_at(keys, at))
        .collect();

    // Reactions to notes of the next author.
    let reactions: Vec<Event> = notes
        .par_iter()
        .enumerate()
        .filter(|(i, _)| i % 8 == 0)
        .filter_map(|(i, note)| {
            let keys = authors.get(i % authors.len())?;
            Some(
                EventBuilder::new(Kind::REACTION, "+")
                    .tag(Tag::event(note.id, None, None, None))
                    .tag(Tag::public_key(note.pubkey, None))
                    .sign_at(keys, note.created_at.saturating_add(5)),
            )
        })
        .collect();

    // Profiles: three versions each; the first author also has a fourth with the
    // same created_at as the third (the lower id wins).
    let mut profiles = Vec::new();
    for (a, keys) in authors.iter().enumerate() {
        let mut versions: Vec<Event> = [3000, 2000, 1000]
            .iter()
            .enumerate()
            .map(|(v, secs)| {
                EventBuilder::new(
                    Kind::METADATA,
                    format!(r#"{{"name":"author {}","v":{v}}}"#, a + 1),
                )
                .sign_at(keys, ago(*secs))
            })
            .collect();
        if a == 0 {
            versions.push(
                EventBuilder::new(Kind::METADATA, r#"{"name":"author 1","v":"tie"}"#)
                    .sign_at(keys, ago(1000)),
            );
        }
        let winner = replaceable::latest(&versions)
            .map(|e| e.id)
            .ok_or("no profile")?;
        ex.kept.push(winner);
        ex.superseded += versions.len() - 1;
        profiles.extend(versions);
    }

    // Articles (30023): two slots per author, two versions each.
    let mut articles = Vec::new();
    for keys in authors {
        for slug in ["intro", "roadmap"] {
            for (v, secs) in [(1, 5000), (2, 4000)] {
                articles.push(
                    EventBuilder::new(Kind::new(30023), format!("# {slug} v{v}"))
                        .tag(Tag::identifier(slug))
                        .sign_at(keys, ago(secs)),
                );
            }
        }
    }

    // Deletions: the first five authors delete their first two notes and their
    // "roadmap" article (every version, by `a` coordinate).
    let mut deletions = Vec::new();
    for keys in authors.iter().take(5) {
        let mine: Vec<&Event> = notes
            .iter()
            .filter(|n| n.pubkey == keys.public_key())
            .take(2)
            .collect();
        let ids: Vec<EventId> = mine.iter().map(|n| n.id).collect();
        ex.gone.extend(&ids);
        let roadmap = Coordinate::new(Kind::new(30023), keys.public_key(), "roadmap");
        for a in articles
            .iter()
            .filter(|a| a.pubkey == keys.public_key() && a.tags.identifier() == Some("roadmap"))
        {
            ex.gone.push(a.id);
        }
        deletions.push(nip09::request(ids, [roadmap], "posted by mistake").sign_at(keys, ago(500)));
    }
    // Each author's kept article versions are the v2s of slots not deleted.
    for (i, a) in articles.iter().enumerate() {
        if i % 2 == 1 && !ex.gone.contains(&a.id) {
            ex.kept.push(a.id);
        }
    }
    // Article versions: one superseded per surviving slot (deleted slots are
    // accounted for with the deleted events).
    let surviving_slots = articles.len() / 2 - 5;
    ex.superseded += surviving_slots;

    // Ephemeral events: broadcast, never stored.
    let ephemeral: Vec<Event> = (0..10)
        .filter_map(|i| authors.get(i % authors.len()))
        .map(|k| EventBuilder::new(Kind::new(20001), "typing...").sign_at(k, ago(1)))
        .collect();

    let honest: Vec<&Event> = notes
        .iter()
        .chain(&reactions)
        .chain(&profiles)
        .chain(&articles)
        .chain(&deletions)
        .chain(&ephemeral)
        .collect();
    for e in &honest {
        lines.push(e.to_json());
    }
    ex.accepted = honest.len();
    ex.ephemeral = ephemeral.len();

    // Exact duplicates of ten notes.
    for n in notes.iter().skip(100).step_by(97).take(10) {
        lines.push(n.to_json());
        ex.duplicates += 1;
        ex.accepted += 1;
    }

    let bad = authors.get(7).ok_or("no author 8")?;
    let mut refuse = |reason: &'static str, line: String| {
        lines.push(line);
        *ex.refused.entry(reason).or_default() += 1;
    };
    // Forged: content changed after signing (id mismatch)...
    for n in notes.iter().skip(3).step_by(101).take(20) {
        let mut forged = n.clone();
        forged.content.push_str(" (edited)");
        refuse("invalid: id does not match", forged.to_json());
    }
    // ...and a signature taken from another event (id fine, signature wrong).
    for pair in notes.chunks(2).skip(5).step_by(53).take(20) {
        if let [a, b] = pair {
            let mut forged = a.clone();
            forged.sig = b.sig;
            refuse("invalid: bad signature", forged.to_json());
        }
    }
    // Malformed lines.
    for n in notes.iter().skip(11).step_by(211).take(8) {
        let json = n.to_json();
        refuse(
            "invalid: malformed JSON",
            json.get(..json.len() / 2).unwrap_or("{").to_string(),
        );
    }
    for junk in ["not json at all", "[]", r#"{"id":"zz"}"#, "{}"] {
        refuse("invalid: malformed JSON", junk.to_string());
    }
    // Expired (NIP-40) one minute ago.
    for i in 0..25 {
        let e = EventBuilder::new(Kind::TEXT_NOTE, format!("flash sale {i}"))
            .tag(Tag::expiration(ago(60)))
            .sign_at(bad, ago(3600));
        refuse("invalid: expired (NIP-40)", e.to_json());
    }
    // An hour ahead (the default window allows 15 minutes).
    for i in 0..25 {
        let e = EventBuilder::new(Kind::TEXT_NOTE, format!("from the future {i}"))
            .sign_at(bad, now.saturating_add(3600));
        refuse("invalid: created_at too far in the future", e.to_json());
    }
    // Over the content limit.
    for i in 0..10 {
        let e = EventBuilder::new(Kind::TEXT_NOTE, "a".repeat(MAX_CONTENT_CHARS + 1 + i))
            .sign_at(bad, ago(60));
        refuse("invalid: content too long", e.to_json());
    }
    // A blocked author.
    for i in 0..15 {
        let e = EventBuilder::new(Kind::TEXT_NOTE, format!("buy now {i}"))
            .tag(Tag::hashtag("nostr"))
            .sign_at(spammer, ago(60));
        refuse("blocked: author", e.to_json());
    }
    // NIP-42 AUTH events belong in AUTH messages, not EVENT.
    for _ in 0..2 {
        let e = EventBuilder::new(Kind::AUTH, "")
            .tag(Tag::new("relay", ["wss://relay.example.com"]))
            .tag(Tag::new("challenge", ["abc"]))
            .sign_at(bad, ago(10));
        refuse("invalid: AUTH event outside AUTH", e.to_json());
    }

    // The live-subscription numbers (on the final store).
    let stored_notes: Vec<&Event> = notes.iter().filter(|n| !ex.gone.contains(&n.id)).collect();
    let tagged = |t: &str| {
        stored_notes
            .iter()
            .filter(|n| n.tags.hashtags().any(|h| h == t))
            .count()
    };
    let first = authors.first().ok_or("no authors")?.public_key();
    ex.per_sub.insert("tag-nostr", tagged("nostr"));
    ex.per_sub
        .insert("tag-rust-or-music", tagged("rust") + tagged("music"));
    ex.per_sub.insert(
        "author-1",
        stored_notes.iter().filter(|n| n.pubkey == first).count()
            + reactions.iter().filter(|r| r.pubkey == first).count(),
    );
    ex.per_sub.insert("profiles", authors.len());
    ex.per_sub.insert("articles", surviving_slots);
    ex.per_sub.insert("deletions", deletions.len());
    ex.notes = stored_notes.len() as u64;

    shuffle(&mut lines);
    Ok((lines, ex))
}

/// A deterministic Fisher-Yates shuffle (xorshift), so arrival order is mixed:
/// newer versions before older ones, deletions before what they delete.
fn shuffle(lines: &mut [String]) {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in (1..lines.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        lines.swap(i, j);
    }
}

/// A directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self, Error> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path =
            std::env::temp_dir().join(format!("nostr-relay-ingest-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path)?;
        Ok(Self(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn as_mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn per_sec(n: usize, d: core::time::Duration) -> f64 {
    n as f64 / d.as_secs_f64().max(1e-9)
}
