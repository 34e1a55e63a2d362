#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]
//! Property tests: every type built, signed and parsed gives back the same value
//! and the same tags; proofs sign and verify; arbitrary tags never panic a parser.

use nostr_core::{Coordinate, Event, EventBuilder, EventId, Keys, Kind, PublicKey, Tag, Timestamp};
use nostr_live::*;
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

fn keys() -> Keys {
    Keys::from_hex("0000000000000000000000000000000000000000000000000000000000000005").unwrap()
}

fn sign(b: EventBuilder) -> Event {
    b.sign_at_with_aux(&keys(), Timestamp::from_secs(1_700_000_000), &[3; 32])
}

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 :/._é-]{0,16}"
}
fn word() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9:/._-]{1,16}"
}
fn pubkey() -> impl Strategy<Value = PublicKey> {
    any::<[u8; 32]>().prop_map(PublicKey::from_bytes)
}
fn event_id() -> impl Strategy<Value = EventId> {
    any::<[u8; 32]>().prop_map(EventId::from_bytes)
}
fn ts() -> impl Strategy<Value = Timestamp> {
    any::<u64>().prop_map(Timestamp::from_secs)
}
fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Planned),
        Just(Status::Live),
        Just(Status::Ended),
        Just(Status::Open),
        Just(Status::Private),
        Just(Status::Closed),
        "[A-Z][a-z]{1,8}".prop_map(Status::Other),
    ]
}
fn participant() -> impl Strategy<Value = Participant> {
    (
        pubkey(),
        of(word()),
        of("[A-Za-z][A-Za-z ]{0,10}"),
        of("[0-9a-f]{128}"),
        extra_items(),
    )
        .prop_map(|(pk, relay, role, proof, extra)| Participant {
            pubkey: pk,
            relay,
            role: role.map(Role::new),
            proof,
            extra,
        })
}
fn coordinate() -> impl Strategy<Value = Coordinate> {
    (any::<u16>(), pubkey(), text()).prop_map(|(k, pk, d)| Coordinate::new(Kind::new(k), pk, d))
}
fn address(marker: BoxedStrategy<Option<String>>) -> impl Strategy<Value = AddressRef> {
    (coordinate(), of(word()), marker, extra_items()).prop_map(|(c, relay, marker, extra)| {
        AddressRef {
            coordinate: c,
            relay,
            marker,
            extra,
        }
    })
}
fn pointer(marker: BoxedStrategy<Option<String>>) -> impl Strategy<Value = EventPointer> {
    (event_id(), of(word()), marker, extra_items()).prop_map(|(id, relay, marker, extra)| {
        EventPointer {
            id,
            relay,
            marker,
            extra,
        }
    })
}
/// Items past the known positions (NIP-10's pubkey after an `e` marker, say).
fn extra_items() -> impl Strategy<Value = Vec<String>> {
    vec(text(), 0..2)
}
fn any_marker() -> BoxedStrategy<Option<String>> {
    of(word()).boxed()
}
/// Tags with names no parser reads.
fn other_tags() -> impl Strategy<Value = Vec<Tag>> {
    vec(
        ("x-[a-z]{1,5}", vec(text(), 0..3)).prop_map(|(n, v)| Tag::new(n, v)),
        0..3,
    )
}

fn live_event() -> impl Strategy<Value = LiveEvent> {
    (
        (
            text(),
            of(text()),
            of(text()),
            of(text()),
            vec(text(), 0..3),
            vec(text(), 0..3),
            vec(text(), 0..2),
        ),
        (
            of(ts()),
            of(ts()),
            of(status()),
            of(any::<u64>()),
            of(any::<u64>()),
        ),
        (
            vec(participant(), 0..4),
            vec(word(), 0..3),
            vec(pointer(any_marker()), 0..2),
            of(pointer(any_marker())),
        ),
        (
            of(text()),
            of((of(word()), any::<bool>())),
            text(),
            other_tags(),
        ),
    )
        .prop_map(|(a, b, c, d)| LiveEvent {
            identifier: a.0,
            title: a.1,
            summary: a.2,
            image: a.3,
            hashtags: a.4,
            streaming: a.5,
            recording: a.6,
            starts: b.0,
            ends: b.1,
            status: b.2,
            current_participants: b.3,
            total_participants: b.4,
            participants: c.0,
            relays: c.1,
            pinned: c.2,
            goal: c.3,
            service: d.0,
            content_warning: d
                .1
                .map(|(reason, underscore)| ContentWarning { reason, underscore }),
            content: d.2,
            other_tags: d.3,
        })
}

