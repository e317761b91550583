// The C boundary to GLPK, the GNU Linear Programming Kit (libglpk-dev). Debian ships no
// pkg-config file for it, so the module map links `glpk` by name.
#ifndef PARLEY_CGLPK_SHIM_H
#define PARLEY_CGLPK_SHIM_H

#include <glpk.h>

#endif
