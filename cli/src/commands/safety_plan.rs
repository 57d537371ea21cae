//! `companion safety-plan`: show the plan, edit it as text, add, move and remove items. The
//! text format and what applying it changes are the core's.

use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::Command;

use companion_core::{
    MAX_SAFETY_PLAN_TEXT_BYTES, SafetyItem, SafetyItemFields, SafetyPlan, SafetyPlanDiffSummary,
    SafetyPlanSection, SafetySection,
};

use super::Ctx;
use crate::args::{
    SafetyPlanAddArgs, SafetyPlanCommand, SafetyPlanEditArgs, SafetyPlanMoveArgs,
    SafetyPlanShowArgs,
};
use crate::output;
use crate::{Failure, Outcome};

/// Where an edit in the editor is written: the store's directory is private to the user, a
/// shared temporary directory is not, and the plan is personal.
pub(super) const EDIT_FILE: &str = "safety-plan-edit.txt";

pub fn run(ctx: &mut Ctx, c: SafetyPlanCommand) -> Outcome {
    match c {
        SafetyPlanCommand::Show(a) => show(ctx, a),
        SafetyPlanCommand::Edit(a) => edit(ctx, a),
        SafetyPlanCommand::Add(a) => add(ctx, a),
        SafetyPlanCommand::Move(a) => move_item(ctx, a),
        SafetyPlanCommand::Remove(a) => {
            ctx.store.remove_safety_item(&a.id)?;
            Ok(format!("Removed safety plan item {}.\n", a.id))
        }
    }
}

fn show(ctx: &Ctx, a: SafetyPlanShowArgs) -> Outcome {
    let plan = ctx.store.safety_plan()?;
    if a.json {
        return output::json(&plan);
    }
    if a.text {
        return Ok(plan.to_text());
    }
    Ok(plan_text(&plan, a.ids))
}

fn add(ctx: &mut Ctx, a: SafetyPlanAddArgs) -> Outcome {
    let section: SafetySection = a.section.parse()?;
    let item = ctx.store.add_safety_item(
        section,
        &SafetyItemFields {
            text: a.text,
            contact_id: a.contact,
        },
    )?;
    if a.json {
        return output::json(&item);
    }
    Ok(format!(
        "Added to {}. {}: {} (id {})\n",
        section.number(),
        section.title(),
        item_line(&item),
        item.id
    ))
}

fn move_item(ctx: &mut Ctx, a: SafetyPlanMoveArgs) -> Outcome {
    let section = a
        .section
        .as_deref()
        .map(str::parse::<SafetySection>)
        .transpose()?;
    let item = ctx
        .store
        .move_safety_item(&a.id, section, a.position.saturating_sub(1))?;
    if a.json {
        return output::json(&item);
    }
    Ok(format!(
        "Moved in {}. {}: {}\n",
        item.section.number(),
        item.section.title(),
        item_line(&item)
    ))
}

fn edit(ctx: &mut Ctx, a: SafetyPlanEditArgs) -> Outcome {
    let summary = match &a.file {
        Some(path) if path.as_os_str() == "-" => apply(ctx, std::io::stdin().lock())?,
        Some(path) => {
            let file = std::fs::File::open(path)
                .map_err(|e| Failure::Message(format!("could not open the file: {}", e.kind())))?;
            let summary = apply(ctx, file)?;
            if is_kept_edit(ctx, path) {
                // The kept text of an earlier edit, now applied: the next edit may start.
                let _ = std::fs::remove_file(path);
            }
            summary
        }
        None if std::io::stdin().is_terminal() => in_editor(ctx)?,
        None => apply(ctx, std::io::stdin().lock())?,
    };
    if a.json {
        return output::json(&summary);
    }
    Ok(summary_line(&summary))
}

fn apply(ctx: &mut Ctx, input: impl Read) -> Outcome<SafetyPlanDiffSummary> {
    let text = read_text(input)?;
    Ok(ctx.store.apply_safety_plan_text(&text)?)
}

/// Reads at most one byte past the core's limit, so an oversized input is refused (by the
/// core) without reading it all.
fn read_text(input: impl Read) -> Outcome<String> {
    let mut bytes = Vec::new();
    input
        .take(MAX_SAFETY_PLAN_TEXT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Message(format!("could not read the text: {}", e.kind())))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        // Cut off mid-character: too long either way, which the core says.
        Err(e) if e.as_bytes().len() > MAX_SAFETY_PLAN_TEXT_BYTES => {
            Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
        Err(_) => Err(Failure::Message(
            "the text is not UTF-8; the plan was not changed".into(),
        )),
    }
}

