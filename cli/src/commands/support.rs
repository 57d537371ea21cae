//! `crisis` and `reach-out`: who to call or text, with the links the phone would open.

use companion_core::{ContactAction, CrisisLine, ReachOutContact, SUGGESTED_MESSAGE};

use super::Ctx;
use crate::Outcome;
use crate::args::ReachOutArgs;
use crate::output;

pub fn crisis(ctx: &Ctx, json: bool) -> Outcome {
    let lines = ctx.store.crisis_lines()?;
    if json {
        return output::json(&lines);
    }
    let mut out = crisis_text(&lines);
    if ctx.store.region()?.is_none() {
        out.push_str(
            "\nYour country is not set, so only the emergency number is shown: set it with \
             `companion prefs --region US` (your two-letter country code).\n",
        );
    }
    Ok(out)
}

pub fn reach_out(ctx: &Ctx, a: ReachOutArgs) -> Outcome {
    let message = if a.suggested {
        Some(SUGGESTED_MESSAGE.to_owned())
    } else {
        a.message
    };
    let r = ctx.store.reach_out(message.as_deref())?;
    if a.json {
        return output::json(&r);
    }
    let mut out = String::from("Crisis lines\n\n");
    out.push_str(&crisis_text(&r.crisis_lines));
    for (title, list) in [("Favourites", &r.favourites), ("Everyone else", &r.others)] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}\n\n"));
        for c in list.iter() {
            out.push_str(&person(c));
        }
    }
    if r.favourites.is_empty() && r.others.is_empty() {
        out.push_str(
            "\nAdd the people who support you with `companion contact add`; mark the ones to \
             reach first with --favourite.\n",
        );
    }
    Ok(out)
}

fn crisis_text(lines: &[CrisisLine]) -> String {
    let mut out = String::new();
    for l in lines {
        let from = match (&l.program_id, l.emergency) {
            (_, true) => " — in immediate danger",
            (Some(_), _) => " — from your program",
            _ => "",
        };
        out.push_str(&format!("{}{from}\n", l.name));
        if let Some(about) = &l.about {
            out.push_str(&format!("  {}\n", output::excerpt(about, 200)));
        }
        out.push_str(&actions(&l.actions));
        out.push('\n');
    }
    out
}

fn person(c: &ReachOutContact) -> String {
    let from = if c.program_id.is_some() {
        ", from your program"
    } else {
        ""
    };
    let mut out = format!("{} ({}{from})\n", c.name, c.role);
    if c.actions.is_empty() {
        out.push_str("  no number or e-mail saved yet\n");
    }
    out.push_str(&actions(&c.actions));
    out
}

/// One action a line: its label, then the link a phone would open.
fn actions(list: &[ContactAction]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|a| vec![a.label.clone(), a.uri.clone()])
        .collect();
    output::indented(&rows)
}
