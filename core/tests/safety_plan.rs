//! The safety plan through the public API: items, validation, two devices merging, the text
//! format, and stores made before the plan existed.

use automerge::{ActorId, AutoCommit, ObjType, ROOT, ReadDoc, transaction::Transactable};
use companion_core::{
    ContactFields, Error, MAX_SAFETY_ITEMS, REMOVED_CONTACT_LABEL, RecordKind, SafetyItem,
    SafetyItemFields, SafetyPlan, SafetySection, Store,
};
use rusqlite::Connection;

use SafetySection::*;

mod common;

fn text(t: &str) -> SafetyItemFields {
    SafetyItemFields {
        text: Some(t.into()),
        ..Default::default()
    }
}

fn link(id: &str) -> SafetyItemFields {
    SafetyItemFields {
        contact_id: Some(id.into()),
        ..Default::default()
    }
}

fn contact(store: &mut Store, name: &str, phone: Option<&str>) -> String {
    store
        .add_contact(&ContactFields {
            name: Some(name.into()),
            phone: phone.map(Into::into),
            ..Default::default()
        })
        .unwrap()
        .id
}

/// The labels of a section's items, in order.
fn labels(plan: &SafetyPlan, section: SafetySection) -> Vec<String> {
    items(plan, section)
        .iter()
        .map(|i| i.label.clone())
        .collect()
}

fn items(plan: &SafetyPlan, section: SafetySection) -> Vec<SafetyItem> {
    plan.sections
        .iter()
        .find(|s| s.section == section)
        .unwrap()
        .items
        .clone()
}

/// Sends everything `from` has that `to` lacks.
fn exchange(from: &mut Store, to: &mut Store) {
    let theirs = to.heads();
    let bytes = from.changes_since(&theirs);
    to.merge_changes(&bytes).unwrap();
}

fn sorted_heads(store: &mut Store) -> Vec<companion_core::ChangeHash> {
    let mut h = store.heads();
    h.sort();
    h
}

#[test]
fn an_empty_plan_lists_seven_sections_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::open(dir.path()).unwrap();
    let plan = store.safety_plan().unwrap();
    let keys: Vec<&str> = plan.sections.iter().map(|s| s.section.as_str()).collect();
    assert_eq!(
        keys,
        [
            "warning-signs",
            "coping-strategies",
            "distractions",
            "people-to-ask",
            "professionals",
            "safe-environment",
            "reasons-to-live"
        ]
    );
    for (i, s) in plan.sections.iter().enumerate() {
        assert_eq!(usize::from(s.number), i + 1);
        assert!(!s.title.is_empty() && !s.prompt.is_empty());
        assert!(s.items.is_empty());
        assert_eq!(s.allows_contacts, (3..=5).contains(&s.number));
    }
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(json["sections"][3]["section"], "people-to-ask");
}

