
struct regset;
int regset_alloc(struct regset *rs);
void regset_free(struct regset *rs, int reg);

int
gen(struct regset *rs)
{
	int r = regset_alloc(rs);
	regset_free(rs, r);
	return r;
}
