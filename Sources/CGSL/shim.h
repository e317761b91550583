// The C boundary to GNU GSL. Swift 6 cannot use GSL's global generator-type
// pointers directly, so they are exposed through inline accessors.
#ifndef PARLEY_CGSL_SHIM_H
#define PARLEY_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_erf.h>

static inline const gsl_rng_type *parley_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }

#endif
