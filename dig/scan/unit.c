/*
 * dig/scan/unit.c: the per-file extraction context (struct scan_unit, scan_impl.h):
 * growable vectors, the identifier intern table, whitespace folding, the dead-line and
 * active-macro lookups, evidence records, and the final copy of the facts into the file's
 * arena. Also the two byte-level helpers every stage uses: the content hash and the UTF-8
 * check.
 */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "dig/hash.h"
#include "dig/scan/scan_impl.h"

/* Grow by doubling; new slots are zeroed so callers fill only what they know. */
void *scan_vec_push(struct scan_vec *vec, size_t elsz)
{
	if (vec->n == vec->cap) {
		uint32_t cap = vec->cap ? vec->cap * 2 : 16;
		if (cap < vec->cap)
			return NULL;
		void *p = realloc(vec->data, (size_t)cap * elsz);
		if (!p)
			return NULL;
		vec->data = p;
		vec->cap = cap;
	}
	char *slot = (char *)vec->data + (size_t)vec->n * elsz;
	vec->n++;
	memset(slot, 0, elsz);
	return slot;
}

/* Grow to at least n (doubling, so a thread's vectors settle at its largest file) and
 * zero the n slots: the decoder of the fact cache fills a vector whose count it knows. */
void *scan_vec_resize(struct scan_vec *vec, uint32_t n, size_t elsz)
{
	vec->n = 0;
	if (n == 0)
		return NULL;
	if (n > vec->cap) {
		uint32_t cap = vec->cap ? vec->cap : 16;
		while (cap < n)
			cap = cap * 2 > cap ? cap * 2 : n;
		void *p = realloc(vec->data, (size_t)cap * elsz);
		if (!p)
			return NULL;
		vec->data = p;
		vec->cap = cap;
	}
	memset(vec->data, 0, (size_t)n * elsz);
	vec->n = n;
	return vec->data;
}

/* Release a vector's storage. */
void scan_vec_fini(struct scan_vec *vec)
{
	free(vec->data);
	vec->data = NULL;
	vec->n = vec->cap = 0;
}

/* Empty every vector but keep its storage: the next file on this thread reuses it; the
 * scratch arena is reset (or made). Returns 0 or -1 when out of memory. */
int scan_unit_begin(struct scan_unit *unit, const char *path, const char *text, uint32_t len)
{
	struct scan_vec *vecs[] = { &unit->funcs, &unit->calls, &unit->macros, &unit->regs,
	                            &unit->globals, &unit->evidence, &unit->macro_undef, &unit->undefs,
	                            &unit->dead, &unit->knr, &unit->scratch, &unit->loc_prefix,
	                            &unit->blank, &unit->pending, &unit->ppcalls, &unit->lexbodies, &unit->lexcalls,
	                            &unit->func_body, &unit->lexfuncs, &unit->lexdeep,
	                            &unit->lexglobals, &unit->writes };
	for (size_t i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++)
		vecs[i]->n = 0;
	/* The intern table is emptied; one grown for a big file is given up when the last file
	 * needed far less (its doublings then cost what the next file needs, where clearing
	 * it for each of thousands of small files cost the big file's size every time). */
	if (unit->intern.data) {
		uint32_t want = 256;
		while (want < unit->ninterned * 4u && want < (1u << 30))
			want *= 2;
		if (unit->intern.cap > want * 4u)
			scan_vec_fini(&unit->intern);
		else
			memset(unit->intern.data, 0, (size_t)unit->intern.cap * sizeof(const char *));
	}
	unit->ninterned = 0;
	memset(unit->macro_names, 0, sizeof(unit->macro_names));
	unit->path = path;
	unit->text = text;
	unit->len = len;
	unit->deadline.tv_sec = 0;
	unit->deadline.tv_nsec = 0;
	unit->clock_calls = 0;
	unit->late = 0;
	unit->late_line = 0;
	if (unit->arena)
		dig_arena_reset(unit->arena);
	else if (!(unit->arena = dig_arena_create()))
		return -1;
	unit->lines = unit->loc = unit->dead_lines = unit->dead_calls = 0;
	unit->lexed_defs = unit->lexed_line = unit->dead_branches = 0;
	unit->has_error = 0;
	unit->cursor_line = unit->cursor_pos = 0;
	return 0;
}

/* Free everything the unit holds. */
void scan_unit_fini(struct scan_unit *unit)
{
	struct scan_vec *vecs[] = { &unit->funcs, &unit->calls, &unit->macros, &unit->regs,
	                            &unit->globals, &unit->evidence, &unit->macro_undef, &unit->undefs,
	                            &unit->dead, &unit->knr, &unit->scratch, &unit->loc_prefix,
	                            &unit->blank, &unit->pending, &unit->ppcalls, &unit->lexbodies, &unit->lexcalls,
	                            &unit->func_body, &unit->statics, &unit->intern, &unit->lexfuncs,
	                            &unit->lexdeep, &unit->lexglobals, &unit->writes };
	for (size_t i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++)
		scan_vec_fini(vecs[i]);
	free(unit->ppnames.slots);
	memset(&unit->ppnames, 0, sizeof(unit->ppnames));
	free(unit->reach.mark);
	memset(&unit->reach, 0, sizeof(unit->reach));
	free(unit->blanked);
	unit->blanked = NULL;
	unit->blanked_cap = 0;
	free(unit->lined);
	unit->lined = NULL;
	unit->lined_cap = 0;
	free(unit->hidden);
	unit->hidden = NULL;
	unit->hidden_cap = 0;
	free(unit->record);
	unit->record = NULL;
	unit->record_cap = 0;
	dig_arena_destroy(unit->arena);
	unit->arena = NULL;
}