#[test]
fn add_edit_move_remove_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let sam = contact(&mut store, "Sam", Some("+1 312-555-0100"));

    let a = store
        .add_safety_item(WarningSigns, &text(" Not sleeping "))
        .unwrap();
    assert_eq!(a.text.as_deref(), Some("Not sleeping"));
    assert_eq!(a.section, WarningSigns);
    let b = store
        .add_safety_item(WarningSigns, &text("Skipping group"))
        .unwrap();
    assert!(b.order > a.order);
    let c = store
        .add_safety_item(WarningSigns, &text("Isolating"))
        .unwrap();

    // A contact alone, and a contact with words of the participant's own.
    let call = store.add_safety_item(PeopleToAsk, &link(&sam)).unwrap();
    assert_eq!(call.text, None);
    assert_eq!(call.contact_name.as_deref(), Some("Sam"));
    assert_eq!(call.contact_phone.as_deref(), Some("+1 312-555-0100"));
    assert_eq!(call.label, "Sam");
    let walk = store
        .add_safety_item(
            Distractions,
            &SafetyItemFields {
                text: Some("Walk with Sam".into()),
                contact_id: Some(sam.clone()),
            },
        )
        .unwrap();
    assert_eq!(walk.label, "Walk with Sam");
    store
        .add_safety_item(ReasonsToLive, &text("My daughter"))
        .unwrap();

    // Edit: only what is set; an empty text clears it while the link remains.
    let walk2 = store.edit_safety_item(&walk.id, &text("")).unwrap();
    assert_eq!(walk2.text, None);
    assert_eq!(walk2.contact_id.as_deref(), Some(sam.as_str()));
    let call2 = store
        .edit_safety_item(&call.id, &text("Call after 9pm"))
        .unwrap();
    assert_eq!(call2.contact_id.as_deref(), Some(sam.as_str()));
    assert_eq!(call2.label, "Call after 9pm");

    // Move: the last warning sign first, then one to another section.
    store.move_safety_item(&c.id, None, 0).unwrap();
    let plan = store.safety_plan().unwrap();
    assert_eq!(
        labels(&plan, WarningSigns),
        ["Isolating", "Not sleeping", "Skipping group"]
    );
    // Only the moved item got a new order.
    let now = items(&plan, WarningSigns);
    assert_eq!((now[1].order, now[2].order), (a.order, b.order));
    let moved = store
        .move_safety_item(&b.id, Some(CopingStrategies), 99)
        .unwrap();
    assert_eq!(moved.section, CopingStrategies);

    store.remove_safety_item(&a.id).unwrap();
    let before = store.safety_plan().unwrap();
    drop(store);
    let store = common::open(dir.path()).unwrap();
    let plan = store.safety_plan().unwrap();
    assert_eq!(plan, before);
    assert_eq!(labels(&plan, WarningSigns), ["Isolating"]);
    assert_eq!(labels(&plan, CopingStrategies), ["Skipping group"]);
    assert_eq!(labels(&plan, PeopleToAsk), ["Call after 9pm"]);
    assert_eq!(labels(&plan, Distractions), ["Sam"]);
    assert_eq!(labels(&plan, ReasonsToLive), ["My daughter"]);
    assert!(matches!(
        store.safety_item(&a.id),
        Err(Error::NotFound {
            kind: RecordKind::SafetyItem,
            ..
        })
    ));
}

#[test]
fn bad_items_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let sam = contact(&mut store, "Sam", None);
    let sign = store
        .add_safety_item(WarningSigns, &text("Not sleeping"))
        .unwrap();
    let call = store.add_safety_item(PeopleToAsk, &link(&sam)).unwrap();
    let heads = store.heads();
    let before = store.safety_plan().unwrap();

    let invalid = |r: Result<SafetyItem, Error>, field: &str| match r {
        Err(Error::InvalidInput { field: f, reason }) => {
            assert_eq!(f, field, "{reason}");
            reason
        }
        other => panic!("expected invalid {field}, got {other:?}"),
    };
    invalid(
        store.add_safety_item(WarningSigns, &SafetyItemFields::default()),
        "text",
    );
    invalid(store.add_safety_item(WarningSigns, &text("   ")), "text");
    let secret = "my secret words ".repeat(20);
    let reason = invalid(store.add_safety_item(WarningSigns, &text(&secret)), "text");
    assert!(!reason.contains("secret"));
    invalid(
        store.add_safety_item(WarningSigns, &text("a\u{7}b")),
        "text",
    );
    // Links only where the plan says to reach someone.
    for section in [
        WarningSigns,
        CopingStrategies,
        SafeEnvironment,
        ReasonsToLive,
    ] {
        invalid(store.add_safety_item(section, &link(&sam)), "contact");
    }
    invalid(
        store.add_safety_item(PeopleToAsk, &link("two words")),
        "contact",
    );
    assert!(matches!(
        store.add_safety_item(PeopleToAsk, &link("no-such-contact")),
        Err(Error::NotFound {
            kind: RecordKind::Contact,
            ..
        })
    ));
    // An edit may not leave an item empty, nor link where links are not allowed.
    invalid(
        store.edit_safety_item(
            &call.id,
            &SafetyItemFields {
                contact_id: Some(String::new()),
                ..Default::default()
            },
        ),
        "text",
    );
    invalid(store.edit_safety_item(&sign.id, &link(&sam)), "contact");
    invalid(
        store.move_safety_item(&call.id, Some(ReasonsToLive), 0),
        "contact",
    );
    assert!(matches!(
        store.edit_safety_item("no-such-item", &text("x")),
        Err(Error::NotFound {
            kind: RecordKind::SafetyItem,
            ..
        })
    ));
    assert!(matches!(
        store.remove_safety_item("no-such-item"),
        Err(Error::NotFound { .. })
    ));
    assert!(store.move_safety_item("no-such-item", None, 0).is_err());
    assert_eq!(store.heads(), heads);
    assert_eq!(store.safety_plan().unwrap(), before);

    // A section holds MAX_SAFETY_ITEMS.
    for i in 1..MAX_SAFETY_ITEMS {
        store
            .add_safety_item(WarningSigns, &text(&format!("sign {i}")))
            .unwrap();
    }
    let heads = store.heads();
    let reason = invalid(
        store.add_safety_item(WarningSigns, &text("one more")),
        "section",
    );
    assert!(reason.contains("20"), "{reason}");
    let other = store
        .add_safety_item(CopingStrategies, &text("music"))
        .unwrap();
    let heads_after = store.heads();
    assert_ne!(heads, heads_after);
    invalid(
        store.move_safety_item(&other.id, Some(WarningSigns), 0),
        "section",
    );
    assert_eq!(store.heads(), heads_after);
}

