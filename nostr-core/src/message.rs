//! NIP-01 messages: [`ClientMessage`] (client to relay) and [`RelayMessage`]
//! (relay to client), the [`SubscriptionId`], and the machine-readable prefixes of
//! `OK` and `CLOSED` messages ([`Reason`], [`Prefix`]).

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::canonical::{self, Sink};
use crate::error::{Error, set_once};
use crate::event::Event;
use crate::event_id::EventId;
use crate::filter::Filter;
use crate::json::Reader;

/// A subscription id: a non-empty string of at most 64 characters (NIP-01).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SubscriptionId(String);

impl SubscriptionId {
    /// The longest id NIP-01 allows, in characters.
    pub const MAX_CHARS: usize = 64;

    /// Checks the length rule.
    ///
    /// # Errors
    /// [`Error::InvalidSubscriptionId`] when empty or longer than 64 characters.
    pub fn new(id: impl Into<String>) -> Result<Self, Error> {
        let id = id.into();
        let chars = id.chars().count();
        if chars == 0 || chars > Self::MAX_CHARS {
            return Err(Error::InvalidSubscriptionId);
        }
        Ok(Self(id))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SubscriptionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The standard machine-readable prefixes of `OK` and `CLOSED` messages
/// (NIP-01, plus `auth-required` from NIP-42 and `unsupported`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Prefix {
    /// `duplicate`: the relay already has the event.
    Duplicate,
    /// `pow`: not enough proof of work.
    Pow,
    /// `blocked`: the author or IP is blocked.
    Blocked,
    /// `rate-limited`: slow down.
    RateLimited,
    /// `invalid`: the event or request is malformed or fails verification.
    Invalid,
    /// `restricted`: not allowed for this user.
    Restricted,
    /// `mute`: accepted but not broadcast.
    Mute,
    /// `error`: anything else.
    Error,
    /// `auth-required`: authenticate first (NIP-42).
    AuthRequired,
    /// `unsupported`: the relay does not support this.
    Unsupported,
}

impl Prefix {
    const ALL: [Self; 10] = [
        Self::Duplicate,
        Self::Pow,
        Self::Blocked,
        Self::RateLimited,
        Self::Invalid,
        Self::Restricted,
        Self::Mute,
        Self::Error,
        Self::AuthRequired,
        Self::Unsupported,
    ];

    /// The word as written before the `:`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Duplicate => "duplicate",
            Self::Pow => "pow",
            Self::Blocked => "blocked",
            Self::RateLimited => "rate-limited",
            Self::Invalid => "invalid",
            Self::Restricted => "restricted",
            Self::Mute => "mute",
            Self::Error => "error",
            Self::AuthRequired => "auth-required",
            Self::Unsupported => "unsupported",
        }
    }

    /// Recognises a prefix word.
    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == word)
    }
}

/// The message string of an `OK` or `CLOSED`: `"<prefix>: <human text>"`, or empty.
///
/// The raw string is kept as received so it round-trips exactly; [`Reason::prefix`]
/// reads the machine-readable part.
///
/// # Example
/// ```
/// use nostr_core::{Prefix, Reason};
/// let r = Reason::new(Prefix::Pow, "difficulty 20 required");
/// assert_eq!(r.as_str(), "pow: difficulty 20 required");
/// assert_eq!(r.prefix(), Some(Prefix::Pow));
/// assert_eq!(r.text(), "difficulty 20 required");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Reason(String);

impl Reason {
    /// `"<prefix>: <text>"`.
    pub fn new(prefix: Prefix, text: &str) -> Self {
        let mut s = String::with_capacity(prefix.as_str().len() + 2 + text.len());
        s.push_str(prefix.as_str());
        s.push_str(": ");
        s.push_str(text);
        Self(s)
    }

