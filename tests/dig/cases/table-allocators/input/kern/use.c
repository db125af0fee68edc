struct file;
struct proc;
struct file *filealloc(void);
void fileclose(struct file *f);
unsigned int balloc(unsigned int dev);
void bfree(unsigned int dev, unsigned int b);
struct proc *allocproc(void);

void use(void)
{
	struct file *f = filealloc();
	unsigned int b = balloc(1);
	struct proc *p = allocproc();
	fileclose(f);
	bfree(1, b);
	(void)p;
}
