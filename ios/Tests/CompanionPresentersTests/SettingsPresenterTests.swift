import CompanionCore
import XCTest

@testable import CompanionPresenters

final class SettingsPresenterTests: XCTestCase {
    /// Long enough and varied enough for the core's passphrase rules.
    private let passphrase = "correct horse battery staple 42"

    @MainActor
    func testShowsTheCoresSettingsInThePhonesClock() throws {
        let store = try makeStore(self)
        _ = try store.settingsAct(action: .setCheckinReminder(time: ClockTime(hour: 20, minute: 0)), clockStyle: .twentyFourHour)
        let presenter = SettingsPresenter(source: store, environment: testEnvironment(locale: "en_GB"))

        presenter.refresh()

        XCTAssertEqual(presenter.screen, try store.settingsScreen(clockStyle: .twentyFourHour))
        XCTAssertFalse(presenter.screen?.backupNotice.isEmpty ?? true, "the backup's footer is the core's")
    }

    @MainActor
    func testEachPreferenceGoesToTheCore() throws {
        let store = try makeStore(self)
        let presenter = SettingsPresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let before = try XCTUnwrap(presenter.screen)

        presenter.setDiscreetNotifications(!before.discreetNotifications)
        XCTAssertEqual(presenter.screen?.discreetNotifications, !before.discreetNotifications)

        presenter.setCheckinReminder(on: true)
        XCTAssertEqual(presenter.screen?.checkinReminder, before.suggestedCheckinReminder, "the core's suggestion")
        let later = try XCTUnwrap(ClockTime(hour: 21, minute: 30))
        presenter.setCheckinReminder(time: later)
        XCTAssertEqual(presenter.screen?.checkinReminder, later)
        presenter.setCheckinReminder(on: false)
        XCTAssertNil(presenter.screen?.checkinReminder)
        presenter.setCheckinReminder(on: true)
        XCTAssertEqual(presenter.screen?.checkinReminder, before.suggestedCheckinReminder)

        let offered = try XCTUnwrap(before.leadChoices.first { lead in !before.defaultLeads.contains(lead) })
        presenter.addDefaultLead(minutes: offered.minutes)
        XCTAssertTrue(presenter.screen?.defaultLeads.contains(offered) ?? false)
        XCTAssertFalse(
            presenter.screen?.leadChoices.contains(offered) ?? true, "the menu offers only what is not chosen")
        presenter.removeDefaultLead(minutes: offered.minutes)
        XCTAssertEqual(presenter.screen?.defaultLeads, before.defaultLeads)

        let region = try XCTUnwrap(before.regionChoices.first)
        presenter.setRegion(code: region.code)
        XCTAssertEqual(presenter.screen?.region, region.code)
        XCTAssertEqual(presenter.screen?.effectiveRegionName, region.name, "named as the picker lists it")
        presenter.setRegion(code: nil)
        XCTAssertNil(presenter.screen?.region)

        XCTAssertEqual(presenter.screen, try store.settingsScreen(clockStyle: .twelveHour))
    }

    @MainActor
    func testAnotherReminderIsOfferedUntilTheCoreSaysNoMoreFit() throws {
        let store = try makeStore(self)
        let presenter = SettingsPresenter(source: store, environment: testEnvironment())
        presenter.refresh()

        // Each time the core says another fits, add the first it offers (at most as many times
        // as there are lead times, so a core that never says no fails below).
        let before = try XCTUnwrap(presenter.screen)
        for _ in 0..<(before.leadChoices.count + before.defaultLeads.count) {
            guard let screen = presenter.screen, screen.canAddLead else { break }
            let offered = try XCTUnwrap(screen.leadChoices.first, "another fits: the menu has an entry")
            presenter.addDefaultLead(minutes: offered.minutes)
            XCTAssertNil(presenter.error)
            XCTAssertTrue(presenter.screen?.defaultLeads.contains(offered) ?? false)
        }

        let full = try XCTUnwrap(presenter.screen)
        XCTAssertFalse(full.canAddLead)
        XCTAssertEqual(full, try store.settingsScreen(clockStyle: .twelveHour))
        // The menu is gone though lead times are left to offer; one more is the core's to refuse.
        let left = try XCTUnwrap(full.leadChoices.first, "more lead times than fit")
        presenter.addDefaultLead(minutes: left.minutes)
        XCTAssertEqual(presenter.screen?.defaultLeads, full.defaultLeads)
        XCTAssertNotNil(presenter.error)
        XCTAssertEqual(
            presenter.error,
            message { _ = try store.settingsAct(action: .addDefaultLead(minutes: left.minutes), clockStyle: .twelveHour) })

        presenter.removeDefaultLead(minutes: full.defaultLeads[0].minutes)
        XCTAssertTrue(presenter.screen?.canAddLead ?? false, "one removed, another fits again")
    }

