/*
 * dig/model/claim.c: allocators of a namespace found by the set/clear pair they work on
 * one map, or by the elements of a table they set and their release clears (issue 11,
 * items 1 and 2).
 *
 * Theory. An allocator of numbers (a minor device, a disk block, an inode number, a unit
 * number) often hands out no memory and has no verb, size or map parameter: what it does
 * shows it. It searches a bitmap for a free bit and claims it with one half of a set/clear
 * primitive pair, and a release of its file gives the bit back with the other half, on the
 * same map:
 *   claim    a definition that returns a value, named as taking (a take word at a word
 *            start: get, new, grab, alloc ..., or an allocation verb anywhere: `ialloccg`;
 *            the name only tells the hand-out from a driver's attach that reserves bits
 *            for itself), calls one half of a pair
 *            (`set_bit`, `test_and_set_bit`, `setbit`, `bit_set`, `ext2_set_bit`, `FD_SET`,
 *            or the clear half on a map of free bits) on a map (an argument, casts and
 *            `&` aside, no constant) with an index it computed itself (a scalar local of
 *            it, the number it returns: neither a parameter, the caller's choice, nor a
 *            constant or a global, a flag, nor a field of a record it builds; a parameter
 *            only as a preference a search of the map replaces: `ialloccg(ip, cg, ipref,
 *            mode)` scans the inode map with skpc, then `setbit(map, ipref)`), after a
 *            search of that map (the primitive tests as it sets, or another call reads the
 *            same map without being told the index: `find_first_zero_bit(map, n)`,
 *            `bit_ffc(map, len, &y)`; `test_bit(prio, map)` tests the bit it was told);
 *            and a definition of its file named as a release (a release verb, or a give
 *            word at a word start: `put_unnamed_dev`, `ext2_free_blocks`, `free_unrl`)
 *            calls the other half on the same map (the same text, or the same field path
 *            through a longer base: `files->open_fds`, `current->files->open_fds`) with an
 *            index that is no constant. Two halves are one pair when their names differ
 *            only by `set` against `clear`/`clr` (a `test_and_` prefix aside). Flags set
 *            and cleared by name (`set_bit(BH_Lock, &bh->b_state)`) are no namespace: their
 *            index is a constant; a setter that marks the number its caller gives
 *            (`reserve(nr)`) hands nothing out.
 *   face     a definition named as an allocation (an allocation verb, no release or lock
 *            word) that passes out, as its value or through an out-parameter, the number
 *            a claimer of its file returns hands out that namespace too (`alloc_unr(uh)`
 *            over alloc_unrl under the header's mutex). A status passed on from a driver's
 *            set-up (`bge_dma_alloc` returning bge_dma_ring_alloc's int) is no number. So
 *            is a face of any number-returning entry point of its file that stores that
 *            number, as the call's value, through an out-parameter of the number's own
 *            type while it returns a status (`ffs_alloc(..., daddr_t *bnp)`: `bno =
 *            ffs_hashalloc(...)`, `*bnp = bno`), and one whose number comes from a search
 *            it hands such an entry point as a function pointer (`hashalloc(ip, cg, pref,
 *            size, alloccg)`: the search returns what the per-group allocator took). A
 *            call filling the caller's record by address (`&sc->ring`) sends no number
 *            out, and a page kept in a field of a handle (`pmap->hint = m`) has no
 *            out-parameter of its type. So is one, returning a status, that
 *            takes a number from such an entry point (called, or handed to a search) and
 *            makes the object of that number into one of its `T **` out-parameters,
 *            giving the number back to a release of its file when that fails (`ialloc(pip,
 *            ipref, mode, cred, ipp)`: `ino = hashalloc(..., ialloccg)`, `iget(pip, ino,
 *            ipp)`, `ifree(pip, ino, mode)` on error): it hands out the numbered object; a
 *            consumer that keeps the number in a record it fills has no such parameter.
 *   table    a table of counts or flags written by hand, no set/clear primitive: a
 *            definition tests an element `T[i]` against 0 (`if (p->swap_map[offset])
 *            continue;`, `!inuse[u]`) and sets the same element to a literal other than
 *            0 (`= 1`), the index a scalar local of it (the number it found, not one its
 *            caller named: `mark(u)` hands nothing out), and a definition of its file
 *            named as a release steps an element of the same table down or sets one to 0
 *            (`--p->swap_map[offset]` in swap_free, `inuse[u] = 0`): facts.h DIG_EV_ELEM,
 *            the table known by its name (the field), whatever object reaches it. The
 *            setter is the claimer when it is one (named as taking, returning a number);
 *            a static helper returning a value is the claim of the claimer of its file
 *            that uses that value (`get_swap_page` over `scan_swap_map`). A flag set
 *            that nothing of the file gives back (a `seen[]` table) is no namespace.
 *   taker    a definition whose name reads as a release but holds an allocation verb too
 *            (`ffs_nodealloccg`: "node alloc cg", "dealloc" read first) and that works one
 *            half of a pair on a map, with an index that is no constant, while a definition
 *            of its file named only as a release works the other half on the same map
 *            (`setbit(inosused, ipref)` against ffs_freefile's `clrbit(inosused, ino)`) takes
 *            what that release gives back: its release verb yields to what it does, and the
 *            release rules (classify.c) do not take it for one.
 * The claimer is an allocation entry point with its release, and its implementation has
 * the resource-map role (role.c): the map is its state, so it is never a wrapper. Runs
 * after slot.c (refute.c would not undo a number handed out: its callers use it) and before
 * classify.c's release rules.
 */
