// SPDX-License-Identifier: GPL-3.0-or-later

/// The counts `parley staff` may give an agent group in any interval (SPEC §3.2 `staffable`).
public struct StaffableRange: Sendable, Equatable {
    /// The fewest agents of the group in any interval (≥ 0).
    public var min: Int
    /// The most agents of the group in any interval (≥ `min`, ≥ 1).
    public var max: Int

    public init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }
}
