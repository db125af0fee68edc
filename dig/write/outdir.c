/*
 * dig/write/outdir.c: the output folder OUT, replaced whole or not at all. Theory.
 *
 * Concepts. OUT is a real folder (never a symbolic link) in a real parent folder PARENT.
 * strata writes into OUT only what it can prove it wrote itself, and replaces OUT only
 * when OUT is
 *   - missing (PARENT must exist: strata makes no parents),
 *   - empty, or
 *   - an earlier strata output: a folder holding a marker `.strata-output` whose manifest
 *     names every entry of the folder (folders, and files with their size and XXH3 hash)
 *     and nothing else, with a checksum of its own; or a folder in the shape the first
 *     strata (output format 0, before the marker) left: the artifact names, `.strata-root`
 *     and `.strata-cache/facts.cache` starting with the cache's magic, nothing else.
 * Anything else -- a user file beside a strata output, a changed report, a symbolic link,
 * a marker that does not match the folder (a marker copied into a user folder proves
 * nothing: the manifest must name exactly what is there, byte for byte), a marker of a
 * format this strata cannot read -- is refused with exit 2 and a message that names OUT
 * and the first entry that strata did not write. OUT must also not be DIR, nor an
 * ancestor of DIR (compared by real path, and by device and inode up DIR's real chain),
 * nor the current folder or an ancestor of it (the shell would be left in a folder that
 * is gone); OUT inside DIR is allowed (then the walk skips it: write_out_skip).
 *
 * Layout during a dig (all in PARENT, so every rename stays on one file system):
 *   PARENT/OUT                  the current output (complete)
 *   PARENT/.OUT.tmp-XXXXXX      the new output being written: report, artifacts, the fact
 *                               cache (.strata-cache/), .strata-root, and anything a later
 *                               writer adds (a query index): everything in it moves as one.
 *                               Its marker says `state writing` until the manifest is done.
 * Commit: the manifest of the new folder is written (`.strata-output.tmp`, then renamed
 * inside it), OUT is checked again (a change since the start is checked in full), and the
 * two folders are swapped with one renameat2(RENAME_EXCHANGE) -- or, when OUT is missing,
 * the new folder is renamed to OUT with RENAME_NOREPLACE. There is no moment at which OUT
 * is missing or mixed: before the exchange it is the old output, after it the new one.
 * The old output, now at the temporary name, is then removed entry by entry as its
 * manifest lists them, the marker last, and the folder with rmdir (which fails, and leaves
 * the folder, if something unlisted appeared in it).
 * On a file system without RENAME_EXCHANGE (EINVAL: NFS, some FUSE) the swap falls back to
 * two renames (OUT to .OUT.old-XXXXXX, then the new folder to OUT), with a window between
 * them in which OUT is missing; README says so.
 *
 * Orphans. A dig killed at any moment leaves at most one `.OUT.tmp-XXXXXX` (the new
 * output half written, or the old one half removed). The next dig into OUT removes each
 * `.OUT.tmp-XXXXXX` and `.OUT.old-XXXXXX` beside it that strata can prove it made: a
 * writing-state marker with only names strata writes, or a complete manifest the folder's
 * entries are a subset of (a removal that was cut short: the marker goes last, and a
 * format-0 output is given a manifest before any of it is removed), or an empty folder,
 * or a whole format-0 output. Any other folder of that name is left alone, with a note.
 *
 * Locking. Two locks, both flock(LOCK_EX) on folders that exist anyway, so nothing is
 * created for a lock and nothing is left behind:
 *   - PARENT (an open folder) is held only while a dig looks at OUT and the folders beside
 *     it: at the start (orphans, OUT examined, the new folder made) and at the commit (the
 *     swap and the old output's removal). These are short; a dig that finds it held waits.
 *   - The new folder `.OUT.tmp-XXXXXX` is held by its dig from the moment it is made (still
 *     under PARENT's lock) until the dig ends. So a `.OUT.tmp-` folder that another dig
 *     holds is a live dig into the same OUT, never an orphan: the start leaves
 *     it alone, lets PARENT go, says it waits, waits for that folder's lock and then looks
 *     again (and sees the first's complete output). One that nobody holds is an orphan
 *     (a `.OUT.old-` folder exists only inside a commit, under PARENT's lock).
 * Digs into sibling folders (`-o a`, `-o b` in one PARENT) therefore run at once, and two
 * digs into one OUT take turns. Queries take no lock: they
 * open OUT once (write_out_open) and read every file relative to that descriptor, so a
 * swap in between cannot mix two runs; the folder they hold stays whole until they have
 * read it or a removal takes its files (then they say so and the caller may retry).
 *
 * Failure: every function returns -1 with a message in the caller's buffer (names escaped
 * for a terminal: write_msg_escape); write_out_abort removes the new folder (by the same
 * proof as an orphan) and unlocks. Nothing is left behind by a refused or failed run.
 * Each step that changes the file system first calls dig_fault_point (a test hook).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dig/scan/scan.h"
#include "dig/write/write_impl.h"

#define OUT_SUFFIX_LEN 6           /* mkdtemp's XXXXXX */

