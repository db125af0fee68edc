/*
 * dig/model/features.c: an implementation's feature profile, each feature with the lines
 * that show it. Only live code counts (calls and evidence inside #if 0 never reach the
 * model); evidence is taken from the implementation's own functions and from the file
 * scope of its files.
 *   1. Threading: lock calls (lock-mutex, lock-spin, lock-other) and lock-typed
 *      declarations; atomics; calls to the implementation's own lock helpers (lockhelp.c);
 *      by behaviour, an interrupt level raised by an spl-named call beside a restore
 *      (`s = splsched(); ... splx(s);`) and a lock hook the allocator calls through a pointer
 *      it holds (`p->lock(p)`: a dispatch whose field name says lock or unlock).
 *   2. Debugging: assertions, logging, poisoning constants, consistency walkers (an entry
 *      point named like a check or verify).
 *   3. Alignment: rounding masks, with the guaranteed alignment when the mask's constant is
 *      a number or a macro defined as one; memalign-style entry points.
 *   4. Zeroing: calloc-style entry points and explicit clears (memset with a zero fill,
 *      bzero).
 * One pass over the implementation's calls and one over its files' evidence fill a list per
 * feature (struct feat_impl); feat_table then turns each list into its summary line.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dig/model/model_impl.h"

struct feat_list {
	struct model_evidence *ev;
	uint32_t n, cap;
};

/* Append one line of evidence. */
static int feat_add(struct feat_list *l, const char *path, uint32_t line, const char *what, const char *text)
{
	if (model_grow((void **)&l->ev, l->n, &l->cap, sizeof *l->ev))
		return -1;
	l->ev[l->n].path = path;
	l->ev[l->n].line = line;
	l->ev[l->n].what = what;
	l->ev[l->n].text = text;
	l->n++;
	return 0;
}

/* Append to buf (size bytes, len used) what the format gives, cut at the end of buf:
 * *len never passes size - 1, so the next append cannot run past the buffer. */
static void feat_cat(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int w;
	if (*len >= size - 1)
		return;
	va_start(ap, fmt);
	w = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (w > 0)
		*len = *len + (size_t)w < size - 1 ? *len + (size_t)w : size - 1;
}

/* Order evidence by path, line, what. */
static int feat_ev_cmp(const void *a, const void *b)
{
	const struct model_evidence *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->what, y->what);
}

/* Distinct `what` names of a list, joined with ", " (at most 8, then "..."). */
static const char *feat_names(struct model *model, const struct feat_list *l, const char *prefix)
{
	const char *seen[8];
	uint32_t ns = 0;
	int more = 0;
	char buf[512];
	size_t len = 0;
	for (uint32_t i = 0; i < l->n; i++) {
		int dup = 0;
		if (strncmp(l->ev[i].what, prefix, strlen(prefix)) != 0)
			continue;
		for (uint32_t j = 0; j < ns; j++)
			dup |= strcmp(seen[j], l->ev[i].what + strlen(prefix)) == 0;
		if (dup)
			continue;
		if (ns == 8) {
			more = 1;
			continue;
		}
		seen[ns++] = l->ev[i].what + strlen(prefix);
	}
	buf[0] = '\0';
	/* sorted for determinism */
	for (uint32_t i = 1; i < ns; i++)
		for (uint32_t j = i; j > 0 && strcmp(seen[j - 1], seen[j]) > 0; j--) {
			const char *t = seen[j];
			seen[j] = seen[j - 1];
			seen[j - 1] = t;
		}
	for (uint32_t i = 0; i < ns; i++) {
		/* a name that does not fit whole, with room for ", ...", ends the list */
		if (len + 2 + strlen(seen[i]) + 5 >= sizeof buf) {
			more = 1;
			break;
		}
		feat_cat(buf, sizeof buf, &len, "%s%s", i ? ", " : "", seen[i]);
	}
	if (more)
		feat_cat(buf, sizeof buf, &len, "%s...", len ? ", " : "");
	return ns ? model_mem_printf(model, "%s", buf) : NULL;
}

