import Foundation

// The calendar values the core passes across the boundary (bindings/src/types.rs): numbers,
// so lifting them is total and nothing here parses text. The generated Swift in this module
// converts to and from them (bindings/uniffi.toml).

/// A calendar date without a time or a zone: a check-in's day, an occurrence's date in its
/// series. Crosses as days since 1970-01-01 (proleptic Gregorian).
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(epochDay: Int32) {
        // Days to civil date (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
        let z = Int(epochDay) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Nil for a date that does not exist (February 30th).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let candidate = CalendarDay(epochDay: CalendarDay.days(year: year, month: month, day: day))
        guard candidate.year == year, candidate.month == month, candidate.day == day else { return nil }
        self = candidate
    }

    public var epochDay: Int32 { CalendarDay.days(year: year, month: month, day: day) }

    /// The day after (or `count` days after; negative goes back).
    public func adding(days count: Int) -> CalendarDay {
        CalendarDay(epochDay: epochDay + Int32(count))
    }

    /// Noon of this day in `calendar`'s zone: a point inside the day whatever its
    /// daylight-saving rules, for formatting and charts.
    public func noon(in calendar: Calendar) -> Date? {
        calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))
    }

    /// "2026-11-23", for logs and tests; screens format with the locale.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.epochDay < b.epochDay }

    private static func days(year: Int, month: Int, day: Int) -> Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146_097 + doe - 719_468)
    }
}

/// A time of day on a wall clock, to the minute. Crosses as minutes since midnight.
public struct ClockTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init(minutesOfDay: Int32) {
        let m = min(max(Int(minutesOfDay), 0), 24 * 60 - 1)
        hour = m / 60
        minute = m % 60
    }

    /// Nil outside 00:00 to 23:59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    public var minutesOfDay: Int32 { Int32(hour * 60 + minute) }

    /// The wall-clock time of `date` in `calendar`'s zone (for a time picker's value).
    public init?(_ date: Date, in calendar: Calendar) {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        self.init(hour: parts.hour ?? 0, minute: parts.minute ?? 0)
    }

    /// Today at this time in `calendar`'s zone, for a time picker (the day is never shown).
    public func date(in calendar: Calendar, on reference: Date = Date()) -> Date? {
        calendar.date(bySettingHour: hour, minute: minute, second: 0, of: reference)
    }

    public var description: String { String(format: "%02d:%02d", hour, minute) }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutesOfDay < b.minutesOfDay }
}

/// A wall-clock date and time, to the minute, without a zone. Crosses as minutes since
/// 1970-01-01T00:00.
public struct DayTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let day: CalendarDay
    public let time: ClockTime

    public init(day: CalendarDay, time: ClockTime) {
        self.day = day
        self.time = time
    }

    public init(epochMinute: Int64) {
        let days = epochMinute >= 0 ? epochMinute / 1440 : (epochMinute - 1439) / 1440
        day = CalendarDay(epochDay: Int32(clamping: days))
        time = ClockTime(minutesOfDay: Int32(epochMinute - days * 1440))
    }

    public var epochMinute: Int64 { Int64(day.epochDay) * 1440 + Int64(time.minutesOfDay) }

    /// This wall-clock time in `calendar`'s zone (nil only for a time a daylight-saving jump
    /// skips, which the core never hands over unresolved).
    public func date(in calendar: Calendar) -> Date? {
        calendar.date(from: DateComponents(
            year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute
        ))
    }

    /// The wall-clock reading of `date` in `calendar`'s zone, to the minute (for a picker's
    /// value; nil only outside the years a `CalendarDay` holds).
    public init?(_ date: Date, in calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let year = parts.year, let month = parts.month, let dayOfMonth = parts.day,
            let day = CalendarDay(year: year, month: month, day: dayOfMonth),
            let time = ClockTime(hour: parts.hour ?? 0, minute: parts.minute ?? 0)
        else { return nil }
        self.init(day: day, time: time)
    }

    /// "2026-11-23T09:00", for logs and tests.
    public var description: String { "\(day)T\(time)" }

    public static func < (a: DayTime, b: DayTime) -> Bool { a.epochMinute < b.epochMinute }
}
