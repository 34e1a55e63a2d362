#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]
//! Events written as Nostr Nests, zap.stream and Corny Chat write them
//! (tests/data/fixtures, see LIVE-FIELD-NOTES): every dialect parses, keeps its
//! data, and a rebuilt value writes the same tags.

mod support;

use nostr_core::{PublicKey, Timestamp};
use nostr_live::*;
use support::{fixture, tag_multiset};

const A: &str = "1597246ac22f7d1375041054f2a4986bd971d8d196d7997e48973263ac9879ec";
const B: &str = "3f770d65d3a764a9c5cb503ae123e62ec7598ad035d836e2a810f3877a745b24";
const C: &str = "f7234bd4c1394dda46d09f35bd384dd30cc552ad5541990f98844fb06676e9ca";

fn pk(s: &str) -> PublicKey {
    PublicKey::from_hex(s).unwrap()
}

#[test]
fn zapstream_live_event() {
    let ev = fixture("zapstream_30311.json");
    let live = LiveEvent::from_event(&ev).unwrap();
    assert_eq!(live.streaming.len(), 2);
    assert!(live.streaming[1].starts_with("moq://"));
    assert_eq!(live.hashtags, ["coding", "rust", "nostr"]);
    assert_eq!(live.pinned.len(), 2);
    assert!(live.goal.is_some());
    assert_eq!(live.current_participants, Some(42));
    assert_eq!(
        live.service.as_deref(),
        Some("https://api.zap.stream/api/nostr")
    );
    let cw = live.content_warning.as_ref().unwrap();
    assert!(cw.underscore);
    assert_eq!(cw.reason.as_deref(), Some("language"));
    // thumb and alt are kept, not dropped.
    assert_eq!(live.other_tags.len(), 2);
    // Roles in lower case, empty relay slot read as no relay.
    assert!(live.participants[0].is_host());
    assert_eq!(live.participants[0].relay, None);
    assert_eq!(
        live.participants[1].role.as_ref().unwrap().known(),
        Some(KnownRole::Speaker)
    );
    // Host resolution: only a trusted service may name another host.
    assert_eq!(live.host(&ev.pubkey, &[]), ev.pubkey);
    assert_eq!(live.host(&ev.pubkey, &[ev.pubkey]), pk(A));
    // Effective status: stale after an hour.
    let t = ev.created_at;
    assert_eq!(
        live.effective_status(t, t.saturating_add(3600), STALE_AFTER_SECS),
        Some(Status::Live)
    );
    assert_eq!(
        live.effective_status(t, t.saturating_add(3601), STALE_AFTER_SECS),
        Some(Status::Ended)
    );
    // Off-spec parts are reported, not fatal.
    let v = live.validate();
    assert!(v.contains(&Violation {
        field: "content-warning",
        problem: Problem::NonStandard("content_warning".into())
    }));
    // Missing proofs are "missing", not failures.
    assert!(
        live.verify_proofs(&ev.pubkey)
            .iter()
            .all(|c| c.status == ProofStatus::Missing)
    );
    assert_eq!(tag_multiset(&live.to_tags()), tag_multiset(&ev.tags));
}

