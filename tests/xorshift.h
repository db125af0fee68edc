/*
 * tests/xorshift.h: the seeded random numbers of the tests and benchmarks (Marsaglia's
 * xorshift64: shifts 13, 7, 17). The state must start non-zero.
 */
#ifndef STRATA_TESTS_XORSHIFT_H
#define STRATA_TESTS_XORSHIFT_H

#include <stdint.h>

/* Advance *state and return the new value. */
static inline uint64_t xorshift64(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *state = x;
}

#endif
