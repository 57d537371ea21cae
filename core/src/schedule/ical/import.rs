//! Reading a calendar file into the schedule: every event is checked and converted first, then
//! everything is written in one durable change, so a file with one bad event changes nothing.
//!
//! What the schedule cannot hold is refused with a specific error rather than approximated:
//! all-day events, rules other than weekly ones on chosen weekdays, alarms that are not a lead
//! time before the start. Per-occurrence differences other than time and length (a moved
//! occurrence's own title or alarms) are not kept.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;
use icalendar::parser::{self, Component, Property};
use serde::Serialize;
use uuid::Uuid;

use super::{REMINDERS, UID_SUFFIX};
use crate::error::{Error, Result};
use crate::schedule::localtime::resolve;
use crate::schedule::recurrence::Recurrence;
use crate::schedule::session::{self, OccurrenceChange, Put, Session, SessionFields, SessionKind};
use crate::storage::store::Store;
use crate::validate;

/// The largest file read, far above any real schedule's.
pub const MAX_ICS_BYTES: usize = 4 * 1024 * 1024;
/// The most events one file may hold.
const MAX_EVENTS: usize = 5000;
/// How deeply components may nest (VCALENDAR > VEVENT > VALARM is 3): the parser recurses.
const MAX_DEPTH: usize = 8;

/// Namespace of the UUID v5 ids given to events from other calendars, so the same foreign UID
/// becomes the same session id on every import and every device.
const FOREIGN_UID_NAMESPACE: Uuid = Uuid::from_u128(0x6c0f_3f5e_9a51_4d7e_8c2b_1f3e_a5d4_7b90);

/// Windows zone names Outlook and Exchange write as TZID, for the US zones clinics use.
const WINDOWS_ZONES: [(&str, &str); 7] = [
    ("Eastern Standard Time", "America/New_York"),
    ("Central Standard Time", "America/Chicago"),
    ("Mountain Standard Time", "America/Denver"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
];

/// Properties that carry a video link in Google and Microsoft exports, read when there is no
/// URL.
const CONFERENCE_LINKS: [&str; 2] = ["X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL"];

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Sessions that were not in the store.
    pub sessions_added: usize,
    /// Sessions already in the store (by UID) that the file changed.
    pub sessions_updated: usize,
    /// Sessions already in the store exactly as the file has them.
    pub sessions_unchanged: usize,
    /// Cancelled and moved occurrences the file holds.
    pub occurrence_changes: usize,
}

impl Store {
    /// Imports an iCalendar file (as clinic scheduling systems and calendar apps export it).
    ///
    /// Each event becomes a session, keyed by its UID: importing the same file again updates
    /// those sessions (to what the file says, cancelled and moved occurrences included) instead
    /// of adding new ones. Either every event is imported or, on any error, nothing is.
    pub fn import_ics(&mut self, text: &str) -> Result<ImportSummary> {
        let mut sessions = read_sessions(text)?;
        // A program's sessions (in a file this app exported) stay the program's: importing
        // them would make personal copies under the same ids.
        let before = sessions.len();
        let mut program_owned = Vec::new();
        for s in &sessions {
            if matches!(self.session(&s.id), Ok(found) if found.program_id.is_some()) {
                program_owned.push(s.id.clone());
            }
        }
        sessions.retain(|s| !program_owned.contains(&s.id));
        let occurrence_changes = sessions.iter().map(|s| s.changes.len()).sum();
        self.durable.change(|doc| {
            let mut summary = ImportSummary {
                occurrence_changes,
                sessions_unchanged: before - sessions.len(),
                ..ImportSummary::default()
            };
            for s in &sessions {
                match session::put(doc, s)? {
                    Put::Added => summary.sessions_added += 1,
                    Put::Updated => summary.sessions_updated += 1,
                    Put::Unchanged => summary.sessions_unchanged += 1,
                }
            }
            Ok(summary)
        })
    }
}

fn invalid(line: Option<usize>, reason: impl Into<String>) -> Error {
    Error::InvalidCalendar {
        line,
        reason: reason.into(),
    }
}

fn unsupported(line: Option<usize>, part: impl Into<String>) -> Error {
    Error::UnsupportedRecurrence {
        line,
        part: part.into(),
    }
}

