//! Pieces shared by the live event types: participants and roles, statuses,
//! content warnings, and the small lenient readers every parser uses.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use nostr_core::{Event, EventId, Kind, PublicKey, Tag, TagRef, Timestamp};

use crate::error::{Error, Problem, Violation};

/// A participant role as written in item 3 of a `p` tag.
///
/// The spec examples write `Host`, `Speaker`, `Participant`, `Moderator` (and once
/// `Owner`); Nostr Nests and zap.stream write lower case (`host`, `speaker`,
/// `admin`); Corny Chat writes `Room Owner`. The raw string is kept for display and
/// written back unchanged; comparisons ignore ASCII case.
///
/// # Example
/// ```
/// use nostr_live::{KnownRole, Role};
/// let r = Role::new("host");
/// assert!(r.is_host());
/// assert_eq!(r.known(), Some(KnownRole::Host));
/// assert_eq!(r.as_str(), "host");
/// assert_eq!(Role::new("Room Owner").known(), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Role(String);

/// The roles NIP-53 and the deployed apps name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KnownRole {
    /// `Host`: full management of the activity or room.
    Host,
    /// `Owner`: used once in the NIP-53 examples for a space's provider.
    Owner,
    /// `Moderator`: moderation powers (NIP-53 meeting spaces).
    Moderator,
    /// `admin`: Nostr Nests' co-host role.
    Admin,
    /// `Speaker`: allowed to present / speak.
    Speaker,
    /// `Participant`: named in the activity.
    Participant,
}

impl KnownRole {
    /// The spelling the spec examples use (`Host`, `Speaker`, ...; `Admin` for Nests' `admin`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Host => "Host",
            Self::Owner => "Owner",
            Self::Moderator => "Moderator",
            Self::Admin => "Admin",
            Self::Speaker => "Speaker",
            Self::Participant => "Participant",
        }
    }
}

impl Role {
    /// Wraps a role string as written.
    pub fn new(raw: impl Into<String>) -> Self {
        Self(raw.into())
    }

    /// `Host`, as the spec writes it.
    pub fn host() -> Self {
        Self::new("Host")
    }

    /// `Speaker`, as the spec writes it.
    pub fn speaker() -> Self {
        Self::new("Speaker")
    }

    /// `Participant`, as the spec writes it.
    pub fn participant() -> Self {
        Self::new("Participant")
    }

    /// `Moderator`, as the spec writes it.
    pub fn moderator() -> Self {
        Self::new("Moderator")
    }

    /// The raw string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this role is `name`, ignoring ASCII case.
    pub fn is(&self, name: &str) -> bool {
        self.0.eq_ignore_ascii_case(name)
    }

    /// Whether this is the `host` role (any case).
    pub fn is_host(&self) -> bool {
        self.is("host")
    }

    /// The known role this names (any case), or `None` for a custom role.
    pub fn known(&self) -> Option<KnownRole> {
        const ALL: [KnownRole; 6] = [
            KnownRole::Host,
            KnownRole::Owner,
            KnownRole::Moderator,
            KnownRole::Admin,
            KnownRole::Speaker,
            KnownRole::Participant,
        ];
        ALL.into_iter().find(|k| self.is(k.as_str()))
    }
}

impl From<KnownRole> for Role {
    fn from(k: KnownRole) -> Self {
        Self::new(k.as_str())
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A `p` tag of a live activity: `["p", <pubkey>, <relay>, <role>, <proof>]`.
///
/// An empty relay, role or proof item reads as `None`; writing puts `""` in a slot
/// that a later item needs.
///
/// # Example
/// ```
/// use nostr_live::{Participant, Role};
/// use nostr_core::Keys;
/// let pk = Keys::generate().public_key();
/// let p = Participant::new(pk).with_role(Role::speaker());
/// assert_eq!(p.to_tag().iter().skip(2).collect::<Vec<_>>(), ["", "Speaker"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Participant {
    /// The participant.
    pub pubkey: PublicKey,
    /// Relay hint.
    pub relay: Option<String>,
    /// Role in the activity.
    pub role: Option<Role>,
    /// Proof of agreement: 128 hex characters as written (checked by
    /// [`Participant::proof_status`], never at parse time).
    pub proof: Option<String>,
    /// Items after the proof, kept as written so a rebuilt tag loses nothing.
    pub extra: Vec<String>,
}

impl Participant {
    /// A participant with no relay, role or proof.
    pub const fn new(pubkey: PublicKey) -> Self {
        Self {
            pubkey,
            relay: None,
            role: None,
            proof: None,
            extra: Vec::new(),
        }
    }

