/*
 * dig/scan/part.c: parts -- the facts of one shard of a tree, on disk -- and their merge
 * into the tree one scan of the whole root gives.
 *
 * Theory. `strata dig DIR --shard I/N -o PART` scans the files dig_shard_of puts in shard
 * I (and keeps the walk's diagnostics it puts there); `strata merge PART... -o OUT` puts
 * the parts together and builds the model as dig does. The merge is exact when the merged
 * tree equals, field for field, the tree a single dig_scan gives, because the model and
 * the writers read nothing else. Per file that holds by construction (the same file gives
 * the same facts wherever it is parsed); across files three things are the tree's own and
 * are rebuilt here as the scan builds them:
 *   copies      byte-identical files are found over the whole tree: candidates share size
 *               and hash, the earliest path that matches is the original, and a copy takes
 *               its original's facts. Inside one part the shard has already compared the
 *               bytes (two files of a part are the same iff they have the same original
 *               there); across parts the files are compared byte for byte in the tree, as
 *               the scan does, after checking that they are unchanged since their shard
 *               read them;
 *   diagnostics the files' own reasons, plus those of the walk (which each shard keeps for
 *               its share of paths), sorted;
 *   tallies     scan_tree_tally over the merged files.
 *
 * A part is a folder: SCAN_CACHE_FILE (the fact cache's format, written by cache.c, read
 * back by dig_cache_load) and PART_MANIFEST, a text file of one record per line:
 *
 *   strata-part FORMAT                    (PART_FORMAT)
 *   facts VERSION                         (DIG_FACTS_VERSION of the strata that dug it)
 *   shard I N
 *   root STR / root-abs STR
 *   key HEX / config HEX / vocab HEX      (dig_part_meta)
 *   facts-file NFILES SIZE HEX            (the cache file: records, bytes, checksum)
 *   skipped PATH SIZE MTIME HASH COPY-OF REASON  (a skipped file: the cache has none;
 *                                         COPY-OF its original in the part, or empty)
 *   diag PATH REASON                      (the diagnostics that belong to no file)
 *   checksum HEX                          (of every byte before this line)
 *
 * STR fields escape every byte below '!', '\' and DEL as \xHH, so a field holds no space
 * or newline and any path survives. The checksums are scan_hash (64-bit): over the
 * manifest's bytes, and over the cache file's 1 MiB blocks in turn, so a torn, truncated
 * or edited part is found before its facts are read. The manifest is removed before the
 * facts are written and written last, so a shard that dies halfway leaves no manifest.
 *
 * Failure: every check names the part; nothing is returned half-merged. Memory: the
 * merge holds the facts of every part once (what the one scan would hold), the manifests,
 * and one array of the files.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dig/scan/scan_impl.h"

#define PART_MANIFEST "part.manifest"
#define PART_FORMAT 1u
#define PART_BLOCK (1u << 20)              /* the cache file is checksummed in 1 MiB blocks */
#define PART_MANIFEST_MAX (1ull << 30)     /* a manifest larger than 1 GiB is not one */

/* Format an error into err. */
static int part_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* dir + "/" + name, malloc'd. */
static char *part_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* The checksum of a file (scan_hash of each 1 MiB block, chained) and its size. */
int dig_hash_file(const char *path, uint64_t *size, uint64_t *hash)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf = fd >= 0 ? malloc(PART_BLOCK) : NULL;
	uint64_t h = 0x9e3779b97f4a7c15ull, n = 0;
	int rc = -1;

	if (!buf)
		goto out;
	for (;;) {
		size_t got = 0;
		while (got < PART_BLOCK) {
			ssize_t r = read(fd, buf + got, PART_BLOCK - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0)
				goto out;
			if (r == 0)
				break;
			got += (size_t)r;
		}
		if (got == 0)
			break;
		h = (h ^ scan_hash(buf, got)) * 1099511628211ull;
		n += got;
		if (got < PART_BLOCK)
			break;
	}
	*size = n;
	*hash = h;
	rc = 0;
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* ---- the manifest, written ----------------------------------------------------------- */

/* One escaped field, after a space. */
static void part_put_str(FILE *to, const char *s)
{
	fputc(' ', to);
	if (!s || !*s) {
		fputs("\\x00", to);    /* the empty string (a NUL cannot occur in one) */
		return;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p <= ' ' || *p == '\\' || *p == 0x7f)
			fprintf(to, "\\x%02x", *p);
		else
			fputc(*p, to);
	}
}

