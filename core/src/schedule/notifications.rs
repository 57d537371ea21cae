//! The words of every notification, once for both apps, in English.
//!
//! A reminder is worded when it is handed to the OS, in the participant's zone and clock
//! style, so its times read right where they are; a zone change re-words every held reminder
//! (`reminders/apply.rs`). Nothing personal reaches a notification except what the
//! participant chose to show with discreet notifications off: a session's title and
//! location. Never a note, a contact, a video link or a check-in answer. Every notification
//! also has a public version (lock screen, hidden previews) that says nothing at all.

use chrono::{DateTime, Offset, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::error::Result;
use crate::schedule::reminders::{PlannedReminder, ReminderContent, ReminderKind};
use crate::validate;

/// The app's name as notifications say it: neutral, no treatment word.
pub const APP_NAME: &str = "Companion";
/// The title of every discreet reminder and of the "keep coming" one.
pub const DISCREET_TITLE: &str = "Reminder";
/// A discreet session reminder whose start is unknown (every planned one has a start).
pub const DISCREET_APPOINTMENT_BODY: &str = "You have an appointment.";
/// A discreet check-in reminder.
pub const DISCREET_CHECK_IN_BODY: &str = "A reminder from Companion.";
pub const CHECK_IN_TITLE: &str = "Daily check-in";
pub const CHECK_IN_BODY: &str = "How are you today? It takes under a minute.";
/// What a named session reminder says of a video session (never the link itself).
pub const BY_VIDEO: &str = "By video";
/// Between the parts of a named session reminder's body.
pub const BODY_SEPARATOR: &str = " · ";
pub const KEEP_COMING_TITLE: &str = DISCREET_TITLE;
pub const KEEP_COMING_BODY: &str = "Open Companion to keep your reminders coming.";
/// The public version of every notification: what a locked phone or a hidden preview shows.
pub const PUBLIC_TITLE: &str = "Reminder";
pub const PUBLIC_BODY: &str = "Unlock to see it";
pub const SYNC_STOPPED_TITLE: &str = "Sync stopped";
pub const SYNC_STOPPED_BODY: &str =
    "This phone no longer syncs. Open settings to enrol or link it again.";
/// Every reminder in one thread (iOS groups by it): a session's title would be personal.
pub const REMINDER_THREAD: &str = "reminders";
pub const STATUS_THREAD: &str = "status";

/// How the phone shows times: the participant's 12- or 24-hour setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClockStyle {
    /// "9:00 AM".
    TwelveHour,
    /// "09:00".
    TwentyFourHour,
}

/// Where a notification goes; Android makes one channel each, up front.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotificationChannel {
    /// Before sessions: time-critical.
    SessionReminders,
    /// The daily check-in: a gentle nudge.
    CheckInReminder,
    /// The app's state (sync stopped, keep coming): never urgent.
    Status,
}

/// A channel as the phone's notification settings list it: its name and what it is for.
/// Shown outside the app, so neutral like the app's name.
pub fn channel_label(channel: NotificationChannel) -> (&'static str, &'static str) {
    match channel {
        NotificationChannel::SessionReminders => (
            "Appointment reminders",
            "Before each appointment, at the times you chose",
        ),
        NotificationChannel::CheckInReminder => (
            "Daily reminder",
            "Once a day, on days you have not checked in yet",
        ),
        NotificationChannel::Status => ("Status", "When something needs you"),
    }
}

/// The screen a tap on the notification opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotificationTarget {
    Today,
    CheckIn,
    Settings,
}

/// A notification, worded: what the platform posts as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    pub title: String,
    pub body: String,
    /// The version a locked phone or a hidden preview shows: always neutral.
    pub public_title: String,
    pub public_body: String,
    pub channel: NotificationChannel,
    /// Breaks through Focus (iOS's time-sensitive interruption level).
    pub time_sensitive: bool,
    pub opens: NotificationTarget,
    /// The group it joins (iOS's thread identifier); never personal.
    pub thread: String,
    /// Its title or body names something the participant chose to show (a session, the
    /// check-in): a locked phone must show only the public version (Android's
    /// `VISIBILITY_SECRET` with the public version; iOS hides previews by its own setting).
    pub named: bool,
}

