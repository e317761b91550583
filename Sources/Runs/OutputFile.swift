// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A file a command writes (`report --out`, `staff --plan-out`): a new name or an existing
/// regular file, never anything else.
///
/// Writing replaces the file through a temporary one renamed over it, so a symbolic link,
/// FIFO, device node or socket at the path would silently become a regular file; such
/// paths, and directories, are refused instead.
package enum OutputFile {
    /// Why `path` must not be written, or nil when it is a regular file or a new name.
    ///
    /// The path itself is examined (`lstat`), not what a symbolic link points to.
    package static func refusal(_ path: String) -> String? {
        if path.isEmpty { return "is empty; give a file name" }
        var status = stat()
        // A new name (ENOENT) may be written; any other problem is reported by the write itself.
        guard lstat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: return "is a symbolic link; give the file itself, or a new name"
        case S_IFDIR: return "is a directory"
        case S_IFIFO: return "is a FIFO, not a regular file"
        case S_IFCHR, S_IFBLK: return "is a device, not a regular file"
        case S_IFSOCK: return "is a socket, not a regular file"
        default: return "is not a regular file"
        }
    }

    /// Throws ``Refused`` when ``refusal(_:)`` names a reason: call it before long work.
    package static func check(_ path: String) throws(Refused) {
        if let reason = refusal(path) { throw Refused(path: path, reason: reason) }
    }

    /// Writes `text` to `path`, replacing a regular file whole (a reader never sees half of it).
    ///
    /// - Throws: ``Refused`` when ``refusal(_:)`` names a reason; the write's own error otherwise.
    package static func write(_ text: String, to path: String) throws {
        try check(path)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A path that is not a regular file or a new name.
    package struct Refused: Error, CustomStringConvertible {
        package var path: String
        package var reason: String
        package var description: String { path.isEmpty ? "error: the output path is empty" : "\(path): error: \(reason)" }
    }
}
