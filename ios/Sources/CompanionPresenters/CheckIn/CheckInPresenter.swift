import Combine
import CompanionCore
import Foundation

/// The daily check-in: the core's form (its scales, choices and limits) and the values it
/// opened with; the participant edits `form`; Save hands the core both, and the core writes only
/// what changed (a field another device changed meanwhile survives) and clears what was unset.
@MainActor
public final class CheckInPresenter: ObservableObject {
    @Published public private(set) var screen: CheckInScreenRecord?
    /// The form as the participant has it now.
    @Published public private(set) var form = CheckInValuesRecord()
    @Published public private(set) var error: String?
    /// The form was saved and not changed since.
    @Published public private(set) var saved = false
    /// Called when the core says this is the moment to ask for notification permission.
    public var onAskNotificationPermission: (@MainActor () -> Void)?

    private let source: any CheckInSource
    private let environment: PresenterEnvironment

    public init(source: any CheckInSource, environment: PresenterEnvironment) {
        self.source = source
        self.environment = environment
    }

    /// Opens the form for today, or for `date` (a day picked on the chart).
    public func load(date: CalendarDay? = nil) {
        do {
            let next: CheckInScreenRecord
            if let date {
                next = try source.checkinScreen(date: date, now: environment.now(), zone: environment.zone)
            } else {
                next = try source.checkinScreenToday(now: environment.now(), zone: environment.zone)
            }
            screen = next
            form = next.values
            saved = false
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    public var canSave: Bool {
        guard let screen else { return false }
        return !screen.moodRequired || form.mood != nil
    }

    /// The emotions to offer: the core's choices, then words the participant added just now.
    public var emotionChoices: [String] {
        let offered = screen?.emotionChoices ?? []
        return offered + form.emotions.filter { !offered.contains($0) }
    }

    /// Whether one more emotion may be chosen (the core's limit).
    public var canChooseAnotherEmotion: Bool {
        guard let screen else { return false }
        return form.emotions.count < Int(screen.maxEmotions)
    }

    public func setMood(_ mood: UInt8?) { edit { $0.mood = mood } }
    public func setCraving(_ craving: UInt8?) { edit { $0.craving = craving } }
    public func setSleepHours(_ hours: Double?) { edit { $0.sleepHours = hours } }
    public func setUsedToday(_ used: Bool?) { edit { $0.usedToday = used } }

    /// An emptied note is no note: the core clears it.
    public func setNote(_ note: String) { edit { $0.note = note.isEmpty ? nil : note } }

    public func toggleEmotion(_ name: String) {
        edit { form in
            if let index = form.emotions.firstIndex(of: name) {
                form.emotions.remove(at: index)
            } else {
                form.emotions.append(name)
            }
        }
    }

    /// A word of the participant's own, chosen at once (the core checks its length).
    public func addEmotion(_ word: String) {
        guard !word.isEmpty, !form.emotions.contains(word) else { return }
        edit { $0.emotions.append(word) }
    }

    /// Saves the form; true when the core took it.
    @discardableResult
    public func save() -> Bool {
        guard let screen else { return false }
        do {
            let result = try source.saveCheckinForm(
                date: screen.date, opened: screen.values, edited: form, now: environment.now(),
                zone: environment.zone)
            self.screen = result.screen
            form = result.screen.values
            saved = true
            error = nil
            if result.askNotificationPermission { onAskNotificationPermission?() }
            return true
        } catch {
            self.error = CoreErrors.message(error)
            return false
        }
    }

    private func edit(_ change: (inout CheckInValuesRecord) -> Void) {
        var next = form
        change(&next)
        form = next
        saved = false
        error = nil
    }
}
