void *emalloc(unsigned long n);
void *aligned_alloc(unsigned long align, unsigned long len);
void *scsi_init_malloc(unsigned long size, int prio);
void *scsi_malloc(unsigned long len);

int main(void)
{
	char *a = emalloc(10), *b = aligned_alloc(64, 100);
	char *c = scsi_init_malloc(100, 0), *d = scsi_init_malloc(8192, 0), *e = scsi_malloc(512);
	return a && b && c && d && e;
}
