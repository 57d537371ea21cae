//! Calendar interop through the public API, on real store files: the exported file read back
//! with the `icalendar` parser, export → import round trips, files as clinic systems and
//! calendar apps write them, and bad files refused without changing anything.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use companion_core::{
    Error, ImportSummary, OccurrenceChange, PreferencesEdit, Recurrence, SessionFields,
    SessionKind, Store,
};
use icalendar::{CalendarComponent, Component, Event, EventLike};
use rand::{RngExt, SeedableRng, rngs::StdRng};

mod common;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, 0).unwrap()
}

fn utc(y: i32, m: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, 0, 0, 0).unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = common::open(dir.path()).unwrap();
    (dir, store)
}

/// Process group in Chicago, Mondays and Wednesdays 09:00 for three hours until 16 December,
/// with text that needs escaping and folding and two reminders of its own.
fn chicago_group() -> SessionFields {
    let mut r = Recurrence::weekly(&[Weekday::Wed, Weekday::Mon]);
    r.until = Some(d(2026, 12, 16));
    SessionFields {
        title: Some("Process group: Mondays, Wednesdays; bring notes \\ pens".into()),
        kind: Some(SessionKind::ProcessGroup),
        location: Some("Room 2, East wing; 3rd floor".into()),
        video_link: Some("https://video.example.org/rooms/process-group?id=12345".into()),
        notes: Some(
            "Bring the workbook.\nPhones off, please; the group is confidential and we start on \
             time, every time — ask the front desk about parking validation."
                .into(),
        ),
        start: Some(at(2026, 10, 26, 9, 0)), // a Monday
        time_zone: Some("America/Chicago".into()),
        duration_minutes: Some(180),
        recurrence: Some(Some(r)),
        reminder_leads: Some(Some(vec![15, 60])),
    }
}

fn one_off(title: &str, start: NaiveDateTime, zone: &str, minutes: u32) -> SessionFields {
    SessionFields {
        title: Some(title.into()),
        kind: Some(SessionKind::Individual),
        start: Some(start),
        time_zone: Some(zone.into()),
        duration_minutes: Some(minutes),
        ..Default::default()
    }
}

fn parse(text: &str) -> icalendar::Calendar {
    text.parse().expect("the export parses")
}

fn events(cal: &icalendar::Calendar) -> Vec<&Event> {
    cal.components
        .iter()
        .filter_map(CalendarComponent::as_event)
        .collect()
}

/// Each VTIMEZONE's TZID and its observances' (kind, DTSTART, TZOFFSETFROM, TZOFFSETTO), read
/// with the crate's low-level parser (its calendar type hides non-event components).
type Observance = (String, String, String, String);

fn zones(text: &str) -> Vec<(String, Vec<Observance>)> {
    let unfolded = icalendar::parser::unfold(text);
    let cal = icalendar::parser::read_calendar(&unfolded).unwrap();
    let get = |c: &icalendar::parser::Component, name: &str| {
        c.find_prop(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .val
            .as_str()
            .to_owned()
    };
    cal.components
        .iter()
        .filter(|c| c.name.as_str() == "VTIMEZONE")
        .map(|z| {
            // RFC 5545 has no UID or DTSTAMP in zone definitions.
            for c in std::iter::once(z).chain(&z.components) {
                assert!(c.find_prop("UID").is_none() && c.find_prop("DTSTAMP").is_none());
            }
            let observances = z
                .components
                .iter()
                .map(|o| {
                    (
                        o.name.as_str().to_owned(),
                        get(o, "DTSTART"),
                        get(o, "TZOFFSETFROM"),
                        get(o, "TZOFFSETTO"),
                    )
                })
                .collect();
            (get(z, "TZID"), observances)
        })
        .collect()
}

fn value<'a>(c: &'a impl Component, name: &str) -> &'a str {
    c.property_value(name)
        .unwrap_or_else(|| panic!("no {name} in {}", c.component_kind()))
}

fn tzid<'a>(c: &'a impl Component, name: &str) -> &'a str {
    c.properties()
        .get(name)
        .and_then(|p| p.params().get("TZID"))
        .map(|p| p.value())
        .unwrap_or_else(|| panic!("no TZID on {name}"))
}

