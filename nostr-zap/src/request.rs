//! Zap requests (kind 9734): building them (NIP-57 Appendix A) and validating them as
//! an LNURL server receives them (Appendix D).

use alloc::string::String;
use alloc::vec::Vec;

use nostr_core::{
    Coordinate, Event, EventBuilder, EventId, Keys, Kind, PublicKey, Tag, TagRef, Timestamp,
    UnsignedEvent,
};

use crate::error::{Error, RequestError};

/// Builds a zap request (kind 9734, NIP-57 Appendix A).
///
/// Tags are written in this order: `relays`, `amount`, `lnurl`, `p`, `e`, `a`, `k`,
/// then any extra tags. Zapping an addressable event ([`ZapRequestBuilder::address`])
/// also writes `k` with the coordinate's kind unless [`ZapRequestBuilder::target_kind`]
/// set one.
///
/// # Example
/// ```
/// use nostr_core::{Keys, Timestamp};
/// use nostr_zap::{ZapRequest, ZapRequestBuilder};
///
/// let sender = Keys::generate();
/// let recipient = Keys::generate().public_key();
/// let request = ZapRequestBuilder::new(recipient, ["wss://relay.example.com"])
///     .amount_msat(21_000)
///     .comment("great stream!")
///     .sign(&sender, Timestamp::from_secs(1_700_000_000));
/// let json = request.to_json();
///
/// // What the LNURL server does with the `nostr` query parameter (Appendix D):
/// let checked = ZapRequest::from_json(&json, 21_000)?;
/// assert_eq!(checked.recipient, recipient);
/// assert_eq!(checked.comment(), "great stream!");
/// # Ok::<(), nostr_zap::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZapRequestBuilder {
    recipient: PublicKey,
    relays: Vec<String>,
    amount_msat: Option<u64>,
    lnurl: Option<String>,
    comment: String,
    event: Option<EventId>,
    coordinate: Option<Coordinate>,
    target_kind: Option<Kind>,
    extra: Vec<Tag>,
}

