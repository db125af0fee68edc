# Unit tests of vmem and the resource-map face.
strata_test(test_vmem SOURCES test_vmem.c LIBS strata_core ARGS 0x5eed 3000 VALGRIND)
strata_test(test_vmem_long SOURCES test_vmem.c LIBS strata_core ARGS 0xfeed 60000 LABELS full)
strata_test(test_rmap SOURCES test_rmap.c LIBS strata_core ARGS 0xc0ffee LABELS quick sanitize VALGRIND)