/// Every session the file describes, validated, with its occurrence changes.
fn read_sessions(text: &str) -> Result<Vec<Session>> {
    let file = Unfolded::new(text)?;
    let root = file.parse()?;
    let cal = Calendar {
        file: &file,
        default_zone: prop(&root, "X-WR-TIMEZONE"),
    };

    let mut masters: Vec<(&str, &Component)> = Vec::new();
    let mut overrides: Vec<(&str, &Component)> = Vec::new();
    // By session id: two spellings of one of our UIDs name the same session.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let events = root
        .components
        .iter()
        .filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"));
    for (n, c) in events.enumerate() {
        let line = file.line_of(c.name.as_str());
        if n >= MAX_EVENTS {
            return Err(invalid(line, format!("more than {MAX_EVENTS} events")));
        }
        let uid = cal
            .one(c, "UID")?
            .map(|p| p.val.as_str().trim())
            .filter(|u| !u.is_empty())
            .ok_or_else(|| invalid(line, "an event has no UID"))?;
        if cal.one(c, "RECURRENCE-ID")?.is_some() {
            overrides.push((uid, c));
        } else if !seen.insert(session_id(uid)) {
            return Err(invalid(line, "two events have the same UID"));
        } else {
            masters.push((uid, c));
        }
    }

    let mut sessions: Vec<(Session, Tz)> = Vec::with_capacity(masters.len());
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (uid, c) in masters {
        let (s, tz) = cal.series(uid, c)?;
        by_id.insert(s.id.clone(), sessions.len());
        sessions.push((s, tz));
    }
    let mut overridden: BTreeSet<(usize, NaiveDate)> = BTreeSet::new();
    for (uid, c) in overrides {
        let line = file.line_of(c.name.as_str());
        let found = by_id
            .get(&session_id(uid))
            .and_then(|&i| Some((i, sessions.get_mut(i)?)));
        let Some((i, (s, tz))) = found else {
            return Err(invalid(
                line,
                "an occurrence (RECURRENCE-ID) has no series event with its UID",
            ));
        };
        let date = cal.apply_override(s, *tz, c)?;
        if !overridden.insert((i, date)) {
            return Err(invalid(line, "two events change the same occurrence"));
        }
    }
    Ok(sessions.into_iter().map(|(s, _)| s).collect())
}

/// The file unfolded into logical lines, with the original line number of each.
struct Unfolded {
    text: String,
    /// (offset in `text`, line in the original file) of each logical line.
    starts: Vec<(usize, usize)>,
}

impl Unfolded {
    fn new(input: &str) -> Result<Unfolded> {
        if input.len() > MAX_ICS_BYTES {
            return Err(invalid(
                None,
                format!("the file is larger than {} MB", MAX_ICS_BYTES >> 20),
            ));
        }
        let input = input.strip_prefix('\u{feff}').unwrap_or(input);
        // Folded lines are joined: a line starting with a space or a tab continues the one
        // before (RFC 5545 3.1). CRLF, LF or a lone CR all end a line.
        let mut lines: Vec<(String, usize)> = Vec::new();
        for (i, raw) in input.split('\n').enumerate() {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            for physical in raw.split('\r') {
                match (physical.strip_prefix([' ', '\t']), lines.last_mut()) {
                    (Some(rest), Some((last, _))) => last.push_str(rest),
                    _ => lines.push((physical.to_owned(), i + 1)),
                }
            }
        }
        let mut text = String::with_capacity(input.len());
        let mut starts = Vec::with_capacity(lines.len());
        for (line, number) in &lines {
            starts.push((text.len(), *number));
            // Property names are case-insensitive; the parser only unescapes text values of
            // names it knows in capitals. Names are ASCII, so lengths stay the same.
            let name_len = line.find([';', ':']).unwrap_or(line.len());
            let (name, rest) = line.split_at(name_len);
            text.push_str(&name.to_ascii_uppercase());
            text.push_str(rest);
            text.push('\n');
        }
        let file = Unfolded { text, starts };
        file.check_structure(&lines)?;
        Ok(file)
    }

