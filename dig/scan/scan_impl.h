/*
 * dig/scan/scan_impl.h: the scan stage's internal interfaces, shared by walk.c, pp.c,
 * extract.c, knr.c, parse.c, cache.c and scan.c. Nothing outside dig/scan/ includes it.
 *
 * One file's extraction runs on a struct scan_unit: the file's bytes (borrowed, never
 * kept after the unit ends), growable vectors for every kind of fact (malloc'd, reused
 * from file to file by the same thread), an intern table so each distinct identifier is
 * stored once per file, and the lexical preprocessor view (macros, #if 0 ranges) that the
 * tree walk consults. scan_unit_finish() copies the vectors into the file's arena.
 */
#ifndef STRATA_DIG_SCAN_IMPL_H
#define STRATA_DIG_SCAN_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <sys/stat.h>

#include <tree_sitter/api.h>

#include "dig/scan/arena.h"
#include "dig/scan/facts.h"
#include "dig/scan/scan.h"

const TSLanguage *tree_sitter_c(void);
/* The visible children of node and their field ids (0: none), in order, as a TSTreeCursor
 * would step through them, read in one pass (cmake/ts_lib.c): at most cap are stored, the
 * count is returned (call again with room when it is over cap); UINT32_MAX: out of memory. */
uint32_t strata_ts_children(TSNode node, TSNode *kids, TSFieldId *fields, uint32_t cap);
/* ts_parser_new, with a lexer that steps over ASCII bytes without the runtime's three calls
 * (cmake/ts_lib.c); the same trees. */
TSParser *strata_ts_parser_new(void);

/* Longest argument text and macro body kept (facts.h promises these bounds). */
#define SCAN_ARGS_MAX 160
#define SCAN_BODY_MAX 240
#define SCAN_LINE_MAX 160

struct scan_words;              /* words.c: the compiled deep words */

/* A growable array of fixed-size elements (malloc'd; n and cap count elements). */
struct scan_vec {
	void *data;
	uint32_t n, cap;
};

/* Append one element of elsz bytes; returns a pointer to the (zeroed) slot or NULL. */
void *scan_vec_push(struct scan_vec *vec, size_t elsz);
/* Set the count to n elements of elsz bytes, all zeroed (growing the storage as needed);
 * returns the data, or NULL when out of memory (or n is 0). */
void *scan_vec_resize(struct scan_vec *vec, uint32_t n, size_t elsz);
/* Free the storage. */
void scan_vec_fini(struct scan_vec *vec);

/* An inclusive range of lines inside an #if 0 (or the dead branch of #if 1). */
struct scan_range {
	uint32_t first, last;
};

/* A byte range [start, end) of the text. */
struct scan_bytes {
	uint32_t start, end;
};

/* A definition body the lexer saw (bodies mode, lex.c). */
struct scan_lexbody {
	uint32_t body_start;           /* byte of its '{' */
	uint32_t body_end;             /* byte of its '}' (the text's length when unclosed) */
	uint32_t func;                 /* the lexer's function index */
	unsigned char named;           /* the definition is named like a deep word (or unclosed) */
	unsigned char value;           /* a deep word as a value or a field inside it */
	unsigned char state;           /* it names a file-scope static variable of the file */
	unsigned char mentions;        /* it names a deep word (not as a field): it may be an
	                                  allocator over one (`gblock` bumps its statics, calls sbrk) */
	unsigned char evidence;        /* it holds what only the parser reads: feature evidence
	                                  (atomics, lock-typed locals, magic constants, `& ~` masks,
	                                  a fill with a value other than 0) or a dispatch through
	                                  an object the lexer cannot type */
	unsigned char deep;            /* left to the parser (scan_lex_bodies decides) */
};

/* The bytes a K&R header covers, found before the tree walk (knr.c). */
struct scan_knr {
	uint32_t header_start;         /* first byte of the header (return type or name) */
	uint32_t body_start;           /* the orphan block's '{' */
	struct dig_func func;          /* the recovered definition (strings in the file arena) */
	int used;                      /* set when the walk reached its body */
};

