/*
 * dig/scan/vocab.h: word lists of the scan (vocab.c): lock types, atomics, fill functions,
 * scalar sizes.
 */
#ifndef STRATA_DIG_SCAN_VOCAB_H
#define STRATA_DIG_SCAN_VOCAB_H

#include <stddef.h>

/* Does a type text name a lock (mutex_t, simple_lock_data_t, spinlock_t, ...)? */
int scan_vocab_is_lock_type(const char *type);
/* Does the name s[0..n) start like an atomic operation or type? */
int scan_vocab_is_atomic(const char *s, size_t n);
/* Is the callee a fill function (memset and friends)? */
int scan_vocab_is_fill(const char *callee);
/* Byte size of a scalar type text ("unsigned long" -> 8), or 0 when unknown. */
unsigned scan_vocab_scalar_size(const char *type);

#endif /* STRATA_DIG_SCAN_VOCAB_H */
