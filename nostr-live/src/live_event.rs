//! Kind 30311: the NIP-53 live streaming event.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use nostr_core::{Coordinate, Event, EventBuilder, Keys, Kind, PublicKey, Tag, Tags, Timestamp};

use crate::common::{
    ContentWarning, EventPointer, Participant, Status, check_kind, list_tag, non_empty,
    parse_timestamp, parse_u64, report_leftovers, report_participants, set_once, signing_methods,
    tag1,
};
use crate::error::{Error, Problem, Violation};
use crate::proof::{ProofCheck, verify_proofs};

/// NIP-53: clients MAY treat a `live` event not updated for an hour as ended.
pub const STALE_AFTER_SECS: u64 = 3600;

/// A kind 30311 live streaming event (NIP-53 "Live Streaming").
///
/// Build one with [`LiveEvent::new`] and the `with_*` methods (or set the public
/// fields), then [`LiveEvent::to_event_builder`] / [`LiveEvent::sign_at`]. Read one
/// with [`LiveEvent::from_event`]: lenient, it only fails on a wrong kind or a
/// missing `d`; unreadable or unknown tags land in [`LiveEvent::other_tags`] and
/// [`LiveEvent::validate`] lists what is off-spec. A parsed value rebuilt writes
/// the same tags (known ones in the builder's order, then `other_tags`).
///
/// # Example
/// ```
/// use nostr_core::{Keys, Timestamp};
/// use nostr_live::{LiveEvent, Participant, Role, Status, create_proof};
///
/// let host = Keys::generate();
/// let guest = Keys::generate();
/// let mut live = LiveEvent::new("my-show")
///     .with_title("Live coding")
///     .with_status(Status::Live)
///     .with_streaming("https://cdn.example.com/live.m3u8");
/// let address = live.coordinate(&host.public_key());
/// live.participants.push(Participant::new(host.public_key()).with_role(Role::host()));
/// live.participants.push(
///     Participant::new(guest.public_key())
///         .with_role(Role::speaker())
///         .with_proof(&create_proof(&guest, &address)),
/// );
/// let event = live.sign_at(&host, Timestamp::from_secs(1_700_000_000));
///
/// let read = LiveEvent::from_event(&event)?;
/// assert_eq!(read, live);
/// assert_eq!(read.host(&event.pubkey, &[]), host.public_key());
/// let proofs = read.verify_proofs(&event.pubkey);
/// assert_eq!(proofs[1].status, nostr_live::ProofStatus::Verified);
/// assert_eq!(proofs[0].status, nostr_live::ProofStatus::Missing);
/// # Ok::<(), nostr_live::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveEvent {
    /// `d`: the activity identifier.
    pub identifier: String,
    /// `title`.
    pub title: Option<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `image`: preview image URL.
    pub image: Option<String>,
    /// `t`: hashtags, in order.
    pub hashtags: Vec<String>,
    /// `streaming`: every URL in order (HLS, `moq://`, `wss+livekit://`, ... as written).
    pub streaming: Vec<String>,
    /// `recording`: every URL in order.
    pub recording: Vec<String>,
    /// `starts`.
    pub starts: Option<Timestamp>,
    /// `ends`.
    pub ends: Option<Timestamp>,
    /// `status`, unknown values kept.
    pub status: Option<Status>,
    /// `current_participants`.
    pub current_participants: Option<u64>,
    /// `total_participants`.
    pub total_participants: Option<u64>,
    /// `p`: participants in order.
    pub participants: Vec<Participant>,
    /// `relays`.
    pub relays: Vec<String>,
    /// `pinned`: pinned live chat messages.
    pub pinned: Vec<EventPointer>,
    /// `goal`: a NIP-75 zap goal.
    pub goal: Option<EventPointer>,
    /// `service`: the provider API URL (zap.stream).
    pub service: Option<String>,
    /// `content-warning` / `content_warning`.
    pub content_warning: Option<ContentWarning>,
    /// The event content (usually empty).
    pub content: String,
    /// Every tag not read into a field above, in order (unknown names, repeats of
    /// single-valued tags, malformed values).
    pub other_tags: Vec<Tag>,
}

