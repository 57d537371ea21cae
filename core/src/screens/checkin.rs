//! The check-in screen, built for under 30 seconds: the form's scales and choices from the
//! core, and a save that writes only what the participant changed.
//!
//! Merge-safe editing: the screen opens with the stored values; saving compares the edited
//! values with those, not with what is stored now, so a field another device changed (and a
//! background sync merged) while the form was open keeps that change unless the participant
//! changed the same field here. An answer the participant unset is cleared, so a craving taken
//! back does not go on into a clinic's export.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::checkins::checkin::{
    CheckIn, CheckInEdit, CheckInField, EMOTION_MAX_CHARS, MAX_EMOTIONS, SLEEP_MAX_HOURS,
    SUGGESTED_EMOTIONS,
};
use crate::error::{Error, Result};
use crate::screens::labels;
use crate::screens::scales::{
    SLEEP_STEP_HOURS, Scale, SleepChoice, craving_scale, mood_scale, sleep_choices,
};
use crate::screens::views::{checked_now, zone_of};
use crate::storage::store::Store;
use crate::validate::NOTE_MAX_BYTES;

/// A check-in's answers as a form holds them: every one optional until saved.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckInValues {
    pub mood: Option<u8>,
    pub craving: Option<u8>,
    /// Normalised as the core stores them (lower case), in order.
    pub emotions: Vec<String>,
    pub sleep_hours: Option<f64>,
    pub used_today: Option<bool>,
    pub note: Option<String>,
}

impl From<&CheckIn> for CheckInValues {
    fn from(c: &CheckIn) -> Self {
        CheckInValues {
            mood: Some(c.mood),
            craving: c.craving,
            emotions: c.emotions.iter().cloned().collect(),
            sleep_hours: c.sleep_hours,
            used_today: c.used_today,
            note: c.note.clone(),
        }
    }
}

/// One answer to "used today?"; `value` `None` is no answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsedTodayChoice {
    pub value: Option<bool>,
    pub label: String,
}

fn used_today_choices() -> Vec<UsedTodayChoice> {
    [
        (None, "Not answered"),
        (Some(false), "No"),
        (Some(true), "Yes"),
    ]
    .into_iter()
    .map(|(value, label)| UsedTodayChoice {
        value,
        label: label.into(),
    })
    .collect()
}

/// What the check-in screen shows for `date`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckInScreen {
    pub date: NaiveDate,
    /// "Today's check-in", "Check-in for Mon 16 Nov".
    pub title: String,
    /// Whether `date` already has a check-in (the screen edits it).
    pub existing: bool,
    /// The values the form opens with: what is stored, or nothing for a new check-in. Save
    /// compares the edited form with these.
    pub values: CheckInValues,
    pub mood: Scale,
    pub craving: Scale,
    /// Every sleep the picker offers, with its words (and the opened value where it is off
    /// the step).
    pub sleep_choices: Vec<SleepChoice>,
    pub sleep_min_hours: f64,
    pub sleep_max_hours: f64,
    pub sleep_step_hours: f64,
    /// The sleep picker's entry for no answer ("Not given").
    pub sleep_unset_label: String,
    /// "Used today?": no answer, no, yes, with their words. An answer taken back is cleared.
    pub used_today_choices: Vec<UsedTodayChoice>,
    /// The core's suggestions first, then the check-in's own other tags.
    pub emotion_choices: Vec<String>,
    pub max_emotions: u32,
    pub emotion_max_chars: u32,
    pub note_max_bytes: u32,
    /// A new check-in needs a mood; an existing one keeps its mood.
    pub mood_required: bool,
}

/// What saving did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckInSaved {
    /// The screen as it is now: its `values` are what was stored, to edit again.
    pub screen: CheckInScreen,
    /// The moment to ask for notification permission (if the platform has not asked): the
    /// daily check-in reminder is on, so tomorrow's reminder is the reason.
    pub ask_notification_permission: bool,
}

fn local_today(now: DateTime<Utc>, zone: &str) -> Result<NaiveDate> {
    let tz = zone_of(zone)?;
    Ok(checked_now(now)?.with_timezone(&tz).date_naive())
}

