/*
 * dig/scan/walk.c: find the files to read. A depth-first walk of the root with an explicit
 * stack (no recursion, so depth costs heap, not stack), which:
 *   - keeps files whose names end with one of the configured endings (default .c, .h);
 *   - skips folders and files named in the exclude table (VCS, build output, vendored
 *     code; a table, switched off by default_excludes = 0) and the user's excludes
 *     (fnmatch patterns against the name, or against the relative path when they hold '/');
 *   - follows symbolic links whose target lies inside the root, reading each folder and
 *     file once, under its real path: links to folders wait until every real folder is
 *     walked (walk_links), so a link to a folder read already is only a second name of it
 *     (silent), or a loop when the folder holds the link (reported); a folder reached only
 *     through links is read under the first such link path in byte order; a file reached
 *     through a link and by its real path keeps the real path (walk_dedupe: identity is
 *     device and inode). Links that leave the root, dangling links and loops are reported
 *     as inputs skipped (dig_tree_inputs_skipped counts them: exit 3);
 *   - never opens anything but regular files and folders (a FIFO named x.c would hang);
 *   - reports unreadable folders; unreadable files are found when read.
 * Names are kept byte for byte: spaces, quotes, newlines and invalid UTF-8 included.
 * The result is sorted by path bytes, so every later stage is deterministic.
 *
 * Or a list (dig_scan_opts.inputs: --files, --compdb) instead of the walk: each named path
 * is folded lexically (`.`, `..`, `//`) to a path relative to the root -- absolute ones
 * must lie inside it, by their text or their real path -- and taken as the walk takes a
 * file (links followed while they stay inside), without the endings and excludes; what is
 * not there or not a regular file is a diagnostic under the name as given. With
 * inputs_and_headers the walk runs too and keeps its files that are not C sources. A path
 * named twice is read once, with its first naming's flags.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dig/scan/scan_impl.h"

/* Default excludes: folder or file names; a trailing '*' matches any rest of the name.
 * The first WALK_VCS_EXCLUDES are version-control metadata, never sources: skipped
 * silently. The others (build output, vendored code) may hold C a user wants, so each
 * one skipped is recorded (scan_diags.excluded) and the CLI prints a note. */
#define WALK_VCS_EXCLUDES 7
static const char *const walk_default_excludes[] = {
	".git", ".hg", ".svn", "CVS", ".bzr", "_darcs", ".repo",
	"build", "build-*", "build_*", "cmake-build-*", "out", "obj", "_build", "node_modules",
	"vendor", "third_party", "third-party", "external", "__pycache__",
};

/* The default excludes, for help and docs. */
const char *const *dig_scan_default_excludes(size_t *n)
{
	*n = sizeof(walk_default_excludes) / sizeof(walk_default_excludes[0]);
	return walk_default_excludes;
}

/* What the walk says of an input it could not or would not read. Each is "some inputs
 * skipped" (exit 3); dig_tree_inputs_skipped counts them among a tree's diagnostics. A
 * second name of a folder or file the walk reads anyway (a link inside the tree) is not
 * a skip and is not said: the tree is read once, under its real path. */
#define WALK_SKIP_STAT "cannot stat"
#define WALK_SKIP_DANGLING "dangling symbolic link, skipped"
#define WALK_SKIP_OUTSIDE "symbolic link leaves the tree, not followed"
#define WALK_SKIP_LOOP "symbolic link loop (to a folder that holds it), skipped"
#define WALK_SKIP_SPECIAL "not a regular file, skipped"
#define WALK_SKIP_FOLDER "cannot open folder, skipped"
#define WALK_SKIP_LISTING "error reading folder; listing incomplete"
static const char *const walk_skips[] = {
	WALK_SKIP_STAT, WALK_SKIP_DANGLING, WALK_SKIP_OUTSIDE, WALK_SKIP_LOOP, WALK_SKIP_SPECIAL,
	WALK_SKIP_FOLDER, WALK_SKIP_LISTING,
};