/* Parse an unsigned C integer literal at p (decimal, hex, octal; suffixes ignored). */
static int feat_number(const char *p, unsigned long long *v, const char **end)
{
	char *e;
	if (!isdigit((unsigned char)*p))
		return 0;
	*v = strtoull(p, &e, 0);
	while (*e == 'u' || *e == 'U' || *e == 'l' || *e == 'L')
		e++;
	*end = e;
	return 1;
}

/* The numeric value of a macro named `name` in one of the files, or 0. */
static unsigned long long feat_macro_value(const struct model *model, const uint32_t *files, uint32_t nfiles,
                                           const char *name, size_t len)
{
	for (uint32_t i = 0; i < nfiles; i++) {
		const struct dig_file *f = &model->tree->files[files[i]];
		for (uint32_t j = 0; j < f->nmacros; j++) {
			const struct dig_macro *m = &f->macros[j];
			unsigned long long v;
			const char *end, *b;
			if (m->dead || m->function_like || strlen(m->name) != len || strncmp(m->name, name, len) != 0 || !m->body)
				continue;
			b = m->body;
			while (*b == '(' || *b == ' ')
				b++;
			if (feat_number(b, &v, &end))
				return v;
		}
	}
	return 0;
}

/* The alignment a rounding mask guarantees: ~(A - 1), ~(A-1), & ~M with M + 1 a power of
 * two; A a number or a macro defined as one. 0 when not derivable. */
static unsigned long long feat_align_of(const struct model *model, const uint32_t *files, uint32_t nfiles,
                                        const char *text)
{
	const char *p = text ? strchr(text, '~') : NULL;
	for (; p; p = strchr(p + 1, '~')) {
		const char *q = p + 1, *end;
		unsigned long long v = 0;
		int paren = 0;
		while (*q == ' ' || *q == '(') {
			paren |= *q == '(';
			q++;
		}
		if (feat_number(q, &v, &end)) {
			q = end;
		} else if (isalpha((unsigned char)*q) || *q == '_') {
			const char *id = q;
			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			v = feat_macro_value(model, files, nfiles, id, (size_t)(q - id));
			if (!v)
				continue;
		} else {
			continue;
		}
		while (*q == ' ')
			q++;
		if (paren && *q == '-') {
			q++;
			while (*q == ' ')
				q++;
			if (*q == '1' && v && (v & (v - 1)) == 0)
				return v;
			continue;
		}
		if (!paren && ((v + 1) & v) == 0)
			return v + 1;
	}
	return 0;
}

/* Is this call an explicit clear (memset(p, 0, n), bzero(p, n))? */
static int feat_is_clear(const struct model *model, const struct dig_call *call)
{
	const char *a, *comma;
	if (!model_vocab_match(model->vocab, VOCAB_CLEAR, call->callee))
		return 0;
	if (call->nargs != 3)
		return 1; /* bzero-style: no fill argument */
	a = call->args ? call->args : "";
	comma = strchr(a, ',');
	if (!comma)
		return 0;
	comma++;
	while (*comma == ' ')
		comma++;
	return strncmp(comma, "0,", 2) == 0 || strncmp(comma, "0 ,", 3) == 0 || strncmp(comma, "'\\0'", 4) == 0 ||
	       strncmp(comma, "0x0,", 4) == 0 || strncmp(comma, "0x00,", 5) == 0;
}

/* One implementation's features while they are gathered. */
struct feat_impl {
	struct model *model;
	struct model_impl *impl;
	int index;                     /* the implementation's index */
	const uint32_t *members;
	uint32_t nmembers;
	uint32_t files[64];            /* its members' files, first seen first (at most 64) */
	uint32_t nfiles;
	struct feat_list l[MODEL_FEAT_COUNT];
	struct model_lockmemo *memo;   /* its lock helpers (lockhelp.c) */
	unsigned long long align;      /* the largest alignment a rounding mask guarantees */
	const char *align_where;       /* ... and where ("path:line") */
};

