char *pgalloc(void);
void pgfree(char *v);
char *bumpalloc(unsigned long n);

char *take(void) { char *p = pgalloc(); return p ? p : bumpalloc(64); }
void give(char *p) { pgfree(p); }
int pgcheck(int n);
int count(int n) { return pgcheck(n); }
