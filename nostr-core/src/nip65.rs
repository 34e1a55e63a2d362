//! NIP-65 relay list metadata (kind 10002): a user's read and write relays.
//!
//! Each `r` tag names a relay, with an optional `read` or `write` marker; without a
//! marker the relay is both. Reading is lenient: `r` tags whose URL is not a
//! `ws`/`wss` URL are skipped, URLs are normalised ([`RelayUrl`]), a relay listed
//! twice is merged (a `read` and a `write` entry make it both), and an unknown marker
//! counts as no marker (both), since the author did list the relay.
//!
//! # Example
//! ```
//! use nostr_core::nip65::{RelayList, Usage};
//! use nostr_core::{Keys, RelayUrl, Timestamp};
//! let keys = Keys::generate();
//! let mut list = RelayList::default();
//! list.push(RelayUrl::parse("wss://alice.example.com")?, Usage::Both);
//! list.push(RelayUrl::parse("wss://inbox.example.com")?, Usage::Read);
//! let event = list.to_builder().sign_at(&keys, Timestamp::from_secs(1_700_000_000));
//! assert_eq!(event.tags.get(1).unwrap(), ["r", "wss://inbox.example.com/", "read"]);
//!
//! let back = RelayList::from_event(&event)?;
//! assert_eq!(back, list);
//! assert_eq!(back.write_relays().count(), 1);
//! assert_eq!(back.read_relays().count(), 2);
//! # Ok::<(), nostr_core::Error>(())
//! ```

use alloc::vec::Vec;

use crate::error::Error;
use crate::event::{Event, EventBuilder};
use crate::kind::Kind;
use crate::relay_url::RelayUrl;
use crate::tag::Tag;

/// What the user uses a relay for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Usage {
    /// `read`: where the user reads mentions (send events that tag them here).
    Read,
    /// `write`: where the user publishes (fetch their events from here).
    Write,
    /// No marker: both.
    Both,
}

impl Usage {
    /// Whether the relay is a read relay.
    pub fn reads(self) -> bool {
        matches!(self, Self::Read | Self::Both)
    }

    /// Whether the relay is a write relay.
    pub fn writes(self) -> bool {
        matches!(self, Self::Write | Self::Both)
    }

    /// The marker written in the tag (`None` for both).
    pub fn marker(self) -> Option<&'static str> {
        match self {
            Self::Read => Some("read"),
            Self::Write => Some("write"),
            Self::Both => None,
        }
    }

    fn merge(self, other: Self) -> Self {
        if self == other { self } else { Self::Both }
    }
}

/// One relay of the list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RelayListEntry {
    /// The relay.
    pub url: RelayUrl,
    /// What it is for.
    pub usage: Usage,
}

/// A kind 10002 relay list, in tag order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RelayList {
    /// The relays, each once.
    pub relays: Vec<RelayListEntry>,
}

impl RelayList {
    /// Reads a kind 10002 event (leniently, see the [module docs](self)). Does not
    /// verify the signature.
    ///
    /// # Errors
    /// [`Error::WrongKind`] when the event is not kind 10002.
    pub fn from_event(event: &Event) -> Result<Self, Error> {
        if event.kind != Kind::RELAY_LIST {
            return Err(Error::WrongKind {
                expected: Kind::RELAY_LIST,
                got: event.kind,
            });
        }
        let mut list = Self::default();
        for tag in event.tags.filter("r") {
            let Some(url) = tag.value().and_then(|v| RelayUrl::parse(v).ok()) else {
                continue;
            };
            let usage = match tag.get(2) {
                Some("read") => Usage::Read,
                Some("write") => Usage::Write,
                _ => Usage::Both,
            };
            list.push(url, usage);
        }
        Ok(list)
    }

    /// Adds a relay, or widens its usage when it is already listed.
    pub fn push(&mut self, url: RelayUrl, usage: Usage) {
        match self.relays.iter_mut().find(|e| e.url == url) {
            Some(entry) => entry.usage = entry.usage.merge(usage),
            None => self.relays.push(RelayListEntry { url, usage }),
        }
    }

    /// The relays the user reads mentions from.
    pub fn read_relays(&self) -> impl Iterator<Item = &RelayUrl> {
        self.relays
            .iter()
            .filter(|e| e.usage.reads())
            .map(|e| &e.url)
    }

    /// The relays the user writes to.
    pub fn write_relays(&self) -> impl Iterator<Item = &RelayUrl> {
        self.relays
            .iter()
            .filter(|e| e.usage.writes())
            .map(|e| &e.url)
    }

    /// The `r` tags, in order.
    pub fn tags(&self) -> impl Iterator<Item = Tag> + '_ {
        self.relays.iter().map(|e| {
            let mut items = alloc::vec![e.url.as_str()];
            items.extend(e.usage.marker());
            Tag::new("r", items)
        })
    }

    /// A kind 10002 event builder with empty content.
    pub fn to_builder(&self) -> EventBuilder {
        EventBuilder::new(Kind::RELAY_LIST, "").tags(self.tags())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Keys, Timestamp};

    #[test]
    fn spec_example_and_leniency() {
        let keys =
            Keys::from_hex("0000000000000000000000000000000000000000000000000000000000000005")
                .unwrap();
        let event = EventBuilder::new(Kind::RELAY_LIST, "")
            .tag(Tag::new("r", ["wss://alicerelay.example.com"]))
            .tag(Tag::new("r", ["wss://brando-relay.com"]))
            .tag(Tag::new(
                "r",
                ["wss://expensive-relay.example2.com", "write"],
            ))
            .tag(Tag::new("r", ["wss://nostr-relay.example.com", "read"]))
            .tag(Tag::new("r", ["not a url", "read"]))
            .tag(Tag::new("r", ["wss://Nostr-Relay.example.com/", "write"]))
            .tag(Tag::new("r", ["wss://odd.example.com", "sometimes"]))
            .tag(Tag::new("r", Vec::<&str>::new()))
            .sign_at_with_aux(&keys, Timestamp::from_secs(1), &[0; 32]);
        let list = RelayList::from_event(&event).unwrap();
        assert_eq!(list.relays.len(), 5);
        assert_eq!(list.relays[3].usage, Usage::Both, "read + write merged");
        assert_eq!(list.relays[4].usage, Usage::Both, "unknown marker");
        assert_eq!(list.write_relays().count(), 5);
        assert_eq!(list.read_relays().count(), 4);
        let rebuilt = RelayList::from_event(&list.to_builder().sign_at_with_aux(
            &keys,
            Timestamp::from_secs(2),
            &[0; 32],
        ))
        .unwrap();
        assert_eq!(rebuilt, list);
        let note = EventBuilder::new(Kind::TEXT_NOTE, "").sign_at_with_aux(
            &keys,
            Timestamp::from_secs(1),
            &[0; 32],
        );
        assert!(matches!(
            RelayList::from_event(&note),
            Err(Error::WrongKind { .. })
        ));
    }
}
