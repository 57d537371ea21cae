//! The HTTP API of server/API.md, against a real `companion-server` on loopback, each test
//! once over SQLite and once over PostgreSQL.

mod common;

use std::collections::HashSet;

use companion_core::sync::crypto::{
    DocKey, new_code, normalize_code, open_with_secret, seal_with_code, seal_with_secret,
    token_hash,
};
use companion_core::sync::wire::{ChunkId, SealedSnapshot, SyncRequest};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::common::*;

on_both_backends!(
    enrolment_codes_work_once,
    staff_endpoints,
    push_pull_round_trip_between_linked_devices,
    replayed_push_adds_nothing,
    snapshot_and_tail_bootstrap_a_new_device,
    a_failed_request_changes_nothing,
    devices_reach_only_their_own_documents,
    erasing_me_removes_every_row,
    erasure_racing_pushes_leaves_nothing,
    bad_bodies_are_refused_and_the_server_keeps_serving,
    stored_bytes_hold_no_plaintext,
    logs_carry_no_secrets,
    restart_between_push_and_pull_loses_nothing,
    sigterm_stops_the_server_cleanly,
    retry_after_a_lost_response_adds_nothing,
    two_instances_share_one_storage,
    long_tails_come_in_pages,
    staff_commands,
);

async fn enrolment_codes_work_once(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, program_key) = env.program("Evening IOP").await;
    let (code, participant) = env.invite(program).await;

    // Typed the way people type it: lower case, spaces for dashes.
    let typed = code.to_lowercase().replace('-', " ");
    let (status, v) = server.enroll(&typed).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["participant_id"], participant.to_string());
    assert_eq!(v["device_token"].as_str().unwrap().len(), 43);
    let p = &v["programs"][0];
    assert_eq!(p["program_id"], program.to_string());
    assert_eq!(p["name"], "Evening IOP");
    // The device opens the program key with the code; the server never could.
    let opened = companion_core::sync::crypto::open_with_code(
        &code,
        &b64(p["salt"].as_str().unwrap()),
        &b64(p["sealed_key"].as_str().unwrap()),
    )
    .unwrap();
    assert_eq!(opened, program_key.as_bytes());

    let token = v["device_token"].as_str().unwrap();
    let (status, me) = server.get_json("/v1/me", Some(token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["participant_id"], participant.to_string());
    assert_eq!(me["device_id"], v["device_id"]);
    assert_eq!(
        me["programs"],
        json!([{"program_id": program, "name": "Evening IOP"}])
    );

    // Single use.
    let (status, v) = server.enroll(&code).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(v["error"], "not_found");
    // A code that was never issued; one that cannot be a code (and is not echoed).
    let (status, _) = server.enroll(&new_code().unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, v) = server.enroll("not-a-code-zzz").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["message"], "invalid code: is not an invitation code");
    let (status, v) = server
        .post_json("/v1/enroll", None, &json!({"code": 42}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["message"], "invalid code: is missing or not a string");

    assert!(server.healthy().await);
}

