use companion_core::{CheckInEdit, CheckInField};

use super::Ctx;
use crate::Outcome;
use crate::args::{CheckinArgs, CheckinsArgs};
use crate::output;

pub fn record(ctx: &mut Ctx, a: CheckinArgs) -> Outcome {
    let date = match a.date {
        Some(d) => d,
        None => ctx.today()?.0,
    };
    let emotions = if a.no_emotions {
        Some(Vec::new())
    } else if a.emotions.is_empty() {
        None
    } else {
        Some(a.emotions)
    };
    let used_today = match (a.used, a.not_used) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    let edit = CheckInEdit {
        mood: a.mood,
        craving: a.craving,
        emotions,
        sleep_hours: a.sleep,
        used_today,
        note: a.note,
        clear: a
            .clear
            .iter()
            .flat_map(|list| list.split(','))
            .map(str::parse::<CheckInField>)
            .collect::<Result<_, _>>()?,
    };
    let c = ctx.store.record_checkin(date, &edit)?;
    if a.json {
        return output::json(&c);
    }
    Ok(format!("Saved check-in: {}\n", output::checkin_line(&c)))
}

pub fn list(ctx: &Ctx, a: CheckinsArgs) -> Outcome {
    let list = ctx.store.checkins(a.from, a.to)?;
    if a.json {
        return output::json(&list);
    }
    Ok(output::checkins(&list))
}
