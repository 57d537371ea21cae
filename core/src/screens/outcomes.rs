//! What joining, linking, syncing and restoring did, in the words Settings shows after each.

use crate::data_rights::backup::{RecordCounts, RestoreSummary};
use crate::screens::insights::plural;
use crate::screens::labels::and_list;
use crate::sync::LINK_MINUTES;
use crate::sync::SyncReport;
use crate::sync::account::AccountInfo;

/// After enrolling with a program's code (`linked` false) or linking to another device.
pub fn joined_summary(account: &AccountInfo, linked: bool) -> String {
    let names: Vec<String> = account.programs.iter().map(|p| p.name.clone()).collect();
    match (linked, names.is_empty()) {
        (false, false) => format!(
            "You joined {}. Its schedule arrives with the first sync.",
            and_list(&names)
        ),
        (false, true) => {
            "You joined your program. Its schedule arrives with the first sync.".into()
        }
        (true, _) => "This phone is linked. Your data arrives with the first sync.".into(),
    }
}

/// The code another device enters, and for how long it works.
pub fn link_code_summary(code: &str) -> String {
    format!("Enter {code} on your other device within {LINK_MINUTES} minutes.")
}

pub fn sync_summary(report: &SyncReport) -> String {
    if report.changed {
        "Synced: this phone has the latest.".into()
    } else {
        "Synced: nothing new.".into()
    }
}

fn counts(c: &RecordCounts) -> String {
    let n = |v: u32, one: &str| plural(v, one);
    and_list(&[
        n(c.checkins, "check-in"),
        n(c.contacts, "contact"),
        n(c.sessions, "session"),
        n(c.safety_plan_items, "safety plan item"),
    ])
}

pub fn restore_summary(r: &RestoreSummary) -> String {
    if r.changed {
        format!(
            "Restored the backup. This phone now has {}.",
            counts(&r.after)
        )
    } else {
        "This phone already had everything in the backup.".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_a_sentence() {
        let c = RecordCounts {
            checkins: 12,
            contacts: 1,
            sessions: 0,
            safety_plan_items: 3,
        };
        assert_eq!(
            counts(&c),
            "12 check-ins, 1 contact, 0 sessions and 3 safety plan items"
        );
        assert_eq!(
            link_code_summary("ABCD-1234"),
            format!("Enter ABCD-1234 on your other device within {LINK_MINUTES} minutes.")
        );
    }
}