#include <string.h>

#include "dig/model/model_impl.h"

/* The half of a set/clear pair a callee name is (1 set, -1 clear, 0 neither), with its
 * stem (the name lower-cased, without the word and a `test_and_` prefix) in buf. The word
 * starts the name or follows `_`, or ends it after a letter (`bit_set`, `setbit`,
 * `ffs_clrblock`, `FD_CLR`). */
int model_claim_half(const char *name, char *buf, size_t size)
{
	static const struct { const char *w; int half; } words[] = { { "clear", -1 }, { "clr", -1 }, { "set", 1 } };
	char low[96];
	size_t n = strlen(name);
	const char *s = low;
	if (n >= sizeof low || n >= size)
		return 0;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
	s += strspn(s, "_");
	if (strncmp(s, "test_and_", 9) == 0)
		s += 9;
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		size_t wl = strlen(words[k].w);
		for (const char *p = strstr(s, words[k].w); p; p = strstr(p + 1, words[k].w)) {
			int start = p == s || p[-1] == '_';
			/* after the word: the end, `_`, or a noun (`setbit`), never a longer verb
			 * (`settle`, `setup`, `clearance`) */
			if (!start || (p[wl] && p[wl] != '_' && strncmp(p + wl, "bit", 3) != 0 && strncmp(p + wl, "bl", 2) != 0))
				continue;
			memcpy(buf, s, (size_t)(p - s));
			strcpy(buf + (p - s), p + wl);
			return words[k].half;
		}
	}
	return 0;
}

/* model_arg_text with casts and `&` taken off: the object the argument names. */
static int claim_arg(const char *args, int k, char *buf, size_t size)
{
	return model_arg_text(args, k, buf, size, 1);
}

/* Is `id` (n bytes) one of f's parameter names? */
static int claim_is_param(const struct dig_func *f, const char *id, size_t n)
{
	for (int i = 0; i < f->nparams && f->param_names; i++)
		if (f->param_names[i] && strlen(f->param_names[i]) == n && strncmp(f->param_names[i], id, n) == 0)
			return 1;
	return 0;
}

/* Is `id` (n bytes) a name f's body uses that is no local or parameter (globals_used:
 * a global, a constant, a macro)? */
static int claim_is_outer(const struct dig_func *f, const char *id, size_t n)
{
	for (uint32_t g = 0; g < f->nglobals_used; g++)
		if (strlen(f->globals_used[g]) == n && strncmp(f->globals_used[g], id, n) == 0)
			return 1;
	return 0;
}

/* Is identifier `id` (n bytes) spelled as a constant: a capital in it (`IDETAPE_BUSY`,
 * `PG_locked`, `BH_Lock`)? Locals are lower case in the C of kernels and libcs, and a
 * body the parser did not read lists no globals_used to tell them apart by. */
static int claim_constant(const char *id, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (id[i] >= 'A' && id[i] <= 'Z')
			return 1;
	return 0;
}

