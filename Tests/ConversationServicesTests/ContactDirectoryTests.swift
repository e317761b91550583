// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore
import Testing
@testable import ConversationServices

/// An unknown WhatsApp sender is flagged: add as contact, reply, or ignore (SPEC §2.1, seed 002).
@Suite struct ContactDirectoryTests {
    let known = ContactID(1), unknown = ContactID(2)

    @Test func anUnknownWhatsAppSenderIsFlaggedAKnownOneIsNot() {
        var directory = ContactDirectory(contacts: [known])
        #expect(directory.receive(from: known, on: .whatsapp) == false)
        #expect(directory.receive(from: unknown, on: .whatsapp) == true)
        #expect(directory.isFlagged(unknown) && !directory.isKnown(unknown))
        #expect(directory.receive(from: unknown, on: .whatsapp) == true)             // still flagged until someone acts
    }

    @Test func otherChannelsAreNeverFlagged() {
        var directory = ContactDirectory()
        for channel in [Channel.liveChat, .facebook, .sms, .internal] {
            #expect(directory.receive(from: unknown, on: channel) == false)
        }
        #expect(!directory.isFlagged(unknown))
    }

    @Test func addingMakesTheSenderAContact() throws {
        var directory = ContactDirectory()
        _ = directory.receive(from: unknown, on: .whatsapp)
        try directory.resolve(unknown, with: .add)
        #expect(directory.isKnown(unknown) && !directory.isFlagged(unknown))
        #expect(directory.receive(from: unknown, on: .whatsapp) == false)
    }

    @Test func replyingAnswersWithoutAddingAndIsNotAskedAgain() throws {
        var directory = ContactDirectory()
        _ = directory.receive(from: unknown, on: .whatsapp)
        try directory.resolve(unknown, with: .reply)
        #expect(!directory.isKnown(unknown) && !directory.isFlagged(unknown))
        #expect(directory.receive(from: unknown, on: .whatsapp) == false)
    }

    @Test func ignoringLeavesTheSenderUnknownForNextTime() throws {
        var directory = ContactDirectory()
        _ = directory.receive(from: unknown, on: .whatsapp)
        try directory.resolve(unknown, with: .ignore)
        #expect(!directory.isFlagged(unknown))
        #expect(directory.receive(from: unknown, on: .whatsapp) == true)
    }

    @Test func actingOnASenderThatIsNotFlaggedIsRefusedAndChangesNothing() throws {
        var directory = ContactDirectory(contacts: [known])
        let before = directory
        for action in UnknownContactAction.allCases {
            #expect(throws: ContactDirectoryError.notFlagged(known)) { try directory.resolve(known, with: action) }
            #expect(throws: ContactDirectoryError.notFlagged(unknown)) { try directory.resolve(unknown, with: action) }
        }
        #expect(directory == before)
        _ = directory.receive(from: unknown, on: .whatsapp)
        try directory.resolve(unknown, with: .add)
        #expect(throws: ContactDirectoryError.notFlagged(unknown)) { try directory.resolve(unknown, with: .ignore) }
    }

    @Test func forgettingAndAddingDirectly() {
        var directory = ContactDirectory()
        directory.add(unknown)
        #expect(directory.isKnown(unknown))
        directory.forget(unknown)
        #expect(directory.receive(from: unknown, on: .whatsapp) == true)
    }
}
