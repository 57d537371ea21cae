//! Each screen's state and actions, as both apps and the terminal get them, on real stores.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use companion_core::{
    COMING_UP_MAX, CheckInEdit, CheckInValues, ContactFields, ContactRole, Error, OccurrenceStatus,
    OnboardingChoice, ReachOutAction, Recurrence, SafetyItemFields, SafetyPlanAction,
    SafetySection, ScheduleAction, SessionFields, SessionKind, SettingsAction, Store, Timing,
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

fn weekly(title: &str, start: &str, zone: &str, days: &[Weekday]) -> SessionFields {
    SessionFields {
        title: Some(title.into()),
        kind: Some(SessionKind::ProcessGroup),
        start: Some(local(start)),
        time_zone: Some(zone.into()),
        duration_minutes: Some(90),
        recurrence: Some(Some(Recurrence::weekly(days))),
        ..Default::default()
    }
}

/// Sends everything `from` has that `to` lacks (another device's sync).
fn exchange(from: &mut Store, to: &mut Store) {
    let theirs = to.heads();
    let bytes = from.changes_since(&theirs);
    to.merge_changes(&bytes).unwrap();
}

#[test]
fn today_shows_today_and_one_rule_for_coming_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    // Daily groups at 18:00 New York; one at 09:00 Chicago on Mondays.
    let daily = s
        .add_session(&weekly(
            "Evening group",
            "2026-11-02T18:00",
            NY,
            &[
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
        ))
        .unwrap();
    s.add_session(&weekly(
        "Chicago skills",
        "2026-11-02T09:00",
        "America/Chicago",
        &[Weekday::Mon],
    ))
    .unwrap();
    // Tomorrow's evening group is cancelled: still shown, marked, among what is coming up.
    s.cancel_occurrence(&daily.id, day("2026-11-17")).unwrap();

    // Monday 2026-11-16, 12:00 in New York: the Chicago group is over, the evening one to come.
    let t = s
        .today_screen(at("2026-11-16T17:00:00Z"), NY, None)
        .unwrap();
    assert_eq!(t.date, day("2026-11-16"));
    assert_eq!(t.sessions.len(), 2);
    let chicago = &t.sessions[0];
    assert_eq!(chicago.title, "Chicago skills");
    assert_eq!(chicago.timing, Timing::Over);
    // 09:00 in Chicago is 10:00 here; the session's own clock is shown beside it.
    assert_eq!(chicago.local_start, local("2026-11-16T10:00"));
    let clock = chicago.session_clock.as_ref().unwrap();
    assert_eq!(
        (clock.start, clock.city.as_str()),
        (local("2026-11-16T09:00"), "Chicago")
    );
    assert_eq!(t.sessions[1].timing, Timing::Upcoming);
    assert!(
        t.sessions[1].session_clock.is_none(),
        "same clock: nothing to add"
    );

    // Coming up is shown although today still has a session, and holds the cancelled one.
    assert_eq!(t.coming_up.len(), COMING_UP_MAX);
    assert_eq!(t.coming_up[0].series_date, day("2026-11-17"));
    assert_eq!(t.coming_up[0].status, OccurrenceStatus::Cancelled);
    assert!(!t.coming_up[0].can_cancel && t.coming_up[0].can_restore);
    assert!(t.coming_up.iter().all(|o| o.local_start.date() > t.date));
    assert!(t.checkin.is_none());
    // Help first: a crisis line's first action is always on Today.
    s.edit_preferences(&companion_core::PreferencesEdit {
        region: Some(Some("US".into())),
        ..Default::default()
    })
    .unwrap();
    let t = s
        .today_screen(at("2026-11-16T17:00:00Z"), NY, None)
        .unwrap();
    let crisis = t.crisis.unwrap();
    assert!(crisis.name.contains("988"), "{}", crisis.name);
    assert_eq!(crisis.action.uri, "tel:988");

    // Nothing beyond the window: a store with one far session shows nothing coming up.
    let other = tempfile::tempdir().unwrap();
    let mut far = common::open(other.path()).unwrap();
    far.add_session(&SessionFields {
        title: Some("Family session".into()),
        start: Some(local("2026-12-20T10:00")),
        time_zone: Some(NY.into()),
        ..Default::default()
    })
    .unwrap();
    let t = far
        .today_screen(at("2026-11-16T17:00:00Z"), NY, None)
        .unwrap();
    assert!(t.coming_up.is_empty());
    assert!(matches!(
        far.today_screen(at("2026-11-16T17:00:00Z"), "Mars/Olympus", None),
        Err(Error::UnknownTimeZone(_))
    ));
}

