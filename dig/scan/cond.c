/*
 * dig/scan/cond.c: the value of an #if condition, as far as the tree decides it.
 *
 * A compiler evaluates `#if` with every macro the build defines; strata runs no build, so
 * a condition has three values: true, false, or unknown (it depends on what only the
 * build knows). pp.c asks here for #if and #elif, and for the names of #ifdef and
 * #ifndef; only a known value makes a branch dead (pp.c), an unknown one leaves every
 * branch live as before.
 *
 * What is known about a name (struct scan_pp_name, kept by pp.c while it reads the file
 * top to bottom): defined for sure (a #define the file reads whatever the build says: not
 * inside a branch whose condition is unknown; or a -D of the build command), undefined
 * for sure (a sure #undef, a -U), or unknown (defined or undefined only under an unknown
 * condition). A name the file says nothing of (or #undefs before an #include) is what the
 * headers it included so far tell (headers.c: their sure definitions and the tree's
 * config defaults), else unknown: the build may define it. A sure object-like definition
 * gives its body as the value, evaluated in turn (16 levels at most).
 *
 * The grammar is C's for #if: integer constants (decimal, octal, hex; u/l suffixes),
 * `defined NAME` and `defined(NAME)`, unary ! ~ - +, binary * / % + - << >> < <= > >=
 * == != & ^ | && ||, ?: and parentheses; a function-like macro call is unknown, and so is
 * anything the evaluator does not read (a character constant, a cast). Unknown values
 * spread through operators except where C's short-circuit makes the other side decide
 * (`0 && X` is 0, `1 || X` is 1) and where both sides of ?: agree. Arithmetic is in 64
 * bits, signed (the preprocessor's intmax_t); division by zero is unknown.
 */
#include <stdlib.h>
#include <string.h>

#include "dig/scan/scan_impl.h"

#define COND_MAX_DEPTH 16    /* macro bodies inside macro bodies */
#define COND_MAX_NEST 64     /* parentheses and operators nested */

/* A three-valued number: known with a value, or unknown. */
struct cond_val {
	int known;
	int64_t v;
};

/* One evaluation over a text. */
struct cond {
	const struct scan_pp_names *names;
	const char *s;
	size_t n, i;
	int depth;               /* macro bodies entered */
	int nest;                /* recursion of the parser */
	int bad;                 /* a syntax the evaluator does not read: the result is unknown */
};

static struct cond_val cond_ternary(struct cond *c);

/* ---- the names table ---------------------------------------------------------------- */

/* The slot of s[0..n) with hash h: its entry, or the free slot where it would go. */
static struct scan_pp_name *cond_slot(const struct scan_pp_names *t, const char *s, size_t n, uint32_t h)
{
	uint32_t mask = t->cap - 1;

	for (uint32_t i = h & mask;; i = (i + 1) & mask) {
		struct scan_pp_name *e = &t->slots[i];
		if (!e->name || (e->hash == h && strncmp(e->name, s, n) == 0 && e->name[n] == '\0'))
			return e;
	}
}

/* Give the table's storage back. */
static void cond_names_fini(struct scan_pp_names *t)
{
	free(t->slots);
	t->slots = NULL;
	t->cap = t->n = t->undefined = 0;
}

void scan_pp_names_reset(struct scan_pp_names *t)
{
	/* a table grown for a file with thousands of names is given up when the last file
	 * needed far less, as the intern table is */
	if (t->cap > 4096 && t->n * 16 < t->cap)
		cond_names_fini(t);
	else if (t->slots)
		memset(t->slots, 0, (size_t)t->cap * sizeof(*t->slots));
	t->n = t->undefined = 0;
}

/* Double the table (or make it). */
static int cond_grow(struct scan_pp_names *t)
{
	uint32_t cap = t->cap ? t->cap * 2 : 64;
	struct scan_pp_name *old = t->slots, *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -1;
	struct scan_pp_names grown = { slots, cap, t->n, t->reach, t->undefined };
	for (uint32_t i = 0; i < t->cap; i++)
		if (old[i].name)
			*cond_slot(&grown, old[i].name, strlen(old[i].name), old[i].hash) = old[i];
	free(old);
	*t = grown;
	return 0;
}

