/*
 * dig/scan/lex.c: the shallow path. Tree-sitter is the costly part of a scan (about 80% of
 * its time, and far more on files it cannot parse cleanly), and most files of a large tree
 * have nothing to do with memory allocation. When the caller names the words that make a
 * file interesting (dig_scan_opts.deep_words: allocator verbs, backends, locks ...), a file
 * that mentions none of them is read by this lexer instead: cscope's depth, at a fraction
 * of the parser's cost. Such files are marked shallow (facts.h says what they lack).
 *
 * The lexer reads the text tree-sitter would have read (pp.c's hidden ranges are spaces),
 * skipping comments, strings, character constants and preprocessor lines, and tracks
 * braces and parentheses:
 *   - at file scope, a '{' that follows `NAME ( ... )` (optionally K&R declarations) with
 *     no '=' and no struct/union/enum in front opens a function definition named NAME;
 *     its return type is the words before NAME (or, when only `MACRO(type)` stands there,
 *     the macro's argument: a linkage macro), its parameter count the commas;
 *   - inside a definition, `NAME (` is a call unless NAME is a keyword; `x->NAME (` and
 *     `x.NAME (` are dispatch calls; the argument text and count come from the matching
 *     ')'; macro renames of this file apply as in the tree walk. A direct call that
 *     starts a statement (after ; { } else do at parenthesis depth 0, an if/while/for/
 *     switch head or a cast) and is followed by ';' has its value discarded, as the
 *     parser says it; a call inside a while head is in a loop's condition
 *     (DIG_FLOW_LOOP);
 *   - at file scope, the declarators of each statement ending in ';' (not a typedef, a
 *     prototype or a K&R parameter list) are file-scope variables: name, static/extern,
 *     array, and the words in front of the first name as type;
 *   - a definition's parameters are read again from its parentheses: types and names as
 *     the parser gives them for prototype-style lists.
 * Not recovered in shallow files: K&R parameter types (they stay "int"), pointer calls,
 * locals' types, the functions' globals_used, registrations, and evidence other than
 * #include and macro bodies.
 *
 * The parser's check. Every parsed file is lexed first (in bodies mode with deep words,
 * scan_lex_all_bodies without), so the lexer's definitions are known beside the parser's.
 * A body the lexer saw where the parser found no definition -- a header written twice in
 * #if branches (`#ifdef __STDC__ / f(int a) / #else / f(a) int a; / #endif`), a construct
 * tree-sitter misreads and recovers from too late -- is a definition the parser lost: the
 * lexer's definition is given back with the calls of its body (scan_lex_merge), the
 * parser's misread header and locals are dropped, and the file counts lexed_defs (facts.h)
 * and is named by a note: it was not parsed whole.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/scan/scan_impl.h"
#include "dig/scan/vocab.h"

#define LEX_MAX_PARENS 256
#define LEX_HIST 8                       /* a power of two */

/* Words that can precede '(' without being a call or a function name. */
static const char *const lex_not_callee[] = {
	"if", "while", "for", "switch", "return", "sizeof", "do", "else", "case", "goto",
	"_Alignof", "alignof", "__alignof__", "__alignof", "typeof", "__typeof__", "__typeof",
	"_Generic", "__attribute__", "__attribute", "__declspec", "__asm__", "__asm", "asm",
	"_Static_assert", "static_assert", "defined", "__extension__", "_Atomic", "__P",
	"__volatile__", "__volatile", "__asm_volatile",
	"int", "char", "long", "short", "unsigned", "signed", "void", "float", "double",
	"struct", "union", "enum", "const", "volatile", "register", "static", "extern", "inline",
};

/* Storage and qualifier words dropped from a return type. */
static const char *const lex_storage[] = {
	"static", "extern", "inline", "__inline", "__inline__", "register", "auto", "const", "volatile",
};

/* One token. */
struct lex_tok {
	uint32_t start, len, line;
	char kind;                 /* 'i' identifier, 'n' number, else the punctuation byte; '>' is -> */
};

/* A call whose ')' has not been reached yet. */
struct lex_open {
	uint32_t call;             /* index into unit->calls, or UINT32_MAX for a plain group */
	uint32_t args_start;       /* first byte after '(' */
	int commas;                /* top-level commas so far */
	int any;                   /* something between the parentheses */
	int stmt;                  /* a call that starts a statement: `f(...)` then ';' has
	                              its value discarded */
	int head;                  /* the head of an if/while/for/switch, or a cast, at a
	                              statement's start: what follows it starts a statement */
	int loop;                  /* the head of a while: the calls inside are in a loop's
	                              condition (DIG_FLOW_LOOP) */
	uint32_t first_call;       /* a while head: unit->calls.n when it opened */
};

/* The lexer's state. */
struct lex {
	struct scan_unit *u;
	const char *t;
	uint32_t len, pos, line, line_start;
	struct lex_tok prev, prev2;        /* the last two tokens */
	struct lex_tok ring[LEX_HIST];     /* the last tokens, a ring (lex_h: 0 is prev) */
	unsigned nring;                    /* tokens shifted in so far */
	struct lex_tok chain;              /* first identifier of the current a->b.c chain */
	int depth;                         /* brace depth */
	int32_t func;                      /* open definition, or -1 */
	/* the top-level header being read since the last ';' or '}' */
	uint32_t head_start;               /* first token of the header */
	int head_valid;                    /* no '=' or struct/union/enum at depth 0 */
	struct lex_tok name;               /* first NAME followed by '(' at parenthesis depth 0 */
	int name_commas, name_any, name_parens_done;
	int name_paren;                    /* the name is written `(NAME) (`: dig_func.name_parens */
	uint32_t name_close;               /* byte of the ')' that closed the name's parameters */
	uint32_t body_line;                /* line of the open definition's '{' */
	int head_parens;                   /* parenthesis depth inside the header */
	struct lex_open parens[LEX_MAX_PARENS];
	int nparens;
	int oom;
	/* bodies mode (scan_lex_bodies): which definitions mention a deep word */
	const struct scan_words *words;    /* the deep words, or NULL (scan_lex_extract) */
	uint32_t body_start;               /* byte of the open definition's '{' */
	int record;                        /* record each definition's body (bodies mode, and
	                                      the parser's check: scan_lex_all_bodies) */
	int body_named;                    /* the open definition is named like a deep word */
	int body_value;                    /* ... uses a deep word as a value or a field */
	int body_state;                    /* ... names a file-scope static variable */
	int body_mentions;                 /* ... names a deep word, not as a field */
	int body_evidence;                 /* ... holds feature evidence (scan_lexbody.evidence) */
	int defines_deep;                  /* some definition is named like a deep word */
	int uses_deep;                     /* a deep word is used as a value (`.f = w,`, `= w;`)
	                                      or called through a field (`->w(`), or named in a
	                                      body that touches a static of the file */
	int value_word;                    /* the previous token was a deep word after = , { */
	/* file-scope declarations (lex_decl): the variables of the statement being read */
	struct lex_tok d_cand;             /* the declarator name so far (kind 0: none) */
	int d_array, d_func, d_brackets, d_skip, d_static, d_extern, d_typedef;
	int d_paren, d_fnptr;              /* the name came after `(*`; then a `(` after its `)`:
	                                      a pointer to a function (dig_global.is_fnptr) */
	int d_bad;                         /* the statement is no declaration (operators, keywords) */
	int d_body;                        /* a typedef's struct, union or enum body was read */
	int d_types;                       /* type words seen before the current declarator */
	struct lex_tok d_pend[32];         /* declarators of this statement, recorded at its ';' */
	unsigned char d_pend_array[32], d_pend_fnptr[32];
	int d_npend;
	/* calls whose value is discarded (dig_call.discarded), as the parser says them for
	 * `f(x);`, `(void)f(x);` and `if (c) f(x);` */
	uint32_t stmt_at;                  /* byte of the token that starts the current
	                                      statement (a body's ';' '{' '}' else do, or a
	                                      head's ')', at parenthesis depth 0, came before) */
	int stmt_fresh;                    /* the next token starts a statement */
	uint32_t disc_pending;             /* 1 + a call that started a statement and just
	                                      closed: discarded when ';' comes next */
	int loop_heads;                    /* while heads open around the current token */
};

/* Is the token the word w? */
static int lex_is(const struct lex *lx, const struct lex_tok *t, const char *w)
{
	/* the first byte rules out almost every word before its length is counted */
	if (t->kind != 'i' || lx->t[t->start] != w[0])
		return 0;
	size_t n = strlen(w);
	return t->len == n && memcmp(lx->t + t->start, w, n) == 0;
}

/* Is the token one of the words? */
static int lex_in(const struct lex *lx, const struct lex_tok *t, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lex_is(lx, t, words[i]))
			return 1;
	return 0;
}

/* The next token, or kind 0 at the end. Comments, strings, character constants and
 * preprocessor lines are skipped here (strings only matter inside argument text, which is
 * cut from the source bytes). */
static struct lex_tok lex_next(struct lex *lx)
{
	const char *t = lx->t;
	struct lex_tok tok = { 0, 0, 0, 0 };
	int bol = lx->pos == lx->line_start;

