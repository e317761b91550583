// SPDX-License-Identifier: GPL-3.0-or-later

import CGSL
import Foundation

/// Arithmetic on logarithms and the lower incomplete gamma function, for formulas whose terms
/// would overflow or underflow a `Double` if formed directly.
enum LogSpace {
    /// ln(eˣ + eʸ) without overflow.
    static func add(_ x: Double, _ y: Double) -> Double {
        if x == -.infinity { return y }
        if y == -.infinity { return x }
        return max(x, y) + log1p(exp(-abs(x - y)))
    }

    /// ln Γ(a) for a > 0, from GSL.
    static func logGamma(_ a: Double) -> Double {
        _ = GSL.ready
        return gsl_sf_lngamma(a)
    }

    /// ln M(a, z) for M(a, z) = Σ_{k≥0} zᵏ / (a(a+1)…(a+k)) = e^z z^(−a) γ(a, z), with γ the lower
    /// incomplete gamma function (Abramowitz & Stegun 6.5.29) (a > 0, z ≥ 0).
    ///
    /// The Erlang A sums are ratios of such M, so computing M itself, rather than γ, avoids
    /// subtracting terms of size a·ln z that cancel. The positive series is summed directly,
    /// rescaled as it grows; past its largest term (k ≈ z − a) it shrinks geometrically. Only when
    /// z exceeds a by more than 10⁷ (an extreme overload) is GSL's regularised P used instead:
    /// ln M = z − a ln z + ln Γ(a) + ln P(a, z), with P ≥ ½ there.
    ///
    /// - Complexity: O(max(0, z − a) + √(a + z)) terms, at most about 10⁷.
    static func logKummerSum(_ a: Double, _ z: Double) -> Double {
        precondition(a > 0 && z >= 0)
        if z - a > 1e7 {
            _ = GSL.ready
            return z - a * log(z) + logGamma(a) + log(gsl_sf_gamma_inc_P(a, z))
        }
        var term = 1 / a
        var sum = term
        var logScale = 0.0
        var k = 1.0
        while term > sum * 1e-17 || a + k <= z {
            term *= z / (a + k)
            sum += term
            k += 1
            if sum > 1e250 {
                sum *= 1e-250
                term *= 1e-250
                logScale += 250 * M_LN10
            }
        }
        return log(sum) + logScale
    }
}
