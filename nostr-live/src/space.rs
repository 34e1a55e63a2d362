//! Kind 30312 meeting spaces (audio/video rooms) and kind 30313 meeting room events
//! (NIP-53 "Meeting Spaces"), plus the role edit helper shared by every event with
//! participants.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use nostr_core::{Coordinate, Event, EventBuilder, Keys, Kind, PublicKey, Tag, Tags, Timestamp};

use crate::common::{
    AddressRef, KnownRole, Participant, Role, Status, check_kind, list_tag, parse_timestamp,
    parse_u64, report_leftovers, report_participants, set_once, signing_methods, tag1,
};
use crate::error::{Error, Problem, Violation};
use crate::proof::{ProofCheck, verify_proofs};

/// Which way a meeting space is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SpaceDialect {
    /// NIP-53: `room`, `status` open/private/closed, `service`, Host `p`.
    Spec,
    /// Nostr Nests: `title`, `status` live/planned/ended, `streaming`, `auth`,
    /// `starts`, lower-case roles, the author as host.
    Nests,
}

/// A kind 30312 meeting space (NIP-53 "Meeting Space Event"), read from either
/// dialect into one type.
///
/// The display name is [`MeetingSpace::name`] (`room`, else `title`). The author
/// of the event is always the host ([`MeetingSpace::role_of`]); Nests lists no
/// Host `p` at all.
///
/// # Example
/// ```
/// use nostr_core::{Keys, Timestamp};
/// use nostr_live::{MeetingSpace, Participant, Role, Status};
///
/// let host = Keys::generate();
/// let guest = Keys::generate();
/// let space = MeetingSpace::new("main-hall", "Main Hall", Status::Open, "https://meet.example.com/main")
///     .with_participant(Participant::new(host.public_key()).with_role(Role::host()))
///     .with_participant(Participant::new(guest.public_key()).with_role(Role::speaker()));
/// assert!(space.validate().is_empty());
/// let event = space.sign_at(&host, Timestamp::from_secs(1_700_000_000));
///
/// let read = MeetingSpace::from_event(&event)?;
/// assert_eq!(read.name(), Some("Main Hall"));
/// assert!(read.can_speak(&event.pubkey, &guest.public_key()));
///
/// // Demote the guest, keeping every other tag as it was.
/// let edited = nostr_live::set_participant_role(&event, &guest.public_key(), Some(&Role::new("Participant")))?
///     .sign_at(&host, Timestamp::from_secs(1_700_000_060));
/// let read = MeetingSpace::from_event(&edited)?;
/// assert!(!read.can_speak(&edited.pubkey, &guest.public_key()));
/// # Ok::<(), nostr_live::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MeetingSpace {
    /// `d`: the room identifier (Nests: a UUID).
    pub identifier: String,
    /// `room`: the display name (spec dialect).
    pub room: Option<String>,
    /// `title`: the display name (Nests dialect).
    pub title: Option<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `image`.
    pub image: Option<String>,
    /// `status`: open/private/closed (spec) or live/planned/ended (Nests).
    pub status: Option<Status>,
    /// `service`: URL to access the room (spec).
    pub service: Option<String>,
    /// `endpoint`: API endpoint for status (spec).
    pub endpoint: Option<String>,
    /// `streaming`: media server URLs in order (Nests: its media relay).
    pub streaming: Vec<String>,
    /// `auth`: base URL of the token service (Nests).
    pub auth: Option<String>,
    /// `starts` (Nests).
    pub starts: Option<Timestamp>,
    /// `color`: a room theme (Nests).
    pub color: Option<String>,
    /// `t`: hashtags.
    pub hashtags: Vec<String>,
    /// `p`: providers / participants with roles.
    pub participants: Vec<Participant>,
    /// `relays`.
    pub relays: Vec<String>,
    /// The event content.
    pub content: String,
    /// Every tag not read into a field, in order.
    pub other_tags: Vec<Tag>,
}

const SPACE_KNOWN: &[&str] = &[
    "d", "room", "title", "summary", "image", "status", "service", "endpoint", "auth", "starts",
    "color", "p", "relays",
];

impl MeetingSpace {
    /// The kind this type reads and writes.
    pub const KIND: Kind = Kind::MEETING_SPACE;

    /// A space in the spec dialect with its required tags: `d`, `room`, `status`,
    /// `service`. Add at least one Host participant ([`MeetingSpace::with_participant`]).
    pub fn new(
        identifier: impl Into<String>,
        room: impl Into<String>,
        status: Status,
        service: impl Into<String>,
    ) -> Self {
        Self {
            identifier: identifier.into(),
            room: Some(room.into()),
            status: Some(status),
            service: Some(service.into()),
            ..Self::default()
        }
    }

