import Combine
import CompanionCore
import Foundation

/// The first run: the core's pages (what the app is, privacy, discreet notifications, joining a
/// program), the discreet switch, and the way out: Join (on to enrolment) or Alone. Nothing is
/// asked of iOS here: each permission waits for the moment it is needed.
@MainActor
public final class OnboardingPresenter: ObservableObject {
    @Published public private(set) var screen: OnboardingScreenRecord?
    /// The page on screen, an index into `screen.pages`.
    @Published public var page = 0
    /// The participant's choice on the discreet page, once they touched the switch.
    @Published private var discreetChoice: Bool?
    @Published public private(set) var error: String?
    /// How the first run ended on this device: `.join` shows enrolment next.
    @Published public private(set) var finished: OnboardingChoice?

    private let source: any OnboardingSource

    public init(source: any OnboardingSource) {
        self.source = source
    }

    /// Whether the first run is still to do (not done on this device, and not enrolled).
    public var needed: Bool { screen?.needed ?? false }

    /// The discreet switch: the core's default until the participant changes it.
    public func discreet(in screen: OnboardingScreenRecord) -> Bool {
        discreetChoice ?? screen.discreetNotifications
    }

    public func setDiscreet(_ on: Bool) {
        discreetChoice = on
    }

    public func load() {
        do {
            screen = try source.onboardingScreen()
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    public var isLastPage: Bool { page + 1 >= (screen?.pages.count ?? 0) }

    public func next() {
        if !isLastPage { page += 1 }
    }

    public func back() {
        if page > 0 { page -= 1 }
    }

    /// Ends the first run with the discreet choice and how the participant goes on.
    public func finish(_ choice: OnboardingChoice) {
        guard let screen else { return }
        do {
            self.screen = try source.completeOnboarding(
                discreetNotifications: discreet(in: screen), choice: choice)
            finished = choice
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    /// Enrolment after Join is done or put off: the first run is over.
    public func dismissJoin() {
        finished = nil
    }
}