    /// Refuses what is not a calendar, a truncated file and nesting deep enough to exhaust the
    /// parser's stack, before parsing.
    fn check_structure(&self, lines: &[(String, usize)]) -> Result<()> {
        let mut content = lines.iter().filter(|(l, _)| !l.trim().is_empty());
        match content.next() {
            Some((l, _)) if is_begin(l, "VCALENDAR") => {}
            first => {
                return Err(invalid(
                    first.map(|(_, n)| *n),
                    "not an iCalendar file (it does not start with BEGIN:VCALENDAR)",
                ));
            }
        }
        let mut depth = 0usize;
        for (l, n) in lines {
            let starts = |tag: &str| {
                l.get(..tag.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(tag))
            };
            if starts("BEGIN:") {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(invalid(Some(*n), "components are nested too deeply"));
                }
            } else if starts("END:") {
                depth = depth.saturating_sub(1);
            }
        }
        if depth > 0 {
            let last = lines
                .iter()
                .rev()
                .find(|(l, _)| !l.trim().is_empty())
                .map(|(_, n)| *n);
            return Err(invalid(
                last,
                "the file ends before END:VCALENDAR (it may be cut short)",
            ));
        }
        Ok(())
    }

    /// The VCALENDAR component.
    fn parse(&self) -> Result<Component<'_>> {
        let mut roots = parser::read_calendar_simple(&self.text).map_err(|e| {
            // The parser's own messages quote the input; only the position is kept.
            invalid(self.line_of(e.input), "not well-formed iCalendar")
        })?;
        match roots.pop() {
            Some(root)
                if roots.is_empty() && root.name.as_str().eq_ignore_ascii_case("VCALENDAR") =>
            {
                Ok(root)
            }
            _ => Err(invalid(None, "the file must hold exactly one VCALENDAR")),
        }
    }

    /// The original line of a slice of `text` (the parser borrows names from it).
    fn line_of(&self, s: &str) -> Option<usize> {
        let offset = (s.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        if offset > self.text.len() {
            return None;
        }
        let i = self.starts.partition_point(|(start, _)| *start <= offset);
        self.starts.get(i.checked_sub(1)?).map(|(_, n)| *n)
    }
}

fn is_begin(line: &str, name: &str) -> bool {
    line.split_once(':').is_some_and(|(k, v)| {
        k.trim().eq_ignore_ascii_case("BEGIN") && v.trim().eq_ignore_ascii_case(name)
    })
}

/// The first property `name` of `c` (names are upper-cased while unfolding).
fn prop<'c, 'a>(c: &'c Component<'a>, name: &str) -> Option<&'c Property<'a>> {
    c.properties.iter().find(|p| p.name.as_str() == name)
}

fn props<'c, 'a: 'c>(
    c: &'c Component<'a>,
    name: &'c str,
) -> impl Iterator<Item = &'c Property<'a>> + 'c {
    c.properties.iter().filter(move |p| p.name.as_str() == name)
}

fn param<'p>(p: &'p Property<'_>, key: &str) -> Option<&'p str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str().trim())
}

/// A date or date-time as a calendar writes it.
#[derive(Debug, Clone, Copy)]
enum When {
    Date(NaiveDate),
    Utc(DateTime<Utc>),
    Zoned(Tz, NaiveDateTime),
    Floating(NaiveDateTime),
}

/// The file, and what applies to all of it.
struct Calendar<'f, 'c, 'a> {
    file: &'f Unfolded,
    /// `X-WR-TIMEZONE`: the zone of floating times, read only if one occurs.
    default_zone: Option<&'c Property<'a>>,
}

impl<'a> Calendar<'_, '_, 'a> {
    fn line(&self, p: &Property<'_>) -> Option<usize> {
        self.file.line_of(p.name.as_str())
    }

