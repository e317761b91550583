// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Paths inside the package, for tests that read its scenario and case files.
enum PackageRoot {
    /// The package's root directory (three levels above this file).
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The absolute path of `relative` inside the package.
    static func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}
