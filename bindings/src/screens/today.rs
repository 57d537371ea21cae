//! Today.

use companion_core::{CheckInSummary, CrisisShortcut, ReminderFacts, TodayScreen};

use crate::error::Result;
use crate::reminder_health::{PlatformFacts, ReminderNotice};
use crate::reminders::{ClockStyle, HeldReminder, held};
use crate::screens::views::{OccurrenceViewRecord, all};
use crate::store::CompanionStore;
use crate::support::{ContactActionRecord, ReachOutContactRecord};
use crate::types::{LocalDate, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckInSummaryRecord {
    pub mood: u8,
    pub craving: Option<u8>,
    /// "Checked in today: mood 7, craving 2".
    pub label: String,
}

/// Today's reminder card, in words.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReminderCardRecord {
    pub notice: ReminderNotice,
    pub title: String,
    pub detail: String,
    /// Asks for notifications (`AskPermission`) or opens reminder health.
    pub button: String,
}

/// The first crisis line's one-tap action (988 in the US).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CrisisShortcutRecord {
    pub line_id: String,
    pub name: String,
    pub action: ContactActionRecord,
}

/// What Today shows.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TodayScreenRecord {
    pub date: LocalDate,
    pub zone: String,
    /// Today's occurrences, cancelled ones included, by start.
    pub sessions: Vec<OccurrenceViewRecord>,
    /// The next few after today (cancelled ones marked), shown always.
    pub coming_up: Vec<OccurrenceViewRecord>,
    pub checkin: Option<CheckInSummaryRecord>,
    pub crisis: Option<CrisisShortcutRecord>,
    pub favourites: Vec<ReachOutContactRecord>,
    /// Reminders at risk: the card that opens reminder health (asking for notifications
    /// first, when that is still possible).
    pub reminder_notice: Option<ReminderNotice>,
    /// The same notice, in words.
    pub reminder_card: Option<ReminderCardRecord>,
}

impl From<TodayScreen> for TodayScreenRecord {
    fn from(t: TodayScreen) -> Self {
        TodayScreenRecord {
            date: t.date.into(),
            zone: t.zone,
            sessions: all(t.sessions),
            coming_up: all(t.coming_up),
            checkin: t.checkin.map(|c: CheckInSummary| CheckInSummaryRecord {
                mood: c.mood,
                craving: c.craving,
                label: c.label,
            }),
            crisis: t.crisis.map(|c: CrisisShortcut| CrisisShortcutRecord {
                line_id: c.line_id,
                name: c.name,
                action: c.action.into(),
            }),
            favourites: all(t.favourites),
            reminder_notice: t.reminder_notice.map(Into::into),
            reminder_card: t.reminder_card.map(|c| ReminderCardRecord {
                notice: c.notice.into(),
                title: c.title,
                detail: c.detail,
                button: c.button,
            }),
        }
    }
}

#[uniffi::export]
impl CompanionStore {
    /// What Today shows at `now` for a participant whose phone is in `zone`, with the
    /// reminder notice from the same facts and held reminders reminder health takes.
    pub fn today_screen(
        &self,
        now: Timestamp,
        zone: String,
        clock_style: ClockStyle,
        facts: PlatformFacts,
        held_now: Vec<HeldReminder>,
    ) -> Result<TodayScreenRecord> {
        let reminders = ReminderFacts {
            facts: facts.into(),
            held: held(held_now),
        };
        Ok(self
            .read(|s| s.today_screen(now.0, &zone, clock_style.into(), Some(&reminders)))?
            .into())
    }
}
