//! `companion export` in every format through the real binary: what it prints, the files it
//! writes (whole, and readable by the participant only), and the options it refuses.

use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::*;

const NOTE: &str = "Group helped, \"a lot\".\nSecond line";
const FORMULA: &str = "=1+1 is not a formula here";

/// Three check-ins, one with a note that needs quoting and one with a formula-looking note.
fn store_with_checkins() -> TempDir {
    let store = TempDir::new().unwrap();
    let p = store.path();
    ok(
        p,
        &[
            "checkin",
            "--date",
            "2025-03-01",
            "--mood",
            "7",
            "--craving",
            "2",
            "--sleep",
            "7.5",
            "--emotion",
            "hopeful",
            "--not-used",
            "--note",
            NOTE,
        ],
    );
    ok(p, &["checkin", "--date", "2025-03-02", "--mood", "3"]);
    ok(
        p,
        &[
            "checkin",
            "--date",
            "2025-03-04",
            "--mood",
            "9",
            "--note",
            FORMULA,
        ],
    );
    store
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Writes `format` to `name` in `dir` and checks what was said and what is on disk.
fn export_to(store: &Path, dir: &Path, format: &str, name: &str, extra: &[&str]) -> String {
    let file = dir.join(name);
    let mut args = vec![
        "export",
        "--format",
        format,
        "--out",
        file.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let said = ok(store, &args);
    assert!(said.starts_with("Wrote "), "{said}");
    assert!(said.contains("not encrypted"), "{said}");
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600, "{format}");
    // Nothing beside it: the partial file was renamed into place.
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".partial")), "{names:?}");
    std::fs::read_to_string(&file).unwrap()
}

#[test]
fn csv_file_reads_back() {
    let store = store_with_checkins();
    let dir = TempDir::new().unwrap();
    let text = export_to(store.path(), dir.path(), "csv", "checkins.csv", &[]);
    assert_eq!(text, ok(store.path(), &["export", "--format", "csv"]));

    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
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
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0].iter().take(7).collect::<Vec<_>>(),
        ["2025-03-01", "7", "2", "hopeful", "7.5", "false", NOTE]
    );
    assert_eq!(
        rows[1].iter().take(2).collect::<Vec<_>>(),
        ["2025-03-02", "3"]
    );
    assert_eq!(rows[2][6], format!("'{FORMULA}"));
}

#[test]
fn json_file_is_the_versioned_document() {
    let store = store_with_checkins();
    let dir = TempDir::new().unwrap();
    let text = export_to(
        store.path(),
        dir.path(),
        "json",
        "checkins.json",
        &["--from", "2025-03-02"],
    );
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["format"], "iop-companion-checkins");
    assert_eq!(doc["version"], 1);
    assert!(doc["exported_at"].as_str().unwrap().ends_with('Z'));
    let checkins = doc["checkins"].as_array().unwrap();
    let dates: Vec<&str> = checkins
        .iter()
        .map(|c| c["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-03-02", "2025-03-04"]);
    assert_eq!(checkins[1]["mood"], 9);
    assert_eq!(checkins[1]["note"], FORMULA);
}

#[test]
fn fhir_file_is_a_bundle_of_responses() {
    let store = store_with_checkins();
    let dir = TempDir::new().unwrap();
    let text = export_to(
        store.path(),
        dir.path(),
        "fhir",
        "checkins.fhir.json",
        &["--to", "2025-03-02"],
    );
    let bundle: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let kinds: Vec<&str> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "Questionnaire",
            "QuestionnaireResponse",
            "QuestionnaireResponse"
        ]
    );
    let first = &bundle["entry"][1]["resource"];
    assert_eq!(first["item"][0]["linkId"], "date");
    assert_eq!(first["item"][0]["answer"][0]["valueDate"], "2025-03-01");
    assert_eq!(first["item"][1]["answer"][0]["valueInteger"], 7);
}

#[test]
fn ics_is_still_the_default_and_private_too() {
    let store = store_with_checkins();
    let dir = TempDir::new().unwrap();
    let text = export_to(store.path(), dir.path(), "ics", "schedule.ics", &[]);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        ok(store.path(), &["export"]).starts_with("BEGIN:VCALENDAR\r\n"),
        "ics is the default"
    );
}

/// An existing file (world-readable) and a partial file a crash left are replaced, and the
/// result is private all the same.
#[test]
fn an_existing_file_is_replaced_privately() {
    let store = store_with_checkins();
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("checkins.csv");
    std::fs::write(&file, "old").unwrap();
    std::fs::write(dir.path().join("checkins.csv.partial"), "stale").unwrap();
    #[cfg(unix)]
    for f in [&file, &dir.path().join("checkins.csv.partial")] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let text = export_to(store.path(), dir.path(), "csv", "checkins.csv", &[]);
    assert!(text.starts_with("date,mood,"));
    assert!(!dir.path().join("checkins.csv.partial").exists());
}

#[test]
fn refused_options_write_nothing() {
    let store = store_with_checkins();
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("out.csv");
    let out = file.to_str().unwrap();

    let err = fails(
        store.path(),
        &[
            "export",
            "--format",
            "csv",
            "--from",
            "2025-03-04",
            "--to",
            "2025-03-01",
            "--out",
            out,
        ],
        1,
    );
    assert!(err.contains("date range"), "{err}");
    let err = fails(store.path(), &["export", "--from", "2025-03-01"], 1);
    assert!(err.contains("--from and --to"), "{err}");
    fails(store.path(), &["export", "--format", "xlsx"], 2);
    fails(
        store.path(),
        &["export", "--format", "csv", "--from", "2025-02-30"],
        2,
    );
    // A directory that does not exist: an error naming no path or value, and no partial file.
    let missing = dir.path().join("missing").join("out.json");
    let err = fails(
        store.path(),
        &[
            "export",
            "--format",
            "json",
            "--out",
            missing.to_str().unwrap(),
        ],
        1,
    );
    assert!(err.contains("could not write the file"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
