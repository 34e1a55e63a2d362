//! The one secp256k1 context shared by every operation in the process.
//!
//! Building a context costs far more than a verification, so it is made once,
//! lazily, and reused. With `std` it is randomized from the OS RNG as a side-channel
//! hardening for signing (libsecp256k1's `context_randomize`).

use secp256k1::{All, Secp256k1};

/// With `std`, threads that race to first use wait for one context to be built.
#[cfg(feature = "std")]
static CONTEXT: std::sync::OnceLock<Secp256k1<All>> = std::sync::OnceLock::new();

/// Without `std` there is no blocking primitive: racing threads may each build a
/// context once, and one of them is kept.
#[cfg(not(feature = "std"))]
static CONTEXT: once_cell::race::OnceBox<Secp256k1<All>> = once_cell::race::OnceBox::new();

/// Returns the shared context, creating it on first use.
#[cfg(feature = "std")]
pub(crate) fn context() -> &'static Secp256k1<All> {
    CONTEXT.get_or_init(|| {
        let mut ctx = Secp256k1::new();
        let mut seed = [0u8; 32];
        if getrandom::getrandom(&mut seed).is_ok() {
            ctx.seeded_randomize(&seed);
        }
        ctx
    })
}

/// Returns the shared context, creating it on first use.
#[cfg(not(feature = "std"))]
pub(crate) fn context() -> &'static Secp256k1<All> {
    CONTEXT.get_or_init(|| alloc::boxed::Box::new(Secp256k1::new()))
}
