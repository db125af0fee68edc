/*
 * dig/model/paths.c: what a file's path says, before any call is read.
 *
 * 1. Domain. The folder words of the vocabulary (dir-kernel, dir-user, dir-boot, dir-test)
 *    name where code runs: a test or boot word anywhere in the path wins (a test file name
 *    such as test_x.c counts too), else the deepest kernel or user folder decides, and a
 *    file at the root of the tree is "root". No word: undecided (-1), left to what the
 *    file calls (classify.c, impl.c).
 * 2. Nearness. Two paths are as near as the folders they share from the root
 *    (model_path_common_depth): the link stage's tie-breaker and the include resolver's.
 * 3. Headers are the files ending in ".h".
 */
#include <string.h>

#include "dig/model/model_impl.h"
#include "dig/scan/scan.h"

/* "folder NAME/" on the model's list, or NULL when nobody asked for a reason. */
static const char *part_why(const struct model *model, const char *part, int wanted)
{
	return wanted ? model_mem_printf((struct model *)model, "folder %s/", part) : NULL;
}

/* Domain from the folder words of a path: boot or test anywhere wins, else the deepest
 * kernel or user folder decides. */
int model_path_domain(const struct model *model, const char *path, const char **why)
{
	char part[256];
	const char *p = path;
	int deepest = -1;
	const char *deepest_why = NULL;
	int boot = 0, test = 0;
	const char *boot_why = NULL, *test_why = NULL;

	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len;
		int is_dir = slash != NULL;
		if (!slash)
			slash = p + strlen(p);
		len = (size_t)(slash - p);
		if (len >= sizeof part)
			len = sizeof part - 1;
		memcpy(part, p, len);
		part[len] = '\0';
		if (!is_dir) {
			/* the file's own name: only test words count (test_x.c, x_test.c) */
			char *dot = strrchr(part, '.');
			if (dot)
				*dot = '\0';
			if (model_vocab_match(model->vocab, VOCAB_DIR_TEST, part) && !test) {
				test = 1;
				if (why)
					test_why = model_mem_printf((struct model *)model, "file name %s", part);
			}
			break;
		}
		if (model_vocab_match(model->vocab, VOCAB_DIR_TEST, part) && !test) {
			test = 1;
			if (why)
				test_why = model_mem_printf((struct model *)model, "folder %s/", part);
		}
		if (model_vocab_match(model->vocab, VOCAB_DIR_BOOT, part) && !boot) {
			boot = 1;
			if (why)
				boot_why = model_mem_printf((struct model *)model, "folder %s/", part);
		}
		if (model_vocab_match(model->vocab, VOCAB_DIR_KERNEL, part)) {
			deepest = MODEL_DOMAIN_KERNEL;
			deepest_why = part_why(model, part, why != NULL);
		} else if (model_vocab_match(model->vocab, VOCAB_DIR_USER, part)) {
			deepest = MODEL_DOMAIN_USER;
			deepest_why = part_why(model, part, why != NULL);
		}
		p = slash + 1;
	}
	if (!why)
		why = &deepest_why; /* a scratch slot: the caller does not want the reason */
	if (test) {
		*why = test_why;
		return MODEL_DOMAIN_TEST;
	}
	if (boot) {
		*why = boot_why;
		return MODEL_DOMAIN_BOOT;
	}
	if (!strchr(path, '/')) {
		*why = "file at the root of the tree";
		return MODEL_DOMAIN_ROOT;
	}
	*why = deepest_why;
	return deepest;
}

/* Number of leading folder components two paths share (the resolver's, scan/headers.c). */
int model_path_common_depth(const char *a, const char *b)
{
	return dig_path_common_depth(a, b);
}

/* Is the path a header? */
int model_path_is_header(const char *path)
{
	size_t n = strlen(path);
	return n >= 2 && strcmp(path + n - 2, ".h") == 0;
}
