//! Days, times, repeats and lead times as the screens say them, in English, once for every
//! shell: no app formats a date or a time for display (its pickers take and give the values).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::schedule::notifications::ClockStyle;
use crate::schedule::recurrence::Recurrence;

/// A wall-clock time: "9:00 AM" or "09:00".
pub fn clock_label(t: NaiveTime, clock: ClockStyle) -> String {
    match clock {
        ClockStyle::TwelveHour => t.format("%-I:%M %p").to_string(),
        ClockStyle::TwentyFourHour => t.format("%H:%M").to_string(),
    }
}

/// A date near `today` as people say it: "Today", "Tomorrow", "Yesterday", else "Wed 18 Nov",
/// with the year when it is not this one ("Wed 18 Nov 2027").
pub fn day_label(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "Today".into(),
        1 => "Tomorrow".into(),
        -1 => "Yesterday".into(),
        _ => date_label(date, today),
    }
}

/// A date without the relative words: "Wed 18 Nov", or "Wed 18 Nov 2027" in another year.
pub fn date_label(date: NaiveDate, today: NaiveDate) -> String {
    if date.year() == today.year() {
        date.format("%a %-d %b").to_string()
    } else {
        date.format("%a %-d %b %Y").to_string()
    }
}

/// From start to end on one clock: "10:00 AM – 11:30 AM"; an end on another day names it
/// ("10:00 PM – Tue 1:00 AM").
pub fn time_range_label(start: NaiveDateTime, end: NaiveDateTime, clock: ClockStyle) -> String {
    let from = clock_label(start.time(), clock);
    let to = clock_label(end.time(), clock);
    if end.date() == start.date() {
        format!("{from} – {to}")
    } else {
        format!("{from} – {} {to}", end.format("%a"))
    }
}

/// An instant on the phone's clock near today: "Tomorrow at 9:00 AM", "Wed 18 Nov at 21:00".
pub fn when_label(at: DateTime<Utc>, tz: Tz, today: NaiveDate, clock: ClockStyle) -> String {
    let local = at.with_timezone(&tz).naive_local();
    format!(
        "{} at {}",
        day_label(local.date(), today),
        clock_label(local.time(), clock)
    )
}

/// The session's own clock beside the participant's: "9:00 AM in Chicago".
pub fn elsewhere_label(start: NaiveDateTime, place: &str, clock: ClockStyle) -> String {
    format!("{} in {place}", clock_label(start.time(), clock))
}

fn plural_day(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Mondays",
        Weekday::Tue => "Tuesdays",
        Weekday::Wed => "Wednesdays",
        Weekday::Thu => "Thursdays",
        Weekday::Fri => "Fridays",
        Weekday::Sat => "Saturdays",
        Weekday::Sun => "Sundays",
    }
}

/// "a", "a and b", "a, b and c".
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// When a session happens, on its own clock: "Mondays and Wednesdays at 9:00 AM",
/// "Weekdays at 9:00 AM", "Every day at 9:00 AM", "Every 2 weeks on Mondays at 9:00 AM", with
/// ", until Fri 18 Dec" or ", 36 times"; a one-off: "Once, Mon 7 Dec at 9:00 AM". `place`
/// ("Chicago time") is added when the session's clock is not the participant's.
pub fn repeat_label(
    start: NaiveDateTime,
    recurrence: Option<&Recurrence>,
    place: Option<&str>,
    today: NaiveDate,
    clock: ClockStyle,
) -> String {
    let at = clock_label(start.time(), clock);
    let mut text = match recurrence {
        None => format!("Once, {} at {at}", date_label(start.date(), today)),
        Some(r) => {
            let mut days = r.weekdays.clone();
            days.sort_by_key(|d| d.num_days_from_monday());
            days.dedup();
            let weekdays = [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ];
            let on = if days.len() == 7 {
                None
            } else if days == weekdays {
                Some("weekdays".to_owned())
            } else {
                let names: Vec<String> = days.iter().map(|d| plural_day(*d).to_owned()).collect();
                Some(and_list(&names))
            };
            let mut text = match (r.interval_weeks, on) {
                (1, None) => format!("Every day at {at}"),
                (1, Some(on)) => {
                    let mut on = on;
                    // "weekdays" starts the sentence here.
                    if let Some(first) = on.get_mut(0..1) {
                        first.make_ascii_uppercase();
                    }
                    format!("{on} at {at}")
                }
                (n, None) => format!("Every day, every {n} weeks, at {at}"),
                (n, Some(on)) => format!("Every {n} weeks on {on} at {at}"),
            };
            if let Some(until) = r.until {
                text += &format!(", until {}", date_label(until, today));
            } else if let Some(count) = r.count {
                text += &format!(", {count} times");
            }
            text
        }
    };
    if let Some(place) = place {
        text += &format!(" ({place})");
    }
    text
}

fn amount(minutes: u32) -> String {
    let unit = |n: u32, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    match minutes {
        m if m % 1440 == 0 => unit(m / 1440, "day"),
        m if m % 60 == 0 => unit(m / 60, "hour"),
        m => unit(m, "minute"),
    }
}

