/*
 * dig/write/folder.c: the proof that a folder is strata's output (outdir.c's theory says
 * what OUT may be and how it is replaced; this file is how a folder is checked).
 *
 * The marker `.strata-output`, text, one line each:
 *   strata-output FORMAT            (WRITE_OUT_FORMAT)
 *   state complete | state writing
 *   d PATH                          a folder strata wrote
 *   f SIZE XXH3 PATH                a file strata wrote: its size and XXH3-64 (hex)
 *   sum XXH3                        XXH3-64 of every byte above this line
 * PATH is '/'-separated, inside the folder; the entries are sorted by path bytes. A
 * complete marker is written last, after every file it lists, through a temporary name
 * and rename(2); a writing marker is the first thing in a new output folder.
 *
 * A folder is proved strata's (write_folder_prove) when
 *   - it is empty, or
 *   - its marker is complete and names exactly its entries -- every file with the same
 *     size and XXH3 (or, for the files that check themselves, the fact cache and the query
 *     index, their magic: a damaged one is strata's to replace), every folder as a folder,
 *     nothing unlisted (an orphan whose removal was cut short may lack entries, never
 *     hold others), or
 *   - (orphans only) its marker says writing and every entry has a name strata writes, or
 *   - it has no marker and the whole shape of a format-0 output: only names strata wrote,
 *     with report.md, .strata-root and a fact cache that starts with the cache's magic.
 * Entries are checked as they are listed, so a foreign folder is refused at its first
 * foreign entry; links, devices and anything deeper than WRITE_OUT_DEPTH_MAX are never
 * strata's. Removal (write_folder_remove) takes only the entries the proof listed,
 * files before their folders, the marker last, then the folder with rmdir, which fails
 * if anything appeared meanwhile.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "dig/query/qindex.h"
#include "dig/scan/scan.h"
#include "dig/write/write_impl.h"

/* ---- messages ------------------------------------------------------------------------ */

/* Format a message into why (at most n bytes). */
int write_fail(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return -1;
}

/* A name escaped for a message (malloc'd; NULL when out of memory). */
char *write_escaped(const char *s)
{
	size_t n = write_msg_escape(NULL, 0, s) + 1;
	char *p = malloc(n);
	if (p)
		write_msg_escape(p, n, s);
	return p;
}

/* ---- lists --------------------------------------------------------------------------- */

/* Append an entry (rel copied). Returns the entry or NULL. */
struct write_entry *write_list_add(struct write_list *l, const char *rel)
{
	if (l->n == l->cap) {
		uint32_t cap = l->cap ? l->cap * 2 : 32;
		struct write_entry *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	struct write_entry *e = &l->v[l->n];
	memset(e, 0, sizeof(*e));
	if (!(e->rel = strdup(rel)))
		return NULL;
	l->n++;
	return e;
}

/* Free a list's entries and storage. */
void write_list_fini(struct write_list *l)
{
	for (uint32_t i = 0; i < l->n; i++)
		free(l->v[i].rel);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Order entries by path bytes (a folder sorts before what it holds). */
static int out_cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct write_entry *)a)->rel, ((const struct write_entry *)b)->rel);
}

/* The entry named rel, or NULL (the list is sorted). */
static struct write_entry *out_list_find(const struct write_list *l, const char *rel)
{
	struct write_entry key = { .rel = (char *)rel };
	return l->n ? bsearch(&key, l->v, l->n, sizeof(*l->v), out_cmp_entry) : NULL;
}

/* A check run on each entry as it is listed (so that a folder that is not strata's is
 * refused at its first foreign entry, not after a walk through all of it): 0 to go on,
 * else the listing stops with errno EPERM. */
struct out_check {
	int (*fn)(struct out_check *c, struct write_entry *e);
	int top;                   /* the listed folder's descriptor */
	const struct write_manifest *m;
	int trust;
	const char *bad;           /* why the entry failed */
	char *bad_rel;             /* which (malloc'd) */
};

/* List the folder dirfd (not following links) into l, names prefixed with prefix; the
 * top-level marker files are left out; each entry goes through chk (NULL: none). Returns
 * 0, or -1 (errno set: EPERM when chk refused an entry). */
