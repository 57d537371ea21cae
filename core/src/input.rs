//! Text as people type it into a shell (the terminal, the staff tool), read one way for all:
//! clap's value parsers call these, so a date or a lead list means the same everywhere.
//! Errors are short hints for a usage message; they never repeat the input.

use chrono::{NaiveDate, NaiveDateTime, Weekday};

use crate::error::Result;
use crate::schedule::recurrence::parse_weekday;

/// Whether `s` is shaped like `pattern`, where `9` stands for an ASCII digit (chrono's `%Y`
/// alone would also take signed six-digit years) and `T` for `T` or a space.
fn shaped(s: &str, pattern: &str) -> bool {
    s.len() == pattern.len()
        && s.bytes().zip(pattern.bytes()).all(|(c, p)| match p {
            b'9' => c.is_ascii_digit(),
            b'T' => c == b'T' || c == b' ',
            _ => c == p,
        })
}

/// `2026-11-23`.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    shaped(s, "9999-99-99")
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| "expected YYYY-MM-DD".into())
}

/// `2026-11-23T09:00` (or with a space for the `T`): a wall-clock time in some zone.
pub fn parse_local(s: &str) -> Result<NaiveDateTime, String> {
    let s = s.trim();
    shaped(s, "9999-99-99T99:99")
        .then(|| NaiveDateTime::parse_from_str(&s.replacen(' ', "T", 1), "%Y-%m-%dT%H:%M").ok())
        .flatten()
        .ok_or_else(|| "expected YYYY-MM-DDTHH:MM".into())
}

/// Reminder lead times in minutes, `60,15`; empty or `none` for no reminders.
pub fn parse_leads(s: &str) -> Result<Vec<u32>, String> {
    let s = s.trim();
    if s.is_empty() || s.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    s.split(',')
        .map(|p| p.trim().parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|_| "expected minutes separated by commas, e.g. 60,15, or none".into())
}

/// Weekdays, `mo,we,fr` (any form [`parse_weekday`] reads); empty items are skipped.
pub fn parse_weekdays(s: &str) -> Result<Vec<Weekday>> {
    s.split(',')
        .filter(|d| !d.trim().is_empty())
        .map(parse_weekday)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values() {
        assert!(parse_date("2026-11-23").is_ok());
        assert!(parse_date("+12026-11-23").is_err());
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_local("2026-11-23 09:00").is_ok());
        assert!(parse_local("2026-11-23T9:00").is_err());
        assert_eq!(parse_leads(" 60, 15 ").unwrap(), [60, 15]);
        assert_eq!(parse_leads("none").unwrap(), Vec::<u32>::new());
        assert!(parse_leads("soon").is_err());
        assert_eq!(
            parse_weekdays("mo,,Fri").unwrap(),
            [Weekday::Mon, Weekday::Fri]
        );
        assert!(parse_weekdays("mo,xx").is_err());
    }
}
