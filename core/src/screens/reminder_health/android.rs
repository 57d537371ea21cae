//! Android's checks, as the Android app's reminder health presenter had them.

use super::plan::{self, PlanFacts};
use super::{AndroidFacts, HealthCheck, HealthFix, HealthItem, HealthStatus, check};
use crate::schedule::notifications::NotificationChannel;

/// Every Android check, in a fixed order (the caller sorts worst first).
pub(crate) fn checks(f: &AndroidFacts, p: &PlanFacts, checkin_on: bool) -> Vec<HealthCheck> {
    vec![
        notifications(f),
        // A blocked channel matters only while notifications are on at all, and the check-in
        // channel only while the check-in reminder is on.
        channel(
            f,
            HealthItem::SessionChannel,
            NotificationChannel::SessionReminders,
            true,
        ),
        channel(
            f,
            HealthItem::CheckInChannel,
            NotificationChannel::CheckInReminder,
            checkin_on,
        ),
        exact_alarms(f),
        battery(f),
        background(f),
        plan::handed_over(p),
        plan::fresh(p),
        plan::zone(p),
    ]
}

fn notifications(f: &AndroidFacts) -> HealthCheck {
    const TITLE: &str = "Notifications";
    let item = HealthItem::Notifications;
    if f.notifications_enabled {
        check(item, HealthStatus::Ok, TITLE, "Allowed.", None)
    } else if f.can_ask_notification_permission {
        check(
            item,
            HealthStatus::Problem,
            TITLE,
            "Not allowed yet: reminders cannot appear until you allow them.",
            Some(HealthFix::RequestNotificationPermission),
        )
    } else {
        check(
            item,
            HealthStatus::Problem,
            TITLE,
            "Turned off in Settings: no reminder can appear.",
            Some(HealthFix::OpenNotificationSettings),
        )
    }
}

fn channel(
    f: &AndroidFacts,
    item: HealthItem,
    channel: NotificationChannel,
    in_use: bool,
) -> HealthCheck {
    let (title, what) = match channel {
        NotificationChannel::CheckInReminder => ("Check-in reminders", "check-in reminders"),
        _ => ("Session reminders", "session reminders"),
    };
    if !in_use {
        return check(
            item,
            HealthStatus::Ok,
            title,
            "The daily check-in reminder is off.",
            None,
        );
    }
    if !f.notifications_enabled {
        return check(
            item,
            HealthStatus::Ok,
            title,
            "Checked once notifications are allowed.",
            None,
        );
    }
    if f.blocked_channels.contains(&channel) {
        return check(
            item,
            HealthStatus::Problem,
            title,
            format!("Turned off in Settings: {what} cannot appear."),
            Some(HealthFix::OpenChannelSettings(channel)),
        );
    }
    check(item, HealthStatus::Ok, title, "On.", None)
}

fn exact_alarms(f: &AndroidFacts) -> HealthCheck {
    const TITLE: &str = "Reminders at the exact minute";
    let item = HealthItem::ExactAlarms;
    if f.exact_alarms_allowed {
        check(
            item,
            HealthStatus::Ok,
            TITLE,
            "Allowed: reminders arrive at the minute.",
            None,
        )
    } else {
        check(
            item,
            HealthStatus::Warning,
            TITLE,
            "Not allowed: reminders may come up to an hour late.",
            Some(HealthFix::RequestExactAlarms),
        )
    }
}

fn battery(f: &AndroidFacts) -> HealthCheck {
    const TITLE: &str = "Battery optimization";
    let item = HealthItem::BatteryOptimization;
    let fix = Some(HealthFix::RequestIgnoreBatteryOptimizations);
    if f.ignoring_battery_optimizations {
        check(
            item,
            HealthStatus::Ok,
            TITLE,
            "Not optimized: nothing holds reminders back.",
            None,
        )
    } else if f.exact_alarms_allowed {
        // Exact alarms fire in Doze anyway; inexact ones are the ones Doze defers.
        check(
            item,
            HealthStatus::Advice,
            TITLE,
            "Some phones delay reminders of optimized apps.",
            fix,
        )
    } else {
        check(
            item,
            HealthStatus::Warning,
            TITLE,
            "Optimized, without exact alarms: reminders may come late.",
            fix,
        )
    }
}

fn background(f: &AndroidFacts) -> HealthCheck {
    const TITLE: &str = "Background use";
    let item = HealthItem::BackgroundRestriction;
    if f.background_restricted {
        check(
            item,
            HealthStatus::Problem,
            TITLE,
            "Restricted: reminders may not arrive.",
            Some(HealthFix::OpenAppDetails),
        )
    } else {
        check(item, HealthStatus::Ok, TITLE, "Allowed.", None)
    }
}
