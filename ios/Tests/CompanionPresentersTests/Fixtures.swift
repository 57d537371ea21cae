import CompanionCore
import CompanionPresenters
import Foundation
import XCTest

// The tests run the presenters against the real core: a store in a fresh directory (the
// package links the XCFramework's simulator slice), a fixed clock, zone and locale. Fakes stand
// in only for what the core does not own: iOS's notification center and the network.

/// 2026-11-23T14:00:00Z, a Monday: 09:00 in New York.
let monday = Date(timeIntervalSince1970: 1_795_442_400)

/// A fixed clock, zone and locale, so every answer of the core is the same at each run.
func testEnvironment(
    now: Date = monday, zone: String = "America/New_York", locale: String = "en_US"
) -> PresenterEnvironment {
    let timeZone = TimeZone(identifier: zone) ?? TimeZone(secondsFromGMT: 0) ?? .current
    let fixedLocale = Locale(identifier: locale)
    return PresenterEnvironment(now: { now }, timeZone: { timeZone }, locale: { fixedLocale })
}

/// A real store in a directory of its own, removed after the test; its network is offline
/// unless a test gives it another.
func makeStore(_ test: XCTestCase, transport: HttpTransport = OfflineTransport()) throws -> CompanionStore {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("companion-tests-" + UUID().uuidString, isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
    return try CompanionStore.open(path: directory.path, key: generateStoreKey(), transport: transport)
}

/// The phone offline: every request fails as iOS reports no connection.
final class OfflineTransport: HttpTransport {
    func send(request: HttpRequest) async throws -> HttpResponse {
        throw HttpError.Offline
    }
}

/// A server that enrols the phone once (a participant of no program yet, so no keys to
/// unseal), then goes out of reach: every other request fails as iOS reports no connection.
final class EnrolThenOfflineTransport: HttpTransport {
    static let server = "https://companion.example.org"
    static let code = "K7QF-9XMZ-2PRT"

    func send(request: HttpRequest) async throws -> HttpResponse {
        guard request.method == .post, request.url.hasSuffix("/v1/enroll") else { throw HttpError.Offline }
        // server/API.md's answer to POST /v1/enroll.
        let body = """
            {"device_id":"6f1c2a4e-5b7d-4e8f-9a01-23456789abcd","device_token":"device-token-for-tests",\
            "participant_id":"0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e","programs":[]}
            """
        return HttpResponse(
            status: 200, headers: [HttpHeader(name: "content-type", value: "application/json")],
            body: Data(body.utf8))
    }
}

/// A store enrolled through `EnrolThenOfflineTransport`, its server out of reach from then on.
func makeEnrolledStore(_ test: XCTestCase) async throws -> CompanionStore {
    let store = try makeStore(test, transport: EnrolThenOfflineTransport())
    _ = try await store.enroll(server: EnrolThenOfflineTransport.server, code: EnrolThenOfflineTransport.code)
    return store
}

/// What iOS's notification center would hold, in memory: pending requests by id (an id added
/// again replaces the one pending), the soonest 64 kept as iOS keeps them, the permission and
/// settings a test sets.
actor FakeNotifications: NotificationsPlatform {
    /// iOS keeps the soonest-firing 64 pending requests of an app and drops the rest silently
    /// (UNUserNotificationCenter's documentation).
    static let iosLimit = 64

    private(set) var pending: [String: ReminderRequest] = [:]
    private(set) var authorizationRequests = 0
    private var current: IosFacts
    private var refusing: Set<String> = []

    init(authorization: IosAuthorization = .authorized) {
        current = IosFacts(
            authorization: authorization, alerts: .enabled, timeSensitive: .enabled,
            scheduledSummary: .disabled, backgroundRefresh: .available, lowPowerMode: false)
    }

    func held() -> [HeldReminder] {
        pending.values
            .map { HeldReminder(id: $0.reminder.id, fireAt: $0.reminder.fireAt, exact: true) }
            .sorted { $0.fireAt < $1.fireAt }
    }

    func facts() -> IosFacts { current }

    func remove(identifiers: [String]) {
        for id in identifiers { pending[id] = nil }
    }

    struct Refused: Error {}

    func schedule(_ request: ReminderRequest) throws {
        if refusing.contains(request.reminder.id) { throw Refused() }
        pending[request.reminder.id] = request
        let soonest = pending.values.sorted { $0.reminder.fireAt < $1.reminder.fireAt }
        for dropped in soonest.dropFirst(Self.iosLimit) { pending[dropped.reminder.id] = nil }
    }

    func requestAuthorization() {
        authorizationRequests += 1
        if current.authorization == .notDetermined { current.authorization = .authorized }
    }

    func refuse(_ ids: Set<String>) { refusing = ids }
    func set(_ facts: IosFacts) { current = facts }
}

/// A session of the participant's own through the core's form, as the participant would add it:
/// `edit` changes the new-session form's values.
@MainActor
@discardableResult
func addSession(
    _ store: CompanionStore, environment: PresenterEnvironment = testEnvironment(),
    _ edit: (inout SessionValuesRecord) -> Void
) throws -> ScheduleScreenRecord {
    let form = try store.sessionForm(sessionId: nil, now: environment.now(), zone: environment.zone)
    var values = form.values
    edit(&values)
    return try store.scheduleAct(
        action: .saveSessionForm(sessionId: nil, opened: form.values, edited: values),
        now: environment.now(), zone: environment.zone, clockStyle: environment.clockStyle
    ).screen
}

/// How often a presenter called back (the callbacks run on the main actor).
@MainActor
final class Calls {
    private(set) var count = 0
    func record() { count += 1 }
}

/// The core's message for a call that fails.
func message(of call: () throws -> Void) -> String? {
    do {
        try call()
        return nil
    } catch {
        return CoreErrors.message(error)
    }
}

/// `occurrence` as the presenter's schedule shows it now, found by session and series date.
@MainActor
func find(_ occurrence: OccurrenceViewRecord, in presenter: SchedulePresenter) -> OccurrenceViewRecord? {
    presenter.screen?.days.flatMap(\.occurrences).first {
        $0.sessionId == occurrence.sessionId && $0.seriesDate == occurrence.seriesDate
    }
}
