// SPDX-License-Identifier: GPL-3.0-or-later

/// The report's kinds of chart, built from plain numbers.
extension SVGChart {
    /// A value with an optional 95 % half-width; nil value: nothing to draw.
    package struct Estimate {
        package var value: Double?
        package var halfWidth: Double?
    }

    /// Vertical bars, one cluster per group and one bar per series, with CI whiskers.
    ///
    /// `values[g][s]` is series `s` in group `g`. Many groups get slanted labels.
    /// With `durations` the axis has round times and `label` is unused for it; with a
    /// `valueLabel` each bar carries its value.
    package static func groupedBars(title: String, groups: [String], series: [String], values: [[Estimate]],
                            label: @escaping (Double) -> String, minimumHigh: Double = 0, durations: Bool = false,
                            valueLabel: ((Double) -> String)? = nil, width: Double = 500,
                            height: Double = 280) -> String {
        let slanted = Double(groups.count) * Double(groups.map(\.count).max() ?? 0) * 6.5 > width - 80
        var chart = SVGChart(width: width, height: height, bottom: slanted ? 78 : 48)
        let tops = values.flatMap { $0 }.compactMap { e in e.value.map { $0 + (e.halfWidth ?? 0) } }
        let bottoms = values.flatMap { $0 }.compactMap { e in e.value.map { $0 - (e.halfWidth ?? 0) } }
        let axis = durations ? Axis.durations(tops, minimumHigh: minimumHigh)
                             : Axis.covering(tops + bottoms, label: label, minimumHigh: minimumHigh)
        chart.drawValueAxis(axis)
        let slot = (chart.right - chart.left) / Double(max(groups.count, 1))
        let barWidth = min(36, slot * 0.8 / Double(max(series.count, 1)))
        for (g, group) in groups.enumerated() {
            let center = chart.left + slot * (Double(g) + 0.5)
            let first = center - barWidth * Double(series.count) / 2
            for (s, name) in series.enumerated() {
                guard let estimate = values[g][s].value else { continue }
                let x = first + barWidth * Double(s)
                let y0 = chart.y(max(axis.low, 0), axis), y1 = chart.y(estimate, axis)
                let tip = "\(group) \(name): \(label(estimate))" + (values[g][s].halfWidth.map { " ± \(label($0))" } ?? "")
                chart.rect(x: x + 1, y: min(y0, y1), width: barWidth - 2, height: abs(y1 - y0),
                           fill: palette[s % palette.count], tooltip: tip)
                if let h = values[g][s].halfWidth, h > 0 {
                    chart.whisker(x: x + barWidth / 2, low: chart.y(estimate - h, axis), high: chart.y(estimate + h, axis))
                }
                if let valueLabel {
                    chart.text(valueLabel(estimate), x: x + barWidth / 2, y: min(y0, y1) - 4, class: "value")
                }
            }
            if slanted {
                chart.text(group, x: center + 4, y: chart.bottom + 14, anchor: "end", rotate: true)
            } else {
                chart.text(group, x: center, y: chart.bottom + 16)
            }
        }
        let legend = series.count > 1 ? series.enumerated().map { ($1, palette[$0 % palette.count]) } : []
        return chart.svg(title: title, legend: legend)
    }