#[test]
fn unknown_status_and_legacy_nests() {
    let ev = fixture("zapstream_30311_unknown.json");
    let live = LiveEvent::from_event(&ev).unwrap();
    assert_eq!(live.status, Some(Status::Other("unknown".into())));
    assert_eq!(live.recording.len(), 1);
    assert_eq!(live.total_participants, Some(1200));
    assert_eq!(
        live.validate(),
        [Violation {
            field: "status",
            problem: Problem::UnexpectedValue("unknown".into())
        }]
    );
    assert_eq!(
        live.validate()[0].to_string(),
        "status: unexpected value \"unknown\""
    );
    assert_eq!(tag_multiset(&live.to_tags()), tag_multiset(&ev.tags));

    let ev = fixture("nests_legacy_30311.json");
    let live = LiveEvent::from_event(&ev).unwrap();
    assert_eq!(live.streaming[0], "wss+livekit://nostrnests.com:443");
    assert_eq!(live.streaming.len(), 2);
    assert_eq!(live.relays.len(), 2);
    assert_eq!(live.content_warning, Some(ContentWarning::new(None)));
    let roles: Vec<_> = live
        .participants
        .iter()
        .map(|p| p.role.as_ref().unwrap().known())
        .collect();
    assert_eq!(
        roles,
        [
            Some(KnownRole::Host),
            Some(KnownRole::Admin),
            Some(KnownRole::Speaker)
        ]
    );
    assert!(live.validate().is_empty(), "{:?}", live.validate());
    assert_eq!(tag_multiset(&live.to_tags()), tag_multiset(&ev.tags));
}

#[test]
fn cornychat_custom_role_and_bad_values() {
    let ev = fixture("cornychat_30311.json");
    let live = LiveEvent::from_event(&ev).unwrap();
    assert_eq!(live.participants.len(), 2);
    assert_eq!(
        live.participants[0].role.as_ref().unwrap().as_str(),
        "Room Owner"
    );
    assert_eq!(live.participants[0].role.as_ref().unwrap().known(), None);
    assert_eq!(
        live.participants[1].relay.as_deref(),
        Some("wss://relay.damus.io")
    );
    // The bad pubkey and the fractional count are kept and reported.
    assert_eq!(live.other_tags.len(), 2);
    assert_eq!(live.current_participants, None);
    let v = live.validate();
    assert!(v.contains(&Violation {
        field: "p",
        problem: Problem::Malformed
    }));
    assert!(v.contains(&Violation {
        field: "current_participants",
        problem: Problem::Malformed
    }));
    assert_eq!(tag_multiset(&live.to_tags()), tag_multiset(&ev.tags));
}

#[test]
fn chat_dialects() {
    let ev = fixture("nests_1311.json");
    let chat = LiveChat::from_event(&ev).unwrap();
    assert_eq!(chat.activity().unwrap().pubkey, pk(C));
    assert!(
        matches!(&chat.target, ChatTarget::Activity(a) if a.marker.is_none() && a.relay.is_none())
    );
    assert_eq!(chat.to_tags(), ev.tags);
    assert!(chat.validate().is_empty());

    let ev = fixture("zapstream_1311.json");
    let chat = LiveChat::from_event(&ev).unwrap();
    assert!(chat.reply_to.is_some());
    assert_eq!(chat.quotes.len(), 2);
    assert!(chat.quotes[0].event_id().is_some());
    assert_eq!(chat.quotes[0].pubkey.as_deref(), Some(B));
    assert!(chat.quotes[1].coordinate().is_some());
    assert_eq!(chat.other_tags.len(), 1, "emoji kept");
    assert_eq!(chat.to_tags(), ev.tags);

    let ev = fixture("zapstream_1311_stream.json");
    let chat = LiveChat::from_event(&ev).unwrap();
    assert!(chat.stream().is_some());
    assert!(chat.activity().is_none());
    assert_eq!(chat.to_tags(), ev.tags);
    assert_eq!(chat.validate().len(), 1);

    // NIP-10's reply form carries the parent's author after the marker; items past
    // the known positions of `e`, `a` and `p` tags are kept and written back.
    let room = format!("30311:{C}:room");
    let parent = "ab".repeat(32);
    let tags = vec![
        nostr_core::Tag::new("a", [room.as_str(), "wss://r", "root", "extra a"]),
        nostr_core::Tag::new("e", [parent.as_str(), "", "reply", B]),
        nostr_core::Tag::new("p", [A, "", "", "", "extra p"]),
    ];
    let ev = nostr_core::EventBuilder::new(nostr_core::Kind::LIVE_CHAT, "hi")
        .tags(tags)
        .sign_at_with_aux(&support::author(), Timestamp::from_secs(1), &[0; 32]);
    let chat = LiveChat::from_event(&ev).unwrap();
    assert_eq!(chat.reply_to.as_ref().unwrap().extra, [B]);
    assert_eq!(chat.to_tags(), ev.tags);

    // A mention of another activity before the `root` one: the root is the target.
    let other = format!("30311:{A}:elsewhere");
    let tags = vec![
        nostr_core::Tag::new("a", [other.as_str(), "", "mention"]),
        nostr_core::Tag::new("a", [room.as_str(), "", "root"]),
    ];
    let ev = nostr_core::EventBuilder::new(nostr_core::Kind::LIVE_CHAT, "raid incoming")
        .tags(tags)
        .sign_at_with_aux(&support::author(), Timestamp::from_secs(1), &[0; 32]);
    let chat = LiveChat::from_event(&ev).unwrap();
    assert_eq!(chat.activity().unwrap().identifier, "room");
    assert_eq!(tag_multiset(&chat.to_tags()), tag_multiset(&ev.tags));
}

