//! A small, strict, borrowing JSON reader for the shapes Nostr uses.
//!
//! It never builds a generic value tree: callers walk objects and arrays and take
//! the fields they expect, so an event parses without intermediate allocation and
//! every error carries the byte position where the input went wrong.

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;

use crate::error::{Error, NumberError};

/// How deeply unknown values may nest before the reader refuses them.
const MAX_DEPTH: usize = 128;

/// A JSON syntax error and the byte offset where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset into the input.
    pub position: usize,
    /// What was wrong there.
    pub reason: JsonErrorKind,
}

/// The kinds of JSON syntax error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// The input ended inside a value.
    UnexpectedEnd,
    /// Another character was expected here.
    Expected(&'static str),
    /// A backslash escape that JSON does not define.
    InvalidEscape,
    /// A `\u` escape that is not a valid Unicode scalar (e.g. a lone surrogate).
    InvalidUnicodeEscape,
    /// A raw control character inside a string (JSON requires it escaped).
    ControlCharacter,
    /// A malformed number.
    InvalidNumber,
    /// Characters after the complete value.
    TrailingCharacters,
    /// Nesting deeper than the reader accepts.
    TooDeep,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            JsonErrorKind::UnexpectedEnd => f.write_str("unexpected end of input")?,
            JsonErrorKind::Expected(what) => write!(f, "expected {what}")?,
            JsonErrorKind::InvalidEscape => f.write_str("invalid escape sequence")?,
            JsonErrorKind::InvalidUnicodeEscape => {
                f.write_str("invalid \\u escape (lone surrogate or bad hex)")?;
            }
            JsonErrorKind::ControlCharacter => {
                f.write_str("unescaped control character in string")?
            }
            JsonErrorKind::InvalidNumber => f.write_str("malformed number")?,
            JsonErrorKind::TrailingCharacters => {
                f.write_str("trailing characters after the value")?
            }
            JsonErrorKind::TooDeep => f.write_str("nesting too deep")?,
        }
        write!(f, " at byte {}", self.position)
    }
}

impl core::error::Error for JsonError {}

/// A JSON string as it stands in the input: the text between the quotes, still escaped.
///
/// Most Nostr strings contain no escapes, and then [`JsonStr::decode`] borrows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonStr<'a> {
    raw: &'a str,
    has_escapes: bool,
    /// Every escape is the one NIP-01's canonical form uses for that character, so
    /// the raw text is already the canonical serialization of the string.
    canonical: bool,
}

impl<'a> JsonStr<'a> {
    /// The escaped text between the quotes.
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// Whether the raw text is exactly NIP-01's canonical escaping of the decoded
    /// string (true for most real events), so it can be hashed as it stands.
    pub fn is_canonical(&self) -> bool {
        self.canonical
    }

    /// Whether the raw text contains any backslash escape.
    pub fn has_escapes(&self) -> bool {
        self.has_escapes
    }

    /// The decoded string; borrowed when there was nothing to unescape.
    pub fn decode(&self) -> Cow<'a, str> {
        if !self.has_escapes {
            return Cow::Borrowed(self.raw);
        }
        Cow::Owned(self.decode_escaped())
    }

    /// [`JsonStr::decode`] for a string with escapes: verbatim runs are copied
    /// whole, the short escapes pushed directly.
    #[inline(never)]
    fn decode_escaped(&self) -> String {
        let raw = self.raw;
        let bytes = raw.as_bytes();
        // Decoding never lengthens the text, so this never reallocates.
        let mut out = String::with_capacity(raw.len());
        let mut start = 0;
        loop {
            // In validated string text the only special byte left is `\`.
            let i = crate::scan::find_backslash(bytes, start);
            out.push_str(raw.get(start..i).unwrap_or_default());
            if i >= bytes.len() {
                break;
            }
            let short = match bytes.get(i + 1) {
                // A lone trailing backslash cannot come from the reader.
                None => {
                    out.push('\u{fffd}');
                    break;
                }
                Some(b'n') => '\n',
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'/') => '/',
                Some(b't') => '\t',
                Some(b'r') => '\r',
                Some(b'b') => '\u{8}',
                Some(b'f') => '\u{c}',
                Some(_) => {
                    // `\u` escapes (validated by the reader).
                    let (ch, len) = decode_escape(bytes, i).unwrap_or(('\u{fffd}', 2));
                    out.push(ch);
                    start = i + len;
                    continue;
                }
            };
            out.push(short);
            start = i + 2;
        }
        out
    }

    /// Whether the decoded string equals `s`, without allocating.
    pub fn eq_str(&self, s: &str) -> bool {
        if !self.has_escapes {
            return self.raw == s;
        }
        let mut rest = s;
        let mut equal = true;
        self.for_each_piece(|piece| {
            if equal {
                match rest.strip_prefix(piece) {
                    Some(r) => rest = r,
                    None => equal = false,
                }
            }
        });
        equal && rest.is_empty()
    }

    /// Calls `f` with consecutive decoded pieces of the string: verbatim runs and
    /// single unescaped characters. The string was validated by the reader, so the
    /// escapes here are well-formed.
    pub(crate) fn for_each_piece(&self, mut f: impl FnMut(&str)) {
        let raw = self.raw;
        let bytes = raw.as_bytes();
        let mut start = 0;
        let mut i = 0;
        loop {
            // In validated string text the only special byte left is `\`.
            i = crate::scan::find_backslash(bytes, i);
            if i >= bytes.len() {
                break;
            }
            f(raw.get(start..i).unwrap_or_default());
            let (ch, len) = decode_escape(bytes, i).unwrap_or(('\u{fffd}', 2));
            let mut buf = [0u8; 4];
            f(ch.encode_utf8(&mut buf));
            i += len;
            start = i;
        }
        f(raw.get(start..).unwrap_or_default());
    }
}

