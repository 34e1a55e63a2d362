//! `nostr verify`: verify events given as JSON lines.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use indicatif::ProgressBar;
use nostr_core::{ClientMessage, Event, RelayMessage, verify_batch};
use serde::Serialize;

use crate::error::{CliError, CliResult};
use crate::progress;

/// Arguments of `nostr verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// Files of events, one JSON event per line (or a relay/client `EVENT` message
    /// holding one); `-` or none reads standard input. Blank lines and messages
    /// without an event (`EOSE`, `OK`, ...) are skipped.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Verify on all cores (in batches), keeping the output in input order.
    #[arg(long)]
    parallel: bool,
}

/// Events verified per batch in `--parallel` mode: large enough to keep all cores
/// busy, small enough to stream big files in bounded memory.
const BATCH: usize = 4096;

/// One output line.
#[derive(Serialize)]
struct Verdict<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// Counts and output for a run.
struct Sink<W: Write> {
    out: W,
    valid: u64,
    invalid: u64,
    buf: Vec<u8>,
}

impl<W: Write> Sink<W> {
    /// Writes the verdict for the event at `place`: its id when it verified,
    /// else the error.
    fn write(&mut self, place: &str, outcome: Result<&Event, String>) -> CliResult<()> {
        self.buf.clear();
        let written = match outcome {
            Ok(event) => {
                self.valid += 1;
                let id = event.id.to_hex();
                serde_json::to_writer(
                    &mut self.buf,
                    &Verdict {
                        id: Some(&id),
                        valid: true,
                        error: None,
                    },
                )
            }
            Err(error) => {
                self.invalid += 1;
                let error = format!("{place}: {error}");
                serde_json::to_writer(
                    &mut self.buf,
                    &Verdict {
                        id: None,
                        valid: false,
                        error: Some(&error),
                    },
                )
            }
        };
        written.map_err(|e| CliError::msg(format!("cannot serialize output: {e}")))?;
        self.buf.push(b'\n');
        self.out.write_all(&self.buf)?;
        Ok(())
    }
}

/// Runs `nostr verify`.
pub(crate) fn run(args: VerifyArgs) -> CliResult<ExitCode> {
    let mut files = args.files;
    if files.is_empty() {
        files.push(PathBuf::from("-"));
    }
    let named = files.len() > 1;
    let total = files
        .iter()
        .map(|f| {
            if f.as_os_str() == "-" {
                None
            } else {
                std::fs::metadata(f).ok().map(|m| m.len())
            }
        })
        .sum::<Option<u64>>();
    let bar = progress::bytes(total, "verifying");
    let stdout = io::stdout();
    let mut sink = Sink {
        out: BufWriter::with_capacity(64 * 1024, stdout.lock()),
        valid: 0,
        invalid: 0,
        buf: Vec::with_capacity(256),
    };
    let mut result = Ok(());
    for file in &files {
        let label = named.then(|| file.display().to_string());
        result = if file.as_os_str() == "-" {
            verify_reader(io::stdin().lock(), label, args.parallel, &mut sink, &bar)
        } else {
            match File::open(file) {
                Ok(f) => verify_reader(
                    BufReader::with_capacity(256 * 1024, f),
                    label,
                    args.parallel,
                    &mut sink,
                    &bar,
                ),
                Err(e) => Err(CliError::msg(format!(
                    "cannot open {}: {e}",
                    file.display()
                ))),
            }
        };
        if result.is_err() {
            break;
        }
    }
    bar.finish_and_clear();
    let flushed = sink.out.flush().map_err(CliError::from);
    result?;
    flushed?;
    progress::note(&format!("{} valid, {} invalid", sink.valid, sink.invalid));
    Ok(if sink.invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Parses one line: an event object, or a relay `["EVENT", <sub>, <event>]` or
/// client `["EVENT", <event>]` / `["AUTH", <event>]` message (as relay logs and
/// websocket dumps hold). Other messages (`EOSE`, `OK`, `NOTICE`, `REQ`, ...) give
/// `None`: they carry no event and are skipped.
fn parse_line(text: &str) -> Option<Result<Event, String>> {
    if !text.starts_with('[') {
        return Some(Event::from_json(text).map_err(|e| e.to_string()));
    }
    // A relay's EVENT has the subscription id (a string) second; a client's has the
    // event object second. Decide by that, then parse strictly with nostr-core.
    let second_is_string = serde_json::from_str::<Vec<serde_json::Value>>(text)
        .ok()
        .and_then(|items| items.get(1).map(serde_json::Value::is_string))
        .unwrap_or(false);
    if second_is_string {
        match RelayMessage::from_json(text) {
            Ok(RelayMessage::Event { event, .. }) => Some(Ok(*event)),
            Ok(_) => None,
            Err(e) => Some(Err(e.to_string())),
        }
    } else {
        match ClientMessage::from_json(text) {
            Ok(ClientMessage::Event(event) | ClientMessage::Auth(event)) => Some(Ok(*event)),
            Ok(_) => None,
            Err(e) => Some(Err(e.to_string())),
        }
    }
}

/// A batch of parsed lines awaiting `verify_batch`.
#[derive(Default)]
struct Batch {
    /// Per line: where it came from, and `None` if it parsed (its event is the
    /// next one in `events`) or the parse error.
    lines: Vec<(String, Option<String>)>,
    /// The events that parsed, in order.
    events: Vec<Event>,
}

/// Verifies the lines of one input.
fn verify_reader<R: BufRead, W: Write>(
    mut reader: R,
    label: Option<String>,
    parallel: bool,
    sink: &mut Sink<W>,
    bar: &ProgressBar,
) -> CliResult<()> {
    let mut line = Vec::with_capacity(1024);
    let mut number = 0u64;
    let mut batch = Batch::default();
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line)?;
        if read == 0 {
            break;
        }
        number += 1;
        bar.inc(read as u64);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let place = match &label {
            Some(name) => format!("{name} line {number}"),
            None => format!("line {number}"),
        };
        let parsed = match core::str::from_utf8(&line) {
            Ok(text) => match parse_line(text.trim()) {
                Some(parsed) => parsed,
                None => continue,
            },
            Err(_) => Err("not valid utf-8".to_owned()),
        };
        if parallel {
            match parsed {
                Ok(event) => {
                    batch.lines.push((place, None));
                    batch.events.push(event);
                }
                Err(error) => batch.lines.push((place, Some(error))),
            }
            if batch.lines.len() >= BATCH {
                flush_batch(&mut batch, sink)?;
            }
        } else {
            let outcome = parsed.and_then(|event| match event.verify() {
                Ok(()) => Ok(event),
                Err(e) => Err(e.to_string()),
            });
            sink.write(&place, outcome.as_ref().map_err(Clone::clone))?;
        }
    }
    flush_batch(&mut batch, sink)
}

/// Verifies a batch on all cores and writes the verdicts in input order.
fn flush_batch<W: Write>(batch: &mut Batch, sink: &mut Sink<W>) -> CliResult<()> {
    let results = verify_batch(&batch.events);
    let mut verified = batch.events.iter().zip(results);
    for (place, parse_error) in &batch.lines {
        let outcome = match parse_error {
            Some(error) => Err(error.clone()),
            None => match verified.next() {
                Some((event, Ok(()))) => Ok(event),
                Some((_, Err(e))) => Err(e.to_string()),
                None => Err("internal error: missing batch result".to_owned()),
            },
        };
        sink.write(place, outcome)?;
    }
    batch.lines.clear();
    batch.events.clear();
    Ok(())
}
