#!/usr/bin/env python3
"""bench/query/run.py: `strata callers` from the query index beside `cscope -d -L -3`.

Usage: bench/query/run.py TREE [--out OUT] [--rounds R] [--names N] [--strata PATH]

  TREE     a C tree (e.g. MINIX 3); the files strata reads (.c, .h, default excludes)
           are listed for cscope the way bench/dig/run.sh lists them
  --out    a `strata dig TREE -o OUT` output to query; made (once, untimed) when missing
  --rounds interleaved rounds (default 5); medians are reported
  --names  how many names to ask about (default 20): half the most-called allocator APIs
           of allocator-call-counts.csv, half functions drawn (seed 12) from the callers
           in raw-allocation-sites.txt

Per query, each tool runs as its own process under /usr/bin/time; wall time is measured
around it (fork to exit, time's own start included for both), peak RSS is time's %M. Tools alternate name by
name, round by round, so drift hits both alike; the cscope database (cscope -b -q -k,
built once, untimed, in a scratch folder) is warm, as strata's index is. Results: the
median wall time and peak RSS per tool over every (name, round), and the median of the
paired ratios strata/cscope.
"""
import argparse, csv, os, random, shutil, statistics, subprocess, sys, tempfile, time

EXCLUDES = {'.git', '.hg', '.svn', 'CVS', '.bzr', '_darcs', '.repo', 'build', 'out', 'obj', '_build',
            'node_modules', 'vendor', 'third_party', 'third-party', 'external', '__pycache__'}


def excluded(name):
    return name in EXCLUDES or name.startswith(('build-', 'build_', 'cmake-build-'))


def run(argv, rss_file, cwd=None):
    """Run argv under /usr/bin/time; return (seconds, peak RSS KiB, exit status, stdout lines).
    The peak RSS is time's %M: a process forked from this Python would report Python's own
    pages (the kernel keeps the high-water mark across exec), one forked from time does not."""
    t0 = time.perf_counter()
    p = subprocess.run(['/usr/bin/time', '-f', '%M', '-o', rss_file] + argv, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    t = time.perf_counter() - t0
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    return t, rss, p.returncode, p.stdout.count(b'\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('tree')
    ap.add_argument('--out')
    ap.add_argument('--rounds', type=int, default=5)
    ap.add_argument('--names', type=int, default=20)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--strata', default=os.path.join(here, '..', '..', 'build', 'strata'))
    a = ap.parse_args()
    tree = os.path.abspath(a.tree)
    strata = os.path.abspath(a.strata)
    work = tempfile.mkdtemp(prefix='strata-qbench.')
    try:
        out = os.path.abspath(a.out) if a.out else os.path.join(work, 'out')
        if not os.path.exists(os.path.join(out, '.strata-index')):
            print(f'digging {tree} into {out} (untimed)', flush=True)
            subprocess.run([strata, 'dig', tree, '-o', out, '-q', '--no-svg', '--no-progress'], check=False)
        files = []
        for d, dirs, fs in os.walk(tree):
            dirs[:] = sorted(x for x in dirs if not excluded(x))
            files += [os.path.relpath(os.path.join(d, f), tree) for f in sorted(fs)
                      if f.endswith(('.c', '.h')) and '\n' not in f]
        with open(os.path.join(work, 'cscope.files'), 'w') as f:
            for p in files:
                f.write('"%s"\n' % p.replace('\\', '\\\\').replace('"', '\\"') if ' ' in p else p + '\n')
        print(f'building the cscope database over {len(files)} files (untimed)', flush=True)
        subprocess.run(['cscope', '-b', '-q', '-k', '-i', os.path.join(work, 'cscope.files'), '-f', os.path.join(work, 'cscope.out')],
                       cwd=tree, check=True)
        apis = []
        with open(os.path.join(out, 'allocator-call-counts.csv'), newline='') as f:
            for row in csv.DictReader(x for x in f if not x.startswith('#')):
                if row['kind'] == 'api' and row['implementation'] != 'ambiguous':
                    apis.append(row['api'])
        callers = set()
        with open(os.path.join(out, 'raw-allocation-sites.txt'), errors='replace') as f:
            for line in f:
                if line.startswith('#'):
                    continue
                cols = line.split('\t')
                if len(cols) > 1 and cols[1] != '<global>' and cols[1].isidentifier():
                    callers.add(cols[1])
        half = a.names // 2
        names = apis[:half]
        rng = random.Random(12)
        names += rng.sample(sorted(callers - set(names)), a.names - len(names))
        print('names:', ' '.join(names))
        res = {'strata': [], 'cscope': []}
        ratios_t, ratios_m = [], []
        lines = {}
        order_log = []   # (name, round) of each res[tool] entry, the same for both tools
        rss_file = os.path.join(work, 'rss')
        for r in range(a.rounds):
            for i, name in enumerate(names):
                order = ['strata', 'cscope'] if (i + r) % 2 == 0 else ['cscope', 'strata']
                got = {}
                for tool in order:
                    if tool == 'strata':
                        got[tool] = run([strata, 'callers', name, '-o', out, '--format', 'cscope'], rss_file)
                    else:
                        got[tool] = run(['cscope', '-d', '-L', '-3', name, '-f', os.path.join(work, 'cscope.out')],
                                        rss_file, cwd=tree)
                    res[tool].append(got[tool])
                order_log.append((name, r))
                ratios_t.append(got['strata'][0] / got['cscope'][0])
                ratios_m.append(got['strata'][1] / got['cscope'][1])
                lines[name] = (got['strata'][3], got['cscope'][3])
        print(f'\n{len(names)} names x {a.rounds} rounds, one process per query')
        print(f'{"tool":8} {"median ms":>10} {"p90 ms":>8} {"median peak MiB":>16} {"max peak MiB":>13}')
        for tool in ('strata', 'cscope'):
            ts = sorted(x[0] * 1000 for x in res[tool])
            ms = [x[1] / 1024 for x in res[tool]]
            print(f'{tool:8} {statistics.median(ts):10.1f} {ts[int(0.9 * (len(ts) - 1))]:8.1f} '
                  f'{statistics.median(ms):16.1f} {max(ms):13.1f}')
        print(f'paired ratio strata/cscope: time {statistics.median(ratios_t):.2f}, '
              f'peak RSS {statistics.median(ratios_m):.2f}')
        # the two halves apart: the busiest allocator APIs (thousands of callers) and
        # functions drawn at random (a handful)
        for label, part in (('allocator APIs', set(names[:half])), ('random functions', set(names[half:]))):
            print(f'  {label}:')
            for tool in ('strata', 'cscope'):
                xs = [x for x, (nm, _) in zip(res[tool], order_log) if nm in part]
                print(f'    {tool:8} median {statistics.median(t * 1000 for t, _, _, _ in xs):6.1f} ms, '
                      f'median peak {statistics.median(m / 1024 for _, m, _, _ in xs):6.1f} MiB, '
                      f'max peak {max(m / 1024 for _, m, _, _ in xs):6.1f} MiB')
        print('\nlines answered (strata / cscope) per name:')
        for name in names:
            print(f'  {name}: {lines[name][0]} / {lines[name][1]}')
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
