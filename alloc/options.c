/*
 * alloc/options.c: the one option table and its environment reader.
 *
 * Theory. Every option is one row of alloc/options.def: id, NAME, type, default, unit,
 * help. options_load() runs once per process (the first options_get/options_set does
 * it): for each row it looks STRATA_<NAME> up through the platform seam (hosted: a walk
 * of environ; freestanding: no environment, defaults only), parses it by type and keeps
 * the default when the text is bad, with one warning line naming the variable, the bad
 * text, what was expected and the value kept. One load means one warning per option.
 *   BOOL  1 0 true false yes no on off (any case)
 *   LONG  a decimal number, optional sign
 *   SIZE  a decimal number with an optional k, m or g suffix (KiB, MiB, GiB; "kb" and
 *         "kib" also accepted); negative is bad
 *   ENUM  one of the names of the unit string "a|b|c" (value 0, 1, 2), or its number
 *   OUTPUT a BOOL (0 off, 1 on), or file:PATH (2; PATH not empty, kept as options_text)
 * With STRATA_VERBOSE=1 the load ends by printing every option's value (by name) and
 * where it came from, once per process.
 * Loading is guarded by an atomic state (0 not loaded, 1 loading, 2 loaded): a second
 * thread arriving during the load waits for it; nothing here locks or allocates.
 * options_get is then a plain array read.
 */
#include "alloc/options.h"

#include <limits.h>
#include <stdatomic.h>

#include "alloc/assert.h"
#include "alloc/page/platform.h"

enum option_type { OPTION_TYPE_BOOL, OPTION_TYPE_LONG, OPTION_TYPE_SIZE, OPTION_TYPE_ENUM, OPTION_TYPE_OUTPUT };

/* One row of the table. */
struct option_row {
	const char *name;        /* NAME; the variable is STRATA_NAME */
	enum option_type type;   /* how the text parses */
	long def;                /* default value */
	const char *unit;        /* unit, or "a|b|c" for ENUM */
	const char *help;        /* one line of help */
};

static const struct option_row option_rows[OPT_COUNT] = {
#define OPTION(id, name, type, def, unit, help) [id] = { name, OPTION_TYPE_##type, def, unit, help },
#include "alloc/options.def"
#undef OPTION
};

/* Module state: the values in force and the load state. */
static struct options_state {
	atomic_int loaded;        /* 0 not loaded, 1 loading, 2 loaded */
	long value[OPT_COUNT];    /* current value of each option */
	const char *text[OPT_COUNT]; /* the environment's text when it was good, else NULL */
} options_state;

/* Lower-case an ASCII letter. */
static char options_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive equality of s and the first n bytes of word (word[n] ends it). */
static int options_word_eq(const char *s, const char *word, size_t n)
{
	size_t i = 0;
	for (; i < n; i++)
		if (!s[i] || options_lower(s[i]) != options_lower(word[i]))
			return 0;
	return s[i] == '\0';
}