struct write_out {
	char *shown;               /* OUT as given, escaped for messages */
	char *parent;              /* the real path of OUT's parent folder */
	char *base;                /* OUT's last name */
	char *path;                /* parent/base */
	int parent_fd;             /* PARENT, open (locked at the start and the commit) */
	int tmp_fd;                /* the new folder, open and locked until the dig ends */
	enum write_out_kind kind;        /* what OUT was when the dig began */
	struct write_list seen;      /* OUT's entries then (to notice a change before the swap) */
	int out_exists;            /* OUT was a folder at the first look (out_dev, out_ino valid) */
	uint64_t out_dev, out_ino; /* OUT's folder */
	char *tmpname;             /* .OUT.tmp-XXXXXX */
	char *tmp;                 /* parent/tmpname */
	char *cache_old;           /* OUT/.strata-cache when OUT is strata's, else NULL */
	char *cache_new;           /* tmp/.strata-cache */
	uint64_t tmp_dev, tmp_ino;
};

/* Is name `.BASE.tmp-XXXXXX` or `.BASE.old-XXXXXX` (mkdtemp's six letters or digits)? */
static int out_orphan_name(const char *name, const char *base)
{
	size_t bl = strlen(base);
	if (name[0] != '.' || strncmp(name + 1, base, bl) != 0)
		return 0;
	name += 1 + bl;
	if (strncmp(name, ".tmp-", 5) != 0 && strncmp(name, ".old-", 5) != 0)
		return 0;
	name += 5;
	for (int i = 0; i < OUT_SUFFIX_LEN; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9')))
			return 0;
	return name[OUT_SUFFIX_LEN] == '\0';
}

/* Remove the orphans of killed runs beside OUT (what strata can prove it made), under
 * PARENT's lock. A `.OUT.tmp-` folder another dig holds locked is a live dig into OUT:
 * then its descriptor is returned, still open, for the caller to wait on; else -1. */
static int out_clean_orphans(struct write_out *o, FILE *note)
{
	int fd = dup(o->parent_fd), busy = -1;
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	struct write_list names = { 0 };

	if (!d) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rewinddir(d);
	while ((de = readdir(d)) != NULL)
		if (out_orphan_name(de->d_name, o->base) && !write_list_add(&names, de->d_name))
			break;
	closedir(d);
	for (uint32_t i = 0; i < names.n && busy < 0; i++) {
		char why[512];
		int ofd = openat(o->parent_fd, names.v[i].rel, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (ofd >= 0 && flock(ofd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
			busy = ofd;
			break;
		}
		if (write_folder_remove_own(o->parent_fd, names.v[i].rel, 0, why, sizeof(why)) != 0 && note) {
			char *shown = write_escaped(names.v[i].rel), *parent = write_escaped(o->parent);
			fprintf(note, "strata: %s/%s: left alone (it %s)\n", parent ? parent : "?", shown ? shown : "?", why);
			free(shown);
			free(parent);
		}
		if (ofd >= 0)
			close(ofd);
	}
	write_list_fini(&names);
	return busy;
}

/* Take PARENT's lock, saying once that a dig waits for it. 0, or -1 with why. */
static int out_lock_parent(struct write_out *o, FILE *note, int *said, char *why, size_t n)
{
	if (flock(o->parent_fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (note && !*said) {
		fprintf(note, "strata: another strata dig is writing beside %s; waiting for it\n", o->shown);
		fflush(note);
		*said = 1;
	}
	while (flock(o->parent_fd, LOCK_EX) != 0)
		if (errno != EINTR)
			return write_fail(why, n, "%s: cannot lock its parent folder: %s", o->shown, strerror(errno));
	return 0;
}

/* Under PARENT's lock: clean the orphans beside OUT; while a live dig into OUT holds its
 * new folder, let PARENT go, wait for that dig to end and look again. 0 (PARENT locked,
 * no live dig into OUT), or -1 with why. */
static int out_wait_turn(struct write_out *o, FILE *note, char *why, size_t n)
{
	int said = 0;
	for (;;) {
		if (out_lock_parent(o, note, &said, why, n) != 0)
			return -1;
		int busy = out_clean_orphans(o, note);
		if (busy < 0)
			return 0;
		flock(o->parent_fd, LOCK_UN);
		if (note && !said) {
			fprintf(note, "strata: another strata dig is writing %s; waiting for it\n", o->shown);
			fflush(note);
			said = 1;
		}
		int rc;
		while ((rc = flock(busy, LOCK_EX)) != 0 && errno == EINTR)
			;
		int e = errno;
		close(busy);
		if (rc != 0)
			return write_fail(why, n, "%s: cannot wait for the dig writing it: %s", o->shown, strerror(e));
	}
}

/* ---- paths --------------------------------------------------------------------------- */

/* Split OUT into its real parent folder and last name. Returns 0 or -1 (why set). */
static int out_resolve(struct write_out *o, const char *out, char *why, size_t n)
{
	char *copy = strdup(out), *slash, *real = NULL;
	size_t len;
	int rc = -1;

	if (!copy)
		return write_fail(why, n, "out of memory");
	len = strlen(copy);
	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	slash = strrchr(copy, '/');
	const char *last = slash ? slash + 1 : copy;
	if (strcmp(copy, "/") == 0 || strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
		/* `-o .`, `-o ..`, `-o x/..`: the folder it names */
		real = realpath(copy, NULL);
		if (!real) {
			write_fail(why, n, "%s: %s", o->shown, strerror(errno));
			goto out;
		}
		if (strcmp(real, "/") == 0) {
			write_fail(why, n, "%s is the root folder: strata never replaces it (choose a new folder for -o)", o->shown);
			goto out;
		}
		slash = strrchr(real, '/');
		*slash = '\0';
		o->parent = strdup(*real ? real : "/");
		o->base = strdup(slash + 1);
	} else {
		char *parent_given;
		if (slash == copy)
			parent_given = strdup("/");
		else if (slash) {
			*slash = '\0';
			parent_given = strdup(copy);
		} else
			parent_given = strdup(".");
		o->parent = parent_given ? realpath(parent_given, NULL) : NULL;
		if (!o->parent) {
			int e = errno;
			char *shown = parent_given ? write_escaped(parent_given) : NULL;
			if (e == ENOENT)
				write_fail(why, n, "%s: its parent folder %s does not exist (strata makes no parent folders)", o->shown,
				         shown ? shown : "?");
			else
				write_fail(why, n, "%s: its parent folder %s: %s", o->shown, shown ? shown : "?", strerror(e));
			free(shown);
			free(parent_given);
			goto out;
		}
		free(parent_given);
		o->base = strdup(last);
	}
	if (!o->parent || !o->base)
		goto oom;
	len = strlen(o->parent) + strlen(o->base) + 2;
	if (!(o->path = malloc(len)))
		goto oom;
	snprintf(o->path, len, "%s%s%s", o->parent, strcmp(o->parent, "/") == 0 ? "" : "/", o->base);
	rc = 0;
	goto out;
oom:
	write_fail(why, n, "out of memory");
out:
	free(real);
	free(copy);
	return rc;
}

/* Refuse OUT when it is DIR or an ancestor of DIR: by real path, and by device and inode
 * up DIR's real chain (a bind mount spells one folder two ways). */
static int out_check_root(struct write_out *o, const char *root, char *why, size_t n)
{
	char *real = realpath(root && *root ? root : ".", NULL), *shown_root;
	struct stat st;
	int rc = 0;
	size_t pl = strlen(o->path);

	if (!real) {
		shown_root = write_escaped(root);
		write_fail(why, n, "%s: %s", shown_root ? shown_root : "?", strerror(errno));
		free(shown_root);
		return -1;
	}
	shown_root = write_escaped(root && *root ? root : ".");
	if (strcmp(real, o->path) == 0)
		rc = write_fail(why, n, "%s is the tree being read (%s): strata never writes over its input; choose another -o",
		              o->shown, shown_root ? shown_root : "?");
	else if (strncmp(real, o->path, pl) == 0 && (real[pl] == '/' || strcmp(o->path, "/") == 0))
		rc = write_fail(why, n, "%s holds the tree being read (%s): strata never replaces a folder its input is in; "
		              "choose another -o", o->shown, shown_root ? shown_root : "?");
	else if (o->out_exists) {
		/* the same folder under another name (a bind mount): compare identities up DIR's
		 * real chain, DIR first */
		size_t len = strlen(real);
		for (;;) {
			if (stat(len ? real : "/", &st) == 0 && (uint64_t)st.st_dev == o->out_dev &&
			    (uint64_t)st.st_ino == o->out_ino) {
				rc = write_fail(why, n, "%s is (or holds) the tree being read (%s): choose another -o", o->shown,
				              shown_root ? shown_root : "?");
				break;
			}
			if (len <= 1)
				break;
			while (len > 0 && real[len - 1] != '/')
				len--;
			if (len > 1)
				len--;
			real[len] = '\0';
		}
	}
	free(shown_root);
	free(real);
	return rc;
}

/* Refuse OUT when it is the current folder or holds it: replacing it would leave the
 * shell that ran strata in a folder that no longer exists (`-o .` outside the tree). */
static int out_check_cwd(struct write_out *o, char *why, size_t n)
{
	char *cwd = realpath(".", NULL);
	size_t pl = strlen(o->path);
	int rc = 0;

	if (cwd && (strcmp(cwd, o->path) == 0 ||
	            (strncmp(cwd, o->path, pl) == 0 && (cwd[pl] == '/' || strcmp(o->path, "/") == 0))))
		rc = write_fail(why, n, "%s is (or holds) the current folder: strata would replace the folder you are in; "
		                "choose a folder below it, e.g. -o out", o->shown);
	free(cwd);
	return rc;
}

/* ---- the run ------------------------------------------------------------------------- */

/* Look at OUT: missing, or prove it is strata's (kind and listing into o). Returns 0 or -1
 * with why. */
static int out_examine(struct write_out *o, char *why, size_t n)
{
	struct stat st;
	char reason[512];
	int fd, kind;

	write_list_fini(&o->seen);
	o->kind = WRITE_OUT_NONE;
	o->out_exists = 0;
	if (fstatat(o->parent_fd, o->base, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno == ENOENT)
			return 0;
		return write_fail(why, n, "%s: %s", o->shown, strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return write_fail(why, n, "%s is a symbolic link: strata replaces only a real folder it wrote (give the "
		                "folder itself, or a new name)", o->shown);
	if (!S_ISDIR(st.st_mode))
		return write_fail(why, n, "%s exists and is not a folder (left as it is)", o->shown);
	o->out_exists = 1;
	o->out_dev = (uint64_t)st.st_dev;
	o->out_ino = (uint64_t)st.st_ino;
	fd = openat(o->parent_fd, o->base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return write_fail(why, n, "%s: %s", o->shown, strerror(errno));
	kind = write_folder_prove(fd, 0, 0, &o->seen, reason, sizeof(reason));
	if (kind >= 0 && faccessat(o->parent_fd, o->base, W_OK | X_OK, AT_EACCESS) != 0) {
		snprintf(reason, sizeof(reason), "is not writable (%s), so its old files could not be removed", strerror(errno));
		kind = -1;
	}
	for (uint32_t i = 0; kind >= 0 && i < o->seen.n; i++)
		if (o->seen.v[i].dir && faccessat(fd, o->seen.v[i].rel, W_OK | X_OK, AT_EACCESS) != 0) {
			snprintf(reason, sizeof(reason), "has a folder strata cannot empty (%s)", strerror(errno));
			kind = -1;
		}
	close(fd);
	if (kind < 0)
		return write_fail(why, n, "%s %s; nothing was changed", o->shown, reason);
	o->kind = (enum write_out_kind)kind;
	return 0;
}

/* Has OUT changed since out_examine? (Same entries, sizes, inodes and times.) */
static int out_changed(struct write_out *o)
{
	struct write_list now = { 0 };
	struct stat st;
	int fd, changed = 1;

	if (fstatat(o->parent_fd, o->base, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return o->kind != WRITE_OUT_NONE || errno != ENOENT;
	if (o->kind == WRITE_OUT_NONE || !S_ISDIR(st.st_mode) || (uint64_t)st.st_dev != o->out_dev ||
	    (uint64_t)st.st_ino != o->out_ino)
		return 1;
	fd = openat(o->parent_fd, o->base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 1;
	struct write_manifest m;
	int have = write_marker_read(fd, &m);
	write_list_fini(&m.entries);
	if (write_list_dir(fd, &now) == 0 && now.n == o->seen.n && have == (o->kind == WRITE_OUT_STRATA)) {
		changed = 0;
		for (uint32_t i = 0; i < now.n && !changed; i++) {
			const struct write_entry *a = &now.v[i], *b = &o->seen.v[i];
			changed = strcmp(a->rel, b->rel) != 0 || a->dir != b->dir || a->ino != b->ino ||
			          (!a->dir && (a->size != b->size || a->mtime_ns != b->mtime_ns));
		}
	}
	close(fd);
	write_list_fini(&now);
	return changed;
}

/* Free everything but the files. */
static void out_free(struct write_out *o)
{
	if (o->parent_fd >= 0)
		close(o->parent_fd);       /* drops PARENT's lock, if held */
	if (o->tmp_fd >= 0)
		close(o->tmp_fd);          /* drops the new folder's: a dig waiting for OUT goes on */
	write_list_fini(&o->seen);
	free(o->shown);
	free(o->parent);
	free(o->base);
	free(o->path);
	free(o->tmpname);
	free(o->tmp);
	free(o->cache_old);
	free(o->cache_new);
	free(o);
}

/* A new handle, nothing open. NULL when out of memory. */
static struct write_out *out_new(void)
{
	struct write_out *o = calloc(1, sizeof(*o));
	if (o)
		o->parent_fd = o->tmp_fd = -1;
	return o;
}

int write_out_begin(struct write_out **res, const char *out, const char *root, FILE *note, char *why, size_t n)
{
	struct write_out *o = out_new();
	struct stat st;

	*res = NULL;
	if (!o)
		return write_fail(why, n, "out of memory");
	if (!(o->shown = write_escaped(out ? out : ""))) {
		out_free(o);
		return write_fail(why, n, "out of memory");
	}
	if (!out || !*out) {
		out_free(o);
		return write_fail(why, n, "-o wants a folder name, not an empty one");
	}
	if (out_resolve(o, out, why, n) != 0)
		goto fail;
	/* a first look, unlocked: refuse DIR or its ancestors before anything is touched */
	if (fstatat(AT_FDCWD, o->path, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
		o->out_exists = 1;
		o->out_dev = (uint64_t)st.st_dev;
		o->out_ino = (uint64_t)st.st_ino;
	}
	if (out_check_root(o, root, why, n) != 0 || out_check_cwd(o, why, n) != 0)
		goto fail;
	o->parent_fd = open(o->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->parent_fd < 0) {
		char *shown = write_escaped(o->parent);
		write_fail(why, n, "%s: its parent folder %s: %s", o->shown, shown ? shown : "?", strerror(errno));
		free(shown);
		goto fail;
	}
	if (out_wait_turn(o, note, why, n) != 0)
		goto fail;
	if (out_examine(o, why, n) != 0)
		goto fail;
	/* the new folder, beside OUT */
	{
		size_t len = strlen(o->base) + 16, plen = strlen(o->parent) + len + 2;
		o->tmpname = malloc(len);
		o->tmp = malloc(plen);
		if (!o->tmpname || !o->tmp) {
			write_fail(why, n, "out of memory");
			goto fail;
		}
		snprintf(o->tmp, plen, "%s%s.%s.tmp-XXXXXX", o->parent, strcmp(o->parent, "/") == 0 ? "" : "/", o->base);
		dig_fault_point("make new folder");
		if (!mkdtemp(o->tmp)) {
			write_fail(why, n, "cannot make a folder beside %s: %s", o->shown, strerror(errno));
			free(o->tmp);
			o->tmp = NULL;
			goto fail;
		}
		snprintf(o->tmpname, len, "%s", strrchr(o->tmp, '/') + 1);
	}
	{
		/* mkdtemp makes it private; the output gets the usual mode */
		mode_t mask = umask(0);
		umask(mask);
		chmod(o->tmp, 0777 & ~mask);
	}
	{
		/* held until the dig ends: the mark of a live dig into OUT (taken under PARENT's lock) */
		int fd = o->tmp_fd = openat(o->parent_fd, o->tmpname, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		int bad = fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0 || fstat(fd, &st) != 0 ||
		          write_marker_write(fd, NULL, 0) != 0;
		if (bad) {
			write_fail(why, n, "cannot write into a folder beside %s: %s", o->shown, strerror(errno));
			goto fail;
		}
		o->tmp_dev = (uint64_t)st.st_dev;
		o->tmp_ino = (uint64_t)st.st_ino;
	}
	{
		size_t len = strlen(o->tmp) + 16;
		o->cache_new = malloc(len);
		if (o->cache_new)
			snprintf(o->cache_new, len, "%s/.strata-cache", o->tmp);
		if (o->kind == WRITE_OUT_STRATA || o->kind == WRITE_OUT_LEGACY) {
			len = strlen(o->path) + 16;
			o->cache_old = malloc(len);
			if (o->cache_old)
				snprintf(o->cache_old, len, "%s/.strata-cache", o->path);
		}
		if (!o->cache_new || ((o->kind == WRITE_OUT_STRATA || o->kind == WRITE_OUT_LEGACY) && !o->cache_old)) {
			write_fail(why, n, "out of memory");
			goto fail;
		}
	}
	flock(o->parent_fd, LOCK_UN);      /* the long part of the dig holds only its new folder */
	*res = o;
	return 0;
fail:
	write_out_abort(o, NULL);
	return -1;
}

const char *write_out_dir(const struct write_out *o)
{
	return o->tmp;
}

const char *write_out_cache_old(const struct write_out *o)
{
	return o->cache_old;
}

const char *write_out_cache_new(const struct write_out *o)
{
	return o->cache_new;
}

int write_out_skip(const struct write_out *o, uint64_t *devs, uint64_t *inos, int max)
{
	int k = 0;
	if (o->tmp && k < max) {
		devs[k] = o->tmp_dev;
		inos[k++] = o->tmp_ino;
	}
	if (o->kind != WRITE_OUT_NONE && k < max) {
		devs[k] = o->out_dev;
		inos[k++] = o->out_ino;
	}
	return k;
}

/* The swap where RENAME_EXCHANGE is missing: OUT to .OUT.old-XXXXXX, then the new folder
 * to OUT (OUT is missing between the two); tmpname then names the old output. 0 or -1. */
static int out_swap_two(struct write_out *o)
{
	size_t len = strlen(o->parent) + strlen(o->base) + 16;
	char *aside = malloc(len);
	const char *aname;
	int rc = -1;

	if (!aside)
		return -1;
	snprintf(aside, len, "%s%s.%s.old-XXXXXX", o->parent, strcmp(o->parent, "/") == 0 ? "" : "/", o->base);
	if (!mkdtemp(aside) || rmdir(aside) != 0)
		goto out;
	aname = strrchr(aside, '/') + 1;
	dig_fault_point("move old aside");
	if (renameat(o->parent_fd, o->base, o->parent_fd, aname) != 0)
		goto out;
	dig_fault_point("swap");
	if (renameat(o->parent_fd, o->tmpname, o->parent_fd, o->base) != 0) {
		int e = errno;
		renameat(o->parent_fd, aname, o->parent_fd, o->base);
		errno = e;
		goto out;
	}
	char *old = strdup(aname);
	if (old) {
		free(o->tmpname);
		o->tmpname = old;
	}
	rc = 0;
out:
	free(aside);
	return rc;
}

int write_out_commit(struct write_out *o, FILE *note, char *why, size_t n)
{
	struct write_list l = { 0 }, old;
	int fd, rc;
	char reason[512];

	fd = openat(o->parent_fd, o->tmpname, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	rc = fd < 0 || write_list_dir(fd, &l) != 0 || write_marker_write(fd, &l, 1) != 0 ? -1 : 0;
	if (fd >= 0)
		close(fd);
	write_list_fini(&l);
	if (rc != 0) {
		write_fail(why, n, "cannot write the manifest of the new %s: %s", o->shown, strerror(errno));
		goto fail;
	}
	{
		int said = 0;
		if (out_lock_parent(o, note, &said, why, n) != 0)
			goto fail;
	}
	/* OUT may have changed while the dig ran: then prove it again, in full */
	if (out_changed(o) && out_examine(o, why, n) != 0)
		goto fail;
	if (dig_fault_point("swap")) {
		write_fail(why, n, "cannot swap the new output in for %s: %s", o->shown, strerror(errno));
		goto fail;
	}
	if (o->kind == WRITE_OUT_NONE) {
		rc = renameat2(o->parent_fd, o->tmpname, o->parent_fd, o->base, RENAME_NOREPLACE);
		if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
			/* no RENAME_NOREPLACE here: check, then rename (the lock keeps other digs out) */
			struct stat st;
			if (fstatat(o->parent_fd, o->base, &st, AT_SYMLINK_NOFOLLOW) == 0)
				errno = EEXIST;
			else
				rc = renameat(o->parent_fd, o->tmpname, o->parent_fd, o->base);
		}
		if (rc != 0) {
			write_fail(why, n, "cannot rename the new output to %s: %s", o->shown, strerror(errno));
			goto fail;
		}
		free(o->tmp);
		o->tmp = NULL;
		out_free(o);
		return 0;
	}
	rc = renameat2(o->parent_fd, o->tmpname, o->parent_fd, o->base, RENAME_EXCHANGE);
	if (rc != 0 && (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP))
		rc = out_swap_two(o);
	if (rc != 0) {
		write_fail(why, n, "cannot swap the new output in for %s: %s", o->shown, strerror(errno));
		goto fail;
	}
	/* the old output is now at tmpname: remove what was proved strata's. A format-0 one
	 * first gets a manifest, so that a removal cut short leaves a provable orphan. */
	if (o->kind == WRITE_OUT_LEGACY) {
		int ofd = openat(o->parent_fd, o->tmpname, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (ofd >= 0) {
			write_marker_write(ofd, &o->seen, 1);
			close(ofd);
		}
	}
	old = o->seen;
	if (write_folder_remove(o->parent_fd, o->tmpname, &old, reason, sizeof(reason)) != 0 && note) {
		char *shown = write_escaped(o->tmp);
		fprintf(note, "strata: the old output, moved to %s, was not removed whole (%s)\n", shown ? shown : "?", reason);
		free(shown);
	}
	free(o->tmp);
	o->tmp = NULL;
	out_free(o);
	return 0;
fail:
	write_out_abort(o, note);
	return -1;
}

void write_out_abort(struct write_out *o, FILE *note)
{
	char why[512];

	if (!o)
		return;
	if (o->tmp && o->parent_fd >= 0 && write_folder_remove_own(o->parent_fd, o->tmpname, 1, why, sizeof(why)) != 0 && note) {
		char *shown = write_escaped(o->tmp);
		fprintf(note, "strata: %s: left alone (it %s)\n", shown ? shown : "?", why);
		free(shown);
	}
	out_free(o);
}

/* ---- parts ---------------------------------------------------------------------------- */

/* Is name a file a part holds (part.c): its manifest, its facts, their temporary files? */
static int out_part_name(const char *name)
{
	static const char *const names[] = { "part.manifest", "facts.cache" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t k = strlen(names[i]);
		if (strncmp(name, names[i], k) != 0)
			continue;
		if (!name[k])
			return 1;
		if (strncmp(name + k, ".tmp.", 5) != 0 || !name[k + 5])
			return 0;
		for (const char *p = name + k + 5; *p; p++)
			if (*p < '0' || *p > '9')
				return 0;
		return 1;
	}
	return 0;
}

int write_part_check(const char *part, const char *root, char *why, size_t n)
{
	struct write_out *o = out_new();
	struct write_list l = { 0 };
	struct stat st;
	int rc = -1, fd;

	if (!o)
		return write_fail(why, n, "out of memory");
	if (!(o->shown = write_escaped(part ? part : "")) || !part || !*part) {
		write_fail(why, n, "-o wants a folder name, not an empty one");
		goto out;
	}
	if (out_resolve(o, part, why, n) != 0)
		goto out;
	if (fstatat(AT_FDCWD, o->path, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		rc = errno == ENOENT && out_check_root(o, root, why, n) == 0 ? 0 : -1;
		if (rc && errno != ENOENT)
			write_fail(why, n, "%s: %s", o->shown, strerror(errno));
		goto out;
	}
	if (S_ISLNK(st.st_mode)) {
		write_fail(why, n, "%s is a symbolic link: strata writes a part only into a real folder", o->shown);
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		write_fail(why, n, "%s exists and is not a folder (left as it is)", o->shown);
		goto out;
	}
	o->out_exists = 1;
	o->out_dev = (uint64_t)st.st_dev;
	o->out_ino = (uint64_t)st.st_ino;
	if (out_check_root(o, root, why, n) != 0)
		goto out;
	fd = open(o->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || write_list_dir(fd, &l) != 0) {
		write_fail(why, n, "%s: %s", o->shown, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	close(fd);
	rc = 0;
	for (uint32_t i = 0; i < l.n && rc == 0; i++)
		if (l.v[i].dir || l.v[i].size == UINT64_MAX || !out_part_name(l.v[i].rel)) {
			char *name = write_escaped(l.v[i].rel);
			rc = write_fail(why, n, "%s holds '%s', which is not a part strata wrote: a part goes into a new or "
			                "empty folder, or one of its earlier parts; nothing was changed", o->shown, name ? name : "?");
			free(name);
		}
out:
	write_list_fini(&l);
	out_free(o);
	return rc;
}

/* ---- queries ------------------------------------------------------------------------- */

int write_out_open(const char *out, char *why, size_t n)
{
	int fd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct write_manifest m;
	char *shown = write_escaped(out);
	int have;

	if (fd < 0) {
		if (errno == ENOENT)
			write_fail(why, n, "%s: no dig output here; run 'strata dig DIR -o %s' first", shown ? shown : "?",
			         shown ? shown : "?");
		else
			write_fail(why, n, "%s: %s", shown ? shown : "?", strerror(errno));
		free(shown);
		return -1;
	}
	have = write_marker_read(fd, &m);
	write_list_fini(&m.entries);
	if (have <= 0 || !m.complete) {
		struct stat st;
		if (have == 0 && fstatat(fd, ".strata-root", &st, AT_SYMLINK_NOFOLLOW) == 0)
			write_fail(why, n, "%s: the output of an older strata (no %s marker); run 'strata dig' again", shown ? shown : "?",
			         WRITE_MARKER);
		else if (have < 0 && m.format > 0)
			write_fail(why, n, "%s: output format %d, which this strata (format %d) cannot read; run 'strata dig' again",
			         shown ? shown : "?", m.format, WRITE_OUT_FORMAT);
		else
			write_fail(why, n, "%s: not a strata output (no valid %s marker); run 'strata dig DIR -o %s' first",
			         shown ? shown : "?", WRITE_MARKER, shown ? shown : "?");
		close(fd);
		free(shown);
		return -1;
	}
	free(shown);
	return fd;
}
