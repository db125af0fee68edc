list(APPEND STRATA_DIG_SOURCES
  cli/main.c
  cli/options.c
  cli/commands.c
  cli/inputs.c
  cli/cmd_stats.c)
