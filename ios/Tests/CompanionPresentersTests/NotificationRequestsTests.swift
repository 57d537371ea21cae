import CompanionCore
import UserNotifications
import XCTest

@testable import CompanionPresenters

/// A notification's words are the core's and nothing else; a tap opens what the core named.
final class NotificationRequestsTests: XCTestCase {
    @MainActor
    func testTheRequestCarriesTheCoresWordsOnly() throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "Walk group" }
        _ = try store.settingsAct(action: .setDiscreetNotifications(on: false), clockStyle: .twelveHour)
        let changes = try store.reminderChanges(
            ctx: ReminderContext(
                now: monday, zone: "America/New_York", platform: .ios, clockStyle: .twelveHour,
                exactAlarmsAllowed: true, osCleared: false),
            held: [])
        let reminder = try XCTUnwrap(changes.schedule.first { $0.notification.timeSensitive })

        let request = NotificationRequests.request(reminder)

        XCTAssertEqual(request.identifier, reminder.reminder.id)
        XCTAssertEqual(request.content.title, reminder.notification.title)
        XCTAssertEqual(request.content.body, reminder.notification.body)
        XCTAssertEqual(request.content.subtitle, "")
        XCTAssertEqual(request.content.threadIdentifier, reminder.notification.thread)
        XCTAssertEqual(request.content.interruptionLevel, .timeSensitive)
        XCTAssertEqual(request.content.userInfo.count, 1, "nothing but what a tap opens")
        XCTAssertEqual(NotificationRoutes.target(request.content.userInfo), reminder.notification.opens)
        let trigger = try XCTUnwrap(request.trigger as? UNCalendarNotificationTrigger)
        XCTAssertFalse(trigger.repeats)
        XCTAssertEqual(trigger.nextTriggerDate(), reminder.reminder.fireAt)
    }

    func testAStatusNotificationIsNotTimeSensitiveAndHidesBehindTheCoresNeutralWords() {
        let notification = syncStoppedNotification()

        let content = NotificationRequests.content(notification)
        let category = NotificationRequests.categoryFor(notification)

        XCTAssertEqual(content.interruptionLevel, .active)
        XCTAssertEqual(content.categoryIdentifier, category.identifier)
        XCTAssertEqual(category.hiddenPreviewsBodyPlaceholder, notification.publicBody)
        XCTAssertEqual(NotificationRoutes.target(content.userInfo), notification.opens)
    }

    @MainActor
    func testANamedReminderHidesItsTitleAndBodyBehindTheCoresNeutralWords() throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "Walk group" }
        _ = try store.settingsAct(action: .setDiscreetNotifications(on: false), clockStyle: .twelveHour)
        let changes = try store.reminderChanges(
            ctx: ReminderContext(
                now: monday, zone: "America/New_York", platform: .ios, clockStyle: .twelveHour,
                exactAlarmsAllowed: true, osCleared: false),
            held: [])
        let named = try XCTUnwrap(changes.schedule.first { $0.notification.named }, "the session is named")

        let category = NotificationRequests.categoryFor(named.notification)

        XCTAssertEqual(category.identifier, NotificationRequests.request(named).content.categoryIdentifier)
        XCTAssertEqual(category.hiddenPreviewsBodyPlaceholder, named.notification.publicBody)
        XCTAssertFalse(category.options.contains(.hiddenPreviewsShowTitle), "the title names the session")
        XCTAssertFalse(category.options.contains(.hiddenPreviewsShowSubtitle))
    }

    func testEveryTargetComesBackFromUserInfo() {
        for target in [NotificationTarget.today, .checkIn, .settings] {
            let userInfo: [AnyHashable: Any] = [NotificationRequests.opensKey: NotificationRoutes.value(target)]
            XCTAssertEqual(NotificationRoutes.target(userInfo), target)
        }
        XCTAssertNil(NotificationRoutes.target([:]))
        XCTAssertNil(NotificationRoutes.target([NotificationRequests.opensKey: "elsewhere"]))
    }

    func testEachChannelHasItsOwnCategory() {
        let channels = [NotificationChannel.sessionReminders, .checkInReminder, .status]
        XCTAssertEqual(Set(channels.map(NotificationRequests.category)).count, channels.count)
    }
}
