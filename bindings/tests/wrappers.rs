//! The wrappers from Rust: conversions, error mapping and the listener, before any foreign
//! language is involved (the Kotlin tests call the same functions through the real library).

use std::sync::Arc;
use std::sync::Mutex;

use companion_ffi::{
    ChangeListener, CheckInInput, CompanionError, CompanionStore, DataChange, HttpError,
    HttpMethod, HttpRequest, HttpResponse, HttpTransport, LocalDate, Timestamp,
};

/// A phone with no network: every request fails as offline, and is kept to look at. (The
/// Kotlin tests send through the app's real transport to a real server.)
#[derive(Default)]
struct NoNetwork {
    asked: Mutex<Vec<HttpRequest>>,
}

#[async_trait::async_trait]
impl HttpTransport for NoNetwork {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        self.asked.lock().unwrap().push(request);
        Err(HttpError::Offline)
    }
}

/// A local date, as the apps pass `java.time.LocalDate` / `CalendarDay`.
fn d(s: &str) -> LocalDate {
    LocalDate(s.parse().unwrap())
}

/// Opens a store under a fixed key, as the apps do under theirs.
fn open(dir: &std::path::Path) -> Result<Arc<CompanionStore>, CompanionError> {
    open_with(dir, Arc::new(NoNetwork::default()))
}

fn open_with(
    dir: &std::path::Path,
    transport: Arc<dyn HttpTransport>,
) -> Result<Arc<CompanionStore>, CompanionError> {
    CompanionStore::open(dir.to_string_lossy().into_owned(), vec![7; 32], transport)
}

fn no_network() -> Arc<dyn HttpTransport> {
    Arc::new(NoNetwork::default())
}

struct Recorder {
    seen: Mutex<Vec<DataChange>>,
    fail: bool,
}

impl ChangeListener for Recorder {
    fn on_change(&self, change: DataChange) -> Result<(), CompanionError> {
        self.seen.lock().unwrap().push(change);
        if self.fail {
            return Err(CompanionError::Callback("the app's listener threw".into()));
        }
        Ok(())
    }
}

#[test]
fn a_participant_flow_and_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path()).unwrap();
    let recorder = Arc::new(Recorder {
        seen: Mutex::new(Vec::new()),
        fail: true,
    });
    let subscription = store.subscribe(recorder.clone());
    let saved = store
        .record_checkin(
            d("2025-06-01"),
            CheckInInput {
                mood: Some(7),
                note: Some("a good day".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(saved.mood, 7);
    assert_eq!(
        recorder.seen.lock().unwrap().as_slice(),
        [DataChange::Local]
    );
    // The listener's failure is kept on its subscription; the check-in is saved regardless.
    assert!(subscription.last_error().unwrap().contains("threw"));
    assert_eq!(store.checkins(None, None).unwrap().len(), 1);

    // Out of the scale, or a date in the future: refused by name.
    for (date, mood) in [("2025-06-02", 11), ("2999-06-02", 5)] {
        let err = store
            .record_checkin(
                d(date),
                CheckInInput {
                    mood: Some(mood),
                    ..Default::default()
                },
            )
            .unwrap_err();
        assert!(matches!(err, CompanionError::InvalidInput(_)), "{err:?}");
    }
    assert!(matches!(
        store.remove_contact("nope".into()),
        Err(CompanionError::NotFound(_))
    ));
    assert!(matches!(
        store.today(Timestamp(chrono::Utc::now()), "Mars/Base".into()),
        Err(CompanionError::UnknownTimeZone(_))
    ));
    subscription.cancel();
    store.delete_checkin(d("2025-06-01")).unwrap();
    assert_eq!(
        recorder.seen.lock().unwrap().len(),
        1,
        "cancelled: not told again"
    );
}

#[test]
fn a_damaged_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("companion.sqlite3"),
        b"not a database, just text....",
    )
    .unwrap();
    assert!(matches!(
        open(dir.path()),
        Err(CompanionError::StoreUnusable(_))
    ));
}

