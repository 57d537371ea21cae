//! One function per command: turn the arguments into a core call, and its result into text.

mod backup;
mod calendar;
mod checkin;
mod contact;
mod erase;
mod export;
mod insights;
mod prefs;
mod reminders;
mod safety_plan;
mod session;
mod support;
mod sync;
mod today;

use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use companion_core::{Attendance, Store};

use crate::args::{Cli, Command};
use crate::{Failure, Outcome};

/// What every command works with: the open store and the participant's zone as given.
pub struct Ctx {
    pub store: Store,
    pub zone: String,
}

impl Ctx {
    /// The participant's local date now, and their zone (checked by the core).
    pub fn today(&self) -> Outcome<(NaiveDate, Tz)> {
        let today = self.store.today(Utc::now(), &self.zone)?;
        let tz = today
            .time_zone
            .parse::<Tz>()
            .map_err(|_| companion_core::Error::UnknownTimeZone(today.time_zone.clone()))?;
        Ok((today.date, tz))
    }
}

pub fn run(cli: Cli) -> Outcome {
    let dir = store_dir(cli.store)?;
    let zone = cli.tz.unwrap_or_else(system_zone);
    if let Command::Erase(a) = &cli.command
        && !Store::exists(&dir)
    {
        // Opening would create a store just to erase it.
        return erase::nothing_to_erase(&dir, a.json);
    }
    let key_source = crate::store_key::KeySource {
        key_file: cli.key_file,
        passphrase_file: cli.passphrase_file,
    };
    let key = crate::store_key::resolve(&dir, &key_source)?;
    let mut store = Store::open(&dir, &key)?;
    match cli.region {
        // Given explicitly: a bad code is the participant's to fix.
        Some(r) => store.set_device_region(Some(&r))?,
        // From the locale: one the core does not know (e.g. "C") just means "not known".
        None => store
            .set_device_region(locale_region().as_deref())
            .unwrap_or(()),
    }
    let mut ctx = Ctx { store, zone };
    match cli.command {
        Command::Checkin(a) => checkin::record(&mut ctx, a),
        Command::Checkins(a) => checkin::list(&ctx, a),
        Command::Contact(c) => contact::run(&mut ctx, c),
        Command::Contacts(a) => contact::list(&ctx, a.json),
        Command::Session(c) => session::run(&mut ctx, c),
        Command::Sessions(a) => session::list(&ctx, a.json),
        Command::Occurrences(a) => today::occurrences(&ctx, a),
        Command::Prefs(a) => prefs::run(&mut ctx, a),
        Command::Today(a) => today::today(&ctx, a.json),
        Command::Reminders(a) => reminders::plan(&ctx, a),
        Command::Attend(a) => reminders::mark(&mut ctx, a, Attendance::Attended),
        Command::Miss(a) => reminders::mark(&mut ctx, a, Attendance::Missed),
        Command::Attendance(a) => reminders::attendance(&ctx, a),
        Command::Export(a) => export::export(&ctx, a),
        Command::Import(a) => calendar::import(&mut ctx, a),
        Command::Enroll(a) => sync::enroll(&mut ctx, a),
        Command::Link(c) => sync::link(&mut ctx, c),
        Command::Sync(a) => sync::sync(&mut ctx, a.json),
        Command::Account(a) => sync::account(&ctx, a.json),
        Command::Crisis(a) => support::crisis(&ctx, a.json),
        Command::ReachOut(a) => support::reach_out(&ctx, a),
        Command::Insights(a) => insights::insights(&ctx, a),
        Command::Chart(a) => insights::chart(&ctx, a),
        Command::SafetyPlan(c) => safety_plan::run(&mut ctx, c),
        Command::Backup(a) => backup::backup(&mut ctx, a),
        Command::Restore(a) => backup::restore(&mut ctx, a),
        Command::Erase(a) => erase::erase(ctx.store, &dir, key_source.key_file.as_deref(), a),
    }
}

fn store_dir(given: Option<PathBuf>) -> Outcome<PathBuf> {
    if let Some(dir) = given {
        return Ok(dir);
    }
    directories::ProjectDirs::from("org", "IOP Companion", "companion")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            Failure::Message(
                "no home directory to keep the store in; pass --store DIR or set COMPANION_STORE"
                    .into(),
            )
        })
}

/// The system's IANA zone, or UTC when it cannot be told.
fn system_zone() -> String {
    iana_time_zone::get_timezone().unwrap_or_else(|_| "UTC".into())
}

/// The country of the POSIX locale (`en_US.UTF-8` gives `US`), as the phone apps read it from
/// the platform's locale.
fn locale_region() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| {
            let lang = v.split(['.', '@']).next()?;
            let (_, country) = lang.split_once('_')?;
            Some(country.to_owned())
        })
}