/* Is a text no map: every identifier in it spelled as a constant, or none (`D_BUSY`, `3`)? */
static int claim_constant_text(const char *text)
{
	for (const char *p = text; *p;) {
		const char *q = p;
		while (model_ident_char(*q))
			q++;
		if (q == p) {
			p++;
			continue;
		}
		if (!(*p >= '0' && *p <= '9') && !claim_constant(p, (size_t)(q - p)))
			return 0;
		p = q;
	}
	return 1;
}

/* What the identifiers of an index text are in f (fields after `->` and `.` aside): bit 1
 * a scalar local of f (the number it computes and returns: `i`, `bit + k`), bit 2 a
 * parameter of f, bit 4 a local object whose field or element is read (`joydev->minor`:
 * a number kept in the record being built). */
int model_claim_index_kinds(const struct dig_func *f, const char *text)
{
	int kinds = 0;
	for (const char *p = text; *p;) {
		const char *q = p;
		if (!model_ident_char(*p) || (*p >= '0' && *p <= '9')) {
			while (*q && model_ident_char(*q))
				q++;
			p = q > p ? q : p + 1;
			continue;
		}
		while (model_ident_char(*q))
			q++;
		if (!(p > text && (p[-1] == '.' || (p[-1] == '>' && p - 1 > text && p[-2] == '-'))) && *q != '(') {
			const char *r = q;
			while (*r == ' ')
				r++;
			if (claim_is_param(f, p, (size_t)(q - p)))
				kinds |= 2;
			else if (!claim_is_outer(f, p, (size_t)(q - p)) && !claim_constant(p, (size_t)(q - p)))
				kinds |= *r == '.' || *r == '[' || (r[0] == '-' && r[1] == '>') ? 4 : 1;
		}
		p = q;
	}
	return kinds;
}

/* The map and index of a pair call: the argument that names the map is found by its
 * partner, so each argument is tried; a call of up to four arguments. */
#define CLAIM_ARGS 4
#define CLAIM_TEXT 96

/* Do two map texts name one map: the same text, or one a field path the other reaches
 * through a longer base (`files->open_fds` and `current->files->open_fds`)? */
static int claim_same_map(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la < lb) {
		const char *t = a;
		a = b;
		b = t;
		la = lb;
		lb = strlen(b);
	}
	if (strcmp(a + la - lb, b) != 0)
		return 0;
	return la == lb || (strchr(b, '>') && ((la - lb >= 2 && a[la - lb - 1] == '>' && a[la - lb - 2] == '-') ||
	                                       a[la - lb - 1] == '.'));
}

/* Does call c (of definition rf, the release) work the other half of pair `stem` on the
 * map `map`, with an index that is no constant? */
static int claim_gives_back(const struct dig_func *rf, const char *callee, const char *args, int half,
                            const char *stem, const char *map)
{
	char s[96], a[CLAIM_TEXT];
	int found = 0, indexed = 0;
	if (model_claim_half(callee, s, sizeof s) != -half || strcmp(s, stem) != 0)
		return 0;
	for (int k = 0; k < CLAIM_ARGS && claim_arg(args, k, a, sizeof a); k++) {
		if (!found && claim_same_map(a, map))
			found = 1;
		else if (model_claim_index_kinds(rf, a))
			indexed = 1;
	}
	return found && indexed;
}

/* Does definition n search map `map` (argument m of its claim, call `skip`): another call,
 * of no half of a set/clear pair, reads the map and is given none of the claim's other
 * arguments as they are (`find_first_zero_bit(map, n)`, `bit_ffc(map, len, &y)`: the
 * index comes out of it; `test_bit(prio, map)` before `set_bit(prio, map)` tests the one
 * bit it was told)? */
static int claim_searches(const struct model *model, uint32_t n, uint32_t lo, uint32_t hi, uint32_t skip,
                          const char *map, int m)
{
	const char *claim_args = model_call_fact(model, &model->calls[skip])->args;
	for (uint32_t c = lo; c < hi; c++) {
		const char *args = model_call_fact(model, &model->calls[c])->args;
		char stem[96], a[CLAIM_TEXT], b[CLAIM_TEXT];
		int told = 0;
		if (c == skip || model->calls[c].caller != (int32_t)n || !args || !strstr(args, map) ||
		    model_claim_half(model_call_callee(model, &model->calls[c]), stem, sizeof stem))
			continue;
		for (int k = 0; k < CLAIM_ARGS && !told && model_arg_text(claim_args, k, a, sizeof a, 0); k++)
			for (int j = 0; k != m && j < CLAIM_ARGS && !told && model_arg_text(args, j, b, sizeof b, 0); j++)
				told = strcmp(a, b) == 0;
		if (!told)
			return 1;
	}
	return 0;
}

