import CompanionCore
import Foundation

/// A picked day and time in the core's words, for the buttons that open iOS's date and time
/// pickers: the day as every screen names days (`dayLabel`: "Today", "Wed 18 Nov"), the time on
/// the phone's 12- or 24-hour clock (`clockLabel`: "9:00 AM", "09:00"). Only the pickers
/// themselves, once open, show iOS's formats.
public struct PickerLabels: Equatable, Sendable {
    public let day: String
    public let time: String

    init(_ value: DayTime, environment: PresenterEnvironment) {
        // "Today" is the phone's today, as on every other screen.
        day = dayLabel(date: value.day, today: environment.today)
        time = clockLabel(time: value.time, clockStyle: environment.clockStyle)
    }
}
