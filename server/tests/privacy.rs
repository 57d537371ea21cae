//! No personal data in the server's logs or the staff tool's output, after a realistic full
//! run (issue 7): staff set a program up, a participant enrols, writes check-ins, a contact and
//! a safety plan on one device, links a second one, and both sync, through the core's own
//! client (`companion_core::Store`) — each test on SQLite and on PostgreSQL.

mod common;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use companion_core::sync::crypto::normalize_code;
use companion_core::{
    CheckInEdit, ContactFields, ContactRole, SafetyItemFields, SafetySection, Store,
};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use crate::common::*;

on_both_backends!(a_full_sync_run_logs_no_personal_data);

// What the participant types, each marked so that a hit cannot be a coincidence.
const NOTE: &str = "NOTE-7f3a my sister's wedding";
const SECOND_NOTE: &str = "NOTE-c52e back at work on Monday";
const CONTACT_NAME: &str = "Marisol Quintero-Abara";
const CONTACT_NOTES: &str = "CONTACT-19bd calls back after her shift";
const PHONE_TYPED: &str = "(312) 555-0147";
const PHONE_E164: &str = "+13125550147";
const PLAN_STEP: &str = "PLAN-2d9e walk to the lighthouse and call Marisol";
const PLAN_REASON: &str = "PLAN-8a41 my niece's graduation";