    /// Sets the role.
    #[must_use]
    pub fn with_role(mut self, role: impl Into<Role>) -> Self {
        self.role = Some(role.into());
        self
    }

    /// Sets the relay hint.
    #[must_use]
    pub fn with_relay(mut self, relay: impl Into<String>) -> Self {
        self.relay = Some(relay.into());
        self
    }

    /// Sets the proof of agreement (see [`crate::create_proof`]).
    #[must_use]
    pub fn with_proof(mut self, proof: &nostr_core::Signature) -> Self {
        self.proof = Some(proof.to_hex());
        self
    }

    /// Whether the role is `host` (any case).
    pub fn is_host(&self) -> bool {
        self.role.as_ref().is_some_and(Role::is_host)
    }

    /// The `p` tag.
    pub fn to_tag(&self) -> Tag {
        let role = self
            .role
            .as_ref()
            .map(Role::as_str)
            .filter(|r| !r.is_empty());
        positional_tag(
            "p",
            self.pubkey.to_hex(),
            &[self.relay.as_deref(), role, self.proof.as_deref()],
            &self.extra,
        )
    }

    /// Reads a `p` tag; `None` when the pubkey is not 64 lowercase hex.
    pub fn from_tag(tag: TagRef<'_>) -> Option<Self> {
        if tag.name() != "p" {
            return None;
        }
        let pubkey = PublicKey::from_hex(tag.value()?).ok()?;
        Some(Self {
            pubkey,
            relay: non_empty(tag.get(2)),
            role: non_empty(tag.get(3)).map(Role),
            proof: non_empty(tag.get(4)),
            extra: rest(tag, 5),
        })
    }
}

/// The `status` of a live event, meeting space or meeting.
///
/// Values outside the spec's lists (zap.stream's `unknown`, anything else) are
/// kept as [`Status::Other`] so they never fail a parse. Matching is exact
/// (the spec and the apps write lower case).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// `planned`.
    Planned,
    /// `live`.
    Live,
    /// `ended`.
    Ended,
    /// `open` (meeting spaces).
    Open,
    /// `private` (meeting spaces).
    Private,
    /// `closed` (meeting spaces).
    Closed,
    /// Any other value, as written.
    Other(String),
}

impl Status {
    /// Reads a status value.
    pub fn parse(s: &str) -> Self {
        match s {
            "planned" => Self::Planned,
            "live" => Self::Live,
            "ended" => Self::Ended,
            "open" => Self::Open,
            "private" => Self::Private,
            "closed" => Self::Closed,
            other => Self::Other(other.to_string()),
        }
    }

    /// The value as written.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Planned => "planned",
            Self::Live => "live",
            Self::Ended => "ended",
            Self::Open => "open",
            Self::Private => "private",
            Self::Closed => "closed",
            Self::Other(s) => s,
        }
    }

    /// Whether this is one of the activity statuses `planned`, `live`, `ended`.
    pub const fn is_activity_status(&self) -> bool {
        matches!(self, Self::Planned | Self::Live | Self::Ended)
    }

    /// Whether this is one of the space statuses `open`, `private`, `closed`.
    pub const fn is_space_status(&self) -> bool {
        matches!(self, Self::Open | Self::Private | Self::Closed)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A NIP-36 content warning. zap.stream's backend writes `content_warning`
/// (underscore); the NIP writes `content-warning`. Both read; the spelling is
/// kept so a rebuilt event writes the same tag.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ContentWarning {
    /// The reason, when given and non-empty.
    pub reason: Option<String>,
    /// Whether the tag was spelled `content_warning`.
    pub underscore: bool,
}

