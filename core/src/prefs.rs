//! The participant's preferences, synced like everything else.

use chrono::{NaiveTime, Timelike};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::schedule::session::{clean_leads, leads_from_str, leads_to_str};
use crate::storage::doc::{self, PREFS, Record};
use crate::storage::store::Store;
use crate::support::phone::Region;

/// Reminder lead times (minutes) for sessions that set none of their own.
pub const DEFAULT_REMINDER_LEADS: [u32; 1] = [60];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preferences {
    /// Local time of the daily check-in reminder; `None` turns it off.
    pub checkin_reminder: Option<NaiveTime>,
    /// Notifications that name no treatment, program or substance (on unless turned off).
    pub discreet_notifications: bool,
    /// Minutes before a session to remind, for sessions that set none.
    pub default_reminder_leads: Vec<u32>,
    /// The participant's country, when they chose one; otherwise the device's region (see
    /// [`Store::set_device_region`]) decides how phone numbers are read and which crisis
    /// lines are offered.
    pub region: Option<Region>,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            checkin_reminder: NaiveTime::from_hms_opt(20, 0, 0),
            discreet_notifications: true,
            default_reminder_leads: DEFAULT_REMINDER_LEADS.to_vec(),
            region: None,
        }
    }
}

/// Preferences to change; `None` leaves a preference as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreferencesEdit {
    /// `Some(None)` turns the check-in reminder off.
    pub checkin_reminder: Option<Option<NaiveTime>>,
    pub discreet_notifications: Option<bool>,
    pub default_reminder_leads: Option<Vec<u32>>,
    /// A two-letter country code; `Some(None)` goes back to the device's region.
    pub region: Option<Option<String>>,
}

impl Store {
    pub fn preferences(&self) -> Result<Preferences> {
        let doc = self.durable.doc();
        let map = doc::root_map(doc, PREFS)?;
        let mut p = Preferences::default();
        let Some(rec) = Record::get(doc, &map, "participant")? else {
            return Ok(p);
        };
        match rec.str(doc, "checkin_reminder").as_deref() {
            Some("off") => p.checkin_reminder = None,
            Some(t) => {
                if let Ok(t) = NaiveTime::parse_from_str(t, "%H:%M") {
                    p.checkin_reminder = Some(t);
                }
            }
            None => {}
        }
        if let Some(d) = rec.bool(doc, "discreet") {
            p.discreet_notifications = d;
        }
        if let Some(l) = rec.str(doc, "leads").and_then(|l| leads_from_str(&l)) {
            p.default_reminder_leads = l;
        }
        p.region = rec.str(doc, "region").and_then(|r| r.parse().ok());
        Ok(p)
    }

    /// The region that reads phone numbers and picks crisis lines: the participant's choice,
    /// else the device's.
    pub fn region(&self) -> Result<Option<Region>> {
        Ok(self.preferences()?.region.or(self.device_region))
    }

    /// Tells the core the device's region (its locale's country), used when the participant
    /// has not chosen one. The shells call this at start; it is not stored or synced, because
    /// each device may be somewhere else. `None` means "not known"; a code that is not a
    /// country is refused and changes nothing.
    pub fn set_device_region(&mut self, code: Option<&str>) -> Result<()> {
        self.device_region = code.map(str::parse).transpose()?;
        Ok(())
    }

    pub fn edit_preferences(&mut self, edit: &PreferencesEdit) -> Result<Preferences> {
        let leads = edit
            .default_reminder_leads
            .as_deref()
            .map(clean_leads)
            .transpose()?;
        let region = match &edit.region {
            Some(Some(r)) => Some(Some(r.parse::<Region>()?)),
            Some(None) => Some(None),
            None => None,
        };
        if let Some(Some(t)) = edit.checkin_reminder
            && (t.second() != 0 || t.nanosecond() != 0)
        {
            return Err(Error::invalid(
                "check-in reminder",
                "must be a whole minute",
            ));
        }
        self.durable.change(|doc| {
            let map = doc::root_map(doc, PREFS)?;
            // One record, created concurrently by two devices at worst: merged field by field.
            let rec = match Record::get(doc, &map, "participant")? {
                Some(r) => r,
                None => Record::create(doc, &map, "participant")?,
            };
            if let Some(t) = edit.checkin_reminder {
                let v = t.map_or("off".to_owned(), |t| t.format("%H:%M").to_string());
                rec.put(doc, "checkin_reminder", v)?;
            }
            if let Some(d) = edit.discreet_notifications {
                rec.put(doc, "discreet", d)?;
            }
            if let Some(l) = &leads {
                rec.put(doc, "leads", leads_to_str(l))?;
            }
            if let Some(r) = region {
                rec.put_opt_str(doc, "region", r.as_ref().map(Region::code))?;
            }
            Ok(())
        })?;
        self.preferences()
    }
}