/* What pp.c knows about a macro name at the line it is reading (cond.c). */
enum scan_pp_state {
	SCAN_PP_UNKNOWN = 0,           /* never seen, or (un)defined under an unknown condition */
	SCAN_PP_DEFINED,               /* surely defined (its body known when object-like) */
	SCAN_PP_UNDEFINED,             /* surely undefined (#undef, -U) */
	SCAN_PP_HEADERS                /* whatever the headers included so far say (an #undef
	                                  the file made before an #include: headers.c) */
};

/* One name of the table. */
struct scan_pp_name {
	const char *name;              /* interned in the unit; NULL: a free slot */
	const char *body;              /* DEFINED object-like: its body; else NULL */
	uint32_t hash;
	unsigned char state;           /* enum scan_pp_state */
};

/* The names pp.c has seen in this file, by name (open addressing, power-of-two slots). */
struct scan_pp_names {
	struct scan_pp_name *slots;
	uint32_t cap, n;
	const struct scan_reach *reach;  /* the headers the file included so far: a name the
	                                  file says nothing of is looked up there (headers.c) */
	uint32_t undefined;            /* entries in state SCAN_PP_UNDEFINED */
};

struct scan_unit;

/* headers.c: what the tree's headers tell #if conditions (the theory is there). */
#define SCAN_INC_DEPTH 4         /* headers followed below a file's own #include */
#define SCAN_INC_VISIT 256       /* headers one #include reaches at most */

/* One name a header defines or #undefs: what a file that includes it knows of it. */
struct scan_hdr_def {
	const char *name;
	const char *body;              /* the last definition's body (NULL: an #undef) */
	uint32_t hash;                 /* scan_str_hash of the name */
	unsigned char how;             /* 0 unknown, 1 a sure definition, 2 a config default */
	unsigned char other;           /* the header also defines it another way (another body,
	                                  function-like, an #undef) */
};

/* One header's values and includes (phase 0), and its resolved includes. */
struct scan_hdr {
	struct dig_arena *arena;       /* its strings and arrays (NULL: none) */
	struct scan_hdr_def *defs;
	uint32_t ndefs;
	const char **incs;             /* its live #include tokens */
	uint32_t nincs;
	uint32_t *edges;               /* the headers they name, where one file is named (malloc'd) */
	uint32_t nedges;
	uint64_t sum;                  /* hash of what it tells (scan_headers_finish) */
	int is;                        /* 1: a header that was read */
};

/* A name of the tree's headers, with its definitions (who[start .. start+n)). */
struct scan_hdr_name {
	const char *name, *body;       /* the first definition's body */
	uint32_t hash, start, n;
	unsigned char conflict;        /* defined another way somewhere (a default is then unknown) */
};

struct scan_hdr_who {
	uint32_t hdr, def;
};

/* The tree's table: every walked file by path (the resolver's index), the headers' values. */
struct scan_headers {
	struct dig_arena *arena;       /* the paths */
	struct dig_inc_index ix;
	struct scan_hdr *hdr;          /* per path (is 0 for .c files and unread ones) */
	struct scan_hdr_name *names;   /* open addressing, ncap slots */
	uint32_t ncap;
	struct scan_hdr_who *who;
};

/* The headers a file has reached so far (marks by generation, per thread). */
/* Resolved #include tokens of one file, remembered: pp.c resolves a file's live #include
 * lines and scan_hdr_key all of them again, and a file may name a header more than once. */
#define SCAN_REACH_MEMO 64
#define SCAN_REACH_MEMO_BYTES 4096
struct scan_reach_memo {
	uint32_t hash, off, len;           /* the token: memo_text[off..off+len) */
	uint32_t hdr, n;                   /* hdr_resolve_one's answer */
};

struct scan_reach {
	const struct scan_headers *hdrs;   /* NULL: no table, nothing is reached */
	uint32_t *mark, cap, gen, n;
	/* the memo holds the tokens of this file (path, dirs) under this table only */
	const struct scan_headers *memo_hdrs;
	const char *memo_path;
	const char *const *memo_dirs;
	uint32_t memo_ndirs, nmemo, memo_used;
	struct scan_reach_memo memo[SCAN_REACH_MEMO];
	char memo_text[SCAN_REACH_MEMO_BYTES];
};

