#!/bin/sh
# tests/dig/outdir/run-hostile.sh STRATA CASES [FAULTY]: what OUT may be, and what happens to it.
# Each case names the rule of dig/write/outdir.c it checks. A refused dig must exit 2,
# say why on stderr naming OUT, and leave the whole world as it was (every file and folder
# under the scratch folder compared before and after: nothing removed, changed or added --
# no empty OUT, no .OUT.tmp-*). An accepted one must leave OUT complete and nothing beside.
set -u
strata=$1
cases=$2
faulty=${3:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-hostile.XXXXXX") || exit 2
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
fail=0
checks=0
w=$tmp/w
mkdir "$w"
cd "$w" || exit 2

# snap: every entry under $w with type, size, link target and content hash
snap() {
	(cd "$w" && find . -printf '%p %y %s %l\n' | sort && find . -type f -exec md5sum {} + | sort -k2)
}

# refused NAME PATTERN CMD...: the command exits 2, stderr matches PATTERN, nothing changed
refused() {
	name=$1 pattern=$2
	shift 2
	snap >"$tmp/before"
	"$@" >"$tmp/out" 2>&1
	rc=$?
	snap >"$tmp/after"
	checks=$((checks + 1))
	if [ "$rc" -ne 2 ]; then
		echo "hostile: $name: exited $rc, expected 2"
		cat "$tmp/out"
		fail=1
	elif ! grep -q -- "$pattern" "$tmp/out"; then
		echo "hostile: $name: the message does not say '$pattern':"
		cat "$tmp/out"
		fail=1
	fi
	checks=$((checks + 1))
	if ! cmp -s "$tmp/before" "$tmp/after"; then
		echo "hostile: $name: the world changed:"
		diff "$tmp/before" "$tmp/after" | head -10
		fail=1
	fi
	rm -f "$tmp/before" "$tmp/after" "$tmp/out"
}

# accepted NAME DIR OUT [ARGS]: exits 0, OUT is a complete output, nothing beside it is new
accepted() {
	name=$1 dir=$2 out=$3
	shift 3
	parent=$(dirname "$out")
	ls -A "$parent" | grep -v "^$(basename "$out")\$" >"$tmp/ls"
	"$strata" dig "$dir" -o "$out" -q --no-svg "$@" >"$tmp/out" 2>&1
	rc=$?
	checks=$((checks + 1))
	if [ "$rc" -ne 0 ] || [ ! -f "$out/report.md" ] || [ ! -f "$out/.strata-output" ] ||
	   [ ! -f "$out/.strata-cache/facts.cache" ]; then
		echo "hostile: $name: exited $rc, or OUT is not a complete output"
		cat "$tmp/out"
		fail=1
	fi
	checks=$((checks + 1))
	ls -A "$parent" | grep -v "^$(basename "$out")\$" | cmp -s - "$tmp/ls" ||
		{ echo "hostile: $name: something new beside OUT: $(ls -A "$parent")"; fail=1; }
	rm -f "$tmp/ls" "$tmp/out"
}

# the tree: an allocator and a caller, and a source folder
mkdir -p t/src
printf 'void *kalloc(unsigned long n) { static char h[64]; return h + n; }\n' >t/a.c
printf 'void *kalloc(unsigned long);\nint f(void) { return kalloc(1) != 0; }\n' >t/src/b.c

# 1. OUT is DIR, an ancestor of DIR, a source folder inside DIR (every spelling)
refused "OUT = DIR" "tree being read" "$strata" dig t -o t
refused "OUT = DIR/" "tree being read" "$strata" dig t -o t/
refused "OUT = DIR/." "tree being read" "$strata" dig t -o t/.
refused "OUT = DIR, absolute" "tree being read" "$strata" dig t -o "$w/t"
refused "OUT = DIR/src/.." "tree being read" "$strata" dig t -o t/src/..
refused "OUT = ancestor of DIR" "holds the tree" "$strata" dig t/src -o t
refused "OUT = grand-ancestor" "holds the tree" "$strata" dig t/src -o "$w"
refused "OUT = a source folder inside DIR" "src" "$strata" dig t -o t/src
cd t
refused "-o . inside the tree" "tree being read" "$strata" dig . -o .
cd src
refused "-o .. from inside the tree" "holds the tree" "$strata" dig . -o ..
refused "dig .. -o ." "current folder" "$strata" dig .. -o .
cd "$w"
refused "-o /" "root folder" "$strata" dig t -o /
mkdir -p elsewhere/deeper
cd elsewhere
refused "-o . outside the tree (an empty current folder)" "current folder" "$strata" dig ../t -o .
cd deeper
refused "-o .. outside the tree" "current folder" "$strata" dig ../../t -o ..
cd "$w"
mkdir home && printf 'dear diary\n' >home/notes.txt
refused "-o ~ (a home with files)" "notes.txt" "$strata" dig t -o "$w/home"

# 2. OUT is not strata's: a user folder, a file, links of every kind
mkdir notes && printf 'mine\n' >notes/todo.txt
refused "OUT = a user folder" "holds 'todo.txt'" "$strata" dig t -o notes
printf 'plain\n' >plainfile
refused "OUT = a file" "not a folder" "$strata" dig t -o plainfile
ln -s t link-to-dir
refused "OUT = a link to DIR" "symbolic link" "$strata" dig t -o link-to-dir
ln -s notes link-to-notes
refused "OUT = a link to a user folder" "symbolic link" "$strata" dig t -o link-to-notes
refused "OUT = a link to a user folder, trailing slash" "symbolic link" "$strata" dig t -o link-to-notes/
ln -s nowhere dangling
refused "OUT = a dangling link" "symbolic link" "$strata" dig t -o dangling
refused "OUT's parent is missing" "does not exist" "$strata" dig t -o missing/out
snap >"$tmp/before"
"$strata" dig t -o "" >"$tmp/out" 2>&1
rc=$?
snap >"$tmp/after"
checks=$((checks + 1))
if [ "$rc" -eq 0 ] || ! grep -q "empty" "$tmp/out" || ! cmp -s "$tmp/before" "$tmp/after"; then
	echo "hostile: OUT = empty name: exited $rc, no message, or the world changed"
	fail=1
fi

# 3. an earlier strata output: replaced; with anything added or changed: refused
accepted "new OUT" t out
accepted "OUT replaced (an earlier output)" t out
accepted "OUT spelled ./out/" t ./out/
accepted "OUT spelled absolute" t "$w/out"
accepted "OUT spelled out//" t out//
accepted "OUT inside DIR" t t/out
accepted "OUT inside DIR, again" t t/out
mkdir -p t/sub && cp t/a.c t/sub/k.c
# with --ext .txt the walk would count OUT's own .txt artifacts as inputs: the file count
# of a second run (OUT full of them) must be that of the first (OUT missing)
"$strata" dig t -o t/sub/report --no-svg --ext .c --ext .txt >"$tmp/first" 2>/dev/null
"$strata" dig t -o t/sub/report --no-svg --ext .c --ext .txt >"$tmp/second" 2>/dev/null
checks=$((checks + 1))
if [ "$(head -n 1 "$tmp/first")" != "$(head -n 1 "$tmp/second")" ] || ! grep -q '^strata: 3 files' "$tmp/first"; then
	echo "hostile: OUT inside DIR was read as input: $(head -n 1 "$tmp/first") / $(head -n 1 "$tmp/second")"
	fail=1
fi
"$strata" dig t -o t/out -q --no-svg 2>"$tmp/err"
checks=$((checks + 1))
grep -q "default excludes skipped out " "$tmp/err" && { echo "hostile: OUT named as a skipped input: $(cat "$tmp/err")"; fail=1; }
rm -rf t/sub
printf 'my notes\n' >out/mine.txt
refused "an output plus one user file" "holds 'mine.txt'" "$strata" dig t -o out
rm out/mine.txt
cp out/report.md "$tmp/report.keep"
printf 'edited by hand\n' >>out/report.md
refused "an output with an edited report" "changed after strata wrote it" "$strata" dig t -o out
cp "$tmp/report.keep" out/report.md
mkdir out/extra
refused "an output plus a user folder" "holds 'extra'" "$strata" dig t -o out
rmdir out/extra
ln -s /etc/passwd out/link
refused "an output plus a link" "holds 'link'" "$strata" dig t -o out
rm out/link
accepted "the output as strata left it" t out

# 4. markers: another format, damaged, forged into a user folder
cp -r out other-format
sed -i '1s/.*/strata-output 99/' other-format/.strata-output
refused "a marker of another format" "format 99" "$strata" dig t -o other-format
cp -r out damaged
printf 'x' >>damaged/.strata-output
refused "a damaged marker" "not a marker strata wrote" "$strata" dig t -o damaged
mkdir forged && printf 'mine\n' >forged/todo.txt && cp out/.strata-output forged/
refused "a real marker copied into a user folder" "todo.txt" "$strata" dig t -o forged
mkdir forged2 && cp -r out/. forged2/ && printf 'mine\n' >forged2/todo.txt
refused "a whole output copied beside a user file" "holds 'todo.txt'" "$strata" dig t -o forged2
mkdir markerdir && mkdir markerdir/.strata-output
refused "a marker that is a folder" "not a marker strata wrote" "$strata" dig t -o markerdir

# 5. the first strata's outputs (format 0, no marker): replaced when they have its shape
cp -r out legacy && rm legacy/.strata-output
accepted "a format-0 output" t legacy
checks=$((checks + 1))
[ -f legacy/.strata-output ] || { echo "hostile: the format-0 output did not get a marker"; fail=1; }
mkdir fake-legacy && printf 'x\n' >fake-legacy/report.md && printf '/\n' >fake-legacy/.strata-root
mkdir fake-legacy/.strata-cache && printf 'not a cache\n' >fake-legacy/.strata-cache/facts.cache
refused "artifact names without a fact cache" "no strata output marker" "$strata" dig t -o fake-legacy

# 6. leftovers of killed runs: strata's removed, others left alone with a note
cp -r out .out.old-Zz9Yy8 && rm .out.old-Zz9Yy8/.strata-output          # a whole format-0 output
mkdir .out.tmp-Em9ty0                                                  # an empty folder
mkdir .out.tmp-Ab12Cd && printf 'half a report\n' >.out.tmp-Ab12Cd/report.md  # names, no proof
mkdir .out.tmp-Us3r00 && printf 'mine\n' >.out.tmp-Us3r00/todo.txt
mkdir .out.tmp-abc && printf 'mine\n' >.out.tmp-abc/todo.txt
if [ -n "$faulty" ]; then
	# a real one: a dig killed after its first artifact was written into its new folder
	rm -f "$tmp/log"
	STRATA_FAULT_LOG=$tmp/log "$faulty" dig t -o out -q --no-svg
	at=$(grep -n 'close artifact' "$tmp/log" | head -n 1 | cut -d: -f1)
	STRATA_FAULT_AT=$((at + 1)) "$faulty" dig t -o out -q --no-svg 2>/dev/null
	checks=$((checks + 1))
	[ -n "$(ls -A | grep '^\.out\.tmp-' | grep -v -e Em9ty0 -e Ab12Cd -e Us3r00 -e 'tmp-abc$')" ] ||
		{ echo "hostile: the killed dig left no orphan to clean"; fail=1; }
fi
"$strata" dig t -o out -q --no-svg 2>"$tmp/err"
checks=$((checks + 1))
if [ -e .out.old-Zz9Yy8 ] || [ -e .out.tmp-Em9ty0 ] || [ ! -f .out.tmp-Ab12Cd/report.md ] ||
   [ ! -f .out.tmp-Us3r00/todo.txt ] || [ ! -f .out.tmp-abc/todo.txt ] ||
   [ -n "$(ls -A | grep '^\.out\.tmp-' | grep -v -e Ab12Cd -e Us3r00 -e 'tmp-abc$')" ]; then
	echo "hostile: leftovers: strata's not removed, or a user's removed: $(ls -A)"
	fail=1
fi
checks=$((checks + 1))
grep -q 'out.tmp-Us3r00: left alone' "$tmp/err" || { echo "hostile: no note on the user's folder: $(cat "$tmp/err")"; fail=1; }

# 7. a failed write stage: OUT keeps the old report and the old cache, byte for byte
cp -r out "$tmp/out.before"
mkdir fakebin && printf '#!/bin/sh\nexit 1\n' >fakebin/dot && chmod +x fakebin/dot
printf 'int g(void) { return kalloc(2) != 0; }\n' >t/c.c
PATH=$w/fakebin:$PATH refused "graphviz fails" "graphviz dot failed" "$strata" dig t -o out
checks=$((checks + 1))
diff -r out "$tmp/out.before" >/dev/null || { echo "hostile: a failed write changed OUT"; fail=1; }

# 8. queries: only from a complete strata output
refused "query on a user folder" "not a strata output" "$strata" callers kalloc -o notes
refused "query on a missing OUT" "no dig output" "$strata" callers kalloc -o nothing-here
cp -r out old-out && rm old-out/.strata-output
refused "query on a format-0 output" "older strata" "$strata" callers kalloc -o old-out
refused "query on a damaged marker" "not a strata output" "$strata" callers kalloc -o damaged
checks=$((checks + 1))
"$strata" callers kalloc -o out >"$tmp/got" 2>&1 && grep -q 'src/b.c f ' "$tmp/got" ||
	{ echo "hostile: a query on a good output failed: $(cat "$tmp/got")"; fail=1; }

# 9. locks (outdir.c's theory): PARENT is held only at a dig's start and commit; a dig's
# new folder .OUT.tmp-XXXXXX is held until it ends. A dig waits, and says so, while
# PARENT is held, and while a live dig into the same OUT holds its new folder -- which it
# must then leave alone (not an orphan) -- and never for a live dig into a sibling folder.
# (Waits are ended by the holders; the `until` loops only guard against a hang.)
if command -v flock >/dev/null 2>&1; then
	flock "$w" sleep 2 &
	holder=$!
	sleep 0.3
	"$strata" dig t -o out -q --no-svg 2>"$tmp/err"
	rc=$?
	wait "$holder"
	checks=$((checks + 1))
	if [ "$rc" -ne 0 ] || ! grep -q "waiting" "$tmp/err"; then
		echo "hostile: a dig beside a locked OUT exited $rc without waiting: $(cat "$tmp/err")"
		fail=1
	fi
	# a held .out.tmp- folder: a live dig into out. It must still be there when its holder ends.
	mkdir .out.tmp-Live00 .side.tmp-Live00
	flock .out.tmp-Live00 sh -c 'sleep 2; test -d .out.tmp-Live00' &
	holder=$!
	flock .side.tmp-Live00 sleep 30 &
	side=$!
	sleep 0.3
	"$strata" dig t -o out -q --no-svg 2>"$tmp/err"
	rc=$?
	wait "$holder"
	held=$?
	checks=$((checks + 1))
	if [ "$rc" -ne 0 ] || [ "$held" -ne 0 ] || ! grep -q "writing out; waiting" "$tmp/err" || [ -e .out.tmp-Live00 ]; then
		echo "hostile: a dig into out beside a live one's folder: exit $rc, folder kept while held: $held, after: $(ls -d .out.tmp-* 2>/dev/null); $(cat "$tmp/err")"
		fail=1
	fi
	# a held .side.tmp- folder is a live dig into a sibling: no wait, and it is not touched
	"$strata" dig t -o out -q --no-svg 2>"$tmp/err"
	rc=$?
	checks=$((checks + 1))
	if [ "$rc" -ne 0 ] || grep -q "waiting" "$tmp/err" || [ ! -d .side.tmp-Live00 ]; then
		echo "hostile: a dig beside a sibling's live folder waited or touched it (exit $rc): $(cat "$tmp/err")"
		fail=1
	fi
	kill "$side" 2>/dev/null
	wait "$side" 2>/dev/null
	rmdir .side.tmp-Live00
fi
# real digs held in the middle (after their start, before their commit): a sibling dig
# runs meanwhile; a second dig into the same OUT waits until the first goes on and ends.
if [ -n "$faulty" ]; then
	stopped() { [ "$(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null)" = T ]; }
	STRATA_FAULT_PAUSE="write artifact" "$faulty" dig t -o held -q --no-svg 2>/dev/null &
	first=$!
	n=0
	until stopped "$first" || [ "$n" -ge 600 ]; do sleep 0.1; n=$((n + 1)); done
	"$strata" dig t -o sibling -q --no-svg 2>"$tmp/err" &
	sib=$!
	n=0
	while kill -0 "$sib" 2>/dev/null && [ "$n" -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
	kill "$sib" 2>/dev/null
	wait "$sib"
	rc=$?
	checks=$((checks + 1))
	if [ "$rc" -ne 0 ] || grep -q "waiting" "$tmp/err" || [ ! -f sibling/report.md ]; then
		echo "hostile: a dig into a sibling of a held dig's OUT exited $rc or waited: $(cat "$tmp/err")"
		fail=1
	fi
	"$strata" dig t -o held -q --no-svg 2>"$tmp/err2" &
	second=$!
	n=0
	until grep -q "waiting" "$tmp/err2" || [ "$n" -ge 600 ]; do sleep 0.1; n=$((n + 1)); done
	checks=$((checks + 1))
	if ! grep -q "writing held; waiting" "$tmp/err2" || [ -e held ]; then
		echo "hostile: a second dig into a held dig's OUT did not wait: $(cat "$tmp/err2"); $(ls -a)"
		fail=1
	fi
	kill -CONT "$first"
	wait "$first"
	firstrc=$?
	wait "$second"
	secondrc=$?
	checks=$((checks + 1))
	if [ "$firstrc" -ne 0 ] || [ "$secondrc" -ne 0 ] || ! "$strata" callers kalloc -o held >/dev/null 2>&1 ||
	   [ -n "$(ls -A | grep -e '^\.held\.' -e '^\.sibling\.')" ]; then
		echo "hostile: held digs: exits $firstrc, $secondrc, or OUT not whole, or leftovers: $(ls -A)"
		fail=1
	fi
	rm -rf held sibling
fi
"$strata" dig t -o out -q --no-svg 2>/dev/null &
first=$!
"$strata" dig t -o out -q --no-svg 2>/dev/null
second=$?
wait "$first"
firstrc=$?
checks=$((checks + 1))
if [ "$firstrc" -ne 0 ] || [ "$second" -ne 0 ] || ! "$strata" callers kalloc -o out >/dev/null 2>&1; then
	echo "hostile: two concurrent digs: exits $firstrc, $second, or OUT not whole"
	fail=1
fi
checks=$((checks + 1))
[ -z "$(ls -A | grep '^\.out\.tmp-' | grep -v -e Ab12Cd -e Us3r00 -e 'tmp-abc$')" ] || { echo "hostile: leftovers after concurrent digs"; fail=1; }

# 10. parts (dig --shard): never into DIR or a folder of the user's; again into a part
refused "a part into DIR" "tree being read" "$strata" dig t --shard 0/2 -o t
refused "a part into a user folder" "holds 'todo.txt'" "$strata" dig t --shard 0/2 -o notes
refused "a part into a link" "symbolic link" "$strata" dig t --shard 0/2 -o link-to-notes
"$strata" dig t --shard 0/2 -o part0 -q 2>/dev/null
rc1=$?
"$strata" dig t --shard 0/2 -o part0 -q 2>/dev/null
rc2=$?
checks=$((checks + 1))
if [ "$rc1" -ne 0 ] || [ "$rc2" -ne 0 ] || [ ! -f part0/part.manifest ]; then
	echo "hostile: a part, and a part again into it: exits $rc1, $rc2"
	fail=1
fi

# 11. an unwritable OUT (only meaningful when not root: root writes anyway)
if [ "$(id -u)" -ne 0 ]; then
	cp -r out ro && chmod a-w ro
	refused "an unwritable OUT" "not writable" "$strata" dig t -o ro
	chmod u+w ro
fi

[ "$fail" -eq 0 ] && echo "hostile: $checks checks passed"
exit $fail
