// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Runs

/// The scenario file `--plan-out` writes (`parley staff`, `parley roster`).
enum PlanFile {
    /// Writes `text` and a final newline to `path`; a path that is not a regular file or a new
    /// name is refused (exit 2), another failure is a failed command naming the file and `what`
    /// it held ("the plan", "the roster").
    static func write(_ text: String, to path: String, what: String) throws(CommandError) {
        do { try OutputFile.write(text + "\n", to: path) } catch let refused as OutputFile.Refused {
            throw .usage(refused.description)
        } catch {
            throw .failure("\(path): error: cannot write \(what): \(error.localizedDescription)")
        }
    }
}
