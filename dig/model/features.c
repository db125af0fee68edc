/*
 * dig/model/features.c: an implementation's feature profile, each with the lines that
 * show it: threading (lock calls and lock-typed declarations; atomics), debugging
 * (assertions, logging, poisoning constants, consistency walkers), alignment (rounding
 * masks, with the guaranteed alignment when the mask's constant is a number or a macro
 * defined as one; memalign-style entry points), zeroing (calloc-style entry points and
 * explicit clears: memset with a zero fill, bzero). Only live code counts: calls and
 * evidence inside #if 0 never reach the model. Evidence is taken from the implementation's
 * own functions and from the file scope of its files.
 */
#include <ctype.h>
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
	for (uint32_t i = 0; i < ns && len < sizeof buf - 64; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? ", " : "", seen[i]);
	if (more)
		snprintf(buf + len, sizeof buf - len, ", ...");
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

/* Gather one implementation's features. */
int model_features_build(struct model *model, int index, const uint32_t *members, uint32_t nmembers)
{
	struct model_impl *impl = &model->impls[index];
	struct feat_list l[MODEL_FEAT_COUNT];
	uint32_t files[64], nfiles = 0;
	unsigned long long align = 0;
	const char *align_where = NULL;
	int rc = -1;

	memset(l, 0, sizeof l);
	for (uint32_t i = 0; i < nmembers; i++) {
		uint32_t fi = model->nodes[members[i]].file_index;
		int dup = 0;
		for (uint32_t j = 0; j < nfiles; j++)
			dup |= files[j] == fi;
		if (!dup && nfiles < 64)
			files[nfiles++] = fi;
	}
	/* calls made by the implementation's functions (and its files' scope) */
	for (uint32_t k = 0; k < nfiles; k++) {
		const struct dig_file *f = &model->tree->files[files[k]];
		for (uint32_t c = model_calls_of_file(model, files[k]); c < model->ncalls && model->calls[c].file_index == files[k]; c++) {
			const struct model_call *mc = &model->calls[c];
			const struct dig_call *call = model_call_fact(model, mc);
			const char *name = model_call_callee(model, mc), *text;
			const struct model_vocab *v = model->vocab;
			if (mc->caller >= 0 && model->nodes[mc->caller].impl != index)
				continue;
			if (!name)
				continue;
			text = model_mem_printf(model, "%s(%s)", name, call->args ? call->args : "");
			if (model_vocab_match(v, VOCAB_LOCK_MUTEX, name)) {
				impl->threading |= MODEL_THREAD_MUTEX;
				if (feat_add(&l[MODEL_FEAT_THREADING], f->path, call->line, model_mem_printf(model, "mutex:%s", name), text))
					goto out;
			} else if (model_vocab_match(v, VOCAB_LOCK_SPIN, name)) {
				impl->threading |= MODEL_THREAD_SPIN;
				if (feat_add(&l[MODEL_FEAT_THREADING], f->path, call->line, model_mem_printf(model, "spinlock:%s", name), text))
					goto out;
			} else if (model_vocab_match(v, VOCAB_LOCK_OTHER, name)) {
				impl->threading |= MODEL_THREAD_OTHER;
				if (feat_add(&l[MODEL_FEAT_THREADING], f->path, call->line, model_mem_printf(model, "other:%s", name), text))
					goto out;
			}
			if (model_vocab_match(v, VOCAB_ASSERT, name)) {
				if (feat_add(&l[MODEL_FEAT_DEBUGGING], f->path, call->line, model_mem_printf(model, "asserts:%s", name), text))
					goto out;
			} else if (model_vocab_match(v, VOCAB_LOG, name)) {
				if (feat_add(&l[MODEL_FEAT_DEBUGGING], f->path, call->line, model_mem_printf(model, "logging:%s", name), text))
					goto out;
			}
			if (feat_is_clear(model, call))
				if (feat_add(&l[MODEL_FEAT_ZEROING], f->path, call->line, model_mem_printf(model, "clears:%s", name), text))
					goto out;
		}
		/* evidence the scan collected */
		for (uint32_t e = 0; e < f->nevidence; e++) {
			const struct dig_evidence *ev = &f->evidence[e];
			const char *tok = ev->token ? ev->token : "";
			const char *text = ev->text ? ev->text : tok;
			if (ev->dead)
				continue;
			if (ev->func >= 0) {
				/* inside a function: only the implementation's own */
				int mine = 0;
				for (uint32_t i = 0; i < nmembers; i++) {
					const struct model_node *n = &model->nodes[members[i]];
					if (n->file_index == files[k] && n->func == &f->funcs[ev->func])
						mine = 1;
				}
				if (!mine)
					continue;
			}
			switch (ev->kind) {
			case DIG_EV_LOCK_DECL: {
				const char *kind;
				if (strchr(tok, '{'))
					break; /* an inline struct holding a lock: its lock field is evidence too */
				kind = strstr(tok, "spin") || strstr(tok, "simple_lock") ? "spinlock"
				                 : strstr(tok, "mutex") || strstr(tok, "mtx") ? "mutex" : "other";
				impl->threading |= kind[0] == 's' ? MODEL_THREAD_SPIN : kind[0] == 'm' ? MODEL_THREAD_MUTEX : MODEL_THREAD_OTHER;
				if (feat_add(&l[MODEL_FEAT_THREADING], f->path, ev->line, model_mem_printf(model, "%s:%s", kind, tok), text))
					goto out;
				break;
			}
			case DIG_EV_ATOMIC:
				impl->threading |= MODEL_THREAD_OTHER;
				if (feat_add(&l[MODEL_FEAT_THREADING], f->path, ev->line, model_mem_printf(model, "other:atomic %s", tok), text))
					goto out;
				break;
			case DIG_EV_MAGIC_FILL:
				if (feat_add(&l[MODEL_FEAT_DEBUGGING], f->path, ev->line, model_mem_printf(model, "poisoning:%s", tok), text))
					goto out;
				break;
			case DIG_EV_ALIGN_MASK: {
				unsigned long long a = feat_align_of(model, files, nfiles, text);
				if (a > align) {
					align = a;
					align_where = model_mem_printf(model, "%s:%u", f->path, ev->line);
				}
				if (feat_add(&l[MODEL_FEAT_ALIGNMENT], f->path, ev->line,
				             a ? model_mem_printf(model, "rounding:%llu-byte", a) : model_mem_printf(model, "rounding:%s", tok), text))
					goto out;
				break;
			}
			case DIG_EV_INCLUDE:
				break;
			}
		}
	}
	/* entry-point names: walkers, memalign-style, calloc-style */
	for (uint32_t i = 0; i < nmembers; i++) {
		const struct model_node *n = &model->nodes[members[i]];
		const char *text = model_mem_printf(model, "%s %s(...)", n->func->return_type ? n->func->return_type : "", n->name);
		if (model_vocab_match(model->vocab, VOCAB_WALKER, n->name))
			if (feat_add(&l[MODEL_FEAT_DEBUGGING], n->file->path, n->func->line, model_mem_printf(model, "walkers:%s", n->name), text))
				goto out;
		if (!(n->flags & MODEL_NODE_ALLOC))
			continue;
		if (model_vocab_match(model->vocab, VOCAB_ALIGN_API, n->name))
			if (feat_add(&l[MODEL_FEAT_ALIGNMENT], n->file->path, n->func->line, model_mem_printf(model, "api:%s", n->name), text))
				goto out;
		if (model_vocab_match(model->vocab, VOCAB_ZERO_API, n->name))
			if (feat_add(&l[MODEL_FEAT_ZEROING], n->file->path, n->func->line, model_mem_printf(model, "api:%s", n->name), text))
				goto out;
	}
	/* summaries */
	{
		const char *s;
		char buf[1024];
		size_t len;
		struct { const char *prefix, *label; } thr[] = { { "mutex:", "mutex" }, { "spinlock:", "spinlock" }, { "other:", "other" } };
		struct { const char *prefix, *label; } dbg[] = { { "asserts:", "asserts" }, { "logging:", "logging" },
		                                                 { "poisoning:", "poisoning" }, { "walkers:", "consistency walkers" } };
		len = 0;
		buf[0] = '\0';
		for (size_t t = 0; t < 3; t++)
			if ((s = feat_names(model, &l[MODEL_FEAT_THREADING], thr[t].prefix)) != NULL)
				len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s (%s)", len ? "; " : "", thr[t].label, s);
		impl->feat[MODEL_FEAT_THREADING].summary = model_mem_printf(model, "%s", len ? buf : "none");
		len = 0;
		buf[0] = '\0';
		for (size_t t = 0; t < 4; t++)
			if ((s = feat_names(model, &l[MODEL_FEAT_DEBUGGING], dbg[t].prefix)) != NULL)
				len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s (%s)", len ? "; " : "", dbg[t].label, s);
		impl->feat[MODEL_FEAT_DEBUGGING].summary = model_mem_printf(model, "%s", len ? buf : "none");
		len = 0;
		buf[0] = '\0';
		if (align)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%llu-byte rounding (%s)", align, align_where);
		else if (feat_names(model, &l[MODEL_FEAT_ALIGNMENT], "rounding:"))
			len += (size_t)snprintf(buf + len, sizeof buf - len, "rounding masks, alignment not derivable");
		if ((s = feat_names(model, &l[MODEL_FEAT_ALIGNMENT], "api:")) != NULL)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%smemalign-style API (%s)", len ? "; " : "", s);
		impl->feat[MODEL_FEAT_ALIGNMENT].summary = model_mem_printf(model, "%s", len ? buf : "none derived");
		len = 0;
		buf[0] = '\0';
		if ((s = feat_names(model, &l[MODEL_FEAT_ZEROING], "api:")) != NULL)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "calloc-style API (%s)", s);
		if ((s = feat_names(model, &l[MODEL_FEAT_ZEROING], "clears:")) != NULL)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%sexplicit clears (%s)", len ? "; " : "", s);
		impl->feat[MODEL_FEAT_ZEROING].summary = model_mem_printf(model, "%s", len ? buf : "none");
	}
	for (int k = 0; k < MODEL_FEAT_COUNT; k++) {
		struct model_feature_set *fs = &impl->feat[k];
		if (l[k].n)
			qsort(l[k].ev, l[k].n, sizeof *l[k].ev, feat_ev_cmp);
		fs->ev = model_mem_alloc(model, ((size_t)l[k].n + 1) * sizeof *fs->ev);
		if (!fs->ev)
			goto out;
		if (l[k].n)
			memcpy(fs->ev, l[k].ev, l[k].n * sizeof *fs->ev);
		fs->nev = l[k].n;
	}
	rc = 0;
out:
	for (int k = 0; k < MODEL_FEAT_COUNT; k++)
		free(l[k].ev);
	return rc;
}
