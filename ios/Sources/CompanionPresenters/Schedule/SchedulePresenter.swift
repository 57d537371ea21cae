import CompanionCore
import Foundation

public struct ScheduleState: Equatable {
    public struct Day: Equatable, Identifiable {
        public var id: String { title }
        public var title: String
        public var rows: [SessionRow]
    }

    public struct PastRow: Equatable, Identifiable {
        public enum Mark: Equatable {
            case attended, missed
        }

        public var id: String { session.id }
        public var session: SessionRow
        public var mark: Mark?
    }

    public struct Session: Equatable, Identifiable {
        public var id: String
        public var title: String
        /// The program's sessions are read-only here: only the program changes them.
        public var fromProgram: Bool
    }

    /// Sessions from today on, day by day.
    public var days: [Day] = []
    /// The last days' sessions, most recent first, to mark attended or missed.
    public var past: [PastRow] = []
    public var sessions: [Session] = []
    /// Session ids the participant may change (their own).
    public var editable: Set<String> = []
    public var error: String?

    public init() {}
}

/// A personal session to add, in the phone's zone.
public struct SessionDraft: Equatable {
    public var title: String = ""
    public var start: Date
    public var durationMinutes: Int = 60
    /// Two-letter weekday codes ("MO", "WE"); empty for a one-off.
    public var weekdays: Set<String> = []
    public var location: String = ""

    public init(start: Date) {
        self.start = start
    }

    /// The codes the core takes, Monday first, for the weekday picker.
    public static let weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
}

/// The schedule: the program's sessions and the participant's own, what is coming, and
/// attendance to mark.
public final class SchedulePresenter: Presenter {
    public static let aheadDays = 14
    public static let pastDays: Int64 = 14

    public private(set) var state = ScheduleState() {
        didSet { if state != oldValue { onChange?(state) } }
    }
    public var onChange: ((ScheduleState) -> Void)?

    private let source: ScheduleSource
    private let environment: PresenterEnvironment

    public init(source: ScheduleSource, environment: PresenterEnvironment) {
        self.source = source
        self.environment = environment
    }

    public func refresh() {
        let calendar = environment.calendar
        let formats = environment.formats
        let start = calendar.startOfDay(for: environment.now())
        do {
            guard let end = calendar.date(byAdding: .day, value: Self.aheadDays, to: start) else {
                return
            }
            var next = ScheduleState()
            var days: [ScheduleState.Day] = []
            for occurrence in try source.occurrences(from: start, to: end) {
                let row = SessionRow(occurrence, formats: formats)
                if let last = days.indices.last, days[last].title == row.day {
                    days[last].rows.append(row)
                } else {
                    days.append(ScheduleState.Day(title: row.day, rows: [row]))
                }
            }
            next.days = days
            next.past = try source.attendance(days: Self.pastDays).map { entry in
                let mark: ScheduleState.PastRow.Mark?
                switch entry.attendance {
                case "attended": mark = .attended
                case "missed": mark = .missed
                default: mark = nil
                }
                return ScheduleState.PastRow(
                    session: SessionRow(entry.occurrence, formats: formats), mark: mark)
            }
            let sessions = try source.sessions()
            next.sessions = sessions.map {
                ScheduleState.Session(id: $0.id, title: $0.title, fromProgram: $0.programId != nil)
            }
            next.editable = Set(sessions.filter { $0.programId == nil }.map(\.id))
            state = next
        } catch {
            state.error = CoreErrors.message(error)
        }
    }

    public func markAttended(_ row: SessionRow) {
        perform { try $0.markAttended(sessionId: row.sessionId, seriesDate: row.seriesDate) }
    }

    public func markMissed(_ row: SessionRow) {
        perform { try $0.markMissed(sessionId: row.sessionId, seriesDate: row.seriesDate) }
    }

    /// Cancels one occurrence of the participant's own session (the core refuses a program's).
    public func cancel(_ row: SessionRow) {
        perform { _ = try $0.cancelOccurrence(id: row.sessionId, seriesDate: row.seriesDate) }
    }

    public func restore(_ row: SessionRow) {
        perform { _ = try $0.restoreOccurrence(id: row.sessionId, seriesDate: row.seriesDate) }
    }

    public func removeSession(id: String) {
        perform { try $0.removeSession(id: id) }
    }

    /// Adds a personal session; true when added.
    @discardableResult
    public func add(_ draft: SessionDraft) -> Bool {
        let formats = environment.formats
        let weekdays = SessionDraft.weekdayCodes.filter { draft.weekdays.contains($0) }
        let input = SessionInput(
            title: draft.title,
            location: draft.location.isEmpty ? nil : draft.location,
            start: formats.coreLocal(draft.start),
            timeZone: environment.zone,
            durationMinutes: UInt32(clamping: draft.durationMinutes),
            recurrence: weekdays.isEmpty
                ? nil
                : RecurrenceRecord(weekdays: weekdays, intervalWeeks: 1, until: nil, count: nil)
        )
        return perform { _ = try $0.addSession(input: input) }
    }

    @discardableResult
    private func perform(_ action: (ScheduleSource) throws -> Void) -> Bool {
        do {
            try action(source)
            refresh()
            return true
        } catch {
            state.error = CoreErrors.message(error)
            return false
        }
    }
}