/* Summarise the header pp.c just read in unit into h (own strings). 0 or -1. */
int scan_hdr_summarise(struct scan_unit *unit, struct scan_hdr *h);
/* After every header is summarised: the name index, the includes resolved, the sums. */
int scan_headers_finish(struct scan_headers *t);
void scan_headers_free(struct scan_headers *t);
/* Start a file's reach (hdrs NULL: none). 0 or -1 (out of memory). */
int scan_reach_begin(struct scan_reach *r, const struct scan_headers *hdrs);
/* A live #include token of file `path` (with its -I folders): add what it reaches. */
void scan_reach_include(struct scan_reach *r, const char *path, const char *const *dirs, uint32_t ndirs,
                        const char *token);
/* What the reached headers tell of the name s[0..n): 1 defined with *body, -1 unknown. */
int scan_hdr_lookup(const struct scan_reach *r, const char *s, size_t n, const char **body);
/* The bodies the reached headers give the object-like name s[0..n), each passed to ok: 1
 * when every one of them is ok, 0 when one is not (or is an #undef), -1 when no reached
 * header defines the name. */
int scan_hdr_bodies(const struct scan_reach *r, const char *s, size_t n, int (*ok)(void *ctx, const char *body),
                    void *ctx);
/* The cache key of a file's header values from its #include evidence (see headers.c):
 * never 0 with a table; 0 without one. Uses (and ends) r's marks. */
uint64_t scan_hdr_key(struct scan_reach *r, const char *path, const char *const *dirs, uint32_t ndirs,
                      const struct dig_evidence *ev, uint32_t nev);

/* One file being extracted. */
struct scan_unit {
	const char *path;
	const char *text;              /* the file's bytes, borrowed */
	uint32_t len;
	struct dig_arena *arena;       /* scratch: this file's strings while it is extracted (owned
	                                  by the unit, reset per file, packed by finish) */

	struct scan_vec funcs, calls, macros, regs, globals, evidence;  /* struct dig_* */
	struct scan_vec macro_undef;   /* uint32_t per macro: line of its #undef, or UINT32_MAX */
	uint64_t macro_names[64];      /* a 4096-bit filter of the macros' names (scan_unit_macro_noted):
	                                  a clear bit means no macro has that name */
	struct scan_vec undefs;        /* struct dig_undef: the live #undef lines */
	struct scan_vec dead;          /* struct scan_range, sorted, disjoint */
	struct scan_pp_names ppnames;  /* what #if conditions know about each name (cond.c) */
	struct scan_reach reach;       /* the headers its #includes reached (headers.c) */
	const struct scan_headers *hdrs; /* the tree's header values (NULL: none), set by the
	                                  caller like input */
	uint32_t dead_branches;        /* #if branches a known condition made dead */
	struct scan_vec knr;           /* struct scan_knr, sorted by header_start */
	struct scan_vec blank;         /* struct scan_bytes: text hidden from tree-sitter (pp.c) */
	struct scan_vec pending;       /* struct scan_bytes: #else branches awaiting their #endif */
	struct scan_vec ppcalls;       /* struct dig_call: file-scope macro calls pp.c hid from the
	                                  parser (func -1), given to the calls after the tree walk */
	struct scan_vec lexbodies;     /* struct scan_lexbody: bodies mode (lex.c) */
	struct scan_vec lexcalls;      /* struct dig_call lexed in hidden bodies; func = lexbodies index */
	struct scan_vec lexfuncs;      /* struct dig_func: the lexer's definitions (bodies mode),
	                                  indexed by scan_lexbody.func; for the ones the parser
	                                  loses (scan_lex_merge) */
	struct scan_vec lexdeep;       /* struct dig_call lexed in the bodies left to the parser;
	                                  func = lexbodies index */
	struct scan_vec lexglobals;    /* struct dig_global: the lexer's file-scope variables */
	struct scan_vec writes;        /* struct dig_evidence: the count writes and parameter stores
	                                  the lexer read in every body (lex.c), func = the lexer's;
	                                  scan_unit_place_writes moves them into evidence */
	uint32_t lexed_defs;           /* definitions the parser lost and the lexer gave back */
	uint32_t lexed_line;           /* the first one's line */
	struct scan_vec statics;       /* uint32_t open-addressing set: name hashes of the file-scope
	                                  static variables the lexer has seen (bodies mode) */
	struct scan_vec func_body;     /* uint32_t per parsed definition: its body's '{' byte */
	char *blanked;                 /* malloc'd copy of the text with `blank` spaced out */
	size_t blanked_cap;
	struct scan_vec intern;        /* open-addressing table of const char * */
	uint32_t ninterned;
	struct scan_vec scratch;       /* spare storage for passes that need a temporary list */
	char line_buf[1024];           /* one directive line, comments and continuations removed */
	struct scan_vec loc_prefix;    /* uint32_t per line+1: code lines up to and including it */

