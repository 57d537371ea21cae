//! `companion insights` and `companion chart`, through the real binary, against figures
//! worked out by hand.

use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::*;

/// Wednesday, June 10 2026: the day the insights and charts look back from.
const TODAY: &str = "2026-06-10";
/// The chart's colours (cli/src/chart.rs), by which points and bars are counted.
const MOOD: &str = "#2B6CB0";
const CRAVING: &str = "#C05621";
const MISSED: &str = "#DDE1E6";
const NOTE: &str = "private words about a hard day";

/// The date `n` days before [`TODAY`].
fn before(n: u64) -> String {
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    (today - chrono::Days::new(n)).to_string()
}

/// Check-ins on days -13 to -1 with gaps, today not yet (as core/tests/insights.rs):
///
/// | day | -13 | -12 | -11 | -10 | -9 | -8 | -7 | -6 | -5 | -4 | -3 | -2 | -1 | 0 |
/// |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
/// | mood | 4 | 5 | · | 4 | · | 5 | · | 6 | 7 | · | 6 | 7 | 8 | · |
/// | craving | 6 | 5 | · | 6 | · | 5 | · | 4 | 3 | · | – | 2 | 1 | · |
/// | sleep | 5.0 | 5.5 | · | 6.0 | · | 7.0 | · | 7.0 | 8.0 | · | – | 5.5 | 7.5 | · |
fn gaps(store: &Path) {
    let days: [(u64, &str, Option<&str>, Option<&str>); 9] = [
        (13, "4", Some("6"), Some("5")),
        (12, "5", Some("5"), Some("5.5")),
        (10, "4", Some("6"), Some("6")),
        (8, "5", Some("5"), Some("7")),
        (6, "6", Some("4"), Some("7")),
        (5, "7", Some("3"), Some("8")),
        (3, "6", None, None),
        (2, "7", Some("2"), Some("5.5")),
        (1, "8", Some("1"), Some("7.5")),
    ];
    for (n, mood, craving, sleep) in days {
        let date = before(n);
        let mut args = vec!["checkin", "--date", &date, "--mood", mood, "--note", NOTE];
        if let Some(c) = craving {
            args.extend(["--craving", c]);
        }
        if let Some(s) = sleep {
            args.extend(["--sleep", s]);
        }
        ok(store, &args);
    }
}

#[test]
fn insights_json_matches_the_hand_worked_figures() {
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");
    gaps(store);
    let i = json(store, &["insights", "--date", TODAY, "--json"]);
    assert_eq!(i["today"], TODAY);
    assert_eq!(i["checked_in_today"], false);
    assert_eq!(i["total_checkins"], 9);
    assert_eq!(i["first_checkin"], before(13));
    assert_eq!((&i["this_week"], &i["this_month"]), (&2.into(), &6.into()));
    assert_eq!(
        (&i["current_run"], &i["longest_run"]),
        (&3.into(), &3.into())
    );
    let w = &i["last_7_days"];
    assert_eq!((&w["checkins"], &w["missed"]), (&5.into(), &1.into()));
    assert_eq!(w["mood"]["mean"], 6.8);
    assert_eq!(w["mood"]["previous_mean"], 4.5);
    assert_eq!(w["mood"]["trend"], "up");
    assert_eq!(w["craving"]["mean"], 2.5);
    assert_eq!(w["craving"]["trend"], "down");
    assert_eq!(w["sleep_hours"], 7.0);
    let m = &i["last_30_days"];
    assert_eq!((&m["checkins"], &m["missed"]), (&9.into(), &4.into()));
    assert_eq!(m["mood"]["mean"], 5.8);
    assert_eq!(m["mood"]["trend"], "not-enough-data");
    let s = &i["sleep_and_mood"];
    assert_eq!(
        (&s["short_nights"], &s["other_nights"]),
        (&3.into(), &5.into())
    );
    assert_eq!(s["mood_after_short_nights"], 5.3);
    assert_eq!(s["mood_after_other_nights"], 6.0);
    assert_eq!(i["nudge"], Value::Null);

    let text = ok(store, &["insights", "--date", TODAY]);
    assert!(
        text.starts_with("Insights for Wednesday 2026-06-10\n"),
        "{text}"
    );
    assert!(
        text.contains("Checked in 5 of the last 7 days and 9 of the last 30 (4 missed)."),
        "{text}"
    );
    assert!(
        text.contains("Current run: 3 days; today is still open."),
        "{text}"
    );
    assert!(text.contains("6.8, up from 4.5"), "{text}");
    assert!(text.contains("2.5, down from 5.5"), "{text}");
    assert!(text.contains("mood 5.3 after short nights"), "{text}");
    assert!(!text.contains("nudge"), "{text}");
    assert!(
        text.ends_with("one command away: companion crisis\n"),
        "{text}"
    );
    assert!(!text.contains(NOTE));
}

