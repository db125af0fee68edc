/* Block requests: get_request takes the next request of the static table whose status
 * reads RQ_INACTIVE, scanning down from the last one found, and marks it RQ_ACTIVE for the
 * device; the end of a request (blk/end.c) sets it RQ_INACTIVE again. */
#include <stddef.h>
#include "req.h"

static struct request all_requests[NR_REQUEST];

struct request *get_request(int n, int dev)
{
	static struct request *prev_found;
	struct request *req, *limit = all_requests + n;

	if (prev_found == NULL)
		prev_found = all_requests;
	req = prev_found;
	for (;;) {
		req = ((req > all_requests) ? req : limit) - 1;
		if (req->rq_status == RQ_INACTIVE)
			break;
		if (req == prev_found)
			return NULL;
	}
	prev_found = req;
	req->rq_status = RQ_ACTIVE;
	req->rq_dev = dev;
	return req;
}
