/*
 * dig/scan/knr.c: recovery of K&R function definitions that tree-sitter's C grammar
 * misreads without complaint.
 *
 * The trap: `char *\nmalloc(nbytes)\nunsigned nbytes;\n{...}` parses as a *declaration*
 * (the K&R declarations swallowed into a function declarator) followed by an orphan
 * compound statement at file scope, with no ERROR node; implicit-int definitions
 * `malloc(mp, size) struct map *mp; {...}` parse as an expression statement (a call!) with
 * a MISSING ';', declarations, and again an orphan block. Definitions whose return type is
 * a plain word (`int f(a) int a; {...}`) are parsed correctly and never reach this file.
 *
 * The pass: every compound statement that sits where only top-level items may sit (the
 * translation unit, a top-level #if branch, an ERROR node at file scope) is an orphan. For
 * each, the siblings before it are tried as the start of a K&R header, nearest first; the
 * text from that start to the '{' is re-read lexically against the K&R shape
 *     [specifiers] [*...] NAME ( [ident {, ident}] ) {declaration ;}
 * and the earliest start that still fits wins (so `char *` in front is kept, and a
 * preceding `int x;` is not). The recovered definition (name, return type, pointer level,
 * static, parameters typed from the declaration list, implicit int otherwise) is handed to
 * the tree walk, which opens it at the orphan block and skips the header's nodes, so the
 * header's pseudo-call and pseudo-variables never become facts.
 */
#include <string.h>

#include "dig/scan/scan_impl.h"

#define KNR_MAX_TOKENS 256
#define KNR_MAX_BACK 32
#define KNR_MAX_DEPTH 64

/* A token of a header: an identifier or one punctuation byte; anything else fails. */
struct knr_tok {
	uint32_t start, len;
	char punct;                /* 0 for identifiers */
};

/* Words that may open or qualify a declaration but are not part of a type's spelling. */
static const char *const knr_storage[] = { "static", "extern", "register", "auto", "inline",
                                           "__inline", "__inline__", "const", "volatile" };
/* Words that can never be a function name. */
static const char *const knr_keywords[] = {
	"if", "while", "for", "switch", "return", "sizeof", "do", "else", "case", "goto", "typedef",
	"struct", "union", "enum", "int", "char", "long", "short", "unsigned", "signed", "void",
	"float", "double",
};

/* Is the token the word w? */
static int knr_is(const struct scan_unit *u, const struct knr_tok *t, const char *w)
{
	return !t->punct && strlen(w) == t->len && memcmp(u->text + t->start, w, t->len) == 0;
}

/* Is the token one of a word list? */
static int knr_in(const struct scan_unit *u, const struct knr_tok *t, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (knr_is(u, t, list[i]))
			return 1;
	return 0;
}

/* Tokenise text[a,b): identifiers and the punctuation a header can hold; comments and
 * whitespace are skipped; anything else (strings, '=', braces, numbers outside brackets)
 * makes the text no header. Returns the token count or -1. */
static int knr_lex(const struct scan_unit *u, uint32_t a, uint32_t b, struct knr_tok *toks)
{
	const char *t = u->text;
	int n = 0;

	for (uint32_t i = a; i < b;) {
		unsigned char c = (unsigned char)t[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '\\') {
			i++;
			continue;
		}
		if (c == '/' && i + 1 < b && t[i + 1] == '*') {
			i += 2;
			while (i + 1 < b && !(t[i] == '*' && t[i + 1] == '/'))
				i++;
			i += 2;
			continue;
		}
		if (c == '/' && i + 1 < b && t[i + 1] == '/') {
			while (i < b && t[i] != '\n')
				i++;
			continue;
		}
		if (n >= KNR_MAX_TOKENS)
			return -1;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80 ||
		    (c >= '0' && c <= '9')) {
			uint32_t s = i;
			while (i < b && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') ||
			                 (t[i] >= '0' && t[i] <= '9') || t[i] == '_' || t[i] == '$' ||
			                 (unsigned char)t[i] >= 0x80))
				i++;
			toks[n].start = s;
			toks[n].len = i - s;
			/* numbers only appear inside array brackets: keep them as punctuation 'N' */
			toks[n].punct = (c >= '0' && c <= '9') ? 'N' : 0;
			n++;
			continue;
		}
		if (c == '*' || c == '(' || c == ')' || c == ',' || c == ';' || c == '[' || c == ']') {
			toks[n].start = i;
			toks[n].len = 1;
			toks[n].punct = (char)c;
			n++;
			i++;
			continue;
		}
		return -1;
	}
	return n;
}

/* Join the identifier tokens [a,b) (skipping storage words) with single spaces, then add
 * `stars` pointer levels; "int" when no word is left. */
