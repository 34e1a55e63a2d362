//! Kind 1311: NIP-53 live chat messages.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use nostr_core::{
    Coordinate, Event, EventBuilder, EventId, Keys, Kind, PublicKey, Tag, Tags, Timestamp,
};

use crate::common::{
    AddressRef, EventPointer, check_kind, non_empty, report_leftovers, signing_methods,
};
use crate::error::{Error, Problem, Violation};

/// What a chat message belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ChatTarget {
    /// An addressable activity (30311 live event, 30312 space, 30313 meeting) by
    /// its `a` tag, as NIP-53 requires.
    Activity(AddressRef),
    /// A NIP-5E kind 1053 stream, which has no address: zap.stream tags it with an
    /// `e` tag marked `root`.
    Stream(EventPointer),
}

/// A `q` citation: `["q", <event id or address>, <relay>, <pubkey>]`, kept as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Quote {
    /// The cited event id (hex) or address (`kind:pubkey:d`), as written.
    pub target: String,
    /// Relay hint, when non-empty.
    pub relay: Option<String>,
    /// Author of a cited regular event, as written.
    pub pubkey: Option<String>,
}

impl Quote {
    /// The cited event id, when the target is one.
    pub fn event_id(&self) -> Option<EventId> {
        EventId::from_hex(&self.target).ok()
    }

    /// The cited address, when the target is one.
    pub fn coordinate(&self) -> Option<Coordinate> {
        Coordinate::parse(&self.target).ok()
    }

    fn to_tag(&self) -> Tag {
        let mut items = alloc::vec![String::from("q"), self.target.clone()];
        match (&self.relay, &self.pubkey) {
            (r, Some(p)) => items.extend([r.clone().unwrap_or_default(), p.clone()]),
            (Some(r), None) => items.push(r.clone()),
            (None, None) => {}
        }
        Tag::from_vec(items).unwrap_or_else(|_| Tag::new("q", [self.target.as_str()]))
    }
}

/// A kind 1311 live chat message (NIP-53 "Live Chat Message").
///
/// # Example
/// ```
/// use nostr_core::{Coordinate, Keys, Kind, Timestamp};
/// use nostr_live::LiveChat;
///
/// let host = Keys::generate();
/// let me = Keys::generate();
/// let room = Coordinate::new(Kind::LIVE_EVENT, host.public_key(), "show");
/// let first = LiveChat::for_activity(room.clone(), None, "hello!")
///     .sign_at(&me, Timestamp::from_secs(1_700_000_000));
/// let reply = LiveChat::for_activity(room.clone(), None, "hi back")
///     .with_reply_to(first.id)
///     .sign_at(&host, Timestamp::from_secs(1_700_000_005));
///
/// let read = LiveChat::from_event(&reply)?;
/// assert_eq!(read.activity(), Some(&room));
/// assert_eq!(read.reply_to.map(|r| r.id), Some(first.id));
/// # Ok::<(), nostr_live::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveChat {
    /// The activity (`a`) or stream (`e` root) the message belongs to.
    pub target: ChatTarget,
    /// `e`: the message this one replies to.
    pub reply_to: Option<EventPointer>,
    /// `q`: cited events, in order.
    pub quotes: Vec<Quote>,
    /// The message text.
    pub content: String,
    /// Every other tag (NIP-30 `emoji`, unknown, repeats, malformed), in order.
    pub other_tags: Vec<Tag>,
}

impl LiveChat {
    /// The kind this type reads and writes.
    pub const KIND: Kind = Kind::LIVE_CHAT;

    /// A message for an activity, tagged `["a", <address>, <relay or "">, "root"]`
    /// as the NIP-53 example writes it.
    pub fn for_activity(
        activity: Coordinate,
        relay: Option<&str>,
        content: impl Into<String>,
    ) -> Self {
        let mut a = AddressRef::new(activity);
        a.relay = relay.map(String::from);
        a.marker = Some("root".into());
        Self {
            target: ChatTarget::Activity(a),
            reply_to: None,
            quotes: Vec::new(),
            content: content.into(),
            other_tags: Vec::new(),
        }
    }

    /// A message for a NIP-5E kind 1053 stream: `["e", <stream id>, <relay or "">, "root"]`.
    pub fn for_stream(stream: EventId, relay: Option<&str>, content: impl Into<String>) -> Self {
        let mut e = EventPointer::new(stream);
        e.relay = relay.map(String::from);
        e.marker = Some("root".into());
        Self {
            target: ChatTarget::Stream(e),
            reply_to: None,
            quotes: Vec::new(),
            content: content.into(),
            other_tags: Vec::new(),
        }
    }

    /// Replies to message `parent` (an unmarked `e` tag, as NIP-53 writes it).
    #[must_use]
    pub fn with_reply_to(mut self, parent: EventId) -> Self {
        self.reply_to = Some(EventPointer::new(parent));
        self
    }

