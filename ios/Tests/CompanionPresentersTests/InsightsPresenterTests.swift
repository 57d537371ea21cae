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
            XCTAssertEqual(columns.map(\.value), [figure.last7Days, figure.last30Days])
        }
    }

    @MainActor
    func testATapOnTheChartFindsTheDayDrawnThere() throws {
        let store = try makeStore(self)
        try checkIn(store)
        let presenter = InsightsPresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let days = try XCTUnwrap(presenter.screen?.chart.points)
        XCTAssertFalse(days.isEmpty)

        for day in [days.first, days.last].compactMap({ $0 }) {
            let drawn = try XCTUnwrap(presenter.position(of: day.date))
            // A tap a little off the day's noon still finds it.
            XCTAssertEqual(presenter.day(nearest: drawn.addingTimeInterval(3 * 3600))?.date, day.date)
        }
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
