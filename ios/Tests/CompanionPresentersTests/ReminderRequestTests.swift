import CompanionCore
import XCTest

@testable import CompanionPresenters

final class ReminderRequestTests: XCTestCase {
    private let formats = testEnvironment().formats
    private let starts = Date(timeIntervalSince1970: 1_795_446_000)  // 10:00 New York, 9:00 Chicago

    func testDiscreetSessionReminderNamesNothingButTheTime() {
        let request = ReminderRequest(
            reminder(id: "session:s1:2026-11-23:60", at: monday, startsAt: starts), formats: formats)

        XCTAssertEqual(request.identifier, "session:s1:2026-11-23:60")
        XCTAssertEqual(request.title, "Reminder")
        // ICU may put a narrow space before AM: compare around it.
        XCTAssertTrue(request.body.hasPrefix("You have an appointment at 10:00"))
        XCTAssertFalse(request.body.contains("Process group"))
        XCTAssertEqual(request.userInfo, ["kind": "session"])
        XCTAssertTrue(request.timeSensitive)
    }

    func testDiscreetCheckInReminder() {
        let request = ReminderRequest(
            reminder(id: "checkin:2026-11-23", at: monday, kind: "check-in"), formats: formats)
        XCTAssertEqual(request.title, "Reminder")
        XCTAssertEqual(request.body, "A reminder from your companion.")
        XCTAssertFalse(request.timeSensitive)
        XCTAssertEqual(request.userInfo, ["kind": "check-in"])
    }

    func testNamedSessionReminderShowsBothClocks() {
        let request = ReminderRequest(
            reminder(
                id: "x", at: monday, style: "session", title: "Process group", startsAt: starts,
                zone: "America/Chicago"),
            formats: formats)
        XCTAssertEqual(request.title, "Process group")
        XCTAssertTrue(request.body.hasPrefix("Starts at 10:00"))
        XCTAssertTrue(request.body.contains("(9:00"))
        XCTAssertTrue(request.body.hasSuffix(" · Room 2"))
    }

    func testTriggerIsTheExactInstantWhateverTheZone() {
        let request = ReminderRequest(reminder(id: "x", at: monday, startsAt: starts), formats: formats)
        let parts = request.triggerComponents
        XCTAssertEqual(parts.timeZone?.secondsFromGMT(), 0)
        XCTAssertEqual(parts.hour, 14)
        XCTAssertEqual(parts.calendar?.date(from: parts), monday)
    }
}