static const char *knr_type(struct scan_unit *u, const struct knr_tok *toks, int a, int b, int stars)
{
	char buf[160];
	size_t o = 0;

	for (int i = a; i < b; i++) {
		if (toks[i].punct || knr_in(u, &toks[i], knr_storage, sizeof(knr_storage) / sizeof(knr_storage[0])))
			continue;
		if (o + toks[i].len + 2 >= sizeof(buf) - 16)
			break;
		if (o)
			buf[o++] = ' ';
		memcpy(buf + o, u->text + toks[i].start, toks[i].len);
		o += toks[i].len;
	}
	if (o == 0) {
		memcpy(buf, "int", 3);
		o = 3;
	}
	if (stars > 0)
		buf[o++] = ' ';
	for (int i = 0; i < stars && o < sizeof(buf) - 1; i++)
		buf[o++] = '*';
	return scan_unit_intern(u, buf, o);
}

/* One K&R declaration toks[a,b) (without its ';'): give each declared parameter its type. */
static int knr_decl(struct scan_unit *u, const struct knr_tok *toks, int a, int b, struct dig_func *f)
{
	int spec_end = -1;

	/* The specifiers run up to the first declarator: the last identifier before the
	 * first '*', '(' or ',' -- or, with none of those, all but the last identifier. */
	for (int i = a; i < b; i++) {
		if (toks[i].punct == '*' || toks[i].punct == '(' || toks[i].punct == ',' ||
		    toks[i].punct == '[') {
			spec_end = i;
			break;
		}
	}
	if (spec_end < 0)
		spec_end = b;
	if (spec_end == a)
		return 0;
	int last_word = spec_end - 1;
	if (toks[last_word].punct)
		return 0;
	if (spec_end == b || toks[spec_end].punct == ',' || toks[spec_end].punct == '[')
		spec_end = last_word;   /* `unsigned n` / `int a, b` / `char buf[4]`: n is the name */
	if (spec_end <= a)
		return 0;
	/* Each comma-separated declarator: count stars, find its name. */
	for (int i = spec_end; i < b;) {
		int stars = 0, name = -1, depth = 0, bracket = 0;
		for (; i < b && !(toks[i].punct == ',' && depth == 0 && bracket == 0); i++) {
			char p = toks[i].punct;
			if (p == '*')
				stars++;
			else if (p == '(')
				depth++;
			else if (p == ')')
				depth--;
			else if (p == '[') {
				bracket++;
				stars++;
			} else if (p == ']')
				bracket--;
			else if (!p && bracket == 0 && name < 0)
				name = i;
		}
		i++;
		if (name < 0)
			continue;
		for (int q = 0; q < f->nparams; q++) {
			if (strlen(f->param_names[q]) == toks[name].len &&
			    memcmp(f->param_names[q], u->text + toks[name].start, toks[name].len) == 0) {
				f->param_types[q] = knr_type(u, toks, a, spec_end, stars);
				if (!f->param_types[q])
					return -1;
			}
		}
	}
	return 0;
}

/* Does text[a,brace) read as a K&R header? Fills f on success (strings in the arena).
 * Returns 1 (a header), 0 (not one) or -1 (out of memory). */
