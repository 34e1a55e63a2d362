//! Kinds around live events: 1312 raid, 1313 clip (NIP-53) and 9041 zap goal
//! (NIP-75) with NIP-57 zap splits.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use nostr_core::{
    Coordinate, Event, EventBuilder, Keys, Kind, PublicKey, Tag, TagRef, Tags, Timestamp,
};

use crate::chat::ChatTarget;
use crate::common::{
    AddressRef, EventPointer, Participant, check_kind, list_tag, non_empty, parse_timestamp,
    parse_u64, report_leftovers, set_once, signing_methods, tag1,
};
use crate::error::{Error, Problem, Violation};

/// A kind 1312 raid: send the audience of one live activity to another.
///
/// zap.stream marks the source `root` and the target `mention`; the draft text
/// used `from` and `to`. Both read; the markers are kept as written, and the
/// builder writes `root` / `mention`.
///
/// # Example
/// ```
/// use nostr_core::{Coordinate, Keys, Kind, Timestamp};
/// use nostr_live::Raid;
/// let me = Keys::generate();
/// let friend = Keys::generate();
/// let from = Coordinate::new(Kind::LIVE_EVENT, me.public_key(), "my-show");
/// let to = Coordinate::new(Kind::LIVE_EVENT, friend.public_key(), "their-show");
/// let event = Raid::new(from.clone(), to.clone(), "Raiding!").sign_at(&me, Timestamp::from_secs(1));
/// let read = Raid::from_event(&event)?;
/// assert_eq!(read.to.coordinate, to);
/// assert_eq!(read.from.map(|a| a.coordinate), Some(from));
/// # Ok::<(), nostr_live::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Raid {
    /// The activity the audience leaves (`root` / `from`).
    pub from: Option<AddressRef>,
    /// The activity the audience is sent to (`mention` / `to`).
    pub to: AddressRef,
    /// The raid message.
    pub content: String,
    /// Every other tag, in order.
    pub other_tags: Vec<Tag>,
}

impl Raid {
    /// The kind this type reads and writes.
    pub const KIND: Kind = Kind::LIVE_RAID;

    /// A raid from one activity to another, markers `root` and `mention`.
    pub fn new(from: Coordinate, to: Coordinate, content: impl Into<String>) -> Self {
        let mut f = AddressRef::new(from);
        f.marker = Some("root".into());
        let mut t = AddressRef::new(to);
        t.marker = Some("mention".into());
        Self {
            from: Some(f),
            to: t,
            content: content.into(),
            other_tags: Vec::new(),
        }
    }

    /// Reads a signed event, leniently.
    ///
    /// # Errors
    /// [`Error::WrongKind`]; [`Error::MissingTag`] (`"a"`) without a target
    /// (`mention` or `to`).
    pub fn from_event(event: &Event) -> Result<Self, Error> {
        check_kind(event, Self::KIND)?;
        let mut from = None;
        let mut to = None;
        let mut o = Vec::new();
        for tag in &event.tags {
            match (tag.name(), tag.get(3)) {
                ("a", Some("root" | "from")) => {
                    set_once(&mut from, AddressRef::from_tag(tag), tag, &mut o);
                }
                ("a", Some("mention" | "to")) => {
                    set_once(&mut to, AddressRef::from_tag(tag), tag, &mut o);
                }
                _ => o.push(tag.to_tag()),
            }
        }
        Ok(Self {
            from,
            to: to.ok_or(Error::MissingTag("a"))?,
            content: event.content.clone(),
            other_tags: o,
        })
    }

    /// The tags: source, target, then `other_tags`.
    pub fn to_tags(&self) -> Tags {
        let mut t = Vec::with_capacity(2 + self.other_tags.len());
        t.extend(self.from.as_ref().map(AddressRef::to_tag));
        t.push(self.to.to_tag());
        t.extend(self.other_tags.iter().cloned());
        Tags::from(t)
    }

    signing_methods!();

    /// Lists what is off-spec: no source, `from`/`to` markers, unreadable `a` tags.
    pub fn validate(&self) -> Vec<Violation> {
        let mut v = Vec::new();
        match &self.from {
            None => v.push(Violation::new("a", Problem::Missing)),
            Some(f) if f.marker.as_deref() != Some("root") => v.push(Violation::new(
                "a",
                Problem::NonStandard(f.marker.clone().unwrap_or_default()),
            )),
            Some(_) => {}
        }
        if self.to.marker.as_deref() != Some("mention") {
            v.push(Violation::new(
                "a",
                Problem::NonStandard(self.to.marker.clone().unwrap_or_default()),
            ));
        }
        report_leftovers(&self.other_tags, &["a"], &mut v);
        v
    }
}

