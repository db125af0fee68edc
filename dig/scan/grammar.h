/*
 * dig/scan/grammar.h: the tree-sitter C grammar as the scan sees it: the node kinds and
 * field names the tree walk reacts to, as data (grammar.c maps the grammar's own symbol
 * ids, aliases included, onto these once per process).
 */
#ifndef STRATA_DIG_SCAN_GRAMMAR_H
#define STRATA_DIG_SCAN_GRAMMAR_H

#include <tree_sitter/api.h>

/* The node kinds the walk reacts to: names as the grammar spells them. */
enum scan_kind {
	K_OTHER = 0,
	K_FUNCTION_DEFINITION, K_DECLARATION, K_FIELD_DECLARATION, K_CALL_EXPRESSION,
	K_INITIALIZER_PAIR, K_INITIALIZER_LIST, K_ASSIGNMENT_EXPRESSION, K_BINARY_EXPRESSION,
	K_NUMBER_LITERAL, K_IDENTIFIER, K_TYPE_QUALIFIER, K_COMMENT, K_STRING_LITERAL,
	K_CHAR_LITERAL, K_CONCATENATED_STRING, K_SYSTEM_LIB_STRING, K_PREPROC_DEF,
	K_PREPROC_FUNCTION_DEF, K_PREPROC_INCLUDE, K_PREPROC_CALL, K_COMPOUND_STATEMENT, K_ERROR,
	K_POINTER_DECLARATOR, K_FUNCTION_DECLARATOR, K_ARRAY_DECLARATOR, K_INIT_DECLARATOR,
	K_PARENTHESIZED_DECLARATOR, K_ATTRIBUTED_DECLARATOR, K_PARAMETER_LIST,
	K_PARAMETER_DECLARATION, K_VARIADIC_PARAMETER, K_FIELD_EXPRESSION, K_FIELD_DESIGNATOR,
	K_STORAGE_CLASS_SPECIFIER, K_UNARY_EXPRESSION, K_PARENTHESIZED_EXPRESSION,
	K_TYPE_DEFINITION, K_STRUCT_SPECIFIER, K_UNION_SPECIFIER, K_ABSTRACT_POINTER_DECLARATOR,
	K_TYPE_IDENTIFIER, K_PRIMITIVE_TYPE, K_FIELD_IDENTIFIER, K_SIZED_TYPE_SPECIFIER,
	K_TRANSLATION_UNIT, K_SUBSCRIPT_DESIGNATOR, K_POINTER_EXPRESSION, K_CAST_EXPRESSION,
	K_PREPROC_IF, K_PREPROC_IFDEF, K_PREPROC_ELIF, K_PREPROC_ELIFDEF, K_EXPRESSION_STATEMENT,
	K_RETURN_STATEMENT, K_SUBSCRIPT_EXPRESSION, K_WHILE_STATEMENT, K_DO_STATEMENT,
	K_UPDATE_EXPRESSION, K_GNU_ASM_EXPRESSION,
	K_COUNT
};

/* Field names the walk asks for. */
enum scan_field {
	F_TYPE, F_DECLARATOR, F_BODY, F_PARAMETERS, F_FUNCTION, F_ARGUMENTS, F_FIELD, F_ARGUMENT,
	F_LEFT, F_RIGHT, F_OPERATOR, F_VALUE, F_SIZE, F_DESIGNATOR, F_NAME, F_CONDITION, F_COUNT
};

/* Map the grammar once (thread-safe). Returns 0, or -1 when out of memory. */
int scan_grammar_init(void);
/* The kind of a node (K_OTHER for anything the walk does not know, K_ERROR for ERROR). */
enum scan_kind scan_grammar_kind(TSNode node);
/* A named field child (a null node when absent). */
TSNode scan_grammar_field(TSNode node, enum scan_field f);
/* The grammar's id of a field (to compare with ts_tree_cursor_current_field_id). */
TSFieldId scan_grammar_field_id(enum scan_field f);

#endif /* STRATA_DIG_SCAN_GRAMMAR_H */
