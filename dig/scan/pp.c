/*
 * dig/scan/pp.c: the lexical preprocessor pass. Runs over the raw bytes before the tree
 * walk and gives it what tree-sitter cannot: which lines are dead (#if 0), which macros
 * exist at which line (for call- and definition-site renames), the #include targets, and
 * the line and LOC counts. No expansion happens and no header is opened here: a macro
 * counts from its #define in this same file to its #undef; the values of the headers the
 * file includes come from the tree's table (headers.c, read before any file is parsed),
 * for #if conditions only.
 *
 * Dead code: a condition decides when its value is known (cond.c): `#if 0` (or `(0)`)
 * makes its branch dead and its `#else` live; `#if 1` makes its `#else`/`#elif` branches
 * dead; `#elif 0` is dead; a name the file defines for sure, a -D/-U of --compdb, or a
 * value the headers it included so far give (a sure #define there, or an undisputed
 * config default) decide too. `#ifdef notdef` and every other condition are live (they
 * depend on the build). Nesting inside a dead branch stays dead. Directive lines
 * themselves are dead only when the branch around them is. Each #define records whether
 * it is sure (no unknown condition around it) or a config default (its only unknown
 * condition is the `#ifndef NAME` / `#if !defined NAME || ...` around it): headers.c
 * reads a header's values from that.
 *
 * Hiding text from the parser (unit->blank): tree-sitter reads every branch of every #if
 * at once, so some shapes derail it, each cheap to see lexically:
 *   - C++-only branches (`#ifdef __cplusplus` / `extern "C" {` / `#endif`): no C compiler
 *     defines __cplusplus, so those branches are never C; they are hidden (not dead: they
 *     are not counted anywhere).
 *   - conditionals whose branches do not balance their braces (`#ifdef X / if (a) { /
 *     #else / if (b) { / #endif`): the parser would see two opening braces and recover
 *     badly (slow, and the rest of the function is lost). The #else/#elif branches of such
 *     a conditional are hidden (not the directive lines) and the parser sees the first
 *     branch only, when the hidden text is at most PP_HIDE_MAX_LINES lines; calls written
 *     only in those hidden branches are not seen (a documented limit).
 *   - a function definition whose declarator is split between the branches of a
 *     conditional (`void *` / `#if !CHECKS` / `pool_get(d)` / `#else` / `pool_get_fn(d,
 *     file, line)` / `#endif` / `{`: each branch a fragment with no `;`, `{`, `}`, `=` or
 *     string -- a later branch may be an old-style header whose parameter declarations
 *     end in `;` (`#if __STD_C` / `f(Vm_t *vm)` / `#else` / `f(vm)` / `Vm_t *vm;`) --,
 *     the body's `{` right after the #endif): the parser would read both
 *     declarators as one and name the function after the last, or lose it. It sees one
 *     branch: the first not dead (the first of all when the condition is unknown), with
 *     the other branches and the directive lines hidden (pp_fragments).
 *   - old-style directive tails (`#endif LINT`, `#else FOO`, `#ifdef X junk`): cc took the
 *     words after what the directive reads as a comment; tree-sitter reads them as the start
 *     of the next declaration or statement (`LINT char *f()`, and inside a body it can lose
 *     the rest of the function), so they are hidden like comments.
 *   - macro calls standing alone at file scope with no `;` (`libc_hidden_def(f)`,
 *     `EXPORT_SYMBOL(f)`, `__weak_alias(a, b)`, `MODULE_VERSION(m, 1)` on a line of their
 *     own, or after storage words: `static DECL_LOCK(l)`): the parser reads the call as
 *     the start of the next declaration, and the definition after it is lost or gets the
 *     call as its return type. A call is hidden
 *     when it opens a declaration (after a `;`, a body, another hidden call or the file's
 *     start), the rest of its line is blank, and it is a whole declaration: by this file's
 *     definition of the macro when it has one (a body empty or ending in `;` or `}`), else
 *     by what follows (pp_call_alone: another declaration, another such call, the file's
 *     end -- not a `{` or an old-style definition's parameter declarations, which make it
 *     a definition's header). The call stays a fact: pp_hidden_call keeps it as the
 *     file-scope call the parser would have read with a `;` (aliases, lock declarations).
 *   - attribute-like words in a declaration's head, defined in a header or by the build
 *     (`extern int weak_function f(void *) attribute_hidden;`, `void attribute_noreturn
 *     f(void)`, `static bool_t` / `internal_function` / `f(...)`, `parser_t * FAST_FUNC
 *     f(...)`): a plain word after a `*`, or beside a type keyword or tag, or after the
 *     type among plain words where the parser misreads them (pp_head_spec); the plain
 *     words after a prototype's parameters up to its `;` (pp_head_semicolon); and in a
 *     definition, a macro call between the type and the declarator (`int` /
 *     `attribute_optimize("Os")` / `f(...)` / `{`: pp_head_brace). The words' kinds
 *     are C's keywords only; a macro this file defines as a type is never hidden. Where
 *     a blank parts the name from its `(`, a first plain word the headers reached define
 *     only as an attribute, a storage word or nothing (`RTL_API` / `PVOID` / `f (...)`,
 *     `#define RTL_API __DLLEXPORT`, `#define __DLLEXPORT __attribute__ (...)`) is no
 *     type: it is hidden and the next plain word is the type (pp_word_attr). The
 *     heads are read a line at a time by pp_head_line, at file scope only (lines inside
 *     bodies cost nothing but the brace count pp already keeps), and through #if
 *     branches as the parser reads them: the first branch's braces hold after the #endif.
 *   - a GNU attribute or `__declspec` after a `*` of a declaration head or of a parameter
 *     (`void * __attribute__((used)) f(...)`, `char *__declspec(restrict) g(void *
 *     __attribute__((unused)) p)`): the grammar takes none there and names the function
 *     `__attribute__`; the keyword and its group are hidden (the other places it reads).
 * Hidden bytes become spaces (newlines kept) in the copy tree-sitter parses, so lines and
 * columns do not move.
 */
#include <stdio.h>
#include <string.h>

#include "dig/scan/scan_impl.h"

#define PP_MAX_DEPTH 256
#define PP_HIDE_MAX_LINES 64     /* largest #else text hidden to balance a conditional */

/* One open #if while the pass runs. */
struct pp_frame {
	unsigned char parent_dead;   /* the branch around the #if is dead */
	unsigned char branch_dead;   /* the current branch is dead by a known condition */
	unsigned char taken;         /* an earlier branch was taken for sure (#if 1) */
	unsigned char maybe;         /* an earlier branch may have been taken (its condition
	                                is unknown) */
	unsigned char sure;          /* the current branch is surely the one a compiler reads
	                                (given the branch around the group is) */
	unsigned char guard;         /* an include guard's #ifndef NAME, waiting for its
	                                #define NAME (guard_name) */
	unsigned char cxx;           /* 1: first branch is C++ only; 2: the others are */
	unsigned char unbalanced;    /* some finished branch had a non-zero brace balance */
	uint32_t nbranch;            /* branches opened so far */
	int32_t net;                 /* brace balance of the current branch */
	int32_t first_net;           /* brace balance of the first branch */
	uint32_t branch_start;       /* first byte of the current branch's body */
	uint32_t pending_base;       /* unit->pending entries of this group start here */
	const char *ndef;            /* `#ifndef NAME`, `#if !defined NAME [|| ...]`: NAME
	                                (interned), for config defaults (pp_define_how) */
	uint32_t open_at;            /* the #if line's first byte (pp_fragments) */
	uint32_t first_start, first_end; /* the first branch's bytes (pp_fragments) */
	uint32_t dead_mask;          /* bit b: branch b (of the first 32) is dead */
	int32_t head_open, head_first; /* pp_head's braces at the #if and at the end of the
	                                first branch (the parser's reading follows the first) */
};

/* ---- file-scope declaration heads: macros the parser takes for declarations ---------- */

#define PP_HEAD_WORDS 24             /* words of a declaration head looked at */
#define PP_HEAD_TRAIL 8              /* trailing words after a prototype's parameters */

/* What a word is to a declaration head (pp_word_kind). */
enum pp_word {
	PP_W_IDENT,                  /* not a keyword: a typedef name, a macro, a declarator */
	PP_W_TYPE,                   /* a type specifier keyword (int, void, unsigned, ...) */
	PP_W_TAG,                    /* struct, union, enum: the next word is a tag */
	PP_W_SPEC,                   /* storage class, qualifier, inline, typedef */
	PP_W_ATTR,                   /* __attribute__ and its kin: a parenthesised group follows */
	PP_W_OTHER,                  /* any other keyword (statement words): not a head */
};

/* A word of a head: bytes [start, end) (end past a trailing macro's arguments), its name
 * [start, name_end), its pp_word kind, whether a `*` came before it. */
struct pp_head_word {
	uint32_t start, end, name_end;
	unsigned char kind, stars;
};

enum { PP_H_HEAD, PP_H_TRAIL, PP_H_SKIP };           /* pp_head.state */
enum { PP_G_SKIP, PP_G_PARAMS, PP_G_TRAIL };         /* pp_head.group_kind */

/* The declaration being read at file scope (pp_head_line). */
struct pp_head {
	const char *text;
	struct pp_head_word w[PP_HEAD_WORDS];   /* the head's words up to its declarator's `(` */
	struct pp_head_word trail[PP_HEAD_TRAIL]; /* words after its parameters */
	int n, ntrail;
	int state;                   /* PP_H_HEAD: words so far; PP_H_TRAIL: after the declarator's
	                                parameters; PP_H_SKIP: the rest of a declaration not read */
	int fresh;                   /* the head starts where a declaration may (file start, after
	                                `;`, a body or a hidden call) */
	int stars;                   /* `*`s in the head so far */
	int trail_bad;               /* a trailing word that is no attribute's (a keyword, `*`) */
	int typed;                   /* the head has a type (pp_head_spec) */
	int attr;                    /* an attribute keyword came: its group is skipped */
	int attr_hide;               /* ... after a `*`, where the parser reads none: hidden */
	uint32_t attr_at;            /* its first byte */
	int group, group_kind;       /* open parentheses of a group and what it is */
	int call, call_plain;        /* the group is the arguments of a call that may stand alone
	                                (and holds only names, each after a comma) */
	int call_word;               /* a name came last in that group */
	uint32_t call_at, call_name; /* its first word (`static`) and its name */
	uint32_t decl_at, decl_end;  /* the declarator's name and parameters (PP_H_TRAIL) */
	int group_lit, decl_lit;     /* a string or a number in the group: no parameter list */
	int depth;                   /* braces open */
	int after_fresh;             /* what follows their `}`: a new declaration */
};

/* The pass's running state. */
struct pp_state {
	struct pp_frame stack[PP_MAX_DEPTH];
	int depth;                   /* frames in use (may exceed PP_MAX_DEPTH: then untracked) */
	int in_comment;              /* inside a block comment at the current byte */
	int unsure;                  /* open groups (tracked) whose current branch is not sure:
	                                a #define read here may not be the build's */
	int directives;              /* directives read so far */
	int code_before;             /* code came before the first directive (no guard then) */
	char guard_name[64];         /* the name of a pending include guard */
	struct pp_head head;         /* the declaration being read at file scope */
};

/* Is the current line dead? */
static int pp_dead(const struct pp_state *st)
{
	int d = st->depth > PP_MAX_DEPTH ? PP_MAX_DEPTH : st->depth;

	return d > 0 && (st->stack[d - 1].parent_dead || st->stack[d - 1].branch_dead);
}

/* Copy one logical directive line (continuations joined, comments as one space) into the
 * scratch buffer; returns its length. *next gets the byte after the logical line. */
static size_t pp_logical(struct scan_unit *unit, uint32_t start, uint32_t *next, int *comment_open)
{
	const char *t = unit->text;
	uint32_t i = start, len = unit->len;
	size_t o = 0;
	char *buf;

	*comment_open = 0;
	buf = unit->line_buf;
	while (i < len) {
		char c = t[i];
		if (c == '\n')
			break;
		if (c == '\\' && i + 1 < len && t[i + 1] == '\n') {
			i += 2;
			continue;
		}
		if (c == '\\' && i + 2 < len && t[i + 1] == '\r' && t[i + 2] == '\n') {
			i += 3;
			continue;
		}
		if (c == '/' && i + 1 < len && t[i + 1] == '*') {
			uint32_t j = i + 2;
			while (j + 1 < len && !(t[j] == '*' && t[j + 1] == '/'))
				j++;
			if (j + 1 >= len) {
				*comment_open = 1;
				i = len;
				break;
			}
			/* A comment that spans lines ends the directive at its end, like cpp. */
			i = j + 2;
			c = ' ';
			if (o < sizeof(unit->line_buf) - 1)
				buf[o++] = c;
			continue;
		}
		if (c == '/' && i + 1 < len && t[i + 1] == '/') {
			while (i < len && t[i] != '\n')
				i++;
			break;
		}
		if (c == '\r') {
			i++;
			continue;
		}
		if (o < sizeof(unit->line_buf) - 1)
			buf[o++] = c;
		i++;
	}
	buf[o] = '\0';
	*next = i < len ? i + 1 : len;
	return o;
}