    /// The property `name` of `c`, if any; twice is an error.
    fn one<'c>(&self, c: &'c Component<'a>, name: &str) -> Result<Option<&'c Property<'a>>> {
        let mut all = c.properties.iter().filter(|p| p.name.as_str() == name);
        let first = all.next();
        match all.next() {
            Some(second) => Err(invalid(
                self.line(second),
                format!("{name} appears twice in one component"),
            )),
            None => Ok(first),
        }
    }

    fn default_zone(&self, line: Option<usize>) -> Result<Tz> {
        match self.default_zone {
            Some(p) => zone(p.val.as_str()),
            None => Err(Error::FloatingTime { line }),
        }
    }

    /// One value of the date or date-time property `p`.
    fn when(&self, p: &Property<'_>, value: &str, what: &'static str) -> Result<When> {
        let line = self.line(p);
        let bad = || invalid(line, format!("{what} is not a valid date or date-time"));
        let value = value.trim();
        let is_date = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
        if is_date || value.len() == 8 {
            return parse_date(value).map(When::Date).ok_or_else(bad);
        }
        let (local, utc) = parse_date_time(value).ok_or_else(bad)?;
        if utc {
            return Ok(When::Utc(local.and_utc()));
        }
        match param(p, "TZID") {
            Some(name) => Ok(When::Zoned(zone(name)?, local)),
            None => Ok(When::Floating(local)),
        }
    }

    /// The instant of a date-time (a date is refused: the schedule has no all-day events).
    fn instant(&self, w: When, line: Option<usize>, what: &'static str) -> Result<DateTime<Utc>> {
        match w {
            When::Utc(t) => Ok(t),
            When::Zoned(tz, local) => Ok(resolve(tz, local)),
            When::Floating(local) => Ok(resolve(self.default_zone(line)?, local)),
            When::Date(_) => Err(all_day(line, what)),
        }
    }

    /// A date-time as wall-clock time in `tz`, the series' zone.
    fn local_in(
        &self,
        w: When,
        tz: Tz,
        line: Option<usize>,
        what: &'static str,
    ) -> Result<NaiveDateTime> {
        match w {
            When::Zoned(z, local) if z == tz => Ok(local),
            When::Floating(local) if self.default_zone(line)? == tz => Ok(local),
            _ => Ok(self
                .instant(w, line, what)?
                .with_timezone(&tz)
                .naive_local()),
        }
    }

    /// A series (or one-off session) from its main event, with its EXDATEs as cancellations.
    fn series(&self, uid: &str, c: &Component<'a>) -> Result<(Session, Tz)> {
        let line = self.file.line_of(c.name.as_str());
        let title = self
            .one(c, "SUMMARY")?
            .ok_or_else(|| invalid(line, "an event has no SUMMARY"))?;
        let dtstart = self
            .one(c, "DTSTART")?
            .ok_or_else(|| invalid(line, "an event has no DTSTART"))?;
        let start_line = self.line(dtstart);
        let (tz, start) = match self.when(dtstart, dtstart.val.as_str(), "DTSTART")? {
            When::Zoned(tz, local) => (tz, local),
            When::Utc(t) => (Tz::UTC, t.naive_utc()),
            When::Floating(local) => (self.default_zone(start_line)?, local),
            When::Date(_) => return Err(all_day(start_line, "DTSTART")),
        };
        whole_minute(start, start_line, "DTSTART")?;
        let duration = match self.duration(c, resolve(tz, start))? {
            Some(d) => d,
            None => return Err(invalid(line, "an event has neither DTEND nor DURATION")),
        };

        for part in ["RDATE", "EXRULE"] {
            if let Some(p) = prop(c, part) {
                return Err(unsupported(self.line(p), part));
            }
        }
        let mut rules = props(c, "RRULE");
        let rule = rules.next();
        if let Some(second) = rules.next() {
            return Err(unsupported(self.line(second), "more than one RRULE"));
        }
        let recurrence = rule.map(|p| self.rrule(p, tz, start)).transpose()?;

        let text = |name: &str| -> Result<String> {
            Ok(self
                .one(c, name)?
                .map(|p| p.val.as_str().to_owned())
                .unwrap_or_default())
        };
        let mut video_link = text("URL")?;
        if video_link.trim().is_empty() {
            // Meeting links of Google and Teams invitations, when they are web links.
            video_link = CONFERENCE_LINKS
                .iter()
                .filter_map(|name| prop(c, name))
                .map(|p| p.val.as_str().trim())
                .find(|v| matches!(validate::link("video link", v), Ok(Some(_))))
                .unwrap_or_default()
                .to_owned();
        }
        let kind = props(c, "CATEGORIES")
            .flat_map(|p| split_text_list(p.val.as_str()))
            .find_map(|k| k.parse::<SessionKind>().ok())
            .unwrap_or(SessionKind::Other);
        let whose = prop(c, REMINDERS).map(|p| p.val.as_str().trim().to_ascii_uppercase());
        let leads = match (whose.as_deref(), self.alarms(c)?) {
            (Some("DEFAULT"), _) => None,
            (Some("OWN"), leads) => Some(leads.unwrap_or_default()),
            (_, leads) => leads,
        };

        let id = session_id(uid);
        let blank = Session {
            id: id.clone(),
            title: String::new(),
            kind,
            location: None,
            video_link: None,
            notes: None,
            start,
            time_zone: tz.name().to_owned(),
            duration_minutes: duration,
            recurrence: None,
            reminder_leads: None,
            changes: BTreeMap::new(),
            program_id: None,
        };
        let mut s = blank.with(&SessionFields {
            title: Some(title.val.as_str().to_owned()),
            location: Some(text("LOCATION")?),
            video_link: Some(video_link),
            notes: Some(text("DESCRIPTION")?),
            recurrence: Some(recurrence),
            reminder_leads: Some(leads),
            ..SessionFields::default()
        })?;

        for p in props(c, "EXDATE") {
            for value in p.val.as_str().split(',') {
                let date = self.series_date(p, value, "EXDATE", &s, tz)?;
                s.changes.insert(date, OccurrenceChange::Cancelled);
            }
        }
        if self.cancelled(c)? {
            if s.recurrence.is_some() {
                return Err(invalid(
                    line,
                    "a whole series marked STATUS:CANCELLED is not supported",
                ));
            }
            s.changes
                .insert(s.start.date(), OccurrenceChange::Cancelled);
        }
        Ok((s, tz))
    }

    fn cancelled(&self, c: &Component<'a>) -> Result<bool> {
        Ok(self
            .one(c, "STATUS")?
            .is_some_and(|p| p.val.as_str().trim().eq_ignore_ascii_case("CANCELLED")))
    }

    /// Minutes from `start` to DTEND, or DURATION; `None` if the event has neither.
    fn duration(&self, c: &Component<'a>, start: DateTime<Utc>) -> Result<Option<u32>> {
        let (end, length) = (self.one(c, "DTEND")?, self.one(c, "DURATION")?);
        let (secs, line) = match (end, length) {
            (Some(_), Some(p)) => {
                return Err(invalid(
                    self.line(p),
                    "an event has both DTEND and DURATION",
                ));
            }
            (Some(p), None) => {
                let line = self.line(p);
                let end = self.when(p, p.val.as_str(), "DTEND")?;
                let end = self.instant(end, line, "DTEND")?;
                ((end - start).num_seconds(), line)
            }
            (None, Some(p)) => {
                let line = self.line(p);
                let secs = parse_duration(p.val.as_str())
                    .ok_or_else(|| invalid(line, "DURATION is not a valid duration"))?;
                (secs, line)
            }
            (None, None) => return Ok(None),
        };
        if secs <= 0 {
            return Err(invalid(line, "an event must end after it starts"));
        }
        if secs % 60 != 0 {
            return Err(invalid(line, "an event's length must be whole minutes"));
        }
        // Too long for a u32 is too long for a session: validation refuses it by name.
        Ok(Some(u32::try_from(secs / 60).unwrap_or(u32::MAX)))
    }

    /// Lead times of the event's alarms; `None` if it has none.
    fn alarms(&self, c: &Component<'a>) -> Result<Option<Vec<u32>>> {
        let mut leads = Vec::new();
        let alarms = c
            .components
            .iter()
            .filter(|a| a.name.as_str().eq_ignore_ascii_case("VALARM"));
        for a in alarms {
            let line = self.file.line_of(a.name.as_str());
            // RFC 9074's placeholder alarm, which never fires.
            if self
                .one(a, "ACTION")?
                .is_some_and(|p| p.val.as_str().trim().eq_ignore_ascii_case("NONE"))
            {
                continue;
            }
            let trigger = self
                .one(a, "TRIGGER")?
                .ok_or_else(|| invalid(line, "an alarm has no TRIGGER"))?;
            let line = self.line(trigger);
            if param(trigger, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE-TIME")) {
                return Err(invalid(
                    line,
                    "alarms at a fixed time (TRIGGER;VALUE=DATE-TIME) are not supported",
                ));
            }
            if param(trigger, "RELATED").is_some_and(|v| v.eq_ignore_ascii_case("END")) {
                return Err(invalid(
                    line,
                    "alarms relative to the end (TRIGGER;RELATED=END) are not supported",
                ));
            }
            let secs = parse_duration(trigger.val.as_str())
                .ok_or_else(|| invalid(line, "TRIGGER is not a valid duration"))?;
            if secs > 0 {
                return Err(invalid(line, "alarms after the start are not supported"));
            }
            if secs % 60 != 0 {
                return Err(invalid(line, "alarm lead times must be whole minutes"));
            }
            // Too large for a u32 is too long a lead: validation refuses it by name.
            leads.push(u32::try_from(-secs / 60).unwrap_or(u32::MAX));
        }
        Ok((!leads.is_empty()).then_some(leads))
    }

    /// The weekly rule of an RRULE, for a series starting at `start` (wall clock in `tz`).
    fn rrule(&self, p: &Property<'_>, tz: Tz, start: NaiveDateTime) -> Result<Recurrence> {
        let line = self.line(p);
        let mut parts: BTreeMap<String, &str> = BTreeMap::new();
        // Reported after FREQ, which says more (FREQ=MONTHLY rather than its BYMONTHDAY).
        let mut unsupported_part = None;
        for part in p.val.as_str().split(';').filter(|x| !x.trim().is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| invalid(line, "RRULE has a part without a value"))?;
            let key = key.trim().to_ascii_uppercase();
            match key.as_str() {
                "FREQ" | "INTERVAL" | "UNTIL" | "COUNT" | "BYDAY" | "WKST" => {}
                "BYSECOND" | "BYMINUTE" | "BYHOUR" | "BYMONTHDAY" | "BYYEARDAY" | "BYWEEKNO"
                | "BYMONTH" | "BYSETPOS" | "RSCALE" | "SKIP" => {
                    unsupported_part.get_or_insert(key.clone());
                }
                _ => return Err(invalid(line, "RRULE has an unknown part")),
            }
            if parts.insert(key, value.trim()).is_some() {
                return Err(invalid(line, "RRULE repeats a part"));
            }
        }
        match parts.get("FREQ").map(|f| f.to_ascii_uppercase()) {
            None => return Err(invalid(line, "RRULE has no FREQ")),
            Some(f) if f == "WEEKLY" => {}
            Some(f) => {
                const KNOWN: [&str; 6] = [
                    "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "MONTHLY", "YEARLY",
                ];
                return Err(match KNOWN.iter().find(|k| **k == f) {
                    Some(k) => unsupported(line, format!("FREQ={k}")),
                    None => invalid(line, "RRULE FREQ is not a frequency"),
                });
            }
        }
        if let Some(part) = unsupported_part {
            return Err(unsupported(line, part));
        }
        let number = |key: &'static str| -> Result<Option<u32>> {
            parts
                .get(key)
                .map(|v| {
                    v.parse::<u32>()
                        .map_err(|_| invalid(line, format!("RRULE {key} is not a whole number")))
                })
                .transpose()
        };
        let interval_weeks = number("INTERVAL")?.unwrap_or(1);
        let count = number("COUNT")?;
        let mut weekdays = Vec::new();
        if let Some(days) = parts.get("BYDAY") {
            for day in days.split(',') {
                weekdays.push(weekday(day, line)?);
            }
        }
        if weekdays.is_empty() {
            // A weekly rule without BYDAY repeats on the first session's weekday.
            weekdays.push(start.weekday());
        }
        if let Some(wkst) = parts.get("WKST") {
            // The week start only moves dates when several weekdays repeat every few weeks.
            let day = weekday(wkst, line)?;
            if day != chrono::Weekday::Mon && interval_weeks > 1 && weekdays.len() > 1 {
                return Err(unsupported(
                    line,
                    format!("WKST={}", crate::schedule::recurrence::weekday_code(day)),
                ));
            }
        }
        let until = parts
            .get("UNTIL")
            .map(|u| self.until(u, tz, start.time(), line))
            .transpose()?;
        Ok(Recurrence {
            weekdays,
            interval_weeks,
            until,
            count,
        })
    }

    /// The last date in `tz` whose session starts no later than UNTIL.
    fn until(
        &self,
        value: &str,
        tz: Tz,
        time: NaiveTime,
        line: Option<usize>,
    ) -> Result<NaiveDate> {
        let bad = || invalid(line, "RRULE UNTIL is not a valid date or date-time");
        if value.len() == 8 {
            return parse_date(value).ok_or_else(bad);
        }
        let (local, utc) = parse_date_time(value).ok_or_else(bad)?;
        // A floating UNTIL is read in the series' zone (RFC 5545 3.3.10).
        let limit = if utc {
            local.and_utc()
        } else {
            resolve(tz, local)
        };
        let date = limit.with_timezone(&tz).date_naive();
        if resolve(tz, date.and_time(time)) <= limit {
            Ok(date)
        } else {
            date.pred_opt().ok_or_else(bad)
        }
    }

    /// The series date of an EXDATE or RECURRENCE-ID value: it must name an occurrence.
    fn series_date(
        &self,
        p: &Property<'_>,
        value: &str,
        what: &'static str,
        s: &Session,
        tz: Tz,
    ) -> Result<NaiveDate> {
        let line = self.line(p);
        let not_one = |date: NaiveDate| Error::NoSuchOccurrence {
            session_id: s.id.clone(),
            date: date.to_string(),
        };
        let date = match self.when(p, value, what)? {
            When::Date(d) => d,
            w => {
                let local = self.local_in(w, tz, line, what)?;
                let date = local.date();
                // Compared as instants: a series time that falls in a spring-forward gap is
                // held an hour later, and a UTC value names that later time.
                if resolve(tz, local) != resolve(tz, date.and_time(s.start.time())) {
                    return Err(not_one(date));
                }
                date
            }
        };
        if !s.has_occurrence_on(date) {
            return Err(not_one(date));
        }
        Ok(date)
    }

    /// Applies an event with a RECURRENCE-ID to its series: the occurrence is cancelled or
    /// moved. Returns the occurrence's series date.
    fn apply_override(&self, s: &mut Session, tz: Tz, c: &Component<'a>) -> Result<NaiveDate> {
        let Some(rid) = self.one(c, "RECURRENCE-ID")? else {
            return Err(invalid(
                self.file.line_of(c.name.as_str()),
                "no RECURRENCE-ID",
            ));
        };
        if param(rid, "RANGE").is_some() {
            return Err(unsupported(self.line(rid), "RECURRENCE-ID;RANGE"));
        }
        let date = self.series_date(rid, rid.val.as_str(), "RECURRENCE-ID", s, tz)?;
        let original = date.and_time(s.start.time());
        if self.cancelled(c)? {
            s.changes.insert(date, OccurrenceChange::Cancelled);
            return Ok(date);
        }
        if s.changes.get(&date) == Some(&OccurrenceChange::Cancelled) {
            // An EXDATE removes the occurrence whatever else the file says about it.
            return Ok(date);
        }
        let start = match self.one(c, "DTSTART")? {
            Some(p) => {
                let line = self.line(p);
                let w = self.when(p, p.val.as_str(), "DTSTART")?;
                let start = self.local_in(w, tz, line, "DTSTART")?;
                whole_minute(start, line, "DTSTART")?;
                start
            }
            None => original,
        };
        // Without its own DTEND or DURATION an occurrence keeps the series' length.
        let duration = self
            .duration(c, resolve(tz, start))?
            .unwrap_or(s.duration_minutes);
        session::check_moved(start, Some(duration))?;
        if start != original || duration != s.duration_minutes {
            s.changes.insert(
                date,
                OccurrenceChange::Moved {
                    start,
                    duration_minutes: duration,
                },
            );
        }
        Ok(date)
    }
}

