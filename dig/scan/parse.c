/*
 * dig/scan/parse.c: one file from bytes to facts. Classify the bytes (binary, non-UTF-8),
 * run the lexical preprocessor pass, parse with tree-sitter under a time budget, recover
 * K&R definitions, walk the tree, free the tree at once (a syntax tree is ~10x the text),
 * and copy the facts into the file's arena.
 *
 * Byte policy (documented in scan.h): a NUL byte, or control bytes other than
 * \t \n \v \f \r ESC in more than 1% of the bytes, mean "binary": skipped. Invalid UTF-8
 * sequences in at most 10% of the bytes (Latin-1 or other 8-bit comments and strings in old
 * trees) are parsed as bytes -- C syntax is ASCII, so the facts are unaffected -- with a
 * note in file->reason; more than that is skipped as "not text".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dig/scan/scan_impl.h"

/* The budget a progress callback checks. */
struct parse_budget {
	struct timespec deadline;
	unsigned calls;              /* the clock is read every PARSE_CLOCK_EVERY calls */
	int expired;
};

/* Reading the thread's CPU clock is a system call (about a microsecond in a VM): tree-sitter
 * calls the progress callback every 100 parse operations, so only one call in this many
 * looks at it (a fraction of a millisecond of parsing; the budget is seconds). */
#define PARSE_CLOCK_EVERY 256u

/* When tree-sitter reads only the kept ranges of a file, each time it moves to a position
 * (about once a token) it finds that position's range by a linear search from the first:
 * with R ranges a token costs up to R steps, so the search costs about R * kept / 5 steps
 * in all. Spacing the hidden text out instead costs the parser about 20 ns a hidden byte
 * (perf, minix318: 21 MB of spaces took 0.55 s). So the ranges are given when there are at
 * most PARSE_FEW_RANGES of them (next to nothing), or when R * kept is at most
 * PARSE_RANGE_COST times the hidden bytes: the search then costs at most ~40 steps a
 * hidden byte -- linear in the file, never quadratic -- and the parser lexes none of
 * them; otherwise (thousands of small hidden bodies) the spaced copy (parse_included). */
#define PARSE_FEW_RANGES 64u
#define PARSE_RANGE_COST 200u

/* Cancel the parse once the deadline has passed. The clock is the thread's CPU time, so
 * the budget means the same on an idle machine and on a loaded one (a busy neighbour does
 * not turn a normal file into a "too slow" one). */
static bool parse_progress(TSParseState *state)
{
	struct parse_budget *b = state->payload;
	struct timespec now;

	if (++b->calls % PARSE_CLOCK_EVERY != 0)
		return false;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
	if (now.tv_sec > b->deadline.tv_sec ||
	    (now.tv_sec == b->deadline.tv_sec && now.tv_nsec >= b->deadline.tv_nsec)) {
		b->expired = 1;
		return true;
	}
	return false;
}

/* The input callback: the whole remaining buffer at once. */
static const char *parse_read(void *payload, uint32_t byte, TSPoint pos, uint32_t *bytes_read)
{
	const struct scan_unit *u = payload;
	const char *text = u->parse_text ? u->parse_text : u->text;

	(void)pos;
	if (byte >= u->len) {
		*bytes_read = 0;
		return "";
	}
	*bytes_read = u->len - byte;
	return text + byte;
}

/* Set a file's reason (copied into the scratch arena; finish packs it with the facts). */
static int parse_reason(struct scan_unit *unit, struct dig_file *file, const char *reason)
{
	file->reason = dig_arena_strdup(unit->arena, reason);
	return file->reason ? 0 : -1;
}

/* Note invalid UTF-8 that was parsed anyway (unless a reason is there already). */
static int parse_note_utf8(struct scan_unit *unit, struct dig_file *file, size_t bad)
{
	char note[160];

	if (file->reason && !unit->lexed_defs)
		return 0;
	snprintf(note, sizeof(note), "%s%snot UTF-8 (%zu invalid byte sequences); parsed as bytes",
	         file->reason ? file->reason : "", file->reason ? "; " : "", bad);
	return parse_reason(unit, file, note);
}

