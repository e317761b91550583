// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore

extension Replication {
    /// A contact id for a customer who will write again.
    mutating func newContact() -> ContactID {
        if let free = freeContacts.popLast() { return free }
        contactCount += 1
        return ContactID(Int(contactCount - 1))
    }

    /// The customer will not write again: the engine forgets the contact and its id is reused.
    mutating func releaseContact(_ contact: ContactID) {
        engine.forgetContact(contact)
        if model.services.blocksVisitors || model.services.remembersOutOfHours || model.services.flagsUnknownContacts
            || model.services.keepsHistory {
            forgetServices(of: contact)
        }
        freeContacts.append(contact)
    }

    /// After a finished chat, schedules the customer's next chat, or lets its contact go.
    mutating func scheduleReturn(of c: Int) {
        guard let contact = chats[c].contact else { return }
        // A customer who never writes again returns after `forever`: past the drain end, like a late return.
        let at = now + chats[c].returnAfter
        guard at <= model.drainEnd else { return releaseContact(contact) }
        calendar.schedule(.arrival(stream: Int(chats[c].stream), contact: contact), at: at)
    }
}