#[test]
fn crisis_lines_and_reach_out_cross_the_boundary() {
    use companion_ffi::{ActionType, ContactInput, CrisisLineSource, PreferencesInput, Role};
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path()).unwrap();
    store.set_device_region(Some("US".into())).unwrap();
    let lines = store.crisis_lines().unwrap();
    assert_eq!(lines[0].id, "crisis:us-988");
    assert_eq!(lines[0].source, CrisisLineSource::BuiltIn);
    assert_eq!(lines[0].actions[0].kind, ActionType::Call);
    assert!(matches!(
        store.set_device_region(Some("Mars".into())),
        Err(CompanionError::InvalidInput(_))
    ));
    assert!(matches!(
        store.remove_contact("crisis:us-988".into()),
        Err(CompanionError::ReadOnly(_))
    ));
    let sam = store
        .add_contact(ContactInput {
            name: Some("Sam".into()),
            role: Some(Role::Sponsor),
            phone: Some("(201) 555-0102".into()),
            favourite: Some(true),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(sam.phone.as_deref(), Some("+12015550102"));
    let r = store.reach_out(Some("Hi".into())).unwrap();
    assert_eq!(r.favourites[0].actions[1].uri, "sms:+12015550102?body=Hi");
    let p = store
        .edit_preferences(PreferencesInput {
            region: Some("gb".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(p.region.as_deref(), Some("GB"));
    assert_eq!(store.crisis_lines().unwrap()[0].name, "Samaritans");
    assert!(companion_ffi::suggested_reach_out_message().starts_with("Hi"));
}

#[test]
fn the_store_key_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_string_lossy().into_owned();
    let key = companion_ffi::generate_store_key().unwrap();
    assert_eq!(key.len(), 32);
    assert_ne!(key, companion_ffi::generate_store_key().unwrap());
    drop(CompanionStore::open(path.clone(), key.clone(), no_network()).unwrap());
    assert!(matches!(
        CompanionStore::open(path.clone(), vec![1; 32], no_network()),
        Err(CompanionError::WrongKey(_))
    ));
    assert!(matches!(
        CompanionStore::open(path.clone(), vec![1; 16], no_network()),
        Err(CompanionError::InvalidInput(_))
    ));
    assert!(CompanionStore::open(path, key, no_network()).is_ok());
}

/// Three check-ins around a missed day, as of Thursday 2025-06-05 (not checked in yet):
/// Sun 1 June mood 6 craving 2 slept 7.5 h, Tue 3 June mood 4 craving 8 slept 5 h, Wed 4 June
/// mood 5 craving 8. Monday 2 June is missed.
fn three_checkins(store: &CompanionStore) {
    for (date, mood, craving, sleep) in [
        ("2025-06-01", 6, 2, Some(7.5)),
        ("2025-06-03", 4, 8, Some(5.0)),
        ("2025-06-04", 5, 8, None),
    ] {
        store
            .record_checkin(
                d(date),
                CheckInInput {
                    mood: Some(mood),
                    craving: Some(craving),
                    sleep_hours: sleep,
                    ..Default::default()
                },
            )
            .unwrap();
    }
}

#[test]
fn insights_and_the_chart_series_cross_with_hand_worked_figures() {
    use companion_ffi::{ContactInput, NudgeReason, Role, Trend};
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path()).unwrap();
    three_checkins(&store);
    let sam = store
        .add_contact(ContactInput {
            name: Some("Sam".into()),
            role: Some(Role::Sponsor),
            ..Default::default()
        })
        .unwrap();

    let i = store.insights(d("2025-06-05")).unwrap();
    assert_eq!(i.today, d("2025-06-05"));
    assert!(!i.checked_in_today);
    assert_eq!(i.total_checkins, 3);
    assert_eq!(i.first_checkin, Some(d("2025-06-01")));
    assert_eq!(i.latest_checkin, Some(d("2025-06-04")));
    // The week starts on Monday 2 June: the 3rd and the 4th.
    assert_eq!((i.this_week, i.this_month), (2, 3));
    // 3 and 4 June, still counting while today is open.
    assert_eq!((i.current_run, i.longest_run), (2, 2));
    let week = &i.last_7_days;
    assert_eq!((week.days, week.from), (7, d("2025-05-30")));
    assert_eq!((week.checkins, week.missed), (3, 1));
    // (6 + 4 + 5) / 3 and (2 + 8 + 8) / 3; nothing the week before, so no trend.
    assert_eq!((week.mood.mean, week.mood.count), (Some(5.0), 3));
    assert_eq!((week.craving.mean, week.craving.count), (Some(6.0), 3));
    assert_eq!(
        (week.mood.previous_mean, week.mood.previous_count),
        (None, 0)
    );
    assert_eq!(week.mood.trend, Trend::NotEnoughData);
    // (7.5 + 5) / 2, over the two check-ins that give sleep.
    assert_eq!((week.sleep_hours, week.sleep_count), (Some(6.25), 2));
    assert_eq!(i.last_30_days.from, d("2025-05-07"));
    assert_eq!((i.last_30_days.checkins, i.last_30_days.missed), (3, 1));
    // One short night and one other: too few to compare moods.
    let sm = &i.sleep_and_mood;
    assert_eq!((sm.short_nights, sm.other_nights), (1, 1));
    assert_eq!(sm.mood_after_short_nights, None);
    // Cravings of 8 on the two latest check-ins.
    let nudge = i.nudge.expect("a nudge at cravings 8, 8");
    assert_eq!(nudge.reasons, [NudgeReason::HighCravings]);
    assert!(
        nudge
            .message
            .starts_with("Cravings have been strong lately.")
    );
    assert_eq!(nudge.contacts.len(), 1);
    assert_eq!(
        (nudge.contacts[0].id.as_str(), nudge.contacts[0].role),
        (sam.id.as_str(), Role::Sponsor)
    );

    let series = store.mood_series(d("2025-06-05"), 7).unwrap();
    let dates: Vec<String> = series.iter().map(|p| p.date.0.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2025-05-30",
            "2025-05-31",
            "2025-06-01",
            "2025-06-02",
            "2025-06-03",
            "2025-06-04",
            "2025-06-05"
        ]
    );
    let moods: Vec<Option<u8>> = series.iter().map(|p| p.mood).collect();
    assert_eq!(moods, [None, None, Some(6), None, Some(4), Some(5), None]);
    // Only 2 June: days before the first check-in and today are not missed.
    let missed: Vec<String> = series
        .iter()
        .filter(|p| p.missed)
        .map(|p| p.date.0.to_string())
        .collect();
    assert_eq!(missed, ["2025-06-02"]);
    assert_eq!(
        (series[2].craving, series[2].sleep_hours),
        (Some(2), Some(7.5))
    );
    assert_eq!(store.mood_series(d("2025-06-05"), 366).unwrap().len(), 366);

    for days in [0, 367] {
        assert!(matches!(
            store.mood_series(d("2025-06-05"), days),
            Err(CompanionError::InvalidInput(_))
        ));
    }
    // A date the core does not reckon with (a text that is not a date cannot cross any more).
    assert!(matches!(
        store.insights(d("1800-01-01")),
        Err(CompanionError::InvalidInput(_))
    ));
    // With no check-ins at all: zeros, no nudge.
    let empty_dir = tempfile::tempdir().unwrap();
    let empty = open(empty_dir.path())
        .unwrap()
        .insights(d("2025-06-05"))
        .unwrap();
    assert_eq!((empty.total_checkins, empty.last_7_days.missed), (0, 0));
    assert!(empty.nudge.is_none());
}

#[test]
fn the_safety_plan_crosses_the_boundary_and_listeners_hear_its_writes() {
    use companion_ffi::{ContactInput, SafetyItemInput, SafetySection};
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path()).unwrap();
    store.set_device_region(Some("US".into())).unwrap();
    let sam = store
        .add_contact(ContactInput {
            name: Some("Sam".into()),
            phone: Some("(201) 555-0102".into()),
            ..Default::default()
        })
        .unwrap();
    let recorder = Arc::new(Recorder {
        seen: Mutex::new(Vec::new()),
        fail: false,
    });
    let _subscription = store.subscribe(recorder.clone());
    let text = |t: &str| SafetyItemInput {
        text: Some(t.into()),
        contact_id: None,
    };

    let plan = store.safety_plan().unwrap();
    assert_eq!(plan.sections.len(), 7);
    assert_eq!(plan.sections[3].section, SafetySection::PeopleToAsk);
    assert_eq!(plan.sections[3].number, 4);
    assert!(plan.sections[3].allows_contacts && !plan.sections[0].allows_contacts);
    assert!(plan.sections.iter().all(|s| s.items.is_empty()));

    let signs = store
        .add_safety_item(SafetySection::WarningSigns, text("Not sleeping"))
        .unwrap();
    assert_eq!(signs.label, "Not sleeping");
    let linked = store
        .add_safety_item(
            SafetySection::PeopleToAsk,
            SafetyItemInput {
                text: None,
                contact_id: Some(sam.id.clone()),
            },
        )
        .unwrap();
    assert_eq!(linked.label, "Sam");
    assert_eq!(linked.contact_name.as_deref(), Some("Sam"));
    assert!(linked.contact_phone.is_some());
    let call = store
        .add_safety_item(SafetySection::PeopleToAsk, text("Call after 9pm"))
        .unwrap();
    let line = store
        .add_safety_item(
            SafetySection::Professionals,
            SafetyItemInput {
                text: None,
                contact_id: Some("crisis:us-988".into()),
            },
        )
        .unwrap();
    assert_eq!(line.contact_phone.as_deref(), Some("988"));

    let moved = store.move_safety_item(call.id.clone(), None, 0).unwrap();
    assert_eq!(moved.section, SafetySection::PeopleToAsk);
    let people: Vec<String> = store.safety_plan().unwrap().sections[3]
        .items
        .iter()
        .map(|i| i.id.clone())
        .collect();
    assert_eq!(people, [call.id.clone(), linked.id.clone()]);
    let elsewhere = store
        .move_safety_item(call.id.clone(), Some(SafetySection::CopingStrategies), 9)
        .unwrap();
    assert_eq!(elsewhere.section, SafetySection::CopingStrategies);
    let edited = store
        .edit_safety_item(call.id.clone(), text("Call Sam after 9pm"))
        .unwrap();
    assert_eq!(store.safety_item(call.id.clone()).unwrap(), edited);

    // The text round trip: unchanged, it changes nothing; edited, only what differs.
    let plan_text = store.safety_plan_text().unwrap();
    assert!(plan_text.contains("## 4. People I can ask for help"));
    assert!(plan_text.contains(&format!("- @{} [Sam", sam.id)));
    let same = store.apply_safety_plan_text(plan_text.clone()).unwrap();
    assert!(!same.changed);
    assert_eq!((same.added, same.removed, same.unchanged), (0, 0, 4));
    // The plan's last heading is section 7's, so a line at the end is one of its items.
    let edited_text = plan_text.replace("- Not sleeping\n", "") + "- My kids\n";
    let diff = store.apply_safety_plan_text(edited_text).unwrap();
    assert!(diff.changed);
    assert_eq!((diff.added, diff.removed, diff.unchanged), (1, 1, 3));
    assert_eq!(
        store.safety_plan().unwrap().sections[6].items[0].label,
        "My kids"
    );

    // A link to a contact since removed is kept and shown as removed.
    store.remove_contact(sam.id.clone()).unwrap();
    let orphan = store.safety_item(linked.id.clone()).unwrap();
    assert_eq!(orphan.contact_id.as_deref(), Some(sam.id.as_str()));
    assert_eq!(
        (orphan.contact_name, orphan.label.as_str()),
        (None, "(removed contact)")
    );
    store.remove_safety_item(linked.id.clone()).unwrap();

    let writes = recorder.seen.lock().unwrap().len();
    // 4 adds, 2 moves, an edit, 2 applies, the contact's removal and the item's.
    assert_eq!(writes, 11);

    let errors = [
        store.remove_safety_item("no-such-item".into()).unwrap_err(),
        store.safety_item("no-such-item".into()).unwrap_err(),
        store
            .add_safety_item(
                SafetySection::PeopleToAsk,
                SafetyItemInput {
                    text: None,
                    contact_id: Some("no-such-contact".into()),
                },
            )
            .unwrap_err(),
    ];
    for err in errors {
        assert!(matches!(err, CompanionError::NotFound(_)), "{err:?}");
    }
    let errors = [
        // Only sections 3 to 5 link contacts.
        store
            .add_safety_item(
                SafetySection::WarningSigns,
                SafetyItemInput {
                    text: None,
                    contact_id: Some("crisis:us-988".into()),
                },
            )
            .unwrap_err(),
        store
            .add_safety_item(SafetySection::ReasonsToLive, SafetyItemInput::default())
            .unwrap_err(),
        store
            .apply_safety_plan_text("## 4. People\n- fine\nnot a heading or an item\n".into())
            .unwrap_err(),
        store
            .move_safety_item(line.id.clone(), Some(SafetySection::WarningSigns), 0)
            .unwrap_err(),
    ];
    for err in errors {
        assert!(matches!(err, CompanionError::InvalidInput(_)), "{err:?}");
    }
    // The error names the line, never the words.
    let err = store
        .apply_safety_plan_text("## 1.\n- private words\n## 9. Nine\n".into())
        .unwrap_err();
    assert!(err.to_string().contains("line 3"), "{err}");
    assert!(!err.to_string().contains("private words"));
    assert_eq!(
        recorder.seen.lock().unwrap().len(),
        writes,
        "failures change nothing"
    );
}

