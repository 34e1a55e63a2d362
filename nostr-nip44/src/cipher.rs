//! NIP-44 v2 encryption and decryption of payloads.

use alloc::string::String;
use alloc::vec::Vec;

use chacha20::ChaCha20;
use chacha20::cipher::{KeyIvInit, StreamCipher};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::conversation_key::ConversationKey;
use crate::error::Error;
use crate::padding::{Prefix, calc_padded_len, unpad};
use crate::sha256::MacStream;

/// The version byte of NIP-44 v2.
pub const VERSION: u8 = 2;
/// The smallest plaintext, in bytes (NIP-44 `min_plaintext_size`).
pub const MIN_PLAINTEXT_LEN: usize = 1;
/// The largest plaintext, in bytes (NIP-44 `max_plaintext_size`, 2^32 - 1).
pub const MAX_PLAINTEXT_LEN: u64 = u32::MAX as u64;
/// The shortest base64 payload NIP-44 accepts, in characters.
pub const MIN_PAYLOAD_LEN: usize = 132;
/// The longest base64 payload NIP-44 allows, in characters: the encoding of the
/// largest raw payload ([`MAX_PLAINTEXT_LEN`] with a 6-byte prefix and padding to
/// 2^32, plus 65 bytes of version, nonce and MAC).
pub const MAX_PAYLOAD_LEN: u64 = MAX_DATA_LEN.div_ceil(3) * 4;
/// The shortest decoded payload: version, nonce, 2-byte prefix, 32 padded bytes, MAC.
const MIN_DATA_LEN: usize = 99;
/// The longest decoded payload.
const MAX_DATA_LEN: u64 = OVERHEAD as u64 + 6 + (1 << 32);
/// Version byte and nonce, the head of every payload (a multiple of 3, so the head
/// and the first ciphertext chunk encode to base64 without a partial group).
const HEADER: usize = 1 + 32;
/// Bytes of a payload besides the padded plaintext.
const OVERHEAD: usize = HEADER + 32;
/// Ciphertext bytes encrypted, MACed and encoded per step while they are in L1:
/// a multiple of 3 (base64 groups) and of 256 (the four ChaCha20 blocks the
/// `chacha20` SIMD backends make at once; it computes four even for one).
const CHUNK: usize = KS_BATCH * 3 * 8;
/// Smaller stack buffers for small messages (the buffer is zero-initialized).
const SMALL_CHUNK: usize = KS_BATCH * 3;
const MEDIUM_CHUNK: usize = KS_BATCH * 3 * 2;
/// Keystream bytes the ChaCha20 backend produces per batch.
const KS_BATCH: usize = 256;

/// Base64 characters decoded (and MACed) per step: 3 KiB of output.
const DECODE_CHUNK: usize = 4096;

/// The standard, padded base64 alphabet (RFC 4648), strict on decode.
const BASE64: base64_simd::Base64 = base64_simd::STANDARD;

impl ConversationKey {
    /// Encrypts `plaintext` (text or bytes) to a NIP-44 v2 payload, with a fresh
    /// 32-byte nonce from the operating system's RNG.
    ///
    /// # Errors
    /// [`Error::InvalidPlaintextLength`] for an empty or over-long plaintext,
    /// [`Error::RandomnessUnavailable`] when the OS RNG fails,
    /// [`Error::AllocationFailed`] when the payload does not fit in memory.
    ///
    /// # Example
    /// ```
    /// use nostr_nip44::ConversationKey;
    ///
    /// let key = ConversationKey::from_bytes([42; 32]);
    /// let payload = key.encrypt("hello")?;
    /// assert_eq!(key.decrypt(&payload)?, "hello");
    /// // Bytes work too.
    /// let payload = key.encrypt([0u8, 159, 146, 150])?;
    /// assert_eq!(key.decrypt_to_bytes(&payload)?, [0u8, 159, 146, 150]);
    /// # Ok::<(), nostr_nip44::Error>(())
    /// ```
    #[cfg(feature = "std")]
    pub fn encrypt(&self, plaintext: impl AsRef<[u8]>) -> Result<String, Error> {
        self.encrypt_with_rng(&mut nostr_core::OsRng, plaintext)
    }

