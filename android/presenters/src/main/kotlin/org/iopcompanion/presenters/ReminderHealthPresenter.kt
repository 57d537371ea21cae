package org.iopcompanion.presenters

import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.LocalDateTime
import org.iopcompanion.core.CompanionStore

/**
 * What the phone allows, read by the platform layer (plain values, so this is testable on
 * the JVM). Below the Android version that introduced a permission, it reads as granted.
 */
data class PlatformFacts(
    /** NotificationManager.areNotificationsEnabled(). */
    val notificationsEnabled: Boolean,
    /** Android 13+: not granted yet, and the system will still show its request dialog. */
    val canAskNotificationPermission: Boolean,
    /** Channels the participant turned off in the system settings. */
    val blockedChannels: Set<ReminderChannel>,
    /** AlarmManager.canScheduleExactAlarms() (Android 12+). */
    val exactAlarmsAllowed: Boolean,
    /** PowerManager.isIgnoringBatteryOptimizations(). */
    val ignoringBatteryOptimizations: Boolean,
    /** ActivityManager.isBackgroundRestricted(): the participant restricted the app's background work. */
    val backgroundRestricted: Boolean,
)

/** What the platform recorded when it last handed the plan to the OS. */
data class AppliedPlan(
    val held: List<HeldReminder>,
    /** `null` before the plan was ever applied on this install. */
    val lastApplied: Instant?,
)

enum class HealthItem {
    NOTIFICATIONS,
    SESSION_CHANNEL,
    CHECKIN_CHANNEL,
    EXACT_ALARMS,
    BATTERY_OPTIMIZATION,
    BACKGROUND_RESTRICTION,
    PLAN_HANDED_OVER,
    PLAN_FRESH,
}

enum class HealthStatus {
    OK,

    /** Worth knowing, does not stop reminders (some phones delay optimized apps). */
    ADVICE,

    /** Reminders arrive, possibly late. */
    WARNING,

    /** Reminders will not show, or not all of them. */
    PROBLEM,
}

/** The one-tap fix for a check; the platform launches the matching settings screen or request. */
sealed interface Fix {
    /** The system's POST_NOTIFICATIONS dialog (Android 13+, while it may still be shown). */
    data object RequestNotificationPermission : Fix

    /** Settings.ACTION_APP_NOTIFICATION_SETTINGS. */
    data object OpenNotificationSettings : Fix

    /** Settings.ACTION_CHANNEL_NOTIFICATION_SETTINGS for one channel. */
    data class OpenChannelSettings(val channel: ReminderChannel) : Fix

    /** Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM (Android 12+). */
    data object RequestExactAlarms : Fix

    /** Settings.ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS. */
    data object RequestIgnoreBatteryOptimizations : Fix

    /** Settings.ACTION_APPLICATION_DETAILS_SETTINGS, where background use is allowed again. */
    data object OpenAppDetails : Fix

    /** Hand the core's plan to the OS again, in the app. */
    data object RefreshPlan : Fix
}

data class HealthCheck(val item: HealthItem, val status: HealthStatus, val fix: Fix?)

enum class OverallHealth { GOOD, MAY_BE_LATE, NEEDS_ATTENTION }

data class NextReminder(
    val fireAt: Instant,
    /** On the participant's clock. */
    val localFireAt: LocalDateTime,
    val channel: ReminderChannel,
    val content: ReminderContent,
    /** Whether the OS holds it now. */
    val handedOver: Boolean,
    /** Whether it will fire at the minute (an exact alarm). */
    val exact: Boolean,
)

data class ReminderHealthState(
    val loaded: Boolean = false,
    val overall: OverallHealth = OverallHealth.GOOD,
    /** Every check, worst first; each problem with its fix. */
    val checks: List<HealthCheck> = emptyList(),
    /** The soonest reminder the core plans, `null` when nothing is planned. */
    val next: NextReminder? = null,
    /** Reminders the core plans that the OS does not hold (as they should be). */
    val notHandedOver: Int = 0,
    val lastRefreshed: Instant? = null,
    val problem: Problem? = null,
)

/**
 * Reminder health: can this phone deliver the reminders the core plans, at the right minute?
 * Every check that fails comes with the fix one tap away.
 */
