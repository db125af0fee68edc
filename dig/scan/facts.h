/*
 * dig/scan/facts.h: what the scan stage extracts from one C file, and nothing more.
 *
 * This is the contract between scan/ (walk + tree-sitter parse + recovery passes) and
 * model/ (link, classify, measure). Scan knows no vocabulary of allocators: it records
 * every function definition, every call, every macro, every ops-table registration,
 * every file-scope variable and the raw evidence a feature analysis needs, each with its
 * line. Model decides what matters. All strings of one file live in that file's arena
 * (struct dig_file.arena) and die with it.
 *
 * Lines are 1-based. Function indices are indices into dig_file.funcs; -1 means "at file
 * scope / not inside a function". Calls of a file come in position order (line, column).
 *
 * Depth: with dig_scan_opts.deep_words set, files (and, inside parsed files, function
 * bodies) that mention none of those words, or only call them by name, are read by a lexer
 * instead of the parser (scan.c says which): see dig_file.shallow for what such facts
 * lack. Without deep words every file is parsed.
 * Headers are never expanded: macros apply from their #define in the same file, and an #if
 * condition is decided (its dead branches marked) only from what this file and its build
 * command (--compdb) define for sure.
 */
#ifndef STRATA_DIG_FACTS_H
#define STRATA_DIG_FACTS_H

#include <stddef.h>
#include <stdint.h>

/* 2 s: the coarsest file time granularity in use (FAT's; ext4's is a clock tick). */
#define DIG_RACY_NS 2000000000ull

#define DIG_FACTS_VERSION 41 /* 41: an attribute after a `*` names no definition (pp.c hides it with its group);
                                 40: a parameter stored into a field (`mp->provider = provider`) is a registration; a body that pops a list through a pointer (DIG_BODY_POPS);
                                 39: a function stored into a variable is a registration (DIG_REG_HOOK);
                                 38: a statement macro a file defines again with other calls, neither within the other's, calls in each definition what any of them calls (pp.c pp_redefine_join);
                                 37: a typedef after a macro word with no `;` (`G_BEGIN_DECLS typedef char gchar;`) and a struct-bodied one (`typedef struct r {...} R;`, an empty type) are DIG_EV_TYPEDEF too;
                                 36: a macro body's pasted callee (`g_##f##_n (`) is a name or a template (`g_#2#_n`, dig_macro.calls), and a rename to a pasting macro of the same file calls the pasted names;
                                 35: a body with inline assembly (DIG_BODY_ASM); 34: a definition's name in parentheses (dig_func.name_parens);
                                 33: one-word typedefs (DIG_EV_TYPEDEF); 32: a body that writes what a local or parameter points to
                                 (DIG_BODY_WRITES_THROUGH); 31: counts claimed and tested in definitions that return a pointer too, a
                                 table element's flag tested (`!T[i].F`, OBJ `T[]`), a flag set to
                                 or compared with a constant (`=:C`, `?=C`; DIG_EV_COUNT); 30: pp.c hides file-scope macro calls with no `;` and
                                 attribute words around a declaration's type from the
                                 parser (kept as calls); 29: a file-scope pointer to a function says so
                                 (dig_global.is_fnptr); 28: the words after a `)` are a return type only where a line ends between them; 27: a return type through a linkage macro,
                                 `API(void *) f()`, is the macro's argument; 26: a function-like macro whose first call is one
                                 statement of several is no rename
                                 (dig_macro.renames_to); 25: a definition's return type is the words after a
                                 macro line in front with no semicolon
                                 (`libc_hidden_proto(f)`) or a declaration the parser
                                 ran on into it; 24: table elements set, stepped and tested by an
                                 identifier index (DIG_EV_ELEM); 23: what a body's returns read and whether it writes
                                 shared state (DIG_BODY_RET_VAR, DIG_BODY_WRITES_STATE);
                                 22: a loop that compares a call's value `==` a named
                                 constant in capitals retries it (no DIG_FLOW_LOOP);
                                 21: a field set to 0 is a give-back (DIG_EV_COUNT)
                                 only through a parameter in every build (the
                                 `=0` op read as its bytes); 20: a split declarator whose later branch is an
                                 old-style header with its declarations reads its
                                 first branch (pp.c); 19: count writes and tests, parameter stores in
                                 every body, read by the lexer (DIG_EV_COUNT,
                                 DIG_EV_PARAM_STORE);
                                 18: what a body returns and whether it keeps a
                                 static (dig_func.body, DIG_BODY_*);
                                 17: a while that retries on failure marks no
                                 DIG_FLOW_LOOP; 16: #if values from the headers a file includes, a
                                 record keyed on them too (dig_file.hdr_key), sure and
                                 default definitions (dig_macro.sure);
                                 15: calls in a while condition (DIG_FLOW_LOOP);
                                 14: flows through fields of locals and by-value pointers
                                 (dig_call.flow BYVAL, WEAK; dig_func.body_parsed);
                                 13: the lexer's calls say when their value is discarded;
                                 12: `(*obj->f)(...)` is a dispatch of f;
                                 11: bodies that touch a static and name a deep word are
                                 parsed (their globals_used); 10: where a call's value goes
                                 (dig_call.flow);
                                 9: calls whose value is discarded (dig_call.discarded);
                                 8: macros' body calls and #undef lines (dig_macro.calls,
                                 undef_line; dig_undef); 7: #if conditions the file
                                 decides (dead_branches);
                                 6: directive tails hidden; definitions the parser lost read
                                 by the lexer (lexed_defs, lexed_line); 5: the fact cache
                                 keyed on content (XXH3) with per-record checksums, ctime
                                 and inode; 4: bodies hidden by depth in definer files; no
                                 renames to statement keywords (3: types read past an
                                 attribute macro) */

