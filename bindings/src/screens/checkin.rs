//! The check-in screen and its merge-safe save.

use companion_core::{CheckInSaved, CheckInScreen, CheckInValues, Scale};

use crate::error::Result;
use crate::store::CompanionStore;
use crate::types::{LocalDate, Timestamp};

/// A check-in's answers as the form holds them.
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct CheckInValuesRecord {
    #[uniffi(default = None)]
    pub mood: Option<u8>,
    #[uniffi(default = None)]
    pub craving: Option<u8>,
    #[uniffi(default = [])]
    pub emotions: Vec<String>,
    #[uniffi(default = None)]
    pub sleep_hours: Option<f64>,
    #[uniffi(default = None)]
    pub used_today: Option<bool>,
    #[uniffi(default = None)]
    pub note: Option<String>,
}

/// A whole-number scale, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScaleRecord {
    /// "Mood".
    pub name: String,
    pub min: u8,
    pub max: u8,
    /// What each end means: "Very low" … "Very good".
    pub min_label: String,
    pub max_label: String,
    /// Every value, lowest first, with the figure to show for it.
    pub choices: Vec<ScaleChoiceRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UsedTodayChoiceRecord {
    pub value: Option<bool>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScaleChoiceRecord {
    pub value: u8,
    pub label: String,
}

/// One night's sleep the picker offers, with its words ("7h30").
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SleepChoiceRecord {
    pub hours: f64,
    pub label: String,
}

/// What the check-in screen shows.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CheckInScreenRecord {
    pub date: LocalDate,
    /// "Today's check-in", "Check-in for Mon 16 Nov".
    pub title: String,
    pub existing: bool,
    /// What the form opens with; pass it back to `saveCheckinForm` as `opened`.
    pub values: CheckInValuesRecord,
    pub mood: ScaleRecord,
    pub craving: ScaleRecord,
    pub sleep_min_hours: f64,
    pub sleep_max_hours: f64,
    pub sleep_step_hours: f64,
    /// The sleep picker's entry for no answer.
    pub sleep_unset_label: String,
    /// "Used today?": no answer, no, yes, with their words.
    pub used_today_choices: Vec<UsedTodayChoiceRecord>,
    /// Every sleep the picker offers, with its words.
    pub sleep_choices: Vec<SleepChoiceRecord>,
    /// The core's suggestions first, then the check-in's own other tags.
    pub emotion_choices: Vec<String>,
    pub max_emotions: u32,
    pub emotion_max_chars: u32,
    pub note_max_bytes: u32,
    pub mood_required: bool,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CheckInSavedRecord {
    pub screen: CheckInScreenRecord,
    /// The moment to ask for notification permission, if the platform has not.
    pub ask_notification_permission: bool,
}

impl From<Scale> for ScaleRecord {
    fn from(s: Scale) -> Self {
        ScaleRecord {
            name: s.name,
            min: s.min,
            max: s.max,
            min_label: s.min_label,
            max_label: s.max_label,
            choices: s
                .choices
                .into_iter()
                .map(|c| ScaleChoiceRecord {
                    value: c.value,
                    label: c.label,
                })
                .collect(),
        }
    }
}

impl From<CheckInValues> for CheckInValuesRecord {
    fn from(v: CheckInValues) -> Self {
        CheckInValuesRecord {
            mood: v.mood,
            craving: v.craving,
            emotions: v.emotions,
            sleep_hours: v.sleep_hours,
            used_today: v.used_today,
            note: v.note,
        }
    }
}

impl From<CheckInValuesRecord> for CheckInValues {
    fn from(v: CheckInValuesRecord) -> Self {
        CheckInValues {
            mood: v.mood,
            craving: v.craving,
            emotions: v.emotions,
            sleep_hours: v.sleep_hours,
            used_today: v.used_today,
            note: v.note,
        }
    }
}

impl From<CheckInScreen> for CheckInScreenRecord {
    fn from(s: CheckInScreen) -> Self {
        CheckInScreenRecord {
            date: s.date.into(),
            title: s.title,
            existing: s.existing,
            values: s.values.into(),
            mood: s.mood.into(),
            craving: s.craving.into(),
            sleep_min_hours: s.sleep_min_hours,
            sleep_max_hours: s.sleep_max_hours,
            sleep_step_hours: s.sleep_step_hours,
            sleep_unset_label: s.sleep_unset_label,
            used_today_choices: s
                .used_today_choices
                .into_iter()
                .map(|c| UsedTodayChoiceRecord {
                    value: c.value,
                    label: c.label,
                })
                .collect(),
            sleep_choices: s
                .sleep_choices
                .into_iter()
                .map(|c| SleepChoiceRecord {
                    hours: c.hours,
                    label: c.label,
                })
                .collect(),
            emotion_choices: s.emotion_choices,
            max_emotions: s.max_emotions,
            emotion_max_chars: s.emotion_max_chars,
            note_max_bytes: s.note_max_bytes,
            mood_required: s.mood_required,
        }
    }
}

impl From<CheckInSaved> for CheckInSavedRecord {
    fn from(s: CheckInSaved) -> Self {
        CheckInSavedRecord {
            screen: s.screen.into(),
            ask_notification_permission: s.ask_notification_permission,
        }
    }
}

#[uniffi::export]
impl CompanionStore {
    /// The check-in screen for today, from `now` and the phone's `zone`.
    pub fn checkin_screen_today(
        &self,
        now: Timestamp,
        zone: String,
    ) -> Result<CheckInScreenRecord> {
        Ok(self.read(|s| s.checkin_screen_today(now.0, &zone))?.into())
    }

    /// The check-in screen for `date`, titled against today (from `now` and `zone`).
    pub fn checkin_screen(
        &self,
        date: LocalDate,
        now: Timestamp,
        zone: String,
    ) -> Result<CheckInScreenRecord> {
        Ok(self
            .read(|s| s.checkin_screen(date.0, now.0, &zone))?
            .into())
    }

    /// Saves the form: `opened` is the screen's `values`, `edited` the form now. Only the
    /// answers that differ are written; unset ones are cleared; a field another device changed
    /// meanwhile keeps that change unless it was changed here too.
    pub fn save_checkin_form(
        &self,
        date: LocalDate,
        opened: CheckInValuesRecord,
        edited: CheckInValuesRecord,
        now: Timestamp,
        zone: String,
    ) -> Result<CheckInSavedRecord> {
        let (opened, edited) = (opened.into(), edited.into());
        Ok(self
            .write(|s| s.save_checkin_form(date.0, &opened, &edited, now.0, &zone))?
            .into())
    }
}
