//! Printing: JSON for scripts, short aligned text for people.

use chrono::{DateTime, NaiveDate, TimeZone};
use companion_core::{CheckIn, Contact, Occurrence, OccurrenceStatus, Recurrence, Session};
use serde::Serialize;

use crate::{Failure, Outcome};

/// The value as pretty JSON, and nothing else.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Outcome {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| Failure::Message(format!("cannot write JSON: {e}")))
}

/// Rows under a header, columns padded to line up (the last column is not padded).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut all = vec![header.iter().map(|h| h.to_string()).collect()];
    all.extend_from_slice(rows);
    align(&all, "")
}

/// Rows without a header, indented, columns lined up.
pub fn indented(rows: &[Vec<String>]) -> String {
    align(rows, "  ")
}

fn align(rows: &[Vec<String>], indent: &str) -> String {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let n = cell.chars().count();
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(n),
                None => widths.push(n),
            }
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = indent.to_owned();
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = widths[i].saturating_sub(cell.chars().count());
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out += line.trim_end();
        out.push('\n');
    }
    out
}

/// `label  value` lines with the values lined up.
pub fn pairs(items: &[(&str, String)]) -> String {
    let width = items
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    items
        .iter()
        .map(|(k, v)| format!("{k:width$}  {v}\n"))
        .collect()
}

/// The first line of a free text, cut to `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    let first = text.lines().next().unwrap_or("").replace('\t', " ");
    let more = text.lines().nth(1).is_some();
    if first.chars().count() > max {
        first
            .chars()
            .take(max.saturating_sub(1))
            .collect::<String>()
            + "…"
    } else if more {
        first + " …"
    } else {
        first
    }
}

fn yes_no(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "-",
    }
}

pub fn sleep(hours: Option<f64>) -> String {
    match hours {
        Some(h) => {
            let minutes = (h * 60.0).round() as i64;
            format!("{}h{:02}", minutes / 60, minutes % 60)
        }
        None => "-".into(),
    }
}

fn or_dash(v: Option<impl ToString>) -> String {
    v.map_or_else(|| "-".into(), |v| v.to_string())
}

// Check-ins

pub fn checkin_line(c: &CheckIn) -> String {
    let mut parts = vec![
        c.date.format("%a %Y-%m-%d").to_string(),
        format!("mood {}/10", c.mood),
    ];
    if let Some(v) = c.craving {
        parts.push(format!("craving {v}/10"));
    }
    if c.sleep_hours.is_some() {
        parts.push(format!("slept {}", sleep(c.sleep_hours)));
    }
    if let Some(u) = c.used_today {
        parts.push(if u { "used" } else { "did not use" }.into());
    }
    if !c.emotions.is_empty() {
        parts.push(c.emotions.iter().cloned().collect::<Vec<_>>().join(", "));
    }
    if let Some(n) = &c.note {
        parts.push(format!("note: {}", excerpt(n, 60)));
    }
    parts.join("  ·  ")
}

pub fn checkins(list: &[CheckIn]) -> String {
    if list.is_empty() {
        return "No check-ins.\n".into();
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                c.date.format("%a %Y-%m-%d").to_string(),
                format!("{}/10", c.mood),
                c.craving.map_or_else(|| "-".into(), |v| format!("{v}/10")),
                sleep(c.sleep_hours),
                yes_no(c.used_today).into(),
                c.emotions.iter().cloned().collect::<Vec<_>>().join(", "),
                c.note
                    .as_deref()
                    .map(|n| excerpt(n, 40))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &[
            "DATE", "MOOD", "CRAVING", "SLEEP", "USED", "EMOTIONS", "NOTE",
        ],
        &rows,
    )
}

// Contacts

pub fn contact_line(c: &Contact) -> String {
    let mut parts = vec![format!("{} ({})", c.name, c.role)];
    if c.favourite {
        parts.push("★ favourite".into());
    }
    for (label, v) in [("phone", &c.phone), ("sms", &c.sms), ("email", &c.email)] {
        if let Some(v) = v {
            parts.push(format!("{label} {v}"));
        }
    }
    parts.join("  ·  ")
}