fn notification(
    title: String,
    body: String,
    channel: NotificationChannel,
    opens: NotificationTarget,
    thread: &str,
    named: bool,
) -> Notification {
    Notification {
        title,
        body,
        public_title: PUBLIC_TITLE.into(),
        public_body: PUBLIC_BODY.into(),
        channel,
        time_sensitive: channel == NotificationChannel::SessionReminders,
        opens,
        thread: thread.into(),
        named,
    }
}

/// "You have an appointment at 10:00.": a discreet session reminder.
pub fn discreet_appointment_body(time: &str) -> String {
    format!("You have an appointment at {time}.")
}

/// "Starts at 10:00": the start of a named session reminder's body.
pub fn starts_at_text(time: &str) -> String {
    format!("Starts at {time}")
}

/// " (9:00 in Chicago)": the session's own clock, when it reads differently.
pub fn own_time_text(time: &str, place: &str) -> String {
    format!(" ({time} in {place})")
}

/// The words of a planned reminder, for a participant in `zone` whose phone shows times in
/// `clock`.
pub fn reminder_notification(
    reminder: &PlannedReminder,
    zone: &str,
    clock: ClockStyle,
) -> Result<Notification> {
    Ok(word(reminder, validate::time_zone(zone)?, clock))
}

/// The "sync stopped" status notification: the device is no longer enrolled.
pub fn sync_stopped_notification() -> Notification {
    notification(
        SYNC_STOPPED_TITLE.into(),
        SYNC_STOPPED_BODY.into(),
        NotificationChannel::Status,
        NotificationTarget::Settings,
        STATUS_THREAD,
        false,
    )
}

pub(crate) fn word(r: &PlannedReminder, tz: Tz, clock: ClockStyle) -> Notification {
    use NotificationChannel as C;
    use NotificationTarget as T;
    let start = r.starts_at.map(|at| time(at, tz, clock));
    let (title, body, channel, opens, named) = match (r.kind, &r.content) {
        (ReminderKind::KeepComing, _) => (
            KEEP_COMING_TITLE.into(),
            KEEP_COMING_BODY.into(),
            C::Status,
            T::Today,
            false,
        ),
        (ReminderKind::CheckIn, ReminderContent::CheckIn) => (
            CHECK_IN_TITLE.into(),
            CHECK_IN_BODY.into(),
            C::CheckInReminder,
            T::CheckIn,
            true,
        ),
        // Discreet, or anything unexpected: say no more than the discreet words.
        (ReminderKind::CheckIn, _) => (
            DISCREET_TITLE.into(),
            DISCREET_CHECK_IN_BODY.into(),
            C::CheckInReminder,
            T::CheckIn,
            false,
        ),
        (
            ReminderKind::Session,
            ReminderContent::Session {
                title,
                location,
                video_link,
                time_zone,
                ..
            },
        ) => {
            let mut parts = Vec::new();
            if let (Some(at), Some(here)) = (r.starts_at, &start) {
                let mut when = starts_at_text(here);
                if let Ok(theirs) = validate::time_zone(time_zone) {
                    let there = time(at, theirs, clock);
                    if &there != here {
                        when += &own_time_text(&there, &place(theirs, at));
                    }
                }
                parts.push(when);
            }
            parts.extend(location.clone());
            if video_link.is_some() {
                parts.push(BY_VIDEO.into());
            }
            (
                title.clone(),
                parts.join(BODY_SEPARATOR),
                C::SessionReminders,
                T::Today,
                true,
            )
        }
        (ReminderKind::Session, _) => (
            DISCREET_TITLE.into(),
            start.map_or_else(
                || DISCREET_APPOINTMENT_BODY.into(),
                |t| discreet_appointment_body(&t),
            ),
            C::SessionReminders,
            T::Today,
            false,
        ),
    };
    notification(title, body, channel, opens, REMINDER_THREAD, named)
}

