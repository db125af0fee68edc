/*
 * dig/scan/grammar.c: the node-kind and field tables of grammar.h, mapped onto the C
 * grammar's symbol ids by name. Every symbol the grammar has (aliases too: K&R definitions
 * come back as an alias of function_definition) is looked up once, so classifying a node
 * during the walk is one array index.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "dig/scan/grammar.h"

const TSLanguage *tree_sitter_c(void);

static const char *const scan_kind_names[K_COUNT] = {
	[K_FUNCTION_DEFINITION] = "function_definition", [K_DECLARATION] = "declaration",
	[K_FIELD_DECLARATION] = "field_declaration", [K_CALL_EXPRESSION] = "call_expression",
	[K_INITIALIZER_PAIR] = "initializer_pair", [K_INITIALIZER_LIST] = "initializer_list",
	[K_ASSIGNMENT_EXPRESSION] = "assignment_expression",
	[K_BINARY_EXPRESSION] = "binary_expression", [K_NUMBER_LITERAL] = "number_literal",
	[K_IDENTIFIER] = "identifier", [K_TYPE_QUALIFIER] = "type_qualifier",
	[K_COMMENT] = "comment", [K_STRING_LITERAL] = "string_literal",
	[K_CHAR_LITERAL] = "char_literal", [K_CONCATENATED_STRING] = "concatenated_string",
	[K_SYSTEM_LIB_STRING] = "system_lib_string", [K_PREPROC_DEF] = "preproc_def",
	[K_PREPROC_FUNCTION_DEF] = "preproc_function_def", [K_PREPROC_INCLUDE] = "preproc_include",
	[K_PREPROC_CALL] = "preproc_call", [K_COMPOUND_STATEMENT] = "compound_statement",
	[K_ERROR] = "ERROR", [K_POINTER_DECLARATOR] = "pointer_declarator",
	[K_FUNCTION_DECLARATOR] = "function_declarator", [K_ARRAY_DECLARATOR] = "array_declarator",
	[K_INIT_DECLARATOR] = "init_declarator",
	[K_PARENTHESIZED_DECLARATOR] = "parenthesized_declarator",
	[K_ATTRIBUTED_DECLARATOR] = "attributed_declarator", [K_PARAMETER_LIST] = "parameter_list",
	[K_PARAMETER_DECLARATION] = "parameter_declaration",
	[K_VARIADIC_PARAMETER] = "variadic_parameter", [K_FIELD_EXPRESSION] = "field_expression",
	[K_FIELD_DESIGNATOR] = "field_designator",
	[K_STORAGE_CLASS_SPECIFIER] = "storage_class_specifier",
	[K_UNARY_EXPRESSION] = "unary_expression",
	[K_PARENTHESIZED_EXPRESSION] = "parenthesized_expression",
	[K_TYPE_DEFINITION] = "type_definition", [K_STRUCT_SPECIFIER] = "struct_specifier",
	[K_UNION_SPECIFIER] = "union_specifier",
	[K_ABSTRACT_POINTER_DECLARATOR] = "abstract_pointer_declarator",
	[K_TYPE_IDENTIFIER] = "type_identifier", [K_PRIMITIVE_TYPE] = "primitive_type",
	[K_FIELD_IDENTIFIER] = "field_identifier", [K_SIZED_TYPE_SPECIFIER] = "sized_type_specifier",
	[K_TRANSLATION_UNIT] = "translation_unit", [K_SUBSCRIPT_DESIGNATOR] = "subscript_designator",
	[K_POINTER_EXPRESSION] = "pointer_expression", [K_CAST_EXPRESSION] = "cast_expression",
	[K_PREPROC_IF] = "preproc_if", [K_PREPROC_IFDEF] = "preproc_ifdef", [K_PREPROC_ELIF] = "preproc_elif",
	[K_PREPROC_ELIFDEF] = "preproc_elifdef", [K_EXPRESSION_STATEMENT] = "expression_statement",
	[K_RETURN_STATEMENT] = "return_statement", [K_SUBSCRIPT_EXPRESSION] = "subscript_expression",
	[K_WHILE_STATEMENT] = "while_statement", [K_DO_STATEMENT] = "do_statement",
	[K_UPDATE_EXPRESSION] = "update_expression", [K_GNU_ASM_EXPRESSION] = "gnu_asm_expression",
};

static const char *const scan_field_names[F_COUNT] = {
	"type", "declarator", "body", "parameters", "function", "arguments", "field", "argument",
	"left", "right", "operator", "value", "size", "designator", "name", "condition",
};

/* Symbol id -> kind, and field ids, filled once. */
static struct {
	unsigned char *kind;      /* indexed by TSSymbol */
	uint32_t nsymbols;
	TSFieldId field[F_COUNT];
} scan_grammar;
static pthread_once_t scan_grammar_once = PTHREAD_ONCE_INIT;

/* Map every symbol of the C grammar (aliases included) to a kind by its name. */
static void scan_grammar_map(void)
{
	const TSLanguage *lang = tree_sitter_c();
	uint32_t n = ts_language_symbol_count(lang);

	scan_grammar.kind = calloc(n ? n : 1, 1);
	if (!scan_grammar.kind)
		return;
	scan_grammar.nsymbols = n;
	for (uint32_t id = 0; id < n; id++) {
		const char *name = ts_language_symbol_name(lang, (TSSymbol)id);
		if (!name || ts_language_symbol_type(lang, (TSSymbol)id) != TSSymbolTypeRegular)
			continue;
		for (int k = 1; k < K_COUNT; k++)
			if (strcmp(name, scan_kind_names[k]) == 0)
				scan_grammar.kind[id] = (unsigned char)k;
	}
	for (int f = 0; f < F_COUNT; f++)
		scan_grammar.field[f] = ts_language_field_id_for_name(lang, scan_field_names[f],
		                                                   (uint32_t)strlen(scan_field_names[f]));
}

/* The kind of a node: one table lookup. */
enum scan_kind scan_grammar_kind(TSNode node)
{
	TSSymbol s;

	if (ts_node_is_null(node))
		return K_OTHER;
	s = ts_node_symbol(node);
	if (s == (TSSymbol)-1)
		return K_ERROR;         /* ERROR is no regular symbol: its id is the largest 16-bit one */
	return s < scan_grammar.nsymbols ? (enum scan_kind)scan_grammar.kind[s] : K_OTHER;
}

/* A named field child by the mapped id. */
TSNode scan_grammar_field(TSNode node, enum scan_field f)
{
	return ts_node_child_by_field_id(node, scan_grammar.field[f]);
}

/* Run the mapping once. */
int scan_grammar_init(void)
{
	pthread_once(&scan_grammar_once, scan_grammar_map);
	return scan_grammar.kind ? 0 : -1;
}

/* A field's id. */
TSFieldId scan_grammar_field_id(enum scan_field f)
{
	return scan_grammar.field[f];
}