	uint32_t lines, loc, dead_lines, dead_calls;
	struct timespec deadline;      /* the thread's CPU time past which reading stops (all 0:
	                                  none): --file-timeout, for every pass of the file */
	unsigned clock_calls;          /* scan_unit_late reads the clock one call in this many */
	uint32_t max_facts;            /* the facts bound (SCAN_MAX_FACTS unless a test says) */
	int late;                      /* reading stopped: 1 out of time, 2 over max_facts */
	uint32_t late_line;            /* the line it stopped at (facts past it are dropped) */
	int has_error;                 /* the tree holds ERROR or MISSING nodes */
	uint32_t cursor_line;          /* evidence line lookup: a known line start ... */
	uint32_t cursor_pos;           /* ... and its byte offset (0/0: none yet) */
	char *hidden;                  /* parse.c: the text with many hidden bodies spaced out, for
	                                  tree-sitter (malloc'd, reused) */
	size_t hidden_cap;
	const char *parse_text;        /* what tree-sitter reads (NULL: text) */
	char *lined;                   /* parse.c: a copy of a text whose lone CRs were made line
	                                  breaks (malloc'd, reused from file to file) */
	size_t lined_cap;
	unsigned char *record;         /* cache.c: the fact-cache record being decoded (malloc'd,
	                                  reused from file to file, freed by scan_unit_fini) */
	size_t record_cap;
	const struct dig_scan_input *input; /* the file's build flags (--compdb), or NULL: set by
	                                  the caller before the parse, kept by scan_unit_begin */
	const char *const *include_dirs;/* its -I folders inside the root (scan_entry's) */
	uint32_t ninclude_dirs;
};

/* Facts one file may give: past them its reading stops and the file is marked partial, so
 * that one file -- a generated one of millions of definitions, a 300 MB file read with
 * --max-file-size raised -- costs the model, the cache and the writers a bounded amount.
 * A million is far above real code (sqlite3.c, 9 MB, gives about 200 thousand). */
#define SCAN_MAX_FACTS 1000000u

/* Give the unit's file ms of the thread's CPU time from now (0: the default 5000). */
void scan_unit_budget(struct scan_unit *unit, unsigned ms);
/* Identifier bytes, as every pass of the scan reads them: letters, digits, '_', '$' and any
 * non-ASCII byte. One bit per byte value: the lexers test every byte of every name. */
static inline int scan_ident_byte(unsigned char c)
{
	static const uint64_t bits[4] = { 0x03FF001000000000ull, 0x07FFFFFE87FFFFFEull, ~0ull, ~0ull };

	return (int)(bits[c >> 6] >> (c & 63) & 1);
}

/* scan_unit_late's clock: past the deadline? Sets unit->late and unit->late_line then. */
int scan_unit_past_deadline(struct scan_unit *unit, uint32_t line);
/* Reading the thread's CPU clock is a system call (about a microsecond in a VM):
 * scan_unit_late, asked per token, looks at it one call in this many (a fraction of a
 * millisecond of reading; the budget is seconds). */
#define SCAN_UNIT_CLOCK_EVERY 8192u
/* Must reading stop at `line` (out of time, or over SCAN_MAX_FACTS)? Sets unit->late and
 * unit->late_line the first time; cheap (the lexer asks it per token, so it is inline, and
 * the clock is read one call in SCAN_UNIT_CLOCK_EVERY). */