    /// Encrypts with a nonce drawn from a caller-supplied cryptographic RNG (for
    /// `no_std` targets, or a seeded RNG in tests).
    ///
    /// # Errors
    /// As [`ConversationKey::encrypt`]; [`Error::RandomnessUnavailable`] when the
    /// RNG's `try_fill_bytes` fails.
    pub fn encrypt_with_rng<R>(
        &self,
        rng: &mut R,
        plaintext: impl AsRef<[u8]>,
    ) -> Result<String, Error>
    where
        R: rand_core::RngCore + rand_core::CryptoRng + ?Sized,
    {
        let mut nonce = [0u8; 32];
        rng.try_fill_bytes(&mut nonce)
            .map_err(|_| Error::RandomnessUnavailable)?;
        encrypt(self, plaintext.as_ref(), &nonce)
    }

    /// Encrypts with a caller-chosen nonce, deterministically: for test vectors
    /// and protocols that derive nonces themselves.
    ///
    /// **Never use a nonce twice with the same conversation key**: two payloads
    /// under one (key, nonce) pair reveal the XOR of their plaintexts (NIP-44
    /// "Encryption", step 2). Prefer [`ConversationKey::encrypt`].
    ///
    /// # Errors
    /// [`Error::InvalidPlaintextLength`], [`Error::AllocationFailed`].
    ///
    /// # Example
    /// ```
    /// use nostr_nip44::ConversationKey;
    ///
    /// let key = ConversationKey::from_bytes([42; 32]);
    /// let a = key.encrypt_with_nonce("hi", &[1; 32])?;
    /// let b = key.encrypt_with_nonce("hi", &[1; 32])?;
    /// assert_eq!(a, b);
    /// # Ok::<(), nostr_nip44::Error>(())
    /// ```
    pub fn encrypt_with_nonce(
        &self,
        plaintext: impl AsRef<[u8]>,
        nonce: &[u8; 32],
    ) -> Result<String, Error> {
        encrypt(self, plaintext.as_ref(), nonce)
    }

    /// Decrypts a NIP-44 v2 payload to text.
    ///
    /// Before calling this, check the event's id and signature (NIP-44
    /// "Decryption"), and, if you handle untrusted input on a small device, bound
    /// `payload.len()` yourself: the spec allows payloads of up to ~5.7 GB.
    ///
    /// Where the spec is silent: the padding bytes after the plaintext are not
    /// required to be zero (the spec and its reference implementations check only
    /// the lengths, and the MAC has authenticated them anyway), so they are not
    /// even decrypted.
    ///
    /// # Errors
    /// One variant per failed check, in the spec's order: see [`Error`].
    /// [`Error::InvalidUtf8`] when the plaintext is not text.
    ///
    /// # Example
    /// ```
    /// use nostr_nip44::{ConversationKey, Error};
    ///
    /// let key = ConversationKey::from_bytes([42; 32]);
    /// let payload = key.encrypt("hello")?;
    /// assert_eq!(key.decrypt(&payload)?, "hello");
    ///
    /// let other = ConversationKey::from_bytes([43; 32]);
    /// assert_eq!(other.decrypt(&payload), Err(Error::InvalidMac));
    /// # Ok::<(), nostr_nip44::Error>(())
    /// ```
    pub fn decrypt(&self, payload: impl AsRef<[u8]>) -> Result<String, Error> {
        decrypt_string(self, payload.as_ref())
    }

    /// Decrypts a NIP-44 v2 payload to bytes, without a UTF-8 check.
    ///
    /// # Errors
    /// As [`ConversationKey::decrypt`], without [`Error::InvalidUtf8`].
    pub fn decrypt_to_bytes(&self, payload: impl AsRef<[u8]>) -> Result<Vec<u8>, Error> {
        decrypt(self, payload.as_ref())
    }
}