int scan_pp_names_set(struct scan_pp_names *t, const char *name, enum scan_pp_state state, const char *body)
{
	size_t n = strlen(name);
	uint32_t h = scan_str_hash(name, n);

	if ((t->n + 1) * 2 > t->cap && cond_grow(t))
		return -1;
	struct scan_pp_name *e = cond_slot(t, name, n, h);
	if (!e->name) {
		e->name = name;
		e->hash = h;
		t->n++;
	}
	t->undefined += (state == SCAN_PP_UNDEFINED) - (e->state == SCAN_PP_UNDEFINED);
	e->state = (unsigned char)state;
	e->body = state == SCAN_PP_DEFINED ? body : NULL;
	return 0;
}

/* Every #include calls this: a walk of the whole table only when some name is surely
 * undefined (t->undefined counts them), which most files never have. */
void scan_pp_names_forget_undefined(struct scan_pp_names *t)
{
	if (t->undefined == 0)
		return;
	t->undefined = 0;
	for (uint32_t i = 0; i < t->cap; i++)
		if (t->slots[i].name && t->slots[i].state == SCAN_PP_UNDEFINED)
			t->slots[i].state = SCAN_PP_HEADERS;
}

/* What is known of s[0..n): the file's own entry, or (a name the file says nothing of,
 * or one it left to its headers) what the headers it included so far tell, made in *tmp;
 * NULL when nothing is known (unknown). */
static const struct scan_pp_name *cond_find(const struct scan_pp_names *t, const char *s, size_t n,
                                            struct scan_pp_name *tmp)
{
	const struct scan_pp_name *e = t->cap ? cond_slot(t, s, n, scan_str_hash(s, n)) : NULL;

	if (e && e->name && e->state != SCAN_PP_HEADERS)
		return e;
	if (scan_hdr_lookup(t->reach, s, n, &tmp->body) != 1)
		return NULL;
	tmp->name = "";
	tmp->hash = 0;
	tmp->state = SCAN_PP_DEFINED;
	return tmp;
}

int scan_pp_defined(const struct scan_pp_names *t, const char *s, size_t n)
{
	struct scan_pp_name tmp;
	const struct scan_pp_name *e = cond_find(t, s, n, &tmp);

	if (!e || e->state == SCAN_PP_UNKNOWN)
		return -1;
	return e->state == SCAN_PP_DEFINED;
}

/* ---- the evaluator --------------------------------------------------------------------- */

static const struct cond_val cond_unknown = { 0, 0 };

/* A known value. */
static struct cond_val cond_of(int64_t v)
{
	struct cond_val r = { 1, v };
	return r;
}

/* Skip blanks. */
static void cond_ws(struct cond *c)
{
	while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\r' || c->s[c->i] == '\f' ||
	                       c->s[c->i] == '\v'))
		c->i++;
}

/* Is the next text the operator `op` (and not the start of a longer one)? Consumes it. */
static int cond_op(struct cond *c, const char *op)
{
	size_t l = strlen(op);

	cond_ws(c);
	if (c->i + l > c->n || memcmp(c->s + c->i, op, l) != 0)
		return 0;
	/* `<` is not `<<` or `<=`, `&` is not `&&`, `|` is not `||`, `!` is not `!=`, `=` alone is no operator */
	if (c->i + l < c->n) {
		char next = c->s[c->i + l];
		if ((l == 1 && (op[0] == '<' || op[0] == '>') && (next == op[0] || next == '=')) ||
		    (l == 1 && (op[0] == '&' || op[0] == '|') && next == op[0]) ||
		    (l == 1 && op[0] == '!' && next == '=') ||
		    (l == 2 && (op[0] == '<' || op[0] == '>') && op[1] == op[0] && next == '='))
			return 0;
	}
	c->i += l;
	return 1;
}

/* An integer constant (the caller saw a digit). */
static struct cond_val cond_number(struct cond *c)
{
	uint64_t v = 0;
	int base = 10;

