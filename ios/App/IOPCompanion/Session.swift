import CompanionCore
import CompanionPresenters
import Foundation

/// The open store and everything made over it: the presenters and the reminder applier. One per
/// opened store; dropped after an erase.
@MainActor
final class Session {
    let store: CompanionStore
    let applier: ReminderApplier
    let onboarding: OnboardingPresenter
    let today: TodayPresenter
    let checkIn: CheckInPresenter
    let schedule: SchedulePresenter
    let reachOut: ReachOutPresenter
    let safetyPlan: SafetyPlanPresenter
    let insights: InsightsPresenter
    let settings: SettingsPresenter
    let reminderHealth: ReminderHealthPresenter
    private var subscription: Subscription?

    init(store: CompanionStore, notifications: UserNotificationCenter) {
        self.store = store
        // Time, zone and clock are read at each call: the participant may travel, or change
        // the 12/24-hour setting, while the app runs.
        let environment = PresenterEnvironment()
        applier = ReminderApplier(source: store, platform: notifications, environment: environment)
        onboarding = OnboardingPresenter(source: store)
        today = TodayPresenter(source: store, platform: notifications, environment: environment)
        checkIn = CheckInPresenter(source: store, environment: environment)
        schedule = SchedulePresenter(source: store, environment: environment)
        reachOut = ReachOutPresenter(source: store)
        safetyPlan = SafetyPlanPresenter(source: store)
        insights = InsightsPresenter(source: store, environment: environment)
        settings = SettingsPresenter(source: store, environment: environment)
        reminderHealth = ReminderHealthPresenter(
            source: store, platform: notifications, applier: applier, environment: environment)
    }

    /// Starts listening to the core: `onChange` runs on the main actor for every change.
    func listen(_ onChange: @escaping @MainActor @Sendable (DataChange) -> Void) {
        subscription = store.subscribe(listener: ChangeRelay(onChange))
    }

    func stopListening() {
        subscription?.cancel()
        subscription = nil
    }

    /// Every screen's state from the core again. The check-in form and any open form are left
    /// alone: the participant may be typing.
    func refreshScreens() async {
        onboarding.load()
        schedule.refresh()
        reachOut.refresh()
        safetyPlan.refresh()
        insights.refresh()
        settings.refresh()
        await today.refresh()
    }
}
