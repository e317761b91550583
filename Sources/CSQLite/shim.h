// The C boundary to the system SQLite. SQLITE_TRANSIENT is a macro over a
// function-pointer cast that Swift cannot import, so it is exposed here.
#ifndef PARLEY_CSQLITE_SHIM_H
#define PARLEY_CSQLITE_SHIM_H

#include <sqlite3.h>

static inline sqlite3_destructor_type parley_sqlite_transient(void) { return SQLITE_TRANSIENT; }

#endif