#[test]
fn checkin_exports_cross_the_boundary() {
    use chrono::TimeZone;
    use companion_ffi::CheckinExportFormat as Format;
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path()).unwrap();
    three_checkins(&store);
    let now = Timestamp(chrono::Utc.with_ymd_and_hms(2025, 6, 5, 12, 0, 0).unwrap());

    let csv = store
        .export_checkins(Format::Csv, Some(d("2025-06-02")), None, now)
        .unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("date,mood,craving,"));
    assert_eq!(rows.len(), 3, "the header and 3 and 4 June");
    assert!(rows[1].starts_with("2025-06-03,4,8,"));

    let json: serde_json::Value = serde_json::from_str(
        &store
            .export_checkins(Format::Json, None, Some(d("2025-06-03")), now)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(json["format"], "iop-companion-checkins");
    assert_eq!(json["exported_at"], "2025-06-05T12:00:00.000Z");
    assert_eq!(json["checkins"].as_array().unwrap().len(), 2);

    let fhir: serde_json::Value = serde_json::from_str(
        &store
            .export_checkins(Format::Fhir, None, None, now)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(fhir["resourceType"], "Bundle");
    assert_eq!(fhir["type"], "collection");
    // The Questionnaire, then one response per check-in.
    assert_eq!(fhir["entry"].as_array().unwrap().len(), 4);

    assert_eq!(companion_ffi::checkin_export_extension(Format::Csv), "csv");
    assert_eq!(
        companion_ffi::checkin_export_extension(Format::Fhir),
        "json"
    );
    assert_eq!(
        companion_ffi::checkin_export_media_type(Format::Fhir),
        "application/fhir+json"
    );
    // A range that ends before it starts is refused (a date that is not one cannot cross).
    assert!(matches!(
        store.export_checkins(
            Format::Csv,
            Some(d("2025-06-04")),
            Some(d("2025-06-01")),
            now
        ),
        Err(CompanionError::InvalidInput(_))
    ));
    assert!(store.export_ics().unwrap().starts_with("BEGIN:VCALENDAR"));
}

const PASSPHRASE: &str = "correct horse battery";

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

fn a_contact(store: &CompanionStore) {
    store
        .add_contact(companion_ffi::ContactInput {
            name: Some("Sam".into()),
            role: Some(companion_ffi::Role::Sponsor),
            phone: Some("(201) 555-0102".into()),
            favourite: Some(true),
            ..Default::default()
        })
        .unwrap();
}

#[test]
fn a_backup_restores_into_a_store_under_another_key() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("phone")).unwrap();
    three_checkins(&store);
    a_contact(&store);
    assert!(companion_ffi::check_backup_passphrase(PASSPHRASE.into()).is_ok());
    let file = store.backup(PASSPHRASE.into()).unwrap();

    let fresh = CompanionStore::open(
        dir.path().join("new-phone").to_string_lossy().into_owned(),
        companion_ffi::generate_store_key().unwrap(),
        no_network(),
    )
    .unwrap();
    let recorder = Arc::new(Recorder {
        seen: Mutex::new(Vec::new()),
        fail: false,
    });
    let _subscription = fresh.subscribe(recorder.clone());
    let summary = fresh.restore(file.clone(), PASSPHRASE.into()).unwrap();
    assert!(summary.changed);
    assert_eq!(summary.format_version, 1);
    assert_eq!(summary.participant_id, None);
    assert_eq!(summary.before.checkins, 0);
    assert_eq!(
        (summary.after.checkins, summary.after.contacts),
        (3, 1),
        "{summary:?}"
    );
    assert_eq!(
        fresh.checkins(None, None).unwrap(),
        store.checkins(None, None).unwrap()
    );
    assert_eq!(fresh.contacts().unwrap(), store.contacts().unwrap());
    assert_eq!(
        recorder.seen.lock().unwrap().as_slice(),
        [DataChange::Local]
    );

    // The same backup again brings nothing: no change, no notification.
    assert!(!fresh.restore(file, PASSPHRASE.into()).unwrap().changed);
    assert_eq!(recorder.seen.lock().unwrap().len(), 1);
}

