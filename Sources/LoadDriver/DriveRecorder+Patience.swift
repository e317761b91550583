// SPDX-License-Identifier: GPL-3.0-or-later

/// The customers' patience timers, and the census of what the recorder holds.
extension DriveRecorder {
    /// Whether the chat still waits for an agent: started, not accepted, not finished (a finished chat's record is dropped).
    func isWaiting(_ id: String) -> Bool { chats[id].map { !$0.accepted && !$0.finished } ?? false }

    /// Holds chat `id`'s patience timer while it sleeps; one of a chat that no longer waits is cancelled at once.
    func watchPatience(_ id: String, _ timer: Task<Void, Never>) {
        guard isWaiting(id) else {
            timer.cancel()
            return
        }
        chats[id]?.patience = timer
    }

    /// The patience timer of chat `id` woke: whether its customer still waits (and so leaves). The
    /// timer is no longer cancelled from here on, so that its end request is not cut off.
    func patienceRanOut(_ id: String) -> Bool {
        chats[id]?.patience = nil
        return isWaiting(id)
    }

    /// Cancels the patience timers still sleeping (at the drive's end).
    func cancelPatience() {
        for id in chats.keys {
            chats[id]?.patience?.cancel()
            chats[id]?.patience = nil
        }
    }

    /// How many records of each kind the recorder holds now: those kept per chat in flight, the
    /// customers' patience timers alive, the FIFO check's entries (at most its lag and a batch), the
    /// open seconds of the series, the status changes kept, and the bytes of its histograms.
    func held() -> [String: Int] {
        ["chats": chats.count, "early": early.count,
         "offer_spans": offerSpans.count, "first_offers": firstOffers.count, "unsettled": unsettled, "return_tickets": returnTickets.count,
         "patience_timers": patienceTimersAlive.load(ordering: .relaxed),
         "fifo_entries": fifo.entries.count, "open_seconds": offerSeries.histograms,
         "status_changes": result.statusChanges.values.reduce(0) { $0 + $1.count },
         "histogram_bytes": result.latencies.values.reduce(deliveryLag.footprintInBytes + requests.footprintInBytes) { $0 + $1.estimatedFootprintInBytes }
             + offerSeries.footprintInBytes]
    }
}
