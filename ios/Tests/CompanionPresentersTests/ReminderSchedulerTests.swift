import CompanionCore
import XCTest

@testable import CompanionPresenters

final class ReminderSchedulerTests: XCTestCase {
    /// A reminder every hour from an hour after `monday`.
    private func hourly(_ count: Int) -> [ReminderRecord] {
        (1...count).map { reminder(id: "r\($0)", at: monday.addingTimeInterval(Double($0) * 3600)) }
    }

    func testTheOSHoldsExactlyThePlanAndNeverMoreThan64() async throws {
        let store = FakeStore()
        store.planned = hourly(100)
        let center = FakeNotificationCenter()
        let scheduler = ReminderScheduler(source: store, center: center, environment: testEnvironment())

        let first = try await scheduler.apply()

        XCTAssertEqual(first.scheduled, 64)
        XCTAssertEqual(center.pending.count, 64)
        XCTAssertEqual(Set(center.pending.keys), Set((1...64).map { "r\($0)" }))

        // A second pass with nothing new changes nothing.
        let again = try await scheduler.apply()
        XCTAssertEqual(again.scheduled, 0)
        XCTAssertEqual(again.cancelled, 0)
    }

    func testTheWindowRollsForward() async throws {
        let store = FakeStore()
        store.planned = hourly(100)
        let center = FakeNotificationCenter()
        try await ReminderScheduler(source: store, center: center, environment: testEnvironment()).apply()

        // Ten hours later: r1…r10 have fired (the OS drops them), r65…r74 come into the window.
        for i in 1...10 { center.pending["r\(i)"] = nil }
        let later = testEnvironment(now: monday.addingTimeInterval(10 * 3600 + 60))
        let result = try await ReminderScheduler(source: store, center: center, environment: later).apply()

        XCTAssertEqual(result.scheduled, 10)
        XCTAssertEqual(center.pending.count, 64)
        XCTAssertNotNil(center.pending["r74"])
    }

    func testRemovedRemindersAreCancelledBeforeNewOnesAreAdded() async throws {
        let store = FakeStore()
        store.planned = hourly(64)
        let center = FakeNotificationCenter()
        let scheduler = ReminderScheduler(source: store, center: center, environment: testEnvironment())
        try await scheduler.apply()

        // A session was cancelled: its reminder goes and the next one comes into the window.
        // The fake fails the test if the add came first (65 pending).
        store.planned = hourly(70).filter { $0.id != "r5" }
        let result = try await scheduler.apply()

        XCTAssertEqual(result.cancelled, 1)
        XCTAssertEqual(result.scheduled, 1)
        XCTAssertEqual(center.removed, ["r5"])
        XCTAssertNil(center.pending["r5"])
        XCTAssertNotNil(center.pending["r65"])
        XCTAssertEqual(center.pending.count, 64)
    }

    func testRewordReaddsEveryPlannedReminder() async throws {
        let store = FakeStore()
        store.planned = hourly(3)
        let center = FakeNotificationCenter()
        let scheduler = ReminderScheduler(source: store, center: center, environment: testEnvironment())
        try await scheduler.apply()
        center.added = []

        let result = try await scheduler.apply(reword: true)

        XCTAssertEqual(result.scheduled, 3)
        XCTAssertEqual(center.added.map(\.identifier), ["r1", "r2", "r3"])
    }

    func testConcurrentPassesDoNotInterleave() async throws {
        let store = FakeStore()
        store.planned = hourly(64)
        let center = FakeNotificationCenter()
        let scheduler = ReminderScheduler(source: store, center: center, environment: testEnvironment())

        async let a = scheduler.apply()
        async let b = scheduler.apply()
        let (first, second) = try await (a, b)

        XCTAssertEqual(first.scheduled + second.scheduled, 64)
        XCTAssertEqual(center.added.count, 64)
    }
}
