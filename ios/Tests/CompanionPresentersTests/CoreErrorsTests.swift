import CompanionCore
import XCTest

@testable import CompanionPresenters

final class CoreErrorsTests: XCTestCase {
    func testTheCoresMessageIsShownAsItIs() {
        XCTAssertEqual(
            CoreErrors.message(CompanionError.WrongKey(message: "The passphrase does not open this backup.")),
            "The passphrase does not open this backup.")
        XCTAssertTrue(CoreErrors.isNetwork(CompanionError.Network(message: "offline")))
        XCTAssertFalse(CoreErrors.isNetwork(CompanionError.Storage(message: "disk full")))
    }

    func testOtherErrorsGetAPlainSentence() {
        XCTAssertEqual(CoreErrors.message(Refused()), "Something went wrong. Please try again.")
    }
}
