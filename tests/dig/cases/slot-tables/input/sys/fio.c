/* falloc hands out a struct file whose count is 0 from file[] (defined in another file) after
 * a descriptor number from ufalloc, and steps the count up; closef drops it back to 0. The
 * descriptor number is no memory: falloc is no wrapper of ufalloc. Neither table is defined
 * here, so the rule of a table allocator over its own file's state does not see it. */
#define NFILE 64
#define NOFILE 20
struct file { int f_count; long f_offset; };
extern struct file file[NFILE];
extern struct file *ofile[NOFILE];

int ufalloc(void)
{
	for (int i = 0; i < NOFILE; i++)
		if (ofile[i] == 0)
			return i;
	return -1;
}

struct file *falloc(void)
{
	struct file *fp;
	int i = ufalloc();

	if (i < 0)
		return 0;
	for (fp = &file[0]; fp < &file[NFILE]; fp++)
		if (fp->f_count == 0) {
			ofile[i] = fp;
			fp->f_count++;
			fp->f_offset = 0;
			return fp;
		}
	return 0;
}

void closef(struct file *fp)
{
	if (fp->f_count > 1) {
		fp->f_count--;
		return;
	}
	fp->f_count = 0;
}
