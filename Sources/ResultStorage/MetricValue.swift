// SPDX-License-Identifier: GPL-3.0-or-later

/// One metric of one replication, over one scope: a row of `replication_metrics`.
public struct MetricValue: Sendable, Hashable {
    /// What the metric is computed over.
    public var scope: ScopeKind
    /// The queue id or channel name; the empty text for ``ScopeKind/overall``.
    public var scopeID: String
    /// The metric key of SPEC §4 (`service_level`, `asa_s`, …).
    public var name: String
    /// The value, or `nil` when undefined (a ratio over no chats).
    public var value: Double?

    public init(scope: ScopeKind, scopeID: String, name: String, value: Double?) {
        self.scope = scope
        self.scopeID = scopeID
        self.name = name
        self.value = value
    }
}
