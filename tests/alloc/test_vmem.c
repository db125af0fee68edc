/*
 * tests/alloc/test_vmem.c: vmem arenas against a bitmap model.
 *
 * A seeded random walk of allocations (instant, best and first fit, and constrained
 * xalloc) and frees over an arena of N units, mirrored in a bitmap; after every step
 * strata_vmem_verify() must pass and the arena's sizes must match the model. A failed
 * allocation is checked against the model by brute force: it may fail only when no
 * admissible address exists. Then: import from a parent arena and from callbacks, spans
 * given back when free, 0 never handed out, and every misuse reaching the error sink.
 * argv[1]: seed, argv[2]: steps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <strata/vmem.h>

#include "alloc/vmem/vmem_impl.h"
#include "check.h"
#include "errcap.h"
#include "xorshift.h"

#define N 4096          /* units in the arena under test: [0, N) */
#define MAXLIVE 512

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
/* The seeded random numbers of this test. */
static uint64_t rng(void)
{
	return xorshift64(&rng_state);
}

static unsigned char model[N];   /* 1 = allocated */
static struct live { uintptr_t addr; size_t size; } live[MAXLIVE];
static int nlive;

/* Whether [a, a+s) is admissible for the constraints and free in the model. */
static int model_fits(uintptr_t a, size_t s, size_t align, size_t phase, size_t nocross, uintptr_t minaddr,
                      uintptr_t maxaddr)
{
	if (a == 0 || a + s > N || a % align != phase || a < minaddr || (maxaddr && a + s > maxaddr))
		return 0;
	if (nocross && (a / nocross) != ((a + s - 1) / nocross))
		return 0;
	for (size_t i = 0; i < s; i++)
		if (model[a + i])
			return 0;
	return 1;
}

/* Brute force: does any admissible address exist? */
static int model_any_fit(size_t s, size_t align, size_t phase, size_t nocross, uintptr_t minaddr, uintptr_t maxaddr)
{
	for (uintptr_t a = phase; a < N; a += align)
		if (model_fits(a, s, align, phase, nocross, minaddr, maxaddr))
			return 1;
	return 0;
}

/* The random walk with the model. */
static void test_random_walk(long steps)
{
	strata_vmem_t *vm = strata_vmem_create("walk", 0, N, 1, NULL, 0);
	CHECK(vm != NULL);
	if (!vm)
		return;
	CHECK_EQ(strata_vmem_size(vm, STRATA_VMEM_FREE), N);
	size_t model_used = 0;
	int verify_failures = 0;
	for (long step = 0; step < steps; step++) {
		int do_alloc = nlive == 0 || (nlive < MAXLIVE && rng() % 100 < 55);
		if (do_alloc) {
			size_t s = 1 + rng() % (rng() % 8 == 0 ? 200 : 24);
			size_t align = 1, phase = 0, nocross = 0;
			uintptr_t minaddr = 0, maxaddr = 0, r;
			int kind = (int)(rng() % 5);
			if (kind < 3) {
				int flags = kind == 0 ? STRATA_VMEM_INSTANTFIT : kind == 1 ? STRATA_VMEM_BESTFIT : STRATA_VMEM_FIRSTFIT;
				r = strata_vmem_alloc(vm, s, flags);
			} else {
				align = (size_t)1 << (rng() % 7);
				phase = align > 1 && rng() % 2 ? (rng() % align) : 0;
				if (rng() % 3 == 0) {
					nocross = 256;
					while (nocross < s || nocross < align)
						nocross <<= 1;
				}
				if (rng() % 3 == 0)
					minaddr = rng() % (N / 2);
				if (rng() % 3 == 0)
					maxaddr = minaddr + s + rng() % N;
				r = strata_vmem_xalloc(vm, s, align, phase, nocross, minaddr, maxaddr,
				                       kind == 3 ? STRATA_VMEM_BESTFIT : 0);
			}
			if (r) {
				CHECK_MSG(model_fits(r, s, align, phase, nocross, minaddr, maxaddr),
				          "step %ld: got %ju size %zu align %zu phase %zu nocross %zu min %ju max %ju", step,
				          (uintmax_t)r, s, align, phase, nocross, (uintmax_t)minaddr, (uintmax_t)maxaddr);
				for (size_t i = 0; i < s && r + i < N; i++)
					model[r + i] = 1;
				live[nlive].addr = r;
				live[nlive].size = s;
				nlive++;
				model_used += s;
			} else {
				CHECK_MSG(!model_any_fit(s, align, phase, nocross, minaddr, maxaddr),
				          "step %ld: failed although size %zu align %zu phase %zu nocross %zu min %ju max %ju fits",
				          step, s, align, phase, nocross, (uintmax_t)minaddr, (uintmax_t)maxaddr);
			}
		} else {
			int k = (int)(rng() % (uint64_t)nlive);
			strata_vmem_free(vm, live[k].addr, live[k].size);
			for (size_t i = 0; i < live[k].size; i++)
				model[live[k].addr + i] = 0;
			model_used -= live[k].size;
			live[k] = live[--nlive];
		}
		if (strata_vmem_verify(vm) != 0)
			verify_failures++;
		if (strata_vmem_size(vm, STRATA_VMEM_ALLOC) != model_used) {
			CHECK_MSG(0, "step %ld: arena says %zu allocated, model %zu", step,
			          strata_vmem_size(vm, STRATA_VMEM_ALLOC), model_used);
			break;
		}
	}
	CHECK_EQ(verify_failures, 0);
	CHECK_EQ(strata_vmem_size(vm, STRATA_VMEM_ALLOC | STRATA_VMEM_FREE), N);
	while (nlive > 0) {
		nlive--;
		strata_vmem_free(vm, live[nlive].addr, live[nlive].size);
		memset(model + live[nlive].addr, 0, live[nlive].size);
	}
	CHECK_EQ(strata_vmem_verify(vm), 0);
	CHECK_EQ(strata_vmem_size(vm, STRATA_VMEM_ALLOC), 0);
	/* Fully coalesced again: one allocation of everything but unit 0 succeeds. */
	CHECK_EQ(strata_vmem_alloc(vm, N - 1, 0), 1);
	CHECK_EQ(strata_vmem_alloc(vm, 1, 0), 0);
	strata_vmem_free(vm, 1, N - 1);
	strata_vmem_destroy(vm);
}

