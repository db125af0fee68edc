char *savestr(const char *s);
char *fmtint(int v);

int main(int argc, char **argv)
{
	char *a = savestr(argv[0]);
	char *b = fmtint(argc);
	return a == b;
}