    /// A space in the Nests dialect: `d`, `title`, `status` (live/planned/ended),
    /// `streaming` media relay and `auth` token service.
    pub fn new_nests(
        identifier: impl Into<String>,
        title: impl Into<String>,
        status: Status,
        streaming: impl Into<String>,
        auth: impl Into<String>,
    ) -> Self {
        Self {
            identifier: identifier.into(),
            title: Some(title.into()),
            status: Some(status),
            streaming: alloc::vec![streaming.into()],
            auth: Some(auth.into()),
            ..Self::default()
        }
    }

    /// Adds a participant.
    #[must_use]
    pub fn with_participant(mut self, participant: Participant) -> Self {
        self.participants.push(participant);
        self
    }

    /// The display name: `room`, else `title`.
    pub fn name(&self) -> Option<&str> {
        self.room.as_deref().or(self.title.as_deref())
    }

    /// Which dialect the space is written in: Nests when it has a `title` but no
    /// `room`, an `auth` tag, or an activity status (live/planned/ended).
    pub fn dialect(&self) -> SpaceDialect {
        let nests = (self.room.is_none() && self.title.is_some())
            || self.auth.is_some()
            || self.status.as_ref().is_some_and(Status::is_activity_status);
        if nests {
            SpaceDialect::Nests
        } else {
            SpaceDialect::Spec
        }
    }

    /// Reads a signed event, leniently.
    ///
    /// # Errors
    /// [`Error::WrongKind`], or [`Error::MissingTag`] without a `d`.
    pub fn from_event(event: &Event) -> Result<Self, Error> {
        check_kind(event, Self::KIND)?;
        Self::from_tags(&event.tags, &event.content)
    }

    /// Reads tags and content.
    ///
    /// # Errors
    /// [`Error::MissingTag`] without a `d`.
    pub fn from_tags(tags: &Tags, content: &str) -> Result<Self, Error> {
        let mut out = Self {
            content: content.into(),
            ..Self::default()
        };
        let mut identifier = None;
        let o = &mut out.other_tags;
        for tag in tags {
            let v = tag.value();
            let s = v.map(String::from);
            match tag.name() {
                "d" => set_once(&mut identifier, s, tag, o),
                "room" => set_once(&mut out.room, s, tag, o),
                "title" => set_once(&mut out.title, s, tag, o),
                "summary" => set_once(&mut out.summary, s, tag, o),
                "image" => set_once(&mut out.image, s, tag, o),
                "status" => set_once(&mut out.status, v.map(Status::parse), tag, o),
                "service" => set_once(&mut out.service, s, tag, o),
                "endpoint" => set_once(&mut out.endpoint, s, tag, o),
                "auth" => set_once(&mut out.auth, s, tag, o),
                "color" => set_once(&mut out.color, s, tag, o),
                "starts" => set_once(&mut out.starts, v.and_then(parse_timestamp), tag, o),
                "streaming" if s.is_some() => out.streaming.extend(s),
                "t" if s.is_some() => out.hashtags.extend(s),
                "p" => match Participant::from_tag(tag) {
                    Some(p) => out.participants.push(p),
                    None => o.push(tag.to_tag()),
                },
                "relays" if out.relays.is_empty() && tag.len() > 1 => {
                    out.relays = tag.iter().skip(1).map(String::from).collect();
                }
                _ => o.push(tag.to_tag()),
            }
        }
        out.identifier = identifier.ok_or(Error::MissingTag("d"))?;
        Ok(out)
    }

    /// The tags in the builder's order (spec order, then the Nests tags), then
    /// `other_tags`.
    pub fn to_tags(&self) -> Tags {
        let mut t = Vec::with_capacity(16 + self.participants.len() + self.other_tags.len());
        t.push(tag1("d", self.identifier.as_str()));
        t.extend(self.room.as_deref().map(|v| tag1("room", v)));
        t.extend(self.title.as_deref().map(|v| tag1("title", v)));
        t.extend(self.summary.as_deref().map(|v| tag1("summary", v)));
        t.extend(self.image.as_deref().map(|v| tag1("image", v)));
        t.extend(self.status.as_ref().map(|v| tag1("status", v.as_str())));
        t.extend(self.service.as_deref().map(|v| tag1("service", v)));
        t.extend(self.endpoint.as_deref().map(|v| tag1("endpoint", v)));
        t.extend(self.starts.map(|v| tag1("starts", v.as_secs().to_string())));
        t.extend(self.color.as_deref().map(|v| tag1("color", v)));
        t.extend(self.streaming.iter().map(|v| tag1("streaming", v.as_str())));
        t.extend(self.auth.as_deref().map(|v| tag1("auth", v)));
        t.extend(self.hashtags.iter().map(|v| tag1("t", v.as_str())));
        t.extend(self.participants.iter().map(Participant::to_tag));
        if !self.relays.is_empty() {
            t.push(list_tag("relays", &self.relays));
        }
        t.extend(self.other_tags.iter().cloned());
        Tags::from(t)
    }