/* Skip spaces and tabs. */
static size_t pp_ws(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f' || s[i] == '\v'))
		i++;
	return i;
}

/* Past blanks, line continuations and comments of a macro body s[i..n). */
static size_t pp_gap(const char *s, size_t i, size_t n)
{
	for (;;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f' || s[i] == '\v' || s[i] == '\\' ||
		                 s[i] == '\n' || s[i] == '\r'))
			i++;
		if (i + 1 < n && s[i] == '/' && s[i + 1] == '*') {
			for (i += 2; i + 1 < n && !(s[i] == '*' && s[i + 1] == '/'); i++)
				;
			i = i + 2 < n ? i + 2 : n;
			continue;
		}
		if (i + 1 < n && s[i] == '/' && s[i + 1] == '/')
			return n;
		return i;
	}
}

/* In a macro body s[0..n), does the call whose `(` is at s[i] end a statement that others
 * follow (`f(a); g(b)`)? */
static int pp_more_statements(const char *s, size_t i, size_t n)
{
	int depth = 0;
	for (; i < n; i++) {
		if (s[i] == '"' || s[i] == '\'') {
			char q = s[i];
			for (i++; i < n && s[i] != q; i++)
				if (s[i] == '\\')
					i++;
			continue;
		}
		depth += (s[i] == '(') - (s[i] == ')');
		if (depth == 0)
			break;
	}
	if (i >= n)
		return 0;
	i = pp_gap(s, i + 1, n);
	if (i >= n || s[i] != ';')
		return 0;
	return pp_gap(s, i + 1, n) < n;
}

/* Record evidence hidden in a macro body: align masks and fill constants. */
static int pp_body_evidence(struct scan_unit *unit, const char *name, size_t nname, const char *body,
                            uint32_t line)
{
	const char *amp = strchr(body, '&');

	for (; amp; amp = strchr(amp + 1, '&')) {
		const char *q = amp + 1;
		while (*q == ' ')
			q++;
		if (*q == '~')
			return scan_unit_evidence(unit, DIG_EV_ALIGN_MASK, name, nname, line, -1);
	}
	for (const char *p = body; *p; p++) {
		if (*p == '0' && (p[1] == 'x' || p[1] == 'X') && (p == body || !scan_ident_byte((unsigned char)p[-1]))) {
			const char *e = p;
			while (scan_ident_byte((unsigned char)*e))
				e++;
			if (scan_magic_literal(p, (size_t)(e - p)) &&
			    scan_unit_evidence(unit, DIG_EV_MAGIC_FILL, p, (size_t)(e - p), line, -1))
				return -1;
			p = e - 1;
		}
	}
	return 0;
}

/* Words that take parentheses in a macro body without being a call. */
static const char *const pp_not_calls[] = {
	"if", "while", "for", "switch", "return", "sizeof", "do", "else", "case", "goto", "defined",
	"_Alignof", "alignof", "__alignof__", "__alignof", "typeof", "__typeof__", "__typeof", "_Generic",
	"__attribute__", "__attribute", "__declspec", "__asm__", "__asm", "asm", "__volatile__",
	"_Static_assert", "static_assert", "__extension__", "__builtin_expect", "__builtin_offsetof",
	"offsetof", "__builtin_constant_p", "__builtin_choose_expr", "__builtin_types_compatible_p",
	"int", "char", "long", "short", "unsigned", "signed", "void", "float", "double", "struct",
	"union", "enum", "const", "volatile",
};

/* Is s[0..n) one of the words? */
static int pp_word_in(const char *s, size_t n, const char *const *words, size_t nwords)
{
	for (size_t k = 0; k < nwords; k++)
		if (strlen(words[k]) == n && memcmp(words[k], s, n) == 0)
			return 1;
	return 0;
}

/* The pasted name `a ## p ## _n` that starts at s[a] (an identifier followed by `##`),
 * into buf (size max): literal parts as they are, a part that is parameter p as `#p#`
 * (dig_macro.calls: a name with a '#' is a template a use's arguments complete; no C
 * identifier holds one). *end gets the byte after the last part; 1 when some part is a
 * parameter (a template), 0 when every part is literal (the name is whole), -1 when it
 * does not fit or is no paste. */
static int pp_paste_name(const char *s, size_t a, size_t n, const char *const *params, const size_t *plen, int np,
                         char *buf, size_t max, size_t *end)
{
	size_t o = 0, i = a;
	int tpl = 0, parts = 0;
	for (;;) {
		size_t e = i;
		while (e < n && scan_ident_byte((unsigned char)s[e]))
			e++;
		if (e == i)
			return -1;
		int p = -1;
		for (int k = 0; k < np && k < 64 && p < 0; k++)
			if (plen[k] == e - i && memcmp(params[k], s + i, e - i) == 0)
				p = k;
		if (p >= 0) {
			int w = snprintf(buf + o, max - o, "#%d#", p);
			if (w < 0 || (size_t)w >= max - o)
				return -1;
			o += (size_t)w, tpl = 1;
		} else {
			if (e - i >= max - o)
				return -1;
			memcpy(buf + o, s + i, e - i);
			o += e - i;
		}
		parts++;
		size_t j = pp_ws(s, e, n);
		if (j + 1 < n && s[j] == '#' && s[j + 1] == '#') {
			i = pp_ws(s, j + 2, n);
			continue;
		}
		buf[o] = '\0';
		*end = e;
		return parts > 1 ? tpl : -1;
	}
}

/* The names a macro body s[0..n) calls (dig_macro.calls): `IDENT (` outside strings and
 * character constants, not after `.`, `->` or `#`/`##`, not a keyword, one of the
 * parameters or the macro itself; a name pasted together, `g_##func##_n (`, as one name,
 * a template when a parameter is part of it (pp_paste_name); distinct, in body order, at
 * most DIG_MACRO_CALLS. Into the unit arena; *count gets their number. Returns 0 or -1
 * (out of memory). */
static int pp_body_calls(struct scan_unit *unit, const char *s, size_t n, const char *self, size_t nself,
                         const char *const *params, const size_t *plen, int np, const char ***out,
                         uint32_t *count)
{
	const char *found[DIG_MACRO_CALLS];
	size_t flen[DIG_MACRO_CALLS];
	char pasted[DIG_MACRO_CALLS][96];
	uint32_t k = 0;
	char before = 0, before2 = 0;  /* the last two bytes of code before the identifier */

	*out = NULL;
	*count = 0;
	for (size_t i = 0; i < n && k < DIG_MACRO_CALLS; i++) {
		char c = s[i];
		if (c == '"' || c == '\'') {
			for (i++; i < n && s[i] != c; i++)
				if (s[i] == '\\')
					i++;
			before = c;
			continue;
		}
		if (!scan_ident_byte((unsigned char)c) || (c >= '0' && c <= '9')) {
			if (c != ' ' && c != '\t') {
				before2 = before;
				before = c;
			}
			continue;
		}
		size_t a = i, pend;
		const char *name = s + a;
		while (i + 1 < n && scan_ident_byte((unsigned char)s[i + 1]))
			i++;
		size_t len = i + 1 - a, j = pp_ws(s, i + 1, n);
		int field = before == '.' || (before == '>' && before2 == '-') || before == '#';
		before2 = before;
		before = 'a';
		if (!field && j + 1 < n && s[j] == '#' && s[j + 1] == '#' &&
		    pp_paste_name(s, a, n, params, plen, np, pasted[k], sizeof pasted[k], &pend) >= 0) {
			i = pend - 1;
			j = pp_ws(s, pend, n);
			name = pasted[k];
			len = strlen(name);
		} else if (!field && j + 1 < n && s[j] == '#' && s[j + 1] == '#') {
			continue;
		}
		if (j >= n || s[j] != '(' || field ||
		    pp_word_in(name, len, pp_not_calls, sizeof(pp_not_calls) / sizeof(pp_not_calls[0])) ||
		    (len == nself && memcmp(name, self, len) == 0))
			continue;
		int skip = 0;
		for (int p = 0; p < np && p < 64 && !skip; p++)
			skip = plen[p] == len && memcmp(params[p], name, len) == 0;
		for (uint32_t q = 0; q < k && !skip; q++)
			skip = flen[q] == len && memcmp(found[q], name, len) == 0;
		if (skip)
			continue;
		found[k] = name;
		flen[k++] = len;
	}
	if (k == 0)
		return 0;
	const char **v = dig_arena_alloc(unit->arena, k * sizeof(*v));
	if (!v)
		return -1;
	for (uint32_t q = 0; q < k; q++)
		if (!(v[q] = scan_unit_intern(unit, found[q], flen[q])))
			return -1;
	*out = v;
	*count = k;
	return 0;
}

/* The arguments of the call `NAME ( a, b, ... )` a body starts with, s[b..n): for each, the
 * identifier it is alone (trimmed), or NULL (an expression, a string); at most max; -1 when
 * the parentheses do not close. */
static int pp_call_args(const char *s, size_t b, size_t n, const char **arg, size_t *alen, int max)
{
	size_t i = b;
	int na = 0, depth = 0;
	while (i < n && scan_ident_byte((unsigned char)s[i]))
		i++;
	i = pp_ws(s, i, n);
	if (i >= n || s[i] != '(')
		return -1;
	for (size_t a = ++i;; i++) {
		if (i >= n)
			return -1;
		if (s[i] == '"' || s[i] == '\'') {
			for (char q = s[i++]; i < n && s[i] != q; i++)
				if (s[i] == '\\')
					i++;
			continue;
		}
		if (s[i] == '(' || s[i] == '[' || s[i] == '{') {
			depth++;
			continue;
		}
		if ((s[i] == ')' || s[i] == ']' || s[i] == '}') && depth > 0) {
			depth--;
			continue;
		}
		if ((s[i] == ',' && depth == 0) || s[i] == ')') {
			size_t x = pp_ws(s, a, i), y = i, e = x;
			while (y > x && (s[y - 1] == ' ' || s[y - 1] == '\t'))
				y--;
			while (e < y && scan_ident_byte((unsigned char)s[e]))
				e++;
			if (na < max) {
				arg[na] = e == y && y > x && !(s[x] >= '0' && s[x] <= '9') ? s + x : NULL;
				alen[na] = y - x;
			}
			na++;
			if (s[i] == ')')
				return na;
			a = i + 1;
		}
	}
}

/* Complete template `tpl` (pp_paste_name) with the arguments of a use: each `#p#` becomes
 * argument p when that is an identifier, or `#q#` when it is parameter q of the macro
 * making the use (own params). 0, or -1 when an argument is no identifier or it does not
 * fit. */
static int pp_paste_fill(const char *tpl, const char *const *arg, const size_t *alen, int na,
                         const char *const *params, const size_t *plen, int np, char *buf, size_t max)
{
	size_t o = 0;
	for (const char *t = tpl; *t;) {
		if (*t != '#') {
			if (o + 1 >= max)
				return -1;
			buf[o++] = *t++;
			continue;
		}
		int p = (int)strtol(t + 1, (char **)&t, 10), q = -1;
		if (*t != '#' || p < 0 || p >= na || p >= 64 || !arg[p])
			return -1;
		t++;
		for (int k = 0; k < np && k < 64 && q < 0; k++)
			if (plen[k] == alen[p] && memcmp(params[k], arg[p], alen[p]) == 0)
				q = k;
		int w = q >= 0 ? snprintf(buf + o, max - o, "#%d#", q) : snprintf(buf + o, max - o, "%.*s", (int)alen[p], arg[p]);
		if (w < 0 || (size_t)w >= max - o)
			return -1;
		o += (size_t)w;
	}
	buf[o] = '\0';
	return 0;
}

/* The names one definition `def` of a pasting macro calls when used as `body` does
 * (pp_paste_fill), into names/nn (distinct, at most DIG_MACRO_CALLS, interned); a
 * template no argument completes is dropped. Returns 0 or -1 (out of memory). */
static int pp_paste_calls(struct scan_unit *unit, const struct dig_macro *def, const char *const *arg,
                          const size_t *alen, int na, const char *const *params, const size_t *plen, int np,
                          const char **names, uint32_t *nn)
{
	char buf[128];
	*nn = 0;
	for (uint32_t c = 0; c < def->ncalls && *nn < DIG_MACRO_CALLS; c++) {
		const char *name = def->calls[c];
		int dup = 0;
		if (strchr(name, '#')) {
			if (pp_paste_fill(name, arg, alen, na, params, plen, np, buf, sizeof buf))
				continue;
			if (!(name = scan_unit_intern(unit, buf, strlen(buf))))
				return -1;
		}
		for (uint32_t k = 0; k < *nn && !dup; k++)
			dup = strcmp(names[k], name) == 0;
		if (!dup)
			names[(*nn)++] = name;
	}
	return 0;
}

#define PP_PASTE_DEFS 8 /* definitions of one pasting macro compared (an #if's branches) */

