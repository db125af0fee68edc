#!/bin/sh
# tests/dig/shard/run-shard.sh STRATA CASES TREE: a sharded dig, merged, is one dig.
# Each golden case (CASES/<case>/input) and TREE (strata's own source tree) is dug once,
# then in N shards (`dig --shard I/N -o PART`, N = 1, 2, 3, 5; TREE: 1 and 3) put together
# by `strata merge`; every artifact must be byte-identical to the single dig's
# (topology.json apart from its "root" field) and the exit status the same. The copies
# case must be split so that its byte-identical files sit in different parts (the merge,
# not a shard, finds that copy). Then --files with the list `find` gives for each case
# must dig what the walk digs. Exit 0 when all holds, 1 with a diff otherwise.
# TREE is dug from a copy of its C files taken first: the live tree (a worktree being
# edited while the quick tier runs) could change between the single dig and the shards.
# Each run's stderr is kept, and shown when its exit status is the failure, so that a
# failure names its cause (a full disk is not a sharding bug).
set -u
strata=$1
cases=$2
tree=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-shard.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM
fail=0
checked=0

# same A B WHAT: every file of the dig output A (its fact cache apart) equals B's.
# .strata-output is compared without the cache's line and the sum over all lines (every
# other line is compared, and every artifact byte for byte): the cache marks a file read
# within DIG_RACY_NS of its change as racy, so its bytes tell when a dig read the tree,
# and the single dig and the shards read it at different times.
same() {
	n=0
	for f in $(cd "$1" && find . -path ./.strata-cache -prune -o -type f -print | sort); do
		n=$((n + 1))
		if [ "$f" = ./topology.json ]; then
			grep -v '^"root": ' "$1/$f" >"$tmp/a.json"
			grep -v '^"root": ' "$2/$f" >"$tmp/b.json" 2>/dev/null
			cmp -s "$tmp/a.json" "$tmp/b.json"
		elif [ "$f" = ./.strata-output ]; then
			grep -v -e '^f [0-9]* [0-9a-f]* \.strata-cache/' -e '^sum ' "$1/$f" >"$tmp/a.out"
			grep -v -e '^f [0-9]* [0-9a-f]* \.strata-cache/' -e '^sum ' "$2/$f" >"$tmp/b.out" 2>/dev/null
			cmp -s "$tmp/a.out" "$tmp/b.out"
		else
			cmp -s "$1/$f" "$2/$f"
		fi || {
			echo "shard: $3: $f differs from the single dig's"
			diff -u "$1/$f" "$2/$f" | head -20
			fail=1
		}
	done
	checked=$((checked + n))
	[ "$n" -gt 5 ] || { echo "shard: $3: only $n artifacts in $1"; fail=1; }
}

# said ERR: what a strata run said on stderr (its end), indented.
said() {
	tail -n 5 "$1" | sed 's/^/    /'
}

# check NAME DIR N...: single dig vs merged shards.
check() {
	name=$1 dir=$2
	shift 2
	"$strata" dig "$dir" -o "$tmp/$name.one" -q --no-svg --no-cache 2>"$tmp/$name.one.err"
	want=$?
	for n in "$@"; do
		parts=
		i=0
		while [ "$i" -lt "$n" ]; do
			"$strata" dig "$dir" --shard "$i/$n" -o "$tmp/$name.$n.part$i" -q 2>"$tmp/$name.$n.part$i.err"
			rc=$?
			[ "$rc" = 0 ] || [ "$rc" = 3 ] || {
				echo "shard: $name: shard $i/$n exited $rc"
				said "$tmp/$name.$n.part$i.err"
				fail=1
			}
			parts="$parts $tmp/$name.$n.part$i"
			i=$((i + 1))
		done
		# shellcheck disable=SC2086
		"$strata" merge $parts -o "$tmp/$name.$n.merged" -q --no-svg 2>"$tmp/$name.$n.merged.err"
		got=$?
		if [ "$got" != "$want" ]; then
			echo "shard: $name: merge of $n shards exited $got, one dig $want"
			said "$tmp/$name.$n.merged.err"
			said "$tmp/$name.one.err"
			fail=1
			continue
		fi
		same "$tmp/$name.one" "$tmp/$name.$n.merged" "$name, $n shards"
	done
}

for name in $(cd "$cases" && ls); do
	[ -d "$cases/$name/input" ] || continue
	check "$name" "$cases/$name/input" 1 2 3 5
done
mkdir "$tmp/own-tree" &&
	(cd "$tree" && find . \( -name build -o -name 'build[-_]*' -o -name .git -o -name out \) -prune -o \
		\( -name '*.c' -o -name '*.h' \) -print | tar -cf - -T -) | (cd "$tmp/own-tree" && tar -xf -) ||
	{ echo "shard: cannot copy $tree's C files"; exit 2; }
check own-tree "$tmp/own-tree" 1 3

# The copies case: under 3 shards each of its 3 files is a part of its own, so the copy
# is found by the merge; the merged topology names it.
for i in 0 1 2; do
	grep -q '^facts-file 1 ' "$tmp/copies.3.part$i/part.manifest" ||
		{ echo "shard: copies: shard $i/3 does not hold one file; the test no longer splits the copy"; fail=1; }
done
checked=$((checked + 1))
grep -q '"copy_of"' "$tmp/copies.3.merged/topology.json" ||
	{ echo "shard: copies: the merge lost the copy"; fail=1; }

# --files: the list find gives digs what the walk digs.
for name in $(cd "$cases" && ls); do
	[ -d "$cases/$name/input" ] || continue
	(cd "$cases/$name/input" && find . \( -name '*.c' -o -name '*.h' \) -print) >"$tmp/$name.list"
	"$strata" dig "$cases/$name/input" --files "$tmp/$name.list" -o "$tmp/$name.files" -q --no-svg --no-cache \
		2>"$tmp/$name.files.err"
	got=$?
	"$strata" dig "$cases/$name/input" -o "$tmp/$name.walk" -q --no-svg --no-cache 2>"$tmp/$name.walk.err"
	want=$?
	[ "$got" = "$want" ] || {
		echo "shard: $name: --files exited $got, the walk $want"
		said "$tmp/$name.files.err"
		said "$tmp/$name.walk.err"
		fail=1
	}
	same "$tmp/$name.walk" "$tmp/$name.files" "$name --files"
done

[ "$fail" -eq 0 ] && echo "shard: $checked artifacts compared, all identical"
exit $fail
