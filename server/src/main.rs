//! `companion-server`: the IOP Companion sync server (`serve`) and the staff tool (`staff`,
//! `program`, `invite`), one binary over one storage: a SQLite file in `--data DIR`, or
//! PostgreSQL at `--database-url`. See server/API.md for the HTTP API.

mod http;
mod ops;
mod program_contacts;
mod program_doc;
mod sessions;
mod staff;
mod storage;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Parser, Subcommand};
use tokio::net::TcpListener;
use tracing::level_filters::LevelFilter;
use uuid::Uuid;

use crate::staff::Printed;
use crate::storage::Storage;

#[derive(Debug, Parser)]
#[command(
    name = "companion-server",
    version,
    about = "IOP Companion's sync server and staff tool"
)]
struct Cli {
    /// Directory of the SQLite database (default ./companion-data)
    #[arg(long, global = true, env = "COMPANION_DATA", value_name = "DIR")]
    data: Option<PathBuf>,

    /// PostgreSQL instead of SQLite: postgres://USER@HOST:PORT/DB
    #[arg(
        long,
        global = true,
        env = "COMPANION_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    database_url: Option<String>,

    /// Directory of the staff key files (default DATA/staff-keys with SQLite,
    /// ./companion-staff-keys with PostgreSQL)
    #[arg(long, global = true, env = "COMPANION_STAFF_KEYS", value_name = "DIR")]
    keys: Option<PathBuf>,

    /// Print JSON only (staff commands)
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the HTTP API; prints `listening on ADDR` first
    Serve {
        /// Address to listen on (port 0: any free port)
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
        listen: String,
    },
    /// Staff tokens
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Programs
    Program {
        #[command(subcommand)]
        command: ProgramCommand,
    },
    /// Invitations
    Invite {
        #[command(subcommand)]
        command: InviteCommand,
    },
}

#[derive(Debug, Subcommand)]
enum StaffCommand {
    /// Staff tokens
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Make a staff token; prints it once (the storage keeps its hash)
    Create,
    /// Revoke a staff token by its id
    Revoke { token_id: Uuid },
}

#[derive(Debug, Subcommand)]
enum ProgramCommand {
    /// Create a program and its key file
    Create {
        #[arg(long)]
        name: String,
    },
    /// The program's published schedule: add, edit, cancel, list
    Session {
        #[command(subcommand)]
        command: Box<sessions::SessionCommand>,
    },
    /// The contacts the program publishes (its own crisis line): add, edit, remove, list
    Contact {
        #[command(subcommand)]
        command: Box<program_contacts::ContactCommand>,
    },
}

#[derive(Debug, Subcommand)]
enum InviteCommand {
    /// Make a one-time invitation code that enrols a new participant in a program
    Create {
        #[arg(long, value_name = "PROGRAM_ID")]
        program: Uuid,
        /// Days the code stays valid
        #[arg(long, default_value_t = 14)]
        days: u32,
    },
}

/// Where the command's storage and key files are.
struct Location {
    data: Option<PathBuf>,
    database_url: Option<String>,
    keys: Option<PathBuf>,
}

impl Location {
    fn data_dir(&self) -> PathBuf {
        self.data
            .clone()
            .unwrap_or_else(|| PathBuf::from("companion-data"))
    }

    async fn open(&self) -> Result<Storage, String> {
        match (&self.database_url, &self.data) {
            (Some(_), Some(_)) => Err("give --data or --database-url, not both".into()),
            (Some(url), None) => Storage::open_postgres(url).await.map_err(|e| e.to_string()),
            (None, _) => {
                let dir = self.data_dir();
                Storage::open_sqlite(&dir)
                    .await
                    .map_err(|e| format!("{} (data directory {})", e, dir.display()))
            }
        }
    }

    fn keys_dir(&self) -> PathBuf {
        match (&self.keys, &self.database_url) {
            (Some(keys), _) => keys.clone(),
            (None, Some(_)) => PathBuf::from("companion-staff-keys"),
            (None, None) => self.data_dir().join("staff-keys"),
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("cannot start the runtime: {e}"), 1),
    };
    let location = Location {
        data: cli.data,
        database_url: cli.database_url,
        keys: cli.keys,
    };
    let json = cli.json;
    match runtime.block_on(run(cli.command, location)) {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(printed)) => {
            let text = if json {
                format!("{}\n", printed.json)
            } else {
                printed.text
            };
            let mut out = std::io::stdout().lock();
            if out
                .write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .is_err()
            {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(message) => fail(&message, 1),
    }
}

async fn run(command: Command, location: Location) -> Result<Option<Printed>, String> {
    if let Command::Serve { listen } = &command {
        init_logging();
        let storage = location.open().await?;
        return serve(storage, listen).await.map(|()| None);
    }
    let storage = location.open().await?;
    let keys = location.keys_dir();
    let printed = match command {
        Command::Serve { .. } => return Ok(None),
        Command::Staff {
            command: StaffCommand::Token { command },
        } => match command {
            TokenCommand::Create => staff::staff_token_create(&storage).await,
            TokenCommand::Revoke { token_id } => {
                staff::staff_token_revoke(&storage, token_id).await
            }
        },
        Command::Program { command } => match command {
            ProgramCommand::Create { name } => staff::program_create(&storage, &keys, &name).await,
            ProgramCommand::Session { command } => sessions::run(&storage, &keys, *command).await,
            ProgramCommand::Contact { command } => {
                program_contacts::run(&storage, &keys, *command).await
            }
        },
        Command::Invite {
            command: InviteCommand::Create { program, days },
        } => staff::invite_create(&storage, &keys, program, days).await,
    }?;
    Ok(Some(printed))
}

async fn serve(storage: Storage, listen: &str) -> Result<(), String> {
    let listener = TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the listening address: {e}"))?;
    // The first line of stdout, which scripts and tests read for the port.
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on {addr}")
            .and_then(|()| out.flush())
            .map_err(|e| format!("cannot write to stdout: {e}"))?;
    }
    tracing::info!(%addr, backend = storage.backend(), "serving");
    axum::serve(listener, http::router(storage))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("the server failed: {e}"))?;
    tracing::info!("stopped");
    Ok(())
}

/// SIGINT or SIGTERM: stop accepting, finish the requests in flight, exit 0.
async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Logs go to stderr; `COMPANION_LOG` sets the level (error, warn, info, debug, trace, off).
fn init_logging() {
    let level = std::env::var("COMPANION_LOG")
        .ok()
        .and_then(|v| v.parse::<LevelFilter>().ok())
        .unwrap_or(LevelFilter::INFO);
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_ansi(false)
        .init();
}

/// Help and version go to stdout as clap prints them; usage errors become one line.
fn usage_error(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
        _ => fail(&one_line(&e.to_string()), 2),
    }
}

/// The first paragraph of clap's message, on one line, without its `error: ` prefix.
fn one_line(message: &str) -> String {
    let first: Vec<&str> = message
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let joined = first.join(" ");
    joined.strip_prefix("error: ").unwrap_or(&joined).to_owned()
}

fn fail(message: &str, code: u8) -> ExitCode {
    let line = message.replace(['\n', '\r'], " ");
    let _ = writeln!(std::io::stderr(), "companion-server: {line}");
    ExitCode::from(code)
}