/// "Today's check-in", "Yesterday's check-in", "Check-in for Mon 16 Nov".
pub fn checkin_title(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "Today's check-in".into(),
        -1 => "Yesterday's check-in".into(),
        _ => format!("Check-in for {}", labels::date_label(date, today)),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Store {
    /// The check-in screen for today, as now and `zone` make it.
    pub fn checkin_screen_today(&self, now: DateTime<Utc>, zone: &str) -> Result<CheckInScreen> {
        let today = local_today(now, zone)?;
        self.checkin_screen_on(today, today)
    }

    /// The check-in screen for `date`, titled against today (from `now` and `zone`).
    pub fn checkin_screen(
        &self,
        date: NaiveDate,
        now: DateTime<Utc>,
        zone: &str,
    ) -> Result<CheckInScreen> {
        self.checkin_screen_on(date, local_today(now, zone)?)
    }

    fn checkin_screen_on(&self, date: NaiveDate, today: NaiveDate) -> Result<CheckInScreen> {
        let existing = self.checkin(date)?;
        let values = existing
            .as_ref()
            .map(CheckInValues::from)
            .unwrap_or_default();
        let mut choices: Vec<String> = SUGGESTED_EMOTIONS.iter().map(|e| (*e).to_owned()).collect();
        for own in &values.emotions {
            if !choices.contains(own) {
                choices.push(own.clone());
            }
        }
        // A night recorded off the picker's step (7.25 h from the terminal) is offered too, in
        // its place, so the form opens on it and saving without touching it keeps it.
        let mut sleep = sleep_choices();
        if let Some(h) = values.sleep_hours
            && !sleep.iter().any(|c| c.hours == h)
        {
            let at = sleep.partition_point(|c| c.hours < h);
            sleep.insert(
                at,
                SleepChoice {
                    hours: h,
                    label: labels::sleep_label(Some(h)),
                },
            );
        }
        Ok(CheckInScreen {
            date,
            title: checkin_title(date, today),
            existing: existing.is_some(),
            mood_required: existing.is_none(),
            values,
            mood: mood_scale(),
            craving: craving_scale(),
            sleep_choices: sleep,
            sleep_min_hours: 0.0,
            sleep_max_hours: SLEEP_MAX_HOURS,
            sleep_step_hours: SLEEP_STEP_HOURS,
            sleep_unset_label: "Not given".into(),
            used_today_choices: used_today_choices(),
            emotion_choices: choices,
            max_emotions: count(MAX_EMOTIONS),
            emotion_max_chars: count(EMOTION_MAX_CHARS),
            note_max_bytes: count(NOTE_MAX_BYTES),
        })
    }

    /// Saves the check-in form for `date`: `opened` is what the form opened with (the screen's
    /// `values`), `edited` what it holds now. Writes only the fields that differ between the
    /// two, clears the answers unset, and adds and removes emotion tags one by one, all as one
    /// change. Nothing changed: nothing is written.
    pub fn save_checkin_form(
        &mut self,
        date: NaiveDate,
        opened: &CheckInValues,
        edited: &CheckInValues,
        now: DateTime<Utc>,
        zone: &str,
    ) -> Result<CheckInSaved> {
        // Checked first: a bad zone changes nothing.
        let today = local_today(now, zone)?;
        let current = self.checkin(date)?;
        // No check-in stored (a new one, or one deleted on another device meanwhile): every
        // answer in the form is new.
        let blank = CheckInValues::default();
        let opened = if current.is_some() { opened } else { &blank };
        let mut edit = CheckInEdit::default();
        if edited.mood != opened.mood {
            match edited.mood {
                Some(m) => edit.mood = Some(m),
                None => return Err(Error::invalid("mood", "is required")),
            }
        }
        let mut clear = Vec::new();
        if edited.craving != opened.craving {
            match edited.craving {
                Some(c) => edit.craving = Some(c),
                None => clear.push(CheckInField::Craving),
            }
        }
        if edited.sleep_hours != opened.sleep_hours {
            match edited.sleep_hours {
                Some(h) => edit.sleep_hours = Some(h),
                None => clear.push(CheckInField::Sleep),
            }
        }
        if edited.used_today != opened.used_today {
            match edited.used_today {
                Some(u) => edit.used_today = Some(u),
                None => clear.push(CheckInField::UsedToday),
            }
        }
        let note = |n: &Option<String>| n.as_deref().map(str::trim).unwrap_or("").to_owned();
        if note(&edited.note) != note(&opened.note) {
            // An empty note removes the note.
            edit.note = Some(note(&edited.note));
        }
        let normal = |tags: &[String]| -> BTreeSet<String> {
            tags.iter()
                .map(|t| {
                    t.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase()
                })
                .filter(|t| !t.is_empty())
                .collect()
        };
        let (was, now) = (normal(&opened.emotions), normal(&edited.emotions));
        if was != now {
            let mut wanted: BTreeSet<String> = current
                .as_ref()
                .map(|c| c.emotions.clone())
                .unwrap_or_default();
            for gone in was.difference(&now) {
                wanted.remove(gone);
            }
            wanted.extend(now.difference(&was).cloned());
            edit.emotions = Some(wanted.into_iter().collect());
        }
        // Taking back an answer that is not stored any more is nothing to do.
        clear.retain(|f| match (f, &current) {
            (CheckInField::Craving, Some(c)) => c.craving.is_some(),
            (CheckInField::Sleep, Some(c)) => c.sleep_hours.is_some(),
            (CheckInField::UsedToday, Some(c)) => c.used_today.is_some(),
            (_, None) => false,
        });
        edit.clear = clear;
        let unchanged = edit == CheckInEdit::default();
        if !unchanged {
            self.record_checkin(date, &edit)?;
        }
        Ok(CheckInSaved {
            screen: self.checkin_screen_on(date, today)?,
            ask_notification_permission: !unchanged
                && self.preferences()?.checkin_reminder.is_some(),
        })
    }
}
