/* this port lays records out: a Record * is a struct's address, no raw memory */
typedef struct record {
	int key;
	char *name;
} Record;