#[test]
fn a_checkin_edit_writes_only_what_changed_and_keeps_another_devices_change() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut phone = common::open(da.path()).unwrap();
    let mut tablet = common::open(db.path()).unwrap();
    let date = day("2026-11-20");
    phone
        .record_checkin(
            date,
            &CheckInEdit {
                mood: Some(5),
                craving: Some(6),
                sleep_hours: Some(6.0),
                emotions: Some(vec!["sad".into(), "tired".into()]),
                note: Some("first".into()),
                ..Default::default()
            },
        )
        .unwrap();
    exchange(&mut phone, &mut tablet);

    // The phone opens the form.
    let opened = phone.checkin_screen(date).unwrap();
    assert!(opened.existing && !opened.mood_required);
    assert_eq!(opened.values.emotions, ["sad", "tired"]);
    assert!(opened.emotion_choices.starts_with(&["calm".to_owned()]));

    // Meanwhile the tablet records the night's sleep and a new feeling, and a sync merges it.
    tablet
        .record_checkin(
            date,
            &CheckInEdit {
                sleep_hours: Some(8.5),
                emotions: Some(vec!["sad".into(), "tired".into(), "hopeful".into()]),
                ..Default::default()
            },
        )
        .unwrap();
    exchange(&mut tablet, &mut phone);

    // The participant raises the mood, takes the craving back, drops "sad", adds "calm".
    let mut edited = opened.values.clone();
    edited.mood = Some(7);
    edited.craving = None;
    edited.emotions = vec!["tired".into(), "calm".into()];
    let saved = phone
        .save_checkin_form(date, &opened.values, &edited)
        .unwrap();
    let stored = phone.checkin(date).unwrap().unwrap();
    assert_eq!(stored.mood, 7);
    assert_eq!(stored.craving, None, "taken back, so it reaches no export");
    assert_eq!(stored.sleep_hours, Some(8.5), "the tablet's sleep survives");
    assert_eq!(
        stored.emotions.into_iter().collect::<Vec<_>>(),
        ["calm", "hopeful", "tired"]
    );
    assert_eq!(stored.note.as_deref(), Some("first"));
    assert_eq!(saved.screen.values.mood, Some(7));
    // The check-in reminder is on by default: the moment to ask for notifications.
    assert!(saved.ask_notification_permission);

    // Saving the form unchanged writes nothing.
    let heads = phone.heads();
    let again = phone
        .save_checkin_form(date, &saved.screen.values, &saved.screen.values)
        .unwrap();
    assert_eq!(phone.heads(), heads);
    assert!(!again.ask_notification_permission);
    // A mood cannot be taken back, and nothing changes.
    let mut no_mood = saved.screen.values.clone();
    no_mood.mood = None;
    assert!(matches!(
        phone.save_checkin_form(date, &saved.screen.values, &no_mood),
        Err(Error::InvalidInput { field: "mood", .. })
    ));
    assert_eq!(phone.heads(), heads);
}

