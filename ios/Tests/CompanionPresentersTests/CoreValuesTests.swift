import CompanionCore
import XCTest

/// The pickers' Date and the core's wall-clock values, both ways, in a zone.
final class CoreValuesTests: XCTestCase {
    func testAWallClockTimeRoundTripsThroughAPickersDate() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "America/Chicago"))
        let value = DayTime(
            day: try XCTUnwrap(CalendarDay(year: 2026, month: 11, day: 23)),
            time: try XCTUnwrap(ClockTime(hour: 9, minute: 30)))

        let date = try XCTUnwrap(value.date(in: calendar))

        XCTAssertEqual(DayTime(date, in: calendar), value)
        XCTAssertEqual(date, Date(timeIntervalSince1970: 1_795_447_800))
    }

    func testATimeOfDayRoundTrips() throws {
        let calendar = Calendar(identifier: .gregorian)
        let time = try XCTUnwrap(ClockTime(hour: 20, minute: 15))

        let date = try XCTUnwrap(time.date(in: calendar))

        XCTAssertEqual(ClockTime(date, in: calendar), time)
    }
}