/// Decodes the escape starting at `bytes[i] == b'\\'`: the character and the
/// number of input bytes it used. `None` when it is not a valid JSON escape.
fn decode_escape(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let ch = match bytes.get(i + 1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => return decode_unicode_escape(bytes, i),
        _ => return None,
    };
    Some((ch, 2))
}

/// Whether `escape` (the raw escape text) is how NIP-01 writes `ch`: the short form
/// for `" \ \n \r \t \b \f`, lowercase `\u00xx` for other control characters, and
/// nothing else (`\/` and `\u` escapes of printable characters are not canonical).
fn is_canonical_escape(ch: char, escape: Option<&[u8]>) -> bool {
    match (ch, escape) {
        ('"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}', Some([b'\\', b])) => *b != b'u',
        (c, Some([b'\\', b'u', b'0', b'0', hi, lo])) if (c as u32) < 0x20 => {
            !matches!(c, '\n' | '\r' | '\t' | '\u{8}' | '\u{c}')
                && !hi.is_ascii_uppercase()
                && !lo.is_ascii_uppercase()
        }
        _ => false,
    }
}

fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    let mut v = 0u32;
    for &d in digits {
        v = (v << 4) | char::from(d).to_digit(16)?;
    }
    Some(v)
}

fn decode_unicode_escape(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let first = hex4(bytes, i + 2)?;
    if (0xD800..0xDC00).contains(&first) {
        // A high surrogate must be followed by `\u` and a low surrogate.
        if bytes.get(i + 6) != Some(&b'\\') || bytes.get(i + 7) != Some(&b'u') {
            return None;
        }
        let second = hex4(bytes, i + 8)?;
        if !(0xDC00..0xE000).contains(&second) {
            return None;
        }
        let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
        return char::from_u32(code).map(|c| (c, 12));
    }
    char::from_u32(first).map(|c| (c, 6))
}

