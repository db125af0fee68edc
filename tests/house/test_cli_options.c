/* The CLI option parser and its table (dig/cli/options.def): defaults, commands and their
 * arguments, every range and enum check with its message, options a command does not take. */
#include <stdlib.h>

#include "check.h"
#include "dig/cli/options.h"

/* Parse a NULL-terminated argument list. */
static int parse(struct strata_opts *o, int *done, const char **args)
{
	char *argv[32];
	int argc = 0;
	for (; args[argc]; argc++)
		argv[argc] = (char *)args[argc];
	argv[argc] = NULL;
	return strata_opts_parse(o, argc, argv, done);
}

/* Set option id from text into a fresh struct, the message (if any) into msg. */
static int set_msg(enum strata_option id, const char *text, char *msg, size_t cap)
{
	struct strata_opts o;
	FILE *err = tmpfile();
	int rc;
	memset(&o, 0, sizeof o);
	rc = strata_opt_set(&o, id, text, err);
	rewind(err);
	msg[0] = '\0';
	if (!fgets(msg, (int)cap, err))
		msg[0] = '\0';
	fclose(err);
	return rc;
}

/* Every row: its default passes its own check; COUNT/SIZE ranges hold at both ends and
 * fail one past them with a message naming the option and the value; ENUM names pass and
 * others fail naming every name. */
static void check_table(void)
{
	char msg[256], text[64], want[64];
	for (int id = 0; id < OPT_COUNT; id++) {
		const struct strata_option_row *r = &strata_option_rows[id];
		snprintf(want, sizeof want, "--%s ", r->lng);
		if (r->kind != STRATA_KIND_FLAG && r->kind != STRATA_KIND_LIST && r->def_len)
			CHECK_MSG(set_msg((enum strata_option)id, r->def, msg, sizeof msg) == 0,
			          "--%s: default '%s' fails its own check: %s", r->lng, r->def, msg);
		if (r->kind == STRATA_KIND_COUNT) {
			unsigned long long lo = strtoull(r->values, NULL, 10);
			unsigned long long hi = strtoull(strstr(r->values, "..") + 2, NULL, 10);
			snprintf(text, sizeof text, "%llu", lo);
			CHECK_MSG(set_msg((enum strata_option)id, text, msg, sizeof msg) == 0, "--%s %s", r->lng, text);
			snprintf(text, sizeof text, "%llu", hi);
			CHECK_MSG(set_msg((enum strata_option)id, text, msg, sizeof msg) == 0, "--%s %s", r->lng, text);
			snprintf(text, sizeof text, "%llu", hi + 1);
			CHECK(set_msg((enum strata_option)id, text, msg, sizeof msg) == -1);
			CHECK_MSG(strstr(msg, want) && strstr(msg, text), "message: %s", msg);
			if (lo > 0) {
				snprintf(text, sizeof text, "%llu", lo - 1);
				CHECK(set_msg((enum strata_option)id, text, msg, sizeof msg) == -1);
				CHECK_MSG(strstr(msg, want) && strstr(msg, "'0'"), "message: %s", msg);
			}
			CHECK(set_msg((enum strata_option)id, "-1", msg, sizeof msg) == -1);
			CHECK(set_msg((enum strata_option)id, "12x", msg, sizeof msg) == -1);
			CHECK(set_msg((enum strata_option)id, "", msg, sizeof msg) == -1);
			CHECK_MSG(strstr(msg, want) != NULL, "message: %s", msg);
		}
		if (r->kind == STRATA_KIND_ENUM) {
			int n = 0;
			for (const char *w = r->values; *w; n++) {
				size_t len = strcspn(w, "|");
				snprintf(text, sizeof text, "%.*s", (int)len, w);
				struct strata_opts o;
				memset(&o, 0, sizeof o);
				CHECK(strata_opt_set(&o, (enum strata_option)id, text, NULL) == 0);
				char name[32];
				CHECK_STREQ(strata_opt_enum_name((enum strata_option)id, n, name, sizeof name), text);
				w += len;
				w += *w == '|';
			}
			CHECK(n >= 2);
			CHECK(set_msg((enum strata_option)id, "nonesuch", msg, sizeof msg) == -1);
			CHECK_MSG(strstr(msg, want) && strstr(msg, "'nonesuch'"), "message: %s", msg);
			strata_opt_enum_name((enum strata_option)id, 0, text, sizeof text);
			CHECK_MSG(strstr(msg, text) != NULL, "message names %s: %s", text, msg);
		}
		if (r->kind == STRATA_KIND_STRING || r->kind == STRATA_KIND_LIST) {
			CHECK(set_msg((enum strata_option)id, "", msg, sizeof msg) == -1);
			CHECK_MSG(strstr(msg, want) != NULL, "message: %s", msg);
		}
		/* every option belongs to some command, and one line of help */
		CHECK_MSG(r->cmds != 0 && *r->help, "--%s", r->lng);
		for (int j = 0; j < id; j++)
			CHECK_MSG(strcmp(strata_option_rows[j].lng, r->lng) != 0 &&
			          (!r->shrt || strata_option_rows[j].shrt != r->shrt), "--%s twice", r->lng);
	}
}

