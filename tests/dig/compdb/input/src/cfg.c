/* cfg.c: its build command defines MALLOC (-DMALLOC=a_malloc) and undefines NOPE */
void *cfg_get(unsigned n)
{
	return MALLOC(n);
}