/* Could r be the release of a claim: a definition of the file, not n, with a parameter,
 * named as giving back, no lock or test code? */
static int claim_release_named(const struct model *model, uint32_t r, uint32_t n)
{
	const struct model_node *rel = &model->nodes[r];
	(void)model;
	return r != n && rel->func && rel->func->nparams > 0 && !(rel->flags & MODEL_NODE_TEST) &&
	       !(rel->sig & SIG_LOCKNAME) && ((rel->sig & SIG_NAME_FREE) || model_partner_give_named(model, rel->name));
}

/* claim (the theory above): does call c of n claim a bit that a release of the file (its
 * definitions [lo, hi), its calls [clo, chi)) gives back? The release, or -1. */
static int64_t claim_call(const struct model *model, uint32_t n, uint32_t c, uint32_t lo, uint32_t hi, uint32_t clo,
                          uint32_t chi)
{
	const struct dig_func *f = model->nodes[n].func;
	const struct dig_call *dc = model_call_fact(model, &model->calls[c]);
	const char *callee = model_call_callee(model, &model->calls[c]);
	char stem[96], map[CLAIM_TEXT], idx[CLAIM_TEXT];
	int half = model_claim_half(callee, stem, sizeof stem);
	if (!half || dc->nargs < 2 || dc->nargs > CLAIM_ARGS)
		return -1;
	for (int m = 0; m < dc->nargs; m++) {
		int local = 0, param = 0, bare = 1;
		if (!claim_arg(dc->args, m, map, sizeof map) || claim_constant_text(map))
			continue;
		for (int k = 0; k < dc->nargs; k++)
			if (k != m && claim_arg(dc->args, k, idx, sizeof idx)) {
				int kinds = model_claim_index_kinds(f, idx);
				local |= kinds & 1;
				param |= kinds & 2;
				bare &= claim_is_param(f, idx, strlen(idx));
			}
		/* a computed index after a search, or a primitive that tests as it sets; a
		 * parameter index, the parameter itself, only after a search of the map (a
		 * preference the search replaces: `ialloccg(ip, cg, ipref, mode)` scans the
		 * inode map with skpc, then `setbit(map, ipref)`), never told alone
		 * (`reserve(nr)`) */
		if (local && !param) {
			if (!strstr(callee, "test") && !strstr(callee, "TEST") && !claim_searches(model, n, clo, chi, c, map, m))
				continue;
		} else if (!param || local || !bare || !claim_searches(model, n, clo, chi, c, map, m)) {
			continue;
		}
		for (uint32_t k = clo; k < chi; k++) {
			const struct model_call *rc = &model->calls[k];
			if (rc->caller < (int32_t)lo || rc->caller >= (int32_t)hi || !claim_release_named(model, (uint32_t)rc->caller, n))
				continue;
			if (claim_gives_back(model->nodes[rc->caller].func, model_call_callee(model, rc),
			                     model_call_fact(model, rc)->args, half, stem, map))
				return rc->caller;
		}
	}
	return -1;
}

/* Could n be a claimer: a live definition outside test code, no entry point yet, no lock,
 * release or walker name, returning a value, a take word in its name (a driver's attach
 * or connect that reserves bits for itself hands nothing out)? */
static int claim_candidate(const struct model *model, const struct model_node *node)
{
	return model_partner_candidate(model, node, 1) &&
	       (model_partner_take_named(model, node->name) || (node->sig & SIG_NAME_ALLOC));
}

/* Is node t, a definition of file `fi`, an allocation entry point (no release) that
 * returns a number (no pointer, no void)? */
static int claim_number_entry(const struct model_node *t, uint32_t fi)
{
	return t->func && t->file_index == fi && (t->flags & MODEL_NODE_ALLOC) && !(t->flags & MODEL_NODE_FREE) &&
	       !t->func->returns_pointer && t->func->return_type && strcmp(t->func->return_type, "void") != 0;
}

/* Does f take a `T *` (T the type text `t`, one pointer level): an out-parameter for a
 * number of type T (`daddr_t *bnp` for a `daddr_t`)? */
