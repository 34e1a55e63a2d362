//! The `nostr` command-line tool: build, sign, verify, encode and inspect Nostr
//! data from the shell, in the spirit of `nak`, built only on the nostr-core crate
//! family.
//!
//! Every subcommand reads its input from arguments, files or standard input and
//! writes JSON (or plain text where that is the natural answer) to standard output.
//! Errors go to standard error with a non-zero exit status; bad input never panics.
//!
//! Exit status: `0` on success, `1` when the input was rejected (or, for `verify`,
//! when any event was invalid), `2` for a usage error.

#![forbid(unsafe_code)]

mod cmd;
mod error;
mod input;
mod output;
mod progress;
mod secret;

use std::process::ExitCode;

use clap::Parser;

use crate::cmd::Command;
use crate::error::CliError;

/// Command-line interface of the `nostr` tool.
#[derive(Debug, Parser)]
#[command(
    name = "nostr",
    version,
    about = "Build, sign, verify, encode and inspect Nostr events and entities",
    long_about = None,
    propagate_version = true,
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cmd::run(cli.command) {
        Ok(status) => status,
        Err(CliError::BrokenPipe) => ExitCode::SUCCESS,
        Err(err) => {
            error::report(&err);
            ExitCode::FAILURE
        }
    }
}
