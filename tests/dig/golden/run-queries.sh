#!/bin/sh
# tests/dig/golden/run-queries.sh STRATA CASES: the CLI around the model, on golden inputs:
# callers / callees / trace answered from OUT (cscope-style lines), same-name definitions
# listed and --in picking one, exit codes for a missing graphviz (3, DOT kept, no SVG), a
# bad vocabulary file (2, FILE:LINE named) and an OUT that is a file (2, left as it was).
# Expected lines below were written from reading tests/dig/cases/{mach,page}-kalloc/input.
set -u
strata=$1
cases=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-queries.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
checks=0

# expect NAME EXPECTED-FILE ACTUAL-FILE
expect() {
	checks=$((checks + 1))
	if ! diff -u "$2" "$3"; then
		echo "queries: $1 differs (expected -, got +)"
		fail=1
	fi
}

# status NAME WANT GOT
status() {
	checks=$((checks + 1))
	if [ "$2" != "$3" ]; then
		echo "queries: $1 exited $3, expected $2"
		fail=1
	fi
}

"$strata" dig "$cases/mach-kalloc/input" -o "$tmp/mach" -q --no-svg
status "dig mach-kalloc" 0 $?

"$strata" callers kalloc -o "$tmp/mach" >"$tmp/got" 2>&1
status "callers kalloc" 0 $?
printf '%s\n' 'ipc/ipc_kmsg.c ipc_kmsg_alloc 12 kalloc(size)' >"$tmp/want"
expect "callers kalloc" "$tmp/want" "$tmp/got"

"$strata" callees zalloc -o "$tmp/mach" >"$tmp/got" 2>&1
cat >"$tmp/want" <<'END'
kern/zalloc.c zalloc 23 panic("zalloc: null zone") -> external panic
kern/zalloc.c zalloc 24 simple_lock(&zone->lock) -> external simple_lock
kern/zalloc.c zalloc 27 simple_unlock(&zone->lock) -> external simple_unlock
kern/zalloc.c zalloc 28 kmem_alloc_wired(zone_map, &addr, zone->alloc_size) -> external-backend kmem_alloc_wired
kern/zalloc.c zalloc 29 panic("zalloc") -> external panic
kern/zalloc.c zalloc 33 simple_unlock(&zone->lock) -> external simple_unlock
END
expect "callees zalloc" "$tmp/want" "$tmp/got"

"$strata" trace kalloc -o "$tmp/mach" >"$tmp/got" 2>&1
cat >"$tmp/want" <<'END'
kalloc@kern/kalloc.c:17 [alloc impl2]
  zalloc@kern/zalloc.c:18 [alloc impl3] x1
    kmem_alloc_wired [external-backend] x1
  kmem_alloc_wired [external-backend] x1
END
expect "trace kalloc" "$tmp/want" "$tmp/got"

"$strata" trace kalloc --depth 1 -o "$tmp/mach" >"$tmp/got" 2>&1
cat >"$tmp/want" <<'END'
kalloc@kern/kalloc.c:17 [alloc impl2]
  zalloc@kern/zalloc.c:18 [alloc impl3] x1 ...
  kmem_alloc_wired [external-backend] x1
END
expect "trace kalloc --depth 1" "$tmp/want" "$tmp/got"