fn all_day(line: Option<usize>, what: &'static str) -> Error {
    invalid(
        line,
        format!("all-day events are not supported ({what} is a date without a time)"),
    )
}

fn whole_minute(t: NaiveDateTime, line: Option<usize>, what: &'static str) -> Result<()> {
    if t.second() != 0 || t.nanosecond() != 0 {
        return Err(invalid(line, format!("{what} must be a whole minute")));
    }
    Ok(())
}

/// A session's id from an event's UID: ours carry the id, others map to a stable UUID v5.
fn session_id(uid: &str) -> String {
    if let Some(id) = uid.strip_suffix(UID_SUFFIX)
        && let Ok(id) = Uuid::parse_str(id)
    {
        return id.to_string();
    }
    Uuid::new_v5(&FOREIGN_UID_NAMESPACE, uid.as_bytes()).to_string()
}

/// An IANA zone from a TZID or X-WR-TIMEZONE: an IANA name, a common US Windows name, or an
/// IANA name at the end of an old Mozilla-style path (`/mozilla.org/…/America/New_York`).
fn zone(name: &str) -> Result<Tz> {
    let name = name.trim();
    if let Ok(tz) = name.parse::<Tz>() {
        return Ok(tz);
    }
    if let Some((_, iana)) = WINDOWS_ZONES
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(name))
        && let Ok(tz) = iana.parse::<Tz>()
    {
        return Ok(tz);
    }
    if name.starts_with('/') {
        let segments: Vec<&str> = name.split('/').collect();
        for n in [3, 2] {
            if let Some(tail) = segments
                .len()
                .checked_sub(n)
                .and_then(|i| segments.get(i..))
                && let Ok(tz) = tail.join("/").parse::<Tz>()
            {
                return Ok(tz);
            }
        }
    }
    Err(Error::UnknownTimeZone(name.chars().take(64).collect()))
}

