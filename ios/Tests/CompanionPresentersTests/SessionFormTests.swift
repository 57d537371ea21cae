import CompanionCore
import XCTest

@testable import CompanionPresenters

/// The session form's start, length, clock line and defaults in the core's words (FFI v7).
final class SessionFormTests: XCTestCase {
    private let zone = "America/New_York"

    @MainActor
    func testTheLengthIsOneOfTheCoresChoicesAndTheLongestSaves() throws {
        let store = try makeStore(self)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.openForm(sessionId: nil)
        let state = try XCTUnwrap(presenter.form)
        let choices = state.form.choices.durationChoices
        XCTAssertTrue(choices.contains { $0.minutes == state.edited.durationMinutes }, "the picker opens on an entry")
        let longest = try XCTUnwrap(choices.last)
        XCTAssertNotEqual(longest.minutes, state.edited.durationMinutes)

        presenter.editForm { $0.title = "Long group" }
        presenter.editForm { $0.durationMinutes = longest.minutes }
        XCTAssertTrue(presenter.saveForm())

        let id = try XCTUnwrap(presenter.screen?.sessions.first?.id)
        let saved = try store.sessionForm(sessionId: id, now: monday, zone: zone)
        XCTAssertEqual(saved.values.durationMinutes, longest.minutes)
        XCTAssertEqual(saved.choices.durationChoices, choices, "on the list: the same entries")
    }

    @MainActor
    func testALengthOffTheCoresListOpensInItsPlaceAndStays() throws {
        let store = try makeStore(self)
        let listed = try store.sessionForm(sessionId: nil, now: monday, zone: zone).choices.durationChoices
        // A length no entry has (as the terminal may set): a minute past a listed one.
        let off = try XCTUnwrap(listed.map { $0.minutes + 1 }.first { minutes in
            !listed.contains { $0.minutes == minutes }
        })
        let added = try addSession(store) { $0.title = "Odd length"; $0.durationMinutes = off }
        let id = try XCTUnwrap(added.sessions.first?.id)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())

        presenter.openForm(sessionId: id)

        let state = try XCTUnwrap(presenter.form)
        XCTAssertEqual(state.edited.durationMinutes, off)
        let entry = try XCTUnwrap(state.form.choices.durationChoices.first { $0.minutes == off }, "the picker finds it")
        XCTAssertFalse(entry.label.isEmpty)
        XCTAssertEqual(
            state.form.choices.durationChoices.map(\.minutes), state.form.choices.durationChoices.map(\.minutes).sorted(),
            "in its place")
        presenter.editForm { $0.title = "Odd length, renamed" }
        XCTAssertTrue(presenter.saveForm())
        XCTAssertEqual(try store.sessionForm(sessionId: id, now: monday, zone: zone).values.durationMinutes, off)
    }

    @MainActor
    func testTheFormNamesWhoseClockItsTimesAreOnAsItsZoneChanges() throws {
        let store = try makeStore(self)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.openForm(sessionId: nil)
        let opened = try XCTUnwrap(presenter.form)
        XCTAssertEqual(opened.zoneLabel, opened.form.zoneLabel)

        presenter.editForm { $0.zone = "America/Chicago" }
        let chicago = try zoneClockLabel(zone: "America/Chicago", at: monday)
        XCTAssertEqual(presenter.form?.zoneLabel, chicago)
        XCTAssertNotEqual(chicago, opened.form.zoneLabel)
        XCTAssertNil(presenter.form?.error)

        presenter.editForm { $0.title = "Same zone" }
        XCTAssertEqual(presenter.form?.zoneLabel, chicago, "other edits leave it")

        presenter.editForm { $0.zone = opened.edited.zone }
        XCTAssertEqual(presenter.form?.zoneLabel, opened.form.zoneLabel)

        presenter.editForm { $0.zone = "Mars/Olympus_Mons" }
        XCTAssertEqual(presenter.form?.error, message { _ = try zoneClockLabel(zone: "Mars/Olympus_Mons", at: monday) })
        XCTAssertNotNil(presenter.form?.error, "the core knows no such zone")
    }

    /// `monday`'s date in New York: 2026-11-23.
    private let newYorkMonday = CalendarDay(epochDay: 20_780)

    @MainActor
    func testThePickedStartIsInTheCoresWordsOnThePhonesClock() throws {
        let store = try makeStore(self)
        let twelve = SchedulePresenter(source: store, environment: testEnvironment())
        let twentyFour = SchedulePresenter(source: store, environment: testEnvironment(locale: "en_GB"))
        twelve.openForm(sessionId: nil)
        // 10:00 today in New York, the next whole hour.
        let start = try XCTUnwrap(twelve.form?.edited.start)
        XCTAssertEqual(start.day, newYorkMonday)

        let labels = twelve.pickerLabels(start)

        XCTAssertEqual(labels.day, dayLabel(date: newYorkMonday, today: newYorkMonday))
        XCTAssertEqual(labels.time, clockLabel(time: start.time, clockStyle: .twelveHour))
        XCTAssertEqual(twentyFour.pickerLabels(start).time, clockLabel(time: start.time, clockStyle: .twentyFourHour))
        XCTAssertNotEqual(twentyFour.pickerLabels(start).time, labels.time, "the phone's 24-hour clock")
        let tomorrow = DayTime(day: newYorkMonday.adding(days: 1), time: start.time)
        XCTAssertEqual(twelve.pickerLabels(tomorrow).day, dayLabel(date: newYorkMonday.adding(days: 1), today: newYorkMonday))
        XCTAssertNotEqual(twelve.pickerLabels(tomorrow).day, labels.day, "named from the phone's today")
    }

    @MainActor
    func testFollowingTheDefaultsIsWordedWithTheDefaultsAsTheyAreNow() throws {
        let store = try makeStore(self)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.openForm(sessionId: nil)
        let before = try XCTUnwrap(presenter.form?.form.defaultLeadsLabel)
        presenter.closeForm()
        let settings = try store.settingsScreen(clockStyle: .twelveHour)
        let added = try XCTUnwrap(settings.leadChoices.first)
        _ = try store.settingsAct(action: .addDefaultLead(minutes: added.minutes), clockStyle: .twelveHour)

        presenter.openForm(sessionId: nil)

        let after = try XCTUnwrap(presenter.form?.form.defaultLeadsLabel)
        XCTAssertEqual(after, try store.sessionForm(sessionId: nil, now: monday, zone: zone).defaultLeadsLabel)
        XCTAssertNotEqual(after, before, "the switch names the defaults as they are now")
    }
}
