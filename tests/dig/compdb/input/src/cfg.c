/* cfg.c: its build command defines MALLOC (-DMALLOC=a_malloc) and undefines NOPE */
void *cfg_get(unsigned n)
{
	return MALLOC(n);
}

#ifdef NOPE
/* -DNOPE -U NOPE: NOPE is undefined, this branch is dead */
void *cfg_nope(unsigned n)
{
	return a_malloc(n);
}
#endif