/* The intern table's hash of a short string (dig/hash.h). */
uint32_t scan_str_hash(const char *s, size_t n)
{
	return dig_hash_bytes(DIG_HASH_INIT, s, n);
}

/* Open addressing with linear probing; the table doubles at half load. Strings longer
 * than 64 bytes are not worth a lookup and are copied directly. */
const char *scan_unit_intern(struct scan_unit *unit, const char *s, size_t n)
{
	if (n > 64)
		return dig_arena_strndup(unit->arena, s, n);
	if ((unit->ninterned + 1) * 2 > unit->intern.cap) {
		uint32_t cap = unit->intern.cap ? unit->intern.cap * 2 : 256;
		const char **old = unit->intern.data, **tab = calloc(cap, sizeof(*tab));
		if (!tab)
			return NULL;
		for (uint32_t i = 0; i < unit->intern.cap; i++) {
			if (!old[i])
				continue;
			uint32_t h = scan_str_hash(old[i], strlen(old[i])) & (cap - 1);
			while (tab[h])
				h = (h + 1) & (cap - 1);
			tab[h] = old[i];
		}
		free(old);
		unit->intern.data = tab;
		unit->intern.cap = cap;
	}
	const char **tab = unit->intern.data;
	uint32_t mask = unit->intern.cap - 1, h = scan_str_hash(s, n) & mask;
	for (; tab[h]; h = (h + 1) & mask)
		if (strncmp(tab[h], s, n) == 0 && tab[h][n] == '\0')
			return tab[h];
	char *copy = dig_arena_strndup(unit->arena, s, n);
	if (!copy)
		return NULL;
	tab[h] = copy;
	unit->ninterned++;
	return copy;
}

/* Fold whitespace (and line continuations) to single spaces, trim, and cut at max bytes
 * without splitting a UTF-8 sequence. */
const char *scan_unit_fold(struct scan_unit *unit, const char *s, size_t n, size_t max)
{
	char buf[512];
	size_t o = 0;
	int space = 0;

	if (max > sizeof(buf) - 1)
		max = sizeof(buf) - 1;
	for (size_t i = 0; i < n && o < max; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\' && i + 1 < n && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
			space = 1;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			space = 1;
			continue;
		}
		if (space && o > 0) {
			buf[o++] = ' ';
			if (o >= max)
				break;
		}
		space = 0;
		buf[o++] = (char)c;
	}
	while (o > 0 && ((unsigned char)buf[o - 1] & 0xC0) == 0x80)
		o--;                 /* drop a trailing partial UTF-8 sequence ... */
	if (o > 0 && ((unsigned char)buf[o - 1] & 0xC0) == 0xC0)
		o--;                 /* ... and its lead byte */
	while (o > 0 && buf[o - 1] == ' ')
		o--;
	return scan_unit_intern(unit, buf, o);
}

/* The struct type behind a pointer or value type text, as a dispatch's type:
 * "const struct ops *" -> "struct ops"; interned. NULL for none (or out of memory, then
 * *oom is set). */
const char *scan_unit_struct_of(struct scan_unit *unit, const char *type, int *oom)
{
	size_t n;

	if (!type)
		return NULL;
	if (strncmp(type, "const ", 6) == 0)
		type += 6;
	n = strlen(type);
	while (n > 0 && (type[n - 1] == '*' || type[n - 1] == ' '))
		n--;
	if (n == 0)
		return NULL;
	const char *r = scan_unit_intern(unit, type, n);
	if (!r)
		*oom = 1;
	return r;
}

