// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import ContactCenter
import Foundation

/// Renders validation rows: the table of exact against simulated values, and per metric the sign
/// pattern of (simulated − exact) across cases, where a systematic bias would show.
package enum ValidationTable {
    /// One row per case and metric: exact, simulated ± 99.9 % half-width, inside?, ± 95 % half-width, inside?
    package static func table(_ rows: [TheoryValidation.Row]) -> String {
        var lines = [["case", "metric", "exact", "simulated ± 99.9 %", "in 99.9 %", "± 95 %", "in 95 %"]]
        for row in rows {
            let decimals = Self.decimals(for: row.halfWidth999)
            lines.append([row.caseName, row.metric.rawValue, String(format: "%.6g", row.exact),
                          "\(fixed(row.mean, decimals)) ± \(fixed(row.halfWidth999, decimals))",
                          row.inside999 ? "yes" : "NO", fixed(row.halfWidth95, decimals), row.inside95 ? "yes" : "no"])
        }
        return align(lines, rightAligned: [2, 3, 5])
    }

    /// Totals: how many exact values lie inside their intervals.
    package static func totals(_ rows: [TheoryValidation.Row]) -> String {
        let n = rows.count
        let in999 = rows.filter(\.inside999).count, in95 = rows.filter(\.inside95).count
        return "inside 99.9 %: \(in999) of \(n)" + (in999 == n ? " (all)" : "  <-- FAILED") + "\n"
            + "inside 95 %:   \(in95) of \(n) (\(String(format: "%.1f", 100 * Double(in95) / Double(max(n, 1)))) %, "
            + "about 95 % expected)"
    }

    /// Per metric, the signs of (simulated − exact) in case order (`·` where the case lacks the
    /// metric), their counts and a two-sided sign-test p-value.
    package static func signPatterns(_ rows: [TheoryValidation.Row], cases: [String]) -> String {
        var lines = [["metric", "sign of simulated − exact, by case", "+", "−", "sign test p"]]
        for metric in Metric.allCases {
            let signs = cases.map { name -> Character in
                guard let row = rows.first(where: { $0.caseName == name && $0.metric == metric }) else { return "·" }
                return row.mean > row.exact ? "+" : row.mean < row.exact ? "−" : "0"
            }
            let plus = signs.filter { $0 == "+" }.count, minus = signs.filter { $0 == "−" }.count
            guard plus + minus > 0 else { continue }
            lines.append([metric.rawValue, String(signs), "\(plus)", "\(minus)",
                          String(format: "%.3f", TheoryValidation.signTestP(plus: plus, minus: minus))])
        }
        return align(lines, rightAligned: [2, 3, 4])
    }

    /// Decimals that show a half-width to two significant digits.
    package static func decimals(for halfWidth: Double) -> Int {
        guard halfWidth > 0, halfWidth.isFinite else { return 4 }
        return max(0, 1 - Int(log10(halfWidth).rounded(.down)))
    }

    package static func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    /// Columns padded to their widest cell; a rule under the header.
    package static func align(_ lines: [[String]], rightAligned: Set<Int>) -> String {
        let widths = lines[0].indices.map { c in lines.map { $0[c].count }.max() ?? 0 }
        return lines.enumerated().map { r, cells in
            let text = cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            return r == 0 ? text + "\n" + String(repeating: "-", count: text.count) : text
        }.joined(separator: "\n")
    }
}
