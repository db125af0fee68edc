/*
 * tests/dig/scan/scan_tree.h: building small trees on disk for the walk and cache tests:
 * a fresh folder under $TMPDIR (or /tmp), files with given bytes, and a recursive remove.
 */
#ifndef STRATA_TESTS_DIG_SCAN_TREE_H
#define STRATA_TESTS_DIG_SCAN_TREE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

/* A fresh folder; the name is written into buf. */
static inline int tree_make(char *buf, size_t n, const char *tag)
{
	const char *tmp = getenv("TMPDIR");

	int w = snprintf(buf, n, "%s/strata-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", tag);

	if (w < 0 || (size_t)w >= n)
		return -1;
	return mkdtemp(buf) ? 0 : -1;
}

/* root/rel, written to out (empty when it does not fit). */
static inline void tree_path(char *out, size_t n, const char *root, const char *rel)
{
	int w = snprintf(out, n, "%s/%s", root, rel);

	if (w < 0 || (size_t)w >= n)
		out[0] = '\0';
}

/* Write len bytes to root/rel, creating the folders on the way. */
static inline int tree_write(const char *root, const char *rel, const char *bytes, size_t len)
{
	char p[4096];

	tree_path(p, sizeof(p), root, rel);
	for (char *s = p + strlen(root) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		mkdir(p, 0777);
		*s = '/';
	}
	FILE *f = fopen(p, "wb");
	if (!f)
		return -1;
	size_t w = fwrite(bytes, 1, len, f);
	return fclose(f) == 0 && w == len ? 0 : -1;
}

/* Write a C string to root/rel. */
static inline int tree_put(const char *root, const char *rel, const char *text)
{
	return tree_write(root, rel, text, strlen(text));
}

/* Remove a folder and everything under it (symbolic links are not followed). */
static inline void tree_remove(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		chmod(path, 0700);
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			size_t n = strlen(path) + strlen(e->d_name) + 2;
			char *sub = malloc(n);
			if (!sub)
				continue;
			if (snprintf(sub, n, "%s/%s", path, e->d_name) > 0)
				tree_remove(sub);
			free(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

#endif /* STRATA_TESTS_DIG_SCAN_TREE_H */