#[test]
fn professionals_can_link_crisis_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    store.set_device_region(Some("US")).unwrap();
    let item = store
        .add_safety_item(SafetySection::Professionals, &link("crisis:us-988"))
        .unwrap();
    assert_eq!(
        item.contact_name.as_deref(),
        Some("988 Suicide & Crisis Lifeline")
    );
    assert_eq!(item.contact_phone.as_deref(), Some("988"));
    // A built-in line stays linked whatever the region later becomes.
    store.set_device_region(Some("GB")).unwrap();
    let plan = store.safety_plan().unwrap();
    assert_eq!(
        labels(&plan, SafetySection::Professionals),
        ["988 Suicide & Crisis Lifeline"]
    );
    let before = store.heads();
    assert!(matches!(
        store.add_safety_item(SafetySection::Professionals, &link("crisis:nowhere")),
        Err(companion_core::Error::NotFound { .. })
    ));
    assert_eq!(store.heads(), before);
}

#[test]
fn a_removed_contact_shows_neutrally_and_the_item_stays_editable() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let sam = contact(&mut store, "Sam", Some("988"));
    let alone = store.add_safety_item(Professionals, &link(&sam)).unwrap();
    let worded = store
        .add_safety_item(
            PeopleToAsk,
            &SafetyItemFields {
                text: Some("Ask Sam to come over".into()),
                contact_id: Some(sam.clone()),
            },
        )
        .unwrap();
    store.remove_contact(&sam).unwrap();

    let a = store.safety_item(&alone.id).unwrap();
    assert_eq!(a.contact_id.as_deref(), Some(sam.as_str()));
    assert_eq!((a.contact_name, a.contact_phone), (None, None));
    assert_eq!(a.label, REMOVED_CONTACT_LABEL);
    let w = store.safety_item(&worded.id).unwrap();
    assert_eq!(w.label, "Ask Sam to come over");

    // Its text can still change (the link is checked only when it changes)...
    let edited = store
        .edit_safety_item(
            &alone.id,
            &SafetyItemFields {
                text: Some("Dr. Lee".into()),
                contact_id: Some(sam.clone()),
            },
        )
        .unwrap();
    assert_eq!(edited.label, "Dr. Lee");
    // ...and the plan's text reads back unchanged.
    let plan = store.safety_plan().unwrap();
    let heads = store.heads();
    let summary = store.apply_safety_plan_text(&plan.to_text()).unwrap();
    assert!(!summary.changed());
    assert_eq!(store.heads(), heads);
}