/* Unit 0 is never handed out, even when it is the only free unit. */
static void test_zero(void)
{
	strata_vmem_t *vm = strata_vmem_create("zero", 0, 1, 1, NULL, 0);
	CHECK(vm != NULL);
	CHECK_EQ(strata_vmem_alloc(vm, 1, 0), 0);
	CHECK_EQ(strata_vmem_xalloc(vm, 1, 1, 0, 0, 0, 0, STRATA_VMEM_FIRSTFIT), 0);
	strata_vmem_destroy(vm);
}

/* Quantum rounding and big alignments on a page-quantum arena. */
static void test_quantum(void)
{
	uintptr_t base = (uintptr_t)1 << 32;
	strata_vmem_t *vm = strata_vmem_create("pages", base, (size_t)64 << 20, 4096, NULL, 0);
	CHECK(vm != NULL);
	uintptr_t a = strata_vmem_alloc(vm, 1, 0);
	CHECK_EQ(a % 4096, 0);
	CHECK_EQ(strata_vmem_size(vm, STRATA_VMEM_ALLOC), 4096);
	uintptr_t b = strata_vmem_xalloc(vm, 8192, (size_t)1 << 20, 4096, 0, 0, 0, 0);
	CHECK(b != 0 && b % ((size_t)1 << 20) == 4096);
	uintptr_t c = strata_vmem_xalloc(vm, 3 * 4096, 0, 0, 16384, 0, 0, 0);
	CHECK(c != 0 && c / 16384 == (c + 3 * 4096 - 1) / 16384);
	uintptr_t d = strata_vmem_xalloc(vm, 4096, 0, 0, 0, base + ((size_t)32 << 20), base + ((size_t)33 << 20), 0);
	CHECK(d >= base + ((size_t)32 << 20) && d + 4096 <= base + ((size_t)33 << 20));
	/* Impossible or malformed constraints: 0. */
	CHECK_EQ(strata_vmem_xalloc(vm, 4096, 3 * 4096, 0, 0, 0, 0, 0), 0);           /* align not 2^n */
	CHECK_EQ(strata_vmem_xalloc(vm, 4096, 8192, 8192, 0, 0, 0, 0), 0);            /* phase >= align */
	CHECK_EQ(strata_vmem_xalloc(vm, 8 * 4096, 0, 0, 4 * 4096, 0, 0, 0), 0);       /* nocross < size */
	CHECK_EQ(strata_vmem_xalloc(vm, 4096, 0, 0, 0, base + 8192, base + 4096, 0), 0); /* max <= min */
	CHECK_EQ(strata_vmem_alloc(vm, (size_t)65 << 20, 0), 0);                      /* too big */
	CHECK_EQ(strata_vmem_alloc(vm, 0, 0), 0);
	strata_vmem_free(vm, a, 1);   /* rounds like the allocation did */
	strata_vmem_free(vm, b, 8192);
	strata_vmem_free(vm, c, 3 * 4096);
	strata_vmem_free(vm, d, 4096);
	CHECK_EQ(strata_vmem_size(vm, STRATA_VMEM_ALLOC), 0);
	CHECK_EQ(strata_vmem_verify(vm), 0);
	strata_vmem_destroy(vm);
}

