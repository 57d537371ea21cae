//! `crisis`, `reach-out` and phone numbers through the real `companion` binary.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

mod common;
use common::{failed, succeeded};

/// The binary on a store with the locale `lang` (or none).
fn with_lang(store: &Path, lang: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = common::companion(store);
    if let Some(lang) = lang {
        cmd.env("LANG", lang);
    }
    cmd.args(args).output().expect("the binary runs")
}

fn ok(store: &Path, lang: Option<&str>, args: &[&str]) -> String {
    succeeded(args, with_lang(store, lang, args))
}

fn json(store: &Path, lang: Option<&str>, args: &[&str]) -> Value {
    serde_json::from_str(&ok(store, lang, args)).unwrap()
}

fn fails(store: &Path, lang: Option<&str>, args: &[&str]) -> String {
    failed(args, with_lang(store, lang, args), 1)
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect()
}

#[test]
fn crisis_lines_work_on_a_fresh_store_with_no_network() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let us = Some("en_US.UTF-8");
    let text = ok(&store, us, &["crisis"]);
    assert!(
        text.starts_with("988 Suicide & Crisis Lifeline\n"),
        "{text}"
    );
    assert!(text.contains("Text HOME to 741741  sms:741741?body=HOME"));
    assert!(text.contains("Call (800) 662-4357  tel:+18006624357"));
    let lines = json(&store, us, &["crisis", "--json"]);
    assert_eq!(lines[0]["id"], "crisis:us-988");
    assert_eq!(lines[0]["source"], "built-in");
    assert_eq!(lines[0]["actions"][0]["uri"], "tel:988");
    // The locale picks the region; --region wins over it; prefs win over both.
    assert_eq!(
        names(&json(&store, Some("en_GB.UTF-8"), &["crisis", "--json"]))[0],
        "Samaritans"
    );
    assert_eq!(
        names(&json(&store, us, &["--region", "nz", "crisis", "--json"]))[0],
        "Need to talk? 1737"
    );
    // Nothing known: the emergency number, and how to set the country.
    let text = ok(&store, None, &["crisis"]);
    assert!(text.starts_with("Emergency services (112)"), "{text}");
    assert!(text.contains("companion prefs --region"));
    ok(&store, None, &["prefs", "--region", "ie"]);
    assert_eq!(
        names(&json(&store, us, &["crisis", "--json"])),
        ["Samaritans", "50808", "Emergency services (112)"]
    );
    let err = fails(&store, us, &["--region", "Mars", "crisis"]);
    assert_eq!(
        err,
        "companion: invalid region: must be a two-letter country code such as US\n"
    );
    let err = fails(&store, us, &["prefs", "--region", "ZZ"]);
    assert_eq!(
        err,
        "companion: invalid region: is not a known country code\n"
    );
    // A built-in line cannot be removed.
    let err = fails(&store, us, &["contact", "remove", "crisis:ie-50808"]);
    assert!(err.contains("is built into the app and cannot be changed or removed"));
}

#[test]
fn reach_out_orders_people_and_prefills_texts() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let us = Some("en_US.UTF-8");
    let add = |args: &[&str]| {
        let mut all = vec!["contact", "add", "--json"];
        all.extend_from_slice(args);
        json(&store, us, &all)
    };
    let sam = add(&[
        "--name",
        "Sam",
        "--role",
        "sponsor",
        "--phone",
        "(201) 555-0102",
        "--favourite",
    ]);
    assert_eq!(sam["phone"], "+12015550102");
    add(&[
        "--name",
        "Mum",
        "--role",
        "family",
        "--phone",
        "+44 20 7946 0018",
    ]);
    add(&[
        "--name",
        "Dr. Lee",
        "--role",
        "therapist",
        "--email",
        "lee@example.org",
    ]);
    let err = fails(
        &store,
        us,
        &["contact", "add", "--name", "X", "--phone", "(000) 000-0000"],
    );
    assert_eq!(
        err,
        "companion: invalid phone: is not a valid phone number in region US\n"
    );
    let r = json(&store, us, &["reach-out", "--suggested", "--json"]);
    assert_eq!(
        r["crisis_lines"][0]["name"],
        "988 Suicide & Crisis Lifeline"
    );
    assert_eq!(names(&r["favourites"]), ["Sam"]);
    assert_eq!(names(&r["others"]), ["Dr. Lee", "Mum"]);
    let sms = r["favourites"][0]["actions"][1]["uri"].as_str().unwrap();
    assert!(
        sms.starts_with("sms:+12015550102?body=Hi%2C%20it%27s%20me."),
        "{sms}"
    );
    assert_eq!(
        r["others"][1]["actions"][0]["label"],
        "Call +44 20 7946 0018"
    );
    let text = ok(&store, us, &["reach-out", "--message", "Call me?"]);
    assert!(text.contains("Text (201) 555-0102  sms:+12015550102?body=Call%20me%3F"));
    let long = "x".repeat(501);
    let err = fails(&store, us, &["reach-out", "--message", &long]);
    assert_eq!(
        err,
        "companion: invalid message: longer than 500 characters\n"
    );
}
