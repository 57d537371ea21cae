//! The command line, as clap parses it. Only syntax is checked here (numbers, dates, times);
//! everything else is the core's to judge.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use clap::builder::BoolishValueParser;
use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "companion",
    version,
    about = "IOP Companion: your schedule, daily check-ins and support contacts.",
    arg_required_else_help = true
)]
pub struct Cli {
    /// Directory of the store [default: the platform's data directory]
    #[arg(
        long,
        env = "COMPANION_STORE",
        hide_env_values = true,
        value_name = "DIR"
    )]
    pub store: Option<PathBuf>,

    /// Your IANA time zone, which decides what "today" is [default: the system's, else UTC]
    #[arg(
        long,
        env = "COMPANION_TZ",
        hide_env_values = true,
        value_name = "IANA"
    )]
    pub tz: Option<String>,

    /// Your country (two letters, e.g. US): how local phone numbers are read and which crisis
    /// lines are shown, unless set in prefs [default: the locale's country]
    #[arg(
        long,
        env = "COMPANION_REGION",
        hide_env_values = true,
        value_name = "CC"
    )]
    pub region: Option<String>,

    /// The file holding the store's key [default: DIR/store.key, made with the store]
    #[arg(
        long,
        env = "COMPANION_KEY_FILE",
        hide_env_values = true,
        value_name = "FILE",
        conflicts_with = "passphrase_file"
    )]
    pub key_file: Option<PathBuf>,

    /// Protect the store with a passphrase instead of a key file: its first line (or the
    /// COMPANION_PASSPHRASE environment variable). Chosen when the store is created.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record or update a day's check-in (today's unless --date)
    Checkin(CheckinArgs),
    /// List check-ins, oldest first
    Checkins(CheckinsArgs),
    /// Add, edit or remove a support contact
    #[command(subcommand)]
    Contact(ContactCommand),
    /// List support contacts, favourites first
    Contacts(JsonArg),
    /// Add, edit, cancel, move or remove sessions
    #[command(subcommand)]
    Session(SessionCommand),
    /// List sessions, by first start
    Sessions(JsonArg),
    /// List the occurrences of sessions over the coming days
    Occurrences(OccurrencesArgs),
    /// Show or change preferences (no options: show)
    Prefs(PrefsArgs),
    /// Today's sessions, check-in and favourite contacts
    Today(JsonArg),
    /// The reminders to schedule next, soonest first (what the phone apps hand the OS)
    Reminders(RemindersArgs),
    /// Mark an occurrence of a session attended
    Attend(AttendArgs),
    /// Mark an occurrence of a session missed
    Miss(AttendArgs),
    /// Recent occurrences and whether you went
    Attendance(AttendanceArgs),
    /// Write the schedule (ics) or check-ins (csv, json, fhir) to stdout or a file; not encrypted
    Export(ExportArgs),
    /// Add or update sessions from an iCalendar (.ics) file, all or nothing
    Import(ImportArgs),
    /// Enrol this device with your program's invitation code
    Enroll(EnrollArgs),
    /// Link another of your devices (create a code here, redeem it there)
    #[command(subcommand)]
    Link(LinkCommand),
    /// Send this device's changes and receive everyone else's (and your program's schedule)
    Sync(JsonArg),
    /// The account this device syncs with
    Account(JsonArg),
    /// Crisis lines: call or text now (they work offline)
    Crisis(JsonArg),
    /// Everyone to reach out to: crisis lines, then favourites, then the rest
    ReachOut(ReachOutArgs),
    /// How your check-ins are going: days checked in, averages and trends, a nudge if needed
    Insights(InsightsArgs),
    /// Draw the last days of mood and craving as an SVG chart
    Chart(ChartArgs),
    /// Your safety plan: warning signs, what helps, whom to call, reasons to keep going
    #[command(subcommand)]
    SafetyPlan(SafetyPlanCommand),
    /// Write an encrypted backup of all your data to a file, protected by a passphrase
    Backup(BackupArgs),
    /// Restore a backup into this store: merged with what is here, nothing is overwritten
    Restore(RestoreArgs),
    /// Erase your data: on the server first (when enrolled), then every file of the store here
    Erase(EraseArgs),
}