/* Name a file whose parse lost definitions the lexer then read (scan_lex_merge). */
static int parse_note_lexed(struct scan_unit *unit, struct dig_file *file)
{
	char note[160];

	snprintf(note, sizeof(note), "parsed in part: %u definition%s from line %u the parser could not read, "
	         "read by the lexer", unit->lexed_defs, unit->lexed_defs == 1 ? "" : "s", unit->lexed_line);
	return parse_reason(unit, file, note);
}

/* x read as eight byte lanes (their order does not matter: they are only counted): the
 * high bit of each lane of the result says whether that byte of x is below k (k <= 0x80;
 * no sum carries out of its lane). */
#define PARSE_ONES UINT64_C(0x0101010101010101)
#define PARSE_HIGH UINT64_C(0x8080808080808080)
static inline uint64_t parse_below(uint64_t x, unsigned k)
{
	return ~(((x & ~PARSE_HIGH) + (0x80u - k) * PARSE_ONES) | x) & PARSE_HIGH;
}

/* How many bytes of w are control bytes: below 0x20 and none of \t \n \v \f \r ESC. */
static inline unsigned parse_ctrl_count(uint64_t w)
{
	uint64_t spaces = parse_below(w, 0x0e) & ~parse_below(w, 0x09);   /* \t \n \v \f \r */
	uint64_t esc = parse_below(w ^ (0x1b * PARSE_ONES), 1);
	uint64_t ctrl = parse_below(w, 0x20) & ~spaces & ~esc;
	return (unsigned)(((ctrl >> 7) * PARSE_ONES) >> 56);   /* one bit per flagged byte, summed */
}

/* Binary or text? Returns NULL for text, else why not. Sets *latin when invalid UTF-8
 * was found but little enough to parse. */
static const char *parse_classify(const char *text, size_t len, size_t *bad_utf8)
{
	size_t ctrl = 0, at = 0;

	*bad_utf8 = 0;
	if (memchr(text, '\0', len))
		return "binary file (NUL bytes), skipped";
	/* Every byte of every file passes here: eight bytes a step in the lanes of a 64-bit
	 * word (parse_below; the byte loop was 1% of a MINIX318 dig's samples), the tail byte
	 * by byte. */
	for (; len - at >= 8; at += 8) {
		uint64_t w;
		memcpy(&w, text + at, 8);
		ctrl += parse_ctrl_count(w);
	}
	for (; at < len; at++) {
		unsigned c = (unsigned char)text[at];
		ctrl += (c < 0x20) & (c != '\t') & (c != '\n') & (c != '\v') & (c != '\f') & (c != '\r') & (c != 0x1b);
	}
	if (ctrl * 100 > len)
		return "binary file (control bytes), skipped";
	*bad_utf8 = scan_utf8_errors(text, len);
	if (*bad_utf8 * 10 > len)
		return "not text (over 10% invalid UTF-8), skipped";
	return NULL;
}

/* Point *text at a copy in which every lone CR (one not followed by LF) is a LF; the same
 * length, so every offset stays. 0 or -1 (out of memory). */
