// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Structural checks of an HTML page, enough to catch a broken report without an HTML parser.
enum HTMLStructure {
    /// Elements that have no end tag in HTML.
    static let voidElements: Set<String> = ["meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"]

    /// The first problem with the page's nesting — an end tag without its start tag, or a start
    /// tag never closed — or nil when every non-void element is closed in order.
    static func nestingProblem(in html: String) -> String? {
        let pattern = try! NSRegularExpression(pattern: "<(/?)([a-zA-Z][a-zA-Z0-9]*)\\b[^<>]*?(/?)>")
        var stack: [String] = []
        let text = html as NSString
        for match in pattern.matches(in: html, range: NSRange(location: 0, length: text.length)) {
            let closing = text.substring(with: match.range(at: 1)) == "/"
            let name = text.substring(with: match.range(at: 2)).lowercased()
            let selfClosing = text.substring(with: match.range(at: 3)) == "/"
            if voidElements.contains(name) || selfClosing { continue }
            if closing {
                guard stack.last == name else { return "</\(name)> closes <\(stack.last ?? "nothing")>" }
                stack.removeLast()
            } else {
                stack.append(name)
            }
        }
        return stack.isEmpty ? nil : "<\(stack.last!)> is never closed"
    }

    /// How many times `needle` occurs in `html`.
    static func count(_ needle: String, in html: String) -> Int {
        html.components(separatedBy: needle).count - 1
    }
}
