import CompanionCore
import CompanionPresenters
import Foundation

/// The open store and everything made over it: the presenters, their screen models and the
/// reminder scheduler. One per opened store; dropped after an erase.
@MainActor
final class Session {
    let store: CompanionStore
    let scheduler: ReminderScheduler
    let today: ScreenModel<TodayPresenter>
    let checkIn: ScreenModel<CheckInPresenter>
    let schedule: ScreenModel<SchedulePresenter>
    let reachOut: ScreenModel<ReachOutPresenter>
    let safetyPlan: ScreenModel<SafetyPlanPresenter>
    let insights: ScreenModel<InsightsPresenter>
    let settings: ScreenModel<SettingsPresenter>
    let reminderHealth: ScreenModel<ReminderHealthPresenter>
    private var subscription: Subscription?

    init(store: CompanionStore, notifications: UserNotificationCenter) {
        self.store = store
        // Time and zone are read at each call: the participant may travel while the app runs.
        let environment = PresenterEnvironment(locale: .autoupdatingCurrent)
        scheduler = ReminderScheduler(source: store, center: notifications, environment: environment)
        today = ScreenModel(TodayPresenter(source: store, environment: environment))
        checkIn = ScreenModel(CheckInPresenter(source: store, environment: environment))
        schedule = ScreenModel(SchedulePresenter(source: store, environment: environment))
        reachOut = ScreenModel(
            ReachOutPresenter(source: store, suggestedMessage: suggestedReachOutMessage()))
        safetyPlan = ScreenModel(SafetyPlanPresenter(source: store))
        insights = ScreenModel(InsightsPresenter(source: store, environment: environment))
        settings = ScreenModel(
            SettingsPresenter(
                source: store, environment: environment, exportNotice: plaintextExportNotice()
            ) { passphrase in
                // The core's backup passphrase policy.
                try checkBackupPassphrase(passphrase: passphrase)
            })
        reminderHealth = ScreenModel(ReminderHealthPresenter(source: store, environment: environment))
    }

    /// Starts listening to the core: every change refreshes the screens and the reminder
    /// window (a check-in cancels that day's check-in reminder; a sync may move sessions).
    func listen(_ onChange: @escaping (DataChange) -> Void) {
        subscription = store.subscribe(listener: ChangeRelay(onChange))
    }

    func stopListening() {
        subscription?.cancel()
        subscription = nil
    }

    /// Every screen's state from the core again. The check-in draft is left alone: the
    /// participant may be typing it.
    func refreshScreens() {
        today.presenter.refresh()
        schedule.presenter.refresh()
        reachOut.presenter.refresh()
        safetyPlan.presenter.refresh()
        insights.presenter.refresh()
        settings.presenter.refresh()
    }
}