    /// Horizontal bars of differences from a baseline, one per label, around a zero line, with whiskers.
    package static func differenceBars(title: String, labels: [String], values: [Estimate],
                               label: @escaping (Double) -> String, width: Double = 330) -> String {
        let rowHeight = 26.0
        let left = min(150, 16 + 6.5 * Double(labels.map(\.count).max() ?? 0))
        var chart = SVGChart(width: width, height: 58 + rowHeight * Double(labels.count), left: left, right: 34,
                             top: 26, bottom: 30)
        chart.text(title, x: width / 2, y: 15, class: "panel-title")
        let ends = values.flatMap { e -> [Double] in
            guard let v = e.value else { return [] }
            return [v - (e.halfWidth ?? 0), v + (e.halfWidth ?? 0)]
        }
        let extent = max(ends.map(abs).max() ?? 0, 1e-12)
        let axis = Axis.covering([-extent, extent], label: label)
        func x(_ value: Double) -> Double {
            chart.left + (value - axis.low) / (axis.high - axis.low) * (chart.right - chart.left)
        }
        for tick in [axis.low, 0, axis.high] {
            chart.line(x(tick), chart.top, x(tick), chart.bottom, class: tick == 0 ? "zero" : "grid")
            chart.text(tick == 0 ? "0" : label(tick), x: x(tick), y: chart.bottom + 16)
        }
        for (i, name) in labels.enumerated() {
            let yMid = chart.top + rowHeight * (Double(i) + 0.5)
            chart.text(name, x: chart.left - 6, y: yMid + 4, anchor: "end")
            guard let value = values[i].value else { continue }
            let significant = values[i].halfWidth.map { abs(value) > $0 } ?? false
            let tip = "\(name): \(label(value))" + (values[i].halfWidth.map { " ± \(label($0))" } ?? "")
            chart.rect(x: min(x(0), x(value)), y: yMid - 8, width: abs(x(value) - x(0)), height: 16,
                       fill: significant ? palette[0] : "#9db4d3", tooltip: tip)
            if let h = values[i].halfWidth, h > 0 {
                chart.line(x(value - h), yMid, x(value + h), yMid, class: "whisker")
                chart.line(x(value - h), yMid - 5, x(value - h), yMid + 5, class: "whisker")
                chart.line(x(value + h), yMid - 5, x(value + h), yMid + 5, class: "whisker")
            }
        }
        return chart.svg(title: title)
    }

    /// Lines over a shared x axis (interval starts), one per series; nil values are skipped.
    ///
    /// With `steps` each value holds until the next interval starts (and the last for one more
    /// interval's width), as staffing levels do. Intervals whose `flags` entry is set get a band
    /// behind the lines, named `flagName` in the legend (nothing is drawn without flags).
    package static func lines(title: String, x: [Double], xLabel: (Double) -> String, series: [(String, [Double?])],
                      label: @escaping (Double) -> String, minimumHigh: Double = 0, steps: Bool = false,
                      flags: [Bool] = [], flagName: String = "", width: Double = 500, height: Double = 260) -> String {
        var chart = SVGChart(width: width, height: height)
        let axis = Axis.covering(series.flatMap { $0.1.compactMap { $0 } }, label: label, minimumHigh: minimumHigh)
        let widthOfLast = x.count > 1 ? x[x.count - 1] - x[x.count - 2] : 0
        let low = x.min() ?? 0, high = (x.max() ?? 1) + (steps ? widthOfLast : 0)
        func px(_ value: Double) -> Double {
            high > low ? chart.left + (value - low) / (high - low) * (chart.right - chart.left)
                       : (chart.left + chart.right) / 2
        }
        for (i, flagged) in flags.enumerated() where flagged && i < x.count {
            let end = i + 1 < x.count ? x[i + 1] : x[i] + widthOfLast
            chart.rect(x: px(x[i]), y: chart.top, width: px(end) - px(x[i]), height: chart.bottom - chart.top,
                       fill: flagColor, tooltip: "\(xLabel(x[i])): \(flagName)")
        }
        chart.drawValueAxis(axis)
        let labelEvery = max(1, x.count / 8)
        for (i, value) in x.enumerated() where i % labelEvery == 0 {
            chart.line(px(value), chart.bottom, px(value), chart.bottom + 4, class: "grid")
            chart.text(xLabel(value), x: px(value), y: chart.bottom + 16)
        }
        for (s, (_, values)) in series.enumerated() {
            var points: [(Double, Double)] = []
            for (i, value) in values.enumerated() {
                guard let value else { continue }
                points.append((px(x[i]), chart.y(value, axis)))
                if steps { points.append((px(i + 1 < x.count ? x[i + 1] : x[i] + widthOfLast), chart.y(value, axis))) }
            }
            chart.polyline(points, color: palette[s % palette.count])
        }
        var legend = series.enumerated().map { ($1.0, palette[$0 % palette.count]) }
        if flags.contains(true) { legend.append((flagName, flagColor)) }
        return chart.svg(title: title, legend: legend)
    }

    /// The band behind flagged intervals of ``lines(title:x:xLabel:series:label:minimumHigh:steps:flags:flagName:width:height:)``.
    package static let flagColor = "#f2cdc8"
}
