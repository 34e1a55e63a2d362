//! NIP-10 `e` tag markers and thread resolution for text notes.

use crate::tag::{EventRef, Tags};

/// The marker in item 3 of an `e` tag (NIP-10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Marker {
    /// The root of the thread.
    Root,
    /// The event this one replies to directly.
    Reply,
    /// A mention (deprecated by NIP-10 in favour of `q` tags, still seen).
    Mention,
    /// Any other marker value (kept so it round-trips as `Other` in typed code).
    Other,
}

impl Marker {
    /// Parses a marker; unknown words are [`Marker::Other`].
    pub fn parse(s: &str) -> Self {
        match s {
            "root" => Self::Root,
            "reply" => Self::Reply,
            "mention" => Self::Mention,
            _ => Self::Other,
        }
    }

    /// The word written in the tag (`""` for `Other`, whose text the tag keeps).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Root => "root",
            Self::Reply => "reply",
            Self::Mention => "mention",
            Self::Other => "",
        }
    }
}

/// The root and reply targets of a kind-1 note, per NIP-10.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Thread<'a> {
    /// The thread root.
    pub root: Option<EventRef<'a>>,
    /// The direct parent.
    pub reply: Option<EventRef<'a>>,
}

impl<'a> Thread<'a> {
    /// Resolves root and reply from `e` tags.
    ///
    /// Marked tags win. Without markers, the deprecated positional scheme applies:
    /// one `e` is both root and reply; with several, the first is the root and the
    /// last the reply. A reply with only a `root` marker replies to the root.
    ///
    /// # Example
    /// ```
    /// use nostr_core::{EventId, Marker, Tag, Tags, nip10::Thread};
    /// let root = EventId::from_bytes([1; 32]);
    /// let parent = EventId::from_bytes([2; 32]);
    /// let tags = Tags::from(vec![
    ///     Tag::event(root, None, Some(Marker::Root), None),
    ///     Tag::event(parent, None, Some(Marker::Reply), None),
    /// ]);
    /// let thread = Thread::from_tags(&tags);
    /// assert_eq!(thread.root.unwrap().id, root);
    /// assert_eq!(thread.reply.unwrap().id, parent);
    /// ```
    pub fn from_tags(tags: &'a Tags) -> Self {
        let refs = || tags.event_refs();
        let marked = |m: Marker| refs().find(|r| r.marker == Some(m));
        let root = marked(Marker::Root);
        let reply = marked(Marker::Reply);
        if root.is_some() || reply.is_some() {
            let reply = reply.or_else(|| root.clone());
            return Self { root, reply };
        }
        let positional: alloc::vec::Vec<_> = refs().filter(|r| r.marker.is_none()).collect();
        Self {
            root: positional.first().cloned(),
            reply: positional.last().cloned(),
        }
    }
}
