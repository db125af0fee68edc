#ifndef TEXT_H
#define TEXT_H

/* a linkage macro with no ';' stands in front of the header's first typedef */
#ifdef __cplusplus
#  define BEGIN_DECLS extern "C" {
#  define END_DECLS }
#else
#  define BEGIN_DECLS
#  define END_DECLS
#endif

BEGIN_DECLS

typedef char tchar;

tchar *text_copy (const tchar *s);

END_DECLS

#endif