/* A function definition (including K&R ones recovered from the parser's traps). */
struct dig_func {
	const char *name;          /* as defined, after definition-site macro renames */
	const char *written_name;  /* as written in the source (differs when a macro renamed it) */
	const char *return_type;   /* normalised text, e.g. "void *", "char *", "int" (implicit int);
	                              a linkage macro's argument: "void *" for `API(void *) f()` */
	int returns_pointer;       /* 1 when the declarator has a pointer level */
	int nparams;               /* -1 when unknown (e.g. old-style "()" with no K&R list), 0 for (void) */
	const char **param_types;  /* nparams entries, normalised text ("size_t", "struct map *") */
	const char **param_names;  /* nparams entries ("" when unnamed) */
	int is_static;             /* storage class static */
	int knr;                   /* recovered from a K&R definition */
	int name_parens;           /* the name is written in parentheses, `char *(dup) (const char
	                              *s)`, so that no function-like macro of it applies */
	int body_parsed;           /* 1 when the parser read its body: its calls' flow is known
	                              (a body read by the lexer, or hidden by depth, says 0) */
	int dead;                  /* inside #if 0 (then excluded from everything but counts) */
	uint32_t line, end_line;   /* from the name's line to the closing brace */
	uint32_t loc;              /* non-blank, non-comment lines of the body */
	uint8_t body;              /* DIG_BODY_* bits, from a parsed body only (0 when the lexer
	                              read it: body_parsed 0) */
	const char **globals_used; /* distinct identifiers used in the body that are not locals or
	                              params (candidates for file-scope state), sorted */
	uint32_t nglobals_used;
};

/* What a parsed body shows (dig_func.body): its return statements with a value, and the
 * statics it declares (state that globals_used does not list). */
