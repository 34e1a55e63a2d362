//! The tool's error type: a message for standard error, or a quiet stop when the
//! reader of standard output went away.

use core::fmt;
use std::io::{self, Write};

/// Why a subcommand failed.
#[derive(Debug)]
pub(crate) enum CliError {
    /// A message for the user (printed as `nostr: error: <message>`).
    Message(String),
    /// Standard output was closed by its reader (`nostr verify big.jsonl | head`):
    /// stop quietly with success, as other Unix tools do.
    BrokenPipe,
}

impl CliError {
    /// An error with a message.
    pub(crate) fn msg(message: impl fmt::Display) -> Self {
        Self::Message(message.to_string())
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Message(m) => f.write_str(m),
            Self::BrokenPipe => f.write_str("broken pipe"),
        }
    }
}

impl From<io::Error> for CliError {
    fn from(err: io::Error) -> Self {
        if err.kind() == io::ErrorKind::BrokenPipe {
            Self::BrokenPipe
        } else {
            Self::Message(format!("i/o error: {err}"))
        }
    }
}

/// Result of a subcommand.
pub(crate) type CliResult<T> = Result<T, CliError>;

/// Adds context to an error from one of the library crates.
pub(crate) trait Context<T> {
    /// Maps the error to `"<what>: <error>"`.
    fn context(self, what: &str) -> CliResult<T>;
}

impl<T, E: fmt::Display> Context<T> for Result<T, E> {
    fn context(self, what: &str) -> CliResult<T> {
        self.map_err(|e| CliError::Message(format!("{what}: {e}")))
    }
}

/// Prints an error to standard error.
pub(crate) fn report(err: &CliError) {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "nostr: error: {err}");
}
