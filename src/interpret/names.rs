//! Where user and group names come from: the evidence host's databases, never silently the
//! analysing machine's.

/// Looks up names for numeric ids. ENRICHED record parts take precedence over any lookup;
/// this is what is asked when a record carries no enrichment for the field.
pub trait NameLookup: Sync {
    fn user(&self, uid: u32) -> Option<&str>;
    fn group(&self, gid: u32) -> Option<&str>;

    /// The uid of a user name, where the database knows it (auparse's normalizer asks this
    /// of `acct=` names to tell service accounts from people).
    fn uid_of(&self, _name: &str) -> Option<u32> {
        None
    }
}

/// No database at all: only what the records themselves say.
pub struct NoNames;

impl NameLookup for NoNames {
    fn user(&self, _uid: u32) -> Option<&str> {
        None
    }

    fn group(&self, _gid: u32) -> Option<&str> {
        None
    }
}