fn space() -> impl Strategy<Value = MeetingSpace> {
    (
        (
            text(),
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(status()),
            of(text()),
            of(text()),
        ),
        (
            vec(text(), 0..3),
            of(text()),
            of(ts()),
            of(text()),
            vec(text(), 0..3),
        ),
        (
            vec(participant(), 0..4),
            vec(word(), 0..3),
            text(),
            other_tags(),
        ),
    )
        .prop_map(|(a, b, c)| MeetingSpace {
            identifier: a.0,
            room: a.1,
            title: a.2,
            summary: a.3,
            image: a.4,
            status: a.5,
            service: a.6,
            endpoint: a.7,
            streaming: b.0,
            auth: b.1,
            starts: b.2,
            color: b.3,
            hashtags: b.4,
            participants: c.0,
            relays: c.1,
            content: c.2,
            other_tags: c.3,
        })
}

fn meeting() -> impl Strategy<Value = MeetingRoom> {
    (
        (
            text(),
            of(address(any_marker())),
            of(text()),
            of(text()),
            of(text()),
        ),
        (
            of(ts()),
            of(ts()),
            of(status()),
            of(any::<u64>()),
            of(any::<u64>()),
        ),
        (vec(participant(), 0..3), text(), other_tags()),
    )
        .prop_map(|(a, b, c)| MeetingRoom {
            identifier: a.0,
            space: a.1,
            title: a.2,
            summary: a.3,
            image: a.4,
            starts: b.0,
            ends: b.1,
            status: b.2,
            total_participants: b.3,
            current_participants: b.4,
            participants: c.0,
            content: c.1,
            other_tags: c.2,
        })
}

fn presence() -> impl Strategy<Value = RoomPresence> {
    (
        address(any_marker()),
        of(any::<bool>()),
        of(any::<bool>()),
        of(any::<bool>()),
        of(any::<bool>()),
        text(),
        other_tags(),
    )
        .prop_map(
            |(room, hand, publishing, muted, onstage, content, other_tags)| RoomPresence {
                room,
                hand,
                publishing,
                muted,
                onstage,
                content,
                other_tags,
            },
        )
}

fn chat() -> impl Strategy<Value = LiveChat> {
    let target = prop_oneof![
        address(any_marker()).prop_map(ChatTarget::Activity),
        pointer(Just(Some("root".to_string())).boxed()).prop_map(ChatTarget::Stream),
    ];
    let quote =
        ("[a-z0-9:]{1,20}", of(word()), of(word())).prop_map(|(target, relay, pubkey)| Quote {
            target,
            relay,
            pubkey,
        });
    (
        target,
        of(pointer(of(Just("reply".to_string())).boxed())),
        vec(quote, 0..3),
        text(),
        other_tags(),
    )
        .prop_map(|(target, reply_to, quotes, content, other_tags)| LiveChat {
            target,
            reply_to,
            quotes,
            content,
            other_tags,
        })
}

fn raid() -> impl Strategy<Value = Raid> {
    let from_m = prop_oneof![Just("root".to_string()), Just("from".to_string())].prop_map(Some);
    let to_m = prop_oneof![Just("mention".to_string()), Just("to".to_string())].prop_map(Some);
    (
        of(address(from_m.boxed())),
        address(to_m.boxed()),
        text(),
        other_tags(),
    )
        .prop_map(|(from, to, content, other_tags)| Raid {
            from,
            to,
            content,
            other_tags,
        })
}

fn clip() -> impl Strategy<Value = Clip> {
    let target = prop_oneof![
        address(any_marker()).prop_map(ChatTarget::Activity),
        pointer(any_marker()).prop_map(ChatTarget::Stream),
    ];
    (
        target,
        of(participant()),
        of(text()),
        of(text()),
        text(),
        other_tags(),
    )
        .prop_map(|(target, host, url, title, content, other_tags)| Clip {
            target,
            host,
            url,
            title,
            content,
            other_tags,
        })
}

