// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// This build's version, stored with every run and benchmark.
package enum ParleyVersion {
    package static let current = "0.1.0"

    /// The git revision of the build when the environment names it (`PARLEY_GIT_REVISION`), else nil.
    package static var gitRevision: String? { ProcessInfo.processInfo.environment["PARLEY_GIT_REVISION"] }
}
