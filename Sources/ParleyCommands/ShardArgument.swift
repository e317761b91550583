// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Runs

/// The value of `--shard`: `I/N`, or `auto` (from the batch engine's environment).
enum ShardArgument: Equatable, ExpressibleByArgument {
    case fixed(Shard)
    case auto

    init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let shard = Shard(argument) {
            self = .fixed(shard)
        } else {
            return nil
        }
    }

    static var defaultCompletionKind: CompletionKind { .list(["auto"]) }
}