int main(void)
{
	struct strata_opts o;
	int done;

	check_table();

	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", NULL }), 0);
	CHECK_EQ(o.command, STRATA_CMD_DIG);
	CHECK_STREQ(o.root, ".");
	CHECK_STREQ(o.out, "out");
	CHECK_EQ(o.nexts, 2);
	CHECK_STREQ(o.exts[0], ".c");
	CHECK_STREQ(o.exts[1], ".h");
	CHECK_EQ(o.default_excludes, 1);
	CHECK_EQ(o.depth, 16);
	CHECK_EQ(o.file_ms, 5000);
	CHECK_EQ(o.max_file_bytes, 16u << 20);
	CHECK_EQ(o.progress, -1);
	CHECK_EQ(o.svg, 1);
	CHECK_EQ(o.cache, 1);

	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "-o", "x y", "dig", "my tree", "-j", "3", "--ext", ".inc", NULL }), 0);
	CHECK_STREQ(o.root, "my tree");
	CHECK_STREQ(o.out, "x y");
	CHECK_EQ(o.jobs, 3);
	CHECK_EQ(o.nexts, 1);
	CHECK_STREQ(o.exts[0], ".inc");
	/* --name=value, -jN, bundled flags, unique prefixes, "--" */
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--out=o2", "-qj4", "--max-file=1k", "--no-s", "--", "-d", NULL }), 0);
	CHECK_STREQ(o.out, "o2");
	CHECK_EQ(o.quiet, 1);
	CHECK_EQ(o.jobs, 4);
	CHECK_EQ(o.max_file_bytes, 1024);
	CHECK_EQ(o.svg, 0);
	CHECK_STREQ(o.root, "-d");
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--no", NULL }), 1);   /* ambiguous */

	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "callers", "kalloc", "--in", "sys/kern", NULL }), 0);
	CHECK_EQ(o.command, STRATA_CMD_CALLERS);
	CHECK_STREQ(o.name, "kalloc");
	CHECK_STREQ(o.in, "sys/kern");

	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "callers", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "-j", "x", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "a", "b", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "stats", "-", NULL }), 0);
	CHECK_STREQ(o.stats_file, "-");
	/* the ranges of issue 10: each a usage error */
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "trace", "f", "--depth", "0", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "-j", "100000", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--file-timeout", "0", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--max-file-size", "0", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--out", "", NULL }), 1);
	/* an option the command does not take */
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--depth", "3", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "stats", "f", "-o", "x", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "trace", "f", "--depth", "3", NULL }), 0);
	CHECK_EQ(o.depth, 3);
	/* --deep: vocab (the default) or all; anything else is a usage error */
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", NULL }), 0);
	CHECK_EQ(o.deep, 0);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--deep", "all", NULL }), 0);
	CHECK_EQ(o.deep, 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--deep", "vocab", NULL }), 0);
	CHECK_EQ(o.deep, 0);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--deep", "some", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--deep", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "--version", NULL }), 0);
	CHECK_EQ(done, 1);
	/* merge takes one or more parts, among the options; they end up together in argv */
	{
		char *argv[] = { "strata", "merge", "p0", "-o", "OUT", "p1", "--no-svg", "p 2", NULL };
		CHECK_EQ(strata_opts_parse(&o, 8, argv, &done), 0);
		CHECK_EQ(o.command, STRATA_CMD_MERGE);
		CHECK_EQ(o.nparts, 3);
		CHECK_STREQ(o.parts[0], "p0");
		CHECK_STREQ(o.parts[1], "p1");
		CHECK_STREQ(o.parts[2], "p 2");
		CHECK_STREQ(o.out, "OUT");
		CHECK_EQ(o.svg, 0);
	}
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "merge", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "merge", "p", "--deep", "all", NULL }), 1);
	/* --shard I/N: 0 <= I < N, with -o PART; --files and --compdb are one or the other */
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--shard", "3/8", "-o", "p3", NULL }), 0);
	CHECK_EQ(o.shard, 3);
	CHECK_EQ(o.nshards, 8);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", NULL }), 0);
	CHECK_EQ(o.nshards, 0);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--shard", "8/8", "-o", "p", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--shard", "0/0", "-o", "p", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--shard", "1", "-o", "p", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--shard", "1/2x", "-o", "p", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--shard", "-1/2", "-o", "p", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--shard", "0/2", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--files", "a", "--compdb", "b", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--compdb", "b", NULL }), 0);
	CHECK_STREQ(o.compdb, "b");
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "trace", "f", "--files", "a", NULL }), 1);
	return check_done();
}