uint32_t dig_tree_inputs_skipped(const struct dig_tree *tree)
{
	uint32_t n = 0;
	for (uint32_t i = 0; tree && i < tree->ndiags; i++)
		for (size_t k = 0; k < sizeof(walk_skips) / sizeof(walk_skips[0]); k++)
			if (strncmp(tree->diags[i].reason, walk_skips[k], strlen(walk_skips[k])) == 0) {
				n++;
				break;
			}
	return n;
}

/* Extensions read when the caller gives none. */
static const char *const walk_default_exts[] = { ".c", ".h" };

/* One folder waiting on the stack: its path relative to the root ("" for the root). */
struct walk_dir {
	char *rel;
};

/* A visited folder. */
struct walk_id {
	dev_t dev;
	ino_t ino;
};

/* The walk's state. */
struct walk {
	const struct dig_scan_opts *opts;
	const char *root;             /* as given, without trailing slashes (but "/" stays) */
	char *real_root;              /* realpath of the root, to tell inside from outside */
	struct scan_vec stack;        /* struct walk_dir */
	struct scan_vec deferred;     /* struct walk_dir: links to folders inside the tree, walked
	                                 only after every real folder (walk_links) */
	struct scan_vec seen;         /* struct walk_id, linear: folders are few next to files */
	struct scan_vec *entries;
	struct scan_diags *diags;
	int oom;
};

/* Record "path: reason" (both copied). */
void scan_diags_add(struct scan_diags *diags, const char *path, const char *reason)
{
	struct dig_diag *d = scan_vec_push(&diags->items, sizeof(*d));

	if (!d)
		return;
	d->path = strdup(path);
	d->reason = strdup(reason);
	if (!d->path || !d->reason) {
		free((char *)d->path);
		free((char *)d->reason);
		diags->items.n--;
	}
}

/* Free the diagnostics. */
void scan_diags_fini(struct scan_diags *diags)
{
	struct dig_diag *d = diags->items.data;

	for (uint32_t i = 0; i < diags->items.n; i++) {
		free((char *)d[i].path);
		free((char *)d[i].reason);
	}
	scan_vec_fini(&diags->items);
	char **x = diags->excluded.data;
	for (uint32_t i = 0; i < diags->excluded.n; i++)
		free(x[i]);
	scan_vec_fini(&diags->excluded);
}

/* "a" + "/" + "b" in fresh memory ("b" alone when a is empty). */
static char *walk_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = malloc(la + lb + 2);

	if (!p)
		return NULL;
	if (la) {
		memcpy(p, a, la);
		p[la++] = '/';
	}
	memcpy(p + la, b, lb + 1);
	return p;
}

/* The path open() takes for a relative path. */
static char *walk_abs(const struct walk *w, const char *rel)
{
	if (!*rel)
		return strdup(w->root);
	return walk_join(w->root, rel);   /* "//x" when the root is "/": still a valid path */
}

/* Does a name match a pattern of the exclude table (exact, or prefix with '*')? */
static int walk_table_match(const char *pat, const char *name)
{
	size_t n = strlen(pat);

	if (n && pat[n - 1] == '*')
		return strncmp(pat, name, n - 1) == 0;
	return strcmp(pat, name) == 0;
}

/* Is this a folder the caller wants left out (dig_scan_opts.skip_dev/skip_ino: the
 * output folders)? */
static int walk_skipped(const struct walk *w, const struct stat *st)
{
	if (!S_ISDIR(st->st_mode))
		return 0;
	for (int i = 0; i < w->opts->nskip; i++)
		if (w->opts->skip_dev[i] == (uint64_t)st->st_dev && w->opts->skip_ino[i] == (uint64_t)st->st_ino)
			return 1;
	return 0;
}

/* Is this entry excluded by the user or by the table? A table exclude outside version
 * control metadata is recorded for the CLI's note (not when the user excluded it too). */
