import CompanionCore
import CompanionPresenters
import SwiftUI

/// The check-in: a mood tap and Save; the rest optional. The scales, choices and limits are the
/// core's (`CheckInScreenRecord`); every value goes straight to the presenter.
struct CheckInView: View {
    @ObservedObject var checkIn: CheckInPresenter
    /// The day to check in for; nil: today.
    let day: CalendarDay?
    let done: () -> Void
    @State private var ownWord = ""

    var body: some View {
        Form {
            if let screen = checkIn.screen {
                fields(screen)
            }
            ErrorSection(message: checkIn.error)
        }
        .navigationTitle(checkIn.screen?.title ?? "")
        .navigationBarTitleDisplayMode(.inline)
        .toolbar {
            ToolbarItem(placement: .cancellationAction) {
                Button("Close", action: done)
            }
            ToolbarItem(placement: .confirmationAction) {
                Button("Save") {
                    if checkIn.save() { done() }
                }
                .disabled(!checkIn.canSave)
            }
        }
        .onAppear { checkIn.load(date: day) }
    }

    @ViewBuilder private func fields(_ screen: CheckInScreenRecord) -> some View {
        let form = checkIn.form
        Section(screen.mood.name) {
            ScaleRow(scale: screen.mood, selected: form.mood) { value in
                checkIn.setMood(value)
            }
        }
        Section(screen.craving.name) {
            // A second tap on the chosen number takes the answer back.
            ScaleRow(scale: screen.craving, selected: form.craving) { value in
                checkIn.setCraving(value == form.craving ? nil : value)
            }
        }
        Section("Feelings") {
            LazyVGrid(columns: [GridItem(.adaptive(minimum: 96))], spacing: 8) {
                ForEach(checkIn.emotionChoices, id: \.self) { emotion in
                    let chosen = form.emotions.contains(emotion)
                    Button(emotion) { checkIn.toggleEmotion(emotion) }
                        .buttonStyle(.bordered)
                        .tint(chosen ? .accentColor : .secondary)
                        .disabled(!chosen && !checkIn.canChooseAnotherEmotion)
                        .accessibilityAddTraits(chosen ? .isSelected : [])
                }
            }
            TextField("A word of your own", text: $ownWord)
                .onSubmit {
                    checkIn.addEmotion(ownWord)
                    ownWord = ""
                }
                .disabled(!checkIn.canChooseAnotherEmotion)
        }
        Section("Sleep") {
            Picker("Hours", selection: Binding(
                get: { form.sleepHours },
                set: { checkIn.setSleepHours($0) }
            )) {
                Text(screen.sleepUnsetLabel).tag(Double?.none)
                // The core's entries in its words ("7h30"), from its lowest to its highest.
                ForEach(screen.sleepChoices, id: \.hours) { choice in
                    Text(choice.label).tag(Double?.some(choice.hours))
                }
            }
        }
        Section("Used today") {
            Picker("Used today", selection: Binding(
                get: { form.usedToday },
                set: { checkIn.setUsedToday($0) }
            )) {
                // No answer, no, yes: the core's entries in its words.
                ForEach(screen.usedTodayChoices, id: \.value) { choice in
                    Text(choice.label).tag(choice.value)
                }
            }
            .pickerStyle(.segmented)
        }
        Section("Note") {
            TextField("Anything to remember about today", text: Binding(
                get: { form.note ?? "" },
                set: { checkIn.setNote($0) }
            ), axis: .vertical)
            .lineLimit(2...6)
        }
    }
}

/// One tap on a value of one of the core's scales, each under the core's figure for it, the
/// scale's ends in the core's words beneath.
private struct ScaleRow: View {
    let scale: ScaleRecord
    let selected: UInt8?
    let choose: (UInt8) -> Void

    var body: some View {
        VStack(spacing: 6) {
            ScrollView(.horizontal, showsIndicators: false) {
                HStack(spacing: 4) {
                    ForEach(scale.choices, id: \.value) { choice in
                        Button(choice.label) { choose(choice.value) }
                            .buttonStyle(.bordered)
                            .tint(choice.value == selected ? .accentColor : .secondary)
                            .accessibilityAddTraits(choice.value == selected ? .isSelected : [])
                    }
                }
            }
            HStack {
                Text(scale.minLabel)
                Spacer()
                Text(scale.maxLabel)
            }
            .font(.caption)
            .foregroundStyle(.secondary)
        }
    }
}
