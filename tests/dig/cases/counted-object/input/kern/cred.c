/* credentials: handed out with one reference, freed when the last one is dropped */
#include <stddef.h>

void *malloc(size_t size);
void free(void *p, size_t size);
void *memset(void *p, int c, size_t n);

struct ucred {
	int cr_ref;
	int cr_uid;
	int cr_ngroups;
	int cr_groups[16];
};

struct ucred *crget(void)
{
	struct ucred *cr;

	cr = malloc(sizeof(struct ucred));
	memset(cr, 0, sizeof(*cr));
	cr->cr_ref = 1;
	return cr;
}

void crfree(struct ucred *cr)
{
	if (--cr->cr_ref != 0)
		return;
	free(cr, sizeof(*cr));
}

void crhold(struct ucred *cr)
{
	cr->cr_ref++;
}

int setuid_cred(struct ucred **crp, int uid)
{
	struct ucred *cr = crget();

	cr->cr_uid = uid;
	crfree(*crp);
	*crp = cr;
	return 0;
}

