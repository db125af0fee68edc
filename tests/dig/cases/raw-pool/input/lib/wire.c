/* A message decoder: get_text reads a length and copies the text out into a fresh
 * block; put_text copies a text in. A constructor of strings, no pool. */
#include <stdlib.h>
#include <string.h>

struct wire { char *at, *end; int status; };

static int get_len(struct wire *w)
{
	int n = 0;

	if (w->at + sizeof n <= w->end) {
		memcpy(&n, w->at, sizeof n);
		w->at += sizeof n;
	}
	return n;
}

char *get_text(struct wire *w)
{
	int len = get_len(w);
	char *buf;

	if (len < 0 || w->at + len > w->end)
		return NULL;
	buf = malloc((size_t)len + 1);
	if (!buf) {
		w->status = -1;
		return NULL;
	}
	memcpy(buf, w->at, (size_t)len);
	buf[len] = '\0';
	w->at += len;
	return buf;
}

void put_text(struct wire *w, char *text)
{
	size_t len = strlen(text);

	if (w->at + len <= w->end) {
		memcpy(w->at, text, len);
		w->at += len;
	}
}
