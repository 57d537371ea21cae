use companion_core::{Preferences, PreferencesEdit};

use super::Ctx;
use crate::Outcome;
use crate::args::PrefsArgs;
use crate::output;

pub fn run(ctx: &mut Ctx, a: PrefsArgs) -> Outcome {
    let edit = PreferencesEdit {
        checkin_reminder: a.checkin_time.map(|r| r.0),
        discreet_notifications: a.discreet,
        default_reminder_leads: a.leads.map(|l| l.0),
        region: a
            .region
            .map(|r| (!r.trim().eq_ignore_ascii_case("none")).then_some(r)),
    };
    let prefs = if edit == PreferencesEdit::default() {
        ctx.store.preferences()?
    } else {
        ctx.store.edit_preferences(&edit)?
    };
    if a.json {
        return output::json(&prefs);
    }
    Ok(show(&prefs))
}

fn show(p: &Preferences) -> String {
    let leads = if p.default_reminder_leads.is_empty() {
        "none".to_owned()
    } else {
        let l: Vec<String> = p
            .default_reminder_leads
            .iter()
            .map(u32::to_string)
            .collect();
        format!("{} min before", l.join(", "))
    };
    output::pairs(&[
        (
            "Check-in reminder",
            p.checkin_reminder
                .map_or("off".into(), |t| t.format("%H:%M").to_string()),
        ),
        (
            "Discreet notifications",
            if p.discreet_notifications {
                "on"
            } else {
                "off"
            }
            .into(),
        ),
        ("Session reminders", leads),
        (
            "Country",
            p.region
                .map_or("not set (the device's is used)".into(), |r| r.to_string()),
        ),
    ])
}