static int walk_excluded(struct walk *w, const char *name, const char *rel, const char *abs)
{
	for (int i = 0; i < w->opts->nexcludes; i++) {
		const char *p = w->opts->excludes[i];
		if (!p)
			continue;
		if (strchr(p, '/') ? fnmatch(p, rel, FNM_PATHNAME) == 0 : fnmatch(p, name, 0) == 0)
			return 1;
	}
	if (w->opts->default_excludes)
		for (size_t i = 0; i < sizeof(walk_default_excludes) / sizeof(walk_default_excludes[0]); i++)
			if (walk_table_match(walk_default_excludes[i], name)) {
				char **slot;
				struct stat st;
				/* the output folder (`out` inside the tree) is no skipped input: no note */
				if (i >= WALK_VCS_EXCLUDES && w->opts->nskip && lstat(abs, &st) == 0 && walk_skipped(w, &st))
					return 1;
				if (i >= WALK_VCS_EXCLUDES) {
					slot = scan_vec_push(&w->diags->excluded, sizeof(*slot));
					if (!slot || !(*slot = strdup(rel))) {
						if (slot)
							w->diags->excluded.n--;
						w->oom = 1;
					}
				}
				return 1;
			}
	return 0;
}

/* Does the file name end with a configured ending? */
static int walk_wanted(const struct walk *w, const char *name)
{
	size_t n = strlen(name);
	int ne = w->opts->nexts;
	const char *const *exts = w->opts->exts;

	if (ne <= 0 || !exts) {
		exts = walk_default_exts;
		ne = (int)(sizeof(walk_default_exts) / sizeof(walk_default_exts[0]));
	}
	for (int i = 0; i < ne; i++) {
		size_t l = exts[i] ? strlen(exts[i]) : 0;
		if (l && n > l && strcmp(name + n - l, exts[i]) == 0)
			return 1;
	}
	return 0;
}

/* Has this folder been visited? If not, remember it. */
static int walk_seen(struct walk *w, const struct stat *st)
{
	struct walk_id *id = w->seen.data;

	for (uint32_t i = 0; i < w->seen.n; i++)
		if (id[i].dev == st->st_dev && id[i].ino == st->st_ino)
			return 1;
	id = scan_vec_push(&w->seen, sizeof(*id));
	if (!id) {
		w->oom = 1;
		return 1;
	}
	id->dev = st->st_dev;
	id->ino = st->st_ino;
	return 0;
}

/* Add a diagnostic with a formatted reason. */
static void walk_diag(struct walk *w, const char *rel, const char *what, const char *detail)
{
	char buf[PATH_MAX + 128];

	snprintf(buf, sizeof(buf), "%s%s%s", what, detail ? ": " : "", detail ? detail : "");
	scan_diags_add(w->diags, *rel ? rel : w->root, buf);
}

/* Add a file entry. */
static void walk_add_file(struct walk *w, const char *rel, const char *abs, const struct stat *st, int via_link)
{
	struct scan_entry *e = scan_vec_push(w->entries, sizeof(*e));

	if (!e) {
		w->oom = 1;
		return;
	}
	e->path = strdup(rel);
	e->abs = strdup(abs);
	struct scan_stat ss;
	scan_stat_of(&ss, st);
	e->size = ss.size;
	e->mtime_ns = ss.mtime_ns;
	e->ctime_ns = ss.ctime_ns;
	e->ino = ss.ino;
	e->dev = (uint64_t)st->st_dev;
	e->via_link = via_link;
	e->input = -1;
	if (!e->path || !e->abs) {
		free(e->path);
		free(e->abs);
		w->entries->n--;
		w->oom = 1;
	}
}