const KNOWN: &[&str] = &[
    "d",
    "title",
    "summary",
    "image",
    "starts",
    "ends",
    "status",
    "current_participants",
    "total_participants",
    "p",
    "relays",
    "pinned",
    "goal",
    "service",
    "content-warning",
    "content_warning",
];

impl LiveEvent {
    /// The kind this type reads and writes.
    pub const KIND: Kind = Kind::LIVE_EVENT;

    /// An event with identifier `d` and nothing else.
    pub fn new(identifier: impl Into<String>) -> Self {
        Self {
            identifier: identifier.into(),
            ..Self::default()
        }
    }

    /// Sets `title`.
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets `summary`.
    #[must_use]
    pub fn with_summary(mut self, summary: impl Into<String>) -> Self {
        self.summary = Some(summary.into());
        self
    }

    /// Sets `status`.
    #[must_use]
    pub fn with_status(mut self, status: Status) -> Self {
        self.status = Some(status);
        self
    }

    /// Adds a `streaming` URL.
    #[must_use]
    pub fn with_streaming(mut self, url: impl Into<String>) -> Self {
        self.streaming.push(url.into());
        self
    }

    /// Adds a participant.
    #[must_use]
    pub fn with_participant(mut self, participant: Participant) -> Self {
        self.participants.push(participant);
        self
    }

    /// Sets `starts`.
    #[must_use]
    pub fn with_starts(mut self, at: Timestamp) -> Self {
        self.starts = Some(at);
        self
    }

    /// Reads a signed event, leniently (see the type docs).
    ///
    /// # Errors
    /// [`Error::WrongKind`] for another kind, [`Error::MissingTag`] without a `d`.
    pub fn from_event(event: &Event) -> Result<Self, Error> {
        check_kind(event, Self::KIND)?;
        Self::from_tags(&event.tags, &event.content)
    }