/// A session's length: "45 minutes", "1 hour", "1 hour 30 minutes", "3 hours".
pub fn duration_label(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let hours = if h == 1 {
        "1 hour".to_owned()
    } else {
        format!("{h} hours")
    };
    let mins = if m == 1 {
        "1 minute".to_owned()
    } else {
        format!("{m} minutes")
    };
    match (h, m) {
        (0, _) => mins,
        (_, 0) => hours,
        _ => format!("{hours} {mins}"),
    }
}

/// Hours slept as people read them: "6h04"; "-" for none.
pub fn sleep_label(hours: Option<f64>) -> String {
    match hours {
        Some(h) => {
            let minutes = (h * 60.0).round() as i64;
            format!("{}h{:02}", minutes / 60, minutes % 60)
        }
        None => "-".into(),
    }
}

/// A session's reminders in one phrase: "1 hour and 15 minutes before", "1 day before and
/// when it starts", "No reminders".
pub fn leads_label(leads: &[u32]) -> String {
    let mut leads = leads.to_vec();
    leads.sort_unstable_by(|a, b| b.cmp(a));
    leads.dedup();
    let at_start = leads.last() == Some(&0);
    let before: Vec<String> = leads
        .iter()
        .filter(|m| **m > 0)
        .map(|m| amount(*m))
        .collect();
    match (before.is_empty(), at_start) {
        (true, false) => "No reminders".into(),
        (true, true) => "When it starts".into(),
        (false, false) => format!("{} before", and_list(&before)),
        (false, true) => format!("{} before and when it starts", and_list(&before)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(date: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        date.and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn lengths_in_hours_and_minutes() {
        assert_eq!(duration_label(45), "45 minutes");
        assert_eq!(duration_label(60), "1 hour");
        assert_eq!(duration_label(90), "1 hour 30 minutes");
        assert_eq!(duration_label(181), "3 hours 1 minute");
        assert_eq!(duration_label(1), "1 minute");
    }

    #[test]
    fn days_near_today_are_relative_and_others_dated() {
        let today = d(2026, 11, 16);
        assert_eq!(day_label(today, today), "Today");
        assert_eq!(day_label(d(2026, 11, 17), today), "Tomorrow");
        assert_eq!(day_label(d(2026, 11, 15), today), "Yesterday");
        assert_eq!(day_label(d(2026, 11, 18), today), "Wed 18 Nov");
        assert_eq!(day_label(d(2027, 1, 6), today), "Wed 6 Jan 2027");
    }

    #[test]
    fn times_and_ranges_in_either_clock_style() {
        let day = d(2026, 11, 16);
        let (s, e) = (at(day, 10, 0), at(day, 11, 30));
        assert_eq!(
            time_range_label(s, e, ClockStyle::TwelveHour),
            "10:00 AM – 11:30 AM"
        );
        assert_eq!(
            time_range_label(s, e, ClockStyle::TwentyFourHour),
            "10:00 – 11:30"
        );
        let late = time_range_label(
            at(day, 22, 0),
            at(d(2026, 11, 17), 1, 0),
            ClockStyle::TwelveHour,
        );
        assert_eq!(late, "10:00 PM – Tue 1:00 AM");
        assert_eq!(
            elsewhere_label(at(day, 9, 0), "Chicago", ClockStyle::TwelveHour),
            "9:00 AM in Chicago"
        );
    }

    #[test]
    fn repeats_read_as_sentences() {
        let today = d(2026, 11, 16);
        let start = at(d(2026, 11, 2), 9, 0);
        let c = ClockStyle::TwelveHour;
        let weekly = |days: &[Weekday]| Recurrence::weekly(days);
        assert_eq!(
            repeat_label(
                start,
                Some(&weekly(&[Weekday::Wed, Weekday::Mon])),
                None,
                today,
                c
            ),
            "Mondays and Wednesdays at 9:00 AM"
        );
        let weekdays = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ];
        assert_eq!(
            repeat_label(
                start,
                Some(&weekly(&weekdays)),
                Some("Chicago time"),
                today,
                c
            ),
            "Weekdays at 9:00 AM (Chicago time)"
        );
        let mut every = weekly(&[
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ]);
        every.count = Some(36);
        assert_eq!(
            repeat_label(start, Some(&every), None, today, c),
            "Every day at 9:00 AM, 36 times"
        );
        let mut fortnight = weekly(&[Weekday::Mon, Weekday::Thu, Weekday::Tue]);
        fortnight.interval_weeks = 2;
        fortnight.until = Some(d(2026, 12, 18));
        assert_eq!(
            repeat_label(start, Some(&fortnight), None, today, c),
            "Every 2 weeks on Mondays, Tuesdays and Thursdays at 9:00 AM, until Fri 18 Dec"
        );
        assert_eq!(
            repeat_label(
                at(d(2026, 12, 7), 18, 30),
                None,
                None,
                today,
                ClockStyle::TwentyFourHour
            ),
            "Once, Mon 7 Dec at 18:30"
        );
    }

    #[test]
    fn lead_times_in_one_phrase() {
        assert_eq!(leads_label(&[]), "No reminders");
        assert_eq!(leads_label(&[60]), "1 hour before");
        assert_eq!(leads_label(&[15, 60]), "1 hour and 15 minutes before");
        assert_eq!(
            leads_label(&[1440, 15, 120]),
            "1 day, 2 hours and 15 minutes before"
        );
        assert_eq!(leads_label(&[0, 1440]), "1 day before and when it starts");
        assert_eq!(leads_label(&[0]), "When it starts");
    }
}
