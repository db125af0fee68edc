/*
 * tests/dig/shard/test_part.c: shards and parts at the scan's interface.
 *
 *   - dig_shard_of: every path in [0, N); about N equal shares; going from 8 to 9 shards
 *     moves about a ninth of the paths, every one of them to the new shard, and none
 *     other (what "adding a shard moves few files" means);
 *   - a tree with copies across shards, a binary file and its copy, an oversized file
 *     and an unreadable one: the shards stored as parts and merged give the tree one
 *     scan gives, file by file and field by field, with its diagnostics and tallies;
 *   - what the shell test cannot make: a part from another facts version, a part whose
 *     files belong to another shard (both with valid checksums), and a file changed
 *     after its shard read it, found when the merge compares copies across parts.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sys/stat.h>

#include "check.h"
#include "dig/scan/scan_impl.h"
#include "dig/scan/scan_tree.h"

static const char *const exts[] = { ".c", ".h" };

/* Scan root (shard s of n; n 0: whole) with the cache in dir (NULL: none). */
static struct dig_tree *scan_shard(const char *root, uint32_t s, uint32_t n, const char *dir)
{
	struct dig_scan_opts o;
	struct dig_tree *t = NULL;
	const char *err;

	memset(&o, 0, sizeof(o));
	o.root = root;
	o.exts = exts;
	o.nexts = 2;
	o.default_excludes = 1;
	o.jobs = 2;
	o.max_file_bytes = 4096;
	o.shard = s;
	o.nshards = n;
	o.cache_dir = dir;
	o.cache_no_store = 1;
	if (dig_scan(&o, &t, &err) != 0)
		return NULL;
	return t;
}

/* Store shard s of n of root as a part in dir; 0 or -1. */
static int store_part(const char *root, uint32_t s, uint32_t n, const char *dir)
{
	struct dig_part_meta meta = { .shard = s, .nshards = n, .root = root, .root_abs = root, .key = 0, .config = 1 };
	char err[512];
	struct dig_tree *t = scan_shard(root, s, n, NULL);
	int rc = t ? dig_part_store(dir, t, &meta, err, sizeof err) : -1;

	if (rc)
		fprintf(stderr, "store_part: %s\n", t ? err : "scan failed");
	dig_tree_free(t);
	return rc;
}

/* Equal strings, NULL equal to NULL only. */
static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The merged tree equals the single scan, file by file. */
static void check_same_tree(const struct dig_tree *a, const struct dig_tree *b)
{
	CHECK_EQ(a->nfiles, b->nfiles);
	CHECK_EQ(a->skipped, b->skipped);
	CHECK_EQ(a->copies, b->copies);
	CHECK_EQ(a->bytes, b->bytes);
	CHECK_EQ(a->ndiags, b->ndiags);
	for (uint32_t i = 0; i < a->nfiles && i < b->nfiles; i++) {
		const struct dig_file *x = &a->files[i], *y = &b->files[i];
		CHECK_STREQ(x->path, y->path);
		CHECK(same_str(x->copy_of, y->copy_of));
		CHECK(same_str(x->reason, y->reason));
		CHECK_EQ(x->status, y->status);
		CHECK_EQ(x->size, y->size);
		CHECK_EQ(x->hash, y->hash);
		CHECK_EQ(x->lines, y->lines);
		CHECK_EQ(x->nfuncs, y->nfuncs);
		CHECK_EQ(x->ncalls, y->ncalls);
		CHECK_EQ(x->nmacros, y->nmacros);
		for (uint32_t k = 0; k < x->ncalls && k < y->ncalls; k++)
			CHECK_STREQ(x->calls[k].callee, y->calls[k].callee);
	}
	for (uint32_t i = 0; i < a->ndiags && i < b->ndiags; i++) {
		CHECK_STREQ(a->diags[i].path, b->diags[i].path);
		CHECK_STREQ(a->diags[i].reason, b->diags[i].reason);
	}
}

/* Merge parts dirs[0..n); the tree or NULL with the message in err. */
static struct dig_tree *merge(const char *const *dirs, uint32_t n, char *err, size_t errlen)
{
	struct dig_part_meta meta;
	struct dig_tree *t = NULL;

