struct dpager {
	int size;
};

struct dpager *
default_pager_create(void)
{
	struct dpager *dp = kalloc(sizeof *dp);

	dp->size = 0;
	return dp;
}

void
default_pager_destroy(struct dpager *dp)
{
	kfree(dp, sizeof *dp);
}