enum dig_body {
	DIG_BODY_RET_NULL = 1,     /* a `return` of a null constant: NULL, 0, ((void *)0) */
	DIG_BODY_RET_OTHER = 2,    /* a `return` of anything else */
	DIG_BODY_STATIC = 4,       /* a `static` variable declared in the body */
	DIG_BODY_RET_VAR = 8,      /* a `return` whose value reads a variable: a local, a
	                              parameter or a file-scope variable of the file (`return
	                              i`, `return (p + 1)`, `return get(n)`, `return
	                              sb.s_inode[--sb.s_ninode]`; not `return EINVAL`, `return
	                              0`, `return get()`) */
	DIG_BODY_WRITES_STATE = 16, /* an assignment, `++` or `--` to a variable that is no
	                              local or parameter, or to what it holds (`map[i] = 1`,
	                              `pcpu[c]->pmc = pm`, `next += n`, `--sb.s_nfree`; not
	                              `sc->port = r`) */
	DIG_BODY_WRITES_THROUGH = 32, /* one to what a local or parameter points to (`sc->port
	                              = r`, `h->free = p->next`, `*out = n`, `buf[i] = c`),
	                              no variable of the file */
	DIG_BODY_ASM = 64,         /* inline assembly (`__asm__ (...)`): the body does what no
	                              other bit can show (it may write anything, `std; repne;
	                              scasb` claiming a page of a map) */
	DIG_BODY_POPS = 128        /* with WRITES_THROUGH: a field of what a local or parameter
	                              points to set to the next link of what it held (`mp->next =
	                              mp->next->next`): a pop of a list kept there */
};

enum dig_call_kind {
	DIG_CALL_DIRECT = 0,   /* f(...) */
	DIG_CALL_DISPATCH = 1, /* obj->field(...), obj.field(...), (*obj->field)(...): callee is
	                          the field name */
	DIG_CALL_POINTER = 2   /* (*fp)(...) or other computed callee: callee is best-effort text */
};

/* A call site. Calls in #if 0 bodies are recorded with dead = 1. */
struct dig_call {
	const char *callee;        /* after call-site macro renames (object- and function-like) */
	const char *written;       /* as written */
	const char *via_macro;     /* the renaming macro's name, or NULL */
	const char *dispatch_type; /* DISPATCH: the struct type of obj when known, else NULL */
	const char *args;          /* argument text, whitespace-folded, at most 160 bytes */
	int32_t func;              /* enclosing function index, or -1 */
	uint32_t line, col;
	/* narrow fields last: a big tree has millions of calls (56 bytes each, not 64) */
	int16_t nargs;             /* number of arguments */
	uint8_t kind;              /* enum dig_call_kind */
	uint8_t dead;
	uint8_t discarded;          /* the call is a statement of its own, or cast to void: its
	                              value is unused (the lexer says it of a direct call that
	                              starts a statement -- after ; { } else do, an if/while/
	                              for/switch head or a cast -- and is followed by ';') */
	uint8_t flow;              /* enum dig_flow bits: what of its function's output the
	                              call's value becomes (parsed bodies; the lexer says only
	                              DIG_FLOW_LOOP) */
};

/* Where a call's value goes in its function (dig_call.flow), read from the body alone:
 * RETURN when it reaches the return value -- the call is in a return expression, or its
 * value is assigned to a variable the function returns (`p = pool_get(pp); ... return
 * p;`, through copies `q = p` and casts), or it fills one (`ddi_dma_mem_alloc(..., &kaddr)`
 * and `return kaddr`; `fill(d)` and `return d->addr`); OUT when it reaches what a pointer
 * parameter points to (`*addrp = addr` with `vm_map_find_entry(map, &addr, ...)`,
 * `p->buf = get(n)`). A value stored only into a variable whose field is returned (the
 * list record `d = kmem_alloc(sizeof *d)` of `return d->addr`) is neither; nor is a
 * local whose field only takes part in a computation (`return cg->base + bno`). Fields
 * of locals are followed by name: a call stored into the field returned (`mem->buf =
 * malloc(len)`, `return mem->buf`) or filling it (`&p->addr`) is RETURN, one filling
 * another field (`&p->seg`) is not; a function-like macro of the file that reads one
 * field of its argument (`KERNADDR(p)`, `((p)->addr)`) returns that field. What a value
 * that flows out is made from flows out too: a call filling a local by address (or an
 * array by name) that a later flowing call takes (`bus_dmamem_alloc(..., segs, ...,
 * &nsegs)` before `bus_dmamem_map(t, segs, nsegs, size, &kva)`). */
