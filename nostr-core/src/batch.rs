//! Verifying many events at once, on all cores with the `parallel` feature.

use alloc::vec::Vec;

use crate::error::Error;
use crate::event::Event;
use crate::raw_event::RawEvent;

/// Verifies every event (id and signature), returning one result per event in order.
///
/// With the `parallel` feature the work is spread over rayon's thread pool (all
/// cores by default); without it, it runs on the calling thread.
///
/// # Example
/// ```
/// use nostr_core::{EventBuilder, Keys, Kind, verify_batch};
/// let keys = Keys::generate();
/// let mut events: Vec<_> = (0..4).map(|i| EventBuilder::new(Kind::TEXT_NOTE, format!("n{i}")).sign(&keys)).collect();
/// events[2].content.push('!');
/// let results = verify_batch(&events);
/// assert!(results[0].is_ok() && results[2].is_err());
/// ```
pub fn verify_batch(events: &[Event]) -> Vec<Result<(), Error>> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        events.par_iter().map(Event::verify).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        events.iter().map(Event::verify).collect()
    }
}

/// [`verify_batch`] for borrowed [`RawEvent`] views.
pub fn verify_batch_raw(events: &[RawEvent<'_>]) -> Vec<Result<(), Error>> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        events.par_iter().map(RawEvent::verify).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        events.iter().map(RawEvent::verify).collect()
    }
}
