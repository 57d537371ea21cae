//! The words, choices and limits the screens hand the apps so that neither makes its own:
//! scales and their values, "used today", chart ticks and range, figure tables, interval
//! choices, safety plan headings and moves, region names, the move form, the background
//! schedule and whether a notification names anything.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc, Weekday};
use companion_core::{
    CheckInEdit, ClockStyle, ContactFields, ContactRole, Error, ReminderKind, ReminderPlatform,
    SafetyItemFields, SafetySection, ScheduleAction, SessionFields, SettingsAction, Store,
    background_sync, reminder_notification, reminder_window,
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

/// Noon in New York on Friday 20 November 2026.
fn noon() -> DateTime<Utc> {
    at("2026-11-20T17:00:00Z")
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = common::open(dir.path()).unwrap();
    (dir, s)
}

fn group(s: &mut Store, zone: &str) -> String {
    s.add_session(&SessionFields {
        title: Some("Skills group".into()),
        start: Some(local("2026-11-02T09:00")),
        time_zone: Some(zone.into()),
        duration_minutes: Some(90),
        recurrence: Some(Some(companion_core::Recurrence::weekly(&[Weekday::Mon]))),
        ..Default::default()
    })
    .unwrap()
    .id
}

#[test]
fn scales_offer_every_value_with_its_figure_and_used_today_its_three_answers() {
    let (_dir, s) = store();
    let c = s.checkin_screen_today(noon(), NY).unwrap();
    assert_eq!(c.mood.name, "Mood");
    assert_eq!(c.craving.name, "Craving");
    let values: Vec<u8> = c.mood.choices.iter().map(|v| v.value).collect();
    assert_eq!(values, (1..=10).collect::<Vec<u8>>());
    assert_eq!(c.craving.choices.first().unwrap().label, "0");
    assert_eq!(c.craving.choices.last().unwrap().label, "10");
    assert_eq!(c.sleep_unset_label, "Not given");
    let answers: Vec<_> = c
        .used_today_choices
        .iter()
        .map(|a| (a.value, a.label.as_str()))
        .collect();
    assert_eq!(
        answers,
        [
            (None, "Not answered"),
            (Some(false), "No"),
            (Some(true), "Yes")
        ]
    );
}

#[test]
fn the_chart_has_its_ticks_its_shared_range_and_each_day_in_words() {
    let (_dir, mut s) = store();
    for (d, mood) in [("2026-11-18", 6), ("2026-11-20", 7)] {
        s.record_checkin(
            day(d),
            &CheckInEdit {
                mood: Some(mood),
                craving: Some(2),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let i = s.insights_screen_on(day("2026-11-20"), 30).unwrap();
    let c = &i.chart;
    assert_eq!((c.value_min, c.value_max), (0, 10));
    // Today and every week before it, oldest first.
    let ticks: Vec<_> = c
        .ticks
        .iter()
        .map(|t| (t.index, t.label.as_str()))
        .collect();
    assert_eq!(
        ticks,
        [
            (1, "23 Oct"),
            (8, "30 Oct"),
            (15, "6 Nov"),
            (22, "13 Nov"),
            (29, "20 Nov")
        ]
    );
    assert_eq!(c.points[29].label, "Fri 20 Nov");
    assert_eq!(
        c.description,
        "Mood and craving over the last 30 days, recorded on 2 of them."
    );
    let long = s.insights_screen_on(day("2026-11-20"), 90).unwrap().chart;
    assert_eq!(long.ticks.last().unwrap().index, 89);
    assert_eq!(long.ticks[long.ticks.len() - 2].index, 75);
    // Each figure's values in the order of the spans that head them.
    for f in &i.figures {
        assert_eq!(f.values, [f.last_7_days.clone(), f.last_30_days.clone()]);
        assert_eq!(f.values.len(), i.figure_spans.len());
    }
}

#[test]
fn intervals_are_offered_in_words_from_the_least_to_the_most() {
    let (_dir, s) = store();
    let c = s
        .schedule_screen(noon(), NY, ClockStyle::TwelveHour)
        .unwrap()
        .choices;
    assert_eq!(c.interval_choices.len() as u32, c.max_interval_weeks);
    assert_eq!(c.interval_choices[0].weeks, c.min_interval_weeks);
    assert_eq!(c.interval_choices[0].label, "Every week");
    assert_eq!(c.interval_choices[1].label, "Every 2 weeks");
}

#[test]
fn safety_plan_sections_have_headings_and_items_their_moves_in_words() {
    let (_dir, mut s) = store();
    let sign = s
        .add_safety_item(
            SafetySection::WarningSigns,
            &SafetyItemFields {
                text: Some("Skipping meals".into()),
                contact_id: None,
            },
        )
        .unwrap();
    let sam = s
        .add_contact(&ContactFields {
            name: Some("Sam".into()),
            role: Some(ContactRole::Sponsor),
            phone: Some("+1 202 555 0143".into()),
            ..Default::default()
        })
        .unwrap();
    let linked = s
        .add_safety_item(
            SafetySection::PeopleToAsk,
            &SafetyItemFields {
                text: None,
                contact_id: Some(sam.id),
            },
        )
        .unwrap();
    let plan = s.safety_plan_screen().unwrap();
    for section in &plan.sections {
        assert_eq!(
            section.heading,
            format!("{}. {}", section.number, section.title)
        );
    }
    let item = |id: &str| {
        plan.sections
            .iter()
            .flat_map(|s| &s.items)
            .find(|i| i.id == id)
            .unwrap()
            .clone()
    };
    let heading = |section: SafetySection| {
        plan.sections
            .iter()
            .find(|s| s.section == section)
            .unwrap()
            .heading
            .clone()
    };
    for id in [&sign.id, &linked.id] {
        let i = item(id);
        let sections: Vec<_> = i.move_choices.iter().map(|c| c.section).collect();
        assert_eq!(sections, i.move_targets);
        for c in &i.move_choices {
            assert_eq!(c.label, format!("Move to {}", heading(c.section)));
        }
    }
    // Text moves anywhere else; a linked contact only where contacts belong.
    assert_eq!(item(&sign.id).move_choices.len(), 6);
    assert!(item(&linked.id).move_choices.iter().all(|c| matches!(
        c.section,
        SafetySection::Distractions | SafetySection::Professionals
    )));
}

#[test]
fn regions_are_named_where_the_app_knows_the_country() {
    let (_dir, mut s) = store();
    assert_eq!(s.reach_out_screen(None).unwrap().region_name, None);
    s.settings_act(
        SettingsAction::SetRegion(Some("GB".into())),
        ClockStyle::TwelveHour,
    )
    .unwrap();
    let settings = s.settings_screen(ClockStyle::TwelveHour).unwrap();
    assert_eq!(
        settings.effective_region_name.as_deref(),
        Some("United Kingdom")
    );
    assert_eq!(
        s.reach_out_screen(None).unwrap().region_name.as_deref(),
        Some("United Kingdom")
    );
    // A code without crisis lines is accepted as typed and shown as typed.
    s.settings_act(
        SettingsAction::SetRegion(Some("DE".into())),
        ClockStyle::TwelveHour,
    )
    .unwrap();
    assert_eq!(
        s.reach_out_screen(None).unwrap().region_name.as_deref(),
        Some("DE")
    );
}

#[test]
fn the_move_form_opens_on_the_sessions_own_clock_and_says_so() {
    let (_dir, mut s) = store();
    let chicago = group(&mut s, "America/Chicago");
    let here = group(&mut s, NY);
    let monday = day("2026-11-23");
    let f = s.move_form(&chicago, monday, noon(), NY).unwrap();
    assert_eq!(f.title, "Move Skills group, Mon 23 Nov");
    assert_eq!(f.start, local("2026-11-23T09:00"));
    assert_eq!(
        (f.duration_minutes, f.zone.as_str()),
        (90, "America/Chicago")
    );
    assert_eq!(
        f.clock_note.as_deref(),
        Some("Times are on the clock in Chicago.")
    );
    assert!(f.max_duration_minutes >= f.duration_minutes);
    assert_eq!(
        s.move_form(&here, monday, noon(), NY).unwrap().clock_note,
        None
    );

    // Once moved, the form opens where it now stands; saving it is the schedule's action.
    s.schedule_act(
        ScheduleAction::MoveOccurrence {
            session_id: chicago.clone(),
            series_date: monday,
            to: local("2026-11-24T15:30"),
            duration_minutes: Some(45),
        },
        noon(),
        NY,
        ClockStyle::TwelveHour,
    )
    .unwrap();
    let f = s.move_form(&chicago, monday, noon(), NY).unwrap();
    assert_eq!(
        (f.start, f.duration_minutes),
        (local("2026-11-24T15:30"), 45)
    );
    assert_eq!(f.title, "Move Skills group, Tue 24 Nov");

    // A cancelled occurrence is restored first; a date the series lacks is no occurrence.
    s.cancel_occurrence(&here, monday).unwrap();
    let before = s.heads();
    assert!(matches!(
        s.move_form(&here, monday, noon(), NY),
        Err(Error::InvalidInput {
            field: "occurrence",
            ..
        })
    ));
    assert!(matches!(
        s.move_form(&here, day("2026-11-24"), noon(), NY),
        Err(Error::NoSuchOccurrence { .. })
    ));
    assert_eq!(s.heads(), before);
}

#[test]
fn the_background_schedule_and_refresh_are_the_cores() {
    let sync = background_sync();
    assert_eq!(
        (
            sync.every_minutes,
            sync.flex_minutes,
            sync.retry_after_minutes
        ),
        (360, 60, 15)
    );
    assert_eq!(
        reminder_window(ReminderPlatform::Android).refresh_every_minutes,
        Some(24 * 60)
    );
    assert_eq!(
        reminder_window(ReminderPlatform::Ios).refresh_every_minutes,
        Some(60)
    );
    assert_eq!(
        reminder_window(ReminderPlatform::Terminal).refresh_every_minutes,
        None
    );
}

#[test]
fn a_notification_says_whether_it_names_anything() {
    use companion_core::PreferencesEdit;
    let (_dir, mut s) = store();
    group(&mut s, NY);
    s.edit_preferences(&PreferencesEdit {
        checkin_reminder: Some(Some(chrono::NaiveTime::from_hms_opt(20, 0, 0).unwrap())),
        discreet_notifications: Some(false),
        ..Default::default()
    })
    .unwrap();
    let named = |s: &Store| {
        let plan = s.plan_reminders(noon(), NY, 3, 10).unwrap();
        let mut seen: Vec<(ReminderKind, bool)> = Vec::new();
        for r in &plan {
            let n = reminder_notification(r, NY, ClockStyle::TwelveHour).unwrap();
            if !seen.contains(&(r.kind, n.named)) {
                seen.push((r.kind, n.named));
            }
        }
        seen.sort_by_key(|(k, _)| *k != ReminderKind::Session);
        seen
    };
    assert_eq!(
        named(&s),
        [(ReminderKind::Session, true), (ReminderKind::CheckIn, true)]
    );
    s.edit_preferences(&PreferencesEdit {
        discreet_notifications: Some(true),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        named(&s),
        [
            (ReminderKind::Session, false),
            (ReminderKind::CheckIn, false)
        ]
    );
    assert!(!companion_core::sync_stopped_notification().named);
}
