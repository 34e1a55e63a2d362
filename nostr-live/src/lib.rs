//! # nostr-live
//!
//! Live activities on Nostr without touching raw tags: NIP-53 live streams, chat,
//! meeting spaces (audio rooms), meetings and presence; NIP-5E streams and their
//! NIP-94 segments with HLS playlists; raids, clips and NIP-75 zap goals. No I/O:
//! events in, events out; time is always passed in.
//!
//! Every event type is a plain struct with public fields and:
//!
//! - a **strict builder**: `new(..)` with the tags the spec requires, `with_*`
//!   setters, `to_tags`, `to_event_builder`, `sign_at` / `sign_at_with_aux`;
//! - a **lenient parser**: `from_event` (and `TryFrom<&Event>`) reads the
//!   dialects real apps write (Nostr Nests, zap.stream, Corny Chat: lower-case
//!   roles, several `streaming` URLs, `content_warning`, Nests rooms and presence
//!   flags, extra `url` tags on segments) and fails only when the event is
//!   unusable (wrong kind, no `d`, no target). Unknown tags, repeats and malformed
//!   values are kept in `other_tags`, raw strings (roles, statuses, markers) are
//!   kept as written;
//! - `validate()`, which lists the spec violations as [`Violation`]s.
//!
//! A parsed value rebuilt writes the same tags: exactly, for events written by
//! this crate; up to tag order (known tags first, then `other_tags`) for others.
//!
//! | Kind | Type | Spec |
//! |------|------|------|
//! | 30311 | [`LiveEvent`] (+ proofs, host, effective status) | NIP-53 |
//! | 1311 | [`LiveChat`] | NIP-53 |
//! | 30312 | [`MeetingSpace`] (spec and Nests dialects) | NIP-53 |
//! | 30313 | [`MeetingRoom`] | NIP-53 |
//! | 10312 | [`RoomPresence`] (+ [`present_in_room`]) | NIP-53 |
//! | 1312 / 1313 | [`Raid`] / [`Clip`] | NIP-53 |
//! | 9041 | [`ZapGoal`] (+ [`split_amounts`]) | NIP-75, NIP-57 App. G |
//! | 1053 | [`Stream`] with [`Variant`]s | NIP-5E, NIP-92 |
//! | 1063 | [`Segment`] (+ [`playable_segments`], HLS) | NIP-5E, NIP-94, NIP-40 |
//!
//! Addressable activities ([`LiveEvent`], [`MeetingSpace`], [`MeetingRoom`]) give
//! their `a` coordinate with `coordinate(author)` and their NIP-19 `naddr` with
//! `to_naddr(author, relays)` (via `nostr-nip19`).
//!
//! NIP-98 HTTP auth, which Nests uses for its API, lives in `nostr_core::nip98`.
//!
//! ## Example: an audio room's lifecycle
//!
//! ```
//! use nostr_core::{Keys, Timestamp};
//! use nostr_live::*;
//!
//! let host = Keys::generate();
//! let guest = Keys::generate();
//! let t = |s: u64| Timestamp::from_secs(1_700_000_000 + s);
//!
//! // Create the room (Nests dialect) and name a speaker who signed a proof.
//! let mut room = MeetingSpace::new_nests("7b0c", "Morning coffee", Status::Live,
//!     "https://moq.example.com:4443", "https://auth.example.com");
//! let address = room.coordinate(&host.public_key());
//! room.participants.push(Participant::new(guest.public_key())
//!     .with_role(Role::new("speaker"))
//!     .with_proof(&create_proof(&guest, &address)));
//! let room_event = room.sign_at(&host, t(0));
//!
//! // Presence and chat from the guest.
//! let here = RoomPresence::new(address.clone()).with_hand(true).sign_at(&guest, t(10));
//! let hello = LiveChat::for_activity(address.clone(), None, "hi all").sign_at(&guest, t(12));
//!
//! // Anyone can read it back.
//! let read = MeetingSpace::from_event(&room_event)?;
//! assert!(read.can_speak(&room_event.pubkey, &guest.public_key()));
//! assert_eq!(read.verify_proofs(&room_event.pubkey)[0].status, ProofStatus::Verified);
//! assert_eq!(present_in_room([&here], &address, t(60), NESTS_PRESENCE_WINDOW_SECS).len(), 1);
//! assert!(chat_filter(&address).matches(&hello));
//!
//! // End the room: same identifier, status ended.
//! let mut ended = read.clone();
//! ended.status = Some(Status::Ended);
//! let ended_event = ended.sign_at(&host, t(3600));
//! assert_eq!(MeetingSpace::from_event(&ended_event)?.status, Some(Status::Ended));
//! # Ok::<(), Error>(())
//! ```
//!
//! ## Example: a NIP-5E stream as HLS
//!
//! ```
//! use nostr_core::{Keys, Timestamp};
//! use nostr_live::*;
//!
//! let me = Keys::generate();
//! let stream = Stream::new("Live from the lab")
//!     .with_variant(Variant::new("720p").with_dim(1280, 720).with_bitrate(3_000_000).with_mime("video/mp2t"));
//! let stream_event = stream.sign_at(&me, Timestamp::from_secs(1_000));
//! let source = StreamSource::of(&stream_event);
//! // What the relay returns for `segment_filter`: the producer's signed segments.
//! let events: Vec<_> = (0..3)
//!     .map(|i| Segment::new(stream_event.id, "720p", i, "2.000", format!("https://cdn.example.com/{i}.ts"))
//!         .with_expiration(Timestamp::from_secs(1_060 + i))
//!         .sign_at(&me, Timestamp::from_secs(1_001 + i)))
//!     .collect();
//! assert!(events.iter().all(|e| segment_filter(&source, 10).matches(e)));
//! let segments = events.iter().map(Segment::from_event).collect::<Result<Vec<_>, _>>()?;
//! let master = master_playlist(&Stream::from_event(&stream_event)?, |v| format!("{}.m3u8", v.id()));
//! assert!(master.contains("BANDWIDTH=3000000,RESOLUTION=1280x720"));
//! let media = media_playlist(&segments, &source, "720p", Timestamp::from_secs(1_061), false);
//! assert!(media.contains("#EXT-X-MEDIA-SEQUENCE:2"), "expired segments are left out");
//! # Ok::<(), Error>(())
//! ```
//!
//! ## Crate features
//!
//! - `std` (default): [`create_proof`] and `sign_at` with OS randomness (through
//!   `nostr-core/std`).
//! - `alloc`: heap types; always required today. Without `std`, sign with
//!   `sign_at_with_aux` and [`create_proof_with_aux`].
//!
//! ## Specifications
//!
//! NIP-53 (Live Activities), NIP-5E (Nostr Live Streams, draft), NIP-94, NIP-92,
//! NIP-40, NIP-75, NIP-57 Appendix G; field notes on Nostr Nests and zap.stream.