static inline int scan_unit_late(struct scan_unit *unit, uint32_t line)
{
	uint64_t facts;

	if (unit->late)
		return 1;
	facts = (uint64_t)unit->funcs.n + unit->calls.n + unit->macros.n + unit->regs.n + unit->globals.n +
	        unit->evidence.n + unit->lexcalls.n;
	if (facts > (unit->max_facts ? unit->max_facts : SCAN_MAX_FACTS)) {
		unit->late = 2;
		unit->late_line = line;
		return 1;
	}
	if ((unit->deadline.tv_sec == 0 && unit->deadline.tv_nsec == 0) || ++unit->clock_calls % SCAN_UNIT_CLOCK_EVERY)
		return 0;
	return scan_unit_past_deadline(unit, line);
}
/* After a late stop: drop every fact past unit->late_line (function indices remapped). */
void scan_unit_cut(struct scan_unit *unit);

/* Reset a unit for a new file (keeps vector and scratch storage for reuse). 0 or -1. */
int scan_unit_begin(struct scan_unit *unit, const char *path, const char *text, uint32_t len);
/* Pack the collected facts (and file->reason, if it was made in the scratch arena) into a
 * new, exactly sized file->arena with `extra` spare bytes. Returns 0 or -1. */
int scan_unit_finish(struct scan_unit *unit, struct dig_file *file, size_t extra);
/* Move the lexer's count writes and parameter stores (unit->writes) into the evidence, each
 * given the definition around its line (the parser's, when it read the file). 0 or -1. */
int scan_unit_place_writes(struct scan_unit *unit);
/* Free a unit's vectors at thread end. */
void scan_unit_fini(struct scan_unit *unit);

/* The file's copy of text[0..n) with whitespace runs folded to one space and trimmed,
 * cut to at most max bytes (on a UTF-8 boundary); interned. */
const char *scan_unit_fold(struct scan_unit *unit, const char *s, size_t n, size_t max);
/* Intern an exact string of n bytes in the file arena: one copy per distinct string. */
const char *scan_unit_intern(struct scan_unit *unit, const char *s, size_t n);
/* Non-blank, non-comment lines from line a to line b inclusive (pp.c must have run). */
uint32_t scan_unit_loc(const struct scan_unit *unit, uint32_t a, uint32_t b);
/* Evaluate constant integer text (literals, + - * / % << >> & | ~ parens, object-like
 * macros of this file active at line). Returns 1 and sets *val, or 0 when not constant. */
int scan_unit_eval(const struct scan_unit *unit, const char *s, size_t n, uint32_t line, uint64_t *val);
/* The struct type behind a type text ("const struct ops *" -> "struct ops"), interned; NULL
 * for none or out of memory (then *oom = 1). The parser's and the lexer's dispatch types. */
const char *scan_unit_struct_of(struct scan_unit *unit, const char *type, int *oom);
/* Is a line inside a dead (#if 0) range? */
int scan_unit_dead(const struct scan_unit *unit, uint32_t line);
/* The macro named s[0..n) active at `line` (defined earlier in the file, not #undef'd
 * since, not dead), or NULL. object_only: ignore function-like macros, except those that
 * only rename (dig_macro_renames_args): a definition site's and an array size's. */
const struct dig_macro *scan_unit_macro(const struct scan_unit *unit, const char *s, size_t n,
                                        uint32_t line, int object_only);
/* Note the names of macros[from..n) in the unit's name filter: every place that adds
 * macros calls it (removing some needs nothing: the filter may say "maybe" for a name no
 * macro has any more, never "no" for one that has). */
void scan_unit_macro_noted(struct scan_unit *unit, uint32_t from);

/* Call- and definition-site renames: follow the macros of this file active at `line` (a
 * chain of at most 8; object_only for definition sites). Returns the final name and sets
 * *via to the first macro's name, or returns NULL when nothing renames. */
const char *scan_unit_rename(const struct scan_unit *unit, const char *s, size_t n, uint32_t line,
                             int object_only, const char **via);
