/*
 * tests/alloc/freestanding/fs.h: the freestanding proof's tiny runtime (fs_start.c) and
 * its counted checks (fs_main.c). No libc header is used anywhere in this program.
 */
#ifndef STRATA_TESTS_FS_H
#define STRATA_TESTS_FS_H

#include <stddef.h>
#include <string.h>   /* the four mem* functions: include/string.h of this folder */

long fs_sys_write(int fd, const void *buf, size_t len);
void fs_sys_exit(int code) __attribute__((noreturn));
int fs_main(void);

#endif /* STRATA_TESTS_FS_H */
