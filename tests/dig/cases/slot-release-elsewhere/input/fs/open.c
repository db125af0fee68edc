/* open and close: the table's entries are taken back here, when the last user closes */
struct file {
	int f_count;
	int f_flags;
	long f_pos;
};

struct file *get_empty_file(void);

int do_open(int flags, struct file **fp)
{
	struct file *f = get_empty_file();

	if (!f)
		return -1;
	f->f_flags = flags;
	*fp = f;
	return 0;
}

int close_file(struct file *filp)
{
	if (filp->f_count == 0)
		return -1;
	if (filp->f_count > 1) {
		filp->f_count--;
		return 0;
	}
	filp->f_count--;
	return 0;
}