#[test]
fn a_wrong_passphrase_or_a_cut_file_restores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("phone")).unwrap();
    three_checkins(&store);
    let file = store.backup(PASSPHRASE.into()).unwrap();
    let other = open(&dir.path().join("tablet")).unwrap();
    a_contact(&other);
    let recorder = Arc::new(Recorder {
        seen: Mutex::new(Vec::new()),
        fail: false,
    });
    let _subscription = other.subscribe(recorder.clone());

    let err = other
        .restore(file.clone(), "not the passphrase".into())
        .unwrap_err();
    assert!(matches!(err, CompanionError::WrongKey(_)), "{err:?}");
    let cut = file[..file.len() / 2].to_vec();
    let err = other.restore(cut, PASSPHRASE.into()).unwrap_err();
    assert!(matches!(err, CompanionError::InvalidInput(_)), "{err:?}");
    assert!(other.checkins(None, None).unwrap().is_empty());
    assert_eq!(other.contacts().unwrap().len(), 1);
    assert!(recorder.seen.lock().unwrap().is_empty());

    // The policy, for a screen validating as the participant types; never the value.
    let err = companion_ffi::check_backup_passphrase("short".into()).unwrap_err();
    assert!(matches!(err, CompanionError::InvalidInput(_)), "{err:?}");
    assert!(!err.to_string().contains("short"));
    assert!(matches!(
        store.backup("short".into()),
        Err(CompanionError::InvalidInput(_))
    ));
}