static int parse_lone_cr(struct scan_unit *unit, const char **text, size_t len)
{
	if (unit->lined_cap < len + 1) {
		char *p = realloc(unit->lined, len + 1);
		if (!p)
			return -1;
		unit->lined = p;
		unit->lined_cap = len + 1;
	}
	memcpy(unit->lined, *text, len);
	unit->lined[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (unit->lined[i] == '\r' && (i + 1 == len || unit->lined[i + 1] != '\n'))
			unit->lined[i] = '\n';
	*text = unit->lined;
	return 0;
}

/* Copy the unit's text into *buf (grown as needed) with the ranges of unit->blank turned
 * into spaces (newlines kept, so every line and column stays where it was). 0 or -1. */
static int parse_spaced(struct scan_unit *unit, char **buf, size_t *cap)
{
	const struct scan_bytes *r = unit->blank.data;

	if (*cap < (size_t)unit->len + 1) {
		char *p = realloc(*buf, (size_t)unit->len + 1);
		if (!p)
			return -1;
		*buf = p;
		*cap = (size_t)unit->len + 1;
	}
	if (unit->text != *buf) {
		memcpy(*buf, unit->text, unit->len);
		(*buf)[unit->len] = '\0';
	}
	for (uint32_t i = 0; i < unit->blank.n; i++)
		for (uint32_t b = r[i].start; b < r[i].end && b < unit->len; b++)
			if ((*buf)[b] != '\n')
				(*buf)[b] = ' ';
	return 0;
}

/* Give the parser a copy of the text with the ranges pp.c hid turned into spaces. */
static int parse_blank(struct scan_unit *unit)
{
	if (parse_spaced(unit, &unit->blanked, &unit->blanked_cap))
		return -1;
	unit->text = unit->blanked;
	return 0;
}

/* Order hidden ranges by their first byte. */
static int parse_cmp_bytes(const void *a, const void *b)
{
	const struct scan_bytes *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

/* Move the point (*row, *col) of byte *pos to byte b: a row per newline between, the
 * column counted from the last one (memchr finds them: every byte of a file passes); no
 * move when b is not past *pos. */
static void parse_point_to(const char *text, uint32_t *pos, uint32_t b, uint32_t *row, uint32_t *col)
{
	const char *p = text + *pos, *end = text + b, *nl;

	if (b <= *pos)
		return;
	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
		++*row;
		*col = 0;
		p = nl + 1;
	}
	*col += (uint32_t)(end - p);
	*pos = b;
}

/* Tell the parser to read only the text outside the hidden ranges (unit->blank), so it
 * does not even lex the spaces they became (a hidden body costs nothing); with none, the
 * whole text; with very many small ones (PARSE_RANGE_COST), a copy with them spaced out
 * (newlines kept, so lines and columns stay) and no ranges. The ranges' points are counted
 * here, so lines and columns stay those of the file. The facts' text is always read from
 * the file's own bytes. Returns 0, or -1 when out of memory. */
static int parse_included(TSParser *parser, struct scan_unit *unit)
{
	uint32_t n = unit->blank.n;

	unit->parse_text = NULL;
	if (n == 0) {
		ts_parser_set_included_ranges(parser, NULL, 0);
		return 0;
	}
	struct scan_bytes *hide = malloc((size_t)n * sizeof(*hide));
	TSRange *keep = malloc(((size_t)n + 1) * sizeof(*keep));
	if (!hide || !keep) {
		free(hide);
		free(keep);
		return -1;
	}
	memcpy(hide, unit->blank.data, (size_t)n * sizeof(*hide));
	qsort(hide, n, sizeof(*hide), parse_cmp_bytes);
	uint32_t nk = 0, at = 0, row = 0, col = 0, pos = 0;
	uint64_t kept = 0;
	/* advance the point (row, col) from byte pos to byte b */
#define PARSE_POINT_TO(b) parse_point_to(unit->text, &pos, (b), &row, &col)
	for (uint32_t i = 0; i <= n; i++) {
		uint32_t hs = i < n ? hide[i].start : unit->len, he = i < n ? hide[i].end : unit->len;
		if (hs > unit->len)
			hs = unit->len;
		if (he > unit->len)
			he = unit->len;
		if (hs > at) {           /* [at, hs) is read */
			TSRange *r = &keep[nk++];
			PARSE_POINT_TO(at);
			r->start_byte = at;
			r->start_point = (TSPoint){ row, col };
			PARSE_POINT_TO(hs);
			r->end_byte = hs;
			r->end_point = (TSPoint){ row, col };
			kept += hs - at;
		}
		if (he > at)
			at = he;
	}
#undef PARSE_POINT_TO
	free(hide);
	if (nk > PARSE_FEW_RANGES && (uint64_t)nk * kept > (uint64_t)PARSE_RANGE_COST * (unit->len - kept)) {
		free(keep);
		if (parse_spaced(unit, &unit->hidden, &unit->hidden_cap))
			return -1;
		unit->parse_text = unit->hidden;
		ts_parser_set_included_ranges(parser, NULL, 0);
		return 0;
	}
	if (nk == 0) {               /* all hidden: an empty document */
		keep[0] = (TSRange){ { 0, 0 }, { 0, 0 }, 0, 0 };
		nk = 1;
	}
	int ok = ts_parser_set_included_ranges(parser, keep, nk);
	free(keep);
	if (!ok)                     /* cannot happen (sorted, disjoint): parse the blanked text */
		ts_parser_set_included_ranges(parser, NULL, 0);
	return 0;
}

/* Generated tables -- files that are mostly numbers and commas, like rows of initializers
 * meant to be #included inside braces -- are tree-sitter's worst case (seconds for a
 * 150 KB file) and hold nothing the lexer does not see. Files above this size whose
 * non-blank bytes are mostly digits and commas, and that define no function, are read by
 * the lexer only. */
#define PARSE_TABLE_BYTES (16u << 10)

/* A byte's class for parse_is_table: 1 table data (digits, hex letters, integer suffixes,
 * commas), 2 blank, 0 anything else. */
static const unsigned char parse_table_cls[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, [','] = 1, ['x'] = 1,
	['X'] = 1, ['u'] = 1, ['U'] = 1, ['L'] = 1, [' '] = 2, ['\t'] = 2, ['\n'] = 2, ['\r'] = 2,
};

/* Mostly digits and commas: more than four data bytes per other non-blank byte? Read in
 * blocks, stopping as soon as the rest of the file could not tip it (ordinary C code
 * says no within its first third). */
static int parse_is_table(const char *t, uint32_t len)
{
	uint32_t other = 0, data = 0;   /* (blanks are not counted) */

	for (uint32_t at = 0; at < len;) {
		uint32_t end = len - at > 4096 ? at + 4096 : len;
		/* counted in registers: an array of counters indexed by the class made every byte
		 * wait for the store of the one before */
		for (; at < end; at++) {
			unsigned c = parse_table_cls[(unsigned char)t[at]];
			other += c == 0;
			data += c == 1;
		}
		if (len < (1u << 30) && data + (len - at) <= 4 * other)
			return 0;   /* even if every byte left were data (no sum can wrap below 1 GiB) */
	}
	return data > 4 * other;
}

/* For a table: lex the whole file; keep the result when it found no function definition,
 * else drop it so the parser starts from a clean unit. Returns 1 when the lexer's facts
 * stand. */
static int parse_table_only(struct scan_unit *unit)
{
	uint32_t dead = unit->dead_calls;

	if (!parse_is_table(unit->text, unit->len))
		return 0;
	if (scan_lex_extract(unit) == 0 && unit->funcs.n == 0)
		return 1;
	unit->funcs.n = unit->calls.n = 0;
	unit->dead_calls = dead;
	return 0;
}

/* Pack the facts; a file whose reading stopped early (out of time, over the facts bound)
 * keeps the facts of its lines before the stop, is partial and says so. */
static int parse_close(struct scan_unit *unit, struct dig_file *file, size_t extra, unsigned file_ms)
{
	/* the macro calls pp.c hid from the parser, whichever pass read the file */
	if (scan_pp_calls(unit) || scan_unit_place_writes(unit))
		return -1;
	if (unit->late) {
		char note[200];
		scan_unit_cut(unit);
		file->status = DIG_FILE_PARTIAL;
		if (unit->late == 1)
			snprintf(note, sizeof(note), "the --file-timeout budget (%u ms of CPU time) ran out at line %u; the rest was not read",
			         file_ms ? file_ms : 5000, unit->late_line);
		else
			snprintf(note, sizeof(note), "over %u facts at line %u (a generated file?); the rest was not read",
			         unit->max_facts ? unit->max_facts : SCAN_MAX_FACTS, unit->late_line);
		if (parse_reason(unit, file, note))
			return -1;
	}
	return scan_unit_finish(unit, file, extra);
}

/* Parse and extract one buffer into file. The caller created file->arena and set path,
 * size and mtime. */
int scan_parse_buffer(TSParser *parser, struct scan_unit *unit, struct dig_file *file,
                      const char *text, size_t len, const struct dig_scan_opts *opts,
                      const struct scan_words *words, size_t extra)
{
	unsigned file_ms = opts->file_ms ? opts->file_ms : 5000;
	size_t bad = 0;
	const char *why;
	char note[160];

	file->hash = scan_hash(text, len);
	if (scan_unit_begin(unit, file->path, "", 0))
		return -1;
	/* --file-timeout bounds every pass of the file (pp, the lexer, the parser, the tree
	 * walk): they share this budget, and stop where it runs out (scan_unit_late) */
	scan_unit_budget(unit, file_ms);
	unit->max_facts = opts->max_facts;
	/* A lone CR ends a line, as gcc reads it (old Mac files): every later pass -- pp.c's
	 * directives and line counts, the lexer, tree-sitter -- sees a newline there, so one
	 * spelling of the line breaks gives one set of facts and lines. CR LF stays. */
	for (const char *cr = len ? memchr(text, '\r', len) : NULL; cr; cr = memchr(cr + 1, '\r', len - (size_t)(cr + 1 - text)))
		if ((size_t)(cr + 1 - text) == len || cr[1] != '\n') {
			if (parse_lone_cr(unit, &text, len))
				return -1;
			break;
		}
	if (len > UINT32_MAX - 1) {
		file->status = DIG_FILE_SKIPPED;
		if (parse_reason(unit, file, "file too large to parse (over 4 GiB), skipped"))
			return -1;
		return parse_close(unit, file, extra, file_ms);
	}
	why = parse_classify(text, len, &bad);
	if (why) {
		file->status = DIG_FILE_SKIPPED;
		if (parse_reason(unit, file, why))
			return -1;
		return parse_close(unit, file, extra, file_ms);
	}
	unit->text = text;
	unit->len = (uint32_t)len;
	if (scan_pp_run(unit))
		return -1;
	if (unit->blank.n && parse_blank(unit))
		return -1;
	if (len > PARSE_TABLE_BYTES && parse_table_only(unit)) {
		/* A big file with no function definition (a generated table): tree-sitter can
		 * spend seconds on it for nothing the lexer does not see. */
		file->shallow = 1;
		if (bad && parse_note_utf8(unit, file, bad))
			return -1;
		return parse_close(unit, file, extra, file_ms);
	}
	if (words && !scan_words_in_text(words, text, len)) {
		file->shallow = 1;
		if (scan_lex_extract(unit))
			return -1;
		if (bad && parse_note_utf8(unit, file, bad))
			return -1;
		return parse_close(unit, file, extra, file_ms);
	}
	if (words) {
		/* A file that mentions a deep word: the lexer decides how deep (lex.c). */
		int depth = 2;
		if (scan_lex_bodies(unit, words, &depth))
			return -1;
		if (depth == 0) {
			file->shallow = 1;
			if (bad && parse_note_utf8(unit, file, bad))
				return -1;
			return parse_close(unit, file, extra, file_ms);
		}
		/* the bodies it hid (added to unit->blank) are left out of the parser's
		 * included ranges (parse_included): no need to blank them in the text */
	} else {
		/* the lexer's definitions, for those the parser may lose */
		uint32_t dead = unit->dead_calls;
		if (scan_lex_all_bodies(unit))
			return -1;
		if (unit->late) {
			/* a pre-pass only: its stop is not the file's; the parser reads the file
			 * as if it had not run (and stops where the budget says) */
			unit->late = 0;
			unit->late_line = 0;
			unit->lexbodies.n = unit->lexcalls.n = unit->lexdeep.n = unit->lexfuncs.n = 0;
			unit->dead_calls = dead;
		}
	}

	if (unit->late)                   /* the lexer ran out already: its facts stand */
		return parse_close(unit, file, extra, file_ms);
	struct parse_budget budget = { unit->deadline, 0, 0 };
	if (parse_included(parser, unit))
		return -1;
	TSInput input = { unit, parse_read, TSInputEncodingUTF8, NULL };
	TSParseOptions popts = { &budget, parse_progress };
	TSTree *tree = ts_parser_parse_with_options(parser, NULL, input, popts);
	unit->parse_text = NULL;
	int rc = 0;
	if (!tree) {
		/* Over budget: the lexer reads it instead (a shallow file, marked partial). */
		ts_parser_reset(parser);
		file->status = DIG_FILE_PARTIAL;
		file->shallow = 1;
		snprintf(note, sizeof(note), "parse budget of %u ms exceeded; read by the lexer instead", file_ms);
		unit->funcs.n = unit->calls.n = unit->lexcalls.n = unit->lexbodies.n = unit->lexdeep.n = 0;
		unit->dead_calls = 0;
		scan_unit_budget(unit, file_ms);   /* the lexer gets a budget of its own */
		if (parse_reason(unit, file, note) || scan_lex_extract(unit))
			return -1;
	} else {
		TSNode root = ts_tree_root_node(tree);
		rc = scan_knr_find(unit, root);
		if (rc == 0)
			rc = scan_extract_tree(unit, root);
		if (rc == 0)
			rc = scan_lex_merge(unit);
		ts_tree_delete(tree);
		if (rc)
			return -1;
		file->syntax_errors = unit->has_error != 0;
		if (unit->lexed_defs && !file->reason && parse_note_lexed(unit, file))
			return -1;
		if (unit->has_error == 2) {
			file->status = DIG_FILE_PARTIAL;
			if (parse_reason(unit, file, "nesting too deep; facts below the limit were not read"))
				return -1;
		}
	}
	if (bad && parse_note_utf8(unit, file, bad))
		return -1;
	return parse_close(unit, file, extra, file_ms);
}

/* Parse one buffer on its own: a fresh parser, unit and arena. */
struct dig_file *dig_scan_buffer(const char *path, const char *text, size_t len, unsigned file_ms)
{
	struct dig_scan_opts opts;

	memset(&opts, 0, sizeof(opts));
	opts.file_ms = file_ms;
	return dig_scan_buffer_opts(path, text, len, &opts);
}

/* The same with options (budget, deep words). */
struct dig_file *dig_scan_buffer_opts(const char *path, const char *text, size_t len,
                                      const struct dig_scan_opts *opts)
{
	struct dig_file *file = calloc(1, sizeof(*file));
	struct scan_unit unit;
	TSParser *parser = strata_ts_parser_new();
	struct scan_words *words = NULL;

	memset(&unit, 0, sizeof(unit));
	if (!path)
		path = "";
	if (!file || !parser || !ts_parser_set_language(parser, tree_sitter_c()))
		goto fail;
	if (opts->deep_words && !(words = scan_words_create(opts->deep_words, opts->ndeep_words)))
		goto fail;
	file->path = path;   /* borrowed until the facts are packed */
	file->size = len;
	if (scan_parse_buffer(parser, &unit, file, text ? text : "", text ? len : 0, opts, words,
	                      strlen(path) + 1))
		goto fail;
	if (!(file->path = dig_arena_strdup(file->arena, path)))
		goto fail;
	scan_words_destroy(words);
	scan_unit_fini(&unit);
	ts_parser_delete(parser);
	return file;
fail:
	scan_words_destroy(words);
	scan_unit_fini(&unit);
	if (parser)
		ts_parser_delete(parser);
	if (file)
		dig_arena_destroy(file->arena);
	free(file);
	return NULL;
}

/* Free a file made by dig_scan_buffer. */
void dig_file_free(struct dig_file *file)
{
	if (!file)
		return;
	dig_arena_destroy(file->arena);
	free(file);
}
