# Unit tests of the Mach kalloc face (alloc/kalloc).
strata_test(test_kalloc SOURCES test_kalloc.c LIBS strata_core VALGRIND)
strata_test(test_kalloc_debug SOURCES test_kalloc.c LIBS strata_core ENV STRATA_DEBUG=1)
strata_test(test_kalloc_debug2 SOURCES test_kalloc.c LIBS strata_core ENV STRATA_DEBUG=2)