/// The one place this file opens a participant's store.
fn open_device(env: &Env, name: &str) -> Store {
    open_store(env.dir.path().join(name)).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// One run of the staff tool, with everything it printed.
struct StaffRun {
    args: Vec<String>,
    stdout: String,
    stderr: String,
}

/// Runs a staff command with `--json`, keeps its output in `runs`, and returns its answer.
async fn staff(env: &Env, runs: &mut Vec<StaffRun>, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let (ok, stdout, stderr) = env.cli(&all).await;
    assert!(ok, "companion-server {args:?} failed: {stderr}");
    let answer = serde_json::from_str(&stdout).expect("JSON output");
    runs.push(StaffRun {
        args: all.iter().map(|a| (*a).to_owned()).collect(),
        stdout,
        stderr,
    });
    answer
}

async fn a_full_sync_run_logs_no_personal_data(backend: Backend) {
    let env = Env::new(backend).await;
    // The most an operator can turn on, which holds the default (info) lines.
    let server = env.start_logging(Some("trace")).await;
    let wire = Recorder::start(server.addr).await;
    let url = wire.url();
    let mut runs = Vec::new();

    // Staff: a program, its schedule and its after-hours line, an invitation.
    let created = staff(
        &env,
        &mut runs,
        &["program", "create", "--name", "Evening IOP"],
    )
    .await;
    let program = created["program_id"].as_str().unwrap().to_owned();
    let p = program.as_str();
    staff(
        &env,
        &mut runs,
        &[
            "program",
            "session",
            "add",
            "--program",
            p,
            "--title",
            "Process group",
            "--start",
            "2026-11-02T18:00",
            "--tz",
            "America/Chicago",
            "--weekdays",
            "mo,we",
        ],
    )
    .await;
    let line = staff(
        &env,
        &mut runs,
        &[
            "program",
            "contact",
            "add",
            "--program",
            p,
            "--region",
            "US",
            "--name",
            "Evening IOP after-hours line",
            "--role",
            "crisis-line",
            "--phone",
            "(312) 555-0100",
        ],
    )
    .await;
    let line_id = line["contact"]["id"].as_str().unwrap().to_owned();
    let invite = staff(&env, &mut runs, &["invite", "create", "--program", p]).await;
    let code = invite["code"].as_str().unwrap().to_owned();
    let participant = invite["participant_id"].as_str().unwrap().to_owned();

    // The participant's phone: enrolled with the code as people type it.
    let typed_code = code.to_lowercase().replace('-', " ");
    let mut phone = open_device(&env, "phone");
    phone.set_device_region(Some("US")).unwrap();
    let account = phone.enroll(&net(), &url, &typed_code).await.unwrap();
    assert_eq!(account.participant_id, participant);
    phone
        .record_checkin(
            day("2026-11-20"),
            &CheckInEdit {
                mood: Some(7),
                craving: Some(9),
                emotions: Some(vec!["hopeful".into()]),
                sleep_hours: Some(6.5),
                used_today: Some(false),
                note: Some(NOTE.into()),
                clear: Vec::new(),
            },
        )
        .unwrap();
    let contact = phone
        .add_contact(&ContactFields {
            name: Some(CONTACT_NAME.into()),
            role: Some(ContactRole::Sponsor),
            phone: Some(PHONE_TYPED.into()),
            favourite: Some(true),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(contact.phone.as_deref(), Some(PHONE_E164));
    phone
        .add_safety_item(
            SafetySection::PeopleToAsk,
            &SafetyItemFields {
                text: Some(PLAN_STEP.into()),
                contact_id: Some(contact.id.clone()),
            },
        )
        .unwrap();
    phone
        .add_safety_item(
            SafetySection::ReasonsToLive,
            &SafetyItemFields {
                text: Some(PLAN_REASON.into()),
                contact_id: None,
            },
        )
        .unwrap();
    phone.sync(&net()).await.unwrap();
    // The program's schedule and line arrived, so the run really went through the server.
    assert_eq!(phone.sessions().unwrap().len(), 1);
    assert!(
        phone
            .crisis_lines()
            .unwrap()
            .iter()
            .any(|l| l.id == line_id)
    );

    // A second device, linked; it syncs, edits, syncs again, and the phone hears of it.
    let link = phone.create_link(&net()).await.unwrap();
    let mut tablet = open_device(&env, "tablet");
    tablet.redeem_link(&net(), &url, &link).await.unwrap();
    tablet.sync(&net()).await.unwrap();
    assert_eq!(
        tablet
            .checkin(day("2026-11-20"))
            .unwrap()
            .unwrap()
            .note
            .as_deref(),
        Some(NOTE)
    );
    tablet
        .record_checkin(
            day("2026-11-21"),
            &CheckInEdit {
                mood: Some(3),
                craving: Some(8),
                note: Some(SECOND_NOTE.into()),
                ..Default::default()
            },
        )
        .unwrap();
    tablet
        .edit_contact(
            &contact.id,
            &ContactFields {
                notes: Some(CONTACT_NOTES.into()),
                ..Default::default()
            },
        )
        .unwrap();
    tablet.sync(&net()).await.unwrap();
    phone.sync(&net()).await.unwrap();
    assert_eq!(
        phone
            .checkin(day("2026-11-21"))
            .unwrap()
            .unwrap()
            .note
            .as_deref(),
        Some(SECOND_NOTE)
    );
    // Refusals are logged too: the spent link and the spent code, tried again.
    let mut third = open_device(&env, "third");
    assert!(third.redeem_link(&net(), &url, &link).await.is_err());
    assert!(third.enroll(&net(), &url, &typed_code).await.is_err());

    // Staff look at the program afterwards, in both output forms, and make a mistake.
    staff(
        &env,
        &mut runs,
        &["program", "session", "list", "--program", p],
    )
    .await;
    staff(
        &env,
        &mut runs,
        &["program", "contact", "list", "--program", p],
    )
    .await;
    let unknown = uuid::Uuid::new_v4().to_string();
    for (args, succeeds) in [
        (vec!["program", "contact", "list", "--program", p], true),
        (vec!["invite", "create", "--program", &unknown], false),
        (
            vec![
                "program",
                "contact",
                "add",
                "--program",
                p,
                "--region",
                "US",
                "--name",
                CONTACT_NAME,
                "--phone",
                "(000) 000-0147",
            ],
            false,
        ),
    ] {
        let (ok, stdout, stderr) = env.cli(&args).await;
        assert_eq!(ok, succeeds, "{args:?}: {stderr}");
        runs.push(StaffRun {
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            stdout,
            stderr,
        });
    }

    let status = server.terminate().await;
    assert!(status.success());
    let logs = env.logs();
    let requests = wire.requests();

    // Not vacuous: the server logged exactly one line per request the devices sent (by method
    // and route), so a request whose body or path were logged would be searched below.
    let mut sent: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in &requests {
        *sent.entry((r.method.clone(), route(&r.path))).or_default() += 1;
    }
    let mut logged: BTreeMap<(String, String), usize> = BTreeMap::new();
    for l in logs.lines().filter(|l| l.contains(" route=")) {
        *logged
            .entry((field(l, "method"), field(l, "route")))
            .or_default() += 1;
    }
    assert_eq!(logged, sent, "{logs}");
    for route in [
        "/v1/enroll",
        "/v1/links",
        "/v1/links/redeem",
        "/v1/docs/{doc_id}/sync",
    ] {
        assert!(
            sent.keys().any(|(_, r)| r == route),
            "no request to {route}"
        );
    }

    // Everything secret or personal that crossed the wire or was typed.
    let tokens: Vec<String> = {
        let mut t: Vec<String> = requests.iter().filter_map(|r| r.bearer.clone()).collect();
        t.sort();
        t.dedup();
        t
    };
    assert_eq!(tokens.len(), 2, "the phone's token and the tablet's");
    let (link_id, link_secret) = link.split_once('.').unwrap();
    let mut secrets: Vec<String> = vec![
        NOTE.into(),
        "sister's wedding".into(),
        SECOND_NOTE.into(),
        CONTACT_NAME.into(),
        "Quintero".into(),
        CONTACT_NOTES.into(),
        PHONE_TYPED.into(),
        PHONE_E164.into(),
        "3125550147".into(),
        "555-0147".into(),
        PLAN_STEP.into(),
        "lighthouse".into(),
        PLAN_REASON.into(),
        code.clone(),
        typed_code.clone(),
        normalize_code(&code).unwrap(),
        link.clone(),
        link_id.into(),
        link_secret.into(),
        participant.clone(),
        program.clone(),
        account.device_id.clone(),
        tablet.account().unwrap().unwrap().device_id,
        contact.id.clone(),
    ];
    secrets.extend(tokens.iter().cloned());
    // What the devices sent, in case a body were logged: every string in a JSON body, and the
    // start of a binary body (sealed chunks) as hex and base64url, the usual ways to print it.
    for r in &requests {
        match serde_json::from_slice::<Value>(&r.body) {
            Ok(v) => strings(&v, &mut secrets),
            Err(_) => {
                let head = &r.body[..r.body.len().min(30)];
                secrets.push(data_encoding::HEXLOWER.encode(head));
                secrets.push(data_encoding::BASE64URL_NOPAD.encode(head));
            }
        }
    }
    secrets.retain(|s| s.len() >= 8);
    // Moods and cravings are small numbers, and small numbers fill a log (status=200,
    // latency_us=7…), so a bare "7" proves nothing. A logged check-in would show them as a
    // field: no field of a check-in may appear, whatever its value, nor these values as one.
    let mut fields: Vec<String> = Vec::new();
    for name in [
        "mood",
        "craving",
        "note",
        "emotions",
        "sleep_hours",
        "used_today",
    ] {
        fields.extend([
            format!("{name}="),
            format!("\"{name}\""),
            format!("{name}: "),
        ]);
    }
    for (name, value) in [("mood", 7), ("craving", 9), ("mood", 3), ("craving", 8)] {
        fields.extend([
            format!("{name}={value}"),
            format!("\"{name}\":{value}"),
            format!("\"{name}\": {value}"),
            format!("{name}: {value}"),
        ]);
    }

    for secret in secrets.iter().chain(&fields) {
        assert!(
            !logs.contains(secret.as_str()),
            "the server's log holds {secret:?}"
        );
    }
    // The staff tool prints what it issues and nothing of the participant's. Its answers name
    // the program (its id is what staff pass around), and the invitation prints the code and
    // the participant id it makes: those only there. (The refused contact above was given the
    // contact's name and a number like the participant's: the error names neither.)
    for run in &runs {
        let is_invite = run.args.starts_with(&["invite".into(), "create".into()]);
        for secret in secrets.iter().chain(&fields) {
            assert!(
                !run.stderr.contains(secret.as_str()),
                "`{}` printed {secret:?} to stderr",
                run.args.join(" ")
            );
            let issued =
                *secret == program || is_invite && (*secret == code || *secret == participant);
            assert!(
                issued || !run.stdout.contains(secret.as_str()),
                "`{}` printed {secret:?}",
                run.args.join(" ")
            );
        }
    }
}

/// Every string in a JSON value.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// A request path as the server's log names it: its route, with ids as parameters.
fn route(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    match path.strip_prefix("/v1/docs/") {
        Some(rest) if rest.ends_with("/sync") => "/v1/docs/{doc_id}/sync".into(),
        _ => path.to_owned(),
    }
}

/// The value of `name=` in a log line.
fn field(line: &str, name: &str) -> String {
    line.split_whitespace()
        .find_map(|w| w.strip_prefix(&format!("{name}=")))
        .unwrap_or_default()
        .to_owned()
}

/// A request as it crossed the wire.
#[derive(Debug, Clone)]
struct Sent {
    method: String,
    path: String,
    bearer: Option<String>,
    body: Vec<u8>,
}

/// A loopback HTTP/1.1 proxy in front of the server that records every request the devices
/// send: how many there were (each must be logged once) and the tokens and bodies they carried
/// (none may be logged). Responses pass through untouched.
struct Recorder {
    addr: SocketAddr,
    sent: Arc<Mutex<Vec<Sent>>>,
}

impl Recorder {
    async fn start(upstream: SocketAddr) -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let sent = Arc::new(Mutex::new(Vec::new()));
        let shared = sent.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let sent = shared.clone();
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(upstream).await {
                        relay(client, server, sent).await;
                    }
                });
            }
        });
        Recorder { addr, sent }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self) -> Vec<Sent> {
        self.sent.lock().unwrap().clone()
    }
}

