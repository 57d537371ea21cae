//! Wall-clock times in a named zone, resolved to instants the way RFC 5545 (3.3.5) says.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant of `local` in `tz`. A time that happens twice (the fall-back hour) is the first
/// of the two; a time that does not exist (the spring-forward gap) is read with the offset in
/// force before the gap, so 02:30 on a night that skips from 02:00 to 03:00 becomes 03:30.
pub fn resolve(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, second) => first.min(second).with_timezone(&Utc),
        LocalResult::None => {
            // No zone has two transitions within a day, so a day earlier is before the gap.
            // (Gaps only occur far from chrono's limits, so the fallbacks are never used.)
            let day_before = local.checked_sub_signed(Duration::days(1)).unwrap_or(local);
            let before = tz
                .offset_from_utc_datetime(&day_before)
                .fix()
                .local_minus_utc();
            local
                .checked_sub_signed(Duration::seconds(i64::from(before)))
                .unwrap_or(local)
                .and_utc()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn gap_moves_forward_by_the_gap_and_overlap_takes_the_first() {
        let chicago: Tz = "America/Chicago".parse().unwrap();
        // 2026-03-08 02:30 does not exist in Chicago: it is 03:30 CDT = 08:30 UTC.
        assert_eq!(
            resolve(chicago, at(2026, 3, 8, 2, 30)),
            at(2026, 3, 8, 8, 30).and_utc()
        );
        // 2026-11-01 01:30 happens twice: the first is CDT (UTC-5) = 06:30 UTC.
        assert_eq!(
            resolve(chicago, at(2026, 11, 1, 1, 30)),
            at(2026, 11, 1, 6, 30).and_utc()
        );
        // An ordinary time.
        assert_eq!(
            resolve(chicago, at(2026, 7, 1, 9, 0)),
            at(2026, 7, 1, 14, 0).and_utc()
        );
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
        assert_eq!(
            resolve(kolkata, at(2026, 7, 1, 9, 0)),
            at(2026, 7, 1, 3, 30).and_utc()
        );
        let sydney: Tz = "Australia/Sydney".parse().unwrap();
        // 2026-10-04 02:30 does not exist in Sydney (AEST+10 -> AEDT+11): 03:30 AEDT.
        assert_eq!(
            resolve(sydney, at(2026, 10, 4, 2, 30)),
            at(2026, 10, 3, 16, 30).and_utc()
        );
    }
}