/// Opens the plan's text in the participant's editor and applies what they save. Text that
/// cannot be applied is kept for them to fix, never lost.
fn in_editor(ctx: &mut Ctx) -> Outcome<SafetyPlanDiffSummary> {
    let path = ctx.store.dir().join(EDIT_FILE);
    if path.exists() {
        // Likely an earlier edit that did not apply: never overwrite it. (Applying it now
        // could undo changes made since, so it is not reopened either.)
        return Err(Failure::Message(format!(
            "an earlier edit is kept in {0}; apply it with `companion safety-plan edit --file {0}`, or delete it",
            path.display()
        )));
    }
    let text = ctx.store.safety_plan()?.to_text();
    std::fs::write(&path, text.as_bytes())
        .map_err(|e| Failure::Message(format!("could not write the text to edit: {}", e.kind())))?;
    let edited = run_editor(&path).and_then(|()| {
        let file = std::fs::File::open(&path).map_err(|e| {
            Failure::Message(format!("could not read the edited text: {}", e.kind()))
        })?;
        read_text(file)
    });
    let edited = match edited {
        Ok(edited) => edited,
        Err(e) => {
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
    };
    match ctx.store.apply_safety_plan_text(&edited) {
        Ok(summary) => {
            let _ = std::fs::remove_file(&path);
            Ok(summary)
        }
        Err(e) => Err(Failure::Message(format!(
            "{e}; nothing was changed and your text is kept in {0}: fix it, then run `companion safety-plan edit --file {0}`",
            path.display()
        ))),
    }
}

fn is_kept_edit(ctx: &Ctx, path: &Path) -> bool {
    let kept = ctx.store.dir().join(EDIT_FILE);
    matches!(
        (path.canonicalize(), kept.canonicalize()),
        (Ok(a), Ok(b)) if a == b
    )
}

/// Runs $VISUAL, else $EDITOR, else vi, on `path`, and waits for it.
fn run_editor(path: &Path) -> Outcome<()> {
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    // Through the shell, as git does, so an editor given with options ("code --wait") works.
    #[cfg(unix)]
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status();
    #[cfg(not(unix))]
    let status = {
        let mut words = editor.split_whitespace();
        Command::new(words.next().unwrap_or("notepad"))
            .args(words)
            .arg(path)
            .status()
    };
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(_) => Err(Failure::Message(
            "the editor exited with an error; the plan was not changed".into(),
        )),
        Err(e) => Err(Failure::Message(format!(
            "could not start the editor ({}); set VISUAL or EDITOR, or use --file",
            e.kind()
        ))),
    }
}

fn summary_line(s: &SafetyPlanDiffSummary) -> String {
    format!("{}\n", s.sentence())
}

/// An item as one line: its label, then who it links (name and phone).
fn item_line(item: &SafetyItem) -> String {
    let mut line = item.label.clone();
    let who = match (&item.contact_name, &item.contact_phone) {
        (Some(name), Some(phone)) => Some(format!("{name} · {phone}")),
        (Some(name), None) => Some(name.clone()),
        (None, _) => None,
    };
    match (&item.text, who) {
        // The label is the name already.
        (None, Some(_)) => {
            if let Some(phone) = &item.contact_phone {
                line += &format!(" · {phone}");
            }
        }
        (Some(_), Some(who)) => line += &format!(" — {who}"),
        (Some(_), None) if item.contact_id.is_some() => {
            line += &format!(" — {}", companion_core::REMOVED_CONTACT_LABEL);
        }
        _ => {}
    }
    line
}

fn section_text(s: &SafetyPlanSection, ids: bool) -> String {
    let mut out = format!("{}. {}\n", s.number, s.title);
    if s.items.is_empty() {
        out += &format!("   Nothing here yet. {}\n", s.prompt);
    }
    for (i, item) in s.items.iter().enumerate() {
        out += &format!("   {}. {}", i + 1, item_line(item));
        if ids {
            out += &format!("  [{}]", item.id);
        }
        out.push('\n');
    }
    out
}

fn plan_text(plan: &SafetyPlan, ids: bool) -> String {
    let mut out = String::from("Safety plan\n");
    for s in &plan.sections {
        out.push('\n');
        out += &section_text(s, ids);
    }
    if plan.sections.iter().all(|s| s.items.is_empty()) {
        out += "\nFill it in with `companion safety-plan edit`, or one item at a time with \
                `companion safety-plan add SECTION TEXT`.\n";
    }
    out
}
