# The query stage: the index reader and the answers of callers/callees/trace.
list(APPEND STRATA_DIG_SOURCES
  query/qindex.c
  query/answer.c)