	while (lx->pos < lx->len) {
		uint32_t i = lx->pos;
		unsigned char c = (unsigned char)t[i];
		if (c == '\n') {
			lx->pos++;
			lx->line++;
			lx->line_start = lx->pos;
			bol = 1;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			lx->pos++;
			continue;
		}
		if (c == '\\' && i + 1 < lx->len && (t[i + 1] == '\n' || t[i + 1] == '\r')) {
			lx->pos++;
			continue;
		}
		if (c == '/' && i + 1 < lx->len && t[i + 1] == '*') {
			lx->pos += 2;
			while (lx->pos + 1 < lx->len && !(t[lx->pos] == '*' && t[lx->pos + 1] == '/')) {
				if (t[lx->pos] == '\n') {
					lx->line++;
					lx->line_start = lx->pos + 1;
				}
				lx->pos++;
			}
			lx->pos = lx->pos + 2 < lx->len ? lx->pos + 2 : lx->len;
			continue;
		}
		if (c == '/' && i + 1 < lx->len && t[i + 1] == '/') {
			while (lx->pos < lx->len && t[lx->pos] != '\n')
				lx->pos++;
			continue;
		}
		if (c == '#' && bol) {
			/* a directive: skip the logical line (pp.c read it) */
			while (lx->pos < lx->len && t[lx->pos] != '\n') {
				if (t[lx->pos] == '\\' && lx->pos + 1 < lx->len && t[lx->pos + 1] == '\n') {
					lx->pos++;
					lx->line++;
					lx->line_start = lx->pos + 1;
				} else if (t[lx->pos] == '/' && lx->pos + 1 < lx->len && t[lx->pos + 1] == '*') {
					/* a comment inside the directive (it may span lines) */
					for (lx->pos += 2; lx->pos + 1 < lx->len && !(t[lx->pos] == '*' && t[lx->pos + 1] == '/');
					     lx->pos++)
						if (t[lx->pos] == '\n') {
							lx->line++;
							lx->line_start = lx->pos + 1;
						}
					lx->pos++;
				}
				lx->pos++;
			}
			bol = 0;
			continue;
		}
		if (c == '"' || c == '\'') {
			for (lx->pos++; lx->pos < lx->len && t[lx->pos] != (char)c && t[lx->pos] != '\n'; lx->pos++) {
				if (t[lx->pos] == '\\' && lx->pos + 1 < lx->len) {
					lx->pos++;
					if (t[lx->pos] == '\n') {      /* a string continued on the next line */
						lx->line++;
						lx->line_start = lx->pos + 1;
					}
				}
			}
			if (lx->pos < lx->len && t[lx->pos] == (char)c)
				lx->pos++;
			tok.kind = 's';
			tok.start = i;
			tok.len = lx->pos - i;
			tok.line = lx->line;
			return tok;
		}
		tok.start = i;
		tok.line = lx->line;
		if (scan_ident_byte(c)) {
			while (lx->pos < lx->len && scan_ident_byte((unsigned char)t[lx->pos]))
				lx->pos++;
			tok.len = lx->pos - i;
			tok.kind = c >= '0' && c <= '9' ? 'n' : 'i';
			return tok;
		}
		lx->pos++;
		tok.len = 1;
		tok.kind = (char)c;
		if (c == '-' && lx->pos < lx->len && t[lx->pos] == '>') {
			lx->pos++;
			tok.len = 2;
			tok.kind = '>';
		}
		return tok;
	}
	return tok;
}

/* Is the '(' just read followed by '*' (a function-pointer declarator: `int (*fp)();` in a
 * K&R declaration list, not a definition's name)? */
static int lex_fptr_next(const struct lex *lx)
{
	uint32_t p = lx->pos;

	while (p < lx->len && (lx->t[p] == ' ' || lx->t[p] == '\t' || lx->t[p] == '\n' || lx->t[p] == '\r'))
		p++;
	return p < lx->len && lx->t[p] == '*';
}

/* Start a new top-level header at the next token. */
static void lex_head_reset(struct lex *lx)
{
	lx->head_start = UINT32_MAX;
	lx->head_valid = 1;
	lx->name.kind = 0;
	lx->name_commas = lx->name_any = lx->name_parens_done = lx->name_paren = 0;
	lx->head_parens = 0;
}

/* Where the lexer reads: lex_next moves nothing else, so a re-read of a header saves and
 * restores these (not the whole state: it holds the parenthesis stack, kilobytes). */
struct lex_at {
	uint32_t pos, line, line_start;
};

static struct lex_at lex_at_save(const struct lex *lx)
{
	return (struct lex_at){ lx->pos, lx->line, lx->line_start };
}

static void lex_at_restore(struct lex *lx, struct lex_at at)
{
	lx->pos = at.pos;
	lx->line = at.line;
	lx->line_start = at.line_start;
}

/* Words that decorate a declaration without being part of its type. */
static const char *const lex_attr_words[] = {
	"__attribute__", "__attribute", "__declspec", "__extension__", "__restrict", "__restrict__",
	"restrict", "__inline", "__inline__", "__volatile__", "__const", "__const__", "_Noreturn",
};

/* Return type text from the header's words before the name, storage words and attributes
 * (`__attribute__((malloc))`, `__declspec(restrict)`, `__extension__`: with their groups)
 * dropped. */
static const char *lex_return_type(struct lex *lx, int *stars, int *is_static)
{
	struct lex_at saved = lex_at_save(lx);
	uint32_t name_start = lx->name.start;
	char buf[128];
	size_t o = 0;

	*stars = 0;
	*is_static = 0;
	/* Re-lex the header from its start up to the name: the text is small. */
	lx->pos = lx->head_start;
	for (;;) {
		struct lex_tok t = lex_next(lx);
		if (t.kind == 0 || t.start >= name_start)
			break;
		if (t.kind == 'i' && lex_in(lx, &t, lex_attr_words, sizeof(lex_attr_words) / sizeof(lex_attr_words[0]))) {
			struct lex_at w = lex_at_save(lx);
			struct lex_tok g = lex_next(lx);
			if (g.kind != '(' || g.start >= name_start) {
				lex_at_restore(lx, w);
				continue;
			}
			for (int depth = 1; depth > 0 && g.kind != 0 && g.start < name_start;) {
				g = lex_next(lx);
				depth += (g.kind == '(') - (g.kind == ')');
			}
			continue;
		}
		if (t.kind == ')') {
			/* words before a closing parenthesis belong to a macro line in front */
			o = 0;
			*stars = 0;
			*is_static = 0;
		} else if (t.kind == '*')
			(*stars)++;
		else if (t.kind == 'i' && lex_is(lx, &t, "static"))
			*is_static = 1;
		else if (t.kind == 'i' && !lex_in(lx, &t, lex_storage, sizeof(lex_storage) / sizeof(lex_storage[0])) &&
		         o + t.len + 2 < sizeof(buf) - 8) {
			if (o)
				buf[o++] = ' ';
			memcpy(buf + o, lx->t + t.start, t.len);
			o += t.len;
		}
	}
	lex_at_restore(lx, saved);
	if (o == 0 && *stars == 0 && name_start > lx->head_start) {
		/* nothing after the last ')': `API_DECLARE(char *) f(...)`, the type is the
		 * linkage macro's argument */
		const char *lb;
		size_t nlb;
		if (scan_linkage_type(lx->t + lx->head_start, name_start - lx->head_start, &lb, &nlb, stars) &&
		    nlb < sizeof(buf) - 16) {
			memcpy(buf, lb, nlb);
			o = nlb;
		}
	}
	if (o == 0) {
		memcpy(buf, "int", 3);
		o = 3;
	}
	if (*stars) {
		buf[o++] = ' ';
		for (int i = 0; i < *stars && o < sizeof(buf) - 1; i++)
			buf[o++] = '*';
	}
	return scan_unit_intern(lx->u, buf, o);
}

/* C's own type words: a lone one of them in a parameter list is an unnamed parameter's type,
 * any other lone word an old-style parameter name. */
static const char *const lex_type_words[] = {
	"void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "_Bool",
};

/* Build "words *..." (the parser's base type text and pointer levels) from a token span. */
static const char *lex_type_text(struct lex *lx, const struct lex_tok *words, int nwords, int skip, int levels)
{
	char buf[128];
	size_t o = 0;

	for (int i = 0; i < nwords; i++) {
		if (i == skip || o + words[i].len + 2 >= 96)
			continue;
		if (o)
			buf[o++] = ' ';
		memcpy(buf + o, lx->t + words[i].start, words[i].len);
		o += words[i].len;
	}
	if (o == 0) {
		memcpy(buf, "int", 3);
		o = 3;
	}
	if (levels > 0) {
		buf[o++] = ' ';
		for (int i = 0; i < levels && o < sizeof(buf) - 1; i++)
			buf[o++] = '*';
	}
	return scan_unit_intern(lx->u, buf, o);
}

/* The parameters of the definition being opened, read again from its '(' to its ')':
 * per parameter the words (storage and qualifiers dropped), pointer and array levels, and
 * a name -- the last word, the word after `(*`, or for a lone word that is not a C type
 * word the word itself (an old-style list; its type is then "int", as the parser says
 * without K&R declarations). `...` is a parameter of type "...", `(void)` none. Sets nparams,
 * param_types and param_names of the newest function. Returns 0 or -1. */
static int lex_params(struct lex *lx)
{
	struct lex_at saved = lex_at_save(lx);
	uint32_t name_close = lx->name_close;
	struct lex_tok words[16];
	const char *types[64], *names[64];
	int nwords = 0, levels = 0, fname = -1, dots = 0, np = 0, depth = 0, after_open = 0;

	lx->pos = lx->name.start + lx->name.len;
	if (lx->name_paren)
		(void)lex_next(lx);        /* the ')' around the name */
	for (;;) {
		struct lex_tok t = lex_next(lx);
		if (t.kind == 0 || t.start > name_close)
			break;
		if (t.kind == '(') {
			depth++;
			after_open = depth == 2;
			continue;
		}
		int closing = t.kind == ')' && depth == 1;
		if ((t.kind == ',' && depth == 1) || closing) {
			/* one parameter done */
			if (np < 64 && dots && !nwords && fname < 0) {
				names[np] = "";      /* `...`: the parser's variadic parameter */
				types[np++] = "...";
			} else if (np < 64 && (nwords || levels || fname >= 0)) {
				int single = nwords == 1 && fname < 0;
				if (single && levels == 0 &&
				    !lex_in(lx, &words[0], lex_type_words, sizeof(lex_type_words) / sizeof(lex_type_words[0]))) {
					names[np] = scan_unit_intern(lx->u, lx->t + words[0].start, words[0].len);
					types[np] = "int";
				} else if (single || (nwords == 0 && fname < 0)) {
					names[np] = "";
					types[np] = lex_type_text(lx, words, nwords, -1, levels);
				} else {
					int name = fname >= 0 ? fname : nwords - 1;
					names[np] = scan_unit_intern(lx->u, lx->t + words[name].start, words[name].len);
					types[np] = lex_type_text(lx, words, nwords, name, levels + (fname >= 0));
				}
				if (!names[np] || !types[np])
					return -1;
				np++;
			}
			nwords = levels = dots = 0;
			fname = -1;
			if (closing)
				break;
			continue;
		}
		if (t.kind == ')') {
			depth--;
			continue;
		}
		if (depth >= 3 || (depth == 2 && !after_open))
			continue;        /* a function pointer's own parameters */
		if (t.kind == '*')
			levels++;
		else if (t.kind == '[')
			levels++;
		else if (t.kind == '.')
			dots++;
		else if (t.kind == 'i' && depth == 2) {
			if (fname < 0 && nwords < 16) {
				fname = nwords;
				words[nwords++] = t;
			}
			after_open = 0;
		} else if (t.kind == 'i' && nwords < 16 &&
		           !lex_in(lx, &t, lex_storage, sizeof(lex_storage) / sizeof(lex_storage[0])) &&
		           !lex_in(lx, &t, lex_attr_words, sizeof(lex_attr_words) / sizeof(lex_attr_words[0])))
			words[nwords++] = t;
	}
	lex_at_restore(lx, saved);
	struct dig_func *f = (struct dig_func *)lx->u->funcs.data + (lx->u->funcs.n - 1);
	f->nparams = np;
	f->param_types = f->param_names = NULL;
	if (np == 0)
		return 0;
	const char **tv = dig_arena_alloc(lx->u->arena, (size_t)np * sizeof(char *));
	const char **nv = dig_arena_alloc(lx->u->arena, (size_t)np * sizeof(char *));
	if (!tv || !nv)
		return -1;
	memcpy(tv, types, (size_t)np * sizeof(char *));
	memcpy(nv, names, (size_t)np * sizeof(char *));
	f = (struct dig_func *)lx->u->funcs.data + (lx->u->funcs.n - 1);
	f->param_types = tv;
	f->param_names = nv;
	return 0;
}

