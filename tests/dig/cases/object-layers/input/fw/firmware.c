/* The firmware's call gate: a request code, an argument block and a result. */
typedef int (*fw_entry_t)(int code, void *arg, int *result);

static fw_entry_t fw_entry;

int fw_call(int code, void *arg, int *result)
{
	if (fw_entry == 0)
		return -1;
	return fw_entry(code, arg, result);
}
