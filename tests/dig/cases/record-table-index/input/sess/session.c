/* A table of session records: a session is claimed by its state flag and named by its
 * index; the release sets the state back. One record per call: a fixed-size table. */
#define NSESSION 8
#define SESS_FREE 0
#define SESS_USED 1

struct session {
	int state;
	int port;
	char peer[32];
};

struct session sesstab[NSESSION];

int session_alloc(void)
{
	int i;
	for (i = 0; i < NSESSION; i++) {
		if (sesstab[i].state == SESS_FREE) {
			sesstab[i].state = SESS_USED;
			sesstab[i].port = 0;
			return i;
		}
	}
	return -1;
}

void session_free(int id)
{
	if (id < 0 || id >= NSESSION)
		return;
	sesstab[id].state = SESS_FREE;
}