fn weekday(code: &str, line: Option<usize>) -> Result<chrono::Weekday> {
    use chrono::Weekday::*;
    let code = code.trim().to_ascii_uppercase();
    let day = match code.as_str() {
        "MO" => Mon,
        "TU" => Tue,
        "WE" => Wed,
        "TH" => Thu,
        "FR" => Fri,
        "SA" => Sat,
        "SU" => Sun,
        _ => {
            let ordinal = code.len() > 2
                && code.get(..code.len() - 2).is_some_and(|n| {
                    n.trim_start_matches(['+', '-'])
                        .bytes()
                        .all(|b| b.is_ascii_digit())
                });
            return Err(if ordinal {
                unsupported(line, "BYDAY with a week number (such as 1MO or -1FR)")
            } else {
                invalid(line, "RRULE has an unknown weekday")
            });
        }
    };
    Ok(day)
}

/// `YYYYMMDD`.
fn parse_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y%m%d").ok()
}

/// `YYYYMMDDTHHMMSS`, optionally ending in `Z` (UTC): the time and whether it is UTC.
fn parse_date_time(s: &str) -> Option<(NaiveDateTime, bool)> {
    let (body, utc) = match s.strip_suffix(['Z', 'z']) {
        Some(b) => (b, true),
        None => (s, false),
    };
    let (date, time) = body.split_once(['T', 't'])?;
    if time.len() != 6 || !time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = parse_date(date)?;
    let n = |r: std::ops::Range<usize>| time.get(r).and_then(|x| x.parse::<u32>().ok());
    // RFC 5545 allows a leap second (60); it is read as the minute's last second.
    let time = NaiveTime::from_hms_opt(n(0..2)?, n(2..4)?, n(4..6)?.min(59))?;
    Some((date.and_time(time), utc))
}