impl ContentWarning {
    /// A NIP-36 `content-warning` with an optional reason.
    pub fn new(reason: Option<&str>) -> Self {
        Self {
            reason: reason.map(String::from),
            underscore: false,
        }
    }

    pub(crate) fn to_tag(&self) -> Tag {
        let name = if self.underscore {
            "content_warning"
        } else {
            "content-warning"
        };
        match &self.reason {
            Some(r) => Tag::new(name, [r.as_str()]),
            None => Tag::new(name, core::iter::empty::<String>()),
        }
    }
}

/// An addressable-event reference from an `a` tag, with its relay hint and marker
/// kept as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AddressRef {
    /// The referenced address.
    pub coordinate: nostr_core::Coordinate,
    /// Relay hint (item 2), when non-empty.
    pub relay: Option<String>,
    /// Marker (item 3) such as `root`, when non-empty.
    pub marker: Option<String>,
    /// Items after the marker, kept as written so a rebuilt tag loses nothing.
    pub extra: Vec<String>,
}

impl AddressRef {
    /// A reference with no relay or marker.
    pub const fn new(coordinate: nostr_core::Coordinate) -> Self {
        Self {
            coordinate,
            relay: None,
            marker: None,
            extra: Vec::new(),
        }
    }

    /// Reads an `a` tag; `None` when the coordinate does not parse.
    pub fn from_tag(tag: TagRef<'_>) -> Option<Self> {
        let coordinate = nostr_core::Coordinate::parse(tag.value()?).ok()?;
        Some(Self {
            coordinate,
            relay: non_empty(tag.get(2)),
            marker: non_empty(tag.get(3)),
            extra: rest(tag, 4),
        })
    }

    /// The `a` tag: relay written as `""` when a marker follows.
    pub fn to_tag(&self) -> Tag {
        positional_tag(
            "a",
            self.coordinate.to_string(),
            &[self.relay.as_deref(), self.marker.as_deref()],
            &self.extra,
        )
    }
}

/// An event reference from an `e` tag, relay hint and marker as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EventPointer {
    /// The referenced event.
    pub id: EventId,
    /// Relay hint (item 2), when non-empty.
    pub relay: Option<String>,
    /// Marker (item 3), when non-empty.
    pub marker: Option<String>,
    /// Items after the marker (NIP-10's author pubkey, say), kept as written so a
    /// rebuilt tag loses nothing.
    pub extra: Vec<String>,
}

impl EventPointer {
    /// A reference with no relay or marker.
    pub const fn new(id: EventId) -> Self {
        Self {
            id,
            relay: None,
            marker: None,
            extra: Vec::new(),
        }
    }

    /// Reads a tag whose value is an event id (`e`, `goal`, `pinned`, ...).
    pub fn from_tag(tag: TagRef<'_>) -> Option<Self> {
        let id = EventId::from_hex(tag.value()?).ok()?;
        Some(Self {
            id,
            relay: non_empty(tag.get(2)),
            marker: non_empty(tag.get(3)),
            extra: rest(tag, 4),
        })
    }

    /// The tag named `name`.
    pub fn to_tag(&self, name: &str) -> Tag {
        positional_tag(
            name,
            self.id.to_hex(),
            &[self.relay.as_deref(), self.marker.as_deref()],
            &self.extra,
        )
    }
}

/// The items of `tag` from index `from` on.
fn rest(tag: TagRef<'_>, from: usize) -> Vec<String> {
    tag.iter().skip(from).map(String::from).collect()
}