/* Record one piece of evidence (token and text copied in). Returns 0 or -1. */
int scan_unit_evidence(struct scan_unit *unit, enum dig_evidence_kind kind, const char *tok,
                       size_t ntok, uint32_t line, int32_t func);
/* A return type written through a linkage macro, `API_DECLARE(void *)`, the macro expanding
 * to its argument with an export attribute: when s[0..n) is one upper-case word (a
 * macro's name) and a parenthesized type, nothing after it, base and nbase get the type's
 * words (its stars dropped) and stars their count; returns 1, else 0. */
int scan_linkage_type(const char *s, size_t n, const char **base, size_t *nbase, int *stars);
/* Is the number literal s[0..n) a fill/poison constant (0xdeadbeef, 0xa5a5a5a5 ...)? */
int scan_magic_literal(const char *s, size_t n);

/* cond.c: #if conditions, as far as the tree decides them. The table is emptied per file
 * (its slots are malloc'd: scan_unit_fini frees them);
 * set records a name's state (name interned in the unit; body for DEFINED object-like);
 * forget_undefined makes every UNDEFINED name HEADERS (an #include may define them).
 * Returns 0 or -1 (out of memory). */
void scan_pp_names_reset(struct scan_pp_names *t);
int scan_pp_names_set(struct scan_pp_names *t, const char *name, enum scan_pp_state state, const char *body);
void scan_pp_names_forget_undefined(struct scan_pp_names *t);
/* Is s[0..n) defined here: 1, 0, or -1 unknown. */
int scan_pp_defined(const struct scan_pp_names *t, const char *s, size_t n);
/* The value of an #if / #elif condition s[0..n): 1 true, 0 false, -1 unknown. */
int scan_pp_cond(const struct scan_pp_names *t, const char *s, size_t n);

/* pp.c: the lexical pass over preprocessor lines: macros, #include evidence, #if 0 ranges,
 * line and LOC counts, after the command line's -D/-U macros and -I folders of
 * unit->input (at line 0). Runs before the tree walk. Returns 0 or -1 (out of memory). */
int scan_pp_run(struct scan_unit *unit);
/* When a file's facts are complete (parse.c's parse_close, whichever pass read it): the
 * macro calls pp.c hid (unit->ppcalls) join the calls, in position order, as the
 * file-scope calls the parser would have read with their `;`. Returns 0 or -1. */
int scan_pp_calls(struct scan_unit *unit);

/* knr.c: find orphan top-level blocks and recover the K&R definitions in front of them
 * into unit->knr. Returns 0 or -1 (out of memory). */
int scan_knr_find(struct scan_unit *unit, TSNode root);

/* lex.c: the shallow path: functions and calls read lexically, without a syntax tree, for
 * files that mention none of the deep words. Returns 0 or -1 (out of memory). */
int scan_lex_extract(struct scan_unit *unit);
/* Files that mention a deep word: lex them and set *depth: 2 parse whole (it defines a
 * function named like a deep word), 1 parse with the bodies that mention none hidden (it
 * uses one as a value or through a field; their calls kept in unit->lexcalls), 0 the
 * lexer's facts stand (it only calls them by name). Returns 0 or -1. */
int scan_lex_bodies(struct scan_unit *unit, const struct scan_words *words, int *depth);

/* words.c: the deep-word matcher: patterns in the vocabulary's syntax ('*' at either end
 * is a wildcard; case-blind; whole identifiers), compiled once into an automaton that one
 * pass over a text answers. Immutable once made: shared by the scan threads. */
/* Compile the patterns (NULL entries are ignored). Returns NULL only when out of memory. */
struct scan_words *scan_words_create(const char *const *words, int nwords);
void scan_words_destroy(struct scan_words *words);
/* Does some identifier of the text (comments and strings included) match a pattern? */
int scan_words_in_text(const struct scan_words *words, const char *text, size_t len);
/* Does the identifier s[0..n) match a pattern? */
int scan_words_ident(const struct scan_words *words, const char *s, size_t n);
/* Does a while condition's text s[0..n) retry on failure (`== NULL`, `== 0`, a `!`)? Its
 * calls are then no drain: both the lexer and the parser leave DIG_FLOW_LOOP off. */
