//! Crisis lines: built into the library, so they work with no network and no enrolment, and
//! cannot be deleted; a program adds its own (an after-hours line) through its document.
//!
//! The built-in set is chosen by region (see `Store::region`). Numbers were checked against
//! each service's own site in November 2026; a line that changes ships with an app update.
//! When no region is known, the list still offers 112, which mobile networks in most of the
//! world route to emergency services, and the shells ask the participant to set their
//! country.

use serde::Serialize;

use crate::error::{Error, RecordKind, Result};
use crate::storage::store::Store;
use crate::support::actions::{ContactAction, Text, call, email, text, tty};
use crate::support::contact::{Contact, ContactRole};
use crate::support::phone::Region;

/// Prefix of a built-in line's id: `crisis:us-988`.
pub const BUILT_IN_PREFIX: &str = "crisis:";

/// Where a crisis line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineSource {
    /// Shipped in the app for the participant's region.
    BuiltIn,
    /// Published by the participant's program.
    Program,
    /// A contact the participant saved with the role crisis-line.
    Personal,
}

/// A service to reach in a crisis, with ready actions (call, text, TTY, e-mail).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrisisLine {
    /// `crisis:<region>-<name>` for built-in lines; the contact's id otherwise.
    pub id: String,
    pub name: String,
    /// When and how to use it, as the service describes itself.
    pub about: Option<String>,
    pub source: LineSource,
    /// The program that publishes it, for program lines.
    pub program_id: Option<String>,
    /// Emergency services (911, 999, 112...), for immediate danger.
    pub emergency: bool,
    pub actions: Vec<ContactAction>,
}

struct BuiltIn {
    id: &'static str,
    /// ISO 3166-1 alpha-2; empty for the fallback used when no region is known.
    region: &'static str,
    name: &'static str,
    about: &'static str,
    call: Option<&'static str>,
    /// Number, and the keyword the service asks texters to start with.
    text: Option<(&'static str, Option<&'static str>)>,
    tty: Option<&'static str>,
    email: Option<&'static str>,
    emergency: bool,
}

const fn line(id: &'static str, region: &'static str, name: &'static str) -> BuiltIn {
    BuiltIn {
        id,
        region,
        name,
        about: "",
        call: None,
        text: None,
        tty: None,
        email: None,
        emergency: false,
    }
}

