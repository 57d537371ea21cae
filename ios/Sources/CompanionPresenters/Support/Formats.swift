import Foundation

/// Dates and times as the participant reads them, in the phone's zone and locale; and the
/// core's ISO text ("2026-11-23", "2026-11-23T09:00") read and written without a locale.
public struct Formats {
    public let timeZone: TimeZone
    public let locale: Locale

    public init(timeZone: TimeZone, locale: Locale) {
        self.timeZone = timeZone
        self.locale = locale
    }

    /// "10:00" or "10:00 AM".
    public func time(_ date: Date, in zone: TimeZone? = nil) -> String {
        formatter(date: .none, time: .short, zone: zone).string(from: date)
    }

    /// "Monday, November 23".
    public func day(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = locale
        f.timeZone = timeZone
        f.setLocalizedDateFormatFromTemplate("EEEEMMMMd")
        return f.string(from: date)
    }

    /// "Mon 23 Nov, 10:00".
    public func dayAndTime(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = locale
        f.timeZone = timeZone
        f.setLocalizedDateFormatFromTemplate("EEEdMMMjmm")
        return f.string(from: date)
    }

    /// A zone's everyday name, "Central Time".
    public func zoneName(_ zone: TimeZone) -> String {
        zone.localizedName(for: .generic, locale: locale) ?? zone.identifier
    }

    /// The core's local date, at noon in the phone's zone (a point inside that day whatever
    /// the daylight-saving rules, for charts and day titles).
    public func date(fromCore text: String) -> Date? {
        guard let day = Formats.coreDay.date(from: text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = Formats.utcCalendar.dateComponents([.year, .month, .day], from: day)
        var noon = DateComponents()
        noon.year = parts.year
        noon.month = parts.month
        noon.day = parts.day
        noon.hour = 12
        return calendar.date(from: noon)
    }

    /// A local wall-clock time as the core takes it: "2026-11-23T09:00" in the phone's zone.
    public func coreLocal(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.calendar = Calendar(identifier: .gregorian)
        f.timeZone = timeZone
        f.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return f.string(from: date)
    }

    private func formatter(date: DateFormatter.Style, time: DateFormatter.Style, zone: TimeZone?)
        -> DateFormatter
    {
        let f = DateFormatter()
        f.locale = locale
        f.timeZone = zone ?? timeZone
        f.dateStyle = date
        f.timeStyle = time
        return f
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        return calendar
    }()

    private static let coreDay: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.calendar = utcCalendar
        f.timeZone = utcCalendar.timeZone
        f.dateFormat = "yyyy-MM-dd"
        return f
    }()
}
