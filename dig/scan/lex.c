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
 *     its return type is the words before NAME, its parameter count the commas;
 *   - inside a definition, `NAME (` is a call unless NAME is a keyword; `x->NAME (` and
 *     `x.NAME (` are dispatch calls; the argument text and count come from the matching
 *     ')'; macro renames of this file apply as in the tree walk.
 * Not recovered in shallow files: parameter types, pointer calls, locals' types, file-scope
 * variables, registrations, and evidence other than #include and macro bodies.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/scan/scan_impl.h"

#define LEX_MAX_PARENS 256

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
};

/* The lexer's state. */
struct lex {
	struct scan_unit *u;
	const char *t;
	uint32_t len, pos, line, line_start;
	struct lex_tok prev, prev2;        /* the last two tokens */
	struct lex_tok chain;              /* first identifier of the current a->b.c chain */
	int depth;                         /* brace depth */
	int32_t func;                      /* open definition, or -1 */
	/* the top-level header being read since the last ';' or '}' */
	uint32_t head_start;               /* first token of the header */
	int head_valid;                    /* no '=' or struct/union/enum at depth 0 */
	struct lex_tok name;               /* first NAME followed by '(' at parenthesis depth 0 */
	int name_commas, name_any, name_parens_done;
	uint32_t body_line;                /* line of the open definition's '{' */
	int head_parens;                   /* parenthesis depth inside the header */
	struct lex_open parens[LEX_MAX_PARENS];
	int nparens;
	int oom;
	/* bodies mode (scan_lex_bodies): which definitions mention a deep word */
	const char *const *words;          /* the deep words, or NULL (scan_lex_extract) */
	int nwords;
	uint32_t body_start;               /* byte of the open definition's '{' */
	int body_deep;                     /* the open body mentions a deep word */
};

/* Is the token the word w? */
static int lex_is(const struct lex *lx, const struct lex_tok *t, const char *w)
{
	size_t n = strlen(w);

	return t->kind == 'i' && t->len == n && memcmp(lx->t + t->start, w, n) == 0;
}

/* Is the token one of the words? */
static int lex_in(const struct lex *lx, const struct lex_tok *t, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lex_is(lx, t, words[i]))
			return 1;
	return 0;
}