#[test]
fn a_new_checkin_needs_a_mood_and_takes_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    let date = day("2026-11-21");
    let screen = s.checkin_screen(date).unwrap();
    assert!(!screen.existing && screen.mood_required);
    assert_eq!((screen.mood.min, screen.mood.max), (1, 10));
    assert_eq!(screen.sleep_max_hours, 24.0);
    let mut edited = CheckInValues {
        craving: Some(2),
        ..Default::default()
    };
    assert!(matches!(
        s.save_checkin_form(date, &screen.values, &edited),
        Err(Error::InvalidInput { field: "mood", .. })
    ));
    assert!(s.checkin(date).unwrap().is_none());
    edited.mood = Some(6);
    edited.used_today = Some(false);
    s.save_checkin_form(date, &screen.values, &edited).unwrap();
    let c = s.checkin(date).unwrap().unwrap();
    assert_eq!((c.mood, c.craving, c.used_today), (6, Some(2), Some(false)));
}

#[test]
fn schedule_actions_return_the_screen_after_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    let now = at("2026-11-16T17:00:00Z");
    let empty = s.schedule_screen(now, NY).unwrap();
    assert!(empty.days.is_empty() && empty.sessions.is_empty());
    assert_eq!(empty.default_leads, [60]);
    assert!(empty.choices.lead_minutes.contains(&1440));
    assert_eq!(empty.choices.weekdays[0], Weekday::Mon);

    let mut group = weekly("Evening group", "2026-11-02T18:00", NY, &[Weekday::Mon]);
    group.reminder_leads = Some(Some(vec![30, 120]));
    let added = s
        .schedule_act(ScheduleAction::AddSession(group), now, NY)
        .unwrap();
    assert!(added.ask_notification_permission);
    let view = &added.screen.sessions[0];
    // Longest first: the order they fire in.
    assert_eq!(view.effective_leads, [120, 30]);
    assert!(!view.from_program);
    // Today and next Monday: the 14 local days from today.
    assert_eq!(added.screen.days.len(), 2);
    let id = view.id.clone();
    let cancelled = s
        .schedule_act(
            ScheduleAction::CancelOccurrence {
                session_id: id.clone(),
                series_date: day("2026-11-23"),
            },
            now,
            NY,
        )
        .unwrap();
    assert!(!cancelled.ask_notification_permission);
    assert_eq!(
        cancelled.screen.days[1].occurrences[0].status,
        OccurrenceStatus::Cancelled
    );
    // Attendance: last Monday's can be marked; today's (not started at noon) cannot, and a
    // refusal changes nothing.
    let heads = s.heads();
    assert!(matches!(
        s.schedule_act(
            ScheduleAction::MarkAttended {
                session_id: id.clone(),
                series_date: day("2026-11-16"),
            },
            now,
            NY,
        ),
        Err(Error::InvalidInput { .. })
    ));
    assert_eq!(s.heads(), heads);
    let marked = s
        .schedule_act(
            ScheduleAction::MarkAttended {
                session_id: id.clone(),
                series_date: day("2026-11-09"),
            },
            now,
            NY,
        )
        .unwrap();
    assert_eq!(
        marked.screen.recent[0].mark,
        Some(companion_core::Attendance::Attended)
    );
    // A bad zone: refused before anything changes.
    let heads = s.heads();
    assert!(
        s.schedule_act(ScheduleAction::RemoveSession { id }, now, "Nowhere/Here")
            .is_err()
    );
    assert_eq!(s.heads(), heads);
}