    @MainActor
    func testAsksForNotificationsWhenTheCoreSays() throws {
        let store = try makeStore(self)
        let presenter = SettingsPresenter(source: store, environment: testEnvironment())
        let asked = Calls()
        presenter.onAskNotificationPermission = { asked.record() }
        presenter.refresh()
        let suggested = try XCTUnwrap(presenter.screen?.suggestedCheckinReminder)
        let twin = try makeStore(self)
        let expected = try twin.settingsAct(action: .setCheckinReminder(time: suggested), clockStyle: .twelveHour)
            .askNotificationPermission

        presenter.setCheckinReminder(on: true)

        XCTAssertEqual(asked.count, expected ? 1 : 0)
    }

    @MainActor
    func testThePassphraseRulesAreTheCores() throws {
        let store = try makeStore(self)
        let presenter = SettingsPresenter(source: store, environment: testEnvironment())

        XCTAssertEqual(presenter.passphraseProblem("short"), message { try checkBackupPassphrase(passphrase: "short") })
        XCTAssertNotNil(presenter.passphraseProblem("short"))
        XCTAssertNil(presenter.passphraseProblem(passphrase))
    }

    @MainActor
    func testABackupRestoresIntoAnotherPhone() async throws {
        let store = try makeStore(self)
        let screen = try store.checkinScreenToday(now: monday, zone: "America/New_York")
        var values = screen.values
        values.mood = screen.mood.max
        _ = try store.saveCheckinForm(
            date: screen.date, opened: screen.values, edited: values, now: monday, zone: "America/New_York")
        let presenter = SettingsPresenter(source: store, environment: testEnvironment())

        let file = await presenter.makeBackup(passphrase: passphrase)

        let backup = try XCTUnwrap(file)
        XCTAssertEqual(backup.fileName, backupFileName(today: newYorkMonday), "the core's name, for the phone's day")
        XCTAssertEqual(backup.mediaType, backupMediaType(), "the core's type")
        XCTAssertEqual(presenter.outcome, .backupMade)
        XCTAssertEqual(presenter.outcome?.summaries, [backupMadeSummary()], "the core's line for it")
        XCTAssertNil(presenter.busy)
        let other = try makeStore(self)
        let restoring = SettingsPresenter(source: other, environment: testEnvironment())
        let changed = Calls()
        restoring.onDataChanged = { changed.record() }
        await restoring.restore(backup: backup.data, passphrase: passphrase)
        // What the core says of the same restore into another fresh phone.
        let expected = try makeStore(self).restore(backup: backup.data, passphrase: passphrase)
        XCTAssertTrue(expected.changed)
        XCTAssertEqual(restoring.outcome, .restored(expected))
        XCTAssertEqual(restoring.outcome?.summaries, [expected.summary], "the core's words for it")
        XCTAssertEqual(changed.count, 1)
        XCTAssertEqual(try other.checkin(date: screen.date)?.mood, screen.mood.max)

        await restoring.restore(backup: backup.data, passphrase: "not the passphrase at all 7")
        XCTAssertNil(restoring.outcome)
        XCTAssertEqual(
            restoring.error,
            message { _ = try other.restore(backup: backup.data, passphrase: "not the passphrase at all 7") })
    }

    @MainActor
    func testAnExportIsTheCoresFileInTheCoresFormat() throws {
        let store = try makeStore(self)
        let presenter = SettingsPresenter(source: store, environment: testEnvironment())
        presenter.refresh()

        for format in presenter.screen?.exportFormats ?? [] {
            let file = try XCTUnwrap(presenter.export(format: format))
            XCTAssertEqual(
                String(decoding: file.data, as: UTF8.self),
                try store.exportCheckins(format: format, from: nil, to: nil, now: monday))
            XCTAssertEqual(file.fileName, checkinExportFileName(format: format, today: newYorkMonday))
            XCTAssertEqual(file.mediaType, checkinExportMediaType(format: format))
        }
    }

    @MainActor
    func testAFileIsNamedForTheDayOnThePhonesClock() throws {
        let store = try makeStore(self)
        // 03:30 on Tuesday in UTC, still Monday evening (22:30) in New York.
        let mondayEvening = Date(timeIntervalSince1970: 1_795_491_000)
        let presenter = SettingsPresenter(source: store, environment: testEnvironment(now: mondayEvening))
        presenter.refresh()
        let format = try XCTUnwrap(presenter.screen?.exportFormats.first)

        let file = try XCTUnwrap(presenter.export(format: format))

        XCTAssertEqual(file.fileName, checkinExportFileName(format: format, today: newYorkMonday))
        XCTAssertNotEqual(
            file.fileName, checkinExportFileName(format: format, today: newYorkMonday.adding(days: 1)),
            "not the day in UTC")
    }

    /// `monday`'s date in New York: 2026-11-23.
    private let newYorkMonday = CalendarDay(epochDay: 20_780)

    @MainActor
    func testJoiningOfflineShowsTheCoresWords() async throws {
        let store = try makeStore(self)
        let presenter = SettingsPresenter(source: store, environment: testEnvironment())
        let twin = try makeStore(self)
        var expected: String?
        do {
            _ = try await twin.enroll(server: "https://companion.example.org", code: "K7QF-9XMZ-2PRT")
        } catch {
            expected = CoreErrors.message(error)
        }

        await presenter.join(server: "https://companion.example.org", code: "K7QF-9XMZ-2PRT", linking: false)

        XCTAssertNotNil(expected)
        XCTAssertEqual(presenter.error, expected)
        XCTAssertNil(presenter.outcome)
        XCTAssertNil(presenter.busy)
    }