async fn relay(client: TcpStream, server: TcpStream, sent: Arc<Mutex<Vec<Sent>>>) {
    let (client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let down = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut server_read, &mut client_write).await;
        let _ = client_write.shutdown().await;
    });
    let mut from_client = BufReader::new(client_read);
    // One request per turn: its head, then a body of its Content-Length (the core's client
    // always sends one). Anything else drops the connection, so the device's call and the test
    // fail rather than a request passing unrecorded.
    while let Some((head, request)) = read_head(&mut from_client).await {
        let mut body = vec![0u8; request.length];
        if from_client.read_exact(&mut body).await.is_err() {
            break;
        }
        sent.lock().unwrap().push(Sent {
            method: request.method,
            path: request.path,
            bearer: request.bearer,
            body: body.clone(),
        });
        if server_write.write_all(&head).await.is_err()
            || server_write.write_all(&body).await.is_err()
        {
            break;
        }
    }
    let _ = server_write.shutdown().await;
    let _ = down.await;
}

struct Head {
    method: String,
    path: String,
    bearer: Option<String>,
    length: usize,
}

/// A request's head, as bytes and parsed; `None` at the end of the connection.
async fn read_head(
    from: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> Option<(Vec<u8>, Head)> {
    let mut raw = Vec::new();
    let mut lines = Vec::new();
    loop {
        let mut line = Vec::new();
        if from.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
        raw.extend_from_slice(&line);
        let text = String::from_utf8(line).expect("an ASCII request head");
        let text = text.trim_end().to_owned();
        if text.is_empty() {
            break;
        }
        lines.push(text);
    }
    let mut first = lines.first()?.split(' ');
    let mut head = Head {
        method: first.next()?.to_owned(),
        path: first.next()?.to_owned(),
        bearer: None,
        length: 0,
    };
    for line in &lines[1..] {
        let (name, value) = line.split_once(':')?;
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => head.length = value.parse().expect("a Content-Length"),
            "authorization" => head.bearer = value.strip_prefix("Bearer ").map(str::to_owned),
            "transfer-encoding" => panic!("a chunked request body: the recorder reads none"),
            _ => {}
        }
    }
    Some((raw, head))
}