/// A cursor over JSON text.
#[derive(Clone)]
pub(crate) struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self { text, pos: 0 }
    }

    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// Length of the whole input.
    pub(crate) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// The input between two positions this reader has passed.
    pub(crate) fn text_between(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    pub(crate) fn error(&self, reason: JsonErrorKind) -> JsonError {
        JsonError {
            position: self.pos,
            reason,
        }
    }

    #[inline(always)]
    fn skip_ws(&mut self) {
        // Compact JSON (what Nostr software sends) has no whitespace between tokens.
        if let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes().get(self.pos) {
            self.skip_ws_loop();
        }
    }

    #[inline(never)]
    fn skip_ws_loop(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes().get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next non-whitespace byte, without consuming it.
    #[inline(always)]
    pub(crate) fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes().get(self.pos).copied()
    }

    /// Consumes `b` if it is the next non-whitespace byte.
    #[inline(always)]
    pub(crate) fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consumes `b` or fails naming what was expected.
    #[inline(always)]
    pub(crate) fn expect(&mut self, b: u8, what: &'static str) -> Result<(), JsonError> {
        // Compact JSON: the byte is right here.
        if self.bytes().get(self.pos) == Some(&b) {
            self.pos += 1;
            return Ok(());
        }
        self.expect_after_space(b, what)
    }

    #[inline(never)]
    fn expect_after_space(&mut self, b: u8, what: &'static str) -> Result<(), JsonError> {
        match self.peek() {
            Some(got) if got == b => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => Err(self.error(JsonErrorKind::Expected(what))),
            None => Err(self.error(JsonErrorKind::UnexpectedEnd)),
        }
    }

    /// After an item of an array or object: `true` if a `,` follows, `false` at the
    /// closing `close`.
    #[inline(always)]
    pub(crate) fn next_item(&mut self, close: u8, what: &'static str) -> Result<bool, JsonError> {
        // Compact JSON: the separator is right here.
        match self.bytes().get(self.pos) {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(&b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => self.next_item_after_space(close, what),
        }
    }

    #[inline(never)]
    fn next_item_after_space(&mut self, close: u8, what: &'static str) -> Result<bool, JsonError> {
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            Some(_) => Err(self.error(JsonErrorKind::Expected(what))),
            None => Err(self.error(JsonErrorKind::UnexpectedEnd)),
        }
    }

    /// Requires that only whitespace remains.
    pub(crate) fn finish(&mut self) -> Result<(), JsonError> {
        self.skip_ws();
        if self.pos == self.text.len() {
            Ok(())
        } else {
            Err(self.error(JsonErrorKind::TrailingCharacters))
        }
    }

    /// Reads a string; the next non-whitespace byte must be `"`.
    #[inline(always)]
    pub(crate) fn string(&mut self) -> Result<JsonStr<'a>, JsonError> {
        let bytes = self.bytes();
        if bytes.get(self.pos) != Some(&b'"') {
            return self.string_after_space();
        }
        let start = self.pos + 1;
        // Scanning the whole document, not just the string, keeps the scan word-wise
        // to the closing quote; a string of up to seven bytes costs one inlined step.
        let end = crate::scan::find_special_in_document(bytes, start);
        if bytes.get(end) == Some(&b'"') {
            self.pos = end + 1;
            return Ok(JsonStr {
                raw: self.text.get(start..end).unwrap_or_default(),
                has_escapes: false,
                canonical: true,
            });
        }
        self.pos = end;
        self.string_rest(start)
    }

    /// [`Reader::string`] when the quote is not the next byte.
    #[inline(never)]
    fn string_after_space(&mut self) -> Result<JsonStr<'a>, JsonError> {
        self.expect(b'"', "a string")?;
        let bytes = self.bytes();
        let start = self.pos;
        let end = crate::scan::find_special_in_document(bytes, start);
        if bytes.get(end) == Some(&b'"') {
            self.pos = end + 1;
            return Ok(JsonStr {
                raw: self.text.get(start..end).unwrap_or_default(),
                has_escapes: false,
                canonical: true,
            });
        }
        self.pos = end;
        self.string_rest(start)
    }

    /// The rest of a string from its first escape (or error) at `self.pos`.
    #[inline(never)]
    fn string_rest(&mut self, start: usize) -> Result<JsonStr<'a>, JsonError> {
        let bytes = self.bytes();
        let mut has_escapes = false;
        let mut canonical = true;
        loop {
            let Some(&b) = bytes.get(self.pos) else {
                return Err(self.error(JsonErrorKind::UnexpectedEnd));
            };
            match b {
                b'"' => break,
                b'\\' => {
                    has_escapes = true;
                    match bytes.get(self.pos + 1) {
                        // The short escapes NIP-01's canonical form uses.
                        Some(b'"' | b'\\' | b'n' | b'r' | b't' | b'b' | b'f') => self.pos += 2,
                        Some(b'/') => {
                            canonical = false;
                            self.pos += 2;
                        }
                        _ => match decode_escape(bytes, self.pos) {
                            Some((ch, len)) => {
                                canonical &=
                                    is_canonical_escape(ch, bytes.get(self.pos..self.pos + len));
                                self.pos += len;
                            }
                            None if bytes.get(self.pos + 1) == Some(&b'u') => {
                                return Err(self.error(JsonErrorKind::InvalidUnicodeEscape));
                            }
                            None => return Err(self.error(JsonErrorKind::InvalidEscape)),
                        },
                    }
                }
                0x00..=0x1f => return Err(self.error(JsonErrorKind::ControlCharacter)),
                _ => self.pos += 1,
            }
            self.pos = crate::scan::find_special_in_document(bytes, self.pos);
        }
        let raw = self.text.get(start..self.pos).unwrap_or_default();
        self.pos += 1;
        Ok(JsonStr {
            raw,
            has_escapes,
            canonical,
        })
    }

    /// Reads a number token per the JSON grammar and returns its text.
    pub(crate) fn number(&mut self) -> Result<&'a str, JsonError> {
        self.skip_ws();
        let bytes = self.bytes();
        let start = self.pos;
        let digits = |pos: &mut usize| {
            let from = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos - from
        };
        let mut p = self.pos;
        if bytes.get(p) == Some(&b'-') {
            p += 1;
        }
        let int_start = p;
        let n = digits(&mut p);
        if n == 0 || (n > 1 && bytes.get(int_start) == Some(&b'0')) {
            self.pos = p;
            return Err(self.error(JsonErrorKind::InvalidNumber));
        }
        if bytes.get(p) == Some(&b'.') {
            p += 1;
            if digits(&mut p) == 0 {
                self.pos = p;
                return Err(self.error(JsonErrorKind::InvalidNumber));
            }
        }
        if let Some(b'e' | b'E') = bytes.get(p) {
            p += 1;
            if let Some(b'+' | b'-') = bytes.get(p) {
                p += 1;
            }
            if digits(&mut p) == 0 {
                self.pos = p;
                return Err(self.error(JsonErrorKind::InvalidNumber));
            }
        }
        self.pos = p;
        Ok(self.text.get(start..p).unwrap_or_default())
    }

    /// Skips any value and returns its raw text.
    pub(crate) fn skip_value(&mut self) -> Result<&'a str, JsonError> {
        self.skip_ws();
        let start = self.pos;
        self.skip_value_at(0)?;
        Ok(self.text.get(start..self.pos).unwrap_or_default())
    }

    fn skip_value_at(&mut self, depth: usize) -> Result<(), JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error(JsonErrorKind::TooDeep));
        }
        match self.peek() {
            None => Err(self.error(JsonErrorKind::UnexpectedEnd)),
            Some(b'"') => self.string().map(|_| ()),
            Some(b'{') => {
                self.pos += 1;
                if self.eat(b'}') {
                    return Ok(());
                }
                loop {
                    self.string()?;
                    self.expect(b':', "':'")?;
                    self.skip_value_at(depth + 1)?;
                    if !self.next_item(b'}', "',' or '}'")? {
                        return Ok(());
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                if self.eat(b']') {
                    return Ok(());
                }
                loop {
                    self.skip_value_at(depth + 1)?;
                    if !self.next_item(b']', "',' or ']'")? {
                        return Ok(());
                    }
                }
            }
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(_) => self.number().map(|_| ()),
        }
    }

    fn literal(&mut self, word: &'static str) -> Result<(), JsonError> {
        if self
            .text
            .get(self.pos..)
            .is_some_and(|r| r.starts_with(word))
        {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.error(JsonErrorKind::Expected("a JSON value")))
        }
    }

    /// Reads a non-negative integer field strictly (NIP-01 `created_at`, `kind`, `limit`).
    pub(crate) fn u64_field(&mut self, field: &'static str) -> Result<u64, Error> {
        if let Some((value, end)) = plain_u64(self.bytes(), self.pos) {
            self.pos = end;
            return Ok(value);
        }
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => {}
            _ => {
                return Err(Error::WrongType {
                    field,
                    expected: "a number",
                });
            }
        }
        let token = self.number()?;
        parse_u64_token(token).map_err(|reason| Error::InvalidNumber { field, reason })
    }

    /// The common case of a hex field: a quote right here, exactly `2 * N` lowercase
    /// hex digits and a closing quote, decoded without a separate string scan.
    /// `None` (nothing but whitespace consumed) for anything else, which the caller
    /// then reads as a string for the exact error or the escaped form.
    #[inline(always)]
    pub(crate) fn quoted_hex<const N: usize>(&mut self) -> Option<[u8; N]> {
        // Whitespace before a value is skipped by every path alike.
        self.skip_ws();
        let rest = self.bytes().get(self.pos..)?;
        let (b'"', rest) = rest.split_first()? else {
            return None;
        };
        if rest.get(2 * N) != Some(&b'"') {
            return None;
        }
        let value = crate::hex::decode_exact(rest.get(..2 * N)?)?;
        // The digits contain no quote, so that quote closes the string.
        self.pos += 2 * N + 2;
        Some(value)
    }

    /// Reads a string field, mapping a non-string to [`Error::WrongType`].
    pub(crate) fn string_field(&mut self, field: &'static str) -> Result<JsonStr<'a>, Error> {
        if self.peek() != Some(b'"') {
            return Err(Error::WrongType {
                field,
                expected: "a string",
            });
        }
        Ok(self.string()?)
    }
}