/* Is a resolved path inside the root? */
static int walk_inside(const struct walk *w, const char *real)
{
	size_t n = strlen(w->real_root);

	if (strcmp(w->real_root, "/") == 0)
		return 1;
	return strncmp(real, w->real_root, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

/* One directory entry: decide, then queue a folder or add a file. */
static void walk_entry(struct walk *w, const char *dir_rel, const char *name)
{
	char *rel = walk_join(dir_rel, name), *abs = rel ? walk_abs(w, rel) : NULL;
	struct stat st;
	int via_link = 0;

	if (!rel || !abs) {
		w->oom = 1;
		goto out;
	}
	if (walk_excluded(w, name, rel, abs))
		goto out;
	if (lstat(abs, &st) != 0) {
		walk_diag(w, rel, WALK_SKIP_STAT, strerror(errno));
		goto out;
	}
	if (S_ISLNK(st.st_mode)) {
		int is_dir_or_wanted;
		char *real = realpath(abs, NULL);
		if (!real) {
			if (walk_wanted(w, name))
				walk_diag(w, rel, WALK_SKIP_DANGLING, strerror(errno));
			goto out;
		}
		if (stat(real, &st) != 0) {
			free(real);
			goto out;
		}
		is_dir_or_wanted = S_ISDIR(st.st_mode) || walk_wanted(w, name);
		if (!walk_inside(w, real)) {
			if (is_dir_or_wanted)
				walk_diag(w, rel, WALK_SKIP_OUTSIDE, real);
			free(real);
			goto out;
		}
		free(real);
		if (S_ISDIR(st.st_mode)) {
			/* a folder of the tree under a second name: read under its real path if the
			 * walk reaches that, so links wait until every real folder is walked */
			struct walk_dir *d = scan_vec_push(&w->deferred, sizeof(*d));
			if (!d) {
				w->oom = 1;
				goto out;
			}
			d->rel = rel;
			rel = NULL;
			goto out;
		}
		via_link = 1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (walk_skipped(w, &st))
			goto out;          /* the output folder inside the tree: never read */
		if (walk_seen(w, &st))
			goto out;          /* reached twice by real paths (a bind mount): read once */
		struct walk_dir *d = scan_vec_push(&w->stack, sizeof(*d));
		if (!d) {
			w->oom = 1;
			goto out;
		}
		d->rel = rel;
		rel = NULL;
	} else if (walk_wanted(w, name)) {
		if (S_ISREG(st.st_mode))
			walk_add_file(w, rel, abs, &st, via_link);
		else
			walk_diag(w, rel, WALK_SKIP_SPECIAL, NULL);
	}
out:
	free(rel);
	free(abs);
}

/* Read one folder's names, sorted so the stack order (and the diagnostics) are stable. */
static int walk_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* List a folder and handle each entry. */
static void walk_dir(struct walk *w, const char *rel)
{
	char *abs = walk_abs(w, rel);
	DIR *dir = abs ? opendir(abs) : NULL;
	struct dirent *de;
	struct scan_vec names = { 0 };

	if (!abs) {
		w->oom = 1;
		return;
	}
	if (!dir) {
		walk_diag(w, *rel ? rel : w->root, WALK_SKIP_FOLDER, strerror(errno));
		free(abs);
		return;
	}
	errno = 0;
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char **slot = scan_vec_push(&names, sizeof(*slot));
		if (!slot || !(*slot = strdup(de->d_name))) {
			if (slot)
				names.n--;
			w->oom = 1;
			break;
		}
	}
	if (errno && !w->oom)
		walk_diag(w, *rel ? rel : w->root, WALK_SKIP_LISTING, strerror(errno));
	closedir(dir);
	free(abs);
	char **v = names.data;
	if (names.n > 1)
		qsort(v, names.n, sizeof(*v), walk_cmp_names);
	for (uint32_t i = 0; i < names.n; i++) {
		if (!w->oom)
			walk_entry(w, rel, v[i]);
		free(v[i]);
	}
	scan_vec_fini(&names);
}

/* Walk the folders on the stack, depth first; children are pushed in reverse name order so
 * they pop in order, which only matters for the order of diagnostics (entries are sorted
 * at the end anyway). */
static void walk_drain(struct walk *w)
{
	while (w->stack.n > 0 && !w->oom) {
		struct walk_dir *top = (struct walk_dir *)w->stack.data + --w->stack.n;
		char *rel = top->rel;
		uint32_t base = w->stack.n;
		walk_dir(w, rel);
		struct walk_dir *v = w->stack.data;
		for (uint32_t i = base, j = w->stack.n; i + 1 < j; i++, j--) {
			struct walk_dir t = v[i];
			v[i] = v[j - 1];
			v[j - 1] = t;
		}
		free(rel);
	}
}

/* Order folder entries by path bytes, the last first (they are taken from the end). */
static int walk_cmp_dirs_desc(const void *a, const void *b)
{
	return strcmp(((const struct walk_dir *)b)->rel, ((const struct walk_dir *)a)->rel);
}

/* The links to folders inside the tree, after every real folder: a link to a folder the
 * walk has read is a second name of it (the files keep their real paths) or, when the
 * folder holds the link, a loop (said: an input skipped); a link to a folder the walk
 * cannot reach otherwise (an excluded one) is walked under the link's path, the first
 * such link by path bytes giving the name. Links found inside are taken in turn. */
static void walk_links(struct walk *w)
{
	while (w->deferred.n > 0 && !w->oom) {
		if (w->deferred.n > 1)
			qsort(w->deferred.data, w->deferred.n, sizeof(struct walk_dir), walk_cmp_dirs_desc);
		char *rel = ((struct walk_dir *)w->deferred.data)[--w->deferred.n].rel;
		char *abs = walk_abs(w, rel);
		struct stat st;
		if (!abs) {
			w->oom = 1;
			free(rel);
			break;
		}
		if (stat(abs, &st) != 0 || !S_ISDIR(st.st_mode) || walk_skipped(w, &st)) {
			free(abs);
			free(rel);
			continue;
		}
		if (walk_seen(w, &st)) {
			/* a loop when the target holds the link: its real path is a prefix of the
			 * real path of the folder the link is in */
			char *slash = strrchr(abs, '/'), *target = realpath(abs, NULL), *here = NULL;
			if (slash) {
				*slash = '\0';
				here = realpath(abs, NULL);
			}
			if (target && here) {
				size_t tl = strlen(target);
				if (strncmp(here, target, tl) == 0 && (here[tl] == '/' || here[tl] == '\0' || tl == 1))
					walk_diag(w, rel, WALK_SKIP_LOOP, NULL);
			}
			free(target);
			free(here);
			free(abs);
			free(rel);
			continue;
		}
		free(abs);
		struct walk_dir *d = scan_vec_push(&w->stack, sizeof(*d));
		if (!d) {
			w->oom = 1;
			free(rel);
			break;
		}
		d->rel = rel;
		walk_drain(w);
	}
}

/* Order entry indices by file identity (device, inode), then real path before link path,
 * then path bytes. */
static int walk_cmp_ids(const void *a, const void *b, void *arg)
{
	const struct scan_entry *e = arg, *x = &e[*(const uint32_t *)a], *y = &e[*(const uint32_t *)b];

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	if (x->via_link != y->via_link)
		return x->via_link - y->via_link;
	return strcmp(x->path, y->path);
}

/* A file reached through a link and by another path is read once: under its real path,
 * or (reached by links only) under the first link path by bytes. Hard links (two real
 * paths) stay two files, as copies. */
static void walk_dedupe(struct scan_vec *entries)
{
	struct scan_entry *e = entries->data;
	uint32_t n = entries->n, links = 0, kept = 0;
	uint32_t *idx;
	unsigned char *drop;

	for (uint32_t i = 0; i < n; i++)
		links += e[i].via_link;
	if (links == 0)
		return;
	idx = malloc((size_t)n * sizeof(*idx));
	drop = calloc(n ? n : 1, 1);
	if (!idx || !drop) {
		free(idx);
		free(drop);
		return;              /* out of memory: read the file twice, as before */
	}
	for (uint32_t i = 0; i < n; i++)
		idx[i] = i;
	qsort_r(idx, n, sizeof(*idx), walk_cmp_ids, e);
	for (uint32_t a = 0; a < n;) {
		uint32_t b = a + 1;
		while (b < n && e[idx[b]].dev == e[idx[a]].dev && e[idx[b]].ino == e[idx[a]].ino)
			b++;
		/* idx[a..b): one file; the first is a real path if there is one */
		for (uint32_t i = a + 1; i < b; i++)
			if (e[idx[i]].via_link)
				drop[idx[i]] = 1;
		a = b;
	}
	for (uint32_t i = 0; i < n; i++) {
		if (drop[i]) {
			scan_entry_free(&e[i]);
			continue;
		}
		e[kept++] = e[i];
	}
	entries->n = kept;
	free(idx);
	free(drop);
}

/* Sort entries by path bytes; a path named twice keeps its first naming first. */
static int walk_cmp_entries(const void *a, const void *b)
{
	const struct scan_entry *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	/* walked (-1) after listed; listed in the order named */
	if (x->input != y->input)
		return x->input < 0 ? 1 : y->input < 0 ? -1 : x->input < y->input ? -1 : 1;
	return 0;
}

/* Fold a '/'-separated path lexically: empty and `.` parts dropped, `..` takes the part
 * before it; an absolute path keeps its leading '/'. Returns a malloc'd string ("" or "/"
 * for the start itself), or NULL when `..` climbs above the start or memory runs out
 * (*oom then set). */
static char *walk_fold(const char *p, int *oom)
{
	size_t n = strlen(p), base = *p == '/', o = base;
	char *out = malloc(n + 2);

	if (!out) {
		*oom = 1;
		return NULL;
	}
	out[0] = '/';
	while (*p) {
		const char *e = strchr(p, '/');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == 2 && p[0] == '.' && p[1] == '.') {
			if (o == base) {
				free(out);
				return NULL;
			}
			while (o > base && out[o - 1] != '/')
				o--;
			if (o > base)
				o--;         /* the '/' before the part taken back */
		} else if (l > 0 && !(l == 1 && p[0] == '.')) {
			if (o > base)
				out[o++] = '/';
			memcpy(out + o, p, l);
			o += l;
		}
		p += l;
		if (*p == '/')
			p++;
	}
	out[o] = '\0';
	return out;
}

