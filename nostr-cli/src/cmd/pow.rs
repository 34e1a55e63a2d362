//! `nostr pow`: mine NIP-13 proof of work and sign.

use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use nostr_core::nip13;

use crate::cmd::event::EventArgs;
use crate::error::{CliError, CliResult};
use crate::{output, progress};

/// Arguments of `nostr pow`.
#[derive(Debug, Args)]
pub(crate) struct PowArgs {
    /// Target difficulty: leading zero bits of the id (each extra bit doubles the work).
    #[arg(value_name = "DIFFICULTY")]
    difficulty: u8,
    #[command(flatten)]
    event: EventArgs,
}

/// Runs `nostr pow`.
pub(crate) fn run(args: PowArgs) -> CliResult<ExitCode> {
    let keys = args.event.keys()?;
    let unsigned = args.event.build(&keys)?;
    let target = args.difficulty;
    let started = Instant::now();
    let spinner = progress::spinner(format!(
        "mining difficulty {target} (about 2^{target} hashes on all cores)"
    ));
    let mined = nip13::mine_parallel(unsigned, target);
    spinner.finish_and_clear();
    let event = mined
        .sign(&keys)
        .map_err(|e| CliError::msg(format!("cannot sign: {e}")))?;
    progress::note(&format!(
        "mined difficulty {} (target {target}) in {:.2?}",
        nip13::difficulty(&event.id),
        started.elapsed()
    ));
    output::line(&event.to_json())?;
    Ok(ExitCode::SUCCESS)
}
