//! Kind 10312: NIP-53 room presence, with Nostr Nests' extra flags, and "who is in
//! the room now".

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use nostr_core::{Coordinate, Event, EventBuilder, Keys, Kind, PublicKey, Tag, Tags, Timestamp};

use crate::common::{AddressRef, check_kind, report_leftovers, set_once, signing_methods, tag1};
use crate::error::{Error, Problem, Violation};

/// Nostr Nests keeps presence seen in the last 5 minutes (it republishes every 120 s).
pub const NESTS_PRESENCE_WINDOW_SECS: u64 = 300;

/// A kind 10312 room presence event (NIP-53 "Room Presence").
///
/// The spec writes `["a", <room>, <relay>, "root"]` and `["hand", "1"]`; Nests
/// writes `["a", <room>]` plus `hand`, `publishing`, `muted`, `onstage`, each
/// `"0"` or `"1"`. Flags read `"1"`/`"true"` as set and `"0"`/`"false"` as unset;
/// the builder writes `"1"`/`"0"`.
///
/// # Example
/// ```
/// use nostr_core::{Coordinate, Keys, Kind, Timestamp};
/// use nostr_live::{RoomPresence, present_in_room};
///
/// let host = Keys::generate();
/// let me = Keys::generate();
/// let room = Coordinate::new(Kind::MEETING_SPACE, host.public_key(), "coffee");
/// let here = RoomPresence::new(room.clone()).with_hand(true)
///     .sign_at(&me, Timestamp::from_secs(1_000));
/// let now = present_in_room([&here], &room, Timestamp::from_secs(1_100), 300);
/// assert_eq!(now.len(), 1);
/// assert_eq!(now[0].presence.hand, Some(true));
/// # Ok::<(), nostr_live::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomPresence {
    /// `a`: the room (relay hint and marker as written).
    pub room: AddressRef,
    /// `hand`: hand raised.
    pub hand: Option<bool>,
    /// `publishing`: sending audio (Nests).
    pub publishing: Option<bool>,
    /// `muted`: microphone muted (Nests).
    pub muted: Option<bool>,
    /// `onstage`: on the speakers' stage (Nests).
    pub onstage: Option<bool>,
    /// The event content.
    pub content: String,
    /// Every tag not read into a field, in order.
    pub other_tags: Vec<Tag>,
}

