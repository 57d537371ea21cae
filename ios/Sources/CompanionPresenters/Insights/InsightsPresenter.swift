import Combine
import CompanionCore
import Foundation

/// One column of a figure: the core's heading for a span and the figure's value over it.
public struct FigureColumn: Equatable, Sendable {
    public let heading: String
    public let value: String
}

/// Insights: the core's sentences and figures, its nudge, and the chart's series (days, and
/// the mood and craving lines already cut where a day has no value), for Swift Charts to draw.
@MainActor
public final class InsightsPresenter: ObservableObject {
    @Published public private(set) var screen: InsightsScreenRecord?
    @Published public private(set) var error: String?
    /// The span the participant picked, one of the chart's `rangeChoices`; nil until then, which
    /// the core reads as the first of its ranges.
    @Published public private(set) var chartDays: UInt32?

    private let source: any InsightsSource
    private let environment: PresenterEnvironment

    public init(source: any InsightsSource, environment: PresenterEnvironment) {
        self.source = source
        self.environment = environment
    }

    public func refresh() {
        do {
            screen = try source.insightsScreen(now: environment.now(), zone: environment.zone, chartDays: chartDays)
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    /// A figure's values under the screen's `figureSpans`, in the core's order: its last 7 days,
    /// then its last 30 (the record's two fields; ios-notes.md asks for them as a list).
    public func columns(of figure: FigureRecord) -> [FigureColumn] {
        let spans = screen?.figureSpans ?? []
        return zip(spans, [figure.last7Days, figure.last30Days]).map { FigureColumn(heading: $0, value: $1) }
    }

    /// Shows one of the chart's `rangeChoices` (by its `days`).
    public func showDays(_ days: UInt32) {
        chartDays = days
        refresh()
    }

    /// The chart day nearest `date` (a tap on the chart, as the chart's x axis reads it).
    public func day(nearest date: Date) -> ChartDayRecord? {
        let calendar = environment.calendar
        return screen?.chart.points.min { a, b in
            distance(a.date, to: date, calendar) < distance(b.date, to: date, calendar)
        }
    }

    /// Where the chart draws a day: its noon in the phone's zone.
    public func position(of day: CalendarDay) -> Date? {
        day.noon(in: environment.calendar)
    }

    private func distance(_ day: CalendarDay, to date: Date, _ calendar: Calendar) -> TimeInterval {
        guard let noon = day.noon(in: calendar) else { return .infinity }
        return abs(noon.timeIntervalSince(date))
    }
}