/// A kind 1313 clip of a live activity: `a` (or `e` for a NIP-5E stream), `p` the
/// host, `r` the clip URL, `title`.
///
/// # Example
/// ```
/// use nostr_core::{Coordinate, Keys, Kind, Timestamp};
/// use nostr_live::Clip;
/// let me = Keys::generate();
/// let show = Coordinate::new(Kind::LIVE_EVENT, me.public_key(), "show");
/// let clip = Clip::new(show, me.public_key(), "https://cdn.example.com/clip.mp4", "Best bit");
/// let read = Clip::from_event(&clip.sign_at(&me, Timestamp::from_secs(1)))?;
/// assert_eq!(read, clip);
/// # Ok::<(), nostr_live::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clip {
    /// The clipped activity (`a`) or stream (`e`).
    pub target: ChatTarget,
    /// `p`: the host of the clipped activity.
    pub host: Option<Participant>,
    /// `r`: the clip URL.
    pub url: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// The event content.
    pub content: String,
    /// Every other tag, in order.
    pub other_tags: Vec<Tag>,
}

impl Clip {
    /// The kind this type reads and writes.
    pub const KIND: Kind = Kind::LIVE_CLIP;

    /// A clip of an activity.
    pub fn new(
        activity: Coordinate,
        host: PublicKey,
        url: impl Into<String>,
        title: impl Into<String>,
    ) -> Self {
        Self {
            target: ChatTarget::Activity(AddressRef::new(activity)),
            host: Some(Participant::new(host)),
            url: Some(url.into()),
            title: Some(title.into()),
            content: String::new(),
            other_tags: Vec::new(),
        }
    }

    /// Reads a signed event, leniently.
    ///
    /// # Errors
    /// [`Error::WrongKind`]; [`Error::MissingTag`] (`"a"`) without a readable `a`
    /// or `e`.
    pub fn from_event(event: &Event) -> Result<Self, Error> {
        check_kind(event, Self::KIND)?;
        let mut target = None;
        let mut host = None;
        let mut url = None;
        let mut title = None;
        let mut o = Vec::new();
        for tag in &event.tags {
            let s = tag.value().map(String::from);
            match tag.name() {
                "a" => set_once(
                    &mut target,
                    AddressRef::from_tag(tag).map(ChatTarget::Activity),
                    tag,
                    &mut o,
                ),
                "e" => set_once(
                    &mut target,
                    EventPointer::from_tag(tag).map(ChatTarget::Stream),
                    tag,
                    &mut o,
                ),
                "p" => set_once(&mut host, Participant::from_tag(tag), tag, &mut o),
                "r" => set_once(&mut url, s, tag, &mut o),
                "title" => set_once(&mut title, s, tag, &mut o),
                _ => o.push(tag.to_tag()),
            }
        }
        Ok(Self {
            target: target.ok_or(Error::MissingTag("a"))?,
            host,
            url,
            title,
            content: event.content.clone(),
            other_tags: o,
        })
    }

    /// The tags: target, `p`, `r`, `title`, then `other_tags`.
    pub fn to_tags(&self) -> Tags {
        let mut t = Vec::with_capacity(4 + self.other_tags.len());
        t.push(match &self.target {
            ChatTarget::Activity(a) => a.to_tag(),
            ChatTarget::Stream(e) => e.to_tag("e"),
        });
        t.extend(self.host.as_ref().map(Participant::to_tag));
        t.extend(self.url.as_deref().map(|v| tag1("r", v)));
        t.extend(self.title.as_deref().map(|v| tag1("title", v)));
        t.extend(self.other_tags.iter().cloned());
        Tags::from(t)
    }

    signing_methods!();

    /// Lists what is missing (`p`, `r`, `title`) or unreadable.
    pub fn validate(&self) -> Vec<Violation> {
        let mut v = Vec::new();
        if self.host.is_none() {
            v.push(Violation::new("p", Problem::Missing));
        }
        if self.url.is_none() {
            v.push(Violation::new("r", Problem::Missing));
        }
        if self.title.is_none() {
            v.push(Violation::new("title", Problem::Missing));
        }
        report_leftovers(&self.other_tags, &["a", "e", "p", "r", "title"], &mut v);
        v
    }
}

/// A NIP-57 Appendix G zap split: `["zap", <pubkey>, <relay>, <weight>]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ZapSplit {
    /// The beneficiary.
    pub pubkey: PublicKey,
    /// Relay hint.
    pub relay: Option<String>,
    /// Relative weight (a non-negative integer).
    pub weight: Option<u64>,
}