    signing_methods!();

    /// The address `30312:<author>:<d>`.
    pub fn coordinate(&self, author: &PublicKey) -> Coordinate {
        Coordinate::new(Self::KIND, *author, self.identifier.clone())
    }

    /// The role of `pubkey` in the space: the author is always the host (Nests
    /// writes no Host `p`); anyone else has the role of their first `p` tag that
    /// has one, or `None`.
    pub fn role_of(&self, author: &PublicKey, pubkey: &PublicKey) -> Option<Role> {
        role_of(&self.participants, author, pubkey)
    }

    /// Whether `pubkey` may speak: the host (author), and participants whose role
    /// is Host, Owner, Admin, Moderator or Speaker (any case). NIP-53 gives
    /// Speaker "allowed to present"; hosts and moderators / Nests admins hold more
    /// rights than speakers, so they may speak too.
    pub fn can_speak(&self, author: &PublicKey, pubkey: &PublicKey) -> bool {
        can_speak(&self.participants, author, pubkey)
    }

    /// Checks every participant's proof against this space's address.
    pub fn verify_proofs(&self, author: &PublicKey) -> Vec<ProofCheck> {
        verify_proofs(&self.coordinate(author), &self.participants)
    }

    /// Lists NIP-53 violations: missing `room` (reported as non-standard when
    /// `title` stands in), a status outside open/private/closed, missing
    /// `service`, no Host participant, role-less participants, malformed proofs,
    /// unreadable known tags. A Nests room yields several, by design.
    pub fn validate(&self) -> Vec<Violation> {
        let mut v = Vec::new();
        match (&self.room, &self.title) {
            (Some(_), _) => {}
            (None, Some(_)) => v.push(Violation::new("room", Problem::NonStandard("title".into()))),
            (None, None) => v.push(Violation::new("room", Problem::Missing)),
        }
        match &self.status {
            None => v.push(Violation::new("status", Problem::Missing)),
            Some(s) if !s.is_space_status() => v.push(Violation::new(
                "status",
                Problem::UnexpectedValue(s.as_str().into()),
            )),
            Some(_) => {}
        }
        if self.service.is_none() {
            v.push(Violation::new("service", Problem::Missing));
        }
        if !self.participants.iter().any(Participant::is_host) {
            v.push(Violation::new("p", Problem::Missing));
        }
        report_participants(&self.participants, &mut v);
        report_leftovers(&self.other_tags, SPACE_KNOWN, &mut v);
        v
    }
}

impl TryFrom<&Event> for MeetingSpace {
    type Error = Error;
    fn try_from(event: &Event) -> Result<Self, Error> {
        Self::from_event(event)
    }
}

pub(crate) fn role_of(
    participants: &[Participant],
    author: &PublicKey,
    pubkey: &PublicKey,
) -> Option<Role> {
    if pubkey == author {
        return Some(Role::host());
    }
    // The first `p` of this key that has a role: a bare `p` (a mention, say) before
    // the role tag must not hide it.
    participants
        .iter()
        .filter(|p| &p.pubkey == pubkey)
        .find_map(|p| p.role.clone())
}

pub(crate) fn can_speak(
    participants: &[Participant],
    author: &PublicKey,
    pubkey: &PublicKey,
) -> bool {
    role_of(participants, author, pubkey)
        .and_then(|r| r.known())
        .is_some_and(|k| !matches!(k, KnownRole::Participant))
}

