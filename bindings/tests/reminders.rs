//! Reminders through the bindings: the window, the changes worded and timed as the core made
//! them, the record (which is not a data change), reminder health and the status notification.

use std::sync::{Arc, Mutex};

use chrono::{TimeZone, Utc};
use companion_ffi::{
    AndroidFacts, ChangeListener, ClockStyle, CompanionError, CompanionStore, DataChange,
    HealthFix, HealthItem, HealthStatus, HeldReminder, HttpError, HttpRequest, HttpResponse,
    HttpTransport, IosAuthorization, IosBackgroundRefresh, IosFacts, IosSetting, LocalDate,
    LocalDateTime, LocalTime, NotificationChannel, NotificationTarget, Overall, PlatformFacts,
    PreferencesInput, RecurrenceRecord, ReminderContext, ReminderKind, ReminderNotice,
    ReminderPlatform, SessionInput, Timestamp, Weekday, reminder_window, sync_stopped_notification,
};

struct NoNetwork;

#[async_trait::async_trait]
impl HttpTransport for NoNetwork {
    async fn send(&self, _: HttpRequest) -> Result<HttpResponse, HttpError> {
        Err(HttpError::Offline)
    }
}

struct Recorder(Mutex<Vec<DataChange>>);

impl ChangeListener for Recorder {
    fn on_change(&self, change: DataChange) -> Result<(), CompanionError> {
        self.0.lock().unwrap().push(change);
        Ok(())
    }
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Timestamp {
    Timestamp(Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap())
}

/// A Chicago group on Mondays and Wednesdays at 09:00 in Room 2, named in notifications, and
/// the check-in reminder at 20:00.
fn participant(dir: &std::path::Path) -> Arc<CompanionStore> {
    let store = CompanionStore::open(
        dir.to_string_lossy().into_owned(),
        vec![7; 32],
        Arc::new(NoNetwork),
    )
    .unwrap();
    store
        .add_session(SessionInput {
            title: Some("Process group".into()),
            start: chrono::NaiveDate::from_ymd_opt(2025, 6, 2)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .map(LocalDateTime),
            time_zone: Some("America/Chicago".into()),
            duration_minutes: Some(180),
            location: Some("Room 2".into()),
            recurrence: Some(RecurrenceRecord {
                weekdays: vec![Weekday::Monday, Weekday::Wednesday],
                interval_weeks: 1,
                until: None,
                count: None,
            }),
            ..Default::default()
        })
        .unwrap();
    store
        .edit_preferences(PreferencesInput {
            checkin_reminder: chrono::NaiveTime::from_hms_opt(20, 0, 0).map(LocalTime),
            discreet_notifications: Some(false),
            ..Default::default()
        })
        .unwrap();
    store
}

fn ctx(platform: ReminderPlatform, exact: bool) -> ReminderContext {
    ReminderContext {
        now: at(2025, 6, 1, 12, 0),
        zone: "America/New_York".into(),
        platform,
        clock_style: ClockStyle::TwelveHour,
        exact_alarms_allowed: exact,
        os_cleared: false,
    }
}

#[test]
fn each_platform_has_its_window() {
    let ios = reminder_window(ReminderPlatform::Ios);
    assert_eq!((ios.horizon_days, ios.max_held), (30, 64));
    let android = reminder_window(ReminderPlatform::Android);
    assert_eq!((android.horizon_days, android.max_held), (30, 128));
    let terminal = reminder_window(ReminderPlatform::Terminal);
    assert_eq!((terminal.horizon_days, terminal.max_held), (30, 64));
}

#[test]
fn changes_come_worded_and_the_record_is_not_a_data_change() {
    let dir = tempfile::tempdir().unwrap();
    let store = participant(dir.path());
    let recorder = Arc::new(Recorder(Mutex::new(Vec::new())));
    let _subscription = store.subscribe(recorder.clone());

    let android = ctx(ReminderPlatform::Android, false);
    let first = store.reminder_changes(android.clone(), vec![]).unwrap();
    assert!(first.cancel.is_empty() && first.done.is_empty() && !first.reworded);
    assert_eq!(first.schedule.len(), 39);
    let checkin = &first.schedule[0];
    assert_eq!(checkin.reminder.kind, ReminderKind::CheckIn);
    assert_eq!(checkin.reminder.fire_at, at(2025, 6, 2, 0, 0));
    assert_eq!(checkin.notification.title, "Daily check-in");
    assert_eq!(
        checkin.notification.channel,
        NotificationChannel::CheckInReminder
    );
    assert_eq!(checkin.notification.opens, NotificationTarget::CheckIn);
    assert!(!checkin.exact);
    let group = first
        .schedule
        .iter()
        .find(|r| r.reminder.kind == ReminderKind::Session)
        .unwrap();
    assert_eq!(group.reminder.fire_at, at(2025, 6, 2, 13, 0));
    assert_eq!(group.reminder.starts_at, Some(at(2025, 6, 2, 14, 0)));
    assert_eq!(
        group.reminder.series_date,
        Some(LocalDate(
            chrono::NaiveDate::from_ymd_opt(2025, 6, 2).unwrap()
        ))
    );
    assert_eq!(group.reminder.lead_minutes, Some(60));
    assert_eq!(group.notification.title, "Process group");
    assert_eq!(
        group.notification.body,
        "Starts at 10:00 AM (9:00 AM in Chicago) · Room 2"
    );
    assert_eq!(group.notification.public_title, "Reminder");
    assert!(group.notification.time_sensitive);

    store
        .record_reminders_applied(
            android.now,
            android.zone.clone(),
            android.clock_style,
            first.held_after.clone(),
        )
        .unwrap();
    assert!(
        recorder.0.lock().unwrap().is_empty(),
        "recording is not a data change"
    );
    let applied = store.reminders_applied().unwrap().unwrap();
    assert_eq!(applied.at, android.now);
    assert_eq!(applied.zone, "America/New_York");
    assert_eq!(applied.held, first.held_after);

    let again = store
        .reminder_changes(android.clone(), applied.held.clone())
        .unwrap();
    assert!(again.schedule.is_empty() && again.cancel.is_empty());
    // Exact alarms allowed now: every held one goes back exact.
    let exact = store
        .reminder_changes(ctx(ReminderPlatform::Android, true), applied.held)
        .unwrap();
    assert_eq!(exact.cancel.len(), 39);
    assert!(exact.schedule.iter().all(|r| r.exact));

    let bad = HeldReminder {
        id: "x".repeat(300),
        fire_at: android.now,
        exact: true,
    };
    let e = store
        .record_reminders_applied(android.now, "UTC".into(), ClockStyle::TwelveHour, vec![bad])
        .unwrap_err();
    assert!(matches!(e, CompanionError::InvalidInput(_)), "{e:?}");
    let mut zone = android;
    zone.zone = "Mars/Base".into();
    assert!(matches!(
        store.reminder_changes(zone, vec![]),
        Err(CompanionError::UnknownTimeZone(_))
    ));
}

#[test]
fn reminder_health_for_either_platform() {
    let dir = tempfile::tempdir().unwrap();
    let store = participant(dir.path());
    let now = at(2025, 6, 1, 12, 0);
    let android = AndroidFacts {
        notifications_enabled: true,
        can_ask_notification_permission: false,
        blocked_channels: vec![NotificationChannel::CheckInReminder],
        exact_alarms_allowed: true,
        ignoring_battery_optimizations: true,
        background_restricted: false,
    };
    let h = store
        .reminder_health(
            now,
            "America/New_York".into(),
            ClockStyle::TwentyFourHour,
            PlatformFacts::Android {
                facts: android.clone(),
            },
            vec![],
        )
        .unwrap();
    // Today carries the same notice, from the same facts.
    let today = store
        .today_screen(
            now,
            "America/New_York".into(),
            ClockStyle::TwentyFourHour,
            PlatformFacts::Android { facts: android },
            vec![],
        )
        .unwrap();
    assert_eq!(today.reminder_notice, h.notice);
    assert_eq!(h.overall, Overall::NeedsAttention);
    assert_eq!(h.checks[0].item, HealthItem::CheckInChannel);
    assert_eq!(h.checks[0].status, HealthStatus::Problem);
    assert_eq!(
        h.checks[0].fix,
        Some(HealthFix::OpenChannelSettings {
            channel: NotificationChannel::CheckInReminder
        })
    );
    assert_eq!((h.planned, h.not_held), (39, 39));
    assert_eq!(h.last_applied, None);
    let next = h.next.unwrap();
    assert_eq!(next.fire_at, at(2025, 6, 2, 0, 0));
    assert!(!next.held && !next.exact);
    assert_eq!(
        h.notice,
        Some(ReminderNotice::NeedsAttention { problems: 3 })
    );

    let ios = IosFacts {
        authorization: IosAuthorization::NotDetermined,
        alerts: IosSetting::NotSupported,
        time_sensitive: IosSetting::NotSupported,
        scheduled_summary: IosSetting::NotSupported,
        background_refresh: IosBackgroundRefresh::Available,
        low_power_mode: false,
    };
    let held = store
        .reminder_changes(ctx(ReminderPlatform::Ios, true), vec![])
        .unwrap()
        .held_after;
    let h = store
        .reminder_health(
            now,
            "America/New_York".into(),
            ClockStyle::TwelveHour,
            PlatformFacts::Ios { facts: ios },
            held,
        )
        .unwrap();
    assert_eq!(h.notice, Some(ReminderNotice::AskPermission));
    assert_eq!(
        h.checks[0].fix,
        Some(HealthFix::RequestNotificationPermission)
    );
    assert!(h.next.unwrap().held);
}

#[test]
fn the_sync_stopped_notification() {
    let n = sync_stopped_notification();
    assert_eq!(n.title, "Sync stopped");
    assert_eq!(n.channel, NotificationChannel::Status);
    assert_eq!(n.opens, NotificationTarget::Settings);
    assert_eq!(
        (n.public_title.as_str(), n.public_body.as_str()),
        ("Reminder", "Unlock to see it")
    );
}
