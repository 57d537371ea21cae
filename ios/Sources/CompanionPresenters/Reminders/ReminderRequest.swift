import CompanionCore
import Foundation

/// The rolling window of reminders the phone holds.
public enum ReminderWindow {
    /// iOS keeps at most 64 pending notifications per app and drops the rest silently: the
    /// core's IOS_PENDING_LIMIT, as `limits()` gives it.
    public static let maxPending: UInt32 = limits().iosPendingLimit
    /// How far ahead each plan looks (the terminal shell's default); the window is refilled at
    /// every launch, change, sync and background refresh, so 64 within 30 days is plenty.
    public static let horizonDays: Int64 = 30
}

/// One notification to hand the OS, worded from a reminder the core planned. The content
/// follows the core's `contentStyle`: "neutral" (discreet, the default: nothing of treatment),
/// "session" or "check-in". Nothing personal goes in `userInfo`.
public struct ReminderRequest: Equatable {
    /// The notification category; it carries the placeholder shown when previews are hidden.
    public static let category = "reminder"
    /// Every reminder in one neutral thread (a session's title would be personal).
    public static let thread = "reminders"

    public enum Kind: String, Equatable {
        case session
        case checkIn = "check-in"
    }

    /// The core's reminder id: stable, so the next plan's diff finds it among the OS's.
    public var identifier: String
    public var title: String
    public var body: String
    public var fireDate: Date
    public var kind: Kind
    /// Session reminders break through Focus (time-sensitive); the check-in can wait.
    public var timeSensitive: Bool

    public init(_ r: ReminderRecord, formats: Formats) {
        identifier = r.id
        fireDate = r.fireAt
        kind = r.kind == "session" ? .session : .checkIn
        timeSensitive = kind == .session
        let startsAt = r.startsAt.map { formats.time($0) }
        switch (r.contentStyle, kind) {
        case ("session", _):
            title = r.title ?? String(localized: "Session")
            var lines: [String] = []
            if let startsAt {
                var when = String(localized: "Starts at \(startsAt)")
                if let zoneName = r.timeZone, let zone = TimeZone(identifier: zoneName),
                    let start = r.startsAt,
                    zone.secondsFromGMT(for: start) != formats.timeZone.secondsFromGMT(for: start)
                {
                    when += " (" + formats.time(start, in: zone) + " " + formats.zoneName(zone) + ")"
                }
                lines.append(when)
            }
            if let location = r.location { lines.append(location) }
            body = lines.joined(separator: " · ")
        case ("check-in", _):
            title = String(localized: "Daily check-in")
            body = String(localized: "How are you today? It takes less than a minute.")
        case (_, .session):
            // Discreet: an appointment and its time, nothing else.
            title = String(localized: "Reminder")
            body = startsAt.map { String(localized: "You have an appointment at \($0).") }
                ?? String(localized: "You have an appointment.")
        case (_, .checkIn):
            title = String(localized: "Reminder")
            body = String(localized: "A reminder from your companion.")
        }
    }

    /// `userInfo` for the notification: only which screen a tap opens.
    public var userInfo: [String: String] { ["kind": kind.rawValue] }

    /// The trigger's date components: the exact instant the core planned, pinned to UTC so a
    /// later time-zone change does not move it (the plan is redone on a zone change anyway).
    public var triggerComponents: DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        calendar.timeZone = utc
        var parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: fireDate)
        parts.calendar = calendar
        parts.timeZone = utc
        return parts
    }
}
