// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import Foundation

/// Escaping and number formatting for the HTML report.
package enum HTML {
    /// A whole report page: `sections` under `title`, with the report style and a footer naming
    /// this Parley and the results database, followed by `footerNote` (which brings its own
    /// leading space or line break).
    package static func page(title: String, sections: [String], footerNote: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>\(HTMLReport.css)</style>
        </head>
        <body>
        <main>
        \(sections.joined(separator: "\n"))
        <footer>Written by Parley \(escape(ParleyVersion.current)) from the results database.\(footerNote)</footer>
        </main>
        </body>
        </html>

        """
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, safe in content and attributes.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate or length for SVG: at most one decimal, no exponent.
    package static func coordinate(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    /// A ratio as a percentage with `digits` decimals, such as `84.3 %`.
    package static func percent(_ value: Double, digits: Int = 1) -> String {
        String(format: "%.\(digits)f %%", value * 100)
    }

    /// A duration in seconds in the unit that reads best: `850 ms`, `12.4 s`, `3.5 min`, `2.1 h`.
    package static func duration(_ seconds: Double) -> String {
        switch abs(seconds) {
        case 0: "0 s"
        case ..<1: String(format: "%.0f ms", seconds * 1000)
        case ..<120: String(format: "%.1f s", seconds)
        case ..<7200: String(format: "%.1f min", seconds / 60)
        default: String(format: "%.1f h", seconds / 3600)
        }
    }

    /// A bucket bound in seconds for an axis label: `0`, `30 s`, `2 min`, `1.5 h`.
    package static func shortDuration(_ seconds: Double) -> String {
        switch seconds {
        case 0: "0"
        case ..<60: String(format: "%g s", seconds)
        case ..<3600: String(format: "%g min", seconds / 60)
        default: String(format: "%g h", seconds / 3600)
        }
    }
}
