/*
 * tests/dig/compdb/test_compdb.c: compilation databases and file lists, read into scan
 * inputs (dig/cli/inputs.c), and what the scan makes of their flags.
 *
 *   - JSON: "arguments" and "command" (split as a shell splits: quotes, backslashes),
 *     every string escape (\u pairs to UTF-8), keys in any order, unknown keys and nested
 *     values skipped, relative files against "directory", entries of other languages left
 *     out; malformed databases rejected with FILE:LINE;
 *   - flags: -D NAME[=VALUE] joined or apart, -U, -I/-iquote/-isystem/-idirafter;
 *   - the scan: -D values are macros at line 0 (function-like too; a later -D or a -U
 *     replaces an earlier one), -I folders inside the tree are DIG_EV_INCLUDE_DIR evidence
 *     relative to the root (one outside is dropped), a file named twice is read once;
 *   - file lists: one path a line, CR and blank lines ignored.
 */
#include "check.h"
#include "dig/cli/inputs.h"
#include "dig/scan/scan_tree.h"

static const char *const exts[] = { ".c", ".h" };

/* Write text to a fresh file under dir; its path into out. */
static void put(char *out, size_t n, const char *dir, const char *name, const char *text)
{
	tree_path(out, n, dir, name);
	CHECK_EQ(tree_put(dir, name, text), 0);
}

/* Read a database; 0 or -1 with the message in err. */
static int compdb(struct strata_inputs *in, const char *path, char *err, size_t n)
{
	memset(in, 0, sizeof *in);
	return strata_inputs_compdb(in, path, exts, 2, err, n);
}

/* The input named `path`, or NULL. */
static const struct dig_scan_input *input_of(const struct strata_inputs *in, const char *path)
{
	for (uint32_t i = 0; i < in->n; i++)
		if (strcmp(in->v[i].path, path) == 0)
			return &in->v[i];
	return NULL;
}

/* The file of the tree with this path, or NULL. */
static const struct dig_file *file_of(const struct dig_tree *t, const char *path)
{
	uint32_t i = dig_tree_find(t, path);
	return i == UINT32_MAX ? NULL : &t->files[i];
}

/* The macro named `name` at line 0 of f, or NULL. */
static const struct dig_macro *cmdline_macro(const struct dig_file *f, const char *name)
{
	for (uint32_t i = 0; f && i < f->nmacros; i++)
		if (f->macros[i].line == 0 && strcmp(f->macros[i].name, name) == 0)
			return &f->macros[i];
	return NULL;
}

