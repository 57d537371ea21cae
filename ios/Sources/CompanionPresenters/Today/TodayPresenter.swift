import CompanionCore
import Foundation

public struct TodayState: Equatable {
    public enum CheckIn: Equatable {
        case notYet
        /// Mood as recorded, 1 to 10.
        case done(mood: Int)
    }

    /// Something the reminders need, shown as a card on Today.
    public enum ReminderNotice: Equatable {
        /// There is something to remind of and notifications were never asked for: the moment
        /// to ask (not at first launch).
        case askPermission
        /// Reminder health found problems; the card opens that screen.
        case needsAttention(problems: Int)
    }

    public var title: String = ""
    /// The core's date for today, "2026-11-23".
    public var date: String = ""
    public var sessions: [SessionRow] = []
    /// The next days' sessions, after today (cancelled ones too: worth knowing).
    public var upcoming: [SessionRow] = []
    public var checkIn: CheckIn = .notYet
    public var favourites: [String] = []
    public var reminderNotice: ReminderNotice?
    public var error: String?
    public var loaded = false

    public init() {}
}

/// Today: the day's sessions at local time, the next few after it, whether today is checked in,
/// and the way to reach out.
public final class TodayPresenter: Presenter {
    /// How far ahead "coming up" looks, and how many it shows.
    public static let upcomingDays = 7
    public static let upcomingMax = 3

    public private(set) var state = TodayState() {
        didSet { if state != oldValue { onChange?(state) } }
    }
    public var onChange: ((TodayState) -> Void)?

    private let source: TodaySource
    private let environment: PresenterEnvironment

    public init(source: TodaySource, environment: PresenterEnvironment) {
        self.source = source
        self.environment = environment
    }

    public func refresh() {
        let now = environment.now()
        let formats = environment.formats
        do {
            let today = try source.today(now: now, zone: environment.zone)
            var next = state
            next.date = today.date
            next.title = formats.date(fromCore: today.date).map(formats.day) ?? today.date
            next.sessions = today.sessions.map { SessionRow($0, formats: formats) }
            next.checkIn = today.checkin.map { TodayState.CheckIn.done(mood: Int($0.mood)) } ?? .notYet
            next.favourites = today.favourites.map(\.name)
            next.upcoming = try upcoming(after: today, now: now, formats: formats)
            next.error = nil
            next.loaded = true
            state = next
        } catch {
            var next = state
            next.error = CoreErrors.message(error)
            next.loaded = true
            state = next
        }
    }

    /// Set by the app from reminder health: what the reminders need, if anything.
    public func setReminderNotice(_ notice: TodayState.ReminderNotice?) {
        state.reminderNotice = notice
    }

    private func upcoming(after today: TodayRecord, now: Date, formats: Formats) throws -> [SessionRow] {
        let calendar = environment.calendar
        guard let end = calendar.date(byAdding: .day, value: Self.upcomingDays, to: now) else {
            return []
        }
        let todays = Set(today.sessions.map { $0.sessionId + "/" + $0.seriesDate })
        return try source.occurrences(from: now, to: end)
            .filter { !todays.contains($0.sessionId + "/" + $0.seriesDate) }
            .prefix(Self.upcomingMax)
            .map { SessionRow($0, formats: formats) }
    }
}