static int claim_out_param(const struct dig_func *f, const char *t)
{
	size_t n = strlen(t);
	for (int i = 0; i < f->nparams && f->param_types; i++) {
		const char *p = f->param_types[i];
		if (p && strncmp(p, t, n) == 0 && strspn(p + n, " ") + n < strlen(p) && strcmp(p + n + strspn(p + n, " "), "*") == 0)
			return 1;
	}
	return 0;
}

/* The number-returning allocation entry point among the definitions [lo, hi) of the
 * caller's file that an argument of call dc names, as a whole (casts aside: `(u_long
 * (*)())alloccg`), or -1. The allocator handed to a search as a function pointer
 * (`hashalloc(ip, cg, pref, size, alloccg)`): what the search returns is what that
 * allocator took. */
static int64_t claim_named_entry(const struct model *model, const struct dig_call *dc, uint32_t lo, uint32_t hi)
{
	char a[CLAIM_TEXT];
	for (int k = 0; k < dc->nargs && model_arg_text(dc->args, k, a, sizeof a, 0); k++) {
		size_t e = strlen(a), b = e;
		while (b > 0 && model_ident_char(a[b - 1]))
			b--;
		if (b == e || (a[b] >= '0' && a[b] <= '9') || (b > 0 && a[b - 1] != ')' && a[b - 1] != ' '))
			continue;
		if (b > 0 && a[0] != '(')
			continue;          /* `x + f`, `p->f`: no function named whole */
		for (uint32_t t = lo; t < hi; t++)
			if (strcmp(model->nodes[t].name, a + b) == 0 && claim_number_entry(&model->nodes[t], model->nodes[t].file_index))
				return t;
	}
	return -1;
}

/* Does call dc hand a search a number-returning allocation entry point of the file whose
 * number f can pass out through an out-parameter of that number's type? */
static int claim_passes_entry(const struct model *model, const struct dig_func *f, const struct dig_call *dc,
                              uint32_t lo, uint32_t hi)
{
	int64_t t = claim_named_entry(model, dc, lo, hi);
	return t >= 0 && claim_out_param(f, model->nodes[t].func->return_type);
}

/* Is argument text a, as is, one of f's `T **` parameters (an object's out-parameter)? */
static int claim_object_out(const struct dig_func *f, const char *a)
{
	for (int i = 0; i < f->nparams && f->param_types && f->param_names; i++) {
		const char *pt = f->param_types[i];
		size_t n = pt ? strlen(pt) : 0;
		if (n > 3 && strcmp(pt + n - 3, " **") == 0 && f->param_names[i] && strcmp(f->param_names[i], a) == 0)
			return 1;
	}
	return 0;
}

/* Does call dc (of n) pass the scalar local `num` to a release of n's file (definitions
 * [lo, hi))? */
static int claim_gives_number_back(const struct model *model, uint32_t n, const struct model_call *mc,
                                   const char *num, uint32_t lo, uint32_t hi)
{
	const struct dig_call *dc = model_call_fact(model, mc);
	char a[CLAIM_TEXT];
	if (mc->target != MODEL_TARGET_NODE || mc->node < (int32_t)lo || mc->node >= (int32_t)hi ||
	    !claim_release_named(model, (uint32_t)mc->node, n))
		return 0;
	for (int k = 0; k < dc->nargs && claim_arg(dc->args, k, a, sizeof a); k++)
		if (strcmp(a, num) == 0)
			return 1;
	return 0;
}

/* undo face (the theory above): does n, named as an allocation and returning a status,
 * take a number from a number-returning allocation entry point of its file (called, or
 * handed to a search), make the object of that number into one of its `T **`
 * out-parameters (`iget(pip, ino, ipp)`, `ffs_vgetf(mp, ino, ..., vpp)`) and give the
 * number back to a release of its file when that fails (`ifree(pip, ino, mode)`)? Its
 * calls are [clo, chi) of the file's definitions [lo, hi). */
