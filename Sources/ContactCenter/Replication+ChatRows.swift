// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Statistics

extension Replication {
    /// Keeps the row of a chat of the window that ended in the engine (when chats are recorded).
    ///
    /// The wrap-up reason comes as its queue and its index in the queue's reasons, looked up only
    /// when the row is kept: a `String?` passed on every close cost a release per chat.
    mutating func recordRow(of c: Int, outcome: ChatRow.Outcome, wrapUpReason: (queue: Int, index: Int)? = nil) {
        guard model.recordsChats else { return }
        let chat = chats[c]
        let inWindow = chat.intake >= model.windowStart && chat.intake < model.windowEnd
        guard inWindow else { return }
        let accepted = chat.answered ? seconds(chat.accepted) : nil
        let agentName = chat.answered ? chat.firstAgent.map { model.engineConfiguration.agents[Int($0.index)].name } : nil
        chatRows.append(ChatRow(number: chat.number, arrivalSeconds: seconds(chat.intake), queue: model.queueNames[model.streams[Int(chat.stream)].queue],
                                channel: model.scenario.customerStreams[Int(chat.stream)].channel.rawValue,
                                acceptedSeconds: agentName == nil ? nil : accepted, agent: agentName,
                                outcome: chat.measured || !chat.inWindow ? outcome : .outOfHours,
                                transfers: chat.transfers, ronaCount: chat.ronaCount,
                                wrapUpReason: wrapUpReason.map { model.services.queues[$0.queue].wrapUpReasons[$0.index] }))
    }

    /// Keeps the row of a chat of the window that never reached an agent's queue.
    mutating func recordRow(of intake: Intake, outcome: ChatRow.Outcome) {
        guard model.recordsChats, intake.inWindow else { return }
        chatRows.append(ChatRow(number: intake.number, arrivalSeconds: seconds(intake.arrival),
                                queue: model.queueNames[model.streams[intake.stream].queue],
                                channel: model.scenario.customerStreams[intake.stream].channel.rawValue,
                                acceptedSeconds: nil, agent: nil, outcome: intake.measured ? outcome : .outOfHours,
                                transfers: 0, ronaCount: 0, wrapUpReason: nil))
    }

    /// Seconds after the window's start.
    func seconds(_ time: SimTime) -> Double { (time - model.windowStart).seconds }

    /// Draws one of `values` with the given shares.
    func pick<Value>(_ values: [Value], shares: [Double], _ stream: RandomStream) -> Value {
        var u = stream.uniform()
        for (value, share) in zip(values, shares) {
            if u < share { return value }
            u -= share
        }
        return values[values.count - 1]
    }
}
