// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Scenarios

/// A duration on the command line means what it means in a scenario file (a plain number is seconds).
extension DurationText: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// A rate on the command line: `N/h`, `N/m`, `N/s`, `N/<duration>` or a plain number per hour.
extension RateText: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
