import CompanionCore
import CompanionPresenters
import SwiftUI

/// The buttons for one person or line: call, text, TTY, email, each opening the core's URL
/// with the system (dialer, Messages, Mail) under the core's label.
struct ActionButtons: View {
    let actions: [ContactActionRecord]
    @Environment(\.openURL) private var openURL

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            ForEach(actions, id: \.uri) { action in
                if let url = URL(string: action.uri) {
                    Button {
                        openURL(url)
                    } label: {
                        Label(action.label, systemImage: Self.icon(action.kind))
                    }
                    // Not the default style: in a list row, default buttons all fire together.
                    .buttonStyle(.bordered)
                }
            }
        }
    }

    static func icon(_ kind: ActionType) -> String {
        switch kind {
        case .call: return "phone"
        case .text: return "message"
        case .tty: return "teletype"
        case .email: return "envelope"
        }
    }
}

/// One occurrence as the core words it: its day, its time on the phone's clock, the session's
/// own clock when that reads differently, where, whether it was cancelled or moved, whether it
/// is on now or has ended, and its video link while the core says it can be joined.
struct OccurrenceRow: View {
    let occurrence: OccurrenceViewRecord
    var showDay = false
    @Environment(\.openURL) private var openURL

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(occurrence.title)
                .font(.headline)
                .strikethrough(occurrence.status == .cancelled)
            if showDay {
                Text(occurrence.dayLabel).font(.subheadline)
            }
            Text(occurrence.timeLabel).font(.subheadline)
            if let clock = occurrence.sessionClock {
                Text(clock.label).font(.footnote).foregroundStyle(.secondary)
            }
            if let location = occurrence.location {
                Text(location).font(.footnote).foregroundStyle(.secondary)
            }
            if let status = occurrence.statusLabel {
                Text(status).font(.footnote.bold()).foregroundStyle(.orange)
            }
            // "Now", "Ended"; none ahead or cancelled.
            if let timing = occurrence.timingLabel {
                Text(timing).font(.footnote.bold()).foregroundStyle(Self.colour(of: occurrence.timing))
            }
            // Only while the core says it can be joined (not cancelled, not over).
            if occurrence.canJoin, let link = occurrence.videoLink.flatMap({ URL(string: $0) }) {
                Button("Join video") { openURL(link) }
                    .font(.footnote)
                    .buttonStyle(.bordered)
            }
        }
    }

    private static func colour(of timing: Timing) -> Color {
        switch timing {
        case .now: return .green
        case .upcoming, .over: return .secondary
        }
    }
}

/// A person the participant may reach: their name, role and the core's actions.
struct ContactRow: View {
    let contact: ReachOutContactRecord

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(contact.name).font(.headline)
            Text(roleLabel(role: contact.role)).font(.subheadline).foregroundStyle(.secondary)
            ActionButtons(actions: contact.actions)
        }
        .padding(.vertical, 4)
    }
}

/// A crisis line: its name, what it is for, emergency services marked, its actions.
struct CrisisLineRow: View {
    let line: CrisisLineRecord

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            HStack {
                Text(line.name).font(.headline)
                if line.emergency {
                    Text("Emergency").font(.caption.bold()).foregroundStyle(.red)
                }
            }
            if let about = line.about {
                Text(about).font(.subheadline).foregroundStyle(.secondary)
            }
            ActionButtons(actions: line.actions)
        }
        .padding(.vertical, 4)
    }
}

/// The core's words for what went wrong.
struct ErrorSection: View {
    let message: String?

    var body: some View {
        if let message {
            Section { Text(message).foregroundStyle(.red) }
        }
    }
}

/// A wall-clock value of the core's for a SwiftUI picker, in a given zone: the picker takes and
/// gives a `Date`, the core a `DayTime`.
struct WallClockBinding {
    let calendar: Calendar

    init(zone: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? .current
        calendar.locale = .autoupdatingCurrent
        self.calendar = calendar
    }

    func date(_ value: DayTime) -> Date {
        value.date(in: calendar) ?? Date()
    }

    func value(_ date: Date) -> DayTime? {
        DayTime(date, in: calendar)
    }
}