/// `at` on the clock of `tz`: "9:00 AM" or "09:00".
pub(crate) fn time(at: DateTime<Utc>, tz: Tz, clock: ClockStyle) -> String {
    let local = at.with_timezone(&tz);
    match clock {
        ClockStyle::TwelveHour => local.format("%-I:%M %p").to_string(),
        ClockStyle::TwentyFourHour => local.format("%H:%M").to_string(),
    }
}

/// A zone as people name it: its city (`America/Chicago` → "Chicago", underscores as
/// spaces); a zone without one (`UTC`, `Etc/GMT-5`, `EST5EDT`) by its offset at `at`
/// ("UTC", "UTC+5", "UTC-3:30"), since `Etc/GMT-5` reads backwards.
pub(crate) fn place(tz: Tz, at: DateTime<Utc>) -> String {
    let name = tz.name();
    if !name.starts_with("Etc/")
        && let Some((_, city)) = name.rsplit_once('/')
        && !city.is_empty()
    {
        return city.replace('_', " ");
    }
    let seconds = at.with_timezone(&tz).offset().fix().local_minus_utc();
    let (sign, minutes) = (if seconds < 0 { '-' } else { '+' }, seconds.abs() / 60);
    match (minutes / 60, minutes % 60) {
        (0, 0) => "UTC".into(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, m) => format!("UTC{sign}{h}:{m:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn tz(name: &str) -> Tz {
        name.parse().unwrap()
    }

    #[test]
    fn times_in_either_clock_style() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
        let chicago = tz("America/Chicago");
        assert_eq!(time(at, chicago, ClockStyle::TwelveHour), "9:00 AM");
        assert_eq!(time(at, chicago, ClockStyle::TwentyFourHour), "09:00");
        let evening = Utc.with_ymd_and_hms(2026, 11, 24, 1, 5, 0).unwrap();
        assert_eq!(time(evening, chicago, ClockStyle::TwelveHour), "7:05 PM");
        assert_eq!(time(evening, chicago, ClockStyle::TwentyFourHour), "19:05");
        let midnight = Utc.with_ymd_and_hms(2026, 11, 24, 6, 0, 0).unwrap();
        assert_eq!(time(midnight, chicago, ClockStyle::TwelveHour), "12:00 AM");
        assert_eq!(time(midnight, chicago, ClockStyle::TwentyFourHour), "00:00");
        let noon = Utc.with_ymd_and_hms(2026, 11, 23, 18, 0, 0).unwrap();
        assert_eq!(time(noon, chicago, ClockStyle::TwelveHour), "12:00 PM");
    }

    #[test]
    fn zones_are_named_by_their_city_or_their_offset() {
        let at = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
        assert_eq!(place(tz("America/Chicago"), at), "Chicago");
        assert_eq!(place(tz("America/New_York"), at), "New York");
        assert_eq!(
            place(tz("America/Argentina/Buenos_Aires"), at),
            "Buenos Aires"
        );
        assert_eq!(place(tz("UTC"), at), "UTC");
        assert_eq!(place(tz("Etc/GMT-5"), at), "UTC+5");
        assert_eq!(place(tz("Etc/GMT+3"), at), "UTC-3");
        assert_eq!(place(tz("EST5EDT"), at), "UTC-5");
        // Summer: the offset the zone has then.
        let july = Utc.with_ymd_and_hms(2026, 7, 15, 12, 0, 0).unwrap();
        assert_eq!(place(tz("EST5EDT"), july), "UTC-4");
        assert_eq!(place(tz("Canada/Newfoundland"), at), "Newfoundland");
        assert_eq!(place(tz("NZ"), at), "UTC+13");
    }

    #[test]
    fn the_sync_stopped_notification() {
        let n = sync_stopped_notification();
        assert_eq!(n.title, "Sync stopped");
        assert_eq!(
            n.body,
            "This phone no longer syncs. Open settings to enrol or link it again."
        );
        assert_eq!(
            (n.public_title.as_str(), n.public_body.as_str()),
            ("Reminder", "Unlock to see it")
        );
        assert_eq!(n.channel, NotificationChannel::Status);
        assert_eq!(n.opens, NotificationTarget::Settings);
        assert!(!n.time_sensitive);
        assert_eq!(n.thread, "status");
    }
}
