//! # nostr-live
//!
//! Nostr NIP-53 live activities and meeting spaces, NIP-5E live streams with NIP-94 segments.

#![no_std]
#![forbid(unsafe_code)]
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
mod presence;
mod proof;
mod space;
mod stream;

pub use chat::{ChatTarget, LiveChat, Quote};
pub use common::{AddressRef, ContentWarning, EventPointer, KnownRole, Participant, Role, Status};
pub use error::{Error, Problem, Violation};
pub use extras::{Clip, Raid, ZapGoal, ZapSplit, split_amounts};
pub use filters::{
    address_filter, chat_filter, presence_filter, segment_filter, stream_chat_filter,
};
pub use hls::{master_playlist, media_playlist};
pub use live_event::{LiveEvent, STALE_AFTER_SECS};
pub use presence::{NESTS_PRESENCE_WINDOW_SECS, Present, RoomPresence, present_in_room};
#[cfg(feature = "std")]
pub use proof::create_proof;
pub use proof::{
    ProofCheck, ProofFailure, ProofStatus, create_proof_with_aux, proof_message, verify_proof,
    verify_proofs,
};
pub use space::{MeetingRoom, MeetingSpace, SpaceDialect, set_participant_role};
pub use stream::{Segment, Stream, Variant, playable_segments};
