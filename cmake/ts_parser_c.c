/*
 * cmake/ts_parser_c.c: tree-sitter-c's generated parser (parser.c, fetched from npm) built
 * with one change to how it runs, none to what it answers.
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
 */
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

#include STRATA_TS_C_PARSER