#[test]
fn two_devices_keep_concurrent_adds_and_merge_edits_field_by_field() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = common::open(da.path()).unwrap();
    let mut b = common::open(db.path()).unwrap();
    let sam = contact(&mut a, "Sam", None);
    let item = a
        .add_safety_item(PeopleToAsk, &text("Someone from group"))
        .unwrap();
    exchange(&mut a, &mut b);
    assert_eq!(b.safety_plan().unwrap(), a.safety_plan().unwrap());

    // Offline: both add to the same section; A links the shared item, B rewords it.
    let from_a = a.add_safety_item(PeopleToAsk, &text("My sister")).unwrap();
    let from_b = b.add_safety_item(PeopleToAsk, &text("My cousin")).unwrap();
    a.edit_safety_item(&item.id, &link(&sam)).unwrap();
    b.edit_safety_item(&item.id, &text("Sam from group"))
        .unwrap();
    // And B removes nothing A knows; A adds a reason.
    a.add_safety_item(ReasonsToLive, &text("My dog")).unwrap();

    exchange(&mut a, &mut b);
    exchange(&mut b, &mut a);
    let plan = a.safety_plan().unwrap();
    assert_eq!(plan, b.safety_plan().unwrap());
    assert_eq!(sorted_heads(&mut a), sorted_heads(&mut b));
    let people = items(&plan, PeopleToAsk);
    assert_eq!(people.len(), 3);
    assert!(people.iter().any(|i| i.id == from_a.id));
    assert!(people.iter().any(|i| i.id == from_b.id));
    let merged = people.iter().find(|i| i.id == item.id).unwrap();
    assert_eq!(merged.text.as_deref(), Some("Sam from group"));
    assert_eq!(merged.contact_name.as_deref(), Some("Sam"));
    assert_eq!(labels(&plan, ReasonsToLive), ["My dog"]);

    // A removal reaches the other device.
    b.remove_safety_item(&from_a.id).unwrap();
    exchange(&mut b, &mut a);
    assert_eq!(items(&a.safety_plan().unwrap(), PeopleToAsk).len(), 2);
}

const EDITED: &str = "\
# Any comment
## 1. Warning signs
- Isolating
- Not sleeping

## 2
- \\@home: a note that starts with an at sign

## People I can ask for help
- @SAM [an old name, ignored] Call after 9pm
-
- @SAM
";

