import CompanionCore
import Foundation

/// One calendar day of the chart, ready for Swift Charts: a line per measure, broken where a
/// day has no value (`moodSegment` / `cravingSegment` change after each gap, for `series:`),
/// and missed days to draw as grey bars.
public struct ChartPoint: Equatable, Identifiable {
    public var id: String { day }
    /// The core's date, "2026-11-23".
    public var day: String
    /// Noon of that day in the phone's zone, for the x axis.
    public var date: Date
    public var mood: Int?
    public var craving: Int?
    public var sleepHours: Double?
    /// Not checked in, after the first check-in and before today.
    public var missed: Bool
    public var moodSegment: Int
    public var cravingSegment: Int
}

public struct InsightsState: Equatable {
    public enum Range: Int, CaseIterable, Equatable {
        case month = 30
        case quarter = 90
    }

    public struct Figure: Equatable, Identifiable {
        public var id: String { title }
        public var title: String
        public var lastWeek: String
        public var lastMonth: String
    }

    public struct Nudge: Equatable {
        /// The core's kind words, shown as they are.
        public var message: String
        public var contacts: [ReachOutEntry]
        /// Offered beside every nudge.
        public var crisisLines: [ReachOutEntry]
    }

    public var range: Range = .month
    public var points: [ChartPoint] = []
    /// "Checked in 7 of the last 7 days and 26 of the last 30 (4 missed)."
    public var summary: String = ""
    public var runs: String = ""
    public var figures: [Figure] = []
    public var sleepAndMood: String?
    public var nudge: Nudge?
    /// No check-in yet: the chart would be empty.
    public var empty = true
    public var error: String?

    /// The chart's scales: mood 1 to 10 and craving 0 to 10 share the axis.
    public static let chartScale = 0...10

    public init() {}
}

/// Insights: the core's figures and its day series, drawn natively. Every number and the
/// nudge come from the core; this only words them.
public final class InsightsPresenter: Presenter {
    public private(set) var state = InsightsState() {
        didSet { if state != oldValue { onChange?(state) } }
    }
    public var onChange: ((InsightsState) -> Void)?

    private let source: InsightsSource
    private let environment: PresenterEnvironment

    public init(source: InsightsSource, environment: PresenterEnvironment) {
        self.source = source
        self.environment = environment
    }

    public func setRange(_ range: InsightsState.Range) {
        state.range = range
        refresh()
    }

    public func refresh() {
        do {
            let today = try source.today(now: environment.now(), zone: environment.zone).date
            let insights = try source.insights(today: today)
            let series = try source.moodSeries(today: today, days: UInt32(state.range.rawValue))
            var next = state
            next.points = Self.points(series, formats: environment.formats)
            next.empty = insights.totalCheckins == 0
            let locale = environment.locale
            next.summary = Self.summary(insights)
            next.runs = String(
                localized: "Current run: \(Int(insights.currentRun)) days. Longest run: \(Int(insights.longestRun)) days.")
            next.figures = [
                InsightsState.Figure(
                    title: String(localized: "Mood (1–10)"),
                    lastWeek: Self.average(insights.last7Days.mood, locale: locale),
                    lastMonth: Self.average(insights.last30Days.mood, locale: locale)),
                InsightsState.Figure(
                    title: String(localized: "Craving (0–10)"),
                    lastWeek: Self.average(insights.last7Days.craving, locale: locale),
                    lastMonth: Self.average(insights.last30Days.craving, locale: locale)),
            ]
            next.sleepAndMood = Self.sleepAndMood(insights.sleepAndMood, locale: locale)
            next.nudge = try insights.nudge.map { nudge in
                InsightsState.Nudge(
                    message: nudge.message,
                    contacts: nudge.contacts.map { contact in
                        var entry = ReachOutEntry(
                            ReachOutContactRecord(
                                id: contact.id, name: contact.name, role: contact.role,
                                favourite: false, programId: nil, actions: []))
                        entry.actions = ContactAction.list(
                            (try? source.contactActions(id: contact.id, message: nil)) ?? [])
                        return entry
                    },
                    crisisLines: try source.crisisLines().map(ReachOutEntry.init)
                )
            }
            next.error = nil
            state = next
        } catch {
            state.error = CoreErrors.message(error)
        }
    }

    static func points(_ series: [DayPointRecord], formats: Formats) -> [ChartPoint] {
        var moodSegment = 0
        var cravingSegment = 0
        var previous: DayPointRecord?
        var points: [ChartPoint] = []
        for day in series {
            guard let date = formats.date(fromCore: day.date) else { continue }
            if let previous, previous.mood == nil, day.mood != nil { moodSegment += 1 }
            if let previous, previous.craving == nil, day.craving != nil { cravingSegment += 1 }
            points.append(
                ChartPoint(
                    day: day.date, date: date,
                    mood: day.mood.map { Int($0) }, craving: day.craving.map { Int($0) },
                    sleepHours: day.sleepHours, missed: day.missed,
                    moodSegment: moodSegment, cravingSegment: cravingSegment))
            previous = day
        }
        return points
    }

    static func summary(_ i: InsightsRecord) -> String {
        let week = i.last7Days
        let month = i.last30Days
        return String(
            localized:
                "Checked in \(Int(week.checkins)) of the last \(Int(week.days)) days and \(Int(month.checkins)) of the last \(Int(month.days)) (\(Int(month.missed)) missed)."
        )
    }

    /// "6.0, down from 6.7": the core's means and trend, worded plainly (up is a higher number,
    /// better for mood and harder for cravings; the words do not judge).
    static func average(_ a: AverageRecord, locale: Locale) -> String {
        guard let mean = a.mean else { return String(localized: "No check-ins yet") }
        let format = { (value: Double) in Self.oneDecimal(value, locale: locale) }
        let now = format(mean)
        switch a.trend {
        case .up:
            let before = a.previousMean.map(format) ?? "–"
            return String(localized: "\(now), up from \(before)")
        case .down:
            let before = a.previousMean.map(format) ?? "–"
            return String(localized: "\(now), down from \(before)")
        case .steady:
            return String(localized: "\(now), steady")
        case .notEnoughData:
            return String(localized: "\(now), no trend yet")
        }
    }

    static func sleepAndMood(_ s: SleepAndMoodRecord, locale: Locale) -> String? {
        guard let short = s.moodAfterShortNights, let other = s.moodAfterOtherNights else {
            return nil
        }
        let format = { (value: Double) in Self.oneDecimal(value, locale: locale) }
        return String(
            localized:
                "Mood \(format(short)) after short nights (\(Int(s.shortNights)) nights), \(format(other)) after the others (\(Int(s.otherNights)) nights)."
        )
    }

    /// The core rounds means to one decimal; shown with the locale's decimal mark.
    static func oneDecimal(_ value: Double, locale: Locale) -> String {
        String(format: "%.1f", locale: locale, value)
    }
}