/* The part of an absolute folded path below the absolute folded folder `dir`, or NULL
 * when it is not below it. */
static const char *walk_below(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 1)
		return path[0] == '/' && path[1] ? path + 1 : NULL;
	return strncmp(path, dir, n) == 0 && path[n] == '/' && path[n + 1] ? path + n + 1 : NULL;
}

/* The absolute form of the root as written (cwd joined in front of a relative one),
 * folded; malloc'd, or NULL. */
static char *walk_root_abs(const char *root, int *oom)
{
	char cwd[PATH_MAX], *joined, *folded;

	if (root[0] == '/')
		return walk_fold(root, oom);
	if (!getcwd(cwd, sizeof(cwd)))
		return NULL;
	joined = walk_join(cwd, root);
	if (!joined) {
		*oom = 1;
		return NULL;
	}
	folded = walk_fold(joined, oom);
	free(joined);
	return folded;
}

/* A named path relative to the root: folded when relative; when absolute, cut below the
 * root by its text, else by the real path of its folder. malloc'd; NULL when it lies
 * outside the root (or memory runs out: *oom). */
static char *walk_relative(const struct walk *w, const char *root_abs, const char *name, int *oom)
{
	char *folded, *rel = NULL;
	const char *below;

	if (name[0] != '/')
		return walk_fold(name, oom);
	folded = walk_fold(name, oom);
	if (!folded)
		return NULL;
	if (root_abs && (below = walk_below(folded, root_abs)) != NULL) {
		rel = strdup(below);
		if (!rel)
			*oom = 1;
	} else if (folded[1]) {
		/* the root reached through a link: compare real folders */
		char *slash = strrchr(folded, '/'), *real;
		*slash = '\0';
		real = realpath(*folded ? folded : "/", NULL);
		if (real && walk_inside(w, real)) {
			below = strcmp(real, w->real_root) == 0 ? "" : walk_below(real, w->real_root);
			rel = *below ? walk_join(below, slash + 1) : strdup(slash + 1);
			if (!rel)
				*oom = 1;
		}
		free(real);
	}
	free(folded);
	return rel;
}