impl ZapRequestBuilder {
    /// A zap of `recipient`'s profile; the receipt goes to `relays`.
    pub fn new<I, S>(recipient: PublicKey, relays: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            recipient,
            relays: relays.into_iter().map(Into::into).collect(),
            amount_msat: None,
            lnurl: None,
            comment: String::new(),
            event: None,
            coordinate: None,
            target_kind: None,
            extra: Vec::new(),
        }
    }

    /// The recipient (`p`).
    pub fn recipient(&self) -> PublicKey {
        self.recipient
    }

    /// Sets the recipient (`p`).
    #[must_use]
    pub fn with_recipient(mut self, recipient: PublicKey) -> Self {
        self.recipient = recipient;
        self
    }

    /// The `amount` in millisatoshis (recommended).
    #[must_use]
    pub fn amount_msat(mut self, msat: u64) -> Self {
        self.amount_msat = Some(msat);
        self
    }

    /// The recipient's `lnurl` (bech32 `lnurl1...`, recommended).
    #[must_use]
    pub fn lnurl(mut self, lnurl: impl Into<String>) -> Self {
        self.lnurl = Some(lnurl.into());
        self
    }

    /// The zap comment (the event's content).
    #[must_use]
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = comment.into();
        self
    }

    /// Zaps an event (`e`). Add [`ZapRequestBuilder::target_kind`] for `k`.
    #[must_use]
    pub fn event(mut self, id: EventId) -> Self {
        self.event = Some(id);
        self
    }

    /// Zaps an addressable event such as a live stream (`a`, and `k` = its kind).
    #[must_use]
    pub fn address(mut self, coordinate: Coordinate) -> Self {
        self.coordinate = Some(coordinate);
        self
    }

    /// The kind of the zapped event (`k`).
    #[must_use]
    pub fn target_kind(mut self, kind: Kind) -> Self {
        self.target_kind = Some(kind);
        self
    }

    /// Adds another tag after the NIP-57 ones.
    #[must_use]
    pub fn tag(mut self, tag: Tag) -> Self {
        self.extra.push(tag);
        self
    }

    fn tags(&self, anonymous: bool) -> Vec<Tag> {
        let mut tags = Vec::with_capacity(8 + self.extra.len());
        tags.push(Tag::new("relays", self.relays.iter().cloned()));
        if let Some(msat) = self.amount_msat {
            tags.push(Tag::new("amount", [alloc::format!("{msat}")]));
        }
        if let Some(lnurl) = &self.lnurl {
            tags.push(Tag::new("lnurl", [lnurl.clone()]));
        }
        tags.push(Tag::public_key(self.recipient, None));
        if let Some(id) = self.event {
            tags.push(Tag::event(id, None, None, None));
        }
        if let Some(c) = &self.coordinate {
            tags.push(Tag::coordinate(c, None));
        }
        if let Some(k) = self
            .target_kind
            .or_else(|| self.coordinate.as_ref().map(|c| c.kind))
        {
            tags.push(Tag::new("k", [alloc::format!("{k}")]));
        }
        if anonymous {
            tags.push(Tag::new("anon", [""]));
        }
        tags.extend(self.extra.iter().cloned());
        tags
    }

    /// The unsigned request by `sender` at `created_at`.
    pub fn build(&self, sender: PublicKey, created_at: Timestamp) -> UnsignedEvent {
        EventBuilder::new(Kind::ZAP_REQUEST, self.comment.clone())
            .tags(self.tags(false))
            .build(sender, created_at)
    }

    /// Signs the request with the sender's keys.
    #[cfg(feature = "std")]
    pub fn sign(&self, sender: &Keys, created_at: Timestamp) -> Event {
        EventBuilder::new(Kind::ZAP_REQUEST, self.comment.clone())
            .tags(self.tags(false))
            .sign_at(sender, created_at)
    }

    /// Signs with caller-chosen BIP-340 auxiliary randomness (no_std).
    pub fn sign_with_aux(&self, sender: &Keys, created_at: Timestamp, aux: &[u8; 32]) -> Event {
        EventBuilder::new(Kind::ZAP_REQUEST, self.comment.clone())
            .tags(self.tags(false))
            .sign_at_with_aux(sender, created_at, aux)
    }

    /// An anonymous zap: signed by a fresh throwaway key from the OS RNG, with an
    /// `["anon", ""]` tag (as zap.stream and other clients write it).
    #[cfg(feature = "std")]
    pub fn sign_anonymous(&self, created_at: Timestamp) -> Event {
        self.sign_anonymous_with(&mut nostr_core::OsRng, created_at)
    }

    /// An anonymous zap with a throwaway key (and signing randomness) from `rng`.
    pub fn sign_anonymous_with<R>(&self, rng: &mut R, created_at: Timestamp) -> Event
    where
        R: rand_core::RngCore + rand_core::CryptoRng,
    {
        let throwaway = Keys::generate_with(rng);
        let mut aux = [0u8; 32];
        rng.fill_bytes(&mut aux);
        EventBuilder::new(Kind::ZAP_REQUEST, self.comment.clone())
            .tags(self.tags(true))
            .sign_at_with_aux(&throwaway, created_at, &aux)
    }
}

/// A zap request that passed NIP-57 Appendix D validation, with its fields typed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ZapRequest {
    /// The signed request event.
    pub event: Event,
    /// `p`: who is being zapped.
    pub recipient: PublicKey,
    /// `e`: the zapped event, if any.
    pub event_id: Option<EventId>,
    /// `a`: the zapped addressable event, if any.
    pub coordinate: Option<Coordinate>,
    /// `k`: the kind of the zapped event, if given.
    pub target_kind: Option<Kind>,
    /// `amount` in millisatoshis, if given.
    pub amount_msat: Option<u64>,
    /// `relays`: where the receipt goes.
    pub relays: Vec<String>,
    /// `lnurl`, if given.
    pub lnurl: Option<String>,
    /// `P`, if given.
    pub sender_tag: Option<PublicKey>,
    /// Whether the request has an `anon` tag (the author is then a throwaway key).
    pub anonymous: bool,
}

