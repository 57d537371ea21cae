//! What the session form offers: kinds, lead times (with their words), weekdays and limits.

use chrono::Weekday;
use serde::Serialize;

use crate::schedule::recurrence::MAX_INTERVAL_WEEKS;
use crate::schedule::session::{MAX_DURATION_MINUTES, MAX_LEAD_MINUTES, MAX_LEADS, SessionKind};
use crate::screens::views::LeadChoice;

/// The lead times the session form and the preferences offer, in minutes: from "5 minutes
/// before" (already there) to "the day before".
pub const LEAD_CHOICES: [u32; 8] = [5, 10, 15, 30, 60, 120, 180, 1440];
/// The kinds offered, most common in an IOP first.
pub const SESSION_KIND_CHOICES: [SessionKind; 7] = [
    SessionKind::ProcessGroup,
    SessionKind::SkillsGroup,
    SessionKind::Psychoeducation,
    SessionKind::Individual,
    SessionKind::Family,
    SessionKind::Aftercare,
    SessionKind::Other,
];
/// The lengths the session form offers, in minutes (a session's own other length is offered
/// beside them by its form).
pub const DURATION_CHOICES: [u32; 10] = [15, 30, 45, 60, 75, 90, 120, 150, 180, 240];
/// A new session's length until the participant says otherwise.
pub const DEFAULT_SESSION_MINUTES: u32 = 60;

/// What the session form offers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScheduleChoices {
    pub kinds: Vec<SessionKind>,
    pub lead_minutes: Vec<u32>,
    /// The same lead times with their words.
    pub lead_choices: Vec<LeadChoice>,
    /// Monday first.
    pub weekdays: Vec<Weekday>,
    pub default_duration_minutes: u32,
    pub max_duration_minutes: u32,
    pub max_leads: u32,
    pub max_lead_minutes: u32,
    pub min_interval_weeks: u32,
    pub max_interval_weeks: u32,
    /// Every interval from the least to the most, with its words ("Every week", "Every 2
    /// weeks"), for a picker.
    pub interval_choices: Vec<IntervalChoice>,
    /// Lengths with their words ("1 hour 30 minutes"), shortest first.
    pub duration_choices: Vec<DurationChoice>,
}

/// A session length with its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DurationChoice {
    pub minutes: u32,
    pub label: String,
}

impl DurationChoice {
    pub fn of(minutes: u32) -> DurationChoice {
        DurationChoice {
            minutes,
            label: crate::screens::labels::duration_label(minutes),
        }
    }
}

/// One interval a repeating session may have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IntervalChoice {
    pub weeks: u32,
    pub label: String,
}

/// "Every week", "Every 2 weeks".
pub fn interval_label(weeks: u32) -> String {
    if weeks == 1 {
        "Every week".into()
    } else {
        format!("Every {weeks} weeks")
    }
}

/// What the session form offers.
pub fn session_choices() -> ScheduleChoices {
    ScheduleChoices {
        kinds: SESSION_KIND_CHOICES.to_vec(),
        lead_minutes: LEAD_CHOICES.to_vec(),
        lead_choices: LEAD_CHOICES.into_iter().map(LeadChoice::of).collect(),
        weekdays: vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ],
        default_duration_minutes: DEFAULT_SESSION_MINUTES,
        max_duration_minutes: MAX_DURATION_MINUTES,
        max_leads: count(MAX_LEADS),
        max_lead_minutes: MAX_LEAD_MINUTES,
        min_interval_weeks: 1,
        max_interval_weeks: MAX_INTERVAL_WEEKS,
        duration_choices: DURATION_CHOICES
            .into_iter()
            .map(DurationChoice::of)
            .collect(),
        interval_choices: (1..=MAX_INTERVAL_WEEKS)
            .map(|weeks| IntervalChoice {
                weeks,
                label: interval_label(weeks),
            })
            .collect(),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
