// SPDX-License-Identifier: GPL-3.0-or-later

/// Why a drive could not run.
public enum DriveError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingToken(String)
    case unreachable(String)
    /// The simulator could not run the scenario over the drive's span.
    case prediction(String)

    public var description: String {
        switch self {
        case .missingToken(let name): "no token for agent '\(name)' (give the service's --tokens file)"
        case .unreachable(let target): "\(target)/healthz does not answer 200: is `parley serve` running there?"
        case .prediction(let reason): "the simulator's prediction failed: \(reason)"
        }
    }
}
