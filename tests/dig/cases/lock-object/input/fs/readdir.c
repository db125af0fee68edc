/* A directory read through the cache. */
typedef struct rddir_cache rddir_cache;

extern rddir_cache *rddir_cache_alloc(int flags);
extern void rddir_cache_rele(rddir_cache *rc);
extern int fill(rddir_cache *rc);

/* Read a directory into a fresh cache entry. */
int nfs_readdir(int flags)
{
	rddir_cache *rc = rddir_cache_alloc(flags);
	int error;

	if (rc == 0)
		return 12;
	error = fill(rc);
	rddir_cache_rele(rc);
	return error;
}
