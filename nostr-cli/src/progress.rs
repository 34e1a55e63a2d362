//! Progress bars and spinners on standard error, drawn only when standard error is
//! a terminal (never in pipes, files or tests).

use core::time::Duration;
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Whether progress should be drawn at all.
fn enabled() -> bool {
    std::io::stderr().is_terminal()
}

/// A spinner with a message and the elapsed time, for work of unknown length.
pub(crate) fn spinner(message: impl Into<String>) -> ProgressBar {
    if !enabled() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} [{elapsed}]") {
        bar.set_style(style);
    }
    bar.set_message(message.into());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// A bar over a known number of bytes (reading files), or a counting spinner when
/// the total is unknown (standard input).
pub(crate) fn bytes(total: Option<u64>, message: impl Into<String>) -> ProgressBar {
    if !enabled() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let template = if total.is_some() {
        "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}"
    } else {
        "{spinner} {msg} {bytes} {bytes_per_sec} [{elapsed}]"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(message.into());
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// A line for the human at the terminal (a summary after long work), written to
/// standard error only when it is a terminal.
pub(crate) fn note(message: &str) {
    if enabled() {
        use std::io::Write;
        let _ = writeln!(std::io::stderr().lock(), "{message}");
    }
}