/// Encrypts `plaintext` into a base64 payload (NIP-44 "Encryption", steps 3-7).
///
/// The output `String` is allocated once, at its final size; the padded plaintext
/// is built, encrypted, MACed and encoded chunk by chunk in a stack buffer.
pub(crate) fn encrypt(
    key: &ConversationKey,
    plaintext: &[u8],
    nonce: &[u8; 32],
) -> Result<String, Error> {
    let len = plaintext.len();
    let len32 = u32::try_from(len)
        .ok()
        .filter(|l| *l >= 1)
        .ok_or(Error::InvalidPlaintextLength { len })?;
    let prefix = Prefix::new(len32);
    let padded_total_u64 = prefix.as_bytes().len() as u64 + calc_padded_len(len32);
    let encoded_len_u64 = (padded_total_u64 + OVERHEAD as u64).div_ceil(3) * 4;
    let too_big = Error::AllocationFailed {
        bytes: encoded_len_u64,
    };
    let padded_total = usize::try_from(padded_total_u64).map_err(|_| too_big.clone())?;
    let encoded_len = usize::try_from(encoded_len_u64)
        .ok()
        .filter(|n| isize::try_from(*n).is_ok())
        .ok_or(too_big.clone())?;
    let mut out = String::new();
    out.try_reserve_exact(encoded_len).map_err(|_| too_big)?;

    let keys = key.message_keys(nonce);
    let mut cipher = ChaCha20::new(keys.chacha_key().into(), keys.chacha_nonce().into());
    let mut mac = MacStream::new(keys.hmac_key());
    mac.update(nonce);
    let mac = &mut mac;
    let pieces = Pieces {
        prefix: prefix.as_bytes(),
        plaintext,
        padded_total,
    };
    // A stack buffer no bigger than the message needs (it is zero-initialized).
    if padded_total <= SMALL_CHUNK {
        seal_chunked::<{ HEADER + SMALL_CHUNK }>(&pieces, nonce, &mut cipher, mac, &mut out);
    } else if padded_total <= MEDIUM_CHUNK {
        seal_chunked::<{ HEADER + MEDIUM_CHUNK }>(&pieces, nonce, &mut cipher, mac, &mut out);
    } else {
        seal_chunked::<{ HEADER + CHUNK }>(&pieces, nonce, &mut cipher, mac, &mut out);
    }
    debug_assert_eq!(out.len(), encoded_len);
    Ok(out)
}

/// The padded plaintext, `prefix || plaintext || zeros`, as its parts.
struct Pieces<'a> {
    prefix: &'a [u8],
    plaintext: &'a [u8],
    padded_total: usize,
}

/// Builds, encrypts, MACs and base64-encodes the payload through a stack buffer of
/// `N` bytes: the header, then chunks of `N - HEADER` padded bytes (a multiple of
/// 192, so chunks are whole ChaCha20 blocks and whole base64 groups).
fn seal_chunked<const N: usize>(
    pieces: &Pieces<'_>,
    nonce: &[u8; 32],
    cipher: &mut ChaCha20,
    mac: &mut MacStream,
    out: &mut String,
) {
    let chunk = N - HEADER;
    let mut buf = [0u8; N];
    buf[0] = VERSION;
    if let Some(slot) = buf.get_mut(1..HEADER) {
        slot.copy_from_slice(nonce);
    }
    // The first chunk follows the header in `buf`; later ones start at 0.
    let mut start = HEADER;
    let mut done = 0usize;
    loop {
        let take = chunk.min(pieces.padded_total - done);
        let filled = start + take;
        // Encrypt whole keystream batches: past the last chunk's end that only
        // costs keystream nobody uses, while a partial batch would cost as much.
        let batch_end = start + take.div_ceil(KS_BATCH) * KS_BATCH;
        let Some(region) = buf.get_mut(start..batch_end) else {
            return; // unreachable: `chunk` is a multiple of `KS_BATCH`
        };
        let (tail, _) = region.split_at_mut(take);
        fill_padded(tail, done, pieces.prefix, pieces.plaintext);
        cipher.apply_keystream(region);
        let Some(tail) = buf.get(start..filled) else {
            return;
        };
        mac.update(tail);
        done += take;
        let Some(ready) = buf.get(..filled) else {
            return;
        };
        if done < pieces.padded_total {
            // `filled` is N or N - HEADER: whole base64 groups.
            BASE64.encode_append(ready, out);
            start = 0;
            continue;
        }
        // Last chunk: encode the whole groups, then the rest with the MAC.
        let whole = filled - filled % 3;
        let (groups, rest) = ready.split_at(whole);
        BASE64.encode_append(groups, out);
        let tag = mac.finalize();
        let mut last = [0u8; 34];
        let n = rest.len() + tag.len();
        for (dst, src) in last.iter_mut().zip(rest.iter().chain(tag.iter())) {
            *dst = *src;
        }
        BASE64.encode_append(last.get(..n).unwrap_or(&last), out);
        return;
    }
}

/// Copies bytes `offset..offset + dst.len()` of the padded plaintext
/// `prefix || plaintext || zeros` into `dst`.
fn fill_padded(dst: &mut [u8], offset: usize, prefix: &[u8], plaintext: &[u8]) {
    let mut dst = dst;
    let mut at = offset;
    for part in [prefix, plaintext] {
        if dst.is_empty() {
            return;
        }
        if at < part.len() {
            let src = part.get(at..).unwrap_or_default();
            let n = src.len().min(dst.len());
            let (now, rest) = core::mem::take(&mut dst).split_at_mut(n);
            now.copy_from_slice(src.get(..n).unwrap_or_default());
            dst = rest;
            at = 0;
        } else {
            at -= part.len();
        }
    }
    dst.fill(0);
}