/* Identifier bytes. */
static int lex_ident(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '$' || c >= 0x80;
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
		if (lex_ident(c)) {
			while (lx->pos < lx->len && lex_ident((unsigned char)t[lx->pos]))
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

/* Start a new top-level header at the next token. */
static void lex_head_reset(struct lex *lx)
{
	lx->head_start = UINT32_MAX;
	lx->head_valid = 1;
	lx->name.kind = 0;
	lx->name_commas = lx->name_any = lx->name_parens_done = 0;
	lx->head_parens = 0;
}

/* Return type text from the header's words before the name, storage words dropped. */
static const char *lex_return_type(struct lex *lx, int *stars, int *is_static)
{
	struct lex saved = *lx;
	char buf[128];
	size_t o = 0;

	*stars = 0;
	*is_static = 0;
	/* Re-lex the header from its start up to the name: the text is small. */
	lx->pos = lx->head_start;
	for (;;) {
		struct lex_tok t = lex_next(lx);
		if (t.kind == 0 || t.start >= saved.name.start)
			break;
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
	*lx = saved;
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
	f->nparams = !lx->name_any ? 0 : lx->name_commas + 1;
	if (f->nparams > 0) {
		/* Shallow: the count is known, the types and names are not ("" each). */
		int np = f->nparams;
		const char **types = dig_arena_alloc(lx->u->arena, (size_t)np * sizeof(char *));
		const char **names = dig_arena_alloc(lx->u->arena, (size_t)np * sizeof(char *));
		f = (struct dig_func *)lx->u->funcs.data + (lx->u->funcs.n - 1);
		if (!types || !names) {
			lx->oom = 1;
			return;
		}
		for (int k = 0; k < np; k++)
			types[k] = names[k] = "";
		f->param_types = types;
		f->param_names = names;
	}
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

/* Is the identifier one of the deep words? (A few dozen words: a length check first.) */
static int lex_is_word(const struct lex *lx, const struct lex_tok *t)
{
	for (int i = 0; i < lx->nwords; i++)
		if (lx->words[i] && strlen(lx->words[i]) == t->len && memcmp(lx->words[i], lx->t + t->start, t->len) == 0)
			return 1;
	return 0;
}

/* Bodies mode: a definition's body ended at byte `close`. A body that mentions no deep word
 * is hidden from the parser (its calls stay, from here); a deep one is left to the parser
 * (its calls from here are dropped when the lexer finishes). */
static int lex_body_done(struct lex *lx, uint32_t close)
{
	struct scan_lexbody *b = scan_vec_push(&lx->u->lexbodies, sizeof(*b));

	if (!b)
		return -1;
	b->body_start = lx->body_start;
	b->func = (uint32_t)lx->func;
	b->deep = lx->body_deep;
	if (!lx->body_deep && close > lx->body_start + 1) {
		struct scan_bytes *r = scan_vec_push(&lx->u->blank, sizeof(*r));
		if (!r)
			return -1;
		r->start = lx->body_start + 1;
		r->end = close;
	}
	return 0;
}

/* The lexer's main loop. */
static int lex_run(struct scan_unit *unit, const char *const *words, int nwords)
{
	struct lex lx;

	memset(&lx, 0, sizeof(lx));
	lx.u = unit;
	lx.t = unit->text;
	lx.len = unit->len;
	lx.line = 1;
	lx.func = -1;
	lx.words = words;
	lx.nwords = nwords;
	lex_head_reset(&lx);
	for (;;) {
		struct lex_tok tok = lex_next(&lx);
		if (tok.kind == 0 || lx.oom)
			break;
		if (tok.kind == 's') {
			if (lx.depth > 0 && lx.nparens > 0 && lx.nparens <= LEX_MAX_PARENS)
				lx.parens[lx.nparens - 1].any = 1;
			lx.prev2 = lx.prev;
			lx.prev = tok;
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
		switch (tok.kind) {
		case '(':
			if (lx.depth == 0) {
				/* The last NAME( at parenthesis depth 0 names the definition, so a
				 * macro invocation line in front of it does not. */
				if (lx.head_parens == 0 && lx.prev.kind == 'i' &&
				    !lex_in(&lx, &lx.prev, lex_not_callee, sizeof(lex_not_callee) / sizeof(lex_not_callee[0]))) {
					lx.name = lx.prev;
					lx.name_commas = lx.name_any = lx.name_parens_done = 0;
				}
				lx.head_parens++;
			} else if (lx.nparens < LEX_MAX_PARENS) {
				struct lex_open *o = &lx.parens[lx.nparens++];
				o->call = UINT32_MAX;
				o->args_start = tok.start + 1;
				o->commas = o->any = 0;
				if (lx.prev.kind == 'i' &&
				    !lex_in(&lx, &lx.prev, lex_not_callee, sizeof(lex_not_callee) / sizeof(lex_not_callee[0])))
					o->call = lex_call(&lx, &lx.prev, lx.prev2.kind == '>' || lx.prev2.kind == '.');
			} else {
				lx.nparens++;
			}
			break;
		case ')':
			if (lx.depth == 0) {
				if (lx.head_parens > 0)
					lx.head_parens--;
				if (lx.head_parens == 0 && lx.name.kind && !lx.name_parens_done)
					lx.name_parens_done = 1;
			} else if (lx.nparens > 0) {
				lx.nparens--;
				if (lx.nparens < LEX_MAX_PARENS) {
					struct lex_open *o = &lx.parens[lx.nparens];
					if (o->call != UINT32_MAX) {
						struct dig_call *c = (struct dig_call *)unit->calls.data + o->call;
						c->nargs = o->any ? o->commas + 1 : 0;
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
			else if (lx.depth == 0 && lx.prev.kind == ')')
				lex_head_reset(&lx);   /* `f(void);`: a prototype */
			break;
		case '{':
			if (lx.depth == 0 && lx.head_valid && lx.name.kind && lx.name_parens_done && lx.func < 0)
			{
				lex_func_open(&lx, tok.line);
				lx.body_start = tok.start;
				lx.body_deep = 0;
			}
			lx.depth++;
			lx.nparens = 0;
			break;
		case '}':
			if (lx.depth > 0)
				lx.depth--;
			lx.nparens = 0;
			if (lx.depth == 0) {
				if (lx.func >= 0) {
					struct dig_func *f = (struct dig_func *)unit->funcs.data + lx.func;
					f->end_line = tok.line;
					f->loc = scan_unit_loc(unit, lx.body_line, tok.line);
					if (lx.words && lex_body_done(&lx, tok.start))
						lx.oom = 1;
					lx.func = -1;
				}
				lex_head_reset(&lx);
			}
			break;
		default:
			break;
		}
		if (lx.words && lx.func >= 0 && tok.kind == 'i' && !lx.body_deep && lex_is_word(&lx, &tok))
			lx.body_deep = 1;
		if (tok.kind == 'i' && lx.prev.kind != '>' && lx.prev.kind != '.')
			lx.chain = tok;
		else if (tok.kind != 'i' && tok.kind != '>' && tok.kind != '.')
			lx.chain.kind = 0;
		lx.prev2 = lx.prev;
		lx.prev = tok;
	}
	/* A definition still open at the end (unbalanced braces): close it at the last line;
	 * in bodies mode it is left to the parser. */
	if (lx.func >= 0) {
		struct dig_func *f = (struct dig_func *)unit->funcs.data + lx.func;
		f->end_line = unit->lines > f->line ? unit->lines : f->line;
		f->loc = scan_unit_loc(unit, lx.body_line, f->end_line);
		if (lx.words) {
			lx.body_deep = 1;
			if (lex_body_done(&lx, unit->len))
				lx.oom = 1;
		}
	}
	return lx.oom ? -1 : 0;
}

/* Shallow files: every fact from the lexer. */
int scan_lex_extract(struct scan_unit *unit)
{
	return lex_run(unit, NULL, 0);
}

/* Deep files: lex the whole file, hide the bodies that mention no deep word from the
 * parser, and keep the calls lexed in those bodies in unit->lexcalls (with the index of
 * their body in unit->lexbodies as func). unit->funcs and unit->calls are emptied for the
 * tree walk; scan_lex_merge puts the kept calls back. */
int scan_lex_bodies(struct scan_unit *unit, const char *const *words, int nwords)
{
	uint32_t dead_before = unit->dead_calls;

	unit->lexbodies.n = 0;
	unit->lexcalls.n = 0;
	if (lex_run(unit, words, nwords))
		return -1;
	/* func index -> body index */
	const struct scan_lexbody *b = unit->lexbodies.data;
	const struct dig_call *c = unit->calls.data;
	uint32_t k = 0;
	for (uint32_t i = 0; i < unit->calls.n; i++) {
		if (c[i].func < 0)
			continue;
		while (k < unit->lexbodies.n && b[k].func < (uint32_t)c[i].func)
			k++;
		if (k >= unit->lexbodies.n || b[k].func != (uint32_t)c[i].func || b[k].deep)
			continue;
		struct dig_call *kept = scan_vec_push(&unit->lexcalls, sizeof(*kept));
		if (!kept)
			return -1;
		*kept = c[i];
		kept->func = (int32_t)k;
	}
	unit->funcs.n = 0;
	unit->calls.n = 0;
	unit->dead_calls = dead_before;
	return 0;
}

/* Order calls by position. */
static int lex_cmp_call(const void *a, const void *b)
{
	const struct dig_call *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

/* After the tree walk: give each kept call the parsed definition whose body starts where
 * the lexer's did (-1 if the parser saw none there), add the calls, keep position order. */
int scan_lex_merge(struct scan_unit *unit)
{
	const struct scan_lexbody *b = unit->lexbodies.data;
	const uint32_t *tb = unit->func_body.data;
	const struct dig_call *kc = unit->lexcalls.data;

	if (unit->lexcalls.n == 0)
		return 0;
	for (uint32_t i = 0; i < unit->lexcalls.n; i++) {
		struct dig_call *c = scan_vec_push(&unit->calls, sizeof(*c));
		if (!c)
			return -1;
		*c = kc[i];
		uint32_t start = b[kc[i].func].body_start;
		c->func = -1;
		uint32_t lo = 0, hi = unit->func_body.n;      /* bodies come in byte order */
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (tb[mid] == start) {
				c->func = (int32_t)mid;
				break;
			}
			if (tb[mid] < start)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (c->dead)
			unit->dead_calls++;
	}
	qsort(unit->calls.data, unit->calls.n, sizeof(struct dig_call), lex_cmp_call);
	return 0;
}

/* memmem for each word, accepting a hit only at identifier boundaries; the first whole
 * word found decides. */
int scan_lex_mentions(const char *text, size_t len, const char *const *words, int nwords)
{
	for (int i = 0; i < nwords; i++) {
		size_t n = words[i] ? strlen(words[i]) : 0;
		const char *p = text, *end = text + len;
		while (n && p < end) {
			const char *hit = memmem(p, (size_t)(end - p), words[i], n);
			if (!hit)
				break;
			int before = hit > text && lex_ident((unsigned char)hit[-1]);
			int after = hit + n < end && lex_ident((unsigned char)hit[n]);
			if (!before && !after)
				return 1;
			p = hit + 1;
		}
	}
	return 0;
}
