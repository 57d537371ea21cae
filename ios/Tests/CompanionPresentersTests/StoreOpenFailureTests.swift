import CompanionCore
import Security
import XCTest

@testable import CompanionPresenters

/// What failed, told to the core as an OpenProblem: a lost key apart from a failure that
/// passes, which never offers deleting anything.
final class StoreOpenFailureTests: XCTestCase {
    func testAKeychainThatCannotBeReadYetOffersTryAgainOnly() {
        let failure = StoreOpenFailure.keychainUnavailable(status: errSecInteractionNotAllowed)

        XCTAssertEqual(failure.problem, .unavailable)
        XCTAssertFalse(openProblemScreen(problem: failure.problem).choices.contains(.startOver))
    }

    func testEveryTemporaryFailureIsUnavailable() {
        let temporary: [StoreOpenFailure] = [
            .keychainUnavailable(status: errSecInteractionNotAllowed),
            .keychainUnavailable(status: errSecNotAvailable),
            .device,
            .open(.Storage(message: "busy")),
            .open(.Network(message: "offline")),
        ]
        for failure in temporary {
            XCTAssertEqual(failure.problem, .unavailable, "\(failure)")
        }
    }

    func testAKeyThatIsGoneOrWrongIsLost() {
        XCTAssertEqual(StoreOpenFailure.keyMissing.problem, .keyLost)
        XCTAssertEqual(StoreOpenFailure.open(.WrongKey(message: "wrong key")).problem, .keyLost)
        XCTAssertEqual(StoreOpenFailure.open(.StoreUnusable(message: "damaged")).problem, .damaged)
        XCTAssertEqual(StoreOpenFailure.open(.NeedsNewerApp(message: "newer")).problem, .needsNewerApp)
    }

    func testARealStoreUnderAnotherKeyIsALostKey() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("companion-tests-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try CompanionStore.open(path: directory.path, key: generateStoreKey(), transport: OfflineTransport())
        }
        XCTAssertTrue(storeExists(path: directory.path))

        XCTAssertThrowsError(
            try CompanionStore.open(path: directory.path, key: generateStoreKey(), transport: OfflineTransport())
        ) { error in
            XCTAssertEqual(StoreOpenFailure.opening(error).problem, .keyLost)
        }
    }
}
