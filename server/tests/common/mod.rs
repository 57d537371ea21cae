//! The harness of the server tests: a real `companion-server` process on loopback, over a
//! fresh SQLite directory or a fresh PostgreSQL database per test, and the staff commands of
//! the same binary.

#![allow(dead_code)] // each test file uses part of the harness

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use companion_core::net::ReqwestTransport;
use companion_core::sync::crypto::{DocKey, open_with_code};
use companion_core::sync::wire::{SealedChunk, SyncRequest, SyncResponse};
use reqwest::StatusCode;
use serde_json::Value;
use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::process::{Child, Command};
use uuid::Uuid;

pub const BIN: &str = env!("CARGO_BIN_EXE_companion-server");
pub const SYNC_TYPE: &str = "application/vnd.iop-companion.sync";

/// A device's network stack: the terminal shell's. One per call, since a client's pooled
/// connections belong to the runtime that made them and each test has its own.
pub fn net() -> ReqwestTransport {
    ReqwestTransport::new().expect("an HTTP client")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Declares each listed `async fn name(Backend)` as two tests, `sqlite::name` and
/// `postgres::name`: same body, both storages.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::Backend::Postgres).await
                }
            )*
        }
    };
}

/// The admin URL of the PostgreSQL the tests use. Missing is a failure, never a skip: a
/// PostgreSQL test that silently passes would prove nothing.
pub fn admin_url() -> String {
    match std::env::var("COMPANION_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "COMPANION_TEST_DATABASE_URL is not set. Run scripts/test, which starts a \
             throw-away PostgreSQL, or set it to an admin URL such as \
             postgres://postgres@127.0.0.1:5432/postgres"
        ),
    }
}

/// `url` with its database name replaced.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let (scheme, rest) = base.split_once("://").expect("a URL with a scheme");
    let authority = rest.split('/').next().unwrap_or(rest);
    let mut out = format!("{scheme}://{authority}/{db}");
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

pub async fn pg_connect(url: &str) -> tokio_postgres::Client {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .expect("connect to the test PostgreSQL");
    tokio::spawn(async move {
        let _ = conn.await;
    });
    client
}

/// One test's storage: a temp dir (SQLite file, staff keys, server logs) and, for
/// PostgreSQL, a database of its own.
pub struct Env {
    pub backend: Backend,
    pub dir: TempDir,
    pub db_url: Option<String>,
    db_name: Option<String>,
    logs: AtomicUsize,
}