fn goal() -> impl Strategy<Value = ZapGoal> {
    let split =
        (pubkey(), of(word()), of(any::<u64>())).prop_map(|(pubkey, relay, weight)| ZapSplit {
            pubkey,
            relay,
            weight,
        });
    (
        (
            any::<u64>(),
            vec(word(), 0..3),
            of(ts()),
            of(text()),
            of(text()),
            of(text()),
        ),
        (
            of(address(any_marker())),
            vec(split, 0..3),
            text(),
            other_tags(),
        ),
    )
        .prop_map(|(a, b)| ZapGoal {
            amount_msats: a.0,
            relays: a.1,
            closed_at: a.2,
            image: a.3,
            summary: a.4,
            url: a.5,
            address: b.0,
            zap_splits: b.1,
            content: b.2,
            other_tags: b.3,
        })
}

fn variant() -> impl Strategy<Value = Variant> {
    (word(), vec(("[a-ce-z][a-z]{0,6}", text()), 0..4)).prop_map(|(id, extra)| {
        let mut v = Variant::new(id);
        for (k, val) in extra {
            v = v.with_entry(k, val);
        }
        v
    })
}

fn stream() -> impl Strategy<Value = Stream> {
    (
        (
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(ts()),
            of(ts()),
        ),
        (
            vec(variant(), 0..4),
            vec(text(), 0..3),
            vec(word(), 0..3),
            vec(pointer(any_marker()), 0..2),
            of(pointer(any_marker())),
        ),
        (text(), other_tags()),
    )
        .prop_map(|(a, b, c)| Stream {
            identifier: a.0,
            title: a.1,
            summary: a.2,
            image: a.3,
            starts: a.4,
            ends: a.5,
            variants: b.0,
            hashtags: b.1,
            relays: b.2,
            pinned: b.3,
            goal: b.4,
            content: c.0,
            other_tags: c.1,
        })
}

fn segment() -> impl Strategy<Value = Segment> {
    (
        (
            text(),
            of(pointer(any_marker())),
            of(any::<u64>()),
            of(text()),
            vec(text(), 0..3),
            vec(text(), 0..2),
        ),
        (
            of(any::<[u8; 32]>()),
            of(text()),
            of(text()),
            of(text()),
            of(ts()),
            of(text()),
            of(any::<u64>()),
        ),
        (text(), other_tags()),
    )
        .prop_map(|(a, b, c)| Segment {
            variant: a.0,
            stream: a.1,
            index: a.2,
            duration: a.3,
            urls: a.4,
            fallbacks: a.5,
            x: b.0,
            mime: b.1,
            dim: b.2,
            k: b.3,
            expiration: b.4,
            service: b.5,
            size: b.6,
            content: c.0,
            other_tags: c.1,
            author: None,
            created_at: None,
        })
}

macro_rules! round_trip {
    ($name:ident, $strat:expr, $ty:ty) => {
        proptest! {
            #[test]
            fn $name(v in $strat) {
                let ev = sign(v.to_event_builder());
                prop_assert_eq!(ev.kind, <$ty>::KIND);
                let back = <$ty>::try_from(&ev).unwrap();
                prop_assert_eq!(&back, &v);
                prop_assert_eq!(back.to_tags(), ev.tags);
            }
        }
    };
}

