import Charts
import CompanionCore
import CompanionPresenters
import SwiftUI

/// The core's sentences and figures (under its span headings), its nudge, and its chart (its
/// spans in its words) drawn with Swift Charts: the mood and craving lines as the core cut them
/// (never across a day without a value), missed days as grey bars, a point on every check-in.
/// A tap on a day opens that day's check-in.
struct InsightsView: View {
    @ObservedObject var insights: InsightsPresenter
    let checkIn: (CalendarDay) -> Void

    var body: some View {
        List {
            if let screen = insights.screen {
                if let nudge = screen.nudge {
                    Section("A gentle nudge") {
                        Text(nudge.message)
                        ForEach(nudge.contacts, id: \.id) { ContactRow(contact: $0) }
                        ForEach(nudge.crisisLines, id: \.id) { CrisisLineRow(line: $0) }
                    }
                }
                Section {
                    Picker("Days", selection: Binding(
                        get: { screen.chart.days },
                        set: { insights.showDays($0) }
                    )) {
                        ForEach(screen.chart.rangeChoices, id: \.days) { choice in
                            Text(choice.label).tag(choice.days)
                        }
                    }
                    .pickerStyle(.segmented)
                    if screen.empty {
                        Text(screen.summary).foregroundStyle(.secondary)
                    } else {
                        MoodChart(chart: screen.chart, insights: insights, checkIn: checkIn)
                            .frame(height: 220)
                    }
                }
                if !screen.empty {
                    Section {
                        Text(screen.summary)
                        Text(screen.totals)
                        Text(screen.runs)
                    }
                    Section {
                        ForEach(screen.figures, id: \.title) { figure in
                            VStack(alignment: .leading, spacing: 4) {
                                Text(figure.title).font(.headline)
                                ForEach(insights.columns(of: figure), id: \.heading) { column in
                                    LabeledContent(column.heading, value: column.value)
                                }
                            }
                        }
                        if let sleep = screen.sleepAndMood {
                            Text(sleep)
                        }
                    }
                }
            }
            ErrorSection(message: insights.error)
        }
        .navigationTitle("Insights")
        .onAppear { insights.refresh() }
    }
}

private struct MoodChart: View {
    let chart: ChartRecord
    let insights: InsightsPresenter
    let checkIn: (CalendarDay) -> Void

    /// The x position of each of the chart's days, by the core's index.
    private var positions: [UInt32: Date] {
        var positions: [UInt32: Date] = [:]
        for day in chart.points {
            positions[day.index] = insights.position(of: day.date)
        }
        return positions
    }

    /// Both scales on one axis: from the lower of their bottoms to the higher of their tops.
    private var domain: ClosedRange<Int> {
        Int(min(chart.moodScale.min, chart.cravingScale.min))...Int(max(chart.moodScale.max, chart.cravingScale.max))
    }

    var body: some View {
        let positions = self.positions
        Chart {
            ForEach(chart.points.filter(\.missed), id: \.index) { day in
                if let x = positions[day.index] {
                    BarMark(
                        x: .value("Day", x, unit: .day),
                        yStart: .value("Low", domain.lowerBound),
                        yEnd: .value("High", domain.upperBound))
                        .foregroundStyle(.gray.opacity(0.25))
                }
            }
            line(chart.mood, name: "Mood", positions: positions)
            line(chart.craving, name: "Craving", positions: positions)
        }
        .chartYScale(domain: domain)
        .chartForegroundStyleScale(["Mood": Color.blue, "Craving": Color.orange])
        .chartOverlay { proxy in
            GeometryReader { geometry in
                Rectangle().fill(.clear).contentShape(Rectangle())
                    .onTapGesture { location in
                        let x = location.x - geometry[proxy.plotAreaFrame].origin.x
                        if let date: Date = proxy.value(atX: x), let day = insights.day(nearest: date) {
                            checkIn(day.date)
                        }
                    }
            }
        }
        .accessibilityLabel(chart.description)
    }

    /// One measure's segments, each its own series so a line never bridges a gap.
    @ChartContentBuilder
    private func line(_ segments: [SegmentRecord], name: String, positions: [UInt32: Date]) -> some ChartContent {
        ForEach(Array(segments.enumerated()), id: \.offset) { segment in
            ForEach(segment.element.points, id: \.index) { point in
                if let x = positions[point.index] {
                    LineMark(
                        x: .value("Day", x, unit: .day),
                        y: .value("Value", Int(point.value)),
                        series: .value("Line", "\(name)-\(segment.offset)"))
                        .foregroundStyle(by: .value("Measure", name))
                    PointMark(x: .value("Day", x, unit: .day), y: .value("Value", Int(point.value)))
                        .foregroundStyle(by: .value("Measure", name))
                }
            }
        }
    }
}