#![no_std]
#![forbid(unsafe_code)]
// Without `std` the docs still name the std-only entry points (OS randomness); they
// are text then, not links.
#![cfg_attr(not(feature = "std"), allow(rustdoc::broken_intra_doc_links))]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod chat;
mod common;
mod error;
mod extras;
mod filters;
mod hls;
mod live_event;
mod playback;
mod presence;
mod proof;
mod space;
mod stream;

pub use chat::{ChatTarget, LiveChat, Quote};
pub use common::{AddressRef, ContentWarning, EventPointer, KnownRole, Participant, Role, Status};
pub use error::{Error, Problem, Violation};
pub use extras::{Clip, Raid, ZapGoal, ZapSplit, split_amounts};
pub use filters::{
    address_filter, chat_filter, naddr, presence_filter, segment_filter, stream_chat_filter,
};
pub use hls::{master_playlist, media_playlist};
pub use live_event::{LiveEvent, STALE_AFTER_SECS};
pub use playback::{StreamSource, playable_segments};
pub use presence::{NESTS_PRESENCE_WINDOW_SECS, Present, RoomPresence, present_in_room};
#[cfg(feature = "std")]
pub use proof::create_proof;
pub use proof::{
    ProofCheck, ProofFailure, ProofStatus, create_proof_with_aux, proof_message, verify_proof,
    verify_proofs,
};
pub use space::{MeetingRoom, MeetingSpace, SpaceDialect, set_participant_role};
pub use stream::{Segment, Stream, Variant, end_stream};
