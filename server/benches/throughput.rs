//! Sync server throughput (issue 4): incremental syncs and no-change polls per second, with
//! p50 and p99 latency, against the real release `companion-server` with 10,000 participants
//! stored, on SQLite or PostgreSQL.
//!
//! Run: `scripts/bench-server` (builds once, then runs this on SQLite and on a throw-away
//! PostgreSQL), or `cargo bench -p companion-server --bench throughput` (SQLite; PostgreSQL
//! when `COMPANION_BENCH_DATABASE_URL` is an admin URL: a database of its own is created
//! there and dropped afterwards). Figures go in docs/benchmarks.md. Not a test: nothing here
//! asserts time; it fails only when the server answers wrongly.
//!
//! What it does:
//!
//! 1. Starts `companion-server serve` on 127.0.0.1:0 over a fresh SQLite directory (or the
//!    fresh PostgreSQL database), with its default log level, its log going to a file.
//! 2. Seeds through the real API: a staff token and a program through the staff CLI, then per
//!    participant an invitation (`POST /v1/programs/{id}/invitations`, staff token) and
//!    `POST /v1/enroll`, then one sync pushing the participant's history: a 2 KB first chunk
//!    and three check-ins, sealed with the participant's own `DocKey`. (The invitation's key
//!    is sealed under a random secret instead of Argon2id of the code: the server cannot tell
//!    the difference, and 10,000 Argon2id runs would measure the staff tool, not the server.)
//! 3. Runs a bounded, closed-loop load: `CONCURRENCY` tokio tasks over one keep-alive
//!    `reqwest` client, each owning every `CONCURRENCY`-th participant and cycling through
//!    them, so no two requests of one participant overlap and each knows its cursor. Phases:
//!    a warm-up of polls (not reported); **incremental sync** (the device's cursor is up to
//!    date; it pushes one new sealed check-in of 300 bytes and pulls in the same request);
//!    **poll** (cursor up to date, nothing pushed, nothing to pull). Every response is
//!    checked (status, cursor, nothing unexpected pulled).
//! 4. Prints a Markdown table: throughput, throughput per core, latency percentiles, and the
//!    CPU time per request of the server process, of this load generator (which shares the
//!    machine) and of PostgreSQL, read from /proc.
//!
//! Knobs (environment): `COMPANION_BENCH_PARTICIPANTS` (10000), `COMPANION_BENCH_REQUESTS`
//! per phase (30000), `COMPANION_BENCH_CONCURRENCY` (32), and `COMPANION_BENCH_SERVER`: the
//! path of another `companion-server` build to run instead of this one's, for before/after
//! comparisons of a server change.

use std::fmt::Display;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use companion_core::sync::crypto::{
    DocKey, new_code, normalize_code, seal_with_secret, token_hash,
};
use companion_core::sync::wire::{SyncRequest, SyncResponse};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use uuid::Uuid;

const BIN: &str = env!("CARGO_BIN_EXE_companion-server");
const SYNC_TYPE: &str = "application/vnd.iop-companion.sync";
/// A check-in's Automerge change: sealed (24-byte nonce, 16-byte tag) it is 300 bytes.
const CHECKIN_PLAINTEXT: usize = 260;
/// A participant document's first chunk: its initial state.
const FIRST_CHUNK_PLAINTEXT: usize = 2_000;
/// Check-ins already in each participant's log after seeding.
const HISTORY_CHECKINS: usize = 3;
/// Polls before the measured phases, so every connection is open and every cache warm.
const WARMUP_REQUESTS: usize = 2_000;

type Result<T, E = String> = std::result::Result<T, E>;

/// `.ctx("what")`: an error as one line that says what was being done.
trait Ctx<T> {
    fn ctx(self, what: &str) -> Result<T>;
}

impl<T, E: Display> Ctx<T> for std::result::Result<T, E> {
    fn ctx(self, what: &str) -> Result<T> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

impl<T> Ctx<T> for Option<T> {
    fn ctx(self, what: &str) -> Result<T> {
        self.ok_or_else(|| format!("{what}: missing"))
    }
}

struct Config {
    participants: usize,
    requests: usize,
    concurrency: usize,
    /// An admin URL: PostgreSQL instead of SQLite.
    admin_url: Option<String>,
}

fn env_number(name: &str, default: usize) -> Result<usize> {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => v
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{name} must be a positive number")),
        _ => Ok(default),
    }
}