#[test]
fn chat_without_target_is_an_error() {
    let keys = support::author();
    let ev = nostr_core::EventBuilder::new(nostr_core::Kind::LIVE_CHAT, "x").sign_at_with_aux(
        &keys,
        Timestamp::from_secs(1),
        &[0; 32],
    );
    assert_eq!(LiveChat::from_event(&ev), Err(Error::MissingTag("a")));
    assert!(matches!(
        LiveEvent::from_event(&ev),
        Err(Error::WrongKind { .. })
    ));
}

#[test]
fn nests_space() {
    let ev = fixture("nests_30312.json");
    let space = MeetingSpace::from_event(&ev).unwrap();
    assert_eq!(space.dialect(), SpaceDialect::Nests);
    assert_eq!(space.name(), Some("Morning coffee"));
    assert_eq!(space.status, Some(Status::Live));
    assert_eq!(space.streaming, ["https://moq.nostrnests.com:4443"]);
    assert_eq!(
        space.auth.as_deref(),
        Some("https://moq-auth.nostrnests.com")
    );
    assert_eq!(space.color.as_deref(), Some("gradient-3"));
    assert_eq!(space.relays.len(), 3);
    assert!(space.other_tags.is_empty());
    // The author is the host; admins and speakers speak; others do not.
    let author = ev.pubkey;
    assert!(space.role_of(&author, &author).unwrap().is_host());
    assert!(space.can_speak(&author, &author));
    assert!(space.can_speak(&author, &pk(A)));
    assert!(space.can_speak(&author, &pk(B)));
    assert!(!space.can_speak(&author, &pk(C)));
    assert_eq!(space.role_of(&author, &pk(C)), None);
    // A bare `p` for C before one with a role does not hide the role.
    let mut mentioned = space.clone();
    mentioned.participants.insert(0, Participant::new(pk(C)));
    mentioned
        .participants
        .push(Participant::new(pk(C)).with_role(Role::new("Speaker")));
    assert_eq!(
        mentioned.role_of(&author, &pk(C)),
        Some(Role::new("Speaker"))
    );
    assert!(mentioned.can_speak(&author, &pk(C)));
    // Spec violations are listed (title for room, status, no service, no Host p).
    let fields: Vec<_> = space.validate().iter().map(|v| v.field).collect();
    assert_eq!(fields, ["room", "status", "service", "p"]);
    assert_eq!(tag_multiset(&space.to_tags()), tag_multiset(&ev.tags));

    // Promote C to speaker then demote A: every other tag kept in place.
    let edited = set_participant_role(&ev, &pk(C), Some(&Role::new("speaker")))
        .unwrap()
        .build(author, ev.created_at);
    assert_eq!(edited.tags.len(), ev.tags.len() + 1);
    assert!(edited.tags.iter().take(ev.tags.len()).eq(ev.tags.iter()));
    let removed = set_participant_role(&ev, &pk(A), None)
        .unwrap()
        .build(author, ev.created_at);
    assert_eq!(removed.tags.len(), ev.tags.len() - 1);
    let changed = set_participant_role(&ev, &pk(B), Some(&Role::new("speaker")))
        .unwrap()
        .build(author, ev.created_at);
    let diff: Vec<_> = changed
        .tags
        .iter()
        .zip(ev.tags.iter())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(diff.len(), 1);
    assert_eq!(diff[0].0.get(3), Some("speaker"));
    assert_eq!(
        set_participant_role(&ev, &pk(C), None).unwrap_err(),
        Error::ParticipantNotFound
    );
}

