//! What every reminder health must be, on either platform.

use companion_core::{HealthItem, HealthStatus, Overall, ReminderHealth, ReminderNotice};

/// What every health, on either platform, must be: no check without its fix unless nothing
/// in the app can fix it, worst first, the overall and the notice following the checks.
pub fn well_formed(h: &ReminderHealth, may_ask: bool, unfixable: &[(HealthItem, &str)]) {
    for c in &h.checks {
        assert!(!c.title.is_empty() && !c.detail.is_empty(), "{c:?}");
        match (c.status, c.fix) {
            (HealthStatus::Ok, fix) => assert_eq!(fix, None, "{c:?}"),
            (_, Some(_)) => {}
            (_, None) => assert!(
                unfixable
                    .iter()
                    .any(|(item, detail)| *item == c.item && c.detail.starts_with(detail)),
                "{c:?} has no fix"
            ),
        }
    }
    assert!(
        h.checks.windows(2).all(|w| w[0].status >= w[1].status),
        "worst first"
    );
    let worst = h.checks.first().map(|c| c.status);
    assert_eq!(
        h.overall,
        match worst {
            Some(HealthStatus::Problem) => Overall::NeedsAttention,
            Some(HealthStatus::Warning) => Overall::MayBeLate,
            _ => Overall::Good,
        }
    );
    let problems = h
        .checks
        .iter()
        .filter(|c| c.status >= HealthStatus::Warning)
        .count() as u32;
    let expected = if may_ask && h.planned > 0 {
        Some(ReminderNotice::AskPermission)
    } else if problems > 0 {
        Some(ReminderNotice::NeedsAttention { problems })
    } else {
        None
    };
    assert_eq!(h.notice, expected);
}
