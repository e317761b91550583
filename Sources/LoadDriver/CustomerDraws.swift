// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import ParleyTime

/// The customers' draws of a drive, made as its customers write (``LiveWorkload/Draws`` behind an actor).
actor CustomerDraws {
    private var draws: LiveWorkload.Draws

    init(workload: LiveWorkload, replication: Int) { draws = workload.draws(replication: replication) }

    func arrival(_ first: LiveWorkload.FirstContact) -> LiveWorkload.Arrival { draws.arrival(first) }

    func returning(_ contact: Int, stream: Int, at time: SimTime) -> LiveWorkload.Arrival {
        draws.returning(contact, stream: stream, at: time)
    }

    func transcriptSaves(stream: Int) -> SimDuration { draws.transcriptSaves(stream: stream) }
}