/* Parse a decimal number into *out: optional sign, digits, then *end points past them. */
static int options_parse_number(const char *s, long *out, const char **end)
{
	int neg = 0;
	unsigned long v = 0, limit;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	limit = neg ? (unsigned long)LONG_MAX + 1 : (unsigned long)LONG_MAX;
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');
		if (v > (limit - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = neg ? (long)(0 - v) : (long)v;
	*end = s;
	return 0;
}

/* Parse text as an option of the row's type; 0 and *out set when it is good. */
static int options_parse(const struct option_row *row, const char *s, long *out)
{
	const char *end;
	long v;
	switch (row->type) {
	case OPTION_TYPE_OUTPUT:
		/* "file:PATH" (PATH not empty); anything else is read as a boolean */
		if (options_lower(s[0]) == 'f' && options_lower(s[1]) == 'i' && options_lower(s[2]) == 'l' &&
		    options_lower(s[3]) == 'e' && s[4] == ':') {
			if (!s[5])
				return -1;
			*out = 2;
			return 0;
		}
		/* fall through */
	case OPTION_TYPE_BOOL: {
		static const char *const yes[] = { "1", "true", "yes", "on" };
		static const char *const no[] = { "0", "false", "no", "off" };
		for (int i = 0; i < 4; i++) {
			size_t ny = 0, nn = 0;
			while (yes[i][ny])
				ny++;
			while (no[i][nn])
				nn++;
			if (options_word_eq(s, yes[i], ny)) {
				*out = 1;
				return 0;
			}
			if (options_word_eq(s, no[i], nn)) {
				*out = 0;
				return 0;
			}
		}
		return -1;
	}
	case OPTION_TYPE_LONG:
		if (options_parse_number(s, &v, &end) != 0 || *end)
			return -1;
		*out = v;
		return 0;
	case OPTION_TYPE_SIZE: {
		if (options_parse_number(s, &v, &end) != 0 || v < 0)
			return -1;
		long mul = 1;
		char c = options_lower(*end);
		if (c == 'k' || c == 'm' || c == 'g') {
			mul = c == 'k' ? 1L << 10 : c == 'm' ? 1L << 20 : 1L << 30;
			end++;
			if (options_lower(*end) == 'i')
				end++;
			if (options_lower(*end) == 'b')
				end++;
		}
		if (*end || v > LONG_MAX / mul)
			return -1;
		*out = v * mul;
		return 0;
	}
	case OPTION_TYPE_ENUM: {
		long index = 0;
		for (const char *w = row->unit; *w; index++) {
			size_t n = 0;
			while (w[n] && w[n] != '|')
				n++;
			if (options_word_eq(s, w, n)) {
				*out = index;
				return 0;
			}
			w += n;
			if (*w == '|')
				w++;
		}
		if (options_parse_number(s, &v, &end) == 0 && !*end && v >= 0 && v < index) {
			*out = v;
			return 0;
		}
		return -1;
	}
	}
	return -1;
}

/* Write the name of value v of an ENUM row into buf (the number for other types). */
static void options_value_text(const struct option_row *row, long v, char *buf, size_t cap)
{
	if (row->type == OPTION_TYPE_OUTPUT && v == 2) {
		platform_format(buf, cap, "file:%s", options_state.text[row - option_rows]);
		return;
	}
	if (row->type == OPTION_TYPE_ENUM) {
		const char *w = row->unit;
		for (long i = 0; *w; i++) {
			size_t n = 0;
			while (w[n] && w[n] != '|')
				n++;
			if (i == v) {
				size_t k = n < cap - 1 ? n : cap - 1;
				for (size_t j = 0; j < k; j++)
					buf[j] = w[j];
				buf[k] = '\0';
				return;
			}
			w += n;
			if (*w == '|')
				w++;
		}
	}
	platform_format(buf, cap, "%ld", v);
}

/* Read one row from the environment into the table, warning on bad text. */
static void options_load_row(enum option_id id)
{
	const struct option_row *row = &option_rows[id];
	char var[64];
	long v;
	options_state.value[id] = row->def;
	platform_format(var, sizeof var, "STRATA_%s", row->name);
	const char *text = platform_env_get(var);
	if (!text)
		return;
	if (options_parse(row, text, &v) == 0) {
		options_state.value[id] = v;
		options_state.text[id] = row->type == OPTION_TYPE_OUTPUT && v == 2 ? text + 5 : text;
		return;
	}
	static const char *const expect[] = { "a boolean (0/1, true/false, yes/no, on/off)",
		"a decimal number", "a size (a number with an optional k, m or g)", "one of",
		"a boolean or file:PATH, one of" };
	char kept[32];
	options_value_text(row, row->def, kept, sizeof kept);
	int names = row->type == OPTION_TYPE_ENUM || row->type == OPTION_TYPE_OUTPUT;
	platform_printf_fd(2, "strata: %s=%s is not %s%s%s; keeping %s\n", var, text, expect[row->type],
	                   names ? " " : "", names ? row->unit : "", kept);
}

/* STRATA_VERBOSE: every option, its value by name and where it came from. */
static void options_print_verbose(void)
{
	char value[96];
	platform_printf_fd(2, "strata: options in force (pid %ld, %s):\n", platform_process_id(),
	                   platform_program_name());
	for (int id = 0; id < OPT_COUNT; id++)
		platform_printf_fd(2, "strata:   STRATA_%-12s %-16s %s\n", option_rows[id].name,
		                   options_format((enum option_id)id, value, sizeof value),
		                   options_state.text[id] ? "(environment)" : "(default)");
}

/* STRATA_DEBUG for the assertions of alloc/assert.h (0 until the table is read). */
int assert_level;

/* Keep assert_level in step with the table's STRATA_DEBUG. */
static void options_assert_level_update(void)
{
	long d = options_state.value[OPT_DEBUG];
	assert_level = d < 0 ? 0 : d > 9 ? 9 : (int)d;
}

/* Read the environment once (idempotent, thread-safe, allocation-free). */
void options_load(void)
{
	int expected = 0;
	if (atomic_load_explicit(&options_state.loaded, memory_order_acquire) == 2)
		return;
	if (atomic_compare_exchange_strong(&options_state.loaded, &expected, 1)) {
		for (int id = 0; id < OPT_COUNT; id++)
			options_load_row((enum option_id)id);
		options_assert_level_update();
		atomic_store_explicit(&options_state.loaded, 2, memory_order_release);
		if (options_state.value[OPT_VERBOSE])
			options_print_verbose();
		return;
	}
	while (atomic_load_explicit(&options_state.loaded, memory_order_acquire) != 2)
		;   /* another thread is reading a handful of variables: a short wait */
}

/* The value of an option (loads the table on first use). */
long options_get(enum option_id id)
{
	if (atomic_load_explicit(&options_state.loaded, memory_order_acquire) != 2)
		options_load();
	if ((unsigned)id >= OPT_COUNT)
		return 0;
	return options_state.value[id];
}

/* Override an option (tests; before the layer that reads it starts). */
void options_set(enum option_id id, long value)
{
	options_load();
	if ((unsigned)id < OPT_COUNT)
		options_state.value[id] = value;
	if (id == OPT_DEBUG)
		options_assert_level_update();
}

/* The option's NAME (without the STRATA_ prefix); NULL for a bad id. */
const char *options_name(enum option_id id)
{
	return (unsigned)id < OPT_COUNT ? option_rows[id].name : NULL;
}

/* The option's one line of help; NULL for a bad id. */
const char *options_help(enum option_id id)
{
	return (unsigned)id < OPT_COUNT ? option_rows[id].help : NULL;
}

/* The environment's text of an option (after "file:" for an OUTPUT file), or NULL. */
const char *options_text(enum option_id id)
{
	options_load();
	return (unsigned)id < OPT_COUNT ? options_state.text[id] : NULL;
}

/* The value in force as text (ENUM names, OUTPUT "file:PATH", numbers). */
const char *options_format(enum option_id id, char *buf, size_t cap)
{
	if ((unsigned)id >= OPT_COUNT) {
		platform_format(buf, cap, "?");
		return buf;
	}
	options_value_text(&option_rows[id], options_get(id), buf, cap);
	return buf;
}
