# The freestanding proof (issue 4, deliverable 8): every file of STRATA_CORE_SOURCES (the
# core and the kernel faces, which by contract need no OS) compiled with -ffreestanding
# -fno-builtin against the compiler's own headers only (-nostdinc; plus a <string.h> that
# declares nothing but memcpy, memmove, memset and memcmp, which every freestanding
# environment supplies because compilers emit calls to them), linked with
# -nostdlib -nostartfiles -static (no libc, no crt files, no libgcc) with a tiny
# program that brings its own _start, raw system calls and mem* functions
# (tests/alloc/freestanding/), and run: it boots libstrata on a static array and allocates
# and frees through every kernel face. Two programs: test_freestanding (release modes)
# and test_freestanding_debug (STRATA_DEBUG=1).
#
# The programs are built by a test (freestanding_build, a fixture), not by `all`: a core
# file that stops being freestanding-clean then fails this test -- with the compiler naming
# the file and the header or symbol -- instead of breaking everyone's build.
# x86-64 Linux only (the raw system calls); sanitizer flags are dropped for these targets.
if(STRATA_CORE_SOURCES AND CMAKE_SYSTEM_NAME STREQUAL "Linux"
   AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$"
   AND CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=include
    OUTPUT_VARIABLE _fs_cc_include OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(_fs_dir "${CMAKE_CURRENT_LIST_DIR}/freestanding")
  set(_fs_flags -ffreestanding -fno-builtin -fno-stack-protector -fno-pie
    -fno-asynchronous-unwind-tables -fno-exceptions -nostdinc -isystem ${_fs_cc_include})
  if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
    # GCC's <limits.h> defines every C limit itself but then include_next's the C
    # library's for POSIX extras, unless told there is none.
    list(APPEND _fs_flags -D_LIBC_LIMITS_H_)
  endif()
  # The core and the runtime, compiled once; two programs link them: the release modes,
  # and STRATA_DEBUG=1 (FS_DEBUG: fill patterns, every double free caught).
  add_library(strata_fs_core OBJECT EXCLUDE_FROM_ALL ${STRATA_CORE_SOURCES} ${_fs_dir}/fs_start.c)
  foreach(t IN ITEMS strata_fs_core test_freestanding test_freestanding_debug)
    if(NOT t STREQUAL "strata_fs_core")
      add_executable(${t} EXCLUDE_FROM_ALL ${_fs_dir}/fs_main.c $<TARGET_OBJECTS:strata_fs_core>)
    endif()
    # Replace (not append to) the inherited options: no sanitizers, no PIE.
    set_property(TARGET ${t} PROPERTY COMPILE_OPTIONS "")
    set_property(TARGET ${t} PROPERTY LINK_OPTIONS "")
    set_property(TARGET ${t} PROPERTY POSITION_INDEPENDENT_CODE OFF)
    if(NOT t STREQUAL "strata_fs_core")
      # Nothing but our objects: no libc, no crt files, not even libgcc (a core file
      # that needs a compiler support routine, e.g. __builtin_popcount on baseline x86-64,
      # fails to link here, naming the symbol).
      target_link_options(${t} PRIVATE -nostdlib -nostartfiles -static -no-pie)
    endif()
    target_compile_options(${t} PRIVATE ${STRATA_WARNINGS} ${_fs_flags})
    target_include_directories(${t} PRIVATE
      "${PROJECT_SOURCE_DIR}/include" "${PROJECT_SOURCE_DIR}" "${_fs_dir}")
    target_include_directories(${t} SYSTEM PRIVATE "${_fs_dir}/include")
  endforeach()
  target_compile_definitions(test_freestanding_debug PRIVATE FS_DEBUG=1)

  add_test(NAME freestanding_build
    COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR}
      --target test_freestanding test_freestanding_debug)
  set_tests_properties(freestanding_build PROPERTIES LABELS quick
    FIXTURES_SETUP freestanding_program TIMEOUT 600)
  # Each exits 0 only when every check passed (it prints "freestanding: N checks, M failed").
  add_test(NAME freestanding COMMAND test_freestanding)
  add_test(NAME freestanding_debug COMMAND test_freestanding_debug)
  set_tests_properties(freestanding freestanding_debug PROPERTIES LABELS quick
    FIXTURES_REQUIRED freestanding_program TIMEOUT 60)
endif()