#[test]
fn text_round_trips_and_applying_it_touches_only_what_differs() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut a = common::open(da.path()).unwrap();
    let mut b = common::open(db.path()).unwrap();
    let sam = contact(&mut a, "Sam [sponsor]", Some("+1 312-555-0100"));
    let not_sleeping = a
        .add_safety_item(WarningSigns, &text("Not sleeping"))
        .unwrap();
    let skipping = a
        .add_safety_item(WarningSigns, &text("Skipping group"))
        .unwrap();
    let isolating = a.add_safety_item(WarningSigns, &text("Isolating")).unwrap();
    let call = a
        .add_safety_item(
            PeopleToAsk,
            &SafetyItemFields {
                text: Some("Call after 9pm".into()),
                contact_id: Some(sam.clone()),
            },
        )
        .unwrap();
    let reason = a
        .add_safety_item(ReasonsToLive, &text("My daughter"))
        .unwrap();

    // The text: headings in order, reminders in brackets (brackets in names defused).
    let plan = a.safety_plan().unwrap();
    let t = plan.to_text();
    let headings: Vec<&str> = t.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings.len(), 7);
    assert_eq!(headings[0], "## 1. Warning signs");
    assert!(
        t.contains(&format!(
            "- @{sam} [Sam (sponsor) · +1 312-555-0100] Call after 9pm\n"
        )),
        "{t}"
    );
    // Unchanged, it changes nothing: not even a new change.
    let heads = a.heads();
    let summary = a.apply_safety_plan_text(&t).unwrap();
    assert_eq!((summary.added, summary.removed, summary.moved), (0, 0, 0));
    assert_eq!(summary.unchanged, 5);
    assert_eq!(a.heads(), heads);
    assert_eq!(a.safety_plan().unwrap(), plan);

    exchange(&mut a, &mut b);
    // Meanwhile on B: an item A's edit keeps gets reworded, and one more is added.
    b.edit_safety_item(&not_sleeping.id, &text("Not sleeping well"))
        .unwrap();
    let from_b = b.add_safety_item(PeopleToAsk, &text("My cousin")).unwrap();

    // On A: reorder, remove one, add two (one a bare link), escape a leading '@'; the
    // reasons section's heading is left out, so it stays as it is.
    let summary = a
        .apply_safety_plan_text(&EDITED.replace("SAM", &sam))
        .unwrap();
    assert_eq!(summary.added, 2);
    assert_eq!(summary.removed, 1);
    assert_eq!(summary.moved, 1);
    // The other warning sign, the call, and the reason (its section was left out).
    assert_eq!(summary.unchanged, 3);
    let plan = a.safety_plan().unwrap();
    let signs = items(&plan, WarningSigns);
    assert_eq!(
        signs.iter().map(|i| &i.id).collect::<Vec<_>>(),
        [&isolating.id, &not_sleeping.id]
    );
    // The item that did not move kept its order; the one that moved went before it.
    assert_eq!(signs[1].order, not_sleeping.order);
    assert!(signs[0].order < not_sleeping.order);
    assert!(a.safety_item(&skipping.id).is_err());
    assert_eq!(
        labels(&plan, CopingStrategies),
        ["@home: a note that starts with an at sign"]
    );
    let people = items(&plan, PeopleToAsk);
    assert_eq!(people[0], a.safety_item(&call.id).unwrap());
    assert_eq!(people[0], call);
    assert_eq!(people[1].contact_id.as_deref(), Some(sam.as_str()));
    assert_eq!(people[1].text, None);
    assert_eq!(items(&plan, ReasonsToLive), [reason]);
    // The escape round-trips.
    assert!(plan.to_text().contains("- \\@home: a note"));
    let heads = a.heads();
    assert!(!a.apply_safety_plan_text(&plan.to_text()).unwrap().changed());
    assert_eq!(a.heads(), heads);

    // Both devices' work survives the merge.
    exchange(&mut a, &mut b);
    exchange(&mut b, &mut a);
    let plan = a.safety_plan().unwrap();
    assert_eq!(plan, b.safety_plan().unwrap());
    assert_eq!(
        labels(&plan, WarningSigns),
        ["Isolating", "Not sleeping well"]
    );
    assert!(items(&plan, PeopleToAsk).iter().any(|i| i.id == from_b.id));
}

#[test]
fn bad_text_names_the_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let sam = contact(&mut store, "Sam", None);
    store
        .add_safety_item(WarningSigns, &text("Not sleeping"))
        .unwrap();
    let heads = store.heads();
    let long = "x".repeat(301);
    let many: String = (0..=MAX_SAFETY_ITEMS)
        .map(|i| format!("- sign {i}\n"))
        .collect();
    let cases: Vec<(String, &str, usize)> = vec![
        ("- before any heading\n".into(), "safety plan", 1),
        ("## 1\n- ok\nstray words\n".into(), "safety plan", 3),
        ("## 1\n\n## 9. Hobbies\n".into(), "section", 3),
        ("## Hobbies\n".into(), "section", 1),
        ("## 1\n## warning signs\n".into(), "section", 2),
        (format!("## 7\n- fine\n- {long}\n"), "text", 3),
        ("## 7\n- tab\there\n".into(), "text", 2),
        (format!("## 1\n- @{sam}\n"), "contact", 2),
        ("## 4\n- @no-such-contact\n".into(), "contact", 2),
        (format!("## 4\n- @{sam} [Sam call her\n"), "text", 2),
        ("## 4\n- @ [x]\n".into(), "contact", 2),
        (format!("## 1\n{many}"), "section", 2 + MAX_SAFETY_ITEMS),
    ];
    for (input, field, line) in cases {
        match store.apply_safety_plan_text(&input) {
            Err(Error::InvalidInput { field: f, reason }) => {
                assert_eq!(f, field, "{input}: {reason}");
                assert!(
                    reason.ends_with(&format!("(line {line})")),
                    "{input}: {reason}"
                );
                assert!(!reason.contains("xxx") && !reason.contains("Sam"));
            }
            other => panic!("{input}: expected invalid {field}, got {other:?}"),
        }
        assert_eq!(store.heads(), heads, "{input}");
    }
    let huge = "#".repeat(companion_core::MAX_SAFETY_PLAN_TEXT_BYTES + 1);
    assert!(matches!(
        store.apply_safety_plan_text(&huge),
        Err(Error::InvalidInput {
            field: "safety plan",
            ..
        })
    ));
    // An error found while applying undoes the earlier sections' changes too.
    let half_good = "## 2\n- music\n## 4\n- @no-such-contact\n";
    assert!(store.apply_safety_plan_text(half_good).is_err());
    assert_eq!(store.heads(), heads);
}