fn flag(v: Option<&str>) -> Option<bool> {
    match v? {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

fn flag_tag(name: &str, v: bool) -> Tag {
    tag1(name, if v { "1" } else { "0" })
}

impl RoomPresence {
    /// The kind this type reads and writes.
    pub const KIND: Kind = Kind::ROOM_PRESENCE;

    /// Presence in `room`, tagged `["a", <room>, "", "root"]` as the spec writes it.
    pub fn new(room: Coordinate) -> Self {
        let mut a = AddressRef::new(room);
        a.marker = Some("root".into());
        Self {
            room: a,
            hand: None,
            publishing: None,
            muted: None,
            onstage: None,
            content: String::new(),
            other_tags: Vec::new(),
        }
    }

    /// Sets `hand`.
    #[must_use]
    pub fn with_hand(mut self, raised: bool) -> Self {
        self.hand = Some(raised);
        self
    }

    /// Sets the Nests flags `publishing`, `muted` and `onstage`.
    #[must_use]
    pub fn with_nests_flags(mut self, publishing: bool, muted: bool, onstage: bool) -> Self {
        self.publishing = Some(publishing);
        self.muted = Some(muted);
        self.onstage = Some(onstage);
        self
    }

    /// Reads a signed event, leniently.
    ///
    /// # Errors
    /// [`Error::WrongKind`]; [`Error::MissingTag`] (`"a"`) without a readable room.
    pub fn from_event(event: &Event) -> Result<Self, Error> {
        check_kind(event, Self::KIND)?;
        Self::from_tags(&event.tags, &event.content)
    }

    /// Reads tags and content.
    ///
    /// # Errors
    /// [`Error::MissingTag`] without a readable `a`.
    pub fn from_tags(tags: &Tags, content: &str) -> Result<Self, Error> {
        let mut room = None;
        let mut hand = None;
        let mut publishing = None;
        let mut muted = None;
        let mut onstage = None;
        let mut o = Vec::new();
        for tag in tags {
            let v = tag.value();
            match tag.name() {
                "a" => set_once(&mut room, AddressRef::from_tag(tag), tag, &mut o),
                "hand" => set_once(&mut hand, flag(v), tag, &mut o),
                "publishing" => set_once(&mut publishing, flag(v), tag, &mut o),
                "muted" => set_once(&mut muted, flag(v), tag, &mut o),
                "onstage" => set_once(&mut onstage, flag(v), tag, &mut o),
                _ => o.push(tag.to_tag()),
            }
        }
        Ok(Self {
            room: room.ok_or(Error::MissingTag("a"))?,
            hand,
            publishing,
            muted,
            onstage,
            content: content.into(),
            other_tags: o,
        })
    }

    /// The tags: `a`, `hand`, `publishing`, `muted`, `onstage`, then `other_tags`.
    pub fn to_tags(&self) -> Tags {
        let mut t = Vec::with_capacity(5 + self.other_tags.len());
        t.push(self.room.to_tag());
        t.extend(self.hand.map(|v| flag_tag("hand", v)));
        t.extend(self.publishing.map(|v| flag_tag("publishing", v)));
        t.extend(self.muted.map(|v| flag_tag("muted", v)));
        t.extend(self.onstage.map(|v| flag_tag("onstage", v)));
        t.extend(self.other_tags.iter().cloned());
        Tags::from(t)
    }

    signing_methods!();

    /// Lists what differs from the spec: an `a` without the `root` marker
    /// (Nests), the Nests-only flags, unreadable flags.
    pub fn validate(&self) -> Vec<Violation> {
        let mut v = Vec::new();
        if self.room.marker.as_deref() != Some("root") {
            v.push(Violation::new(
                "a",
                Problem::NonStandard(self.room.marker.clone().unwrap_or_default()),
            ));
        }
        for (name, set) in [
            ("publishing", self.publishing.is_some()),
            ("muted", self.muted.is_some()),
            ("onstage", self.onstage.is_some()),
        ] {
            if set {
                v.push(Violation::new(name, Problem::NonStandard(name.into())));
            }
        }
        report_leftovers(
            &self.other_tags,
            &["a", "hand", "publishing", "muted", "onstage"],
            &mut v,
        );
        v
    }
}

impl TryFrom<&Event> for RoomPresence {
    type Error = Error;
    fn try_from(event: &Event) -> Result<Self, Error> {
        Self::from_event(event)
    }
}

/// Someone present in a room, from their newest fresh presence event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Present {
    /// Who.
    pub pubkey: PublicKey,
    /// When their newest presence was published.
    pub seen_at: Timestamp,
    /// That presence.
    pub presence: RoomPresence,
}

/// Who is in `room` now: for each pubkey, its newest kind 10312 event, kept
/// when it names `room` and was published within `window` seconds before `now`
/// (events from the future, beyond `now + window`, are ignored too). Results are
/// sorted by pubkey.
///
/// Presence is replaceable: a user's newest event anywhere wins (two at the same
/// second: the lower id, as NIP-01 orders replaceable events), so someone whose
/// newest presence names another room is not in this one. Signatures are the
/// caller's business (verify events when receiving them).
pub fn present_in_room<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    room: &Coordinate,
    now: Timestamp,
    window: u64,
) -> Vec<Present> {
    let oldest = now.saturating_sub(window);
    let newest_ok = now.saturating_add(window);
    let mut newest: BTreeMap<PublicKey, &Event> = BTreeMap::new();
    for ev in events {
        if ev.kind != Kind::ROOM_PRESENCE || ev.created_at > newest_ok {
            continue;
        }
        // NIP-01 replaceable order: later wins; at the same second, the lower id.
        match newest.get(&ev.pubkey) {
            Some(prev) if !nostr_core::replaceable::wins(prev, ev) => {}
            _ => {
                newest.insert(ev.pubkey, ev);
            }
        }
    }
    newest
        .into_values()
        .filter(|ev| ev.created_at >= oldest)
        .filter_map(|ev| {
            let presence = RoomPresence::from_event(ev).ok()?;
            (presence.room.coordinate == *room).then_some(Present {
                pubkey: ev.pubkey,
                seen_at: ev.created_at,
                presence,
            })
        })
        .collect()
}
