//! The core's own sync client (`companion_core::Store`: enroll, link, sync) against a real
//! `companion-server`, and the staff tool's program schedule reaching devices — each test on
//! SQLite and on PostgreSQL.

mod common;

use chrono::NaiveDate;
use chrono::{TimeZone, Utc};
use companion_core::{
    CheckInEdit, ContactFields, ContactRole, Error, ReminderKind, SessionFields, diff_reminders,
};
use serde_json::Value;
use uuid::Uuid;

use crate::common::*;

on_both_backends!(
    participant_devices_converge_through_the_server,
    offline_edits_converge_in_every_order,
    program_schedule_reaches_enrolled_devices,
    staff_changes_reach_the_reminder_plan,
    sync_sizes_stay_small,
    session_commands_refuse_bad_input,
    program_crisis_line_reaches_enrolled_devices,
);

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn participant_devices_converge_through_the_server(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("Evening IOP").await;
    let (code, participant) = env.invite(program).await;
    let base = server.url("");

    let mut a = open_store(env.dir.path().join("phone")).unwrap();
    let account = a.enroll(&net(), &base, &code).await.unwrap();
    assert_eq!(account.participant_id, participant.to_string());
    a.record_checkin(
        day("2026-11-20"),
        &CheckInEdit {
            mood: Some(6),
            note: Some("Good group.".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let report = a.sync(&net()).await.unwrap();
    assert_eq!(report.documents.len(), 2);

    // A second device through a link code.
    let link = a.create_link(&net()).await.unwrap();
    let mut b = open_store(env.dir.path().join("tablet")).unwrap();
    b.redeem_link(&net(), &base, &link).await.unwrap();
    b.sync(&net()).await.unwrap();
    let checkin = b.checkin(day("2026-11-20")).unwrap().expect("synced");
    assert_eq!(
        (checkin.mood, checkin.note.as_deref()),
        (6, Some("Good group."))
    );
    // The link is spent.
    let mut c = open_store(env.dir.path().join("third")).unwrap();
    assert!(c.redeem_link(&net(), &base, &link).await.is_err());

    // Offline edits on both, then both sync: the same data everywhere.
    b.add_contact(&ContactFields {
        name: Some("Sam".into()),
        phone: Some("+1 312 555 0100".into()),
        ..Default::default()
    })
    .unwrap();
    a.record_checkin(
        day("2026-11-21"),
        &CheckInEdit {
            mood: Some(4),
            craving: Some(2),
            ..Default::default()
        },
    )
    .unwrap();
    b.sync(&net()).await.unwrap();
    a.sync(&net()).await.unwrap();
    b.sync(&net()).await.unwrap();
    for store in [&a, &b] {
        assert_eq!(store.contacts().unwrap().len(), 1);
        assert_eq!(store.checkins(None, None).unwrap().len(), 2);
    }
    // Syncing again changes nothing and sends nothing new.
    let again = a.sync(&net()).await.unwrap();
    assert!(!again.changed);
    assert!(again.documents.iter().all(|d| d.pushed_chunks == 0));
}

/// A staff command's JSON, which must succeed.
async fn staff(env: &Env, args: &[&str]) -> Value {
    env.cli_json(args).await
}

async fn program_schedule_reaches_enrolled_devices(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("Evening IOP").await;
    let p = program.to_string();
    let added = staff(
        &env,
        &[
            "program",
            "session",
            "add",
            "--program",
            &p,
            "--title",
            "Process group",
            "--kind",
            "process-group",
            "--start",
            "2026-11-02T09:00",
            "--tz",
            "America/Chicago",
            "--weekdays",
            "mo,we,th",
            "--duration",
            "180",
            "--location",
            "Room 2",
        ],
    )
    .await;
    let id = added["session"]["id"].as_str().unwrap().to_owned();
    assert_eq!(added["session"]["title"], "Process group");

    let (code, _) = env.invite(program).await;
    let mut phone = open_store(env.dir.path().join("phone")).unwrap();
    phone.enroll(&net(), &server.url(""), &code).await.unwrap();
    phone.sync(&net()).await.unwrap();
    let s = phone.session(&id).unwrap();
    assert_eq!(s.program_id.as_deref(), Some(p.as_str()));
    assert_eq!(
        (s.title.as_str(), s.duration_minutes),
        ("Process group", 180)
    );
    // Participants read their program's sessions and cannot change them.
    assert!(matches!(
        phone.edit_session(
            &id,
            &SessionFields {
                title: Some("mine now".into()),
                ..Default::default()
            }
        ),
        Err(Error::ReadOnly { .. })
    ));
    // The screens of an enrolled store with its program's sessions: listed, read-only.
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-04T12:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let clock = companion_core::ClockStyle::TwelveHour;
    let schedule = phone
        .schedule_screen(now, "America/Chicago", clock)
        .unwrap();
    let listed = &schedule.sessions[0];
    assert!(listed.from_program);
    assert_eq!(
        listed.summary,
        "Mondays, Wednesdays and Thursdays at 9:00 AM"
    );
    let today = phone
        .today_screen(now, "America/Chicago", clock, None)
        .unwrap();
    let o = &today.sessions[0];
    assert!(o.from_program && !o.can_cancel && !o.can_move && !o.can_restore);
    assert!(matches!(
        phone.session_form(Some(&id), now, "America/Chicago"),
        Err(Error::ReadOnly { .. })
    ));
    // Nor can one of its occurrences be moved.
    let before = phone.heads();
    assert!(matches!(
        phone.move_form(&id, o.series_date, now, "America/Chicago"),
        Err(Error::ReadOnly { .. })
    ));
    assert_eq!(phone.heads(), before);
    assert!(
        !phone.onboarding_screen().unwrap().needed,
        "enrolled: no first run"
    );
    let settings = phone.settings_screen(clock).unwrap();
    let account = settings.account.unwrap();
    assert_eq!(account.program_names, ["Evening IOP"]);
    assert_eq!(account.label, "Enrolled in Evening IOP");
    assert!(settings.erase_notice.contains("server"));

    // Another staff machine: the key file copied over, no local copy of the schedule yet.
    // It pulls the schedule from the storage before changing it.
    let other_keys = env.dir.path().join("other-staff-keys");
    std::fs::create_dir_all(&other_keys).unwrap();
    let key_name = format!("{p}.key");
    std::fs::copy(env.keys_dir().join(&key_name), other_keys.join(&key_name)).unwrap();
    let other = other_keys.display().to_string();
    let edited = staff(
        &env,
        &[
            "--keys",
            &other,
            "program",
            "session",
            "edit",
            &id,
            "--program",
            &p,
            "--location",
            "Room 5",
        ],
    )
    .await;
    assert_eq!(edited["session"]["title"], "Process group");
    assert_eq!(edited["session"]["location"], "Room 5");
    let cancelled = staff(
        &env,
        &[
            "program",
            "session",
            "cancel",
            &id,
            "--program",
            &p,
            "--date",
            "2026-11-04",
        ],
    )
    .await;
    // The first machine caught up with the second's edit before cancelling.
    assert_eq!(cancelled["session"]["location"], "Room 5");

    // A sync in steps, as the apps run it (the store is free between steps): the screens
    // draw mid-sync from what has been merged so far, and after it from everything.
    let transport = net();
    let mut run = phone.start_sync().unwrap();
    let mut drawn_mid_sync = 0;
    while let Some(step) = phone.sync_prepare(&mut run).unwrap() {
        let answer = run.exchange(&transport, step).await.unwrap();
        let mid = phone
            .schedule_screen(now, "America/Chicago", clock)
            .unwrap();
        assert_eq!(mid.sessions.len(), 1);
        drawn_mid_sync += 1;
        phone.sync_apply(&mut run, answer).unwrap();
    }
    assert!(
        drawn_mid_sync >= 2,
        "the participant's document and the program's"
    );
    assert!(run.finish().changed);
    let s = phone.session(&id).unwrap();
    assert_eq!(s.location.as_deref(), Some("Room 5"));
    let after = phone
        .schedule_screen(now, "America/Chicago", clock)
        .unwrap();
    assert_eq!(after.sessions[0].location.as_deref(), Some("Room 5"));
    let today = phone
        .today_screen(now, "America/Chicago", clock, None)
        .unwrap();
    assert_eq!(
        today.sessions[0].status,
        companion_core::OccurrenceStatus::Cancelled,
        "the program cancelled today's"
    );
    assert!(s.changes.contains_key(&day("2026-11-04")));
    let listed = staff(&env, &["program", "session", "list", "--program", &p]).await;
    assert_eq!(listed["sessions"].as_array().unwrap().len(), 1);

    // A new device bootstrapping later gets the same schedule.
    let (code, _) = env.invite(program).await;
    let mut late = open_store(env.dir.path().join("late")).unwrap();
    late.enroll(&net(), &server.url(""), &code).await.unwrap();
    late.sync(&net()).await.unwrap();
    assert_eq!(late.session(&id).unwrap(), s);

    // At rest on the phone, the program's schedule and the account (its ids, server, token
    // and keys) are sealed like the participant's own data.
    let account = phone.account().unwrap().unwrap();
    drop(phone);
    let dir = env.dir.path().join("phone");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        files += 1;
        for word in [
            "Process group",
            "Room 5",
            account.participant_id.as_str(),
            account.device_id.as_str(),
            account.server.as_str(),
        ] {
            assert!(
                !bytes.windows(word.len()).any(|w| w == word.as_bytes()),
                "a raw file holds {word:?}"
            );
        }
    }
    assert!(files >= 2, "the participant's and the program's files");
}

async fn session_commands_refuse_bad_input(backend: Backend) {
    let env = Env::new(backend).await;
    let (program, _) = env.program("P").await;
    let p = program.to_string();
    let add = |extra: &[&str]| {
        let mut args = vec![
            "program",
            "session",
            "add",
            "--program",
            &p,
            "--title",
            "Group",
            "--start",
            "2026-11-02T09:00",
        ];
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let id = staff(
        &env,
        &add(&["--tz", "America/Chicago", "--weekdays", "mo"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    )
    .await["session"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let unknown = Uuid::new_v4().to_string();
    for (args, message) in [
        (add(&[]), "--tz"),
        (add(&["--tz", "Mars/Olympus"]), "unknown time zone"),
        (add(&["--tz", "UTC", "--count", "3"]), "give weekdays"),
        (add(&["--tz", "UTC", "--kind", "party"]), "kind"),
        (
            ["program", "session", "cancel", &id, "--program", &p]
                .map(str::to_owned)
                .to_vec(),
            "is a series: pass --date",
        ),
        (
            [
                "program",
                "session",
                "edit",
                &unknown,
                "--program",
                &p,
                "--title",
                "x",
            ]
            .map(str::to_owned)
            .to_vec(),
            "no session with id",
        ),
        (
            ["program", "session", "list", "--program", &unknown]
                .map(str::to_owned)
                .to_vec(),
            "cannot open the key file",
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (ok, out, err) = env.cli(&args).await;
        assert!(!ok, "{args:?}");
        assert!(out.is_empty(), "{out}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
    // Only the one good session was published.
    let listed = staff(&env, &["program", "session", "list", "--program", &p]).await;
    assert_eq!(listed["sessions"].as_array().unwrap().len(), 1);
}

/// Two devices of one participant edit the same contact, the same day's check-in and records
/// of their own while offline, then sync in every order; a third device linked afterwards gets
/// everything. All end with the same data, every edit kept.
async fn offline_edits_converge_in_every_order(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("IOP").await;
    let base = server.url("");
    let orders: [&[usize]; 4] = [&[0, 1, 0], &[1, 0, 1], &[0, 0, 1, 1, 0], &[1, 1, 0, 1]];
    for (round, order) in orders.iter().enumerate() {
        let (code, _) = env.invite(program).await;
        let dir = env.dir.path().join(format!("round-{round}"));
        let mut a = open_store(dir.join("a")).unwrap();
        a.enroll(&net(), &base, &code).await.unwrap();
        let sam = a
            .add_contact(&ContactFields {
                name: Some("Sam".into()),
                ..Default::default()
            })
            .unwrap();
        a.sync(&net()).await.unwrap();
        let mut b = open_store(dir.join("b")).unwrap();
        b.redeem_link(&net(), &base, &a.create_link(&net()).await.unwrap())
            .await
            .unwrap();
        b.sync(&net()).await.unwrap();

        // Offline: both edit Sam and the same day, and each adds records of its own.
        a.edit_contact(
            &sam.id,
            &ContactFields {
                phone: Some("312 555 0100".into()),
                ..Default::default()
            },
        )
        .unwrap();
        b.edit_contact(
            &sam.id,
            &ContactFields {
                role: Some(ContactRole::Sponsor),
                favourite: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
        a.record_checkin(
            day("2026-11-20"),
            &CheckInEdit {
                mood: Some(5),
                note: Some("from a".into()),
                ..Default::default()
            },
        )
        .unwrap();
        b.record_checkin(
            day("2026-11-20"),
            &CheckInEdit {
                mood: Some(7),
                craving: Some(3),
                ..Default::default()
            },
        )
        .unwrap();
        a.record_checkin(
            day("2026-11-19"),
            &CheckInEdit {
                mood: Some(4),
                ..Default::default()
            },
        )
        .unwrap();
        b.add_contact(&ContactFields {
            name: Some("Clinic".into()),
            ..Default::default()
        })
        .unwrap();

        for &who in order.iter() {
            let device = if who == 0 { &mut a } else { &mut b };
            device.sync(&net()).await.unwrap();
        }
        // Whoever synced first has not seen the other's edits yet: one more each.
        a.sync(&net()).await.unwrap();
        b.sync(&net()).await.unwrap();
        let mut c = open_store(dir.join("c")).unwrap();
        c.redeem_link(&net(), &base, &b.create_link(&net()).await.unwrap())
            .await
            .unwrap();
        c.sync(&net()).await.unwrap();
        for store in [&a, &b, &c] {
            let s = store.contact(&sam.id).unwrap();
            assert_eq!(s.phone.as_deref(), Some("312 555 0100"), "order {order:?}");
            assert_eq!(s.role, ContactRole::Sponsor, "order {order:?}");
            assert!(s.favourite);
            let d = store.checkin(day("2026-11-20")).unwrap().unwrap();
            assert_eq!(d.note.as_deref(), Some("from a"));
            assert_eq!(d.craving, Some(3));
            assert_eq!(store.checkins(None, None).unwrap().len(), 2);
            assert_eq!(store.contacts().unwrap().len(), 2);
        }
        assert_eq!(a.contacts().unwrap(), c.contacts().unwrap());
        assert_eq!(
            a.checkins(None, None).unwrap(),
            c.checkins(None, None).unwrap()
        );
        assert_eq!(
            b.checkins(None, None).unwrap(),
            c.checkins(None, None).unwrap()
        );
    }
}

/// Staff cancel one occurrence and move another; after a sync, the device's reminder plan
/// drops the cancelled one's reminders and moves the other's, and the diff against what the
/// phone held says exactly that.
async fn staff_changes_reach_the_reminder_plan(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("Evening IOP").await;
    let p = program.to_string();
    let added = staff(
        &env,
        &[
            "program",
            "session",
            "add",
            "--program",
            &p,
            "--title",
            "Skills group",
            "--start",
            "2030-03-04T18:00",
            "--tz",
            "America/Chicago",
            "--weekdays",
            "mo,we",
            "--duration",
            "120",
            "--leads",
            "60",
        ],
    )
    .await;
    let id = added["session"]["id"].as_str().unwrap().to_owned();
    let (code, _) = env.invite(program).await;
    let mut phone = open_store(env.dir.path().join("phone")).unwrap();
    phone.enroll(&net(), &server.url(""), &code).await.unwrap();
    phone.sync(&net()).await.unwrap();

    let now = Utc.with_ymd_and_hms(2030, 3, 3, 12, 0, 0).unwrap();
    let before = phone
        .plan_reminders(now, "America/New_York", 7, 64)
        .unwrap();
    let sessions: Vec<_> = before
        .iter()
        .filter(|r| r.kind == ReminderKind::Session)
        .map(|r| (r.series_date.unwrap(), r.fire_at))
        .collect();
    // Mon 4th, Wed 6th, Mon 11th... 18:00 CST is 00:00 UTC the next day; an hour before.
    assert_eq!(
        sessions,
        [
            (
                day("2030-03-04"),
                Utc.with_ymd_and_hms(2030, 3, 4, 23, 0, 0).unwrap()
            ),
            (
                day("2030-03-06"),
                Utc.with_ymd_and_hms(2030, 3, 6, 23, 0, 0).unwrap()
            ),
        ]
    );
    let held: Vec<String> = before.iter().map(|r| r.id.clone()).collect();

    staff(
        &env,
        &[
            "program",
            "session",
            "cancel",
            &id,
            "--program",
            &p,
            "--date",
            "2030-03-04",
        ],
    )
    .await;
    staff(
        &env,
        &[
            "program",
            "session",
            "move",
            &id,
            "--program",
            &p,
            "--date",
            "2030-03-06",
            "--to",
            "2030-03-07T17:00",
        ],
    )
    .await;
    let report = phone.sync(&net()).await.unwrap();
    assert!(report.changed);
    let after = phone
        .plan_reminders(now, "America/New_York", 7, 64)
        .unwrap();
    let sessions: Vec<_> = after
        .iter()
        .filter(|r| r.kind == ReminderKind::Session)
        .map(|r| (r.series_date.unwrap(), r.fire_at))
        .collect();
    assert_eq!(
        sessions,
        [(
            day("2030-03-06"),
            Utc.with_ymd_and_hms(2030, 3, 7, 22, 0, 0).unwrap()
        )]
    );
    let diff = diff_reminders(&after, &held);
    let session_held: Vec<&String> = before
        .iter()
        .filter(|r| r.kind == ReminderKind::Session)
        .map(|r| &r.id)
        .collect();
    assert_eq!(diff.cancel.len(), 2);
    assert!(diff.cancel.iter().all(|id| session_held.contains(&id)));
    assert_eq!(diff.schedule.len(), 1);

    // Restored by staff: back as planned.
    staff(
        &env,
        &[
            "program",
            "session",
            "restore",
            &id,
            "--program",
            &p,
            "--date",
            "2030-03-04",
        ],
    )
    .await;
    phone.sync(&net()).await.unwrap();
    let restored = phone
        .plan_reminders(now, "America/New_York", 7, 64)
        .unwrap();
    // The same occurrence at the same time with the same content: the very id the phone held.
    let monday = before
        .iter()
        .find(|r| r.series_date == Some(day("2030-03-04")))
        .unwrap();
    assert!(restored.iter().any(|r| r.id == monday.id));
}

/// Bytes on the wire, measured through the real client and server (sizes are deterministic
/// enough to check; times are never checked): one new check-in costs one round trip of at most
/// 400 bytes up and 100 down; a poll with nothing new, one round trip of at most 100 each way;
/// a new device bootstraps three years of data in at most two round trips and 40 KB down.
async fn sync_sizes_stay_small(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("IOP").await;
    let (code, _) = env.invite(program).await;
    let base = server.url("");
    let mut phone = open_store(env.dir.path().join("phone")).unwrap();
    let first =
        Utc::now().date_naive() - chrono::Days::new(companion_core::fixtures::THREE_YEARS_DAYS + 1);
    companion_core::fixtures::three_years(&mut phone, first).unwrap();
    phone.enroll(&net(), &base, &code).await.unwrap();
    phone.sync(&net()).await.unwrap();

    // One check-in, for the participant's document only (the program's has nothing new).
    phone
        .record_checkin(
            Utc::now().date_naive(),
            &CheckInEdit {
                mood: Some(6),
                craving: Some(2),
                sleep_hours: Some(7.5),
                emotions: Some(vec!["hopeful".into(), "tired".into()]),
                note: Some("Good group today, talked about triggers.".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let report = phone.sync(&net()).await.unwrap();
    let own = &report.documents[0];
    assert_eq!(own.pushed_chunks, 1);
    // One round trip per document: the participant's carries the check-in.
    assert_eq!(report.round_trips, 2);
    eprintln!(
        "one check-in: {} bytes up, {} down",
        own.bytes_up, own.bytes_down
    );
    assert!(own.bytes_up <= 400, "{} bytes up", own.bytes_up);
    assert!(own.bytes_down <= 100, "{} bytes down", own.bytes_down);

    let poll = phone.sync(&net()).await.unwrap();
    for d in &poll.documents {
        eprintln!("poll: {} up, {} down", d.bytes_up, d.bytes_down);
        assert!(d.bytes_up <= 100 && d.bytes_down <= 100);
    }
    assert_eq!(poll.round_trips, 2);
    assert!(!poll.changed);

    // A new device: a link, then one sync of the three-year document.
    let mut tablet = open_store(env.dir.path().join("tablet")).unwrap();
    tablet
        .redeem_link(&net(), &base, &phone.create_link(&net()).await.unwrap())
        .await
        .unwrap();
    let boot = tablet.sync(&net()).await.unwrap();
    // The link was one round trip; the participant's document comes in one more.
    let own: Vec<_> = boot
        .documents
        .iter()
        .filter(|d| d.doc_id == report.documents[0].doc_id)
        .collect();
    assert_eq!(
        own.len(),
        1,
        "one round trip for the participant's document"
    );
    eprintln!("bootstrap: {} bytes down", own[0].bytes_down);
    assert!(
        own[0].bytes_down <= 40 * 1024,
        "{} bytes down",
        own[0].bytes_down
    );
    assert_eq!(
        tablet.checkins(None, None).unwrap(),
        phone.checkins(None, None).unwrap()
    );
    assert_eq!(tablet.sessions().unwrap(), phone.sessions().unwrap());
}

async fn program_crisis_line_reaches_enrolled_devices(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("Evening IOP").await;
    let p = program.to_string();
    let (code, _) = env.invite(program).await;
    let mut phone = open_store(env.dir.path().join("phone")).unwrap();
    phone.set_device_region(Some("US")).unwrap();
    phone.enroll(&net(), &server.url(""), &code).await.unwrap();
    phone.sync(&net()).await.unwrap();
    let built_in = phone.crisis_lines().unwrap();
    assert_eq!(built_in.len(), 4);

    let added = staff(
        &env,
        &[
            "program",
            "contact",
            "add",
            "--program",
            &p,
            "--region",
            "US",
            "--name",
            "Evening IOP after-hours line",
            "--role",
            "crisis-line",
            "--phone",
            "(312) 555-0100",
            "--about",
            "Weekdays 5 pm to 9 am, and weekends",
        ],
    )
    .await;
    let line_id = added["contact"]["id"].as_str().unwrap().to_owned();
    assert_eq!(added["contact"]["phone"], "+13125550100");
    let desk = staff(
        &env,
        &[
            "program",
            "contact",
            "add",
            "--program",
            &p,
            "--name",
            "Front desk",
            "--role",
            "case-manager",
            "--email",
            "desk@example.org",
        ],
    )
    .await;
    let desk_id = desk["contact"]["id"].as_str().unwrap().to_owned();
    // Bad input is refused by the same rules as on a phone, and nothing is published.
    let (ok, _, err) = env
        .cli(&[
            "program",
            "contact",
            "add",
            "--program",
            &p,
            "--region",
            "US",
            "--name",
            "X",
            "--phone",
            "(000) 000-0000",
        ])
        .await;
    assert!(!ok);
    assert!(
        err.contains("not a valid phone number in region US"),
        "{err}"
    );

    // Before a sync the phone has only the built-in lines; after it, the program's line comes
    // right after them, before the emergency number.
    assert_eq!(phone.crisis_lines().unwrap().len(), 4);
    assert!(phone.sync(&net()).await.unwrap().changed);
    let lines = phone.crisis_lines().unwrap();
    let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "988 Suicide & Crisis Lifeline",
            "SAMHSA National Helpline",
            "Crisis Text Line",
            "Evening IOP after-hours line",
            "Emergency services (911)",
        ]
    );
    let line = &lines[3];
    assert_eq!(line.source, companion_core::LineSource::Program);
    assert_eq!(line.program_id.as_deref(), Some(p.as_str()));
    assert_eq!(
        line.about.as_deref(),
        Some("Weekdays 5 pm to 9 am, and weekends")
    );
    assert_eq!(line.actions[0].uri, "tel:+13125550100");
    let reach = phone.reach_out(None).unwrap();
    assert_eq!(reach.others[0].name, "Front desk");
    assert_eq!(reach.others[0].actions[0].uri, "mailto:desk@example.org");
    // The participant cannot remove or change what the program publishes.
    for id in [&line_id, &desk_id] {
        assert!(matches!(
            phone.remove_contact(id),
            Err(Error::ReadOnly { .. })
        ));
    }

    // The program withdraws its line: gone at the next sync; the built-in lines stay.
    staff(
        &env,
        &["program", "contact", "remove", &line_id, "--program", &p],
    )
    .await;
    let listed = staff(&env, &["program", "contact", "list", "--program", &p]).await;
    assert_eq!(listed["contacts"].as_array().unwrap().len(), 1);
    phone.sync(&net()).await.unwrap();
    assert_eq!(phone.crisis_lines().unwrap().len(), 4);
}