#[test]
fn spec_space_and_meeting() {
    let ev = fixture("spec_30312.json");
    let space = MeetingSpace::from_event(&ev).unwrap();
    assert_eq!(space.dialect(), SpaceDialect::Spec);
    assert_eq!(space.name(), Some("Main Conference Hall"));
    assert_eq!(space.status, Some(Status::Open));
    assert_eq!(
        space.endpoint.as_deref(),
        Some("https://api.example.com/room")
    );
    // The elided pubkey "14aeb..8dad4" is kept and reported, not fatal.
    assert_eq!(space.participants.len(), 1);
    assert_eq!(space.other_tags.len(), 1);
    let v = space.validate();
    assert!(v.contains(&Violation {
        field: "p",
        problem: Problem::Malformed
    }));
    // "Owner" is not "Host": the spec's own example misses its MUST.
    assert!(v.contains(&Violation {
        field: "p",
        problem: Problem::Missing
    }));
    assert_eq!(tag_multiset(&space.to_tags()), tag_multiset(&ev.tags));

    let ev = fixture("spec_30313.json");
    let m = MeetingRoom::from_event(&ev).unwrap();
    assert_eq!(
        m.space.as_ref().unwrap().coordinate.identifier,
        "main-conference-room"
    );
    assert_eq!(
        m.space.as_ref().unwrap().relay.as_deref(),
        Some("wss://nostr.example.com")
    );
    assert_eq!(m.status, Some(Status::Live));
    assert_eq!(
        (m.total_participants, m.current_participants),
        (Some(180), Some(175))
    );
    assert_eq!(
        m.validate(),
        [Violation {
            field: "p",
            problem: Problem::Malformed
        }]
    );
    assert_eq!(m.to_tags(), ev.tags);
}