impl ZapRequest {
    /// Server-side validation of the `nostr` query parameter (already URI-decoded)
    /// against the `amount` query parameter: NIP-57 Appendix D, rules 1-8.
    ///
    /// Rule 8's "equal to the zap receipt's pubkey" needs the receipt signer: use
    /// [`ZapRequest::from_json_for_signer`] to check it too.
    ///
    /// # Errors
    /// [`Error::Request`] naming the violated rule (see [`ZapRequest::from_event`]).
    pub fn from_json(json: &str, query_amount_msat: u64) -> Result<Self, Error> {
        let event = Event::from_json(json).map_err(RequestError::Json)?;
        Self::from_event(event, Some(query_amount_msat))
    }

    /// [`ZapRequest::from_json`], and rule 8 in full: a `P` tag, when present, must be
    /// `receipt_signer` (the server's `nostrPubkey`).
    ///
    /// # Errors
    /// As [`ZapRequest::from_json`], plus [`RequestError::SenderMismatch`].
    pub fn from_json_for_signer(
        json: &str,
        query_amount_msat: u64,
        receipt_signer: &PublicKey,
    ) -> Result<Self, Error> {
        let request = Self::from_json(json, query_amount_msat)?;
        match request.sender_tag {
            Some(p) if p != *receipt_signer => Err(RequestError::SenderMismatch {
                found: p,
                expected: *receipt_signer,
            }
            .into()),
            _ => Ok(request),
        }
    }

    /// Validates a parsed request event. `query_amount_msat` is the callback's
    /// `amount`; `None` skips rule 6's comparison (a receipt's embedded request).
    ///
    /// Checks, in order: kind 9734; rule 1, id and signature; rule 2, tags present;
    /// rule 3, exactly one `p` with a valid key; rule 4, at most one `e` with a valid
    /// id; rule 5, a `relays` tag with at least one relay; rule 6, `amount` numeric and
    /// equal to the query amount; rule 7, `a` a valid coordinate (and at most one:
    /// where the spec is silent a zap has one target); rule 8, at most one `P`, a
    /// valid key; and a `k`, when present, is a kind number.
    ///
    /// # Errors
    /// [`Error::Request`] with [`RequestError::WrongKind`],
    /// [`RequestError::InvalidSignature`], [`RequestError::NoTags`],
    /// [`RequestError::MissingRecipient`], [`RequestError::MultipleRecipients`],
    /// [`RequestError::InvalidRecipient`], [`RequestError::MultipleEvents`],
    /// [`RequestError::InvalidEvent`], [`RequestError::MissingRelays`],
    /// [`RequestError::InvalidAmount`], [`RequestError::AmountMismatch`],
    /// [`RequestError::InvalidCoordinate`], [`RequestError::MultipleCoordinates`],
    /// [`RequestError::MultipleSenders`], [`RequestError::InvalidSender`] or
    /// [`RequestError::InvalidKindTag`].
    pub fn from_event(event: Event, query_amount_msat: Option<u64>) -> Result<Self, Error> {
        Ok(Self::check(event, query_amount_msat)?)
    }

