//! When a phone syncs on its own: the background schedule both apps hand to the OS
//! (Android's WorkManager, iOS's background refresh), so neither chooses its own.

use serde::Serialize;

/// How often a phone syncs in the background: four times a day keeps program schedule
/// changes a few hours old at most while costing little battery (each sync is one or two
/// round trips).
pub const BACKGROUND_SYNC_EVERY_MINUTES: u32 = 6 * 60;
/// How much later than that the OS may run it, to batch it with other work.
pub const BACKGROUND_SYNC_FLEX_MINUTES: u32 = 60;
/// The first wait after a background sync failed; the OS doubles it on each further failure.
pub const BACKGROUND_SYNC_RETRY_MINUTES: u32 = 15;

/// The background sync schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BackgroundSync {
    pub every_minutes: u32,
    pub flex_minutes: u32,
    pub retry_after_minutes: u32,
}

/// The schedule both apps use.
pub fn background_sync() -> BackgroundSync {
    BackgroundSync {
        every_minutes: BACKGROUND_SYNC_EVERY_MINUTES,
        flex_minutes: BACKGROUND_SYNC_FLEX_MINUTES,
        retry_after_minutes: BACKGROUND_SYNC_RETRY_MINUTES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flex_and_the_first_retry_fit_inside_the_period() {
        let s = background_sync();
        // WorkManager refuses a period under 15 minutes and a flex longer than the period.
        assert!(s.every_minutes >= 15);
        assert!(s.flex_minutes <= s.every_minutes);
        assert!(s.retry_after_minutes >= 10 && s.retry_after_minutes < s.every_minutes);
    }
}