#[test]
fn presence_dialects_and_who_is_here() {
    let nests = fixture("nests_10312.json");
    let p = RoomPresence::from_event(&nests).unwrap();
    assert_eq!(
        (p.hand, p.publishing, p.muted, p.onstage),
        (Some(false), Some(true), Some(false), Some(true))
    );
    assert_eq!(p.room.marker, None);
    assert_eq!(p.to_tags(), nests.tags);
    assert_eq!(p.validate().len(), 4);

    let spec = fixture("spec_10312.json");
    let p = RoomPresence::from_event(&spec).unwrap();
    assert_eq!(p.hand, Some(true));
    assert_eq!(p.room.marker.as_deref(), Some("root"));
    assert_eq!(p.to_tags(), spec.tags);
    assert!(p.validate().is_empty());

    // Who is here: newest per pubkey, within the window, in this room.
    let room = RoomPresence::from_event(&nests).unwrap().room.coordinate;
    let keys: Vec<_> = (0..4).map(|_| nostr_core::Keys::generate()).collect();
    let at = |k: &nostr_core::Keys, t: u64, r: &nostr_core::Coordinate| {
        RoomPresence::new(r.clone()).sign_at(k, Timestamp::from_secs(t))
    };
    let other_room =
        nostr_core::Coordinate::new(nostr_core::Kind::MEETING_SPACE, pk(C), "elsewhere");
    let events = vec![
        at(&keys[0], 1_000, &room),
        at(&keys[0], 1_200, &room), // newer, same user
        at(&keys[1], 600, &room),   // stale
        at(&keys[2], 1_100, &room),
        at(&keys[2], 1_150, &other_room), // moved away
        at(&keys[3], 1_250, &room),
    ];
    let here = present_in_room(
        &events,
        &room,
        Timestamp::from_secs(1_260),
        NESTS_PRESENCE_WINDOW_SECS,
    );
    let mut want = vec![keys[0].public_key(), keys[3].public_key()];
    want.sort();
    assert_eq!(here.iter().map(|p| p.pubkey).collect::<Vec<_>>(), want);
    let k0 = here
        .iter()
        .find(|p| p.pubkey == keys[0].public_key())
        .unwrap();
    assert_eq!(k0.seen_at, Timestamp::from_secs(1_200));

    // Two presences in the same second: the lower id wins, whatever the order.
    let here_or_there = [at(&keys[1], 1_255, &room), at(&keys[1], 1_255, &other_room)];
    let winner = if here_or_there[0].id < here_or_there[1].id {
        0
    } else {
        1
    };
    for order in [[0, 1], [1, 0]] {
        let events: Vec<_> = order.iter().map(|&i| here_or_there[i].clone()).collect();
        let here = present_in_room(
            &events,
            &room,
            Timestamp::from_secs(1_260),
            NESTS_PRESENCE_WINDOW_SECS,
        );
        assert_eq!(here.len(), usize::from(winner == 0), "order {order:?}");
    }
}

#[test]
fn raids_clips_goals() {
    for name in ["raid_zapstream.json", "raid_draft.json"] {
        let ev = fixture(name);
        let raid = Raid::from_event(&ev).unwrap();
        assert_eq!(raid.to.coordinate.identifier, "other-stream");
        assert_eq!(
            raid.from.as_ref().unwrap().coordinate.identifier,
            "9c4d3a1e-5a51-4b3e-8c5f-0d4f5e6a7b8c"
        );
        assert_eq!(tag_multiset(&raid.to_tags()), tag_multiset(&ev.tags));
        assert_eq!(raid.validate().is_empty(), name == "raid_zapstream.json");
    }

    let ev = fixture("clip.json");
    let clip = Clip::from_event(&ev).unwrap();
    assert_eq!(clip.host.as_ref().unwrap().pubkey, pk(A));
    assert_eq!(
        clip.url.as_deref(),
        Some("https://api.zap.stream/clips/abc.mp4")
    );
    assert_eq!(clip.title.as_deref(), Some("Best moment"));
    assert_eq!(clip.other_tags.len(), 1);
    assert_eq!(clip.to_tags(), ev.tags);
    assert!(clip.validate().is_empty());

    let ev = fixture("goal_zapstream.json");
    let goal = ZapGoal::from_event(&ev).unwrap();
    assert_eq!(goal.amount_msats, 21_000_000);
    assert_eq!(goal.relays.len(), 2);
    // Fractional closed_at is accepted and truncated.
    assert_eq!(goal.closed_at, Some(Timestamp::from_secs(1_741_372_602)));
    assert!(goal.counts_at(Timestamp::from_secs(1_741_372_602)));
    assert!(!goal.counts_at(Timestamp::from_secs(1_741_372_603)));
    assert_eq!(goal.zap_splits.len(), 2);
    let parts = goal.split(1_000);
    assert_eq!(parts, [(pk(A), 667), (pk(B), 333)]);
    assert!(goal.address.is_some());
    assert!(goal.validate().is_empty());
    assert_eq!(goal.content, "New camera for the stream");
}

