import CompanionCore
import XCTest

@testable import CompanionPresenters

/// The phone's 12/24-hour setting, as the core takes it, from the locale's "j" template.
final class ClockStylesTests: XCTestCase {
    func testTwelveHourLocales() {
        for locale in ["en_US", "en_AU", "hi_IN", "zh_TW"] {
            XCTAssertEqual(ClockStyles.of(Locale(identifier: locale)), .twelveHour, locale)
        }
    }

    func testTwentyFourHourLocales() {
        for locale in ["en_GB", "de_DE", "fr_FR", "ja_JP"] {
            XCTAssertEqual(ClockStyles.of(Locale(identifier: locale)), .twentyFourHour, locale)
        }
    }

    func testTheEnvironmentPassesItOn() {
        XCTAssertEqual(testEnvironment(locale: "en_US").clockStyle, .twelveHour)
        XCTAssertEqual(testEnvironment(locale: "en_GB").clockStyle, .twentyFourHour)
    }
}