    /// An arbitrary string, as received.
    pub fn raw(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    /// The whole string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The standard prefix, when the string starts with one followed by `:`.
    pub fn prefix(&self) -> Option<Prefix> {
        let (word, _) = self.0.split_once(':')?;
        Prefix::parse(word)
    }

    /// The human-readable part (after `prefix:` and spaces, or the whole string).
    pub fn text(&self) -> &str {
        match (self.prefix(), self.0.split_once(':')) {
            (Some(_), Some((_, rest))) => rest.trim_start(),
            _ => &self.0,
        }
    }
}

/// A message from a client to a relay.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientMessage {
    /// `["EVENT", <event>]`: publish.
    Event(Box<Event>),
    /// `["REQ", <sub>, <filter>...]`: subscribe (at least one filter).
    Req {
        /// Subscription id.
        subscription_id: SubscriptionId,
        /// Filters, OR-ed.
        filters: Vec<Filter>,
    },
    /// `["CLOSE", <sub>]`: unsubscribe.
    Close(SubscriptionId),
    /// `["AUTH", <event>]`: NIP-42 authentication.
    Auth(Box<Event>),
    /// `["COUNT", <sub>, <filter>...]`: NIP-45 count request.
    Count {
        /// Subscription id.
        subscription_id: SubscriptionId,
        /// Filters, OR-ed.
        filters: Vec<Filter>,
    },
}

/// The body of a relay's `COUNT` answer (NIP-45).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CountResult {
    /// The count.
    pub count: u64,
    /// `approximate`, when the relay sent it.
    pub approximate: Option<bool>,
    /// `hll` (hex HyperLogLog registers), when the relay sent it; parsing checks it is
    /// 512 hex characters (NIP-45). Keys NIP-45 does not define are skipped.
    pub hll: Option<String>,
}

/// A message from a relay to a client.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RelayMessage {
    /// `["EVENT", <sub>, <event>]`.
    Event {
        /// Subscription id.
        subscription_id: SubscriptionId,
        /// The event.
        event: Box<Event>,
    },
    /// `["OK", <id>, <accepted>, <reason>]`.
    Ok {
        /// The event this answers.
        event_id: EventId,
        /// Whether it was accepted.
        accepted: bool,
        /// The reason (may be empty when accepted).
        reason: Reason,
    },
    /// `["EOSE", <sub>]`: end of stored events.
    Eose(SubscriptionId),
    /// `["CLOSED", <sub>, <reason>]`.
    Closed {
        /// Subscription id.
        subscription_id: SubscriptionId,
        /// Why.
        reason: Reason,
    },
    /// `["NOTICE", <text>]`.
    Notice(String),
    /// `["AUTH", <challenge>]` (NIP-42).
    Auth {
        /// The challenge string.
        challenge: String,
    },
    /// `["COUNT", <sub>, {"count": n, ...}]` (NIP-45).
    Count {
        /// Subscription id.
        subscription_id: SubscriptionId,
        /// The result.
        result: CountResult,
    },
}

/// Reads `["TYPE", ...` and returns the type word; the reader is left after it.
fn message_type(reader: &mut Reader<'_>) -> Result<String, Error> {
    if reader.peek() != Some(b'[') {
        return Err(Error::InvalidMessage("a message must be a JSON array"));
    }
    reader.expect(b'[', "'['")?;
    if reader.peek() != Some(b'"') {
        return Err(Error::InvalidMessage(
            "the first element must be the message type string",
        ));
    }
    Ok(reader.string()?.decode().into_owned())
}

fn comma(reader: &mut Reader<'_>, what: &'static str) -> Result<(), Error> {
    if reader.peek() == Some(b']') {
        return Err(Error::InvalidMessage(what));
    }
    reader.expect(b',', "','")?;
    Ok(())
}

fn close(reader: &mut Reader<'_>) -> Result<(), Error> {
    if reader.peek() == Some(b',') {
        return Err(Error::InvalidMessage("too many elements"));
    }
    reader.expect(b']', "']'")?;
    reader.finish()?;
    Ok(())
}

fn sub_id(reader: &mut Reader<'_>) -> Result<SubscriptionId, Error> {
    comma(reader, "missing subscription id")?;
    SubscriptionId::new(
        reader
            .string_field("subscription_id")?
            .decode()
            .into_owned(),
    )
}

fn text(reader: &mut Reader<'_>, field: &'static str) -> Result<String, Error> {
    comma(reader, "missing message string")?;
    Ok(reader.string_field(field)?.decode().into_owned())
}

