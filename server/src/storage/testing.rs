//! Storage for unit tests: a temp SQLite directory, or a fresh PostgreSQL database made
//! through `COMPANION_TEST_DATABASE_URL` (scripts/test sets it; missing is a failure, never a
//! skip).

use tempfile::TempDir;
use uuid::Uuid;

use super::Storage;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestStorage {
    pub storage: Storage,
    /// Holds the SQLite file until the test ends.
    _dir: TempDir,
    pub db: Option<(String, String)>,
}

pub fn admin_url() -> String {
    std::env::var("COMPANION_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .expect(
            "COMPANION_TEST_DATABASE_URL is not set: run scripts/test, which starts a \
             throw-away PostgreSQL, or set it to an admin URL",
        )
}

pub async fn pg(url: &str) -> tokio_postgres::Client {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .expect("connect to the test PostgreSQL");
    tokio::spawn(conn);
    client
}

/// A fresh database on the test server; returns its name and URL.
pub async fn fresh_database() -> (String, String) {
    let admin = admin_url();
    let name = format!("companion_test_{}", Uuid::new_v4().simple());
    pg(&admin)
        .await
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create a test database");
    let (base, query) = admin.split_once('?').unwrap_or((&admin, ""));
    let (scheme, rest) = base.split_once("://").expect("a URL");
    let authority = rest.split('/').next().unwrap_or(rest);
    let mut url = format!("{scheme}://{authority}/{name}");
    if !query.is_empty() {
        url = format!("{url}?{query}");
    }
    (name, url)
}

impl TestStorage {
    pub async fn new(backend: Backend) -> TestStorage {
        let dir = tempfile::tempdir().expect("temp dir");
        match backend {
            Backend::Sqlite => TestStorage {
                storage: Storage::open_sqlite(dir.path()).await.expect("open SQLite"),
                _dir: dir,
                db: None,
            },
            Backend::Postgres => {
                let (name, url) = fresh_database().await;
                TestStorage {
                    storage: Storage::open_postgres(&url).await.expect("open PostgreSQL"),
                    _dir: dir,
                    db: Some((name, url)),
                }
            }
        }
    }
}

impl Drop for TestStorage {
    fn drop(&mut self) {
        let Some((name, _)) = self.db.take() else {
            return;
        };
        // Drop cannot await; a thread with its own runtime can.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async {
                pg(&admin_url())
                    .await
                    .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .ok()
            })
        })
        .join();
    }
}

/// Declares each listed `async fn name(Backend)` as `sqlite::name` and `postgres::name`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::storage::testing::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::storage::testing::Backend::Postgres).await
                }
            )*
        }
    };
}
pub(crate) use on_both_backends;
