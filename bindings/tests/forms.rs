//! The forms and the open-problem screen through the bindings: what the apps call.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use companion_ffi::{
    ClockStyle, CompanionError, CompanionStore, ContactValuesRecord, HttpError, HttpRequest,
    HttpResponse, HttpTransport, OpenProblem, OpenProblemChoice, ReachOutAction, Role,
    ScheduleAction, Timestamp, discard_unopenable_store, open_problem_screen,
};

struct NoNetwork;

#[async_trait::async_trait]
impl HttpTransport for NoNetwork {
    async fn send(&self, _: HttpRequest) -> Result<HttpResponse, HttpError> {
        Err(HttpError::Offline)
    }
}

fn open(dir: &std::path::Path, key: u8) -> Result<Arc<CompanionStore>, CompanionError> {
    CompanionStore::open(
        dir.to_string_lossy().into_owned(),
        vec![key; 32],
        Arc::new(NoNetwork),
    )
}

const NY: &str = "America/New_York";

#[test]
fn a_session_and_a_contact_through_their_forms() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), 7).unwrap();
    let now = Timestamp(Utc.with_ymd_and_hms(2026, 11, 16, 17, 0, 0).unwrap());
    let form = store.session_form(None, now, NY.into()).unwrap();
    let mut edited = form.values.clone();
    edited.title = "Family session".into();
    let r = store
        .schedule_act(
            ScheduleAction::SaveSessionForm {
                session_id: None,
                opened: form.values.clone(),
                edited,
            },
            now,
            NY.into(),
            ClockStyle::TwelveHour,
        )
        .unwrap();
    assert!(
        r.ask_notification_permission,
        "the default lead time applies"
    );
    let day = &r.screen.days[0];
    assert_eq!(day.label, "Today");
    assert_eq!(day.occurrences[0].time_label, "1:00 PM – 2:00 PM");
    assert_eq!(r.screen.sessions[0].summary, "Once, Mon 16 Nov at 1:00 PM");

    let form = store.contact_form(None).unwrap();
    let screen = store
        .reach_out_act(
            ReachOutAction::SaveContactForm {
                contact_id: None,
                opened: form.values.clone(),
                edited: ContactValuesRecord {
                    name: "Sam".into(),
                    role: Role::Sponsor,
                    ..form.values
                },
            },
            None,
        )
        .unwrap();
    assert_eq!(screen.others[0].name, "Sam");
}

#[test]
fn a_lost_key_is_worded_and_the_store_can_be_started_over() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path(), 7).unwrap());
    assert!(matches!(
        open(dir.path(), 9),
        Err(CompanionError::WrongKey(_))
    ));
    let screen = open_problem_screen(OpenProblem::KeyLost);
    assert_eq!(screen.choices, [OpenProblemChoice::StartOver]);
    assert!(screen.start_over_warning.is_some());
    let temporary = open_problem_screen(OpenProblem::Unavailable);
    assert_eq!(temporary.choices, [OpenProblemChoice::TryAgain]);
    assert_eq!(temporary.start_over_warning, None);

    discard_unopenable_store(dir.path().to_string_lossy().into_owned()).unwrap();
    assert!(open(dir.path(), 9).is_ok());
}

#[test]
fn a_store_from_a_newer_app_says_so() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path(), 7).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join("companion.sqlite3")).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    assert!(matches!(
        open(dir.path(), 7),
        Err(CompanionError::NeedsNewerApp(_))
    ));
}
