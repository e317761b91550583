// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore

extension Channel {
    /// The channel's name in scenarios and the API.
    var scenarioName: String {
        switch self {
        case .liveChat: "live_chat"
        case .whatsapp: "whatsapp"
        case .facebook: "facebook"
        case .sms: "sms"
        case .internal: "internal"
        }
    }
}