/// Every built-in line, in the order they are offered within a region.
const BUILT_IN: &[BuiltIn] = &[
    BuiltIn {
        about: "Call or text 988, any time, for thoughts of suicide, a mental-health or \
                substance-use crisis, or any emotional distress. Free and confidential.",
        call: Some("988"),
        text: Some(("988", None)),
        ..line("us-988", "US", "988 Suicide & Crisis Lifeline")
    },
    BuiltIn {
        about: "Free, confidential treatment referral and information about mental and \
                substance use disorders, 24/7, in English and Spanish.",
        call: Some("+18006624357"),
        tty: Some("+18004874889"),
        ..line("us-samhsa", "US", "SAMHSA National Helpline")
    },
    BuiltIn {
        about: "Text HOME to 741741 to reach a trained crisis counselor, 24/7.",
        text: Some(("741741", Some("HOME"))),
        ..line("us-crisis-text-line", "US", "Crisis Text Line")
    },
    BuiltIn {
        about: "If you or someone else is in immediate danger, call 911.",
        call: Some("911"),
        emergency: true,
        ..line("us-911", "US", "Emergency services (911)")
    },
    BuiltIn {
        about: "Call or text 988, any time, in English or French, if you are thinking about \
                suicide or are worried about someone.",
        call: Some("988"),
        text: Some(("988", None)),
        ..line("ca-988", "CA", "9-8-8 Suicide Crisis Helpline")
    },
    BuiltIn {
        about: "If you or someone else is in immediate danger, call 911.",
        call: Some("911"),
        emergency: true,
        ..line("ca-911", "CA", "Emergency services (911)")
    },
    BuiltIn {
        about: "Call 116 123 free, any time, to talk to someone who will listen.",
        call: Some("116123"),
        email: Some("jo@samaritans.org"),
        ..line("gb-samaritans", "GB", "Samaritans")
    },
    BuiltIn {
        about: "Text SHOUT to 85258 for free, confidential support, 24/7.",
        text: Some(("85258", Some("SHOUT"))),
        ..line("gb-shout", "GB", "Shout")
    },
    BuiltIn {
        about: "If you or someone else is in immediate danger, call 999.",
        call: Some("999"),
        emergency: true,
        ..line("gb-999", "GB", "Emergency services (999)")
    },
    BuiltIn {
        about: "Call 116 123 free, any time, to talk to someone who will listen.",
        call: Some("116123"),
        email: Some("jo@samaritans.ie"),
        ..line("ie-samaritans", "IE", "Samaritans")
    },
    BuiltIn {
        about: "Text HELLO to 50808 for free, anonymous support, 24/7.",
        text: Some(("50808", Some("HELLO"))),
        ..line("ie-50808", "IE", "50808")
    },
    BuiltIn {
        about: "If you or someone else is in immediate danger, call 112 or 999.",
        call: Some("112"),
        emergency: true,
        ..line("ie-112", "IE", "Emergency services (112)")
    },
    BuiltIn {
        about: "Call 13 11 14 or text 0477 13 11 14 for crisis support, any time.",
        call: Some("131114"),
        text: Some(("+61477131114", None)),
        ..line("au-lifeline", "AU", "Lifeline")
    },
    BuiltIn {
        about: "If you or someone else is in immediate danger, call 000.",
        call: Some("000"),
        emergency: true,
        ..line("au-000", "AU", "Emergency services (000)")
    },
    BuiltIn {
        about: "Call or text 1737, free, any time, to talk with a trained counsellor.",
        call: Some("1737"),
        text: Some(("1737", None)),
        ..line("nz-1737", "NZ", "Need to talk? 1737")
    },
    BuiltIn {
        about: "If you or someone else is in immediate danger, call 111.",
        call: Some("111"),
        emergency: true,
        ..line("nz-111", "NZ", "Emergency services (111)")
    },
    BuiltIn {
        about: "Mobile networks in most countries connect 112 to emergency services. Set your \
                country to see local crisis lines.",
        call: Some("112"),
        emergency: true,
        ..line("any-112", "", "Emergency services (112)")
    },
];

/// The regions with their own built-in lines.
pub fn regions_with_crisis_lines() -> Vec<&'static str> {
    let mut regions: Vec<&str> = BUILT_IN
        .iter()
        .map(|b| b.region)
        .filter(|r| !r.is_empty())
        .collect();
    regions.dedup();
    regions
}

fn built_in_for(region: Option<Region>) -> impl Iterator<Item = &'static BuiltIn> {
    let wanted = region.map(|r| r.code().to_owned());
    let has_own = BUILT_IN.iter().any(|b| Some(b.region) == wanted.as_deref());
    BUILT_IN.iter().filter(move |b| {
        if has_own {
            Some(b.region) == wanted.as_deref()
        } else {
            b.region.is_empty()
        }
    })
}

fn from_built_in(b: &BuiltIn, region: Option<Region>, message: Option<&str>) -> CrisisLine {
    let mut actions = Vec::new();
    if let Some(n) = b.call {
        actions.push(call(n, region));
    }
    if let Some((n, keyword)) = b.text {
        // A service's keyword routes the text; the participant's own words follow it.
        let body = match (keyword, message) {
            (Some(k), _) => Some(Text::Keyword(k)),
            (None, Some(m)) => Some(Text::Message(m)),
            (None, None) => None,
        };
        actions.push(text(n, region, body));
    }
    if let Some(n) = b.tty {
        actions.push(tty(n, region));
    }
    if let Some(a) = b.email {
        actions.push(email(a));
    }
    CrisisLine {
        id: format!("{BUILT_IN_PREFIX}{}", b.id),
        name: b.name.to_owned(),
        about: Some(b.about.to_owned()),
        source: LineSource::BuiltIn,
        program_id: None,
        emergency: b.emergency,
        actions,
    }
}

