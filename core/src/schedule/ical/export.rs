//! The schedule as one VCALENDAR: a VTIMEZONE per zone used, a VEVENT per session (with its
//! weekly rule, cancelled dates and alarms) and a VEVENT per moved occurrence.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{
    Alarm, CalendarDateTime, Component, Event, EventLike, EventStatus, Property, Trigger,
};

use super::{LOCAL_FORM, REMINDERS, UID_SUFFIX, UTC_FORM};
use crate::error::{Error, Result};
use crate::prefs::Preferences;
use crate::schedule::localtime::resolve;
use crate::schedule::recurrence::{Recurrence, weekday_code};
use crate::schedule::session::{OccurrenceChange, Session};
use crate::storage::store::Store;

const PRODID: &str = "-//IOP Companion//Schedule//EN";
/// How many years past this one an open-ended series' zone definitions cover.
const OPEN_ENDED_YEARS: i32 = 10;
/// Alarm text when notifications are discreet: it names no treatment or program.
const DISCREET_ALARM: &str = "Reminder";

impl Store {
    /// The whole schedule as an RFC 5545 calendar (`METHOD:PUBLISH`), CRLF line endings.
    pub fn export_ics(&self) -> Result<String> {
        let sessions = self.sessions()?;
        let prefs = self.preferences()?;
        export(&sessions, &prefs, Utc::now())
    }
}

/// The calendar for `sessions`, stamped `now`.
pub(crate) fn export(
    sessions: &[Session],
    prefs: &Preferences,
    now: DateTime<Utc>,
) -> Result<String> {
    // A zone this build does not know (written by a newer version with newer zone data) cannot
    // be described or resolved; such a session is left out rather than failing the export.
    let zoned: Vec<(&Session, Tz)> = sessions
        .iter()
        .filter_map(|s| s.time_zone.parse::<Tz>().ok().map(|tz| (s, tz)))
        .collect();
    let mut spans: BTreeMap<&str, (Tz, i32, i32)> = BTreeMap::new();
    for (s, tz) in &zoned {
        let (first, last) = years(s, now);
        let span = spans.entry(tz.name()).or_insert((*tz, first, last));
        span.1 = span.1.min(first);
        span.2 = span.2.max(last);
    }

    let mut out = Writer::default();
    out.begin("VCALENDAR");
    out.prop(Property::new("PRODID", PRODID))?;
    out.prop(Property::new("VERSION", "2.0"))?;
    out.prop(Property::new("CALSCALE", "GREGORIAN"))?;
    out.prop(Property::new("METHOD", "PUBLISH"))?;
    for (tz, first, last) in spans.values() {
        write_vtimezone(&mut out, *tz, *first, *last)?;
    }
    for (s, tz) in &zoned {
        write_session(&mut out, s, *tz, prefs, now)?;
    }
    out.end("VCALENDAR");
    Ok(out.0)
}

/// The calendar years a session's occurrences fall in, widened by one on each side so the zone
/// definition also covers the offsets just before and after.
fn years(s: &Session, now: DateTime<Utc>) -> (i32, i32) {
    let mut first = s.start.year();
    let mut last = match &s.recurrence {
        None => first,
        Some(Recurrence {
            until: Some(until), ..
        }) => until.year(),
        Some(r) if r.count.is_some() => {
            let end = NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or(NaiveDate::MAX);
            r.dates(s.start.date(), s.start.date(), end)
                .last()
                .map_or(first, |d| d.year())
        }
        Some(_) => first.max(now.year()) + OPEN_ENDED_YEARS,
    };
    for change in s.changes.values() {
        if let OccurrenceChange::Moved { start, .. } = change {
            first = first.min(start.year());
            last = last.max(start.year());
        }
    }
    // Stored sessions hold 2000..=2100; the clamp only bounds the scan for a damaged record.
    ((first - 1).clamp(1970, 2101), (last + 1).clamp(1970, 2101))
}

/// Content lines, written one by one.
///
/// Every property line is produced by the `icalendar` crate (escaping, parameter quoting,
/// folding at 75 octets, CRLF). Only the `BEGIN:`/`END:` framing is written here, because the
/// crate's component writer adds a `DTSTAMP` and a random `UID` to every component that lacks
/// them, VALARM, VTIMEZONE, STANDARD and DAYLIGHT included, where RFC 5545 has no place for
/// them (and the random UIDs would make every export of the same schedule differ).
#[derive(Default)]
struct Writer(String);

impl Writer {
    fn begin(&mut self, name: &str) {
        self.0.push_str("BEGIN:");
        self.0.push_str(name);
        self.0.push_str("\r\n");
    }

    fn end(&mut self, name: &str) {
        self.0.push_str("END:");
        self.0.push_str(name);
        self.0.push_str("\r\n");
    }

    fn prop(&mut self, p: Property) -> Result<()> {
        let line: String = p
            .try_into()
            // Writing into a String cannot fail; this only satisfies the signature.
            .map_err(|_| Error::Storage("the calendar could not be formatted".into()))?;
        self.0.push_str(&line);
        Ok(())
    }

