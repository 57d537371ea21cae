import CompanionCore
import XCTest

@testable import CompanionPresenters

final class InsightsPresenterTests: XCTestCase {
    private let zone = "America/New_York"

    @MainActor
    func testOpensOnTheCoresFirstSpan() throws {
        let store = try makeStore(self)
        let presenter = InsightsPresenter(source: store, environment: testEnvironment())

        presenter.refresh()

        // No span of the app's own: the core opens on the first of its ranges.
        XCTAssertNil(presenter.chartDays)
        XCTAssertEqual(presenter.screen, try store.insightsScreen(now: monday, zone: zone, chartDays: nil))
        let chart = try XCTUnwrap(presenter.screen?.chart)
        XCTAssertEqual(chart.days, chart.ranges.first)
    }

    @MainActor
    func testAnotherSpanIsOneOfTheChartsRanges() throws {
        let store = try makeStore(self)
        try checkIn(store)
        let presenter = InsightsPresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        // The picker's entries: the core's spans in its words.
        let choices = try XCTUnwrap(presenter.screen?.chart.rangeChoices)
        XCTAssertEqual(choices.map(\.days), presenter.screen?.chart.ranges)
        let longest = try XCTUnwrap(choices.max { $0.days < $1.days })

        presenter.showDays(longest.days)

        XCTAssertEqual(presenter.chartDays, longest.days)
        XCTAssertEqual(presenter.screen?.chart.days, longest.days)
        XCTAssertEqual(presenter.screen, try store.insightsScreen(now: monday, zone: zone, chartDays: longest.days))
    }

    @MainActor
    func testEachFiguresColumnsAreTheCoresSpansAndValues() throws {
        let store = try makeStore(self)
        try checkIn(store)
        let presenter = InsightsPresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let screen = try XCTUnwrap(presenter.screen)
        XCTAssertFalse(screen.figures.isEmpty)

        for figure in screen.figures {
            let columns = presenter.columns(of: figure)
            XCTAssertEqual(columns.map(\.heading), screen.figureSpans, "every span, under the core's heading")
            XCTAssertEqual(columns.map(\.value), figure.values, "its values, in the spans' order")
        }
    }

    @MainActor
    func testATapOnTheChartFindsTheDayDrawnThere() throws {
        let store = try makeStore(self)
        try checkIn(store)
        let presenter = InsightsPresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let days = try XCTUnwrap(presenter.screen?.chart.points)
        XCTAssertGreaterThan(days.count, 2)

        for day in [days[0], days[1], days[days.count - 1]] {
            // A tap a little off the day's position still finds it, on either side.
            XCTAssertEqual(presenter.day(nearest: Double(day.index) + 0.3)?.date, day.date)
            XCTAssertEqual(presenter.day(nearest: Double(day.index) - 0.3)?.date, day.date)
        }
        // Past either end: the end's day.
        XCTAssertEqual(presenter.day(nearest: -5)?.date, days.min { $0.index < $1.index }?.date)
        XCTAssertEqual(presenter.day(nearest: 10_000)?.date, days.max { $0.index < $1.index }?.date)
    }

    @MainActor
    func testTheChartsAxisAndSeriesAreTheCores() throws {
        let store = try makeStore(self)
        try checkIn(store)
        let presenter = InsightsPresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let chart = try XCTUnwrap(presenter.screen?.chart)

        // What the view draws from: every tick and every drawn point is one of the core's days.
        let indices = Set(chart.points.map(\.index))
        XCTAssertFalse(chart.ticks.isEmpty)
        XCTAssertTrue(chart.ticks.allSatisfy { indices.contains($0.index) }, "ticks sit on days")
        let drawn = (chart.mood + chart.craving).flatMap(\.points)
        XCTAssertFalse(drawn.isEmpty)
        for point in drawn {
            XCTAssertTrue(indices.contains(point.index))
            XCTAssertTrue((chart.valueMin...chart.valueMax).contains(point.value), "inside the shared axis")
        }
        // The y axis' labelled values, each inside the shared range under the core's figure.
        XCTAssertFalse(chart.valueTicks.isEmpty)
        for tick in chart.valueTicks {
            XCTAssertTrue((UInt32(chart.valueMin)...UInt32(chart.valueMax)).contains(tick.index))
            XCTAssertFalse(tick.label.isEmpty)
        }
        XCTAssertEqual(chart.valueTicks.map(\.index), chart.valueTicks.map(\.index).sorted(), "bottom to top")
        XCTAssertTrue(chart.moodScale.choices.contains { $0.value == chart.mood.first?.points.first?.value })
        XCTAssertNotEqual(chart.moodScale.name, chart.cravingScale.name, "two series, told apart")
        XCTAssertEqual(presenter.screen, try store.insightsScreen(now: monday, zone: zone, chartDays: nil))
    }

    @MainActor
    func testTheCoresErrorIsShown() throws {
        let store = try makeStore(self)
        let far = Date(timeIntervalSince1970: 10_500_000_000)
        let presenter = InsightsPresenter(source: store, environment: testEnvironment(now: far))

        presenter.refresh()

        XCTAssertNotNil(presenter.error)
        XCTAssertEqual(presenter.error, message { _ = try store.insightsScreen(now: far, zone: zone, chartDays: nil) })
    }

    /// Today's check-in, through the core's form.
    private func checkIn(_ store: CompanionStore) throws {
        let screen = try store.checkinScreenToday(now: monday, zone: zone)
        var values = screen.values
        values.mood = screen.mood.max
        _ = try store.saveCheckinForm(date: screen.date, opened: screen.values, edited: values, now: monday, zone: zone)
    }
}
