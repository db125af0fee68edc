# The scan stage: walk, lexical preprocessor pass, tree-sitter parse, recovery passes,
# fact cache. Paths relative to dig/.
list(APPEND STRATA_DIG_SOURCES
  scan/arena.c
  scan/unit.c
  scan/pp.c
  scan/cond.c
  scan/headers.c
  scan/knr.c
  scan/grammar.c
  scan/vocab.c
  scan/extract.c
  scan/lex.c
  scan/words.c
  scan/parse.c
  scan/walk.c
  scan/fault.c
  scan/cache.c
  scan/tree.c
  scan/part.c
  scan/scan.c)