enum dig_flow {
	DIG_FLOW_RETURN = 1,
	DIG_FLOW_OUT = 2,
	DIG_FLOW_FILLS = 4,        /* ... through an address it is given (`&kaddr`, `&p->addr`),
	                              not as its value */
	DIG_FLOW_BYVAL = 8,        /* RETURN only as a pointer it is given by value (`fill(d)` with
	                              `return d->addr`, `memset(p, 0, n)` with `return p->data`):
	                              it can at most fill what that pointer points to */
	DIG_FLOW_WEAK = 16,        /* RETURN only as the object whose field flows out, with no call
	                              filling that field (`m = vm_page_grab()`, `return
	                              m->phys_addr`): the field came with it */
	DIG_FLOW_LOOP = 32         /* the call is in the condition of a while or do-while loop
	                              (`while (n = alloc())`): parser and lexer both say it */
};

/* A preprocessor macro definition. */
struct dig_macro {
	const char *name;
	int function_like;
	int nparams;
	const char *body;          /* whitespace-folded replacement text, at most 240 bytes */
	const char *renames_to;    /* when the body is a single identifier, or starts with
	                              IDENT( ... ): that identifier (a rename); else NULL */
	const char **calls;        /* the names the whole body calls (`IDENT (` outside strings,
	                              not a keyword, a parameter, a field or the macro itself),
	                              distinct, in body order, at most DIG_MACRO_CALLS: a use of a
	                              statement macro (`(p) = (t)malloc(s)`, `do { ... } while
	                              (0)`) calls them. A name pasted together (`g_##f##_n (`) is
	                              one name; with a parameter in it, a template that holds
	                              `#N#` for parameter N (`g_#2#_n`: no C name has a '#'),
	                              completed by a use's arguments (pp.c, model/link.c) */
	uint32_t ncalls;
	uint32_t undef_line;       /* the #undef in this file that ends it, or 0 */
	int sure;                  /* 1: defined whatever the build says (no unknown #if around
	                              it); 2: a config default (`#ifndef NAME` / `#define NAME v`
	                              / `#endif`, the only unknown condition around it); 0 else */
	int dead;
	uint32_t line;
};

#define DIG_MACRO_CALLS 16

/* An #undef (live). It ends the file's own definition of the name (dig_macro.undef_line)
 * and any the file inherits from its headers. */
struct dig_undef {
	const char *name;
	uint32_t line;
};

/* An ops-table registration: `.field = func` or positional in an initializer of a
 * struct type, or `obj->field = func` / `obj.field = func` assignments. */
#define DIG_REG_HOOK "="     /* dig_reg.struct_type of a variable's registration: `hook = func`
                                or `void *(*hook)(size_t) = func` (field: the variable) */
struct dig_reg {
	const char *struct_type;   /* "struct alloc_ops" / typedef name, or NULL when unknown;
	                              DIG_REG_HOOK for a variable */
	const char *field;         /* field name, or NULL for positional initializers */
	const char *func;          /* identifier assigned: a function, or a parameter of
	                              in_func stored into a field (`mp->provider = provider`) */
	int32_t in_func;           /* -1 for file scope */
	int dead;
	uint32_t line;
};

/* A file-scope variable (definitions and extern declarations). */
struct dig_global {
	const char *name;
	const char *type;          /* normalised text */
	int is_static;
	int is_extern;
	int is_array;
	int is_fnptr;              /* a pointer to a function (or an array of them): `void
	                              (*hook)(size_t)`; its type reads one `*` more */
	uint64_t array_bytes;      /* when derivable from a constant size and a scalar element, else 0 */
	int dead;
	uint32_t line;
};

