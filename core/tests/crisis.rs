//! Crisis lines, contact actions and the "reach out" list, through the public API.

use companion_core::{
    ActionKind, ContactFields, ContactRole, Error, LineSource, PreferencesEdit, RecordKind, Store,
};

mod common;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = common::open(dir.path()).unwrap();
    (dir, store)
}

fn contact(name: &str, role: ContactRole, phone: &str, favourite: bool) -> ContactFields {
    ContactFields {
        name: Some(name.into()),
        role: Some(role),
        phone: Some(phone.into()),
        favourite: Some(favourite),
        ..Default::default()
    }
}

fn uris(actions: &[companion_core::ContactAction]) -> Vec<&str> {
    actions.iter().map(|a| a.uri.as_str()).collect()
}

#[test]
fn built_in_lines_need_no_network_no_enrolment_and_no_contacts() {
    let (_dir, mut store) = store();
    assert!(store.account().unwrap().is_none());
    store.set_device_region(Some("US")).unwrap();
    let lines = store.crisis_lines().unwrap();
    let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "988 Suicide & Crisis Lifeline",
            "SAMHSA National Helpline",
            "Crisis Text Line",
            "Emergency services (911)"
        ]
    );
    assert!(lines.iter().all(|l| l.source == LineSource::BuiltIn));
    assert_eq!(uris(&lines[0].actions), ["tel:988", "sms:988"]);
    assert_eq!(
        uris(&lines[1].actions),
        ["tel:+18006624357", "tel:+18004874889"]
    );
    assert_eq!(lines[1].actions[1].kind, ActionKind::Tty);
    assert_eq!(lines[1].actions[0].label, "Call (800) 662-4357");
    assert_eq!(uris(&lines[2].actions), ["sms:741741?body=HOME"]);
    assert_eq!(lines[2].actions[0].label, "Text HOME to 741741");
    assert!(lines[3].emergency);
}