static int claim_undo_face(const struct model *model, uint32_t n, uint32_t lo, uint32_t hi, uint32_t clo, uint32_t chi)
{
	const struct model_node *node = &model->nodes[n];
	const struct dig_func *f = node->func;
	int numbered = 0;
	if (!(node->sig & SIG_NAME_ALLOC) || f->returns_pointer)
		return 0;
	for (uint32_t c = clo; c < chi && !numbered; c++) {
		const struct model_call *mc = &model->calls[c];
		if (mc->caller != (int32_t)n || mc->node == (int32_t)n)
			continue;
		numbered = (mc->target == MODEL_TARGET_NODE && claim_number_entry(&model->nodes[mc->node], node->file_index)) ||
		           claim_named_entry(model, model_call_fact(model, mc), lo, hi) >= 0;
	}
	for (uint32_t c = clo; c < chi && numbered; c++) {
		const struct dig_call *dc = model_call_fact(model, &model->calls[c]);
		char a[CLAIM_TEXT], num[CLAIM_TEXT];
		int fills = 0;
		if (model->calls[c].caller != (int32_t)n)
			continue;
		for (int k = 0; k < dc->nargs && !fills && model_arg_text(dc->args, k, a, sizeof a, 0); k++)
			fills = claim_object_out(f, a);
		for (int k = 0; fills && k < dc->nargs && model_arg_text(dc->args, k, num, sizeof num, 0); k++) {
			if (!model_ident_char(num[0]) || num[strspn(num, "abcdefghijklmnopqrstuvwxyz0123456789_")] ||
			    model_claim_index_kinds(f, num) != 1)
				continue;          /* a scalar local by name: the number */
			for (uint32_t r = clo; r < chi; r++)
				if (model->calls[r].caller == (int32_t)n &&
				    claim_gives_number_back(model, n, &model->calls[r], num, lo, hi))
					return 1;
		}
	}
	return 0;
}

/* face (the theory above): does n, named as an allocation, pass out the number an
 * allocation entry point of its file (definitions [lo, hi)) returns? Its calls are
 * [clo, chi). A claimer's number may come back as the value; any other number-returning
 * entry point's, or a search's handed such an entry point, must go out through an
 * out-parameter of that number's type as its value (`daddr_t *bnp`, `*bnp = bno`; not a
 * call filling `&sc->ring`, nor a page kept in `pmap->hint`) while the face returns a
 * status: a status the face passes on as its value is no number. */
static int claim_face(const struct model *model, uint32_t n, uint32_t lo, uint32_t hi, uint32_t clo, uint32_t chi)
{
	const struct model_node *node = &model->nodes[n];
	if (!(node->sig & SIG_NAME_ALLOC))
		return 0;
	for (uint32_t c = clo; c < chi; c++) {
		const struct model_call *mc = &model->calls[c];
		const struct dig_call *dc;
		if (mc->caller != (int32_t)n || mc->node == (int32_t)n)
			continue;
		dc = model_call_fact(model, mc);
		int value_out = (dc->flow & DIG_FLOW_OUT) && !(dc->flow & DIG_FLOW_FILLS);
		if (!(dc->flow & (DIG_FLOW_RETURN | DIG_FLOW_OUT)))
			continue;
		if (mc->target == MODEL_TARGET_NODE && claim_number_entry(&model->nodes[mc->node], node->file_index) &&
		    ((model->nodes[mc->node].sig & SIG_CLAIM) ||
		     (value_out && claim_out_param(node->func, model->nodes[mc->node].func->return_type))))
			return 1;
		if (value_out && claim_passes_entry(model, node->func, dc, lo, hi))
			return 1;
	}
	return 0;
}

/* Mark n an allocation entry point of the claim rules. */
static void claim_mark(struct model_node *node, unsigned char *file_has_alloc)
{
	node->flags |= MODEL_NODE_ALLOC;
	node->sig |= SIG_PARTNER;
	if (file_has_alloc)
		file_has_alloc[node->file_index] = 1;
}

/* The op of an element text "OBJ IDX OP" (facts.h DIG_EV_ELEM), its index into idx; NULL
 * when the text has no such shape. */
static const char *claim_elem_op(const char *text, char *idx, size_t size)
{
	const char *a = strchr(text, ' '), *b = a ? strchr(a + 1, ' ') : NULL;
	if (!b || (size_t)(b - a - 1) >= size)
		return NULL;
	memcpy(idx, a + 1, (size_t)(b - a - 1));
	idx[b - a - 1] = '\0';
	return b + 1;
}

/* Does definition fi of file f test element `table[idx]` against 0 (`if (map[i])`,
 * `!map[i]`, `map[i] == 0`)? */
