/*
 * tests/alloc/outcap.h: capture what libstrata writes to its diagnostic output, for tests
 * that check the exact text (install capture_write as the platform's write hook).
 */
#ifndef STRATA_TESTS_OUTCAP_H
#define STRATA_TESTS_OUTCAP_H

#include <string.h>

static char out[4096];
static size_t outlen;

/* A write hook that keeps what is written (NUL-terminated in out), up to the buffer's size. */
static inline void capture_write(int fd, const char *text, size_t len)
{
	(void)fd;
	if (outlen + len < sizeof out) {
		memcpy(out + outlen, text, len);
		outlen += len;
		out[outlen] = '\0';
	}
}

#endif /* STRATA_TESTS_OUTCAP_H */
