//! Subscription filters for live activities, chat, presence and stream segments,
//! and NIP-19 `naddr` links for addressable activities.

use nostr_core::{Coordinate, EventId, Filter, Kind, Timestamp};

use crate::error::Error;
use crate::playback::StreamSource;

/// Chat of an activity: `{"kinds":[1311],"#a":["<kind:pubkey:d>"]}`.
///
/// # Example
/// ```
/// use nostr_core::{Coordinate, Keys, Kind, Timestamp};
/// use nostr_live::{LiveChat, chat_filter};
/// let host = Keys::generate();
/// let room = Coordinate::new(Kind::LIVE_EVENT, host.public_key(), "show");
/// let msg = LiveChat::for_activity(room.clone(), None, "hi").sign_at(&host, Timestamp::from_secs(1));
/// assert!(chat_filter(&room).matches(&msg));
/// ```
pub fn chat_filter(activity: &Coordinate) -> Filter {
    Filter::new()
        .kind(Kind::LIVE_CHAT)
        .tag('a', alloc::string::ToString::to_string(activity))
}

/// Chat of a NIP-5E stream (no address): `{"kinds":[1311],"#e":["<stream id>"]}`.
pub fn stream_chat_filter(stream: &EventId) -> Filter {
    Filter::new()
        .kind(Kind::LIVE_CHAT)
        .tag('e', stream.to_hex())
}

/// New segments of a stream, as NIP-5E suggests, from its producer only:
/// `{"authors":["<producer>"],"kinds":[1063],"#e":["<stream id>"],"limit":<limit>}`
/// (the spec uses 10). NIP-5E's filter has no `authors`, so a relay would also return
/// segments anyone published naming the stream; asking for the producer's alone is
/// cheaper, and [`playable_segments`](crate::playable_segments) checks it again.
///
/// # Example
/// ```
/// use nostr_core::{EventId, PublicKey};
/// use nostr_live::StreamSource;
/// let source = StreamSource::new(EventId::from_bytes([0xab; 32]), PublicKey::from_bytes([0xcd; 32]));
/// let f = nostr_live::segment_filter(&source, 10);
/// assert_eq!(
///     f.to_json(),
///     format!("{{\"authors\":[\"{}\"],\"kinds\":[1063],\"#e\":[\"{}\"],\"limit\":10}}", "cd".repeat(32), "ab".repeat(32))
/// );
/// ```
pub fn segment_filter(source: &StreamSource, limit: u64) -> Filter {
    Filter::new()
        .author(source.producer)
        .kind(Kind::FILE_METADATA)
        .tag('e', source.id.to_hex())
        .limit(limit)
}

/// Presence in a room published since `now - window`:
/// `{"kinds":[10312],"#a":["<room>"],"since":<now - window>}`.
pub fn presence_filter(room: &Coordinate, now: Timestamp, window: u64) -> Filter {
    Filter::new()
        .kind(Kind::ROOM_PRESENCE)
        .tag('a', alloc::string::ToString::to_string(room))
        .since(now.saturating_sub(window))
}

/// One addressable activity by its address:
/// `{"kinds":[<kind>],"authors":[<pubkey>],"#d":["<d>"]}`.
pub fn address_filter(address: &Coordinate) -> Filter {
    Filter::new()
        .kind(address.kind)
        .author(address.pubkey)
        .tag('d', address.identifier.clone())
}

/// The NIP-19 `naddr` of an address with relay hints (NIP-53: activities "MUST be
/// linked to using the NIP-19 naddr code along with the `a` tag").
///
/// # Errors
/// [`Error::Nip19`] for an identifier or relay over 255 bytes.
///
/// # Example
/// ```
/// use nostr_core::Keys;
/// use nostr_live::LiveEvent;
/// let host = Keys::generate();
/// let live = LiveEvent::new("my-show");
/// let naddr = live.to_naddr(&host.public_key(), ["wss://relay.example.com"])?;
/// assert!(naddr.to_string().starts_with("naddr1"));
/// assert_eq!(naddr.coordinate(), &live.coordinate(&host.public_key()));
/// # Ok::<(), nostr_live::Error>(())
/// ```
pub fn naddr<I, S>(address: &Coordinate, relays: I) -> Result<nostr_nip19::Naddr, Error>
where
    I: IntoIterator<Item = S>,
    S: Into<alloc::string::String>,
{
    Ok(nostr_nip19::Naddr::new(address.clone(), relays)?)
}

macro_rules! naddr_method {
    ($ty:ty) => {
        impl $ty {
            /// The NIP-19 `naddr` of this activity for `author`, with relay hints.
            ///
            /// # Errors
            /// [`Error::Nip19`] for an identifier or relay over 255 bytes.
            pub fn to_naddr<I, S>(
                &self,
                author: &nostr_core::PublicKey,
                relays: I,
            ) -> Result<nostr_nip19::Naddr, Error>
            where
                I: IntoIterator<Item = S>,
                S: Into<alloc::string::String>,
            {
                naddr(&self.coordinate(author), relays)
            }
        }
    };
}

naddr_method!(crate::LiveEvent);
naddr_method!(crate::MeetingSpace);
naddr_method!(crate::MeetingRoom);
