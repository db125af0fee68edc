/* The page allocator's prototypes; its definition is not in this tree. */
char *kalloc(void);
void kfree(char *);