/* A '{' at file scope after a valid header: open a definition. */
static void lex_func_open(struct lex *lx, uint32_t brace_line)
{
	struct dig_func *f = scan_vec_push(&lx->u->funcs, sizeof(*f));
	const char *via;
	int stars, is_static;

	if (!f) {
		lx->oom = 1;
		return;
	}
	f->written_name = scan_unit_intern(lx->u, lx->t + lx->name.start, lx->name.len);
	f->name = scan_unit_rename(lx->u, lx->t + lx->name.start, lx->name.len, lx->name.line, 1, &via);
	if (!f->name)
		f->name = f->written_name;
	f->line = lx->name.line;
	f->name_parens = lx->name_paren;
	f->nparams = !lx->name_any ? 0 : lx->name_commas + 1;
	if (f->nparams > 0 && lex_params(lx)) {
		lx->oom = 1;
		return;
	}
	f = (struct dig_func *)lx->u->funcs.data + (lx->u->funcs.n - 1);
	f->return_type = lex_return_type(lx, &stars, &is_static);
	f = (struct dig_func *)lx->u->funcs.data + (lx->u->funcs.n - 1);
	f->returns_pointer = stars > 0;
	f->is_static = is_static;
	f->dead = scan_unit_dead(lx->u, f->line);
	f->end_line = brace_line;
	lx->body_line = brace_line;
	if (!f->written_name || !f->return_type)
		lx->oom = 1;
	lx->func = (int32_t)(lx->u->funcs.n - 1);
}

/* Column (1-based) of a token, from its line's start. */
static uint32_t lex_col(const struct lex *lx, const struct lex_tok *t)
{
	uint32_t b = t->start;

	if (t->start >= lx->line_start)
		return t->start - lx->line_start + 1;
	while (b > 0 && lx->t[b - 1] != '\n')
		b--;
	return t->start - b + 1;
}

/* The file-scope static variables seen so far (bodies mode), as a set of name hashes in
 * unit->statics (0 marks a free slot; a hash collision only makes a body look
 * state-touching, which parses it: the safe side). */
static void lex_static_add(struct lex *lx, const struct lex_tok *t)
{
	struct scan_vec *set = &lx->u->statics;
	uint32_t h = scan_str_hash(lx->t + t->start, t->len) | 1u;

	if ((set->n + 1) * 2 > set->cap) {
		uint32_t cap = set->cap ? set->cap * 2 : 256, *old = set->data;
		uint32_t *tab = calloc(cap, sizeof(*tab));
		if (!tab) {
			lx->oom = 1;
			return;
		}
		for (uint32_t i = 0; i < set->cap; i++)
			if (old[i]) {
				uint32_t k = old[i] & (cap - 1);
				while (tab[k])
					k = (k + 1) & (cap - 1);
				tab[k] = old[i];
			}
		free(old);
		set->data = tab;
		set->cap = cap;
	}
	uint32_t *tab = set->data, mask = set->cap - 1, k = h & mask;
	for (; tab[k]; k = (k + 1) & mask)
		if (tab[k] == h)
			return;
	tab[k] = h;
	set->n++;
}

/* Is the identifier the name of a file-scope static variable seen so far? */
static int lex_static_has(const struct lex *lx, const struct lex_tok *t)
{
	const struct scan_vec *set = &lx->u->statics;
	if (set->n == 0)
		return 0;
	const uint32_t *tab = set->data;
	uint32_t h = scan_str_hash(lx->t + t->start, t->len) | 1u, mask = set->cap - 1;
	for (uint32_t k = h & mask; tab[k]; k = (k + 1) & mask)
		if (tab[k] == h)
			return 1;
	return 0;
}

/* Forget the statement's declarators. */
static void lex_decl_reset(struct lex *lx)
{
	lx->d_cand.kind = 0;
	lx->d_array = lx->d_func = lx->d_brackets = lx->d_skip = lx->d_paren = lx->d_fnptr = 0;
	lx->d_static = lx->d_extern = lx->d_typedef = lx->d_body = 0;
	lx->d_bad = lx->d_types = 0;
	lx->d_npend = 0;
}

/* The current declarator is complete: keep its name unless it declares a function. */
static void lex_decl_push(struct lex *lx)
{
	if (lx->d_cand.kind && !lx->d_func && lx->d_npend < 32 && (lx->d_npend > 0 || lx->d_types > 0)) {
		lx->d_pend_array[lx->d_npend] = (unsigned char)lx->d_array;
		lx->d_pend_fnptr[lx->d_npend] = (unsigned char)lx->d_fnptr;
		lx->d_pend[lx->d_npend++] = lx->d_cand;
	}
	lx->d_cand.kind = 0;
	lx->d_array = lx->d_func = lx->d_paren = lx->d_fnptr = 0;
}

static void lex_write_add(struct lex *lx, enum dig_evidence_kind kind, const struct lex_tok *tok, const char *text,
                          size_t ntext);

/* A typedef of one name (not an array or a function): a DIG_EV_TYPEDEF write (facts.h),
 * kept at file scope, its text the type when that is one word or a pointer to one
 * (`typedef void *ptr_t;`, `typedef char text_t;`), else empty (`struct tag *`, `unsigned
 * int`: another type, which the model needs to see that builds disagree). */
static void lex_typedef_commit(struct lex *lx)
{
	struct lex_tok saved_name = lx->name;
	int stars, is_static;
	const char *type, *p;
	if (lx->d_npend != 1 || lx->d_pend_array[0] || lx->d_pend_fnptr[0])
		return;
	if (lx->d_body) {
		/* `typedef struct rec { ... } Record;`: the words in front were read before the
		 * body (the header starts again after it), and the type is that body's, no word's:
		 * empty, another type than a port's `typedef void Record;` */
		lex_write_add(lx, DIG_EV_TYPEDEF, &lx->d_pend[0], "", 0);
		return;
	}
	lx->name = lx->d_pend[0];
	type = lex_return_type(lx, &stars, &is_static);
	lx->name = saved_name;
	if (!type) {
		lx->oom = 1;
		return;
	}
	/* the type follows the word typedef, also where a macro with no `;` stands in front
	 * (`G_BEGIN_DECLS` / `__BEGIN_DECLS` before a header's first typedef) */
	for (p = type; *p && strncmp(p, "typedef ", 8) != 0;) {
		while (*p && *p != ' ')
			p++;
		while (*p == ' ')
			p++;
	}
	if (!*p)
		return;
	type = p + 8;
	for (p = type; *p && *p != ' '; p++)
		;
	if (stars > 1 || p == type || (*p && strcmp(p, " *") != 0))
		type = "";   /* no word, several, or a pointer's pointer */
	lex_write_add(lx, DIG_EV_TYPEDEF, &lx->d_pend[0], type, strlen(type));
}

/* The statement ended at a ';': its declarators become file-scope variables, unless it is a
 * typedef, a prototype or a K&R parameter declaration. The type is the words in front of
 * the first name, as the parser's base type, with the first name's pointer levels. */
static void lex_decl_commit(struct lex *lx, int knr)
{
	if (lx->d_typedef && !knr && !lx->d_bad && lx->head_start != UINT32_MAX)
		lex_typedef_commit(lx);
	if (!lx->d_typedef && !knr && !lx->d_bad && lx->head_start != UINT32_MAX) {
		for (int i = 0; i < lx->d_npend && !lx->oom; i++) {
			struct dig_global *g = scan_vec_push(&lx->u->globals, sizeof(*g));
			if (!g) {
				lx->oom = 1;
				break;
			}
			struct lex_tok saved_name = lx->name;
			int stars, is_static;
			lx->name = lx->d_pend[0];
			const char *type = lex_return_type(lx, &stars, &is_static);
			lx->name = saved_name;
			g = (struct dig_global *)lx->u->globals.data + (lx->u->globals.n - 1);
			g->name = scan_unit_intern(lx->u, lx->t + lx->d_pend[i].start, lx->d_pend[i].len);
			g->type = type;
			g->is_static = lx->d_static;
			g->is_extern = lx->d_extern;
			g->is_array = lx->d_pend_array[i];
			g->is_fnptr = lx->d_pend_fnptr[i];
			g->line = lx->d_pend[i].line;
			g->dead = scan_unit_dead(lx->u, g->line);
			if (!g->name || !g->type)
				lx->oom = 1;
			if (lx->words && lx->d_static && !g->dead)
				lex_static_add(lx, &lx->d_pend[i]);
		}
	}
	lex_decl_reset(lx);
}

/* One token at file scope, before the main loop reads it: follow the declarators of the
 * statement (a name at parenthesis level 0, or after `(*`; arrays; `=` starts an
 * initializer skipped to the next ',' or ';'; `NAME(` declares a function). */
