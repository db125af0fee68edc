/*
 * bench/malloc/smallobj.c: cfrac/espresso-style small-object churn, one thread.
 * cfrac part: big-number arithmetic where every operation allocates its result (an array
 * of 32-bit limbs, 8..200 bytes) and frees its temporaries, as cfrac's pcfrac does.
 * espresso part: "cubes" (small word arrays) combined pairwise into new cubes kept in a
 * bounded working set, older ones freed: short lifetimes, a few long-lived, mixed sizes.
 *
 * Usage: smallobj ITERATIONS SEED
 */
#include <string.h>

#include "bench_util.h"

/* A big number: limb count and little-endian 32-bit limbs, in one malloc'd block. */
struct num {
	unsigned n;
	uint32_t limb[];
};

/* A number of n limbs, limbs uninitialised. */
static struct num *num_new(unsigned n)
{
	struct num *x = malloc(sizeof *x + n * sizeof(uint32_t));
	x->n = n;
	return x;
}

/* a + b, a new number. */
static struct num *num_add(const struct num *a, const struct num *b)
{
	unsigned n = (a->n > b->n ? a->n : b->n) + 1;
	struct num *r = num_new(n);
	uint64_t carry = 0;

	for (unsigned i = 0; i < n; i++) {
		uint64_t v = carry + (i < a->n ? a->limb[i] : 0) + (i < b->n ? b->limb[i] : 0);
		r->limb[i] = (uint32_t)v;
		carry = v >> 32;
	}
	while (r->n > 1 && r->limb[r->n - 1] == 0)
		r->n--;
	return r;
}

/* a * b truncated to `cap` limbs, a new number. */
static struct num *num_mul(const struct num *a, const struct num *b, unsigned cap)
{
	unsigned n = a->n + b->n;
	if (n > cap)
		n = cap;
	struct num *r = num_new(n);
	memset(r->limb, 0, n * sizeof(uint32_t));
	for (unsigned i = 0; i < a->n && i < n; i++) {
		uint64_t carry = 0;
		for (unsigned j = 0; j < b->n && i + j < n; j++) {
			uint64_t v = (uint64_t)a->limb[i] * b->limb[j] + r->limb[i + j] + carry;
			r->limb[i + j] = (uint32_t)v;
			carry = v >> 32;
		}
	}
	while (r->n > 1 && r->limb[r->n - 1] == 0)
		r->n--;
	return r;
}

/* A one-limb number. */
static struct num *num_small(uint32_t v)
{
	struct num *x = num_new(1);
	x->limb[0] = v;
	return x;
}

#define CUBES 4096

/* Entry: alternate the two patterns ITERATIONS times. */
int main(int argc, char **argv)
{
	long iterations = bench_arg(argc, argv, 1, 3000000);
	uint64_t s = (uint64_t)bench_arg(argc, argv, 2, 1), sum = 0;
	struct num *a = num_small(1), *b = num_small(1);
	static uint32_t *cubes[CUBES];
	static unsigned cube_len[CUBES];

	for (long i = 0; i < iterations; i++) {
		/* cfrac: a, b = b, a * k + b (truncated), temporaries freed */
		struct num *k = num_small((uint32_t)(bench_rnd(&s) % 1000 + 1));
		struct num *t = num_mul(a, k, 48);
		struct num *r = num_add(t, b);
		free(k);
		free(t);
		free(a);
		a = b;
		b = r;
		sum += b->limb[0];

		/* espresso: combine two random cubes into a new one in a random slot */
		unsigned x = (unsigned)(bench_rnd(&s) % CUBES), y = (unsigned)(bench_rnd(&s) % CUBES);
		unsigned z = (unsigned)(bench_rnd(&s) % CUBES);
		unsigned len = 2 + (unsigned)(bench_rnd(&s) % 15);
		uint32_t *c = malloc(len * sizeof *c);
		for (unsigned w = 0; w < len; w++)
			c[w] = (w < cube_len[x] ? cubes[x][w] : 0) | (w < cube_len[y] ? cubes[y][w] : (uint32_t)w);
		free(cubes[z]);
		cubes[z] = c;
		cube_len[z] = len;
	}
	for (unsigned i = 0; i < CUBES; i++) {
		if (cubes[i])
			sum += cubes[i][0];
		free(cubes[i]);
	}
	free(a);
	free(b);
	printf("smallobj iterations=%ld checksum=%llu end_rss_kb=%ld\n", iterations, (unsigned long long)sum,
	       bench_rss_kb());
	return 0;
}