/* Binary search in the sorted, disjoint dead ranges. */
int scan_unit_dead(const struct scan_unit *unit, uint32_t line)
{
	const struct scan_range *r = unit->dead.data;
	uint32_t lo = 0, hi = unit->dead.n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (line < r[mid].first)
			hi = mid;
		else if (line > r[mid].last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int dig_macro_renames_args(const struct dig_macro *m)
{
	const char *p = m->body, *args[64];
	size_t alen[64], n = 0;

	if (!m->function_like || !m->renames_to || !p || m->nparams > 64)
		return 0;
	p += strlen(m->renames_to);
	while (*p == ' ')
		p++;
	if (*p++ != '(')
		return 0;
	for (;;) {
		while (*p == ' ')
			p++;
		const char *a = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_')
			p++;
		while (*p == ' ')
			p++;
		if (p == a || n >= 64)
			return n == 0 && *p == ')' && p[1] == '\0' && m->nparams == 0;
		args[n] = a;
		alen[n] = strcspn(a, " ,)");
		for (size_t k = 0; k < n; k++)
			if (alen[k] == alen[n] && memcmp(args[k], a, alen[n]) == 0)
				return 0;
		n++;
		if (*p == ',') {
			p++;
			continue;
		}
		return *p == ')' && p[1] == '\0' && (int)n == m->nparams;
	}
}

/* The name filter's bit of a name. */
static uint32_t scan_macro_bit(const char *s, size_t n)
{
	uint32_t h = scan_str_hash(s, n);

	return (h ^ h >> 16) & 4095u;
}

void scan_unit_macro_noted(struct scan_unit *unit, uint32_t from)
{
	const struct dig_macro *m = unit->macros.data;

	for (uint32_t i = from; i < unit->macros.n; i++)
		if (m[i].name) {
			uint32_t b = scan_macro_bit(m[i].name, strlen(m[i].name));
			unit->macro_names[b >> 6] |= 1ull << (b & 63);
		}
}

/* The latest live definition of the name before `line` that no #undef has ended. Most
 * names asked about (every call's callee) are no macro at all: the name filter answers
 * those. Files have few macros compared to calls, but a generated header can have
 * thousands, so the scan goes backwards and stops at the first match. */
const struct dig_macro *scan_unit_macro(const struct scan_unit *unit, const char *s, size_t n,
                                        uint32_t line, int object_only)
{
	const struct dig_macro *m = unit->macros.data;
	const uint32_t *undef = unit->macro_undef.data;

	if (unit->macros.n == 0)
		return NULL;
	uint32_t b = scan_macro_bit(s, n);
	if (!(unit->macro_names[b >> 6] >> (b & 63) & 1))
		return NULL;
	for (uint32_t i = unit->macros.n; i-- > 0;) {
		if (m[i].line >= line || m[i].dead)
			continue;
		if (strncmp(m[i].name, s, n) != 0 || m[i].name[n] != '\0')
			continue;
		if (undef[i] < line)
			return NULL;
		if (object_only && m[i].function_like && !dig_macro_renames_args(&m[i]))
			return NULL;
		return &m[i];
	}
	return NULL;
}

/* Keep the evidence with the trimmed source line it sits on. */
int scan_unit_evidence(struct scan_unit *unit, enum dig_evidence_kind kind, const char *tok,
                       size_t ntok, uint32_t line, int32_t func)
{
	struct dig_evidence *ev = scan_vec_push(&unit->evidence, sizeof(*ev));
	const char *p = unit->text, *end = unit->text + unit->len;
	uint32_t l = 1;

	if (!ev)
		return -1;
	/* Find the line from the last evidence's line when that is not past it: evidence
	 * comes mostly in line order, so the scans add up to about one pass per file. */
	if (unit->cursor_line && unit->cursor_line <= line && unit->cursor_pos <= unit->len) {
		p = unit->text + unit->cursor_pos;
		l = unit->cursor_line;
	}
	while (l < line && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			p = end;
			break;
		}
		p = nl + 1;
		l++;
	}
	unit->cursor_line = l;
	unit->cursor_pos = (uint32_t)(p - unit->text);
	const char *e = memchr(p, '\n', (size_t)(end - p));
	if (!e)
		e = end;
	ev->kind = kind;
	ev->token = scan_unit_fold(unit, tok, ntok, SCAN_LINE_MAX);
	/* line 0 is the command line (-D): the token is all the text there is */
	ev->text = line ? scan_unit_fold(unit, p, (size_t)(e - p), SCAN_LINE_MAX) : ev->token;
	ev->func = func;
	ev->line = line;
	ev->dead = scan_unit_dead(unit, line);
	return ev->token && ev->text ? 0 : -1;
}

/* Well-known poison words, as lower-case hex digits without 0x. Data, not code. */
static const char *const scan_magic_words[] = {
	"deadbeef", "deadbabe", "deadc0de", "baddcafe", "baadf00d", "feedface", "cafebabe",
	"feeefeee", "abadcafe", "defaced", "badc0ffee0ddf00d", "fdfdfdfd", "cdcdcdcd", "dddddddd",
};

/* scan_impl.h: a return type through a linkage macro, `API_DECLARE(char *)`. */
int scan_linkage_type(const char *s, size_t n, const char **base, size_t *nbase, int *stars)
{
	size_t i = 0, w, open, close, depth = 0;
	int upper = 0, nstars = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	for (w = i; w < n && scan_ident_byte((unsigned char)s[w]); w++) {
		if (s[w] >= 'a' && s[w] <= 'z')
			return 0;
		upper |= s[w] >= 'A' && s[w] <= 'Z';
	}
	if (!upper || w - i < 2 || (s[i] >= '0' && s[i] <= '9'))
		return 0;
	for (open = w; open < n && (s[open] == ' ' || s[open] == '\t'); open++)
		;
	if (open >= n || s[open] != '(')
		return 0;
	for (close = open; close < n; close++) {
		depth += s[close] == '(';
		depth -= s[close] == ')';
		if (depth == 0)
			break;
	}
	if (close >= n)
		return 0;
	for (i = close + 1; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	/* the type: its words, then its stars */
	for (i = open + 1; i < close && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	for (w = close; w > i && (s[w - 1] == ' ' || s[w - 1] == '\t' || s[w - 1] == '*'); w--)
		nstars += s[w - 1] == '*';
	if (w == i || !(scan_ident_byte((unsigned char)s[i]) && !(s[i] >= '0' && s[i] <= '9')))
		return 0;
	for (size_t k = i; k < w; k++)
		if (!scan_ident_byte((unsigned char)s[k]) && s[k] != ' ' && s[k] != '\t')
			return 0;   /* one type's words only: not `(a, b)` or a function pointer */
	*base = s + i;
	*nbase = w - i;
	*stars = nstars;
	return 1;
}

/* A hex literal is a fill constant when it is a known poison word, or when it has at least
 * two bytes that are all the same byte other than 0x00 and 0xff (0xa5a5a5a5, 0x5a5a). */
int scan_magic_literal(const char *s, size_t n)
{
	char hex[40];
	size_t k = 0;

	if (n < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return 0;
	for (size_t i = 2; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
			if (k + 1 >= sizeof(hex))
				return 0;
			hex[k++] = c;
		} else if (c == 'u' || c == 'U' || c == 'l' || c == 'L') {
			break;
		} else if (c != '\'') {
			return 0;
		}
	}
	hex[k] = '\0';
	for (size_t i = 0; i < sizeof(scan_magic_words) / sizeof(scan_magic_words[0]); i++)
		if (strcmp(hex, scan_magic_words[i]) == 0)
			return 1;
	if (k < 4 || k % 2 != 0)
		return 0;
	for (size_t i = 2; i < k; i += 2)
		if (hex[i] != hex[0] || hex[i + 1] != hex[1])
			return 0;
	return !(hex[0] == '0' && hex[1] == '0') && !(hex[0] == 'f' && hex[1] == 'f');
}

/* Round up to the arena's alignment. */
static size_t scan_unit_round(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* The relocation context of scan_unit_finish. */
struct scan_pack {
	struct dig_arena_move moves[64];
	size_t nmoves;
	char *at;                      /* next free byte of the block (arrays go here) */
};

/* A string's new address. */
static const char *scan_pack_str(const struct scan_pack *pk, const char *s)
{
	return dig_arena_moved(pk->moves, pk->nmoves, s);
}

/* Copy a vector into the block; returns the copy (NULL when empty). */
static void *scan_pack_array(struct scan_pack *pk, const struct scan_vec *vec, size_t elsz)
{
	void *p;

	if (vec->n == 0)
		return NULL;
	p = pk->at;
	memcpy(p, vec->data, (size_t)vec->n * elsz);
	pk->at += scan_unit_round((size_t)vec->n * elsz);
	return p;
}

/* A string array that lives in the scratch arena: move the array, then its strings. */
static const char **scan_pack_strv(const struct scan_pack *pk, const char **v, size_t n)
{
	const char **nv = (const char **)dig_arena_moved(pk->moves, pk->nmoves, v);

	for (size_t i = 0; nv && i < n; i++)
		nv[i] = scan_pack_str(pk, nv[i]);
	return nv;
}

/* Hand the facts over. The file gets one exactly-sized block: the scratch arena's used
 * bytes (every string and small array of this file) followed by the fact arrays, with
 * every pointer translated into the block. Thirty thousand files then cost what their
 * facts need, not thirty thousand half-empty chunks. `extra` bytes are left free in the
 * block's arena for the caller. */
int scan_unit_finish(struct scan_unit *unit, struct dig_file *file, size_t extra)
{
	struct scan_pack pk;
	size_t strings = dig_arena_used(unit->arena);
	size_t arrays = scan_unit_round((size_t)unit->funcs.n * sizeof(struct dig_func)) +
	                scan_unit_round((size_t)unit->calls.n * sizeof(struct dig_call)) +
	                scan_unit_round((size_t)unit->macros.n * sizeof(struct dig_macro)) +
	                scan_unit_round((size_t)unit->undefs.n * sizeof(struct dig_undef)) +
	                scan_unit_round((size_t)unit->regs.n * sizeof(struct dig_reg)) +
	                scan_unit_round((size_t)unit->globals.n * sizeof(struct dig_global)) +
	                scan_unit_round((size_t)unit->evidence.n * sizeof(struct dig_evidence));
	char *block;

	file->arena = dig_arena_create_sized(strings + arrays + scan_unit_round(extra) + 8);
	if (!file->arena)
		return -1;
	block = dig_arena_alloc(file->arena, strings + arrays + 8);
	if (!block)
		return -1;
	pk.nmoves = dig_arena_flatten(unit->arena, block, pk.moves, sizeof(pk.moves) / sizeof(pk.moves[0]));
	if (pk.nmoves == 0 && unit->arena->head) {
		/* A file with facts in more than 64 chunks (many megabytes): hand the scratch
		 * arena itself over instead of packing it. */
		dig_arena_destroy(file->arena);
		file->arena = unit->arena;
		unit->arena = NULL;
		block = dig_arena_alloc(file->arena, arrays + 8);
		if (!block)
			return -1;
		pk.nmoves = 0;
		pk.at = block;
	} else {
		pk.at = block + strings;
	}
	file->reason = scan_pack_str(&pk, file->reason);
	file->funcs = scan_pack_array(&pk, &unit->funcs, sizeof(struct dig_func));
	file->nfuncs = unit->funcs.n;
	for (uint32_t i = 0; i < file->nfuncs; i++) {
		struct dig_func *f = &file->funcs[i];
		f->name = scan_pack_str(&pk, f->name);
		f->written_name = scan_pack_str(&pk, f->written_name);
		f->return_type = scan_pack_str(&pk, f->return_type);
		if (f->nparams > 0) {
			f->param_types = scan_pack_strv(&pk, f->param_types, (size_t)f->nparams);
			f->param_names = scan_pack_strv(&pk, f->param_names, (size_t)f->nparams);
		} else {
			f->param_types = f->param_names = NULL;
		}
		if (f->nglobals_used == 0)
			f->globals_used = NULL;
		f->globals_used = scan_pack_strv(&pk, f->globals_used, f->nglobals_used);
	}
	file->calls = scan_pack_array(&pk, &unit->calls, sizeof(struct dig_call));
	file->ncalls = unit->calls.n;
	for (uint32_t i = 0; i < file->ncalls; i++) {
		struct dig_call *c = &file->calls[i];
		c->callee = scan_pack_str(&pk, c->callee);
		c->written = scan_pack_str(&pk, c->written);
		c->via_macro = scan_pack_str(&pk, c->via_macro);
		c->dispatch_type = scan_pack_str(&pk, c->dispatch_type);
		c->args = scan_pack_str(&pk, c->args);
	}
	file->macros = scan_pack_array(&pk, &unit->macros, sizeof(struct dig_macro));
	file->nmacros = unit->macros.n;
	const uint32_t *undef = unit->macro_undef.n == unit->macros.n ? unit->macro_undef.data : NULL;
	for (uint32_t i = 0; i < file->nmacros; i++) {
		struct dig_macro *m = &file->macros[i];
		m->name = scan_pack_str(&pk, m->name);
		m->body = scan_pack_str(&pk, m->body);
		m->renames_to = scan_pack_str(&pk, m->renames_to);
		m->calls = m->ncalls ? scan_pack_strv(&pk, m->calls, m->ncalls) : NULL;
		if (undef)      /* a fresh parse (the cache decodes undef_line itself) */
			m->undef_line = undef[i] == UINT32_MAX ? 0 : undef[i];
	}
	file->undefs = scan_pack_array(&pk, &unit->undefs, sizeof(struct dig_undef));
	file->nundefs = unit->undefs.n;
	for (uint32_t i = 0; i < file->nundefs; i++)
		file->undefs[i].name = scan_pack_str(&pk, file->undefs[i].name);
	file->regs = scan_pack_array(&pk, &unit->regs, sizeof(struct dig_reg));
	file->nregs = unit->regs.n;
	for (uint32_t i = 0; i < file->nregs; i++) {
		struct dig_reg *r = &file->regs[i];
		r->struct_type = scan_pack_str(&pk, r->struct_type);
		r->field = scan_pack_str(&pk, r->field);
		r->func = scan_pack_str(&pk, r->func);
	}
	file->globals = scan_pack_array(&pk, &unit->globals, sizeof(struct dig_global));
	file->nglobals = unit->globals.n;
	for (uint32_t i = 0; i < file->nglobals; i++) {
		file->globals[i].name = scan_pack_str(&pk, file->globals[i].name);
		file->globals[i].type = scan_pack_str(&pk, file->globals[i].type);
	}
	file->evidence = scan_pack_array(&pk, &unit->evidence, sizeof(struct dig_evidence));
	file->nevidence = unit->evidence.n;
	for (uint32_t i = 0; i < file->nevidence; i++) {
		file->evidence[i].token = scan_pack_str(&pk, file->evidence[i].token);
		file->evidence[i].text = scan_pack_str(&pk, file->evidence[i].text);
	}
	file->lines = unit->lines;
	file->loc = unit->loc;
	file->dead_lines = unit->dead_lines;
	file->dead_calls = unit->dead_calls;
	file->dead_branches = unit->dead_branches;
	file->lexed_defs = unit->lexed_defs;
	file->lexed_line = unit->lexed_line;
	return 0;
}

/* XXH3 (64 bits) of a whole file's bytes. Not cryptographic: equal hashes are confirmed
 * with memcmp before two files are called copies. */
uint64_t scan_hash(const void *data, size_t len)
{
	return XXH3_64bits(data, len);
}

/* Count invalid UTF-8 sequences (overlongs, surrogates and truncations included). */
size_t scan_utf8_errors(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t bad = 0, i = 0;

	while (i < len) {
		unsigned char c = s[i];
		if (c < 0x80) {
			/* ASCII: skip it eight bytes at a time (C source is almost all ASCII) */
			for (i++; i + 8 <= len; i += 8) {
				uint64_t w;
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
			}
			continue;
		}
		size_t need;
		uint32_t cp, min;
		if ((c & 0xE0) == 0xC0) {
			need = 1; cp = c & 0x1F; min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			need = 2; cp = c & 0x0F; min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			need = 3; cp = c & 0x07; min = 0x10000;
		} else {
			bad++;
			i++;
			continue;
		}
		size_t j = 1;
		for (; j <= need && i + j < len && (s[i + j] & 0xC0) == 0x80; j++)
			cp = (cp << 6) | (s[i + j] & 0x3F);
		if (j <= need || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
			bad++;
			i += j;
			continue;
		}
		i += need + 1;
	}
	return bad;
}

/* Prefix sums make a function's LOC one subtraction. */
uint32_t scan_unit_loc(const struct scan_unit *unit, uint32_t a, uint32_t b)
{
	const uint32_t *p = unit->loc_prefix.data;
	uint32_t n = unit->loc_prefix.n;

	if (n == 0 || a == 0 || a > b)
		return 0;
	if (b >= n)
		b = n - 1;
	if (a > b)
		return 0;
	return p[b] - p[a - 1];
}

/* A tiny recursive-descent evaluator over text: enough for array sizes like
 * [N*1024], [(1 << 12) + 16] or [ARENA_SIZE] with ARENA_SIZE an object-like macro. */
struct scan_eval {
	const struct scan_unit *unit;
	const char *s;
	size_t n, i;
	uint32_t line;
	int depth;                  /* macro and parenthesis nesting, bounded */
	int ok;
	unsigned *steps;            /* shared by nested macro evaluations: caps the total work */
};

static uint64_t scan_eval_or(struct scan_eval *e);

/* Skip blanks. */
static void scan_eval_ws(struct scan_eval *e)
{
	while (e->i < e->n && (e->s[e->i] == ' ' || e->s[e->i] == '\t' || e->s[e->i] == '\n' ||
	                       e->s[e->i] == '\r' || e->s[e->i] == '\\'))
		e->i++;
}

/* A number, an identifier naming an object-like macro, a parenthesised expression or a
 * unary operator applied to one. */
static uint64_t scan_eval_unary(struct scan_eval *e)
{
	scan_eval_ws(e);
	if (e->i >= e->n || ++e->depth > 64 || ++*e->steps > 4096) {
		e->ok = 0;
		return 0;
	}
	char c = e->s[e->i];
	uint64_t v = 0;
	if (c == '(') {
		e->i++;
		v = scan_eval_or(e);
		scan_eval_ws(e);
		if (e->i < e->n && e->s[e->i] == ')')
			e->i++;
		else
			e->ok = 0;
	} else if (c == '-' || c == '+' || c == '~') {
		e->i++;
		v = scan_eval_unary(e);
		v = c == '-' ? (uint64_t)0 - v : c == '~' ? ~v : v;
	} else if (c >= '0' && c <= '9') {
		int base = 10;
		if (c == '0' && e->i + 1 < e->n && (e->s[e->i + 1] == 'x' || e->s[e->i + 1] == 'X')) {
			base = 16;
			e->i += 2;
		} else if (c == '0') {
			base = 8;
		}
		for (; e->i < e->n; e->i++) {
			char d = e->s[e->i];
			int dv = d >= '0' && d <= '9' ? d - '0' : d >= 'a' && d <= 'f' ? d - 'a' + 10 :
			         d >= 'A' && d <= 'F' ? d - 'A' + 10 : -1;
			if (dv < 0 || dv >= base)
				break;
			v = v * (uint64_t)base + (uint64_t)dv;
		}
		while (e->i < e->n && (e->s[e->i] == 'u' || e->s[e->i] == 'U' || e->s[e->i] == 'l' ||
		                       e->s[e->i] == 'L'))
			e->i++;
	} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
		size_t a = e->i;
		while (e->i < e->n && ((e->s[e->i] >= 'a' && e->s[e->i] <= 'z') ||
		                       (e->s[e->i] >= 'A' && e->s[e->i] <= 'Z') ||
		                       (e->s[e->i] >= '0' && e->s[e->i] <= '9') || e->s[e->i] == '_'))
			e->i++;
		const struct dig_macro *m = scan_unit_macro(e->unit, e->s + a, e->i - a, e->line, 1);
		if (!m || !m->body || !*m->body) {
			e->ok = 0;
		} else {
			struct scan_eval sub = { e->unit, m->body, strlen(m->body), 0, m->line, e->depth, 1,
			                         e->steps };
			v = scan_eval_or(&sub);
			scan_eval_ws(&sub);
			if (!sub.ok || sub.i != sub.n)
				e->ok = 0;
		}
	} else {
		e->ok = 0;
	}
	e->depth--;
	return v;
}

/* Multiplicative operators. */
static uint64_t scan_eval_mul(struct scan_eval *e)
{
	uint64_t v = scan_eval_unary(e);

	for (;;) {
		scan_eval_ws(e);
		if (!e->ok || e->i >= e->n)
			return v;
		char c = e->s[e->i];
		if (c != '*' && c != '/' && c != '%')
			return v;
		e->i++;
		uint64_t r = scan_eval_unary(e);
		if (c == '*')
			v *= r;
		else if (r == 0)
			e->ok = 0;
		else
			v = c == '/' ? v / r : v % r;
	}
}

/* Additive operators. */
static uint64_t scan_eval_add(struct scan_eval *e)
{
	uint64_t v = scan_eval_mul(e);

	for (;;) {
		scan_eval_ws(e);
		if (!e->ok || e->i >= e->n)
			return v;
		char c = e->s[e->i];
		if (c != '+' && c != '-')
			return v;
		e->i++;
		uint64_t r = scan_eval_mul(e);
		v = c == '+' ? v + r : v - r;
	}
}

/* Shifts, then bitwise and/or (precedence kept in the order C gives them). */
static uint64_t scan_eval_shift(struct scan_eval *e)
{
	uint64_t v = scan_eval_add(e);

	for (;;) {
		scan_eval_ws(e);
		if (!e->ok || e->i + 1 >= e->n)
			return v;
		char c = e->s[e->i];
		if ((c != '<' && c != '>') || e->s[e->i + 1] != c)
			return v;
		e->i += 2;
		uint64_t r = scan_eval_add(e);
		if (r >= 64)
			e->ok = 0;
		else
			v = c == '<' ? v << r : v >> r;
	}
}

/* & and | (no && or ||: those are not array sizes). */
static uint64_t scan_eval_or(struct scan_eval *e)
{
	uint64_t v = scan_eval_shift(e);

	for (;;) {
		scan_eval_ws(e);
		if (!e->ok || e->i >= e->n)
			return v;
		char c = e->s[e->i];
		if ((c != '&' && c != '|') || (e->i + 1 < e->n && e->s[e->i + 1] == c))
			return v;
		e->i++;
		uint64_t r = scan_eval_shift(e);
		v = c == '&' ? v & r : v | r;
	}
}

/* Evaluate the whole text; anything left over means "not a constant". */
int scan_unit_eval(const struct scan_unit *unit, const char *s, size_t n, uint32_t line, uint64_t *val)
{
	unsigned steps = 0;
	struct scan_eval e = { unit, s, n, 0, line, 0, 1, &steps };
	uint64_t v = scan_eval_or(&e);

	scan_eval_ws(&e);
	if (!e.ok || e.i != e.n)
		return 0;
	*val = v;
	return 1;
}

/* Follow object- and function-like macros of this file that rename (a chain of at most 8).
 * Returns the final name and sets *via to the first macro, or NULL when nothing renames. */
const char *scan_unit_rename(const struct scan_unit *unit, const char *s, size_t n, uint32_t line,
                             int object_only, const char **via)
{
	const char *name = NULL;

	*via = NULL;
	for (int hop = 0; hop < 8; hop++) {
		const struct dig_macro *m = scan_unit_macro(unit, s, n, line, object_only);
		if (!m || !m->renames_to)
			break;
		if (!*via)
			*via = m->name;
		name = m->renames_to;
		s = name;
		n = strlen(name);
	}
	return name;
}

/* The fact cache's view of a stat(2) result. */
void scan_stat_of(struct scan_stat *st, const struct stat *sb)
{
	st->size = (uint64_t)sb->st_size;
	st->mtime_ns = (uint64_t)sb->st_mtim.tv_sec * 1000000000ull + (uint64_t)sb->st_mtim.tv_nsec;
	st->ctime_ns = (uint64_t)sb->st_ctim.tv_sec * 1000000000ull + (uint64_t)sb->st_ctim.tv_nsec;
	st->ino = (uint64_t)sb->st_ino;
}

/* Give the file ms of this thread's CPU time from now. */
void scan_unit_budget(struct scan_unit *unit, unsigned ms)
{
	if (ms == 0)
		ms = 5000;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &unit->deadline);
	unit->deadline.tv_sec += ms / 1000;
	unit->deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (unit->deadline.tv_nsec >= 1000000000L) {
		unit->deadline.tv_sec++;
		unit->deadline.tv_nsec -= 1000000000L;
	}
	unit->clock_calls = 0;
}

int scan_unit_past_deadline(struct scan_unit *unit, uint32_t line)
{
	struct timespec now;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
	if (now.tv_sec > unit->deadline.tv_sec ||
	    (now.tv_sec == unit->deadline.tv_sec && now.tv_nsec >= unit->deadline.tv_nsec)) {
		unit->late = 1;
		unit->late_line = line;
		return 1;
	}
	return 0;
}

/* Keep the elements of a fact vector whose line is at most `last`; `keep` (may be NULL)
 * gets, per old index, its new one or -1. Returns the kept count. */
#define UNIT_CUT(vec, type, last, keep)                                          \
	do {                                                                     \
		type *v_ = (vec).data;                                           \
		uint32_t k_ = 0;                                                 \
		for (uint32_t i_ = 0; i_ < (vec).n; i_++) {                      \
			int32_t *slot_ = (keep);                                 \
			if (v_[i_].line <= (last)) {                             \
				if (slot_)                                       \
					slot_[i_] = (int32_t)k_;                 \
				v_[k_++] = v_[i_];                               \
			} else if (slot_) {                                      \
				slot_[i_] = -1;                                  \
			}                                                        \
		}                                                                \
		(vec).n = k_;                                                    \
	} while (0)

/* Drop every fact past the line reading stopped at, so that the file's facts are those of
 * its first late_line lines, whole (a function that starts before the cut keeps the calls
 * before it); function indices are remapped. */
void scan_unit_cut(struct scan_unit *unit)
{
	uint32_t last = unit->late_line, nf = unit->funcs.n;
	int32_t *map = nf ? malloc((size_t)nf * sizeof(*map)) : NULL;
	uint32_t *undef = unit->macro_undef.data;
	struct dig_macro *m = unit->macros.data;
	uint32_t km = 0;

	/* macros first: macro_undef runs beside them, element for element */
	for (uint32_t i = 0; i < unit->macros.n; i++)
		if (m[i].line <= last) {
			if (unit->macro_undef.n == unit->macros.n)
				undef[km] = undef[i];
			m[km++] = m[i];
		}
	if (unit->macro_undef.n == unit->macros.n)
		unit->macro_undef.n = km;
	unit->macros.n = km;
	if (nf && !map) {
		/* out of memory: drop the functions' facts rather than keep a bad index */
		unit->funcs.n = unit->calls.n = unit->regs.n = unit->evidence.n = 0;
	} else {
		UNIT_CUT(unit->funcs, struct dig_func, last, map);
		if (unit->func_body.n == nf) {
			uint32_t *b = unit->func_body.data, k = 0;
			for (uint32_t i = 0; i < nf; i++)
				if (map[i] >= 0)
					b[k++] = b[i];
			unit->func_body.n = k;
		}
		UNIT_CUT(unit->calls, struct dig_call, last, NULL);
		UNIT_CUT(unit->regs, struct dig_reg, last, NULL);
		UNIT_CUT(unit->evidence, struct dig_evidence, last, NULL);
		struct dig_call *c = unit->calls.data;
		for (uint32_t i = 0; i < unit->calls.n; i++)
			c[i].func = c[i].func >= 0 && (uint32_t)c[i].func < nf ? map[c[i].func] : -1;
		struct dig_reg *r = unit->regs.data;
		for (uint32_t i = 0; i < unit->regs.n; i++)
			r[i].in_func = r[i].in_func >= 0 && (uint32_t)r[i].in_func < nf ? map[r[i].in_func] : -1;
		struct dig_evidence *e = unit->evidence.data;
		for (uint32_t i = 0; i < unit->evidence.n; i++)
			e[i].func = e[i].func >= 0 && (uint32_t)e[i].func < nf ? map[e[i].func] : -1;
	}
	UNIT_CUT(unit->globals, struct dig_global, last, NULL);
	unit->dead_calls = 0;
	const struct dig_call *c = unit->calls.data;
	for (uint32_t i = 0; i < unit->calls.n; i++)
		unit->dead_calls += c[i].dead != 0;
	free(map);
}

/* Order function indices by their first line (scan_unit_place_writes). */
static int unit_cmp_func_line(const void *a, const void *b, void *ctx)
{
	const struct dig_func *f = ctx;
	uint32_t x = f[*(const uint32_t *)a].line, y = f[*(const uint32_t *)b].line;
	return (x > y) - (x < y);
}

int scan_unit_place_writes(struct scan_unit *unit)
{
	const struct dig_evidence *w = unit->writes.data;
	const struct dig_func *f = unit->funcs.data;
	uint32_t nf = unit->funcs.n, *order;

	if (unit->writes.n == 0)
		return 0;
	if (!(order = malloc(((size_t)nf + 1) * sizeof(*order))))
		return -1;
	for (uint32_t i = 0; i < nf; i++)
		order[i] = i;
	qsort_r(order, nf, sizeof(*order), unit_cmp_func_line, (void *)f);
	for (uint32_t k = 0; k < unit->writes.n; k++) {
		uint32_t lo = 0, hi = nf;
		int32_t at = -1;
		while (w[k].kind != DIG_EV_TYPEDEF && lo < hi) { /* the last definition starting at or
		                                                    before the line (a typedef is a
		                                                    file-scope fact: none) */
			uint32_t mid = lo + (hi - lo) / 2;
			if (f[order[mid]].line <= w[k].line)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* definitions do not nest; a misread one may overlap its neighbour: the nearest
		 * start whose body reaches the line */
		for (uint32_t j = lo; j-- > 0 && at < 0 && lo - j <= 4;)
			if (f[order[j]].end_line >= w[k].line)
				at = (int32_t)order[j];
		if (at < 0 && w[k].kind != DIG_EV_TYPEDEF)
			continue;
		struct dig_evidence *ev = scan_vec_push(&unit->evidence, sizeof(*ev));
		if (!ev) {
			free(order);
			return -1;
		}
		*ev = w[k];
		ev->func = at;
		w = unit->writes.data;
	}
	free(order);
	unit->writes.n = 0;
	return 0;
}
