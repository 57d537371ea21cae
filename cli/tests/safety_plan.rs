//! `companion safety-plan`, running the real binary against a throw-away store.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::*;

/// Runs a command with `input` on stdin.
fn run_with(store: &Path, args: &[&str], input: &str) -> Output {
    let mut child = companion(store)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn ok_with(store: &Path, args: &[&str], input: &str) -> String {
    succeeded(args, run_with(store, args, input))
}

fn add_contact(store: &Path, name: &str, phone: &str) -> String {
    let c = json(
        store,
        &["contact", "add", "--name", name, "--phone", phone, "--json"],
    );
    c["id"].as_str().unwrap().to_owned()
}

/// The labels of section `n` (from 1), from `show --json`.
fn labels(store: &Path, n: usize) -> Vec<String> {
    let plan = json(store, &["safety-plan", "show", "--json"]);
    plan["sections"][n - 1]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn show_add_move_remove() {
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");

    // Empty: all seven sections, each with a gentle hint.
    let empty = ok(store, &["safety-plan", "show"]);
    for heading in [
        "1. Warning signs",
        "2. Internal coping strategies",
        "4. People I can ask for help",
        "7. Reasons to keep going",
    ] {
        assert!(empty.contains(&format!("\n{heading}\n")), "{empty}");
    }
    assert_eq!(empty.matches("Nothing here yet.").count(), 7);
    let plan = json(store, &["safety-plan", "show", "--json"]);
    assert_eq!(plan["sections"].as_array().unwrap().len(), 7);
    assert_eq!(plan["sections"][4]["section"], "professionals");

    let sam = add_contact(store, "Sam", "+1 312 555 0100");
    ok(
        store,
        &["safety-plan", "add", "warning-signs", "Not sleeping"],
    );
    ok(store, &["safety-plan", "add", "1", "Skipping group"]);
    let call = json(
        store,
        &["safety-plan", "add", "4", "--contact", &sam, "--json"],
    );
    assert_eq!(call["contact_name"], "Sam");
    assert_eq!(call["section"], "people-to-ask");
    let added = ok(
        store,
        &[
            "safety-plan",
            "add",
            "People to ask",
            "Call after 9pm",
            "--contact",
            &sam,
        ],
    );
    assert!(added.starts_with("Added to 4. People I can ask for help: Call after 9pm — Sam"));
    ok(
        store,
        &["safety-plan", "add", "reasons-to-live", "My daughter"],
    );

    let shown = ok(store, &["safety-plan", "show"]);
    assert!(shown.contains("   1. Sam · +1 312-555-0100\n"), "{shown}");
    assert!(
        shown.contains("   2. Call after 9pm — Sam · +1 312-555-0100\n"),
        "{shown}"
    );
    assert!(shown.contains("   2. Skipping group\n"), "{shown}");
    assert_eq!(shown.matches("Nothing here yet.").count(), 4);
    let call_id = call["id"].as_str().unwrap();
    assert!(ok(store, &["safety-plan", "show", "--ids"]).contains(call_id));

    // Move the call below the other item, then remove it.
    let moved = ok(store, &["safety-plan", "move", call_id, "9"]);
    assert!(moved.starts_with("Moved in 4."), "{moved}");
    assert_eq!(labels(store, 4), ["Call after 9pm", "Sam"]);
    ok(store, &["safety-plan", "remove", call_id]);
    assert_eq!(labels(store, 4), ["Call after 9pm"]);

    // A removed contact shows neutrally.
    ok(store, &["contact", "remove", &sam]);
    let shown = ok(store, &["safety-plan", "show"]);
    assert!(
        shown.contains("   1. Call after 9pm — (removed contact)\n"),
        "{shown}"
    );
}

#[test]
fn bad_input_is_refused_without_echoing_it() {
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");
    let sam = add_contact(store, "Sam", "988");
    ok(store, &["safety-plan", "add", "1", "Not sleeping"]);
    let before = ok(store, &["safety-plan", "show", "--json"]);

    let secret = "private words".repeat(30);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["safety-plan", "add", "hobbies", "x"],
            "invalid section",
        ),
        (vec!["safety-plan", "add", "1", &secret], "invalid text"),
        (vec!["safety-plan", "add", "1"], "invalid text"),
        (
            vec!["safety-plan", "add", "1", "--contact", &sam],
            "invalid contact",
        ),
        (
            vec!["safety-plan", "add", "4", "--contact", "nobody"],
            "no contact with id nobody",
        ),
        (
            vec!["safety-plan", "remove", "nothing"],
            "no safety plan item",
        ),
        (
            vec!["safety-plan", "move", "nothing", "1"],
            "no safety plan item",
        ),
    ];
    for (args, expected) in cases {
        let err = fails(store, &args, 1);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(!err.contains("private"), "{err}");
    }
    assert_eq!(ok(store, &["safety-plan", "show", "--json"]), before);
}

