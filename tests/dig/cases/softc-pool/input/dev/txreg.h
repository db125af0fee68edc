#define NOWAIT 1
#define TPD_RESERVE 4
