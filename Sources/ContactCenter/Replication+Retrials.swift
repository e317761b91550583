// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import SimKernel

/// Customers who gave up and try again (SPEC §3.3 `retrial`).
///
/// How retrials enter the conservation identity (SPEC §4): a retrial is a new attempt, a new
/// arrival with an outcome of its own, so arrivals = answered + abandoned + rejected +
/// bot_resolved + missed_contacts + offline_forms + inactive + unresolved holds per attempt as
/// before, with `retrials` counted among the arrivals (arrivals − retrials are first attempts).
/// Every measured attempt that ends abandoned or as a missed contact is either tried again
/// (`ChatTally.retried`, whether or not the retrial lands in the window) or loses its customer
/// (`customers_lost`): abandoned + missed_contacts = customers_lost + retried, checked after
/// every event by ``checkRetrialInvariants()``. Without `retrial` nobody tries again, so
/// customers_lost = abandoned + missed_contacts.
extension Replication {
    /// The attempt that arrived as `intake` gave up (abandoned, or left the chatbot): the customer
    /// writes again after the delay its ticket drew, or is lost and its contact let go.
    ///
    /// A retrial due after the drain end is not simulated; it still counts as tried again.
    mutating func giveUp(stream s: Int, contact: ContactID?, ticket: RetrialTicket, measured: Bool) {
        let triesAgain = ticket.after != .forever
        if measured {
            if triesAgain { tallies[s].retried += 1 } else { tallies[s].customersLost += 1 }
        }
        let at = now + ticket.after
        guard triesAgain, at <= model.drainEnd else {
            if let contact { releaseContact(contact) }
            return
        }
        calendar.schedule(.retrial(stream: s, contact: contact, attempt: Int(ticket.attempt) + 1), at: at)
    }

    /// Records, after every event, a stream whose measured attempts that gave up are not split
    /// exactly into customers lost and attempts tried again.
    mutating func checkRetrialInvariants() {
        for s in tallies.indices {
            let t = tallies[s]
            if t.abandoned + t.missedContacts != t.customersLost + t.retried {
                violations.append("event \(events): stream \(s) gave up \(t.abandoned + t.missedContacts) times, "
                                  + "but lost \(t.customersLost) customers and retried \(t.retried)")
            }
        }
    }
}
