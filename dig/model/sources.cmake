# The model stage: link, classify, measure (see dig/model/model.c for the theory).
list(APPEND STRATA_DIG_SOURCES
  model/model.c
  model/vocab.c
  model/include.c
  model/link.c
  model/classify.c
  model/group.c
  model/impl.c
  model/features.c
  model/measure.c)