	err[0] = '\0';
	if (dig_part_merge(dirs, n, 0, &t, &meta, err, errlen) != 0)
		return NULL;
	return t;
}

/* Replace `from` by `to` in dir's manifest, with a valid checksum again. */
static int rewrite_manifest(const char *dir, const char *from, const char *to)
{
	char path[4096], buf[1 << 16], out[1 << 16];
	FILE *f;
	size_t n;

	tree_path(path, sizeof path, dir, "part.manifest");
	if (!(f = fopen(path, "rb")))
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *sum = strstr(buf, "checksum ");
	char *at = strstr(buf, from);
	if (!sum || !at || at > sum)
		return -1;
	*sum = '\0';
	size_t pre = (size_t)(at - buf);
	int w = snprintf(out, sizeof out, "%.*s%s%s", (int)pre, buf, to, at + strlen(from));
	if (w < 0 || (size_t)w >= sizeof out - 40)
		return -1;
	snprintf(out + w, sizeof out - (size_t)w, "checksum %016" PRIx64 "\n", scan_hash(out, (size_t)w));
	if (!(f = fopen(path, "wb")))
		return -1;
	fputs(out, f);
	return fclose(f);
}

/* dig_shard_of's spread and stability. */
static void check_shard_of(void)
{
	enum { PATHS = 20000 };
	uint32_t count[9] = { 0 }, moved = 0, moved_elsewhere = 0;
	char p[64];

	for (uint32_t i = 0; i < PATHS; i++) {
		snprintf(p, sizeof p, "src/dir%u/file%u.c", i % 97, i);
		uint32_t s8 = dig_shard_of(p, 8), s9 = dig_shard_of(p, 9);
		CHECK(s8 < 8);
		CHECK_EQ(dig_shard_of(p, 8), s8);        /* deterministic */
		CHECK_EQ(dig_shard_of(p, 1), 0u);
		count[s8]++;
		if (s8 != s9) {
			moved++;
			moved_elsewhere += s9 != 8;
		}
	}
	for (int s = 0; s < 8; s++) {
		CHECK(count[s] > PATHS / 8 * 9 / 10);
		CHECK(count[s] < PATHS / 8 * 11 / 10);
	}
	/* 8 -> 9 shards: about 1/9 move, all of them to the new shard */
	CHECK(moved > PATHS / 9 * 8 / 10);
	CHECK(moved < PATHS / 9 * 12 / 10);
	CHECK_EQ(moved_elsewhere, 0u);
}