impl Config {
    fn from_env() -> Result<Config> {
        let config = Config {
            participants: env_number("COMPANION_BENCH_PARTICIPANTS", 10_000)?,
            requests: env_number("COMPANION_BENCH_REQUESTS", 30_000)?,
            concurrency: env_number("COMPANION_BENCH_CONCURRENCY", 32)?,
            admin_url: std::env::var("COMPANION_BENCH_DATABASE_URL")
                .ok()
                .filter(|u| !u.is_empty()),
        };
        if config.participants < config.concurrency {
            return Err("COMPANION_BENCH_PARTICIPANTS must be at least the concurrency".into());
        }
        Ok(config)
    }
}

fn main() -> ExitCode {
    let result = Config::from_env().and_then(|config| {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .ctx("start the runtime")?
            .block_on(run(config))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("throughput: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> Result<()> {
    let dir = tempfile::Builder::new()
        .prefix("companion-bench.")
        .tempdir()
        .ctx("make a temp dir")?;
    let database = match &config.admin_url {
        Some(admin) => Some(Database::create(admin).await?),
        None => None,
    };
    let result = bench(&config, dir.path(), database.as_ref()).await;
    // The server is gone by now (`bench` owns it); the database goes whatever happened.
    if let Some(db) = database {
        db.drop_database().await;
    }
    result
}

/// The benchmark's own PostgreSQL database, made through the admin URL.
struct Database {
    admin: tokio_postgres::Client,
    name: String,
    url: String,
    /// The postmaster's pid, to add up PostgreSQL's CPU time; `None` if it cannot be read.
    postmaster: Option<u32>,
}

async fn pg_connect(url: &str) -> Result<tokio_postgres::Client> {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .ctx("connect to COMPANION_BENCH_DATABASE_URL")?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(client)
}

impl Database {
    async fn create(admin_url: &str) -> Result<Database> {
        let admin = pg_connect(admin_url).await?;
        let name = format!("companion_bench_{}", Uuid::new_v4().simple());
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .ctx("create the benchmark's database")?;
        // PostgreSQL's data directory holds postmaster.pid (readable when this runs as the
        // cluster's owner or root, as scripts/bench-server does).
        let postmaster = match admin.query_one("SHOW data_directory", &[]).await {
            Ok(row) => row
                .try_get::<_, String>(0)
                .ok()
                .and_then(|dir| {
                    std::fs::read_to_string(Path::new(&dir).join("postmaster.pid")).ok()
                })
                .and_then(|text| text.lines().next().and_then(|l| l.trim().parse().ok())),
            Err(_) => None,
        };
        Ok(Database {
            admin,
            url: with_database(admin_url, &name),
            name,
            postmaster,
        })
    }

    async fn size(&self) -> Option<i64> {
        self.admin
            .query_one("SELECT pg_database_size($1::text)", &[&self.name])
            .await
            .ok()
            .and_then(|r| r.try_get(0).ok())
    }

    async fn drop_database(self) {
        let dropped = self
            .admin
            .batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .await;
        if let Err(e) = dropped {
            eprintln!("throughput: could not drop database {}: {e}", self.name);
        }
    }
}

/// `url` with its database name replaced.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let (scheme, rest) = base.split_once("://").unwrap_or(("postgres", base));
    let authority = rest.split('/').next().unwrap_or(rest);
    let mut out = format!("{scheme}://{authority}/{db}");
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// Where the server keeps its rows and the staff tool its key files.
struct Storage<'a> {
    dir: &'a Path,
    database: Option<&'a Database>,
}

/// The server binary: this build's, or `COMPANION_BENCH_SERVER`.
fn server_binary() -> PathBuf {
    std::env::var_os("COMPANION_BENCH_SERVER")
        .filter(|p| !p.is_empty())
        .map_or_else(|| PathBuf::from(BIN), PathBuf::from)
}

impl Storage<'_> {
    fn command(&self) -> Command {
        let mut cmd = Command::new(server_binary());
        cmd.env_remove("COMPANION_DATA")
            .env_remove("COMPANION_DATABASE_URL")
            .env_remove("COMPANION_STAFF_KEYS")
            .env_remove("COMPANION_LOG")
            .arg("--keys")
            .arg(self.dir.join("keys"))
            .stdin(Stdio::null())
            .kill_on_drop(true);
        match self.database {
            Some(db) => cmd.arg("--database-url").arg(&db.url),
            None => cmd.arg("--data").arg(self.data_dir()),
        };
        cmd
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// A staff command with `--json`, which must succeed.
    async fn cli(&self, args: &[&str]) -> Result<Value> {
        let out = self
            .command()
            .args(args)
            .arg("--json")
            .output()
            .await
            .ctx("run companion-server")?;
        if !out.status.success() {
            return Err(format!(
                "companion-server {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        serde_json::from_slice(&out.stdout).ctx("read the staff command's JSON")
    }

    /// Bytes the server's storage takes after seeding.
    async fn size(&self) -> Option<u64> {
        match self.database {
            Some(db) => db.size().await.and_then(|s| u64::try_from(s).ok()),
            None => {
                let data = self.data_dir();
                ["server.sqlite3", "server.sqlite3-wal"]
                    .iter()
                    .map(|f| std::fs::metadata(data.join(f)).map(|m| m.len()).ok())
                    .sum()
            }
        }
    }
}

struct Server {
    child: Child,
    addr: SocketAddr,
    pid: u32,
}

impl Server {
    async fn start(storage: &Storage<'_>) -> Result<Server> {
        let log = std::fs::File::create(storage.dir.join("server.log")).ctx("server log")?;
        let mut child = storage
            .command()
            .args(["serve", "--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .ctx("start companion-server")?;
        let pid = child.id().ctx("the server's pid")?;
        let stdout = child.stdout.take().ctx("the server's stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let first = lines
            .next_line()
            .await
            .ctx("read the server's stdout")?
            .ok_or_else(|| {
                format!(
                    "companion-server exited before listening: {}",
                    std::fs::read_to_string(storage.dir.join("server.log")).unwrap_or_default()
                )
            })?;
        let addr = first
            .strip_prefix("listening on ")
            .and_then(|a| a.parse().ok())
            .ctx("the server's first line")?;
        // Keep draining stdout so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Server { child, addr, pid })
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

/// One enrolled device of one participant, as the load generator drives it.
struct Device {
    token: String,
    participant_id: Uuid,
    key: DocKey,
    /// The highest seq the device has.
    cursor: u64,
    /// Check-ins this device has made, so each new one differs (and gets a new chunk id).
    made: usize,
}

impl Device {
    /// The next check-in's change, sealed.
    fn checkin(&mut self) -> Result<companion_core::sync::wire::SealedChunk> {
        self.made += 1;
        let plaintext = filler(
            &format!("check-in {} of {}", self.made, self.participant_id),
            CHECKIN_PLAINTEXT,
        );
        self.key
            .seal_chunk(self.participant_id, &plaintext)
            .ctx("seal a check-in")
    }
}

/// `head`, then bytes up to `len`, as an Automerge change of that size would be.
fn filler(head: &str, len: usize) -> Vec<u8> {
    let mut out = head.as_bytes().to_vec();
    let mut i = 0u8;
    while out.len() < len {
        out.push(b'a' + i % 26);
        i = i.wrapping_add(7);
    }
    out.truncate(len);
    out
}

async fn json_call(request: reqwest::RequestBuilder, what: &str) -> Result<Value> {
    let response = request.send().await.ctx(what)?;
    let status = response.status();
    let body = response.bytes().await.ctx(what)?;
    if status != reqwest::StatusCode::OK {
        return Err(format!(
            "{what}: {status}: {}",
            String::from_utf8_lossy(&body)
        ));
    }
    serde_json::from_slice(&body).ctx(what)
}

async fn sync(
    http: &reqwest::Client,
    base: &str,
    device: &Device,
    request: &SyncRequest,
) -> Result<SyncResponse> {
    let response = http
        .post(format!("{base}/v1/docs/{}/sync", device.participant_id))
        .bearer_auth(&device.token)
        .header("content-type", SYNC_TYPE)
        .body(request.encode())
        .send()
        .await
        .ctx("sync")?;
    let status = response.status();
    let body = response.bytes().await.ctx("sync")?;
    if status != reqwest::StatusCode::OK {
        return Err(format!(
            "sync: {status}: {}",
            String::from_utf8_lossy(&body)
        ));
    }
    SyncResponse::decode(&body).ctx("sync response")
}

/// What the staff tool knows: its token and the program's id and key.
struct Staff {
    token: String,
    program_id: Uuid,
    program_key: DocKey,
}

/// One participant through the API: invitation, enrolment, the first sync of its history.
async fn enrol(http: &reqwest::Client, base: &str, staff: &Staff) -> Result<Device> {
    let code = new_code().ctx("new code")?;
    let normalized = normalize_code(&code).ctx("normalise the code")?;
    let salt = DocKey::generate().ctx("salt")?.as_bytes()[..16].to_vec();
    let secret = DocKey::generate().ctx("secret")?;
    let sealed_key =
        seal_with_secret(secret.as_bytes(), staff.program_key.as_bytes()).ctx("seal the key")?;
    let expires_at = (chrono::Utc::now() + chrono::Duration::days(14))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let b64 = |b: &[u8]| data_encoding::BASE64URL_NOPAD.encode(b);
    let invited = json_call(
        http.post(format!(
            "{base}/v1/programs/{}/invitations",
            staff.program_id
        ))
        .bearer_auth(&staff.token)
        .json(&json!({
            "code_hash": b64(&token_hash(&normalized)),
            "salt": b64(&salt),
            "sealed_key": b64(&sealed_key),
            "expires_at": expires_at,
        })),
        "create an invitation",
    )
    .await?;
    let enrolled = json_call(
        http.post(format!("{base}/v1/enroll"))
            .json(&json!({ "code": code })),
        "enrol",
    )
    .await?;
    let participant_id: Uuid = enrolled["participant_id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ctx("participant_id")?;
    if invited["participant_id"].as_str() != Some(participant_id.to_string().as_str()) {
        return Err("the enrolment is not the invitation's participant".into());
    }
    let mut device = Device {
        token: enrolled["device_token"]
            .as_str()
            .ctx("device_token")?
            .to_owned(),
        participant_id,
        key: DocKey::generate().ctx("participant key")?,
        cursor: 0,
        made: 0,
    };
    let first = filler(
        &format!("document of {participant_id}"),
        FIRST_CHUNK_PLAINTEXT,
    );
    let mut chunks = vec![
        device
            .key
            .seal_chunk(participant_id, &first)
            .ctx("seal the first chunk")?,
    ];
    for _ in 0..HISTORY_CHECKINS {
        chunks.push(device.checkin()?);
    }
    let pushed = chunks.len() as u64;
    let response = sync(
        http,
        base,
        &device,
        &SyncRequest {
            cursor: 0,
            chunks,
            snapshot: None,
        },
    )
    .await?;
    if response.cursor != pushed || !response.chunks.is_empty() {
        return Err(format!(
            "the history push answered cursor {} with {} chunks",
            response.cursor,
            response.chunks.len()
        ));
    }
    device.cursor = response.cursor;
    Ok(device)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Warmup,
    Incremental,
    Poll,
}

/// One request of a phase, checked; returns its latency.
async fn one(
    http: &reqwest::Client,
    base: &str,
    device: &mut Device,
    phase: Phase,
) -> Result<Duration> {
    let request = SyncRequest {
        cursor: device.cursor,
        chunks: match phase {
            Phase::Incremental => vec![device.checkin()?],
            Phase::Warmup | Phase::Poll => Vec::new(),
        },
        snapshot: None,
    };
    let started = Instant::now();
    let response = sync(http, base, device, &request).await?;
    let latency = started.elapsed();
    let expected = device.cursor + request.chunks.len() as u64;
    if response.cursor != expected
        || !response.chunks.is_empty()
        || response.snapshot.is_some()
        || response.more
    {
        return Err(format!(
            "a {phase:?} sync at cursor {} answered cursor {} with {} chunks (expected {expected} \
             and none)",
            device.cursor,
            response.cursor,
            response.chunks.len()
        ));
    }
    device.cursor = response.cursor;
    Ok(latency)
}

/// Runs `requests` requests of `phase` over the tasks' devices; returns the devices, every
/// latency and the wall time.
async fn load(
    http: &reqwest::Client,
    base: &str,
    groups: Vec<Vec<Device>>,
    phase: Phase,
    requests: usize,
) -> Result<(Vec<Vec<Device>>, Vec<Duration>, Duration)> {
    let tasks = groups.len();
    let base: Arc<str> = base.into();
    let started = Instant::now();
    let handles: Vec<_> = groups
        .into_iter()
        .enumerate()
        .map(|(t, mut devices)| {
            let http = http.clone();
            let base = base.clone();
            // The first `requests % tasks` tasks take one request more.
            let count = requests / tasks + usize::from(t < requests % tasks);
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(count);
                for i in 0..count {
                    let n = i % devices.len();
                    latencies.push(one(&http, &base, &mut devices[n], phase).await?);
                }
                Ok::<_, String>((devices, latencies))
            })
        })
        .collect();
    let mut groups = Vec::with_capacity(tasks);
    let mut all = Vec::with_capacity(requests);
    let mut first_error = None;
    for h in handles {
        match h.await.ctx("a load task")? {
            Ok((devices, latencies)) => {
                groups.push(devices);
                all.extend(latencies);
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    let wall = started.elapsed();
    match first_error {
        Some(e) => Err(e),
        None => Ok((groups, all, wall)),
    }
}

/// CPU time so far, in clock ticks, read from /proc.
#[derive(Debug, Clone, Copy, Default)]
struct Cpu {
    /// Every core's non-idle time.
    machine_busy: u64,
    machine_total: u64,
    server: u64,
    client: u64,
    database: Option<u64>,
}

/// utime + stime and the parent pid of a process.
fn proc_stat(pid: &str) -> Option<(u64, u32)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces): state, ppid, … utime is the
    // 14th field of the line, stime the 15th.
    let rest = &text[text.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ppid = fields.get(1)?.parse().ok()?;
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime, ppid))
}

/// The postmaster and its children: every PostgreSQL process of the cluster.
fn cluster_ticks(postmaster: u32) -> Option<u64> {
    let mut total = proc_stat(&postmaster.to_string())?.0;
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        if let Some((ticks, ppid)) = proc_stat(pid)
            && ppid == postmaster
        {
            total += ticks;
        }
    }
    Some(total)
}

fn machine_ticks() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/stat").ok()?;
    let line = text.lines().next()?.strip_prefix("cpu ")?;
    // user nice system idle iowait irq softirq steal (guest time is inside user already)
    let v: Vec<u64> = line
        .split_whitespace()
        .take(8)
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    let total: u64 = v.iter().sum();
    let idle = v.get(3).copied().unwrap_or(0) + v.get(4).copied().unwrap_or(0);
    Some((total - idle, total))
}

fn cpu(server_pid: u32, database: Option<&Database>) -> Cpu {
    let (machine_busy, machine_total) = machine_ticks().unwrap_or_default();
    Cpu {
        machine_busy,
        machine_total,
        server: proc_stat(&server_pid.to_string()).map_or(0, |s| s.0),
        client: proc_stat("self").map_or(0, |s| s.0),
        database: database.and_then(|d| d.postmaster).and_then(cluster_ticks),
    }
}

/// Clock ticks per second (USER_HZ), as /proc counts them.
fn ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    // Nearest rank.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Thousands separated by commas.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

struct Row {
    phase: &'static str,
    requests: usize,
    wall: Duration,
    p50: Duration,
    p99: Duration,
    max: Duration,
    before: Cpu,
    after: Cpu,
}

async fn bench(config: &Config, dir: &Path, database: Option<&Database>) -> Result<()> {
    let storage = Storage { dir, database };
    let backend = if database.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let staff_token = storage.cli(&["staff", "token", "create"]).await?["staff_token"]
        .as_str()
        .ctx("staff_token")?
        .to_owned();
    let program = storage
        .cli(&["program", "create", "--name", "Evening IOP"])
        .await?;
    let program_id: Uuid = program["program_id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ctx("program_id")?;
    let key_text = std::fs::read_to_string(program["key_file"].as_str().ctx("key_file")?)
        .ctx("read the program's key file")?;
    let program_key = data_encoding::BASE64URL_NOPAD
        .decode(key_text.trim().as_bytes())
        .ctx("the key file")
        .and_then(|k| DocKey::from_bytes(&k).ctx("the key file"))?;
    let staff = Arc::new(Staff {
        token: staff_token,
        program_id,
        program_key,
    });

    let server = Server::start(&storage).await?;
    let base = server.url("");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(config.concurrency)
        .timeout(Duration::from_secs(120))
        .build()
        .ctx("HTTP client")?;

    // Seeding: each task enrols every `concurrency`-th participant and keeps its devices.
    let seeding = Instant::now();
    let handles: Vec<_> = (0..config.concurrency)
        .map(|t| {
            let (http, base, staff) = (http.clone(), base.clone(), staff.clone());
            let count = config.participants / config.concurrency
                + usize::from(t < config.participants % config.concurrency);
            tokio::spawn(async move {
                let mut devices = Vec::with_capacity(count);
                for _ in 0..count {
                    devices.push(enrol(&http, &base, &staff).await?);
                }
                Ok::<_, String>(devices)
            })
        })
        .collect();
    let mut groups = Vec::with_capacity(config.concurrency);
    for h in handles {
        groups.push(h.await.ctx("a seeding task")??);
    }
    let seed_time = seeding.elapsed();
    let stored = storage.size().await;

    let (g, _, _) = load(&http, &base, groups, Phase::Warmup, WARMUP_REQUESTS).await?;
    groups = g;
    let mut rows = Vec::new();
    for (phase, name) in [
        (
            Phase::Incremental,
            "incremental sync (push 1 chunk of 300 B + pull)",
        ),
        (Phase::Poll, "poll (up to date: nothing pushed or pulled)"),
    ] {
        let before = cpu(server.pid, database);
        let (g, mut latencies, wall) = load(&http, &base, groups, phase, config.requests).await?;
        let after = cpu(server.pid, database);
        groups = g;
        latencies.sort();
        rows.push(Row {
            phase: name,
            requests: latencies.len(),
            wall,
            p50: percentile(&latencies, 50.0),
            p99: percentile(&latencies, 99.0),
            max: latencies.last().copied().unwrap_or_default(),
            before,
            after,
        });
    }
    server.stop().await;

    let hz = ticks_per_second();
    println!(
        "## Sync server throughput: {backend} ({})",
        chrono::Utc::now().format("%Y-%m-%d")
    );
    println!();
    println!(
        "{} participants seeded through the API in {:.1} s ({:.0} enrolments/s: invitation, \
         enrolment, history push); storage after seeding: {}. Load: {} concurrent \
         closed-loop clients on one keep-alive HTTP/1.1 client, on this machine's {cores} \
         cores too.",
        grouped(config.participants as u64),
        seed_time.as_secs_f64(),
        config.participants as f64 / seed_time.as_secs_f64(),
        stored.map_or_else(|| "unknown".into(), |b| format!("{} bytes", grouped(b))),
        config.concurrency,
    );
    println!();
    println!(
        "| {backend}: phase | requests | wall | requests/s | per core (÷ {cores}) | p50 | p99 | \
         max | server CPU/req | load generator CPU/req | PostgreSQL CPU/req | rest CPU/req | \
         machine busy |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        let rate = r.requests as f64 / r.wall.as_secs_f64();
        let per_req = |ticks: u64| {
            format!(
                "{:.0} µs",
                ticks as f64 / hz / r.requests as f64 * 1_000_000.0
            )
        };
        let server = r.after.server.saturating_sub(r.before.server);
        let client = r.after.client.saturating_sub(r.before.client);
        let db_ticks = match (r.before.database, r.after.database) {
            (Some(b), Some(a)) => Some(a.saturating_sub(b)),
            _ => None,
        };
        let database = match db_ticks {
            Some(t) => per_req(t),
            None if database.is_some() => "not readable".into(),
            None => "—".into(),
        };
        let total = r.after.machine_total.saturating_sub(r.before.machine_total);
        let busy = r.after.machine_busy.saturating_sub(r.before.machine_busy);
        // The kernel's own threads (the file system's journal, the disk), interrupts, and any
        // other process on the machine.
        let rest = busy.saturating_sub(server + client + db_ticks.unwrap_or(0));
        println!(
            "| {} | {} | {:.2} s | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.0} % |",
            r.phase,
            grouped(r.requests as u64),
            r.wall.as_secs_f64(),
            grouped(rate.round() as u64),
            grouped((rate / cores as f64).round() as u64),
            ms(r.p50),
            ms(r.p99),
            ms(r.max),
            per_req(server),
            per_req(client),
            database,
            per_req(rest),
            if total == 0 {
                0.0
            } else {
                busy as f64 * 100.0 / total as f64
            },
        );
    }
    println!();
    Ok(())
}
