//! `companion-server program session add|edit|cancel|list`: a program's published schedule.
//!
//! The schedule lives in the program's document (see `program_doc.rs`); each command changes
//! it with the core's session rules.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, Subcommand};
use companion_core::{RecurrencePatch, Session, SessionFields, SessionKind, Store, input};
use serde_json::json;
use uuid::Uuid;

use crate::program_doc;
use crate::staff::Outcome;
use crate::storage::Storage;

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Add a session, or a weekly series with --weekdays, to a program's schedule
    Add(AddArgs),
    /// Change a program session's fields (only those given; "" clears a text field)
    Edit(EditArgs),
    /// Cancel one occurrence of a program session (--date is required for a series)
    Cancel(CancelArgs),
    /// Move one occurrence of a program session to another time (in the session's zone)
    Move(MoveArgs),
    /// Undo a cancellation or a move
    Restore(DateArgs),
    /// Remove a session (or series) from the program's schedule
    Remove(IdArgs),
    /// List a program's sessions (and publish any change saved here but not yet published)
    List(ProgramArg),
}

#[derive(Debug, Args)]
pub struct ProgramArg {
    #[arg(long, value_name = "PROGRAM_ID")]
    pub program: Uuid,
}

#[derive(Debug, Args)]
pub struct FieldArgs {
    /// psychoeducation, process-group, skills-group, individual, family, aftercare or other
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Length in minutes [default for a new session: 60]
    #[arg(long, value_name = "MIN")]
    pub duration: Option<u32>,
    #[arg(long, value_name = "TEXT")]
    pub location: Option<String>,
    /// Link of a video session
    #[arg(long, value_name = "URL")]
    pub video: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// Weekdays of a weekly series, e.g. mo,we,fr
    #[arg(long, value_name = "DAYS")]
    pub weekdays: Option<String>,
    /// Repeat every N weeks [default: 1]
    #[arg(long, value_name = "N")]
    pub every_weeks: Option<u32>,
    /// Last date of the series
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::parse_date, conflicts_with = "count")]
    pub until: Option<NaiveDate>,
    /// Number of sessions in the series
    #[arg(long, value_name = "N")]
    pub count: Option<u32>,
    /// Reminders, in minutes before the start, e.g. 60,15 ("none" for no reminders)
    #[arg(long, value_name = "MINUTES", value_parser = parse_leads)]
    pub leads: Option<Leads>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub program: ProgramArg,
    #[arg(long)]
    pub title: String,
    /// Local start, in the session's zone
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM", value_parser = input::parse_local)]
    pub start: NaiveDateTime,
    /// The session's IANA zone, e.g. America/Chicago (required: the clinic's, not this
    /// machine's)
    #[arg(long, value_name = "ZONE")]
    pub tz: String,
    #[command(flatten)]
    pub fields: FieldArgs,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    pub id: String,
    #[command(flatten)]
    pub program: ProgramArg,
    #[arg(long)]
    pub title: Option<String>,
    /// Local start of the first (or only) session, in the session's zone
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM", value_parser = input::parse_local)]
    pub start: Option<NaiveDateTime>,
    /// The session's IANA zone
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Make the session a one-off (drop its recurrence)
    #[arg(long, conflicts_with_all = ["weekdays", "every_weeks", "until", "count"])]
    pub one_off: bool,
    /// Use each participant's default reminders
    #[arg(long, conflicts_with = "leads")]
    pub default_leads: bool,
    #[command(flatten)]
    pub fields: FieldArgs,
}

#[derive(Debug, Args)]
pub struct CancelArgs {
    pub id: String,
    #[command(flatten)]
    pub program: ProgramArg,
    /// Date of the occurrence in the series [default for a one-off: its date]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::parse_date)]
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct MoveArgs {
    pub id: String,
    #[command(flatten)]
    pub program: ProgramArg,
    /// Date of the occurrence in the series
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::parse_date)]
    pub date: NaiveDate,
    /// New local start, in the session's zone
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM", value_parser = input::parse_local)]
    pub to: NaiveDateTime,
    /// New length in minutes [default: the series']
    #[arg(long, value_name = "MIN")]
    pub duration: Option<u32>,
}

#[derive(Debug, Args)]
pub struct DateArgs {
    pub id: String,
    #[command(flatten)]
    pub program: ProgramArg,
    /// Date of the occurrence in the series
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::parse_date)]
    pub date: NaiveDate,
}

#[derive(Debug, Args)]
pub struct IdArgs {
    pub id: String,
    #[command(flatten)]
    pub program: ProgramArg,
}

#[derive(Debug, Clone)]
pub struct Leads(pub Vec<u32>);

impl SessionCommand {
    fn program(&self) -> Uuid {
        match self {
            SessionCommand::Add(a) => a.program.program,
            SessionCommand::Edit(a) => a.program.program,
            SessionCommand::Cancel(a) => a.program.program,
            SessionCommand::Move(a) => a.program.program,
            SessionCommand::Restore(a) => a.program.program,
            SessionCommand::Remove(a) => a.program.program,
            SessionCommand::List(a) => a.program,
        }
    }
}