int main(void)
{
	char root[512], work[512], dirs[4][640], err[1024];
	const char *dp[4];
	static char big[8192];

	check_shard_of();
	CHECK_EQ(tree_make(root, sizeof root, "part-tree"), 0);
	CHECK_EQ(tree_make(work, sizeof work, "part-work"), 0);
	/* copies: the same allocator under many names, so some land in other shards */
	const char *alloc = "#include \"a.h\"\nvoid *pool_alloc(unsigned n) { return kalloc(n); }\n";
	char name[64];
	for (int i = 0; i < 12; i++) {
		snprintf(name, sizeof name, "copy%02d/pool.c", i);
		CHECK_EQ(tree_put(root, name, alloc), 0);
	}
	CHECK_EQ(tree_put(root, "a.h", "#define kalloc(n) zalloc(n)\n"), 0);
	CHECK_EQ(tree_put(root, "main.c", "int main(void) { return pool_alloc(3) != 0; }\n"), 0);
	CHECK_EQ(tree_write(root, "bin1.c", "\0\1\2binary", 9), 0);
	CHECK_EQ(tree_write(root, "z/bin2.c", "\0\1\2binary", 9), 0);
	memset(big, 'x', sizeof big);
	CHECK_EQ(tree_write(root, "big.c", big, sizeof big), 0);
	CHECK_EQ(tree_put(root, "locked.c", "int locked;\n"), 0);
	char locked[640];
	tree_path(locked, sizeof locked, root, "locked.c");
	int root_user = geteuid() == 0;
	chmod(locked, 0);

	struct dig_tree *one = scan_shard(root, 0, 0, NULL);
	CHECK(one != NULL);
	CHECK(one && one->copies >= 12);
	CHECK(one && one->skipped >= (root_user ? 3u : 4u));
	for (uint32_t n = 1; n <= 4; n++) {
		for (uint32_t s = 0; s < n; s++) {
			snprintf(dirs[s], sizeof dirs[s], "%s/n%u.p%u", work, n, s);
			dp[s] = dirs[s];
			CHECK_EQ(store_part(root, s, n, dirs[s]), 0);
		}
		struct dig_tree *m = merge(dp, n, err, sizeof err);
		if (!m)
			fprintf(stderr, "merge of %u: %s\n", n, err);
		CHECK(m != NULL);
		if (one && m)
			check_same_tree(one, m);
		dig_tree_free(m);
	}

	/* another facts version (the checksum made valid again) */
	char from[32], to[32];
	snprintf(from, sizeof from, "facts %u\n", DIG_FACTS_VERSION);
	snprintf(to, sizeof to, "facts %u\n", DIG_FACTS_VERSION + 1);
	snprintf(dirs[0], sizeof dirs[0], "%s/n2.p0", work);
	snprintf(dirs[1], sizeof dirs[1], "%s/n2.p1", work);
	dp[0] = dirs[0];
	dp[1] = dirs[1];
	CHECK_EQ(rewrite_manifest(dirs[1], from, to), 0);
	CHECK(merge(dp, 2, err, sizeof err) == NULL);
	CHECK(strstr(err, "facts version") != NULL && strstr(err, dirs[1]) != NULL);
	CHECK_EQ(rewrite_manifest(dirs[1], to, from), 0);
	struct dig_tree *again = merge(dp, 2, err, sizeof err);
	CHECK(again != NULL);
	dig_tree_free(again);

	/* the two parts' shard numbers swapped: each holds files of the other shard */
	CHECK_EQ(rewrite_manifest(dirs[0], "shard 0 2", "shard 1 2"), 0);
	CHECK_EQ(rewrite_manifest(dirs[1], "shard 1 2", "shard 0 2"), 0);
	CHECK(merge(dp, 2, err, sizeof err) == NULL);
	CHECK(strstr(err, "which belongs to shard") != NULL);
	CHECK_EQ(rewrite_manifest(dirs[0], "shard 1 2", "shard 0 2"), 0);
	CHECK_EQ(rewrite_manifest(dirs[1], "shard 0 2", "shard 1 2"), 0);

	/* a copy in the other shard than its original, changed after the shards read it:
	 * the merge cannot confirm the copy and says so */
	uint32_t s0 = dig_shard_of("copy00/pool.c", 2);
	int other = -1;
	for (int i = 1; i < 12 && other < 0; i++) {
		snprintf(name, sizeof name, "copy%02d/pool.c", i);
		if (dig_shard_of(name, 2) != s0)
			other = i;
	}
	CHECK(other > 0);
	snprintf(name, sizeof name, "copy%02d/pool.c", other);
	char changed_path[640];
	tree_path(changed_path, sizeof changed_path, root, name);
	/* touched only (another time, the same bytes): still the file the shard read */
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 12345, 0 } };
	CHECK_EQ(utimensat(AT_FDCWD, changed_path, ts, 0), 0);
	struct dig_tree *touched = merge(dp, 2, err, sizeof err);
	CHECK(touched != NULL);
	CHECK(touched && touched->copies == one->copies);
	dig_tree_free(touched);
	/* the same size, other bytes: changed */
	CHECK_EQ(tree_put(root, name, "#include \"a.h\"\nvoid *pool_alloc(unsigned n) { return zalloc(n); }\n"), 0);
	CHECK_EQ(utimensat(AT_FDCWD, changed_path, ts, 0), 0);
	CHECK(merge(dp, 2, err, sizeof err) == NULL);
	CHECK(strstr(err, "changed since") != NULL && strstr(err, name) != NULL);

	dig_tree_free(one);
	chmod(locked, 0644);
	tree_remove(root);
	tree_remove(work);
	return check_done();
}