/* Raw evidence for feature analysis that is not a call (calls are in dig_call already). */
enum dig_evidence_kind {
	DIG_EV_ALIGN_MASK = 1,     /* (x + A - 1) & ~(A - 1), x & ~mask, roundup-style arithmetic */
	DIG_EV_MAGIC_FILL,         /* a fill/poison constant: 0xdeadbeef, 0xa5a5a5a5, 0x01 memset ... */
	DIG_EV_LOCK_DECL,          /* a variable/field whose type names a lock (mutex_t, spinlock_t, ...) */
	DIG_EV_ATOMIC,             /* _Atomic, __sync_*, __atomic_*, stdatomic use */
	DIG_EV_INCLUDE,            /* #include target (token = the header as written) */
	DIG_EV_INCLUDE_DIR,        /* a -I folder of the file's build command (--compdb), inside
	                              the tree: token = its path relative to the root, line 0;
	                              in -I order */
	/* The two kinds below are read by the lexer in every body, parsed or not (lex.c), so
	 * that both depths give the same facts; func is the definition around the line. */
	DIG_EV_COUNT,              /* a count or flag field of an object named by a plain
	                              identifier set to an integer literal, stepped by one or
	                              tested against 0: `ip->i_count = 1`, `fp->f_count++`,
	                              `--f->ref`, `!ip->i_count`, `f->ref == 0`, `if (w->refs)`;
	                              token = the field, text = "OBJ OP" with OP one of =0, =N
	                              (a literal other than 0, as written), ++, --, ?0 (tested).
	                              Only what the model reads: =N, ++ and ?0 in a definition
	                              that takes no parameter or returns a pointer, =0 and -- of
	                              a parameter. A flag set to a constant in capitals (or
	                              true/false) is `=:C`, compared with one by == `?=C`,
	                              read where =N and ?0 are and, set, of a parameter too; a
	                              table element's flag tested, `!T[i].F`, has OBJ `T[]` */
	DIG_EV_PARAM_STORE,        /* a parameter of the function stored, as the value an
	                              assignment starts with, into an element of an array or
	                              table: `pt[i] = page | 7`; token = the parameter, text "" */
	DIG_EV_ELEM,               /* an element of a table indexed by one identifier, the table
	                              a plain identifier or a field of one, set to an integer
	                              literal, stepped by one or tested against 0:
	                              `p->swap_map[offset] = 1`, `--p->swap_map[offset]`,
	                              `if (map[i])`, `!map[i]`, `map[i] == 0`; token = the table
	                              (the field's name), text = "OBJ IDX OP" (OBJ `-` for a
	                              plain table; OP as DIG_EV_COUNT's) */
	DIG_EV_TYPEDEF             /* a typedef at file scope of one name (no array, no function),
	                              read by the lexer in every file: token = the name, text =
	                              the type without qualifiers when it is one word or a
	                              pointer to one (`void *`, `char`), else "" (a struct,
	                              union or enum body too: `typedef struct r {...} R;`); also
	                              after a macro word in front (`G_BEGIN_DECLS`); func -1 */
};

struct dig_evidence {
	enum dig_evidence_kind kind;
	const char *token;         /* the identifier / constant / header */
	const char *text;          /* the source line, trimmed, at most 160 bytes */
	int32_t func;
	int dead;
	uint32_t line;
};

enum dig_file_status {
	DIG_FILE_OK = 0,
	DIG_FILE_PARTIAL,          /* parsed with errors or cut by the budget; facts are partial */
	DIG_FILE_SKIPPED           /* not parsed: binary, unreadable, too large ... (see reason) */
};

struct dig_arena;              /* scan/arena.h: bump allocator owning a file's strings and arrays */

/* Where strings live: every const char * in a dig_file points into that file's arena (or
 * is a string literal); dig_tree_free() frees them all. Files read from the fact cache are
 * identical in every field to freshly parsed ones. */

