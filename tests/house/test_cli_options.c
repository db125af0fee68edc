/* The CLI option parser: defaults, commands and their arguments, usage errors. */
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

int main(void)
{
	struct strata_opts o;
	int done;

	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", NULL }), 0);
	CHECK_EQ(o.command, STRATA_CMD_DIG);
	CHECK_STREQ(o.root, ".");
	CHECK_STREQ(o.out, "out");
	CHECK_EQ(o.nexts, 2);
	CHECK_EQ(o.default_excludes, 1);

	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "-o", "x y", "dig", "my tree", "-j", "3", "--ext", ".inc", NULL }), 0);
	CHECK_STREQ(o.root, "my tree");
	CHECK_STREQ(o.out, "x y");
	CHECK_EQ(o.jobs, 3);
	CHECK_EQ(o.nexts, 1);
	CHECK_STREQ(o.exts[0], ".inc");

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
	/* --deep: vocab (the default) or all; anything else is a usage error */
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", NULL }), 0);
	CHECK_EQ(o.deep_all, 0);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--deep", "all", NULL }), 0);
	CHECK_EQ(o.deep_all, 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--deep", "vocab", NULL }), 0);
	CHECK_EQ(o.deep_all, 0);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--deep", "some", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "dig", "--deep", NULL }), 1);
	CHECK_EQ(parse(&o, &done, (const char *[]){ "strata", "--version", NULL }), 0);
	CHECK_EQ(done, 1);
	return check_done();
}