static int claim_elem_tested(const struct dig_file *f, int32_t fi, const char *table, const char *idx)
{
	char ix[CLAIM_TEXT];
	for (uint32_t e = 0; e < f->nevidence; e++) {
		const struct dig_evidence *ev = &f->evidence[e];
		const char *op;
		if (ev->kind == DIG_EV_ELEM && ev->func == fi && !ev->dead && strcmp(ev->token, table) == 0 &&
		    (op = claim_elem_op(ev->text, ix, sizeof ix)) && strcmp(op, "?0") == 0 && strcmp(ix, idx) == 0)
			return 1;
	}
	return 0;
}

/* Does node r give an element of `table` back: step one down or set one to 0, by an
 * index that is no constant (`--p->swap_map[offset]`, `units[u] = 0`)? */
static int claim_elem_back(const struct model_node *r, const char *table)
{
	const struct dig_file *f = r->file;
	int32_t fi = model_func_index(r);
	char ix[CLAIM_TEXT];
	for (uint32_t e = 0; e < f->nevidence; e++) {
		const struct dig_evidence *ev = &f->evidence[e];
		const char *op;
		if (ev->kind == DIG_EV_ELEM && ev->func == fi && !ev->dead && strcmp(ev->token, table) == 0 &&
		    (op = claim_elem_op(ev->text, ix, sizeof ix)) && (strcmp(op, "--") == 0 || strcmp(op, "=0") == 0))
			return 1;
	}
	return 0;
}

/* The entry point of a table claim made by definition c (of [lo, hi), calls [clo, chi)):
 * c itself when it is a claimer that returns a number, else a claimer of the file that
 * calls c, a static helper returning a value, and uses that value (`offset =
 * scan_swap_map(p)`); -1 when none. */
static int64_t claim_elem_entry(const struct model *model, uint32_t c, uint32_t lo, uint32_t hi, uint32_t clo,
                                uint32_t chi)
{
	const struct dig_func *f = model->nodes[c].func;
	if (claim_candidate(model, &model->nodes[c]))
		return f->returns_pointer ? -1 : (int64_t)c;
	if (!f->is_static || f->returns_pointer || !f->return_type || strcmp(f->return_type, "void") == 0)
		return -1;
	for (uint32_t k = clo; k < chi; k++) {
		const struct model_call *mc = &model->calls[k];
		if (mc->target == MODEL_TARGET_NODE && mc->node == (int32_t)c && mc->caller >= (int32_t)lo &&
		    mc->caller < (int32_t)hi && !model_call_fact(model, mc)->discarded &&
		    claim_candidate(model, &model->nodes[mc->caller]) && !model->nodes[mc->caller].func->returns_pointer)
			return mc->caller;
	}
	return -1;
}

/* table (the theory above), for the file of definitions [lo, hi) and calls [clo, chi):
 * each element set to a literal other than 0 after a test of it, by an index the setter
 * computed, whose table a release of the file steps down or clears. */
static void claim_tables(struct model *model, uint32_t lo, uint32_t hi, uint32_t clo, uint32_t chi,
                         unsigned char *file_has_alloc)
{
	const struct dig_file *f = model->nodes[lo].file;
	char ix[CLAIM_TEXT];
	if (!f)
		return;
	for (uint32_t e = 0; e < f->nevidence; e++) {
		const struct dig_evidence *ev = &f->evidence[e];
		const char *op;
		int64_t entry = -1;
		uint32_t c = lo;
		if (ev->kind != DIG_EV_ELEM || ev->dead || ev->func < 0 || !(op = claim_elem_op(ev->text, ix, sizeof ix)) ||
		    op[0] != '=' || strcmp(op, "=0") == 0)
			continue;
		while (c < hi && model->nodes[c].func != &f->funcs[ev->func])
			c++;
		if (c == hi || (model->nodes[c].flags & MODEL_NODE_TEST) || model_claim_index_kinds(model->nodes[c].func, ix) != 1 ||
		    !claim_elem_tested(f, ev->func, ev->token, ix) || (entry = claim_elem_entry(model, c, lo, hi, clo, chi)) < 0)
			continue;
		for (uint32_t r = lo; r < hi; r++)
			if (claim_release_named(model, r, (uint32_t)entry) && claim_elem_back(&model->nodes[r], ev->token)) {
				claim_mark(&model->nodes[entry], file_has_alloc);
				model->nodes[entry].sig |= SIG_CLAIM;
				model->nodes[r].flags |= MODEL_NODE_FREE;
				model->nodes[r].sig |= SIG_PARTNER;
			}
	}
}

