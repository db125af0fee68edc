/* A range API: allocuvm grows an address space from oldsz to newsz with pages from kalloc,
 * deallocuvm shrinks it back; both take the same parameters. */
typedef unsigned int uint;
typedef uint pde_t;

char *kalloc(void);
void kfree(char *v);
int mappages(pde_t *pgdir, uint va, char *mem);
char *unmappage(pde_t *pgdir, uint va);

int allocuvm(pde_t *pgdir, uint oldsz, uint newsz)
{
	for (uint a = oldsz; a < newsz; a += 4096) {
		char *mem = kalloc();
		if (!mem || mappages(pgdir, a, mem) < 0)
			return 0;
	}
	return newsz;
}

int deallocuvm(pde_t *pgdir, uint oldsz, uint newsz)
{
	for (uint a = newsz; a < oldsz; a += 4096)
		kfree(unmappage(pgdir, a));
	return newsz;
}
