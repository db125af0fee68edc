/*
 * tests/dig/scan/ts_dump.c: a debugging aid, not a test. Prints the tree-sitter C syntax
 * tree of a file (or stdin) as an indented outline with lines, so a recovery pass can be
 * written against what the parser really produces rather than what one expects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_c(void);

/* Print one node and its children, indented by depth. */
static void dump_node(TSNode node, const char *text, int depth, const char *field)
{
	uint32_t a = ts_node_start_byte(node), b = ts_node_end_byte(node);
	uint32_t n = ts_node_child_count(node);

	printf("%*s%s%s%s [%u-%u]", depth * 2, "", field ? field : "", field ? ": " : "",
	       ts_node_is_named(node) ? ts_node_type(node) : "'tok'", ts_node_start_point(node).row + 1,
	       ts_node_end_point(node).row + 1);
	if (n == 0 || b - a < 40)
		printf("  \"%.*s\"", (int)(b - a > 60 ? 60 : b - a), text + a);
	printf("\n");
	for (uint32_t i = 0; i < n; i++)
		dump_node(ts_node_child(node, i), text, depth + 1, ts_node_field_name_for_child(node, i));
}

/* Read the file named by argv[1] (or stdin) and dump its tree. */
int main(int argc, char **argv)
{
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : stdin;
	char *text = NULL;
	size_t len = 0, cap = 0, got;

	if (!f)
		return 1;
	do {
		if (len + 4096 > cap) {
			cap = (cap + 4096) * 2;
			text = realloc(text, cap);
			if (!text)
				return 1;
		}
		got = fread(text + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	TSParser *p = ts_parser_new();
	ts_parser_set_language(p, tree_sitter_c());
	TSTree *t = ts_parser_parse_string(p, NULL, text, (uint32_t)len);
	dump_node(ts_tree_root_node(t), text, 0, NULL);
	ts_tree_delete(t);
	ts_parser_delete(p);
	free(text);
	return 0;
}
