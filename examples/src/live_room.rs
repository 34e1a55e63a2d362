//! An audio room's lifecycle (NIP-53, as Nostr Nests writes it): the host creates a
//! kind 30312 room naming speakers who signed proofs of agreement, listeners
//! announce themselves with kind 10312 presence, everyone chats with kind 1311,
//! the host brings a listener on stage by re-issuing the room with one role
//! changed, and finally ends the room.
//!
//! Run: `cargo run -p nostr-examples --example live_room`

use std::io::Write;

use nostr_core::{Event, Keys, Kind, PublicKey, Timestamp, replaceable};
use nostr_live::{
    LiveChat, MeetingSpace, NESTS_PRESENCE_WINDOW_SECS, Participant, ProofStatus, Role,
    RoomPresence, Status, chat_filter, create_proof, presence_filter, present_in_room,
    set_participant_role,
};

use crate::{Error, ensure};

/// Plays the room's lifecycle, writing the narrative to `out`.
///
/// # Errors
/// When a step fails or a checked fact does not hold.
pub fn run(out: &mut dyn Write) -> Result<(), Error> {
    let start = Timestamp::now();
    let at = |secs: u64| start.saturating_add(secs);
    let host = Keys::generate();
    let alice = Keys::generate(); // co-host speaker, signs her proof
    let bob = Keys::generate(); // listener who raises a hand
    let carol = Keys::generate(); // listed as moderator, has not signed yet
    let mallory = Keys::generate(); // copies a proof made for another room
    let dave = Keys::generate(); // listened earlier, then went quiet
    let name = |pk: &PublicKey| -> &'static str {
        [
            (&host, "host"),
            (&alice, "alice"),
            (&bob, "bob"),
            (&carol, "carol"),
            (&mallory, "mallory"),
            (&dave, "dave"),
        ]
        .iter()
        .find(|(k, _)| k.public_key() == *pk)
        .map_or("?", |(_, n)| n)
    };

    // 1. The host creates the room. Proofs sign SHA-256("30312:<host>:<d>").
    let mut room = MeetingSpace::new_nests(
        "morning-coffee",
        "Morning coffee",
        Status::Live,
        "https://moq.nests.example:4443",
        "https://nests.example/api/v1/nests",
    );
    room.summary = Some("Chat about the week, bring your own cup".into());
    let address = room.coordinate(&host.public_key());
    let elsewhere = MeetingSpace::new_nests(
        "other",
        "Other",
        Status::Live,
        "https://x.example",
        "https://x.example",
    )
    .coordinate(&host.public_key());
    room = room
        .with_participant(
            Participant::new(host.public_key())
                .with_role(Role::host())
                .with_proof(&create_proof(&host, &address)),
        )
        .with_participant(
            Participant::new(alice.public_key())
                .with_role(Role::speaker())
                .with_proof(&create_proof(&alice, &address)),
        )
        .with_participant(Participant::new(carol.public_key()).with_role(Role::moderator()))
        .with_participant(
            Participant::new(mallory.public_key())
                .with_role(Role::speaker())
                .with_proof(&create_proof(&mallory, &elsewhere)),
        );
    // Written in the Nests dialect, the room departs from the spec text in known
    // ways (title for room, live for open, no service); nothing else is flagged.
    let violations = room.validate();
    ensure(
        violations
            .iter()
            .all(|v| ["room", "status", "service"].contains(&v.field)),
        "only the Nests dialect's known departures from the spec",
    )?;
    let room_v1 = room.sign_at(&host, start);
    room_v1.verify()?;
    let naddr = room.to_naddr(&host.public_key(), ["wss://relay.nests.example"])?;
    writeln!(
        out,
        "1. room created: kind {} {:?}",
        room_v1.kind,
        room.title.as_deref().unwrap_or("")
    )?;
    writeln!(out, "   address {address}\n   share: nostr:{naddr}")?;
    ensure(naddr.coordinate() == &address, "the naddr names the room")?;
    let fields: Vec<&str> = violations.iter().map(|v| v.field).collect();
    writeln!(
        out,
        "   validate(): Nests-dialect departures from the spec text in {fields:?}"
    )?;

    // 2. Anyone reading the room checks the proofs of agreement.
    let read = MeetingSpace::from_event(&room_v1)?;
    writeln!(out, "\n2. participants and their proofs:")?;
    let checks = read.verify_proofs(&room_v1.pubkey);
    for (p, check) in read.participants.iter().zip(&checks) {
        let role = p.role.as_ref().map_or("-", Role::as_str);
        let status = match &check.status {
            ProofStatus::Verified => "proof verified".to_string(),
            ProofStatus::Missing => "no proof yet (show as invited)".to_string(),
            ProofStatus::Invalid(why) => format!("proof invalid ({why:?}): not a participant"),
            other => format!("{other:?}"),
        };
        writeln!(out, "   {:<8} {role:<10} {status}", name(&p.pubkey))?;
    }
    let status_of = |pk: PublicKey| {
        checks
            .iter()
            .find(|c| c.pubkey == pk)
            .map(|c| c.status.clone())
    };
    ensure(
        status_of(host.public_key()) == Some(ProofStatus::Verified),
        "host proof verifies",
    )?;
    ensure(
        status_of(alice.public_key()) == Some(ProofStatus::Verified),
        "alice's proof verifies",
    )?;
    ensure(
        status_of(carol.public_key()) == Some(ProofStatus::Missing),
        "carol has no proof",
    )?;
    ensure(
        matches!(
            status_of(mallory.public_key()),
            Some(ProofStatus::Invalid(_))
        ),
        "a proof for another room does not verify",
    )?;
    ensure(
        read.can_speak(&room_v1.pubkey, &alice.public_key()),
        "alice can speak",
    )?;
    ensure(
        !read.can_speak(&room_v1.pubkey, &bob.public_key()),
        "bob cannot speak yet",
    )?;

    // 3. Presence (kind 10312): who is in the room now?
    let presence = [
        RoomPresence::new(address.clone())
            .with_nests_flags(true, false, true)
            .sign_at(&alice, at(30)),
        RoomPresence::new(address.clone())
            .with_nests_flags(true, false, true)
            .sign_at(&host, at(35)),
        RoomPresence::new(address.clone())
            .with_hand(true)
            .sign_at(&bob, at(40)),
        // carol was here, then her newest presence names another room
        RoomPresence::new(address.clone()).sign_at(&carol, at(20)),
        RoomPresence::new(elsewhere.clone()).sign_at(&carol, at(50)),
        // dave's last presence is older than the five-minute window at t+400
        RoomPresence::new(address.clone()).sign_at(&dave, at(60)),
    ];
    let now = at(400);
    // Keep the fresh ones alive: everyone but dave re-announces before `now`.
    let refreshed: Vec<Event> = [
        RoomPresence::new(address.clone())
            .with_nests_flags(true, false, true)
            .sign_at(&alice, at(330)),
        RoomPresence::new(address.clone())
            .with_nests_flags(true, true, true)
            .sign_at(&host, at(335)),
        RoomPresence::new(address.clone())
            .with_hand(true)
            .sign_at(&bob, at(340)),
    ]
    .into();
    let all: Vec<&Event> = presence.iter().chain(&refreshed).collect();
    let filter = presence_filter(&address, now, NESTS_PRESENCE_WINDOW_SECS);
    ensure(
        all.iter().all(|e| e.kind == Kind::ROOM_PRESENCE),
        "presence events are kind 10312",
    )?;
    let here = present_in_room(
        all.iter().copied(),
        &address,
        now,
        NESTS_PRESENCE_WINDOW_SECS,
    );
    writeln!(
        out,
        "\n3. in the room at t+400s (presence within {NESTS_PRESENCE_WINDOW_SECS}s; subscribe with {}):",
        filter.to_json()
    )?;
    for p in &here {
        let flags = [
            (p.presence.hand == Some(true), "hand raised"),
            (p.presence.onstage == Some(true), "on stage"),
            (p.presence.muted == Some(true), "muted"),
        ];
        let flags: Vec<&str> = flags
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, f)| *f)
            .collect();
        writeln!(
            out,
            "   {:<8} seen t+{}s {}",
            name(&p.pubkey),
            p.seen_at.as_secs() - start.as_secs(),
            flags.join(", ")
        )?;
    }
    let mut who: Vec<&str> = here.iter().map(|p| name(&p.pubkey)).collect();
    who.sort_unstable();
    ensure(
        who == ["alice", "bob", "host"],
        "alice, bob and the host are in; carol left, dave went stale",
    )?;
    ensure(
        here.iter()
            .any(|p| p.pubkey == bob.public_key() && p.presence.hand == Some(true)),
        "bob's hand is raised",
    )?;

    // 4. Chat (kind 1311) on the room's address.
    let hello = LiveChat::for_activity(
        address.clone(),
        Some("wss://relay.nests.example"),
        "good morning!",
    )
    .sign_at(&bob, at(100));
    let reply = LiveChat::for_activity(
        address.clone(),
        None,
        "morning bob, want to join us on stage?",
    )
    .with_reply_to(hello.id)
    .sign_at(&alice, at(110));
    let offtopic =
        LiveChat::for_activity(elsewhere.clone(), None, "wrong room").sign_at(&carol, at(115));
    let room_chat = chat_filter(&address);
    writeln!(out, "\n4. chat, subscribed with {}:", room_chat.to_json())?;
    let mut shown = 0;
    for msg in [&hello, &reply, &offtopic] {
        if !room_chat.matches(msg) {
            continue;
        }
        let chat = LiveChat::from_event(msg)?;
        ensure(chat.activity() == Some(&address), "chat names the room")?;
        let re = if chat.reply_to.is_some() {
            " (reply)"
        } else {
            ""
        };
        writeln!(out, "   {}{re}: {}", name(&msg.pubkey), chat.content)?;
        shown += 1;
    }
    ensure(shown == 2, "two messages in this room's chat")?;

    // 5. The host brings bob on stage: the room re-issued with his role set and
    //    every other tag (and proof) kept.
    let room_v2 = set_participant_role(&room_v1, &bob.public_key(), Some(&Role::speaker()))?
        .sign_at(&host, at(420));
    let read2 = MeetingSpace::from_event(&room_v2)?;
    writeln!(
        out,
        "\n5. bob promoted to speaker (room re-issued at t+420s)"
    )?;
    ensure(
        read2.can_speak(&room_v2.pubkey, &bob.public_key()),
        "bob can speak now",
    )?;
    ensure(
        replaceable::wins(&room_v1, &room_v2),
        "the new version replaces the old one",
    )?;
    ensure(
        MeetingSpace::from_event(&room_v2)?.coordinate(&host.public_key()) == address,
        "same address",
    )?;
    let checks2 = read2.verify_proofs(&room_v2.pubkey);
    ensure(
        checks.iter().all(|c| checks2.contains(c)),
        "everyone else's proofs are untouched",
    )?;
    writeln!(
        out,
        "   bob's proof: {:?} (he can sign one for the host to add); everyone else's proofs unchanged",
        checks2
            .iter()
            .find(|c| c.pubkey == bob.public_key())
            .map(|c| &c.status)
    )?;

    // 6. The room ends.
    let mut ended = read2.clone();
    ended.status = Some(Status::Ended);
    let room_v3 = ended.sign_at(&host, at(3600));
    let read3 = MeetingSpace::from_event(&room_v3)?;
    ensure(read3.status == Some(Status::Ended), "the room is ended")?;
    ensure(
        replaceable::wins(&room_v2, &room_v3),
        "the ended version is the newest",
    )?;
    ensure(
        read3.participants.len() == read2.participants.len(),
        "participants kept",
    )?;
    let status = read3
        .status
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    writeln!(out, "\n6. room ended at t+3600s: status {status}")?;

    writeln!(out, "\nlive_room: all checks passed")?;
    Ok(())
}
