/* A teaching kernel written one function a file: each API's state is defined in an
 * init file of its folder, its two halves in files of their own. */
#define SYSERR (-1)
#define NSLOT 16
#define SLOT_FREE 0
#define SLOT_USED 1
#define PKTSIZE 1536

struct block {
	struct block *next;
	unsigned length;
};

struct slot {
	int state;
	int count;
};

struct region {
	struct region *next;
	unsigned length;
};

struct pkt {
	int len;
	char data[PKTSIZE - sizeof(int)];
};

extern struct block freelist;
extern struct slot slottab[];
extern struct region *regfree;

void *heapget(unsigned nbytes);
int heapfree(void *p, unsigned nbytes);