/// An RFC 5545 duration (`-PT15M`, `PT1H30M`, `-P1D`, `P1W`) in seconds.
pub(crate) fn parse_duration(s: &str) -> Option<i64> {
    let s = s.trim();
    let (sign, rest) = match s.as_bytes().first()? {
        b'-' => (-1, s.get(1..)?),
        b'+' => (1, s.get(1..)?),
        _ => (1, s),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    let mut total: i64 = 0;
    let mut digits = String::new();
    let mut in_time = false;
    let mut any = false;
    // Units in the order RFC 5545 allows them; each at most once.
    let mut last_rank = 0;
    for c in rest.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let c = c.to_ascii_uppercase();
        // A week count stands alone (dur-week).
        if last_rank == 1 {
            return None;
        }
        if c == 'T' {
            if in_time || !digits.is_empty() {
                return None;
            }
            in_time = true;
            continue;
        }
        let (unit, rank) = match (c, in_time) {
            ('W', false) => (7 * 86_400, 1),
            ('D', false) => (86_400, 2),
            ('H', true) => (3_600, 3),
            ('M', true) => (60, 4),
            ('S', true) => (1, 5),
            _ => return None,
        };
        if rank <= last_rank || digits.is_empty() {
            return None;
        }
        last_rank = rank;
        let n: i64 = digits.parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
        digits.clear();
        any = true;
    }
    // Digits without a unit, nothing at all, or a T with no time after it.
    if !digits.is_empty() || !any || (in_time && last_rank < 3) {
        return None;
    }
    Some(sign * total)
}

