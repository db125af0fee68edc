/* A header that renames free for its own inline helper, then ends the rename: nothing
 * that includes it sees dbg_free. */
void dbg_free(void *p);
#define free(p) dbg_free(p)
static inline void dbg_release(void *p) { free(p); }
#undef free