int scan_loop_retries(const char *s, size_t n);
/* Without deep words: lex the file only to know its definitions (scan_lex_merge gives back
 * those the parser loses); the parser reads every body. Returns 0 or -1. */
int scan_lex_all_bodies(struct scan_unit *unit);
/* After the tree walk: attach the kept calls to the parsed definitions, and give back the
 * definitions the parser lost (the lexer saw their bodies, the parser no definition there)
 * from the lexer's facts (unit->lexed_defs counts them). 0 or -1. */
int scan_lex_merge(struct scan_unit *unit);

/* extract.c: walk the syntax tree and record functions, calls, registrations, globals and
 * evidence. Returns 0 or -1 (out of memory). */
int scan_extract_tree(struct scan_unit *unit, TSNode root);

/* parse.c: extract one buffer with a given parser into file (which the caller owns and
 * has zeroed except path/size/mtime; file->arena must be NULL: it is created here, exactly
 * sized, with `extra` spare bytes). opts->file_ms (0: 5000) applies; words are the
 * compiled opts->deep_words (NULL: every file deep). Returns 0 or -1 when out of memory. */
int scan_parse_buffer(TSParser *parser, struct scan_unit *unit, struct dig_file *file,
                      const char *text, size_t len, const struct dig_scan_opts *opts,
                      const struct scan_words *words, size_t extra);

/* A 64-bit content hash: XXH3-64 (equal bytes give equal hashes; a change is found with
 * probability 1 - 2^-64). */
uint64_t scan_hash(const void *data, size_t len);
/* dig/hash.h's FNV-1a of s[0..n) (the intern table's and the lexer's name sets' hash). */
uint32_t scan_str_hash(const char *s, size_t n);
/* Is buf valid UTF-8? Returns the number of invalid sequences found. */
size_t scan_utf8_errors(const char *buf, size_t len);

/* What the fact cache's shortcut compares (cache.c): a file's size and times as stat(2)
 * gives them. */
struct scan_stat {
	uint64_t size, mtime_ns, ctime_ns, ino;
};

/* Fill st from a struct stat. */
void scan_stat_of(struct scan_stat *st, const struct stat *sb);

/* walk.c: one file found by the walk. */
struct scan_entry {
	char *path;                    /* relative to the root, '/'-separated (malloc'd) */
	char *abs;                     /* what open() takes (malloc'd) */
	uint64_t size, mtime_ns;
	uint64_t ctime_ns, ino;        /* for the fact cache's shortcut */
	uint64_t dev;                  /* with ino, the file's identity (a file reached twice) */
	int via_link;                  /* reached through a symbolic link to a file */
	int32_t input;                 /* index into dig_scan_opts.inputs, or -1 (walked) */
	char **include_dirs;           /* that input's -I folders inside the root, relative to
	                                  it (malloc'd, with the strings; NULL when none) */
	uint32_t ninclude_dirs;
	char *skip;                    /* a named file that is not read: why (malloc'd), else NULL */
};

/* A diagnostic list under construction (malloc'd strings). */
struct scan_diags {
	struct scan_vec items;         /* struct dig_diag with malloc'd strings */
	struct scan_vec excluded;      /* char *, malloc'd: paths a default exclude skipped
	                                  (version-control folders left out), walk order */
};

/* Add "path: reason" to diags (both copied). */
void scan_diags_add(struct scan_diags *diags, const char *path, const char *reason);
/* Free the list. */
void scan_diags_fini(struct scan_diags *diags);

/* Walk opts->root (or take opts->inputs, walk.c's list); entries come back sorted by path
 * bytes, each path once. Returns 0, or -1 with *err when the root cannot be read at all. */
int scan_walk(const struct dig_scan_opts *opts, struct scan_vec *entries, struct scan_diags *diags,
              const char **err);
/* Free the entries' strings and the vector. */
void scan_walk_free(struct scan_vec *entries);
/* Free one entry's strings. */
void scan_entry_free(struct scan_entry *e);