// Stores made before the safety plan existed.

/// The first genesis change, as the first release wrote it into every store (copied from a
/// store that release made). Never change these bytes.
const V1_GENESIS_HEX: &str = "856f4a83e51fa733015f0019696f702d636f6d70616e696f6e2f7061727469636970616e74010100000005152d34014202560270027b08636865636b696e7308636f6e74616374730873657373696f6e730570726566730a617474656e64616e636505050005000500";
const V1_GENESIS_HASH: &str = "e51fa733a6ad03f7acc832bb3776186c8f1f61a566968853187ef9ee461b6ec3";
/// The second, which adds the `safety_plan` map.
const V2_GENESIS_HASH: &str = "b32809bc0f33efe9d683d6c51d11d7990313b46494a3f3d0bced031757506738";

fn hex(bytes: &[u8]) -> String {
    data_encoding::HEXLOWER.encode(bytes)
}

fn chunks(dir: &std::path::Path) -> Vec<Vec<u8>> {
    let conn = Connection::open(dir.join(Store::FILE_NAME)).unwrap();
    let mut stmt = conn.prepare("SELECT data FROM chunks ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

/// Makes `dir` a store as the first release left it (schema version 1, nothing sealed): its
/// genesis, then a contact named `name` written by the install's own actor. Opening it with a
/// key both seals it (see core/tests/at_rest.rs) and completes its genesis.
fn old_store(dir: &std::path::Path, name: &str) {
    let v1 = data_encoding::HEXLOWER
        .decode(V1_GENESIS_HEX.as_bytes())
        .unwrap();
    let conn = common::first_release_file(dir);
    let actor = ActorId::random();
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('actor', ?1)",
        [actor.to_bytes()],
    )
    .unwrap();
    let mut doc = AutoCommit::load(&v1).unwrap();
    doc.set_actor(actor);
    let heads = doc.get_heads();
    let (_, contacts) = doc.get(ROOT, "contacts").unwrap().unwrap();
    let c = doc
        .put_object(&contacts, uuid::Uuid::new_v4().to_string(), ObjType::Map)
        .unwrap();
    doc.put(&c, "name", name).unwrap();
    doc.put(&c, "role", "sponsor").unwrap();
    doc.commit();
    let contact = doc.save_after(&heads);
    for chunk in [v1, contact] {
        conn.execute("INSERT INTO chunks (kind, data) VALUES (1, ?1)", [chunk])
            .unwrap();
    }
}

#[test]
fn the_first_genesis_is_unchanged_and_a_fresh_store_has_both() {
    let v1 = data_encoding::HEXLOWER
        .decode(V1_GENESIS_HEX.as_bytes())
        .unwrap();
    let change = automerge::Change::try_from(v1.as_slice()).unwrap();
    assert_eq!(hex(&change.hash().0), V1_GENESIS_HASH);

    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    // One chunk (sealed), the two genesis changes, the first byte for byte.
    assert_eq!(chunks(dir.path()).len(), 1);
    assert_eq!(store.stats().incremental_chunks, 1);
    let mut doc = AutoCommit::load(&store.changes_since(&[])).unwrap();
    let hashes: Vec<String> = doc
        .get_changes(&[])
        .iter()
        .map(|c| hex(&c.hash().0))
        .collect();
    assert_eq!(hashes, [V1_GENESIS_HASH, V2_GENESIS_HASH]);
    assert_eq!(
        doc.get_change_by_hash(&change.hash()).unwrap().raw_bytes(),
        v1
    );
    // Reopening writes nothing.
    drop(store);
    drop(common::open(dir.path()).unwrap());
    assert_eq!(chunks(dir.path()).len(), 1);
}

/// The changes a plaintext (first release) file holds, by hash.
fn file_changes(dir: &std::path::Path) -> Vec<String> {
    changes_of(&chunks(dir).concat())
}

fn changes_of(saved: &[u8]) -> Vec<String> {
    let mut doc = AutoCommit::load(saved).unwrap();
    doc.get_changes(&[])
        .iter()
        .map(|c| hex(&c.hash().0))
        .collect()
}

#[test]
fn an_old_store_gets_the_safety_plan_on_open_once_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    old_store(dir.path(), "Sam");
    let old = file_changes(dir.path());
    assert_eq!(old.len(), 2);
    assert!(!old.contains(&V2_GENESIS_HASH.to_owned()));

    drop(common::open(dir.path()).unwrap());
    // The file, not only the open document, now holds the second genesis change, once.
    let mut store = common::open(dir.path()).unwrap();
    let mut upgraded = changes_of(&store.changes_since(&[]));
    let mut expected = [old, vec![V2_GENESIS_HASH.to_owned()]].concat();
    upgraded.sort();
    expected.sort();
    assert_eq!(upgraded, expected);
    let sam = store.contacts().unwrap()[0].id.clone();
    store.add_safety_item(PeopleToAsk, &link(&sam)).unwrap();
    drop(store);

    // Only once: later opens write nothing at all.
    let before = chunks(dir.path());
    for _ in 0..2 {
        let store = common::open(dir.path()).unwrap();
        assert_eq!(labels(&store.safety_plan().unwrap(), PeopleToAsk), ["Sam"]);
        assert_eq!(store.contacts().unwrap()[0].name, "Sam");
    }
    assert_eq!(chunks(dir.path()), before);
}

