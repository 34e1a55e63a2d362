//! Writing results to standard output.

use std::io::{self, Write};

use crate::error::CliResult;

/// Writes one line to standard output.
pub(crate) fn line(text: &str) -> CliResult<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// Writes a JSON value as one line to standard output.
pub(crate) fn json(value: &serde_json::Value) -> CliResult<()> {
    let text = serde_json::to_string(value)
        .map_err(|e| crate::error::CliError::msg(format!("cannot serialize output: {e}")))?;
    line(&text)
}