fn filters(reader: &mut Reader<'_>) -> Result<Vec<Filter>, Error> {
    let mut out = Vec::new();
    while reader.eat(b',') {
        out.push(Filter::parse(reader)?);
    }
    if out.is_empty() {
        return Err(Error::InvalidMessage(
            "REQ and COUNT need at least one filter",
        ));
    }
    Ok(out)
}

impl ClientMessage {
    /// Parses a client message.
    ///
    /// # Errors
    /// [`Error::InvalidMessage`] for an unknown type or wrong arity, or the error of
    /// the event, filter or subscription id inside.
    ///
    /// # Example
    /// ```
    /// use nostr_core::ClientMessage;
    /// let msg = ClientMessage::from_json(r#"["REQ","sub1",{"kinds":[1],"limit":10}]"#).unwrap();
    /// assert_eq!(msg.to_json(), r#"["REQ","sub1",{"kinds":[1],"limit":10}]"#);
    /// ```
    pub fn from_json(json: &str) -> Result<Self, Error> {
        let mut r = Reader::new(json);
        let msg = match message_type(&mut r)?.as_str() {
            "EVENT" => {
                comma(&mut r, "missing event")?;
                Self::Event(Box::new(Event::parse(&mut r)?))
            }
            "AUTH" => {
                comma(&mut r, "missing event")?;
                Self::Auth(Box::new(Event::parse(&mut r)?))
            }
            "REQ" => Self::Req {
                subscription_id: sub_id(&mut r)?,
                filters: filters(&mut r)?,
            },
            "COUNT" => Self::Count {
                subscription_id: sub_id(&mut r)?,
                filters: filters(&mut r)?,
            },
            "CLOSE" => Self::Close(sub_id(&mut r)?),
            _ => return Err(Error::InvalidMessage("unknown client message type")),
        };
        close(&mut r)?;
        Ok(msg)
    }

    /// Compact JSON.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256);
        match self {
            Self::Event(e) | Self::Auth(e) => {
                out.put(if matches!(self, Self::Event(_)) {
                    "[\"EVENT\","
                } else {
                    "[\"AUTH\","
                });
                e.write_json(&mut out);
            }
            Self::Req {
                subscription_id,
                filters,
            }
            | Self::Count {
                subscription_id,
                filters,
            } => {
                out.put(if matches!(self, Self::Req { .. }) {
                    "[\"REQ\","
                } else {
                    "[\"COUNT\","
                });
                canonical::put_string(&mut out, subscription_id.as_str());
                for f in filters {
                    out.put(",");
                    f.write_json(&mut out);
                }
            }
            Self::Close(id) => {
                out.put("[\"CLOSE\",");
                canonical::put_string(&mut out, id.as_str());
            }
        }
        out.put("]");
        out
    }
}

impl RelayMessage {
    /// Parses a relay message.
    ///
    /// # Errors
    /// [`Error::InvalidMessage`] for an unknown type or wrong arity, or the error of
    /// the part inside.
    ///
    /// # Example
    /// ```
    /// use nostr_core::{Prefix, RelayMessage};
    /// let json = r#"["OK","b1a649ebe8b435ec71d3784793f3bbf4b93e64e17568a741aecd4c7ddeafce30",false,"pow: difficulty 25>=24"]"#;
    /// let RelayMessage::Ok { accepted, reason, .. } = RelayMessage::from_json(json).unwrap() else { panic!() };
    /// assert!(!accepted);
    /// assert_eq!(reason.prefix(), Some(Prefix::Pow));
    /// ```
    pub fn from_json(json: &str) -> Result<Self, Error> {
        let mut r = Reader::new(json);
        let msg = match message_type(&mut r)?.as_str() {
            "EVENT" => {
                let subscription_id = sub_id(&mut r)?;
                comma(&mut r, "missing event")?;
                Self::Event {
                    subscription_id,
                    event: Box::new(Event::parse(&mut r)?),
                }
            }
            "OK" => {
                comma(&mut r, "missing event id")?;
                let event_id = EventId::from_hex(&r.string_field("event_id")?.decode())
                    .map_err(|e| e.in_field("event_id"))?;
                comma(&mut r, "missing accepted flag")?;
                let accepted = boolean(&mut r)?;
                Self::Ok {
                    event_id,
                    accepted,
                    reason: Reason(text(&mut r, "message")?),
                }
            }
            "EOSE" => Self::Eose(sub_id(&mut r)?),
            "CLOSED" => Self::Closed {
                subscription_id: sub_id(&mut r)?,
                reason: Reason(text(&mut r, "message")?),
            },
            "NOTICE" => Self::Notice(text(&mut r, "message")?),
            "AUTH" => Self::Auth {
                challenge: text(&mut r, "challenge")?,
            },
            "COUNT" => {
                let subscription_id = sub_id(&mut r)?;
                comma(&mut r, "missing count object")?;
                Self::Count {
                    subscription_id,
                    result: count_result(&mut r)?,
                }
            }
            _ => return Err(Error::InvalidMessage("unknown relay message type")),
        };
        close(&mut r)?;
        Ok(msg)
    }