/// Re-issues an event with one participant's role changed and every other tag
/// (order, unknown tags, other participants' proofs) kept as it was.
///
/// The first `p` tag naming `pubkey` gets `role` in item 3 (its relay and proof are
/// kept; an absent relay slot is written as `""`); with `role = None` that tag is
/// removed. A participant not yet listed is appended as `["p", <pubkey>, "", <role>]`.
/// The result has the event's kind and content; sign it with the author's keys.
///
/// # Errors
/// [`Error::ParticipantNotFound`] when removing a participant that is not listed.
pub fn set_participant_role(
    event: &Event,
    pubkey: &PublicKey,
    role: Option<&Role>,
) -> Result<EventBuilder, Error> {
    let hex = pubkey.to_hex();
    let mut tags: Vec<Tag> = Vec::with_capacity(event.tags.len() + 1);
    let mut done = false;
    for tag in &event.tags {
        if !done && tag.name() == "p" && tag.value() == Some(hex.as_str()) {
            done = true;
            if let Some(role) = role {
                let mut items = tag.to_vec();
                if items.len() < 3 {
                    items.resize(3, String::new());
                }
                match items.get_mut(3) {
                    Some(slot) => *slot = role.as_str().into(),
                    None => items.push(role.as_str().into()),
                }
                tags.push(Tag::from_vec(items)?);
            }
        } else {
            tags.push(tag.to_tag());
        }
    }
    if !done {
        let role = role.ok_or(Error::ParticipantNotFound)?;
        tags.push(Tag::new("p", [hex.as_str(), "", role.as_str()]));
    }
    Ok(EventBuilder::new(event.kind, event.content.clone()).tags(tags))
}

/// A kind 30313 meeting room event: one scheduled or ongoing meeting in a space
/// (NIP-53 "Meeting Room Events").
///
/// # Example
/// ```
/// use nostr_core::{Keys, Timestamp};
/// use nostr_live::{MeetingRoom, MeetingSpace, Status};
///
/// let host = Keys::generate();
/// let space = MeetingSpace::new("hall", "Hall", Status::Open, "https://meet.example.com/hall");
/// let meeting = MeetingRoom::new("agm-2025", space.coordinate(&host.public_key()), "AGM", Timestamp::from_secs(1_676_262_123), Status::Planned);
/// assert!(meeting.validate().is_empty());
/// let event = meeting.sign_at(&host, Timestamp::from_secs(1_676_000_000));
/// assert_eq!(MeetingRoom::from_event(&event)?, meeting);
/// # Ok::<(), nostr_live::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MeetingRoom {
    /// `d`: the meeting identifier.
    pub identifier: String,
    /// `a`: the parent space (`30312:<pubkey>:<d>`) with relay hint.
    pub space: Option<AddressRef>,
    /// `title`.
    pub title: Option<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `image`.
    pub image: Option<String>,
    /// `starts`.
    pub starts: Option<Timestamp>,
    /// `ends`.
    pub ends: Option<Timestamp>,
    /// `status`: planned/live/ended.
    pub status: Option<Status>,
    /// `total_participants`.
    pub total_participants: Option<u64>,
    /// `current_participants`.
    pub current_participants: Option<u64>,
    /// `p`: participants with roles for this meeting.
    pub participants: Vec<Participant>,
    /// The event content.
    pub content: String,
    /// Every tag not read into a field, in order.
    pub other_tags: Vec<Tag>,
}

const ROOM_KNOWN: &[&str] = &[
    "d",
    "a",
    "title",
    "summary",
    "image",
    "starts",
    "ends",
    "status",
    "total_participants",
    "current_participants",
    "p",
];

impl MeetingRoom {
    /// The kind this type reads and writes.
    pub const KIND: Kind = Kind::MEETING_ROOM;

    /// A meeting with its required tags.
    pub fn new(
        identifier: impl Into<String>,
        space: Coordinate,
        title: impl Into<String>,
        starts: Timestamp,
        status: Status,
    ) -> Self {
        Self {
            identifier: identifier.into(),
            space: Some(AddressRef::new(space)),
            title: Some(title.into()),
            starts: Some(starts),
            status: Some(status),
            ..Self::default()
        }
    }

    /// Reads a signed event, leniently.
    ///
    /// # Errors
    /// [`Error::WrongKind`], or [`Error::MissingTag`] without a `d`.
    pub fn from_event(event: &Event) -> Result<Self, Error> {
        check_kind(event, Self::KIND)?;
        Self::from_tags(&event.tags, &event.content)
    }

