import Charts
import CompanionPresenters
import SwiftUI

/// The core's figures and its day series drawn with Swift Charts: mood and craving lines that
/// break where a day has no value, missed days as grey bars, a point on every check-in.
struct InsightsView: View {
    @ObservedObject var model: ScreenModel<InsightsPresenter>

    private var state: InsightsState { model.state }

    var body: some View {
        List {
            if let nudge = state.nudge {
                Section("A gentle nudge") {
                    Text(nudge.message)
                    ForEach(nudge.contacts) { EntryRow(entry: $0) }
                    ForEach(nudge.crisisLines) { EntryRow(entry: $0) }
                }
            }
            Section {
                Picker("Range", selection: Binding(
                    get: { state.range },
                    set: { model.presenter.setRange($0) }
                )) {
                    Text("30 days").tag(InsightsState.Range.month)
                    Text("90 days").tag(InsightsState.Range.quarter)
                }
                .pickerStyle(.segmented)
                if state.empty {
                    Text("Your chart starts with your first check-in.").foregroundStyle(.secondary)
                } else {
                    MoodChart(points: state.points)
                        .frame(height: 220)
                }
            }
            if !state.empty {
                Section {
                    Text(state.summary)
                    Text(state.runs)
                }
                Section {
                    ForEach(state.figures) { figure in
                        VStack(alignment: .leading, spacing: 4) {
                            Text(figure.title).font(.headline)
                            Text("Last 7 days: \(figure.lastWeek)")
                            Text("Last 30 days: \(figure.lastMonth)")
                        }
                    }
                    if let sleep = state.sleepAndMood {
                        Text(sleep)
                    }
                }
            }
            if let error = state.error {
                Section { Text(error).foregroundStyle(.red) }
            }
        }
        .navigationTitle("Insights")
        .onAppear { model.presenter.refresh() }
    }
}

struct MoodChart: View {
    let points: [ChartPoint]

    var body: some View {
        Chart {
            ForEach(points.filter(\.missed)) { point in
                BarMark(
                    x: .value("Day", point.date, unit: .day),
                    yStart: .value("Low", InsightsState.chartScale.lowerBound),
                    yEnd: .value("High", InsightsState.chartScale.upperBound))
                    .foregroundStyle(.gray.opacity(0.25))
            }
            ForEach(points) { point in
                if let mood = point.mood {
                    LineMark(
                        x: .value("Day", point.date, unit: .day),
                        y: .value("Value", mood),
                        series: .value("Line", "mood-\(point.moodSegment)"))
                        .foregroundStyle(by: .value("Measure", "Mood"))
                    PointMark(x: .value("Day", point.date, unit: .day), y: .value("Value", mood))
                        .foregroundStyle(by: .value("Measure", "Mood"))
                }
                if let craving = point.craving {
                    LineMark(
                        x: .value("Day", point.date, unit: .day),
                        y: .value("Value", craving),
                        series: .value("Line", "craving-\(point.cravingSegment)"))
                        .foregroundStyle(by: .value("Measure", "Craving"))
                    PointMark(x: .value("Day", point.date, unit: .day), y: .value("Value", craving))
                        .foregroundStyle(by: .value("Measure", "Craving"))
                }
            }
        }
        .chartYScale(domain: InsightsState.chartScale)
        .chartForegroundStyleScale(["Mood": Color.blue, "Craving": Color.orange])
        .accessibilityLabel("Mood and craving by day")
    }
}
