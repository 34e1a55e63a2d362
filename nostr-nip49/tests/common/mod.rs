//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub)]

use rand_core::{CryptoRng, RngCore};

/// A deterministic byte stream for tests (NOT a cryptographic RNG: it only has to make
/// salts and nonces reproducible).
pub struct CounterRng(pub u8);

impl RngCore for CounterRng {
    fn next_u32(&mut self) -> u32 {
        let mut b = [0u8; 4];
        self.fill_bytes(&mut b);
        u32::from_le_bytes(b)
    }
    fn next_u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        self.fill_bytes(&mut b);
        u64::from_le_bytes(b)
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for b in dest {
            *b = self.0;
            self.0 = self.0.wrapping_add(1);
        }
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl CryptoRng for CounterRng {}

/// A valid 91-byte payload with the given header fields (salt, nonce and ciphertext
/// are filler).
pub fn payload(version: u8, log_n: u8, key_security: u8) -> [u8; 91] {
    let mut p = [0x5a; 91];
    p[0] = version;
    p[1] = log_n;
    p[42] = key_security;
    p
}

/// Bech32-encodes arbitrary bytes under `hrp` with the given checksum.
pub fn bech32_string<Ck: bech32::Checksum>(hrp: &str, data: &[u8]) -> String {
    bech32::encode::<Ck>(bech32::Hrp::parse(hrp).unwrap(), data).unwrap()
}
