import SwiftUI

/// A day and time the participant picks with iOS's own pickers, its value shown on the row's
/// buttons in the core's words (`PickerLabels`, or a label of the screen's) rather than iOS's
/// formats. A tap on the day or the time opens that picker under the row, as Calendar's event
/// editor does; the zone is the environment's (`\.timeZone`), so a session's own clock works.
struct DayTimeRow: View {
    let title: LocalizedStringKey
    /// The core's words for the picked day; nil for a time of day alone.
    let day: String?
    let time: String
    @Binding var selection: Date
    @State private var open: Part?

    private enum Part { case day, time }

    var body: some View {
        LabeledContent(title) {
            HStack(spacing: 8) {
                if let day { button(day, for: .day) }
                button(time, for: .time)
            }
        }
        if open == .day {
            picker(.date).datePickerStyle(.graphical)
        }
        if open == .time {
            picker(.hourAndMinute).datePickerStyle(.wheel)
        }
    }

    private func button(_ text: String, for part: Part) -> some View {
        Button(text) {
            withAnimation { open = open == part ? nil : part }
        }
        // Not the default style: in a Form row, default buttons all fire together.
        .buttonStyle(.bordered)
        .tint(open == part ? .accentColor : .secondary)
    }

    private func picker(_ components: DatePickerComponents) -> some View {
        DatePicker(title, selection: $selection, displayedComponents: components).labelsHidden()
    }
}