/* taker (the theory above): does n, named as a release with an allocation verb in its
 * name too, work one half of a set/clear pair on a map (with an index that is no
 * constant) that a definition of its file named only as a release works the other half
 * of? Its calls are [clo, chi) of the file's definitions [lo, hi). */
static int claim_named_taker(const struct model *model, uint32_t n, uint32_t lo, uint32_t hi, uint32_t clo,
                             uint32_t chi)
{
	const struct model_node *node = &model->nodes[n];
	if (!node->func || !(node->sig & SIG_NAME_FREE) || !model_vocab_match(model->vocab, VOCAB_ALLOC, node->name))
		return 0;
	for (uint32_t c = clo; c < chi; c++) {
		const struct dig_call *dc = model_call_fact(model, &model->calls[c]);
		char stem[96], map[CLAIM_TEXT], idx[CLAIM_TEXT];
		int half;
		if (model->calls[c].caller != (int32_t)n || dc->nargs < 2 || dc->nargs > CLAIM_ARGS ||
		    !(half = model_claim_half(model_call_callee(model, &model->calls[c]), stem, sizeof stem)))
			continue;
		for (int m = 0; m < dc->nargs; m++) {
			int indexed = 0;
			if (!claim_arg(dc->args, m, map, sizeof map) || claim_constant_text(map))
				continue;
			for (int k = 0; k < dc->nargs; k++)
				indexed |= k != m && claim_arg(dc->args, k, idx, sizeof idx) && model_claim_index_kinds(node->func, idx);
			for (uint32_t k = clo; indexed && k < chi; k++) {
				const struct model_call *rc = &model->calls[k];
				if (rc->caller < (int32_t)lo || rc->caller >= (int32_t)hi ||
				    !claim_release_named(model, (uint32_t)rc->caller, n) ||
				    model_vocab_match(model->vocab, VOCAB_ALLOC, model->nodes[rc->caller].name))
					continue;
				if (claim_gives_back(model->nodes[rc->caller].func, model_call_callee(model, rc),
				                     model_call_fact(model, rc)->args, half, stem, map))
					return 1;
			}
		}
	}
	return 0;
}

void model_claim_entries(struct model *model, unsigned char *file_has_alloc)
{
	for (uint32_t lo = 0, hi, clo, chi; lo < model->ndefs; lo = hi) {
		model_file_spans(model, lo, &hi, &clo, &chi);
		for (uint32_t n = lo; n < hi; n++)
			if (!(model->nodes[n].flags & MODEL_NODE_FREE) && claim_named_taker(model, n, lo, hi, clo, chi))
				model->nodes[n].sig &= ~(unsigned)SIG_NAME_FREE;
		/* a caller's calls come together: its claim_candidate answer is kept until
		 * the next caller or a flag set below (seen -1) */
		int32_t seen = -1;
		int cand = 0;
		for (uint32_t c = clo; c < chi; c++) {
			int32_t n = model->calls[c].caller;
			int64_t r;
			if (n < (int32_t)lo || n >= (int32_t)hi)
				continue;
			if (n != seen) {
				seen = n;
				cand = claim_candidate(model, &model->nodes[n]);
			}
			if (!cand || (r = claim_call(model, (uint32_t)n, c, lo, hi, clo, chi)) < 0)
				continue;
			seen = -1;
			claim_mark(&model->nodes[n], file_has_alloc);
			model->nodes[n].sig |= SIG_CLAIM;
			model->nodes[r].flags |= MODEL_NODE_FREE;
			model->nodes[r].sig |= SIG_PARTNER;
		}
		claim_tables(model, lo, hi, clo, chi, file_has_alloc);
		for (uint32_t n = lo; n < hi; n++)
			if (claim_candidate(model, &model->nodes[n]) &&
			    (claim_face(model, n, lo, hi, clo, chi) || claim_undo_face(model, n, lo, hi, clo, chi))) {
				claim_mark(&model->nodes[n], file_has_alloc);
				model->nodes[n].sig |= SIG_FACE;
			}
	}
}
