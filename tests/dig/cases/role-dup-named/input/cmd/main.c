/* A user of newstr. */
char *newstr(char *s);
void freestr(char *s);
int
main(int argc, char **argv)
{
	char *a = newstr(argv[0]);
	char *b = newstr(argv[1]);
	freestr(a);
	freestr(b);
	return 0;
}