static int folder_list_dir(int dirfd, const char *prefix, int depth, struct write_list *l, struct out_check *chk)
{
	int fd = dup(dirfd), rc = 0;
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rewinddir(d);
	while (rc == 0 && (errno = 0, de = readdir(d)) != NULL) {
		const char *name = de->d_name;
		struct stat st;
		char rel[PATH_MAX];
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		if (!*prefix && (strcmp(name, WRITE_MARKER) == 0 || strcmp(name, WRITE_MARKER_TMP) == 0))
			continue;
		if (snprintf(rel, sizeof(rel), "%s%s%s", prefix, *prefix ? "/" : "", name) >= (int)sizeof(rel)) {
			errno = ENAMETOOLONG;
			rc = -1;
			break;
		}
		if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			rc = -1;
			break;
		}
		struct write_entry *e = write_list_add(l, rel);
		if (!e) {
			errno = ENOMEM;
			rc = -1;
			break;
		}
		e->dir = S_ISDIR(st.st_mode);
		e->size = S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
		e->ino = (uint64_t)st.st_ino;
		e->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
		if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
			e->size = UINT64_MAX;   /* neither file nor folder: never strata's */
		if (chk && chk->fn(chk, e) != 0) {
			errno = EPERM;
			rc = -1;
			break;
		}
		if (e->dir) {
			int sub;
			if (depth >= WRITE_OUT_DEPTH_MAX) {
				errno = ELOOP;
				rc = -1;
				break;
			}
			sub = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0 || folder_list_dir(sub, rel, depth + 1, l, chk) != 0)
				rc = -1;
			if (sub >= 0) {
				int e2 = errno;
				close(sub);
				errno = e2;
			}
		}
	}
	if (rc == 0 && errno != 0)
		rc = -1;
	int saved = errno;
	closedir(d);
	errno = saved;
	if (rc == 0 && depth == 0 && l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), out_cmp_entry);
	return rc;
}

/* ---- hashing ------------------------------------------------------------------------- */

