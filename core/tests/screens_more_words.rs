//! More of what the screens word so that neither app does: an occurrence's timing, a night
//! or a length off the pickers' steps, the account, the session form's defaults and clock,
//! the schedule's empty line, Settings' notices, the channels and the erase fallback's words.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc, Weekday};
use companion_core::{
    CheckInEdit, ClockStyle, DURATION_CHOICES, ERASE_SERVER_UNREACHABLE, ERASE_THIS_DEVICE_ONLY,
    NotificationChannel, PreferencesEdit, Recurrence, SessionFields, Store, Timing, channel_label,
    duration_label, zone_clock_label,
};

mod common;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const NY: &str = "America/New_York";

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = common::open(dir.path()).unwrap();
    (dir, s)
}

fn session(s: &mut Store, start: &str, zone: &str, minutes: u32) -> String {
    s.add_session(&SessionFields {
        title: Some("Skills group".into()),
        start: Some(local(start)),
        time_zone: Some(zone.into()),
        duration_minutes: Some(minutes),
        recurrence: Some(Some(Recurrence::weekly(&[Weekday::Fri]))),
        ..Default::default()
    })
    .unwrap()
    .id
}

#[test]
fn an_occurrence_says_now_while_it_runs_and_ended_after() {
    let (_dir, mut s) = store();
    session(&mut s, "2026-11-06T11:00", NY, 90);
    let labels = |now: &str| {
        let t = s
            .today_screen(at(now), NY, ClockStyle::TwelveHour, None)
            .unwrap();
        t.sessions
            .iter()
            .map(|o| (o.timing, o.timing_label.clone()))
            .collect::<Vec<_>>()
    };
    // Friday 20 November, New York: before, during and after 11:00–12:30.
    assert_eq!(labels("2026-11-20T15:00:00Z"), [(Timing::Upcoming, None)]);
    assert_eq!(
        labels("2026-11-20T16:30:00Z"),
        [(Timing::Now, Some("Now".into()))]
    );
    assert_eq!(
        labels("2026-11-20T18:00:00Z"),
        [(Timing::Over, Some("Ended".into()))]
    );
}

#[test]
fn a_night_off_the_pickers_step_is_offered_in_its_place() {
    let (_dir, mut s) = store();
    let date = day("2026-11-20");
    s.record_checkin(
        date,
        &CheckInEdit {
            mood: Some(6),
            sleep_hours: Some(7.25),
            ..Default::default()
        },
    )
    .unwrap();
    let c = s
        .checkin_screen(date, at("2026-11-20T17:00:00Z"), NY)
        .unwrap();
    let i = c
        .sleep_choices
        .iter()
        .position(|x| x.hours == 7.25)
        .unwrap();
    assert_eq!(c.sleep_choices[i].label, "7h15");
    assert_eq!(
        (c.sleep_choices[i - 1].hours, c.sleep_choices[i + 1].hours),
        (7.0, 7.5)
    );
    // A night on the step is not offered twice.
    s.record_checkin(
        date,
        &CheckInEdit {
            sleep_hours: Some(7.5),
            ..Default::default()
        },
    )
    .unwrap();
    let c = s
        .checkin_screen(date, at("2026-11-20T17:00:00Z"), NY)
        .unwrap();
    assert_eq!(c.sleep_choices.iter().filter(|x| x.hours == 7.5).count(), 1);
    assert!(c.sleep_choices.iter().all(|x| x.hours != 7.25));
}

#[test]
fn the_session_form_words_its_defaults_its_clock_and_its_own_length() {
    let (_dir, mut s) = store();
    s.edit_preferences(&PreferencesEdit {
        default_reminder_leads: Some(vec![60, 15]),
        ..Default::default()
    })
    .unwrap();
    let now = at("2026-11-20T17:00:00Z");
    let new = s.session_form(None, now, NY).unwrap();
    assert_eq!(
        new.default_leads_label,
        "As in settings: 1 hour and 15 minutes before"
    );
    assert_eq!(new.zone_label, "Times are on the clock in New York.");
    let lengths: Vec<u32> = new
        .choices
        .duration_choices
        .iter()
        .map(|d| d.minutes)
        .collect();
    assert_eq!(lengths, DURATION_CHOICES);
    assert_eq!(new.choices.duration_choices[5].label, "1 hour 30 minutes");

    let odd = session(&mut s, "2026-11-06T11:00", "Asia/Kolkata", 50);
    let form = s.session_form(Some(&odd), now, NY).unwrap();
    assert_eq!(form.zone_label, "Times are on the clock in Kolkata.");
    let lengths: Vec<u32> = form
        .choices
        .duration_choices
        .iter()
        .map(|d| d.minutes)
        .collect();
    assert_eq!(&lengths[2..5], [45, 50, 60]);
    assert_eq!(form.choices.duration_choices[3].label, "50 minutes");
    assert_eq!(duration_label(50), "50 minutes");

    // A zone without a city, and one that is no zone.
    assert_eq!(
        zone_clock_label("Etc/GMT-5", now).unwrap(),
        "Times are on the clock in UTC+5."
    );
    assert!(zone_clock_label("Mars/Olympus", now).is_err());
}

#[test]
fn the_schedule_says_how_far_it_looked_when_it_is_empty() {
    let (_dir, s) = store();
    let screen = s
        .schedule_screen(at("2026-11-20T17:00:00Z"), NY, ClockStyle::TwelveHour)
        .unwrap();
    assert!(screen.days.is_empty());
    assert_eq!(screen.empty_label, "Nothing in the next 14 days");
}

#[test]
fn settings_explain_discreet_mode_restore_and_erase() {
    let (_dir, s) = store();
    let settings = s.settings_screen(ClockStyle::TwelveHour).unwrap();
    assert!(settings.account.is_none());
    assert!(settings.discreet_notice.contains("never a session's name"));
    assert!(
        settings
            .restore_notice
            .contains("nothing here is overwritten")
    );
    // Not enrolled: no server to erase from, so the notice does not mention one.
    assert!(!settings.erase_notice.contains("server"));
    assert!(settings.erase_confirmation.contains("cannot be undone"));
}

/// Words that would tell whoever glances at the phone what the app is for.
const TELLING: [&str; 14] = [
    "iop",
    "treatment",
    "recovery",
    "therap",
    "clinic",
    "rehab",
    "substance",
    "addict",
    "sober",
    "detox",
    "relapse",
    "drug",
    "alcohol",
    "psych",
];

#[test]
fn channels_are_named_neutrally_outside_the_app() {
    for channel in [
        NotificationChannel::SessionReminders,
        NotificationChannel::CheckInReminder,
        NotificationChannel::Status,
    ] {
        let (name, description) = channel_label(channel);
        assert!(!name.is_empty() && !description.is_empty());
        for text in [name, description] {
            let lower = text.to_lowercase();
            for word in TELLING {
                assert!(!lower.contains(word), "{text:?} says {word:?}");
            }
        }
    }
    assert_eq!(
        channel_label(NotificationChannel::CheckInReminder).1,
        "Once a day, on days you have not checked in yet"
    );
}

#[test]
fn the_erase_fallback_says_nothing_was_erased() {
    assert!(ERASE_SERVER_UNREACHABLE.contains("nothing was erased"));
    assert_eq!(ERASE_THIS_DEVICE_ONLY, "Erase this phone only");
}
