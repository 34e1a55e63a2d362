//! [`RelayUrl`]: a relay's websocket URL in the normal form clients and relays
//! compare (NIP-42 "relay" tag, NIP-65 relay lists, connection pools).

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use crate::error::Error;

/// A `ws://` or `wss://` URL, normalised so that two spellings of the same relay
/// compare equal.
///
/// NIP-42 only says "URL normalization techniques can be applied"; the rules here are
/// the ones clients commonly apply (they give the same strings as nostr-tools'
/// `normalizeURL` for ordinary relay URLs):
///
/// - surrounding whitespace is trimmed; whitespace or control characters inside
///   are refused (a URL would carry them percent-encoded);
/// - the scheme must be `ws` or `wss` (any case) and is written in lowercase;
/// - the host is written in lowercase (ASCII; IPv6 literals keep their brackets);
///   user info (`user@host`) is refused;
/// - the default port (80 for `ws`, 443 for `wss`) is removed, other ports are
///   written without leading zeros;
/// - in the path, runs of `/` become one `/` and a trailing `/` is removed, except
///   that an empty path is written `/` (so `wss://r.example`, `wss://r.example/` and
///   `WSS://R.EXAMPLE:443//` are all `wss://r.example/`);
/// - the query is kept as written, the fragment is dropped.
///
/// Percent-encoding and internationalised host names are left as written.
///
/// # Example
/// ```
/// use nostr_core::RelayUrl;
/// let a = RelayUrl::parse("WSS://Relay.Example.com:443")?;
/// let b = RelayUrl::parse("wss://relay.example.com/")?;
/// assert_eq!(a, b);
/// assert_eq!(a.as_str(), "wss://relay.example.com/");
/// assert_eq!(RelayUrl::parse("ws://host:8080/nostr/")?.as_str(), "ws://host:8080/nostr");
/// assert!(RelayUrl::parse("https://relay.example.com").is_err());
/// # Ok::<(), nostr_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelayUrl(String);

impl RelayUrl {
    /// Parses and normalises a relay URL.
    ///
    /// # Errors
    /// [`Error::InvalidRelayUrl`] naming what is wrong: the scheme, a missing or
    /// malformed host, user info, or a port that is not a number in 1..=65535.
    pub fn parse(url: &str) -> Result<Self, Error> {
        normalize(url).map(Self)
    }

    /// The normalised URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the scheme is `wss` (TLS).
    pub fn is_secure(&self) -> bool {
        self.0.starts_with("wss:")
    }

    /// The host (lowercase; IPv6 literals with their brackets).
    pub fn host(&self) -> &str {
        let rest = self.0.split_once("://").map_or(self.0.as_str(), |(_, r)| r);
        let authority = rest.split(['/', '?']).next().unwrap_or(rest);
        // A normalised URL always splits; the fallback is the whole authority.
        split_port(authority).map_or(authority, |(host, _)| host)
    }

    /// The URL, by value.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Whether two relay URLs name the same relay after normalisation; `false` when
/// either is not a valid relay URL.
///
/// # Example
/// ```
/// assert!(nostr_core::relay_url::same_relay("wss://r.example", "WSS://r.example:443/"));
/// assert!(!nostr_core::relay_url::same_relay("wss://r.example", "ws://r.example"));
/// ```
pub fn same_relay(a: &str, b: &str) -> bool {
    match (normalize(a), normalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

impl fmt::Display for RelayUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for RelayUrl {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

impl AsRef<str> for RelayUrl {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<RelayUrl> for String {
    fn from(url: RelayUrl) -> Self {
        url.0
    }
}

/// Splits `host[:port]`, minding IPv6 brackets. After `]` only `:port` may follow:
/// anything else would be dropped, and the URL would then compare equal to another.
fn split_port(authority: &str) -> Result<(&str, Option<&str>), Error> {
    if authority.starts_with('[') {
        match authority.find(']') {
            Some(end) => {
                let (host, rest) = authority.split_at(end + 1);
                if rest.is_empty() {
                    return Ok((host, None));
                }
                let port = rest.strip_prefix(':').ok_or(Error::InvalidRelayUrl(
                    "only `:port` may follow an IPv6 host",
                ))?;
                Ok((host, Some(port)))
            }
            None => Ok((authority, None)),
        }
    } else {
        Ok(match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        })
    }
}

fn normalize(url: &str) -> Result<String, Error> {
    let url = url.trim();
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::InvalidRelayUrl(
            "whitespace or control character inside the url",
        ));
    }
    let (scheme, rest) = url
        .split_once("://")
        .ok_or(Error::InvalidRelayUrl("missing `ws://` or `wss://` scheme"))?;
    let (scheme, default_port) = if scheme.eq_ignore_ascii_case("wss") {
        ("wss", 443)
    } else if scheme.eq_ignore_ascii_case("ws") {
        ("ws", 80)
    } else {
        return Err(Error::InvalidRelayUrl("scheme must be `ws` or `wss`"));
    };
    // Drop the fragment, then split authority / path / query.
    let rest = rest.split_once('#').map_or(rest, |(r, _)| r);
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let (path, query) = match tail.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (tail, None),
    };
    if authority.contains('@') {
        return Err(Error::InvalidRelayUrl("user info is not allowed"));
    }
    let (host, port) = split_port(authority)?;
    check_host(host)?;
    let port = match port {
        None => None,
        Some(p) => {
            if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::InvalidRelayUrl("port is not a number in 1..=65535"));
            }
            match p.parse::<u16>() {
                Ok(0) | Err(_) => {
                    return Err(Error::InvalidRelayUrl("port is not a number in 1..=65535"));
                }
                Ok(n) if n == default_port => None,
                Ok(n) => Some(n),
            }
        }
    };

    let mut out = String::with_capacity(url.len() + 1);
    out.push_str(scheme);
    out.push_str("://");
    for c in host.chars() {
        out.push(c.to_ascii_lowercase());
    }
    if let Some(port) = port {
        use core::fmt::Write;
        let _ = write!(out, ":{port}");
    }
    let path_start = out.len();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        out.push('/');
        out.push_str(segment);
    }
    if out.len() == path_start {
        out.push('/');
    }
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    Ok(out)
}