/* An input's -I folders that lie inside the root, relative to it, into e. */
static void walk_include_dirs(struct walk *w, const char *root_abs, struct scan_entry *e,
                              const struct dig_scan_input *in)
{
	if (!in->ninclude_dirs)
		return;
	e->include_dirs = calloc(in->ninclude_dirs, sizeof(*e->include_dirs));
	if (!e->include_dirs) {
		w->oom = 1;
		return;
	}
	for (uint32_t i = 0; i < in->ninclude_dirs; i++) {
		int oom = 0;
		char *rel = in->include_dirs[i] ? walk_relative(w, root_abs, in->include_dirs[i], &oom) : NULL;
		if (oom)
			w->oom = 1;
		if (rel)
			e->include_dirs[e->ninclude_dirs++] = rel;
	}
}

/* A named file that is not read: an entry skipped for `why` (+ ": detail"), under its
 * path in the tree or, outside it, its name as given. */
static void walk_input_skip(struct walk *w, const char *path, const char *why, const char *detail)
{
	struct scan_entry *e = scan_vec_push(w->entries, sizeof(*e));
	size_t n = strlen(why) + (detail ? strlen(detail) + 2 : 0) + 1;

	if (!e) {
		w->oom = 1;
		return;
	}
	e->input = -1;
	e->path = strdup(path);
	e->abs = strdup(path);
	e->skip = malloc(n);
	if (!e->path || !e->abs || !e->skip) {
		scan_entry_free(e);
		w->entries->n--;
		w->oom = 1;
		return;
	}
	snprintf(e->skip, n, "%s%s%s", why, detail ? ": " : "", detail ? detail : "");
}

