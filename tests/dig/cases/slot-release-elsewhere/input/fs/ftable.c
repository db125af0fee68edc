/* the open-file table: a free entry is one whose count is 0 */
#define NR_FILE 64

struct file {
	int f_count;
	int f_flags;
	long f_pos;
};

static struct file file_table[NR_FILE];

struct file *get_empty_file(void)
{
	struct file *f;

	for (f = file_table; f < file_table + NR_FILE; f++)
		if (!f->f_count) {
			f->f_count = 1;
			f->f_flags = 0;
			f->f_pos = 0;
			return f;
		}
	return 0;
}
