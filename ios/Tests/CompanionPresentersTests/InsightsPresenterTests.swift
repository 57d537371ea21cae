import CompanionCore
import XCTest

@testable import CompanionPresenters

final class InsightsPresenterTests: XCTestCase {
    private func average(_ mean: Double?, _ previous: Double?, _ trend: Trend) -> AverageRecord {
        AverageRecord(mean: mean, count: 5, previousMean: previous, previousCount: 5, trend: trend)
    }

    private func window(_ days: UInt32, checkins: UInt32, missed: UInt32) -> WindowRecord {
        WindowRecord(
            days: days, from: "2026-11-17", checkins: checkins, missed: missed,
            mood: average(6.0, 6.7, .down), craving: average(5.4, 3.2, .up), sleepHours: 6.1,
            sleepCount: 7)
    }

    private func insights(nudge: NudgeRecord? = nil) -> InsightsRecord {
        InsightsRecord(
            today: "2026-11-23", checkedInToday: true, totalCheckins: 26, firstCheckin: "2026-10-22",
            latestCheckin: "2026-11-23", thisWeek: 1, thisMonth: 18, currentRun: 11, longestRun: 11,
            last7Days: window(7, checkins: 7, missed: 0), last30Days: window(30, checkins: 26, missed: 4),
            sleepAndMood: SleepAndMoodRecord(
                days: 30, shortNights: 7, otherNights: 19, moodAfterShortNights: 4.6,
                moodAfterOtherNights: 6.1),
            nudge: nudge)
    }

    func testFiguresAreWordedFromTheCore() {
        let store = FakeStore()
        store.insightsRecord = insights()
        let presenter = InsightsPresenter(source: store, environment: testEnvironment())
        presenter.refresh()

        XCTAssertEqual(
            presenter.state.summary,
            "Checked in 7 of the last 7 days and 26 of the last 30 (4 missed).")
        XCTAssertEqual(presenter.state.figures.first?.lastWeek, "6.0, down from 6.7")
        XCTAssertEqual(presenter.state.figures.last?.lastWeek, "5.4, up from 3.2")
        XCTAssertEqual(
            presenter.state.sleepAndMood,
            "Mood 4.6 after short nights (7 nights), 6.1 after the others (19 nights).")
        XCTAssertFalse(presenter.state.empty)
        XCTAssertNil(presenter.state.nudge)
    }

    func testSeriesBreaksLinesAtGapsAndKeepsMissedDays() {
        let store = FakeStore()
        store.insightsRecord = insights()
        store.series = [
            DayPointRecord(date: "2026-11-20", mood: 5, craving: 4, sleepHours: 7, missed: false),
            DayPointRecord(date: "2026-11-21", mood: nil, craving: nil, sleepHours: nil, missed: true),
            DayPointRecord(date: "2026-11-22", mood: 6, craving: nil, sleepHours: nil, missed: false),
            DayPointRecord(date: "2026-11-23", mood: 7, craving: 2, sleepHours: 8, missed: false),
        ]
        let presenter = InsightsPresenter(source: store, environment: testEnvironment())
        presenter.refresh()

        let points = presenter.state.points
        XCTAssertEqual(points.map(\.mood), [5, nil, 6, 7])
        XCTAssertEqual(points.map(\.missed), [false, true, false, false])
        XCTAssertEqual(points.map(\.moodSegment), [0, 0, 1, 1])
        XCTAssertEqual(points.map(\.cravingSegment), [0, 0, 0, 1])
        // Each point sits at noon of its day in the phone's zone.
        let noon = points.first.map { testEnvironment().calendar.component(.hour, from: $0.date) }
        XCTAssertEqual(noon, 12)
    }

    func testTheRangeAsksTheCoreForThatManyDays() {
        let store = FakeStore()
        store.insightsRecord = insights()
        let presenter = InsightsPresenter(source: store, environment: testEnvironment())
        presenter.setRange(.quarter)
        XCTAssertEqual(presenter.state.range.rawValue, 90)
    }

    func testANudgeComesWithItsContactsAndTheCrisisLines() {
        let store = FakeStore()
        store.insightsRecord = insights(
            nudge: NudgeRecord(
                reasons: [.highCravings], message: "Cravings have been strong lately.",
                contacts: [NudgeContactRecord(id: "c1", name: "Sam", role: .sponsor)]))
        store.actions["c1"] = [action(.call, "tel:+12015550102")]
        store.lines = [
            CrisisLineRecord(
                id: "crisis:us-988", name: "988", about: nil, source: .builtIn, programId: nil,
                emergency: false, actions: [action(.call, "tel:988")])
        ]
        let presenter = InsightsPresenter(source: store, environment: testEnvironment())
        presenter.refresh()

        XCTAssertEqual(presenter.state.nudge?.message, "Cravings have been strong lately.")
        XCTAssertEqual(presenter.state.nudge?.contacts.first?.actions.map(\.kind), [.call])
        XCTAssertEqual(presenter.state.nudge?.crisisLines.map(\.name), ["988"])
    }
}