impl ZapSplit {
    fn from_tag(tag: TagRef<'_>) -> Option<Self> {
        let pubkey = PublicKey::from_hex(tag.value()?).ok()?;
        let weight = match tag.get(3) {
            None | Some("") => None,
            Some(w) => Some(parse_u64(w)?),
        };
        Some(Self {
            pubkey,
            relay: non_empty(tag.get(2)),
            weight,
        })
    }

    fn to_tag(&self) -> Tag {
        let mut items = alloc::vec![String::from("zap"), self.pubkey.to_hex()];
        match (&self.relay, self.weight) {
            (r, Some(w)) => items.extend([r.clone().unwrap_or_default(), w.to_string()]),
            (Some(r), None) => items.push(r.clone()),
            (None, None) => {}
        }
        Tag::from_vec(items).unwrap_or_else(|_| Tag::new("zap", [self.pubkey.to_hex()]))
    }
}

/// Splits `total_msats` between `splits` by weight, exactly: the parts sum to the
/// total (largest-remainder rounding, ties to the earlier split), no msat lost.
///
/// NIP-57 Appendix G: when no split has a weight, all weigh the same; a split
/// without a weight among weighted ones gets nothing. Returns an empty list when
/// there are no splits or every weight is zero.
///
/// # Example
/// ```
/// use nostr_live::{ZapSplit, split_amounts};
/// use nostr_core::Keys;
/// let s = |w| ZapSplit { pubkey: Keys::generate().public_key(), relay: None, weight: Some(w) };
/// let parts = split_amounts(&[s(1), s(1), s(1)], 1000);
/// assert_eq!(parts.iter().map(|p| p.1).collect::<Vec<_>>(), [334, 333, 333]);
/// ```
pub fn split_amounts(splits: &[ZapSplit], total_msats: u64) -> Vec<(PublicKey, u64)> {
    let any_weight = splits.iter().any(|s| s.weight.is_some());
    let weights: Vec<u128> = splits
        .iter()
        .map(|s| match (any_weight, s.weight) {
            (false, _) => 1,
            (true, w) => u128::from(w.unwrap_or(0)),
        })
        .collect();
    let sum: u128 = weights.iter().sum();
    if sum == 0 {
        return Vec::new();
    }
    let total = u128::from(total_msats);
    let mut parts: Vec<(u128, u128)> = weights
        .iter()
        .map(|w| ((total * w) / sum, (total * w) % sum))
        .collect();
    let given: u128 = parts.iter().map(|p| p.0).sum();
    let mut left = total - given;
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|a, b| {
        let ra = parts.get(*a).map_or(0, |p| p.1);
        let rb = parts.get(*b).map_or(0, |p| p.1);
        rb.cmp(&ra).then(a.cmp(b))
    });
    for i in order {
        if left == 0 {
            break;
        }
        if let Some(p) = parts.get_mut(i) {
            if p.1 > 0 {
                p.0 += 1;
                left -= 1;
            }
        }
    }
    splits
        .iter()
        .zip(parts)
        // Each part is at most `total`, which came from a u64.
        .map(|(s, p)| (s.pubkey, u64::try_from(p.0).unwrap_or(u64::MAX)))
        .collect()
}

/// A kind 9041 zap goal (NIP-75).
///
/// `closed_at` is read leniently: a fractional value such as
/// `"1741372602.490148"` (seen in the wild) is truncated to whole seconds, and a
/// rebuilt event writes whole seconds.
///
/// # Example
/// ```
/// use nostr_core::{Keys, Timestamp};
/// use nostr_live::ZapGoal;
/// let me = Keys::generate();
/// let goal = ZapGoal::new(21_000_000, vec!["wss://relay.example.com".into()], "New camera");
/// let event = goal.sign_at(&me, Timestamp::from_secs(1));
/// let read = ZapGoal::from_event(&event)?;
/// assert_eq!(read.amount_msats, 21_000_000);
/// assert!(read.validate().is_empty());
/// # Ok::<(), nostr_live::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZapGoal {
    /// `amount`: target in millisats.
    pub amount_msats: u64,
    /// `relays`: where zaps are sent and tallied.
    pub relays: Vec<String>,
    /// `closed_at`: zaps after this do not count.
    pub closed_at: Option<Timestamp>,
    /// `image`.
    pub image: Option<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `r`: a linked URL.
    pub url: Option<String>,
    /// `a`: a linked addressable event (a live stream).
    pub address: Option<AddressRef>,
    /// `zap`: beneficiaries (NIP-57 Appendix G).
    pub zap_splits: Vec<ZapSplit>,
    /// The description.
    pub content: String,
    /// Every other tag, in order.
    pub other_tags: Vec<Tag>,
}

impl ZapGoal {
    /// The kind this type reads and writes.
    pub const KIND: Kind = Kind::ZAP_GOAL;

