# The write stage: one writer per artifact, a const table in write.c.
list(APPEND STRATA_DIG_SOURCES
  write/write.c
  write/folder.c
  write/outdir.c
  write/escape.c
  write/common.c
  write/text.c
  write/json.c
  write/dot.c
  write/rank.c
  write/report.c
  write/strtab.c
  write/qindex.c
  write/html.c)
