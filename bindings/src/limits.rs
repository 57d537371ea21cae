//! The core's limits and scales, so the apps' pickers and fields offer exactly what the core
//! accepts instead of copies of its numbers.

use std::path::Path;

/// Scales and limits of what the participant enters, and of the reminder plan.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CompanionLimits {
    pub mood_min: u8,
    pub mood_max: u8,
    pub craving_max: u8,
    pub sleep_max_hours: f64,
    pub max_emotions: u32,
    pub emotion_max_chars: u32,
    pub note_max_bytes: u32,
    pub name_max_chars: u32,
    pub reach_out_message_max_chars: u32,
    pub max_reminder_leads: u32,
    pub max_lead_minutes: u32,
    pub max_session_minutes: u32,
    /// iOS keeps at most this many pending notifications: the rolling window's size.
    pub ios_pending_limit: u32,
    /// The furthest ahead a reminder plan may look, in days.
    pub max_horizon_days: u32,
    /// The longest insights series (chart), in days.
    pub max_series_days: u32,
    pub max_safety_items_per_section: u32,
    pub passphrase_min_chars: u32,
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[uniffi::export]
pub fn limits() -> CompanionLimits {
    use companion_core as c;
    CompanionLimits {
        mood_min: c::MOOD_MIN,
        mood_max: c::MOOD_MAX,
        craving_max: c::CRAVING_MAX,
        sleep_max_hours: c::SLEEP_MAX_HOURS,
        max_emotions: u32_of(c::MAX_EMOTIONS),
        emotion_max_chars: u32_of(c::EMOTION_MAX_CHARS),
        note_max_bytes: u32_of(c::NOTE_MAX_BYTES),
        name_max_chars: u32_of(c::NAME_MAX_CHARS),
        reach_out_message_max_chars: u32_of(c::MESSAGE_MAX_CHARS),
        max_reminder_leads: u32_of(c::MAX_LEADS),
        max_lead_minutes: c::MAX_LEAD_MINUTES,
        max_session_minutes: c::MAX_DURATION_MINUTES,
        ios_pending_limit: u32_of(c::IOS_PENDING_LIMIT),
        max_horizon_days: u32::try_from(c::MAX_HORIZON_DAYS).unwrap_or(u32::MAX),
        max_series_days: c::MAX_SERIES_DAYS,
        max_safety_items_per_section: u32_of(c::MAX_SAFETY_ITEMS),
        passphrase_min_chars: u32_of(c::PASSPHRASE_MIN_CHARS),
    }
}

/// Whether the directory `path` holds a store: an app that finds one but has lost its key
/// must not make a new key over it (the store would stay sealed under the old one).
#[uniffi::export]
pub fn store_exists(path: String) -> bool {
    companion_core::Store::exists(Path::new(&path))
}