fn assert_unusable<T: std::fmt::Debug>(result: Result<T, CompanionError>) {
    match result {
        Err(CompanionError::StoreUnusable(message)) => {
            assert_eq!(message, "this store was erased")
        }
        other => panic!("expected StoreUnusable, got {other:?}"),
    }
}

#[test]
fn erase_removes_the_files_then_every_call_is_refused() {
    use companion_ffi::ServerErasure;
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("store");
    let store = open(&dir).unwrap();
    three_checkins(&store);
    let recorder = Arc::new(Recorder {
        seen: Mutex::new(Vec::new()),
        fail: false,
    });
    let _subscription = store.subscribe(recorder.clone());

    let report = block_on(store.erase(true)).unwrap();
    assert_eq!(report.server, ServerErasure::NotEnrolled);
    assert!(
        report
            .files_removed
            .contains(&"companion.sqlite3".to_owned()),
        "{report:?}"
    );
    assert!(report.directory_removed);
    assert_eq!(report.entries_left, 0);
    assert!(!dir.exists());

    // Through each of the store's helpers (read, write, lock, the async ones) and erase.
    assert_unusable(store.checkins(None, None));
    assert_unusable(store.record_checkin(
        d("2025-06-05"),
        CheckInInput {
            mood: Some(5),
            ..Default::default()
        },
    ));
    assert_unusable(store.set_device_region(None));
    assert_unusable(store.account());
    assert_unusable(store.backup(PASSPHRASE.into()));
    assert_unusable(store.restore(Vec::new(), PASSPHRASE.into()));
    assert_unusable(block_on(store.sync()));
    assert_unusable(block_on(store.create_link()));
    assert_unusable(block_on(
        store.enroll("http://127.0.0.1:9".into(), "CODE".into()),
    ));
    assert_unusable(block_on(store.erase(true)));
    assert_unusable(block_on(store.erase(false)));
    // Nothing was created again behind the app's back, and listeners were not told.
    assert!(!dir.exists());
    assert!(recorder.seen.lock().unwrap().is_empty());
}