#[test]
fn the_nudge_names_the_top_contacts() {
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");
    for (name, role, fav) in [
        ("Sam", "sponsor", true),
        ("Lifeline", "crisis-line", true),
        ("Dr Lee", "therapist", false),
    ] {
        let mut args = vec![
            "contact",
            "add",
            "--name",
            name,
            "--role",
            role,
            "--phone",
            "+1 312 555 0100",
        ];
        if fav {
            args.push("--favourite");
        }
        ok(store, &args);
    }
    // Cravings of 8 on two of the last three check-ins.
    for (n, craving) in [(3, "8"), (2, "3"), (1, "8")] {
        ok(
            store,
            &[
                "checkin",
                "--date",
                &before(n),
                "--mood",
                "6",
                "--craving",
                craving,
            ],
        );
    }
    let text = ok(store, &["insights", "--date", TODAY]);
    assert!(
        text.contains("A gentle nudge: Cravings have been strong"),
        "{text}"
    );
    let reach: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "Reach out to:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert_eq!(reach.len(), 2, "{text}");
    assert!(
        reach[0].contains("Sam") && reach[0].contains("(sponsor)"),
        "{text}"
    );
    assert!(reach[0].contains("+13125550100"), "{text}");
    assert!(reach[1].contains("Dr Lee"), "{text}");
    assert!(!text.contains("Lifeline"), "{text}");
    assert!(text.contains("companion crisis"), "{text}");
    let i = json(store, &["insights", "--date", TODAY, "--json"]);
    assert_eq!(i["nudge"]["reasons"], serde_json::json!(["high-cravings"]));
    assert_eq!(i["nudge"]["contacts"][0]["name"], "Sam");
    assert_eq!(i["nudge"]["contacts"][0]["role"], "sponsor");

    // One step short (craving 7), no nudge.
    ok(store, &["checkin", "--date", &before(1), "--craving", "7"]);
    let text = ok(store, &["insights", "--date", TODAY]);
    assert!(!text.contains("nudge"), "{text}");
    assert!(text.contains("companion crisis"), "{text}");
}

#[test]
fn an_empty_store_has_no_insights_yet() {
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");
    let text = ok(store, &["insights", "--date", TODAY]);
    assert!(text.contains("No check-ins yet."), "{text}");
    assert!(text.contains("companion crisis"), "{text}");
    // Today by default, in the participant's zone.
    let i = json(store, &["insights", "--json"]);
    assert_eq!(i["total_checkins"], 0);
    assert!(i["today"].is_string());
}

/// The chart's elements, parsed as XML.
struct Svg {
    text: String,
}

impl Svg {
    fn read(path: &Path) -> Svg {
        let text = std::fs::read_to_string(path).expect("the chart file");
        roxmltree::Document::parse(&text).expect("well-formed XML");
        Svg { text }
    }

    fn count(&self, tag: &str, attr: &str, value: &str) -> usize {
        let doc = roxmltree::Document::parse(&self.text).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name(tag) && n.attribute(attr) == Some(value))
            .count()
    }

    /// The x of the points of one colour, left to right.
    fn point_xs(&self, colour: &str) -> Vec<f64> {
        let doc = roxmltree::Document::parse(&self.text).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("circle") && n.attribute("fill") == Some(colour))
            .map(|n| n.attribute("cx").unwrap().parse().unwrap())
            .collect()
    }

    fn texts(&self) -> Vec<String> {
        let doc = roxmltree::Document::parse(&self.text).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or("").trim().to_owned())
            .collect()
    }
}

