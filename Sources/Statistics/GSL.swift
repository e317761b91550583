// SPDX-License-Identifier: GPL-3.0-or-later

import CGSL

/// One-time GSL setup: GSL aborts the process on a domain error unless its handler is switched off.
///
/// Every entry point of this module that calls GSL touches ``GSL/ready`` first; errors are then
/// reported through return values, which the callers check.
enum GSL {
    static let ready: Bool = {
        gsl_set_error_handler_off()
        return true
    }()
}