    /// Cites an event id or address (`q` tag); `pubkey` for a regular event.
    #[must_use]
    pub fn with_quote(
        mut self,
        target: impl Into<String>,
        relay: Option<&str>,
        pubkey: Option<&PublicKey>,
    ) -> Self {
        self.quotes.push(Quote {
            target: target.into(),
            relay: relay.map(String::from),
            pubkey: pubkey.map(PublicKey::to_hex),
        });
        self
    }

    /// The activity address, for an activity message.
    pub fn activity(&self) -> Option<&Coordinate> {
        match &self.target {
            ChatTarget::Activity(a) => Some(&a.coordinate),
            ChatTarget::Stream(_) => None,
        }
    }

    /// The stream id, for a NIP-5E stream message.
    pub fn stream(&self) -> Option<EventId> {
        match &self.target {
            ChatTarget::Stream(e) => Some(e.id),
            ChatTarget::Activity(_) => None,
        }
    }

    /// Reads a signed event, leniently: the first well-formed `a` tag is the
    /// activity; without one, the first `e` marked `root` is the stream. The
    /// first other `e` is the parent. Everything else is kept in `other_tags`.
    ///
    /// # Errors
    /// [`Error::WrongKind`]; [`Error::MissingTag`] (`"a"`) when there is neither a
    /// readable `a` nor an `e` root.
    pub fn from_event(event: &Event) -> Result<Self, Error> {
        check_kind(event, Self::KIND)?;
        Self::from_tags(&event.tags, &event.content)
    }

    /// Reads tags and content (see [`LiveChat::from_event`]).
    ///
    /// # Errors
    /// [`Error::MissingTag`] without a target.
    pub fn from_tags(tags: &Tags, content: &str) -> Result<Self, Error> {
        // The activity: the readable `a` marked `root`, else the first readable `a`
        // (a message may mention another activity before naming its own).
        let readable_a = || {
            tags.iter().enumerate().filter_map(|(i, t)| {
                (t.name() == "a").then(|| AddressRef::from_tag(t).map(|a| (i, a)))?
            })
        };
        let activity = readable_a()
            .find(|(_, a)| a.marker.as_deref() == Some("root"))
            .or_else(|| readable_a().next());
        let target = match activity {
            Some((i, a)) => (i, ChatTarget::Activity(a)),
            None => tags
                .iter()
                .enumerate()
                .find_map(|(i, t)| {
                    if t.name() == "e" && t.get(3) == Some("root") {
                        EventPointer::from_tag(t).map(|e| (i, ChatTarget::Stream(e)))
                    } else {
                        None
                    }
                })
                .ok_or(Error::MissingTag("a"))?,
        };
        let mut out = Self {
            target: target.1,
            reply_to: None,
            quotes: Vec::new(),
            content: content.into(),
            other_tags: Vec::new(),
        };
        for (i, tag) in tags.iter().enumerate() {
            if i == target.0 {
                continue;
            }
            match tag.name() {
                "e" if out.reply_to.is_none() && tag.get(3) != Some("root") => {
                    match EventPointer::from_tag(tag) {
                        Some(e) => out.reply_to = Some(e),
                        None => out.other_tags.push(tag.to_tag()),
                    }
                }
                "q" if tag.value().is_some_and(|v| !v.is_empty()) => out.quotes.push(Quote {
                    target: tag.value().unwrap_or_default().to_string(),
                    relay: non_empty(tag.get(2)),
                    pubkey: non_empty(tag.get(3)),
                }),
                _ => out.other_tags.push(tag.to_tag()),
            }
        }
        Ok(out)
    }

    /// The tags: target, parent, citations, then `other_tags`.
    pub fn to_tags(&self) -> Tags {
        let mut t = Vec::with_capacity(2 + self.quotes.len() + self.other_tags.len());
        t.push(match &self.target {
            ChatTarget::Activity(a) => a.to_tag(),
            ChatTarget::Stream(e) => e.to_tag("e"),
        });
        t.extend(self.reply_to.as_ref().map(|e| e.to_tag("e")));
        t.extend(self.quotes.iter().map(Quote::to_tag));
        t.extend(self.other_tags.iter().cloned());
        Tags::from(t)
    }

    signing_methods!();

    /// Lists what is off-spec: a stream target instead of the `a` tag NIP-53
    /// requires, an `a` tag whose address is not an activity kind, unreadable
    /// `e` / `q` tags.
    pub fn validate(&self) -> Vec<Violation> {
        let mut v = Vec::new();
        match &self.target {
            ChatTarget::Stream(_) => v.push(Violation::new(
                "a",
                Problem::NonStandard("e root (NIP-5E stream)".into()),
            )),
            ChatTarget::Activity(a) => {
                let k = a.coordinate.kind;
                if k != Kind::LIVE_EVENT && k != Kind::MEETING_SPACE && k != Kind::MEETING_ROOM {
                    v.push(Violation::new(
                        "a",
                        Problem::UnexpectedValue(a.coordinate.kind.to_string()),
                    ));
                }
            }
        }
        report_leftovers(&self.other_tags, &["e", "q"], &mut v);
        v
    }
}

impl TryFrom<&Event> for LiveChat {
    type Error = Error;
    fn try_from(event: &Event) -> Result<Self, Error> {
        Self::from_event(event)
    }
}