/* One named file: fold it below the root and take it as the walk takes a file. A name
 * that cannot be read (outside the tree, missing, not a regular file) is a file of the
 * dig all the same, skipped with the reason, so the exit status says inputs were
 * skipped. */
static void walk_input(struct walk *w, const char *root_abs, int32_t k)
{
	const struct dig_scan_input *in = &w->opts->inputs[k];
	const char *name = in->path ? in->path : "";
	int oom = 0;
	char *rel = walk_relative(w, root_abs, name, &oom), *abs = NULL;
	struct stat st;

	if (oom) {
		w->oom = 1;
		goto out;
	}
	if (!rel || !*rel) {
		walk_input_skip(w, name, "named in the file list but outside the tree, skipped", NULL);
		goto out;
	}
	if (!(abs = walk_abs(w, rel))) {
		w->oom = 1;
		goto out;
	}
	if (stat(abs, &st) != 0) {
		walk_input_skip(w, rel, "named in the file list but cannot be read, skipped", strerror(errno));
		goto out;
	}
	char *real = realpath(abs, NULL);
	int inside = real && walk_inside(w, real);
	free(real);
	if (!inside) {
		walk_input_skip(w, rel, "named in the file list, but a symbolic link that leaves the tree, skipped", NULL);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		walk_input_skip(w, rel, "named in the file list but not a regular file, skipped", NULL);
		goto out;
	}
	uint32_t at = w->entries->n;
	walk_add_file(w, rel, abs, &st, 0);
	if (w->entries->n > at) {
		struct scan_entry *e = (struct scan_entry *)w->entries->data + at;
		e->input = k;
		walk_include_dirs(w, root_abs, e, in);
	}
out:
	free(rel);
	free(abs);
}

/* Free one entry's strings. */
void scan_entry_free(struct scan_entry *e)
{
	free(e->path);
	free(e->abs);
	free(e->skip);
	for (uint32_t i = 0; i < e->ninclude_dirs; i++)
		free(e->include_dirs[i]);
	free(e->include_dirs);
}

/* The list instead of (or, for headers, beside) the walk: entries not named drop out,
 * duplicates keep their first naming. */