	if (c->s[c->i] == '0' && c->i + 1 < c->n && (c->s[c->i + 1] == 'x' || c->s[c->i + 1] == 'X')) {
		base = 16;
		c->i += 2;
	} else if (c->s[c->i] == '0') {
		base = 8;
	}
	for (; c->i < c->n; c->i++) {
		char d = c->s[c->i];
		int dv = d >= '0' && d <= '9' ? d - '0' : d >= 'a' && d <= 'f' ? d - 'a' + 10 : d >= 'A' && d <= 'F' ? d - 'A' + 10 : -1;
		if (dv < 0 || dv >= base)
			break;
		v = v * (uint64_t)base + (uint64_t)dv;
	}
	while (c->i < c->n && (c->s[c->i] == 'u' || c->s[c->i] == 'U' || c->s[c->i] == 'l' || c->s[c->i] == 'L'))
		c->i++;
	if (c->i < c->n && scan_ident_byte((unsigned char)c->s[c->i]))
		c->bad = 1;        /* 1.5, 08, 1e3: not an integer the evaluator reads */
	return cond_of((int64_t)v);
}

/* Skip a balanced parenthesised group (a function-like macro's arguments). */
static void cond_skip_group(struct cond *c)
{
	int level = 0;

	for (; c->i < c->n; c->i++) {
		if (c->s[c->i] == '(')
			level++;
		else if (c->s[c->i] == ')' && --level == 0) {
			c->i++;
			return;
		}
	}
	c->bad = 1;
}

/* `defined NAME` or `defined ( NAME )` (the word `defined` read already). */
static struct cond_val cond_defined(struct cond *c)
{
	int paren = cond_op(c, "(");
	size_t a;

	cond_ws(c);
	a = c->i;
	while (c->i < c->n && scan_ident_byte((unsigned char)c->s[c->i]))
		c->i++;
	size_t len = c->i - a;
	if (len == 0 || (paren && !cond_op(c, ")"))) {
		c->bad = 1;
		return cond_unknown;
	}
	int d = scan_pp_defined(c->names, c->s + a, len);
	return d < 0 ? cond_unknown : cond_of(d);
}

/* A name: its sure object-like definition's value, 0 when surely undefined, else unknown. */
static struct cond_val cond_name(struct cond *c, size_t a)
{
	struct scan_pp_name tmp;
	const struct scan_pp_name *e = cond_find(c->names, c->s + a, c->i - a, &tmp);
	const char *body = e && e->state == SCAN_PP_DEFINED ? e->body : NULL;
	int d = !e || e->state == SCAN_PP_UNKNOWN ? -1 : e->state == SCAN_PP_DEFINED;

	cond_ws(c);
	if (c->i < c->n && c->s[c->i] == '(') {   /* a function-like macro call */
		cond_skip_group(c);
		return cond_unknown;
	}
	if (d == 0)
		return cond_of(0);
	if (d < 0 || !body || c->depth >= COND_MAX_DEPTH)
		return cond_unknown;
	struct cond sub = { c->names, body, strlen(body), 0, c->depth + 1, c->nest, 0 };
	struct cond_val v = cond_ternary(&sub);
	cond_ws(&sub);
	if (sub.bad || sub.i != sub.n)
		return cond_unknown;
	return v;
}

/* Primary and unary expressions. */
static struct cond_val cond_unary(struct cond *c)
{
	struct cond_val v;

	cond_ws(c);
	if (c->i >= c->n || ++c->nest > COND_MAX_NEST) {
		c->bad = 1;
		return cond_unknown;
	}
	char ch = c->s[c->i];
	if (ch == '(') {
		c->i++;
		v = cond_ternary(c);
		if (!cond_op(c, ")"))
			c->bad = 1;
	} else if (ch == '!' || ch == '~' || ch == '-' || ch == '+') {
		c->i++;
		v = cond_unary(c);
		if (v.known)
			v.v = ch == '!' ? !v.v : ch == '~' ? ~v.v : ch == '-' ? (int64_t)(0 - (uint64_t)v.v) : v.v;
	} else if (ch >= '0' && ch <= '9') {
		v = cond_number(c);
	} else if (scan_ident_byte((unsigned char)ch)) {
		size_t a = c->i;
		while (c->i < c->n && scan_ident_byte((unsigned char)c->s[c->i]))
			c->i++;
		if (c->i - a == 7 && memcmp(c->s + a, "defined", 7) == 0)
			v = cond_defined(c);
		else
			v = cond_name(c, a);
	} else {
		c->bad = 1;        /* a character constant, a string, a stray byte */
		v = cond_unknown;
	}
	c->nest--;
	return v;
}

/* Apply a binary operator to two known values; *ok = 0 for a division by zero or a shift
 * out of range. */