    /// Reads tags and content (the kind is the caller's business).
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
            match tag.name() {
                "d" => set_once(&mut identifier, v.map(String::from), tag, o),
                "title" => set_once(&mut out.title, v.map(String::from), tag, o),
                "summary" => set_once(&mut out.summary, v.map(String::from), tag, o),
                "image" => set_once(&mut out.image, v.map(String::from), tag, o),
                "t" if v.is_some() => out.hashtags.extend(v.map(String::from)),
                "streaming" if v.is_some() => out.streaming.extend(v.map(String::from)),
                "recording" if v.is_some() => out.recording.extend(v.map(String::from)),
                "starts" => set_once(&mut out.starts, v.and_then(parse_timestamp), tag, o),
                "ends" => set_once(&mut out.ends, v.and_then(parse_timestamp), tag, o),
                "status" => set_once(&mut out.status, v.map(Status::parse), tag, o),
                "current_participants" => {
                    set_once(&mut out.current_participants, v.and_then(parse_u64), tag, o);
                }
                "total_participants" => {
                    set_once(&mut out.total_participants, v.and_then(parse_u64), tag, o);
                }
                "p" => match Participant::from_tag(tag) {
                    Some(p) => out.participants.push(p),
                    None => o.push(tag.to_tag()),
                },
                "relays" if out.relays.is_empty() && tag.len() > 1 => {
                    out.relays = tag.iter().skip(1).map(String::from).collect();
                }
                "pinned" => match EventPointer::from_tag(tag) {
                    Some(p) => out.pinned.push(p),
                    None => o.push(tag.to_tag()),
                },
                "goal" => set_once(&mut out.goal, EventPointer::from_tag(tag), tag, o),
                "service" => set_once(&mut out.service, v.map(String::from), tag, o),
                name @ ("content-warning" | "content_warning") => {
                    let cw = ContentWarning {
                        reason: non_empty(v),
                        underscore: name == "content_warning",
                    };
                    set_once(&mut out.content_warning, Some(cw), tag, o);
                }
                _ => o.push(tag.to_tag()),
            }
        }
        out.identifier = identifier.ok_or(Error::MissingTag("d"))?;
        Ok(out)
    }

    /// The tags, in the builder's order, then [`LiveEvent::other_tags`].
    pub fn to_tags(&self) -> Tags {
        let mut t = Vec::with_capacity(16 + self.participants.len() + self.other_tags.len());
        t.push(tag1("d", self.identifier.as_str()));
        t.extend(self.title.as_deref().map(|v| tag1("title", v)));
        t.extend(self.summary.as_deref().map(|v| tag1("summary", v)));
        t.extend(self.image.as_deref().map(|v| tag1("image", v)));
        t.extend(self.hashtags.iter().map(|v| tag1("t", v.as_str())));
        t.extend(self.streaming.iter().map(|v| tag1("streaming", v.as_str())));
        t.extend(self.recording.iter().map(|v| tag1("recording", v.as_str())));
        t.extend(self.starts.map(|v| tag1("starts", v.to_string())));
        t.extend(self.ends.map(|v| tag1("ends", v.to_string())));
        t.extend(self.status.as_ref().map(|v| tag1("status", v.as_str())));
        t.extend(
            self.current_participants
                .map(|v| tag1("current_participants", v.to_string())),
        );
        t.extend(
            self.total_participants
                .map(|v| tag1("total_participants", v.to_string())),
        );
        t.extend(self.participants.iter().map(Participant::to_tag));
        if !self.relays.is_empty() {
            t.push(list_tag("relays", &self.relays));
        }
        t.extend(self.pinned.iter().map(|p| p.to_tag("pinned")));
        t.extend(self.goal.as_ref().map(|p| p.to_tag("goal")));
        t.extend(self.service.as_deref().map(|v| tag1("service", v)));
        t.extend(self.content_warning.as_ref().map(ContentWarning::to_tag));
        t.extend(self.other_tags.iter().cloned());
        Tags::from(t)
    }

    signing_methods!();

    /// The address `30311:<author>:<d>`, for `a` tags, naddr and proofs.
    pub fn coordinate(&self, author: &PublicKey) -> Coordinate {
        Coordinate::new(Self::KIND, *author, self.identifier.clone())
    }

    /// Who hosts the activity.
    ///
    /// zap.stream signs the event with its service key and names the streamer
    /// with a `host` participant; a client only honours that from authors it
    /// trusts. So: the first participant with role `host` (any case) when the
    /// `author` is in `trusted_services`, otherwise the author.
    pub fn host(&self, author: &PublicKey, trusted_services: &[PublicKey]) -> PublicKey {
        self.host_by(author, |pk| trusted_services.contains(pk))
    }

    /// [`LiveEvent::host`] with a predicate saying which authors are trusted.
    pub fn host_by(&self, author: &PublicKey, trusted: impl Fn(&PublicKey) -> bool) -> PublicKey {
        if trusted(author) {
            if let Some(p) = self.participants.iter().find(|p| p.is_host()) {
                return p.pubkey;
            }
        }
        *author
    }

    /// The status to show: a `live` event whose last update (`updated_at`, the
    /// event's `created_at`) is more than `stale_after` seconds before `now` reads
    /// as [`Status::Ended`] (NIP-53 allows this after an hour:
    /// [`STALE_AFTER_SECS`]). Other statuses are returned as they are; `None` when
    /// the event has no status.
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

    /// Checks every participant's proof of agreement (see [`crate::verify_proofs`]).
    pub fn verify_proofs(&self, author: &PublicKey) -> Vec<ProofCheck> {
        verify_proofs(&self.coordinate(author), &self.participants)
    }

    /// Lists what is off-spec: statuses outside `planned|live|ended`, participants
    /// without a role or with a malformed proof, the underscore content-warning
    /// spelling, and every known tag that could not be read (kept in `other_tags`).
    pub fn validate(&self) -> Vec<Violation> {
        let mut v = Vec::new();
        if self.identifier.is_empty() {
            v.push(Violation::new("d", Problem::Missing));
        }
        if let Some(s) = &self.status {
            if !s.is_activity_status() {
                v.push(Violation::new(
                    "status",
                    Problem::UnexpectedValue(s.as_str().into()),
                ));
            }
        }
        report_participants(&self.participants, &mut v);
        if self.content_warning.as_ref().is_some_and(|c| c.underscore) {
            v.push(Violation::new(
                "content-warning",
                Problem::NonStandard("content_warning".into()),
            ));
        }
        report_leftovers(&self.other_tags, KNOWN, &mut v);
        v
    }
}

impl TryFrom<&Event> for LiveEvent {
    type Error = Error;
    fn try_from(event: &Event) -> Result<Self, Error> {
        Self::from_event(event)
    }
}
