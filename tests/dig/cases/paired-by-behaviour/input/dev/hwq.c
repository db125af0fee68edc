/* A hardware queue handed out through an out-parameter for a device handle, no size: a
 * device's resource, not memory of an allocator. */
typedef struct hw_dev *hw_dev_t;
typedef struct hw_queue *hw_queue_t;
struct hw_queue {
	int id;
};

extern int hw_cmd(hw_dev_t dev, int op, int arg);
extern hw_queue_t hw_queue_of(hw_dev_t dev, int id);

int hwq_alloc(hw_dev_t dev, int flags, hw_queue_t *qp)
{
	int id = hw_cmd(dev, 1, flags);
	if (id < 0)
		return -1;
	*qp = hw_queue_of(dev, id);
	return 0;
}

void hwq_free(hw_dev_t dev, hw_queue_t q)
{
	(void)hw_cmd(dev, 2, q->id);
}