#[test]
fn reach_out_actions_change_only_the_participants_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    s.set_device_region(Some("US")).unwrap();
    let screen = s.reach_out_screen(None).unwrap();
    assert!(!screen.crisis_lines.is_empty());
    assert_eq!(screen.region.as_deref(), Some("US"));
    assert!(screen.role_choices.contains(&ContactRole::Sponsor));
    let added = s
        .reach_out_act(
            ReachOutAction::AddContact(ContactFields {
                name: Some("Sam".into()),
                role: Some(ContactRole::Sponsor),
                phone: Some("(201) 555-0102".into()),
                ..Default::default()
            }),
            Some("Can we talk?"),
        )
        .unwrap();
    assert_eq!(added.others[0].name, "Sam");
    let id = added.others[0].id.clone();
    assert!(
        added.others[0].actions[1]
            .uri
            .ends_with("body=Can%20we%20talk%3F")
    );
    let starred = s
        .reach_out_act(
            ReachOutAction::SetFavourite {
                id: id.clone(),
                favourite: true,
            },
            None,
        )
        .unwrap();
    assert_eq!(starred.favourites[0].id, id);
    // A message past the limit is refused before anything changes.
    let heads = s.heads();
    let long = "x".repeat(screen.message_max_chars as usize + 1);
    assert!(
        s.reach_out_act(
            ReachOutAction::RemoveContact { id: id.clone() },
            Some(&long)
        )
        .is_err()
    );
    assert_eq!(s.heads(), heads);
    let gone = s
        .reach_out_act(ReachOutAction::RemoveContact { id }, None)
        .unwrap();
    assert!(gone.favourites.is_empty() && gone.others.is_empty());
}

#[test]
fn safety_plan_actions_and_what_each_item_may_do() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    let sam = s
        .add_contact(&ContactFields {
            name: Some("Sam".into()),
            phone: Some("+12015550102".into()),
            ..Default::default()
        })
        .unwrap();
    let add = |section, text: &str, contact: Option<&str>| SafetyPlanAction::Add {
        section,
        fields: SafetyItemFields {
            text: (!text.is_empty()).then(|| text.to_owned()),
            contact_id: contact.map(str::to_owned),
        },
    };
    s.safety_plan_act(add(SafetySection::WarningSigns, "Not sleeping", None))
        .unwrap();
    s.safety_plan_act(add(SafetySection::WarningSigns, "Skipping group", None))
        .unwrap();
    let r = s
        .safety_plan_act(add(SafetySection::PeopleToAsk, "", Some(&sam.id)))
        .unwrap();
    let signs = &r.screen.sections[0];
    assert_eq!(signs.items.len(), 2);
    assert!(!signs.items[0].can_move_up && signs.items[0].can_move_down);
    let people = r
        .screen
        .sections
        .iter()
        .find(|s| s.section == SafetySection::PeopleToAsk)
        .unwrap();
    let linked = &people.items[0];
    assert_eq!(linked.label, "Sam");
    assert_eq!(linked.actions[0].uri, "tel:+12015550102");
    // A linked contact may move only where links are allowed.
    assert!(!linked.move_targets.contains(&SafetySection::WarningSigns));
    assert!(linked.move_targets.contains(&SafetySection::Professionals));
    assert!(r.screen.linkable.iter().any(|l| l.id == sam.id));

    // Down, then down again at the end: nothing more happens.
    let first = signs.items[0].id.clone();
    let r = s
        .safety_plan_act(SafetyPlanAction::MoveDown { id: first.clone() })
        .unwrap();
    assert_eq!(r.screen.sections[0].items[1].id, first);
    let heads = s.heads();
    s.safety_plan_act(SafetyPlanAction::MoveDown { id: first })
        .unwrap();
    assert_eq!(s.heads(), heads);

    // The plan as text, edited whole.
    let text = s.safety_plan_text().unwrap();
    let edited = text.replace("- Skipping group\n", "- Skipping group\n- Staying in bed\n");
    let r = s
        .safety_plan_act(SafetyPlanAction::ApplyText { text: edited })
        .unwrap();
    assert_eq!(r.text_change.unwrap().added, 1);
    assert_eq!(r.screen.sections[0].items.len(), 3);
}