/// A text list (CATEGORIES) split on unescaped commas, each item unescaped.
fn split_text_list(raw: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => item.push('\n'),
                Some(other) => item.push(other),
                None => {}
            },
            ',' => items.push(std::mem::take(&mut item)),
            _ => item.push(c),
        }
    }
    items.push(item);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_every_allowed_form() {
        assert_eq!(parse_duration("-PT15M"), Some(-900));
        assert_eq!(parse_duration("PT1H30M"), Some(5400));
        assert_eq!(parse_duration("-P1D"), Some(-86_400));
        assert_eq!(parse_duration("P1DT2H"), Some(93_600));
        assert_eq!(parse_duration("+P2W"), Some(1_209_600));
        assert_eq!(parse_duration("PT0S"), Some(0));
        for bad in [
            "",
            "P",
            "PT",
            "15M",
            "PT15",
            "P1H",
            "PT1D",
            "PT1M1H",
            "P1DT",
            "PTT1M",
            "-",
            "P99999999999999999999W",
            "PT1M2M",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_and_times_are_read_strictly() {
        assert!(parse_date("20261102").is_some());
        assert!(parse_date("2026110").is_none());
        assert!(parse_date("2026-11-2").is_none());
        assert_eq!(
            parse_date_time("20261102T090000Z").map(|(_, utc)| utc),
            Some(true)
        );
        assert!(parse_date_time("20261102T0900").is_none());
        assert!(parse_date_time("20261102T25000").is_none());
        assert!(parse_date_time("20261302T090000").is_none());
        assert!(parse_date_time("２０２６1102T090000").is_none());
    }

    #[test]
    fn zones_by_iana_windows_and_mozilla_names() {
        assert_eq!(zone("America/Chicago").unwrap().name(), "America/Chicago");
        assert_eq!(
            zone("Central Standard Time").unwrap().name(),
            "America/Chicago"
        );
        assert_eq!(
            zone("/mozilla.org/20070129_1/America/New_York")
                .unwrap()
                .name(),
            "America/New_York"
        );
        assert!(matches!(
            zone("Mars Standard Time"),
            Err(Error::UnknownTimeZone(_))
        ));
    }

    #[test]
    fn text_lists_split_on_unescaped_commas() {
        assert_eq!(split_text_list(r"a\, b,c"), ["a, b", "c"]);
        assert_eq!(split_text_list("x"), ["x"]);
    }

    #[test]
    fn our_uids_keep_their_ids_and_others_map_stably() {
        let id = Uuid::new_v4().to_string();
        assert_eq!(session_id(&format!("{id}{UID_SUFFIX}")), id);
        assert_eq!(session_id("abc@clinic"), session_id("abc@clinic"));
        assert_ne!(session_id("abc@clinic"), session_id("abd@clinic"));
        assert_ne!(session_id("nonsense@iop-companion"), "nonsense");
    }
}
