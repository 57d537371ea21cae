import Combine
import CompanionCore
import Foundation

/// What the button of Today's reminder card does.
public enum ReminderCardAction: Equatable, Sendable {
    /// The system prompt for notifications (nothing asked yet, something to remind of).
    case askPermission
    /// Reminder health, where each problem has its fix.
    case openReminderHealth
}

/// Today, as the core decides it: the day's sessions, what is coming up, the check-in, the
/// first crisis line, favourites, and the reminder card, from what iOS says about
/// notifications and what it holds.
@MainActor
public final class TodayPresenter: ObservableObject {
    @Published public private(set) var screen: TodayScreenRecord?
    @Published public private(set) var error: String?
    @Published public private(set) var loading = false

    private let source: any TodaySource
    private let platform: any NotificationsPlatform
    private let environment: PresenterEnvironment

    public init(source: any TodaySource, platform: any NotificationsPlatform, environment: PresenterEnvironment) {
        self.source = source
        self.platform = platform
        self.environment = environment
    }

    /// The reminder card's button, by the core's notice; nil with no card.
    public var reminderCardAction: ReminderCardAction? {
        guard let card = screen?.reminderCard else { return nil }
        switch card.notice {
        case .askPermission: return .askPermission
        case .needsAttention: return .openReminderHealth
        }
    }

    public func refresh() async {
        loading = true
        let facts = await platform.facts()
        let held = await platform.held()
        do {
            screen = try source.todayScreen(
                now: environment.now(), zone: environment.zone, clockStyle: environment.clockStyle,
                facts: .ios(facts: facts), heldNow: held)
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
        loading = false
    }
}