impl Env {
    pub async fn new(backend: Backend) -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let (db_url, db_name) = match backend {
            Backend::Sqlite => (None, None),
            Backend::Postgres => {
                let admin = admin_url();
                let name = format!("companion_test_{}", Uuid::new_v4().simple());
                pg_connect(&admin)
                    .await
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create the test database");
                (Some(with_database(&admin, &name)), Some(name))
            }
        };
        Env {
            backend,
            dir,
            db_url,
            db_name,
            logs: AtomicUsize::new(0),
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn keys_dir(&self) -> PathBuf {
        match self.backend {
            Backend::Sqlite => self.data_dir().join("staff-keys"),
            Backend::Postgres => self.dir.path().join("keys"),
        }
    }

    /// The storage options every command of this test gets.
    pub fn storage_args(&self) -> Vec<String> {
        match &self.db_url {
            None => vec!["--data".into(), self.data_dir().display().to_string()],
            Some(url) => vec!["--database-url".into(), url.clone()],
        }
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(self.storage_args())
            .env_remove("COMPANION_DATA")
            .env_remove("COMPANION_DATABASE_URL")
            .env_remove("COMPANION_STAFF_KEYS")
            .kill_on_drop(true);
        if self.backend == Backend::Postgres {
            // As the environment, so a test can still pass --keys for another staff machine.
            cmd.env("COMPANION_STAFF_KEYS", self.keys_dir());
        }
        cmd
    }

    /// Runs a staff command; returns (success, stdout, stderr).
    pub async fn cli(&self, args: &[&str]) -> (bool, String, String) {
        let out = self
            .command()
            .args(args)
            .stdin(Stdio::null())
            .output()
            .await
            .expect("run companion-server");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Runs a staff command with `--json` that must succeed.
    pub async fn cli_json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let (ok, out, err) = self.cli(&all).await;
        assert!(ok, "companion-server {args:?} failed: {err}");
        serde_json::from_str(&out).expect("JSON output")
    }

    pub async fn staff_token(&self) -> String {
        let v = self.cli_json(&["staff", "token", "create"]).await;
        v["staff_token"].as_str().expect("staff_token").to_owned()
    }

    /// A program made by the staff tool, with its key read back from the key file.
    pub async fn program(&self, name: &str) -> (Uuid, DocKey) {
        let v = self.cli_json(&["program", "create", "--name", name]).await;
        let id: Uuid = v["program_id"].as_str().unwrap().parse().unwrap();
        let text = std::fs::read_to_string(v["key_file"].as_str().unwrap()).unwrap();
        let bytes = data_encoding::BASE64URL_NOPAD
            .decode(text.trim().as_bytes())
            .unwrap();
        (id, DocKey::from_bytes(&bytes).unwrap())
    }

    /// An invitation code for `program`, and the participant it enrols.
    pub async fn invite(&self, program: Uuid) -> (String, Uuid) {
        let v = self
            .cli_json(&["invite", "create", "--program", &program.to_string()])
            .await;
        (
            v["code"].as_str().unwrap().to_owned(),
            v["participant_id"].as_str().unwrap().parse().unwrap(),
        )
    }

    pub async fn start(&self) -> Server {
        self.start_logging(None).await
    }

    /// A server whose `COMPANION_LOG` is `level` (`None`: as the environment says).
    pub async fn start_logging(&self, level: Option<&str>) -> Server {
        let n = self.logs.fetch_add(1, Ordering::SeqCst);
        let log = self.dir.path().join(format!("server-{n}.log"));
        let mut command = self.command();
        if let Some(level) = level {
            command.env("COMPANION_LOG", level);
        }
        let mut child = command
            .args(["serve", "--listen", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("start companion-server");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let first = lines
            .next_line()
            .await
            .expect("read stdout")
            .unwrap_or_else(|| {
                panic!(
                    "companion-server exited before listening: {}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                )
            });
        let addr: SocketAddr = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
            .parse()
            .expect("an address");
        // Keep draining stdout so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Server {
            child,
            addr,
            log,
            http: client(),
        }
    }

    /// Every log line every server of this test wrote.
    pub fn logs(&self) -> String {
        let mut all = String::new();
        for n in 0..self.logs.load(Ordering::SeqCst) {
            let path = self.dir.path().join(format!("server-{n}.log"));
            all.push_str(&std::fs::read_to_string(path).unwrap_or_default());
        }
        all
    }

    /// How many rows of `table` have `column` = `id`, read from the storage directly.
    pub async fn count(&self, table: &str, column: &str, id: Uuid) -> i64 {
        match &self.db_url {
            None => {
                let conn = self.sqlite();
                conn.query_row(
                    &format!("SELECT count(*) FROM {table} WHERE {column} = ?1"),
                    [&id.as_bytes()[..]],
                    |r| r.get(0),
                )
                .unwrap()
            }
            Some(url) => pg_connect(url)
                .await
                .query_one(
                    &format!("SELECT count(*) FROM {table} WHERE {column} = $1"),
                    &[&id],
                )
                .await
                .unwrap()
                .get(0),
        }
    }

    pub fn sqlite(&self) -> rusqlite::Connection {
        rusqlite::Connection::open_with_flags(
            self.data_dir().join("server.sqlite3"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap()
    }
}

/// Drops the test's PostgreSQL database, also when the test failed. (Servers are declared
/// after their `Env`, so they are gone by now.)
impl Drop for Env {
    fn drop(&mut self) {
        let Some(name) = self.db_name.take() else {
            return;
        };
        // Drop cannot await; a thread with its own runtime can, whatever runtime we are on.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async {
                let (client, conn) = tokio_postgres::connect(&admin_url(), tokio_postgres::NoTls)
                    .await
                    .ok()?;
                tokio::spawn(conn);
                client
                    .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .ok()
            })
        })
        .join();
    }
}

/// A client that opens a new connection for every request, so a cut connection never
/// carries over.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("HTTP client")
}

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub log: PathBuf,
    pub http: reqwest::Client,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// SIGKILL: the harshest stop there is.
    pub async fn kill(mut self) {
        self.child.kill().await.expect("kill");
    }

    /// SIGTERM, then waits for the exit.
    pub async fn terminate(mut self) -> ExitStatus {
        let pid = self.child.id().expect("running");
        let status = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .await
            .expect("kill -TERM");
        assert!(status.success());
        self.child.wait().await.expect("wait")
    }

    pub async fn healthy(&self) -> bool {
        match self.http.get(self.url("/healthz")).send().await {
            Ok(r) => r.status() == StatusCode::OK && r.text().await.unwrap_or_default() == "ok",
            Err(_) => false,
        }
    }

    pub async fn enroll(&self, code: &str) -> (StatusCode, Value) {
        self.post_json("/v1/enroll", None, &serde_json::json!({ "code": code }))
            .await
    }

    pub async fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> (StatusCode, Value) {
        let mut req = self.http.post(self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        json_reply(req.send().await.expect("request")).await
    }

    pub async fn post_raw(
        &self,
        path: &str,
        token: Option<&str>,
        body: Vec<u8>,
    ) -> (StatusCode, Value) {
        let mut req = self.http.post(self.url(path)).body(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        json_reply(req.send().await.expect("request")).await
    }

    pub async fn get_json(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut req = self.http.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        json_reply(req.send().await.expect("request")).await
    }

    pub async fn delete_json(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut req = self.http.delete(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        json_reply(req.send().await.expect("request")).await
    }

    /// One sync round trip; `Err` carries the status and error body of a refusal.
    pub async fn sync(
        &self,
        token: &str,
        doc: Uuid,
        request: &SyncRequest,
    ) -> Result<SyncResponse, (StatusCode, Value)> {
        sync_at(&self.http, &self.url(""), token, doc, request.encode())
            .await
            .expect("request")
    }

    /// Enrols with a fresh invitation to `program` and opens the program key it carries.
    pub async fn enrol(&self, env: &Env, program: Uuid) -> Participant {
        let (code, _) = env.invite(program).await;
        let (status, v) = self.enroll(&code).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        let p = &v["programs"][0];
        let salt = b64(p["salt"].as_str().unwrap());
        let sealed = b64(p["sealed_key"].as_str().unwrap());
        let program_key =
            DocKey::from_bytes(&open_with_code(&code, &salt, &sealed).unwrap()).unwrap();
        Participant {
            token: v["device_token"].as_str().unwrap().to_owned(),
            participant_id: v["participant_id"].as_str().unwrap().parse().unwrap(),
            device_id: v["device_id"].as_str().unwrap().parse().unwrap(),
            key: DocKey::generate().unwrap(),
            program_key,
        }
    }
}

/// A sync round trip through any base URL; `Ok(Err(..))` is a refusal, `Err` a transport
/// failure.
pub async fn sync_at(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    doc: Uuid,
    body: Vec<u8>,
) -> Result<Result<SyncResponse, (StatusCode, Value)>, reqwest::Error> {
    let response = http
        .post(format!("{base}/v1/docs/{doc}/sync"))
        .bearer_auth(token)
        .header("content-type", SYNC_TYPE)
        .body(body)
        .send()
        .await?;
    let status = response.status();
    if status == StatusCode::OK {
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        assert_eq!(content_type.as_deref(), Some(SYNC_TYPE));
        let bytes = response.bytes().await?;
        Ok(Ok(
            SyncResponse::decode(&bytes).expect("a valid sync response")
        ))
    } else {
        let body = response.bytes().await?;
        Ok(Err((
            status,
            serde_json::from_slice(&body).unwrap_or(Value::Null),
        )))
    }
}

async fn json_reply(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let bytes = response.bytes().await.expect("body");
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

pub fn b64(text: &str) -> Vec<u8> {
    data_encoding::BASE64URL_NOPAD
        .decode(text.as_bytes())
        .unwrap()
}

pub fn to_b64(bytes: &[u8]) -> String {
    data_encoding::BASE64URL_NOPAD.encode(bytes)
}

/// An enrolled device, and the participant key it made (as a first device does).
pub struct Participant {
    pub token: String,
    pub participant_id: Uuid,
    pub device_id: Uuid,
    pub key: DocKey,
    pub program_key: DocKey,
}

impl Participant {
    pub fn seal(&self, plaintext: &str) -> SealedChunk {
        self.key
            .seal_chunk(self.participant_id, plaintext.as_bytes())
            .unwrap()
    }

    /// Opens every chunk of a response, in order.
    pub fn open_all(&self, response: &SyncResponse) -> Vec<String> {
        response
            .chunks
            .iter()
            .map(|(_, c)| {
                String::from_utf8(self.key.open_chunk(self.participant_id, c).unwrap()).unwrap()
            })
            .collect()
    }
}

pub fn push(cursor: u64, chunks: Vec<SealedChunk>) -> SyncRequest {
    SyncRequest {
        cursor,
        chunks,
        snapshot: None,
    }
}

pub fn pull(cursor: u64) -> SyncRequest {
    push(cursor, Vec::new())
}

pub fn seqs(response: &SyncResponse) -> Vec<u64> {
    response.chunks.iter().map(|(s, _)| *s).collect()
}

/// A TCP proxy that, while it has cuts left, lets a request through and then drops the
/// connection at the first byte of the response: the server did the work, the client never
/// hears of it.
pub struct FaultProxy {
    pub addr: SocketAddr,
    cuts: Arc<AtomicUsize>,
}

impl FaultProxy {
    pub async fn start(upstream: SocketAddr) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let cuts = Arc::new(AtomicUsize::new(0));
        let shared = cuts.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let cuts = shared.clone();
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(upstream).await {
                        relay(client, server, cuts).await;
                    }
                });
            }
        });
        FaultProxy { addr, cuts }
    }

    pub fn cut_next(&self, n: usize) {
        self.cuts.store(n, Ordering::SeqCst);
    }

    pub fn cuts_left(&self) -> usize {
        self.cuts.load(Ordering::SeqCst)
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

async fn relay(client: TcpStream, server: TcpStream, cuts: Arc<AtomicUsize>) {
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let upstream = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut client_read, &mut server_write).await;
        let _ = server_write.shutdown().await;
    });
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match server_read.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let cut = cuts
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |c| c.checked_sub(1))
            .is_ok();
        if cut {
            // Dropping both halves closes the client's connection with nothing said.
            upstream.abort();
            return;
        }
        if client_write.write_all(&buf[..n]).await.is_err() {
            break;
        }
    }
    upstream.abort();
}

/// Sends raw bytes on a new connection and returns the status line's code (and nothing
/// else): for requests no HTTP client would send.
pub async fn raw_status(addr: SocketAddr, request: &[u8]) -> Option<u16> {
    let mut stream = TcpStream::connect(addr).await.ok()?;
    // The server may answer (and close) before taking everything; that is the point.
    let _ = stream.write_all(request).await;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    let text = String::from_utf8_lossy(&response);
    text.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
}

pub fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// A participant's store on a device, sealed under a fixed key (the apps' comes from the
/// platform keystore).
pub fn open_store(dir: impl AsRef<Path>) -> companion_core::Result<companion_core::Store> {
    let key = companion_core::StoreKey::from_bytes(&[7; 32]).expect("32 bytes");
    companion_core::Store::open(dir.as_ref(), &key)
}