/* Is every name of a[0..na) among b[0..nb)? */
static int pp_names_within(const char *const *a, uint32_t na, const char *const *b, uint32_t nb)
{
	for (uint32_t i = 0; i < na; i++) {
		uint32_t k = 0;
		while (k < nb && strcmp(a[i], b[k]) != 0)
			k++;
		if (k == nb)
			return 0;
	}
	return 1;
}

/* Macro m renames to a function-like macro this file defined before it that pastes a
 * callee together from its arguments (`#define g_new(t, n) _G_NEW (t, n, malloc)` over
 * `#define _G_NEW(t, n, f) ((t *) g_##f##_n ((n), sizeof (t)))`): m is then a statement
 * macro that calls the pasted names (g_malloc_n), in place of the rename, with what else
 * its own body calls. When the file defines the pasting macro in several branches, the
 * use calls what one of them calls that every other calls too (the plain branch beside one
 * that inlines a fast path), else what any of them calls (the two kept as candidates).
 * Returns 0 or -1 (out of memory). */
static int pp_paste_through(struct scan_unit *unit, struct dig_macro *m, const char *s, size_t b, size_t n,
                            const char *const *params, const size_t *plen, int np)
{
	const struct dig_macro *defs = unit->macros.data;
	const uint32_t *u = unit->macro_undef.data;
	const char *arg[16], *list[PP_PASTE_DEFS][DIG_MACRO_CALLS], *out[DIG_MACRO_CALLS];
	size_t alen[16];
	uint32_t nlist[PP_PASTE_DEFS], nd = 0, nout = 0, pick = UINT32_MAX;
	int na = pp_call_args(s, b, n, arg, alen, 16);

	if (na < 0 || na > 16)
		return 0;
	for (uint32_t k = 0; k + 1 < unit->macros.n && nd < PP_PASTE_DEFS; k++) {
		const struct dig_macro *d = &defs[k];
		int tpl = 0;
		if (d->dead || u[k] != UINT32_MAX || !d->function_like || strcmp(d->name, m->renames_to) != 0)
			continue;
		for (uint32_t c = 0; c < d->ncalls && !tpl; c++)
			tpl = strchr(d->calls[c], '#') != NULL;
		if (!tpl)
			return 0;   /* a definition that pastes nothing: the rename stands */
		if (pp_paste_calls(unit, d, arg, alen, na, params, plen, np, list[nd], &nlist[nd]))
			return -1;
		nd++;
	}
	for (uint32_t i = 0; i < nd && pick == UINT32_MAX; i++) {
		int within = nlist[i] > 0;
		for (uint32_t j = 0; j < nd && within; j++)
			within = pp_names_within(list[i], nlist[i], list[j], nlist[j]);
		if (within)
			pick = i;
	}
	for (uint32_t i = 0; i < nd; i++)   /* the one every other calls too, else all of them */
		for (uint32_t c = 0; (pick == UINT32_MAX || pick == i) && c < nlist[i] && nout < DIG_MACRO_CALLS; c++)
			if (!pp_names_within(&list[i][c], 1, out, nout))
				out[nout++] = list[i][c];
	for (uint32_t c = 0; nout && c < m->ncalls && nout < DIG_MACRO_CALLS; c++)
		if (strcmp(m->calls[c], m->renames_to) != 0 && !pp_names_within(&m->calls[c], 1, out, nout))
			out[nout++] = m->calls[c];
	if (nout == 0)
		return 0;
	const char **v = dig_arena_alloc(unit->arena, nout * sizeof(*v));
	if (!v)
		return -1;
	memcpy(v, out, nout * sizeof *v);
	m->calls = v;
	m->ncalls = nout;
	m->renames_to = NULL;
	return 0;
}

/* Statement macro m (function-like, no rename, calling something) redefines a name this
 * file defined before (an #if's other branch: `g_slice_new0` inlined with a memset beside
 * a call of the zeroing allocator): a build takes one of them and the file does not say
 * which. When one calls nothing the other does not, the model's rule already keeps it
 * (include.c, inc_group_pick: what every definition calls); else every definition gets
 * the names any of them calls, in the order of their definitions, so that the use keeps
 * both as candidates instead of neither. Returns 0 or -1 (out of memory). */
static int pp_redefine_join(struct scan_unit *unit, struct dig_macro *m)
{
	struct dig_macro *defs = unit->macros.data;
	const uint32_t *u = unit->macro_undef.data;
	const char *all[DIG_MACRO_CALLS];
	uint32_t nall = 0, same[PP_PASTE_DEFS], ns = 0;
	int nested = 0;

	for (uint32_t k = 0; k + 1 < unit->macros.n && ns < PP_PASTE_DEFS; k++) {
		const struct dig_macro *d = &defs[k];
		if (d->dead || u[k] != UINT32_MAX || !d->function_like || d->renames_to || !d->ncalls ||
		    strcmp(d->name, m->name) != 0)
			continue;
		same[ns++] = k;
		nested |= pp_names_within(d->calls, d->ncalls, m->calls, m->ncalls) ||
		          pp_names_within(m->calls, m->ncalls, d->calls, d->ncalls);
	}
	if (ns == 0 || nested)
		return 0;
	for (uint32_t i = 0; i <= ns; i++) {
		const struct dig_macro *d = i < ns ? &defs[same[i]] : m;
		for (uint32_t c = 0; c < d->ncalls && nall < DIG_MACRO_CALLS; c++)
			if (!pp_names_within(&d->calls[c], 1, all, nall))
				all[nall++] = d->calls[c];
	}
	const char **v = dig_arena_alloc(unit->arena, nall * sizeof(*v));
	if (!v)
		return -1;
	memcpy(v, all, nall * sizeof *v);
	for (uint32_t i = 0; i <= ns; i++) {
		struct dig_macro *d = i < ns ? &defs[same[i]] : m;
		d->calls = v;
		d->ncalls = nall;
	}
	return 0;
}

/* #define: name, parameters, folded body, and the rename it makes if any. */
static int pp_define(struct scan_unit *unit, const char *s, size_t n, uint32_t line, int dead, int how)
{
	int sure = how == 1;
	size_t i = pp_ws(s, 0, n), b, ni;
	const char *params[64];
	size_t plen[64];
	int np = 0, fl = 0;

	ni = i;
	while (i < n && scan_ident_byte((unsigned char)s[i]))
		i++;
	if (i == ni)
		return 0;
	size_t nlen = i - ni;
	if (i < n && s[i] == '(') {
		fl = 1;
		i++;
		for (;;) {
			i = pp_ws(s, i, n);
			size_t p0 = i;
			while (i < n && (scan_ident_byte((unsigned char)s[i]) || s[i] == '.'))
				i++;
			if (i > p0) {
				if (np < 64) {
					params[np] = s + p0;
					plen[np] = i - p0;
				}
				np++;
			}
			i = pp_ws(s, i, n);
			if (i < n && s[i] == ',') {
				i++;
				continue;
			}
			break;
		}
		while (i < n && s[i] != ')')
			i++;
		if (i < n)
			i++;
	}
	b = pp_ws(s, i, n);
	struct dig_macro *m = scan_vec_push(&unit->macros, sizeof(*m));
	uint32_t *u = scan_vec_push(&unit->macro_undef, sizeof(*u));
	if (!m || !u)
		return -1;
	*u = UINT32_MAX;
	m->name = scan_unit_intern(unit, s + ni, nlen);
	scan_unit_macro_noted(unit, unit->macros.n - 1);
	m->function_like = fl;
	m->nparams = fl ? np : 0;
	m->body = scan_unit_fold(unit, s + b, n - b, SCAN_BODY_MAX);
	m->line = line;
	m->dead = dead;
	m->sure = dead || fl || n - b > SCAN_BODY_MAX ? 0 : how;   /* a cut body tells nothing */
	if (!m->name || !m->body)
		return -1;
	/* A rename: the body is one identifier, or starts with IDENT( -- and that identifier is
	 * neither a parameter (#define P(x) x) nor the macro itself. */
	size_t r = b;
	while (r < n && scan_ident_byte((unsigned char)s[r]))
		r++;
	if (r > b && !(s[b] >= '0' && s[b] <= '9')) {
		size_t after = pp_ws(s, r, n);
		int ok = after == n || s[after] == '(';
		for (int k = 0; ok && k < np && k < 64; k++)
			if (plen[k] == r - b && memcmp(params[k], s + b, r - b) == 0)
				ok = 0;
		/* a body that starts with a statement keyword (`#define CHECK(e, r) if ((r = (e)))
		 * ...`) is a statement macro, not a rename */
		static const char *const stmt[] = { "if", "while", "for", "switch", "return", "do", "else",
		                                     "goto", "case", "sizeof", "break", "continue" };
		for (size_t k = 0; ok && k < sizeof(stmt) / sizeof(stmt[0]); k++)
			if (strlen(stmt[k]) == r - b && memcmp(stmt[k], s + b, r - b) == 0)
				ok = 0;
		/* nor is a body whose first call is one statement of several (`#define MFREE(m,
		 * n) mowner_revoke(m); ...; pool_cache_put(mb_cache, m)`): it calls them all */
		if (ok && after < n && pp_more_statements(s, after, n))
			ok = 0;
		if (ok && !(r - b == nlen && memcmp(s + b, s + ni, nlen) == 0)) {
			m->renames_to = scan_unit_intern(unit, s + b, r - b);
			if (!m->renames_to)
				return -1;
		}
	}
	if (!dead && pp_body_evidence(unit, s + ni, nlen, m->body, line))
		return -1;
	if (!dead && pp_body_calls(unit, s + b, n - b, s + ni, nlen, params, plen, np, &m->calls, &m->ncalls))
		return -1;
	if (!dead && m->renames_to && pp_paste_through(unit, m, s, b, n, params, plen, np))
		return -1;
	if (!dead && fl && !m->renames_to && m->ncalls && pp_redefine_join(unit, m))
		return -1;
	/* what #if conditions below know of the name: a sure object-like definition's value
	 * is its body, unless the body was cut */
	if (!dead && scan_pp_names_set(&unit->ppnames, m->name, sure ? SCAN_PP_DEFINED : SCAN_PP_UNKNOWN,
	                               fl || n - b > SCAN_BODY_MAX ? NULL : m->body))
		return -1;
	return 0;
}

/* #undef: end the newest open definition of the name; below it, the name is surely
 * undefined (sure) or unknown. Returns 0 or -1 (out of memory). */
static int pp_undef(struct scan_unit *unit, const char *s, size_t n, uint32_t line, int sure)
{
	size_t i = pp_ws(s, 0, n), ni = i;
	struct dig_macro *m = unit->macros.data;
	uint32_t *u = unit->macro_undef.data;

	while (i < n && scan_ident_byte((unsigned char)s[i]))
		i++;
	if (i == ni)
		return 0;
	for (uint32_t k = unit->macros.n; k-- > 0;) {
		if (!m[k].dead && u[k] == UINT32_MAX && strlen(m[k].name) == i - ni &&
		    memcmp(m[k].name, s + ni, i - ni) == 0) {
			u[k] = line;
			break;
		}
	}
	const char *name = scan_unit_intern(unit, s + ni, i - ni);
	struct dig_undef *rec = name ? scan_vec_push(&unit->undefs, sizeof(*rec)) : NULL;
	if (!rec)
		return -1;
	rec->name = name;
	rec->line = line;
	return scan_pp_names_set(&unit->ppnames, name, sure ? SCAN_PP_UNDEFINED : SCAN_PP_UNKNOWN, NULL);
}

/* Is the condition one that only C++ makes true (__cplusplus, defined(__cplusplus), and
 * those followed by &&)? */
static int pp_cplusplus(const char *s, size_t n)
{
	char buf[64];
	size_t o = 0;

	for (size_t i = 0; i < n && o < sizeof(buf) - 1; i++)
		if (s[i] != ' ' && s[i] != '\t')
			buf[o++] = s[i];
	buf[o] = '\0';
	static const char *const forms[] = { "__cplusplus", "defined(__cplusplus)", "defined__cplusplus" };
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		size_t l = strlen(forms[i]);
		if (strncmp(buf, forms[i], l) == 0 && (buf[l] == '\0' || strncmp(buf + l, "&&", 2) == 0))
			return 1;
	}
	return 0;
}

/* Add a hidden byte range to a list. */
static int pp_range(struct scan_vec *v, uint32_t a, uint32_t b)
{
	struct scan_bytes *r;

	if (b <= a)
		return 0;
	r = scan_vec_push(v, sizeof(*r));
	if (!r)
		return -1;
	r->start = a;
	r->end = b;
	return 0;
}

/* A branch of the top group ends at byte `at` (the start of its #else/#elif/#endif line):
 * C++-only branches are hidden now, other non-first branches wait for the #endif. */
static int pp_branch_end(struct scan_unit *unit, struct pp_frame *f, uint32_t at)
{
	int first = f->nbranch == 1;

	if (first) {
		f->first_net = f->net;
		f->first_end = at;
	}
	if (f->net != 0)
		f->unbalanced = 1;
	if ((first && f->cxx == 1) || (!first && f->cxx == 2))
		return pp_range(&unit->blank, f->branch_start, at);
	if (!first)
		return pp_range(&unit->pending, f->branch_start, at);
	return 0;
}

