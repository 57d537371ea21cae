import Combine
import CompanionCore
import Foundation

/// One column of a figure: the core's heading for a span and the figure's value over it.
public struct FigureColumn: Equatable, Sendable {
    public let heading: String
    public let value: String
}

/// Insights: the core's sentences and figures, its nudge, and the chart's series (days at the
/// core's x positions, the mood and craving lines already cut where a day has no value, the
/// axis' dates and range), for Swift Charts to draw.
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

    /// A figure's values under the screen's `figureSpans`, paired in the core's order (its
    /// `values` follow `figureSpans`).
    public func columns(of figure: FigureRecord) -> [FigureColumn] {
        let spans = screen?.figureSpans ?? []
        return zip(spans, figure.values).map { FigureColumn(heading: $0, value: $1) }
    }

    /// Shows one of the chart's `rangeChoices` (by its `days`).
    public func showDays(_ days: UInt32) {
        chartDays = days
        refresh()
    }

    /// The chart day drawn nearest `x` (a tap on the chart, as its x axis reads it: the core's
    /// day `index`).
    public func day(nearest x: Double) -> ChartDayRecord? {
        screen?.chart.points.min { abs(Double($0.index) - x) < abs(Double($1.index) - x) }
    }
}