#[test]
fn goal_amount_errors() {
    let keys = support::author();
    let mk = |tags: Vec<nostr_core::Tag>| {
        nostr_core::EventBuilder::new(nostr_core::Kind::ZAP_GOAL, "")
            .tags(tags)
            .sign_at_with_aux(&keys, Timestamp::from_secs(1), &[0; 32])
    };
    assert_eq!(
        ZapGoal::from_event(&mk(vec![])),
        Err(Error::MissingTag("amount"))
    );
    assert!(matches!(
        ZapGoal::from_event(&mk(vec![nostr_core::Tag::new("amount", ["12.5"])])),
        Err(Error::InvalidTag {
            name: "amount",
            index: 0,
            ..
        })
    ));
}

#[test]
fn stream_and_segments() {
    let ev = fixture("stream_1053.json");
    let s = Stream::from_event(&ev).unwrap();
    assert_eq!(s.identifier.as_deref(), Some("stream-42"));
    // The fourth variant has no `d`: kept and reported, not fatal.
    assert_eq!(s.variants.len(), 3);
    assert_eq!(s.other_tags.len(), 1);
    assert_eq!(
        s.validate(),
        [Violation {
            field: "variant",
            problem: Problem::Malformed
        }]
    );
    let v = s.variant("720p").unwrap();
    assert_eq!(
        (v.dim(), v.bitrate(), v.mime()),
        (Some((1280, 720)), Some(3_000_000), Some("video/mp2t"))
    );
    assert_eq!(v.get("codecs"), Some("avc1.64001f"), "unknown entries kept");
    assert_eq!(s.variant("1080p-fmp4").unwrap().mime(), Some("video/mp4"));
    assert!(s.goal.is_some());
    assert_eq!(tag_multiset(&s.to_tags()), tag_multiset(&ev.tags));
    assert_eq!(
        master_playlist(&s, |v| format!("{}.m3u8", v.id())),
        "#EXTM3U\n\
         #EXT-X-STREAM-INF:BANDWIDTH=5000000,RESOLUTION=1920x1080\n1080p.m3u8\n\
         #EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS=\"avc1.64001f\"\n720p.m3u8\n\
         #EXT-X-STREAM-INF:BANDWIDTH=6000000,RESOLUTION=1920x1080\n1080p-fmp4.m3u8\n"
    );

    let ev = fixture("segment_1063.json");
    let seg = Segment::from_event(&ev).unwrap();
    assert_eq!(seg.variant, "1080p");
    assert_eq!(seg.index, Some(1234));
    assert_eq!(seg.duration_secs(), Some(2.033));
    assert_eq!(
        seg.candidate_urls().collect::<Vec<_>>(),
        [
            "https://example.com/1234.ts",
            "https://mirror.example.com/1234.ts",
            "https://another.com/1234.ts"
        ]
    );
    assert_eq!(seg.k.as_deref(), Some("1053"));
    assert_eq!(seg.service.as_deref(), Some("blossom"));
    assert_eq!(seg.size, Some(0));
    assert!(
        seg.check_bytes(b"").is_ok(),
        "x is sha256 of the empty file"
    );
    assert_eq!(seg.check_bytes(b"x"), Err(Error::HashMismatch));
    assert!(!seg.is_expired(Timestamp::from_secs(1_752_752_348)));
    assert!(seg.is_expired(Timestamp::from_secs(1_752_752_349)));
    assert!(seg.validate().is_empty());
    assert!(seg.other_tags.is_empty());
    assert_eq!(tag_multiset(&seg.to_tags()), tag_multiset(&ev.tags));
    let stream_id = seg.stream.as_ref().unwrap().id;
    assert_eq!(seg.author, Some(ev.pubkey));
    assert_eq!(seg.created_at, Some(ev.created_at));
    let source = StreamSource::new(stream_id, ev.pubkey);
    assert!(segment_filter(&source, 10).matches(&ev));
    assert!(
        !segment_filter(
            &StreamSource::new(stream_id, PublicKey::from_bytes([1; 32])),
            10
        )
        .matches(&ev),
        "another producer's filter"
    );
    assert!(seg.belongs_to(&stream_id));
    assert!(source.published(&seg));
}