/* Old-style directive tails (`#endif LINT`, `#else FOO`, `#ifdef X junk`): a compiler
 * ignores (or warns about) the tokens after what the directive takes, but tree-sitter reads
 * them as the start of the next declaration (`LINT char *f()`), so they are hidden from it
 * like comments. The directive's logical line is [at, next); `takes` is the number of
 * identifiers the directive reads (0 for #else and #endif, 1 for #ifdef, #ifndef, #undef).
 * Comments and continuation backslashes stay. Returns 0 or -1 (out of memory). */
static int pp_tail_hide(struct scan_unit *unit, uint32_t at, uint32_t next, int takes)
{
	const char *t = unit->text;
	uint32_t i = at, run = UINT32_MAX;
	int words = -1;                  /* the directive's name is the first word */

	while (i < next && t[i] != '#')
		i++;
	for (i++; i < next; i++) {
		char c = t[i];
		if (c == '/' && i + 1 < next && (t[i + 1] == '*' || t[i + 1] == '/')) {
			if (run != UINT32_MAX && pp_range(&unit->blank, run, i))
				return -1;
			run = UINT32_MAX;
			if (t[i + 1] == '/')
				return 0;                /* a line comment ends the line */
			for (i += 2; i + 1 < next && !(t[i] == '*' && t[i + 1] == '/'); i++)
				;
			i++;
			continue;
		}
		int blank = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' ||
		            (c == '\\' && i + 1 < next && (t[i + 1] == '\n' || t[i + 1] == '\r'));
		if (words < takes && !blank && scan_ident_byte((unsigned char)c)) {
			while (i + 1 < next && scan_ident_byte((unsigned char)t[i + 1]))
				i++;
			words++;
			continue;
		}
		if (words < takes && !blank)
			return 0;                    /* not a name where one belongs: leave the line */
		if (blank) {
			if (run != UINT32_MAX && pp_range(&unit->blank, run, i))
				return -1;
			run = UINT32_MAX;
		} else if (run == UINT32_MAX) {
			run = i;
		}
	}
	return run != UINT32_MAX ? pp_range(&unit->blank, run, next) : 0;
}

/* Is the branch being read surely the one a compiler reads (every open group's current
 * branch sure)? A #define there is the build's whatever it says. */
static int pp_sure(const struct pp_state *st)
{
	return st->unsure == 0 && st->depth <= PP_MAX_DEPTH;
}

/* The name after #ifdef / #ifndef / #undef (s[0..n) past the directive): its start and
 * length in *len (0 when none). */
static const char *pp_name(const char *s, size_t n, size_t *len)
{
	size_t i = pp_ws(s, 0, n), a = i;

	while (i < n && scan_ident_byte((unsigned char)s[i]))
		i++;
	*len = i - a;
	return s + a;
}

/* The value of a conditional directive (`if`, `elif`, `ifdef`, `ifndef`, `elifdef`,
 * `elifndef`: d[0..dl)) with the text after it: 1, 0, or -1 unknown (cond.c). */
static int pp_value(const struct scan_unit *unit, const char *d, size_t dl, const char *rest, size_t rn)
{
	size_t nl;
	const char *name;

	if ((dl == 2 && memcmp(d, "if", 2) == 0) || (dl == 4 && memcmp(d, "elif", 4) == 0))
		return scan_pp_cond(&unit->ppnames, rest, rn);
	name = pp_name(rest, rn, &nl);
	if (nl == 0)
		return -1;
	int v = scan_pp_defined(&unit->ppnames, name, nl);
	return v < 0 ? -1 : (dl >= 6 && memcmp(d + dl - 6, "ifndef", 6) == 0) ? !v : v;
}

/* A branch of frame f starts with a condition of value v (1, 0, -1): dead when an earlier
 * branch was surely taken or v is 0, sure when no earlier branch may have been and v is
 * 1. Keeps st->unsure and the count of dead branches. */
static void pp_branch_begin(struct scan_unit *unit, struct pp_state *st, struct pp_frame *f, int v)
{
	int was_unsure = f->nbranch > 0 && !f->sure;   /* the frame's share of st->unsure */

	f->branch_dead = f->taken || v == 0;
	if (f->branch_dead && f->nbranch < 32)
		f->dead_mask |= 1u << f->nbranch;
	f->sure = !f->taken && !f->maybe && v == 1;
	f->taken |= v == 1;
	f->maybe |= v < 0;
	if (f->branch_dead && !f->parent_dead)
		unit->dead_branches++;
	st->unsure += !f->sure - was_unsure;
}

/* How many names a directive takes before its tail is junk (#else, #endif: none; #ifdef,
 * #ifndef, #undef, #elifdef, #elifndef: one), or -1 for the others (whose text is theirs). */
static int pp_tail_takes(const char *d, size_t dl)
{
	static const struct { const char *name; int takes; } forms[] = {
		{ "else", 0 }, { "endif", 0 }, { "ifdef", 1 }, { "ifndef", 1 }, { "undef", 1 },
		{ "elifdef", 1 }, { "elifndef", 1 },
	};
	for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++)
		if (strlen(forms[f].name) == dl && memcmp(forms[f].name, d, dl) == 0)
			return forms[f].takes;
	return -1;
}

/* `!defined NAME` or `! defined ( NAME )` opening an #if condition, followed by nothing
 * or by `||` (`#if !defined CHECKS || defined __DOXYGEN__`): NAME, its length in *len;
 * else NULL. The branch under it is then taken at least whenever NAME is undefined. */
static const char *pp_ndef_cond(const char *s, size_t n, size_t *len)
{
	size_t i = pp_ws(s, 0, n), a, e;
	int paren = 0;

	*len = 0;
	if (i >= n || s[i] != '!')
		return NULL;
	i = pp_ws(s, i + 1, n);
	if (n - i < 7 || memcmp(s + i, "defined", 7) != 0 || (i + 7 < n && scan_ident_byte((unsigned char)s[i + 7])))
		return NULL;
	i = pp_ws(s, i + 7, n);
	if (i < n && s[i] == '(') {
		paren = 1;
		i = pp_ws(s, i + 1, n);
	}
	a = i;
	while (i < n && scan_ident_byte((unsigned char)s[i]))
		i++;
	e = i;
	i = pp_ws(s, i, n);
	if (paren) {
		if (i >= n || s[i] != ')')
			return NULL;
		i = pp_ws(s, i + 1, n);
	}
	if (e == a || (i < n && !(i + 1 < n && s[i] == '|' && s[i + 1] == '|')))
		return NULL;
	*len = e - a;
	return s + a;
}

/* How a #define of the name at the start of s[0..n) is read here: 1 sure (every open
 * branch is the one a compiler reads), 2 a config default (the one branch that is not sure
 * is the first of an `#ifndef NAME` group around it, pp_ndef_cond), 0 unknown. */
static int pp_define_how(const struct pp_state *st, const char *s, size_t n)
{
	if (pp_sure(st))
		return 1;
	if (st->unsure != 1 || st->depth > PP_MAX_DEPTH)
		return 0;
	for (int k = 0; k < st->depth; k++) {
		const struct pp_frame *f = &st->stack[k];
		size_t nl;
		const char *name;
		if (f->sure)
			continue;
		if (!f->ndef || f->nbranch != 1 || f->parent_dead)
			return 0;
		name = pp_name(s, n, &nl);
		return nl == strlen(f->ndef) && memcmp(name, f->ndef, nl) == 0 ? 2 : 0;
	}
	return 0;
}

/* Is text[a..b) a declarator fragment: some code, and none of `;` `{` `}` `=`, a string
 * or a nested directive (comments skipped)? With knr, a `;` may follow the parameter list
 * once it closed: an old-style header and its parameter declarations (`f(a, n)` /
 * `char *a;` / `int n;`). */
