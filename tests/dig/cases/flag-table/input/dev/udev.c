/* USB device records: udev_alloc claims the first record of the static table whose inuse
 * flag is clear, marks it TRUE and fills it in for the parent hub; udev_free sets the flag
 * FALSE again. A table of fixed-size records handed out by an in-use flag. */
#include <stddef.h>

#define TRUE 1
#define FALSE 0
#define NUDEV 16

struct udev {
	int inuse;
	int depth;
	struct udev *parent;
};

static struct udev udevs[NUDEV];

struct udev *udev_alloc(struct udev *parent)
{
	struct udev *d = NULL;
	int i;

	for (i = 0; i < NUDEV; i++) {
		if (!udevs[i].inuse) {
			d = &udevs[i];
			d->inuse = TRUE;
			d->parent = parent;
			d->depth = parent ? parent->depth + 1 : 0;
			break;
		}
	}
	return d;
}

void udev_free(struct udev *d)
{
	d->parent = NULL;
	d->inuse = FALSE;
}

/* Not one: port_start works on the port its caller names; port_stop puts it back idle. */
#define P_IDLE 0
#define P_BUSY 2

struct port {
	int state;
};

struct port *port_start(struct port *p)
{
	if (p->state == P_IDLE)
		p->state = P_BUSY;
	return p;
}

void port_stop(struct port *p)
{
	p->state = P_IDLE;
}
