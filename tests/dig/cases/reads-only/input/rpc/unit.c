/* Unit numbers of a namespace: handed out from a bitmap and taken back. */
static unsigned char unit_map[32];

/* The lowest free unit, or -1. */
int unit_alloc(void)
{
	for (int u = 0; u < 256; u++)
		if (!(unit_map[u / 8] & (1 << (u % 8)))) {
			unit_map[u / 8] |= (unsigned char)(1 << (u % 8));
			return u;
		}
	return -1;
}

/* Give unit u back. */
void unit_free(int u)
{
	unit_map[u / 8] &= (unsigned char)~(1 << (u % 8));
}
