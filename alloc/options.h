/*
 * alloc/options.h: the one option table (rows in alloc/options.def).
 *
 * options_load() reads STRATA_<NAME> from the environment once, without allocating
 * (hosted: walks environ; freestanding: defaults only). options_get() is then a plain
 * array read. Tests may options_set() before the layer that reads the option starts.
 */
#ifndef STRATA_ALLOC_OPTIONS_H
#define STRATA_ALLOC_OPTIONS_H

#include <stddef.h>

/* STRATA_THREADS' default: mutex where the platform can sleep (hosted), spin otherwise. */
#ifdef STRATA_HOSTED
#define OPTIONS_THREADS_DEFAULT 2
#else
#define OPTIONS_THREADS_DEFAULT 1
#endif

enum option_id {
#define OPTION(id, name, type, def, unit, help) id,
#include "alloc/options.def"
#undef OPTION
	OPT_COUNT
};

void options_load(void);
long options_get(enum option_id id);
void options_set(enum option_id id, long value);
/* Name, help and unit of an option, for strata_stats_print and docs. */
const char *options_name(enum option_id id);
const char *options_help(enum option_id id);
/* The environment's text of an option (the path after "file:" for an OUTPUT option set to
 * a file), or NULL when it was not set or was bad. Points into the environment. */
const char *options_text(enum option_id id);
/* The value in force as text: an ENUM's name, an OUTPUT's "file:PATH", else the number. */
const char *options_format(enum option_id id, char *buf, size_t cap);

#endif /* STRATA_ALLOC_OPTIONS_H */
