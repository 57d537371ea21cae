//! Weekly recurrence: the one rule IOP schedules use (groups on chosen weekdays, every week or
//! every few weeks, until a date or for a number of sessions).
//!
//! Dates are computed on the session's local calendar with chrono's date arithmetic; turning a
//! local date and time into an instant is [`crate::schedule::localtime::resolve`]'s job.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use crate::error::{Error, Result};

/// The most sessions a counted series may have.
pub const MAX_COUNT: u32 = 1000;
/// The longest gap between weeks of a series.
pub const MAX_INTERVAL_WEEKS: u32 = 52;

/// "Every `interval_weeks` weeks on `weekdays`", ending after `until` or `count` sessions (or
/// never). Weeks start on Monday, as in RFC 5545.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recurrence {
    pub weekdays: Vec<Weekday>,
    pub interval_weeks: u32,
    /// Last date a session may fall on (inclusive, in the session's zone).
    pub until: Option<NaiveDate>,
    /// How many sessions the series has, counting the first.
    pub count: Option<u32>,
}

impl Recurrence {
    /// Every week on `weekdays`, with no end.
    pub fn weekly(weekdays: &[Weekday]) -> Recurrence {
        Recurrence {
            weekdays: weekdays.to_vec(),
            interval_weeks: 1,
            until: None,
            count: None,
        }
    }

    /// Checks the rule against the series' first date, and puts the weekdays in order.
    pub(crate) fn validated(mut self, first: NaiveDate) -> Result<Recurrence> {
        self.weekdays.sort_by_key(Weekday::num_days_from_monday);
        self.weekdays.dedup();
        if self.weekdays.is_empty() {
            return Err(Error::invalid(
                "weekdays",
                "a weekly series needs at least one weekday",
            ));
        }
        if !self.weekdays.contains(&first.weekday()) {
            return Err(Error::invalid(
                "weekdays",
                "must include the weekday of the first session",
            ));
        }
        if !(1..=MAX_INTERVAL_WEEKS).contains(&self.interval_weeks) {
            return Err(Error::invalid(
                "interval",
                format!("must be from 1 to {MAX_INTERVAL_WEEKS} weeks"),
            ));
        }
        match (self.until, self.count) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid(
                    "recurrence",
                    "give an end date or a count, not both",
                ));
            }
            (Some(until), None) if until < first => {
                return Err(Error::invalid("until", "is before the first session"));
            }
            (Some(until), None) if until.year() > 2100 => {
                return Err(Error::invalid("until", "is after 2100"));
            }
            (None, Some(count)) if !(1..=MAX_COUNT).contains(&count) => {
                return Err(Error::invalid(
                    "count",
                    format!("must be from 1 to {MAX_COUNT}"),
                ));
            }
            _ => {}
        }
        Ok(self)
    }

    /// The series' dates from `first` that fall within `from..=to`, in order.
    pub(crate) fn dates(&self, first: NaiveDate, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let end = match self.until {
            Some(until) => to.min(until),
            None => to,
        };
        if from > end || first > end {
            return out;
        }
        let interval = i64::from(self.interval_weeks.max(1));
        let week0 = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
        // A counted series must be walked from its start to know when it ends; others can jump
        // straight to the window.
        let mut week = if self.count.is_some() || from <= first {
            0
        } else {
            (from - week0).num_days() / 7 / interval * interval
        };
        let mut seen = 0u32;
        loop {
            let Some(week_start) = week0.checked_add_days(Days::new((week * 7) as u64)) else {
                return out;
            };
            if week_start > end {
                return out;
            }
            for day in &self.weekdays {
                let date = week_start + Days::new(u64::from(day.num_days_from_monday()));
                if date < first {
                    continue;
                }
                if date > end {
                    return out;
                }
                if let Some(count) = self.count {
                    if seen >= count {
                        return out;
                    }
                    seen += 1;
                }
                if date >= from {
                    out.push(date);
                }
            }
            week += interval;
        }
    }
}

/// A change to some parts of a session's rule, as the shells' edit commands give it: an end
/// date replaces a count and the other way round; a one-off becomes a series only when
/// weekdays are given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecurrencePatch {
    pub weekdays: Option<Vec<Weekday>>,
    pub interval_weeks: Option<u32>,
    pub until: Option<NaiveDate>,
    pub count: Option<u32>,
}

impl RecurrencePatch {
    /// Whether it changes anything at all.
    pub fn is_empty(&self) -> bool {
        *self == RecurrencePatch::default()
    }