#[test]
fn edit_from_a_file_or_stdin_changes_only_what_differs() {
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");
    let sam = add_contact(store, "Sam", "+1 312 555 0100");
    ok(store, &["safety-plan", "add", "1", "Not sleeping"]);
    ok(store, &["safety-plan", "add", "1", "Skipping group"]);
    ok(store, &["safety-plan", "add", "7", "My daughter"]);
    let kept = json(store, &["safety-plan", "show", "--json"])["sections"][0]["items"][0].clone();

    // The text round-trips: applying it unchanged changes nothing.
    let text = ok(store, &["safety-plan", "show", "--text"]);
    assert!(text.contains("\n## 1. Warning signs\n"), "{text}");
    assert!(text.contains("\n- Not sleeping\n"), "{text}");
    let file = dir.path().join("plan.txt");
    std::fs::write(&file, &text).unwrap();
    assert_eq!(
        ok(
            store,
            &["safety-plan", "edit", "--file", file.to_str().unwrap()]
        ),
        "No changes to the safety plan.\n"
    );

    // Edited: one line removed, two added (one a contact), the reasons left out.
    let edited =
        format!("## 1. Warning signs\n- Isolating\n- Not sleeping\n\n## 4\n- @{sam} [Sam]\n");
    let summary: Value =
        serde_json::from_str(&ok_with(store, &["safety-plan", "edit", "--json"], &edited)).unwrap();
    assert_eq!(summary["added"], 2);
    assert_eq!(summary["removed"], 1);
    assert_eq!(summary["unchanged"], 2);
    assert_eq!(labels(store, 1), ["Isolating", "Not sleeping"]);
    assert_eq!(labels(store, 4), ["Sam"]);
    assert_eq!(labels(store, 7), ["My daughter"]);
    // The line that stayed is the same item, untouched.
    let now = json(store, &["safety-plan", "show", "--json"])["sections"][0]["items"][1].clone();
    assert_eq!(now, kept);
    // "-" reads stdin too.
    let out = ok_with(store, &["safety-plan", "edit", "--file", "-"], &edited);
    assert_eq!(out, "No changes to the safety plan.\n");

    // A bad line: its number, never its words, and nothing changes.
    let before = ok(store, &["safety-plan", "show", "--json"]);
    let bad = "## 1\n- fine\n- private\twords\n";
    let args = ["safety-plan", "edit"];
    let err = failed(&args, run_with(store, &args, bad), 1);
    assert!(
        err.contains("invalid text") && err.contains("(line 3)"),
        "{err}"
    );
    assert!(!err.contains("private"), "{err}");
    let err = failed(&args, run_with(store, &args, "## 4\n- @nobody\n"), 1);
    assert!(err.contains("(line 2)"), "{err}");
    let err = failed(&args, run_with(store, &args, "just words\n"), 1);
    assert!(err.contains("(line 1)") && !err.contains("just"), "{err}");
    assert_eq!(ok(store, &["safety-plan", "show", "--json"]), before);
    let missing = dir.path().join("missing.txt");
    fails(
        store,
        &["safety-plan", "edit", "--file", missing.to_str().unwrap()],
        1,
    );
}

/// At a terminal, `edit` opens $VISUAL. `script` gives the binary a terminal; without it
/// (not every machine has util-linux) the test says so and stops.
#[test]
fn edit_at_a_terminal_opens_the_editor_and_keeps_text_that_fails() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to run the binary at a terminal");
        return;
    }
    let dir = TempDir::new().unwrap();
    let store = &dir.path().join("store");
    ok(store, &["safety-plan", "add", "1", "Not sleeping"]);
    let at_terminal = |editor: &str| {
        let line = format!(
            "'{BIN}' --store '{}' --tz UTC safety-plan edit",
            store.display()
        );
        Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .env("VISUAL", editor)
            .env_remove("EDITOR")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };

    // The editor changes one line.
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/^- Not sleeping$/- Not sleeping well/' \"$1\"\n",
    )
    .unwrap();
    let out = at_terminal(&format!("sh '{}'", editor.display()));
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 added, 1 removed"));
    assert_eq!(labels(store, 1), ["Not sleeping well"]);

    // Text that does not apply is kept, the plan is unchanged, the next edit is refused
    // until the kept text is applied (which removes it).
    let out = at_terminal("sh -c 'echo stray words >> \"$0\"'");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let kept = store.join("safety-plan-edit.txt");
    assert!(kept.exists());
    assert!(String::from_utf8_lossy(&out.stdout).contains("is kept in"));
    assert_eq!(labels(store, 1), ["Not sleeping well"]);
    let out = at_terminal("true");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("an earlier edit is kept"));
    let fixed = std::fs::read_to_string(&kept)
        .unwrap()
        .replace("stray words\n", "- More\n");
    std::fs::write(&kept, fixed).unwrap();
    ok(
        store,
        &["safety-plan", "edit", "--file", kept.to_str().unwrap()],
    );
    assert!(!kept.exists());
    assert_eq!(labels(store, 1), ["Not sleeping well"]);
    // "- More" went to the last section in the text, the reasons.
    assert_eq!(labels(store, 7), ["More"]);

    // An editor that fails changes nothing and leaves no file.
    let out = at_terminal("false");
    assert_eq!(out.status.code(), Some(1));
    assert!(!kept.exists());
}