#[test]
fn two_old_stores_upgraded_apart_merge_to_one_plan() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    old_store(da.path(), "Ana");
    old_store(db.path(), "Ben");
    let mut a = common::open(da.path()).unwrap();
    let mut b = common::open(db.path()).unwrap();
    a.add_safety_item(WarningSigns, &text("Not sleeping"))
        .unwrap();
    b.add_safety_item(ReasonsToLive, &text("My dog")).unwrap();
    // And a fresh store of the same participant.
    let dc = tempfile::tempdir().unwrap();
    let mut c = common::open(dc.path()).unwrap();
    c.add_safety_item(CopingStrategies, &text("Music")).unwrap();

    exchange(&mut a, &mut b);
    exchange(&mut c, &mut b);
    exchange(&mut b, &mut a);
    exchange(&mut b, &mut c);
    for store in [&mut a, &mut b, &mut c] {
        let plan = store.safety_plan().unwrap();
        assert_eq!(labels(&plan, WarningSigns), ["Not sleeping"]);
        assert_eq!(labels(&plan, CopingStrategies), ["Music"]);
        assert_eq!(labels(&plan, ReasonsToLive), ["My dog"]);
        assert_eq!(store.contacts().unwrap().len(), 2);
        // One safety_plan map, not one per device.
        let mut doc = AutoCommit::load(&store.changes_since(&[])).unwrap();
        assert_eq!(doc.get_all(ROOT, "safety_plan").unwrap().len(), 1);
        let genesis_changes = doc
            .get_changes(&[])
            .iter()
            .filter(|c| hex(&c.hash().0) == V2_GENESIS_HASH)
            .count();
        assert_eq!(genesis_changes, 1);
    }
    assert_eq!(sorted_heads(&mut a), sorted_heads(&mut b));
    assert_eq!(sorted_heads(&mut c), sorted_heads(&mut b));
}
