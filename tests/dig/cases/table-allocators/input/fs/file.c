/* filealloc hands out a struct file from a static table (ref 0 -> 1): a typed handle, no
 * size, the table is the file's own state; fileclose puts it back. */
#define NFILE 100

struct spinlock { int locked; };
struct file { int ref; int type; };

void acquire(struct spinlock *lk);
void release(struct spinlock *lk);

static struct {
	struct spinlock lock;
	struct file file[NFILE];
} ftable;

struct file *filealloc(void)
{
	struct file *f;

	acquire(&ftable.lock);
	for (f = ftable.file; f < ftable.file + NFILE; f++) {
		if (f->ref == 0) {
			f->ref = 1;
			release(&ftable.lock);
			return f;
		}
	}
	release(&ftable.lock);
	return 0;
}

void fileclose(struct file *f)
{
	acquire(&ftable.lock);
	if (--f->ref > 0) {
		release(&ftable.lock);
		return;
	}
	f->type = 0;
	release(&ftable.lock);
}
