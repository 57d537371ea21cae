import CompanionCore
import XCTest

@testable import CompanionPresenters

final class SettingsPresenterTests: XCTestCase {
    private func presenter(_ store: FakeStore, passphraseError: Error? = nil) -> SettingsPresenter {
        SettingsPresenter(
            source: store, environment: testEnvironment(), exportNotice: "Exports are not encrypted."
        ) { _ in
            if let passphraseError { throw passphraseError }
        }
    }

    func testDiscreetNotificationsAreOnByDefaultAndLeadTimesAreWorded() {
        let store = FakeStore()
        let settings = presenter(store)
        settings.refresh()

        XCTAssertTrue(settings.state.discreetNotifications)
        XCTAssertEqual(settings.state.leadTimes.map(\.label), ["1 hour before"])
        XCTAssertFalse(settings.state.leadTimeChoices.map(\.minutes).contains(60))
        XCTAssertFalse(settings.state.checkinReminderOn)
        XCTAssertEqual(settings.state.account, .notEnrolled)
    }

    func testPreferencesGoToTheCoreAndRemindersWantedAsksForPermission() {
        let store = FakeStore()
        let settings = presenter(store)
        var asked = 0
        settings.onRemindersWanted = { asked += 1 }
        settings.refresh()

        settings.setDiscreetNotifications(false)
        settings.addLeadTime(minutes: 1440)
        settings.setCheckinReminder(hour: 8, minute: 5)

        XCTAssertFalse(store.prefs.discreetNotifications)
        XCTAssertEqual(store.prefs.defaultReminderLeads, [60, 1440])
        XCTAssertEqual(store.prefs.checkinReminder, "08:05")
        XCTAssertEqual(settings.state.leadTimes.map(\.label), ["1 hour before", "1 day before"])
        XCTAssertTrue(settings.state.checkinReminderOn)
        XCTAssertEqual(settings.state.checkinReminderHour, 8)
        XCTAssertEqual(settings.state.checkinReminderMinute, 5)
        XCTAssertEqual(asked, 2)

        settings.turnOffCheckinReminder()
        XCTAssertNil(store.prefs.checkinReminder)
        XCTAssertFalse(settings.state.checkinReminderOn)
    }

    func testExportIsTheCoresFileWithItsNameAndType() {
        let settings = presenter(FakeStore())
        XCTAssertEqual(settings.state.exportNotice, "Exports are not encrypted.")

        let file = settings.export(format: .csv)

        XCTAssertEqual(file?.data, Data("date,mood\n".utf8))
        XCTAssertEqual(file?.fileName, "checkins.csv")
        XCTAssertEqual(file?.mediaType.hasPrefix("text/csv"), true)
    }

    func testEnrolThenSync() async {
        let store = FakeStore()
        let settings = presenter(store)
        await settings.enroll(server: "https://companion.example", code: "K7QF-9XMZ-2PRT")

        XCTAssertEqual(settings.state.account, .enrolled(programs: ["Evening IOP"]))
        XCTAssertEqual(settings.state.notice, "This phone is enrolled and up to date.")
        XCTAssertNil(settings.state.busy)
    }

    func testAWrongCodeShowsTheCoresMessage() async {
        let settings = presenter(FakeStore())
        await settings.enroll(server: "https://companion.example", code: "WRONG")
        XCTAssertEqual(settings.state.error, "That code is not valid.")
        XCTAssertEqual(settings.state.account, .notEnrolled)
    }

    func testBackupChecksBothPassphrasesAndTheCoresPolicy() async {
        let store = FakeStore()
        var file = await presenter(store).makeBackup(passphrase: "one two three", confirmation: "one two four")
        XCTAssertNil(file)

        let strict = presenter(store, passphraseError: CompanionError.InvalidInput(message: "too short"))
        file = await strict.makeBackup(passphrase: "short", confirmation: "short")
        XCTAssertNil(file)
        XCTAssertEqual(strict.state.error, "too short")
        XCTAssertTrue(store.backupPassphrases.isEmpty)

        file = await presenter(store).makeBackup(passphrase: "correct horse", confirmation: "correct horse")
        XCTAssertEqual(file?.data, Data([1, 2, 3]))
        XCTAssertEqual(file?.fileName, "companion-2026-11-23.backup")
        XCTAssertEqual(store.backupPassphrases, ["correct horse"])
    }

    func testEraseOfflineOffersThisDeviceOnly() async {
        let store = FakeStore()
        store.eraseError = CompanionError.Network(message: "the server could not be reached, so nothing was erased")
        let settings = presenter(store)

        let erased = await settings.erase(localOnly: false)

        XCTAssertFalse(erased)
        XCTAssertTrue(settings.state.offerLocalErase)
        XCTAssertEqual(settings.state.error, "the server could not be reached, so nothing was erased")
    }

    func testEraseSaysWhatHappenedOnTheServer() async {
        let settings = presenter(FakeStore())

        let erased = await settings.erase(localOnly: true)

        XCTAssertTrue(erased)
        XCTAssertTrue(settings.state.erased)
        XCTAssertEqual(
            settings.state.notice,
            "Erased from this phone. The server's copy remains until you erase it from another device.")
    }

    func testRestoreSaysWhetherAnythingWasNew() async {
        let settings = presenter(FakeStore())
        var restored = await settings.restore(backup: Data([1]), passphrase: "correct horse")
        XCTAssertTrue(restored)
        XCTAssertEqual(settings.state.notice, "Backup restored: its records are merged into this phone.")

        restored = await settings.restore(backup: Data([0]), passphrase: "correct horse")
        XCTAssertTrue(restored)
        XCTAssertEqual(
            settings.state.notice, "Nothing new: this phone already has everything in that backup.")
    }

    func testWrongBackupPassphrase() async {
        let settings = presenter(FakeStore())
        let restored = await settings.restore(backup: Data([1]), passphrase: "nope nope nope")
        XCTAssertFalse(restored)
        XCTAssertEqual(settings.state.error, "The passphrase does not open this backup.")
    }
}
