#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]
//! The public types implement the traits users expect.

use nostr_live::*;

fn value_type<T: core::fmt::Debug + Clone + PartialEq + Eq + Send + Sync + 'static>() {}
fn hashable<T: core::hash::Hash>() {}
fn error_type<T: core::error::Error + Send + Sync + 'static>() {}
fn parser<T: for<'a> TryFrom<&'a nostr_core::Event, Error = Error>>() {}

#[test]
fn traits() {
    value_type::<LiveEvent>();
    value_type::<LiveChat>();
    value_type::<MeetingSpace>();
    value_type::<MeetingRoom>();
    value_type::<RoomPresence>();
    value_type::<Raid>();
    value_type::<Clip>();
    value_type::<ZapGoal>();
    value_type::<Stream>();
    value_type::<Segment>();
    value_type::<Variant>();
    value_type::<Participant>();
    value_type::<Role>();
    value_type::<Status>();
    value_type::<ProofStatus>();
    value_type::<ProofCheck>();
    value_type::<Violation>();
    value_type::<Present>();
    value_type::<Error>();
    hashable::<Participant>();
    hashable::<Variant>();
    hashable::<Violation>();
    hashable::<Status>();
    error_type::<Error>();
    error_type::<nostr_core::nip98::Nip98Error>();
    parser::<LiveEvent>();
    parser::<LiveChat>();
    parser::<MeetingSpace>();
    parser::<MeetingRoom>();
    parser::<RoomPresence>();
    parser::<Raid>();
    parser::<Clip>();
    parser::<ZapGoal>();
    parser::<Stream>();
    parser::<Segment>();
}

#[test]
fn error_messages_are_lowercase_and_say_where() {
    let e = Error::InvalidTag {
        name: "variant",
        index: 3,
        reason: "no `d` entry",
    };
    assert_eq!(
        e.to_string(),
        "invalid `variant` tag at index 3: no `d` entry"
    );
    let e = Error::WrongKind {
        expected: nostr_core::Kind::LIVE_EVENT,
        got: nostr_core::Kind::TEXT_NOTE,
    };
    assert_eq!(e.to_string(), "wrong kind: expected 30311, got 1");
    assert_eq!(
        Error::MissingTag("d").to_string(),
        "missing required `d` tag"
    );
}

#[test]
fn bad_input_gives_typed_errors() {
    use nostr_core::{EventBuilder, Keys, Kind, Tag, Timestamp};
    let k = Keys::generate();
    let mk = |kind: Kind, tags: Vec<Tag>| {
        EventBuilder::new(kind, "")
            .tags(tags)
            .sign_at(&k, Timestamp::from_secs(1))
    };
    // Missing identifier.
    assert_eq!(
        LiveEvent::from_event(&mk(Kind::LIVE_EVENT, vec![Tag::new("title", ["x"])])),
        Err(Error::MissingTag("d"))
    );
    assert_eq!(
        MeetingSpace::from_event(&mk(Kind::MEETING_SPACE, vec![])),
        Err(Error::MissingTag("d"))
    );
    assert_eq!(
        MeetingRoom::from_event(&mk(Kind::MEETING_ROOM, vec![])),
        Err(Error::MissingTag("d"))
    );
    assert_eq!(
        Segment::from_event(&mk(Kind::FILE_METADATA, vec![])),
        Err(Error::MissingTag("d"))
    );
    // Presence with an unreadable room.
    assert_eq!(
        RoomPresence::from_event(&mk(
            Kind::ROOM_PRESENCE,
            vec![Tag::new("a", ["30312:nothex:x"])]
        )),
        Err(Error::MissingTag("a"))
    );
    // Malformed variant: typed error from Variant::from_tag, kept by Stream.
    let bad = Tag::new("variant", ["dim 1x1", "bitrate"]);
    assert_eq!(
        Variant::from_tag(bad.view(), 0),
        Err(Error::InvalidTag {
            name: "variant",
            index: 0,
            reason: "entry is not \"key value\""
        })
    );
    let s = Stream::from_event(&mk(Kind::LIVE_STREAM, vec![bad.clone()])).unwrap();
    assert_eq!(s.other_tags, [bad]);
    // Bad proof hex and bad pubkeys.
    let c = nostr_core::Coordinate::new(Kind::LIVE_EVENT, k.public_key(), "x");
    assert_eq!(
        verify_proof(&k.public_key(), &c, "zz"),
        Err(Error::InvalidProofHex)
    );
    let live = LiveEvent::from_event(&mk(
        Kind::LIVE_EVENT,
        vec![
            Tag::new("d", ["x"]),
            Tag::new("p", [&*"A".repeat(64), "", "host"]),
            Tag::new("p", [k.public_key().to_hex().as_str(), "", "host", "00"]),
            Tag::new("starts", ["-5"]),
        ],
    ))
    .unwrap();
    assert_eq!(live.participants.len(), 1);
    assert_eq!(
        live.verify_proofs(&k.public_key())[0].status,
        ProofStatus::Invalid(ProofFailure::BadHex)
    );
    assert_eq!(live.validate().len(), 3, "{:?}", live.validate());
}
