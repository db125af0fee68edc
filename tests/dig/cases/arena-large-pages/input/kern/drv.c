/* A driver's buffer: the caller's size on one path, a fixed buffer on the other, either
 * handed out as is (no list is refilled from it): a wrapper over malloc. */
#define T_BUF_SIZE 1544

void *malloc(unsigned long size);
void free(void *p);
int below_limit(void *p);

void *drv_alloc_mem(int size, int type)
{
	void *ret;

	if (type)
		ret = malloc(size + 18);
	else
		ret = malloc(T_BUF_SIZE);
	if (!ret)
		return 0;
	if (!below_limit(ret)) {
		free(ret);
		return 0;
	}
	return ret;
}
