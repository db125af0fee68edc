/* the optimiser's arena, kept in a header */
char *lasta, *lastr;