#[test]
fn insights_are_worded_once_and_the_chart_breaks_on_missing_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    let empty = s.insights_screen_on(day("2026-11-20"), 30).unwrap();
    assert!(empty.empty);
    assert_eq!(empty.totals, "No check-ins yet.");
    for (d, mood) in [("2026-11-16", 5), ("2026-11-17", 6), ("2026-11-19", 7)] {
        s.record_checkin(
            day(d),
            &CheckInEdit {
                mood: Some(mood),
                sleep_hours: Some(7.25),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let i = s.insights_screen_on(day("2026-11-20"), 30).unwrap();
    assert!(!i.empty);
    assert_eq!(
        i.summary,
        "Checked in 3 of the last 7 days and 3 of the last 30 (1 missed)."
    );
    assert_eq!(
        i.runs,
        "Current run: 1 day; today is still open. Longest run: 2 days."
    );
    assert_eq!(i.figures[0].title, "Mood (1-10)");
    assert_eq!(i.figures[2].last_7_days, "7h15");
    // Two runs of mood: the 18th has none, so the line breaks there.
    assert_eq!(i.chart.days, 30);
    assert_eq!(i.chart.mood.len(), 2);
    assert_eq!(i.chart.mood[1].points, [(28, 7)]);
    assert!(i.chart.points[27].missed);
    assert_eq!(i.chart.ranges, [30, 90]);
    assert!(matches!(
        s.insights_screen_on(day("2026-11-20"), 45),
        Err(Error::InvalidInput {
            field: "chart range",
            ..
        })
    ));
}

#[test]
fn settings_actions_and_their_moments() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    let screen = s.settings_screen().unwrap();
    assert!(screen.account.is_none());
    assert!(screen.discreet_notifications);
    assert_eq!(screen.default_leads[0].label, "1 hour before");
    assert!(!screen.lead_choices.iter().any(|l| l.minutes == 60));
    assert!(
        screen
            .region_choices
            .iter()
            .any(|r| r.code == "US" && r.name == "United States")
    );
    assert!(
        screen
            .export_notice
            .starts_with("Exports are not encrypted")
    );

    let off = s
        .settings_act(SettingsAction::SetCheckinReminder(None))
        .unwrap();
    assert_eq!(off.screen.checkin_reminder, None);
    assert!(!off.ask_notification_permission);
    let on = s
        .settings_act(SettingsAction::SetCheckinReminder(Some(
            NaiveTime::from_hms_opt(19, 30, 42).unwrap(),
        )))
        .unwrap();
    assert_eq!(
        on.screen.checkin_reminder,
        NaiveTime::from_hms_opt(19, 30, 0)
    );
    assert!(on.ask_notification_permission);
    let leads = s.settings_act(SettingsAction::AddDefaultLead(15)).unwrap();
    assert_eq!(
        leads
            .screen
            .default_leads
            .iter()
            .map(|l| l.minutes)
            .collect::<Vec<_>>(),
        [60, 15]
    );
    let region = s
        .settings_act(SettingsAction::SetRegion(Some("gb".into())))
        .unwrap();
    assert_eq!(region.screen.region.as_deref(), Some("GB"));
    let heads = s.heads();
    assert!(
        s.settings_act(SettingsAction::SetRegion(Some("Atlantis".into())))
            .is_err()
    );
    assert_eq!(s.heads(), heads);
    let back = s.settings_act(SettingsAction::SetRegion(None)).unwrap();
    assert_eq!(back.screen.region, None);
}

#[test]
fn the_first_run_is_shown_once_on_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    let first = s.onboarding_screen().unwrap();
    assert!(first.needed);
    assert_eq!(first.pages.len(), 4);
    assert!(first.discreet_notifications);
    let done = s
        .complete_onboarding(false, OnboardingChoice::Alone)
        .unwrap();
    assert!(!done.needed);
    assert!(!s.preferences().unwrap().discreet_notifications);
    drop(s);
    // Remembered on this device, across a restart.
    let s = common::open(dir.path()).unwrap();
    assert!(!s.onboarding_screen().unwrap().needed);
    // A device of its own has a first run of its own.
    let other = tempfile::tempdir().unwrap();
    assert!(
        common::open(other.path())
            .unwrap()
            .onboarding_screen()
            .unwrap()
            .needed
    );
}
