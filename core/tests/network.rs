//! What the core does with each answer and failure of the network, through a scripted
//! transport: how many tries, which error, and that nothing is half-applied. Time is
//! tokio's paused clock, so the backoff's pauses are exact and cost nothing. (Sync against a
//! real server, through a proxy that drops answers, is in server/tests/devices.rs; through
//! the apps' transports, in the Kotlin tests.)

use std::time::Duration;

use chrono::NaiveDate;
use companion_core::net::{Failure, Method};
use companion_core::sync::wire::{SyncRequest, SyncResponse};
use companion_core::{CheckInEdit, EraseOptions, Error, ServerErasure, Store};
use uuid::Uuid;

mod common;

use common::scripted::{Answer, Scripted, enrol};

const SERVER: &str = "https://sync.example.org";

/// A check-in on 2026-11-`day`: something new to push.
fn check_in(store: &mut Store, day: u32) {
    let edit = CheckInEdit {
        mood: Some(6),
        ..Default::default()
    };
    let date = NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
    store.record_checkin(date, &edit).unwrap();
}

/// An enrolled store with one check-in not pushed yet.
async fn enrolled(dir: &std::path::Path) -> Store {
    let mut store = common::open(dir).unwrap();
    enrol(&mut store, SERVER, Uuid::new_v4()).await;
    check_in(&mut store, 2);
    store
}

/// The server's answer to a first push: it now holds one chunk.
fn accepted() -> Answer {
    Answer::sync(&SyncResponse {
        cursor: 1,
        ..Default::default()
    })
}

fn network_error(e: Error) -> String {
    match e {
        Error::Network(m) => m,
        other => panic!("expected a network error, got {other:?}"),
    }
}

/// What a sync that failed must leave: the same request goes out again (the same cursor,
/// the same chunk by its id; sealed anew, so its bytes differ), and is applied once.
async fn nothing_half_applied(store: &mut Store, failed: &Scripted) {
    let first = SyncRequest::decode(&failed.requests()[0].body).unwrap();
    let again = Scripted::new([accepted()]);
    let report = store.sync(&again).await.unwrap();
    assert_eq!(report.round_trips, 1);
    assert_eq!(report.documents[0].pushed_chunks, 1);
    let second = SyncRequest::decode(&again.requests()[0].body).unwrap();
    assert_eq!(second.cursor, first.cursor);
    let ids = |r: &SyncRequest| r.chunks.iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(&second), ids(&first));
    // …and once applied, there is nothing left to push.
    let idle = Scripted::new([accepted()]);
    store.sync(&idle).await.unwrap();
    assert!(
        SyncRequest::decode(&idle.requests()[0].body)
            .unwrap()
            .chunks
            .is_empty()
    );
}

#[tokio::test(start_paused = true)]
async fn offline_is_retried_four_times_with_a_doubling_pause_then_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = enrolled(dir.path()).await;
    let transport = Scripted::offline();
    let started = tokio::time::Instant::now();
    let err = store.sync(&transport).await.unwrap_err();
    assert_eq!(transport.tries(), 4);
    // 200 + 400 + 800 ms between the four tries (tokio's paused clock: exact).
    assert_eq!(started.elapsed(), Duration::from_millis(1400));
    let message = network_error(err);
    assert!(
        message.starts_with("could not reach the server"),
        "{message}"
    );
    // Every try was the same request.
    let requests = transport.requests();
    assert!(requests.windows(2).all(|w| w[0] == w[1]));
    let request = &requests[0];
    assert_eq!(request.method, Method::Post);
    assert!(request.url.starts_with("https://sync.example.org/v1/docs/"));
    assert!(request.url.ends_with("/sync"));
    assert_eq!(request.timeout, companion_core::net::SYNC_TIMEOUT);
    assert!(
        request
            .headers
            .iter()
            .any(|h| h.name == "authorization" && h.value == "Bearer token")
    );
    nothing_half_applied(&mut store, &transport).await;
}

#[tokio::test(start_paused = true)]
async fn a_failure_that_passes_is_ridden_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = enrolled(dir.path()).await;
    for (i, blip) in [
        Answer::Fail(Failure::Offline),
        Answer::Fail(Failure::Other),
        Answer::Status(503, b"{\"error\":\"unavailable\"}".to_vec()),
        Answer::Status(500, Vec::new()),
        Answer::Status(408, Vec::new()),
    ]
    .into_iter()
    .enumerate()
    {
        let transport = Scripted::new([blip.clone(), blip, accepted()]);
        let report = store.sync(&transport).await.unwrap();
        assert_eq!(transport.tries(), 3);
        assert_eq!(report.round_trips, 1);
        assert_eq!(report.documents[0].pushed_chunks, 1);
        // Pushed once: the next sync has nothing to send.
        let idle = Scripted::new([accepted()]);
        store.sync(&idle).await.unwrap();
        assert!(
            SyncRequest::decode(&idle.requests()[0].body)
                .unwrap()
                .chunks
                .is_empty()
        );
        check_in(&mut store, 3 + i as u32);
    }
}