static void check_json(const char *dir)
{
	char path[1024], err[512];
	struct strata_inputs in;

	put(path, sizeof path, dir, "cc.json",
	    "[\n"
	    " {\"file\": \"a.c\", \"directory\": \"/w\", \"extra\": {\"x\": [1, 2.5e3, true, null, \"s\\\"\"]},\n"
	    "  \"arguments\": [\"cc\", \"-DA\", \"-D\", \"B=2\", \"-DF(x)=((x)+1)\", \"-UA\", \"-Iinc\", \"-I\", \"/abs/inc\",\n"
	    "                 \"-isystem\", \"sys\", \"-iquote\", \"q\", \"-idirafter\", \"late\", \"-c\", \"a.c\"]},\n"
	    " {\"directory\": \"/w\", \"command\": \"cc -DMSG=\\\"hi there\\\" '-DQ=a b' -DE=x\\\\ y -DS=\\\\\\\"s\\\\\\\" -c /abs/b.c\",\n"
	    "  \"file\": \"/abs/b.c\"},\n"
	    " {\"directory\": \"/w\", \"file\": \"caf\\u00e9\\/\\ud83d\\ude00.c\", \"arguments\": []},\n"
	    " {\"directory\": \"/w\", \"file\": \"tool.cc\", \"command\": \"c++ -c tool.cc\"}\n"
	    "]\n");
	CHECK_EQ(compdb(&in, path, err, sizeof err), 0);
	CHECK_EQ(in.n, 3u);
	CHECK_EQ(in.other, 1u);
	const struct dig_scan_input *a = input_of(&in, "/w/a.c");
	CHECK(a != NULL);
	if (a) {
		CHECK_EQ(a->ndefines, 4u);
		if (a->ndefines == 4) {
			CHECK_STREQ(a->defines[0], "A");
			CHECK_STREQ(a->defines[1], "B=2");
			CHECK_STREQ(a->defines[2], "F(x)=((x)+1)");
			CHECK_STREQ(a->defines[3], "-A");
		}
		CHECK_EQ(a->ninclude_dirs, 5u);
		if (a->ninclude_dirs == 5) {
			CHECK_STREQ(a->include_dirs[0], "/w/inc");
			CHECK_STREQ(a->include_dirs[1], "/abs/inc");
			CHECK_STREQ(a->include_dirs[2], "/w/sys");
			CHECK_STREQ(a->include_dirs[3], "/w/q");
			CHECK_STREQ(a->include_dirs[4], "/w/late");
		}
	}
	const struct dig_scan_input *b = input_of(&in, "/abs/b.c");
	CHECK(b != NULL);
	if (b) {
		CHECK_EQ(b->ndefines, 4u);
		if (b->ndefines == 4) {
			CHECK_STREQ(b->defines[0], "MSG=hi there");   /* the shell's quotes go */
			CHECK_STREQ(b->defines[1], "Q=a b");
			CHECK_STREQ(b->defines[2], "E=x y");
			CHECK_STREQ(b->defines[3], "S=\"s\"");       /* escaped ones stay */
		}
	}
	CHECK(input_of(&in, "/w/caf\xc3\xa9/\xf0\x9f\x98\x80.c") != NULL);
	strata_inputs_fini(&in);

	/* malformed: each an error with its line */
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "{\"file\": \"a.c\"}", "not a compilation database" },
		{ "[\n{\"file\": \"a.c\"}\n] x", ":3: text after the database" },
		{ "[\n{\"file\": \"a.c", ":2: unterminated string" },
		{ "[\n{\"directory\": \"/w\"}\n]", ":2: an entry without \"file\"" },
		{ "[\n{\"file\": \"a\\qc\"}]", ":2: bad escape" },
		{ "[\n{\"file\": \"a\\u0000.c\"}]", "NUL" },
		{ "[\n{\"file\": \"a.c\" \"x\": 1}]", ":2: expected ',' or '}'" },
		{ "[{\"file\": \"a.c\", \"arguments\": [1]}]", "other than strings" },
		{ "[]", "names no C file" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		put(path, sizeof path, dir, "bad.json", bad[i].text);
		err[0] = '\0';
		CHECK_EQ(compdb(&in, path, err, sizeof err), -1);
		if (!strstr(err, bad[i].want))
			fprintf(stderr, "case %zu: '%s' lacks '%s'\n", i, err, bad[i].want);
		CHECK(strstr(err, bad[i].want) != NULL);
		strata_inputs_fini(&in);
	}
	/* deep nesting is refused, not followed down the stack */
	char deep[1200];
	size_t k = 0;
	k += (size_t)snprintf(deep, sizeof deep, "[{\"file\": \"a.c\", \"x\": ");
	for (int i = 0; i < 500; i++)
		deep[k++] = '[';
	deep[k] = '\0';
	put(path, sizeof path, dir, "bad.json", deep);
	CHECK_EQ(compdb(&in, path, err, sizeof err), -1);
	CHECK(strstr(err, "nested too deep") != NULL);
	strata_inputs_fini(&in);

	/* a file list */
	put(path, sizeof path, dir, "list", "a.c\r\n\n./b/c.c\n/abs/d.c");
	memset(&in, 0, sizeof in);
	CHECK_EQ(strata_inputs_list(&in, path, err, sizeof err), 0);
	CHECK_EQ(in.n, 3u);
	if (in.n == 3) {
		CHECK_STREQ(in.v[0].path, "a.c");
		CHECK_STREQ(in.v[1].path, "./b/c.c");
		CHECK_STREQ(in.v[2].path, "/abs/d.c");
	}
	strata_inputs_fini(&in);
	put(path, sizeof path, dir, "list", "\n\n");
	CHECK_EQ(strata_inputs_list(&in, path, err, sizeof err), -1);
	strata_inputs_fini(&in);
}

