struct lock {
	int word;
	int owner;
};

/* tests a lock by name, its pointer not const */
int mutex_owned(struct lock *l)
{
	return l->owner == 1;
}

/* checks a header: no lock, no const; only ever called inside an assertion */
int list_sane(struct lock *l)
{
	return l->word >= 0;
}
