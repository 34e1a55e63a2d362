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
mod live_event;
mod presence;
mod proof;
mod space;

pub use chat::{ChatTarget, LiveChat, Quote};
pub use common::{AddressRef, ContentWarning, EventPointer, KnownRole, Participant, Role, Status};
pub use presence::{NESTS_PRESENCE_WINDOW_SECS, Present, RoomPresence, present_in_room};
pub use space::{MeetingRoom, MeetingSpace, SpaceDialect, set_participant_role};
pub use extras::{Clip, Raid, ZapGoal, ZapSplit, split_amounts};
pub use error::{Error, Problem, Violation};
pub use live_event::{LiveEvent, STALE_AFTER_SECS};
#[cfg(feature = "std")]
pub use proof::create_proof;
pub use proof::{
    ProofCheck, ProofFailure, ProofStatus, create_proof_with_aux, proof_message, verify_proof,
    verify_proofs,
};