static void lex_decl(struct lex *lx, const struct lex_tok *t)
{
	if (lx->d_skip) {
		if (t->kind == ',' && lx->head_parens == 0)
			lx->d_skip = 0;
		else if (t->kind != ';')
			return;
	}
	switch (t->kind) {
	case '>': case '.': case '+': case '-': case '/': case '%': case '&': case '|': case '!':
	case '~': case '?': case ':': case '<': case '^': case 's':
		/* an expression, not a declaration (code the braces left at file scope, or a
		 * macro the lexer cannot see through) */
		if (lx->head_parens == 0 && lx->d_brackets == 0)
			lx->d_bad = 1;
		break;
	case 'i':
		if (lex_in(lx, t, lex_not_callee, 10))
			lx->d_bad = 1;        /* if, while, for, switch, return, sizeof ... */
		if (lex_is(lx, t, "typedef"))
			lx->d_typedef = 1;
		else if (lex_is(lx, t, "static"))
			lx->d_static = 1;
		else if (lex_is(lx, t, "extern"))
			lx->d_extern = 1;
		if (lex_in(lx, t, lex_type_words, sizeof(lex_type_words) / sizeof(lex_type_words[0])) ||
		    lex_is(lx, t, "struct") || lex_is(lx, t, "union") || lex_is(lx, t, "enum"))
			lx->d_types++;
		if (lex_in(lx, t, lex_not_callee, sizeof(lex_not_callee) / sizeof(lex_not_callee[0])) ||
		    lex_in(lx, t, lex_storage, sizeof(lex_storage) / sizeof(lex_storage[0])) ||
		    lex_in(lx, t, lex_attr_words, sizeof(lex_attr_words) / sizeof(lex_attr_words[0])) ||
		    lex_is(lx, t, "typedef"))
			break;
		if ((lx->head_parens == 0 && lx->d_brackets == 0) ||
		    (lx->head_parens == 1 && lx->prev.kind == '*' && lx->prev2.kind == '(')) {
			if (lx->d_cand.kind)
				lx->d_types++;    /* the word before was a type name */
			lx->d_cand = *t;
			lx->d_array = lx->d_func = lx->d_fnptr = 0;
			lx->d_paren = lx->head_parens == 1;
		}
		break;
	case '(':
		if (lx->head_parens == 0 && lx->prev.kind == 'i' && lx->d_cand.kind && lx->prev.start == lx->d_cand.start)
			lx->d_func = 1;
		else if (lx->head_parens == 0 && lx->prev.kind == ')' && lx->d_cand.kind && lx->d_paren)
			lx->d_fnptr = 1;
		break;
	case '[':
		if (lx->head_parens == 0 && lx->d_brackets++ == 0 && lx->d_cand.kind)
			lx->d_array = 1;
		break;
	case ']':
		if (lx->head_parens == 0 && lx->d_brackets > 0)
			lx->d_brackets--;
		break;
	case '=':
		if (lx->head_parens == 0) {
			lex_decl_push(lx);
			lx->d_skip = 1;
		}
		break;
	case ',':
		if (lx->head_parens == 0 && lx->d_brackets == 0)
			lex_decl_push(lx);
		break;
	case ';':
		lex_decl_push(lx);
		lex_decl_commit(lx, lx->name.kind && lx->name_parens_done && lx->head_valid &&
		                        !(lx->prev.kind == ')' && lx->prev.start == lx->name_close));
		break;
	case '{':
		/* a struct, union or enum body, or an initializer: its tag is no variable */
		if (!lx->d_skip)
			lx->d_cand.kind = 0;
		lx->d_body |= lx->d_typedef && !lx->d_skip;
		break;
	default:
		break;
	}
}

/* The struct type of `obj` in a one-hop dispatch `obj->name(` or `obj.name(`, as the parser
 * gives it (extract.c ex_struct_of): the declared type of a parameter of the open
 * definition, else of a file-scope variable seen so far, with `const` and pointer levels
 * dropped; NULL for a local (the lexer does not follow them) or a longer chain. */
static const char *lex_dispatch_type(struct lex *lx, const struct lex_tok *obj, const struct lex_tok *name)
{
	const char *type = NULL;
	uint32_t p = obj->start + obj->len, hops = 0;

	while (p < name->start) {          /* only blanks and one -> or . between them */
		char c = lx->t[p];
		if (c == '-' && p + 1 < name->start && lx->t[p + 1] == '>') {
			hops++;
			p += 2;
		} else if (c == '.') {
			hops++;
			p++;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			p++;
		} else {
			return NULL;
		}
	}
	if (hops != 1 || lx->func < 0)
		return NULL;
	const struct dig_func *f = (const struct dig_func *)lx->u->funcs.data + lx->func;
	for (int i = 0; i < f->nparams && f->param_names && f->param_types; i++)
		if (strlen(f->param_names[i]) == obj->len && memcmp(f->param_names[i], lx->t + obj->start, obj->len) == 0)
			type = f->param_types[i];
	const struct dig_global *g = lx->u->globals.data;
	for (uint32_t i = lx->u->globals.n; !type && i-- > 0;)
		if (strlen(g[i].name) == obj->len && memcmp(g[i].name, lx->t + obj->start, obj->len) == 0)
			type = g[i].type;
	int oom = 0;
	const char *r = scan_unit_struct_of(lx->u, type, &oom);
	if (oom)
		lx->oom = 1;
	return r;
}

/* A call NAME( or ->NAME( inside a definition: recorded now, completed at its ')'. A
 * dispatch call starts where its object chain starts, as the parser says. */
static uint32_t lex_call(struct lex *lx, const struct lex_tok *name, int dispatch)
{
	struct dig_call *c = scan_vec_push(&lx->u->calls, sizeof(*c));

	if (!c) {
		lx->oom = 1;
		return UINT32_MAX;
	}
	const char *s = lx->t + name->start;
	const struct lex_tok *first = dispatch && lx->chain.kind ? &lx->chain : name;
	c->line = first->line;
	c->col = lex_col(lx, first);
	c->func = lx->func;
	c->dead = scan_unit_dead(lx->u, c->line);
	if (c->dead)
		lx->u->dead_calls++;
	c->written = scan_unit_intern(lx->u, s, name->len);
	if (dispatch) {
		c->kind = DIG_CALL_DISPATCH;
		c->callee = c->written;
		const char *type = lx->chain.kind == 'i' ? lex_dispatch_type(lx, &lx->chain, name) : NULL;
		c = (struct dig_call *)lx->u->calls.data + (lx->u->calls.n - 1);
		c->dispatch_type = type;
		/* a dispatch through an object the lexer cannot type (a local, a longer chain)
		 * would join every registration of the field: the parser types it */
		if (!type)
			lx->body_evidence = 1;
	} else {
		c->kind = DIG_CALL_DIRECT;
		c->callee = scan_unit_rename(lx->u, s, name->len, c->line, 0, &c->via_macro);
		if (!c->callee)
			c->callee = c->written;
	}
	c->args = "";
	if (!c->written)
		lx->oom = 1;
	return lx->u->calls.n - 1;
}

/* The statement words whose parenthesised head ends where a statement starts. */
static const char *const lex_head_words[] = { "if", "while", "for", "switch" };

/* Before token t is read: a call that started a statement and closed just before t has
 * its value discarded when t is ';' (`f(x);`); t starts a statement when the token before
 * it ended one. */
static void lex_stmt_token(struct lex *lx, const struct lex_tok *t)
{
	if (lx->disc_pending) {
		if (t->kind == ';')
			((struct dig_call *)lx->u->calls.data)[lx->disc_pending - 1].discarded = 1;
		lx->disc_pending = 0;
	}
	if (lx->stmt_fresh) {
		lx->stmt_at = t->start;
		lx->stmt_fresh = 0;
	}
}

/* Does the identifier match one of the deep words (words.c)? */
static int lex_is_word(const struct lex *lx, const struct lex_tok *t)
{
	return scan_words_ident(lx->words, lx->t + t->start, t->len);
}

/* Bodies mode: does this token inside a body show what only the parser turns into feature
 * evidence (extract.c)? An atomic name or type, a lock type in front of a name, a magic
 * constant, `& ~` (an alignment mask), or a fill call (memset ...) whose value is not 0.
 * A superset is fine: it only sends a body to the parser. */
static int lex_evidence(const struct lex *lx, const struct lex_tok *t)
{
	const char *s = lx->t + t->start;

	if (t->kind == 'n')
		return scan_magic_literal(s, t->len);
	if (t->kind == '~')
		return lx->prev.kind == '&';
	if (t->kind == ')' && lx->nparens < LEX_MAX_PARENS) {
		/* the call just closed (lx->parens[nparens] is its slot, kept after the pop) */
		const struct lex_open *o = &lx->parens[lx->nparens];
		if (o->call == UINT32_MAX || o->commas < 1)
			return 0;
		const struct dig_call *c = (const struct dig_call *)lx->u->calls.data + o->call;
		const char *a = c->args ? strchr(c->args, ',') : NULL;
		if (!c->callee || !a || !scan_vocab_is_fill(c->callee))
			return 0;
		while (*++a == ' ')
			;
		return !(a[0] == '0' && (a[1] == ',' || a[1] == ' ' || a[1] == '\0'));
	}
	if (t->kind != 'i')
		return 0;
	if (scan_vocab_is_atomic(s, t->len))
		return 1;
	if (lx->prev.kind == 'i' && lx->prev.len < 64) {
		char type[64];
		memcpy(type, lx->t + lx->prev.start, lx->prev.len);
		type[lx->prev.len] = '\0';
		return scan_vocab_is_lock_type(type);
	}
	return 0;
}

/* Token t was read: it becomes prev (and the head of the history). */
static void lex_shift(struct lex *lx, const struct lex_tok *t)
{
	lx->prev2 = lx->prev;
	lx->prev = *t;
	lx->ring[lx->nring++ & (LEX_HIST - 1)] = *t;
}

/* The k-th token before the current one (0: prev); kind 0 before the file's start. */
static const struct lex_tok *lex_h(const struct lex *lx, int k)
{
	static const struct lex_tok none = { 0, 0, 0, 0 };
	return (unsigned)k < lx->nring && k < LEX_HIST ? &lx->ring[(lx->nring - 1 - (unsigned)k) & (LEX_HIST - 1)] : &none;
}

/* Do the last tokens read `( NAME )`, NAME no keyword, the '(' after a type's star, a C
 * type word or a word that ends a line before it (not a macro call `F (x) (`)? The name of
 * a definition or declaration written in parentheses so that a function-like macro of it
 * does not apply: `char *(dup) (const char *s)`, `int\n(count) (void)`. */
static int lex_paren_name(const struct lex *lx)
{
	const struct lex_tok *name = lex_h(lx, 1), *open = lex_h(lx, 2), *before = lex_h(lx, 3);
	if (lx->prev.kind != ')' || name->kind != 'i' || open->kind != '(' ||
	    lex_in(lx, name, lex_not_callee, sizeof(lex_not_callee) / sizeof(lex_not_callee[0])))
		return 0;
	return before->kind == '*' || (before->kind == 'i' && before->line < open->line) ||
	       lex_in(lx, before, lex_type_words, sizeof(lex_type_words) / sizeof(lex_type_words[0]));
}

/* Is history token k an `->`? (A lone '>' has kind '>' too, one byte long.) */
static int lex_arrow(const struct lex *lx, int k)
{
	return lex_h(lx, k)->kind == '>' && lex_h(lx, k)->len == 2;
}

