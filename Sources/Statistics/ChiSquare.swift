// SPDX-License-Identifier: GPL-3.0-or-later

import CGSL

/// Quantiles of the chi-square distribution, from GSL (for confidence intervals of a variance).
public enum ChiSquare {
    /// The value below which `probability` of the chi-square distribution with `degreesOfFreedom` lies
    /// (a real number of degrees, as effective degrees of freedom are).
    public static func quantile(probability: Double, degreesOfFreedom: Double) -> Double {
        _ = GSL.ready
        return gsl_cdf_chisq_Pinv(probability, degreesOfFreedom)
    }
}
