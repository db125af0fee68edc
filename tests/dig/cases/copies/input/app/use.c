void *cell_alloc(unsigned long size);

void *
grab(void)
{
	return cell_alloc(16);
}
