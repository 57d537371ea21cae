//! iOS's checks, as the iOS app's reminder health presenter had them.

use super::plan::{self, PlanFacts};
use super::{
    HealthCheck, HealthFix, HealthItem, HealthStatus, IosAuthorization, IosBackgroundRefresh,
    IosFacts, IosSetting, check,
};

/// Every iOS check that applies, in a fixed order (the caller sorts worst first).
pub(crate) fn checks(f: &IosFacts, p: &PlanFacts) -> Vec<HealthCheck> {
    let mut checks = vec![permission(f), alerts(f)];
    checks.extend(delivery(f));
    checks.push(background_refresh(f));
    checks.push(plan::up_to_date(p));
    checks.push(plan::zone(p));
    checks
}

fn permission(f: &IosFacts) -> HealthCheck {
    const TITLE: &str = "Notifications";
    let item = HealthItem::Notifications;
    match f.authorization {
        IosAuthorization::Authorized
        | IosAuthorization::Provisional
        | IosAuthorization::Ephemeral => check(item, HealthStatus::Ok, TITLE, "Allowed.", None),
        IosAuthorization::NotDetermined => check(
            item,
            HealthStatus::Problem,
            TITLE,
            "Not allowed yet: reminders cannot appear until you allow them.",
            Some(HealthFix::RequestNotificationPermission),
        ),
        IosAuthorization::Denied => check(
            item,
            HealthStatus::Problem,
            TITLE,
            "Turned off in Settings: no reminder can appear.",
            Some(HealthFix::OpenNotificationSettings),
        ),
    }
}

/// Banners and alerts matter once notifications are fully authorized.
fn alerts(f: &IosFacts) -> HealthCheck {
    const TITLE: &str = "Banners and alerts";
    let item = HealthItem::Alerts;
    if f.authorization != IosAuthorization::Authorized {
        return check(
            item,
            HealthStatus::Ok,
            TITLE,
            "Checked once notifications are allowed.",
            None,
        );
    }
    if f.alerts == IosSetting::Disabled {
        return check(
            item,
            HealthStatus::Problem,
            TITLE,
            "Reminders arrive silently in Notification Center only.",
            Some(HealthFix::OpenNotificationSettings),
        );
    }
    check(
        item,
        HealthStatus::Ok,
        TITLE,
        "Reminders show on screen.",
        None,
    )
}

/// Time-sensitive delivery, and the scheduled summary when it is off (then session reminders
/// wait for the summary). Only once notifications are fully authorized.
fn delivery(f: &IosFacts) -> Vec<HealthCheck> {
    if f.authorization != IosAuthorization::Authorized {
        return Vec::new();
    }
    let time_sensitive = f.time_sensitive != IosSetting::Disabled;
    let mut checks = vec![if time_sensitive {
        check(
            HealthItem::TimeSensitive,
            HealthStatus::Ok,
            "Time-sensitive reminders",
            "Session reminders come through Focus.",
            None,
        )
    } else {
        check(
            HealthItem::TimeSensitive,
            HealthStatus::Warning,
            "Time-sensitive reminders",
            "Off: a Focus may hold session reminders back.",
            Some(HealthFix::OpenNotificationSettings),
        )
    }];
    if f.scheduled_summary == IosSetting::Enabled && !time_sensitive {
        checks.push(check(
            HealthItem::ScheduledSummary,
            HealthStatus::Warning,
            "Scheduled summary",
            "On: reminders may wait for the next summary, after the session starts.",
            Some(HealthFix::OpenNotificationSettings),
        ));
    }
    checks
}

/// Background App Refresh keeps the 64-reminder window full without opening the app.
fn background_refresh(f: &IosFacts) -> HealthCheck {
    const TITLE: &str = "Background App Refresh";
    match (f.background_refresh, f.low_power_mode) {
        (IosBackgroundRefresh::Available, false) => check(
            HealthItem::BackgroundRefresh,
            HealthStatus::Ok,
            TITLE,
            "On: schedule changes and new reminders arrive without opening the app.",
            None,
        ),
        // Nothing in the app can turn Low Power Mode off.
        (IosBackgroundRefresh::Available, true) => check(
            HealthItem::LowPowerMode,
            HealthStatus::Warning,
            TITLE,
            "Paused by Low Power Mode: open the app now and then to keep reminders current.",
            None,
        ),
        (IosBackgroundRefresh::Denied, _) => check(
            HealthItem::BackgroundRefresh,
            HealthStatus::Warning,
            TITLE,
            "Off: reminders are only refreshed when you open the app.",
            Some(HealthFix::OpenAppSettings),
        ),
        // A device policy (parental controls, management): nothing in the app can change it.
        (IosBackgroundRefresh::Restricted, _) => check(
            HealthItem::BackgroundRefresh,
            HealthStatus::Warning,
            TITLE,
            "Restricted on this device: open the app now and then to keep reminders current.",
            None,
        ),
    }
}
