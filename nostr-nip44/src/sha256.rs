//! HMAC-SHA256 and the fixed-shape HKDF that NIP-44 needs, on top of the SHA-256
//! compression function of the `sha2` crate.
//!
//! Doing HMAC by hand (rather than with the `hmac` / `hkdf` crates, which the tests use
//! as oracles) buys two things the hot path wants:
//!
//! - the keyed inner / outer midstates of a conversation key are computed once and
//!   cached in [`crate::ConversationKey`], which saves two of the ten compressions of
//!   every HKDF-expand;
//! - every state that depends on a secret is ours, so it is zeroized when dropped
//!   (the RustCrypto HMAC state cannot be).

use sha2::compress256;
use sha2::digest::consts::U64;
use sha2::digest::generic_array::GenericArray;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// One 64-byte SHA-256 block, the type `compress256` takes.
type Block = GenericArray<u8, U64>;

/// The SHA-256 initial hash value (FIPS 180-4, 5.3.3).
const IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// Blocks buffered before one call to the compression function. Batching matters:
/// each call reloads the state and re-checks the CPU features.
const STAGE_BLOCKS: usize = 8;
const STAGE_BYTES: usize = STAGE_BLOCKS * 64;

/// Bit length of a message of 64 + 32 bytes: a key block and a digest.
const BITS_96: [u8; 8] = ((64u64 + 32) * 8).to_be_bytes();

/// Compresses one block given as a plain array.
fn compress_one(state: &mut [u32; 8], block: &[u8; 64]) {
    let block: &Block = block.into();
    compress256(state, core::slice::from_ref(block));
}

/// Writes the big-endian digest bytes of a state to the start of `out`.
fn write_digest(state: &[u32; 8], out: &mut [u8]) {
    for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
}

/// Absorbs the final 32 bytes of a message whose first 64 bytes (a key block) are
/// already in `state`, and writes the digest: the shape of both HMAC-SHA256 halves
/// over a 32-byte input. `msg` and `out` may hold secrets; the block is cleared.
fn finish_after_key_block(state: &[u32; 8], msg: &[u8; 32], out: &mut [u8; 32]) {
    let mut block = [0u8; 64];
    block[..32].copy_from_slice(msg);
    block[32] = 0x80;
    block[56..].copy_from_slice(&BITS_96);
    let mut st = *state;
    compress_one(&mut st, &block);
    write_digest(&st, out);
    block[..32].zeroize();
    st.zeroize();
}

/// An HMAC-SHA256 key as its two midstates: SHA-256 after absorbing `key ^ ipad`
/// and after absorbing `key ^ opad` (RFC 2104). Zeroized on drop.
#[derive(Clone)]
pub(crate) struct HmacKey {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl Drop for HmacKey {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

impl ZeroizeOnDrop for HmacKey {}

impl HmacKey {
    /// Keys HMAC with a key of at most 64 bytes (NIP-44 uses 8- and 32-byte keys;
    /// longer input is never passed, and would be truncated rather than hashed).
    pub(crate) fn new(key: &[u8]) -> Self {
        let mut block = [0x36u8; 64];
        for (b, k) in block.iter_mut().zip(key) {
            *b ^= k;
        }
        let mut inner = IV;
        compress_one(&mut inner, &block);
        for b in block.iter_mut() {
            *b ^= 0x36 ^ 0x5c;
        }
        let mut outer = IV;
        compress_one(&mut outer, &block);
        // Only the key bytes differ from the public pad constant.
        if let Some(secret) = block.get_mut(..key.len()) {
            secret.zeroize();
        }
        Self { inner, outer }
    }

    /// HMAC of a 32-byte message (HKDF-extract of the ECDH x coordinate).
    pub(crate) fn mac32(&self, msg: &[u8; 32]) -> [u8; 32] {
        let mut inner = [0u8; 32];
        finish_after_key_block(&self.inner, msg, &mut inner);
        let mut out = [0u8; 32];
        finish_after_key_block(&self.outer, &inner, &mut out);
        inner.zeroize();
        out
    }

    /// The outer half of HMAC, given the finished inner state.
    fn finish(&self, inner_state: &[u32; 8], out: &mut [u8; 32]) {
        let mut block = [0u8; 64];
        write_digest(inner_state, &mut block);
        block[32] = 0x80;
        block[56..].copy_from_slice(&BITS_96);
        let mut st = self.outer;
        compress_one(&mut st, &block);
        write_digest(&st, out);
        block[..32].zeroize();
        st.zeroize();
    }

