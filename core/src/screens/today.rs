//! The "today" view every shell opens on.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;

use crate::checkins::checkin::CheckIn;
use crate::error::{Error, Result};
use crate::schedule::occurrence::Occurrence;
use crate::storage::store::Store;
use crate::support::contact::Contact;
use crate::validate;

/// Today's sessions, today's check-in (if done) and the favourite contacts.
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

impl Store {
    /// The day containing `now` for a participant in `zone` (their phone's IANA zone).
    pub fn today(&self, now: DateTime<Utc>, zone: &str) -> Result<Today> {
        let tz = validate::time_zone(zone)?;
        if !(1900..=2200).contains(&now.year()) {
            return Err(Error::invalid("now", "must lie between 1900 and 2200"));
        }
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
}
