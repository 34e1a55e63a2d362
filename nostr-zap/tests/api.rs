//! API surface: public types implement the traits callers rely on.
#![allow(missing_docs)]

use nostr_zap::bolt11::{
    Description, Fallback, Features, Invoice, InvoiceBuilder, Network, RouteHop,
};
use nostr_zap::lnurl::PayResponse;
use nostr_zap::*;

fn debug_clone_eq<T: core::fmt::Debug + Clone + PartialEq + Eq + Send + Sync>() {}
fn hash<T: core::hash::Hash>() {}
fn error<T: core::error::Error + Send + Sync + 'static>() {}

#[test]
fn traits() {
    debug_clone_eq::<Error>();
    debug_clone_eq::<Bolt11Error>();
    debug_clone_eq::<RequestError>();
    debug_clone_eq::<ReceiptError>();
    debug_clone_eq::<LnurlError>();
    debug_clone_eq::<SplitError>();
    debug_clone_eq::<GoalError>();
    error::<Error>();
    error::<Bolt11Error>();
    debug_clone_eq::<Invoice>();
    debug_clone_eq::<InvoiceBuilder>();
    debug_clone_eq::<Network>();
    debug_clone_eq::<Description>();
    debug_clone_eq::<Fallback>();
    debug_clone_eq::<Features>();
    debug_clone_eq::<RouteHop>();
    debug_clone_eq::<PayResponse>();
    debug_clone_eq::<ZapRequestBuilder>();
    debug_clone_eq::<ZapRequest>();
    debug_clone_eq::<ZapReceiptBuilder<'static>>();
    debug_clone_eq::<ValidatedZap>();
    debug_clone_eq::<ZapWarning>();
    debug_clone_eq::<ZapTarget>();
    debug_clone_eq::<ZapSplit>();
    debug_clone_eq::<SplitShare>();
    debug_clone_eq::<ZapGoal>();
    debug_clone_eq::<GoalProgress>();
    hash::<Network>();
    hash::<Description>();
    hash::<ZapWarning>();
    hash::<ZapSplit>();
}
