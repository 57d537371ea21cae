import CompanionCore
import XCTest

@testable import CompanionPresenters

final class ReachOutPresenterTests: XCTestCase {
    @MainActor
    func testShowsTheCoresReachOut() throws {
        let store = try makeStore(self)
        try store.setDeviceRegion(code: "US")
        let presenter = ReachOutPresenter(source: store)

        presenter.refresh()

        XCTAssertEqual(presenter.screen, try store.reachOutScreen(message: nil))
        XCTAssertFalse(presenter.screen?.crisisLines.isEmpty ?? true)
    }

    @MainActor
    func testTheCountryIsNamedAsSettingsNamesIt() throws {
        let store = try makeStore(self)
        try store.setDeviceRegion(code: "US")
        let presenter = ReachOutPresenter(source: store)

        presenter.refresh()
        let phones = try XCTUnwrap(presenter.screen?.regionName)
        XCTAssertEqual(phones, try store.settingsScreen(clockStyle: .twelveHour).effectiveRegionName)

        // The participant picks another country in Settings: Reach out names it from its own screen.
        let settings = try store.settingsScreen(clockStyle: .twelveHour)
        let other = try XCTUnwrap(settings.regionChoices.first { $0.code != "US" })
        _ = try store.settingsAct(action: .setRegion(code: other.code), clockStyle: .twelveHour)
        presenter.refresh()

        XCTAssertEqual(presenter.screen?.region, other.code)
        XCTAssertEqual(presenter.screen?.regionName, other.name, "the name the picker lists it under")
        XCTAssertNotEqual(presenter.screen?.regionName, phones)
    }

    @MainActor
    func testAddsAContactThroughTheCoresForm() throws {
        let store = try makeStore(self)
        let presenter = ReachOutPresenter(source: store)
        presenter.openForm(contactId: nil)
        let opened = try store.contactForm(contactId: nil)
        XCTAssertEqual(presenter.form?.form, opened)
        XCTAssertEqual(presenter.form?.isNew, true)
        let role = try XCTUnwrap(opened.roleChoices.last)

        presenter.editForm { $0.name = "Sam" }
        presenter.editForm { $0.role = role }
        presenter.editForm { $0.phone = "+1 312 555 0100" }
        XCTAssertTrue(presenter.saveForm())

        XCTAssertNil(presenter.form)
        XCTAssertEqual(presenter.screen, try store.reachOutScreen(message: nil))
        let sam = try XCTUnwrap(presenter.screen?.others.first { $0.name == "Sam" })
        XCTAssertEqual(sam.role, role)
        XCTAssertTrue(sam.canEdit, "the participant's own: edit, star and remove offered")
        XCTAssertFalse(sam.actions.isEmpty, "the core made the call and text actions")
    }

    @MainActor
    func testEditsStarsAndRemovesTheParticipantsContact() throws {
        let store = try makeStore(self)
        let presenter = ReachOutPresenter(source: store)
        presenter.openForm(contactId: nil)
        presenter.editForm { $0.name = "Sam" }
        presenter.editForm { $0.phone = "+1 312 555 0100" }
        XCTAssertTrue(presenter.saveForm())
        let id = try XCTUnwrap(presenter.screen?.others.first?.id)

        presenter.openForm(contactId: id)
        XCTAssertEqual(presenter.form?.form, try store.contactForm(contactId: id))
        presenter.editForm { $0.name = "Sam R." }
        XCTAssertTrue(presenter.saveForm())
        XCTAssertEqual(presenter.screen?.others.first?.name, "Sam R.")

        presenter.setFavourite(id, true)
        XCTAssertEqual(presenter.screen?.favourites.map(\.id), [id])

        presenter.remove(contactId: id)
        XCTAssertEqual(presenter.screen?.favourites, [])
        XCTAssertEqual(presenter.screen?.others, [])
    }

    @MainActor
    func testARefusedFormStaysOpenWithTheCoresWords() throws {
        let store = try makeStore(self)
        let presenter = ReachOutPresenter(source: store)
        presenter.openForm(contactId: nil)
        let state = try XCTUnwrap(presenter.form)

        XCTAssertFalse(presenter.saveForm(), "a contact needs a name")

        XCTAssertNotNil(presenter.form?.error)
        XCTAssertEqual(
            presenter.form?.error,
            message {
                _ = try store.reachOutAct(
                    action: .saveContactForm(contactId: nil, opened: state.form.values, edited: state.edited),
                    message: nil)
            })
    }

    @MainActor
    func testTextsStartWithTheCoresSuggestionOrTheParticipantsWords() throws {
        let store = try makeStore(self)
        let presenter = ReachOutPresenter(source: store)
        presenter.refresh()
        let suggested = try XCTUnwrap(presenter.screen?.suggestedMessage)

        presenter.setPrefill(true)
        XCTAssertEqual(presenter.message, suggested)
        XCTAssertEqual(presenter.screen, try store.reachOutScreen(message: suggested))

        presenter.setMessage("Can you talk?")
        XCTAssertEqual(presenter.screen, try store.reachOutScreen(message: "Can you talk?"))

        presenter.setPrefill(false)
        XCTAssertNil(presenter.message)
        XCTAssertEqual(presenter.screen, try store.reachOutScreen(message: nil))
    }
}
