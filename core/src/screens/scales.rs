//! The check-in's scales and sleep choices, shown by the check-in form and the chart alike.

use serde::Serialize;

use crate::checkins::checkin::{CRAVING_MAX, MOOD_MAX, MOOD_MIN, SLEEP_MAX_HOURS};
use crate::screens::labels;

/// The sleep picker's step, in hours.
pub const SLEEP_STEP_HOURS: f64 = 0.5;

/// A whole-number scale, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    /// What each end means: "Very low" … "Very good".
    pub min_label: String,
    pub max_label: String,
}

/// Mood, 1 to 10.
pub fn mood_scale() -> Scale {
    Scale {
        min: MOOD_MIN,
        max: MOOD_MAX,
        min_label: "Very low".into(),
        max_label: "Very good".into(),
    }
}

/// Craving, 0 to 10.
pub fn craving_scale() -> Scale {
    Scale {
        min: 0,
        max: CRAVING_MAX,
        min_label: "None".into(),
        max_label: "Very strong".into(),
    }
}

/// One night's sleep the picker offers, with its words ("7h30").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SleepChoice {
    pub hours: f64,
    pub label: String,
}

/// Every sleep the picker offers, from none to the most, a step apart.
pub fn sleep_choices() -> Vec<SleepChoice> {
    let steps = (SLEEP_MAX_HOURS / SLEEP_STEP_HOURS).round() as u32;
    (0..=steps)
        .map(|i| {
            let hours = f64::from(i) * SLEEP_STEP_HOURS;
            SleepChoice {
                hours,
                label: labels::sleep_label(Some(hours)),
            }
        })
        .collect()
}
