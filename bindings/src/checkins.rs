//! Daily check-ins.

use companion_core::{CheckIn, CheckInEdit};

use crate::error::Result;
use crate::store::CompanionStore;
use crate::types::{LocalDate, Timestamp};

/// One day's check-in. `date` is the participant's local date.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CheckInRecord {
    pub date: LocalDate,
    pub mood: u8,
    pub craving: Option<u8>,
    pub emotions: Vec<String>,
    pub sleep_hours: Option<f64>,
    pub used_today: Option<bool>,
    pub note: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// An answer a check-in can take back (a craving recorded by mistake).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CheckInField {
    Craving,
    Sleep,
    UsedToday,
}

impl From<CheckInField> for companion_core::CheckInField {
    fn from(f: CheckInField) -> Self {
        match f {
            CheckInField::Craving => companion_core::CheckInField::Craving,
            CheckInField::Sleep => companion_core::CheckInField::Sleep,
            CheckInField::UsedToday => companion_core::CheckInField::UsedToday,
        }
    }
}

/// What to record; `None` leaves a field as it is, an empty note removes the note, and `clear`
/// takes answers back (none of them may be set in the same input).
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct CheckInInput {
    #[uniffi(default = None)]
    pub mood: Option<u8>,
    #[uniffi(default = None)]
    pub craving: Option<u8>,
    #[uniffi(default = None)]
    pub emotions: Option<Vec<String>>,
    #[uniffi(default = None)]
    pub sleep_hours: Option<f64>,
    #[uniffi(default = None)]
    pub used_today: Option<bool>,
    #[uniffi(default = None)]
    pub note: Option<String>,
    #[uniffi(default = [])]
    pub clear: Vec<CheckInField>,
}

impl From<CheckIn> for CheckInRecord {
    fn from(c: CheckIn) -> Self {
        CheckInRecord {
            date: c.date.into(),
            mood: c.mood,
            craving: c.craving,
            emotions: c.emotions.into_iter().collect(),
            sleep_hours: c.sleep_hours,
            used_today: c.used_today,
            note: c.note,
            created_at: c.created_at.into(),
            updated_at: c.updated_at.into(),
        }
    }
}

#[uniffi::export]
impl CompanionStore {
    pub fn record_checkin(&self, date: LocalDate, input: CheckInInput) -> Result<CheckInRecord> {
        let day = date.0;
        let edit = CheckInEdit {
            mood: input.mood,
            craving: input.craving,
            emotions: input.emotions,
            sleep_hours: input.sleep_hours,
            used_today: input.used_today,
            note: input.note,
            clear: input.clear.into_iter().map(Into::into).collect(),
        };
        Ok(self.write(|s| s.record_checkin(day, &edit))?.into())
    }

    pub fn checkin(&self, date: LocalDate) -> Result<Option<CheckInRecord>> {
        Ok(self.read(|s| s.checkin(date.0))?.map(Into::into))
    }

    /// Check-ins from `from` to `to` (either may be absent), oldest first.
    pub fn checkins(
        &self,
        from: Option<LocalDate>,
        to: Option<LocalDate>,
    ) -> Result<Vec<CheckInRecord>> {
        Ok(self
            .read(|s| s.checkins(from.map(|d| d.0), to.map(|d| d.0)))?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    pub fn delete_checkin(&self, date: LocalDate) -> Result<()> {
        self.write(|s| s.delete_checkin(date.0))
    }

    /// Emotion tags the check-in screen offers first.
    pub fn suggested_emotions(&self) -> Vec<String> {
        companion_core::SUGGESTED_EMOTIONS
            .iter()
            .map(|e| (*e).to_owned())
            .collect()
    }
}