/// Decrypts a base64 payload to the plaintext bytes (NIP-44 "Decryption", steps
/// 1, 2 and 4-7, in that order).
///
/// The payload is decoded in two parts so that the returned `Vec` (the only
/// allocation) starts with the plaintext: the header (version, nonce, length
/// prefix) goes to the stack, the rest straight into the `Vec`. The prefix size
/// follows from the payload size (every 2-byte-prefix payload is shorter than
/// every extended one), and step 7 re-checks it. The ciphertext is MACed chunk by
/// chunk right after it is decoded, while it is in L1.
pub(crate) fn decrypt(key: &ConversationKey, payload: &[u8]) -> Result<Vec<u8>, Error> {
    // Step 1: `#` flags a future, non-base64 encoding.
    let len = payload.len();
    match payload.first() {
        Some(b'#') => return Err(Error::UnsupportedEncoding),
        None => return Err(Error::InvalidPayloadLength { len }),
        Some(_) => {}
    }
    // Step 2: bound the input before decoding it, then decode and check it.
    if len < MIN_PAYLOAD_LEN || len as u64 > MAX_PAYLOAD_LEN {
        return Err(Error::InvalidPayloadLength { len });
    }
    let invalid_base64 = || Error::InvalidBase64 {
        position: base64_error_position(payload),
    };
    let data_len = BASE64
        .decoded_length(payload)
        .map_err(|_| invalid_base64())?;
    if data_len < MIN_DATA_LEN {
        // Report bad characters first, as a full decode would.
        BASE64.check(payload).map_err(|_| invalid_base64())?;
        return Err(Error::InvalidDataLength { len: data_len });
    }
    // Ciphertext (prefix + padded plaintext) length, and the prefix it implies.
    let ct_len = data_len - OVERHEAD;
    let prefix_len = if ct_len <= 2 + (1 << 16) { 2 } else { 6 };
    // The header, decoded up to the next whole base64 group: 36 or 39 bytes.
    let head_len = (HEADER + prefix_len).div_ceil(3) * 3;
    let (head_chars, body_chars) = payload.split_at(head_len / 3 * 4);
    let mut head = [0u8; HEADER + 6];
    let head = head.get_mut(..head_len).ok_or_else(invalid_base64)?;
    // A `=` inside the header decodes to fewer bytes without an error: refuse that
    // short decode, or a payload would have a second, non-canonical spelling (the body
    // is covered by the exact length check after it is decoded).
    let decoded = BASE64
        .decode(head_chars, base64_simd::Out::from_slice(head))
        .map_err(|_| invalid_base64())?
        .len();
    if decoded != head_len {
        return Err(invalid_base64());
    }
    let (version_nonce, prefix_and_more) = head.split_at_mut(HEADER);
    let (prefix, carried) = prefix_and_more.split_at_mut(prefix_len);
    let (&mut version, nonce) = version_nonce
        .split_first_mut()
        .ok_or(Error::InvalidDataLength { len: data_len })?;
    let nonce: &[u8; 32] = (&*nonce)
        .try_into()
        .map_err(|_| Error::InvalidDataLength { len: data_len })?;

    // The version byte is judged after the whole payload decodes, as in the spec.
    if version != VERSION {
        BASE64.check(body_chars).map_err(|_| invalid_base64())?;
        return Err(Error::UnknownVersion(version));
    }

    // The `Vec` holds the decoded bytes from the plaintext on: [pt | pad | mac].
    let out_len = data_len - HEADER - prefix_len;
    let mut out = Vec::new();
    out.try_reserve_exact(out_len)
        .map_err(|_| Error::AllocationFailed {
            bytes: out_len as u64,
        })?;
    out.extend_from_slice(carried);

    // Decode the body chunk by chunk, and MAC each chunk while it is hot.
    let keys = key.message_keys(nonce);
    let mut mac = MacStream::new(keys.hmac_key());
    mac.update(nonce);
    mac.update(prefix);
    mac.update(&out);
    let mac_len = out_len - 32;
    for chunk in body_chars.chunks(DECODE_CHUNK) {
        let from = out.len();
        BASE64
            .decode_append(chunk, &mut out)
            .map_err(|_| invalid_base64())?;
        let upto = out.len().min(mac_len);
        if let Some(fresh) = out.get(from.min(upto)..upto) {
            mac.update(fresh);
        }
    }
    if out.len() != out_len {
        return Err(invalid_base64()); // unreachable: `decoded_length` was exact
    }

    // Step 5: compare the MAC in constant time before touching the ciphertext.
    let computed = mac.finalize();
    let (body, tag) = out.split_at_mut(mac_len);
    if !mac_eq(&computed, tag) {
        return Err(Error::InvalidMac);
    }

    // Step 6: decrypt. The first keystream batch covers the prefix (on the stack)
    // and the start of the body; it is all step 7 needs.
    let mut cipher = ChaCha20::new(keys.chacha_key().into(), keys.chacha_nonce().into());
    // The batch holds plaintext while it passes through: wiped when it drops.
    let mut batch = zeroize::Zeroizing::new([0u8; KS_BATCH]);
    let first = body.len().min(KS_BATCH - prefix_len);
    let (body_start, rest) = body.split_at_mut(first);
    apply_via_batch(&mut cipher, &mut batch, prefix, body_start);

    // Step 7: the prefix and the padded size must agree.
    let mut head6 = [0u8; 6];
    for (dst, src) in head6.iter_mut().zip(prefix.iter().chain(body_start.iter())) {
        *dst = *src;
    }
    let checked = unpad(&head6, ct_len);
    head6.zeroize();
    prefix.zeroize();
    let range = match checked {
        // The size check makes the parsed prefix the one the size implied.
        Ok(range) if range.start == prefix_len => range,
        Ok(range) => {
            out.zeroize();
            let declared = u32::try_from(range.len()).unwrap_or(u32::MAX);
            return Err(Error::InvalidPadding {
                declared,
                expected: calc_padded_len(declared),
                actual: (ct_len - range.start) as u64,
            });
        }
        Err(e) => {
            out.zeroize();
            return Err(e);
        }
    };
    // Decrypt the rest of the plaintext; the padding after it is never looked at
    // (step 7 checks lengths only), so its keystream is not computed.
    let n = range.len();
    let (todo, _) = rest.split_at_mut(n.saturating_sub(first).min(rest.len()));
    let whole = todo.len() / KS_BATCH * KS_BATCH;
    let (middle, last) = todo.split_at_mut(whole);
    cipher.apply_keystream(middle);
    if !last.is_empty() {
        apply_via_batch(&mut cipher, &mut batch, &mut [], last);
    }
    out.truncate(n);
    Ok(out)
}