pub async fn run(storage: &Storage, keys: &Path, command: SessionCommand) -> Outcome {
    let program = command.program();
    let (mut store, key) = program_doc::open(storage, keys, program).await?;
    let (verb, session) = match command {
        SessionCommand::List(_) => return list(&store, program),
        SessionCommand::Add(a) => ("Added", add(&mut store, a)?),
        SessionCommand::Edit(a) => ("Updated", edit(&mut store, a)?),
        SessionCommand::Cancel(a) => {
            let date = match a.date {
                Some(d) => d,
                None => {
                    let s = store.session(&a.id).map_err(|e| e.to_string())?;
                    if s.recurrence.is_some() {
                        return Err(format!(
                            "session {} is a series: pass --date YYYY-MM-DD to say which \
                             occurrence to cancel",
                            s.id
                        ));
                    }
                    s.start.date()
                }
            };
            let s = store
                .cancel_occurrence(&a.id, date)
                .map_err(|e| e.to_string())?;
            ("Cancelled an occurrence of", s)
        }
        SessionCommand::Move(a) => {
            let s = store
                .move_occurrence(&a.id, a.date, a.to, a.duration)
                .map_err(|e| e.to_string())?;
            ("Moved an occurrence of", s)
        }
        SessionCommand::Restore(a) => {
            let s = store
                .restore_occurrence(&a.id, a.date)
                .map_err(|e| e.to_string())?;
            ("Restored an occurrence of", s)
        }
        SessionCommand::Remove(a) => {
            let s = store.session(&a.id).map_err(|e| e.to_string())?;
            store.remove_session(&a.id).map_err(|e| e.to_string())?;
            ("Removed", s)
        }
    };
    program_doc::publish_change(storage, &mut store, program, &key, "session").await?;
    Ok(program_doc::changed(
        verb,
        "session",
        program,
        &session.id,
        &line(&session),
        json!(session),
    ))
}

fn add(store: &mut Store, a: AddArgs) -> Result<Session, String> {
    let rule = patch(&a.fields)?;
    let recurrence = if rule.is_empty() {
        None
    } else {
        Some(Some(rule.apply(None).map_err(|e| e.to_string())?))
    };
    let mut fields = fields(&a.fields)?;
    fields.title = Some(a.title);
    fields.start = Some(a.start);
    fields.time_zone = Some(a.tz);
    fields.recurrence = recurrence;
    store.add_session(&fields).map_err(|e| e.to_string())
}

fn edit(store: &mut Store, a: EditArgs) -> Result<Session, String> {
    let rule = patch(&a.fields)?;
    let recurrence = if a.one_off {
        Some(None)
    } else if rule.is_empty() {
        None
    } else {
        let current = store.session(&a.id).map_err(|e| e.to_string())?.recurrence;
        Some(Some(rule.apply(current).map_err(|e| e.to_string())?))
    };
    let mut fields = fields(&a.fields)?;
    fields.title = a.title;
    fields.start = a.start;
    fields.time_zone = a.tz;
    fields.recurrence = recurrence;
    if a.default_leads {
        fields.reminder_leads = Some(None);
    }
    store
        .edit_session(&a.id, &fields)
        .map_err(|e| e.to_string())
}

fn list(store: &Store, program: Uuid) -> Outcome {
    let sessions = store.sessions().map_err(|e| e.to_string())?;
    Ok(program_doc::listed(program, "sessions", &sessions, |s| {
        (s.id.clone(), line(s))
    }))
}

/// "Process group, Mon 2026-11-02 09:00 America/Chicago, 180 min, weekly mo,we"
fn line(s: &Session) -> String {
    let mut out = format!(
        "{}, {} {}, {} min",
        s.title,
        s.start.format("%a %Y-%m-%d %H:%M"),
        s.time_zone,
        s.duration_minutes
    );
    if let Some(r) = &s.recurrence {
        let days: Vec<&str> = r
            .weekdays
            .iter()
            .map(|d| companion_core::weekday_code(*d))
            .collect();
        out.push_str(&format!(", weekly {}", days.join(",")));
    }
    if !s.changes.is_empty() {
        out.push_str(&format!(", {} changed occurrence(s)", s.changes.len()));
    }
    out
}

/// The fields every session command shares (not title, start, zone or recurrence).
fn fields(a: &FieldArgs) -> Result<SessionFields, String> {
    Ok(SessionFields {
        kind: a
            .kind
            .as_deref()
            .map(str::parse::<SessionKind>)
            .transpose()
            .map_err(|e| e.to_string())?,
        location: a.location.clone(),
        video_link: a.video.clone(),
        notes: a.notes.clone(),
        duration_minutes: a.duration,
        reminder_leads: a.leads.as_ref().map(|l| Some(l.0.clone())),
        ..SessionFields::default()
    })
}

/// The recurrence parts an edit gives, as the core reads them.
fn patch(a: &FieldArgs) -> Result<RecurrencePatch, String> {
    Ok(RecurrencePatch {
        weekdays: a
            .weekdays
            .as_deref()
            .map(input::parse_weekdays)
            .transpose()
            .map_err(|e| e.to_string())?,
        interval_weeks: a.every_weeks,
        until: a.until,
        count: a.count,
    })
}

fn parse_leads(s: &str) -> Result<Leads, String> {
    input::parse_leads(s).map(Leads)
}
