/* One of two notes of the same name, as far from the caller as the other. */
static unsigned long noted;

void
pool_note(unsigned long n)
{
	noted += n;
}
