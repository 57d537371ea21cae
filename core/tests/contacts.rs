//! Support contacts through the public API.

use companion_core::{ContactFields, ContactRole, Error, RecordKind};

mod common;

fn named(name: &str) -> ContactFields {
    ContactFields {
        name: Some(name.into()),
        ..Default::default()
    }
}

#[test]
fn add_edit_remove_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let ana = store
        .add_contact(&ContactFields {
            name: Some(" Ana ".into()),
            role: Some(ContactRole::Sponsor),
            phone: Some("+1 312 555 0100".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ana.name, "Ana");
    assert_eq!(ana.order, 1);
    let ben = store.add_contact(&named("Ben")).unwrap();
    assert_eq!(ben.role, ContactRole::Other);
    assert_eq!(ben.order, 2);
    let cleo = store.add_contact(&named("Cleo")).unwrap();

    // Favourites first, then by order.
    store
        .edit_contact(
            &cleo.id,
            &ContactFields {
                favourite: Some(true),
                email: Some("cleo@example.org".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let names: Vec<_> = store
        .contacts()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Cleo", "Ana", "Ben"]);

    // An edit changes only what it sets; an empty text clears.
    let ana2 = store
        .edit_contact(
            &ana.id,
            &ContactFields {
                phone: Some(String::new()),
                notes: Some("met at group".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(ana2.phone, None);
    assert_eq!(ana2.role, ContactRole::Sponsor);
    assert_eq!(ana2.notes.as_deref(), Some("met at group"));

    store.remove_contact(&ben.id).unwrap();
    drop(store);
    let store = common::open(dir.path()).unwrap();
    assert_eq!(store.contacts().unwrap().len(), 2);
    assert_eq!(store.contact(&ana.id).unwrap(), ana2);
    assert!(matches!(
        store.contact(&ben.id),
        Err(Error::NotFound {
            kind: RecordKind::Contact,
            ..
        })
    ));
}

#[test]
fn bad_contacts_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let ana = store.add_contact(&named("Ana")).unwrap();
    let heads = store.heads();
    let bad = [
        (named("   "), "name"),
        (named(&"n".repeat(101)), "name"),
        (
            ContactFields {
                phone: Some("555-CALL-NOW".into()),
                ..named("X")
            },
            "phone",
        ),
        (
            ContactFields {
                sms: Some("12".into()),
                ..named("X")
            },
            "sms",
        ),
        (
            ContactFields {
                email: Some("not-an-address".into()),
                ..named("X")
            },
            "email",
        ),
    ];
    for (fields, field) in bad {
        match store.add_contact(&fields) {
            Err(Error::InvalidInput { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
        match store.edit_contact(&ana.id, &fields) {
            Err(Error::InvalidInput { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
    }
    assert!(store.add_contact(&ContactFields::default()).is_err());
    for order in [i64::MAX, i64::MIN, companion_core::MAX_ORDER + 1] {
        let fields = ContactFields {
            order: Some(order),
            ..named("X")
        };
        assert!(matches!(
            store.edit_contact(&ana.id, &fields),
            Err(Error::InvalidInput { field: "order", .. })
        ));
    }
    assert!(matches!(
        store.edit_contact("no-such-id", &named("X")),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.remove_contact("no-such-id"),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(store.heads(), heads);
    assert_eq!(store.contacts().unwrap(), vec![ana]);
}