static int pp_fragment(const char *t, uint32_t a, uint32_t b, int knr)
{
	int line_start = 1, code = 0, depth = 0, closed = 0;

	for (uint32_t i = a; i < b; i++) {
		char c = t[i];
		if (c == '\n') {
			line_start = 1;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\\')
			continue;
		if (c == '/' && i + 1 < b && t[i + 1] == '*') {
			for (i += 2; i + 1 < b && !(t[i] == '*' && t[i + 1] == '/'); i++)
				;
			if (i + 1 >= b)
				return 0;
			i++;
			continue;
		}
		if (c == '/' && i + 1 < b && t[i + 1] == '/') {
			while (i + 1 < b && t[i + 1] != '\n')
				i++;
			continue;
		}
		depth += c == '(';
		if (c == ')' && --depth == 0)
			closed = 1;
		if ((line_start && c == '#') || (c == ';' && !(knr && closed)) || c == '{' || c == '}' || c == '=' ||
		    c == '"' || c == '\'')
			return 0;
		line_start = 0;
		code = 1;
	}
	return code;
}

/* Skip blanks, newlines and comments from byte i (at most to `end`); with `directives`,
 * whole directive lines too. Returns the first code byte's offset (end when none). */
static uint32_t pp_skip_gap(const char *t, uint32_t i, uint32_t end, int directives)
{
	if (i >= end)
		return end;
	int line_start = i == 0 || t[i - 1] == '\n';

	while (i < end) {
		char c = t[i];
		if (c == '\n') {
			line_start = 1;
			i++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			i++;
		} else if (c == '/' && i + 1 < end && t[i + 1] == '*') {
			for (i += 2; i + 1 < end && !(t[i] == '*' && t[i + 1] == '/'); i++)
				;
			i += 2;
		} else if (c == '/' && i + 1 < end && t[i + 1] == '/') {
			while (i < end && t[i] != '\n')
				i++;
		} else if (c == '#' && line_start && directives) {
			while (i < end && !(t[i] == '\n' && t[i - 1] != '\\'))
				i++;
		} else {
			return i;
		}
	}
	return end;
}

/* Is the first code at or after byte i (blanks, newlines and comments skipped, within
 * 256 bytes) a `{`? */
static int pp_brace_next(const char *t, uint32_t i, uint32_t len)
{
	uint32_t end = len - i > 256 ? i + 256 : len, n = pp_skip_gap(t, i, end, 0);

	return n < end && t[n] == '{';
}

/* A conditional whose branches each hold a declarator fragment of one function
 * definition, the body's `{` right after its #endif (`void *` / `#if !CHECKS` /
 * `pool_get(d)` / `#else` / `pool_get_fn(d, file, line)` / `#endif` / `{`): the parser
 * would read every branch as one declarator and name the function after the last (or
 * lose it, as it cannot read a directive inside a declarator). It gets one branch: the
 * first not dead; the other branches and the directive lines are hidden. Returns 0 or -1
 * (out of memory). The group's ranges: the first branch in f, the others in
 * unit->pending from f->pending_base; the #endif line ends at byte `after`. */
static int pp_fragments(struct scan_unit *unit, struct pp_frame *f, uint32_t after)
{
	const struct scan_bytes *p = unit->pending.data;
	uint32_t n = unit->pending.n - f->pending_base, keep = UINT32_MAX, ks = 0, ke = 0;

	if (f->cxx || f->parent_dead || f->nbranch < 2 || f->nbranch > 32 || n + 1 != f->nbranch ||
	    (uint64_t)after - f->open_at > 4096 || !pp_brace_next(unit->text, after, unit->len))
		return 0;
	for (uint32_t b = 0; b < f->nbranch; b++) {
		uint32_t s0 = b ? p[f->pending_base + b - 1].start : f->first_start;
		uint32_t e0 = b ? p[f->pending_base + b - 1].end : f->first_end;
		/* the first branch a prototype's declarator, a later one may be the old-style
		 * header with its declarations (`#if __STD_C` / `f(Vm_t *vm, size_t n)` / `#else` /
		 * `f(vm, n)` / `Vm_t *vm; size_t n;` / `#endif`) */
		if (!pp_fragment(unit->text, s0, e0, b > 0))
			return 0;
		if (keep == UINT32_MAX && !(f->dead_mask >> b & 1)) {
			keep = b;
			ks = s0;
			ke = e0;
		}
	}
	if (keep == UINT32_MAX)
		return 0;
	if (pp_range(&unit->blank, f->open_at, ks) || pp_range(&unit->blank, ke, after))
		return -1;
	f->unbalanced = 0;
	return 0;
}

/* Start a new head: `fresh` when a declaration may begin here (a macro call standing alone
 * is looked at). */
static void pp_head_reset(struct pp_head *h, int fresh)
{
	h->n = 0;
	h->state = fresh ? PP_H_HEAD : PP_H_SKIP;
	h->fresh = fresh;
	h->stars = 0;
	h->ntrail = 0;
	h->trail_bad = 0;
	h->attr = 0;
	h->group = 0;
}

/* The braces pp_head counts become d (a conditional's branch starts or ends): back at file
 * scope, a new declaration starts. */
static void pp_head_set_depth(struct pp_head *h, int32_t d)
{
	if (h->depth > 0 && d == 0)
		pp_head_reset(h, h->after_fresh);
	h->depth = d;
}

/* A conditional's next branch starts (#elif, #else): the parser reads the first branch, so
 * the braces at its end are kept for the #endif and the next branch starts from the #if's. */
static void pp_head_branch(struct pp_head *h, struct pp_frame *f)
{
	if (f->nbranch == 1)
		f->head_first = h->depth;
	pp_head_set_depth(h, f->head_open);
	/* a declarator written once per branch (pp_fragments) is not an attribute's */
	h->trail_bad = 1;
	h->call = 0;
}

/* One directive line (bytes `at` to `after` in the text): conditionals move the dead and
 * hidden state; the rest become facts. */
static int pp_directive(struct scan_unit *unit, struct pp_state *st, const char *s, size_t n,
                        uint32_t line, uint32_t at, uint32_t after)
{
	size_t i = pp_ws(s, 0, n), k;
	int dead = pp_dead(st);

	if (i < n && s[i] == '#')
		i++;
	i = pp_ws(s, i, n);
	k = i;
	while (i < n && scan_ident_byte((unsigned char)s[i]))
		i++;
	const char *d = s + k;
	size_t dl = i - k;
	const char *rest = s + i;
	size_t rn = n - i;
	int takes = pp_tail_takes(d, dl);
	if (takes >= 0 && pp_tail_hide(unit, at, after, takes))
		return -1;
	/* the directive after an include guard's #ifndef NAME: #define NAME makes the guarded
	 * branch sure (a header is read whole the first time it is included) */
	if (st->directives++ == 1 && st->depth == 1 && st->stack[0].guard) {
		size_t gl;
		const char *g = pp_name(rest, rn, &gl);
		if (dl == 6 && memcmp(d, "define", 6) == 0 && gl == strlen(st->guard_name) &&
		    memcmp(g, st->guard_name, gl) == 0 && !st->stack[0].sure) {
			st->stack[0].sure = 1;
			st->unsure--;
		}
		st->stack[0].guard = 0;
	}
	if ((dl == 2 && memcmp(d, "if", 2) == 0) || (dl == 5 && memcmp(d, "ifdef", 5) == 0) ||
	    (dl == 6 && memcmp(d, "ifndef", 6) == 0)) {
		int v = dead ? -1 : pp_value(unit, d, dl, rest, rn);
		if (st->depth < PP_MAX_DEPTH) {
			struct pp_frame *f = &st->stack[st->depth];
			memset(f, 0, sizeof(*f));
			f->parent_dead = (unsigned char)dead;
			pp_branch_begin(unit, st, f, v);
			f->nbranch = 1;
			/* an include guard: #ifndef NAME first in the file, #define NAME next */
			size_t gl;
			const char *g = pp_name(rest, rn, &gl);
			if (st->directives == 1 && !st->code_before && v < 0 && dl == 6 && gl &&
			    gl < sizeof(st->guard_name)) {
				f->guard = 1;
				memcpy(st->guard_name, g, gl);
				st->guard_name[gl] = '\0';
			}
			f->branch_start = f->first_start = after;
			f->open_at = at;
			f->head_open = f->head_first = st->head.depth;
			f->pending_base = unit->pending.n;
			size_t nl = 0;
			const char *nd = dl == 6 ? pp_name(rest, rn, &nl) : dl == 2 ? pp_ndef_cond(rest, rn, &nl) : NULL;
			if (nd && nl && !dead && !(f->ndef = scan_unit_intern(unit, nd, nl)))
				return -1;
			if (pp_cplusplus(rest, rn))
				f->cxx = dl == 6 ? 2 : 1;   /* #ifndef __cplusplus: the else is C++ */
		}
		st->depth++;
	} else if (dl == 4 && memcmp(d, "elif", 4) == 0) {
		if (st->depth > 0 && st->depth <= PP_MAX_DEPTH) {
			struct pp_frame *f = &st->stack[st->depth - 1];
			int v = f->parent_dead || f->taken ? -1 : pp_value(unit, d, dl, rest, rn);
			if (pp_branch_end(unit, f, at))
				return -1;
			pp_head_branch(&st->head, f);
			pp_branch_begin(unit, st, f, v);
			f->nbranch++;
			f->net = 0;
			f->branch_start = after;
		}
	} else if ((dl == 4 && memcmp(d, "else", 4) == 0) || (dl == 7 && memcmp(d, "elifdef", 7) == 0) ||
	           (dl == 8 && memcmp(d, "elifndef", 8) == 0)) {
		if (st->depth > 0 && st->depth <= PP_MAX_DEPTH) {
			struct pp_frame *f = &st->stack[st->depth - 1];
			int v = dl == 4 ? 1 : f->parent_dead || f->taken ? -1 : pp_value(unit, d, dl, rest, rn);
			if (pp_branch_end(unit, f, at))
				return -1;
			pp_head_branch(&st->head, f);
			pp_branch_begin(unit, st, f, v);
			f->nbranch++;
			f->net = 0;
			f->branch_start = after;
		}
	} else if (dl == 5 && memcmp(d, "endif", 5) == 0) {
		if (st->depth > 0 && st->depth <= PP_MAX_DEPTH) {
			struct pp_frame *f = &st->stack[st->depth - 1];
			if (pp_branch_end(unit, f, at) || pp_fragments(unit, f, after))
				return -1;
			if (f->nbranch > 1 && f->cxx != 1)
				pp_head_set_depth(&st->head, f->head_first);
			/* Unbalanced: the parser gets the first branch only (the directive lines
			 * stay: tree-sitter recovers at them) -- when what is hidden is small (the
			 * `if (a) {` / `if (b) {` shape). A large unbalanced group is left to the
			 * parser's own recovery rather than lose its code. */
			struct scan_bytes *p = unit->pending.data;
			uint32_t hidden_lines = 0;
			for (uint32_t q = f->pending_base; q < unit->pending.n; q++)
				for (uint32_t b = p[q].start; b < p[q].end && hidden_lines <= PP_HIDE_MAX_LINES; b++)
					hidden_lines += unit->text[b] == '\n';
			if (hidden_lines > PP_HIDE_MAX_LINES)
				f->unbalanced = 0;
			for (uint32_t q = f->pending_base; f->unbalanced && q < unit->pending.n; q++)
				if (pp_range(&unit->blank, p[q].start, p[q].end))
					return -1;
			unit->pending.n = f->pending_base;
			if (st->depth >= 2 && f->cxx != 1)
				st->stack[st->depth - 2].net += f->first_net;
			st->unsure -= !f->sure;
		}
		if (st->depth > 0)
			st->depth--;
	} else if (dl == 6 && memcmp(d, "define", 6) == 0) {
		return pp_define(unit, rest, rn, line, dead, pp_define_how(st, rest, rn));
	} else if (dl == 5 && memcmp(d, "undef", 5) == 0) {
		if (!dead)
			return pp_undef(unit, rest, rn, line, pp_sure(st));
	} else if ((dl == 7 && memcmp(d, "include", 7) == 0) || (dl == 12 && memcmp(d, "include_next", 12) == 0) ||
	           (dl == 6 && memcmp(d, "import", 6) == 0)) {
		size_t a = pp_ws(rest, 0, rn), e = rn;
		while (e > a && (rest[e - 1] == ' ' || rest[e - 1] == '\t'))
			e--;
		if (!dead)   /* the header may define what this file left undefined */
			scan_pp_names_forget_undefined(&unit->ppnames);
		if (!dead && unit->reach.hdrs && e > a && e - a < 1024) {
			char tok[1024];
			memcpy(tok, rest + a, e - a);
			tok[e - a] = '\0';
			scan_reach_include(&unit->reach, unit->path, unit->include_dirs, unit->ninclude_dirs, tok);
		}
		if (e > a)
			return scan_unit_evidence(unit, DIG_EV_INCLUDE, rest + a, e - a, line, -1);
	}
	return 0;
}

/* A byte's part in pp_line_code: 0 code that needs nothing more, 1 blank, 2 a byte that may
 * open or close something (a comment, a brace, a string or character constant). */
static const unsigned char pp_byte_cls[256] = {
	[' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\f'] = 1, ['\v'] = 1,
	['/'] = 2, ['{'] = 2, ['}'] = 2, ['"'] = 2, ['\''] = 2,
};

/* Scan one physical line for code outside comments, updating the comment state. Strings
 * and character constants are skipped so that a quoted "/" + "*" opens nothing. Every
 * line of every file passes here, so the fast path is table-driven: inside a comment only
 * the next '*' matters (memchr), outside it only blanks and the bytes of class 2. */
static int pp_line_code(struct pp_state *st, const char *t, uint32_t a, uint32_t b, int *delta)
{
	int code = 0;

	*delta = 0;
	for (uint32_t i = a; i < b; i++) {
		if (st->in_comment) {
			const char *star = memchr(t + i, '*', b - i);
			if (!star)
				break;
			i = (uint32_t)(star - t);
			if (i + 1 < b && t[i + 1] == '/') {
				st->in_comment = 0;
				i++;
			}
			continue;
		}
		char c = t[i];
		unsigned cls = pp_byte_cls[(unsigned char)c];
		if (cls == 1)
			continue;
		if (cls == 0) {
			code = 1;
			continue;
		}
		if (c == '/' && i + 1 < b && t[i + 1] == '*') {
			st->in_comment = 1;
			i++;
			continue;
		}
		if (c == '/' && i + 1 < b && t[i + 1] == '/')
			break;
		code = 1;
		if (c == '{')
			(*delta)++;
		else if (c == '}')
			(*delta)--;
		else if (c == '"' || c == '\'') {
			for (i++; i < b && t[i] != c; i++)
				if (t[i] == '\\')
					i++;
		}
	}
	return code;
}

/* Add a dead line to the sorted range list (lines arrive in increasing order). */
static int pp_mark_dead(struct scan_unit *unit, uint32_t line)
{
	struct scan_range *r = unit->dead.data;

	unit->dead_lines++;
	if (unit->dead.n && r[unit->dead.n - 1].last + 1 == line) {
		r[unit->dead.n - 1].last = line;
		return 0;
	}
	r = scan_vec_push(&unit->dead, sizeof(*r));
	if (!r)
		return -1;
	r->first = r->last = line;
	return 0;
}

/* Forget the command line's earlier definitions of a name (all macros are the command
 * line's while it is read): a later -D or a -U replaces them, as in a compiler. */
static void pp_forget(struct scan_unit *unit, const char *name, size_t n)
{
	struct dig_macro *m = unit->macros.data;
	uint32_t *u = unit->macro_undef.data, kept = 0;

	for (uint32_t k = 0; k < unit->macros.n; k++) {
		if (strlen(m[k].name) == n && memcmp(m[k].name, name, n) == 0)
			continue;
		m[kept] = m[k];
		u[kept++] = u[k];
	}
	unit->macros.n = unit->macro_undef.n = kept;
}

/* The build command's flags (unit->input, --compdb) before the first line: each -D
 * NAME[=VALUE] a macro at line 0 (VALUE 1 when none is given), each -U the end of the
 * name's earlier ones, and each -I folder inside the tree DIG_EV_INCLUDE_DIR evidence at
 * line 0, for the include resolver (model/include.c). */
static int pp_command_line(struct scan_unit *unit)
{
	const struct dig_scan_input *in = unit->input;
	size_t cap = 0;
	char *buf = NULL;
	int rc = 0;

	for (uint32_t i = 0; in && i < in->ndefines && rc == 0; i++) {
		const char *d = in->defines[i] ? in->defines[i] : "";
		int undef = d[0] == '-';
		const char *name = d + undef, *eq = strchr(name, '=');
		size_t nname = strcspn(name, "=(");
		if (nname == 0)
			continue;
		pp_forget(unit, name, nname);
		if (undef) {
			const char *iname = scan_unit_intern(unit, name, nname);
			if (!iname || scan_pp_names_set(&unit->ppnames, iname, SCAN_PP_UNDEFINED, NULL))
				rc = -1;
			continue;
		}
		size_t head = eq ? (size_t)(eq - name) : strlen(name);
		const char *value = eq ? eq + 1 : "1";
		size_t need = head + strlen(value) + 2;
		if (need > cap) {
			char *nb = realloc(buf, need);
			if (!nb) {
				rc = -1;
				break;
			}
			buf = nb;
			cap = need;
		}
		memcpy(buf, name, head);
		buf[head] = ' ';
		strcpy(buf + head + 1, value);
		rc = pp_define(unit, buf, need - 1, 0, 0, 1);
	}
	free(buf);
	for (uint32_t i = 0; i < unit->ninclude_dirs && rc == 0; i++) {
		const char *dir = unit->include_dirs[i];
		struct dig_evidence *ev = scan_vec_push(&unit->evidence, sizeof(*ev));
		if (!ev)
			return -1;
		ev->kind = DIG_EV_INCLUDE_DIR;
		ev->token = scan_unit_intern(unit, dir, strlen(dir));
		ev->text = ev->token;
		ev->func = -1;
		if (!ev->token)
			return -1;
	}
	return rc;
}

/* ---- file-scope declaration heads: the reading (pp_head_line) ---------------------- */

/* The C keywords by their part in a declaration head (the language's words and the standard
 * headers' type names, not a tree's). */
static enum pp_word pp_word_kind(const char *s, size_t n)
{
	static const struct { const char *w; unsigned char len, kind; } kw[] = {
#define PP_KW(w, k) { w, sizeof(w) - 1, k }
		PP_KW("void", PP_W_TYPE), PP_KW("char", PP_W_TYPE), PP_KW("short", PP_W_TYPE),
		PP_KW("int", PP_W_TYPE), PP_KW("long", PP_W_TYPE), PP_KW("float", PP_W_TYPE),
		PP_KW("double", PP_W_TYPE), PP_KW("signed", PP_W_TYPE), PP_KW("unsigned", PP_W_TYPE),
		PP_KW("_Bool", PP_W_TYPE), PP_KW("_Complex", PP_W_TYPE), PP_KW("__signed__", PP_W_TYPE),
		PP_KW("__signed", PP_W_TYPE), PP_KW("__int128", PP_W_TYPE),
		/* the standard headers' types, which the grammar reads as keywords too */
		PP_KW("size_t", PP_W_TYPE), PP_KW("ssize_t", PP_W_TYPE), PP_KW("ptrdiff_t", PP_W_TYPE),
		PP_KW("intptr_t", PP_W_TYPE), PP_KW("uintptr_t", PP_W_TYPE), PP_KW("int8_t", PP_W_TYPE),
		PP_KW("int16_t", PP_W_TYPE), PP_KW("int32_t", PP_W_TYPE), PP_KW("int64_t", PP_W_TYPE),
		PP_KW("uint8_t", PP_W_TYPE), PP_KW("uint16_t", PP_W_TYPE), PP_KW("uint32_t", PP_W_TYPE),
		PP_KW("uint64_t", PP_W_TYPE), PP_KW("bool", PP_W_TYPE),
		PP_KW("struct", PP_W_TAG), PP_KW("union", PP_W_TAG), PP_KW("enum", PP_W_TAG),
		PP_KW("static", PP_W_SPEC), PP_KW("extern", PP_W_SPEC), PP_KW("inline", PP_W_SPEC),
		PP_KW("const", PP_W_SPEC), PP_KW("volatile", PP_W_SPEC), PP_KW("register", PP_W_SPEC),
		PP_KW("auto", PP_W_SPEC), PP_KW("typedef", PP_W_SPEC), PP_KW("restrict", PP_W_SPEC),
		PP_KW("_Noreturn", PP_W_SPEC), PP_KW("_Thread_local", PP_W_SPEC), PP_KW("__inline", PP_W_SPEC),
		PP_KW("__inline__", PP_W_SPEC), PP_KW("__const", PP_W_SPEC), PP_KW("__const__", PP_W_SPEC),
		PP_KW("__volatile", PP_W_SPEC), PP_KW("__volatile__", PP_W_SPEC), PP_KW("__restrict", PP_W_SPEC),
		PP_KW("__restrict__", PP_W_SPEC), PP_KW("__extension__", PP_W_SPEC), PP_KW("_Atomic", PP_W_SPEC),
		PP_KW("__thread", PP_W_SPEC),
		PP_KW("__attribute__", PP_W_ATTR), PP_KW("__attribute", PP_W_ATTR), PP_KW("__declspec", PP_W_ATTR),
		PP_KW("__asm__", PP_W_ATTR), PP_KW("__asm", PP_W_ATTR), PP_KW("asm", PP_W_ATTR),
		PP_KW("_Alignas", PP_W_ATTR), PP_KW("__typeof__", PP_W_ATTR), PP_KW("__typeof", PP_W_ATTR),
		PP_KW("typeof", PP_W_ATTR),
		PP_KW("if", PP_W_OTHER), PP_KW("else", PP_W_OTHER), PP_KW("while", PP_W_OTHER),
		PP_KW("for", PP_W_OTHER), PP_KW("do", PP_W_OTHER), PP_KW("switch", PP_W_OTHER),
		PP_KW("case", PP_W_OTHER), PP_KW("default", PP_W_OTHER), PP_KW("return", PP_W_OTHER),
		PP_KW("goto", PP_W_OTHER), PP_KW("break", PP_W_OTHER), PP_KW("continue", PP_W_OTHER),
		PP_KW("sizeof", PP_W_OTHER),
#undef PP_KW
	};

	if (n < 2 || n > 13)
		return PP_W_IDENT;
	for (size_t k = 0; k < sizeof(kw) / sizeof(kw[0]); k++)
		if (kw[k].len == n && kw[k].w[0] == s[0] && memcmp(kw[k].w, s, n) == 0)
			return (enum pp_word)kw[k].kind;
	return PP_W_IDENT;
}

/* The end of a parenthesised group opening at t[i] == '(' (the byte after its `)`), within
 * `end`; 0 when it does not close there or holds a `;`, `{` or `}` (not one call's
 * arguments). Strings and character constants are skipped; *plain is 1 when the group
 * holds only identifiers (no keyword) each after a comma (an old-style definition's
 * parameter names could). */
static uint32_t pp_group_end(const char *t, uint32_t i, uint32_t end, int *plain)
{
	int depth = 0, word = 0;         /* a word came last (a second one needs a `,` first) */

	*plain = 1;
	for (; i < end; i++) {
		char c = t[i];
		if (scan_ident_byte((unsigned char)c)) {
			uint32_t e = i;
			while (e < end && scan_ident_byte((unsigned char)t[e]))
				e++;
			*plain &= !word && pp_word_kind(t + i, e - i) == PP_W_IDENT && !(c >= '0' && c <= '9');
			word = 1;
			i = e - 1;
			continue;
		}
		word &= c != ',';
		if (c == '(') {
			*plain &= depth == 0;
			depth++;
		} else if (c == ')') {
			if (--depth == 0)
				return i + 1;
		} else if (c == ';' || c == '{' || c == '}') {
			return 0;
		} else if (c == '"' || c == '\'') {
			*plain = 0;
			for (i++; i < end && t[i] != c && t[i] != '\n'; i++)
				if (t[i] == '\\')
					i++;
		} else if (c == '/' && i + 1 < end && t[i + 1] == '*') {
			for (i += 2; i + 1 < end && !(t[i] == '*' && t[i + 1] == '/'); i++)
				;
			i++;
		} else if (!scan_ident_byte((unsigned char)c) && c != ',' && c != ' ' && c != '\t' && c != '\n' &&
		           c != '\r' && c != '\\') {
			*plain = 0;
		}
	}
	return 0;
}

/* A word from byte i: its end, or i when none. */
static uint32_t pp_word_end(const char *t, uint32_t i, uint32_t end)
{
	if (i < end && scan_ident_byte((unsigned char)t[i]) && !(t[i] >= '0' && t[i] <= '9'))
		while (i < end && scan_ident_byte((unsigned char)t[i]))
			i++;
	return i;
}

/* Is the code from byte i an old-style definition's rest: zero or more declarations, each
 * starting with a word (a plain one followed by `(` only as `(*`), ended by `;` and holding
 * no `=` and no braces but a struct's (the last may be one word: `va_dcl`), then the
 * body's `{`? (`f(a, n)` / `char *a;` / `{`: the line before was the definition's header,
 * not a macro call.) Looks at most 2048 bytes ahead. */
static int pp_knr_rest(const char *t, uint32_t i, uint32_t len)
{
	uint32_t end = len - i > 2048 ? i + 2048 : len;
	int pieces = 0;

	for (i = pp_skip_gap(t, i, end, 1); i < end && pieces <= 32; i = pp_skip_gap(t, i, end, 1)) {
		if (t[i] == '{')
			return 1;
		uint32_t we = pp_word_end(t, i, end), g = pp_skip_gap(t, we, end, 1);
		if (we == i)
			return 0;
		if (g < end && t[g] == '{' && pp_word_kind(t + i, we - i) == PP_W_IDENT)
			return 1;            /* a last declaration macro: `va_dcl` */
		if (g < end && t[g] == '(' && pp_word_kind(t + i, we - i) == PP_W_IDENT) {
			uint32_t g2 = pp_skip_gap(t, g + 1, end, 0);
			if (g2 >= end || t[g2] != '*')
				return 0;    /* a declaration starts with its type, not `f(` */
		}
		int tagged = 0, depth = 0;    /* `struct args { char *name; } *uap;` */
		while (i < end && (t[i] != ';' || depth > 0)) {
			uint32_t w = pp_word_end(t, i, end);
			if (w > i) {
				tagged |= pp_word_kind(t + i, w - i) == PP_W_TAG;
				i = w;
				continue;
			}
			if ((t[i] == '{' && !tagged) || (t[i] == '}' && depth == 0) || t[i] == '=' || t[i] == '"' ||
			    t[i] == '#')
				return 0;
			depth += (t[i] == '{') - (t[i] == '}');
			i++;
		}
		if (i >= end)
			return 0;        /* no `;` before the look-ahead's end */
		i++;
		pieces++;
	}
	return 0;
}

/* Does t[a..b) (blanks, comments and directives) hold an #else or #elif line? */
static int pp_crosses_else(const char *t, uint32_t a, uint32_t b)
{
	for (uint32_t i = a; i < b; i++) {
		if (t[i] != '#' || (i > 0 && t[i - 1] != '\n' && t[i - 1] != ' ' && t[i - 1] != '\t'))
			continue;
		uint32_t d = i + 1;
		while (d < b && (t[d] == ' ' || t[d] == '\t'))
			d++;
		if (d + 1 < b && t[d] == 'e' && t[d + 1] == 'l')
			return 1;
	}
	return 0;
}

#define PP_CALL_HOPS 4               /* standalone call lines looked through in a row */

/* A macro call standing alone at file scope (`libc_hidden_def(f)`, `EXPORT_SYMBOL(f)`,
 * `__weak_alias(a, b)`): the call's name t[a..) and its group end at byte e, the rest of
 * its line blank, the declaration before it closed. Is it a whole declaration, to hide
 * from the parser (which would read it as the start of the next one, losing or misnaming
 * the definition after it)? The macro's definition decides when this file has one: a body
 * that is empty or ends in `;` or `}` is a whole declaration; any other body is part of one
 * (a type, a header: `DEFINE_FN(n)` / `{`). With no definition here (a header's, or the
 * build's), the code after it decides: the start of another declaration (a declaration
 * keyword, or a name followed by a name or `*`: a type and its declarator), another such
 * call or an old-style definition's header (`f(a)` / `char *a;` / `{`), the file's end or
 * a `}` mean it stood alone; a `{`, `;`, `,`, `=`, `[` next, or an old-style definition's
 * parameter declarations and body after it mean it was no macro call but that header. */
static int pp_call_alone(const struct scan_unit *unit, uint32_t a, uint32_t e, int plain, uint32_t line,
                         int hops)
{
	const char *t = unit->text;
	uint32_t len = unit->len, ne = pp_word_end(t, a, len);
	const struct dig_macro *m = scan_unit_macro(unit, t + a, ne - a, line, 0);

	if (m && m->function_like && m->body && strlen(m->body) < SCAN_BODY_MAX - 1) {   /* not cut */
		const char *b = m->body;
		size_t bl = strlen(b), be = pp_word_end(b, 0, (uint32_t)bl);
		int bplain;
		while (bl > 0 && (b[bl - 1] == ' ' || b[bl - 1] == '\t'))
			bl--;
		if (bl == 0 || b[bl - 1] == ';' || b[bl - 1] == '}')
			return 1;
		be = pp_skip_gap(b, (uint32_t)be, (uint32_t)bl, 0);
		/* a body that is one more call (`hidden_def (name)`): the shape decides */
		if (!(be > 0 && be < bl && b[be] == '(' && pp_group_end(b, (uint32_t)be, (uint32_t)bl, &bplain) == bl))
			return 0;
	}
	if (plain && pp_knr_rest(t, e, len))
		return 0;
	uint32_t n = pp_skip_gap(t, e, len, 1);
	if (pp_crosses_else(t, e, n))
		return 0;                    /* what follows is another branch's, not the next */
	if (n >= len || t[n] == '}')
		return 1;
	uint32_t we = pp_word_end(t, n, len);
	if (we == n)
		return 0;
	enum pp_word k = pp_word_kind(t + n, we - n);
	if (k == PP_W_TYPE || k == PP_W_TAG || k == PP_W_SPEC || k == PP_W_ATTR)
		return 1;
	if (k == PP_W_OTHER)
		return 0;
	uint32_t after = pp_skip_gap(t, we, len, 1);
	if (pp_crosses_else(t, we, after))
		return 0;
	if (after < len && (t[after] == '*' || pp_word_end(t, after, len) > after))
		return 1;
	if (after >= len || t[after] != '(' || hops >= PP_CALL_HOPS)
		return 0;
	/* another call line: this one stood alone when that one does */
	int plain2;
	uint32_t e2 = pp_group_end(t, after, len - after > 4096 ? after + 4096 : len, &plain2);
	if (!e2)
		return 0;
	uint32_t eol = e2;
	while (eol < len && (t[eol] == ' ' || t[eol] == '\t' || t[eol] == '\r'))
		eol++;
	if (eol < len && t[eol] != '\n')
		return 0;
	if (plain2 && pp_knr_rest(t, e2, len))
		return 1;                    /* an old-style definition's header follows */
	uint32_t line2 = line;
	for (uint32_t q = e; q < n; q++)
		line2 += t[q] == '\n';
	return pp_call_alone(unit, n, e2, plain2, line2, hops + 1);
}

/* Is the rest of the line from byte i blank (comments allowed)? */
static int pp_rest_blank(const char *t, uint32_t i, uint32_t len)
{
	uint32_t n = pp_skip_gap(t, i, len, 0);

	for (; i < n; i++)
		if (t[i] == '\n')
			return 1;
	return n >= len;
}

/* How this file defines a head's word: 1 as the type (an object-like macro whose body
 * starts with a type keyword or tag: `#define UINT unsigned int`), 0 as anything else (an
 * attribute, a storage class, nothing), -1 not at all. */
static int pp_word_macro(const struct scan_unit *unit, const struct pp_head_word *w, uint32_t line)
{
	const struct dig_macro *m = scan_unit_macro(unit, unit->text + w->start, w->name_end - w->start, line, 1);

	if (!m || !m->body || m->function_like)
		return -1;
	uint32_t e = pp_word_end(m->body, 0, (uint32_t)strlen(m->body));
	enum pp_word k = e > 0 ? pp_word_kind(m->body, e) : PP_W_IDENT;
	return k == PP_W_TYPE || k == PP_W_TAG;
}

/* Does a macro body stand for an attribute, a storage word or nothing: empty, opening with
 * an attribute or storage keyword, or one word that is itself such a macro of the headers
 * reached (`#define RTL_API __DLLIMPORT`, `#define __DLLIMPORT __attribute__ (...)`),
 * PP_ATTR_DEPTH levels at most? ctx points at the levels left. */
#define PP_ATTR_DEPTH 4
struct pp_attr_ctx {
	const struct scan_unit *unit;
	int left;
};

static int pp_attr_body(void *ctx, const char *body)
{
	struct pp_attr_ctx *c = ctx;
	uint32_t n = (uint32_t)strlen(body), i = pp_skip_gap(body, 0, n, 0), e = pp_word_end(body, i, n);
	enum pp_word k;

	if (i >= n)
		return 1;
	if (e == i)
		return 0;
	k = pp_word_kind(body + i, e - i);
	if (k == PP_W_ATTR || k == PP_W_SPEC)
		return 1;
	if (k != PP_W_IDENT || c->left <= 0 || pp_skip_gap(body, e, n, 0) < n)
		return 0;
	struct pp_attr_ctx next = { c->unit, c->left - 1 };
	return scan_hdr_bodies(&c->unit->reach, body + i, e - i, pp_attr_body, &next) == 1;
}

/* Is a head's plain word an attribute macro of the headers this file reached so far, not
 * one this file defines (pp_word_macro decides those): `RTL_API` / `PVOID` / `f (...)`,
 * where the first plain word is no type. */
static int pp_word_attr(const struct scan_unit *unit, const struct pp_head_word *w, uint32_t line)
{
	struct pp_attr_ctx c = { unit, PP_ATTR_DEPTH };

	if (pp_word_macro(unit, w, line) != -1)
		return 0;
	return scan_hdr_bodies(&unit->reach, unit->text + w->start, w->name_end - w->start, pp_attr_body, &c) == 1;
}

/* An attribute-like word of a declaration head (`extern int weak_function f(void)`,
 * `parser_t * FAST_FUNC open(...)`, `static inline __always_inline void *g(...)`): hidden
 * unless this file defines it as the type. */
static int pp_hide_word(struct scan_unit *unit, const struct pp_head_word *w, uint32_t line)
{
	return pp_word_macro(unit, w, line) == 1 ? 0 : pp_range(&unit->blank, w->start, w->end);
}

/* The head's declarator name came with its `(`: hide the words of the head around the type
 * that cannot be part of it. A word after a `*` is a qualifier's place; with a type keyword
 * (or a struct/union/enum tag) in the head, every other plain word is in excess. Plain
 * words alone (`static bool_t internal_function f(...)`) the parser reads well as a type
 * and an attribute, except when a blank parts the name from its `(` (`f (...)`: then it
 * names the function after the word before it): there the first of the plain words
 * before the name with no keyword between them is the type (the one this file defines
 * as a type, if any) and the others are hidden. Sets h->typed: the head has a type. */
static int pp_head_spec(struct scan_unit *unit, struct pp_head *h, uint32_t line, int spaced)
{
	int typed = 0, plain = 0, type_at = -1, attr_at = -2;

	for (int i = 0; i + 1 < h->n; i++) {
		const struct pp_head_word *w = &h->w[i];
		typed |= w->kind == PP_W_TYPE || w->kind == PP_W_TAG;
		if (w->kind != PP_W_IDENT && w->kind != PP_W_ATTR)
			type_at = -1;          /* a keyword parts the run of plain words */
		if (w->kind == PP_W_IDENT && !w->stars && !(i > 0 && h->w[i - 1].kind == PP_W_TAG)) {
			plain++;
			if (type_at < 0 || (pp_word_macro(unit, w, line) == 1 && pp_word_macro(unit, &h->w[type_at], line) != 1) ||
			    (spaced && attr_at == type_at))
				type_at = i;
			/* an attribute macro of the headers is never the type (`RTL_API` / `PVOID` /
			 * `f (...)`): the next plain word is */
			if (spaced && type_at == i && pp_word_attr(unit, w, line))
				attr_at = i;
		}
	}
	for (int i = 0; i + 1 < h->n; i++) {
		const struct pp_head_word *w = &h->w[i];
		if (w->kind != PP_W_IDENT || (i > 0 && h->w[i - 1].kind == PP_W_TAG))
			continue;
		if ((typed || w->stars || (spaced && type_at >= 0 && i > type_at) ||
		     (spaced && i < type_at && pp_word_attr(unit, w, line))) &&
		    pp_hide_word(unit, w, line))
			return -1;
	}
	h->typed = typed || plain > 0;
	return 0;
}

/* Keep a hidden macro call t[a..e) (its `)` on line `line`) as the file-scope call the
 * parser would have read had a `;` followed it (scan_pp_calls adds it after the walk). */
static int pp_hidden_call(struct scan_unit *unit, uint32_t a, uint32_t e, uint32_t line)
{
	const char *t = unit->text;
	uint32_t ne = pp_word_end(t, a, e), open = pp_skip_gap(t, ne, e, 0), col = 1, depth = 0;
	int16_t nargs = 0;
	struct dig_call *c = scan_vec_push(&unit->ppcalls, sizeof(*c));

	if (!c)
		return -1;
	memset(c, 0, sizeof(*c));
	for (uint32_t q = a; q < e; q++)
		line -= t[q] == '\n';
	while (col <= a && t[a - col] != '\n')
		col++;
	c->line = line;
	c->col = col;
	c->func = -1;
	c->kind = DIG_CALL_DIRECT;
	c->written = scan_unit_intern(unit, t + a, ne - a);
	c->callee = scan_unit_rename(unit, t + a, ne - a, line, 0, &c->via_macro);
	if (!c->callee)
		c->callee = c->written;
	if (pp_skip_gap(t, open + 1, e, 0) + 1 < e)
		nargs = 1;
	for (uint32_t q = open + 1; q + 1 < e && nargs < INT16_MAX; q++) {
		depth += t[q] == '(';
		depth -= t[q] == ')' && depth > 0;
		if (t[q] == '"' || t[q] == '\'')
			for (char qc = t[q++]; q + 1 < e && t[q] != qc; q++)
				q += t[q] == '\\';
		nargs += t[q] == ',' && depth == 0;
	}
	c->nargs = nargs;
	c->args = scan_unit_fold(unit, t + open + 1, e - open - 2, SCAN_ARGS_MAX);
	return c->written && c->args ? 0 : -1;
}

/* The head's declarator `(` closed at byte i (its `)`): a call standing alone is hidden
 * (pp_call_alone), else the words after it are read as the declaration's trailing
 * attributes. */
static int pp_head_close(struct scan_unit *unit, struct pp_head *h, uint32_t i, uint32_t line)
{
	const char *t = unit->text;

	if (h->call && pp_rest_blank(t, i + 1, unit->len) &&
	    pp_call_alone(unit, h->call_name, i + 1, h->call_plain, line, 0)) {
		pp_head_reset(h, 1);
		return pp_range(&unit->blank, h->call_at, i + 1) || pp_hidden_call(unit, h->call_name, i + 1, line);
	}
	h->state = PP_H_TRAIL;
	h->call = 0;
	h->decl_at = h->w[h->n - 1].start;
	h->decl_end = i + 1;
	h->decl_lit = h->group_lit;
	return 0;
}

/* A `;` ends the head: trailing words after a prototype's parameters (`int f(void *)
 * attribute_hidden;`, `... __THROW __nonnull ((1));`) are hidden when the head had a type
 * and what follows is not an old-style definition's body (`f(a)` / `foo_t a;` / `{`). */
static int pp_head_semicolon(struct scan_unit *unit, struct pp_head *h, uint32_t i, uint32_t line)
{
	int rc = 0;

	if (h->state == PP_H_TRAIL && h->ntrail > 0 && !h->trail_bad && h->typed &&
	    !pp_knr_rest(unit->text, i + 1, unit->len))
		for (int k = 0; k < h->ntrail && rc == 0; k++)
			rc = pp_hide_word(unit, &h->trail[k], line);
	pp_head_reset(h, 1);
	return rc;
}

/* Is the word t[a..e) `__attribute__`, `__attribute` or `__declspec`? */
static int pp_attr_word(const char *t, uint32_t a, uint32_t e)
{
	return pp_word_kind(t + a, e - a) == PP_W_ATTR && t[a] == '_' && (t[a + 2] == 'a' || t[a + 2] == 'd');
}

/* Hide an attribute word at byte a with its group, whose `(` is at byte g (read at most 4 KiB
 * of it). Returns 0 or -1 (out of memory). */
static int pp_hide_attr(struct scan_unit *unit, uint32_t a, uint32_t g)
{
	int plain;
	uint32_t end = pp_group_end(unit->text, g, unit->len - g > 4096 ? g + 4096 : unit->len, &plain);
	return end ? pp_range(&unit->blank, a, end) : 0;
}

/* An attribute t[a..e) in a parameter list: after a `*` (where the grammar reads none) it
 * is hidden with its group. Returns 0 or -1 (out of memory). */
static int pp_star_attr(struct scan_unit *unit, uint32_t a, uint32_t e)
{
	const char *t = unit->text;
	uint32_t p = a, g;

	if (!pp_attr_word(t, a, e))
		return 0;
	while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t' || t[p - 1] == '\n' || t[p - 1] == '\r'))
		p--;
	g = pp_skip_gap(t, e, unit->len, 0);
	if (p == 0 || t[p - 1] != '*' || g >= unit->len || t[g] != '(')
		return 0;
	return pp_hide_attr(unit, a, g);
}

/* A word of the head at bytes [a, e) (not inside a group). */
static void pp_head_word(struct pp_head *h, uint32_t a, uint32_t e)
{
	enum pp_word k = pp_word_kind(h->text + a, e - a);

	if (k == PP_W_ATTR) {
		h->attr = 1;                 /* its group is skipped */
		/* `void * __attribute__((used)) f(...)`, `T *__declspec(restrict) f(...)`: the
		 * grammar takes no attribute between a `*` and its declarator, and would name
		 * the definition `__attribute__`; its group is hidden (pp_head_paren) */
		h->attr_hide = h->state == PP_H_HEAD && h->stars > 0 && pp_attr_word(h->text, a, e);
		h->attr_at = a;
		return;
	}
	if (h->state == PP_H_TRAIL) {
		if (k != PP_W_IDENT || h->ntrail == PP_HEAD_TRAIL)
			h->trail_bad = 1;
		else
			h->trail[h->ntrail++] = (struct pp_head_word){ a, e, e, (unsigned char)k, 0 };
		return;
	}
	if (k == PP_W_OTHER || h->n == PP_HEAD_WORDS) {
		pp_head_reset(h, 0);
		return;
	}
	h->w[h->n++] = (struct pp_head_word){ a, e, e, (unsigned char)k, (unsigned char)(h->stars > 0) };
}

/* A `(` of the head at byte i. */
static int pp_head_paren(struct scan_unit *unit, struct pp_head *h, uint32_t i, uint32_t line)
{
	int attr = h->attr;

	h->attr = 0;
	h->group = 1;
	h->group_kind = PP_G_SKIP;
	if (attr && h->attr_hide)
		return pp_hide_attr(unit, h->attr_at, i);
	if (attr)
		return 0;
	if (h->state == PP_H_TRAIL) {
		/* a trailing macro's arguments (`__nonnull ((1))`) belong to it */
		if (h->ntrail > 0 && pp_skip_gap(h->text, h->trail[h->ntrail - 1].end, i, 0) == i)
			h->group_kind = PP_G_TRAIL;
		else
			h->trail_bad = 1;
		return 0;
	}
	if (h->n == 0 || h->w[h->n - 1].kind != PP_W_IDENT || (h->n > 1 && h->w[h->n - 2].kind == PP_W_TAG)) {
		pp_head_reset(h, 0);            /* `void (*f)(void)`, `(` first: not read */
		h->group = 1;
		return 0;
	}
	h->group_kind = PP_G_PARAMS;
	/* `NAME(...)` or `static NAME(...)` opening a declaration: a call that may stand alone */
	h->call = h->fresh && h->stars == 0;
	for (int k = 0; k + 1 < h->n; k++)
		h->call &= h->w[k].kind == PP_W_SPEC;
	h->call_at = h->w[0].start;
	h->call_name = h->w[h->n - 1].start;
	h->call_plain = 1;
	h->call_word = 0;
	h->group_lit = 0;
	/* `malloc __P((size_t))`, `__NTH (f (int a))`: the word is a macro around the
	 * parameters or the declarator, the head's last plain word before it is the name */
	uint32_t g = pp_skip_gap(h->text, i + 1, unit->len, 0), ge = pp_word_end(h->text, g, unit->len);
	if (g < unit->len && (h->text[g] == '(' ||
	                      (ge > g && pp_skip_gap(h->text, ge, unit->len, 0) < unit->len &&
	                       h->text[pp_skip_gap(h->text, ge, unit->len, 0)] == '('))) {
		h->typed = h->n >= 2;
		return 0;
	}
	return pp_head_spec(unit, h, line, h->w[h->n - 1].end < i);
}

/* After a `}` back at file scope that did not close a body: does a new declaration start
 * (not declarators of the one the braces were in: `} name;`, `} *p, q[2];`, `};`)? */
static int pp_decl_after(const char *t, uint32_t i, uint32_t len)
{
	uint32_t end = len - i > 1024 ? i + 1024 : len;
	uint32_t n = pp_skip_gap(t, i, end, 1), we = pp_word_end(t, n, end);

	if (n >= end)
		return 1;
	if (we == n)
		return t[n] != ';' && t[n] != ',' && t[n] != '=' && t[n] != '[' && t[n] != '*' && t[n] != ')';
	if (pp_word_kind(t + n, we - n) == PP_W_ATTR)
		return 0;
	uint32_t g = pp_skip_gap(t, we, end, 1);
	return g < end && t[g] != ';' && t[g] != ',' && t[g] != '=' && t[g] != '[' && t[g] != ')' && t[g] != ':';
}

/* The plain words before a head's tag (`static WSD struct g {`): hidden (pp_hide_word) when
 * every word before the tag is a storage word or a plain word and the tag's name, if any,
 * is the head's last word. */
static int pp_head_tag_words(struct scan_unit *unit, struct pp_head *h, uint32_t line)
{
	int at = 0, plain = 0;

	while (at < h->n && h->w[at].kind != PP_W_TAG) {
		if (h->w[at].kind != PP_W_SPEC && h->w[at].kind != PP_W_IDENT)
			return 0;
		plain += h->w[at].kind == PP_W_IDENT;
		at++;
	}
	if (!plain || at >= h->n || h->n - at > 2)
		return 0;
	for (int k = 0; k < at; k++)
		if (h->w[k].kind == PP_W_IDENT && pp_hide_word(unit, &h->w[k], line))
			return -1;
	return 0;
}

/* A `{` at file scope: the braces open; what follows their `}` is a new declaration after
 * a function's body, and the rest of one after a struct's or an initializer's. */
static int pp_head_brace(struct scan_unit *unit, struct pp_head *h, uint32_t line)
{
	int tag = 0, rc = 0;

	/* `int` / `attribute_optimize("Os")` / `f(int a)` / `{`: when the first `(` held no
	 * parameter list (a string, a number) and the head had its type before it, the last
	 * word with arguments is the declarator and the macro call and words before it are
	 * attributes. (With no type before it, the call is the type: `APR_DECLARE(int) f(...)`;
	 * with a parameter list first, the words after it are annotations: `f(struct sb *c)` /
	 * `__must_hold(&c->lock)` / `{`.) */
	if (h->state == PP_H_TRAIL && h->ntrail > 0 && !h->trail_bad && h->typed && h->decl_lit &&
	    h->trail[h->ntrail - 1].end > h->trail[h->ntrail - 1].name_end) {
		rc = pp_range(&unit->blank, h->decl_at, h->decl_end);
		for (int k = 0; k + 1 < h->ntrail && rc == 0; k++)
			rc = pp_hide_word(unit, &h->trail[k], line);
	}

	for (int k = 0; k < h->n; k++)
		tag |= h->w[k].kind == PP_W_TAG;
	/* `static SQLITE_WSD struct g {` / `EXPORT union u {`: a plain word in front of the tag
	 * of a struct's body cannot be part of its type; the parser would read it as the type
	 * and lose the variables the braces declare. Hidden as pp_head_spec hides it, when the
	 * words before the tag are storage words and such plain words only. */
	if (tag && h->state == PP_H_HEAD && h->fresh && h->stars == 0 && rc == 0)
		rc = pp_head_tag_words(unit, h, line);
	h->after_fresh = h->state == PP_H_TRAIL || (h->state == PP_H_HEAD && !tag);
	h->depth = 1;
	return rc;
}

/* Read one line's bytes [a, b) at file scope (or the line whose `}` comes back to it):
 * the declaration heads' words, groups and braces, with comments and strings skipped
 * (in_comment: the line starts inside a block comment). Returns 0 or -1 (out of memory). */
static int pp_head_line(struct scan_unit *unit, struct pp_head *h, uint32_t a, uint32_t b, int in_comment,
                        uint32_t line)
{
	const char *t = unit->text;

	h->text = t;
	for (uint32_t i = a; i < b; i++) {
		char c = t[i];
		if (in_comment) {
			const char *star = memchr(t + i, '*', b - i);
			if (!star)
				break;
			i = (uint32_t)(star - t);
			if (i + 1 < b && t[i + 1] == '/') {
				in_comment = 0;
				i++;
			}
			continue;
		}
		if (c == '/' && i + 1 < b && (t[i + 1] == '*' || t[i + 1] == '/')) {
			if (t[i + 1] == '/')
				break;
			in_comment = 1;
			i++;
			continue;
		}
		if (c == '"' || c == '\'') {
			for (i++; i < b && t[i] != c; i++)
				if (t[i] == '\\')
					i++;
			if (h->group) {
				h->call_plain = 0;
				h->group_lit = 1;
			} else if (!h->depth && h->state != PP_H_SKIP) {
				pp_head_reset(h, 0);   /* `extern "C"`, a string where a head was */
			}
			continue;
		}
		if (h->depth > 0) {
			h->depth += (c == '{') - (c == '}');
			if (h->depth == 0)
				pp_head_reset(h, h->after_fresh || pp_decl_after(t, i + 1, unit->len));
			continue;
		}
		if (h->group && c != ';' && c != '{' && c != '}') {
			if (scan_ident_byte((unsigned char)c)) {
				uint32_t e = pp_word_end(t, i, b);
				/* a parameter's `void * __attribute__((unused)) p`: hidden as in the head */
				if (h->group_kind == PP_G_PARAMS && pp_star_attr(unit, i, e) < 0)
					return -1;
				h->call_plain &= !h->call_word && e > i && pp_word_kind(t + i, e - i) == PP_W_IDENT;
				h->group_lit |= e == i;      /* a number */
				h->call_word = 1;
				i = (e > i ? e : i + 1) - 1;
				continue;
			}
			h->call_word &= c != ',';
			if (c == '(') {
				h->group++;
				h->call_plain = 0;
			} else if (c == ')' && --h->group == 0) {
				if (h->group_kind == PP_G_PARAMS && pp_head_close(unit, h, i, line))
					return -1;
				if (h->group_kind == PP_G_TRAIL)
					h->trail[h->ntrail - 1].end = i + 1;
			} else if (!scan_ident_byte((unsigned char)c) && c != ',' && c != ' ' && c != '\t' && c != '\r') {
				h->call_plain = 0;
			}
			continue;
		}
		h->group = 0;
		if (scan_ident_byte((unsigned char)c) && !(c >= '0' && c <= '9')) {
			uint32_t e = pp_word_end(t, i, b);
			if (h->state != PP_H_SKIP)
				pp_head_word(h, i, e);
			i = e - 1;
		} else if (c == '(') {
			if (h->state != PP_H_SKIP && pp_head_paren(unit, h, i, line))
				return -1;
		} else if (c == ';') {
			if (pp_head_semicolon(unit, h, i, line))
				return -1;
		} else if (c == '{') {
			if (pp_head_brace(unit, h, line))
				return -1;
		} else if (c == '}') {
			pp_head_reset(h, 1);
		} else if (c == '*' && h->state == PP_H_HEAD) {
			h->stars++;
		} else if (c == '*' && h->state == PP_H_TRAIL) {
			h->trail_bad = 1;
		} else if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v' && c != '\\' &&
		           h->state != PP_H_SKIP) {
			pp_head_reset(h, 0);        /* `,` `=` `[` `:` a number: not a head's */
		}
	}
	return 0;
}

