import CompanionCore
import XCTest

@testable import CompanionPresenters

final class CheckInPresenterTests: XCTestCase {
    @MainActor
    func testOpensTheCoresFormForToday() throws {
        let store = try makeStore(self)
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())

        presenter.load()

        let screen = try store.checkinScreenToday(now: monday, zone: "America/New_York")
        XCTAssertEqual(presenter.screen, screen)
        XCTAssertEqual(presenter.form, screen.values)
        XCTAssertEqual(presenter.canSave, !(screen.moodRequired && screen.values.mood == nil))
        XCTAssertEqual(presenter.emotionChoices, screen.emotionChoices)
    }

    @MainActor
    func testOpensAnotherDaysForm() throws {
        let store = try makeStore(self)
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        let today = try store.checkinScreenToday(now: monday, zone: "America/New_York").date
        let yesterday = today.adding(days: -1)

        presenter.load(date: yesterday)

        XCTAssertEqual(
            presenter.screen, try store.checkinScreen(date: yesterday, now: monday, zone: "America/New_York"))
    }

    @MainActor
    func testSavesWhatTheParticipantDid() throws {
        let store = try makeStore(self)
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()
        let screen = try XCTUnwrap(presenter.screen)
        let offered = try XCTUnwrap(screen.emotionChoices.first)
        // The sleep picker's last entry and each scale's end buttons, as the core lists them.
        let longest = try XCTUnwrap(screen.sleepChoices.last)
        let best = try XCTUnwrap(screen.mood.choices.last)
        let least = try XCTUnwrap(screen.craving.choices.first)

        presenter.setMood(best.value)
        presenter.setCraving(least.value)
        presenter.toggleEmotion(offered)
        presenter.addEmotion("steady")
        presenter.setSleepHours(longest.hours)
        presenter.setUsedToday(false)
        presenter.setNote("Good group.")
        XCTAssertTrue(presenter.save())

        let saved = try XCTUnwrap(try store.checkin(date: screen.date))
        XCTAssertEqual(saved.mood, best.value)
        XCTAssertEqual(saved.craving, least.value)
        XCTAssertEqual(Set(saved.emotions), [offered, "steady"])
        XCTAssertEqual(saved.sleepHours, longest.hours)
        XCTAssertEqual(saved.usedToday, false)
        XCTAssertEqual(saved.note, "Good group.")
        XCTAssertTrue(presenter.saved)
        XCTAssertEqual(presenter.form, presenter.screen?.values, "the form is what the core saved")
    }

    @MainActor
    func testEveryScaleButtonSavesItsValue() throws {
        let store = try makeStore(self)
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()
        let screen = try XCTUnwrap(presenter.screen)
        XCTAssertEqual(screen.mood.choices.first?.value, screen.mood.min, "the buttons run over the whole scale")
        XCTAssertEqual(screen.mood.choices.last?.value, screen.mood.max)

        for choice in screen.mood.choices {
            presenter.setMood(choice.value)
            XCTAssertTrue(presenter.save(), "\(choice.label)")
            XCTAssertEqual(try store.checkin(date: screen.date)?.mood, choice.value)
            // The button shows chosen: the saved value is this button's.
            XCTAssertEqual(presenter.screen?.mood.choices.first { $0.value == presenter.form.mood }, choice)
            presenter.load()
        }
    }

    @MainActor
    func testEachUsedTodayAnswerSavesAndNoAnswerClearsIt() throws {
        let store = try makeStore(self)
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()
        let screen = try XCTUnwrap(presenter.screen)
        presenter.setMood(screen.mood.min)
        // The core's three entries: no answer, no, yes.
        XCTAssertEqual(Set(screen.usedTodayChoices.map(\.value)), [nil, false, true])

        // Every entry, then the first again: an answer taken back is cleared.
        for choice in screen.usedTodayChoices + screen.usedTodayChoices.prefix(1) {
            presenter.setUsedToday(choice.value)
            XCTAssertTrue(presenter.save(), choice.label)
            XCTAssertEqual(try store.checkin(date: screen.date)?.usedToday, choice.value, choice.label)
            XCTAssertEqual(presenter.screen?.usedTodayChoices.first { $0.value == presenter.form.usedToday }, choice)
            presenter.load()
        }
    }

    @MainActor
    func testTheSleepPickersShortestEntrySavesAndStaysChosen() throws {
        let store = try makeStore(self)
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()
        let screen = try XCTUnwrap(presenter.screen)
        let shortest = try XCTUnwrap(screen.sleepChoices.first)

        presenter.setMood(screen.mood.min)
        presenter.setSleepHours(shortest.hours)
        XCTAssertTrue(presenter.save())

        XCTAssertEqual(try store.checkin(date: screen.date)?.sleepHours, shortest.hours)
        // The picker shows it chosen: the saved value is one of the core's entries.
        XCTAssertEqual(presenter.screen?.sleepChoices.first { $0.hours == presenter.form.sleepHours }, shortest)
    }

    @MainActor
    func testANightOffThePickersStepOpensChosenAndStaysWhenSavedUntouched() throws {
        let store = try makeStore(self)
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()
        let fresh = try XCTUnwrap(presenter.screen)
        let middle = fresh.sleepChoices.count / 2
        // Halfway between two entries (as 7.25 h is between 7h00 and 7h30), as the terminal may record.
        let off = (fresh.sleepChoices[middle - 1].hours + fresh.sleepChoices[middle].hours) / 2
        XCTAssertFalse(fresh.sleepChoices.contains { $0.hours == off })
        _ = try store.recordCheckin(date: fresh.date, input: CheckInInput(mood: fresh.mood.min, sleepHours: off))

        presenter.load()

        XCTAssertEqual(presenter.form.sleepHours, off)
        let entry = try XCTUnwrap(presenter.screen?.sleepChoices.first { $0.hours == off }, "the picker finds it")
        XCTAssertFalse(entry.label.isEmpty)
        XCTAssertEqual(presenter.screen?.sleepChoices.count, fresh.sleepChoices.count + 1, "offered in its place")
        presenter.setMood(fresh.mood.max)
        XCTAssertTrue(presenter.save())
        XCTAssertEqual(try store.checkin(date: fresh.date)?.sleepHours, off, "kept as it was")
    }

    @MainActor
    func testAnAnswerTakenBackIsCleared() throws {
        let store = try makeStore(self)
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()
        let screen = try XCTUnwrap(presenter.screen)
        presenter.setMood(screen.mood.min)
        presenter.setCraving(screen.craving.max)
        presenter.setSleepHours(screen.sleepChoices.first?.hours)
        presenter.setNote("A note")
        XCTAssertTrue(presenter.save())
        XCTAssertNotNil(try store.checkin(date: screen.date)?.sleepHours)

        presenter.load()
        presenter.setCraving(nil)
        // The sleep picker's `sleepUnsetLabel` entry.
        presenter.setSleepHours(nil)
        presenter.setNote("")
        XCTAssertTrue(presenter.save())

        let saved = try XCTUnwrap(try store.checkin(date: screen.date))
        XCTAssertNil(saved.craving)
        XCTAssertNil(saved.sleepHours)
        XCTAssertNil(saved.note)
        XCTAssertEqual(saved.mood, screen.mood.min)
    }

    @MainActor
    func testAFieldChangedElsewhereWhileTheFormIsOpenSurvives() throws {
        let store = try makeStore(self)
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()
        let screen = try XCTUnwrap(presenter.screen)
        presenter.setMood(screen.mood.min)
        XCTAssertTrue(presenter.save())
        presenter.load()

        // Another device's note arrives (a sync) while this form is open.
        let other = try store.checkinScreenToday(now: monday, zone: "America/New_York")
        var elsewhere = other.values
        elsewhere.note = "From the tablet"
        _ = try store.saveCheckinForm(
            date: other.date, opened: other.values, edited: elsewhere, now: monday, zone: "America/New_York")

        presenter.setMood(screen.mood.max)
        XCTAssertTrue(presenter.save())

        let saved = try XCTUnwrap(try store.checkin(date: screen.date))
        XCTAssertEqual(saved.mood, screen.mood.max)
        XCTAssertEqual(saved.note, "From the tablet", "the form sends what it opened with, not what it shows")
    }

    @MainActor
    func testAsksForNotificationsWhenTheCoreSays() throws {
        let store = try makeStore(self)
        _ = try store.settingsAct(action: .setCheckinReminder(time: ClockTime(hour: 20, minute: 0)), clockStyle: .twelveHour)
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        let asked = Calls()
        presenter.onAskNotificationPermission = { asked.record() }
        presenter.load()
        presenter.setMood(presenter.screen?.mood.max)

        XCTAssertTrue(presenter.save())

        XCTAssertEqual(asked.count, 1)
    }

    @MainActor
    func testTheCoresRefusalIsShownAndNothingIsSaved() throws {
        let store = try makeStore(self)
        let presenter = CheckInPresenter(source: store, environment: testEnvironment())
        presenter.load()
        let screen = try XCTUnwrap(presenter.screen)
        var tooLong = screen.values
        tooLong.mood = screen.mood.max
        tooLong.note = String(repeating: "x", count: Int(screen.noteMaxBytes) + 1)
        presenter.setMood(screen.mood.max)
        presenter.setNote(tooLong.note ?? "")

        XCTAssertFalse(presenter.save())

        XCTAssertEqual(
            presenter.error,
            message {
                _ = try store.saveCheckinForm(
                    date: screen.date, opened: screen.values, edited: tooLong, now: monday, zone: "America/New_York")
            })
        XCTAssertNil(try store.checkin(date: screen.date))
        XCTAssertFalse(presenter.saved)
    }
}