round_trip!(live_event_round_trip, live_event(), LiveEvent);
round_trip!(space_round_trip, space(), MeetingSpace);
round_trip!(meeting_round_trip, meeting(), MeetingRoom);
round_trip!(presence_round_trip, presence(), RoomPresence);
round_trip!(chat_round_trip, chat(), LiveChat);
round_trip!(raid_round_trip, raid(), Raid);
round_trip!(clip_round_trip, clip(), Clip);
round_trip!(goal_round_trip, goal(), ZapGoal);
round_trip!(stream_round_trip, stream(), Stream);
proptest! {
    // A segment read from its event also carries the event's author and time.
    #[test]
    fn segment_round_trip(v in segment()) {
        let ev = sign(v.to_event_builder());
        prop_assert_eq!(ev.kind, Segment::KIND);
        let mut back = Segment::try_from(&ev).unwrap();
        prop_assert_eq!(back.author, Some(ev.pubkey));
        prop_assert_eq!(back.created_at, Some(ev.created_at));
        prop_assert_eq!(back.to_tags(), ev.tags);
        back.author = None;
        back.created_at = None;
        prop_assert_eq!(&back, &v);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn proof_sign_verify(secret in any::<[u8; 32]>(), host in pubkey(), d in text(), aux in any::<[u8; 32]>(), flip in 0usize..64) {
        let Ok(sk) = nostr_core::SecretKey::from_bytes(secret) else { return Ok(()); };
        let guest = Keys::new(sk);
        let addr = Coordinate::new(Kind::LIVE_EVENT, host, d);
        let sig = create_proof_with_aux(&guest, &addr, &aux);
        let p = Participant::new(guest.public_key()).with_proof(&sig);
        prop_assert_eq!(p.proof_status(&addr), ProofStatus::Verified);
        prop_assert!(verify_proof(&guest.public_key(), &addr, &sig.to_hex()).is_ok());
        // Any flipped byte breaks it.
        let mut bytes = *sig.as_bytes();
        bytes[flip] ^= 1;
        let bad = Participant::new(guest.public_key()).with_proof(&nostr_core::Signature::from_bytes(bytes));
        prop_assert!(matches!(bad.proof_status(&addr), ProofStatus::Invalid(_)));
        // Another address does not verify.
        let other = Coordinate::new(Kind::MEETING_SPACE, host, addr.identifier.clone());
        prop_assert!(matches!(p.proof_status(&other), ProofStatus::Invalid(_)));
    }

    #[test]
    fn arbitrary_tags_never_panic(
        kind in prop_oneof![Just(30311u16), Just(30312), Just(30313), Just(10312), Just(1311), Just(1312), Just(1313), Just(9041), Just(1053), Just(1063)],
        tags in vec((
            prop_oneof![Just("d"), Just("a"), Just("e"), Just("p"), Just("q"), Just("variant"), Just("index"), Just("amount"), Just("zap"), Just("starts"), Just("status"), Just("relays"), Just("x"), Just("hand"), Just("url")],
            vec("[ -~]{0,70}", 0..5),
        ), 0..12),
    ) {
        let ev = sign(EventBuilder::new(Kind::new(kind), "").tags(tags.into_iter().map(|(n, v)| Tag::new(n, v))));
        let _ = LiveEvent::from_event(&ev).map(|v| (v.validate(), v.to_tags(), v.verify_proofs(&ev.pubkey)));
        let _ = MeetingSpace::from_event(&ev).map(|v| (v.validate(), v.to_tags(), v.can_speak(&ev.pubkey, &ev.pubkey)));
        let _ = MeetingRoom::from_event(&ev).map(|v| (v.validate(), v.to_tags()));
        let _ = RoomPresence::from_event(&ev).map(|v| (v.validate(), v.to_tags()));
        let _ = LiveChat::from_event(&ev).map(|v| (v.validate(), v.to_tags()));
        let _ = Raid::from_event(&ev).map(|v| (v.validate(), v.to_tags()));
        let _ = Clip::from_event(&ev).map(|v| (v.validate(), v.to_tags()));
        let _ = ZapGoal::from_event(&ev).map(|v| (v.validate(), v.to_tags(), v.split(u64::MAX)));
        let _ = Stream::from_event(&ev).map(|v| (v.validate(), v.to_tags(), master_playlist(&v, |x| x.id().to_string())));
        if let Ok(s) = Segment::from_event(&ev) {
            let _ = (s.validate(), s.to_tags(), s.check_bytes(b""));
            let source = StreamSource::new(nostr_core::EventId::from_bytes([0; 32]), ev.pubkey);
            let _ = media_playlist([&s], &source, &s.variant, Timestamp::from_secs(0), true);
            let _ = playable_segments([&s], &source, &s.variant, Timestamp::from_secs(0));
        }
    }

    #[test]
    fn split_amounts_sum_to_total(weights in vec(of(0u64..1_000_000), 1..8), total in any::<u64>()) {
        let splits: Vec<ZapSplit> = weights.iter().enumerate().map(|(i, w)| ZapSplit {
            pubkey: PublicKey::from_bytes([u8::try_from(i).unwrap(); 32]),
            relay: None,
            weight: *w,
        }).collect();
        let parts = split_amounts(&splits, total);
        if !parts.is_empty() {
            let sum: u128 = parts.iter().map(|p| u128::from(p.1)).sum();
            prop_assert_eq!(sum, u128::from(total));
        }
    }
}