static int64_t cond_apply(const char *op, int64_t a, int64_t b, int *ok)
{
	switch (op[0]) {
	case '*': return (int64_t)((uint64_t)a * (uint64_t)b);
	case '/': if (b == 0 || (a == INT64_MIN && b == -1)) { *ok = 0; return 0; } return a / b;
	case '%': if (b == 0 || (a == INT64_MIN && b == -1)) { *ok = 0; return 0; } return a % b;
	case '+': return (int64_t)((uint64_t)a + (uint64_t)b);
	case '-': return (int64_t)((uint64_t)a - (uint64_t)b);
	case '<':
		if (op[1] == '<') {
			if (b < 0 || b > 63) { *ok = 0; return 0; }
			return (int64_t)((uint64_t)a << b);
		}
		return op[1] == '=' ? a <= b : a < b;
	case '>':
		if (op[1] == '>') {
			if (b < 0 || b > 63) { *ok = 0; return 0; }
			return a >> b;
		}
		return op[1] == '=' ? a >= b : a > b;
	case '=': return a == b;
	case '!': return a != b;
	case '&': return a & b;
	case '^': return a ^ b;
	case '|': return a | b;
	default: *ok = 0; return 0;
	}
}

/* The binary operators by precedence level, tightest first. */
static const char *const cond_levels[][4] = {
	{ "*", "/", "%", NULL },
	{ "+", "-", NULL, NULL },
	{ "<<", ">>", NULL, NULL },
	{ "<=", ">=", "<", ">" },
	{ "==", "!=", NULL, NULL },
	{ "&", NULL, NULL, NULL },
	{ "^", NULL, NULL, NULL },
	{ "|", NULL, NULL, NULL },
};
#define COND_NLEVELS (int)(sizeof(cond_levels) / sizeof(cond_levels[0]))

/* A binary expression at precedence level `level` (-1: a unary expression). */
static struct cond_val cond_binary(struct cond *c, int level)
{
	if (level < 0)
		return cond_unary(c);
	struct cond_val v = cond_binary(c, level - 1);
	for (;;) {
		const char *op = NULL;
		for (int k = 0; k < 4 && cond_levels[level][k] && !op; k++)
			if (cond_op(c, cond_levels[level][k]))
				op = cond_levels[level][k];
		if (!op || c->bad)
			return v;
		struct cond_val r = cond_binary(c, level - 1);
		int ok = 1;
		if (!v.known || !r.known) {
			v = cond_unknown;
			continue;
		}
		v.v = cond_apply(op, v.v, r.v, &ok);
		if (!ok)
			v = cond_unknown;
	}
}

/* && and ||: a known left side that decides makes the right side's value not matter (C's
 * short circuit), and so does a right side that decides. */
static struct cond_val cond_logic(struct cond *c, int is_or)
{
	struct cond_val v = is_or ? cond_logic(c, 0) : cond_binary(c, COND_NLEVELS - 1);

	while (!c->bad && cond_op(c, is_or ? "||" : "&&")) {
		struct cond_val r = is_or ? cond_logic(c, 0) : cond_binary(c, COND_NLEVELS - 1);
		int decide = is_or ? 1 : 0;      /* the value that decides: 1 for ||, 0 for && */
		if ((v.known && (v.v != 0) == decide) || (r.known && (r.v != 0) == decide))
			v = cond_of(decide);
		else if (v.known && r.known)
			v = cond_of(!decide);
		else
			v = cond_unknown;
	}
	return v;
}

/* ?: (right-associative); an unknown condition is known only when both sides agree. */
static struct cond_val cond_ternary(struct cond *c)
{
	struct cond_val v = cond_logic(c, 1);

	if (c->bad || !cond_op(c, "?"))
		return v;
	struct cond_val a = cond_ternary(c);
	if (!cond_op(c, ":")) {
		c->bad = 1;
		return cond_unknown;
	}
	struct cond_val b = cond_ternary(c);
	if (v.known)
		return v.v ? a : b;
	return a.known && b.known && a.v == b.v ? a : cond_unknown;
}

int scan_pp_cond(const struct scan_pp_names *names, const char *s, size_t n)
{
	struct cond c = { names, s, n, 0, 0, 0, 0 };
	struct cond_val v = cond_ternary(&c);

	cond_ws(&c);
	if (c.bad || c.i != c.n || !v.known)
		return -1;
	return v.v != 0;
}
