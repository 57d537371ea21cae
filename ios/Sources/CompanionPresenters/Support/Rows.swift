import CompanionCore
import Foundation

/// One way to reach someone: the core's label ("Call (800) 662-4357") and the `tel:`, `sms:`
/// or `mailto:` URL the app hands the system to open.
public struct ContactAction: Equatable, Identifiable {
    public enum Kind: Equatable {
        case call, text, tty, email
    }

    public var id: String { url.absoluteString }
    public var kind: Kind
    public var label: String
    public var url: URL

    /// Nil when the core's URI is not a URL Foundation accepts (never expected; the action is
    /// left out rather than crash).
    public init?(_ record: ContactActionRecord) {
        guard let url = URL(string: record.uri) else { return nil }
        switch record.kind {
        case .call: kind = .call
        case .text: kind = .text
        case .tty: kind = .tty
        case .email: kind = .email
        }
        label = record.label
        self.url = url
    }

    public static func list(_ records: [ContactActionRecord]) -> [ContactAction] {
        records.compactMap(ContactAction.init)
    }
}

/// A session occurrence as the Today and Schedule screens show it: its time in the phone's
/// zone first, and the session's own clock time beside it when that zone is another offset
/// (a Chicago group seen from New York).
public struct SessionRow: Equatable, Identifiable {
    public enum Status: Equatable {
        case scheduled, moved, cancelled
    }

    public var id: String { sessionId + "/" + seriesDate }
    public var sessionId: String
    public var seriesDate: String
    public var title: String
    public var day: String
    public var time: String
    /// "9:00 Central Time", only when the session's zone differs from the phone's.
    public var sessionZoneTime: String?
    public var location: String?
    public var videoLink: URL?
    public var status: Status
    public var start: Date

    public init(_ o: OccurrenceRecord, formats: Formats) {
        sessionId = o.sessionId
        seriesDate = o.seriesDate
        title = o.title
        day = formats.day(o.start)
        time = formats.time(o.start) + " – " + formats.time(o.end)
        if let zone = TimeZone(identifier: o.timeZone),
            zone.secondsFromGMT(for: o.start) != formats.timeZone.secondsFromGMT(for: o.start)
        {
            sessionZoneTime = formats.time(o.start, in: zone) + " " + formats.zoneName(zone)
        } else {
            sessionZoneTime = nil
        }
        location = o.location
        videoLink = o.videoLink.flatMap { URL(string: $0) }
        switch o.status {
        case "cancelled": status = .cancelled
        case "moved": status = .moved
        default: status = .scheduled
        }
        start = o.start
    }
}

/// A role in the participant's words.
public enum RoleNames {
    public static func name(_ role: Role) -> String {
        switch role {
        case .therapist: return String(localized: "Therapist")
        case .counselor: return String(localized: "Counselor")
        case .sponsor: return String(localized: "Sponsor")
        case .peer: return String(localized: "Peer")
        case .family: return String(localized: "Family")
        case .caseManager: return String(localized: "Case manager")
        case .crisisLine: return String(localized: "Crisis line")
        case .other: return String(localized: "Other")
        }
    }
}