/// Where a passphrase comes from when not typed at a terminal. There is no option that takes
/// the passphrase itself: other users of the machine can read command lines.
#[derive(Debug, Args)]
pub struct PassphraseArgs {
    /// Read the passphrase from this file (a final line break is ignored); without it, the
    /// COMPANION_BACKUP_PASSPHRASE environment variable, else it is asked at the terminal
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to write (readable by you only)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file
    pub file: PathBuf,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EraseArgs {
    /// Do not ask for confirmation (needed when not run at a terminal)
    #[arg(long)]
    pub yes: bool,
    /// Erase this device only: your data on the server, and on your other devices, stays
    #[arg(long)]
    pub local_only: bool,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum SafetyPlanCommand {
    /// Show the plan, all seven sections
    Show(SafetyPlanShowArgs),
    /// Edit the whole plan as text: in $VISUAL or $EDITOR at a terminal, else from --file or
    /// stdin; only what differs changes
    Edit(SafetyPlanEditArgs),
    /// Add an item at the end of a section
    Add(SafetyPlanAddArgs),
    /// Move an item to another position, or to another section
    Move(SafetyPlanMoveArgs),
    /// Remove an item (ids: show --ids)
    Remove(IdArg),
}

#[derive(Debug, Args)]
pub struct SafetyPlanShowArgs {
    /// Also show each item's id
    #[arg(long)]
    pub ids: bool,
    /// Print the plan as the text `edit` reads (to edit it elsewhere and apply with --file)
    #[arg(long, conflicts_with_all = ["ids", "json"])]
    pub text: bool,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SafetyPlanEditArgs {
    /// Read the plan's text from this file ("-" for stdin) instead of opening an editor
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SafetyPlanAddArgs {
    /// The section: its number (1-7) or name, e.g. warning-signs, coping-strategies,
    /// distractions, people-to-ask, professionals, safe-environment, reasons-to-live
    pub section: String,
    /// The item's words (may be left out when it links a contact)
    pub text: Option<String>,
    /// Link one of your contacts, by id (sections 3, 4 and 5)
    #[arg(long, value_name = "ID")]
    pub contact: Option<String>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SafetyPlanMoveArgs {
    pub id: String,
    /// Its new position in the section, from 1 (past the end: last)
    #[arg(value_parser = clap::value_parser!(u32).range(1..))]
    pub position: u32,
    /// Move it to this section
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ReachOutArgs {
    /// Text to prefill in messages to people
    #[arg(long, value_name = "TEXT", conflicts_with = "suggested")]
    pub message: Option<String>,
    /// Prefill the suggested message ("Hi, it's me. I'm having a hard time...")
    #[arg(long)]
    pub suggested: bool,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct InsightsArgs {
    /// The day to look back from [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// How many days, up to 366 (30 and 90 read well)
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub days: u32,
    /// The last day shown [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// The SVG file to write
    #[arg(long, value_name = "FILE.svg")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct EnrollArgs {
    /// The sync server's address, e.g. https://sync.example.org
    #[arg(long, value_name = "URL")]
    pub server: String,
    /// The invitation code from your program, e.g. K7QF-9XMZ-2PRT
    #[arg(long, value_name = "CODE")]
    pub code: String,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum LinkCommand {
    /// Make a one-time code (valid 15 minutes) to link another device
    Create(JsonArg),
    /// Link this device with a code made on your other device
    Redeem(RedeemArgs),
}

#[derive(Debug, Args)]
pub struct RedeemArgs {
    /// The code shown on your other device
    pub code: String,
    /// The sync server's address
    #[arg(long, value_name = "URL")]
    pub server: String,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The schedule as iCalendar (RFC 5545), for Google Calendar, Apple Calendar and Outlook
    Ics,
    /// Check-ins as CSV, for a spreadsheet
    Csv,
    /// Check-ins as JSON
    Json,
    /// Check-ins as a FHIR R4 Bundle, for a clinic's record system
    Fhir,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// File format
    #[arg(long, value_enum, default_value = "ics")]
    pub format: ExportFormat,
    /// Write to this file (readable by you only) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// First check-in date (included; csv, json and fhir)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last check-in date (included; csv, json and fhir)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Write the unencrypted file without asking (asked only at a terminal)
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The .ics file
    pub file: PathBuf,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RemindersArgs {
    /// Plan as of this instant (RFC 3339, e.g. 2026-11-23T08:00:00Z) [default: now]
    #[arg(long, value_name = "TIME", value_parser = parse_instant)]
    pub now: Option<DateTime<Utc>>,
    /// How many days ahead
    #[arg(long, value_name = "DAYS", default_value_t = companion_core::REMINDER_HORIZON_DAYS)]
    pub horizon: i64,
    /// At most this many reminders (the terminal's window; iOS holds 64, Android 128)
    #[arg(long, value_name = "N", default_value_t = companion_core::TERMINAL_MAX_HELD)]
    pub limit: usize,
    /// Ids the OS already holds (comma-separated): print what to cancel and what to add
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub held: Option<Vec<String>>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AttendArgs {
    /// The session's id
    pub id: String,
    /// The occurrence's date in the series
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: NaiveDate,
    /// Forget what was marked instead
    #[arg(long)]
    pub clear: bool,
}

#[derive(Debug, Args)]
pub struct AttendanceArgs {
    /// How many days back
    #[arg(long, value_name = "N", default_value_t = 14)]
    pub days: i64,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// Local date of the check-in [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Mood, 1 (worst) to 10 (best); required for a new check-in
    #[arg(long, value_name = "N")]
    pub mood: Option<u8>,
    /// Craving, 0 (none) to 10 (strongest)
    #[arg(long, value_name = "N")]
    pub craving: Option<u8>,
    /// Hours slept last night
    #[arg(long, value_name = "HOURS", allow_negative_numbers = true)]
    pub sleep: Option<f64>,
    /// An emotion (repeat for several); replaces the recorded set
    #[arg(long = "emotion", value_name = "TAG")]
    pub emotions: Vec<String>,
    /// Clear the recorded emotions
    #[arg(long, conflicts_with = "emotions")]
    pub no_emotions: bool,
    /// You used today
    #[arg(long, conflicts_with = "not_used")]
    pub used: bool,
    /// You did not use today
    #[arg(long)]
    pub not_used: bool,
    /// A note ("" removes it)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Take back answers recorded by mistake: craving, sleep, used (comma-separated)
    #[arg(long, value_name = "FIELDS")]
    pub clear: Vec<String>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckinsArgs {
    /// First date (included)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last date (included)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Add a contact
    Add(ContactAddArgs),
    /// Change a contact's fields (only those given; "" clears a field)
    Edit(ContactEditArgs),
    /// Remove a contact
    Remove(IdArg),
}

#[derive(Debug, Args)]
pub struct ContactFieldArgs {
    /// therapist, counselor, sponsor, peer, family, case-manager, crisis-line or other
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    #[arg(long, value_name = "NUMBER")]
    pub phone: Option<String>,
    /// Number for texts, when not the phone number
    #[arg(long, value_name = "NUMBER")]
    pub sms: Option<String>,
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// Position in the list, smallest first
    // i32, not the core's i64: adding after a contact at i64::MAX overflows in the core.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub order: Option<i32>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ContactAddArgs {
    #[arg(long)]
    pub name: String,
    /// Mark as a favourite (shown on the today view)
    #[arg(long)]
    pub favourite: bool,
    #[command(flatten)]
    pub fields: ContactFieldArgs,
}

#[derive(Debug, Args)]
pub struct ContactEditArgs {
    pub id: String,
    #[arg(long)]
    pub name: Option<String>,
    /// Whether it is a favourite
    #[arg(long, value_name = "true|false", value_parser = BoolishValueParser::new())]
    pub favourite: Option<bool>,
    #[command(flatten)]
    pub fields: ContactFieldArgs,
}

#[derive(Debug, Args)]
pub struct IdArg {
    pub id: String,
}

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Add a session, or a weekly series with --weekdays
    Add(SessionAddArgs),
    /// Change a session's fields (only those given; "" clears a text field)
    Edit(SessionEditArgs),
    /// Cancel one occurrence (--date is required for a series)
    Cancel(SessionCancelArgs),
    /// Move one occurrence to another local time (in the session's zone)
    Move(SessionMoveArgs),
    /// Undo the cancellation or move of one occurrence
    Restore(SessionRestoreArgs),
    /// Remove a session or a whole series
    Remove(IdArg),
}

#[derive(Debug, Args)]
pub struct SessionFieldArgs {
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
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "count")]
    pub until: Option<NaiveDate>,
    /// Number of sessions in the series
    #[arg(long, value_name = "N")]
    pub count: Option<u32>,
    /// Reminders, in minutes before the start, e.g. 60,15 ("none" for no reminders)
    #[arg(long, value_name = "MINUTES", value_parser = parse_leads)]
    pub leads: Option<Leads>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SessionAddArgs {
    #[arg(long)]
    pub title: String,
    /// Local start, in the session's zone
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM", value_parser = parse_local)]
    pub start: NaiveDateTime,
    /// The session's IANA zone [default: your zone]
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    #[command(flatten)]
    pub fields: SessionFieldArgs,
}

#[derive(Debug, Args)]
pub struct SessionEditArgs {
    pub id: String,
    #[arg(long)]
    pub title: Option<String>,
    /// Local start of the first (or only) session, in the session's zone
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM", value_parser = parse_local)]
    pub start: Option<NaiveDateTime>,
    /// The session's IANA zone
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Make the session a one-off (drop its recurrence)
    #[arg(long, conflicts_with_all = ["weekdays", "every_weeks", "until", "count"])]
    pub one_off: bool,
    /// Use the default reminders from the preferences
    #[arg(long, conflicts_with = "leads")]
    pub default_leads: bool,
    #[command(flatten)]
    pub fields: SessionFieldArgs,
}

#[derive(Debug, Args)]
pub struct SessionCancelArgs {
    pub id: String,
    /// Date of the occurrence in the series [default for a one-off: its date]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SessionMoveArgs {
    pub id: String,
    /// Date of the occurrence in the series
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: NaiveDate,
    /// New local start, in the session's zone
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM", value_parser = parse_local)]
    pub to: NaiveDateTime,
    /// New length in minutes [default: the session's]
    #[arg(long, value_name = "MIN")]
    pub duration: Option<u32>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SessionRestoreArgs {
    pub id: String,
    /// Date of the occurrence in the series
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: NaiveDate,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct OccurrencesArgs {
    /// First day, in your zone [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Number of days
    #[arg(long, value_name = "N", default_value_t = 7)]
    pub days: u32,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PrefsArgs {
    /// Time of the daily check-in reminder, or "off"
    #[arg(long, value_name = "HH:MM|off", value_parser = parse_reminder)]
    pub checkin_time: Option<Reminder>,
    /// Notifications that name no treatment, program or substance
    #[arg(long, value_name = "on|off", value_parser = BoolishValueParser::new())]
    pub discreet: Option<bool>,
    /// Default reminders for sessions, in minutes before, e.g. 60,15 ("none" for none)
    #[arg(long, value_name = "MINUTES", value_parser = parse_leads)]
    pub leads: Option<Leads>,
    /// Your country (two letters, e.g. US), or "none" to follow the device's
    #[arg(long, value_name = "CC|none")]
    pub region: Option<String>,
    /// Print JSON only
    #[arg(long)]
    pub json: bool,
}

/// Reminder lead times as typed: a comma-separated list of minutes, possibly empty.
#[derive(Debug, Clone)]
pub struct Leads(pub Vec<u32>);

/// A check-in reminder time, or `None` for off.
#[derive(Debug, Clone)]
pub struct Reminder(pub Option<NaiveTime>);

/// Whether `s` is shaped like `pattern`, where `9` stands for an ASCII digit. chrono's `%Y`
/// alone would also take signed six-digit years.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    companion_core::input::parse_date(s)
}

fn parse_local(s: &str) -> Result<NaiveDateTime, String> {
    companion_core::input::parse_local(s)
}

fn parse_instant(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| "expected an RFC 3339 time such as 2026-11-23T08:00:00Z".into())
}

fn parse_leads(s: &str) -> Result<Leads, String> {
    companion_core::input::parse_leads(s).map(Leads)
}

fn parse_reminder(s: &str) -> Result<Reminder, String> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("off") {
        return Ok(Reminder(None));
    }
    NaiveTime::parse_from_str(s, "%H:%M")
        .map(|t| Reminder(Some(t)))
        .map_err(|_| "expected HH:MM or off".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn value_parsers() {
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("+262142-12-30").is_err());
        assert!(parse_date("-262143-01-01").is_err());
        assert!(parse_date("2026-1-5").is_err());
        assert_eq!(
            parse_date(" 2026-01-05 ").unwrap().to_string(),
            "2026-01-05"
        );
        assert!(parse_local("2026-01-05 09:30").is_ok());
        assert!(parse_local("+262142-01-05T09:30").is_err());
        assert_eq!(parse_leads("60, 15").unwrap().0, vec![60, 15]);
        assert!(parse_leads("none").unwrap().0.is_empty());
        assert!(parse_leads("60,x").is_err());
        assert!(parse_reminder("off").unwrap().0.is_none());
        assert!(parse_reminder("25:00").is_err());
        assert!(parse_local("2026-01-05T09:30").is_ok());
    }
}