#[test]
fn segment_ordering_dedup_and_playlist() {
    let id = nostr_core::EventId::from_bytes([9; 32]);
    let producer = PublicKey::from_bytes([8; 32]);
    let source = StreamSource::new(id, producer);
    // As `Segment::from_event` reads them: signed by the producer at `at`.
    let mk = |variant: &str, index: u64, data: &[u8], exp: u64| {
        let mut s = Segment::new(
            id,
            variant,
            index,
            "2.000",
            format!("https://cdn.example.com/{variant}/{index}.ts"),
        )
        .with_hash_of(data)
        .with_expiration(Timestamp::from_secs(exp));
        s.author = Some(producer);
        s.created_at = Some(Timestamp::from_secs(1_000));
        s
    };
    let segs = vec![
        mk("720p", 12, b"c", 2_000),
        mk("720p", 10, b"a", 2_000),
        mk("720p", 11, b"b", 2_000),
        mk("720p", 13, b"b", 2_000),  // same bytes as 11: dropped
        mk("720p", 11, b"b2", 2_000), // second index 11, same time: the first stays
        mk("1080p", 10, b"z", 2_000), // other variant
        mk("720p", 9, b"old", 1_000), // expired
    ];
    let now = Timestamp::from_secs(1_500);
    let order: Vec<_> = playable_segments(&segs, &source, "720p", now)
        .iter()
        .map(|s| s.index.unwrap())
        .collect();
    assert_eq!(order, [10, 11, 12]);
    let mut longer = mk("720p", 14, b"d", 2_000);
    longer.duration = Some("4.2".into());
    let mut injected = mk("720p", 15, b"e", 2_000);
    injected.urls = vec!["https://x/\n#EXT-X-ENDLIST".into()];
    let mut all = segs.clone();
    all.push(longer);
    all.push(injected);
    let m3u8 = media_playlist(&all, &source, "720p", now, true);
    assert_eq!(
        m3u8,
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:5\n#EXT-X-MEDIA-SEQUENCE:10\n\
         #EXTINF:2.000,\nhttps://cdn.example.com/720p/10.ts\n\
         #EXTINF:2.000,\nhttps://cdn.example.com/720p/11.ts\n\
         #EXTINF:2.000,\nhttps://cdn.example.com/720p/12.ts\n\
         #EXTINF:4.2,\nhttps://cdn.example.com/720p/14.ts\n\
         #EXT-X-ENDLIST\n"
    );
}

#[test]
fn players_use_the_producers_newest_usable_segment_per_index() {
    let id = nostr_core::EventId::from_bytes([9; 32]);
    let producer = PublicKey::from_bytes([8; 32]);
    let source = StreamSource::new(id, producer);
    let now = Timestamp::from_secs(1_500);
    let seg = |index: u64, url: &str, author: Option<PublicKey>, at: u64| {
        let mut s = Segment::new(id, "720p", index, "2.000", url);
        s.author = author;
        s.created_at = Some(Timestamp::from_secs(at));
        s
    };
    let urls = |list: &[Segment]| -> Vec<String> {
        playable_segments(list, &source, "720p", now)
            .iter()
            .map(|s| s.urls[0].clone())
            .collect()
    };
    // Anyone can publish a 1063 naming the stream: only the producer's are played,
    // whatever arrives first; segments with no author (built locally) neither.
    let stranger = Some(PublicKey::from_bytes([7; 32]));
    let list = [
        seg(0, "https://evil.example/0.ts", stranger, 1_100),
        seg(0, "https://cdn.example/0.ts", Some(producer), 1_000),
        seg(1, "https://nobody.example/1.ts", None, 1_000),
    ];
    assert_eq!(urls(&list), ["https://cdn.example/0.ts"]);
    assert!(media_playlist(&list, &source, "720p", now, false).contains("cdn.example/0.ts"));
    assert!(!media_playlist(&list, &source, "720p", now, false).contains("evil"));
    // A republished index: the newer event wins, whatever the arrival order.
    let list = [
        seg(0, "https://cdn.example/new.ts", Some(producer), 1_200),
        seg(0, "https://cdn.example/old.ts", Some(producer), 1_000),
    ];
    assert_eq!(urls(&list), ["https://cdn.example/new.ts"]);
    let reversed = [list[1].clone(), list[0].clone()];
    assert_eq!(urls(&reversed), ["https://cdn.example/new.ts"]);
    // A copy with no usable URL or duration does not hide a good one of the same index.
    let mut broken = seg(0, "https://cdn.example/broken.ts", Some(producer), 1_300);
    broken.urls = vec!["https://x/\n#EXT-X-ENDLIST".into()];
    let mut no_duration = seg(0, "https://cdn.example/nod.ts", Some(producer), 1_400);
    no_duration.duration = Some("soon".into());
    let good = seg(0, "https://cdn.example/good.ts", Some(producer), 1_000);
    let list = [no_duration, broken, good];
    // A player fetching URLs itself can still use the newest copy (it has a URL and a
    // duration); an HLS line cannot, so the playlist falls back to the good one.
    assert_eq!(urls(&list), ["https://x/\n#EXT-X-ENDLIST"]);
    let m3u8 = media_playlist(&list, &source, "720p", now, false);
    assert!(m3u8.contains("https://cdn.example/good.ts"), "{m3u8}");
}

