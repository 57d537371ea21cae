//! Two devices of one participant edit offline, exchange their chunks and converge.

use chrono::NaiveDate;
use companion_core::{CheckInEdit, ContactFields, ContactRole, Store};

mod common;

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

/// Sends everything `from` has that `to` lacks.
fn exchange(from: &mut Store, to: &mut Store) {
    let theirs = to.heads();
    let bytes = from.changes_since(&theirs);
    // `changes_since` may include changes `to` already has (its heads can be unknown to
    // `from`); merging is idempotent.
    to.merge_changes(&bytes).unwrap();
}

#[test]
fn concurrent_edits_of_one_contact_and_one_day_keep_both_sides() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = common::open(da.path()).unwrap();
    let mut b = common::open(db.path()).unwrap();

    // A contact both devices know.
    let ana = a
        .add_contact(&ContactFields {
            name: Some("Ana".into()),
            phone: Some("312 555 0100".into()),
            ..Default::default()
        })
        .unwrap();
    exchange(&mut a, &mut b);
    assert_eq!(b.contact(&ana.id).unwrap(), ana);

    // Offline: A changes the phone, B marks her a favourite and a sponsor.
    a.edit_contact(
        &ana.id,
        &ContactFields {
            phone: Some("312 555 0199".into()),
            ..Default::default()
        },
    )
    .unwrap();
    b.edit_contact(
        &ana.id,
        &ContactFields {
            favourite: Some(true),
            role: Some(ContactRole::Sponsor),
            ..Default::default()
        },
    )
    .unwrap();
    // Offline: both check in for the same day, neither having seen the other's.
    a.record_checkin(
        d(22),
        &CheckInEdit {
            mood: Some(4),
            note: Some("rough morning".into()),
            emotions: Some(vec!["anxious".into()]),
            ..Default::default()
        },
    )
    .unwrap();
    b.record_checkin(
        d(22),
        &CheckInEdit {
            mood: Some(6),
            craving: Some(2),
            sleep_hours: Some(6.0),
            emotions: Some(vec!["hopeful".into()]),
            ..Default::default()
        },
    )
    .unwrap();
    // And each adds its own records.
    a.record_checkin(
        d(21),
        &CheckInEdit {
            mood: Some(5),
            ..Default::default()
        },
    )
    .unwrap();
    b.add_contact(&ContactFields {
        name: Some("Ben".into()),
        ..Default::default()
    })
    .unwrap();

    exchange(&mut a, &mut b);
    exchange(&mut b, &mut a);

    for store in [&a, &b] {
        let c = store.contact(&ana.id).unwrap();
        assert_eq!(c.phone.as_deref(), Some("312 555 0199"));
        assert!(c.favourite);
        assert_eq!(c.role, ContactRole::Sponsor);
        let day = store.checkin(d(22)).unwrap().unwrap();
        assert_eq!(day.note.as_deref(), Some("rough morning"));
        assert_eq!(day.craving, Some(2));
        assert_eq!(day.sleep_hours, Some(6.0));
        assert!(day.mood == 4 || day.mood == 6);
        assert_eq!(day.emotions.len(), 2);
        assert_eq!(store.checkins(None, None).unwrap().len(), 2);
        assert_eq!(store.contacts().unwrap().len(), 2);
    }
    assert_eq!(a.contacts().unwrap(), b.contacts().unwrap());
    assert_eq!(
        a.checkins(None, None).unwrap(),
        b.checkins(None, None).unwrap()
    );
    let mut ha = a.heads();
    let mut hb = b.heads();
    ha.sort();
    hb.sort();
    assert_eq!(ha, hb);

    // An edit after the merge reaches both of the day's maps: the note really goes away.
    b.record_checkin(
        d(22),
        &CheckInEdit {
            note: Some(String::new()),
            mood: Some(5),
            ..Default::default()
        },
    )
    .unwrap();
    exchange(&mut b, &mut a);
    let day = a.checkin(d(22)).unwrap().unwrap();
    assert_eq!((day.mood, day.note), (5, None));

    // Both survive reopening from their files.
    drop(a);
    let a = common::open(da.path()).unwrap();
    assert_eq!(
        a.checkins(None, None).unwrap(),
        b.checkins(None, None).unwrap()
    );
}
