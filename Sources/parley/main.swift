// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ParleyCommands

exit(Parley.main(arguments: Array(CommandLine.arguments.dropFirst())))
