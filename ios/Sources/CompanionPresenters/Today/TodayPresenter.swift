import Combine
import CompanionCore
import Foundation

/// Today, as the core decides it: the day's sessions, what is coming up, the check-in, the
/// first crisis line, favourites, and the reminder notice, from what iOS says about
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
