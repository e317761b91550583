// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import Foundation

/// Small self-contained SVG charts for the HTML report: no scripts, no external resources.
///
/// Each chart is an inline `<svg>` element (HTML5 needs no namespace attribute) with a
/// `<title>` for screen readers, drawn in a fixed coordinate box and scaled by CSS. The
/// builders take plain numbers; nil values are gaps.
package struct SVGChart {
    /// Colours for series, in order; chosen to stay distinguishable in print and for common colour blindness.
    package static let palette = ["#2f6db5", "#e08a2c", "#3a9a5b", "#b8443a", "#7b5ea7", "#8c6d3f", "#c45ca2", "#5f6b76"]

    package let width: Double
    package let height: Double
    /// The plot area inside the margins.
    package let left: Double, right: Double, top: Double, bottom: Double
    private(set) var body = ""

    package init(width: Double, height: Double, left: Double = 56, right: Double = 16, top: Double = 16, bottom: Double = 48) {
        self.width = width
        self.height = height
        self.left = left
        self.right = width - right
        self.top = top
        self.bottom = height - bottom
    }

    /// The finished `<svg>` element.
    package func svg(title: String, legend: [(String, String)] = []) -> String {
        var out = "<svg class=\"chart\" viewBox=\"0 0 \(HTML.coordinate(width)) \(HTML.coordinate(height))\" "
            + "width=\"\(HTML.coordinate(width))\" height=\"\(HTML.coordinate(height))\" role=\"img\" "
            + "aria-label=\"\(HTML.escape(title))\"><title>\(HTML.escape(title))</title>"
        out += body
        var x = left
        for (name, color) in legend {
            out += "<rect x=\"\(HTML.coordinate(x))\" y=\"\(HTML.coordinate(height - 14))\" width=\"10\" height=\"10\" "
                + "fill=\"\(color)\"/>"
            out += "<text x=\"\(HTML.coordinate(x + 14))\" y=\"\(HTML.coordinate(height - 5))\" class=\"legend\">"
                + "\(HTML.escape(name))</text>"
            x += 24 + Double(name.count) * 6.5
        }
        return out + "</svg>"
    }

    // MARK: - Primitives

    package mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class name: String) {
        body += "<line x1=\"\(HTML.coordinate(x1))\" y1=\"\(HTML.coordinate(y1))\" x2=\"\(HTML.coordinate(x2))\" "
            + "y2=\"\(HTML.coordinate(y2))\" class=\"\(name)\"/>"
    }

    package mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String? = nil) {
        body += "<rect x=\"\(HTML.coordinate(x))\" y=\"\(HTML.coordinate(y))\" width=\"\(HTML.coordinate(max(0, width)))\" "
            + "height=\"\(HTML.coordinate(max(0, height)))\" fill=\"\(fill)\""
        if let tooltip { body += "><title>\(HTML.escape(tooltip))</title></rect>" } else { body += "/>" }
    }

    package mutating func text(_ content: String, x: Double, y: Double, anchor: String = "middle", class name: String = "tick",
                       rotate: Bool = false) {
        let transform = rotate ? " transform=\"rotate(-35 \(HTML.coordinate(x)) \(HTML.coordinate(y)))\"" : ""
        body += "<text x=\"\(HTML.coordinate(x))\" y=\"\(HTML.coordinate(y))\" text-anchor=\"\(anchor)\" "
            + "class=\"\(name)\"\(transform)>\(HTML.escape(content))</text>"
    }

    package mutating func polyline(_ points: [(Double, Double)], color: String) {
        guard points.count > 1 else {
            if let (x, y) = points.first { circle(x: x, y: y, color: color) }
            return
        }
        let list = points.map { "\(HTML.coordinate($0.0)),\(HTML.coordinate($0.1))" }.joined(separator: " ")
        body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>"
    }

    package mutating func circle(x: Double, y: Double, color: String) {
        body += "<circle cx=\"\(HTML.coordinate(x))\" cy=\"\(HTML.coordinate(y))\" r=\"2.5\" fill=\"\(color)\"/>"
    }

    /// A vertical confidence whisker from `low` to `high` (plot coordinates) at `x`.
    package mutating func whisker(x: Double, low: Double, high: Double) {
        line(x, low, x, high, class: "whisker")
        line(x - 4, low, x + 4, low, class: "whisker")
        line(x - 4, high, x + 4, high, class: "whisker")
    }

    // MARK: - Axes

    /// The plot's y coordinate of `value` on an axis from `axis.low` to `axis.high`.
    package func y(_ value: Double, _ axis: Axis) -> Double {
        let span = axis.high - axis.low
        return bottom - (span > 0 ? (value - axis.low) / span : 0) * (bottom - top)
    }

    /// Horizontal grid lines with labels on the left, and the baseline.
    package mutating func drawValueAxis(_ axis: Axis) {
        for tick in axis.ticks {
            let y = y(tick, axis)
            line(left, y, right, y, class: tick == 0 ? "zero" : "grid")
            text(axis.label(tick), x: left - 6, y: y + 4, anchor: "end")
        }
    }

    /// A value axis: its range and how to print its ticks.
    package struct Axis {
        package var low: Double
        package var high: Double
        package var ticks: [Double]
        package var label: (Double) -> String

        /// An axis covering `values` (and 0) with about five round ticks.
        package static func covering(_ values: [Double], label: @escaping (Double) -> String,
                             includeZero: Bool = true, minimumHigh: Double = 0) -> Axis {
            var low = values.min() ?? 0, high = max(values.max() ?? 1, minimumHigh)
            if includeZero { low = min(low, 0); high = max(high, 0) }
            if high <= low { high = low + 1 }
            let step = niceStep((high - low) / 5)
            let first = (low / step).rounded(.down) * step, last = (high / step).rounded(.up) * step
            let ticks = stride(from: first, through: last + step / 2, by: step).map { abs($0) < step / 1e6 ? 0 : $0 }
            return Axis(low: first, high: last, ticks: ticks, label: label)
        }

        /// An axis of durations in seconds covering `values` and 0, with ticks at round times
        /// (seconds, minutes or hours) labelled in the unit that reads best.
        package static func durations(_ values: [Double], minimumHigh: Double = 0) -> Axis {
            let high = max(values.max() ?? 1, minimumHigh, 1)
            let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200,
                                   86_400]
            let step = steps.first { $0 >= high / 5 * 0.999 } ?? niceStep(high / 5)
            let last = (high / step).rounded(.up) * step
            return Axis(low: 0, high: last, ticks: stride(from: 0, through: last + step / 2, by: step).map { $0 },
                        label: HTML.shortDuration)
        }

        /// The smallest of 1, 2 or 5 times a power of ten at least `raw`.
        package static func niceStep(_ raw: Double) -> Double {
            guard raw > 0, raw.isFinite else { return 1 }
            let power = pow(10, (log10(raw)).rounded(.down))
            for factor in [1.0, 2, 5, 10] where factor * power >= raw * 0.999 { return factor * power }
            return 10 * power
        }
    }
}