async fn staff_endpoints(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let staff = env.staff_token().await;

    let (status, v) = server
        .post_json(
            "/v1/programs",
            Some(&staff),
            &json!({"name": "Morning IOP"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let program: Uuid = v["program_id"].as_str().unwrap().parse().unwrap();
    let (status, _) = server
        .post_json("/v1/programs", Some(&staff), &json!({"name": "  "}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // What a staff tool sends: the code's hash, and the key sealed under the code.
    let key = DocKey::generate().unwrap();
    let code = new_code().unwrap();
    let (salt, sealed) = seal_with_code(&code, key.as_bytes()).unwrap();
    let expires = (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339();
    let invitation = json!({
        "code_hash": to_b64(&token_hash(&normalize_code(&code).unwrap())),
        "salt": to_b64(&salt),
        "sealed_key": to_b64(&sealed),
        "expires_at": expires,
    });
    let path = format!("/v1/programs/{program}/invitations");
    let (status, v) = server.post_json(&path, Some(&staff), &invitation).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let participant = v["participant_id"].clone();
    // The same invitation again (a retry) is the same invitation; a different one with the
    // same code hash is a conflict.
    let (status, v) = server.post_json(&path, Some(&staff), &invitation).await;
    assert_eq!(
        (status, &v["participant_id"]),
        (StatusCode::OK, &participant)
    );
    let mut other = invitation.clone();
    other["salt"] = json!(to_b64(&[7; 16]));
    let (status, v) = server.post_json(&path, Some(&staff), &other).await;
    assert_eq!(
        (status, v["error"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );

    // Each malformed part is named.
    for (field, value, message) in [
        (
            "code_hash",
            json!("AAAA"),
            "invalid code_hash: must be 32 bytes",
        ),
        (
            "code_hash",
            json!("!!"),
            "invalid code_hash: is not base64url",
        ),
        (
            "salt",
            json!(to_b64(&[1; 8])),
            "invalid salt: must be 16 bytes",
        ),
        (
            "sealed_key",
            json!(""),
            "invalid sealed_key: must be 40 to 4096 bytes",
        ),
        (
            "expires_at",
            json!("tomorrow"),
            "invalid expires_at: is not an RFC 3339 date-time",
        ),
        (
            "expires_at",
            json!("2001-01-01T00:00:00Z"),
            "invalid expires_at: must be in the future",
        ),
        (
            "expires_at",
            json!(7),
            "invalid expires_at: is missing or not a string",
        ),
    ] {
        let mut bad = invitation.clone();
        bad["code_hash"] = json!(to_b64(&[9; 32]));
        bad[field] = value;
        let (status, v) = server.post_json(&path, Some(&staff), &bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{field}");
        assert_eq!(v["message"], message);
    }
    let unknown = format!("/v1/programs/{}/invitations", Uuid::new_v4());
    let mut fresh = invitation.clone();
    fresh["code_hash"] = json!(to_b64(&[3; 32]));
    let (status, _) = server.post_json(&unknown, Some(&staff), &fresh).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = server
        .post_json("/v1/programs/12/invitations", Some(&staff), &fresh)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // The code enrols, and the key opens, as with the staff commands.
    let (status, v) = server.enroll(&code).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["participant_id"], participant);
    let p = &v["programs"][0];
    assert_eq!(p["name"], "Morning IOP");
    let device = v["device_token"].as_str().unwrap().to_owned();

    // Only staff tokens do staff things.
    let (status, _) = server
        .post_json("/v1/programs", Some(&device), &json!({"name": "X"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = server
        .post_json("/v1/programs", None, &json!({"name": "X"}))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = server
        .post_json("/v1/programs", Some("not-a-token"), &json!({"name": "X"}))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // And staff tokens are not devices.
    let (status, _) = server.get_json("/v1/me", Some(&staff)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn push_pull_round_trip_between_linked_devices(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("P").await;
    let a = server.enrol(&env, program).await;
    let doc = a.participant_id;

    let chunks: Vec<_> = (1..=3).map(|i| a.seal(&format!("change {i}"))).collect();
    let r = server.sync(&a.token, doc, &push(0, chunks)).await.unwrap();
    // Its own chunks are not sent back.
    assert_eq!((r.cursor, r.chunks.len(), r.snapshot), (3, 0, None));

    // Device A hands its keys to device B inside a link, sealed under a secret only the two
    // devices see.
    let secret = [42u8; 32];
    let mut keys = a.key.as_bytes().to_vec();
    keys.extend_from_slice(a.program_key.as_bytes());
    let sealed = seal_with_secret(&secret, &keys).unwrap();
    let (status, link) = server
        .post_json(
            "/v1/links",
            Some(&a.token),
            &json!({"sealed": to_b64(&sealed)}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{link}");
    let link_id = link["link_id"].as_str().unwrap();
    assert!(link["expires_at"].as_str().unwrap().ends_with('Z'));
    let (status, b) = server
        .post_json("/v1/links/redeem", None, &json!({"link_id": link_id}))
        .await;
    assert_eq!(status, StatusCode::OK, "{b}");
    assert_eq!(b["participant_id"], doc.to_string());
    assert_ne!(b["device_id"].as_str().unwrap(), a.device_id.to_string());
    assert_eq!(b["programs"], json!([{"program_id": program, "name": "P"}]));
    let opened = open_with_secret(&secret, &b64(b["sealed"].as_str().unwrap())).unwrap();
    assert_eq!(&opened[..32], a.key.as_bytes());
    let b_token = b["device_token"].as_str().unwrap();
    // A link works once.
    let (status, _) = server
        .post_json("/v1/links/redeem", None, &json!({"link_id": link_id}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // B bootstraps and reads A's changes.
    let r = server.sync(b_token, doc, &pull(0)).await.unwrap();
    assert_eq!(r.cursor, 3);
    assert_eq!(seqs(&r), [1, 2, 3]);
    assert_eq!(a.open_all(&r), ["change 1", "change 2", "change 3"]);

    // B writes; A, at cursor 3, gets just that.
    let b_chunk = a.seal("change from B");
    let r = server
        .sync(b_token, doc, &push(3, vec![b_chunk]))
        .await
        .unwrap();
    assert_eq!((r.cursor, r.chunks.len()), (4, 0));
    let r = server.sync(&a.token, doc, &pull(3)).await.unwrap();
    assert_eq!(seqs(&r), [4]);
    assert_eq!(a.open_all(&r), ["change from B"]);
    // Nothing new: a few bytes each way.
    let r = server.sync(&a.token, doc, &pull(4)).await.unwrap();
    assert_eq!((r.cursor, r.chunks.len()), (4, 0));
}

async fn replayed_push_adds_nothing(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("P").await;
    let a = server.enrol(&env, program).await;
    let doc = a.participant_id;
    let c1 = a.seal("one");
    let c2 = a.seal("two");
    let c3 = a.seal("three");

    let first = server
        .sync(&a.token, doc, &push(0, vec![c1.clone(), c2.clone()]))
        .await
        .unwrap();
    let again = server
        .sync(&a.token, doc, &push(0, vec![c1.clone(), c2.clone()]))
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(first.cursor, 2);
    // The same plaintext sealed again has a new nonce but the same id: still one chunk.
    let resealed = a.seal("one");
    assert_ne!(resealed.ciphertext, c1.ciphertext);
    let r = server
        .sync(&a.token, doc, &push(2, vec![resealed]))
        .await
        .unwrap();
    assert_eq!(r.cursor, 2);

    // Overlapping pushes, and one chunk twice in a request.
    let r = server
        .sync(
            &a.token,
            doc,
            &push(2, vec![c2.clone(), c3.clone(), c3.clone()]),
        )
        .await
        .unwrap();
    assert_eq!((r.cursor, r.chunks.len()), (3, 0));
    let all = server.sync(&a.token, doc, &pull(0)).await.unwrap();
    assert_eq!(seqs(&all), [1, 2, 3]);
    assert_eq!(a.open_all(&all), ["one", "two", "three"]);
    let ids: HashSet<ChunkId> = all.chunks.iter().map(|(_, c)| c.id).collect();
    assert_eq!(ids.len(), 3);
}

async fn snapshot_and_tail_bootstrap_a_new_device(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("P").await;
    let a = server.enrol(&env, program).await;
    let doc = a.participant_id;
    let chunks: Vec<_> = (1..=5).map(|i| a.seal(&format!("c{i}"))).collect();
    server.sync(&a.token, doc, &push(0, chunks)).await.unwrap();

    let snapshot = |text: &str, covers_seq| SealedSnapshot {
        chunk: a.seal(text),
        covers_seq,
    };
    let with_snapshot = |cursor, s| SyncRequest {
        cursor,
        chunks: Vec::new(),
        snapshot: Some(s),
    };
    let r = server
        .sync(
            &a.token,
            doc,
            &with_snapshot(5, snapshot("snapshot to 3", 3)),
        )
        .await
        .unwrap();
    assert_eq!(
        (r.cursor, r.snapshot.is_none(), r.chunks.len()),
        (5, true, 0)
    );

    // A new device: the snapshot plus the tail after it, in one response.
    let r = server.sync(&a.token, doc, &pull(0)).await.unwrap();
    let s = r.snapshot.as_ref().expect("a snapshot");
    assert_eq!(s.covers_seq, 3);
    assert_eq!(a.key.open_chunk(doc, &s.chunk).unwrap(), b"snapshot to 3");
    assert_eq!(seqs(&r), [4, 5]);
    assert_eq!(r.cursor, 5);
    // A device at or past what the snapshot covers gets chunks only.
    let r = server.sync(&a.token, doc, &pull(3)).await.unwrap();
    assert_eq!((r.snapshot.is_none(), seqs(&r)), (true, vec![4, 5]));
    let r = server.sync(&a.token, doc, &pull(2)).await.unwrap();
    assert_eq!(
        (r.snapshot.as_ref().map(|s| s.covers_seq), seqs(&r)),
        (Some(3), vec![4, 5])
    );

    // A newer snapshot replaces it; an older one arriving late does not.
    server
        .sync(
            &a.token,
            doc,
            &with_snapshot(5, snapshot("snapshot to 5", 5)),
        )
        .await
        .unwrap();
    server
        .sync(
            &a.token,
            doc,
            &with_snapshot(5, snapshot("late snapshot to 2", 2)),
        )
        .await
        .unwrap();
    let r = server.sync(&a.token, doc, &pull(0)).await.unwrap();
    let s = r.snapshot.as_ref().expect("a snapshot");
    assert_eq!(a.key.open_chunk(doc, &s.chunk).unwrap(), b"snapshot to 5");
    assert_eq!((r.cursor, r.chunks.len()), (5, 0));

    // Covering more than the document holds is refused.
    let (status, v) = server
        .sync(&a.token, doc, &with_snapshot(5, snapshot("too far", 6)))
        .await
        .unwrap_err();
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        v["message"],
        "invalid snapshot: covers_seq is beyond the document's last seq"
    );
}

async fn a_failed_request_changes_nothing(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("P").await;
    let a = server.enrol(&env, program).await;
    let doc = a.participant_id;
    server
        .sync(&a.token, doc, &push(0, vec![a.seal("kept")]))
        .await
        .unwrap();
    // Chunks valid, snapshot not: the whole request is refused, its chunks too.
    let request = SyncRequest {
        cursor: 1,
        chunks: vec![a.seal("not kept 1"), a.seal("not kept 2")],
        snapshot: Some(SealedSnapshot {
            chunk: a.seal("snapshot"),
            covers_seq: 9,
        }),
    };
    let (status, _) = server.sync(&a.token, doc, &request).await.unwrap_err();
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let r = server.sync(&a.token, doc, &pull(0)).await.unwrap();
    assert_eq!((r.cursor, a.open_all(&r)), (1, vec!["kept".to_owned()]));
    assert!(r.snapshot.is_none());
}

async fn devices_reach_only_their_own_documents(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let staff = env.staff_token().await;
    let (program, program_key) = env.program("P").await;
    let (other_program, _) = env.program("Q").await;
    let a = server.enrol(&env, program).await;
    let b = server.enrol(&env, program).await;
    server
        .sync(&b.token, b.participant_id, &push(0, vec![b.seal("b's")]))
        .await
        .unwrap();

    let forbidden = |r: Result<_, (StatusCode, serde_json::Value)>| match r {
        Err((status, v)) => {
            assert_eq!(status, StatusCode::FORBIDDEN, "{v}");
            assert_eq!(v["error"], "forbidden");
        }
        Ok(_) => panic!("allowed"),
    };
    // A cannot read or write B's document, or any other.
    forbidden(server.sync(&a.token, b.participant_id, &pull(0)).await);
    forbidden(
        server
            .sync(&a.token, b.participant_id, &push(1, vec![a.seal("x")]))
            .await,
    );
    forbidden(server.sync(&a.token, Uuid::new_v4(), &pull(0)).await);
    forbidden(server.sync(&a.token, other_program, &pull(0)).await);

    // Staff write the program document; enrolled devices read it, and only read it.
    let session = program_key
        .seal_chunk(program, b"group, Monday 9:00")
        .unwrap();
    let r = server
        .sync(&staff, program, &push(0, vec![session.clone()]))
        .await
        .unwrap();
    assert_eq!(r.cursor, 1);
    let r = server.sync(&a.token, program, &pull(0)).await.unwrap();
    assert_eq!(
        a.program_key.open_chunk(program, &r.chunks[0].1).unwrap(),
        b"group, Monday 9:00"
    );
    forbidden(
        server
            .sync(
                &a.token,
                program,
                &push(1, vec![a.program_key.seal_chunk(program, b"x").unwrap()]),
            )
            .await,
    );
    let snapshot_only = SyncRequest {
        cursor: 1,
        chunks: Vec::new(),
        snapshot: Some(SealedSnapshot {
            chunk: session,
            covers_seq: 1,
        }),
    };
    forbidden(server.sync(&a.token, program, &snapshot_only).await);
    // Staff tokens reach program documents only.
    forbidden(server.sync(&staff, a.participant_id, &pull(0)).await);
    forbidden(server.sync(&staff, Uuid::new_v4(), &pull(0)).await);

    // Unknown, malformed and missing tokens.
    let unauthorized = |r: Result<_, (StatusCode, serde_json::Value)>| {
        assert_eq!(r.map(|_| ()).unwrap_err().0, StatusCode::UNAUTHORIZED)
    };
    unauthorized(server.sync("nobody", a.participant_id, &pull(0)).await);
    unauthorized(
        server
            .sync(&new_code().unwrap(), a.participant_id, &pull(0))
            .await,
    );
    let r = server
        .http
        .post(server.url(&format!("/v1/docs/{}/sync", a.participant_id)))
        .body(pull(0).encode())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    let r = server
        .http
        .get(server.url("/v1/me"))
        .header("authorization", format!("Basic {}", a.token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // A revoked staff token is unknown from then on.
    let v = env.cli_json(&["staff", "token", "create"]).await;
    let second = v["staff_token"].as_str().unwrap();
    let id = v["token_id"].as_str().unwrap();
    assert!(server.sync(second, program, &pull(0)).await.is_ok());
    env.cli_json(&["staff", "token", "revoke", id]).await;
    unauthorized(server.sync(second, program, &pull(0)).await);
    let (ok, _, err) = env.cli(&["staff", "token", "revoke", id]).await;
    assert!(!ok);
    assert!(err.contains("no such unrevoked staff token"), "{err}");
}

async fn erasing_me_removes_every_row(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("P").await;
    let a = server.enrol(&env, program).await;
    let other = server.enrol(&env, program).await;
    let doc = a.participant_id;
    let request = SyncRequest {
        cursor: 0,
        chunks: vec![a.seal("1"), a.seal("2")],
        snapshot: None,
    };
    server.sync(&a.token, doc, &request).await.unwrap();
    let snapshot = SyncRequest {
        cursor: 2,
        chunks: Vec::new(),
        snapshot: Some(SealedSnapshot {
            chunk: a.seal("snap"),
            covers_seq: 2,
        }),
    };
    server.sync(&a.token, doc, &snapshot).await.unwrap();
    server
        .sync(
            &other.token,
            other.participant_id,
            &push(0, vec![other.seal("o")]),
        )
        .await
        .unwrap();
    // A second device through a link, and a link still open.
    let sealed = json!({"sealed": to_b64(&seal_with_secret(&[1; 32], b"keys").unwrap())});
    let (_, link) = server.post_json("/v1/links", Some(&a.token), &sealed).await;
    let (_, b) = server
        .post_json(
            "/v1/links/redeem",
            None,
            &json!({"link_id": link["link_id"]}),
        )
        .await;
    let b_token = b["device_token"].as_str().unwrap();
    let (status, _) = server.post_json("/v1/links", Some(&a.token), &sealed).await;
    assert_eq!(status, StatusCode::OK);

    let rows = [
        ("chunks", "doc_id"),
        ("snapshots", "doc_id"),
        ("docs", "doc_id"),
        ("devices", "participant_id"),
        ("links", "participant_id"),
        ("enrollments", "participant_id"),
        ("invitations", "participant_id"),
        ("participants", "participant_id"),
    ];
    for (table, column) in rows {
        assert!(env.count(table, column, doc).await > 0, "{table} before");
    }

    let (status, v) = server.delete_json("/v1/me", Some(&a.token)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["deleted"], true);
    for (table, column) in rows {
        assert_eq!(env.count(table, column, doc).await, 0, "{table} after");
    }
    // Every device of the participant is gone with it.
    for token in [a.token.as_str(), b_token] {
        assert_eq!(
            server.get_json("/v1/me", Some(token)).await.0,
            StatusCode::UNAUTHORIZED
        );
        let (status, _) = server.sync(token, doc, &pull(0)).await.unwrap_err();
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            server.delete_json("/v1/me", Some(token)).await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    // Nobody else's.
    let r = server
        .sync(&other.token, other.participant_id, &pull(0))
        .await
        .unwrap();
    assert_eq!(other.open_all(&r), ["o"]);
    assert_eq!(env.count("programs", "program_id", program).await, 1);
}

async fn erasure_racing_pushes_leaves_nothing(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("P").await;
    let a = server.enrol(&env, program).await;
    let doc = a.participant_id;
    let base = server.url("");
    // Writers keep pushing (some chunks again and again, as retries do) while the
    // participant erases their data: every push is either stored and then erased with the
    // rest, or refused as coming from a token that no longer exists.
    let mut writers = Vec::new();
    for w in 0..4 {
        let chunks: Vec<_> = (0..30)
            .map(|i| a.seal(&format!("w{w} {}", i % 10)))
            .collect();
        let (token, base) = (a.token.clone(), base.clone());
        writers.push(tokio::spawn(async move {
            let http = client();
            let mut statuses = Vec::new();
            for c in chunks {
                let reply = sync_at(&http, &base, &token, doc, push(0, vec![c]).encode())
                    .await
                    .expect("transport");
                statuses.push(reply.map(|_| StatusCode::OK).unwrap_or_else(|(s, _)| s));
            }
            statuses
        }));
    }
    let (status, _) = server.delete_json("/v1/me", Some(&a.token)).await;
    assert_eq!(status, StatusCode::OK);
    for w in writers {
        for status in w.await.unwrap() {
            assert!(
                status == StatusCode::OK || status == StatusCode::UNAUTHORIZED,
                "{status}"
            );
        }
    }
    for (table, column) in [
        ("chunks", "doc_id"),
        ("docs", "doc_id"),
        ("devices", "participant_id"),
    ] {
        assert_eq!(env.count(table, column, doc).await, 0, "{table}");
    }
}

async fn bad_bodies_are_refused_and_the_server_keeps_serving(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("P").await;
    let a = server.enrol(&env, program).await;
    let doc = a.participant_id;
    let path = format!("/v1/docs/{doc}/sync");
    let valid = push(0, vec![a.seal("hello"), a.seal("world")]).encode();

    let mut bodies: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("version 2", vec![2, 0, 0, 0]),
        ("trailing byte", [valid.clone(), vec![0]].concat()),
        (
            "count beyond the body",
            vec![1, 0, 0xff, 0xff, 0xff, 0x0f, 0],
        ),
        ("bad snapshot flag", vec![1, 0, 0, 7]),
        ("text", b"{\"cursor\": 0}".to_vec()),
    ];
    for n in [1, 2, 5, 17, 30, valid.len() - 1] {
        bodies.push(("truncated", valid[..n].to_vec()));
    }
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..50 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = (x % 200) as usize;
        let mut garbage: Vec<u8> = (0..len)
            .map(|i| (x >> (i % 8 * 8)) as u8 ^ i as u8)
            .collect();
        if let Some(first) = garbage.first_mut() {
            *first = 1; // the right version byte, so the decoder gets further
        }
        bodies.push(("garbage", garbage));
    }
    for (what, body) in bodies {
        let (status, v) = server.post_raw(&path, Some(&a.token), body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {v}");
        assert_eq!(v["error"], "bad_request");
        assert!(
            v["message"].as_str().unwrap().starts_with("invalid body"),
            "{v}"
        );
    }

    for (what, body, message) in [
        (
            "not JSON",
            &b"{code:"[..],
            "invalid body: is not valid JSON",
        ),
        (
            "not an object",
            b"[1,2]",
            "invalid body: is not a JSON object",
        ),
        ("no code", b"{}", "invalid code: is missing or not a string"),
        (
            "invalid UTF-8",
            b"{\"code\": \"\xff\xfe\"}",
            "invalid body: is not valid JSON",
        ),
    ] {
        let (status, v) = server.post_raw("/v1/enroll", None, body.to_vec()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}");
        assert_eq!(v["message"], message, "{what}");
    }
    let (status, v) = server
        .post_json("/v1/links", Some(&a.token), &json!({"sealed": "***"}))
        .await;
    assert_eq!(
        (status, v["message"].as_str()),
        (
            StatusCode::BAD_REQUEST,
            Some("invalid sealed: is not base64url")
        )
    );
    let (status, v) = server
        .post_json("/v1/links", Some(&a.token), &json!({"sealed": "AAAA"}))
        .await;
    assert_eq!(
        (status, v["message"].as_str()),
        (
            StatusCode::BAD_REQUEST,
            Some("invalid sealed: too short to be sealed data")
        )
    );
    let (status, _) = server
        .post_json("/v1/links/redeem", None, &json!({"link_id": ""}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = server
        .post_raw("/v1/docs/%FF/sync", Some(&a.token), valid.clone())
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, v) = server.get_json("/v1/nothing-here", None).await;
    assert_eq!(
        (status, v["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );

    // Over the limits: refused on the declared length before the body is read, or at the
    // limit while reading a body that declares none.
    let token = &a.token;
    let declared = |path: &str, len: usize| {
        format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
             Content-Length: {len}\r\n\r\n"
        )
        .into_bytes()
    };
    assert_eq!(
        raw_status(server.addr, &declared(&path, 4 * 1024 * 1024 + 1)).await,
        Some(413)
    );
    assert_eq!(
        raw_status(server.addr, &declared("/v1/links", 64 * 1024 + 1)).await,
        Some(413)
    );
    assert_eq!(
        raw_status(server.addr, &declared("/v1/enroll", 1 << 40)).await,
        Some(413)
    );
    let chunked = |path: &str, limit: usize| {
        let mut out = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
             Transfer-Encoding: chunked\r\n\r\n"
        )
        .into_bytes();
        let piece = vec![1u8; 32 * 1024];
        let mut sent = 0;
        while sent < limit {
            let n = piece.len().min(limit - sent);
            out.extend_from_slice(format!("{n:x}\r\n").as_bytes());
            out.extend_from_slice(&piece[..n]);
            out.extend_from_slice(b"\r\n");
            sent += n;
        }
        // One byte over, and no end: the server stops reading at the limit.
        out.extend_from_slice(b"1\r\nx\r\n");
        out
    };
    assert_eq!(
        raw_status(server.addr, &chunked(&path, 4 * 1024 * 1024)).await,
        Some(413)
    );
    assert_eq!(
        raw_status(server.addr, &chunked("/v1/enroll", 64 * 1024)).await,
        Some(413)
    );
    // Just under the limit is not a size problem (here: not a valid message).
    let (status, _) = server
        .post_raw(&path, Some(&a.token), vec![0u8; 4 * 1024 * 1024])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Still serving, and nothing above was stored.
    assert!(server.healthy().await);
    let r = server.sync(&a.token, doc, &pull(0)).await.unwrap();
    assert_eq!((r.cursor, r.chunks.len()), (0, 0));
    let r = server
        .sync(&a.token, doc, &SyncRequest::decode(&valid).unwrap())
        .await
        .unwrap();
    assert_eq!(r.cursor, 2);
}

async fn stored_bytes_hold_no_plaintext(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("P").await;
    let a = server.enrol(&env, program).await;
    let doc = a.participant_id;
    let marker = format!(
        "MARKER-{}-craving 8, called my sponsor",
        Uuid::new_v4().simple()
    );
    let chunk = a.seal(&format!("check-in: {marker}"));
    let snapshot = SealedSnapshot {
        chunk: a.seal(&format!("snapshot: {marker}")),
        covers_seq: 1,
    };
    server
        .sync(&a.token, doc, &push(0, vec![chunk.clone()]))
        .await
        .unwrap();
    server
        .sync(
            &a.token,
            doc,
            &SyncRequest {
                cursor: 1,
                chunks: Vec::new(),
                snapshot: Some(snapshot.clone()),
            },
        )
        .await
        .unwrap();
    let sealed = seal_with_secret(&[5; 32], marker.as_bytes()).unwrap();
    let (status, _) = server
        .post_json(
            "/v1/links",
            Some(&a.token),
            &json!({"sealed": to_b64(&sealed)}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let marker = marker.as_bytes();
    let hex_marker = data_encoding::HEXLOWER.encode(marker);
    match backend {
        Backend::Sqlite => {
            let db = env.data_dir().join("server.sqlite3");
            let mut stored = file_bytes(&db);
            stored.extend(file_bytes(&db.with_extension("sqlite3-wal")));
            // The ciphertext is there (so these are the right bytes); the plaintext is not.
            assert!(contains(&stored, &chunk.ciphertext));
            assert!(contains(&stored, &snapshot.chunk.ciphertext));
            assert!(!contains(&stored, marker));
        }
        Backend::Postgres => {
            let client = pg_connect(env.db_url.as_ref().unwrap()).await;
            let mut stored = Vec::new();
            for sql in [
                "SELECT data FROM chunks",
                "SELECT data FROM snapshots",
                "SELECT sealed FROM links",
            ] {
                for row in client.query(sql, &[]).await.unwrap() {
                    stored.extend(row.get::<_, Vec<u8>>(0));
                }
            }
            assert!(contains(&stored, &chunk.ciphertext));
            assert!(contains(&stored, &snapshot.chunk.ciphertext));
            assert!(!contains(&stored, marker));
            // Every row of every table, as text (bytea in hex).
            for table in [
                "programs",
                "participants",
                "enrollments",
                "devices",
                "staff_tokens",
                "invitations",
                "links",
                "docs",
                "chunks",
                "snapshots",
            ] {
                for row in client
                    .query(&format!("SELECT row_to_json(t)::text FROM {table} t"), &[])
                    .await
                    .unwrap()
                {
                    let text: String = row.get(0);
                    assert!(!contains(text.as_bytes(), marker), "{table}");
                    assert!(!text.contains(&hex_marker), "{table}");
                }
            }
        }
    }
    assert!(!contains(env.logs().as_bytes(), marker));
}

async fn logs_carry_no_secrets(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let staff = env.staff_token().await;
    let (program, _) = env.program("P").await;
    let (code, participant) = env.invite(program).await;
    let (_, v) = server.enroll(&code).await;
    let token = v["device_token"].as_str().unwrap().to_owned();
    let (_, link) = server
        .post_json(
            "/v1/links",
            Some(&token),
            &json!({"sealed": to_b64(&seal_with_secret(&[2; 32], b"k").unwrap())}),
        )
        .await;
    let link_id = link["link_id"].as_str().unwrap().to_owned();
    let (_, b) = server
        .post_json("/v1/links/redeem", None, &json!({"link_id": link_id}))
        .await;
    let b_token = b["device_token"].as_str().unwrap().to_owned();
    server.sync(&token, participant, &pull(0)).await.unwrap();
    server.sync(&staff, program, &pull(0)).await.unwrap();
    // Refusals too: bad codes and bodies are not echoed into the log.
    server.enroll(&code).await;
    server.enroll("secret-ish-typo").await;
    server
        .post_raw(
            &format!("/v1/docs/{participant}/sync"),
            Some(&token),
            b"SECRET-BODY".to_vec(),
        )
        .await;
    server.get_json("/v1/me", Some("wrong-token-value")).await;
    let status = server.terminate().await;
    assert!(status.success());

    let logs = env.logs();
    assert!(logs.contains("route=/v1/docs/{doc_id}/sync"), "{logs}");
    assert!(logs.contains("status=400"));
    for secret in [
        token.as_str(),
        b_token.as_str(),
        staff.as_str(),
        code.as_str(),
        &normalize_code(&code).unwrap(),
        link_id.as_str(),
        "secret-ish-typo",
        "SECRET-BODY",
        "wrong-token-value",
        &participant.to_string(),
        &program.to_string(),
        env.db_url.as_deref().unwrap_or("postgres://"),
    ] {
        assert!(!logs.contains(secret), "the log holds {secret:?}");
    }
}

async fn restart_between_push_and_pull_loses_nothing(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("P").await;
    let a = server.enrol(&env, program).await;
    let doc = a.participant_id;
    let chunks: Vec<_> = (1..=3).map(|i| a.seal(&format!("c{i}"))).collect();
    let r = server.sync(&a.token, doc, &push(0, chunks)).await.unwrap();
    assert_eq!(r.cursor, 3);
    // SIGKILL right after the response: what was acknowledged must be durable.
    server.kill().await;

    let server = env.start().await;
    let r = server.sync(&a.token, doc, &pull(0)).await.unwrap();
    assert_eq!(r.cursor, 3);
    assert_eq!(a.open_all(&r), ["c1", "c2", "c3"]);
    let r = server
        .sync(&a.token, doc, &push(3, vec![a.seal("c4")]))
        .await
        .unwrap();
    assert_eq!(r.cursor, 4);
}

async fn sigterm_stops_the_server_cleanly(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    assert!(server.healthy().await);
    let status = server.terminate().await;
    assert!(status.success(), "{status}");
    assert!(env.logs().contains("stopped"));
    // And it starts again on the same storage (the schema is not made twice).
    let server = env.start().await;
    assert!(server.healthy().await);
}

async fn retry_after_a_lost_response_adds_nothing(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("P").await;
    let a = server.enrol(&env, program).await;
    let doc = a.participant_id;
    server
        .sync(&a.token, doc, &push(0, vec![a.seal("before")]))
        .await
        .unwrap();
    let proxy = FaultProxy::start(server.addr).await;
    let http = client();
    let request = push(1, (1..=3).map(|i| a.seal(&format!("c{i}"))).collect()).encode();

    // The first two attempts reach the server and lose their responses; the device retries
    // the same request until it hears back.
    proxy.cut_next(2);
    let mut failures = 0;
    let reply = loop {
        match sync_at(&http, &proxy.url(), &a.token, doc, request.clone()).await {
            Ok(reply) => break reply.expect("accepted"),
            Err(_) => failures += 1,
        }
        assert!(failures <= 2, "more failures than cuts");
    };
    assert_eq!((failures, proxy.cuts_left()), (2, 0));
    // The same answer a first try gets: the document's cursor, without the pushed chunks.
    assert_eq!((reply.cursor, reply.chunks.len()), (4, 0));
    let direct = server
        .sync(&a.token, doc, &SyncRequest::decode(&request).unwrap())
        .await
        .unwrap();
    assert_eq!(direct, reply);

    let all = server.sync(&a.token, doc, &pull(0)).await.unwrap();
    assert_eq!(seqs(&all), [1, 2, 3, 4]);
    assert_eq!(a.open_all(&all), ["before", "c1", "c2", "c3"]);

    // A lost pull is just pulled again.
    proxy.cut_next(1);
    assert!(
        sync_at(&http, &proxy.url(), &a.token, doc, pull(0).encode())
            .await
            .is_err()
    );
    let again = sync_at(&http, &proxy.url(), &a.token, doc, pull(0).encode())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again, all);
}

async fn two_instances_share_one_storage(backend: Backend) {
    let env = Env::new(backend).await;
    let one = env.start().await;
    let two = env.start().await;
    let (program, _) = env.program("P").await;
    let a = one.enrol(&env, program).await;
    let doc = a.participant_id;

    // Eight writers through two instances at once, half their chunks shared with another
    // writer (as two devices retrying the same change would).
    let bases = [one.url(""), two.url("")];
    let mut tasks = Vec::new();
    let mut expected = HashSet::new();
    for writer in 0..8usize {
        let chunks: Vec<_> = (0..12)
            .map(|i| {
                let owner = if i % 2 == 0 { writer } else { writer ^ 1 };
                a.seal(&format!("writer {owner} change {i}"))
            })
            .collect();
        expected.extend(chunks.iter().map(|c| c.id));
        let base = bases[writer % 2].clone();
        let token = a.token.clone();
        tasks.push(tokio::spawn(async move {
            let http = client();
            for pair in chunks.chunks(2) {
                sync_at(&http, &base, &token, doc, push(0, pair.to_vec()).encode())
                    .await
                    .expect("transport")
                    .expect("accepted");
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let all = one.sync(&a.token, doc, &pull(0)).await.unwrap();
    let ids: HashSet<ChunkId> = all.chunks.iter().map(|(_, c)| c.id).collect();
    assert_eq!(ids, expected);
    assert_eq!(all.chunks.len(), expected.len(), "a chunk stored twice");
    // Sequence numbers 1..=n, each once.
    assert_eq!(seqs(&all), (1..=expected.len() as u64).collect::<Vec<_>>());
    assert_eq!(all.cursor, expected.len() as u64);
    let other = two.sync(&a.token, doc, &pull(0)).await.unwrap();
    assert_eq!(other, all);
}

async fn long_tails_come_in_pages(backend: Backend) {
    let env = Env::new(backend).await;
    let server = env.start().await;
    let (program, _) = env.program("P").await;
    let a = server.enrol(&env, program).await;
    let doc = a.participant_id;
    // Three chunks of 3 MiB: more than one response carries (8 MiB).
    let big = |tag: char| -> String { std::iter::repeat_n(tag, 3 * 1024 * 1024).collect() };
    for tag in ['a', 'b', 'c'] {
        server
            .sync(&a.token, doc, &push(0, vec![a.seal(&big(tag))]))
            .await
            .unwrap();
    }
    let first = server.sync(&a.token, doc, &pull(0)).await.unwrap();
    assert_eq!(seqs(&first), [1, 2]);
    assert_eq!(first.cursor, 2, "the cursor stops where the page does");
    let rest = server
        .sync(&a.token, doc, &pull(first.cursor))
        .await
        .unwrap();
    assert_eq!((seqs(&rest), rest.cursor), (vec![3], 3));
    assert!(a.open_all(&rest)[0].starts_with('c'));
}

async fn staff_commands(backend: Backend) {
    let env = Env::new(backend).await;
    let v = env
        .cli_json(&["program", "create", "--name", "Evening IOP"])
        .await;
    let program = v["program_id"].as_str().unwrap().to_owned();
    let key_file = std::path::PathBuf::from(v["key_file"].as_str().unwrap());
    assert_eq!(key_file, env.keys_dir().join(format!("{program}.key")));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    // Text output for people.
    let (ok, out, _) = env
        .cli(&["invite", "create", "--program", &program, "--days", "3"])
        .await;
    assert!(ok);
    let code = out.lines().next().unwrap().strip_prefix("code ").unwrap();
    assert!(normalize_code(code).is_some());

    // Specific errors, and nothing left behind by a failed create.
    for (args, message) in [
        (
            vec!["program", "create", "--name", ""],
            "invalid name: must not be empty",
        ),
        (
            vec!["invite", "create", "--program", &program, "--days", "0"],
            "--days must be 1 to 366",
        ),
        (
            vec![
                "invite",
                "create",
                "--program",
                "6d1c9fd4-3e3e-4a43-9c8f-6c3f1f9e0a11",
            ],
            "cannot open the key file of program",
        ),
        (
            vec!["invite", "create", "--program", "nope"],
            "invalid value",
        ),
    ] {
        let (ok, out, err) = env.cli(&args).await;
        assert!(!ok, "{args:?}");
        assert!(out.is_empty());
        assert!(err.starts_with("companion-server: "), "{err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1);
    }
    assert_eq!(std::fs::read_dir(env.keys_dir()).unwrap().count(), 1);

    // A key file others can read is refused.
    std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (ok, _, err) = env.cli(&["invite", "create", "--program", &program]).await;
    assert!(!ok);
    assert!(err.contains("chmod 600"), "{err}");
}
