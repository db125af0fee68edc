struct cmd {
	int type;
};

struct cmd *
parsecmd(char *s)
{
	struct cmd *c = kalloc(sizeof *c);

	c->type = s[0];
	return c;
}