/* Is the line in a C++-only branch (hidden: not read for declaration heads)? */
static int pp_in_cxx(const struct pp_state *st)
{
	int d = st->depth > PP_MAX_DEPTH ? PP_MAX_DEPTH : st->depth;

	for (int k = 0; k < d; k++)
		if ((st->stack[k].cxx == 1 && st->stack[k].nbranch == 1) || (st->stack[k].cxx == 2 && st->stack[k].nbranch > 1))
			return 1;
	return 0;
}

/* The pass: one walk over the physical lines. */
int scan_pp_run(struct scan_unit *unit)
{
	static struct pp_state zero;
	struct pp_state st = zero;
	const char *t = unit->text;
	uint32_t len = unit->len, pos = 0, line = 0, cont_end = 0;
	uint32_t *lp0 = scan_vec_push(&unit->loc_prefix, sizeof(*lp0));   /* line 0: none */

	scan_pp_names_reset(&unit->ppnames);
	unit->ppnames.reach = &unit->reach;
	st.head.fresh = 1;
	if (!lp0 || scan_reach_begin(&unit->reach, unit->hdrs) || pp_command_line(unit))
		return -1;

	while (pos < len) {
		const char *nl = memchr(t + pos, '\n', len - pos);
		uint32_t end = nl ? (uint32_t)(nl - t) : len;
		int comment_before = st.in_comment;
		line++;
		int delta;
		int code = pp_line_code(&st, t, pos, end, &delta);
		uint32_t *lp = scan_vec_push(&unit->loc_prefix, sizeof(*lp));
		if (!lp)
			return -1;
		if (code)
			unit->loc++;
		*lp = unit->loc;
		if (pos >= cont_end && !comment_before) {
			uint32_t i = pos;
			while (i < end && (t[i] == ' ' || t[i] == '\t'))
				i++;
			if (i < end && t[i] == '#') {
				int was_dead = pp_dead(&st), open = 0;
				size_t n = pp_logical(unit, pos, &cont_end, &open);
				if (pp_directive(unit, &st, unit->line_buf, n, line, pos, cont_end))
					return -1;
				/* The directive line is dead when the branch around it is: for #if
				 * that is the state before it, for #else/#endif the state after. */
				if ((was_dead && pp_dead(&st)) && pp_mark_dead(unit, line))
					return -1;
				pos = end < len ? end + 1 : len;
				continue;
			}
		}
		if (code && st.directives == 0 && !comment_before)
			st.code_before = 1;
		if (code && pos >= cont_end && (st.head.depth == 0 || delta != 0) && !pp_in_cxx(&st)) {
			/* file scope, or the line whose `}` comes back to it: declaration heads */
			if (st.head.depth == 0 || st.head.depth + delta <= 0) {
				if (pp_head_line(unit, &st.head, pos, end, comment_before, line))
					return -1;
			} else {
				st.head.depth += delta;
			}
		}
		if (st.depth > 0 && st.depth <= PP_MAX_DEPTH && pos >= cont_end)
			st.stack[st.depth - 1].net += delta;
		if (pp_dead(&st) && pp_mark_dead(unit, line))
			return -1;
		pos = end < len ? end + 1 : len;
	}
	unit->lines = line;
	return 0;
}

/* The hidden macro calls join the calls in position order (scan_impl.h). */
int scan_pp_calls(struct scan_unit *unit)
{
	const struct dig_call *h = unit->ppcalls.data;
	uint32_t n = unit->ppcalls.n, old = unit->calls.n;

	if (n == 0)
		return 0;
	for (uint32_t k = 0; k < n; k++)
		if (!scan_vec_push(&unit->calls, sizeof(struct dig_call)))
			return -1;
	struct dig_call *c = unit->calls.data;
	/* merge from the back: both runs are in position order */
	for (uint32_t i = old, j = n, o = old + n; j > 0;) {
		const struct dig_call *x = i > 0 ? &c[i - 1] : NULL, *y = &h[j - 1];
		if (x && (x->line > y->line || (x->line == y->line && x->col > y->col))) {
			c[--o] = *x;
			i--;
		} else {
			c[--o] = *y;
			c[o].dead = scan_unit_dead(unit, c[o].line);
			unit->dead_calls += c[o].dead != 0;
			j--;
		}
	}
	return 0;
}