/* A child importing from a parent: spans come and go back whole. */
static void test_import_parent(void)
{
	strata_vmem_t *parent = strata_vmem_create("parent", 1 << 20, 1 << 16, 16, NULL, 0);
	strata_vmem_t *child = strata_vmem_create("child", 0, 0, 16, parent, 1024);
	CHECK(parent && child);
	uintptr_t got[40];
	for (int i = 0; i < 40; i++) {
		got[i] = strata_vmem_alloc(child, 16 * (1 + i % 5), 0);
		CHECK(got[i] >= (1 << 20) && got[i] < (1 << 20) + (1 << 16));
	}
	size_t pa = strata_vmem_size(parent, STRATA_VMEM_ALLOC);
	CHECK(pa >= 1024 && pa % 1024 == 0);
	CHECK_EQ(strata_vmem_size(child, STRATA_VMEM_ALLOC | STRATA_VMEM_FREE), pa);
	CHECK_EQ(strata_vmem_verify(child), 0);
	CHECK_EQ(strata_vmem_verify(parent), 0);
	/* NOIMPORT: a request the child cannot serve from what it holds fails. */
	CHECK_EQ(strata_vmem_alloc(child, 4096, STRATA_VMEM_NOIMPORT), 0);
	uintptr_t big = strata_vmem_alloc(child, 4096, 0);
	CHECK(big != 0);
	strata_vmem_free(child, big, 4096);
	for (int i = 0; i < 40; i++)
		strata_vmem_free(child, got[i], 16 * (1 + i % 5));
	CHECK_EQ(strata_vmem_size(child, STRATA_VMEM_ALLOC | STRATA_VMEM_FREE), 0);
	CHECK_EQ(strata_vmem_size(parent, STRATA_VMEM_ALLOC), 0);
	CHECK_EQ(strata_vmem_verify(child), 0);
	CHECK_EQ(strata_vmem_verify(parent), 0);
	/* The parent running dry: the child fails cleanly. */
	CHECK_EQ(strata_vmem_alloc(child, 1 << 17, 0), 0);
	strata_vmem_destroy(child);
	strata_vmem_destroy(parent);
}

/* Import callbacks: a counting source of integer ranges. */
struct cb_source {
	uintptr_t next;
	int imports, releases;
	size_t outstanding;
};

/* Import callback: aligned ranges from a bump pointer, counted. */
static uintptr_t cb_import(void *arg, size_t size, size_t align)
{
	struct cb_source *s = arg;
	s->next = (s->next + align - 1) & ~(uintptr_t)(align - 1);
	uintptr_t r = s->next;
	s->next += size;
	s->imports++;
	s->outstanding += size;
	return r;
}

/* Release callback: counted. */
static void cb_release(void *arg, uintptr_t addr, size_t size)
{
	struct cb_source *s = arg;
	(void)addr;
	s->releases++;
	s->outstanding -= size;
}

/* Callback import: aligned spans for aligned requests; release when free. */
static void test_import_callbacks(void)
{
	struct cb_source src = { 1 << 24, 0, 0, 0 };
	strata_vmem_t *vm = strata_vmem_create_cb("cb", 0, 0, 64, cb_import, cb_release, &src, 1 << 12);
	CHECK(vm != NULL);
	uintptr_t a = strata_vmem_xalloc(vm, 64, 1 << 16, 0, 0, 0, 0, 0);
	CHECK(a != 0 && a % (1 << 16) == 0);
	uintptr_t b = strata_vmem_alloc(vm, 10000, 0);
	CHECK(b != 0);
	CHECK(src.imports >= 2);
	strata_vmem_free(vm, a, 64);
	strata_vmem_free(vm, b, 10000);
	CHECK_EQ(src.outstanding, 0);
	CHECK_EQ(src.releases, src.imports);
	CHECK_EQ(strata_vmem_verify(vm), 0);
	strata_vmem_destroy(vm);
}

