/*
 * tests/dig/scan/test_scan_walk.c: dig_scan over a tree on disk built to trip a walker:
 * names with spaces, quotes and newlines; excluded folders (and turning the table off);
 * user excludes; symbolic links inside, outside, dangling and looping; a FIFO with a .c
 * name; binary, oversized and unreadable files; byte-identical copies; deterministic path
 * order; a single file as the root; a missing root. And dig_path_common_depth, the
 * folders two paths share, against the byte-at-a-time count it does eight bytes a step.
 */
#include <sys/types.h>

#include "scan_test.h"
#include "scan_tree.h"
#include "xorshift.h"

/* Index of a path in the tree, or -1. */
static int file_at(const struct dig_tree *t, const char *path)
{
	for (uint32_t i = 0; t && i < t->nfiles; i++)
		if (strcmp(t->files[i].path, path) == 0)
			return (int)i;
	return -1;
}

/* Is there a diagnostic for path whose reason contains `what`? */
static int has_diag(const struct dig_tree *t, const char *path, const char *what)
{
	for (uint32_t i = 0; t && i < t->ndiags; i++)
		if (strcmp(t->diags[i].path, path) == 0 && strstr(t->diags[i].reason, what))
			return 1;
	return 0;
}

static const char *const exts[] = { ".c", ".h" };

/* Options for a scan of root. */
static struct dig_scan_opts opts_for(const char *root)
{
	struct dig_scan_opts o;

	memset(&o, 0, sizeof(o));
	o.root = root;
	o.exts = exts;
	o.nexts = 2;
	o.default_excludes = 1;
	o.jobs = 2;
	o.max_file_bytes = 4096;
	o.file_ms = 5000;
	return o;
}

