import CompanionPresenters
import SwiftUI

/// The check-in: a mood tap and Save; the rest optional. Thin: every value goes straight to the
/// presenter.
struct CheckInView: View {
    @ObservedObject var model: ScreenModel<CheckInPresenter>
    let done: () -> Void
    @State private var note = ""

    private var state: CheckInState { model.state }

    var body: some View {
        Form {
            Section("Mood") {
                ScaleRow(
                    values: Array(CheckInState.moodScale), selected: state.mood,
                    low: "Very low", high: "Very good"
                ) { model.presenter.setMood($0) }
            }
            Section("Craving") {
                ScaleRow(
                    values: Array(CheckInState.cravingScale), selected: state.craving,
                    low: "None", high: "Very strong"
                ) { model.presenter.setCraving($0 == state.craving ? nil : $0) }
            }
            Section("Feelings") {
                LazyVGrid(columns: [GridItem(.adaptive(minimum: 96))], spacing: 8) {
                    ForEach(state.emotions) { emotion in
                        Button(emotion.name) { model.presenter.toggleEmotion(emotion.name) }
                            .buttonStyle(.bordered)
                            .tint(emotion.selected ? .accentColor : .secondary)
                            .accessibilityAddTraits(emotion.selected ? .isSelected : [])
                    }
                }
            }
            Section("Sleep") {
                Picker("Hours", selection: Binding(
                    get: { state.sleepHours ?? -1 },
                    set: { model.presenter.setSleepHours($0 < 0 ? nil : $0) }
                )) {
                    Text("Not given").tag(-1.0)
                    ForEach(CheckInState.sleepScale, id: \.self) { hours in
                        Text(hours.formatted(.number.precision(.fractionLength(0...1)))).tag(hours)
                    }
                }
            }
            Section("Note") {
                TextField("Anything to remember about today", text: $note, axis: .vertical)
                    .lineLimit(2...6)
                    .onChange(of: note) { model.presenter.setNote($0) }
            }
            if let error = state.error {
                Section { Text(error).foregroundStyle(.red) }
            }
        }
        .navigationTitle(state.editing ? "Edit check-in" : "Check-in")
        .navigationBarTitleDisplayMode(.inline)
        .toolbar {
            ToolbarItem(placement: .cancellationAction) {
                Button("Close", action: done)
            }
            ToolbarItem(placement: .confirmationAction) {
                Button("Save") {
                    if model.presenter.save() { done() }
                }
                .disabled(!state.canSave)
            }
        }
        .onAppear {
            model.presenter.load()
            note = model.presenter.state.note
        }
    }
}

/// One tap on a number from a scale.
private struct ScaleRow: View {
    let values: [Int]
    let selected: Int?
    let low: LocalizedStringKey
    let high: LocalizedStringKey
    let choose: (Int) -> Void

    var body: some View {
        VStack(spacing: 6) {
            HStack(spacing: 4) {
                ForEach(values, id: \.self) { value in
                    Button("\(value)") { choose(value) }
                        .buttonStyle(.bordered)
                        .tint(value == selected ? .accentColor : .secondary)
                        .accessibilityAddTraits(value == selected ? .isSelected : [])
                }
            }
            HStack {
                Text(low)
                Spacer()
                Text(high)
            }
            .font(.caption)
            .foregroundStyle(.secondary)
        }
    }
}
