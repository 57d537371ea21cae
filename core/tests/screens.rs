//! Each screen's state and actions, as both apps and the terminal get them, on real stores.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use companion_core::{
    COMING_UP_MAX, CheckInEdit, CheckInValues, ClockStyle, ContactFields, ContactRole,
    ContactValues, Error, OccurrenceStatus, OnboardingChoice, ReachOutAction, Recurrence,
    SafetyItemFields, SafetyPlanAction, SafetySection, ScheduleAction, SessionFields, SessionKind,
    SettingsAction, Store, Timing,
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
const C12: ClockStyle = ClockStyle::TwelveHour;

/// Noon in New York on Friday 20 November 2026.
fn noon() -> DateTime<Utc> {
    at("2026-11-20T17:00:00Z")
}

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
        .today_screen(at("2026-11-16T17:00:00Z"), NY, C12, None)
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
    assert_eq!(t.coming_up[0].status_label.as_deref(), Some("Cancelled"));
    assert_eq!(t.sessions[1].status_label, None);
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
        .today_screen(at("2026-11-16T17:00:00Z"), NY, C12, None)
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
        .today_screen(at("2026-11-16T17:00:00Z"), NY, C12, None)
        .unwrap();
    assert!(t.coming_up.is_empty());
    assert!(matches!(
        far.today_screen(at("2026-11-16T17:00:00Z"), "Mars/Olympus", C12, None),
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
    let opened = phone.checkin_screen(date, noon(), NY).unwrap();
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
        .save_checkin_form(date, &opened.values, &edited, noon(), NY)
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
        .save_checkin_form(date, &saved.screen.values, &saved.screen.values, noon(), NY)
        .unwrap();
    assert_eq!(phone.heads(), heads);
    assert!(!again.ask_notification_permission);
    // A mood cannot be taken back, and nothing changes.
    let mut no_mood = saved.screen.values.clone();
    no_mood.mood = None;
    assert!(matches!(
        phone.save_checkin_form(date, &saved.screen.values, &no_mood, noon(), NY),
        Err(Error::InvalidInput { field: "mood", .. })
    ));
    assert_eq!(phone.heads(), heads);
}

#[test]
fn a_new_checkin_needs_a_mood_and_takes_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    let date = day("2026-11-21");
    let screen = s.checkin_screen(date, noon(), NY).unwrap();
    assert!(!screen.existing && screen.mood_required);
    assert_eq!((screen.mood.min, screen.mood.max), (1, 10));
    assert_eq!(
        (
            screen.craving.min_label.as_str(),
            screen.craving.max_label.as_str()
        ),
        ("None", "Very strong")
    );
    assert_eq!(screen.sleep_max_hours, 24.0);
    // Every half hour from none to 24, with its words.
    assert_eq!(screen.sleep_choices.len(), 49);
    assert_eq!(screen.sleep_choices[15].label, "7h30");
    let mut edited = CheckInValues {
        craving: Some(2),
        ..Default::default()
    };
    assert!(matches!(
        s.save_checkin_form(date, &screen.values, &edited, noon(), NY),
        Err(Error::InvalidInput { field: "mood", .. })
    ));
    assert!(s.checkin(date).unwrap().is_none());
    edited.mood = Some(6);
    edited.used_today = Some(false);
    s.save_checkin_form(date, &screen.values, &edited, noon(), NY)
        .unwrap();
    let c = s.checkin(date).unwrap().unwrap();
    assert_eq!((c.mood, c.craving, c.used_today), (6, Some(2), Some(false)));
}

