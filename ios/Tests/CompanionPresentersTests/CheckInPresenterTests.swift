import CompanionCore
import XCTest

@testable import CompanionPresenters

final class CheckInPresenterTests: XCTestCase {
    func testANewCheckInIsOneTapAndSave() {
        let store = FakeStore()
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()
        XCTAssertFalse(presenter.state.canSave)
        XCTAssertFalse(presenter.state.editing)

        presenter.setMood(6)
        XCTAssertTrue(presenter.state.canSave)
        XCTAssertTrue(presenter.save())

        XCTAssertEqual(store.recorded.count, 1)
        XCTAssertEqual(store.recorded.first?.0, "2026-11-23")
        XCTAssertEqual(store.recorded.first?.1, CheckInInput(mood: 6))
        XCTAssertTrue(presenter.state.saved)
        XCTAssertTrue(presenter.state.editing)
    }

    func testEveryFieldOfANewCheckIn() {
        let store = FakeStore()
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()
        presenter.setMood(4)
        presenter.setCraving(7)
        presenter.toggleEmotion("anxious")
        presenter.setSleepHours(5.5)
        presenter.setNote("Hard day.")
        presenter.save()

        XCTAssertEqual(
            store.recorded.first?.1,
            CheckInInput(mood: 4, craving: 7, emotions: ["anxious"], sleepHours: 5.5, note: "Hard day."))
    }

    func testAnEditSendsOnlyWhatChanged() {
        let store = FakeStore()
        store.checkins["2026-11-23"] = checkin(mood: 6, note: "Good group.")
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()
        XCTAssertTrue(presenter.state.editing)
        XCTAssertEqual(presenter.state.mood, 6)
        XCTAssertEqual(presenter.state.note, "Good group.")
        XCTAssertEqual(presenter.state.emotions.filter(\.selected).map(\.name), ["hopeful"])

        presenter.setMood(8)
        presenter.setNote("")
        presenter.save()

        // Craving, emotions and sleep are untouched (nil); the emptied note removes the note.
        XCTAssertEqual(store.recorded.first?.1, CheckInInput(mood: 8, note: ""))
    }

    func testOwnEmotionWordsStayOnOffer() {
        let store = FakeStore()
        var record = checkin()
        record.emotions = ["hopeful", "restless"]
        store.checkins["2026-11-23"] = record
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()

        XCTAssertEqual(presenter.state.emotions.map(\.name), ["calm", "hopeful", "anxious", "restless"])
        XCTAssertEqual(presenter.state.emotions.filter(\.selected).map(\.name), ["hopeful", "restless"])
    }

    func testARefusedCheckInShowsTheCoresMessage() {
        let store = FakeStore()
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()
        presenter.setMood(6)
        store.error = CompanionError.InvalidInput(message: "invalid mood: must be from 1 to 10")

        XCTAssertFalse(presenter.save())
        XCTAssertEqual(presenter.state.error, "invalid mood: must be from 1 to 10")
        XCTAssertFalse(presenter.state.saved)
    }
}