fn check_host(host: &str) -> Result<(), Error> {
    if host.is_empty() {
        return Err(Error::InvalidRelayUrl("missing host"));
    }
    if let Some(inner) = host.strip_prefix('[') {
        let inner = inner
            .strip_suffix(']')
            .ok_or(Error::InvalidRelayUrl("unclosed `[` in the host"))?;
        if inner.is_empty()
            || !inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(Error::InvalidRelayUrl("malformed IPv6 host"));
        }
        return Ok(());
    }
    let bad = |c: char| {
        c.is_ascii_whitespace()
            || c.is_ascii_control()
            || matches!(
                c,
                '[' | ']' | ':' | '\\' | '"' | '<' | '>' | '^' | '`' | '{' | '|' | '}' | '%'
            )
    };
    if host.chars().any(bad) {
        return Err(Error::InvalidRelayUrl(
            "the host contains a character hosts cannot",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_forms() {
        for (input, want) in [
            ("wss://relay.example.com", "wss://relay.example.com/"),
            ("wss://relay.example.com/", "wss://relay.example.com/"),
            (
                "  WSS://Relay.EXAMPLE.com:443//  ",
                "wss://relay.example.com/",
            ),
            ("ws://relay.example.com:80", "ws://relay.example.com/"),
            ("ws://relay.example.com:443", "ws://relay.example.com:443/"),
            ("wss://relay.example.com:0443", "wss://relay.example.com/"),
            (
                "wss://r.example:8080/Path//To/",
                "wss://r.example:8080/Path/To",
            ),
            ("wss://r.example/?a=1#frag", "wss://r.example/?a=1"),
            ("wss://r.example#frag", "wss://r.example/"),
            ("wss://[::1]:7777", "wss://[::1]:7777/"),
            ("wss://[FE80::1]", "wss://[fe80::1]/"),
            ("ws://127.0.0.1:7447", "ws://127.0.0.1:7447/"),
        ] {
            assert_eq!(RelayUrl::parse(input).unwrap().as_str(), want, "{input}");
            // Normalising is idempotent.
            assert_eq!(RelayUrl::parse(want).unwrap().as_str(), want);
        }
    }

    #[test]
    fn refusals() {
        for bad in [
            "",
            "relay.example.com",
            "https://relay.example.com",
            "wss://",
            "wss:///path",
            "wss://user@relay.example.com",
            "wss://relay.example.com:",
            "wss://relay.example.com:0",
            "wss://relay.example.com:65536",
            "wss://relay.example.com:12a",
            "wss://[::1",
            "wss://[]",
            "wss://bad host",
            "wss://host/a b",
            "wss://host/?q= x",
            "wss://host/\u{7f}",
            // Nothing but `:port` after an IPv6 host, and no `:` inside a name: either
            // would make the URL compare equal to a different one.
            "wss://[::1]junk",
            "wss://[::1]junk:443",
            "ws://host:8080:80",
            "wss://a:b:c",
        ] {
            assert!(
                matches!(RelayUrl::parse(bad), Err(Error::InvalidRelayUrl(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn accessors() {
        let u = RelayUrl::parse("WSS://Relay.Example.com:444/x").unwrap();
        assert_eq!(u.host(), "relay.example.com");
        assert!(u.is_secure());
        assert_eq!(RelayUrl::parse("ws://[::1]:1/").unwrap().host(), "[::1]");
        assert!(same_relay("wss://a.example", "wss://A.example:443"));
        assert!(!same_relay("wss://a.example", "not a url"));
    }
}
