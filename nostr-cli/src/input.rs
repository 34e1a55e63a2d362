//! Reading inputs: an argument that is inline JSON, a file path, or `-` for
//! standard input.

use std::io::{self, Read};

use crate::error::{CliError, CliResult};

/// Reads all of standard input as UTF-8 text.
pub(crate) fn stdin_text() -> CliResult<String> {
    let mut text = String::new();
    io::stdin()
        .lock()
        .read_to_string(&mut text)
        .map_err(|e| match e.kind() {
            io::ErrorKind::InvalidData => CliError::msg("standard input is not valid utf-8"),
            _ => CliError::from(e),
        })?;
    Ok(text)
}

/// Reads a JSON document given as an argument: inline JSON (starts with `{` or
/// `[`), `-` or nothing for standard input, or else the path of a file.
pub(crate) fn json_document(arg: Option<&str>) -> CliResult<String> {
    match arg {
        None | Some("-") => stdin_text(),
        Some(text) if text.trim_start().starts_with(['{', '[']) => Ok(text.to_owned()),
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| CliError::msg(format!("cannot read {path}: {e}"))),
    }
}

/// A text argument, or standard input (without its final newline) when it is
/// absent or `-`.
pub(crate) fn text_or_stdin(arg: Option<&str>) -> CliResult<String> {
    match arg {
        None | Some("-") => {
            let mut text = stdin_text()?;
            trim_newline(&mut text);
            Ok(text)
        }
        Some(text) => Ok(text.to_owned()),
    }
}

/// Removes one trailing `\n` or `\r\n`.
pub(crate) fn trim_newline(text: &mut String) {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
}