pub fn contacts(list: &[Contact]) -> String {
    if list.is_empty() {
        return "No contacts.\n".into();
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                c.id.clone(),
                if c.favourite { "★" } else { "" }.into(),
                c.name.clone(),
                c.role.to_string(),
                or_dash(c.phone.as_ref()),
                or_dash(c.sms.as_ref()),
                or_dash(c.email.as_ref()),
                c.notes
                    .as_deref()
                    .map(|n| excerpt(n, 30))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    table(
        &[
            "ID", "FAV", "NAME", "ROLE", "PHONE", "SMS", "EMAIL", "NOTES",
        ],
        &rows,
    )
}

// Sessions

pub fn repeats(r: &Option<Recurrence>) -> String {
    let Some(r) = r else {
        return "once".into();
    };
    let days: Vec<&str> = r
        .weekdays
        .iter()
        .map(|w| companion_core::weekday_code(*w))
        .collect();
    let mut s = match r.interval_weeks {
        1 => format!("weekly {}", days.join(",")),
        n => format!("every {n} weeks {}", days.join(",")),
    };
    if let Some(u) = r.until {
        s += &format!(" until {u}");
    }
    if let Some(c) = r.count {
        s += &format!(" ×{c}");
    }
    s
}

fn leads(l: &Option<Vec<u32>>) -> String {
    match l.as_deref() {
        None => "default".into(),
        Some([]) => "none".into(),
        Some(l) => l.iter().map(u32::to_string).collect::<Vec<_>>().join(","),
    }
}

pub fn session_line(s: &Session) -> String {
    let mut parts = vec![
        format!("{} ({})", s.title, s.kind),
        format!("{} {}", s.start.format("%a %Y-%m-%d %H:%M"), s.time_zone),
        format!("{} min", s.duration_minutes),
        repeats(&s.recurrence),
    ];
    if let Some(l) = &s.location {
        parts.push(format!("at {l}"));
    }
    if let Some(v) = &s.video_link {
        parts.push(format!("video {v}"));
    }
    parts.push(format!("reminders {}", leads(&s.reminder_leads)));
    parts.join("  ·  ")
}

pub fn sessions(list: &[Session]) -> String {
    if list.is_empty() {
        return "No sessions.\n".into();
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            vec![
                s.id.clone(),
                s.title.clone(),
                s.kind.to_string(),
                s.start.format("%a %Y-%m-%d %H:%M").to_string(),
                s.time_zone.clone(),
                s.duration_minutes.to_string(),
                repeats(&s.recurrence),
                leads(&s.reminder_leads),
            ]
        })
        .collect();
    let mut out = table(
        &[
            "ID",
            "TITLE",
            "KIND",
            "START",
            "ZONE",
            "MIN",
            "REPEATS",
            "REMINDERS",
        ],
        &rows,
    );
    let changes: Vec<Vec<String>> = list
        .iter()
        .flat_map(|s| {
            s.changes.iter().map(|(date, change)| {
                let what = match change {
                    companion_core::OccurrenceChange::Cancelled => "cancelled".to_owned(),
                    companion_core::OccurrenceChange::Moved {
                        start,
                        duration_minutes,
                    } => format!(
                        "moved to {}, {duration_minutes} min",
                        start.format("%a %Y-%m-%d %H:%M")
                    ),
                };
                vec![s.id.clone(), s.title.clone(), date.to_string(), what]
            })
        })
        .collect();
    if !changes.is_empty() {
        out += "\nChanged occurrences\n";
        out += &table(&["ID", "TITLE", "DATE", "CHANGE"], &changes);
    }
    out
}

/// Start and end of an occurrence in the participant's zone `tz` (with the date when it is
/// not `day`), plus its own wall-clock start when its zone differs.
pub fn occurrence_time<Tz: TimeZone>(
    o: &Occurrence,
    tz: &Tz,
    zone_name: &str,
    day: NaiveDate,
) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let show = |t: &DateTime<chrono::Utc>| {
        let local = t.with_timezone(tz);
        if local.date_naive() == day {
            local.format("%H:%M").to_string()
        } else {
            local.format("%a %m-%d %H:%M").to_string()
        }
    };
    let mut s = format!("{}–{}", show(&o.start), show(&o.end));
    if o.time_zone != zone_name {
        s += &format!(" ({} {})", o.local_start.format("%H:%M"), o.time_zone);
    }
    s
}

pub fn status(s: OccurrenceStatus) -> &'static str {
    match s {
        OccurrenceStatus::Scheduled => "",
        OccurrenceStatus::Moved => "moved",
        OccurrenceStatus::Cancelled => "CANCELLED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_line_up() {
        let t = table(
            &["A", "BB"],
            &[vec!["xxx".into(), "y".into()], vec!["é".into(), "".into()]],
        );
        assert_eq!(t, "A    BB\nxxx  y\né\n");
    }

    #[test]
    fn excerpts_and_sleep() {
        assert_eq!(excerpt("abc\ndef", 10), "abc …");
        assert_eq!(excerpt("abcdef", 4), "abc…");
        assert_eq!(sleep(Some(7.5)), "7h30");
        assert_eq!(sleep(None), "-");
    }
}
