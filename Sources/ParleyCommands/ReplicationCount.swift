// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser

/// The value of `--replications`: a number, or `auto` (as many as a precision target needs).
enum ReplicationCount: Equatable, ExpressibleByArgument {
    case fixed(Int)
    case auto

    init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let count = Int(argument) {
            self = .fixed(count)
        } else {
            return nil
        }
    }

    static var defaultCompletionKind: CompletionKind { .list(["auto"]) }
}