impl Store {
    /// Every crisis line for the participant, in the order to offer them: the region's
    /// built-in lines, the programs' lines, the participant's own, and last the emergency
    /// number. Works offline and before enrolment.
    pub fn crisis_lines(&self) -> Result<Vec<CrisisLine>> {
        self.crisis_lines_with(self.region()?, None)
    }

    /// [`Store::crisis_lines`], with `message` prefilled in texts that take free words.
    pub(crate) fn crisis_lines_with(
        &self,
        region: Option<Region>,
        message: Option<&str>,
    ) -> Result<Vec<CrisisLine>> {
        let (emergency, mut lines): (Vec<CrisisLine>, Vec<CrisisLine>) = built_in_for(region)
            .map(|b| from_built_in(b, region, message))
            .partition(|l| l.emergency);
        for (program_id, c) in self.program_contacts()? {
            if c.role == ContactRole::CrisisLine {
                lines.push(personal_line(
                    &c,
                    LineSource::Program,
                    Some(program_id),
                    region,
                    message,
                ));
            }
        }
        for c in self.contacts()? {
            if c.role == ContactRole::CrisisLine {
                lines.push(personal_line(
                    &c,
                    LineSource::Personal,
                    None,
                    region,
                    message,
                ));
            }
        }
        lines.extend(emergency);
        Ok(lines)
    }

    /// The built-in line `id` (`crisis:…`), whatever the region, if there is one; numbers are
    /// shown as `region` writes them, `message` prefilled in texts that take free words.
    pub(crate) fn built_in_line(
        &self,
        id: &str,
        region: Option<Region>,
        message: Option<&str>,
    ) -> Option<CrisisLine> {
        let short = id.strip_prefix(BUILT_IN_PREFIX)?;
        BUILT_IN
            .iter()
            .find(|b| b.id == short)
            .map(|b| from_built_in(b, region, message))
    }

    /// Refuses a change to a built-in line: they are part of the app.
    pub(crate) fn check_not_built_in(&self, id: &str) -> Result<()> {
        if id.starts_with(BUILT_IN_PREFIX) {
            return Err(Error::ReadOnly {
                kind: RecordKind::CrisisLine,
                id: id.to_owned(),
                reason: "is built into the app and cannot be changed or removed",
            });
        }
        Ok(())
    }
}

fn personal_line(
    c: &Contact,
    source: LineSource,
    program_id: Option<String>,
    region: Option<Region>,
    message: Option<&str>,
) -> CrisisLine {
    CrisisLine {
        id: c.id.clone(),
        name: c.name.clone(),
        about: c.notes.clone(),
        source,
        program_id,
        emergency: false,
        actions: crate::support::actions::contact_actions(c, region, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_has_lines_and_ends_with_its_emergency_number() {
        for r in regions_with_crisis_lines() {
            let lines: Vec<_> = built_in_for(r.parse().ok()).collect();
            assert!(lines.len() >= 2, "{r}");
            assert!(lines.last().is_some_and(|l| l.emergency), "{r}");
            assert_eq!(lines.iter().filter(|l| l.emergency).count(), 1, "{r}");
        }
        let unknown: Vec<_> = built_in_for("FR".parse().ok()).map(|b| b.id).collect();
        assert_eq!(unknown, ["any-112"]);
        let none: Vec<_> = built_in_for(None).map(|b| b.id).collect();
        assert_eq!(none, ["any-112"]);
    }

    #[test]
    fn built_in_ids_are_unique_and_every_line_can_be_reached() {
        let mut ids: Vec<_> = BUILT_IN.iter().map(|b| b.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), BUILT_IN.len());
        for b in BUILT_IN {
            let l = from_built_in(b, b.region.parse().ok(), None);
            assert!(!l.actions.is_empty(), "{}", b.id);
            for a in &l.actions {
                assert!(
                    ["tel:", "sms:", "mailto:"]
                        .iter()
                        .any(|s| a.uri.starts_with(s)),
                    "{}",
                    a.uri
                );
            }
        }
    }
}