/* The big walk. */
static void test_walk(const char *root)
{
	char p[4096], q[4096];
	static const char body[] = "void f(void) { kalloc(1); }\n";
	char big[8192];

	memset(big, ' ', sizeof(big));
	CHECK(tree_put(root, "a.c", body) == 0);
	CHECK(tree_put(root, "sp ace/q\"uote's.c", "int g(void) { return zalloc(2); }\n") == 0);
	CHECK(tree_put(root, "new\nline.h", "#define X 1\n") == 0);
	CHECK(tree_put(root, ".git/x.c", body) == 0);
	CHECK(tree_put(root, "build/y.c", body) == 0);
	CHECK(tree_put(root, "vendor/z.c", body) == 0);
	CHECK(tree_put(root, "src/build.c", "int b;\n") == 0);     /* a file named like a folder */
	CHECK(tree_put(root, "src/skipme.c", "int s;\n") == 0);
	CHECK(tree_put(root, "copy1.c", "int same(void) { return 1; }\n") == 0);
	CHECK(tree_put(root, "sub/copy2.c", "int same(void) { return 1; }\n") == 0);
	CHECK(tree_write(root, "bin.c", "int x;\0\0\0", 9) == 0);
	CHECK(tree_write(root, "big.c", big, sizeof(big)) == 0);
	CHECK(tree_put(root, "notes.txt", "not C\n") == 0);
	CHECK(tree_put(root, "secret.c", "int s;\n") == 0);
	tree_path(p, sizeof(p), root, "secret.c");
	chmod(p, 0);
	tree_path(p, sizeof(p), root, "loop");
	CHECK(symlink(".", p) == 0);
	tree_path(p, sizeof(p), root, "outside.c");
	CHECK(symlink("/etc/hostname", p) == 0);
	tree_path(p, sizeof(p), root, "dangling.c");
	CHECK(symlink("no/such/file.c", p) == 0);
	tree_path(p, sizeof(p), root, "inside.c");
	CHECK(symlink("a.c", p) == 0);
	tree_path(p, sizeof(p), root, "fifo.c");
	CHECK(mkfifo(p, 0600) == 0);

	struct dig_scan_opts o = opts_for(root);
	const char *excl[] = { "skip*.c" };
	o.excludes = excl;
	o.nexcludes = 1;
	struct dig_tree *t = NULL;
	const char *err = NULL;
	CHECK(dig_scan(&o, &t, &err) == 0);
	if (!t)
		return;
	/* Present, exactly spelled. */
	CHECK(file_at(t, "a.c") >= 0);
	CHECK(file_at(t, "sp ace/q\"uote's.c") >= 0);
	CHECK(file_at(t, "new\nline.h") >= 0);
	CHECK(file_at(t, "src/build.c") >= 0);
	CHECK(file_at(t, "inside.c") < 0);       /* a second name of a.c: read once, as a.c */
	/* Excluded. */
	CHECK(file_at(t, ".git/x.c") < 0);
	CHECK(file_at(t, "build/y.c") < 0);
	CHECK(file_at(t, "vendor/z.c") < 0);
	CHECK(file_at(t, "src/skipme.c") < 0);
	CHECK(file_at(t, "notes.txt") < 0);
	CHECK(file_at(t, "outside.c") < 0);
	CHECK(file_at(t, "fifo.c") < 0);
	/* Sorted by bytes. */
	for (uint32_t i = 1; i < t->nfiles; i++)
		CHECK_MSG(strcmp(t->files[i - 1].path, t->files[i].path) < 0, "order at %u", i);
	/* Facts of a file with an odd name. */
	int k = file_at(t, "sp ace/q\"uote's.c");
	CHECK(k >= 0 && find_call(&t->files[k], "zalloc", 0) != NULL);
	/* Skips with reasons. */
	k = file_at(t, "bin.c");
	CHECK(k >= 0 && t->files[k].status == DIG_FILE_SKIPPED);
	CHECK(has_diag(t, "bin.c", "binary"));
	k = file_at(t, "big.c");
	CHECK(k >= 0 && t->files[k].status == DIG_FILE_SKIPPED);
	CHECK(has_diag(t, "big.c", "limit"));
	if (geteuid() != 0) {      /* root reads everything */
		CHECK(has_diag(t, "secret.c", "cannot read"));
	}
	CHECK(has_diag(t, "outside.c", "leaves the tree"));
	CHECK(has_diag(t, "dangling.c", "dangling"));
	CHECK(has_diag(t, "fifo.c", "not a regular file"));
	CHECK(has_diag(t, "loop", "loop"));
	CHECK_EQ(dig_tree_inputs_skipped(t), 4);  /* outside, dangling, fifo, loop */
	/* Copies: the later path points at the earlier one. */
	k = file_at(t, "sub/copy2.c");
	CHECK(k >= 0 && t->files[k].copy_of && strcmp(t->files[k].copy_of, "copy1.c") == 0);
	CHECK(file_at(t, "copy1.c") >= 0 && t->files[file_at(t, "copy1.c")].copy_of == NULL);
	CHECK_EQ(t->copies, 1);
	CHECK(t->skipped >= 2);
	CHECK_EQ(t->parsed + t->skipped + t->cached + t->shared, t->nfiles);
	CHECK_EQ(t->shared, 1);           /* the copy was not parsed again */
	k = file_at(t, "sub/copy2.c");
	CHECK(k >= 0 && t->files[k].nfuncs == 1 && strcmp(t->files[k].funcs[0].name, "same") == 0);
	/* Diagnostics sorted by path. */
	for (uint32_t i = 1; i < t->ndiags; i++)
		CHECK(strcmp(t->diags[i - 1].path, t->diags[i].path) <= 0);
	uint32_t n_default = t->nfiles;
	dig_tree_free(t);

	/* The table switched off: .git, build and vendor are read too. */
	o.default_excludes = 0;
	o.nexcludes = 0;
	CHECK(dig_scan(&o, &t, &err) == 0);
	CHECK(t && file_at(t, ".git/x.c") >= 0 && file_at(t, "vendor/z.c") >= 0);
	CHECK(t && t->nfiles == n_default + 4);
	/* One thread gives the same files and facts as two. */
	struct dig_tree *t1 = NULL;
	o.jobs = 1;
	CHECK(dig_scan(&o, &t1, &err) == 0);
	CHECK(t && t1 && t->nfiles == t1->nfiles);
	for (uint32_t i = 0; t && t1 && i < t->nfiles && i < t1->nfiles; i++)
		CHECK(strcmp(t->files[i].path, t1->files[i].path) == 0 && t->files[i].ncalls == t1->files[i].ncalls);
	dig_tree_free(t1);
	dig_tree_free(t);

	/* A single file as the root. */
	tree_path(q, sizeof(q), root, "a.c");
	o = opts_for(q);
	CHECK(dig_scan(&o, &t, &err) == 0);
	CHECK(t && t->nfiles == 1 && strcmp(t->files[0].path, "a.c") == 0 && t->files[0].nfuncs == 1);
	dig_tree_free(t);
	/* A missing root is the one hard error. */
	tree_path(q, sizeof(q), root, "no-such-folder");
	o = opts_for(q);
	t = NULL;
	CHECK(dig_scan(&o, &t, &err) == -1 && t == NULL && err != NULL);
}

/* A tree reached through links and by its real paths is read once, under the real paths,
 * whatever the names' order; a folder reached only through a link (its real path is
 * excluded) is read under the link's path; a link to a folder that holds it is a loop
 * (an input skipped); none of this depends on which name sorts first. */
