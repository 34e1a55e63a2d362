//! Parses any event JSON as every nostr-live type. Each value that parses must
//! rebuild into tags that parse back to the same value, and its validate and
//! helpers must not panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nostr_core::{Event, Timestamp};
use nostr_live::{
    Clip, LiveChat, LiveEvent, MeetingRoom, MeetingSpace, Raid, RoomPresence, Segment, Stream,
    StreamSource, ZapGoal, master_playlist, media_playlist,
};

macro_rules! check {
    ($ty:ty, $ev:expr) => {{
        let ev: &Event = $ev;
        // Parse as this type whatever the kind says, so every parser sees every shape.
        let mut as_kind = ev.clone();
        as_kind.kind = <$ty>::KIND;
        if let Ok(v) = <$ty>::try_from(&as_kind) {
            let _ = v.validate();
            let rebuilt = Event {
                tags: v.to_tags(),
                content: v.to_event_builder().build(ev.pubkey, ev.created_at).content,
                ..as_kind.clone()
            };
            let again = <$ty>::try_from(&rebuilt).expect("rebuilt value parses");
            assert_eq!(again, v, "round trip");
            Some(v)
        } else {
            None
        }
    }};
}

fn do_test(data: &[u8]) {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let Ok(ev) = Event::from_json(text) else {
        return;
    };
    if let Some(v) = check!(LiveEvent, &ev) {
        let _ = v.verify_proofs(&ev.pubkey);
        let _ = v.host(&ev.pubkey, &[ev.pubkey]);
        let _ = v.effective_status(ev.created_at, Timestamp::from_secs(u64::MAX), 3600);
    }
    if let Some(v) = check!(MeetingSpace, &ev) {
        for p in &v.participants {
            let _ = v.can_speak(&ev.pubkey, &p.pubkey);
        }
        if let Some(p) = v.participants.first() {
            let _ = nostr_live::set_participant_role(&ev, &p.pubkey, None);
        }
    }
    let _ = check!(MeetingRoom, &ev);
    let _ = check!(RoomPresence, &ev);
    let _ = check!(LiveChat, &ev);
    let _ = check!(Raid, &ev);
    let _ = check!(Clip, &ev);
    if let Some(v) = check!(ZapGoal, &ev) {
        let _ = v.split(u64::MAX);
    }
    if let Some(v) = check!(Stream, &ev) {
        let m = master_playlist(&v, |x| x.id().to_string());
        assert!(m.lines().all(|l| !l.is_empty()));
    }
    if let Some(s) = check!(Segment, &ev) {
        let _ = s.check_bytes(data);
        // As if the stream were the one the segment names, by its signer.
        let id = s.stream.as_ref().map_or(ev.id, |e| e.id);
        let source = StreamSource::new(id, ev.pubkey);
        let p = media_playlist([&s], &source, &s.variant, Timestamp::from_secs(0), true);
        // Untrusted URLs never inject playlist lines.
        assert_eq!(
            p.lines()
                .filter(|l| l.starts_with("#EXT-X-ENDLIST"))
                .count(),
            1
        );
    }
}

fuzz_target!(|data: &[u8]| do_test(data));