/* XXH3-64 and size of the regular file rel under dirfd. Returns 0 or -1. */
static int out_hash_file(int dirfd, const char *rel, uint64_t *hash, uint64_t *size)
{
	int fd = openat(dirfd, rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	XXH3_state_t *st = XXH3_createState();
	static const size_t chunk = 1u << 20;
	char *buf = malloc(chunk);
	struct stat sb;
	int rc = -1;

	*size = 0;
	if (fd < 0 || !st || !buf || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || XXH3_64bits_reset(st) != XXH_OK)
		goto out;
	for (;;) {
		ssize_t got = read(fd, buf, chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			goto out;
		if (got == 0)
			break;
		XXH3_64bits_update(st, buf, (size_t)got);
		*size += (uint64_t)got;
	}
	*hash = XXH3_64bits_digest(st);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	XXH3_freeState(st);
	free(buf);
	return rc;
}

/* ---- the marker ---------------------------------------------------------------------- */

/* Read the marker of the folder dirfd. Returns 1 when there is a marker that parses
 * (m filled), 0 when there is none, -1 when there is one that is not strata's (not a
 * regular file, damaged, or a format this strata cannot read: *format says which, 0
 * when unreadable). */
int write_marker_read(int dirfd, struct write_manifest *m)
{
	int fd = openat(dirfd, WRITE_MARKER, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	char *text = NULL, *p, *end, *sum;
	size_t got = 0;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	if (fd < 0) {
		struct stat l;
		if (fstatat(dirfd, WRITE_MARKER, &l, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT)
			return 0;
		return -1;             /* a symbolic link, or unreadable */
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > WRITE_MARKER_MAX)
		goto out;
	text = malloc((size_t)st.st_size + 1);
	if (!text)
		goto out;
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, text + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	text[got] = '\0';
	if (memchr(text, '\0', got))
		goto out;
	if (sscanf(text, "strata-output %d\n", &m->format) != 1)
		goto out;
	if (m->format != WRITE_OUT_FORMAT)
		goto out;              /* another format: refused by the caller, saying which */
	/* the last line is `sum HASH` over every byte before it */
	sum = strstr(text, "\nsum ");
	if (!sum)
		goto out;
	{
		unsigned long long want;
		char tail;
		if (sscanf(sum + 5, "%16llx%c", &want, &tail) != 2 || tail != '\n' || sum + 5 + 17 != text + got ||
		    XXH3_64bits(text, (size_t)(sum + 1 - text)) != (uint64_t)want)
			goto out;
	}
	sum[1] = '\0';
	p = strchr(text, '\n') + 1;
	if (strncmp(p, "state complete\n", 15) == 0)
		m->complete = 1;
	else if (strncmp(p, "state writing\n", 14) != 0)
		goto out;
	p = strchr(p, '\n') + 1;
	for (; *p; p = end + 1) {
		end = strchr(p, '\n');
		if (!end)
			goto out;
		*end = '\0';
		if (p[0] == 'd' && p[1] == ' ') {
			struct write_entry *e = write_list_add(&m->entries, p + 2);
			if (!e)
				goto out;
			e->dir = 1;
		} else if (p[0] == 'f' && p[1] == ' ') {
			unsigned long long size, hash;
			int at = 0;
			if (sscanf(p + 2, "%llu %16llx %n", &size, &hash, &at) != 2 || at == 0 || !p[2 + at])
				goto out;
			struct write_entry *e = write_list_add(&m->entries, p + 2 + at);
			if (!e)
				goto out;
			e->size = size;
			e->hash = hash;
		} else {
			goto out;
		}
	}
	if (m->entries.n > 1)
		qsort(m->entries.v, m->entries.n, sizeof(*m->entries.v), out_cmp_entry);
	rc = 1;
out:
	if (rc < 0) {
		write_list_fini(&m->entries);
		if (m->format == WRITE_OUT_FORMAT)
			m->format = 0;     /* ours, but damaged */
	}
	free(text);
	close(fd);
	return rc;
}

/* Is a name one strata may write into an output folder? (The artifacts, .strata-root and
 * the fact cache with its temporary files; what format 0 wrote, too.) */
static int out_known_name(const char *rel)
{
	static const char cache_tmp[] = ".strata-cache/facts.cache.tmp.";
	if (write_is_artifact(rel))
		return 1;
	if (strcmp(rel, ".strata-root") == 0 || strcmp(rel, ".strata-cache") == 0 ||
	    strcmp(rel, ".strata-cache/facts.cache") == 0)
		return 1;
	if (strncmp(rel, cache_tmp, sizeof(cache_tmp) - 1) == 0 && rel[sizeof(cache_tmp) - 1]) {
		for (const char *p = rel + sizeof(cache_tmp) - 1; *p; p++)
			if (*p < '0' || *p > '9')
				return 0;
		return 1;
	}
	return 0;
}

/* Does the regular file rel under dirfd start with these 7 bytes? */
static int out_has_magic(int dirfd, const char *rel, const char *magic)
{
	char head[7];
	int fd = openat(dirfd, rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	int ok = fd >= 0 && read(fd, head, sizeof(head)) == (ssize_t)sizeof(head) && memcmp(head, magic, sizeof(head)) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

/* Does the regular file rel under dirfd start with the fact cache's magic? */
static int out_has_cache_magic(int dirfd, const char *rel)
{
	return out_has_magic(dirfd, rel, "STRATAF");
}

/* A file that checks itself -- the fact cache (a checksum per record) or the query index
 * (checksummed blocks) -- is strata's by its name and magic even when its bytes are no
 * longer those the manifest names: a damaged one is found and replaced by the next dig
 * (the cache record by record), not a reason to refuse the output. */
static int out_self_checked(int dirfd, const char *rel)
{
	if (strcmp(rel, ".strata-cache/facts.cache") == 0)
		return out_has_cache_magic(dirfd, rel);
	if (strcmp(rel, QX_FILE) == 0)
		return out_has_magic(dirfd, rel, QX_MAGIC);
	return 0;
}

/* Prove that the folder dirfd is strata's: fill l with its entries and return its kind,
 * or -1 with why (naming the first entry strata did not write; the folder's name is the
 * caller's to add). subset: an orphan, whose removal may have been cut short, so listed
 * entries of a manifest may be missing (and a writing-state folder is allowed); a folder
 * without a marker must be empty or a whole format-0 output either way. trust: the folder is
 * the new one of this very run, so any file or folder in it is strata's. */
static int out_prove_entry(struct out_check *c, struct write_entry *e)
{
	if (e->size == UINT64_MAX) {
		c->bad = "which is neither a file nor a folder (strata writes neither links nor devices)";
	} else if (c->m && c->m->complete) {
		struct write_entry *w = out_list_find(&c->m->entries, e->rel);
		if (!w)
			c->bad = "which its marker does not list: strata did not write it";
		else if (w->dir != e->dir)
			c->bad = "which is not what its marker lists";
		else if (!e->dir && (out_hash_file(c->top, e->rel, &e->hash, &e->size) != 0 || e->size != w->size ||
		                     e->hash != w->hash) && !out_self_checked(c->top, e->rel))
			c->bad = "which was changed after strata wrote it";
	} else if (!c->trust && !out_known_name(e->rel)) {
		c->bad = c->m ? "which strata did not write" :
		                "and no strata output marker: strata replaces only an empty folder or its own output";
	}
	if (c->bad)
		c->bad_rel = strdup(e->rel);
	return c->bad != NULL;
}

int write_folder_prove(int dirfd, int subset, int trust, struct write_list *l, char *why, size_t n)
{
	struct write_manifest m;
	int have = write_marker_read(dirfd, &m), kind = -1;
	char *name = NULL;
	struct out_check chk = { .fn = out_prove_entry, .top = dirfd, .m = have > 0 ? &m : NULL, .trust = trust };

	if (have < 0) {
		if (m.format > 0)
			write_fail(why, n, "holds a %s marker of output format %d, which this strata (format %d) cannot check",
			         WRITE_MARKER, m.format, WRITE_OUT_FORMAT);
		else
			write_fail(why, n, "holds a %s that is not a marker strata wrote (damaged, or not a regular file)",
			         WRITE_MARKER);
		goto out;
	}
	if (folder_list_dir(dirfd, "", 0, l, &chk) != 0) {
		if (chk.bad) {
			name = write_escaped(chk.bad_rel ? chk.bad_rel : "?");
			write_fail(why, n, "holds '%s', %s", name ? name : "?", chk.bad);
		} else if (errno == ELOOP) {
			write_fail(why, n, "holds folders deeper than strata writes");
		} else {
			write_fail(why, n, "cannot be read (%s)", strerror(errno));
		}
		goto out;
	}
	if (have && !m.complete && !subset) {
		write_fail(why, n, "is the unfinished output of a strata dig that was stopped");
		goto out;
	}
	if (have && m.complete && !subset)
		for (uint32_t i = 0; i < m.entries.n; i++)
			if (!out_list_find(l, m.entries.v[i].rel)) {
				free(name);
				name = write_escaped(m.entries.v[i].rel);
				write_fail(why, n, "lacks '%s', which its marker lists (not the output strata wrote)", name ? name : "?");
				goto out;
			}
	if (have)
		kind = m.complete ? WRITE_OUT_STRATA : WRITE_OUT_WRITING;
	else if (l->n == 0)
		kind = WRITE_OUT_EMPTY;
	else {
		/* format 0, whole: an orphan too (strata gives an old output a manifest before it
		 * removes any of it, so a part of one without a marker is not provably strata's) */
		struct write_entry *root = out_list_find(l, ".strata-root"), *rep = out_list_find(l, "report.md");
		struct write_entry *cache = out_list_find(l, ".strata-cache/facts.cache");
		if (!root || root->dir || !rep || rep->dir || !cache || cache->dir ||
		    !out_has_cache_magic(dirfd, ".strata-cache/facts.cache")) {
			write_fail(why, n, "is not empty and holds no strata output marker: strata replaces only an empty folder "
			         "or its own output");
			goto out;
		}
		kind = WRITE_OUT_LEGACY;
	}
out:
	free(name);
	free(chk.bad_rel);
	write_list_fini(&m.entries);
	return kind;
}

/* ---- removal ------------------------------------------------------------------------- */

int write_marker_write(int dirfd, const struct write_list *l, int complete);

/* Remove the folder `name` under parent_fd as proved: its listed entries (files, then
 * folders deepest first), then the marker, then the folder. Returns 0, or -1 when
 * something could not be removed (then the rest stays, and why says what). */
int write_folder_remove(int parent_fd, const char *name, const struct write_list *l, char *why, size_t n)
{
	int fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return write_fail(why, n, "cannot open it (%s)", strerror(errno));
	for (uint32_t i = l->n; i-- > 0 && rc == 0;) {
		dig_fault_point("remove old entry");
		if (unlinkat(fd, l->v[i].rel, l->v[i].dir ? AT_REMOVEDIR : 0) != 0 && errno != ENOENT)
			rc = write_fail(why, n, "cannot remove an entry (%s)", strerror(errno));
	}
	if (rc == 0) {
		dig_fault_point("remove old marker");
		unlinkat(fd, WRITE_MARKER_TMP, 0);
		if (unlinkat(fd, WRITE_MARKER, 0) != 0 && errno != ENOENT)
			rc = write_fail(why, n, "cannot remove its marker (%s)", strerror(errno));
	}
	close(fd);
	if (rc == 0) {
		dig_fault_point("remove old folder");
		if (unlinkat(parent_fd, name, AT_REMOVEDIR) != 0)
			rc = write_fail(why, n, "cannot remove the folder (%s)", strerror(errno));
	}
	return rc;
}

/* Prove and remove a folder strata left (an orphan; with trust, the new folder of this
 * run). Returns 0 when removed, -1 when left alone (why says why). */
int write_folder_remove_own(int parent_fd, const char *name, int trust, char *why, size_t n)
{
	struct write_list l = { 0 };
	int fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), rc = -1;

	if (fd < 0)
		return write_fail(why, n, "not a folder strata made");
	int kind = write_folder_prove(fd, 1, trust, &l, why, n);
	/* a format-0 folder first gets a manifest: a removal cut short stays provable */
	if (kind == WRITE_OUT_LEGACY && !trust)
		write_marker_write(fd, &l, 1);
	if (kind >= 0)
		rc = write_folder_remove(parent_fd, name, &l, why, n);
	close(fd);
	write_list_fini(&l);
	return rc;
}

/* Write the marker of the folder dirfd: `writing`, or `complete` with the manifest of l
 * (hashing its files). Written to the temporary name, then renamed over the marker. */
int write_marker_write(int dirfd, const struct write_list *l, int complete)
{
	size_t cap = 256, len = 0;
	char *text = malloc(cap);
	int rc = -1, fd = -1;

	if (!text)
		return -1;
	len = (size_t)snprintf(text, cap, "strata-output %d\nstate %s\n", WRITE_OUT_FORMAT, complete ? "complete" : "writing");
	for (uint32_t i = 0; complete && i < l->n; i++) {
		const struct write_entry *e = &l->v[i];
		uint64_t hash = 0, size = 0;
		size_t need = strlen(e->rel) + 64;
		for (const unsigned char *p = (const unsigned char *)e->rel; *p; p++)
			if (*p < 0x20 || *p == 0x7f)
				goto out;      /* strata writes no such name */
		if (!e->dir && out_hash_file(dirfd, e->rel, &hash, &size) != 0)
			goto out;
		if (len + need > cap) {
			while (len + need > cap)
				cap *= 2;
			char *t = realloc(text, cap);
			if (!t)
				goto out;
			text = t;
		}
		if (e->dir)
			len += (size_t)snprintf(text + len, cap - len, "d %s\n", e->rel);
		else
			len += (size_t)snprintf(text + len, cap - len, "f %llu %016llx %s\n", (unsigned long long)size,
			                        (unsigned long long)hash, e->rel);
	}
	if (len + 32 > cap) {
		char *t = realloc(text, len + 32);
		if (!t)
			goto out;
		text = t;
	}
	len += (size_t)snprintf(text + len, 32, "sum %016llx\n", (unsigned long long)XXH3_64bits(text, len));
	dig_fault_point("write marker");
	fd = openat(dirfd, WRITE_MARKER_TMP, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0)
		goto out;
	for (size_t done = 0; done < len;) {
		ssize_t w = write(fd, text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto out;
		done += (size_t)w;
	}
	if (close(fd) != 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	dig_fault_point("rename marker");
	if (renameat(dirfd, WRITE_MARKER_TMP, dirfd, WRITE_MARKER) != 0)
		goto out;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(text);
	return rc;
}

/* List the folder dirfd (not following links), sorted, the marker files left out. */
int write_list_dir(int dirfd, struct write_list *l)
{
	return folder_list_dir(dirfd, "", 0, l, NULL);
}

/* Free a parsed marker. */
void write_manifest_fini(struct write_manifest *m)
{
	write_list_fini(&m->entries);
}