    /// Compact JSON.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256);
        match self {
            Self::Event {
                subscription_id,
                event,
            } => {
                out.put("[\"EVENT\",");
                canonical::put_string(&mut out, subscription_id.as_str());
                out.put(",");
                event.write_json(&mut out);
            }
            Self::Ok {
                event_id,
                accepted,
                reason,
            } => {
                out.put("[\"OK\",");
                canonical::put_hex(&mut out, event_id.as_bytes());
                out.put(if *accepted { ",true," } else { ",false," });
                canonical::put_string(&mut out, reason.as_str());
            }
            Self::Eose(id) => {
                out.put("[\"EOSE\",");
                canonical::put_string(&mut out, id.as_str());
            }
            Self::Closed {
                subscription_id,
                reason,
            } => {
                out.put("[\"CLOSED\",");
                canonical::put_string(&mut out, subscription_id.as_str());
                out.put(",");
                canonical::put_string(&mut out, reason.as_str());
            }
            Self::Notice(text) => {
                out.put("[\"NOTICE\",");
                canonical::put_string(&mut out, text);
            }
            Self::Auth { challenge } => {
                out.put("[\"AUTH\",");
                canonical::put_string(&mut out, challenge);
            }
            Self::Count {
                subscription_id,
                result,
            } => {
                out.put("[\"COUNT\",");
                canonical::put_string(&mut out, subscription_id.as_str());
                out.put(",{\"count\":");
                canonical::put_u64(&mut out, result.count);
                if let Some(a) = result.approximate {
                    out.put(if a {
                        ",\"approximate\":true"
                    } else {
                        ",\"approximate\":false"
                    });
                }
                if let Some(h) = &result.hll {
                    out.put(",\"hll\":");
                    canonical::put_string(&mut out, h);
                }
                out.put("}");
            }
        }
        out.put("]");
        out
    }
}

fn boolean(r: &mut Reader<'_>) -> Result<bool, Error> {
    let raw = r.skip_value()?;
    match raw {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(Error::WrongType {
            field: "accepted",
            expected: "a boolean",
        }),
    }
}

/// NIP-45: `hll` is the 256 one-byte registers in hex, checked as [`Hll`] reads it
/// (the offset plays no part in the check).
///
/// [`Hll`]: crate::nip45::Hll
fn hll(r: &mut Reader<'_>) -> Result<String, Error> {
    let text = r.string_field("hll")?.decode();
    crate::nip45::Hll::from_hex(&text, 0)?;
    Ok(text.into_owned())
}

fn count_result(r: &mut Reader<'_>) -> Result<CountResult, Error> {
    if r.peek() != Some(b'{') {
        return Err(Error::WrongType {
            field: "count",
            expected: "an object",
        });
    }
    r.expect(b'{', "'{'")?;
    let mut count = None;
    let mut result = CountResult::default();
    if !r.eat(b'}') {
        loop {
            let key = r.string()?;
            r.expect(b':', "':'")?;
            match &*key.decode() {
                "count" => set_once(&mut count, "count", r.u64_field("count")?)?,
                "approximate" => set_once(&mut result.approximate, "approximate", boolean(r)?)?,
                "hll" => set_once(&mut result.hll, "hll", hll(r)?)?,
                _ => {
                    r.skip_value()?;
                }
            }
            if !r.next_item(b'}', "',' or '}'")? {
                break;
            }
        }
    }
    result.count = count.ok_or(Error::MissingField("count"))?;
    Ok(result)
}