    @MainActor
    func testAfterJoiningTheAccountAndTheEraseNoticeAreTheCoresForAJoinedPhone() async throws {
        let store = try makeStore(self, transport: EnrolThenOfflineTransport())
        let presenter = SettingsPresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let alone = try XCTUnwrap(presenter.screen)
        XCTAssertNil(alone.account)
        let changed = Calls()
        presenter.onDataChanged = { changed.record() }
        // What the core says of the same join on another phone, its server as far.
        let twin = try makeStore(self, transport: EnrolThenOfflineTransport())
        let expected = try await twin.enroll(server: EnrolThenOfflineTransport.server, code: EnrolThenOfflineTransport.code)

        await presenter.join(server: EnrolThenOfflineTransport.server, code: EnrolThenOfflineTransport.code, linking: false)

        XCTAssertEqual(presenter.outcome, .joined(expected, firstSync: nil), "joined; the first sync found no server")
        XCTAssertEqual(presenter.outcome?.summaries, [expected.summary])
        XCTAssertEqual(changed.count, 1)
        let joined = try XCTUnwrap(presenter.screen)
        XCTAssertEqual(joined, try twin.settingsScreen(clockStyle: .twelveHour))
        XCTAssertEqual(joined.account?.server, EnrolThenOfflineTransport.server)
        XCTAssertNotNil(joined.account?.label)
        XCTAssertNotEqual(joined.eraseNotice, alone.eraseNotice, "now it names the program's server")
        XCTAssertEqual(joined.eraseConfirmation, alone.eraseConfirmation)
    }

    @MainActor
    func testLinkingAndSyncingBeforeJoiningShowTheCoresWords() async throws {
        let store = try makeStore(self)
        let presenter = SettingsPresenter(source: store, environment: testEnvironment())
        let twin = try makeStore(self)
        var linkRefused: String?
        do { _ = try await twin.createLink() } catch { linkRefused = CoreErrors.message(error) }
        var syncRefused: String?
        do { _ = try await twin.sync() } catch { syncRefused = CoreErrors.message(error) }

        await presenter.createLink()
        XCTAssertNotNil(linkRefused)
        XCTAssertEqual(presenter.error, linkRefused)
        XCTAssertNil(presenter.outcome, "no code to show")

        await presenter.syncNow()
        XCTAssertNotNil(syncRefused)
        XCTAssertEqual(presenter.error, syncRefused)
        XCTAssertNil(presenter.outcome)
        XCTAssertNil(presenter.busy)
    }

    @MainActor
    func testErasingAPhoneThatNeverJoinedHandsTheReportToTheApp() async throws {
        let store = try makeStore(self)
        let presenter = SettingsPresenter(source: store, environment: testEnvironment())
        let erased = Calls()
        presenter.onErased = { _ in erased.record() }

        await presenter.eraseEverything()

        XCTAssertEqual(erased.count, 1)
        guard case .erased(let report) = presenter.outcome else {
            return XCTFail("no erase report: \(String(describing: presenter.error))")
        }
        XCTAssertEqual(report.server, .notEnrolled, "nothing of it was on a server")
        XCTAssertEqual(presenter.outcome?.summaries, [report.summary], "the core's words for it")
        XCTAssertNil(presenter.localEraseOffer, "nothing to offer")
    }

    @MainActor
    func testWithTheServerOutOfReachNothingIsErasedAndTheCoreOffersThisPhoneOnly() async throws {
        let store = try await makeEnrolledStore(self)
        let presenter = SettingsPresenter(source: store, environment: testEnvironment())
        let erased = Calls()
        presenter.onErased = { _ in erased.record() }
        // What the core says of the same erase on another phone enrolled the same way.
        let twin = try await makeEnrolledStore(self)
        guard case .serverUnreachable(let message, let thisDeviceOnly) = try await twin.eraseAttempt(localOnly: false)
        else { return XCTFail("the twin's server was reachable") }

        await presenter.eraseEverything()

        XCTAssertEqual(presenter.localEraseOffer, LocalEraseOffer(message: message, button: thisDeviceOnly))
        XCTAssertNil(presenter.outcome, "nothing was erased")
        XCTAssertNil(presenter.error, "an outcome, not a failure")
        XCTAssertNil(presenter.busy)
        XCTAssertEqual(erased.count, 0)
        XCTAssertNotNil(try store.account(), "still enrolled: the store is as it was")

        await presenter.eraseThisPhoneOnly()

        XCTAssertEqual(erased.count, 1)
        guard case .erased(let report) = presenter.outcome else {
            return XCTFail("no erase report: \(String(describing: presenter.error))")
        }
        XCTAssertEqual(report.server, .kept, "the server's copy was not asked for")
        XCTAssertEqual(presenter.outcome?.summaries, [report.summary])
        XCTAssertNil(presenter.localEraseOffer)
    }
}