    /// HKDF-expand (RFC 5869) with this key as the PRK, a 32-byte `info` and
    /// `L = 76`, written as T(1), T(2), T(3) (the caller keeps the first 76 bytes):
    /// the NIP-44 message keys. Eight compressions, no allocation.
    pub(crate) fn expand96(&self, info: &[u8; 32], okm: &mut [u8; 96]) {
        let Some((t1, rest)) = okm.split_first_chunk_mut::<32>() else {
            return;
        };
        let Some((t2, t3)) = rest.split_first_chunk_mut::<32>() else {
            return;
        };
        let Ok(t3) = <&mut [u8; 32]>::try_from(t3) else {
            return;
        };
        // T(1) = HMAC(PRK, info || 0x01): 97 bytes after the key block, one block.
        let mut b1 = [0u8; 64];
        b1[..32].copy_from_slice(info);
        b1[32] = 1;
        b1[33] = 0x80;
        b1[56..].copy_from_slice(&((64u64 + 33) * 8).to_be_bytes());
        let mut st = self.inner;
        compress_one(&mut st, &b1);
        self.finish(&st, t1);

        // T(i) = HMAC(PRK, T(i-1) || info || i) for i = 2, 3: 129 bytes, two blocks.
        let mut blocks = [Block::default(), Block::default()];
        let [first, second] = &mut blocks;
        if let Some(slot) = first.get_mut(32..) {
            slot.copy_from_slice(info);
        }
        if let Some(b) = second.get_mut(1) {
            *b = 0x80;
        }
        if let Some(slot) = second.get_mut(56..) {
            slot.copy_from_slice(&((64u64 + 65) * 8).to_be_bytes());
        }
        set_prev(&mut blocks, t1, 2);
        st = self.inner;
        compress256(&mut st, &blocks);
        self.finish(&st, t2);
        set_prev(&mut blocks, t2, 3);
        st = self.inner;
        compress256(&mut st, &blocks);
        self.finish(&st, t3);

        let [first, _] = &mut blocks;
        if let Some(secret) = first.get_mut(..32) {
            secret.zeroize();
        }
        st.zeroize();
    }
}

/// Puts T(i-1) and the counter `i` into the two HKDF blocks.
fn set_prev(blocks: &mut [Block; 2], prev: &[u8; 32], counter: u8) {
    let [first, second] = blocks;
    if let Some(slot) = first.get_mut(..32) {
        slot.copy_from_slice(prev);
    }
    if let Some(b) = second.get_mut(0) {
        *b = counter;
    }
}

/// Streaming HMAC-SHA256 for the payload MAC: the message goes through a small
/// block-aligned stage so the compression function always gets batches.
pub(crate) struct MacStream {
    key: HmacKey,
    state: [u32; 8],
    stage: [Block; STAGE_BLOCKS],
    /// Bytes in `stage`, always `< STAGE_BYTES` between calls.
    staged: usize,
    /// Message bytes absorbed so far (without the key block).
    len: u64,
}

impl MacStream {
    /// Starts a MAC under a 32-byte key.
    pub(crate) fn new(key: &[u8; 32]) -> Self {
        let key = HmacKey::new(key);
        let state = key.inner;
        Self {
            key,
            state,
            stage: Default::default(),
            staged: 0,
            len: 0,
        }
    }

    /// Absorbs message bytes.
    pub(crate) fn update(&mut self, data: &[u8]) {
        self.len = self.len.wrapping_add(data.len() as u64);
        self.absorb(data);
    }

    fn absorb(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            let (index, offset) = (self.staged / 64, self.staged % 64);
            let Some(block) = self.stage.get_mut(index) else {
                // Unreachable: `staged < STAGE_BYTES` is kept below.
                return;
            };
            let take = (64 - offset).min(data.len());
            let (now, rest) = data.split_at(take);
            if let Some(dst) = block.get_mut(offset..offset + take) {
                dst.copy_from_slice(now);
            }
            data = rest;
            self.staged += take;
            if self.staged == STAGE_BYTES {
                compress256(&mut self.state, &self.stage);
                self.staged = 0;
            }
        }
    }

    /// Pads, finishes the inner hash and returns the MAC.
    pub(crate) fn finalize(&mut self) -> [u8; 32] {
        // The key block counts towards the inner message length.
        let bits = (self.len.wrapping_add(64)).wrapping_mul(8);
        let used = self.staged % 64;
        let zeros = if used < 56 { 55 - used } else { 119 - used };
        let mut pad = [0u8; 72];
        pad[0] = 0x80;
        let end = 1 + zeros;
        if let Some(len_slot) = pad.get_mut(end..end + 8) {
            len_slot.copy_from_slice(&bits.to_be_bytes());
        }
        if let Some(tail) = pad.get(..end + 8) {
            self.absorb(tail);
        }
        let full = self.staged / 64;
        if let Some(blocks) = self.stage.get(..full) {
            compress256(&mut self.state, blocks);
        }
        let mut out = [0u8; 32];
        self.key.finish(&self.state, &mut out);
        out
    }
}

impl Drop for MacStream {
    fn drop(&mut self) {
        self.state.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};
    use sha2::Sha256;

    fn oracle(key: &[u8], msg: &[u8]) -> [u8; 32] {
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap();
        m.update(msg);
        m.finalize().into_bytes().into()
    }

    #[test]
    fn mac_stream_matches_hmac_crate_for_every_length_and_split() {
        let key = [0x42u8; 32];
        let msg: alloc::vec::Vec<u8> = (0..2300u32).map(|i| (i * 31 + 7) as u8).collect();
        for len in (0..200).chain([1023, 1024, 1025, 2047, 2048, 2049, 2300]) {
            let expected = oracle(&key, &msg[..len]);
            for split in [0, 1, 63, 64, 65, 1000].into_iter().filter(|s| *s <= len) {
                let mut s = MacStream::new(&key);
                let s = &mut s;
                s.update(&msg[..split]);
                s.update(&msg[split..len]);
                assert_eq!(s.finalize(), expected, "len {len} split {split}");
            }
        }
    }

    #[test]
    fn mac32_matches_hmac_crate() {
        for key in [&b"nip44-v2"[..], &[9u8; 32][..], &[][..], &[1u8; 64][..]] {
            let msg = [0x5au8; 32];
            assert_eq!(HmacKey::new(key).mac32(&msg), oracle(key, &msg));
        }
    }

    #[test]
    fn expand76_matches_hkdf_crate() {
        for seed in 0u8..20 {
            let prk = [seed.wrapping_mul(13).wrapping_add(1); 32];
            let info = [seed ^ 0xa5; 32];
            let mut expected = [0u8; 76];
            hkdf::Hkdf::<Sha256>::from_prk(&prk)
                .unwrap()
                .expand(&info, &mut expected)
                .unwrap();
            let mut okm = [0u8; 96];
            HmacKey::new(&prk).expand96(&info, &mut okm);
            assert_eq!(okm[..76], expected);
        }
    }
}
