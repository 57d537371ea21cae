//! The check-in's scales and sleep choices, shown by the check-in form and the chart alike.

use serde::Serialize;

use crate::checkins::checkin::{CRAVING_MAX, MOOD_MAX, MOOD_MIN, SLEEP_MAX_HOURS};
use crate::screens::labels;

/// The sleep picker's step, in hours.
pub const SLEEP_STEP_HOURS: f64 = 0.5;

/// A whole-number scale, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scale {
    /// "Mood": the form's field and the chart's series.
    pub name: String,
    pub min: u8,
    pub max: u8,
    /// What each end means: "Very low" … "Very good".
    pub min_label: String,
    pub max_label: String,
    /// Every value, lowest first, with the figure the screen shows for it (the same digits
    /// as the core's sentences: "mood 7").
    pub choices: Vec<ScaleChoice>,
}

/// One value of a scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScaleChoice {
    pub value: u8,
    pub label: String,
}

fn scale(name: &str, min: u8, max: u8, min_label: &str, max_label: &str) -> Scale {
    Scale {
        name: name.into(),
        min,
        max,
        min_label: min_label.into(),
        max_label: max_label.into(),
        choices: (min..=max)
            .map(|value| ScaleChoice {
                value,
                label: value.to_string(),
            })
            .collect(),
    }
}

/// Mood, 1 to 10.
pub fn mood_scale() -> Scale {
    scale("Mood", MOOD_MIN, MOOD_MAX, "Very low", "Very good")
}

/// Craving, 0 to 10.
pub fn craving_scale() -> Scale {
    scale("Craving", 0, CRAVING_MAX, "None", "Very strong")
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
