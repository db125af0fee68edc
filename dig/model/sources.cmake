# The model stage, in pipeline order (see dig/model/build.c for the theory and
# dig/model/model_impl.h for who may call whom).
list(APPEND STRATA_DIG_SOURCES
  model/vocab.c
  model/timing.c
  model/parallel.c
  model/model.c
  model/verify.c
  model/paths.c
  model/include.c
  model/link.c
  model/partner.c
  model/refute.c
  model/slot.c
  model/claim.c
  model/listpool.c
  model/forward.c
  model/classify.c
  model/group.c
  model/flow.c
  model/impl.c
  model/role.c
  model/lockhelp.c
  model/features.c
  model/measure.c
  model/build.c)
