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

/// The core's chart: days at the core's x positions (`index`), the dates under the axis its
/// `ticks`, the y axis its `valueMin`...`valueMax` labelled at its `valueTicks`, each series
/// under its scale's `name`, each point read out as its day's `label` and the scale's figure
/// for its value.
private struct MoodChart: View {
    let chart: ChartRecord
    let insights: InsightsPresenter
    let checkIn: (CalendarDay) -> Void

    /// The core's days by x position, for a point's words.
    private var days: [UInt32: ChartDayRecord] {
        Dictionary(chart.points.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private var tickLabels: [UInt32: String] {
        Dictionary(chart.ticks.map { ($0.index, $0.label) }, uniquingKeysWith: { first, _ in first })
    }

    /// The y axis' labelled values (a tick's `index` holds its value) and their figures.
    private var valueLabels: [UInt32: String] {
        Dictionary(chart.valueTicks.map { ($0.index, $0.label) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every day's width, the first and last whole: half a position either side of the ends.
    private var xDomain: ClosedRange<Double> {
        let indices = chart.points.map { Double($0.index) }
        return ((indices.min() ?? 0) - 0.5)...((indices.max() ?? 0) + 0.5)
    }

    var body: some View {
        let days = self.days
        let tickLabels = self.tickLabels
        let valueLabels = self.valueLabels
        let low = Int(chart.valueMin)
        let high = Int(chart.valueMax)
        Chart {
            ForEach(chart.points.filter(\.missed), id: \.index) { day in
                // The whole day's width, around its position.
                RectangleMark(
                    xStart: .value("Day", Double(day.index) - 0.5),
                    xEnd: .value("Day", Double(day.index) + 0.5),
                    yStart: .value("Value", low),
                    yEnd: .value("Value", high))
                    .foregroundStyle(.gray.opacity(0.25))
                    .accessibilityLabel(day.label)
            }
            line(chart.mood, scale: chart.moodScale, days: days)
            line(chart.craving, scale: chart.cravingScale, days: days)
        }
        .chartXScale(domain: xDomain)
        .chartYScale(domain: low...high)
        .chartXAxis {
            AxisMarks(values: chart.ticks.map { Double($0.index) }) { value in
                AxisGridLine()
                AxisTick()
                AxisValueLabel { Text(Self.label(of: value, in: tickLabels)) }
            }
        }
        .chartYAxis {
            // Only the core's values, under its figures (Swift Charts would pick and print its own).
            AxisMarks(values: chart.valueTicks.map { Int($0.index) }) { value in
                AxisGridLine()
                AxisTick()
                AxisValueLabel { Text(Self.valueLabel(of: value, in: valueLabels)) }
            }
        }
        .chartForegroundStyleScale(
            domain: [chart.moodScale.name, chart.cravingScale.name], range: [Color.blue, Color.orange])
        .chartOverlay { proxy in
            GeometryReader { geometry in
                Rectangle().fill(.clear).contentShape(Rectangle())
                    .onTapGesture { location in
                        let x = location.x - geometry[proxy.plotAreaFrame].origin.x
                        if let index: Double = proxy.value(atX: x), let day = insights.day(nearest: index) {
                            checkIn(day.date)
                        }
                    }
            }
        }
        .accessibilityLabel(chart.description)
    }

    /// The core's date for an x axis mark (each mark sits on a tick's position).
    private static func label(of value: AxisValue, in tickLabels: [UInt32: String]) -> String {
        guard let x = value.as(Double.self), let index = UInt32(exactly: x.rounded()) else { return "" }
        return tickLabels[index] ?? ""
    }

    /// The core's figure for a y axis mark (each mark sits on a value tick).
    private static func valueLabel(of value: AxisValue, in valueLabels: [UInt32: String]) -> String {
        guard let y = value.as(Int.self), let index = UInt32(exactly: y) else { return "" }
        return valueLabels[index] ?? ""
    }

    /// One measure's segments, each its own series so a line never bridges a gap.
    @ChartContentBuilder
    private func line(
        _ segments: [SegmentRecord], scale: ScaleRecord, days: [UInt32: ChartDayRecord]
    ) -> some ChartContent {
        let name = scale.name
        ForEach(Array(segments.enumerated()), id: \.offset) { segment in
            ForEach(segment.element.points, id: \.index) { point in
                LineMark(
                    x: .value("Day", Double(point.index)),
                    y: .value("Value", Int(point.value)),
                    series: .value("Line", "\(name)-\(segment.offset)"))
                    .foregroundStyle(by: .value("Measure", name))
                PointMark(x: .value("Day", Double(point.index)), y: .value("Value", Int(point.value)))
                    .foregroundStyle(by: .value("Measure", name))
                    .accessibilityLabel(days[point.index]?.label ?? "")
                    .accessibilityValue(scale.choices.first { $0.value == point.value }?.label ?? "")
            }
        }
    }
}