    fn check(event: Event, query_amount_msat: Option<u64>) -> Result<Self, RequestError> {
        if event.kind != Kind::ZAP_REQUEST {
            return Err(RequestError::WrongKind(event.kind));
        }
        event.verify().map_err(RequestError::InvalidSignature)?;
        let tags = &event.tags;
        if tags.is_empty() {
            return Err(RequestError::NoTags);
        }
        let recipient = match single(tags.filter("p")) {
            Count::None => return Err(RequestError::MissingRecipient),
            Count::Many(count) => return Err(RequestError::MultipleRecipients { count }),
            Count::One(t) => t
                .value()
                .and_then(|v| PublicKey::from_hex(v).ok())
                .ok_or(RequestError::InvalidRecipient)?,
        };
        let event_id = match single(tags.filter("e")) {
            Count::None => None,
            Count::Many(count) => return Err(RequestError::MultipleEvents { count }),
            Count::One(t) => Some(
                t.value()
                    .and_then(|v| EventId::from_hex(v).ok())
                    .ok_or(RequestError::InvalidEvent)?,
            ),
        };
        let relays: Vec<String> = tags
            .find("relays")
            .map(|t| t.iter().skip(1).map(String::from).collect())
            .unwrap_or_default();
        if relays.is_empty() {
            return Err(RequestError::MissingRelays);
        }
        let amount_msat = match tags.find("amount") {
            None => None,
            Some(t) => {
                let raw = t.value().unwrap_or_default();
                Some(parse_u64(raw).ok_or_else(|| RequestError::InvalidAmount(String::from(raw)))?)
            }
        };
        if let (Some(tag), Some(query)) = (amount_msat, query_amount_msat) {
            if tag != query {
                return Err(RequestError::AmountMismatch { tag, query });
            }
        }
        let coordinate = match single(tags.filter("a")) {
            Count::None => None,
            Count::Many(count) => return Err(RequestError::MultipleCoordinates { count }),
            Count::One(t) => Some(Coordinate::parse(t.value().unwrap_or_default()).map_err(
                |e| match e {
                    nostr_core::Error::InvalidCoordinate(c) => RequestError::InvalidCoordinate(c),
                    _ => RequestError::InvalidCoordinate(
                        nostr_core::CoordinateError::MissingSeparator,
                    ),
                },
            )?),
        };
        let sender_tag = match single(tags.filter("P")) {
            Count::None => None,
            Count::Many(count) => return Err(RequestError::MultipleSenders { count }),
            Count::One(t) => Some(
                t.value()
                    .and_then(|v| PublicKey::from_hex(v).ok())
                    .ok_or(RequestError::InvalidSender)?,
            ),
        };
        let target_kind = match tags.find("k") {
            None => None,
            Some(t) => {
                let raw = t.value().unwrap_or_default();
                Some(
                    parse_u64(raw)
                        .and_then(|k| u16::try_from(k).ok())
                        .map(Kind::new)
                        .ok_or_else(|| RequestError::InvalidKindTag(String::from(raw)))?,
                )
            }
        };
        let lnurl = tags.first_value("lnurl").map(String::from);
        let anonymous = tags.find("anon").is_some();
        Ok(Self {
            recipient,
            event_id,
            coordinate,
            target_kind,
            amount_msat,
            relays,
            lnurl,
            sender_tag,
            anonymous,
            event,
        })
    }

    /// Validation used for a receipt's embedded request (no query amount).
    pub(crate) fn check_embedded(event: Event) -> Result<Self, RequestError> {
        Self::check(event, None)
    }

    /// The zap comment (the request's content).
    pub fn comment(&self) -> &str {
        &self.event.content
    }

    /// The request's author: the sender, or a throwaway key when
    /// [`ZapRequest::anonymous`].
    pub fn sender(&self) -> PublicKey {
        self.event.pubkey
    }
}

enum Count<'a> {
    None,
    One(TagRef<'a>),
    Many(usize),
}

fn single<'a>(mut it: impl Iterator<Item = TagRef<'a>>) -> Count<'a> {
    match (it.next(), it.next()) {
        (None, _) => Count::None,
        (Some(t), None) => Count::One(t),
        (Some(_), Some(_)) => Count::Many(2 + it.count()),
    }
}

/// A plain decimal `u64`: digits only, no sign.
pub(crate) fn parse_u64(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}
