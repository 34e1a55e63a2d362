//! The `nostr` command-line tool.

fn main() {}
