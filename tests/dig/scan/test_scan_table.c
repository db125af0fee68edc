/*
 * tests/dig/scan/test_scan_table.c: the parse table tree_sitter_c() answers (every state
 * dense, cmake/ts_parser_c.c) gives, for every (state, symbol) pair, the value the
 * generated tables give through the runtime's search of the small states -- so the parser
 * takes the same actions and builds the same trees.
 */
#include <stdint.h>
#include <stdio.h>

#include <tree_sitter/api.h>
#include "tree_sitter/parser.h"

const TSLanguage *tree_sitter_c(void);
const TSLanguage *strata_ts_c_generated(void);

/* The runtime's ts_language_lookup (tree-sitter lib/src/language.h), spelled out. */
static uint16_t lookup(const TSLanguage *lang, uint32_t state, uint32_t symbol)
{
	if (state < lang->large_state_count)
		return lang->parse_table[state * lang->symbol_count + symbol];
	const uint16_t *data = &lang->small_parse_table[lang->small_parse_table_map[state - lang->large_state_count]];
	uint16_t groups = *data++;
	for (unsigned i = 0; i < groups; i++) {
		uint16_t value = *data++, count = *data++;
		for (unsigned j = 0; j < count; j++)
			if (*data++ == symbol)
				return value;
	}
	return 0;
}

int main(void)
{
	const TSLanguage *gen = strata_ts_c_generated(), *dense = tree_sitter_c();
	unsigned long bad = 0, nonzero = 0;

	if (gen == dense || dense->large_state_count != dense->state_count ||
	    gen->large_state_count >= gen->state_count || dense->state_count != gen->state_count ||
	    dense->symbol_count != gen->symbol_count) {
		fprintf(stderr, "FAIL: tree_sitter_c() is not the dense copy (%u of %u states large)\n",
		        dense->large_state_count, dense->state_count);
		return 1;
	}
	for (uint32_t state = 0; state < gen->state_count; state++)
		for (uint32_t symbol = 0; symbol < gen->symbol_count; symbol++) {
			uint16_t want = lookup(gen, state, symbol);
			nonzero += want != 0;
			if (lookup(dense, state, symbol) != want && bad++ < 5)
				fprintf(stderr, "FAIL: state %u symbol %u: %u, generated %u\n", state, symbol,
				        lookup(dense, state, symbol), want);
		}
	if (bad || nonzero == 0) {
		fprintf(stderr, "FAIL: %lu pairs differ (%lu non-zero)\n", bad, nonzero);
		return 1;
	}
	printf("ok: %u states x %u symbols, %lu non-zero entries, all equal\n", gen->state_count,
	       gen->symbol_count, nonzero);
	return 0;
}