#[test]
fn the_region_picks_the_lines_and_the_participants_choice_wins() {
    let (_dir, mut store) = store();
    // Nothing known: the emergency number that works from most mobiles.
    let lines = store.crisis_lines().unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(uris(&lines[0].actions), ["tel:112"]);
    store.set_device_region(Some("GB")).unwrap();
    assert_eq!(store.crisis_lines().unwrap()[0].name, "Samaritans");
    store
        .edit_preferences(&PreferencesEdit {
            region: Some(Some("au".into())),
            ..Default::default()
        })
        .unwrap();
    let lines = store.crisis_lines().unwrap();
    assert_eq!(lines[0].name, "Lifeline");
    assert_eq!(uris(&lines[0].actions), ["tel:131114", "sms:+61477131114"]);
    // A bad code is refused and changes nothing.
    assert!(matches!(
        store.set_device_region(Some("Mars")),
        Err(Error::InvalidInput {
            field: "region",
            ..
        })
    ));
    assert!(
        store
            .edit_preferences(&PreferencesEdit {
                region: Some(Some("XX".into())),
                ..Default::default()
            })
            .is_err()
    );
    assert_eq!(store.crisis_lines().unwrap()[0].name, "Lifeline");
    store
        .edit_preferences(&PreferencesEdit {
            region: Some(None),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(store.crisis_lines().unwrap()[0].name, "Samaritans");
}

#[test]
fn built_in_lines_cannot_be_removed_or_changed() {
    let (_dir, mut store) = store();
    store.set_device_region(Some("US")).unwrap();
    let before = store.heads();
    for id in ["crisis:us-988", "crisis:us-911"] {
        assert!(matches!(
            store.remove_contact(id),
            Err(Error::ReadOnly {
                kind: RecordKind::CrisisLine,
                ..
            })
        ));
        let err = store
            .edit_contact(
                id,
                &ContactFields {
                    name: Some("x".into()),
                    ..Default::default()
                },
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("crisis line {id} is built into the app and cannot be changed or removed")
        );
    }
    assert_eq!(store.heads(), before);
    assert_eq!(store.crisis_lines().unwrap().len(), 4);
    // Their actions are reachable by id, even another region's.
    assert_eq!(
        uris(&store.contact_actions("crisis:gb-shout", None).unwrap()),
        ["sms:85258?body=SHOUT"]
    );
    assert!(matches!(
        store.contact_actions("crisis:nowhere", None),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn numbers_are_normalised_at_entry_and_invalid_ones_refused() {
    let (_dir, mut store) = store();
    store.set_device_region(Some("US")).unwrap();
    let ana = store
        .add_contact(&contact(
            "Ana",
            ContactRole::Sponsor,
            "(201) 555-0123",
            false,
        ))
        .unwrap();
    assert_eq!(ana.phone.as_deref(), Some("+12015550123"));
    let before = store.heads();
    let err = store
        .add_contact(&contact("Ben", ContactRole::Peer, "(000) 000-0000", false))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid phone: is not a valid phone number in region US"
    );
    let err = store
        .edit_contact(
            &ana.id,
            &ContactFields {
                sms: Some("+1 000 000 0000".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { field: "sms", .. }));
    assert_eq!(store.heads(), before);
    // A number from elsewhere keeps its country.
    let abroad = store
        .edit_contact(
            &ana.id,
            &ContactFields {
                phone: Some("+44 20 7946 0018".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(abroad.phone.as_deref(), Some("+442079460018"));
    let actions = store
        .contact_actions(&ana.id, Some("Can we talk?"))
        .unwrap();
    assert_eq!(
        uris(&actions),
        [
            "tel:+442079460018",
            "sms:+442079460018?body=Can%20we%20talk%3F"
        ]
    );
    assert_eq!(actions[0].label, "Call +44 20 7946 0018");
}

#[test]
fn reach_out_lists_crisis_lines_then_favourites_then_the_rest_by_role() {
    let (_dir, mut store) = store();
    store.set_device_region(Some("US")).unwrap();
    let add = |s: &mut Store, f: ContactFields| s.add_contact(&f).unwrap();
    add(
        &mut store,
        contact("Dad", ContactRole::Family, "201-555-0101", false),
    );
    add(
        &mut store,
        contact("Sam", ContactRole::Sponsor, "201-555-0102", true),
    );
    add(
        &mut store,
        contact("Dr. Lee", ContactRole::Therapist, "201-555-0103", false),
    );
    add(
        &mut store,
        contact("Warmline", ContactRole::CrisisLine, "201-555-0104", false),
    );
    add(
        &mut store,
        ContactFields {
            name: Some("Pat".into()),
            role: Some(ContactRole::Peer),
            email: Some("pat@example.org".into()),
            favourite: Some(true),
            ..Default::default()
        },
    );
    add(
        &mut store,
        ContactFields {
            name: Some("Jo".into()),
            role: Some(ContactRole::Peer),
            ..Default::default()
        },
    );
    let r = store.reach_out(Some("Hi")).unwrap();
    let crisis: Vec<(&str, LineSource)> = r
        .crisis_lines
        .iter()
        .map(|l| (l.name.as_str(), l.source))
        .collect();
    assert_eq!(
        crisis,
        [
            ("988 Suicide & Crisis Lifeline", LineSource::BuiltIn),
            ("SAMHSA National Helpline", LineSource::BuiltIn),
            ("Crisis Text Line", LineSource::BuiltIn),
            ("Warmline", LineSource::Personal),
            ("Emergency services (911)", LineSource::BuiltIn),
        ]
    );
    let names = |v: &[companion_core::ReachOutContact]| {
        v.iter().map(|c| c.name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(names(&r.favourites), ["Sam", "Pat"]);
    assert_eq!(names(&r.others), ["Dr. Lee", "Jo", "Dad"]);
    // The message goes into texts to people, and a service's keyword stays its own.
    assert_eq!(
        uris(&r.favourites[0].actions),
        ["tel:+12015550102", "sms:+12015550102?body=Hi"]
    );
    assert_eq!(uris(&r.favourites[1].actions), ["mailto:pat@example.org"]);
    assert!(r.others[1].actions.is_empty());
    assert_eq!(
        uris(&r.crisis_lines[0].actions),
        ["tel:988", "sms:988?body=Hi"]
    );
    assert_eq!(uris(&r.crisis_lines[2].actions), ["sms:741741?body=HOME"]);
    // A message too long is refused.
    assert!(matches!(
        store.reach_out(Some(&"x".repeat(501))),
        Err(Error::InvalidInput {
            field: "message",
            ..
        })
    ));
}
