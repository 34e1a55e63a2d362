//! The public types implement the traits users rely on.
#![allow(missing_docs)]

use core::fmt::{Debug, Display};
use core::hash::Hash;
use core::str::FromStr;

use nostr_nip19::{
    Entity, Error, FindUris, Naddr, Ncryptsec, Nevent, NostrUri, Note, Nprofile, Npub, Nsec,
    UriMatch,
};

fn common<T: Debug + Clone + PartialEq + Eq + Send + Sync + Unpin + 'static>() {}
fn text<T: Display + FromStr<Err = Error>>() {}
fn hashable<T: Hash>() {}

#[test]
fn traits() {
    common::<Npub>();
    common::<Nsec>();
    common::<Note>();
    common::<Nprofile>();
    common::<Nevent>();
    common::<Naddr>();
    common::<Ncryptsec>();
    common::<Entity>();
    common::<NostrUri>();
    common::<UriMatch>();
    common::<Error>();
    text::<Npub>();
    text::<Nsec>();
    text::<Note>();
    text::<Nprofile>();
    text::<Nevent>();
    text::<Naddr>();
    text::<Ncryptsec>();
    text::<Entity>();
    text::<NostrUri>();
    hashable::<Npub>();
    hashable::<Note>();
    hashable::<Nprofile>();
    hashable::<Nevent>();
    hashable::<Naddr>();
    hashable::<Ncryptsec>();
    fn iter<T: Iterator<Item = UriMatch> + Clone + Debug + Send + Sync>() {}
    iter::<FindUris<'static>>();
    fn error<T: core::error::Error>() {}
    error::<Error>();
}
