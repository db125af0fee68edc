/*
 * tests/alloc/test_secret.c: the engine's secrets are secret -- drawn from the platform's
 * entropy (getrandom, else AT_RANDOM) once per process, not derived from addresses.
 *
 * The program runs itself twice with address-space randomisation turned off
 * (personality ADDR_NO_RANDOMIZE), so that every address is the same in both runs: the
 * secret (free-list links), the free key and the canary key must still differ between
 * the runs, and so must the bytes of a block's canary (with STRATA_CANARY=1, at least
 * SLAB_CANARY_MIN of them, not one repeated byte) and the stored link of a freed block.
 * Also platform_entropy itself: two draws differ, and a platform without the hook still
 * fills the buffer (the fallback) and says so.
 *
 * Usage: test_secret            the checks (runs `test_secret print` twice)
 *        test_secret print      print this process's secrets and a canary, one per line
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc/page/platform.h"
#include "alloc/zone/slab.h"
#include "alloc/zone/slab_impl.h"
#include "check.h"

/* Print the secrets, a canary and a freed block's stored link of this process. */
static int print_secrets(void)
{
	void *warm = slab_alloc(100);   /* starts the engine */
	unsigned char *p = slab_alloc(100);
	size_t class_end = slab_class_size(100 + SLAB_CANARY_MIN);
	printf("secret %lx\nfree_key %lx\ncanary_key %lx\n", (unsigned long)slab_fast.secret,
	       (unsigned long)slab_fast.free_key, (unsigned long)slab_state.canary_key);
	printf("canary ");
	for (size_t i = 100; i < class_end && i < 100 + 16; i++)
		printf("%02x", p[i]);
	printf("\n");
	void *q = slab_alloc(64);
	slab_free(q);
	void *r = slab_alloc(64);   /* the same block back */
	slab_free(r);
	printf("link %lx\n", (unsigned long)*(uintptr_t *)r);
	printf("block %p\n", (void *)r);   /* the same in both runs: ASLR is off */
	slab_free(p);
	slab_free(warm);
	return 0;
}

/* Run `self print` with randomisation off; its output in out. */
static int run_print(const char *self, char *out, size_t cap)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		personality(ADDR_NO_RANDOMIZE);
		setenv("STRATA_CANARY", "1", 1);
		execl(self, self, "print", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	size_t n = 0;
	ssize_t k;
	while (n < cap - 1 && (k = read(fds[0], out + n, cap - 1 - n)) > 0)
		n += (size_t)k;
	out[n] = '\0';
	close(fds[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The value of `key` in the output of a run. */
static const char *field(const char *text, const char *key, char *buf, size_t cap)
{
	const char *at = strstr(text, key);
	buf[0] = '\0';
	if (!at)
		return buf;
	at += strlen(key) + 1;
	size_t n = 0;
	while (at[n] && at[n] != '\n' && n + 1 < cap) {
		buf[n] = at[n];
		n++;
	}
	buf[n] = '\0';
	return buf;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "print") == 0)
		return print_secrets();

	char a[512], b[512];
	CHECK_EQ(run_print(argv[0], a, sizeof a), 0);
	CHECK_EQ(run_print(argv[0], b, sizeof b), 0);
	static const char *const keys[] = { "secret", "free_key", "canary_key", "canary", "link" };
	for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char va[64], vb[64];
		field(a, keys[i], va, sizeof va);
		field(b, keys[i], vb, sizeof vb);
		CHECK_MSG(va[0] && vb[0], "%s missing: %s / %s", keys[i], a, b);
		CHECK_MSG(strcmp(va, vb) != 0, "%s is the same in two runs without ASLR: %s", keys[i], va);
	}
	/* Without ASLR the block's address is the same in both runs: so the differences
	 * above come from the secrets, not from addresses. */
	char ba[64], bb[64];
	CHECK_MSG(strcmp(field(a, "block", ba, sizeof ba), field(b, "block", bb, sizeof bb)) == 0,
	          "ASLR could not be turned off (block %s / %s): the runs prove nothing", ba, bb);
	/* The canary is at least SLAB_CANARY_MIN bytes and not one byte repeated. */
	char ca[64];
	field(a, "canary", ca, sizeof ca);
	CHECK_MSG(strlen(ca) >= 2 * SLAB_CANARY_MIN, "canary %s", ca);
	int varied = 0;
	for (size_t i = 2; i + 1 < strlen(ca); i += 2)
		varied |= ca[i] != ca[0] || ca[i + 1] != ca[1];
	CHECK_MSG(varied, "canary %s is one byte repeated", ca);

	/* platform_entropy: two draws differ; without the hook the fallback still fills. */
	uint64_t x[2] = { 0, 0 }, y[2] = { 0, 0 };
	CHECK_EQ(platform_entropy(x, sizeof x), 0);
	CHECK_EQ(platform_entropy(y, sizeof y), 0);
	CHECK(x[0] != y[0] || x[1] != y[1]);
	static const struct platform_hooks bare = { .name = "bare" };
	const struct platform_hooks *was = platform_hooks_set(&bare);
	uint64_t z[2] = { 0, 0 }, w[2] = { 0, 0 };
	CHECK_EQ(platform_entropy(z, sizeof z), -1);
	CHECK_EQ(platform_entropy(w, sizeof w), -1);
	CHECK(z[0] != 0 && (z[0] != w[0] || z[1] != w[1]));
	platform_hooks_set(was);
	return check_done();
}