/* Is diagnostic d one of a file of the tree (its reason, rebuilt by the merge)? */
static int part_file_diag(const struct dig_tree *tree, const struct dig_diag *d)
{
	uint32_t i = dig_tree_find(tree, d->path);

	return i != UINT32_MAX && tree->files[i].reason && strcmp(tree->files[i].reason, d->reason) == 0;
}

/* The manifest's text (without its checksum line) in a malloc'd buffer. */
static char *part_manifest_text(const struct dig_tree *tree, const struct dig_part_meta *meta, const char *cache,
                                uint32_t stored, uint64_t size, uint64_t hash, size_t *len)
{
	char *text = NULL;
	FILE *to = open_memstream(&text, len);
	size_t clen = strlen(cache);

	if (!to)
		return NULL;
	fprintf(to, "strata-part %u\nfacts %u\nshard %" PRIu32 " %" PRIu32 "\nroot", PART_FORMAT, DIG_FACTS_VERSION,
	        meta->shard, meta->nshards);
	part_put_str(to, meta->root);
	fputs("\nroot-abs", to);
	part_put_str(to, meta->root_abs);
	fprintf(to, "\nkey %016" PRIx64 "\nconfig %016" PRIx64 "\nvocab %016" PRIx64 "\n", meta->key, meta->config,
	        meta->vocab);
	fprintf(to, "facts-file %" PRIu32 " %" PRIu64 " %016" PRIx64 "\n", stored, size, hash);
	for (uint32_t i = 0; i < tree->nfiles; i++) {
		const struct dig_file *f = &tree->files[i];
		if (f->status != DIG_FILE_SKIPPED)
			continue;
		fputs("skipped", to);
		part_put_str(to, f->path);
		fprintf(to, " %" PRIu64 " %" PRIu64 " %016" PRIx64, f->size, f->mtime_ns, f->hash);
		part_put_str(to, f->copy_of);
		part_put_str(to, f->reason);
		fputc('\n', to);
	}
	for (uint32_t i = 0; i < tree->ndiags; i++) {
		const struct dig_diag *d = &tree->diags[i];
		/* a file's reason is rebuilt from the file; the cache's own notes (an old cache
		 * in the part folder) are not the tree's */
		if (part_file_diag(tree, d) || strncmp(d->path, cache, clen) == 0)
			continue;
		fputs("diag", to);
		part_put_str(to, d->path);
		part_put_str(to, d->reason);
		fputc('\n', to);
	}
	if (fclose(to) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

int dig_part_store(const char *dir, const struct dig_tree *tree, const struct dig_part_meta *meta,
                   char *err, size_t errlen)
{
	struct scan_diags diags = { { 0 }, { 0 } };
	char *manifest = part_path(dir, PART_MANIFEST), *cache = part_path(dir, SCAN_CACHE_FILE);
	char *tmp = NULL, *text = NULL;
	uint64_t size, hash;
	uint32_t stored = 0;
	size_t len = 0;
	struct stat st;
	FILE *to = NULL;
	int rc = -1;

	if (!manifest || !cache) {
		part_fail(err, errlen, "%s: out of memory", dir);
		goto out;
	}
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		part_fail(err, errlen, "%s: exists and is not a folder (left as it is)", dir);
		goto out;
	}
	if ((mkdir(dir, 0777) != 0 && errno != EEXIST) || (unlink(manifest) != 0 && errno != ENOENT)) {
		part_fail(err, errlen, "%s: cannot write the part: %s", dir, strerror(errno));
		goto out;
	}
	if (scan_cache_store(dir, tree->root, meta->key, tree, &diags) != 0) {
		const struct dig_diag *d = diags.items.data;
		part_fail(err, errlen, "%s: %s", diags.items.n ? d[0].path : cache,
		          diags.items.n ? d[0].reason : "cannot write the facts");
		goto out;
	}
	for (uint32_t i = 0; i < tree->nfiles; i++)
		stored += tree->files[i].status != DIG_FILE_SKIPPED;
	if (dig_hash_file(cache, &size, &hash) != 0) {
		part_fail(err, errlen, "%s: cannot read back: %s", cache, strerror(errno));
		goto out;
	}
	text = part_manifest_text(tree, meta, cache, stored, size, hash, &len);
	size_t tn = strlen(manifest) + 32;
	tmp = malloc(tn);
	if (!text || !tmp) {
		part_fail(err, errlen, "%s: out of memory", dir);
		goto out;
	}
	snprintf(tmp, tn, "%s.tmp.%ld", manifest, (long)getpid());
	to = fopen(tmp, "wb");
	int bad = !to || fwrite(text, 1, len, to) != len ||
	          fprintf(to, "checksum %016" PRIx64 "\n", scan_hash(text, len)) < 0 || fflush(to) != 0 ||
	          fsync(fileno(to)) != 0;
	if (to && fclose(to) != 0)
		bad = 1;
	if (bad || rename(tmp, manifest) != 0) {
		part_fail(err, errlen, "%s: cannot write: %s", manifest, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	scan_diags_fini(&diags);
	free(text);
	free(tmp);
	free(manifest);
	free(cache);
	return rc;
}

/* ---- the manifest, read ------------------------------------------------------------- */

/* A skipped file of a part. */
struct part_skip {
	char *path, *reason;
	char *copy_of;                 /* its original in the part ("" for none) */
	uint64_t size, mtime_ns, hash;
};

/* One part while the merge reads it. */
struct part {
	const char *dir;
	char *text;                    /* the manifest (fields are cut out of it in place) */
	char *real;                    /* realpath of dir (a part given twice) */
	unsigned format, facts;
	struct dig_part_meta meta;     /* strings point into text */
	uint32_t nstored;
	uint64_t cache_size, cache_hash;
	struct part_skip *skips;       /* into text */
	uint32_t nskips;
	struct dig_diag *diags;        /* into text */
	uint32_t ndiags;
	struct dig_tree *tree;         /* its facts, once loaded */
};

/* Undo part_put_str in place; NULL for a malformed field. */
static char *part_unescape(char *s)
{
	char *o = s, *p = s;

	if (strcmp(s, "\\x00") == 0) {
		*s = '\0';
		return s;
	}
	while (*p) {
		if (*p == '\\') {
			unsigned v;
			if (p[1] != 'x' || sscanf(p + 2, "%2x", &v) != 1 || !p[2] || !p[3] || v == 0)
				return NULL;
			*o++ = (char)v;
			p += 4;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return s;
}

/* Split a line into at most max space-separated fields (in place). */
static int part_fields(char *line, char **f, int max)
{
	int n = 0;

	while (*line && n < max) {
		f[n++] = line;
		char *sp = strchr(line, ' ');
		if (!sp)
			break;
		*sp = '\0';
		line = sp + 1;
	}
	return n;
}

/* A whole unsigned number of a field. */
static int part_num(const char *s, int base, uint64_t *v)
{
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, base);
	return *end || errno ? -1 : 0;
}

/* Read and check one part's manifest. */
static int part_read(struct part *p, char *err, size_t errlen)
{
	char *path = part_path(p->dir, PART_MANIFEST);
	struct stat st;
	FILE *in = NULL;
	int rc = -1;
	uint32_t maxskip = 0, maxdiag = 0;

	if (!path)
		return part_fail(err, errlen, "%s: out of memory", p->dir);
	if (stat(p->dir, &st) != 0) {
		part_fail(err, errlen, "%s: missing part: %s", p->dir, strerror(errno));
		goto out;
	}
	in = fopen(path, "rb");
	if (!in || fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode)) {
		part_fail(err, errlen, "%s: not a finished part (no %s: the shard did not finish, or this is not "
		          "a strata part)", p->dir, PART_MANIFEST);
		goto out;
	}
	if ((uint64_t)st.st_size > PART_MANIFEST_MAX || !(p->text = malloc((size_t)st.st_size + 1)) ||
	    fread(p->text, 1, (size_t)st.st_size, in) != (size_t)st.st_size) {
		part_fail(err, errlen, "%s: cannot read %s", p->dir, PART_MANIFEST);
		goto out;
	}
	size_t len = (size_t)st.st_size;
	p->text[len] = '\0';
	/* the last line: "checksum HEX" over the bytes before it */
	char *last = len ? memrchr(p->text, '\n', len - 1) : NULL;
	size_t body = last ? (size_t)(last - p->text) + 1 : 0;
	uint64_t sum;
	if (!last || p->text[len - 1] != '\n' || strncmp(p->text + body, "checksum ", 9) != 0 ||
	    (p->text[len - 1] = '\0', part_num(p->text + body + 9, 16, &sum)) != 0 || sum != scan_hash(p->text, body)) {
		part_fail(err, errlen, "%s: corrupt part (%s does not match its checksum)", p->dir, PART_MANIFEST);
		goto out;
	}
	p->text[body] = '\0';
	if (memchr(p->text, '\0', body)) {
		part_fail(err, errlen, "%s: corrupt part (%s holds a NUL byte)", p->dir, PART_MANIFEST);
		goto out;
	}
	for (char *q = p->text; *q; q++) {
		maxskip += strncmp(q, "skipped ", 8) == 0;
		maxdiag += strncmp(q, "diag ", 5) == 0;
		q = strchr(q, '\n');
		if (!q)
			break;
	}
	p->skips = calloc((size_t)maxskip + 1, sizeof(*p->skips));
	p->diags = calloc((size_t)maxdiag + 1, sizeof(*p->diags));
	if (!p->skips || !p->diags) {
		part_fail(err, errlen, "%s: out of memory", p->dir);
		goto out;
	}
	unsigned seen = 0;
	int lineno = 0;
	for (char *line = p->text, *next; line && *line; line = next) {
		char *f[9];
		uint64_t a, b, c;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		int n = part_fields(line, f, 9), ok = 0;
		if (lineno == 1) {
			ok = n == 2 && strcmp(f[0], "strata-part") == 0 && part_num(f[1], 10, &a) == 0;
			if (ok && a != PART_FORMAT) {
				part_fail(err, errlen, "%s: a part of format %" PRIu64 "; this strata reads format %u (dig the shard "
				          "again with this strata)", p->dir, a, PART_FORMAT);
				goto out;
			}
			seen |= 1;
		} else if (n == 2 && strcmp(f[0], "facts") == 0 && part_num(f[1], 10, &a) == 0) {
			p->facts = (unsigned)a;
			ok = 1;
			seen |= 2;
		} else if (n == 3 && strcmp(f[0], "shard") == 0 && part_num(f[1], 10, &a) == 0 && part_num(f[2], 10, &b) == 0 &&
		           b >= 1 && a < b && b <= UINT32_MAX) {
			p->meta.shard = (uint32_t)a;
			p->meta.nshards = (uint32_t)b;
			ok = 1;
			seen |= 4;
		} else if (n == 2 && strcmp(f[0], "root") == 0) {
			ok = (p->meta.root = part_unescape(f[1])) != NULL;
			seen |= 8;
		} else if (n == 2 && strcmp(f[0], "root-abs") == 0) {
			ok = (p->meta.root_abs = part_unescape(f[1])) != NULL;
			seen |= 16;
		} else if (n == 2 && strcmp(f[0], "key") == 0) {
			ok = part_num(f[1], 16, &p->meta.key) == 0;
			seen |= 32;
		} else if (n == 2 && strcmp(f[0], "config") == 0) {
			ok = part_num(f[1], 16, &p->meta.config) == 0;
			seen |= 64;
		} else if (n == 2 && strcmp(f[0], "vocab") == 0) {
			ok = part_num(f[1], 16, &p->meta.vocab) == 0;
			seen |= 128;
		} else if (n == 4 && strcmp(f[0], "facts-file") == 0 && part_num(f[1], 10, &a) == 0 && a <= UINT32_MAX &&
		           part_num(f[2], 10, &p->cache_size) == 0 && part_num(f[3], 16, &p->cache_hash) == 0) {
			p->nstored = (uint32_t)a;
			ok = 1;
			seen |= 256;
		} else if (n == 7 && strcmp(f[0], "skipped") == 0 && part_num(f[2], 10, &a) == 0 &&
		           part_num(f[3], 10, &b) == 0 && part_num(f[4], 16, &c) == 0) {
			struct part_skip *s = &p->skips[p->nskips];
			s->path = part_unescape(f[1]);
			s->copy_of = part_unescape(f[5]);
			s->reason = part_unescape(f[6]);
			s->size = a;
			s->mtime_ns = b;
			s->hash = c;
			ok = s->path && *s->path && s->copy_of && s->reason && p->nskips < maxskip;
			p->nskips += ok;
		} else if (n == 3 && strcmp(f[0], "diag") == 0) {
			struct dig_diag *d = &p->diags[p->ndiags];
			d->path = part_unescape(f[1]);
			d->reason = part_unescape(f[2]);
			ok = d->path && d->reason && p->ndiags < maxdiag;
			p->ndiags += ok;
		}
		if (!ok) {
			part_fail(err, errlen, "%s: corrupt part (%s line %d is not understood)", p->dir, PART_MANIFEST, lineno);
			goto out;
		}
	}
	if (seen != 511) {
		part_fail(err, errlen, "%s: corrupt part (%s lacks a field)", p->dir, PART_MANIFEST);
		goto out;
	}
	if (p->facts != DIG_FACTS_VERSION) {
		part_fail(err, errlen, "%s: made by a strata of facts version %u; this one reads version %u (dig the shard "
		          "again with this strata)", p->dir, p->facts, DIG_FACTS_VERSION);
		goto out;
	}
	p->real = realpath(p->dir, NULL);
	rc = 0;
out:
	if (in)
		fclose(in);
	free(path);
	return rc;
}

/* Do the parts form one split of one tree, each shard once? (Manifests only.) */
static int part_agree(struct part *parts, uint32_t n, uint64_t vocab, char *err, size_t errlen)
{
	const struct part *a = &parts[0];
	uint32_t N = a->meta.nshards;
	unsigned char *have;

	for (uint32_t i = 0; i < n; i++) {
		const struct part *p = &parts[i];
		for (uint32_t j = 0; j < i; j++)
			if (p->real && parts[j].real && strcmp(p->real, parts[j].real) == 0)
				return part_fail(err, errlen, "%s and %s: the same part given twice", parts[j].dir, p->dir);
		if (p->meta.nshards != N)
			return part_fail(err, errlen, "%s (shard %" PRIu32 "/%" PRIu32 ") and %s (shard %" PRIu32 "/%" PRIu32
			                 "): shards of different splits overlap (dig every shard with one --shard I/N)",
			                 a->dir, a->meta.shard, N, p->dir, p->meta.shard, p->meta.nshards);
		if (strcmp(p->meta.root_abs, a->meta.root_abs) != 0)
			return part_fail(err, errlen, "%s: dug %s, but %s dug %s (a different DIR)", p->dir, p->meta.root_abs,
			                 a->dir, a->meta.root_abs);
		if (p->meta.key != a->meta.key || p->meta.config != a->meta.config)
			return part_fail(err, errlen, "%s: dug with other options than %s (--ext, --exclude, --no-default-excludes, "
			                 "--files, --compdb, --deep, --max-file-size, --file-timeout or the vocabulary's "
			                 "allocation words differ)", p->dir, a->dir);
		if (p->meta.vocab != vocab)
			return part_fail(err, errlen, "%s: dug with %s vocabulary than this merge's (give merge the --vocab FILE "
			                 "the shards had)", p->dir, p->meta.vocab ? "another" : "the built-in");
	}
	if (n > N)
		goto dup;
	have = calloc(N, 1);
	if (!have)
		return part_fail(err, errlen, "out of memory");
	for (uint32_t i = 0; i < n; i++) {
		if (have[parts[i].meta.shard]) {
			free(have);
			goto dup;
		}
		have[parts[i].meta.shard] = 1;
	}
	for (uint32_t s = 0; s < N; s++) {
		if (!have[s]) {
			free(have);
			return part_fail(err, errlen, "shard %" PRIu32 "/%" PRIu32 " of %s is missing (%" PRIu32 " of %" PRIu32
			                 " parts given)", s, N, a->meta.root_abs, n, N);
		}
	}
	free(have);
	return 0;
dup:
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = 0; j < i; j++)
			if (parts[i].meta.shard == parts[j].meta.shard)
				return part_fail(err, errlen, "%s and %s: both are shard %" PRIu32 "/%" PRIu32 " (overlapping shards)",
				                 parts[j].dir, parts[i].dir, parts[i].meta.shard, N);
	return part_fail(err, errlen, "more parts than shards");
}

/* Check a part's facts against its manifest, load them, and check every file is of its
 * shard. */
static int part_load(struct part *p, char *err, size_t errlen)
{
	char *cache = part_path(p->dir, SCAN_CACHE_FILE);
	uint64_t size, hash;
	int rc = -1;

	if (!cache)
		return part_fail(err, errlen, "%s: out of memory", p->dir);
	if (dig_hash_file(cache, &size, &hash) != 0) {
		part_fail(err, errlen, "%s: corrupt part (cannot read %s: %s)", p->dir, SCAN_CACHE_FILE, strerror(errno));
		goto out;
	}
	if (size != p->cache_size || hash != p->cache_hash) {
		part_fail(err, errlen, "%s: corrupt part (%s does not match the checksum in %s)", p->dir, SCAN_CACHE_FILE,
		          PART_MANIFEST);
		goto out;
	}
	if (dig_cache_load(p->dir, &p->tree) != 0 || p->tree->nfiles != p->nstored ||
	    strcmp(p->tree->root, p->meta.root) != 0) {
		part_fail(err, errlen, "%s: corrupt part (%s does not decode to the %" PRIu32 " files its manifest names)",
		          p->dir, SCAN_CACHE_FILE, p->nstored);
		goto out;
	}
	for (uint32_t i = 0; i < p->tree->nfiles + p->nskips; i++) {
		const char *path = i < p->tree->nfiles ? p->tree->files[i].path : p->skips[i - p->tree->nfiles].path;
		uint32_t s = dig_shard_of(path, p->meta.nshards);
		if (s != p->meta.shard) {
			part_fail(err, errlen, "%s: corrupt part (it holds %s, which belongs to shard %" PRIu32 "/%" PRIu32 ")",
			          p->dir, path, s, p->meta.nshards);
			goto out;
		}
	}
	rc = 0;
out:
	free(cache);
	return rc;
}

/* ---- the merge ------------------------------------------------------------------------ */

/* The merge's working state. */
struct part_merge {
	struct part *parts;
	struct dig_tree *tree;         /* being built */
	uint32_t *part_of;             /* per merged file: its part */
	uint32_t *rep;                 /* per merged file: its original inside its part (itself) */
	const char *root_abs;
	char *err;
	size_t errlen;
};

/* Order merged files by path bytes (the walk's order). */
static int part_cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct dig_file *)a)->path, ((const struct dig_file *)b)->path);
}