#[test]
fn the_export_is_an_rfc_5545_calendar_with_zones_rules_and_alarms() {
    let (_dir, mut store) = store();
    let group = store.add_session(&chicago_group()).unwrap();
    store.cancel_occurrence(&group.id, d(2026, 11, 2)).unwrap();
    store
        .move_occurrence(&group.id, d(2026, 11, 4), at(2026, 11, 5, 13, 0), Some(90))
        .unwrap();
    let kolkata = store
        .add_session(&one_off(
            "Check-in call",
            at(2026, 11, 10, 18, 30),
            "Asia/Kolkata",
            60,
        ))
        .unwrap();

    let text = store.export_ics().unwrap();

    // CRLF everywhere, folded at 75 octets.
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines.last(), Some(&""));
    for line in &lines {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(
        lines.iter().any(|l| l.starts_with(' ')),
        "long lines are folded"
    );

    let cal = parse(&text);
    assert_eq!(cal.property_value("VERSION"), Some("2.0"));
    assert_eq!(cal.property_value("CALSCALE"), Some("GREGORIAN"));
    assert_eq!(cal.property_value("METHOD"), Some("PUBLISH"));
    assert!(
        cal.property_value("PRODID")
            .unwrap()
            .contains("IOP Companion")
    );

    // One VTIMEZONE per zone, with Chicago's actual 2026 changes and none for Kolkata.
    let zones = zones(&text);
    assert_eq!(zones.len(), 2);
    let observances = |tzid: &str| {
        zones
            .iter()
            .find(|(id, _)| id == tzid)
            .map(|(_, o)| o.clone())
            .unwrap_or_else(|| panic!("no VTIMEZONE for {tzid}"))
    };
    let obs = observances("America/Chicago");
    let o = |k: &str, start: &str, from: &str, to: &str| {
        (
            k.to_owned(),
            start.to_owned(),
            from.to_owned(),
            to.to_owned(),
        )
    };
    assert!(obs.contains(&o("DAYLIGHT", "20260308T020000", "-0600", "-0500")));
    assert!(obs.contains(&o("STANDARD", "20261101T020000", "-0500", "-0600")));
    // In order, each taking over from the one before, covering the years around the series.
    assert!(obs.windows(2).all(|w| w[0].1 < w[1].1 && w[0].3 == w[1].2));
    assert!(obs.iter().any(|o| o.1.starts_with("2025")));
    assert!(obs.iter().any(|o| o.1.starts_with("2027")));
    let obs = observances("Asia/Kolkata");
    assert_eq!(obs.len(), 1);
    assert_eq!(
        (obs[0].0.as_str(), obs[0].2.as_str(), obs[0].3.as_str()),
        ("STANDARD", "+0530", "+0530")
    );

    let events = events(&cal);
    assert_eq!(events.len(), 3, "two sessions and one moved occurrence");
    let uid = format!("{}@iop-companion", group.id);
    let (series, moved): (Vec<&&Event>, Vec<&&Event>) = events
        .iter()
        .filter(|e| value(**e, "UID") == uid)
        .partition(|e| e.property_value("RECURRENCE-ID").is_none());
    let (series, moved) = (series[0], moved[0]);

    assert_eq!(value(*series, "DTSTART"), "20261026T090000");
    assert_eq!(tzid(*series, "DTSTART"), "America/Chicago");
    assert_eq!(value(*series, "DTEND"), "20261026T120000");
    assert_eq!(tzid(*series, "DTEND"), "America/Chicago");
    // UNTIL in UTC: the end of 16 December's group, 12:00 CST.
    assert_eq!(
        value(*series, "RRULE"),
        "FREQ=WEEKLY;WKST=MO;INTERVAL=1;BYDAY=MO,WE;UNTIL=20261216T180000Z"
    );
    let exdates = &series.multi_properties()["EXDATE"];
    assert_eq!(exdates.len(), 1);
    assert_eq!(exdates[0].value(), "20261102T090000");
    assert_eq!(exdates[0].params()["TZID"].value(), "America/Chicago");
    assert!(series.get_timestamp().is_some());
    // Text comes back unescaped and unfolded.
    assert_eq!(series.get_summary(), Some(group.title.as_str()));
    assert_eq!(series.get_location(), group.location.as_deref());
    assert_eq!(series.get_description(), group.notes.as_deref());
    assert_eq!(series.get_url(), group.video_link.as_deref());
    assert_eq!(series.get_categories().unwrap(), ["process-group"]);
    assert_eq!(value(*series, "X-IOP-COMPANION-REMINDERS"), "OWN");
    let mut triggers: Vec<&str> = series
        .components()
        .iter()
        .map(|a| {
            assert_eq!(a.component_kind(), "VALARM");
            assert_eq!(value(a, "ACTION"), "DISPLAY");
            // Discreet notifications (the default): the alarm names no program.
            assert_eq!(value(a, "DESCRIPTION"), "Reminder");
            assert!(a.property_value("UID").is_none() && a.property_value("DTSTAMP").is_none());
            value(a, "TRIGGER")
        })
        .collect();
    triggers.sort_unstable();
    assert_eq!(triggers, ["-PT15M", "-PT60M"]);

    assert_eq!(value(*moved, "RECURRENCE-ID"), "20261104T090000");
    assert_eq!(tzid(*moved, "RECURRENCE-ID"), "America/Chicago");
    assert_eq!(value(*moved, "DTSTART"), "20261105T130000");
    assert_eq!(value(*moved, "DTEND"), "20261105T143000");
    assert!(moved.property_value("RRULE").is_none());
    assert_eq!(
        moved.components().len(),
        2,
        "a moved occurrence keeps its alarms"
    );

    let one = events
        .iter()
        .find(|e| value(**e, "UID") == format!("{}@iop-companion", kolkata.id))
        .unwrap();
    assert_eq!(tzid(*one, "DTSTART"), "Asia/Kolkata");
    assert!(one.property_value("RRULE").is_none());
    assert_eq!(value(*one, "X-IOP-COMPANION-REMINDERS"), "DEFAULT");
    assert_eq!(one.get_categories().unwrap(), ["individual"]);
    // The preferences' default lead: one hour.
    assert_eq!(one.components().len(), 1);
    assert_eq!(value(&one.components()[0], "TRIGGER"), "-PT60M");
}

#[test]
fn alarms_name_the_session_only_when_notifications_are_not_discreet() {
    let (_dir, mut store) = store();
    store
        .add_session(&one_off(
            "Skills group",
            at(2026, 11, 10, 18, 30),
            "Asia/Kolkata",
            60,
        ))
        .unwrap();
    store
        .edit_preferences(&PreferencesEdit {
            discreet_notifications: Some(false),
            default_reminder_leads: Some(vec![30, 1440]),
            ..Default::default()
        })
        .unwrap();
    let cal = parse(&store.export_ics().unwrap());
    let event = events(&cal)[0];
    let mut alarms: Vec<(&str, &str)> = event
        .components()
        .iter()
        .map(|a| (value(a, "TRIGGER"), value(a, "DESCRIPTION")))
        .collect();
    alarms.sort_unstable();
    assert_eq!(
        alarms,
        [("-PT1440M", "Skills group"), ("-PT30M", "Skills group")]
    );
}