    /// Reads tags and content.
    ///
    /// # Errors
    /// [`Error::MissingTag`] without a `d`.
    pub fn from_tags(tags: &Tags, content: &str) -> Result<Self, Error> {
        let mut out = Self {
            content: content.into(),
            ..Self::default()
        };
        let mut identifier = None;
        let o = &mut out.other_tags;
        for tag in tags {
            let v = tag.value();
            let s = v.map(String::from);
            match tag.name() {
                "d" => set_once(&mut identifier, s, tag, o),
                "a" => set_once(&mut out.space, AddressRef::from_tag(tag), tag, o),
                "title" => set_once(&mut out.title, s, tag, o),
                "summary" => set_once(&mut out.summary, s, tag, o),
                "image" => set_once(&mut out.image, s, tag, o),
                "starts" => set_once(&mut out.starts, v.and_then(parse_timestamp), tag, o),
                "ends" => set_once(&mut out.ends, v.and_then(parse_timestamp), tag, o),
                "status" => set_once(&mut out.status, v.map(Status::parse), tag, o),
                "total_participants" => {
                    set_once(&mut out.total_participants, v.and_then(parse_u64), tag, o);
                }
                "current_participants" => {
                    set_once(&mut out.current_participants, v.and_then(parse_u64), tag, o);
                }
                "p" => match Participant::from_tag(tag) {
                    Some(p) => out.participants.push(p),
                    None => o.push(tag.to_tag()),
                },
                _ => o.push(tag.to_tag()),
            }
        }
        out.identifier = identifier.ok_or(Error::MissingTag("d"))?;
        Ok(out)
    }

    /// The tags in the spec's order, then `other_tags`.
    pub fn to_tags(&self) -> Tags {
        let mut t = Vec::with_capacity(12 + self.participants.len() + self.other_tags.len());
        t.push(tag1("d", self.identifier.as_str()));
        t.extend(self.space.as_ref().map(AddressRef::to_tag));
        t.extend(self.title.as_deref().map(|v| tag1("title", v)));
        t.extend(self.summary.as_deref().map(|v| tag1("summary", v)));
        t.extend(self.image.as_deref().map(|v| tag1("image", v)));
        t.extend(self.starts.map(|v| tag1("starts", v.as_secs().to_string())));
        t.extend(self.ends.map(|v| tag1("ends", v.as_secs().to_string())));
        t.extend(self.status.as_ref().map(|v| tag1("status", v.as_str())));
        t.extend(
            self.total_participants
                .map(|v| tag1("total_participants", v.to_string())),
        );
        t.extend(
            self.current_participants
                .map(|v| tag1("current_participants", v.to_string())),
        );
        t.extend(self.participants.iter().map(Participant::to_tag));
        t.extend(self.other_tags.iter().cloned());
        Tags::from(t)
    }

    signing_methods!();

    /// The address `30313:<author>:<d>`.
    pub fn coordinate(&self, author: &PublicKey) -> Coordinate {
        Coordinate::new(Self::KIND, *author, self.identifier.clone())
    }

    /// As [`crate::LiveEvent::effective_status`]: `live` not updated for
    /// `stale_after` seconds reads as ended.
    pub fn effective_status(
        &self,
        updated_at: Timestamp,
        now: Timestamp,
        stale_after: u64,
    ) -> Option<Status> {
        match &self.status {
            Some(Status::Live)
                if now.as_secs().saturating_sub(updated_at.as_secs()) > stale_after =>
            {
                Some(Status::Ended)
            }
            other => other.clone(),
        }
    }

    /// Lists NIP-53 violations: missing `a` (or one not pointing at a 30312),
    /// `title`, `starts` or `status`, a status outside planned/live/ended, and
    /// unreadable known tags.
    pub fn validate(&self) -> Vec<Violation> {
        let mut v = Vec::new();
        match &self.space {
            None => v.push(Violation::new("a", Problem::Missing)),
            Some(a) if a.coordinate.kind != Kind::MEETING_SPACE => v.push(Violation::new(
                "a",
                Problem::UnexpectedValue(a.coordinate.kind.to_string()),
            )),
            Some(_) => {}
        }
        if self.title.is_none() {
            v.push(Violation::new("title", Problem::Missing));
        }
        if self.starts.is_none() {
            v.push(Violation::new("starts", Problem::Missing));
        }
        match &self.status {
            None => v.push(Violation::new("status", Problem::Missing)),
            Some(s) if !s.is_activity_status() => v.push(Violation::new(
                "status",
                Problem::UnexpectedValue(s.as_str().into()),
            )),
            Some(_) => {}
        }
        report_leftovers(&self.other_tags, ROOM_KNOWN, &mut v);
        v
    }
}

impl TryFrom<&Event> for MeetingRoom {
    type Error = Error;
    fn try_from(event: &Event) -> Result<Self, Error> {
        Self::from_event(event)
    }
}
