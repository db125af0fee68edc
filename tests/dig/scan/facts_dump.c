/*
 * tests/dig/scan/facts_dump.c: a debugging aid, not a test. Prints every fact dig_scan_buffer
 * extracts from each file named on the command line, one fact per line, so a recogniser can
 * be checked by eye against the source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dig/scan/scan.h"

/* Read a whole file into memory; NULL on failure. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, got;

	*len = 0;
	if (!f)
		return NULL;
	do {
		if (*len + 65536 > cap) {
			char *nb = realloc(buf, cap = (cap + 65536) * 2);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + *len, 1, cap - *len, f);
		*len += got;
	} while (got > 0);
	fclose(f);
	return buf;
}

/* Print "(null)" for NULL strings. */
static const char *s(const char *p)
{
	return p ? p : "-";
}

/* Print the facts of one file. */
static void dump(const struct dig_file *f)
{
	printf("file %s status=%d reason=%s lines=%u loc=%u dead_lines=%u dead_calls=%u syntax_errors=%d\n",
	       f->path, f->status, s(f->reason), f->lines, f->loc, f->dead_lines, f->dead_calls,
	       f->syntax_errors);
	for (uint32_t i = 0; i < f->nfuncs; i++) {
		const struct dig_func *fn = &f->funcs[i];
		printf("func %u %s (written %s) ret=\"%s\" ptr=%d static=%d knr=%d dead=%d lines=%u-%u loc=%u params=%d:",
		       i, fn->name, fn->written_name, fn->return_type, fn->returns_pointer, fn->is_static,
		       fn->knr, fn->dead, fn->line, fn->end_line, fn->loc, fn->nparams);
		for (int p = 0; p < fn->nparams; p++)
			printf(" [%s|%s]", fn->param_types[p], fn->param_names[p]);
		printf(" uses:");
		for (uint32_t g = 0; g < fn->nglobals_used; g++)
			printf(" %s", fn->globals_used[g]);
		printf("\n");
	}
	for (uint32_t i = 0; i < f->ncalls; i++) {
		const struct dig_call *c = &f->calls[i];
		printf("call %u:%u %s (written %s via %s) kind=%d type=%s nargs=%d func=%d dead=%d args=\"%s\"\n",
		       c->line, c->col, c->callee, c->written, s(c->via_macro), c->kind, s(c->dispatch_type),
		       c->nargs, c->func, c->dead, c->args);
	}
	for (uint32_t i = 0; i < f->nmacros; i++) {
		const struct dig_macro *m = &f->macros[i];
		printf("macro %u %s fl=%d np=%d renames=%s dead=%d undef=%u body=\"%s\" calls:", m->line, m->name,
		       m->function_like, m->nparams, s(m->renames_to), m->dead, m->undef_line, m->body);
		for (uint32_t k = 0; k < m->ncalls; k++)
			printf(" %s", m->calls[k]);
		putchar('\n');
	}
	for (uint32_t i = 0; i < f->nundefs; i++)
		printf("undef %u %s\n", f->undefs[i].line, f->undefs[i].name);
	for (uint32_t i = 0; i < f->nregs; i++) {
		const struct dig_reg *r = &f->regs[i];
		printf("reg %u %s.%s = %s in=%d dead=%d\n", r->line, s(r->struct_type), s(r->field), r->func,
		       r->in_func, r->dead);
	}
	for (uint32_t i = 0; i < f->nglobals; i++) {
		const struct dig_global *g = &f->globals[i];
		printf("global %u %s type=\"%s\" static=%d extern=%d array=%d fnptr=%d bytes=%llu dead=%d\n", g->line,
		       g->name, g->type, g->is_static, g->is_extern, g->is_array, g->is_fnptr,
		       (unsigned long long)g->array_bytes, g->dead);
	}
	for (uint32_t i = 0; i < f->nevidence; i++) {
		const struct dig_evidence *e = &f->evidence[i];
		printf("evidence %u kind=%d token=\"%s\" func=%d dead=%d text=\"%s\"\n", e->line, e->kind,
		       e->token, e->func, e->dead, e->text);
	}
}

/* Dump each file given. `--shallow` first: read every file as the lexer reads a file that
 * mentions no deep word (the shallow path), to check its view against the parser's. */
int main(int argc, char **argv)
{
	static const char *const none[] = { "\x01" };   /* a word no file holds */
	struct dig_scan_opts opts = { 0 };
	int first = 1;

	opts.file_ms = 5000;
	if (argc > 1 && strcmp(argv[1], "--shallow") == 0) {
		opts.deep_words = none;
		opts.ndeep_words = 1;
		first = 2;
	}
	for (int i = first; i < argc; i++) {
		size_t len;
		char *text = slurp(argv[i], &len);
		if (!text) {
			fprintf(stderr, "%s: cannot read\n", argv[i]);
			continue;
		}
		struct dig_file *f = dig_scan_buffer_opts(argv[i], text, len, &opts);
		free(text);
		if (!f) {
			fprintf(stderr, "%s: out of memory\n", argv[i]);
			return 1;
		}
		dump(f);
		dig_file_free(f);
	}
	return 0;
}