#[tokio::test(start_paused = true)]
async fn a_server_that_keeps_failing_is_tried_four_times() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = enrolled(dir.path()).await;
    let transport = Scripted::new([Answer::Status(502, b"<html>Bad gateway</html>".to_vec())]);
    let message = network_error(store.sync(&transport).await.unwrap_err());
    assert_eq!(transport.tries(), 4);
    assert_eq!(message, "the server failed (HTTP 502)");
    nothing_half_applied(&mut store, &transport).await;
}

#[tokio::test(start_paused = true)]
async fn a_timeout_or_an_untrusted_certificate_is_not_retried() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = enrolled(dir.path()).await;
    for (failure, start) in [
        (Failure::Timeout, "the server did not answer in time"),
        (
            Failure::Tls,
            "could not make a secure connection to the server",
        ),
    ] {
        let transport = Scripted::new([Answer::Fail(failure)]);
        let err = store.sync(&transport).await.unwrap_err();
        assert_eq!(transport.tries(), 1, "{failure:?}");
        let message = network_error(err);
        assert!(message.starts_with(start), "{message}");
        assert!(!message.contains("example.org"), "{message}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_refusal_is_not_retried() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = enrolled(dir.path()).await;
    type Expected = fn(&Error) -> bool;
    let cases: [(u16, &str, Expected); 5] = [
        (401, "{\"error\":\"unauthorized\"}", |e| {
            matches!(e, Error::NotEnrolled)
        }),
        (
            400,
            "{\"error\":\"bad_request\"}",
            |e| matches!(e, Error::Server { status: 400, code } if code == "bad_request"),
        ),
        (413, "{\"error\":\"too_large\"}", |e| {
            matches!(e, Error::Server { status: 413, .. })
        }),
        (
            429,
            "",
            |e| matches!(e, Error::Network(m) if m == "the server is busy"),
        ),
        (
            301,
            "",
            |e| matches!(e, Error::Protocol(m) if m.contains("redirect")),
        ),
    ];
    for (status, body, expected) in cases {
        let transport = Scripted::new([Answer::Status(status, body.as_bytes().to_vec())]);
        let err = store.sync(&transport).await.unwrap_err();
        assert_eq!(transport.tries(), 1, "{status}");
        assert!(expected(&err), "{status}: {err:?}");
    }
    // A code that is not a plain word is not passed on.
    let transport = Scripted::new([Answer::Status(
        403,
        b"{\"error\":\"<script>alert(1)</script>\"}".to_vec(),
    )]);
    match store.sync(&transport).await.unwrap_err() {
        Error::Server { status: 403, code } => assert_eq!(code, "scriptalert1script"),
        other => panic!("{other:?}"),
    }
    nothing_half_applied(&mut store, &transport).await;
}

#[tokio::test(start_paused = true)]
async fn an_answer_cut_short_is_retried_and_never_applied() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = enrolled(dir.path()).await;
    let mut whole = SyncResponse {
        cursor: 1,
        ..Default::default()
    }
    .encode();
    whole.truncate(whole.len() - 1);
    let transport = Scripted::new([Answer::Status(200, whole)]);
    let message = network_error(store.sync(&transport).await.unwrap_err());
    assert_eq!(transport.tries(), 4);
    assert_eq!(message, "the connection to the server failed");

    // Cut short once, then whole: applied once.
    let transport = Scripted::new([Answer::Status(200, Vec::new()), accepted()]);
    assert_eq!(store.sync(&transport).await.unwrap().round_trips, 1);
    assert_eq!(transport.tries(), 2);

    // Whole but wrong (a version this app does not speak) is not a network blip.
    let transport = Scripted::new([Answer::Status(200, vec![9, 0, 0, 0])]);
    assert!(matches!(
        store.sync(&transport).await.unwrap_err(),
        Error::Protocol(_)
    ));
    assert_eq!(transport.tries(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_transport_that_never_answers_is_given_up_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = enrolled(dir.path()).await;
    let transport = Scripted::new([Answer::Hang]);
    let started = tokio::time::Instant::now();
    let message = network_error(store.sync(&transport).await.unwrap_err());
    assert!(message.starts_with("the server did not answer in time"));
    assert_eq!(transport.tries(), 1);
    // Its own timeout, and five seconds' grace.
    assert_eq!(
        started.elapsed(),
        companion_core::net::SYNC_TIMEOUT + Duration::from_secs(5)
    );
    nothing_half_applied(&mut store, &transport).await;
}

#[tokio::test(start_paused = true)]
async fn an_answer_over_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = enrolled(dir.path()).await;
    let huge = vec![0u8; companion_core::net::SYNC_RESPONSE_MAX_BYTES as usize + 1];
    let transport = Scripted::new([Answer::Status(200, huge)]);
    assert!(matches!(
        store.sync(&transport).await.unwrap_err(),
        Error::Protocol(m) if m.contains("too large")
    ));
    assert_eq!(transport.tries(), 1);
}

#[tokio::test(start_paused = true)]
async fn enrolment_is_sent_once_whatever_happens() {
    for answer in [
        Answer::Fail(Failure::Offline),
        Answer::Fail(Failure::Other),
        Answer::Status(503, Vec::new()),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = common::open(dir.path()).unwrap();
        let transport = Scripted::new([answer, common::scripted::enrolment(Uuid::new_v4())]);
        let err = store
            .enroll(&transport, SERVER, "K7QF-9XMZ-2PRT")
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Network(_)), "{err:?}");
        // The code may have been spent by a request whose answer was lost: never sent twice.
        assert_eq!(transport.tries(), 1);
        assert_eq!(store.account().unwrap(), None);
    }
    // An unknown code, and an answer this app cannot read: nothing recorded.
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let unknown = Scripted::new([Answer::json(404, serde_json::json!({"error": "not_found"}))]);
    assert!(matches!(
        store.enroll(&unknown, SERVER, "K7QF-9XMZ-2PRT").await,
        Err(Error::InvalidCode)
    ));
    let garbled = Scripted::new([Answer::Status(200, b"{\"device_id\":".to_vec())]);
    assert!(matches!(
        store.enroll(&garbled, SERVER, "K7QF-9XMZ-2PRT").await,
        Err(Error::Protocol(_))
    ));
    assert_eq!(store.account().unwrap(), None);
}