/// The common case of [`Reader::u64_field`]: at most 19 digits (so no overflow), no
/// leading zero, and not followed by anything that would continue the number. Every
/// other input, valid or not, is left to the exact slow path.
#[inline(always)]
fn plain_u64(bytes: &[u8], start: usize) -> Option<(u64, usize)> {
    let digits = bytes.get(start..)?;
    let mut value = 0u64;
    let mut n = 0;
    for &d in digits.iter().take(19) {
        if !d.is_ascii_digit() {
            break;
        }
        value = value * 10 + u64::from(d - b'0');
        n += 1;
    }
    let first = *digits.first()?;
    let next = digits.get(n).copied();
    let plain = n > 0
        && !(first == b'0' && n > 1)
        && !matches!(next, Some(b'0'..=b'9' | b'.' | b'e' | b'E'));
    plain.then_some((value, start + n))
}

/// Parses a JSON number token that must be a non-negative integer.
pub(crate) fn parse_u64_token(token: &str) -> Result<u64, NumberError> {
    if token.starts_with('-') {
        return Err(NumberError::Negative);
    }
    if token.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        return Err(NumberError::NotInteger);
    }
    token.parse::<u64>().map_err(|_| NumberError::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::borrow::ToOwned;
    use alloc::format;
    use alloc::vec::Vec;

    #[test]
    fn strings_decode() {
        let mut r = Reader::new(r#""a\u00e9\ud83d\ude00\/\n""#);
        let s = r.string().unwrap();
        assert!(s.has_escapes());
        assert!(!s.is_canonical());
        assert_eq!(s.decode(), "aé😀/\n");
        assert!(s.eq_str("aé😀/\n"));
        assert!(!s.eq_str("aé😀/"));
        r.finish().unwrap();
    }

    #[test]
    fn canonical_escapes_are_recognised() {
        for (input, canonical) in [
            (r#""plain""#, true),
            (r#""a\"b\\c\n\r\t\b\f""#, true),
            (r#""\u0001\u001f""#, true),
            (r#""\u001F""#, false),
            (r#""\u000a""#, false),
            (r#""\/""#, false),
            (r#""\u00e9""#, false),
        ] {
            assert_eq!(
                Reader::new(input).string().unwrap().is_canonical(),
                canonical,
                "{input}"
            );
        }
    }

    #[test]
    fn bad_strings() {
        for (input, kind) in [
            (r#""\ud83d""#, JsonErrorKind::InvalidUnicodeEscape),
            (r#""\ude00""#, JsonErrorKind::InvalidUnicodeEscape),
            (r#""\x""#, JsonErrorKind::InvalidEscape),
            ("\"\u{1}\"", JsonErrorKind::ControlCharacter),
            (r#""abc"#, JsonErrorKind::UnexpectedEnd),
        ] {
            assert_eq!(
                Reader::new(input).string().unwrap_err().reason,
                kind,
                "{input}"
            );
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_u64_token("123"), Ok(123));
        assert_eq!(parse_u64_token("-1"), Err(NumberError::Negative));
        assert_eq!(parse_u64_token("1.0"), Err(NumberError::NotInteger));
        assert_eq!(parse_u64_token("1e3"), Err(NumberError::NotInteger));
        assert_eq!(
            parse_u64_token("18446744073709551616"),
            Err(NumberError::TooLarge)
        );
        for bad in ["01", "-", "1.", "1e", "+1"] {
            assert!(
                Reader::new(bad).skip_value().is_err() || Reader::new(bad).finish().is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn skip_nested() {
        let mut r = Reader::new(r#" {"a":[1,2.5e-3,{"b":null}],"c":true} x"#);
        assert_eq!(
            r.skip_value().unwrap(),
            r#"{"a":[1,2.5e-3,{"b":null}],"c":true}"#
        );
        assert_eq!(
            r.finish().unwrap_err().reason,
            JsonErrorKind::TrailingCharacters
        );
        let deep = "[".repeat(200);
        assert_eq!(
            Reader::new(&deep).skip_value().unwrap_err().reason,
            JsonErrorKind::TooDeep
        );
    }

    /// A byte-at-a-time reference for [`Reader::string`]: (raw, has_escapes,
    /// canonical, position after) or the error kind and position.
    fn reference_string(text: &str) -> Result<(&str, bool, bool, usize), (JsonErrorKind, usize)> {
        let bytes = text.as_bytes();
        let mut i = 0;
        while matches!(bytes.get(i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'"') => i += 1,
            Some(_) => return Err((JsonErrorKind::Expected("a string"), i)),
            None => return Err((JsonErrorKind::UnexpectedEnd, i)),
        }
        let start = i;
        let (mut escapes, mut canonical) = (false, true);
        loop {
            match bytes.get(i) {
                None => return Err((JsonErrorKind::UnexpectedEnd, i)),
                Some(b'"') => break,
                Some(0..=0x1f) => return Err((JsonErrorKind::ControlCharacter, i)),
                Some(b'\\') => {
                    escapes = true;
                    match decode_escape(bytes, i) {
                        Some((ch, len)) => {
                            canonical &= is_canonical_escape(ch, bytes.get(i..i + len));
                            i += len;
                        }
                        None if bytes.get(i + 1) == Some(&b'u') => {
                            return Err((JsonErrorKind::InvalidUnicodeEscape, i));
                        }
                        None => return Err((JsonErrorKind::InvalidEscape, i)),
                    }
                }
                Some(_) => i += 1,
            }
        }
        Ok((&text[start..i], escapes, canonical, i + 1))
    }

    fn check_string(text: &str) {
        let mut r = Reader::new(text);
        let parsed = r.string();
        let got = parsed
            .map(|s| (s.raw(), s.has_escapes(), s.is_canonical(), r.position()))
            .map_err(|e| (e.reason, e.position));
        assert_eq!(got, reference_string(text), "{text:?}");
        if let Ok(s) = parsed {
            // The direct decoder agrees with the piece-wise one.
            let mut pieces = String::new();
            s.for_each_piece(|p| pieces.push_str(p));
            assert_eq!(s.decode(), pieces, "{text:?}");
            assert!(s.eq_str(&pieces), "{text:?}");
        }
    }

    /// Strings of every length around the word size, with an escape, a control
    /// character, a quote or nothing at every position, followed by a suffix of every
    /// length (so the scan meets the end of the input at every offset).
    #[test]
    fn string_fast_paths_agree_with_a_byte_reference() {
        let inserts = [
            "",
            "\\n",
            "\\\"",
            "\\/",
            "\\\\",
            "\\t\\r\\b\\f",
            "\\u0041\\n",
            "\\u00e9",
            "\\u001f",
            "\\u001F",
            "\\ud83d\\ude00",
            "\\x",
            "\\u12",
            "\\ud83d",
            "\u{1}",
            "\u{e9}",
            "\"",
            "\\",
        ];
        for len in 0..=34 {
            for at in 0..=len {
                for insert in inserts {
                    let body: String = (0..len)
                        .map(|k| {
                            if k == at {
                                insert.to_owned()
                            } else {
                                "a".to_owned()
                            }
                        })
                        .collect();
                    for suffix in ["", "]", "\"", ",\"abcdefghijklmnopqrstuvwxyz\"]"] {
                        for lead in ["", " ", "\n\t"] {
                            check_string(&format!("{lead}\"{body}\"{suffix}"));
                            // Unterminated: the input ends inside the string.
                            check_string(&format!("{lead}\"{body}"));
                        }
                    }
                }
            }
        }
        for text in ["", " ", "x", "1", "[\"a\"]"] {
            check_string(text);
        }
    }

    /// The old `u64_field`: the exact slow path the fast path must agree with.
    fn u64_field_slow(r: &mut Reader<'_>, field: &'static str) -> Result<u64, Error> {
        match r.peek() {
            Some(b'-' | b'0'..=b'9') => {}
            _ => {
                return Err(Error::WrongType {
                    field,
                    expected: "a number",
                });
            }
        }
        let token = r.number()?;
        parse_u64_token(token).map_err(|reason| Error::InvalidNumber { field, reason })
    }

    #[test]
    fn u64_fast_path_agrees_with_the_slow_path() {
        let mut tokens: Vec<String> = [
            "0",
            "00",
            "01",
            "1",
            "7",
            "10",
            "123",
            "1700000000",
            "-1",
            "-0",
            "1.5",
            "1.",
            "1e3",
            "1E3",
            "1e",
            "0.0",
            "0e1",
            "-",
            "+1",
            "",
            " 12",
            "\n12",
            "1a",
            "x",
            "\"1\"",
            "9999999999999999999",
            "10000000000000000000",
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999",
            "000000000000000000001",
            "1234567890123456789012345",
            "12345678901234567890.5",
            "1234567890123456789e1",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for digits in 1..=22 {
            tokens.push("9".repeat(digits));
            tokens.push(format!("1{}", "0".repeat(digits)));
        }
        for token in &tokens {
            for suffix in ["", ",", "}", "]", " ", ".", "e", "E", "0", "5", "x"] {
                let text = format!("{token}{suffix}");
                let mut fast = Reader::new(&text);
                let mut slow = Reader::new(&text);
                let a = fast.u64_field("kind");
                let b = u64_field_slow(&mut slow, "kind");
                assert_eq!(a, b, "{text:?}");
                if a.is_ok() {
                    assert_eq!(fast.position(), slow.position(), "{text:?}");
                }
            }
        }
    }

    /// Object keys are matched on their raw bytes; escaped spellings of the same
    /// keys are still the same fields, and near misses are unknown fields.
    #[test]
    fn event_keys_with_escapes_are_recognised() {
        let event = crate::EventBuilder::new(crate::Kind::TEXT_NOTE, "hi").sign_at(
            &crate::Keys::generate(),
            crate::Timestamp::from_secs(1_700_000_000),
        );
        let json = event.to_json();
        let expected = crate::RawEvent::from_json(&json).unwrap();
        for (key, escaped) in [
            ("\"id\"", "\"\\u0069d\""),
            ("\"pubkey\"", "\"pub\\u006bey\""),
            ("\"created_at\"", "\"created\\u005fat\""),
            ("\"kind\"", "\"\\u006bind\""),
            ("\"tags\"", "\"tag\\u0073\""),
            ("\"content\"", "\"conten\\u0074\""),
            ("\"sig\"", "\"si\\u0067\""),
        ] {
            let text = json.replacen(key, escaped, 1);
            let raw = crate::RawEvent::from_json(&text).unwrap();
            assert_eq!(
                (
                    raw.id,
                    raw.pubkey,
                    raw.created_at,
                    raw.kind,
                    raw.sig,
                    raw.content()
                ),
                (
                    expected.id,
                    expected.pubkey,
                    expected.created_at,
                    expected.kind,
                    expected.sig,
                    expected.content()
                ),
                "{text}"
            );
            raw.verify().unwrap();
            assert_eq!(crate::Event::from_json(&text).unwrap(), event);
            // A key that only starts like a field is an unknown field, so the real
            // field is then missing.
            let near = json.replacen(key, &format!("{}x\"", &key[..key.len() - 1]), 1);
            let field = &key[1..key.len() - 1];
            assert_eq!(
                crate::RawEvent::from_json(&near).unwrap_err(),
                Error::MissingField(match field {
                    "id" => "id",
                    "pubkey" => "pubkey",
                    "created_at" => "created_at",
                    "kind" => "kind",
                    "tags" => "tags",
                    "content" => "content",
                    _ => "sig",
                }),
                "{near}"
            );
            // Both spellings at once are a duplicate.
            let twice = json.replacen('{', &format!("{{{escaped}:{},", field_value(&json, key)), 1);
            assert_eq!(
                crate::RawEvent::from_json(&twice).unwrap_err(),
                Error::DuplicateField(match field {
                    "id" => "id",
                    "pubkey" => "pubkey",
                    "created_at" => "created_at",
                    "kind" => "kind",
                    "tags" => "tags",
                    "content" => "content",
                    _ => "sig",
                }),
                "{twice}"
            );
        }
    }

    /// The raw JSON value of `key` in a compact event object.
    fn field_value<'a>(json: &'a str, key: &str) -> &'a str {
        let mut r = Reader::new(json);
        r.expect(b'{', "{").unwrap();
        loop {
            let k = r.string().unwrap();
            r.expect(b':', ":").unwrap();
            let v = r.skip_value().unwrap();
            if format!("\"{}\"", k.raw()) == key {
                return v;
            }
            r.next_item(b'}', "}").unwrap();
        }
    }

    /// Hex fields: the direct decoder and the string-then-`from_hex` path agree on
    /// every mutation of every position (uppercase, non-hex, multi-byte, escaped
    /// digits, wrong length, whitespace before the quote).
    #[test]
    fn hex_fields_agree_with_string_then_from_hex() {
        let event = crate::EventBuilder::new(crate::Kind::TEXT_NOTE, "hi").sign_at(
            &crate::Keys::generate(),
            crate::Timestamp::from_secs(1_700_000_000),
        );
        let json = event.to_json();
        let fields: [(&str, String); 3] = [
            ("id", event.id.to_hex()),
            ("pubkey", event.pubkey.to_hex()),
            ("sig", event.sig.to_hex()),
        ];
        let replacements = [
            "A", "F", "f", "0", "g", "z", " ", "/", "\u{e9}", "\\u0030", "\\u0041", "\\/", "", "00",
        ];
        let mut checked = 0;
        for (field, hex) in &fields {
            for at in 0..hex.len() {
                for rep in replacements {
                    for lead in ["", " "] {
                        let value = format!("{}{rep}{}", &hex[..at], &hex[at + 1..]);
                        let text = json.replacen(
                            &format!("\"{field}\":\"{hex}\""),
                            &format!("\"{field}\":{lead}\"{value}\""),
                            1,
                        );
                        let decoded = Reader::new(&format!("\"{value}\""))
                            .string()
                            .unwrap()
                            .decode()
                            .into_owned();
                        let got = crate::RawEvent::from_json(&text);
                        let expected: Result<[u8; 64], Error> = match *field {
                            "id" => crate::EventId::from_hex(&decoded).map(|v| {
                                let mut b = [0; 64];
                                b[..32].copy_from_slice(v.as_bytes());
                                b
                            }),
                            "pubkey" => crate::PublicKey::from_hex(&decoded).map(|v| {
                                let mut b = [0; 64];
                                b[..32].copy_from_slice(v.as_bytes());
                                b
                            }),
                            _ => crate::Signature::from_hex(&decoded).map(|v| *v.as_bytes()),
                        };
                        match (got, expected) {
                            (Ok(raw), Ok(bytes)) => {
                                let parsed: &[u8] = match *field {
                                    "id" => raw.id.as_bytes(),
                                    "pubkey" => raw.pubkey.as_bytes(),
                                    _ => raw.sig.as_bytes(),
                                };
                                assert_eq!(parsed, &bytes[..parsed.len()], "{text}");
                            }
                            (got, expected) => {
                                assert_eq!(got.err(), expected.err(), "{text}");
                            }
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, (64 + 64 + 128) * replacements.len() * 2);
    }

    /// `ws` after every structural character outside strings of compact JSON.
    fn spaced(json: &str, ws: &str) -> String {
        let mut out = String::new();
        let (mut in_string, mut escaped) = (false, false);
        for c in json.chars() {
            out.push(c);
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
            } else if c == '"' {
                in_string = true;
            } else if matches!(c, ',' | ':' | '[' | ']' | '{' | '}') {
                out.push_str(ws);
            }
        }
        out
    }

    /// The compact fast paths of `expect`, `next_item`, hex fields and strings fall
    /// back to the whitespace-skipping paths: events with whitespace between every
    /// token parse to the same result, and a wrong separator is reported at its own
    /// position either way.
    #[test]
    fn whitespace_between_tokens_takes_the_slow_paths_alike() {
        let event = crate::EventBuilder::new(crate::Kind::TEXT_NOTE, "a \"quoted\" line\n")
            .tag(crate::Tag::new("e", ["00".repeat(32).as_str(), "", "root"]))
            .tag(crate::Tag::new("t", ["x"]))
            .sign_at(
                &crate::Keys::generate(),
                crate::Timestamp::from_secs(1_700_000_000),
            );
        let json = event.to_json();
        for ws in ["", " ", "\n", "\t\r ", "  \n  "] {
            let text = format!("{ws}{}", spaced(&json, ws));
            assert_eq!(crate::Event::from_json(&text).unwrap(), event, "{text:?}");
            let raw = crate::RawEvent::from_json(&text).unwrap();
            assert_eq!(raw.to_event(), event);
            raw.verify().unwrap();
            // Each separator in turn replaced by a wrong one.
            for (k, _) in text.match_indices([',', ':']) {
                let mut bad = text.clone();
                bad.replace_range(k..=k, ";");
                let in_string = text[..k].matches('"').count() % 2 == 1;
                let err = crate::RawEvent::from_json(&bad);
                if in_string {
                    continue;
                }
                match err {
                    Err(Error::Json(e)) => {
                        assert_eq!(e.position, k, "{bad:?}");
                        assert!(matches!(e.reason, JsonErrorKind::Expected(_)), "{bad:?}");
                    }
                    other => panic!("{bad:?}: {other:?}"),
                }
                assert_eq!(crate::Event::from_json(&bad).unwrap_err(), err.unwrap_err());
            }
        }
    }
}