/* Misuse goes to the error sink with the right kind; the arena stays consistent. */
static void test_misuse(void)
{
	strata_vmem_t *vm = strata_vmem_create("misuse", 4096, 4096, 8, NULL, 0);
	CHECK(vm != NULL);
	errcap_start();
	uintptr_t a = strata_vmem_alloc(vm, 64, 0);
	uintptr_t b = strata_vmem_alloc(vm, 64, 0);
	CHECK(a && b);
	strata_vmem_free(vm, a, 64);
	CHECK_EQ(errcap.count, 0);
	strata_vmem_free(vm, a, 64);
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_DOUBLE_FREE);
	CHECK(errcap.ptr == (void *)a);
	CHECK(strstr(errcap.message, "misuse") != NULL && strstr(errcap.message, "already free") != NULL);
	strata_vmem_free(vm, b, 128);
	CHECK_EQ(errcap.kind, STRATA_ERR_SIZE_MISMATCH);
	CHECK(strstr(errcap.message, "size 128") != NULL && strstr(errcap.message, "size 64") != NULL);
	strata_vmem_free(vm, b + 8, 56);
	CHECK_EQ(errcap.kind, STRATA_ERR_INVALID_FREE);
	strata_vmem_free(vm, 100, 8);
	CHECK_EQ(errcap.kind, STRATA_ERR_INVALID_FREE);
	CHECK_EQ(errcap.count, 4);
	CHECK_EQ(strata_vmem_add(vm, 6000, 4096), -1);
	CHECK_EQ(errcap.kind, STRATA_ERR_OVERLAP);
	CHECK_EQ(strata_vmem_add(vm, 3 * 4096, 4096), 0);
	CHECK_EQ(strata_vmem_add(vm, 3 * 4096 + 5, 8), -1);   /* not quantum-aligned */
	CHECK_EQ(errcap.kind, STRATA_ERR_MISUSE);
	CHECK_EQ(strata_vmem_verify(vm), 0);
	strata_vmem_free(vm, b, 64);
	CHECK_EQ(strata_vmem_size(vm, STRATA_VMEM_ALLOC), 0);
	CHECK_EQ(strata_vmem_size(vm, STRATA_VMEM_FREE), 8192);
	CHECK(strata_vmem_create("badq", 0, 0, 3, NULL, 0) == NULL);
	CHECK_EQ(errcap.kind, STRATA_ERR_MISUSE);
	strata_vmem_destroy(vm);
	strata_error_handler_set(NULL, NULL);
}

/* Many live segments: the hash grows, everything stays findable. */
static void test_many(void)
{
	enum { M = 20000 };
	static uintptr_t seg[M];
	strata_vmem_t *vm = strata_vmem_create("many", 1, 4 * M, 1, NULL, 0);
	CHECK(vm != NULL);
	int ok = 1;
	for (int i = 0; i < M; i++)
		ok &= (seg[i] = strata_vmem_alloc(vm, 3, 0)) != 0;
	CHECK(ok);
	CHECK_EQ(strata_vmem_verify(vm), 0);
	for (int i = 0; i < M; i += 2)
		strata_vmem_free(vm, seg[i], 3);
	CHECK_EQ(strata_vmem_verify(vm), 0);
	for (int i = 1; i < M; i += 2)
		strata_vmem_free(vm, seg[i], 3);
	CHECK_EQ(strata_vmem_size(vm, STRATA_VMEM_ALLOC), 0);
	CHECK_EQ(strata_vmem_verify(vm), 0);
	strata_vmem_destroy(vm);
}