    /// A component built with the crate's builders, with its child components (alarms).
    fn component<C: Component>(&mut self, c: &C) -> Result<()> {
        let kind = c.component_kind();
        self.begin(&kind);
        for p in c.properties().values() {
            self.prop(p.clone())?;
        }
        for p in c.multi_properties().values().flatten() {
            self.prop(p.clone())?;
        }
        for child in c.components() {
            self.component(child)?;
        }
        self.end(&kind);
        Ok(())
    }
}

/// One change of a zone's UTC offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Transition {
    /// The first instant of the new offset.
    pub(crate) at: DateTime<Utc>,
    /// Seconds east of UTC before and after.
    pub(crate) from: i32,
    pub(crate) to: i32,
    /// Whether the new offset is daylight-saving time.
    pub(crate) daylight: bool,
    pub(crate) name: Option<String>,
}

fn offset_at(tz: Tz, t: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&t.naive_utc())
        .fix()
        .local_minus_utc()
}

/// Every change of `tz`'s UTC offset in `from..to`: a day-by-day scan (no zone changes its
/// offset twice in a day), then bisection to the second.
pub(crate) fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
    let mut out = Vec::new();
    let mut t = from;
    let mut current = offset_at(tz, t);
    while t < to {
        let Some(next) = t.checked_add_signed(Duration::days(1)) else {
            break;
        };
        let after = offset_at(tz, next);
        if after != current {
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let at_mid = DateTime::from_timestamp(mid, 0).map(|m| offset_at(tz, m));
                if at_mid == Some(current) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            if let Some(at) = DateTime::from_timestamp(hi, 0) {
                let offset = tz.offset_from_utc_datetime(&at.naive_utc());
                out.push(Transition {
                    at,
                    from: current,
                    to: offset.fix().local_minus_utc(),
                    daylight: !offset.dst_offset().is_zero(),
                    name: offset.abbreviation().map(str::to_owned),
                });
            }
            current = after;
        }
        t = next;
    }
    out
}

/// A VTIMEZONE listing the zone's actual offset changes over the years `first..=last` (one
/// observance per change, so no RRULE is needed); a zone that does not change gets one
/// STANDARD observance.
fn write_vtimezone(out: &mut Writer, tz: Tz, first: i32, last: i32) -> Result<()> {
    let (Some(from), Some(to)) = (
        Utc.with_ymd_and_hms(first, 1, 1, 0, 0, 0).single(),
        Utc.with_ymd_and_hms(last + 1, 1, 1, 0, 0, 0).single(),
    ) else {
        return Ok(());
    };
    out.begin("VTIMEZONE");
    out.prop(Property::new("TZID", tz.name()))?;
    let changes = transitions(tz, from, to);
    if changes.is_empty() {
        let offset = tz.offset_from_utc_datetime(&from.naive_utc());
        let secs = offset.fix().local_minus_utc();
        let start = NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        observance(out, "STANDARD", start, secs, secs, offset.abbreviation())?;
    }
    for t in &changes {
        // An observance starts at the local time of the change, read with the old offset.
        let local =
            t.at.checked_add_signed(Duration::seconds(i64::from(t.from)))
                .unwrap_or(t.at)
                .naive_utc();
        let kind = if t.daylight { "DAYLIGHT" } else { "STANDARD" };
        observance(out, kind, local, t.from, t.to, t.name.as_deref())?;
    }
    out.end("VTIMEZONE");
    Ok(())
}

fn observance(
    out: &mut Writer,
    kind: &str,
    start: NaiveDateTime,
    from: i32,
    to: i32,
    name: Option<&str>,
) -> Result<()> {
    out.begin(kind);
    out.prop(Property::new(
        "DTSTART",
        start.format(LOCAL_FORM).to_string(),
    ))?;
    out.prop(Property::new("TZOFFSETFROM", utc_offset(from)))?;
    out.prop(Property::new("TZOFFSETTO", utc_offset(to)))?;
    if let Some(name) = name.filter(|n| !n.is_empty()) {
        out.prop(Property::new("TZNAME", name))?;
    }
    out.end(kind);
    Ok(())
}

