/* The port's default hook: it reports and stops. */
void uart_puts(const char *s);

void vAppMallocFailedHook(void)
{
	uart_puts("out of memory\n");
	for (;;)
		;
}
