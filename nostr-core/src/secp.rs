//! The one secp256k1 context shared by every operation in the process.
//!
//! Building a context costs far more than a verification, so it is made once,
//! lazily, and reused. With `std` it is randomized from the OS RNG as a side-channel
//! hardening for signing (libsecp256k1's `context_randomize`).

use alloc::boxed::Box;
use once_cell::race::OnceBox;
use secp256k1::{All, Secp256k1};

static CONTEXT: OnceBox<Secp256k1<All>> = OnceBox::new();

/// Returns the shared context, creating it on first use.
pub(crate) fn context() -> &'static Secp256k1<All> {
    CONTEXT.get_or_init(|| {
        #[allow(unused_mut, reason = "only mutated when `std` randomizes it")]
        let mut ctx = Secp256k1::new();
        #[cfg(feature = "std")]
        {
            let mut seed = [0u8; 32];
            if getrandom::getrandom(&mut seed).is_ok() {
                ctx.seeded_randomize(&seed);
            }
        }
        Box::new(ctx)
    })
}
