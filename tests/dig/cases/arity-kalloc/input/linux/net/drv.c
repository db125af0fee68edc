/* A driver that frees with one argument: not the Mach kfree(data, size). */
void
drv_close(void *buf)
{
	kfree(buf);
}
