/* get_unused_fd hands out the lowest free descriptor of the current process: a search of
 * the open_fds bitmap, then FD_SET; put_unused_fd clears it with FD_CLR, reaching the same
 * map through a longer base (current->files->open_fds). */
struct files_struct {
	unsigned long open_fds[4];
	unsigned long close_on_exec[4];
};
struct task_struct {
	struct files_struct *files;
};

extern struct task_struct *current;
int find_first_zero_bit(void *map, int size);
void FD_SET(int fd, void *set);
void FD_CLR(int fd, void *set);

int get_unused_fd(void)
{
	struct files_struct *files = current->files;
	int fd;

	fd = find_first_zero_bit(&files->open_fds, 256);
	if (fd >= 256)
		return -1;
	FD_SET(fd, &files->open_fds);
	FD_CLR(fd, &files->close_on_exec);
	return fd;
}

void put_unused_fd(unsigned int fd)
{
	FD_CLR(fd, &current->files->open_fds);
}
