//! Realistic data for benchmarks and size tests: three years of a participant's use, built
//! through the public API. Behind the `fixtures` feature; no app ships it.

use chrono::{Days, NaiveDate, NaiveDateTime, Weekday};

use crate::{
    CheckInEdit, ContactFields, ContactRole, Recurrence, Result, SessionFields, SessionKind, Store,
};

/// Days in three years of daily check-ins.
pub const THREE_YEARS_DAYS: u64 = 1095;

/// What [`three_years`] made.
#[derive(Debug, Clone, Copy)]
pub struct ThreeYears {
    pub checkins: u64,
    pub sessions: usize,
    pub occurrence_edits: usize,
    pub contacts: usize,
}

const EMOTIONS: [&str; 8] = [
    "calm", "anxious", "hopeful", "tired", "sad", "grateful", "stressed", "lonely",
];
const NOTES: [&str; 6] = [
    "Good group today, talked about triggers.",
    "Hard evening. Called my sponsor.",
    "Slept badly, felt on edge all morning.",
    "Walked after dinner, helped with the cravings.",
    "Family session was tense but useful.",
    "Quiet day.",
];

/// The check-in of day `i`: varied, with a note on one day in three.
pub fn checkin_edit(i: u64) -> CheckInEdit {
    let n = (i * 7919) % 97;
    CheckInEdit {
        mood: Some((n % 10 + 1) as u8),
        craving: Some((n % 11) as u8),
        emotions: Some(
            (0..(n % 3 + 1))
                .map(|k| EMOTIONS[((n + k * 3) % 8) as usize].to_owned())
                .collect(),
        ),
        sleep_hours: Some(5.0 + (n % 16) as f64 * 0.25),
        used_today: Some(n.is_multiple_of(29)),
        note: n
            .is_multiple_of(3)
            .then(|| NOTES[(n % 6) as usize].to_owned()),
        clear: Vec::new(),
    }
}

/// Builds three years of use from `first` through the public API, edits included; the store
/// compacts itself along the way as it would on a phone.
pub fn three_years(store: &mut Store, first: NaiveDate) -> Result<ThreeYears> {
    let mut contacts = Vec::new();
    for i in 0..20 {
        let c = store.add_contact(&ContactFields {
            name: Some(format!("Contact {i}")),
            role: Some(ContactRole::ALL[i % ContactRole::ALL.len()]),
            phone: Some(format!("+1 312 555 {:04}", 100 + i)),
            favourite: Some(i < 3),
            ..Default::default()
        })?;
        contacts.push(c.id);
    }
    let at = |d: NaiveDate, h: u32| -> NaiveDateTime { d.and_hms_opt(h, 0, 0).unwrap_or_default() };
    let monday =
        |d: NaiveDate| d - Days::new(chrono::Datelike::weekday(&d).num_days_from_monday() as u64);
    // Eight series: IOP groups, then aftercare, each with a count.
    let mut series = Vec::new();
    let kinds = [
        SessionKind::ProcessGroup,
        SessionKind::SkillsGroup,
        SessionKind::Psychoeducation,
        SessionKind::Aftercare,
    ];
    for k in 0..8u64 {
        let start = monday(first + Days::new(k * 130));
        let mut r = Recurrence::weekly(&[Weekday::Mon, Weekday::Wed, Weekday::Thu]);
        r.count = Some(36);
        let s = store.add_session(&SessionFields {
            title: Some(format!("Group {k}")),
            kind: Some(kinds[k as usize % 4]),
            location: Some("Main clinic, room 2".into()),
            start: Some(at(start, 9)),
            time_zone: Some("America/Chicago".into()),
            duration_minutes: Some(180),
            recurrence: Some(Some(r)),
            ..Default::default()
        })?;
        series.push((s.id, start));
    }
    let mut occurrence_edits = 0;
    for (id, start) in &series {
        for w in [1u64, 4, 7, 9] {
            store.cancel_occurrence(id, *start + Days::new(w * 7))?;
            store.move_occurrence(
                id,
                *start + Days::new(w * 7 + 2),
                at(*start + Days::new(w * 7 + 4), 13),
                None,
            )?;
            occurrence_edits += 2;
        }
    }
    // One-off individual and family sessions, about one a week.
    let mut one_offs = 0;
    for week in 0..152u64 {
        let day = first + Days::new(week * 7 + 1);
        let s = store.add_session(&SessionFields {
            title: Some(if week % 4 == 0 {
                "Family session".into()
            } else {
                "Individual session".into()
            }),
            kind: Some(if week % 4 == 0 {
                SessionKind::Family
            } else {
                SessionKind::Individual
            }),
            start: Some(at(day, 15)),
            time_zone: Some("America/Chicago".into()),
            duration_minutes: Some(50),
            ..Default::default()
        })?;
        if week % 10 == 0 {
            store.edit_session(
                &s.id,
                &SessionFields {
                    location: Some("Telehealth".into()),
                    ..Default::default()
                },
            )?;
        }
        one_offs += 1;
    }
    // A check-in every day; about one day in five edited again later that day.
    let mut checkins = 0;
    for i in 0..THREE_YEARS_DAYS {
        let date = first + Days::new(i);
        store.record_checkin(date, &checkin_edit(i))?;
        if i % 5 == 0 {
            store.record_checkin(
                date,
                &CheckInEdit {
                    craving: Some((i % 11) as u8),
                    ..Default::default()
                },
            )?;
        }
        if i % 90 == 0 {
            let c = &contacts[(i / 90) as usize % contacts.len()];
            store.edit_contact(
                c,
                &ContactFields {
                    notes: Some(format!("updated on day {i}")),
                    ..Default::default()
                },
            )?;
        }
        checkins += 1;
    }
    Ok(ThreeYears {
        checkins,
        sessions: series.len() + one_offs,
        occurrence_edits,
        contacts: contacts.len(),
    })
}
