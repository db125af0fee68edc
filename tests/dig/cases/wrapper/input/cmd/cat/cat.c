char *
readline(int fd)
{
	char *buf = malloc(128);

	if (buf == 0)
		return 0;
	buf[0] = (char)fd;
	return buf;
}

void
closeline(char *buf)
{
	free(buf);
}