static void check_scan(const char *root)
{
	static const char *const defs[] = { "A", "B=2", "F(x)=((x)+1)", "-A", "B=3" };
	char outside[1100];
	const char *dirs[3];
	struct dig_scan_input inputs[3];
	struct dig_scan_opts o;
	struct dig_tree *t = NULL;
	const char *err;

	CHECK_EQ(tree_put(root, "src/a.c", "int a(void) { return F(B); }\n"), 0);
	CHECK_EQ(tree_put(root, "inc/x.h", "#define X 1\n"), 0);
	CHECK_EQ(tree_put(root, "src/b.c", "int b;\n"), 0);
	snprintf(outside, sizeof outside, "%s/../elsewhere", root);
	dirs[0] = "inc";
	dirs[1] = outside;
	dirs[2] = "src/../inc/./";
	memset(inputs, 0, sizeof inputs);
	inputs[0].path = "src/a.c";
	inputs[0].defines = defs;
	inputs[0].ndefines = 5;
	inputs[0].include_dirs = dirs;
	inputs[0].ninclude_dirs = 3;
	inputs[1].path = "./src//b.c";
	inputs[2].path = "src/a.c";           /* named twice: read once, with the first flags */
	memset(&o, 0, sizeof o);
	o.root = root;
	o.exts = exts;
	o.nexts = 2;
	o.jobs = 1;
	o.inputs = inputs;
	o.ninputs = 3;
	CHECK_EQ(dig_scan(&o, &t, &err), 0);
	CHECK(t != NULL);
	if (!t)
		return;
	CHECK_EQ(t->nfiles, 2u);               /* inc/x.h is not named: not read */
	const struct dig_file *a = file_of(t, "src/a.c");
	CHECK(a != NULL);
	CHECK(file_of(t, "src/b.c") != NULL);
	CHECK(cmdline_macro(a, "A") == NULL);  /* -UA */
	const struct dig_macro *b = cmdline_macro(a, "B"), *f = cmdline_macro(a, "F");
	CHECK(b && strcmp(b->body, "3") == 0); /* the later -D wins */
	CHECK(f && f->function_like && f->nparams == 1 && strcmp(f->body, "((x)+1)") == 0);
	uint32_t ndirs = 0;
	for (uint32_t i = 0; a && i < a->nevidence; i++) {
		if (a->evidence[i].kind != DIG_EV_INCLUDE_DIR)
			continue;
		CHECK_STREQ(a->evidence[i].token, "inc");
		CHECK_EQ(a->evidence[i].line, 0u);
		ndirs++;
	}
	CHECK_EQ(ndirs, 2u);                   /* inc, and src/../inc/./ folded; outside dropped */
	/* the facts key moves with the flags, so a cache of other flags is not taken */
	uint64_t k1 = dig_scan_facts_key(&o);
	inputs[0].ndefines = 4;
	CHECK(dig_scan_facts_key(&o) != k1);
	dig_tree_free(t);
}

int main(void)
{
	char dir[512], root[512];

	CHECK_EQ(tree_make(dir, sizeof dir, "compdb"), 0);
	CHECK_EQ(tree_make(root, sizeof root, "compdb-tree"), 0);
	check_json(dir);
	check_scan(root);
	tree_remove(dir);
	tree_remove(root);
	return check_done();
}
