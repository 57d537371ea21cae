import CompanionCore
import Foundation

/// The platform facts every presenter passes the core: the time, the phone's time zone, and its
/// 12/24-hour setting. Closures, read at every call, so a trip or a change in Settings shows at
/// once, and tests fix them.
public struct PresenterEnvironment: Sendable {
    public var now: @Sendable () -> Date
    public var timeZone: @Sendable () -> TimeZone
    public var locale: @Sendable () -> Locale

    public init(
        now: @escaping @Sendable () -> Date = { Date() },
        timeZone: @escaping @Sendable () -> TimeZone = { TimeZone.current },
        locale: @escaping @Sendable () -> Locale = { Locale.autoupdatingCurrent }
    ) {
        self.now = now
        self.timeZone = timeZone
        self.locale = locale
    }

    /// The phone's IANA zone, as the core takes it.
    public var zone: String { timeZone().identifier }

    /// How the core words times for this phone.
    public var clockStyle: ClockStyle { ClockStyles.of(locale()) }

    /// The phone's calendar in its zone, for pickers and the chart's axis (never for words).
    public var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone()
        calendar.locale = locale()
        return calendar
    }

    /// The phone's date now, in its zone: the day the core names a file for. (A Gregorian
    /// calendar always reads a real date; the fallback is never reached.)
    public var today: CalendarDay {
        DayTime(now(), in: calendar)?.day ?? CalendarDay(epochDay: 0)
    }
}

/// The phone's 12/24-hour setting, as the core takes it.
public enum ClockStyles {
    /// From the locale's preferred-hour ("j") template: "h a" (or "a h", "B h", "K") is the
    /// 12-hour clock, "HH" the 24-hour one. The participant's own switch in Settings > General >
    /// Date & Time is part of the current locale, so it is honoured.
    public static func of(_ locale: Locale) -> ClockStyle {
        let pattern = DateFormatter.dateFormat(fromTemplate: "j", options: 0, locale: locale) ?? ""
        // Quoted literals ('h' in some locales' words) are not fields.
        let fields = pattern.split(separator: "'", omittingEmptySubsequences: false)
            .enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
        return fields.contains(where: { "ahKbB".contains($0) }) ? .twelveHour : .twentyFourHour
    }
}

/// Runs a blocking core call away from the main actor: a backup or a restore stretches the
/// passphrase with Argon2id, which takes seconds by design.
func offMain<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await Task.detached(priority: .userInitiated) { try work() }.value
}