class ReminderHealthPresenter(
    private val store: CompanionStore,
    private val clock: Clock,
    private val horizonDays: Long = ReminderPlanApplier.HORIZON_DAYS,
    private val maxCount: Int = ReminderPlanApplier.MAX_COUNT,
) : Presenter<ReminderHealthState>(ReminderHealthState()) {

    fun refresh(facts: PlatformFacts, applied: AppliedPlan) {
        val now = clock.instant()
        val zone = clock.zone
        val outcome = attempt {
            store.planReminders(now, zone.id, horizonDays, maxCount.toUInt()) to store.preferences().checkinReminder
        }
        when (outcome) {
            is Outcome.Failed -> update { it.copy(loaded = true, problem = outcome.problem) }
            is Outcome.Done -> {
                val (plan, checkinReminder) = outcome.value
                val held = applied.held.associateBy { it.id }
                val requests = plan.map { with(ReminderPlanApplier) { it.toRequest(facts.exactAlarmsAllowed) } }
                val notHandedOver = requests.count { r -> held[r.id]?.exact != r.exact }
                val checks = checks(facts, applied, now, plan.isNotEmpty(), notHandedOver, checkinReminder != null)
                update {
                    ReminderHealthState(
                        loaded = true,
                        overall = when {
                            checks.any { c -> c.status == HealthStatus.PROBLEM } -> OverallHealth.NEEDS_ATTENTION
                            checks.any { c -> c.status == HealthStatus.WARNING } -> OverallHealth.MAY_BE_LATE
                            else -> OverallHealth.GOOD
                        },
                        checks = checks.sortedByDescending { c -> c.status.ordinal },
                        next = requests.firstOrNull()?.let { r ->
                            val h = held[r.id]
                            NextReminder(
                                fireAt = r.fireAt,
                                localFireAt = LocalDateTime.ofInstant(r.fireAt, zone),
                                channel = r.channel,
                                content = r.content,
                                handedOver = h != null,
                                exact = h?.exact ?: false,
                            )
                        },
                        notHandedOver = notHandedOver,
                        lastRefreshed = applied.lastApplied,
                    )
                }
            }
        }
    }

    fun dismissProblem() = update { it.copy(problem = null) }

    private fun checks(
        facts: PlatformFacts,
        applied: AppliedPlan,
        now: Instant,
        anythingPlanned: Boolean,
        notHandedOver: Int,
        checkinReminderOn: Boolean,
    ): List<HealthCheck> {
        val notifications = if (facts.notificationsEnabled) {
            HealthCheck(HealthItem.NOTIFICATIONS, HealthStatus.OK, null)
        } else {
            HealthCheck(
                HealthItem.NOTIFICATIONS,
                HealthStatus.PROBLEM,
                if (facts.canAskNotificationPermission) Fix.RequestNotificationPermission else Fix.OpenNotificationSettings,
            )
        }
        fun channel(item: HealthItem, channel: ReminderChannel, matters: Boolean) =
            if (matters && channel in facts.blockedChannels) {
                HealthCheck(item, HealthStatus.PROBLEM, Fix.OpenChannelSettings(channel))
            } else {
                HealthCheck(item, HealthStatus.OK, null)
            }
        val exact = if (facts.exactAlarmsAllowed) {
            HealthCheck(HealthItem.EXACT_ALARMS, HealthStatus.OK, null)
        } else {
            HealthCheck(HealthItem.EXACT_ALARMS, HealthStatus.WARNING, Fix.RequestExactAlarms)
        }
        val battery = when {
            facts.ignoringBatteryOptimizations -> HealthCheck(HealthItem.BATTERY_OPTIMIZATION, HealthStatus.OK, null)
            // Exact alarms fire in Doze anyway; inexact ones are the ones Doze defers.
            facts.exactAlarmsAllowed -> HealthCheck(
                HealthItem.BATTERY_OPTIMIZATION, HealthStatus.ADVICE, Fix.RequestIgnoreBatteryOptimizations,
            )
            else -> HealthCheck(HealthItem.BATTERY_OPTIMIZATION, HealthStatus.WARNING, Fix.RequestIgnoreBatteryOptimizations)
        }
        val background = if (facts.backgroundRestricted) {
            HealthCheck(HealthItem.BACKGROUND_RESTRICTION, HealthStatus.PROBLEM, Fix.OpenAppDetails)
        } else {
            HealthCheck(HealthItem.BACKGROUND_RESTRICTION, HealthStatus.OK, null)
        }
        val handedOver = if (notHandedOver > 0) {
            HealthCheck(HealthItem.PLAN_HANDED_OVER, HealthStatus.PROBLEM, Fix.RefreshPlan)
        } else {
            HealthCheck(HealthItem.PLAN_HANDED_OVER, HealthStatus.OK, null)
        }
        val last = applied.lastApplied
        val fresh = if (anythingPlanned && (last == null || Duration.between(last, now) > STALE_AFTER)) {
            HealthCheck(HealthItem.PLAN_FRESH, HealthStatus.WARNING, Fix.RefreshPlan)
        } else {
            HealthCheck(HealthItem.PLAN_FRESH, HealthStatus.OK, null)
        }
        return listOf(
            notifications,
            // A blocked channel matters only while notifications are on at all, and the
            // check-in channel only while the check-in reminder is on.
            channel(HealthItem.SESSION_CHANNEL, ReminderChannel.SESSION_REMINDERS, facts.notificationsEnabled),
            channel(
                HealthItem.CHECKIN_CHANNEL,
                ReminderChannel.CHECKIN_REMINDER,
                facts.notificationsEnabled && checkinReminderOn,
            ),
            exact,
            battery,
            background,
            handedOver,
            fresh,
        )
    }

    companion object {
        /**
         * The plan is refreshed at launch, on every change and once a day; older than this,
         * the daily refresh is not running (the rolling window is not being extended).
         */
        val STALE_AFTER: Duration = Duration.ofHours(36)
    }
}