/* Are history tokens k and k - 1 one `++` or `--` (the same sign, touching)? */
static int lex_step(const struct lex *lx, int k)
{
	const struct lex_tok *a = lex_h(lx, k), *b = lex_h(lx, k - 1);
	return (a->kind == '+' || a->kind == '-') && b->kind == a->kind && a->start + 1 == b->start;
}

/* Is history token k a plain identifier that starts its chain (not `x->ID`, `x.ID`)? */
static int lex_plain_obj(const struct lex *lx, int k)
{
	const struct lex_tok *before = lex_h(lx, k + 1);
	return lex_h(lx, k)->kind == 'i' && before->kind != '.' && !(before->kind == '>' && before->len == 2);
}

/* Record one count write or parameter store (unit->writes; placed by line later). */
static void lex_write_add(struct lex *lx, enum dig_evidence_kind kind, const struct lex_tok *tok, const char *text,
                          size_t ntext)
{
	struct dig_evidence *ev = scan_vec_push(&lx->u->writes, sizeof(*ev));
	if (!ev) {
		lx->oom = 1;
		return;
	}
	ev->kind = kind;
	ev->token = scan_unit_intern(lx->u, lx->t + tok->start, tok->len);
	ev->text = scan_unit_intern(lx->u, text, ntext);
	ev->func = -1;
	ev->line = tok->line;
	ev->dead = scan_unit_dead(lx->u, tok->line);
	if (!ev->token || !ev->text)
		lx->oom = 1;
}

/* Is the identifier token t a parameter of the open definition? */
static int lex_is_param(const struct lex *lx, const struct lex_tok *t)
{
	const struct dig_func *f = (const struct dig_func *)lx->u->funcs.data + lx->func;
	for (int i = 0; i < f->nparams && f->param_names; i++)
		if (f->param_names[i] && strlen(f->param_names[i]) == t->len &&
		    memcmp(f->param_names[i], lx->t + t->start, t->len) == 0)
			return 1;
	return 0;
}

/* A count written or tested, `OBJ->F OP` (facts.h DIG_EV_COUNT), OP the op text. */
static void lex_count_write(struct lex *lx, int obj, int field, const char *op, size_t nop)
{
	char text[96];
	const struct lex_tok *o = lex_h(lx, obj);
	const struct dig_func *f = (const struct dig_func *)lx->u->funcs.data + lx->func;
	int nothing = f->nparams <= 0 ||
	              (f->nparams == 1 && f->param_types && f->param_types[0] && strcmp(f->param_types[0], "void") == 0);
	/* only what the model reads (model/slot.c): a count claimed or tested in a definition
	 * that takes nothing or returns a pointer, one given back (stepped down, set to 0)
	 * through a parameter; a flag set to a constant (`=:C`) through a parameter too */
	/* op is nop bytes, not a C string (lex_writes builds `=N` in a buffer) */
	int give_back = op[0] == '-' || (nop == 2 && memcmp(op, "=0", 2) == 0);
	int elem = obj < 0;      /* `T[i].F`: the table T (history token -obj) */
	size_t no;
	if (elem)
		o = lex_h(lx, -obj);
	no = o->len + 2 * (size_t)elem;
	if (give_back ? !lex_is_param(lx, o)
	              : !(nothing || f->returns_pointer || (nop > 2 && memcmp(op, "=:", 2) == 0 && lex_is_param(lx, o))))
		return;
	if (no + 1 + nop >= sizeof text)
		return;
	memcpy(text, lx->t + o->start, o->len);
	if (elem)
		memcpy(text + o->len, "[]", 2);
	text[no] = ' ';
	memcpy(text + no + 1, op, nop);
	lex_write_add(lx, DIG_EV_COUNT, lex_h(lx, field), text, no + 1 + nop);
}

/* Is the identifier token t a constant a flag is set to or compared with: spelled in
 * capitals (`RQ_ACTIVE`, `SRFLAG_INUSE`, `TRUE`), or `true`/`false`? */
static int lex_flag_constant(const struct lex *lx, const struct lex_tok *t)
{
	const char *p = lx->t + t->start;
	int letters = 0;
	if (t->kind != 'i')
		return 0;
	if (lex_is(lx, t, "true") || lex_is(lx, t, "false"))
		return 1;
	for (size_t i = 0; i < t->len; i++) {
		if (p[i] >= 'a' && p[i] <= 'z')
			return 0;
		letters += p[i] >= 'A' && p[i] <= 'Z';
	}
	return letters > 0;
}

/* A flag of `OBJ->F` set to or compared with a constant (facts.h DIG_EV_COUNT, ops `=:C`,
 * `?=C`): history token 0 is the constant, 1 the `=` (and 2 the first `=` of a test). */
static int lex_flag_writes(struct lex *lx, const struct lex_tok *t)
{
	char op[72];
	const struct lex_tok *c = lex_h(lx, 0);
	int test;
	if (!lex_flag_constant(lx, c) || lex_h(lx, 1)->kind != '=' || c->len + 2 >= sizeof op)
		return 0;
	/* `==` only: `F != C` says nothing of which value is free */
	test = lex_h(lx, 2)->kind == '=' && lex_h(lx, 2)->start + 1 == lex_h(lx, 1)->start;
	if (test ? !(t->kind == ')' || t->kind == '&' || t->kind == '|') : !(t->kind == ';' || t->kind == ','))
		return 0;
	if (lex_h(lx, 2 + test)->kind != 'i' || !lex_arrow(lx, 3 + test) || !lex_plain_obj(lx, 4 + test))
		return 0;
	op[0] = test ? '?' : '=';
	op[1] = test ? '=' : ':';
	memcpy(op + 2, lx->t + c->start, c->len);
	lex_count_write(lx, 4 + test, 2 + test, op, c->len + 2);
	return 1;
}

