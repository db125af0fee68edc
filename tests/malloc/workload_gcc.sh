#!/bin/sh
# tests/malloc/workload_gcc.sh FUNCS: a generated C file of FUNCS functions (loops, switches,
# structs, inline helpers) large enough that gcc -O2 spends seconds and many allocations on
# it; deterministic, so the object file is the same under every allocator.
funcs=${1:-120}
awk -v n="$funcs" 'BEGIN {
  print "#include <stddef.h>"
  print "struct pt { long x, y, z; double w; };"
  print "static inline long mix(long a, long b) { return (a * 31) ^ (b >> 3); }"
  for (i = 0; i < n; i++) {
    printf "long f%d(struct pt *p, size_t n, long s) {\n", i
    printf "  long acc = %d;\n", i
    printf "  for (size_t j = 0; j < n; j++) {\n"
    printf "    switch ((p[j].x + s) %% %d) {\n", 3 + i % 7
    for (c = 0; c < 3 + i % 7; c++)
      printf "    case %d: acc = mix(acc, p[j].y * %d + %d); p[j].z += acc & %d; break;\n", c, c + i, i % 13, 255 - c
    printf "    default: acc ^= (long)(p[j].w * %d.5);\n    }\n", i % 11
    printf "    if (acc > %d) acc = mix(acc, %d);\n", 100000 + i, i
    printf "  }\n"
    printf "  return acc;\n}\n"
  }
}'
