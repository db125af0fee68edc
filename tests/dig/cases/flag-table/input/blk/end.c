/* The end of a request: its record goes back to the table. */
#include "req.h"

void wake_waiters(int dev);

void end_request_last(struct request *req)
{
	req->rq_status = RQ_INACTIVE;
	wake_waiters(req->rq_dev);
}