#[test]
fn the_chart_is_svg_with_a_point_per_check_in_and_missed_days_marked() {
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");
    gaps(store);
    let out = dir.path().join("mood.svg");
    let printed = ok(
        store,
        &[
            "chart",
            "--days",
            "30",
            "--to",
            TODAY,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        printed.contains("30 days (9 checked in, 4 missed)"),
        "{printed}"
    );
    let svg = Svg::read(&out);
    let doc = roxmltree::Document::parse(&svg.text).unwrap();
    assert!(
        doc.root_element()
            .has_tag_name(("http://www.w3.org/2000/svg", "svg"))
    );
    // One point per check-in; day -3 has no craving.
    assert_eq!(svg.count("circle", "fill", MOOD), 9);
    assert_eq!(svg.count("circle", "fill", CRAVING), 8);
    // Missed: -11, -9, -7, -4; not today, not the days before the first check-in.
    assert_eq!(svg.count("rect", "fill", MISSED), 4);
    // Lines only join consecutive days: mood runs -13..-12, -6..-5, -3..-1 (the single days
    // -10 and -8 are points alone), craving -13..-12, -6..-5, -2..-1; plus each legend line.
    assert_eq!(svg.count("polyline", "stroke", MOOD), 3 + 1);
    assert_eq!(svg.count("polyline", "stroke", CRAVING), 3 + 1);
    // Points go left to right, one day apart or more.
    let xs = svg.point_xs(MOOD);
    assert!(xs.windows(2).all(|w| w[1] > w[0]), "{xs:?}");
    let texts = svg.texts();
    for label in ["Missed day", "Jun 10", "0", "10"] {
        assert!(
            texts.iter().any(|t| t.contains(label)),
            "{label}: {texts:?}"
        );
    }
    assert!(
        texts.iter().any(|t| t.starts_with("Mood ("))
            && texts.iter().any(|t| t.starts_with("Craving (")),
        "{texts:?}"
    );
    assert!(!svg.text.contains(NOTE));

    // 90 days: the same points, and no bars before the first check-in.
    ok(
        store,
        &[
            "chart",
            "--days",
            "90",
            "--to",
            TODAY,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let svg = Svg::read(&out);
    assert_eq!(svg.count("circle", "fill", MOOD), 9);
    assert_eq!(svg.count("rect", "fill", MISSED), 4);
    // A week later, the days since are missed too; today is not.
    ok(
        store,
        &[
            "chart",
            "--days",
            "30",
            "--to",
            "2026-06-17",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(Svg::read(&out).count("rect", "fill", MISSED), 4 + 7);
    assert!(!dir.path().join("mood.svg.partial").exists());
}

#[test]
fn an_empty_chart_is_still_a_chart() {
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");
    let out = dir.path().join("empty.svg");
    ok(store, &["chart", "--out", out.to_str().unwrap()]);
    let svg = Svg::read(&out);
    assert_eq!(svg.count("circle", "fill", MOOD), 0);
    assert_eq!(svg.count("rect", "fill", MISSED), 0);
}

#[test]
fn the_chart_refuses_bad_days_and_unwritable_files() {
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");
    gaps(store);
    let out = dir.path().join("chart.svg");
    let path = out.to_str().unwrap();
    for days in ["0", "367", "4294967295"] {
        let err = fails(store, &["chart", "--days", days, "--out", path], 1);
        assert_eq!(err, "companion: invalid days: must be from 1 to 366\n");
    }
    for days in ["-1", "thirty", "4294967296"] {
        fails(store, &["chart", "--days", days, "--out", path], 2);
    }
    fails(store, &["chart"], 2);
    assert!(!out.exists());
    // 366 is the most.
    ok(
        store,
        &["chart", "--days", "366", "--to", TODAY, "--out", path],
    );
    assert_eq!(Svg::read(&out).count("circle", "fill", MOOD), 9);

    // A file that cannot be written leaves nothing behind; one that exists is replaced whole.
    let missing = dir.path().join("no such dir").join("chart.svg");
    let err = fails(store, &["chart", "--out", missing.to_str().unwrap()], 1);
    assert!(
        err.starts_with("companion: could not write the chart file"),
        "{err}"
    );
    std::fs::write(&out, "old contents").unwrap();
    ok(store, &["chart", "--to", TODAY, "--out", path]);
    Svg::read(&out);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

/// The README's chart is what `scripts/demo-chart` makes: 26 check-ins in 30 days, 4 missed.
#[test]
fn the_readme_chart_is_a_real_chart() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/images/mood-chart.svg");
    let svg = Svg::read(&path);
    assert_eq!(svg.count("circle", "fill", MOOD), 26);
    assert_eq!(svg.count("circle", "fill", CRAVING), 26);
    assert_eq!(svg.count("rect", "fill", MISSED), 4);
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    assert!(readme.contains("![Mood and craving, last 30 days](docs/images/mood-chart.svg)"));
}
