#define NR_REQUEST 64
#define RQ_INACTIVE (-1)
#define RQ_ACTIVE 1

struct request {
	int rq_status;
	int rq_dev;
	struct request *next;
};