#[test]
fn filters_match_what_they_should() {
    let chat = fixture("zapstream_1311.json");
    let msg = LiveChat::from_event(&chat).unwrap();
    assert!(chat_filter(msg.activity().unwrap()).matches(&chat));
    let stream_chat = fixture("zapstream_1311_stream.json");
    let sid = LiveChat::from_event(&stream_chat)
        .unwrap()
        .stream()
        .unwrap();
    assert!(stream_chat_filter(&sid).matches(&stream_chat));
    assert!(!stream_chat_filter(&sid).matches(&chat));
    let presence = fixture("nests_10312.json");
    let room = RoomPresence::from_event(&presence).unwrap().room.coordinate;
    assert!(presence_filter(&room, presence.created_at, 300).matches(&presence));
    assert!(
        !presence_filter(&room, presence.created_at.saturating_add(301), 300).matches(&presence)
    );
    let live = fixture("zapstream_30311.json");
    let addr = LiveEvent::from_event(&live)
        .unwrap()
        .coordinate(&live.pubkey);
    assert!(address_filter(&addr).matches(&live));
}

#[test]
fn naddr_links_for_addressable_activities() {
    let relays = ["wss://relay.zap.stream", "wss://nos.lol"];
    let ev = fixture("zapstream_30311.json");
    let live = LiveEvent::from_event(&ev).unwrap();
    let n = live.to_naddr(&ev.pubkey, relays).unwrap();
    let back = nostr_nip19::Naddr::from_bech32(&n.to_string()).unwrap();
    assert_eq!(back.coordinate(), &live.coordinate(&ev.pubkey));
    assert_eq!(back.relays(), relays);
    let ev = fixture("nests_30312.json");
    let space = MeetingSpace::from_event(&ev).unwrap();
    assert_eq!(
        space
            .to_naddr(&ev.pubkey, [""; 0])
            .unwrap()
            .coordinate()
            .kind,
        nostr_core::Kind::MEETING_SPACE
    );
    let ev = fixture("spec_30313.json");
    let m = MeetingRoom::from_event(&ev).unwrap();
    assert_eq!(
        m.to_naddr(&ev.pubkey, ["wss://nostr.example.com"])
            .unwrap()
            .coordinate()
            .identifier,
        "annual-meeting-2025"
    );
    let long = LiveEvent::new("x".repeat(300));
    assert!(matches!(
        long.to_naddr(&ev.pubkey, [""; 0]),
        Err(Error::Nip19(_))
    ));
}