/* Add one line of evidence `what` ("KIND:NAME", printf-formatted) to feature k's list.
 * Returns -1 when out of memory. */
static int feat_addf(struct feat_impl *fi, enum model_feature k, const char *path, uint32_t line, const char *text,
                     const char *fmt, const char *name)
{
	return feat_add(&fi->l[k], path, line, model_mem_printf(fi->model, fmt, name), text);
}

/* Is a call an interrupt-priority raise by behaviour: a call with no argument to a name
 * `spl` + letters (`splsched()`, `spltty()`) in a function that also lowers the level again
 * with a vocabulary restore (splx)? The pair is the lock; `splice()` or `split()` alone
 * are not. */
static int feat_spl_call(const struct model *model, const struct model_call *mc, const char *name)
{
	const struct dig_call *call = model_call_fact(model, mc);
	if (call->nargs != 0 || mc->caller < 0 || (name[0] | 32) != 's' || (name[1] | 32) != 'p' ||
	    (name[2] | 32) != 'l' || !name[3])
		return 0;
	for (const char *p = name + 3; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return 0;
	for (uint32_t c = model_calls_of_file(model, mc->file_index);
	     c < model->ncalls && model->calls[c].file_index == mc->file_index; c++) {
		const char *other = model_call_callee(model, &model->calls[c]);
		if (model->calls[c].caller == mc->caller && other && model_vocab_match(model->vocab, VOCAB_LOCK_OTHER, other) &&
		    model_call_fact(model, &model->calls[c])->nargs == 1)
			return 1;
	}
	return 0;
}

/* 1. Threading evidence of one call: a lock primitive, or a call to a lock helper of the
 * implementation's own (or of a header it includes). */
static int feat_call_threading(struct feat_impl *fi, const struct model_call *mc, const char *path, const char *name,
                               const char *text)
{
	const struct model_vocab *v = fi->model->vocab;
	uint32_t line = model_call_fact(fi->model, mc)->line;
	struct model_lockhelp h;
	if (model_vocab_match(v, VOCAB_LOCK_MUTEX, name)) {
		fi->impl->threading |= MODEL_THREAD_MUTEX;
		return feat_addf(fi, MODEL_FEAT_THREADING, path, line, text, "mutex:%s", name);
	}
	if (model_vocab_match(v, VOCAB_LOCK_SPIN, name)) {
		fi->impl->threading |= MODEL_THREAD_SPIN;
		return feat_addf(fi, MODEL_FEAT_THREADING, path, line, text, "spinlock:%s", name);
	}
	if (model_vocab_match(v, VOCAB_LOCK_OTHER, name) || feat_spl_call(fi->model, mc, name)) {
		fi->impl->threading |= MODEL_THREAD_OTHER;
		return feat_addf(fi, MODEL_FEAT_THREADING, path, line, text, "other:%s", name);
	}
	if (model_call_fact(fi->model, mc)->kind == DIG_CALL_DISPATCH && model_name_lock(name)) {
		/* a lock hook the allocator holds (`p->lock(p)`, `pool->unlock(pool)`) */
		fi->impl->threading |= MODEL_THREAD_OTHER;
		return feat_addf(fi, MODEL_FEAT_THREADING, path, line, text, "other:->%s hook", name);
	}
	if (model_lockhelp_call(fi->model, fi->memo, mc, &h))
		return -1;
	if (!h.kind)
		return 0;
	fi->impl->threading |= h.kind;
	return feat_add(&fi->l[MODEL_FEAT_THREADING], path, line, model_lockhelp_what(fi->model, &h), text);
}

/* 2 and 4. Debugging and zeroing evidence of one call: an assertion, a log line, a clear. */
static int feat_call_debug_zero(struct feat_impl *fi, const struct dig_call *call, const char *path, const char *name,
                                const char *text)
{
	const struct model_vocab *v = fi->model->vocab;
	if (model_vocab_match(v, VOCAB_ASSERT, name)) {
		if (feat_addf(fi, MODEL_FEAT_DEBUGGING, path, call->line, text, "asserts:%s", name))
			return -1;
	} else if (model_vocab_match(v, VOCAB_LOG, name)) {
		if (feat_addf(fi, MODEL_FEAT_DEBUGGING, path, call->line, text, "logging:%s", name))
			return -1;
	}
	if (feat_is_clear(fi->model, call))
		return feat_addf(fi, MODEL_FEAT_ZEROING, path, call->line, text, "clears:%s", name);
	return 0;
}

/* The calls made by the implementation's functions in file k (and by its file scope). */
static int feat_calls(struct feat_impl *fi, uint32_t k)
{
	struct model *model = fi->model;
	const struct dig_file *f = &model->tree->files[fi->files[k]];
	for (uint32_t c = model_calls_of_file(model, fi->files[k]); c < model->ncalls && model->calls[c].file_index == fi->files[k];
	     c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *call = model_call_fact(model, mc);
		const char *name = model_call_callee(model, mc), *text;
		if (mc->caller >= 0 && model->nodes[mc->caller].impl != fi->index)
			continue;
		if (!name)
			continue;
		text = model_mem_printf(model, "%s(%s)", name, call->args ? call->args : "");
		if (feat_call_threading(fi, mc, f->path, name, text) || feat_call_debug_zero(fi, call, f->path, name, text))
			return -1;
	}
	return 0;
}

/* Is a function-scope piece of evidence (function index func of file k) the
 * implementation's own? */
static int feat_ev_mine(const struct feat_impl *fi, uint32_t k, int32_t func)
{
	const struct dig_file *f = &fi->model->tree->files[fi->files[k]];
	int mine = 0;
	for (uint32_t i = 0; i < fi->nmembers; i++) {
		const struct model_node *n = &fi->model->nodes[fi->members[i]];
		if (n->file_index == fi->files[k] && n->func == &f->funcs[func])
			mine = 1;
	}
	return mine;
}

/* One piece of evidence the scan collected, into the list of its feature. */
static int feat_evidence_one(struct feat_impl *fi, const char *path, const struct dig_evidence *ev)
{
	struct model *model = fi->model;
	const char *tok = ev->token ? ev->token : "";
	const char *text = ev->text ? ev->text : tok;
	switch (ev->kind) {
	case DIG_EV_LOCK_DECL: {
		const char *kind;
		if (strchr(tok, '{'))
			return 0; /* an inline struct holding a lock: its lock field is evidence too */
		kind = strstr(tok, "spin") || strstr(tok, "simple_lock") ? "spinlock"
		       : strstr(tok, "mutex") || strstr(tok, "mtx")     ? "mutex"
		                                                        : "other";
		fi->impl->threading |= kind[0] == 's' ? MODEL_THREAD_SPIN : kind[0] == 'm' ? MODEL_THREAD_MUTEX : MODEL_THREAD_OTHER;
		return feat_add(&fi->l[MODEL_FEAT_THREADING], path, ev->line, model_mem_printf(model, "%s:%s", kind, tok), text);
	}
	case DIG_EV_ATOMIC:
		fi->impl->threading |= MODEL_THREAD_OTHER;
		return feat_addf(fi, MODEL_FEAT_THREADING, path, ev->line, text, "other:atomic %s", tok);
	case DIG_EV_MAGIC_FILL:
		return feat_addf(fi, MODEL_FEAT_DEBUGGING, path, ev->line, text, "poisoning:%s", tok);
	case DIG_EV_ALIGN_MASK: {
		unsigned long long a = feat_align_of(model, fi->files, fi->nfiles, text);
		if (a > fi->align) {
			fi->align = a;
			fi->align_where = model_mem_printf(model, "%s:%u", path, ev->line);
		}
		return feat_add(&fi->l[MODEL_FEAT_ALIGNMENT], path, ev->line,
		                a ? model_mem_printf(model, "rounding:%llu-byte", a) : model_mem_printf(model, "rounding:%s", tok),
		                text);
	}
	case DIG_EV_INCLUDE:
	case DIG_EV_INCLUDE_DIR:
	case DIG_EV_COUNT:
	case DIG_EV_PARAM_STORE:
	case DIG_EV_ELEM:
	case DIG_EV_TYPEDEF:
		return 0;
	}
	return 0;
}

/* The evidence of file k: its file scope, and the implementation's own functions. */
static int feat_evidence(struct feat_impl *fi, uint32_t k)
{
	const struct dig_file *f = &fi->model->tree->files[fi->files[k]];
	for (uint32_t e = 0; e < f->nevidence; e++) {
		const struct dig_evidence *ev = &f->evidence[e];
		if (ev->dead || (ev->func >= 0 && !feat_ev_mine(fi, k, ev->func)))
			continue;
		if (feat_evidence_one(fi, f->path, ev))
			return -1;
	}
	return 0;
}

/* Entry-point names: walkers (2), memalign-style (3), calloc-style (4). */
static int feat_entry_names(struct feat_impl *fi)
{
	struct model *model = fi->model;
	for (uint32_t i = 0; i < fi->nmembers; i++) {
		const struct model_node *n = &model->nodes[fi->members[i]];
		const char *text = model_mem_printf(model, "%s %s(...)", n->func->return_type ? n->func->return_type : "", n->name);
		if (model_vocab_match(model->vocab, VOCAB_WALKER, n->name) &&
		    feat_addf(fi, MODEL_FEAT_DEBUGGING, n->file->path, n->func->line, text, "walkers:%s", n->name))
			return -1;
		if (!(n->flags & MODEL_NODE_ALLOC))
			continue;
		if (model_vocab_match(model->vocab, VOCAB_ALIGN_API, n->name) &&
		    feat_addf(fi, MODEL_FEAT_ALIGNMENT, n->file->path, n->func->line, text, "api:%s", n->name))
			return -1;
		if (model_vocab_match(model->vocab, VOCAB_ZERO_API, n->name) &&
		    feat_addf(fi, MODEL_FEAT_ZEROING, n->file->path, n->func->line, text, "api:%s", n->name))
			return -1;
	}
	return 0;
}

/* A summary of labelled parts: "LABEL (names); LABEL (names)" for each prefix of the
 * evidence list that has any, or `none`. */
static const char *feat_summary_parts(struct feat_impl *fi, enum model_feature k, const char *const (*parts)[2],
                                      size_t nparts, const char *none)
{
	char buf[1024];
	size_t len = 0;
	const char *s;
	buf[0] = '\0';
	for (size_t t = 0; t < nparts; t++)
		if ((s = feat_names(fi->model, &fi->l[k], parts[t][0])) != NULL)
			feat_cat(buf, sizeof buf, &len, "%s%s (%s)", len ? "; " : "", parts[t][1], s);
	return model_mem_printf(fi->model, "%s", len ? buf : none);
}

/* 1. "mutex (mutex_lock, ...); spinlock (...); other (...)", or "none". */
static const char *feat_summary_threading(struct feat_impl *fi)
{
	static const char *const parts[][2] = { { "mutex:", "mutex" }, { "spinlock:", "spinlock" }, { "other:", "other" } };
	return feat_summary_parts(fi, MODEL_FEAT_THREADING, parts, sizeof parts / sizeof parts[0], "none");
}

/* 2. "asserts (...); logging (...); poisoning (...); consistency walkers (...)", or "none". */
static const char *feat_summary_debugging(struct feat_impl *fi)
{
	static const char *const parts[][2] = { { "asserts:", "asserts" }, { "logging:", "logging" },
	                                        { "poisoning:", "poisoning" }, { "walkers:", "consistency walkers" } };
	return feat_summary_parts(fi, MODEL_FEAT_DEBUGGING, parts, sizeof parts / sizeof parts[0], "none");
}

/* 3. "N-byte rounding (where); memalign-style API (...)", or "none derived". */
static const char *feat_summary_alignment(struct feat_impl *fi)
{
	char buf[1024];
	size_t len = 0;
	const char *s;
	buf[0] = '\0';
	if (fi->align)
		feat_cat(buf, sizeof buf, &len, "%llu-byte rounding (%s)", fi->align, fi->align_where);
	else if (feat_names(fi->model, &fi->l[MODEL_FEAT_ALIGNMENT], "rounding:"))
		feat_cat(buf, sizeof buf, &len, "rounding masks, alignment not derivable");
	if ((s = feat_names(fi->model, &fi->l[MODEL_FEAT_ALIGNMENT], "api:")) != NULL)
		feat_cat(buf, sizeof buf, &len, "%smemalign-style API (%s)", len ? "; " : "", s);
	return model_mem_printf(fi->model, "%s", len ? buf : "none derived");
}

/* 4. "calloc-style API (...); explicit clears (...)", or "none". */
static const char *feat_summary_zeroing(struct feat_impl *fi)
{
	static const char *const parts[][2] = { { "api:", "calloc-style API" }, { "clears:", "explicit clears" } };
	return feat_summary_parts(fi, MODEL_FEAT_ZEROING, parts, sizeof parts / sizeof parts[0], "none");
}

/* The features, each with the function that summarises its evidence list. */
static const struct {
	enum model_feature feature;
	const char *(*summary)(struct feat_impl *fi);
} feat_table[MODEL_FEAT_COUNT] = {
	{ MODEL_FEAT_THREADING, feat_summary_threading },
	{ MODEL_FEAT_DEBUGGING, feat_summary_debugging },
	{ MODEL_FEAT_ALIGNMENT, feat_summary_alignment },
	{ MODEL_FEAT_ZEROING, feat_summary_zeroing },
};

/* Summaries, then each list sorted by path, line and moved onto the model. */
static int feat_store(struct feat_impl *fi)
{
	for (size_t t = 0; t < MODEL_FEAT_COUNT; t++)
		fi->impl->feat[feat_table[t].feature].summary = feat_table[t].summary(fi);
	for (int k = 0; k < MODEL_FEAT_COUNT; k++) {
		struct model_feature_set *fs = &fi->impl->feat[k];
		if (fi->l[k].n)
			qsort(fi->l[k].ev, fi->l[k].n, sizeof *fi->l[k].ev, feat_ev_cmp);
		fs->ev = model_mem_alloc(fi->model, ((size_t)fi->l[k].n + 1) * sizeof *fs->ev);
		if (!fs->ev)
			return -1;
		if (fi->l[k].n)
			memcpy(fs->ev, fi->l[k].ev, fi->l[k].n * sizeof *fs->ev);
		fs->nev = fi->l[k].n;
	}
	return 0;
}

/* Gather one implementation's features. */
static int feat_impl_build(struct model *model, int index)
{
	struct feat_impl fi;
	int rc = -1;

	memset(&fi, 0, sizeof fi);
	fi.model = model;
	fi.index = index;
	fi.impl = &model->impls[index];
	fi.members = fi.impl->nodes;
	fi.nmembers = fi.impl->nnodes;
	for (uint32_t i = 0; i < fi.nmembers; i++) {
		uint32_t f = model->nodes[fi.members[i]].file_index;
		int dup = 0;
		for (uint32_t j = 0; j < fi.nfiles; j++)
			dup |= fi.files[j] == f;
		if (!dup && fi.nfiles < 64)
			fi.files[fi.nfiles++] = f;
	}
	if ((fi.memo = model_lockmemo_create()) == NULL)
		goto out;
	for (uint32_t k = 0; k < fi.nfiles; k++)
		if (feat_calls(&fi, k) || feat_evidence(&fi, k))
			goto out;
	if (feat_entry_names(&fi) || feat_store(&fi))
		goto out;
	rc = 0;
out:
	for (int k = 0; k < MODEL_FEAT_COUNT; k++)
		free(fi.l[k].ev);
	model_lockmemo_destroy(fi.memo);
	return rc;
}

/* Every implementation's features. */
int model_features_build(struct model *model)
{
	for (uint32_t g = 0; g < model->nimpls; g++)
		if (feat_impl_build(model, (int)g))
			return -1;
	return 0;
}