    /// A goal with its required tags.
    pub fn new(amount_msats: u64, relays: Vec<String>, description: impl Into<String>) -> Self {
        Self {
            amount_msats,
            relays,
            closed_at: None,
            image: None,
            summary: None,
            url: None,
            address: None,
            zap_splits: Vec::new(),
            content: description.into(),
            other_tags: Vec::new(),
        }
    }

    /// Reads a signed event, leniently.
    ///
    /// # Errors
    /// [`Error::WrongKind`]; [`Error::MissingTag`] (`"amount"`) or
    /// [`Error::InvalidTag`] when there is no readable amount.
    pub fn from_event(event: &Event) -> Result<Self, Error> {
        check_kind(event, Self::KIND)?;
        let mut amount: Option<(usize, Option<u64>)> = None;
        let mut out = Self::new(0, Vec::new(), event.content.clone());
        let o = &mut out.other_tags;
        for (i, tag) in event.tags.iter().enumerate() {
            let v = tag.value();
            let s = v.map(String::from);
            match tag.name() {
                "amount" if amount.is_none() => amount = Some((i, v.and_then(parse_u64))),
                "relays" if out.relays.is_empty() && tag.len() > 1 => {
                    out.relays = tag.iter().skip(1).map(String::from).collect();
                }
                "closed_at" => set_once(&mut out.closed_at, v.and_then(parse_timestamp), tag, o),
                "image" => set_once(&mut out.image, s, tag, o),
                "summary" => set_once(&mut out.summary, s, tag, o),
                "r" => set_once(&mut out.url, s, tag, o),
                "a" => set_once(&mut out.address, AddressRef::from_tag(tag), tag, o),
                "zap" => match ZapSplit::from_tag(tag) {
                    Some(z) => out.zap_splits.push(z),
                    None => o.push(tag.to_tag()),
                },
                _ => o.push(tag.to_tag()),
            }
        }
        out.amount_msats = match amount {
            None => return Err(Error::MissingTag("amount")),
            Some((index, None)) => {
                return Err(Error::InvalidTag {
                    name: "amount",
                    index,
                    reason: "not a whole number of millisats",
                });
            }
            Some((_, Some(a))) => a,
        };
        Ok(out)
    }

    /// The tags: `relays`, `amount`, optional ones, `zap` splits, then `other_tags`.
    pub fn to_tags(&self) -> Tags {
        let mut t = Vec::with_capacity(8 + self.zap_splits.len() + self.other_tags.len());
        if !self.relays.is_empty() {
            t.push(list_tag("relays", &self.relays));
        }
        t.push(tag1("amount", self.amount_msats.to_string()));
        t.extend(
            self.closed_at
                .map(|v| tag1("closed_at", v.as_secs().to_string())),
        );
        t.extend(self.image.as_deref().map(|v| tag1("image", v)));
        t.extend(self.summary.as_deref().map(|v| tag1("summary", v)));
        t.extend(self.url.as_deref().map(|v| tag1("r", v)));
        t.extend(self.address.as_ref().map(AddressRef::to_tag));
        t.extend(self.zap_splits.iter().map(ZapSplit::to_tag));
        t.extend(self.other_tags.iter().cloned());
        Tags::from(t)
    }

    signing_methods!();

    /// Splits an amount between the goal's beneficiaries (see [`split_amounts`]).
    pub fn split(&self, total_msats: u64) -> Vec<(PublicKey, u64)> {
        split_amounts(&self.zap_splits, total_msats)
    }

    /// Whether a zap receipt published at `at` counts toward the goal
    /// (NIP-75: not after `closed_at`).
    pub fn counts_at(&self, at: Timestamp) -> bool {
        self.closed_at.is_none_or(|c| at <= c)
    }

    /// Lists NIP-75 violations: no `relays`, unreadable known tags.
    pub fn validate(&self) -> Vec<Violation> {
        let mut v = Vec::new();
        if self.relays.is_empty() {
            v.push(Violation::new("relays", Problem::Missing));
        }
        report_leftovers(
            &self.other_tags,
            &[
                "amount",
                "relays",
                "closed_at",
                "image",
                "summary",
                "r",
                "a",
                "zap",
            ],
            &mut v,
        );
        v
    }
}

impl TryFrom<&Event> for Raid {
    type Error = Error;
    fn try_from(event: &Event) -> Result<Self, Error> {
        Self::from_event(event)
    }
}

impl TryFrom<&Event> for Clip {
    type Error = Error;
    fn try_from(event: &Event) -> Result<Self, Error> {
        Self::from_event(event)
    }
}

impl TryFrom<&Event> for ZapGoal {
    type Error = Error;
    fn try_from(event: &Event) -> Result<Self, Error> {
        Self::from_event(event)
    }
}