#[test]
fn a_refused_erase_leaves_the_store_usable() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("store");
    let store = open(&dir).unwrap();
    three_checkins(&store);
    let other = open(&dir).unwrap();

    let err = block_on(store.erase(true)).unwrap_err();
    assert!(matches!(err, CompanionError::Storage(_)), "{err:?}");
    assert!(err.to_string().contains("Nothing was erased"), "{err}");
    assert_eq!(store.checkins(None, None).unwrap().len(), 3);
    store
        .record_checkin(
            d("2025-06-05"),
            CheckInInput {
                mood: Some(5),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(other.checkins(None, None).unwrap().len(), 3);
    drop(other);
    // The write after the refusal was saved to the same files.
    let again = open(&dir).unwrap();
    assert_eq!(again.checkins(None, None).unwrap().len(), 4);
    drop(again);

    assert!(block_on(store.erase(false)).unwrap().directory_removed);
    assert!(!dir.exists());
}

#[test]
fn the_export_notice_is_the_cores() {
    assert_eq!(
        companion_ffi::plaintext_export_notice(),
        companion_core::PLAINTEXT_EXPORT_NOTICE
    );
    assert!(companion_ffi::plaintext_export_notice().contains("not encrypted"));
}

#[test]
fn limits_and_taking_answers_back_cross_the_boundary() {
    use companion_ffi::CheckInField;
    let l = companion_ffi::limits();
    assert_eq!((l.mood_min, l.mood_max, l.craving_max), (1, 10, 10));
    assert_eq!(l.ios_pending_limit, 64);
    assert_eq!(l.sleep_max_hours, 24.0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_string_lossy().into_owned();
    assert!(!companion_ffi::store_exists(path.clone()));
    let store = open(dir.path()).unwrap();
    assert!(companion_ffi::store_exists(path));
    store
        .record_checkin(
            d("2025-06-01"),
            CheckInInput {
                mood: Some(4),
                craving: Some(8),
                ..Default::default()
            },
        )
        .unwrap();
    let c = store
        .record_checkin(
            d("2025-06-01"),
            CheckInInput {
                clear: vec![CheckInField::Craving],
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(c.craving, None);
    assert!(matches!(
        store.record_checkin(
            d("2025-06-01"),
            CheckInInput {
                craving: Some(2),
                clear: vec![CheckInField::Craving],
                ..Default::default()
            },
        ),
        Err(CompanionError::InvalidInput(_))
    ));
}

#[test]
fn requests_go_through_the_apps_transport_and_plain_http_is_refused_first() {
    let dir = tempfile::tempdir().unwrap();
    let transport = Arc::new(NoNetwork::default());
    let store = open_with(dir.path(), transport.clone()).unwrap();

    // Plain HTTP to another host never reaches the transport.
    for server in [
        "http://sync.example.org",
        "http://192.168.1.20:8080",
        "ftp://x.org",
    ] {
        match block_on(store.enroll(server.into(), "K7QF-9XMZ-2PRT".into())) {
            Err(CompanionError::InvalidInput(m)) => assert!(m.contains("server"), "{m}"),
            other => panic!("{server}: {other:?}"),
        }
    }
    assert!(transport.asked.lock().unwrap().is_empty());

    // HTTPS goes to the app's transport, which says it is offline: the core words it, and
    // nothing was enrolled.
    let err = block_on(store.enroll("https://sync.example.org/".into(), "K7QF-9XMZ-2PRT".into()))
        .unwrap_err();
    match &err {
        CompanionError::Network(m) => {
            assert!(m.starts_with("could not reach the server"), "{m}");
            assert!(!m.contains("example.org") && !m.contains("K7QF"), "{m}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.account().unwrap(), None);
    let asked = transport.asked.lock().unwrap();
    // Enrolment spends a code, so it is sent once, never retried.
    assert_eq!(asked.len(), 1);
    let request = &asked[0];
    assert_eq!(request.method, HttpMethod::Post);
    assert_eq!(request.url, "https://sync.example.org/v1/enroll");
    assert_eq!(request.timeout, std::time::Duration::from_secs(30));
    assert!(
        request
            .headers
            .iter()
            .any(|h| h.name == "content-type" && h.value == "application/json")
    );
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body["code"], "K7QF9XMZ2PRT");
}
