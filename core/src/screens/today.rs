//! The "today" view every shell opens on: the day's sessions, what is coming up, today's
//! check-in, and help one tap away (crisis lines first, then the participant's favourites).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::checkins::checkin::CheckIn;
use crate::error::Result;
use crate::schedule::notifications::ClockStyle;
use crate::schedule::occurrence::Occurrence;
use crate::schedule::reminders::apply::HeldReminder;
use crate::screens::reminder_health::verdict::{ReminderCard, reminder_card};
use crate::screens::reminder_health::{PlatformFacts, ReminderNotice};
use crate::screens::views::{OccurrenceView, Viewer, checked_now, zone_of};
use crate::storage::store::Store;
use crate::support::actions::ContactAction;
use crate::support::contact::Contact;
use crate::support::reach_out::ReachOutContact;

/// How far past today "coming up" looks.
pub const COMING_UP_DAYS: i64 = 14;
/// The most occurrences "coming up" shows. Cancelled ones count and are shown, marked: a
/// participant needs to know not to go.
pub const COMING_UP_MAX: usize = 3;

/// Today's sessions, today's check-in (if done) and the favourite contacts, as the core's
/// records (the terminal shell's `today`, and the pieces [`TodayScreen`] is made of).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Today {
    /// The participant's local date.
    pub date: NaiveDate,
    pub time_zone: String,
    /// Sessions overlapping the local day, cancelled ones included and marked.
    pub sessions: Vec<Occurrence>,
    pub checkin: Option<CheckIn>,
    pub favourites: Vec<Contact>,
}

/// Today's check-in, once done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckInSummary {
    pub mood: u8,
    pub craving: Option<u8>,
    /// "Checked in today: mood 7, craving 2".
    pub label: String,
}

/// The one-tap way to the first crisis line (988 in the US): its name and first action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrisisShortcut {
    pub line_id: String,
    pub name: String,
    pub action: ContactAction,
}

/// What the phone knows of its reminders, the facts reminder health takes: Today shows a
/// notice when they are at risk.
#[derive(Debug, Clone, PartialEq)]
pub struct ReminderFacts {
    pub facts: PlatformFacts,
    /// What the OS holds now.
    pub held: Vec<HeldReminder>,
}

/// What Today shows, decided once for every shell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TodayScreen {
    /// The participant's local date, from now and their phone's zone.
    pub date: NaiveDate,
    pub zone: String,
    /// Today's occurrences, cancelled ones included, by start.
    pub sessions: Vec<OccurrenceView>,
    /// After today, within [`COMING_UP_DAYS`], at most [`COMING_UP_MAX`], by start; shown
    /// whether or not anything is left today.
    pub coming_up: Vec<OccurrenceView>,
    pub checkin: Option<CheckInSummary>,
    /// First: help in a crisis is the one thing always on Today.
    pub crisis: Option<CrisisShortcut>,
    /// The participant's favourites, each with its actions.
    pub favourites: Vec<ReachOutContact>,
    /// Reminders at risk (notifications not yet allowed with something planned, or a check
    /// that is a problem): the card that opens reminder health. `None` without the facts.
    pub reminder_notice: Option<ReminderNotice>,
    /// The same notice, in words.
    pub reminder_card: Option<ReminderCard>,
}

impl Store {
    /// The day containing `now` for a participant in `zone` (their phone's IANA zone).
    pub fn today(&self, now: DateTime<Utc>, zone: &str) -> Result<Today> {
        let tz = zone_of(zone)?;
        let now = checked_now(now)?;
        let date = now.with_timezone(&tz).date_naive();
        Ok(Today {
            date,
            time_zone: tz.name().to_owned(),
            sessions: self.occurrences_on(date, zone)?,
            checkin: self.checkin(date)?,
            favourites: self
                .contacts()?
                .into_iter()
                .filter(|c| c.favourite)
                .collect(),
        })
    }

    /// What Today shows at `now` in `zone`, its times on the phone's `clock`, with the
    /// reminder notice when the phone gives its `reminders` facts (the terminal has none).
    pub fn today_screen(
        &self,
        now: DateTime<Utc>,
        zone: &str,
        clock: ClockStyle,
        reminders: Option<&ReminderFacts>,
    ) -> Result<TodayScreen> {
        let tz = zone_of(zone)?;
        let today = self.today(now, zone)?;
        let viewer = Viewer::new(self, now, tz, clock)?;
        let (_, tomorrow_starts) = crate::schedule::occurrence::day_bounds(tz, today.date)?;
        let horizon = tomorrow_starts + Duration::days(COMING_UP_DAYS);
        let coming_up = self
            .occurrences(tomorrow_starts, horizon)?
            .into_iter()
            // Starting today and running past midnight is today's, not coming up.
            .filter(|o| o.start >= tomorrow_starts)
            .take(COMING_UP_MAX)
            .map(|o| viewer.view(o))
            .collect();
        let crisis = self.crisis_lines()?.into_iter().find_map(|line| {
            let action = line.actions.into_iter().next()?;
            Some(CrisisShortcut {
                line_id: line.id,
                name: line.name,
                action,
            })
        });
        let favourites = self
            .reach_out(None)?
            .favourites
            .into_iter()
            .filter(|c| c.favourite)
            .collect();
        let notice = match reminders {
            None => None,
            Some(r) => {
                self.reminder_health(now, zone, clock, &r.facts, &r.held)?
                    .notice
            }
        };
        Ok(TodayScreen {
            date: today.date,
            zone: today.time_zone,
            sessions: today.sessions.into_iter().map(|o| viewer.view(o)).collect(),
            coming_up,
            checkin: today.checkin.map(|c| CheckInSummary {
                mood: c.mood,
                craving: c.craving,
                label: match c.craving {
                    Some(k) => format!("Checked in today: mood {}, craving {k}", c.mood),
                    None => format!("Checked in today: mood {}", c.mood),
                },
            }),
            crisis,
            favourites,
            reminder_card: notice.map(reminder_card),
            reminder_notice: notice,
        })
    }
}
