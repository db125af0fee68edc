/*
 * cmake/ts_parser_c.c: tree-sitter-c's generated parser (parser.c, fetched from npm) built
 * with two changes to how it runs, none to what it answers.
 *
 * The generated lexer asks set_contains(ranges, len, c) for every byte of every identifier
 * it reads: a binary search over the Unicode ranges of identifier characters (670 of them,
 * so about ten steps, each a hard-to-predict branch). Almost every byte of C is ASCII, and
 * the ranges are sorted and disjoint with the ASCII ones first, so for c < 0x80 a walk
 * from the first range that stops at the first range starting above c gives the same
 * answer in a handful of well-predicted steps; other code points keep the search. perf put
 * the search at ~4% of the scan's samples (minix318).
 *
 * How: the grammar's tree_sitter/parser.h is included first with its set_contains renamed,
 * its include guard then makes parser.c's own #include of it a no-op, and parser.c's calls
 * reach the set_contains below. Both paths come from cmake/TreeSitter.cmake (the runtime's
 * own parser.c would be found first by name).
 *
 * The parser looks up the action of every (state, symbol) pair it meets. The generated
 * tables answer the first LARGE_STATE_COUNT states (455 of C's 2,015) from a dense array
 * and the rest from a compressed "small" table, by a linear search over the groups of
 * symbols a state accepts: ts_language_table_entry was 4.3% of a cold MINIX318 dig's perf
 * samples, 6.8% of the parse's instructions (callgrind, uts/common/os). The runtime reads
 * the dense array for every state below the language's large_state_count, so
 * tree_sitter_c() below answers a copy of the language whose dense array holds every state
 * (STATE_COUNT x SYMBOL_COUNT two-byte entries, 1.4 MiB, filled once from the generated
 * tables) and counts them all as large: every lookup gives the value the search gave
 * (tests/dig/scan/test_scan_table.c compares all pairs). Only the lookahead iterator
 * (queries, which strata does not use) reads the small table's layout; for a large state
 * it walks the dense row instead, which lists the same symbols.
 */
#include <pthread.h>
#include <string.h>

#define set_contains ts_set_contains_search
#include STRATA_TS_C_PARSER_H
#undef set_contains

static inline bool set_contains(TSCharacterRange *ranges, uint32_t len, int32_t lookahead)
{
	if (lookahead >= 0 && lookahead < 0x80) {
		for (uint32_t i = 0; i < len && ranges[i].start <= lookahead; i++)
			if (lookahead <= ranges[i].end)
				return true;
		return false;
	}
	return ts_set_contains_search(ranges, len, lookahead);
}

#define tree_sitter_c tree_sitter_c_generated
#include STRATA_TS_C_PARSER
#undef tree_sitter_c

const TSLanguage *tree_sitter_c(void);
/* The language as generated (its small states searched): for the test that compares. */
const TSLanguage *strata_ts_c_generated(void);

static uint16_t ts_dense_table[STATE_COUNT * SYMBOL_COUNT];
static TSLanguage ts_dense_language;
static pthread_once_t ts_dense_once = PTHREAD_ONCE_INIT;

/* Fill the dense array: the large states' rows as generated, each small state's row from
 * its groups (a group: the value, the count of symbols, the symbols), 0 elsewhere -- what
 * the runtime's search (ts_language_lookup) answers for every pair. */
static void ts_dense_build(void)
{
	const TSLanguage *gen = tree_sitter_c_generated();
	uint32_t large = gen->large_state_count;

	memcpy(ts_dense_table, gen->parse_table, (size_t)large * SYMBOL_COUNT * sizeof(uint16_t));
	for (uint32_t state = large; state < STATE_COUNT; state++) {
		uint16_t *row = &ts_dense_table[state * SYMBOL_COUNT];
		bool seen[SYMBOL_COUNT] = { false };
		const uint16_t *data = &gen->small_parse_table[gen->small_parse_table_map[state - large]];
		uint16_t groups = *data++;
		for (unsigned i = 0; i < groups; i++) {
			uint16_t value = *data++, count = *data++;
			for (unsigned j = 0; j < count; j++, data++)
				if (*data < SYMBOL_COUNT && !seen[*data]) {   /* the search stops at the first */
					seen[*data] = true;
					row[*data] = value;
				}
		}
	}
	memcpy(&ts_dense_language, gen, sizeof(ts_dense_language));
	ts_dense_language.large_state_count = STATE_COUNT;
	ts_dense_language.parse_table = ts_dense_table;
}

const TSLanguage *strata_ts_c_generated(void)
{
	return tree_sitter_c_generated();
}

TS_PUBLIC const TSLanguage *tree_sitter_c(void)
{
	const TSLanguage *gen = tree_sitter_c_generated();

	if (gen->state_count != STATE_COUNT || gen->symbol_count != SYMBOL_COUNT ||
	    pthread_once(&ts_dense_once, ts_dense_build) != 0)
		return gen;
	return &ts_dense_language;
}