#[tokio::test(start_paused = true)]
async fn plain_http_to_another_host_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let transport = Scripted::offline();
    for server in [
        "http://sync.example.org",
        "http://192.168.1.20:8080",
        "sync.example.org",
        "https://sam:pw@sync.example.org",
    ] {
        let err = store
            .enroll(&transport, server, "K7QF-9XMZ-2PRT")
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidInput {
                    field: "server",
                    ..
                }
            ),
            "{server}: {err:?}"
        );
        assert!(matches!(
            store.redeem_link(&transport, server, "abc.AAAA").await,
            Err(Error::InvalidInput {
                field: "server",
                ..
            })
        ));
    }
    assert_eq!(transport.tries(), 0);
    // To this device, plain HTTP is allowed (a developer's server).
    enrol(&mut store, "http://127.0.0.1:8080", Uuid::new_v4()).await;
    assert_eq!(
        store.account().unwrap().unwrap().server,
        "http://127.0.0.1:8080"
    );
}

#[tokio::test(start_paused = true)]
async fn erase_retries_and_a_lost_answer_reads_as_already_erased() {
    let dir = tempfile::tempdir().unwrap();
    let store = enrolled(dir.path()).await;
    // The first answer lost; the retry finds the token gone.
    let transport = Scripted::new([
        Answer::Fail(Failure::Other),
        Answer::json(401, serde_json::json!({"error": "unauthorized"})),
    ]);
    let report = store
        .erase(&transport, EraseOptions::default())
        .await
        .unwrap();
    assert_eq!(report.server, ServerErasure::AlreadyGone);
    assert_eq!(transport.tries(), 2);
    assert_eq!(transport.requests()[0].method, Method::Delete);
    assert!(!dir.path().join(Store::FILE_NAME).exists());

    // No network at all: nothing erased, and the participant is told how to go on.
    let dir = tempfile::tempdir().unwrap();
    let store = enrolled(dir.path()).await;
    let transport = Scripted::offline();
    let message = network_error(
        store
            .erase(&transport, EraseOptions::default())
            .await
            .unwrap_err(),
    );
    assert_eq!(transport.tries(), 4);
    assert!(message.contains("nothing was erased"), "{message}");
    assert!(Store::exists(dir.path()));
}