# --format cscope: exactly cscope -L's `file function line text` (the source line, blanks
# folded as cscope folds them); callees name the called function in the second column (as
# cscope -2 does); a trace lists the call sites along its edges
"$strata" callers kalloc -o "$tmp/mach" --format cscope >"$tmp/got" 2>&1
printf '%s\n' 'ipc/ipc_kmsg.c ipc_kmsg_alloc 12 kmsg = (struct ipc_kmsg *)kalloc(size);' >"$tmp/want"
expect "callers kalloc --format cscope" "$tmp/want" "$tmp/got"
"$strata" callees kalloc -o "$tmp/mach" --format cscope >"$tmp/got" 2>&1
cat >"$tmp/want" <<'END'
kern/kalloc.c kmem_alloc_wired 24 if (kmem_alloc_wired(kalloc_map, &addr, size) != 0)
kern/kalloc.c zalloc 32 return zalloc(k_zone[zindex]);
END
expect "callees kalloc --format cscope" "$tmp/want" "$tmp/got"
"$strata" trace kalloc -o "$tmp/mach" --format cscope >"$tmp/got" 2>&1
cat >"$tmp/want" <<'END'
kern/kalloc.c zalloc 32 return zalloc(k_zone[zindex]);
kern/zalloc.c kmem_alloc_wired 28 if (kmem_alloc_wired(zone_map, &addr, zone->alloc_size) != 0)
kern/kalloc.c kmem_alloc_wired 24 if (kmem_alloc_wired(kalloc_map, &addr, size) != 0)
END
expect "trace kalloc --format cscope" "$tmp/want" "$tmp/got"
# the same queries answered by cscope itself on the same files (when cscope is installed:
# ./dev test installs it)
if command -v cscope >/dev/null 2>&1; then
	(cd "$cases/mach-kalloc/input" && find . -name '*.[ch]' | sort >"$tmp/cs.files" &&
	 cscope -b -k -i "$tmp/cs.files" -f "$tmp/cs.out") || fail=1
	for q in "callers -3" "callees -2"; do
		(cd "$cases/mach-kalloc/input" && cscope -d -f "$tmp/cs.out" -L ${q#* } kalloc) >"$tmp/want"
		"$strata" ${q% *} kalloc -o "$tmp/mach" --format cscope >"$tmp/got" 2>&1
		expect "${q% *} kalloc --format cscope against cscope ${q#* }" "$tmp/want" "$tmp/got"
	done
else
	echo "queries: cscope not installed: the comparison with cscope itself is skipped"
fi
# a tree no longer where it was dug: the call as strata read it
mkdir -p "$tmp/gone"
cp -r "$cases/mach-kalloc/input/." "$tmp/gone/"
"$strata" dig "$tmp/gone" -o "$tmp/gone-out" -q --no-svg
status "dig a copy" 0 $?
rm -rf "$tmp/gone"
"$strata" callers kalloc -o "$tmp/gone-out" --format cscope >"$tmp/got" 2>&1
printf '%s\n' 'ipc/ipc_kmsg.c ipc_kmsg_alloc 12 kalloc(size)' >"$tmp/want"
expect "callers kalloc --format cscope, the tree gone" "$tmp/want" "$tmp/got"

# --format json: one object, every call a record
"$strata" callers kalloc -o "$tmp/mach" --format json >"$tmp/got" 2>&1
cat >"$tmp/want" <<'END'
{"schema":"strata.query","version":1,"query":"callers","name":"kalloc","definitions":[{"name":"kalloc","file":"kern/kalloc.c","line":17,"kind":"alloc","impl":"impl2","calls":[{"file":"ipc/ipc_kmsg.c","function":"ipc_kmsg_alloc","line":12,"callee":"kalloc","args":"size","via_macro":null,"target":"node","candidates":0}]}]}
END
expect "callers kalloc --format json" "$tmp/want" "$tmp/got"
"$strata" callees kalloc -o "$tmp/mach" --format json >"$tmp/got" 2>&1
cat >"$tmp/want" <<'END'
{"schema":"strata.query","version":1,"query":"callees","name":"kalloc","definitions":[{"name":"kalloc","file":"kern/kalloc.c","line":17,"kind":"alloc","impl":"impl2","calls":[{"file":"kern/kalloc.c","function":"kalloc","line":24,"callee":"kmem_alloc_wired","args":"kalloc_map, &addr, size","via_macro":null,"target":"node","candidates":0,"resolved":[{"name":"kmem_alloc_wired","file":null,"line":null,"kind":"external-backend","impl":null}]},{"file":"kern/kalloc.c","function":"kalloc","line":32,"callee":"zalloc","args":"k_zone[zindex]","via_macro":null,"target":"node","candidates":0,"resolved":[{"name":"zalloc","file":"kern/zalloc.c","line":18,"kind":"alloc","impl":"impl3"}]}]}]}
END
expect "callees kalloc --format json" "$tmp/want" "$tmp/got"
"$strata" trace kalloc --depth 1 -o "$tmp/mach" --format json >"$tmp/got" 2>&1
cat >"$tmp/want" <<'END'
{"schema":"strata.query","version":1,"query":"trace","name":"kalloc","definitions":[{"name":"kalloc","file":"kern/kalloc.c","line":17,"kind":"alloc","impl":"impl2","trace":{"name":"kalloc","file":"kern/kalloc.c","line":17,"kind":"alloc","impl":"impl2","count":0,"cycle":false,"cut":false,"callees":[{"name":"zalloc","file":"kern/zalloc.c","line":18,"kind":"alloc","impl":"impl3","count":1,"cycle":false,"cut":true,"callees":[]},{"name":"kmem_alloc_wired","file":null,"line":null,"kind":"external-backend","impl":null,"count":1,"cycle":false,"cut":false,"callees":[]}]}}]}
END
expect "trace kalloc --format json" "$tmp/want" "$tmp/got"
"$strata" callers kalloc -o "$tmp/mach" --format xml >"$tmp/got" 2>&1
status "callers --format xml" 1 $?

# the queries read only the index: they answer with the tree and the fact cache gone
cp -r "$tmp/mach" "$tmp/only-index"
rm -rf "$tmp/only-index/.strata-cache" "$tmp/only-index/.strata-root"
"$strata" callers kalloc -o "$tmp/only-index" >"$tmp/got" 2>&1
printf '%s\n' 'ipc/ipc_kmsg.c ipc_kmsg_alloc 12 kalloc(size)' >"$tmp/want"
expect "callers kalloc from the index alone" "$tmp/want" "$tmp/got"

# a damaged index: exit 2 with a message naming it, never a crash or a wrong answer
# damage NAME WORD [dd args]: copy OUT, apply the damage, expect exit 2 and WORD in stderr
damaged() {
	"$strata" callers kalloc -o "$tmp/bad" >"$tmp/got" 2>"$tmp/err"
	status "callers on $1" 2 $?
	checks=$((checks + 1))
	grep -q -- "$2" "$tmp/err" && grep -q ".strata-index" "$tmp/err" ||
		{ echo "queries: $1: expected '$2' in: $(cat "$tmp/err")"; fail=1; }
}
fresh() { rm -rf "$tmp/bad"; cp -r "$tmp/mach" "$tmp/bad"; }
poke() { printf '\377' | dd of="$tmp/bad/.strata-index" bs=1 seek="$1" conv=notrunc 2>/dev/null; }
fresh; poke 4100; damaged "a flipped byte in the strings" "checksum"
fresh; poke 20; damaged "a flipped byte in the header" "checksum"
fresh; size=$(wc -c <"$tmp/bad/.strata-index"); poke $((size - 3)); damaged "a flipped byte in the block table" "checksum"
fresh; truncate -s 5000 "$tmp/bad/.strata-index"; damaged "a truncated index" "truncated"
fresh; : >"$tmp/bad/.strata-index"; damaged "an empty index" "truncated"
fresh; printf '\000' | dd of="$tmp/bad/.strata-index" bs=1 seek=8 conv=notrunc 2>/dev/null
damaged "an index of another version" "version"
fresh; head -c 8192 /dev/zero >"$tmp/bad/.strata-index"; damaged "a file of zeros" "not a strata query index"
fresh; rm "$tmp/bad/.strata-index"; damaged "a missing index" "run 'strata dig"

# --progress: the last progress line of each phase stays (it ends with a newline, with the
# files done out of all and the time taken)
"$strata" dig "$cases/mach-kalloc/input" -o "$tmp/progress" -q --no-svg --progress 2>"$tmp/err"
checks=$((checks + 1))
tr '\r' '\n' <"$tmp/err" | grep -Eq '^strata: (reading|parsing) ([0-9]+)/\2 files, .* in [0-9.]+ s.*$' &&
	[ "$(tail -c 1 "$tmp/err" | od -An -c | tr -d ' ')" = '\n' ] ||
	{ echo "queries: --progress: the final line did not stay: $(od -c "$tmp/err" | head -5)"; fail=1; }

"$strata" callers no_such_function -o "$tmp/mach" >"$tmp/got" 2>&1
status "callers of an unknown name" 2 $?

"$strata" dig "$cases/page-kalloc/input" -o "$tmp/page" -q --no-svg
status "dig page-kalloc" 0 $?
"$strata" callers kalloc -o "$tmp/page" >"$tmp/got" 2>"$tmp/err"
status "callers kalloc (two definitions)" 0 $?
cat >"$tmp/want" <<'END'
== kernel/kalloc.c kalloc 29
kernel/vm.c setupkvm 8 kalloc()
== lib/kmem/kalloc.c kalloc 12
cmd/sh/sh.c parsecmd 8 kalloc(sizeof *c)
END
expect "callers kalloc (two definitions)" "$tmp/want" "$tmp/got"
cat >"$tmp/want" <<'END'
strata: kalloc is defined 2 times (pick one with --in DIR):
  kernel/kalloc.c kalloc 29 alloc (0 parameters)
  lib/kmem/kalloc.c kalloc 12 alloc (1 parameter)
END
expect "ambiguity message" "$tmp/want" "$tmp/err"
"$strata" callers kalloc --in lib -o "$tmp/page" >"$tmp/got" 2>&1
printf '%s\n' 'cmd/sh/sh.c parsecmd 8 kalloc(sizeof *c)' >"$tmp/want"
expect "callers kalloc --in lib" "$tmp/want" "$tmp/got"

# graphviz missing: DOT written, no SVG, exit 3
PATH=/nonexistent "$strata" dig "$cases/mach-kalloc/input" -o "$tmp/nodot" -q 2>"$tmp/err"
status "dig without graphviz" 3 $?
checks=$((checks + 1))
if [ ! -s "$tmp/nodot/allocation-hierarchy.dot" ] || [ -e "$tmp/nodot/allocation-hierarchy.svg" ] ||
   ! grep -q "dot" "$tmp/err"; then
	echo "queries: without graphviz, expected DOT only and a message"
	fail=1
fi

# a bad vocabulary file: exit 2, the line named, OUT untouched
printf 'backend my_source\nbogus-kind word\n' >"$tmp/vocab"
"$strata" dig "$cases/mach-kalloc/input" -o "$tmp/mach" -q --no-svg --vocab "$tmp/vocab" 2>"$tmp/err"
status "dig with a bad vocabulary" 2 $?
checks=$((checks + 1))
grep -q "vocab:2:" "$tmp/err" || { echo "queries: bad vocabulary: no FILE:LINE in: $(cat "$tmp/err")"; fail=1; }
checks=$((checks + 1))
[ -s "$tmp/mach/report.md" ] || { echo "queries: a failed dig damaged OUT"; fail=1; }

# OUT is a regular file: exit 2, the file left as it was
printf 'keep\n' >"$tmp/plain"
"$strata" dig "$cases/mach-kalloc/input" -o "$tmp/plain" -q --no-svg 2>/dev/null
status "dig into a file" 2 $?
checks=$((checks + 1))
[ "$(cat "$tmp/plain")" = keep ] || { echo "queries: OUT file was changed"; fail=1; }

[ "$fail" -eq 0 ] && echo "queries: $checks checks passed"
exit $fail