static void walk_inputs(struct walk *w)
{
	struct scan_entry *e = w->entries->data;
	uint32_t kept = 0;
	int oom = 0;
	char *root_abs = walk_root_abs(w->root, &oom);

	if (oom) {
		w->oom = 1;
		return;
	}
	/* the walk's own files, when it ran: only its headers stay */
	for (uint32_t i = 0; i < w->entries->n; i++) {
		size_t n = strlen(e[i].path);
		if (n >= 2 && strcmp(e[i].path + n - 2, ".c") == 0)
			scan_entry_free(&e[i]);
		else
			e[kept++] = e[i];
	}
	w->entries->n = kept;
	for (uint32_t k = 0; k < w->opts->ninputs && !w->oom; k++)
		walk_input(w, root_abs, (int32_t)k);
	free(root_abs);
	e = w->entries->data;
	if (w->entries->n > 1)
		qsort(e, w->entries->n, sizeof(*e), walk_cmp_entries);
	kept = 0;
	for (uint32_t i = 0; i < w->entries->n; i++) {
		if (kept && strcmp(e[kept - 1].path, e[i].path) == 0)
			scan_entry_free(&e[i]);
		else
			e[kept++] = e[i];
	}
	w->entries->n = kept;
}

/* The walk: the root may be a folder or a single file. */
int scan_walk(const struct dig_scan_opts *opts, struct scan_vec *entries, struct scan_diags *diags,
              const char **err)
{
	struct walk w;
	struct stat st;
	size_t rl;
	char *root;

	memset(&w, 0, sizeof(w));
	w.opts = opts;
	w.entries = entries;
	w.diags = diags;
	root = strdup(opts->root && *opts->root ? opts->root : ".");
	if (!root) {
		*err = "out of memory";
		return -1;
	}
	rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		root[--rl] = '\0';
	w.root = root;
	if (stat(root, &st) != 0) {
		*err = strerror(errno);
		free(root);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		const char *base = strrchr(root, '/');
		if (!S_ISREG(st.st_mode)) {
			*err = "not a folder or a regular file";
			free(root);
			return -1;
		}
		struct scan_entry *e = NULL;
		if (opts->inputs) {
			*err = "a file list (--files, --compdb) wants DIR to be a folder";
			free(root);
			return -1;
		}
		e = scan_vec_push(entries, sizeof(*e));
		if (e)
			e->input = -1;
		if (!e || !(e->path = strdup(base ? base + 1 : root)) || !(e->abs = strdup(root))) {
			*err = "out of memory";
			free(root);
			return -1;
		}
		struct scan_stat ss;
		scan_stat_of(&ss, &st);
		e->size = ss.size;
		e->mtime_ns = ss.mtime_ns;
		e->ctime_ns = ss.ctime_ns;
		e->ino = ss.ino;
		free(root);
		return 0;
	}
	w.real_root = realpath(root, NULL);
	if (!w.real_root) {
		*err = strerror(errno);
		free(root);
		return -1;
	}
	if (opts->inputs && !opts->inputs_and_headers) {
		walk_inputs(&w);
		goto done;
	}
	walk_seen(&w, &st);
	struct walk_dir *d = scan_vec_push(&w.stack, sizeof(*d));
	if (!d || !(d->rel = strdup(""))) {
		*err = "out of memory";
		free(w.real_root);
		free(root);
		return -1;
	}
	walk_drain(&w);
	walk_links(&w);
	while (w.stack.n > 0)
		free(((struct walk_dir *)w.stack.data)[--w.stack.n].rel);
	while (w.deferred.n > 0)
		free(((struct walk_dir *)w.deferred.data)[--w.deferred.n].rel);
	if (!w.oom)
		walk_dedupe(entries);
	if (opts->inputs && !w.oom)
		walk_inputs(&w);
	else if (entries->n > 1)
		qsort(entries->data, entries->n, sizeof(struct scan_entry), walk_cmp_entries);
done:
	scan_vec_fini(&w.stack);
	scan_vec_fini(&w.deferred);
	scan_vec_fini(&w.seen);
	free(w.real_root);
	free(root);
	if (w.oom) {
		*err = "out of memory";
		return -1;
	}
	return 0;
}

/* Free what the walk returned. */
void scan_walk_free(struct scan_vec *entries)
{
	struct scan_entry *e = entries->data;

	for (uint32_t i = 0; i < entries->n; i++)
		scan_entry_free(&e[i]);
	scan_vec_fini(entries);
}