/* Does the file at abs hold `size` bytes whose scan_hash is `hash`? */
static int part_same_content(const char *abs, uint64_t size, uint64_t hash)
{
	int fd = open(abs, O_RDONLY | O_CLOEXEC);
	char *buf = fd >= 0 && size < SIZE_MAX ? malloc((size_t)size + 1) : NULL;
	size_t got = 0;
	int same = 0;

	while (buf && got <= size) {
		ssize_t r = read(fd, buf + got, (size_t)size + 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (buf && got == size)
		same = scan_hash(buf, got) == hash;
	free(buf);
	if (fd >= 0)
		close(fd);
	return same;
}

/* Is merged file i as its shard read it? The same size and mtime say so, as for the fact
 * cache; a file whose time moved (touched, copied with its bytes) is read again and is
 * unchanged when its content hash is the one the shard took. Its path in the tree goes
 * into *abs (malloc'd). */
static int part_unchanged(struct part_merge *m, uint32_t i, char **abs)
{
	const struct dig_file *f = &m->tree->files[i];
	struct stat st;

	*abs = part_path(m->root_abs, f->path);
	if (!*abs)
		return part_fail(m->err, m->errlen, "out of memory");
	if (stat(*abs, &st) != 0)
		return part_fail(m->err, m->errlen, "%s: cannot read it to compare it with a file of another part: %s",
		                 *abs, strerror(errno));
	if ((uint64_t)st.st_size != f->size ||
	    ((uint64_t)st.st_mtim.tv_sec * 1000000000ull + (uint64_t)st.st_mtim.tv_nsec != f->mtime_ns &&
	     !part_same_content(*abs, f->size, f->hash)))
		return part_fail(m->err, m->errlen, "%s: changed since %s read it (dig that shard again)", *abs,
		                 m->parts[m->part_of[i]].dir);
	return 0;
}

/* Are merged files j and i byte for byte the same (scan_copies_find's question)? 1, 0,
 * or -1 with an error. */
static int part_same(void *ctx, uint32_t j, uint32_t i)
{
	struct part_merge *m = ctx;
	char *a = NULL, *b = NULL;
	int same;

	if (m->part_of[j] == m->part_of[i])
		return m->rep[j] == m->rep[i];
	j = m->rep[j];
	i = m->rep[i];
	if (part_unchanged(m, j, &a) != 0 || part_unchanged(m, i, &b) != 0) {
		free(a);
		free(b);
		return -1;
	}
	same = scan_same_bytes(a, b);
	free(a);
	free(b);
	return same;
}

/* The copies of the whole tree, as the scan finds them, and their shared facts. */
static int part_copies(struct part_merge *m)
{
	struct dig_tree *t = m->tree;
	uint32_t *orig = malloc(((size_t)t->nfiles + 1) * sizeof(*orig));

	m->err[0] = '\0';
	if (!orig || scan_copies_find(t->files, t->nfiles, part_same, m, orig) != 0) {
		if (!m->err[0])
			part_fail(m->err, m->errlen, "out of memory");
		free(orig);
		return -1;
	}
	for (uint32_t i = 0; i < t->nfiles; i++)
		if (orig[i] != UINT32_MAX)
			scan_copy_share(&t->files[i], &t->files[orig[i]]);
	free(orig);
	return 0;
}

/* The tree's diagnostics: every part's own, and the reason of every file; sorted. */
static int part_diags(struct part_merge *m, uint32_t nparts)
{
	struct dig_tree *t = m->tree;
	size_t n = 0;

	for (uint32_t p = 0; p < nparts; p++)
		n += m->parts[p].ndiags;
	for (uint32_t i = 0; i < t->nfiles; i++)
		n += t->files[i].reason != NULL;
	t->diags = dig_arena_alloc(t->arena, (n + 1) * sizeof(*t->diags));
	if (!t->diags)
		return part_fail(m->err, m->errlen, "out of memory");
	for (uint32_t p = 0; p < nparts; p++) {
		for (uint32_t k = 0; k < m->parts[p].ndiags; k++) {
			struct dig_diag *d = &t->diags[t->ndiags++];
			d->path = dig_arena_strdup(t->arena, m->parts[p].diags[k].path);
			d->reason = dig_arena_strdup(t->arena, m->parts[p].diags[k].reason);
			if (!d->path || !d->reason)
				return part_fail(m->err, m->errlen, "out of memory");
		}
	}
	for (uint32_t i = 0; i < t->nfiles; i++) {
		if (!t->files[i].reason)
			continue;
		t->diags[t->ndiags].path = t->files[i].path;
		t->diags[t->ndiags++].reason = t->files[i].reason;
	}
	if (t->ndiags > 1)
		qsort(t->diags, t->ndiags, sizeof(*t->diags), scan_cmp_diag);
	return 0;
}

/* A skipped file of a manifest as a tree file (path, reason and its original in the part
 * in an arena of its own). */
static int part_skip_file(struct dig_file *f, const struct part_skip *s)
{
	memset(f, 0, sizeof(*f));
	f->arena = dig_arena_create_sized(strlen(s->path) + strlen(s->copy_of) + strlen(s->reason) + 24);
	if (!f->arena || !(f->path = dig_arena_strdup(f->arena, s->path)) ||
	    !(f->reason = dig_arena_strdup(f->arena, s->reason)) ||
	    (*s->copy_of && !(f->copy_of = dig_arena_strdup(f->arena, s->copy_of))))
		return -1;
	f->status = DIG_FILE_SKIPPED;
	f->size = s->size;
	f->mtime_ns = s->mtime_ns;
	f->hash = s->hash;
	return 0;
}

/* Put the loaded parts' files into one tree, in path order. */
static int part_join(struct part_merge *m, uint32_t nparts)
{
	struct dig_tree *t = m->tree;
	size_t total = 0;
	uint32_t at = 0;

	for (uint32_t p = 0; p < nparts; p++)
		total += (size_t)m->parts[p].tree->nfiles + m->parts[p].nskips;
	if (total >= UINT32_MAX)
		return part_fail(m->err, m->errlen, "more than 2^32 files");
	t->files = calloc(total + 1, sizeof(*t->files));
	m->part_of = malloc((total + 1) * sizeof(*m->part_of));
	m->rep = malloc((total + 1) * sizeof(*m->rep));
	/* (file, part) pairs, sorted by path; each file moves with its arena, and the part's
	 * tree keeps no file */
	struct { struct dig_file f; uint32_t part; } *pairs = malloc((total + 1) * sizeof(*pairs));
	if (!t->files || !m->part_of || !m->rep || !pairs) {
		free(pairs);
		return part_fail(m->err, m->errlen, "out of memory");
	}
	for (uint32_t p = 0; p < nparts; p++) {
		struct dig_tree *pt = m->parts[p].tree;
		for (uint32_t i = 0; i < pt->nfiles; i++) {
			pairs[at].f = pt->files[i];
			pairs[at++].part = p;
		}
		pt->nfiles = 0;
		for (uint32_t k = 0; k < m->parts[p].nskips; k++) {
			if (part_skip_file(&pairs[at].f, &m->parts[p].skips[k]) != 0) {
				dig_arena_destroy(pairs[at].f.arena);
				for (uint32_t i = 0; i < at; i++)
					dig_arena_destroy(pairs[i].f.arena);
				free(pairs);
				return part_fail(m->err, m->errlen, "out of memory");
			}
			pairs[at++].part = p;
		}
	}
	if (at > 1)
		qsort(pairs, at, sizeof(*pairs), part_cmp_file);
	for (uint32_t i = 0; i < at; i++) {
		t->files[i] = pairs[i].f;
		m->part_of[i] = pairs[i].part;
	}
	t->nfiles = at;
	free(pairs);
	for (uint32_t i = 1; i < t->nfiles; i++)
		if (strcmp(t->files[i - 1].path, t->files[i].path) == 0)
			return part_fail(m->err, m->errlen, "%s and %s: both hold %s (overlapping shards)",
			                 m->parts[m->part_of[i - 1]].dir, m->parts[m->part_of[i]].dir, t->files[i].path);
	/* a part's own copies: the original it names, found among the merged files */
	for (uint32_t i = 0; i < t->nfiles; i++) {
		struct dig_file *f = &t->files[i];
		uint32_t o = f->copy_of ? dig_tree_find(t, f->copy_of) : UINT32_MAX;
		m->rep[i] = o != UINT32_MAX && m->part_of[o] == m->part_of[i] ? o : i;
		f->copy_of = NULL;
	}
	return 0;
}

int dig_part_merge(const char *const *dirs, uint32_t n, uint64_t vocab, struct dig_tree **out,
                   struct dig_part_meta *meta, char *err, size_t errlen)
{
	struct part_merge m;
	struct part *parts;
	int rc = -1;

	*out = NULL;
	if (n == 0)
		return part_fail(err, errlen, "no parts to merge");
	memset(&m, 0, sizeof(m));
	m.err = err;
	m.errlen = errlen;
	parts = m.parts = calloc(n, sizeof(*parts));
	if (!parts)
		return part_fail(err, errlen, "out of memory");
	for (uint32_t i = 0; i < n; i++)
		parts[i].dir = dirs[i];
	/* every manifest, then their agreement, before any facts are read */
	for (uint32_t i = 0; i < n; i++)
		if (part_read(&parts[i], err, errlen) != 0)
			goto out;
	if (part_agree(parts, n, vocab, err, errlen) != 0)
		goto out;
	for (uint32_t i = 0; i < n; i++)
		if (part_load(&parts[i], err, errlen) != 0)
			goto out;
	m.tree = calloc(1, sizeof(*m.tree));
	if (!m.tree || !(m.tree->arena = dig_arena_create()) ||
	    !(m.tree->root = dig_arena_strdup(m.tree->arena, parts[0].meta.root)) ||
	    !(m.root_abs = dig_arena_strdup(m.tree->arena, parts[0].meta.root_abs))) {
		part_fail(err, errlen, "out of memory");
		goto out;
	}
	if (part_join(&m, n) != 0 || part_copies(&m) != 0 || part_diags(&m, n) != 0)
		goto out;
	scan_tree_tally(m.tree);
	m.tree->cached = m.tree->nfiles - m.tree->skipped;
	*meta = parts[0].meta;
	meta->shard = 0;
	meta->root = m.tree->root;
	meta->root_abs = m.root_abs;
	*out = m.tree;
	m.tree = NULL;
	rc = 0;
out:
	dig_tree_free(m.tree);
	for (uint32_t i = 0; i < n; i++) {
		dig_tree_free(parts[i].tree);
		free(parts[i].text);
		free(parts[i].real);
		free(parts[i].skips);
		free(parts[i].diags);
	}
	free(parts);
	free(m.part_of);
	free(m.rep);
	return rc;
}