/// An RFC 5545 UTC offset: `+0530`, `-0600`, with seconds only when there are any.
pub(crate) fn utc_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// The session's series event, then one event per moved occurrence.
fn write_session(
    out: &mut Writer,
    s: &Session,
    tz: Tz,
    prefs: &Preferences,
    now: DateTime<Utc>,
) -> Result<()> {
    let uid = format!("{}{UID_SUFFIX}", s.id);
    let leads = s
        .reminder_leads
        .as_deref()
        .unwrap_or(&prefs.default_reminder_leads);
    let alarm_text = if prefs.discreet_notifications {
        DISCREET_ALARM
    } else {
        &s.title
    };
    let zoned = |local: NaiveDateTime| CalendarDateTime::WithTimezone {
        date_time: local,
        tzid: tz.name().to_owned(),
    };
    let event = |start: NaiveDateTime, minutes: u32| {
        let mut ev = Event::new();
        ev.uid(&uid)
            .timestamp(now)
            .summary(&s.title)
            .starts(zoned(start))
            .categories([s.kind.as_str()]);
        let end = resolve(tz, start).checked_add_signed(Duration::minutes(i64::from(minutes)));
        let end_local = end.map(|e| e.with_timezone(&tz).naive_local());
        if let (Some(end), Some(end_local)) = (end, end_local)
            && resolve(tz, end_local) == end
        {
            ev.ends(zoned(end_local));
        } else {
            // The end falls in a repeated (fall-back) hour, where a local DTEND would be read
            // as the first of the two: an exact duration says it without ambiguity.
            ev.append_property(Property::new("DURATION", format!("PT{minutes}M")));
        }
        if let Some(l) = &s.location {
            ev.location(l);
        }
        if let Some(v) = &s.video_link {
            ev.url(v);
        }
        if let Some(n) = &s.notes {
            ev.description(n);
        }
        for lead in leads {
            let mut alarm = Alarm::display(
                alarm_text,
                Trigger::before_start(Duration::minutes(i64::from(*lead))),
            );
            // The crate writes durations in seconds (-PT3600S); minutes read better everywhere.
            alarm.append_property(Property::new("TRIGGER", format!("-PT{lead}M")));
            ev.alarm(alarm);
        }
        ev
    };

    let occurs = |d: &NaiveDate| s.has_occurrence_on(*d);
    let mut master = event(s.start, s.duration_minutes);
    let whose = if s.reminder_leads.is_some() {
        "OWN"
    } else {
        "DEFAULT"
    };
    master.add_property(REMINDERS, whose);
    match &s.recurrence {
        Some(r) => {
            master.add_property("RRULE", rrule(r, s, tz));
            for (date, change) in s.changes.iter().filter(|(d, _)| occurs(d)) {
                if *change == OccurrenceChange::Cancelled {
                    master.exdate(zoned(date.and_time(s.start.time())));
                }
            }
        }
        None => {
            // A cancelled one-off is the event itself cancelled: clients understand that
            // better than an EXDATE removing an event's only occurrence.
            if s.changes.get(&s.start.date()) == Some(&OccurrenceChange::Cancelled) {
                master.status(EventStatus::Cancelled);
            }
        }
    }
    out.component(&master)?;

    for (date, change) in s.changes.iter().filter(|(d, _)| occurs(d)) {
        if let OccurrenceChange::Moved {
            start,
            duration_minutes,
        } = change
        {
            let mut moved = event(*start, *duration_minutes);
            moved.recurrence_id(zoned(date.and_time(s.start.time())));
            out.component(&moved)?;
        }
    }
    Ok(())
}

/// `FREQ=WEEKLY;…` for the series. RFC 5545 wants UNTIL in UTC when DTSTART names a zone: the
/// end of the occurrence on the until-date, which is after that occurrence's start and before
/// the next one's, whatever the offsets.
fn rrule(r: &Recurrence, s: &Session, tz: Tz) -> String {
    let days: Vec<&str> = r.weekdays.iter().map(|w| weekday_code(*w)).collect();
    let mut rule = format!(
        "FREQ=WEEKLY;WKST=MO;INTERVAL={};BYDAY={}",
        r.interval_weeks,
        days.join(",")
    );
    if let Some(until) = r.until {
        let start = resolve(tz, until.and_time(s.start.time()));
        let end = start
            .checked_add_signed(Duration::minutes(i64::from(s.duration_minutes)))
            .unwrap_or(start);
        rule.push_str(";UNTIL=");
        rule.push_str(&end.format(UTC_FORM).to_string());
    }
    if let Some(count) = r.count {
        rule.push_str(&format!(";COUNT={count}"));
    }
    rule
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_written_the_rfc_way() {
        assert_eq!(utc_offset(-6 * 3600), "-0600");
        assert_eq!(utc_offset(5 * 3600 + 1800), "+0530");
        assert_eq!(utc_offset(0), "+0000");
        assert_eq!(utc_offset(-(3600 + 75)), "-010115");
    }

    #[test]
    fn chicago_2026_changes_at_two_in_the_morning() {
        let tz: Tz = "America/Chicago".parse().unwrap();
        let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        let t = transitions(tz, from, to);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].at, Utc.with_ymd_and_hms(2026, 3, 8, 8, 0, 0).unwrap());
        assert_eq!(
            (t[0].from, t[0].to, t[0].daylight),
            (-6 * 3600, -5 * 3600, true)
        );
        assert_eq!(t[1].at, Utc.with_ymd_and_hms(2026, 11, 1, 7, 0, 0).unwrap());
        assert_eq!(
            (t[1].from, t[1].to, t[1].daylight),
            (-5 * 3600, -6 * 3600, false)
        );
        assert_eq!(t[1].name.as_deref(), Some("CST"));
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
        assert!(transitions(kolkata, from, to).is_empty());
    }
}
