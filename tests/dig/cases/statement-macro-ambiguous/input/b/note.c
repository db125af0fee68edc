/* The other note. */
static unsigned long seen;

void
pool_note(unsigned long n)
{
	seen = n;
}