#[test]
fn an_empty_schedule_exports_and_imports_as_nothing() {
    let (_dir, mut store) = store();
    let text = store.export_ics().unwrap();
    assert!(events(&parse(&text)).is_empty());
    let heads = store.heads();
    assert_eq!(store.import_ics(&text).unwrap(), ImportSummary::default());
    assert_eq!(store.heads(), heads);
}

/// Sessions in six zones with the awkward cases: a Sydney series across its spring-forward
/// change, a Sydney session inside the skipped hour, a Chicago session ending in the repeated
/// fall-back hour, a cancelled and a moved occurrence of a series, a cancelled and a moved
/// one-off, reminders of its own (including none) and the default.
fn fill(store: &mut Store) {
    let group = store.add_session(&chicago_group()).unwrap();
    store.cancel_occurrence(&group.id, d(2026, 11, 2)).unwrap();
    store
        .move_occurrence(&group.id, d(2026, 11, 4), at(2026, 11, 5, 13, 0), Some(90))
        .unwrap();

    let mut fortnightly = Recurrence::weekly(&[Weekday::Tue, Weekday::Thu]);
    fortnightly.interval_weeks = 2;
    fortnightly.count = Some(12);
    store
        .add_session(&SessionFields {
            kind: Some(SessionKind::SkillsGroup),
            recurrence: Some(Some(fortnightly)),
            reminder_leads: Some(Some(Vec::new())),
            ..one_off(
                "Skills group",
                at(2026, 9, 29, 18, 0),
                "Australia/Sydney",
                90,
            )
        })
        .unwrap();
    store
        .add_session(&SessionFields {
            kind: Some(SessionKind::Family),
            ..one_off(
                "Family session",
                at(2026, 10, 4, 2, 30),
                "Australia/Sydney",
                60,
            )
        })
        .unwrap();
    store
        .add_session(&one_off(
            "Late check-in",
            at(2026, 11, 1, 0, 30),
            "America/Chicago",
            90,
        ))
        .unwrap();
    let india = store
        .add_session(&one_off(
            "Check-in call",
            at(2026, 11, 10, 18, 30),
            "Asia/Kolkata",
            60,
        ))
        .unwrap();
    store
        .move_occurrence(
            &india.id,
            d(2026, 11, 10),
            at(2026, 11, 11, 10, 0),
            Some(45),
        )
        .unwrap();
    let call = store
        .add_session(&one_off(
            "Telehealth intake",
            at(2026, 12, 1, 15, 0),
            "UTC",
            30,
        ))
        .unwrap();
    store.cancel_occurrence(&call.id, d(2026, 12, 1)).unwrap();
    let mut fridays = Recurrence::weekly(&[Weekday::Fri]);
    fridays.until = Some(d(2027, 3, 26));
    store
        .add_session(&SessionFields {
            kind: Some(SessionKind::Aftercare),
            recurrence: Some(Some(fridays)),
            reminder_leads: Some(Some(vec![1440, 30])),
            location: Some("Community center".into()),
            ..one_off("Aftercare", at(2026, 10, 30, 17, 0), "America/New_York", 60)
        })
        .unwrap();
}

type Seen = (
    String,
    NaiveDate,
    DateTime<Utc>,
    DateTime<Utc>,
    String,
    String,
);

fn year_of_occurrences(store: &Store) -> Vec<Seen> {
    let mut out = Vec::new();
    // Two windows: a query may span at most 400 days.
    for (from, to) in [
        (utc(2026, 9, 1), utc(2027, 3, 1)),
        (utc(2027, 3, 1), utc(2027, 9, 1)),
    ] {
        for o in store.occurrences(from, to).unwrap() {
            if o.start >= from {
                out.push((
                    o.session_id,
                    o.series_date,
                    o.start,
                    o.end,
                    format!("{:?}", o.status),
                    o.title,
                ));
            }
        }
    }
    out
}

