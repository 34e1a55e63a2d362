//! # nostr-examples
//!
//! Runnable flows across the nostr crate family. Each flow lives in its own module
//! as a `run` function that prints a narrative to the writer it is given and checks
//! the facts it shows, returning an error when one does not hold. The programs in
//! this directory (`cargo run -p nostr-examples --example <name>`) call it with
//! standard output, and `tests/run_examples.rs` calls every one of them, so
//! `cargo test --workspace` plays every flow.
//!
//! | example | flow |
//! |---|---|
//! | [`quickstart`] | keys, a signed note, `npub`/`nevent`, a NIP-44 message, an `ncryptsec` backup |
//! | [`relay_ingest`] | a file of events through parse, acceptance policy (with signature checks on all cores), replaceable and deletion semantics, subscriptions |
//! | [`live_room`] | an audio room's lifecycle: room, proofs, presence, chat, role change, end |
//! | [`live_stream`] | a NIP-5E stream: variants, segments, HLS playlists, segment hash check |
//! | [`zap_flow`] | LNURL-pay response, zap request, server validation, receipt, client validation, split |
//!
//! Nothing here touches the network.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

pub mod live_room;
pub mod live_stream;
pub mod quickstart;
pub mod relay_ingest;
pub mod zap_flow;

/// The error every flow returns: whatever failed, boxed.
pub type Error = Box<dyn core::error::Error + Send + Sync>;

/// Returns an error saying `what` when `condition` is false: the examples check what
/// they print with this instead of panicking, so a failed fact is a non-zero exit.
///
/// # Errors
/// When `condition` is false.
pub fn ensure(condition: bool, what: &str) -> Result<(), Error> {
    if condition {
        Ok(())
    } else {
        Err(format!("check failed: {what}").into())
    }
}

/// The `main` of every example: runs `flow` with standard output and turns an error
/// into a message on standard error and exit status 1.
pub fn main_with(
    flow: impl FnOnce(&mut dyn std::io::Write) -> Result<(), Error>,
) -> std::process::ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match flow(&mut out) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
