// SPDX-License-Identifier: GPL-3.0-or-later

/// The agents a closed chat freed: its owner, a conference participant, a pending invitee (-1: none).
struct FreedAgents {
    var first: Int32
    var second: Int32 = -1
    var third: Int32 = -1

    init(first: Int32) { self.first = first }
}