#[test]
fn export_then_import_gives_the_same_schedule() {
    let (_a, mut original) = store();
    fill(&mut original);
    let text = original.export_ics().unwrap();

    let (_b, mut copy) = store();
    let summary = copy.import_ics(&text).unwrap();
    assert_eq!(
        summary,
        ImportSummary {
            sessions_added: 7,
            sessions_updated: 0,
            sessions_unchanged: 0,
            occurrence_changes: 4,
        }
    );
    let occurrences = year_of_occurrences(&original);
    assert!(occurrences.len() > 40);
    assert_eq!(year_of_occurrences(&copy), occurrences);
    // Not only the same occurrences: the same sessions, ids, rules, zones and reminders.
    assert_eq!(copy.sessions().unwrap(), original.sessions().unwrap());

    // The skipped Sydney hour and the repeated Chicago hour survived exactly.
    let family = occurrences
        .iter()
        .find(|o| o.5 == "Family session")
        .unwrap();
    assert_eq!(
        family.2,
        Utc.with_ymd_and_hms(2026, 10, 3, 16, 30, 0).unwrap()
    );
    let late = occurrences.iter().find(|o| o.5 == "Late check-in").unwrap();
    assert_eq!((late.3 - late.2).num_minutes(), 90);

    // Importing the same file again, into either store, changes nothing at all.
    for store in [&mut copy, &mut original] {
        let heads = store.heads();
        let again = store.import_ics(&text).unwrap();
        assert_eq!(again.sessions_added, 0);
        assert_eq!(again.sessions_updated, 0);
        assert_eq!(again.sessions_unchanged, 7);
        assert_eq!(store.heads(), heads);
        assert_eq!(store.sessions().unwrap().len(), 7);
    }

    // A changed file updates in place: one more cancellation, a new title.
    let group_id = original
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title.starts_with("Process group"))
        .unwrap()
        .id;
    original
        .cancel_occurrence(&group_id, d(2026, 11, 9))
        .unwrap();
    original
        .edit_session(
            &group_id,
            &SessionFields {
                title: Some("Process group (new room)".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let summary = copy.import_ics(&original.export_ics().unwrap()).unwrap();
    assert_eq!((summary.sessions_added, summary.sessions_updated), (0, 1));
    assert_eq!(copy.sessions().unwrap(), original.sessions().unwrap());
    // And a restored occurrence goes away on the next import too.
    original
        .restore_occurrence(&group_id, d(2026, 11, 2))
        .unwrap();
    copy.import_ics(&original.export_ics().unwrap()).unwrap();
    assert_eq!(copy.session(&group_id).unwrap().changes.len(), 2);
    assert_eq!(copy.sessions().unwrap(), original.sessions().unwrap());
}

/// An Outlook-style export: Windows zone names, its own VTIMEZONE, CRLF, folded lines,
/// quoted TZIDs, an EXDATE list, a moved and a cancelled occurrence, alarms in three forms.
const OUTLOOK: &str = "BEGIN:VCALENDAR\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
VERSION:2.0\r
METHOD:PUBLISH\r
X-MS-OLK-FORCEINSPECTOROPEN:TRUE\r
BEGIN:VTIMEZONE\r
TZID:Central Standard Time\r
BEGIN:STANDARD\r
DTSTART:16011104T020000\r
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r
TZOFFSETFROM:-0500\r
TZOFFSETTO:-0600\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010311T020000\r
RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r
TZOFFSETFROM:-0600\r
TZOFFSETTO:-0500\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
CLASS:PUBLIC\r
CREATED:20261001T120000Z\r
DESCRIPTION:Bring your workbook. Group rules: confidentiality\\, respect\\; \r
 phones off.\\nCall the front desk if you will be late.\r
DTEND;TZID=\"Central Standard Time\":20261102T120000\r
DTSTAMP:20261001T120000Z\r
DTSTART;TZID=\"Central Standard Time\":20261102T090000\r
EXDATE;TZID=\"Central Standard Time\":20261103T090000,20261110T090000\r
LOCATION:Suite 200\\, Room B\r
PRIORITY:5\r
RRULE:FREQ=WEEKLY;COUNT=12;BYDAY=MO,TU,TH;WKST=SU\r
SEQUENCE:0\r
SUMMARY;LANGUAGE=en-us:Intensive Outpatient – Process Group\r
TRANSP:OPAQUE\r
UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4\r
 D5E6F7\r
CATEGORIES:Process Group\r
X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r
BEGIN:VALARM\r
TRIGGER:-PT15M\r
ACTION:DISPLAY\r
DESCRIPTION:Reminder\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
DTEND;TZID=\"Central Standard Time\":20261106T130000\r
DTSTAMP:20261001T120000Z\r
DTSTART;TZID=\"Central Standard Time\":20261106T100000\r
RECURRENCE-ID;TZID=\"Central Standard Time\":20261105T090000\r
SUMMARY;LANGUAGE=en-us:Intensive Outpatient – Process Group (moved)\r
UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4\r
 D5E6F7\r
END:VEVENT\r
BEGIN:VEVENT\r
DTEND;TZID=\"Central Standard Time\":20261112T120000\r
DTSTAMP:20261001T120000Z\r
DTSTART;TZID=\"Central Standard Time\":20261112T090000\r
RECURRENCE-ID;TZID=\"Central Standard Time\":20261112T090000\r
STATUS:CANCELLED\r
SUMMARY;LANGUAGE=en-us:Canceled: Intensive Outpatient – Process Group\r
UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4\r
 D5E6F7\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:family-2026-11-20@clinic.example.org\r
DTSTAMP:20261001T120000Z\r
DTSTART:20261120T230000Z\r
DURATION:PT1H30M\r
SUMMARY:Family session\r
CATEGORIES:FAMILY\r
URL:https://telehealth.example.org/join/abc\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
DESCRIPTION:Reminder\r
TRIGGER;RELATED=START:-P1D\r
END:VALARM\r
BEGIN:VALARM\r
ACTION:AUDIO\r
TRIGGER:-PT1H\r
END:VALARM\r
END:VEVENT\r
END:VCALENDAR\r
";

#[test]
fn an_outlook_clinic_export_imports() {
    let (_dir, mut store) = store();
    let summary = store.import_ics(OUTLOOK).unwrap();
    assert_eq!(
        summary,
        ImportSummary {
            sessions_added: 2,
            sessions_updated: 0,
            sessions_unchanged: 0,
            occurrence_changes: 4,
        }
    );
    let sessions = store.sessions().unwrap();
    let group = &sessions[0];
    assert_eq!(group.title, "Intensive Outpatient – Process Group");
    assert_eq!(group.kind, SessionKind::ProcessGroup);
    assert_eq!(group.time_zone, "America/Chicago");
    assert_eq!(group.start, at(2026, 11, 2, 9, 0));
    assert_eq!(group.duration_minutes, 180);
    assert_eq!(group.location.as_deref(), Some("Suite 200, Room B"));
    assert_eq!(
        group.notes.as_deref(),
        Some(
            "Bring your workbook. Group rules: confidentiality, respect; phones off.\n\
             Call the front desk if you will be late."
        )
    );
    let r = group.recurrence.as_ref().unwrap();
    assert_eq!(r.weekdays, [Weekday::Mon, Weekday::Tue, Weekday::Thu]);
    assert_eq!((r.interval_weeks, r.count, r.until), (1, Some(12), None));
    assert_eq!(group.reminder_leads, Some(vec![15]));
    assert_eq!(group.changes.len(), 4);
    assert_eq!(group.changes[&d(2026, 11, 3)], OccurrenceChange::Cancelled);
    assert_eq!(group.changes[&d(2026, 11, 10)], OccurrenceChange::Cancelled);
    assert_eq!(group.changes[&d(2026, 11, 12)], OccurrenceChange::Cancelled);
    assert_eq!(
        group.changes[&d(2026, 11, 5)],
        OccurrenceChange::Moved {
            start: at(2026, 11, 6, 10, 0),
            duration_minutes: 180
        }
    );

    let family = &sessions[1];
    assert_eq!(family.time_zone, "UTC");
    assert_eq!(family.start, at(2026, 11, 20, 23, 0));
    assert_eq!(family.duration_minutes, 90);
    assert_eq!(family.kind, SessionKind::Family);
    assert_eq!(
        family.video_link.as_deref(),
        Some("https://telehealth.example.org/join/abc")
    );
    assert_eq!(family.reminder_leads, Some(vec![1440, 60]));
    assert!(family.recurrence.is_none());

    // The Chicago group shows at 09:00 CST = 15:00 UTC, the moved one on Friday 10:00.
    let week = store
        .occurrences(utc(2026, 11, 2), utc(2026, 11, 9))
        .unwrap();
    let starts: Vec<_> = week
        .iter()
        .map(|o| (o.start, format!("{:?}", o.status)))
        .collect();
    assert_eq!(
        starts,
        [
            (
                Utc.with_ymd_and_hms(2026, 11, 2, 15, 0, 0).unwrap(),
                "Scheduled".into()
            ),
            (
                Utc.with_ymd_and_hms(2026, 11, 3, 15, 0, 0).unwrap(),
                "Cancelled".into()
            ),
            (
                Utc.with_ymd_and_hms(2026, 11, 6, 16, 0, 0).unwrap(),
                "Moved".into()
            ),
        ]
    );

    // The same file again: nothing new, nothing written.
    let heads = store.heads();
    let again = store.import_ics(OUTLOOK).unwrap();
    assert_eq!((again.sessions_added, again.sessions_unchanged), (0, 2));
    assert_eq!(store.heads(), heads);
    // LF line endings and lowercase property names read the same.
    let relaxed = OUTLOOK
        .replace("\r\n", "\n")
        .replace("SUMMARY;", "summary;");
    let again = store.import_ics(&relaxed).unwrap();
    assert_eq!(again.sessions_unchanged, 2);
    assert_eq!(store.heads(), heads);
}

#[test]
fn floating_times_take_the_calendars_x_wr_timezone() {
    // Google-style: a default zone, floating times, a weekly rule without BYDAY, a UTC UNTIL
    // that falls before the last Tuesday's 17:00 in Los Angeles, a Meet link.
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n\
        X-WR-TIMEZONE:America/Los_Angeles\r\nBEGIN:VEVENT\r\nDTSTART:20261201T170000\r\n\
        DTEND:20261201T180000\r\nRRULE:FREQ=WEEKLY;UNTIL=20261229T235959Z\r\n\
        DTSTAMP:20261101T000000Z\r\nUID:5k2j3h4g5f6d7s8a@google.com\r\n\
        X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\r\nSUMMARY:Aftercare group\r\n\
        CATEGORIES:Aftercare\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let (_dir, mut store) = store();
    store.import_ics(text).unwrap();
    let s = &store.sessions().unwrap()[0];
    assert_eq!(s.time_zone, "America/Los_Angeles");
    assert_eq!(s.kind, SessionKind::Aftercare);
    assert_eq!(
        s.video_link.as_deref(),
        Some("https://meet.google.com/abc-defg-hij")
    );
    let r = s.recurrence.as_ref().unwrap();
    assert_eq!(r.weekdays, [Weekday::Tue]);
    assert_eq!(r.until, Some(d(2026, 12, 28)));
    let dates: Vec<_> = store
        .occurrences(utc(2026, 11, 1), utc(2027, 2, 1))
        .unwrap()
        .iter()
        .map(|o| o.series_date)
        .collect();
    assert_eq!(
        dates,
        [
            d(2026, 12, 1),
            d(2026, 12, 8),
            d(2026, 12, 15),
            d(2026, 12, 22)
        ]
    );
    assert_eq!(
        s.reminder_leads, None,
        "no alarms: the participant's default applies"
    );
}

// ---- Bad files -------------------------------------------------------------------------

/// The participant text in every bad file below; no error may repeat it.
const SECRET_TITLE: &str = "Sam's relapse prevention group";
const SECRET_PLACE: &str = "Room 12 at Hope Street";

/// A one-event calendar; `event` lines replace the default ones with the same name (before
/// ':' or ';'), `None` removes, and lines with a new name are added.
fn calendar(changes: &[(&str, Option<&str>)]) -> String {
    let mut lines = vec![
        "UID:abc-123@clinic.example.org".to_owned(),
        "DTSTAMP:20261001T000000Z".to_owned(),
        "DTSTART;TZID=America/Chicago:20261102T090000".to_owned(),
        "DTEND;TZID=America/Chicago:20261102T100000".to_owned(),
        format!("SUMMARY:{SECRET_TITLE}"),
        format!("LOCATION:{SECRET_PLACE}"),
        "RRULE:FREQ=WEEKLY;BYDAY=MO".to_owned(),
    ];
    for (name, line) in changes {
        let pos = lines
            .iter()
            .position(|l| l.split([':', ';']).next() == Some(*name));
        match (pos, line) {
            (Some(i), Some(l)) => lines[i] = (*l).to_owned(),
            (Some(i), None) => {
                lines.remove(i);
            }
            (None, Some(l)) => lines.push((*l).to_owned()),
            (None, None) => {}
        }
    }
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Clinic//EN\r\nBEGIN:VEVENT\r\n{}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        lines.join("\r\n")
    )
}

/// The 1-based line of the first line starting with `prefix`.
fn line_of(text: &str, prefix: &str) -> Option<usize> {
    text.split("\r\n")
        .position(|l| l.starts_with(prefix))
        .map(|i| i + 1)
}

#[test]
fn bad_files_get_specific_errors_and_change_nothing() {
    let (_dir, mut store) = store();
    store.add_session(&chicago_group()).unwrap();
    let good = store.export_ics().unwrap();
    let heads = store.heads();

    let invalid = |reason: &'static str| move |e: &Error| matches!(e, Error::InvalidCalendar { reason: r, .. } if r.contains(reason));
    let unsupported = |part: &'static str| move |e: &Error| matches!(e, Error::UnsupportedRecurrence { part: p, .. } if p == part);
    let input = |field: &'static str| move |e: &Error| matches!(e, Error::InvalidInput { field: f, .. } if *f == field);
    type Check = Box<dyn Fn(&Error) -> bool>;
    let middle_of_file = {
        // Three events; the second is 13 hours long.
        let event = |uid: &str, end: &str| {
            format!(
                "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261001T000000Z\r\n\
                 DTSTART;TZID=America/Chicago:20261102T090000\r\n\
                 DTEND;TZID=America/Chicago:{end}\r\nSUMMARY:{SECRET_TITLE}\r\nEND:VEVENT\r\n"
            )
        };
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{}{}{}END:VCALENDAR\r\n",
            event("a@clinic", "20261102T100000"),
            event("b@clinic", "20261102T220000"),
            event("c@clinic", "20261102T100000"),
        )
    };
    let cases: Vec<(&str, String, Check)> = vec![
        (
            "empty",
            String::new(),
            Box::new(invalid("not an iCalendar file")),
        ),
        (
            "prose",
            "Dear Sam, see you Monday.".into(),
            Box::new(invalid("not an iCalendar file")),
        ),
        (
            "a vCard",
            "BEGIN:VCARD\r\nFN:Sam\r\nEND:VCARD\r\n".into(),
            Box::new(invalid("not an iCalendar file")),
        ),
        (
            "truncated",
            good[..good.len() / 2].to_owned(),
            Box::new(invalid("cut short")),
        ),
        (
            "mismatched END",
            good.replace("END:VEVENT", "END:VTODO"),
            Box::new(invalid("not well-formed")),
        ),
        (
            "two calendars",
            format!("{good}{good}"),
            Box::new(invalid("not well-formed")),
        ),
        (
            "nested deeply",
            format!("BEGIN:VCALENDAR\r\n{}", "BEGIN:X\r\n".repeat(100)),
            Box::new(invalid("nested too deeply")),
        ),
        (
            "no SUMMARY",
            calendar(&[("SUMMARY", None)]),
            Box::new(invalid("no SUMMARY")),
        ),
        (
            "no DTSTART",
            calendar(&[("DTSTART", None)]),
            Box::new(invalid("no DTSTART")),
        ),
        (
            "no UID",
            calendar(&[("UID", None)]),
            Box::new(invalid("no UID")),
        ),
        (
            "no end",
            calendar(&[("DTEND", None)]),
            Box::new(invalid("neither DTEND nor DURATION")),
        ),
        (
            "ends first",
            calendar(&[("DTEND", Some("DTEND;TZID=America/Chicago:20261102T080000"))]),
            Box::new(invalid("end after it starts")),
        ),
        (
            "all day",
            calendar(&[("DTSTART", Some("DTSTART;VALUE=DATE:20261102"))]),
            Box::new(invalid("all-day")),
        ),
        (
            "bad date",
            calendar(&[(
                "DTSTART",
                Some("DTSTART;TZID=America/Chicago:20261302T090000"),
            )]),
            Box::new(invalid("DTSTART is not a valid")),
        ),
        (
            "monthly",
            calendar(&[("RRULE", Some("RRULE:FREQ=MONTHLY;BYMONTHDAY=2"))]),
            Box::new(unsupported("FREQ=MONTHLY")),
        ),
        (
            "daily",
            calendar(&[("RRULE", Some("RRULE:FREQ=DAILY;COUNT=5"))]),
            Box::new(unsupported("FREQ=DAILY")),
        ),
        (
            "BYSETPOS",
            calendar(&[("RRULE", Some("RRULE:FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=1"))]),
            Box::new(unsupported("BYSETPOS")),
        ),
        (
            "BYMONTH",
            calendar(&[("RRULE", Some("RRULE:FREQ=WEEKLY;BYDAY=MO;BYMONTH=11"))]),
            Box::new(unsupported("BYMONTH")),
        ),
        (
            "BYHOUR",
            calendar(&[("RRULE", Some("RRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=9,15"))]),
            Box::new(unsupported("BYHOUR")),
        ),
        (
            "ordinal BYDAY",
            calendar(&[("RRULE", Some("RRULE:FREQ=WEEKLY;BYDAY=1MO"))]),
            Box::new(
                |e: &Error| matches!(e, Error::UnsupportedRecurrence { part, .. } if part.starts_with("BYDAY")),
            ),
        ),
        (
            "WKST=SU",
            calendar(&[(
                "RRULE",
                Some("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=SU"),
            )]),
            Box::new(unsupported("WKST=SU")),
        ),
        (
            "RDATE",
            calendar(&[("RDATE", Some("RDATE;TZID=America/Chicago:20261104T090000"))]),
            Box::new(unsupported("RDATE")),
        ),
        (
            "EXRULE",
            calendar(&[("EXRULE", Some("EXRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2"))]),
            Box::new(unsupported("EXRULE")),
        ),
        (
            "two RRULEs",
            calendar(&[("RRULE2", Some("RRULE:FREQ=WEEKLY;BYDAY=WE"))]),
            Box::new(unsupported("more than one RRULE")),
        ),
        (
            "no FREQ",
            calendar(&[("RRULE", Some("RRULE:BYDAY=MO"))]),
            Box::new(invalid("no FREQ")),
        ),
        (
            "unknown zone",
            calendar(&[(
                "DTSTART",
                Some("DTSTART;TZID=Gotham Standard Time:20261102T090000"),
            )]),
            Box::new(
                |e: &Error| matches!(e, Error::UnknownTimeZone(z) if z == "Gotham Standard Time"),
            ),
        ),
        (
            "floating",
            calendar(&[
                ("DTSTART", Some("DTSTART:20261102T090000")),
                ("DTEND", Some("DTEND:20261102T100000")),
            ]),
            Box::new(|e: &Error| matches!(e, Error::FloatingTime { line: Some(_) })),
        ),
        (
            "EXDATE not an occurrence",
            calendar(&[(
                "EXDATE",
                Some("EXDATE;TZID=America/Chicago:20261103T090000"),
            )]),
            Box::new(
                |e: &Error| matches!(e, Error::NoSuchOccurrence { date, .. } if date == "2026-11-03"),
            ),
        ),
        (
            "EXDATE at another time",
            calendar(&[(
                "EXDATE",
                Some("EXDATE;TZID=America/Chicago:20261109T100000"),
            )]),
            Box::new(|e: &Error| matches!(e, Error::NoSuchOccurrence { .. })),
        ),
        (
            "EXDATE before the series",
            calendar(&[("EXDATE", Some("EXDATE:20261026T140000Z"))]),
            Box::new(|e: &Error| matches!(e, Error::NoSuchOccurrence { .. })),
        ),
        (
            "whole series cancelled",
            calendar(&[("STATUS", Some("STATUS:CANCELLED"))]),
            Box::new(invalid("STATUS:CANCELLED")),
        ),
        (
            "first day not in BYDAY",
            calendar(&[("RRULE", Some("RRULE:FREQ=WEEKLY;BYDAY=TU"))]),
            Box::new(input("weekdays")),
        ),
        (
            "UNTIL and COUNT",
            calendar(&[(
                "RRULE",
                Some("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3;UNTIL=20261201T000000Z"),
            )]),
            Box::new(input("recurrence")),
        ),
        (
            "a year between weeks",
            calendar(&[("RRULE", Some("RRULE:FREQ=WEEKLY;BYDAY=MO;INTERVAL=60"))]),
            Box::new(input("interval")),
        ),
        (
            "title too long",
            calendar(&[(
                "SUMMARY",
                Some(&format!("SUMMARY:{}", SECRET_TITLE.repeat(5))),
            )]),
            Box::new(input("title")),
        ),
        (
            "not a web link",
            calendar(&[("URL", Some("URL:ftp://files.example.org/x"))]),
            Box::new(input("video link")),
        ),
        (
            "session too long",
            calendar(&[("DTEND", Some("DTEND;TZID=America/Chicago:20261102T230000"))]),
            Box::new(input("duration")),
        ),
        (
            "fails in the middle",
            middle_of_file,
            Box::new(input("duration")),
        ),
        (
            "same UID twice",
            good.replace("END:VCALENDAR", &good[good.find("BEGIN:VEVENT").unwrap()..]),
            Box::new(invalid("same UID")),
        ),
        (
            "orphan occurrence",
            calendar(&[
                (
                    "RECURRENCE-ID",
                    Some("RECURRENCE-ID;TZID=America/Chicago:20261109T090000"),
                ),
                ("RRULE", None),
            ]),
            Box::new(invalid("no series event")),
        ),
        (
            "alarm after start",
            calendar(&[(
                "X",
                Some("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:PT15M\r\nEND:VALARM"),
            )]),
            Box::new(invalid("after the start")),
        ),
        (
            "alarm at a time",
            calendar(&[(
                "X",
                Some(
                    "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;VALUE=DATE-TIME:20261102T140000Z\r\nEND:VALARM",
                ),
            )]),
            Box::new(invalid("fixed time")),
        ),
        (
            "alarm without trigger",
            calendar(&[("X", Some("BEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM"))]),
            Box::new(invalid("no TRIGGER")),
        ),
        (
            "alarm a month ahead",
            calendar(&[(
                "X",
                Some("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P30D\r\nEND:VALARM"),
            )]),
            Box::new(input("reminder lead times")),
        ),
        (
            "five alarms",
            calendar(&[(
                "X",
                Some(
                    &(1..=5)
                        .map(|m| {
                            format!(
                                "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT{m}M\r\nEND:VALARM"
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\r\n"),
                ),
            )]),
            Box::new(input("reminder lead times")),
        ),
        (
            "DTSTART twice",
            calendar(&[("X", Some("DTSTART;TZID=America/Chicago:20261109T090000"))]),
            Box::new(invalid("appears twice")),
        ),
    ];

    for (name, text, check) in &cases {
        let err = store
            .import_ics(text)
            .expect_err(&format!("{name}: should be refused"));
        assert!(check(&err), "{name}: unexpected error {err:?}");
        let message = err.to_string();
        for secret in [SECRET_TITLE, SECRET_PLACE, "Sam", "Hope Street"] {
            assert!(!message.contains(secret), "{name}: {message}");
        }
        assert_eq!(store.heads(), heads, "{name}: the store changed");
    }
    assert_eq!(store.sessions().unwrap().len(), 1);

    // Errors point at the line that holds the problem.
    let monthly = calendar(&[("RRULE", Some("RRULE:FREQ=MONTHLY"))]);
    match store.import_ics(&monthly) {
        Err(Error::UnsupportedRecurrence { line, .. }) => {
            assert_eq!(line, line_of(&monthly, "RRULE"));
        }
        other => panic!("{other:?}"),
    }
    let no_summary = calendar(&[("SUMMARY", None)]);
    match store.import_ics(&no_summary) {
        Err(Error::InvalidCalendar { line, .. }) => {
            assert_eq!(line, line_of(&no_summary, "BEGIN:VEVENT"));
        }
        other => panic!("{other:?}"),
    }
    // Folded lines count in the original file's numbering.
    let folded = calendar(&[
        (
            "DESCRIPTION",
            Some("DESCRIPTION:a long\r\n  folded\r\n  note"),
        ),
        ("RRULE", Some("RRULE:FREQ=YEARLY")),
    ]);
    match store.import_ics(&folded) {
        Err(Error::UnsupportedRecurrence { line, .. }) => {
            assert_eq!(line, line_of(&folded, "RRULE"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.heads(), heads);
}

#[test]
fn no_input_makes_the_import_panic() {
    let (_a, mut source) = store();
    fill(&mut source);
    let good = source.export_ics().unwrap();
    let (_b, mut store) = store();
    let mut rng = StdRng::seed_from_u64(0x1CA1);
    let vocabulary = [
        "BEGIN:",
        "END:",
        "VCALENDAR",
        "VEVENT",
        "VALARM",
        "VTIMEZONE",
        ":",
        ";",
        "=",
        ",",
        "\r\n",
        "\n",
        "\r",
        " ",
        "\t",
        "\"",
        "\\",
        "DTSTART",
        "DTEND",
        "DURATION",
        "SUMMARY:x",
        "UID:u",
        "TZID=",
        "America/Chicago",
        "RRULE:",
        "FREQ=WEEKLY",
        "BYDAY=MO",
        "COUNT=",
        "UNTIL=",
        "EXDATE",
        "RECURRENCE-ID",
        "TRIGGER:",
        "-PT15M",
        "P",
        "T",
        "20261102T090000",
        "Z",
        "99999999999999999999",
        "é",
        "\u{0}",
        "\u{feff}",
        "-",
    ];
    let mut inputs: Vec<String> = Vec::new();
    for _ in 0..150 {
        let len = rng.random_range(0..300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.random::<u8>()).collect();
        inputs.push(String::from_utf8_lossy(&bytes).into_owned());
        let n = rng.random_range(0..80);
        let mut s = String::from("BEGIN:VCALENDAR\r\n");
        for _ in 0..n {
            s.push_str(vocabulary[rng.random_range(0..vocabulary.len())]);
        }
        inputs.push(s);
    }
    let lines: Vec<&str> = good.split("\r\n").collect();
    for _ in 0..150 {
        let mut l = lines.clone();
        let i = rng.random_range(0..l.len());
        let j = rng.random_range(0..l.len());
        match rng.random_range(0..5) {
            0 => {
                l.remove(i);
            }
            1 => l.insert(i, lines[j]),
            2 => l.swap(i, j),
            3 => l.truncate(i),
            _ => {}
        }
        let mut text = l.join("\r\n").into_bytes();
        for _ in 0..rng.random_range(0..4) {
            if !text.is_empty() {
                let k = rng.random_range(0..text.len());
                text[k] = rng.random_range(0x20..0x7f);
            }
        }
        inputs.push(String::from_utf8_lossy(&text).into_owned());
    }
    let (mut imported, mut refused) = (0, 0);
    for text in &inputs {
        let heads = store.heads();
        if store.import_ics(text).is_ok() {
            imported += 1;
        } else {
            refused += 1;
            assert_eq!(store.heads(), heads);
        }
    }
    // Both paths ran: some mutations leave a valid file, most do not.
    assert!(
        imported > 0 && refused > imported,
        "{imported} imported, {refused} refused"
    );
    // The store still works and still exports something every parser reads.
    let text = store.export_ics().unwrap();
    parse(&text);
}
