/*
 * tests/alloc/errcap.h: an error handler for tests that records what the sink reported.
 */
#ifndef STRATA_TESTS_ERRCAP_H
#define STRATA_TESTS_ERRCAP_H

#include <stdio.h>
#include <string.h>

#include <strata/error.h>

struct errcap {
	int count;                    /* reports seen */
	strata_error_kind_t kind;     /* the last one's kind */
	const void *ptr;              /* its pointer */
	char message[512];            /* its message */
};

static struct errcap errcap;

/* The handler: record, and return (so the faulting call becomes a no-op). */
static void errcap_handler(strata_error_kind_t kind, const void *ptr, const char *message, void *arg)
{
	struct errcap *c = arg;
	c->count++;
	c->kind = kind;
	c->ptr = ptr;
	snprintf(c->message, sizeof c->message, "%s", message);
}

/* Install the recorder and clear it. */
static inline void errcap_start(void)
{
	memset(&errcap, 0, sizeof errcap);
	strata_error_handler_set(errcap_handler, &errcap);
}

#endif
