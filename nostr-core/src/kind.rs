//! [`Kind`]: the event kind, an open registry of `u16` values.

use core::fmt;

/// An event kind (NIP-01: an integer between 0 and 65535).
///
/// An open registry: any value is valid, the named constants cover the kinds this
/// crate family works with. The range classes follow NIP-01 "Kinds" exactly.
///
/// # Example
/// ```
/// use nostr_core::Kind;
/// assert!(Kind::TEXT_NOTE.is_regular());
/// assert!(Kind::METADATA.is_replaceable());
/// assert!(Kind::new(41).is_regular());
/// assert!(Kind::new(20001).is_ephemeral());
/// assert!(Kind::LIVE_EVENT.is_addressable());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Kind(u16);

impl Kind {
    /// 0: user metadata.
    pub const METADATA: Self = Self(0);
    /// 1: short text note.
    pub const TEXT_NOTE: Self = Self(1);
    /// 3: follow list.
    pub const CONTACT_LIST: Self = Self(3);
    /// 5: deletion request (NIP-09).
    pub const DELETION: Self = Self(5);
    /// 6: repost.
    pub const REPOST: Self = Self(6);
    /// 7: reaction.
    pub const REACTION: Self = Self(7);
    /// 9041: zap goal (NIP-75).
    pub const ZAP_GOAL: Self = Self(9041);
    /// 9734: zap request (NIP-57).
    pub const ZAP_REQUEST: Self = Self(9734);
    /// 9735: zap receipt (NIP-57).
    pub const ZAP_RECEIPT: Self = Self(9735);
    /// 1053: live stream (NIP-5E).
    pub const LIVE_STREAM: Self = Self(1053);
    /// 1063: file metadata / stream segment (NIP-94, NIP-5E).
    pub const FILE_METADATA: Self = Self(1063);
    /// 1311: live chat message (NIP-53).
    pub const LIVE_CHAT: Self = Self(1311);
    /// 1312: raid (NIP-53).
    pub const LIVE_RAID: Self = Self(1312);
    /// 1313: clip (NIP-53).
    pub const LIVE_CLIP: Self = Self(1313);
    /// 10002: relay list metadata (NIP-65).
    pub const RELAY_LIST: Self = Self(10002);
    /// 10312: room presence (NIP-53).
    pub const ROOM_PRESENCE: Self = Self(10312);
    /// 22242: client authentication (NIP-42).
    pub const AUTH: Self = Self(22242);
    /// 27235: HTTP auth (NIP-98).
    pub const HTTP_AUTH: Self = Self(27235);
    /// 30311: live event (NIP-53).
    pub const LIVE_EVENT: Self = Self(30311);
    /// 30312: meeting space / interactive room (NIP-53).
    pub const MEETING_SPACE: Self = Self(30312);
    /// 30313: meeting room event (NIP-53).
    pub const MEETING_ROOM: Self = Self(30313);

    /// Wraps a kind number.
    pub const fn new(kind: u16) -> Self {
        Self(kind)
    }

    /// The kind number.
    pub const fn as_u16(self) -> u16 {
        self.0
    }

    /// Regular: `1000 <= n < 10000 || 4 <= n < 45 || n == 1 || n == 2` (NIP-01).
    pub const fn is_regular(self) -> bool {
        let n = self.0;
        (1000 <= n && n < 10000) || (4 <= n && n < 45) || n == 1 || n == 2
    }

    /// Replaceable: `10000 <= n < 20000 || n == 0 || n == 3` (NIP-01).
    pub const fn is_replaceable(self) -> bool {
        let n = self.0;
        (10000 <= n && n < 20000) || n == 0 || n == 3
    }

    /// Ephemeral: `20000 <= n < 30000` (NIP-01).
    pub const fn is_ephemeral(self) -> bool {
        20000 <= self.0 && self.0 < 30000
    }

    /// Addressable: `30000 <= n < 40000` (NIP-01).
    pub const fn is_addressable(self) -> bool {
        30000 <= self.0 && self.0 < 40000
    }
}

impl From<u16> for Kind {
    fn from(n: u16) -> Self {
        Self(n)
    }
}

impl From<Kind> for u16 {
    fn from(k: Kind) -> Self {
        k.0
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn ranges_follow_nip01() {
        for n in 0..=u16::MAX {
            let k = Kind::new(n);
            let classes = [
                k.is_regular(),
                k.is_replaceable(),
                k.is_ephemeral(),
                k.is_addressable(),
            ];
            assert!(classes.iter().filter(|c| **c).count() <= 1, "kind {n}");
        }
        assert!(Kind::new(0).is_replaceable());
        assert!(Kind::new(3).is_replaceable());
        assert!(Kind::new(1).is_regular() && Kind::new(2).is_regular());
        assert!(Kind::new(41).is_regular() && Kind::new(44).is_regular());
        assert!(!Kind::new(45).is_regular());
        assert!(Kind::new(1000).is_regular() && Kind::new(9999).is_regular());
        assert!(Kind::new(10000).is_replaceable() && Kind::new(19999).is_replaceable());
        assert!(Kind::new(20000).is_ephemeral() && Kind::new(29999).is_ephemeral());
        assert!(Kind::new(30000).is_addressable() && Kind::new(39999).is_addressable());
        assert!(!Kind::new(40000).is_addressable());
    }
}