#[test]
fn schedule_actions_return_the_screen_after_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    let now = at("2026-11-16T17:00:00Z");
    let empty = s.schedule_screen(now, NY, C12).unwrap();
    assert!(empty.days.is_empty() && empty.sessions.is_empty());
    assert_eq!(empty.default_leads, [60]);
    assert!(empty.choices.lead_minutes.contains(&1440));
    assert_eq!(empty.choices.weekdays[0], Weekday::Mon);

    // A new session's form: the next whole hour on the phone's clock, in its zone.
    let form = s.session_form(None, now, NY).unwrap();
    assert_eq!(form.session_id, None);
    assert_eq!(form.values.start, local("2026-11-16T13:00"));
    assert_eq!(form.values.zone, NY);
    assert_eq!(form.values.duration_minutes, 60);
    assert_eq!(form.default_leads[0].label, "1 hour before");
    // Repeating, when turned on, starts weekly on the start's weekday (a Monday).
    assert_eq!(form.weekly, Recurrence::weekly(&[Weekday::Mon]));
    assert_eq!(form.choices.lead_choices[0].label, "5 minutes before");
    let mut edited = form.values.clone();
    edited.title = "Evening group".into();
    edited.start = local("2026-11-02T18:00");
    edited.duration_minutes = 90;
    edited.recurrence = Some(Recurrence::weekly(&[Weekday::Mon]));
    edited.own_leads = Some(vec![30, 120]);
    let added = s
        .schedule_act(
            ScheduleAction::SaveSessionForm {
                session_id: None,
                opened: form.values.clone(),
                edited,
            },
            now,
            NY,
            C12,
        )
        .unwrap();
    assert!(added.ask_notification_permission);
    let view = &added.screen.sessions[0];
    // Longest first: the order they fire in.
    assert_eq!(view.effective_leads, [120, 30]);
    assert_eq!(view.summary, "Mondays at 6:00 PM");
    assert_eq!(view.leads_label, "2 hours and 30 minutes before");
    assert!(!view.from_program);
    assert_eq!(added.screen.days[0].label, "Today");
    let today = &added.screen.days[0].occurrences[0];
    assert_eq!(today.time_label, "6:00 PM – 7:30 PM");
    assert_eq!(added.screen.days[1].label, "Mon 23 Nov");
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
            C12,
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
            C12,
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
            C12,
        )
        .unwrap();
    assert_eq!(
        marked.screen.recent[0].mark,
        Some(companion_core::Attendance::Attended)
    );
    // A bad zone: refused before anything changes.
    let heads = s.heads();
    assert!(
        s.schedule_act(
            ScheduleAction::RemoveSession { id },
            now,
            "Nowhere/Here",
            C12
        )
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
    let form = s.contact_form(None).unwrap();
    assert!(form.contact_id.is_none() && !form.can_remove);
    assert_eq!(form.values.name, "");
    let added = s
        .reach_out_act(
            ReachOutAction::SaveContactForm {
                contact_id: None,
                opened: form.values.clone(),
                edited: ContactValues {
                    name: "Sam".into(),
                    role: ContactRole::Sponsor,
                    phone: "(201) 555-0102".into(),
                    ..form.values.clone()
                },
            },
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
    assert_eq!(i.chart.range_choices[1].label, "90 days");
    assert_eq!(
        i.chart.description,
        "Mood and craving over the last 30 days, recorded on 3 of them."
    );
    assert_eq!(i.figure_spans, ["Last 7 days", "Last 30 days"]);
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
    let screen = s.settings_screen(C12).unwrap();
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
        .settings_act(SettingsAction::SetCheckinReminder(None), C12)
        .unwrap();
    assert_eq!(off.screen.checkin_reminder, None);
    assert!(!off.ask_notification_permission);
    let on = s
        .settings_act(
            SettingsAction::SetCheckinReminder(Some(NaiveTime::from_hms_opt(19, 30, 42).unwrap())),
            C12,
        )
        .unwrap();
    assert_eq!(
        on.screen.checkin_reminder,
        NaiveTime::from_hms_opt(19, 30, 0)
    );
    assert_eq!(on.screen.checkin_reminder_label.as_deref(), Some("7:30 PM"));
    assert!(on.ask_notification_permission);
    let leads = s
        .settings_act(SettingsAction::AddDefaultLead(15), C12)
        .unwrap();
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
        .settings_act(SettingsAction::SetRegion(Some("gb".into())), C12)
        .unwrap();
    assert_eq!(region.screen.region.as_deref(), Some("GB"));
    let heads = s.heads();
    assert!(
        s.settings_act(SettingsAction::SetRegion(Some("Atlantis".into())), C12)
            .is_err()
    );
    assert_eq!(s.heads(), heads);
    let back = s
        .settings_act(SettingsAction::SetRegion(None), C12)
        .unwrap();
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

#[test]
fn the_session_form_writes_only_what_was_changed() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut phone = common::open(da.path()).unwrap();
    let mut tablet = common::open(db.path()).unwrap();
    let now = at("2026-11-16T17:00:00Z");
    let mut fields = weekly("Skills group", "2026-11-02T09:00", NY, &[Weekday::Mon]);
    fields.location = Some("Room 2".into());
    let session = phone.add_session(&fields).unwrap();
    exchange(&mut phone, &mut tablet);

    // The phone opens the form; meanwhile the tablet moves the group to room 5.
    let form = phone.session_form(Some(&session.id), now, NY).unwrap();
    assert_eq!(form.values.location, "Room 2");
    assert!(form.can_remove);
    tablet
        .edit_session(
            &session.id,
            &SessionFields {
                location: Some("Room 5".into()),
                ..Default::default()
            },
        )
        .unwrap();
    exchange(&mut tablet, &mut phone);

    // The participant renames it and clears the notes they never had: only the title goes.
    let mut edited = form.values.clone();
    edited.title = "DBT skills".into();
    phone
        .schedule_act(
            ScheduleAction::SaveSessionForm {
                session_id: Some(session.id.clone()),
                opened: form.values.clone(),
                edited,
            },
            now,
            NY,
            C12,
        )
        .unwrap();
    let saved = phone.session(&session.id).unwrap();
    assert_eq!(saved.title, "DBT skills");
    assert_eq!(
        saved.location.as_deref(),
        Some("Room 5"),
        "the tablet's room survives"
    );

    // Saved unchanged: nothing written.
    let heads = phone.heads();
    let form = phone.session_form(Some(&session.id), now, NY).unwrap();
    phone
        .schedule_act(
            ScheduleAction::SaveSessionForm {
                session_id: Some(session.id.clone()),
                opened: form.values.clone(),
                edited: form.values.clone(),
            },
            now,
            NY,
            C12,
        )
        .unwrap();
    assert_eq!(phone.heads(), heads);
    // An emptied text clears it; a bad value is refused whole.
    let mut cleared = form.values.clone();
    cleared.location = String::new();
    cleared.duration_minutes = 0;
    assert!(matches!(
        phone.schedule_act(
            ScheduleAction::SaveSessionForm {
                session_id: Some(session.id.clone()),
                opened: form.values.clone(),
                edited: cleared.clone(),
            },
            now,
            NY,
            C12,
        ),
        Err(Error::InvalidInput { .. })
    ));
    assert_eq!(phone.heads(), heads);
    cleared.duration_minutes = form.values.duration_minutes;
    phone
        .schedule_act(
            ScheduleAction::SaveSessionForm {
                session_id: Some(session.id.clone()),
                opened: form.values,
                edited: cleared,
            },
            now,
            NY,
            C12,
        )
        .unwrap();
    assert_eq!(phone.session(&session.id).unwrap().location, None);
    assert!(matches!(
        phone.session_form(Some("no-such-session"), now, NY),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn the_contact_form_writes_only_what_was_changed() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut phone = common::open(da.path()).unwrap();
    let mut tablet = common::open(db.path()).unwrap();
    phone.set_device_region(Some("US")).unwrap();
    let ana = phone
        .add_contact(&ContactFields {
            name: Some("Ana".into()),
            phone: Some("312 555 0100".into()),
            ..Default::default()
        })
        .unwrap();
    exchange(&mut phone, &mut tablet);
    // The number reads as the participant would type it, not as stored.
    let form = phone.contact_form(Some(&ana.id)).unwrap();
    assert_eq!(form.values.phone, "(312) 555-0100");
    tablet
        .edit_contact(
            &ana.id,
            &ContactFields {
                email: Some("ana@example.org".into()),
                ..Default::default()
            },
        )
        .unwrap();
    exchange(&mut tablet, &mut phone);
    let mut edited = form.values.clone();
    edited.role = ContactRole::Sponsor;
    phone
        .reach_out_act(
            ReachOutAction::SaveContactForm {
                contact_id: Some(ana.id.clone()),
                opened: form.values,
                edited,
            },
            None,
        )
        .unwrap();
    let saved = phone.contact(&ana.id).unwrap();
    assert_eq!(saved.role, ContactRole::Sponsor);
    assert_eq!(saved.phone.as_deref(), Some("+13125550100"), "untouched");
    assert_eq!(
        saved.email.as_deref(),
        Some("ana@example.org"),
        "the tablet's"
    );
    // A built-in crisis line has no form.
    let line = phone.crisis_lines().unwrap()[0].id.clone();
    assert!(matches!(
        phone.contact_form(Some(&line)),
        Err(Error::ReadOnly { .. })
    ));
}

#[test]
fn times_and_days_are_worded_for_the_phones_clock() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    s.add_session(&weekly(
        "Chicago skills",
        "2026-11-02T09:00",
        "America/Chicago",
        &[Weekday::Mon, Weekday::Tue],
    ))
    .unwrap();
    let now = at("2026-11-16T13:00:00Z");
    let t = s
        .today_screen(now, NY, ClockStyle::TwentyFourHour, None)
        .unwrap();
    let o = &t.sessions[0];
    assert_eq!(
        (o.day_label.as_str(), o.time_label.as_str()),
        ("Today", "10:00 – 11:30")
    );
    assert_eq!(o.session_clock.as_ref().unwrap().label, "09:00 in Chicago");
    assert_eq!(t.coming_up[0].day_label, "Tomorrow");
    let schedule = s.schedule_screen(now, NY, C12).unwrap();
    assert_eq!(
        schedule.sessions[0].summary,
        "Mondays and Tuesdays at 9:00 AM (Chicago time)"
    );
    assert_eq!(schedule.sessions[0].leads_label, "1 hour before");
    let checkin = s.checkin_screen(day("2026-11-15"), now, NY).unwrap();
    assert_eq!(checkin.title, "Yesterday's check-in");
    assert_eq!(
        s.checkin_screen_today(now, NY).unwrap().title,
        "Today's check-in"
    );
}

#[test]
fn joining_is_the_moment_to_ask_for_notifications_when_reminders_come() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    // A program's code: its sessions come with reminders.
    assert!(s.asks_for_notifications_after_joining(false).unwrap());
    // Linking a device of a participant with no reminders at all: not yet.
    s.settings_act(SettingsAction::SetCheckinReminder(None), C12)
        .unwrap();
    assert!(!s.asks_for_notifications_after_joining(true).unwrap());
    // A session with the default lead time: yes.
    s.add_session(&weekly(
        "Aftercare",
        "2026-11-05T18:00",
        NY,
        &[Weekday::Thu],
    ))
    .unwrap();
    assert!(s.asks_for_notifications_after_joining(true).unwrap());
}

#[test]
fn a_video_session_is_joinable_until_it_is_over_or_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::open(dir.path()).unwrap();
    let mut fields = weekly("Telehealth group", "2026-11-02T13:00", NY, &[Weekday::Mon]);
    fields.video_link = Some("https://video.example.org/room".into());
    let session = s.add_session(&fields).unwrap();
    let today = |s: &Store, at_: &str| s.today_screen(at(at_), NY, C12, None).unwrap();
    // Monday 16 November: before it, and during it.
    assert!(today(&s, "2026-11-16T17:00:00Z").sessions[0].can_join);
    assert!(today(&s, "2026-11-16T18:30:00Z").sessions[0].can_join);
    // Over.
    assert!(!today(&s, "2026-11-16T21:00:00Z").sessions[0].can_join);
    s.cancel_occurrence(&session.id, day("2026-11-16")).unwrap();
    assert!(!today(&s, "2026-11-16T17:00:00Z").sessions[0].can_join);
    // A checked-in day reads as a line.
    s.record_checkin(
        day("2026-11-16"),
        &CheckInEdit {
            mood: Some(7),
            craving: Some(2),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        today(&s, "2026-11-16T17:00:00Z").checkin.unwrap().label,
        "Checked in today: mood 7, craving 2"
    );
}
