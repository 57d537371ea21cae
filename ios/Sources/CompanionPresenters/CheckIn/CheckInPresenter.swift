import CompanionCore
import Foundation

public struct CheckInState: Equatable {
    public struct Emotion: Equatable, Identifiable {
        public var id: String { name }
        public var name: String
        public var selected: Bool
    }

    /// The scales the screen offers. The core checks every value (mood 1 to 10, craving 0 to
    /// 10); the bindings do not export these bounds yet, so they are repeated here for the
    /// pickers only.
    public static let moodScale = 1...10
    public static let cravingScale = 0...10
    public static let sleepScale = stride(from: 0.0, through: 14.0, by: 0.5).map { $0 }

    /// The core's date for today, "2026-11-23".
    public var date: String = ""
    public var title: String = ""
    /// Today already has a check-in: saving changes it.
    public var editing = false
    public var mood: Int?
    public var craving: Int?
    public var emotions: [Emotion] = []
    public var sleepHours: Double?
    public var note: String = ""
    public var saved = false
    public var error: String?

    /// A mood is all a check-in needs: one tap, then Save.
    public var canSave: Bool { mood != nil }

    public init() {}
}

/// The daily check-in, made to take under 30 seconds: one tap for mood, everything else
/// optional, one Save. Saving sends only what changed, so an edit here and one on another
/// device merge field by field in the core.
public final class CheckInPresenter: Presenter {
    public private(set) var state = CheckInState() {
        didSet { if state != oldValue { onChange?(state) } }
    }
    public var onChange: ((CheckInState) -> Void)?

    private let source: CheckInSource
    private let environment: PresenterEnvironment
    private var original: CheckInRecord?

    public init(source: CheckInSource, environment: PresenterEnvironment) {
        self.source = source
        self.environment = environment
    }

    /// Loads today's check-in, if any, as the draft.
    public func load() {
        do {
            let today = try source.today(now: environment.now(), zone: environment.zone)
            let existing = try source.checkin(dateText: today.date)
            original = existing
            let formats = environment.formats
            var next = CheckInState()
            next.date = today.date
            next.title = formats.date(fromCore: today.date).map(formats.day) ?? today.date
            next.editing = existing != nil
            next.mood = existing.map { Int($0.mood) }
            next.craving = existing?.craving.map { Int($0) }
            next.sleepHours = existing?.sleepHours
            next.note = existing?.note ?? ""
            let chosen = existing?.emotions ?? []
            let offered = source.suggestedEmotions()
            // The participant's own words stay on offer after the suggestions.
            next.emotions = (offered + chosen.filter { !offered.contains($0) }).map {
                CheckInState.Emotion(name: $0, selected: chosen.contains($0))
            }
            state = next
        } catch {
            state.error = CoreErrors.message(error)
        }
    }

    public func setMood(_ mood: Int) { edit { $0.mood = mood } }
    public func setCraving(_ craving: Int?) { edit { $0.craving = craving } }
    public func setSleepHours(_ hours: Double?) { edit { $0.sleepHours = hours } }
    public func setNote(_ note: String) { edit { $0.note = note } }

    public func toggleEmotion(_ name: String) {
        edit { state in
            if let i = state.emotions.firstIndex(where: { $0.name == name }) {
                state.emotions[i].selected.toggle()
            }
        }
    }

    /// Records the check-in; true when saved.
    @discardableResult
    public func save() -> Bool {
        guard state.canSave, let input = input() else { return false }
        var next = state
        defer { state = next }
        do {
            original = try source.recordCheckin(dateText: state.date, input: input)
            next.editing = true
            next.saved = true
            next.error = nil
            return true
        } catch {
            next.error = CoreErrors.message(error)
            return false
        }
    }

    private func edit(_ change: (inout CheckInState) -> Void) {
        var next = state
        change(&next)
        next.saved = false
        next.error = nil
        state = next
    }

    /// What to send: for a new check-in every value given; for an edit only what differs from
    /// the saved one (`nil` leaves a field as it is; an empty note removes the note).
    private func input() -> CheckInInput? {
        guard let mood = state.mood else { return nil }
        let emotions = state.emotions.filter(\.selected).map(\.name)
        let craving = state.craving.map { UInt8(clamping: $0) }
        guard let original else {
            return CheckInInput(
                mood: UInt8(clamping: mood),
                craving: craving,
                emotions: emotions.isEmpty ? nil : emotions,
                sleepHours: state.sleepHours,
                note: state.note.isEmpty ? nil : state.note
            )
        }
        var input = CheckInInput()
        if Int(original.mood) != mood { input.mood = UInt8(clamping: mood) }
        if original.craving != craving { input.craving = craving }
        if Set(original.emotions) != Set(emotions) { input.emotions = emotions }
        if original.sleepHours != state.sleepHours { input.sleepHours = state.sleepHours }
        if (original.note ?? "") != state.note { input.note = state.note }
        return input
    }
}
