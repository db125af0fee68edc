/*
 * tests/dig/model/test_write.c: the writers on hand-built facts whose paths hold the bytes
 * every format must escape (comma, quote, pipe, backtick, backslash, newline, a byte that
 * is not UTF-8), and the replacement of OUT through write_out_begin/commit: nothing in
 * OUT changes before the commit, report and cache are replaced together, no leftovers,
 * and an OUT that is a file is refused and left as it was.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "dig/model/model.h"
#include "dig/write/write.h"

static const char *const T_SIZE[] = { "size_t" };
static const char *const N_SIZE[] = { "size" };
static const char *const G_HEAP[] = { "heap", NULL };

/* The whole content of a file (malloc'd, NUL-terminated), or NULL. */
static char *slurp(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;
	long n;
	char *buf;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Does file dir/name contain `needle`? */
static int contains(const char *dir, const char *name, const char *needle)
{
	char *text = slurp(dir, name);
	int found = text && strstr(text, needle) != NULL;
	if (!found)
		fprintf(stderr, "    %s lacks: %s\n", name, needle);
	free(text);
	return found;
}

/* Write a small file. */
static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Write every artifact of a hostile little model, check escaping and the swap of OUT. */
int main(void)
{
	static const char hostile[] = "we,ird \"dir\"/a|b`c`\\d\ne\xff.c";
	struct dig_file files[2];
	struct dig_func funcs[2];
	struct dig_call calls[1];
	struct dig_global globals[1];
	struct dig_tree tree;
	struct model *m;
	struct write_opts wo;
	struct write_result res;
	const char *err;
	unsigned line;
	char base[] = "/tmp/strata-write-XXXXXX";
	char out[4200], path[4300];

	memset(files, 0, sizeof files);
	memset(funcs, 0, sizeof funcs);
	memset(calls, 0, sizeof calls);
	memset(globals, 0, sizeof globals);
	/* file 0: an allocator with a static heap, in a hostile path */
	files[0].path = hostile;
	files[0].funcs = &funcs[0];
	files[0].nfuncs = 1;
	files[0].globals = globals;
	files[0].nglobals = 1;
	globals[0] = (struct dig_global){ .name = "heap", .type = "char[64]", .is_static = 1, .is_array = 1,
	                                  .array_bytes = 64, .line = 1 };
	funcs[0] = (struct dig_func){ .name = "my_alloc", .written_name = "my_alloc", .return_type = "void *",
	                              .returns_pointer = 1, .nparams = 1, .param_types = (const char **)T_SIZE,
	                              .param_names = (const char **)N_SIZE, .line = 3, .end_line = 9, .loc = 5,
	                              .globals_used = (const char **)G_HEAP, .nglobals_used = 1 };
	/* file 1: a caller */
	files[1].path = "zz/us,er \"x\"\n.c";
	files[1].funcs = &funcs[1];
	files[1].nfuncs = 1;
	files[1].calls = calls;
	files[1].ncalls = 1;
	funcs[1] = (struct dig_func){ .name = "user", .written_name = "user", .return_type = "int", .nparams = 0,
	                              .line = 2, .end_line = 5, .loc = 3 };
	calls[0] = (struct dig_call){ .callee = "my_alloc", .written = "my_alloc", .args = "8", .func = 0, .nargs = 1,
	                              .line = 4, .col = 2 };
	memset(&tree, 0, sizeof tree);
	tree.root = "hostile-root";
	tree.files = files;
	tree.nfiles = 2;

	m = model_create(&tree, model_vocab_create(NULL, &err, &line), 0);
	CHECK(m != NULL);
	CHECK(mkdtemp(base) != NULL);
	if (!m)
		return check_done();
	CHECK_EQ(m->nimpls, 1);
	CHECK_EQ(m->alloc_sites, 1);

	/* a first output: begin, write (and a stand-in fact cache), commit */
	snprintf(path, sizeof path, "%s/root", base);
	CHECK(mkdir(path, 0777) == 0);
	snprintf(out, sizeof out, "%s/out", base);
	memset(&wo, 0, sizeof wo);
	wo.root = "hostile-root";
	wo.svg = access("/usr/bin/dot", X_OK) == 0;
	wo.root_abs = "/abs/hostile-root";
	for (int round = 0; round < 2; round++) {
		struct write_out *o = NULL;
		char why[1024], cache[4400];
		CHECK_MSG(write_out_begin(&o, out, path, NULL, why, sizeof why) == 0, "%s", why);
		if (!o)
			return check_done();
		CHECK((write_out_cache_old(o) != NULL) == (round == 1));
		wo.dir = write_out_dir(o);
		snprintf(cache, sizeof cache, "%s", write_out_cache_new(o));
		CHECK(mkdir(cache, 0777) == 0);
		snprintf(cache, sizeof cache, "%s/facts.cache", write_out_cache_new(o));
		put(cache, round ? "cached 2\n" : "cached 1\n");
		CHECK_EQ(write_all(m, &wo, &res), 0);
		CHECK_MSG(res.error[0] == '\0', "%s", res.error);
		/* nothing in OUT changes before the commit */
		CHECK(round == 1 || access(out, F_OK) != 0);
		CHECK(round == 0 || contains(out, ".strata-cache/facts.cache", "cached 1"));
		CHECK_MSG(write_out_commit(o, NULL, why, sizeof why) == 0, "%s", why);
	}
	/* replaced: report and cache are the new ones, with the marker; no leftovers beside */
	CHECK(contains(out, ".strata-cache/facts.cache", "cached 2"));
	CHECK(contains(out, ".strata-output", "state complete\nd .strata-cache\n"));
	CHECK(contains(out, ".strata-root", "/abs/hostile-root\n"));
	for (int i = 0; write_artifact_names[i]; i++) {
		if (!wo.svg && strstr(write_artifact_names[i], ".svg"))
			continue;
		snprintf(path, sizeof path, "%s/%s", out, write_artifact_names[i]);
		CHECK_MSG(access(path, R_OK) == 0, "missing %s", write_artifact_names[i]);
	}
	{
		char cmd[4400];
		snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s' | wc -l)\" = 2", base);
		CHECK_MSG(system(cmd) == 0, "leftovers beside OUT in %s", base);
	}
	/* escaping per format */
	CHECK(contains(out, "allocator-call-counts.csv", "file,,,\"zz/us,er \"\"x\"\"\n.c\",1\n"));
	/* the CSV is valid UTF-8: a byte that is not becomes \xHH, a backslash \\ */
	{
		char *mem = NULL;
		size_t memlen = 0;
		FILE *m2 = open_memstream(&mem, &memlen);
		CHECK(m2 != NULL);
		if (m2) {
			write_csv_field(m2, "a\\b\xff\xc3(c,d");   /* a backslash, two bytes that are not UTF-8 */
			fputc('|', m2);
			write_csv_field(m2, "caf\xc3\xa9");        /* UTF-8 stays as it is */
			fclose(m2);
			CHECK_STREQ(mem, "\"a\\\\b\\xff\\xc3(c,d\"|caf\xc3\xa9");
			free(mem);
		}
	}
	{
		size_t bad = 0;
		char *csv = slurp(out, "allocator-call-counts.csv");
		CHECK(csv != NULL);
		for (const unsigned char *p = (const unsigned char *)(csv ? csv : ""); *p;) {
			int k = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
			int ok = k > 0;
			for (int i = 1; ok && i < k; i++)
				ok = (p[i] & 0xc0) == 0x80;
			if (!ok) {
				bad++;
				p++;
			} else
				p += k;
		}
		CHECK_MSG(bad == 0, "%zu bytes of the CSV are not UTF-8", bad);
		free(csv);
	}
	CHECK(contains(out, "raw-allocation-sites.txt", "zz/us,er \"x\"\\n.c:4\tuser\tmy_alloc\timpl1 my_alloc@we,ird \"dir\"/a|b`c`\\\\d\\ne\xff.c:3\t-\n"));
	CHECK(contains(out, "topology.json", "\"we,ird \\\"dir\\\"/a|b`c`\\\\d\\ne\\u00ff.c\""));
	CHECK(contains(out, "allocation-hierarchy.dot", "we,ird \\\"dir\\\"/a|b`c`\\\\d\\ne\xef\xbf\xbd.c"));
	CHECK(contains(out, "report.md", "`` my_alloc @ we,ird \"dir\"/a\\|b`c`\\d\\ne\xef\xbf\xbd.c ``"));
	CHECK(contains(out, "all-allocators.txt", "  chain: my_alloc (self-contained)\n"));

	/* failure: OUT is a regular file: refused, left as it was */
	snprintf(path, sizeof path, "%s/plain", base);
	put(path, "keep me\n");
	{
		struct write_out *o = NULL;
		char why[1024], root[4300];
		snprintf(root, sizeof root, "%s/root", base);
		CHECK(write_out_begin(&o, path, root, NULL, why, sizeof why) != 0);
		CHECK(o == NULL);
		CHECK(strstr(why, "not a folder") != NULL);
		CHECK(contains(base, "plain", "keep me\n"));
	}

	model_destroy(m);
	{
		char cmd[4400];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
		CHECK(system(cmd) == 0);
	}
	return check_done();
}