static void test_links(const char *root)
{
	char p[4096];
	static const char body[] = "void *kalloc(unsigned n) { static char h[8]; return h + n; }\n";

	CHECK(tree_put(root, "zreal/k.c", body) == 0);
	CHECK(tree_put(root, "zreal/sub/s.c", "int s(void) { return kalloc(1) != 0; }\n") == 0);
	CHECK(tree_put(root, "build/gen/g.c", "int g(void) { return kalloc(2) != 0; }\n") == 0);
	tree_path(p, sizeof(p), root, "alias");         /* sorts before zreal */
	CHECK(symlink("zreal", p) == 0);
	tree_path(p, sizeof(p), root, "zreal/sub/again");
	CHECK(symlink("../../zreal/sub", p) == 0);      /* a loop: sub holds it */
	tree_path(p, sizeof(p), root, "afile.c");
	CHECK(symlink("zreal/k.c", p) == 0);            /* a second name of a file */
	tree_path(p, sizeof(p), root, "gen2");
	CHECK(symlink("build/gen", p) == 0);            /* an excluded folder, by two links */
	tree_path(p, sizeof(p), root, "gen1");
	CHECK(symlink("build/gen", p) == 0);

	struct dig_scan_opts o = opts_for(root);
	struct dig_tree *t = NULL;
	const char *err = NULL;
	CHECK(dig_scan(&o, &t, &err) == 0);
	if (!t)
		return;
	CHECK(file_at(t, "zreal/k.c") >= 0 && file_at(t, "zreal/sub/s.c") >= 0);
	CHECK(file_at(t, "alias/k.c") < 0 && file_at(t, "alias/sub/s.c") < 0);
	CHECK(file_at(t, "afile.c") < 0);
	CHECK(file_at(t, "gen1/g.c") >= 0 && file_at(t, "gen2/g.c") < 0 && file_at(t, "build/gen/g.c") < 0);
	CHECK_EQ(t->nfiles, 3);
	CHECK_EQ(t->copies, 0);
	CHECK(has_diag(t, "zreal/sub/again", "loop"));
	CHECK(!has_diag(t, "alias", "") && !has_diag(t, "afile.c", "") && !has_diag(t, "gen2", ""));
	CHECK_EQ(dig_tree_inputs_skipped(t), 1);
	dig_tree_free(t);
	/* the same through a link to the root itself: the same relative paths */
	tree_path(p, sizeof(p), root, "../walk-root-link");
	unlink(p);
	CHECK(symlink(root, p) == 0);
	o = opts_for(p);
	CHECK(dig_scan(&o, &t, &err) == 0);
	CHECK(t && t->nfiles == 3 && file_at(t, "zreal/k.c") >= 0 && file_at(t, "gen1/g.c") >= 0);
	dig_tree_free(t);
	unlink(p);
}

/* The '/' bytes in the common prefix of a and b, a byte at a time. */
static int common_depth_bytes(const char *a, const char *b)
{
	int depth = 0;
	for (size_t i = 0; a[i] && a[i] == b[i]; i++)
		depth += a[i] == '/';
	return depth;
}

/* dig_path_common_depth on paths of one to three letters and slashes that share a prefix
 * of every length, every mismatch place and either one the shorter, and a few by hand. */
static void test_common_depth(void)
{
	static const char alphabet[] = "ab/";
	char a[96], b[96];
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	int bad = 0;

	CHECK_EQ(dig_path_common_depth("", ""), 0);
	CHECK_EQ(dig_path_common_depth("sys/kern/a.c", "sys/kern/b.c"), 2);
	CHECK_EQ(dig_path_common_depth("sys/kern/", "sys/kern/"), 2);
	CHECK_EQ(dig_path_common_depth("usr/src/lib/libc/x.c", "usr/src/lib/libc"), 3);
	CHECK_EQ(dig_path_common_depth("////////////////x", "////////////////y"), 16);
	for (int t = 0; t < 200000 && !bad; t++) {
		size_t la = xorshift64(&seed) % 80, lb = xorshift64(&seed) % 80, same = xorshift64(&seed) % (la + 1);
		for (size_t i = 0; i < la; i++)
			a[i] = alphabet[xorshift64(&seed) % 3];
		a[la] = '\0';
		memcpy(b, a, same < lb ? same : lb);
		for (size_t i = same; i < lb; i++)
			b[i] = alphabet[xorshift64(&seed) % 3];
		b[lb] = '\0';
		if (dig_path_common_depth(a, b) != common_depth_bytes(a, b))
			bad = 1;
	}
	CHECK_MSG(!bad, "dig_path_common_depth(\"%s\", \"%s\") = %d, the bytes say %d", a, b,
	          dig_path_common_depth(a, b), common_depth_bytes(a, b));
}

/* Build, scan, clean up. */
int main(void)
{
	char root[4096];

	test_common_depth();

	if (tree_make(root, sizeof(root), "walk") != 0) {
		CHECK_MSG(0, "cannot make a temporary folder");
		return check_done();
	}
	test_walk(root);
	tree_remove(root);
	if (tree_make(root, sizeof(root), "links") != 0) {
		CHECK_MSG(0, "cannot make a temporary folder");
		return check_done();
	}
	test_links(root);
	tree_remove(root);
	return check_done();
}