/// Constant-time comparison of the computed and received MACs: the differences
/// are OR-ed without branches and only the result is compared.
fn mac_eq(computed: &[u8; 32], received: &[u8]) -> bool {
    let diff = computed
        .iter()
        .zip(received)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    received.len() == 32 && bool::from(diff.ct_eq(&0))
}

/// Applies one whole keystream batch to `head || body` (at most `KS_BATCH` bytes
/// together, possibly split between the stack and the output buffer) through
/// `batch`, so the backend never computes a batch for a partial block.
fn apply_via_batch(
    cipher: &mut ChaCha20,
    batch: &mut [u8; KS_BATCH],
    head: &mut [u8],
    body: &mut [u8],
) {
    let (h, b) = batch.split_at_mut(head.len().min(KS_BATCH));
    h.copy_from_slice(head.get(..h.len()).unwrap_or_default());
    let n = body.len().min(b.len());
    if let (Some(dst), Some(src)) = (b.get_mut(..n), body.get(..n)) {
        dst.copy_from_slice(src);
    }
    cipher.apply_keystream(batch);
    let (h, b) = batch.split_at(head.len().min(KS_BATCH));
    if let Some(dst) = head.get_mut(..h.len()) {
        dst.copy_from_slice(h);
    }
    if let (Some(dst), Some(src)) = (body.get_mut(..n), b.get(..n)) {
        dst.copy_from_slice(src);
    }
}

/// Decrypts to a `String`, checking UTF-8.
pub(crate) fn decrypt_string(key: &ConversationKey, payload: &[u8]) -> Result<String, Error> {
    let bytes = decrypt(key, payload)?;
    String::from_utf8(bytes).map_err(|e| {
        let mut bytes = e.into_bytes();
        bytes.zeroize();
        Error::InvalidUtf8
    })
}

/// Where strict base64 decoding of `s` failed: the first character outside the
/// alphabet (or a misplaced `=`), else where the input ends short, else the start
/// of the last group (non-zero trailing bits).
fn base64_error_position(s: &[u8]) -> usize {
    let padding = s.iter().rev().take(2).take_while(|c| **c == b'=').count();
    let body = s.len() - padding;
    let is_alphabet = |c: &u8| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/';
    if let Some(i) = s.iter().take(body).position(|c| !is_alphabet(c)) {
        return i;
    }
    if s.len() % 4 != 0 {
        return s.len();
    }
    s.len().saturating_sub(4)
}