    /// The rule `current` (a session's, `None` for a one-off) with this patch applied. The
    /// result is checked when the session is saved.
    pub fn apply(&self, current: Option<Recurrence>) -> Result<Recurrence> {
        let mut rule = match (current, &self.weekdays) {
            (Some(mut r), Some(days)) => {
                r.weekdays = days.clone();
                r
            }
            (Some(r), None) => r,
            (None, Some(days)) => Recurrence::weekly(days),
            (None, None) => {
                return Err(Error::invalid(
                    "weekdays",
                    "the session happens once: give weekdays to make it a series",
                ));
            }
        };
        if let Some(n) = self.interval_weeks {
            rule.interval_weeks = n;
        }
        if let Some(u) = self.until {
            rule.until = Some(u);
            rule.count = None;
        }
        if let Some(c) = self.count {
            rule.count = Some(c);
            rule.until = None;
        }
        Ok(rule)
    }
}

/// Reads a weekday as people and iCalendar write it: `MO`, `mon`, `Monday`.
pub fn parse_weekday(s: &str) -> Result<Weekday> {
    let s = s.trim().to_lowercase();
    let w = match s.as_str() {
        "mo" => Weekday::Mon,
        "tu" => Weekday::Tue,
        "we" => Weekday::Wed,
        "th" => Weekday::Thu,
        "fr" => Weekday::Fri,
        "sa" => Weekday::Sat,
        "su" => Weekday::Sun,
        _ => s
            .parse::<Weekday>()
            .map_err(|_| Error::invalid("weekday", "must be a day such as MO, mon or Monday"))?,
    };
    Ok(w)
}

/// The two-letter iCalendar code of a weekday.
pub fn weekday_code(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekly_on_three_days_in_a_window() {
        let first = d(2026, 11, 23); // a Monday
        let r = Recurrence::weekly(&[Weekday::Wed, Weekday::Mon, Weekday::Fri])
            .validated(first)
            .unwrap();
        assert_eq!(r.weekdays, vec![Weekday::Mon, Weekday::Wed, Weekday::Fri]);
        assert_eq!(
            r.dates(first, d(2026, 11, 20), d(2026, 11, 30)),
            vec![
                d(2026, 11, 23),
                d(2026, 11, 25),
                d(2026, 11, 27),
                d(2026, 11, 30)
            ]
        );
        // Far in the future, the jump lands on the right weeks.
        assert_eq!(
            r.dates(first, d(2027, 6, 1), d(2027, 6, 7)),
            vec![d(2027, 6, 2), d(2027, 6, 4), d(2027, 6, 7)]
        );
    }

    #[test]
    fn interval_count_and_until() {
        let first = d(2026, 11, 24); // a Tuesday
        let mut r = Recurrence::weekly(&[Weekday::Tue]);
        r.interval_weeks = 2;
        r.count = Some(3);
        let r = r.validated(first).unwrap();
        assert_eq!(
            r.dates(first, d(2026, 1, 1), d(2027, 12, 31)),
            vec![d(2026, 11, 24), d(2026, 12, 8), d(2026, 12, 22)]
        );
        assert_eq!(
            r.dates(first, d(2026, 12, 9), d(2027, 12, 31)),
            vec![d(2026, 12, 22)]
        );

        let mut r = Recurrence::weekly(&[Weekday::Tue, Weekday::Thu]);
        r.interval_weeks = 3;
        r.until = Some(d(2026, 12, 17));
        let r = r.validated(first).unwrap();
        assert_eq!(
            r.dates(first, d(2026, 12, 1), d(2027, 1, 31)),
            vec![d(2026, 12, 15), d(2026, 12, 17)]
        );
    }

    #[test]
    fn bad_rules_are_refused() {
        let first = d(2026, 11, 24);
        assert!(Recurrence::weekly(&[]).validated(first).is_err());
        assert!(
            Recurrence::weekly(&[Weekday::Mon])
                .validated(first)
                .is_err()
        );
        let mut r = Recurrence::weekly(&[Weekday::Tue]);
        r.until = Some(d(2026, 11, 1));
        assert!(r.clone().validated(first).is_err());
        r.until = Some(d(2026, 12, 1));
        r.count = Some(2);
        assert!(r.clone().validated(first).is_err());
        r.until = None;
        r.count = Some(0);
        assert!(r.clone().validated(first).is_err());
        r.count = Some(1);
        r.interval_weeks = 0;
        assert!(r.validated(first).is_err());
    }

    #[test]
    fn weekdays_parse_every_usual_way() {
        for s in ["MO", "mon", "Monday", " monday "] {
            assert_eq!(parse_weekday(s).unwrap(), Weekday::Mon);
        }
        assert!(parse_weekday("funday").is_err());
    }
}