/// `[name, value, optional..., extra...]`: an absent optional item is written as `""`
/// when anything follows it and left out at the end, so positions never shift.
pub(crate) fn positional_tag(
    name: &str,
    value: String,
    optional: &[Option<&str>],
    extra: &[String],
) -> Tag {
    let keep = if extra.is_empty() {
        optional
            .iter()
            .rposition(Option::is_some)
            .map_or(0, |i| i + 1)
    } else {
        optional.len()
    };
    let mut tag = Tag::new(name, [value]);
    for item in optional.iter().take(keep) {
        tag.push(item.unwrap_or(""));
    }
    for item in extra {
        tag.push(item);
    }
    tag
}

/// `Some(owned)` for a present, non-empty item.
pub(crate) fn non_empty(s: Option<&str>) -> Option<String> {
    s.filter(|s| !s.is_empty()).map(String::from)
}

/// A plain decimal `u64`: digits only.
pub(crate) fn parse_u64(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 20 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A unix timestamp in seconds. Lenient: a fractional value such as
/// `"1741372602.490148"` (seen in NIP-75 goals) is truncated to whole seconds.
pub(crate) fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let whole = match s.split_once('.') {
        Some((whole, frac)) if !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()) => {
            whole
        }
        Some(_) => return None,
        None => s,
    };
    parse_u64(whole).map(Timestamp::from_secs)
}

pub(crate) fn check_kind(event: &Event, expected: Kind) -> Result<(), Error> {
    if event.kind == expected {
        Ok(())
    } else {
        Err(Error::WrongKind {
            expected,
            got: event.kind,
        })
    }
}

pub(crate) fn tag1(name: &str, value: impl Into<String>) -> Tag {
    Tag::new(name, [value.into()])
}

pub(crate) fn list_tag(name: &str, values: &[String]) -> Tag {
    Tag::new(name, values.iter().map(String::as_str))
}

/// Reports every leftover tag whose name the type reads as [`Problem::Malformed`].
pub(crate) fn report_leftovers(
    other_tags: &[Tag],
    known: &[&'static str],
    out: &mut Vec<Violation>,
) {
    for tag in other_tags {
        if let Some(name) = known.iter().find(|k| **k == tag.name()) {
            out.push(Violation::new(name, Problem::Malformed));
        }
    }
}

/// Sets a single-valued field once; a repeat (or an unreadable value) goes to `other`.
pub(crate) fn set_once<T>(
    slot: &mut Option<T>,
    value: Option<T>,
    tag: TagRef<'_>,
    other: &mut Vec<Tag>,
) {
    match (slot.is_none(), value) {
        (true, Some(v)) => *slot = Some(v),
        _ => other.push(tag.to_tag()),
    }
}

/// Role and proof checks shared by events with participants.
pub(crate) fn report_participants(participants: &[Participant], out: &mut Vec<Violation>) {
    for p in participants {
        if p.role.is_none() {
            out.push(Violation::new("p", Problem::Missing));
        }
        if let Some(proof) = &p.proof {
            if nostr_core::Signature::from_hex(proof).is_err() {
                out.push(Violation::new("p", Problem::Malformed));
            }
        }
    }
}

/// The three signing entry points every event type in this crate shares, written once:
/// `to_event_builder` (this type's `KIND`, `content` and `to_tags()`), `sign_at` and
/// `sign_at_with_aux`. Inherent methods, so callers need no trait import.
macro_rules! signing_methods {
    () => {
        /// An [`EventBuilder`] with this type's kind, content and tags.
        pub fn to_event_builder(&self) -> EventBuilder {
            EventBuilder::new(Self::KIND, self.content.clone()).tag_list(self.to_tags())
        }

        /// Signs at `created_at` with fresh auxiliary randomness.
        #[cfg(feature = "std")]
        pub fn sign_at(&self, keys: &Keys, created_at: Timestamp) -> Event {
            self.to_event_builder().sign_at(keys, created_at)
        }

        /// Signs at `created_at` with caller-chosen auxiliary randomness.
        pub fn sign_at_with_aux(
            &self,
            keys: &Keys,
            created_at: Timestamp,
            aux: &[u8; 32],
        ) -> Event {
            self.to_event_builder()
                .sign_at_with_aux(keys, created_at, aux)
        }
    };
}
pub(crate) use signing_methods;
