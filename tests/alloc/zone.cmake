# Unit tests of the slab engine and the Mach zone face (alloc/zone).
strata_test(test_slab SOURCES test_slab.c LIBS strata_core ARGS 200000 VALGRIND)
strata_test(test_slab_debug SOURCES test_slab.c LIBS strata_core ARGS 50000 ENV STRATA_DEBUG=1)
strata_test(test_zone SOURCES test_zone.c LIBS strata_core VALGRIND)
strata_test(test_zone_debug SOURCES test_zone.c LIBS strata_core ENV STRATA_DEBUG=1)
# Seeded 4-thread producer/consumer stress with cross-thread frees (scale from argv).
strata_test(test_slab_stress SOURCES test_slab_stress.c LIBS strata_core ARGS 40000 LABELS quick sanitize)
strata_test(test_slab_stress_full SOURCES test_slab_stress.c LIBS strata_core ARGS 1000000 7 LABELS full)
strata_test(test_slab_stress_nomag SOURCES test_slab_stress.c LIBS strata_core ARGS 20000 LABELS quick sanitize
  ENV STRATA_MAGAZINE=0)
# Fault injection: the page source fails after the warm-up; each face's failure is checked.
strata_test(test_slab_fault SOURCES test_slab_fault.c LIBS strata_core)
# STRATA_DEBUG=2: redzones checked on free, on top of level 1's bitmaps and fill patterns.
strata_test(test_slab_debug2 SOURCES test_slab.c LIBS strata_core ARGS 50000 ENV STRATA_DEBUG=2)
strata_test(test_zone_debug2 SOURCES test_zone.c LIBS strata_core ENV STRATA_DEBUG=2)
# STRATA_PURGE_DECAY=0: empty slabs and freed large blocks are purged at once.
strata_test(test_slab_purge0 SOURCES test_slab.c LIBS strata_core ARGS 50000 ENV STRATA_PURGE_DECAY=0)
# A 1 ms decay period: the clock's steps would fall inside every test; the test's own
# steps are the only ones (no dependence on how fast the run goes).
strata_test(test_slab_decay1 SOURCES test_slab.c LIBS strata_core ARGS 20000 ENV STRATA_PURGE_DECAY=1)
# The same engine under the other modes: spin locks, the sbrk page source.
strata_test(test_slab_stress_spin SOURCES test_slab_stress.c LIBS strata_core ARGS 20000 LABELS quick sanitize
  ENV STRATA_THREADS=spin)
strata_test(test_zone_sbrk SOURCES test_zone.c LIBS strata_core ENV STRATA_PAGE_SOURCE=sbrk)
# Lock holders recorded (STRATA_LOCK_DEBUG) and STRATA_DEBUG=1: every *_locked function
# asserts that its caller holds its lock, exactly.
strata_test(test_slab_lockdebug SOURCES test_slab.c LIBS strata_core_lockdebug ARGS 20000 ENV STRATA_DEBUG=1)
strata_test(test_zone_lockdebug SOURCES test_zone.c LIBS strata_core_lockdebug ENV STRATA_DEBUG=1)
strata_test(test_slab_stress_lockdebug SOURCES test_slab_stress.c LIBS strata_core_lockdebug ARGS 10000
  ENV STRATA_DEBUG=1)
strata_test(test_vmem_lockdebug SOURCES test_vmem.c LIBS strata_core_lockdebug ARGS 0x5eed 2000 ENV STRATA_DEBUG=2)
# SQLite-style iterated fault injection: page map N fails, N = 1, 2, ... (persistent,
# transient, and after a boot hand-off), across every face; each N in a child.
strata_test(test_faultsim SOURCES test_faultsim.c LIBS strata_core)
set_tests_properties(test_faultsim PROPERTIES TIMEOUT 600)
# The secrets come from the platform's entropy: two runs without ASLR differ.
strata_test(test_secret SOURCES test_secret.c LIBS strata_core)
