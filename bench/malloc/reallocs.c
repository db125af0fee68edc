/*
 * bench/malloc/reallocs.c: random sizes with realloc. Slots hold buffers that grow (mostly
 * by appending, as string builders and vectors do), shrink, or are freed and restarted;
 * sizes span small classes to a few hundred KiB, so blocks move between classes and to and
 * from the page-backed path. Content is checked at each move.
 *
 * Usage: reallocs THREADS OPS SLOTS SEED
 */
#include <pthread.h>
#include <string.h>

#include "bench_util.h"

struct job {
	long ops, slots;
	uint64_t seed, sum, bad;
};

/* One thread's realloc churn. */
static void *churn(void *arg)
{
	struct job *j = arg;
	uint64_t s = j->seed;
	unsigned char **p = calloc((size_t)j->slots, sizeof *p);
	size_t *n = calloc((size_t)j->slots, sizeof *n);

	for (long i = 0; i < j->ops; i++) {
		long k = (long)(bench_rnd(&s) % (uint64_t)j->slots);
		unsigned op = (unsigned)(bench_rnd(&s) % 100);
		size_t next;
		if (op < 70)
			next = n[k] + 1 + (size_t)(bench_rnd(&s) % (n[k] / 2 + 64));   /* grow */
		else if (op < 95)
			next = n[k] / 2 + 1;                                            /* shrink */
		else
			next = 0;                                                       /* restart */
		if (next > (512u << 10))
			next = 16;
		if (next == 0) {
			free(p[k]);
			p[k] = NULL;
			n[k] = 0;
			continue;
		}
		unsigned char *q = realloc(p[k], next);
		if (n[k] && q[0] != (unsigned char)k)
			j->bad++;   /* the first byte survives every move */
		if (n[k] && n[k] <= next && q[n[k] - 1] != (unsigned char)(n[k] - 1 + k))
			j->bad++;   /* on growth, so does the old last byte */
		q[0] = (unsigned char)k;
		q[next - 1] = (unsigned char)(next - 1 + k);
		p[k] = q;
		n[k] = next;
		j->sum += next;
	}
	for (long k = 0; k < j->slots; k++)
		free(p[k]);
	free(p);
	free(n);
	return NULL;
}

/* Entry: THREADS independent churners. */
int main(int argc, char **argv)
{
	int threads = (int)bench_arg(argc, argv, 1, 1);
	long ops = bench_arg(argc, argv, 2, 3000000);
	long slots = bench_arg(argc, argv, 3, 1000);
	uint64_t seed = (uint64_t)bench_arg(argc, argv, 4, 1), sum = 0, bad = 0;
	struct job *j = calloc((size_t)threads, sizeof *j);
	pthread_t *t = calloc((size_t)threads, sizeof *t);

	for (int i = 0; i < threads; i++) {
		j[i].ops = ops;
		j[i].slots = slots;
		j[i].seed = seed * 31 + (uint64_t)i;
		pthread_create(&t[i], NULL, churn, &j[i]);
	}
	for (int i = 0; i < threads; i++) {
		pthread_join(t[i], NULL);
		sum += j[i].sum;
		bad += j[i].bad;
	}
	printf("reallocs threads=%d checksum=%llu bad=%llu end_rss_kb=%ld\n", threads, (unsigned long long)sum,
	       (unsigned long long)bad, bench_rss_kb());
	free(j);
	free(t);
	return bad != 0;
}