/* The verifier itself catches damage (and says what is wrong). */
static void test_verify_catches(void)
{
	strata_vmem_t *vm = strata_vmem_create("victim", 1, 1000, 1, NULL, 0);
	uintptr_t a = strata_vmem_alloc(vm, 10, 0), b = strata_vmem_alloc(vm, 10, 0);
	strata_vmem_free(vm, a, 10);
	CHECK(b != 0);
	CHECK_EQ(strata_vmem_verify(vm), 0);
	errcap_start();
	vm->inuse += 1;                               /* a counter off by one */
	CHECK_EQ(strata_vmem_verify(vm), -1);
	CHECK_EQ(errcap.kind, STRATA_ERR_CORRUPT);
	CHECK(strstr(errcap.message, "units in use wrong") != NULL);
	vm->inuse -= 1;
	uint64_t saved = vm->freemap;
	vm->freemap |= 1ull << 40;                    /* a free list claimed non-empty */
	CHECK_EQ(strata_vmem_verify(vm), -1);
	CHECK(strstr(errcap.message, "freemap") != NULL);
	vm->freemap = saved;
	struct vmem_seg *seg = vm->head->anext;       /* the first segment after the span */
	seg->size += 1;                               /* it now overlaps its neighbour */
	CHECK_EQ(strata_vmem_verify(vm), -1);
	seg->size -= 1;
	CHECK_EQ(strata_vmem_verify(vm), 0);
	CHECK_EQ(errcap.count, 3);
	strata_error_handler_set(NULL, NULL);
	strata_vmem_free(vm, b, 10);
	strata_vmem_destroy(vm);
}

/* argv[1]: seed, argv[2]: steps of the random walk. */
/* A constrained xalloc on an importing arena (issue 13): the constraints reach the parent
 * (a window only the top of the parent satisfies is served), and a request that cannot
 * be met keeps nothing it imported (five failures used to hold their spans). */
static void test_constrained_import(void)
{
	strata_vmem_t *parent = strata_vmem_create("c-parent", 0x1000000, 0x100000, 16, NULL, 0);
	strata_vmem_t *child = strata_vmem_create("c-child", 0, 0, 16, parent, 65536);
	CHECK(parent && child);
	if (!parent || !child)
		return;
	size_t pfree = strata_vmem_size(parent, STRATA_VMEM_FREE);
	for (int i = 0; i < 5; i++)
		CHECK(strata_vmem_xalloc(child, 4096, 0, 0, 0, 0x3000000, 0x3100000, 0) == 0);
	CHECK_EQ(strata_vmem_size(parent, STRATA_VMEM_FREE), pfree);
	CHECK_EQ(strata_vmem_size(child, STRATA_VMEM_ALLOC | STRATA_VMEM_FREE), 0);
	/* Satisfiable only in the top quarter of the parent. */
	uintptr_t a = strata_vmem_xalloc(child, 4096, 0, 0, 0, 0x10c0000, 0, 0);
	CHECK_MSG(a >= 0x10c0000 && a + 4096 <= 0x1100000, "a = %#lx", (unsigned long)a);
	/* Alignment, a boundary not to cross and a window, all honoured by the parent. */
	uintptr_t b = strata_vmem_xalloc(child, 8192, 8192, 0, 65536, 0x1080000, 0x10c0000, 0);
	CHECK_MSG(b && b % 8192 == 0 && b >= 0x1080000 && b + 8192 <= 0x10c0000 && ((b ^ (b + 8191)) >> 16) == 0,
	          "b = %#lx", (unsigned long)b);
	/* With a phase. */
	uintptr_t c = strata_vmem_xalloc(child, 4096, 65536, 16, 0, 0x1040000, 0x1080000, 0);
	CHECK_MSG(c && c % 65536 == 16 && c >= 0x1040000 && c + 4096 <= 0x1080000, "c = %#lx", (unsigned long)c);
	CHECK_EQ(strata_vmem_verify(child), 0);
	CHECK_EQ(strata_vmem_verify(parent), 0);
	if (a)
		strata_vmem_free(child, a, 4096);
	if (b)
		strata_vmem_free(child, b, 8192);
	if (c)
		strata_vmem_free(child, c, 4096);
	CHECK_EQ(strata_vmem_size(parent, STRATA_VMEM_FREE), pfree);   /* every span went back */
	strata_vmem_destroy(child);
	strata_vmem_destroy(parent);
}

int main(int argc, char **argv)
{
	long steps = 3000;
	if (argc > 1)
		rng_state = strtoull(argv[1], NULL, 0) | 1;
	if (argc > 2)
		steps = strtol(argv[2], NULL, 0);
	test_random_walk(steps);
	test_zero();
	test_quantum();
	test_import_parent();
	test_import_callbacks();
	test_constrained_import();
	test_misuse();
	test_many();
	test_verify_catches();
	return check_done();
}