static int knr_header(struct scan_unit *u, uint32_t a, uint32_t brace, uint32_t line_a, struct dig_func *f)
{
	struct knr_tok toks[KNR_MAX_TOKENS];
	int n = knr_lex(u, a, brace, toks), open = -1, close = -1;

	if (n < 3)
		return 0;
	for (int i = 0; i < n; i++)
		if (toks[i].punct == '(') {
			open = i;
			break;
		}
	if (open < 1 || toks[open - 1].punct ||
	    knr_in(u, &toks[open - 1], knr_keywords, sizeof(knr_keywords) / sizeof(knr_keywords[0])) ||
	    knr_in(u, &toks[open - 1], knr_storage, sizeof(knr_storage) / sizeof(knr_storage[0])))
		return 0;
	int stars = 0;
	for (int i = 0; i < open - 1; i++) {
		if (toks[i].punct == '*')
			stars++;
		else if (toks[i].punct)
			return 0;
		else if (stars)
			return 0;          /* words after a star: not a return type */
	}
	/* The identifier list. */
	int np = 0;
	for (int i = open + 1; i < n; i++) {
		if (toks[i].punct == ')') {
			close = i;
			break;
		}
		int want_word = (i - open - 1) % 2 == 0;
		if (want_word ? toks[i].punct != 0 : toks[i].punct != ',')
			return 0;
		if (want_word)
			np++;
	}
	if (close < 0 || (np > 0 && toks[close - 1].punct))
		return 0;
	/* After the list: declarations only, each ending in ';' -- and not a lone ';' (that
	 * would make the header a prototype). */
	if (close + 1 < n && toks[close + 1].punct == ';')
		return 0;
	if (close + 1 < n && toks[n - 1].punct != ';')
		return 0;
	/* each declaration starts with a word and holds no other header (`NAME ( word`): a
	 * start too early would take `void f(), g();` / `char *h(n) int n;` for one header */
	for (int i = close + 1; i < n; i++)
		if ((toks[i - 1].punct == ';' || i == close + 1) ? toks[i].punct != 0 :
		    (!toks[i - 1].punct && toks[i].punct == '(' && i + 1 < n && !toks[i + 1].punct))
			return 0;
	memset(f, 0, sizeof(*f));
	size_t nl;
	const char *name = u->text + toks[open - 1].start;
	nl = toks[open - 1].len;
	f->written_name = scan_unit_intern(u, name, nl);
	f->name = f->written_name;
	/* Definition-site renames: an object-like macro of this file renames the name. */
	uint32_t line = line_a;
	for (uint32_t i = a; i < toks[open - 1].start; i++)
		line += u->text[i] == '\n';
	for (int hop = 0; hop < 8; hop++) {
		const struct dig_macro *m = scan_unit_macro(u, name, nl, line, 1);
		if (!m || !m->renames_to)
			break;
		f->name = m->renames_to;
		name = m->renames_to;
		nl = strlen(name);
	}
	f->line = line;
	f->return_type = knr_type(u, toks, 0, open - 1, stars);
	f->returns_pointer = stars > 0;
	f->knr = 1;
	for (int i = 0; i < open - 1; i++)
		if (knr_is(u, &toks[i], "static"))
			f->is_static = 1;
	f->nparams = np;
	if (np) {
		f->param_names = dig_arena_alloc(u->arena, (size_t)np * sizeof(char *));
		f->param_types = dig_arena_alloc(u->arena, (size_t)np * sizeof(char *));
		if (!f->param_names || !f->param_types)
			return -1;
		for (int i = open + 1, k = 0; i < close; i += 2, k++) {
			f->param_names[k] = scan_unit_intern(u, u->text + toks[i].start, toks[i].len);
			f->param_types[k] = "int";
			if (!f->param_names[k])
				return -1;
		}
	}
	for (int i = close + 1; i < n;) {
		int e = i;
		while (e < n && toks[e].punct != ';')
			e++;
		if (knr_decl(u, toks, i, e, f))
			return -1;
		i = e + 1;
	}
	return f->written_name && f->return_type ? 1 : -1;
}

/* Try the siblings before an orphan block as header starts; prev[0..nprev) holds them,
 * nearest last. */
static int knr_try(struct scan_unit *u, const TSNode *prev, uint32_t nprev, TSNode block)
{
	uint32_t brace = ts_node_start_byte(block), best = UINT32_MAX;
	struct dig_func f, found;
	int got = 0;

	for (uint32_t back = 1; back <= nprev; back++) {
		TSNode s = prev[nprev - back];
		int r = knr_header(u, ts_node_start_byte(s), brace, ts_node_start_point(s).row + 1, &f);
		if (r < 0)
			return -1;
		if (r == 0 && got)
			break;
		if (r == 1) {
			got = 1;
			best = ts_node_start_byte(s);
			found = f;
		}
	}
	if (!got)
		return 0;
	struct scan_knr *k = scan_vec_push(&u->knr, sizeof(*k));
	if (!k)
		return -1;
	k->header_start = best;
	k->body_start = brace;
	k->func = found;
	return 0;
}

/* Kinds of nodes that hold top-level items. */
static int knr_container(const char *type)
{
	static const char *const kinds[] = { "translation_unit", "ERROR", "preproc_if", "preproc_ifdef",
	                                     "preproc_else", "preproc_elif", "preproc_elifdef",
	                                     "linkage_specification", "declaration_list" };
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(type, kinds[i]) == 0)
			return 1;
	return 0;
}

/* Visit containers (bounded depth); try each orphan block in them. */
static int knr_visit(struct scan_unit *u, TSNode node, int depth)
{
	TSNode ring[KNR_MAX_BACK], prev[KNR_MAX_BACK];
	uint32_t seen = 0;
	int rc = 0;

	if (depth > KNR_MAX_DEPTH)
		return 0;
	TSTreeCursor cur = ts_tree_cursor_new(node);
	for (int ok = ts_tree_cursor_goto_first_child(&cur); ok && rc == 0;
	     ok = ts_tree_cursor_goto_next_sibling(&cur)) {
		TSNode c = ts_tree_cursor_current_node(&cur);
		const char *type = ts_node_type(c);
		if (strcmp(type, "compound_statement") == 0) {
			uint32_t n = seen < KNR_MAX_BACK ? seen : KNR_MAX_BACK;
			for (uint32_t k = 0; k < n; k++)   /* oldest first */
				prev[k] = ring[(seen - n + k) % KNR_MAX_BACK];
			rc = knr_try(u, prev, n, c);
		} else if (knr_container(type)) {
			rc = knr_visit(u, c, depth + 1);
		}
		ring[seen % KNR_MAX_BACK] = c;
		seen++;
	}
	ts_tree_cursor_delete(&cur);
	return rc;
}

/* Entry: find every recoverable K&R definition of the file. */
int scan_knr_find(struct scan_unit *unit, TSNode root)
{
	return knr_visit(unit, root, 0);
}