/* scan.c: the deterministic tallies of a tree from its files (bytes: the size of every
 * file read or taken from the cache, so a warm run says what a cold one says; skipped;
 * copies), shared by the scan and the merge of parts. */
void scan_tree_tally(struct dig_tree *tree);
/* Sort diagnostics by path, then reason. */
int scan_cmp_diag(const void *a, const void *b);

/* Are two files byte for byte the same? (Read both again; for equal size and hash.) */
int scan_same_bytes(const char *a, const char *b);
/* Find the byte-identical copies among files[0..n) (in path order): candidates are the
 * files read (their hash taken: not skipped, or skipped after reading) and not empty,
 * grouped by size and hash; in a group, the earliest path that same(ctx, original, file)
 * confirms (1; 0 no, -1 failed) is the original. orig[i] gets it, or UINT32_MAX. The scan
 * and the merge of parts share this rule. Returns 0, or -1 (out of memory, or same
 * failed). */
int scan_copies_find(const struct dig_file *files, uint32_t n, int (*same)(void *ctx, uint32_t a, uint32_t b),
                     void *ctx, uint32_t *orig);
/* A copy takes its original's facts (same bytes, same facts), keeping its own path, mtime
 * and arena; copy_of names the original. */
void scan_copy_share(struct dig_file *copy, const struct dig_file *orig);

/* cache.c: the per-tree fact cache, SCAN_CACHE_FILE inside its folder. */
#define SCAN_CACHE_FILE "facts.cache"
struct scan_cache;
/* Load the cache for this root and these deep words (their hash, 0 for none) from dir
 * (missing, other root or words: no cache; corrupt: no cache + a diag). */
struct scan_cache *scan_cache_open(const char *dir, const char *root, uint64_t words,
                                   struct scan_diags *diags);
/* The shortcut: the facts of path when its size, mtime, ctime and inode all equal the
 * record's and the record is not racy (cache.c), without reading the file. The record is
 * decoded into unit (the calling thread's, reset here) and packed by scan_unit_finish, so
 * cached facts are interned and packed exactly as fresh ones. Returns 1 when found and
 * decoded (file filled, hash included), 0 when not (file untouched), -1 when the record is
 * damaged (fails its checksum or does not decode). */
int scan_cache_lookup(struct scan_cache *cache, struct scan_unit *unit, const char *path,
                      const struct scan_stat *st, struct dig_file *file);
/* By content, after the file was read: the facts of path when the record has this size
 * and XXH3 hash. 1, 0 or -1 as above. */
int scan_cache_lookup_hash(struct scan_cache *cache, struct scan_unit *unit, const char *path, uint64_t size,
                           uint64_t hash, struct dig_file *file);
/* How many files the open cache holds. */
uint32_t scan_cache_count(const struct scan_cache *cache);
/* Write the tree's facts as the new cache (temp + rename). Returns 0 or -1 (with a diag). */
int scan_cache_store(const char *dir, const char *root, uint64_t words, const struct dig_tree *tree,
                     struct scan_diags *diags);
void scan_cache_close(struct scan_cache *cache);
/* Open whatever cache dir holds (any root, any deep words): *root gets its root (malloc'd;
 * NULL when there is no cache). */
struct scan_cache *scan_cache_open_any(const char *dir, char **root);
/* Decode record i (of scan_cache_count, in path order) into f, path included; *copy_of gets
 * the stored index of the file it copies, or -1. Returns 1 when it decodes. */
int scan_cache_load_at(const struct scan_cache *cache, struct scan_unit *unit, uint32_t i, struct dig_file *f,
                       int32_t *copy_of);
/* Hard-link the cache file of dir `from` into dir `to` (made when missing). 0 or -1. */
int scan_cache_link(const char *from, const char *to);

/* tree.c: the tree after the scan. */
/* Start the fact cache's write on a thread of its own (dig_scan_cache_wait joins it);
 * 0, or -1 (then the caller writes it itself). */
int scan_tree_cache_later(struct dig_tree *tree, const char *dir, uint64_t words);

#endif /* STRATA_DIG_SCAN_IMPL_H */