struct dig_file {
	const char *path;          /* relative to the scanned root, '/'-separated, any bytes */
	uint64_t size;
	uint64_t mtime_ns;
	uint64_t ctime_ns, ino;    /* change time and inode when read (the cache's shortcut) */
	int racy;                  /* read less than DIG_RACY_NS after its mtime or ctime: a
	                              change in the same clock tick would keep both, so the
	                              cache must not take it on its times alone */
	uint64_t hash;             /* XXH3-64 of the bytes (for copies and the cache) */
	uint64_t hdr_key;          /* what the headers it includes told its #if conditions
	                              (scan/headers.c: the cache's second key; 0: no table) */
	uint32_t lines;
	uint32_t loc;              /* non-blank, non-comment lines */
	enum dig_file_status status;
	const char *reason;        /* why partial or skipped; on an OK file a note (e.g. "not UTF-8
	                              (3 invalid byte sequences); parsed as bytes"); else NULL */
	int shallow;               /* 1: read by the lexer, not parsed (the file mentions none of
	                              dig_scan_opts.deep_words, or only calls them by name and
	                              defines none). Functions then have
	                              name, lines, LOC, return type text and parameters (K&R
	                              parameter types "int"; no globals_used); calls are direct
	                              or dispatch (no pointer calls, no dispatch_type); globals
	                              have name, storage, array and type words (no array_bytes);
	                              no registrations, no evidence other than #include,
	                              macro bodies and the lexer's counts and parameter
	                              stores. */
	int syntax_errors;         /* 1 when tree-sitter reported ERROR/MISSING nodes (usually macros
	                              it cannot see through); the facts are still complete as far as
	                              the parser got, so status stays OK */
	const char *copy_of;       /* byte-identical to this earlier path (set by the walk), else NULL */
	uint32_t dead_lines;       /* lines inside dead #if branches (#if 0, and conditions the
	                              file or its build command decide: pp.c, cond.c) */
	uint32_t dead_calls;       /* calls inside them */
	uint32_t dead_branches;    /* #if branches a known condition made dead (not counting
	                              those nested inside another dead branch) */
	uint32_t lexed_defs;       /* definitions the parser could not read (a header split
	                              between #if branches, a construct tree-sitter misread)
	                              whose bodies the lexer read: their facts are the lexer's,
	                              as in a shallow file; the file was not parsed whole */
	uint32_t lexed_line;       /* the first of them: its line (0 when none) */

	struct dig_func *funcs;        uint32_t nfuncs;
	struct dig_call *calls;        uint32_t ncalls;
	struct dig_macro *macros;      uint32_t nmacros;
	struct dig_undef *undefs;      uint32_t nundefs;
	struct dig_reg *regs;          uint32_t nregs;
	struct dig_global *globals;    uint32_t nglobals;
	struct dig_evidence *evidence; uint32_t nevidence;

	struct dig_arena *arena;
};

/* A scanned tree: every file the walk saw, in path order, plus the walk's diagnostics. */
struct dig_diag {
	const char *path;
	const char *reason;
};

struct dig_tree {
	const char *root;              /* as given on the command line */
	struct dig_file *files;  uint32_t nfiles;
	struct dig_diag *diags;  uint32_t ndiags;   /* "file: reason" lines, sorted */
	const char **excluded;   uint32_t nexcluded; /* paths a default exclude skipped (not
	                                               version-control metadata), walk order */
	uint64_t bytes;                /* bytes of the files read (not skipped), copies included;
	                                  the same whether their facts came from the cache */
	uint32_t parsed;               /* files parsed in this run */
	uint32_t cached;               /* files whose facts came from the fact cache */
	uint32_t rehashed;             /* of those, the files read and hashed to confirm it (their
	                                  times changed, or the record was racy) */
	uint32_t skipped;              /* files with status DIG_FILE_SKIPPED */
	uint32_t copies;               /* files with copy_of set */
	uint32_t shared;               /* copies that took their original's facts without a parse
	                                  (parsed + cached + skipped + shared == nfiles); their
	                                  arrays point into the original's arena */
	struct dig_arena *arena;
	struct scan_cache_job *cache_job; /* the fact cache still being written on a thread
	                                     (dig_scan_opts.cache_later), or NULL */
	int cache_failed;              /* the fact cache could not be written (a diagnostic says
	                                  why); after dig_scan_cache_wait */
};

#endif /* STRATA_DIG_FACTS_H */