/* Is the number token t zero (`0`, `0x0`, `0UL`)? */
static int lex_zero(const struct lex *lx, const struct lex_tok *t)
{
	const char *p = lx->t + t->start, *e = p + t->len;
	if (e - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	while (p < e && *p == '0')
		p++;
	while (p < e && (*p == 'u' || *p == 'U' || *p == 'l' || *p == 'L'))
		p++;
	return p == e;
}

/* The op text of an assignment of the number token t, `=0` or `=N` as written (cut to
 * fit), into op (size bytes, at least 3; NUL-terminated): its length. */
static size_t lex_literal_op(const struct lex *lx, const struct lex_tok *t, char *op, size_t size)
{
	size_t n = t->len < size - 2 ? t->len : size - 2;
	op[0] = '=';
	if (lex_zero(lx, t))
		op[1] = '0', n = 1;
	else
		memcpy(op + 1, lx->t + t->start, n);
	op[n + 1] = '\0';
	return n + 1;
}

/* The table element whose `]` is history token k (`T[i]`, `o->T[i]`, `o.T[i]`, the index
 * one identifier): the history index of its first token, or -1. */
static int lex_elem_start(const struct lex *lx, int k)
{
	if (lex_h(lx, k)->kind != ']' || lex_h(lx, k + 1)->kind != 'i' || lex_h(lx, k + 2)->kind != '[' ||
	    lex_h(lx, k + 3)->kind != 'i')
		return -1;
	if (lex_arrow(lx, k + 4) || lex_h(lx, k + 4)->kind == '.')
		return lex_h(lx, k + 5)->kind == 'i' ? k + 5 : -1;
	return lex_h(lx, k + 4)->kind == ']' ? -1 : k + 3;
}

/* An element written or tested (facts.h DIG_EV_ELEM): `]` is history token k, its table
 * starts at s; OP the op text (nop bytes). */
static void lex_elem_write(struct lex *lx, int k, int s, const char *op, size_t nop)
{
	char text[96];
	const struct lex_tok *o = lex_h(lx, s), *ix = lex_h(lx, k + 1);
	size_t no = s == k + 3 ? 1 : o->len;
	if (no + ix->len + nop + 2 >= sizeof text)
		return;
	memcpy(text, s == k + 3 ? "-" : lx->t + o->start, no);
	text[no] = ' ';
	memcpy(text + no + 1, lx->t + ix->start, ix->len);
	text[no + 1 + ix->len] = ' ';
	memcpy(text + no + 2 + ix->len, op, nop);
	lex_write_add(lx, DIG_EV_ELEM, lex_h(lx, k + 3), text, no + 2 + ix->len + nop);
}



/* Inside a body, token t comes after the history: the table elements it ends (facts.h
 * DIG_EV_ELEM). Post steps `T[i]--` end at their second sign; pre steps `--T[i]`, tests and
 * literal assignments `T[i] = 1;` at the token after them. */
static void lex_elem_writes(struct lex *lx, const struct lex_tok *t, const struct lex_tok *const *h)
{
	int s;
	if ((t->kind == '+' || t->kind == '-') && h[0]->kind == t->kind && h[0]->start + 1 == t->start &&
	    (s = lex_elem_start(lx, 1)) >= 0) {
		lex_elem_write(lx, 1, s, t->kind == '+' ? "++" : "--", 2);
		return;
	}
	if (t->kind == '>' || t->kind == '.' || t->kind == '(' || t->kind == '[' || t->kind == '=')
		return;
	if ((s = lex_elem_start(lx, 0)) >= 0) {
		if (lex_step(lx, s + 2) && !(lex_h(lx, s + 3)->kind == '+' || lex_h(lx, s + 3)->kind == '-'))
			lex_elem_write(lx, 0, s, lex_h(lx, s + 2)->kind == '+' ? "++" : "--", 2);
		else if (lex_h(lx, s + 1)->kind == '!' ||
		         (t->kind == ')' && lex_h(lx, s + 1)->kind == '(' &&
		          (lex_is(lx, lex_h(lx, s + 2), "if") || lex_is(lx, lex_h(lx, s + 2), "while"))))
			lex_elem_write(lx, 0, s, "?0", 2);
		return;
	}
	if (h[0]->kind == 'n' && lex_zero(lx, h[0]) && h[1]->kind == '=' && (h[2]->kind == '=' || h[2]->kind == '!') &&
	    h[2]->start + 1 == h[1]->start && (s = lex_elem_start(lx, 3)) >= 0) {
		lex_elem_write(lx, 3, s, "?0", 2);
		return;
	}
	if ((t->kind == ';' || t->kind == ',' || t->kind == ')') && h[0]->kind == 'n' && h[1]->kind == '=' &&
	    (s = lex_elem_start(lx, 2)) >= 0) {
		char op[40];
		lex_elem_write(lx, 2, s, op, lex_literal_op(lx, h[0], op, sizeof op));
	}
}

/* Inside a body, token t comes after the history: the counts and parameter stores it ends
 * (facts.h). Post steps `OBJ->F++` end at their second sign; pre steps `++OBJ->F`, tests,
 * literal assignments `OBJ->F = 1;` and stores `a[i] = p | 7` at the token after them. */
static void lex_writes(struct lex *lx, const struct lex_tok *t)
{
	const struct lex_tok *h[LEX_HIST];
	for (int k = 0; k < LEX_HIST; k++)
		h[k] = lex_h(lx, k);
	lex_elem_writes(lx, t, h);
	if ((t->kind == '+' || t->kind == '-') && h[0]->kind == t->kind && h[0]->start + 1 == t->start &&
	    h[1]->kind == 'i' && lex_arrow(lx, 2) && lex_plain_obj(lx, 3)) {
		lex_count_write(lx, 3, 1, t->kind == '+' ? "++" : "--", 2);
		return;
	}
	if (t->kind == '>' || t->kind == '.' || t->kind == '(' || t->kind == '[' || t->kind == '=')
		return;             /* the chain or the expression goes on */
	if (h[0]->kind == 'i' && lex_arrow(lx, 1) && lex_plain_obj(lx, 2) && lex_step(lx, 4) &&
	    !(h[5]->kind == '+' || h[5]->kind == '-')) {
		lex_count_write(lx, 2, 0, h[4]->kind == '+' ? "++" : "--", 2);
		return;
	}
	/* a table element's flag tested: `!T[i].F` */
	if (h[0]->kind == 'i' && h[1]->kind == '.' && h[2]->kind == ']' && h[3]->kind == 'i' && h[4]->kind == '[' &&
	    lex_plain_obj(lx, 5) && h[6]->kind == '!') {
		lex_count_write(lx, -5, 0, "?0", 2);
		return;
	}
	if (lex_flag_writes(lx, t))
		return;
	/* tests against 0: `!OBJ->F`, `OBJ->F == 0`, `OBJ->F != 0`, `if (OBJ->F)`, `while (OBJ->F)` */
	if (h[0]->kind == 'i' && lex_arrow(lx, 1) && lex_plain_obj(lx, 2) &&
	    (h[3]->kind == '!' || (t->kind == ')' && h[3]->kind == '(' && (lex_is(lx, h[4], "if") || lex_is(lx, h[4], "while"))))) {
		lex_count_write(lx, 2, 0, "?0", 2);
		return;
	}
	if (h[0]->kind == 'n' && lex_zero(lx, h[0]) && h[1]->kind == '=' && (h[2]->kind == '=' || h[2]->kind == '!') &&
	    h[2]->start + 1 == h[1]->start && h[3]->kind == 'i' && lex_arrow(lx, 4) && lex_plain_obj(lx, 5)) {
		lex_count_write(lx, 5, 3, "?0", 2);
		return;
	}
	if ((t->kind == ';' || t->kind == ',' || t->kind == ')') && h[0]->kind == 'n' && h[1]->kind == '=' &&
	    h[2]->kind == 'i' && lex_arrow(lx, 3) && lex_plain_obj(lx, 4)) {
		char op[40];
		lex_count_write(lx, 4, 2, op, lex_literal_op(lx, h[0], op, sizeof op));
		return;
	}
	if (h[0]->kind == 'i' && h[1]->kind == '=' && h[2]->kind == ']' && lex_is_param(lx, h[0]))
		lex_write_add(lx, DIG_EV_PARAM_STORE, h[0], "", 0);
}

/* Bodies mode: a definition's body ended at byte `close`: note what it showed
 * (scan_lex_bodies decides which bodies the parser reads). */
static int lex_body_done(struct lex *lx, uint32_t close)
{
	struct scan_lexbody *b = scan_vec_push(&lx->u->lexbodies, sizeof(*b));

	if (!b)
		return -1;
	b->body_start = lx->body_start;
	b->body_end = close;
	b->func = (uint32_t)lx->func;
	b->named = (unsigned char)lx->body_named;
	b->value = (unsigned char)lx->body_value;
	b->state = (unsigned char)lx->body_state;
	b->mentions = (unsigned char)lx->body_mentions;
	/* a body over the file's statics that names a deep word makes the file go deeper */
	lx->uses_deep |= lx->body_state && lx->body_mentions;
	b->evidence = (unsigned char)lx->body_evidence;
	return 0;
}

/* The lexer's main loop. */
static int lex_run(struct scan_unit *unit, const struct scan_words *words, int record, int *defines_deep,
                   int *uses_deep)
{
	struct lex lx;

	memset(&lx, 0, sizeof(lx));
	lx.u = unit;
	lx.t = unit->text;
	lx.len = unit->len;
	lx.line = 1;
	lx.func = -1;
	lx.words = words;
	lx.record = record;
	unit->writes.n = 0;        /* a second run over the file reads them again */
	if (words && unit->statics.cap) {   /* a set of the previous file: emptied */
		memset(unit->statics.data, 0, (size_t)unit->statics.cap * sizeof(uint32_t));
		unit->statics.n = 0;
	}
	lex_head_reset(&lx);
	lex_decl_reset(&lx);
	for (;;) {
		if (scan_unit_late(unit, lx.line))
			break;             /* out of time or over the facts bound: the rest is not read */
		struct lex_tok tok = lex_next(&lx);
		if (tok.kind == 0 || lx.oom)
			break;
		lex_stmt_token(&lx, &tok);
		if (tok.kind == 's') {
			if (lx.depth > 0 && lx.nparens > 0 && lx.nparens <= LEX_MAX_PARENS)
				lx.parens[lx.nparens - 1].any = 1;
			lex_shift(&lx, &tok);
			continue;
		}
		if (lx.depth == 0 && lx.head_start == UINT32_MAX)
			lx.head_start = tok.start;
		if (lx.depth > 0 && lx.nparens > 0 && lx.nparens <= LEX_MAX_PARENS && tok.kind != ')')
			lx.parens[lx.nparens - 1].any = 1;
		if (lx.depth == 0 && lx.name.kind && !lx.name_parens_done && lx.head_parens >= 1 &&
		    tok.kind != ')' && !(tok.kind == '(' && lx.head_parens == 0) &&
		    !(lx.head_parens == 1 && lex_is(&lx, &tok, "void") && lx.prev.kind == '('))
			lx.name_any = 1;
		if (lx.depth == 0)
			lex_decl(&lx, &tok);
		switch (tok.kind) {
		case '(':
			if (lx.depth == 0) {
				/* The last NAME( at parenthesis depth 0 names the definition, so a
				 * macro invocation line in front of it does not. */
				if (lx.head_parens == 0 && lx.prev.kind == 'i' && !lex_fptr_next(&lx) &&
				    !lex_in(&lx, &lx.prev, lex_not_callee, sizeof(lex_not_callee) / sizeof(lex_not_callee[0]))) {
					lx.name = lx.prev;
					lx.name_commas = lx.name_any = lx.name_parens_done = lx.name_paren = 0;
				} else if (lx.head_parens == 0 && lex_paren_name(&lx)) {
					lx.name = *lex_h(&lx, 1);   /* `(NAME) (`: a name kept from macros */
					lx.name_commas = lx.name_any = lx.name_parens_done = 0;
					lx.name_paren = 1;
				}
				lx.head_parens++;
			} else if (lx.nparens < LEX_MAX_PARENS) {
				struct lex_open *o = &lx.parens[lx.nparens++];
				o->call = UINT32_MAX;
				o->args_start = tok.start + 1;
				o->commas = o->any = 0;
				o->stmt = o->head = o->loop = 0;
				if (lx.prev.kind == 'i' &&
				    !lex_in(&lx, &lx.prev, lex_not_callee, sizeof(lex_not_callee) / sizeof(lex_not_callee[0]))) {
					o->call = lex_call(&lx, &lx.prev, lx.prev2.kind == '>' || lx.prev2.kind == '.');
					if (lx.loop_heads && o->call != UINT32_MAX)
						((struct dig_call *)unit->calls.data)[o->call].flow |= DIG_FLOW_LOOP;
					o->stmt = lx.nparens == 1 && lx.prev.start == lx.stmt_at && lx.prev2.kind != '>' &&
					          lx.prev2.kind != '.';
				} else if (lx.nparens == 1) {
					o->head = tok.start == lx.stmt_at ||
					          (lx.prev.start == lx.stmt_at && lex_in(&lx, &lx.prev, lex_head_words, 4));
					o->loop = o->head && lex_is(&lx, &lx.prev, "while");
					o->first_call = unit->calls.n;
					lx.loop_heads += o->loop;
				}
			} else {
				lx.nparens++;
			}
			break;
		case ')':
			if (lx.depth == 0) {
				if (lx.head_parens > 0)
					lx.head_parens--;
				if (lx.head_parens == 0 && lx.name.kind && !lx.name_parens_done) {
					lx.name_parens_done = 1;
					lx.name_close = tok.start;
				}
			} else if (lx.nparens > 0) {
				lx.nparens--;
				if (lx.nparens < LEX_MAX_PARENS) {
					struct lex_open *o = &lx.parens[lx.nparens];
					lx.stmt_fresh = o->head;
					lx.loop_heads -= o->loop;
					/* a loop that retries while the call fails is no drain */
					if (o->loop && scan_loop_retries(lx.t + o->args_start, tok.start - o->args_start))
						for (uint32_t k = o->first_call; k < unit->calls.n; k++)
							((struct dig_call *)unit->calls.data)[k].flow &= ~(unsigned)DIG_FLOW_LOOP;
					if (o->call != UINT32_MAX && o->stmt)
						lx.disc_pending = o->call + 1;
					if (o->call != UINT32_MAX) {
						struct dig_call *c = (struct dig_call *)unit->calls.data + o->call;
						int nargs = o->any ? o->commas + 1 : 0;
						c->nargs = (int16_t)(nargs > INT16_MAX ? INT16_MAX : nargs);   /* 16 bits wide */
						c->args = scan_unit_fold(unit, lx.t + o->args_start, tok.start - o->args_start,
						                         SCAN_ARGS_MAX);
						if (!c->args)
							lx.oom = 1;
					}
				}
			}
			break;
		case ',':
			if (lx.depth == 0 && lx.head_parens == 1 && lx.name.kind && !lx.name_parens_done)
				lx.name_commas++;
			else if (lx.depth > 0 && lx.nparens > 0 && lx.nparens <= LEX_MAX_PARENS)
				lx.parens[lx.nparens - 1].commas++;
			break;
		case '=':
			if (lx.depth == 0 && lx.head_parens == 0)
				lx.head_valid = 0;
			break;
		case ';':
			if (lx.depth == 0 && !(lx.name.kind && lx.name_parens_done && lx.head_valid))
				lex_head_reset(&lx);   /* a K&R declaration list keeps its header */
			else if (lx.depth == 0 && lx.prev.kind == ')' && lx.prev.start == lx.name_close)
				lex_head_reset(&lx);   /* `f(void);`: a prototype (not a K&R
				                          declaration `void (*fp)();`) */
			break;
		case '{':
			if (lx.depth == 0 && lx.head_valid && lx.name.kind && lx.name_parens_done && lx.func < 0)
			{
				lex_decl_reset(&lx);
				lex_func_open(&lx, tok.line);
				lx.body_start = tok.start;
				/* a definition named like a deep word is parsed whatever its body says:
				 * its parameters and the state it touches decide what it is */
				lx.body_named = lx.body_value = lx.body_state = lx.body_evidence = lx.body_mentions = 0;
				if (lx.words && !lx.oom) {
					const struct dig_func *df = (const struct dig_func *)unit->funcs.data + lx.func;
					lx.body_named = lex_is_word(&lx, &lx.name) ||
					                (df->name && scan_words_ident(lx.words, df->name, strlen(df->name)));
					lx.defines_deep |= lx.body_named;
				}
			}
			lx.depth++;
			lx.nparens = lx.loop_heads = 0;
			break;
		case '}':
			if (lx.depth > 0)
				lx.depth--;
			lx.nparens = lx.loop_heads = 0;
			if (lx.depth == 0) {
				if (lx.func >= 0) {
					struct dig_func *f = (struct dig_func *)unit->funcs.data + lx.func;
					f->end_line = tok.line;
					f->loc = scan_unit_loc(unit, lx.body_line, tok.line);
					if (lx.record && lex_body_done(&lx, tok.start))
						lx.oom = 1;
					lx.func = -1;
				}
				lex_head_reset(&lx);
			}
			break;
		default:
			break;
		}
		if (lx.words && tok.kind == 'i') {
			/* A deep word as a value (an ops-table entry, a function pointer stored or
			 * passed, an alias `weak_alias(dummy, __malloc_atfork)`) or a field called
			 * through (`ops->alloc(`): registrations, aliases and dispatch types only
			 * the parser reads. */
			int word = lex_is_word(&lx, &tok), field = lx.prev.kind == '>' || lx.prev.kind == '.';
			if (word && field) {
				lx.uses_deep = 1;
				lx.body_value |= lx.func >= 0;
			}
			lx.body_mentions |= word && !field && lx.func >= 0;
			if (lx.func >= 0 && !field && !lx.body_state && lex_static_has(&lx, &tok))
				lx.body_state = 1;
			lx.value_word = word && (lx.prev.kind == '=' || lx.prev.kind == ',' || lx.prev.kind == '{' ||
			                         lx.prev.kind == '(');
		} else if (lx.words) {
			if (lx.value_word && (tok.kind == ',' || tok.kind == ';' || tok.kind == '}' || tok.kind == ')')) {
				lx.uses_deep = 1;
				lx.body_value |= lx.func >= 0;
			}
			/* `xmalloc_failed = give_up;`: a name stored into a variable named with a deep
			 * word, a hook's registration (DIG_REG_HOOK) only the parser reads */
			if (tok.kind == ';' && lex_h(&lx, 0)->kind == 'i' && lex_h(&lx, 1)->kind == '=' &&
			    lex_h(&lx, 2)->kind == 'i' && lex_h(&lx, 3)->kind != '>' && lex_h(&lx, 3)->kind != '.' &&
			    lex_is_word(&lx, lex_h(&lx, 2))) {
				lx.uses_deep = 1;
				lx.body_value |= lx.func >= 0;
			}
			lx.value_word = 0;
		}
		if (lx.words && lx.func >= 0 && !lx.body_evidence)
			lx.body_evidence = lex_evidence(&lx, &tok);
		if (tok.kind == 'i' && lx.prev.kind != '>' && lx.prev.kind != '.')
			lx.chain = tok;
		else if (tok.kind != 'i' && tok.kind != '>' && tok.kind != '.')
			lx.chain.kind = 0;
		if (lx.depth > 0 && lx.nparens == 0 &&
		    (tok.kind == ';' || tok.kind == '{' || tok.kind == '}' || lex_is(&lx, &tok, "else") || lex_is(&lx, &tok, "do")))
			lx.stmt_fresh = 1;
		if (lx.func >= 0 && lx.depth > 0)
			lex_writes(&lx, &tok);
		lex_shift(&lx, &tok);
	}
	/* A definition still open at the end (unbalanced braces): close it at the last line;
	 * in bodies mode it is left to the parser. */
	if (lx.func >= 0) {
		struct dig_func *f = (struct dig_func *)unit->funcs.data + lx.func;
		f->end_line = unit->lines > f->line ? unit->lines : f->line;
		f->loc = scan_unit_loc(unit, lx.body_line, f->end_line);
		if (lx.record) {
			lx.body_named = 1;
			if (lex_body_done(&lx, unit->len))
				lx.oom = 1;
		}
	}
	if (defines_deep)
		*defines_deep = lx.defines_deep;
	if (uses_deep)
		*uses_deep = lx.uses_deep;
	return lx.oom ? -1 : 0;
}

/* Shallow files: every fact from the lexer. */
int scan_lex_extract(struct scan_unit *unit)
{
	return lex_run(unit, NULL, 0, NULL, NULL);
}

/* Order body indices by their function's name (lex_bodies_choose's lookup). */
static int lex_cmp_body_name(const void *a, const void *b, void *ctx)
{
	const struct scan_unit *u = ctx;
	const struct scan_lexbody *lb = u->lexbodies.data;
	const struct dig_func *f = u->funcs.data;
	const char *x = f[lb[*(const uint32_t *)a].func].name, *y = f[lb[*(const uint32_t *)b].func].name;
	int c = strcmp(x ? x : "", y ? y : "");
	return c ? c : (*(const uint32_t *)a > *(const uint32_t *)b) - (*(const uint32_t *)a < *(const uint32_t *)b);
}

/* Which bodies the parser reads: those named like a deep word, their helpers (what they
 * call by name in this file, transitively), those using a deep word as a value or a field,
 * and, in a file that defines a deep-named function (state_rule), those that touch a
 * file-scope static variable (they can be an implementation's helpers); in any file, those
 * that touch one and name a deep word (a bump allocator over sbrk: model/partner.c). Every other body
 * is hidden from the parser: its calls come from the lexer. Returns 0 or -1. */
static int lex_bodies_choose(struct scan_unit *unit, int state_rule)
{
	struct scan_lexbody *b = unit->lexbodies.data;
	const struct dig_func *f = unit->funcs.data;
	const struct dig_call *c = unit->calls.data;
	uint32_t n = unit->lexbodies.n, nf = unit->funcs.n, top = 0;
	uint32_t *byname = malloc(((size_t)n * 4 + nf + 1) * sizeof(uint32_t));

	if (!byname)
		return -1;
	uint32_t *stack = byname + n, *run = stack + n, *of_func = run + 2 * (size_t)n;
	for (uint32_t i = 0; i < nf; i++)
		of_func[i] = UINT32_MAX;
	for (uint32_t k = 0; k < n; k++) {
		b[k].deep = b[k].named || b[k].value || b[k].evidence || ((state_rule || b[k].mentions) && b[k].state);
		byname[k] = k;
		run[2 * k] = run[2 * k + 1] = 0;
		if (b[k].func < nf)
			of_func[b[k].func] = k;
		if (b[k].named)
			stack[top++] = k;
	}
	if (top) {
		qsort_r(byname, n, sizeof(*byname), lex_cmp_body_name, unit);
		/* calls come in position order and bodies do not nest: each body's calls are
		 * one run [run[2k], run[2k+1]) */
		for (uint32_t i = 0; i < unit->calls.n; i++) {
			uint32_t k = c[i].func >= 0 && (uint32_t)c[i].func < nf ? of_func[c[i].func] : UINT32_MAX;
			if (k == UINT32_MAX)
				continue;
			if (run[2 * k + 1] == 0)
				run[2 * k] = i;
			run[2 * k + 1] = i + 1;
		}
		while (top) {
			uint32_t k = stack[--top];
			for (uint32_t i = run[2 * k]; i < run[2 * k + 1]; i++) {
				if (c[i].kind != DIG_CALL_DIRECT || c[i].dead || !c[i].callee)
					continue;
				uint32_t lo = 0, hi = n;
				while (lo < hi) {
					uint32_t mid = lo + (hi - lo) / 2;
					const char *m = f[b[byname[mid]].func].name;
					if (strcmp(m ? m : "", c[i].callee) < 0)
						lo = mid + 1;
					else
						hi = mid;
				}
				for (; lo < n; lo++) {
					struct scan_lexbody *t = &b[byname[lo]];
					const char *m = f[t->func].name;
					if (!m || strcmp(m, c[i].callee) != 0)
						break;
					if (!t->deep) {
						t->deep = 1;
						stack[top++] = byname[lo];
					}
				}
			}
		}
	}
	free(byname);
	for (uint32_t k = 0; k < n; k++) {
		if (b[k].deep || b[k].body_end <= b[k].body_start + 1)
			continue;
		struct scan_bytes *r = scan_vec_push(&unit->blank, sizeof(*r));
		if (!r)
			return -1;
		r->start = b[k].body_start + 1;
		r->end = b[k].body_end;
	}
	return 0;
}

/* The file-scope variables the lexer found (globals[from..n)), kept in unit->lexglobals
 * for the definitions the parser may lose. Returns 0 or -1. */
static int lex_keep_globals(struct scan_unit *unit, uint32_t from)
{
	uint32_t n = unit->globals.n - from;

	unit->lexglobals.n = 0;
	if (n && !scan_vec_resize(&unit->lexglobals, n, sizeof(struct dig_global)))
		return -1;
	if (n)
		memcpy(unit->lexglobals.data, (struct dig_global *)unit->globals.data + from, (size_t)n * sizeof(struct dig_global));
	return 0;
}

/* After the lexer ran in bodies mode: the calls of the bodies hidden from the parser are
 * kept in unit->lexcalls (they stand), those of the bodies the parser reads in
 * unit->lexdeep, and the lexer's definitions in unit->lexfuncs (both for the definitions the
 * parser may lose: scan_lex_merge); the unit's functions and calls are emptied for the tree
 * walk. Returns 0 or -1 (out of memory). */
static int lex_keep(struct scan_unit *unit, uint32_t dead_before)
{
	const struct scan_lexbody *b = unit->lexbodies.data;
	const struct dig_call *c = unit->calls.data;
	uint32_t k = 0;

	for (uint32_t i = 0; i < unit->calls.n; i++) {
		if (c[i].func < 0)
			continue;
		while (k < unit->lexbodies.n && b[k].func < (uint32_t)c[i].func)
			k++;
		if (k >= unit->lexbodies.n || b[k].func != (uint32_t)c[i].func)
			continue;
		struct dig_call *kept = scan_vec_push(b[k].deep ? &unit->lexdeep : &unit->lexcalls, sizeof(*kept));
		if (!kept)
			return -1;
		*kept = c[i];
		kept->func = (int32_t)k;
	}
	if (unit->funcs.n && !scan_vec_resize(&unit->lexfuncs, unit->funcs.n, sizeof(struct dig_func)))
		return -1;
	if (unit->funcs.n)
		memcpy(unit->lexfuncs.data, unit->funcs.data, (size_t)unit->funcs.n * sizeof(struct dig_func));
	unit->funcs.n = 0;
	unit->calls.n = 0;
	unit->dead_calls = dead_before;
	return 0;
}

/* Files that mention a deep word: lex the whole file and decide how deep it goes.
 *   2  it defines a function named like a deep word: it may be an allocator's
 *      implementation: its deep-named definitions, the functions of the file they call
 *      (helpers), those that touch the file's static variables and those that use a deep
 *      word as a value or a field are parsed (lex_bodies_choose);
 *   1  it uses a deep word as a value or calls one through a field, or a body that touches
 *      a static variable of the file names one: the bodies that do are parsed;
 *   in both, the other bodies are hidden from the parser and their lexed calls kept in
 *      unit->lexcalls (func = their body's index in unit->lexbodies); unit->funcs and
 *      unit->calls are emptied for the tree walk, scan_lex_merge puts the kept calls back;
 *   0  it only calls deep words by name: the lexer's facts stand (unit->funcs, calls).
 */
int scan_lex_bodies(struct scan_unit *unit, const struct scan_words *words, int *depth)
{
	uint32_t dead_before = unit->dead_calls, nblank = unit->blank.n, nglobals = unit->globals.n;
	int defines_deep = 0, uses_deep = 0;

	unit->lexbodies.n = 0;
	unit->lexcalls.n = 0;
	unit->lexdeep.n = 0;
	unit->lexfuncs.n = 0;
	if (lex_run(unit, words, 1, &defines_deep, &uses_deep))
		return -1;
	*depth = defines_deep ? 2 : uses_deep ? 1 : 0;
	if (*depth == 0) {
		unit->blank.n = nblank;
		return 0;
	}
	if (lex_keep_globals(unit, nglobals))
		return -1;
	unit->globals.n = nglobals;   /* the parser reads them */
	if (lex_bodies_choose(unit, *depth == 2))
		return -1;
	return lex_keep(unit, dead_before);
}

/* Without deep words: lex the file only to know its definitions, so that scan_lex_merge
 * can give back those the parser loses; every body is left to the parser. 0 or -1. */
int scan_lex_all_bodies(struct scan_unit *unit)
{
	uint32_t dead_before = unit->dead_calls, nglobals = unit->globals.n;

	unit->lexbodies.n = 0;
	unit->lexcalls.n = 0;
	unit->lexdeep.n = 0;
	unit->lexfuncs.n = 0;
	if (lex_run(unit, NULL, 1, NULL, NULL) || lex_keep_globals(unit, nglobals))
		return -1;
	unit->globals.n = nglobals;
	struct scan_lexbody *b = unit->lexbodies.data;
	for (uint32_t k = 0; k < unit->lexbodies.n; k++)
		b[k].deep = 1;
	return lex_keep(unit, dead_before);
}
/* Order calls by position. */
static int lex_cmp_call(const void *a, const void *b)
{
	const struct dig_call *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

/* The parsed definition whose body starts at byte `start` (bodies come in byte order), or
 * -1. */
static int32_t lex_parsed_at(const struct scan_unit *unit, uint32_t start)
{
	const uint32_t *tb = unit->func_body.data;
	uint32_t lo = 0, hi = unit->func_body.n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (tb[mid] == start)
			return (int32_t)mid;
		if (tb[mid] < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The parser's file-scope variables between the end of the lexer's previous body and the
 * end of lost body k (its header and locals, misread) give way to the lexer's there.
 * Returns 0 or -1. */
static int lex_recover_globals(struct scan_unit *unit, uint32_t k, uint32_t last)
{
	const struct scan_lexbody *b = unit->lexbodies.data;
	const struct dig_func *lf = unit->lexfuncs.data;
	uint32_t first = k > 0 && b[k - 1].func < unit->lexfuncs.n ? lf[b[k - 1].func].end_line + 1 : 1;
	struct dig_global *g = unit->globals.data;
	uint32_t kept = 0;

	for (uint32_t i = 0; i < unit->globals.n; i++)
		if (g[i].line < first || g[i].line > last)
			g[kept++] = g[i];
	unit->globals.n = kept;
	const struct dig_global *lg = unit->lexglobals.data;
	for (uint32_t i = 0; i < unit->lexglobals.n; i++) {
		if (lg[i].line < first || lg[i].line > last)
			continue;
		struct dig_global *ng = scan_vec_push(&unit->globals, sizeof(*ng));
		if (!ng)
			return -1;
		*ng = lg[i];
	}
	return 0;
}

/* Give back a live definition the parser lost (its body k has no parsed definition): the
 * lexer's definition, appended. The calls the parser saw between its first and last line
 * move to it (the parser put them at file scope or in a neighbour it ran on into), except
 * its own header misread as a call; when the parser saw none there, the lexer's own calls
 * are taken. A parsed definition that ran on into it ends before it. Returns its index,
 * or -1 (out of memory: *oom set). */
static int32_t lex_recover(struct scan_unit *unit, uint32_t k, uint32_t nparsed, int *oom)
{
	const struct scan_lexbody *b = unit->lexbodies.data;
	const struct dig_func *lf = (const struct dig_func *)unit->lexfuncs.data + b[k].func;
	struct dig_func *f = scan_vec_push(&unit->funcs, sizeof(*f));
	struct dig_call *c;
	int32_t idx = (int32_t)unit->funcs.n - 1;
	uint32_t moved = 0, kept = 0;

	if (!f) {
		*oom = 1;
		return -1;
	}
	*f = *lf;
	if (unit->lexed_defs++ == 0 || f->line < unit->lexed_line)
		unit->lexed_line = f->line;
	for (uint32_t i = 0; i < nparsed; i++) {
		struct dig_func *p = (struct dig_func *)unit->funcs.data + i;
		if (p->line < f->line && p->end_line >= f->line) {
			uint32_t cut = scan_unit_loc(unit, f->line, p->end_line);
			p->loc = p->loc > cut ? p->loc - cut : 0;
			p->end_line = f->line - 1 > p->line ? f->line - 1 : p->line;
		}
	}
	if (lex_recover_globals(unit, k, f->end_line)) {
		*oom = 1;
		return -1;
	}
	c = unit->calls.data;
	/* a header written twice, the old-style one first, leaves that one at file scope
	 * before the lexer's (its header line is the last) */
	uint32_t first = k > 0 && b[k - 1].func < unit->lexfuncs.n ?
	                 ((const struct dig_func *)unit->lexfuncs.data)[b[k - 1].func].end_line + 1 : 1;
	for (uint32_t i = 0; i < unit->calls.n; i++) {
		if (c[i].func < 0 && c[i].line >= first && c[i].line < f->line && c[i].written && f->written_name &&
		    strcmp(c[i].written, f->written_name) == 0) {
			if (c[i].dead && unit->dead_calls)
				unit->dead_calls--;
			continue;                    /* a header, not a call */
		}
		if (c[i].line >= f->line && c[i].line <= f->end_line) {
			if (c[i].line == f->line && c[i].written && f->written_name &&
			    strcmp(c[i].written, f->written_name) == 0) {
				if (c[i].dead && unit->dead_calls)
					unit->dead_calls--;
				continue;            /* the header, not a call */
			}
			c[i].func = idx;
			moved++;
		}
		c[kept++] = c[i];
	}
	unit->calls.n = kept;
	if (moved || !b[k].deep)
		return idx;            /* a hidden body's calls are in lexcalls */
	const struct dig_call *d = unit->lexdeep.data;
	for (uint32_t i = 0; i < unit->lexdeep.n; i++) {
		if ((uint32_t)d[i].func != k)
			continue;
		c = scan_vec_push(&unit->calls, sizeof(*c));
		if (!c) {
			*oom = 1;
			return -1;
		}
		*c = d[i];
		c->func = idx;
		if (c->dead)
			unit->dead_calls++;
	}
	return idx;
}

/* After the tree walk: give each kept call the parsed definition whose body starts where
 * the lexer's did; a body the lexer saw where the parser found no definition (a header
 * split by #if branches, a construct tree-sitter misread) is given back from the lexer's
 * facts (lex_recover). Calls are added and kept in position order. */
int scan_lex_merge(struct scan_unit *unit)
{
	const struct scan_lexbody *b = unit->lexbodies.data;
	const struct dig_func *lf = unit->lexfuncs.data;
	int32_t *at = NULL;
	int oom = 0, sorted = 1;

	if (unit->lexbodies.n == 0)
		return 0;
	at = malloc((size_t)unit->lexbodies.n * sizeof(*at));
	if (!at)
		return -1;
	uint32_t nparsed = unit->funcs.n;
	for (uint32_t k = 0; k < unit->lexbodies.n && !oom; k++) {
		at[k] = lex_parsed_at(unit, b[k].body_start);
		if (at[k] < 0 && b[k].func < unit->lexfuncs.n && !lf[b[k].func].dead) {
			at[k] = lex_recover(unit, k, nparsed, &oom);
			sorted = 0;
		}
	}
	const struct dig_call *kc = unit->lexcalls.data;
	for (uint32_t i = 0; i < unit->lexcalls.n && !oom; i++) {
		struct dig_call *c = scan_vec_push(&unit->calls, sizeof(*c));
		if (!c) {
			oom = 1;
			break;
		}
		*c = kc[i];
		c->func = at[kc[i].func];
		if (c->dead)
			unit->dead_calls++;
		sorted = 0;
	}
	free(at);
	if (oom)
		return -1;
	if (!sorted && unit->calls.n > 1)
		qsort(unit->calls.data, unit->calls.n, sizeof(struct dig_call), lex_cmp_call);
	return 0;
}
