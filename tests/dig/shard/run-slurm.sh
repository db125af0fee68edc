#!/bin/sh
# tests/dig/shard/run-slurm.sh STRATA SRC: deploy/slurm on a real Slurm cluster.
#
# Starts a one-node cluster from Debian's packages in a scratch folder: a munge key made by
# mungekey, munged on its own socket, a generated slurm.conf (ProctrackType=
# proctrack/linuxproc, TaskPlugin=task/none: no cgroups; free ports on 127.0.0.1; state,
# spool, pid and log files in the scratch folder), slurmctld and slurmd. Submits
# deploy/slurm/submit.sh on SRC (strata's own tree) in 4 shards, waits for the array job and
# its dependent merge job, checks every task and the merge COMPLETED with exit 0, and the
# merged artifacts against one `strata dig` byte for byte (topology.json apart from its
# root). The daemons it started are stopped (scontrol shutdown, then munged by its pid)
# whatever happens.
#
# Skips (exit 77, with the reason) only where the daemons cannot run: the packages are not
# installed, or this is not root (slurmd starts jobs as their user, and munged's key and
# slurmd's spool want root here). A daemon that does not come up is a failure, with its log.
set -u
strata=$1
src=$2
deploy=$src/deploy/slurm
skip() { echo "slurm: SKIPPED: $*"; exit 77; }
for b in slurmctld slurmd sbatch squeue scontrol sinfo munged mungekey; do
	command -v "$b" >/dev/null 2>&1 ||
		skip "$b is not installed (Debian: apt-get install slurm-wlm munge; ./dev test full installs them as root)"
done
[ "$(id -u)" -eq 0 ] || skip "not root: slurmd must run as root to start jobs as their user"
command -v python3 >/dev/null 2>&1 || skip "python3 (to find free ports) is not installed"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/strata-slurm.XXXXXX") || exit 2
chmod 755 "$tmp"
export SLURM_CONF=$tmp/slurm.conf
munge_pid=
fail=0
stop() {
	if [ -f "$tmp/slurmctld.pid" ] || [ -n "$(ls "$tmp"/slurmd-*.pid 2>/dev/null)" ]; then
		scontrol shutdown >/dev/null 2>&1
		# wait for the two daemons (by their pid files) to go; then make sure
		for i in $(seq 1 50); do
			alive=0
			for p in "$tmp"/slurmctld.pid "$tmp"/slurmd-*.pid; do
				[ -f "$p" ] && kill -0 "$(cat "$p")" 2>/dev/null && alive=1
			done
			[ "$alive" -eq 0 ] && break
			sleep 0.2
		done
		for p in "$tmp"/slurmctld.pid "$tmp"/slurmd-*.pid; do
			[ -f "$p" ] && kill -0 "$(cat "$p")" 2>/dev/null && kill -9 "$(cat "$p")" 2>/dev/null
		done
	fi
	if [ -n "$munge_pid" ] && kill -0 "$munge_pid" 2>/dev/null; then
		kill "$munge_pid"
		for i in $(seq 1 25); do kill -0 "$munge_pid" 2>/dev/null || break; sleep 0.2; done
		kill -0 "$munge_pid" 2>/dev/null && kill -9 "$munge_pid"
	fi
	rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 2' INT TERM
logs() {
	for f in "$tmp"/log/*; do
		echo "---- $f"
		tail -20 "$f"
	done
}

# munge: a key of our own, a socket of our own
mkdir -p "$tmp/munge" "$tmp/munge-key" "$tmp/log" "$tmp/state" "$tmp/spool"
chmod 700 "$tmp/munge-key"
chmod 755 "$tmp/munge"
mungekey -c -k "$tmp/munge-key/munge.key" -b 1024 >/dev/null 2>&1 || { echo "slurm: mungekey failed"; exit 1; }
munged --force --key-file="$tmp/munge-key/munge.key" --socket="$tmp/munge/socket" --pid-file="$tmp/munge/munged.pid" \
	--log-file="$tmp/log/munged.log" --seed-file="$tmp/munge-key/seed" || { echo "slurm: munged did not start"; logs; exit 1; }
munge_pid=$(cat "$tmp/munge/munged.pid")
munge -S "$tmp/munge/socket" -n | unmunge -S "$tmp/munge/socket" >/dev/null ||
	{ echo "slurm: munge does not round-trip a credential"; logs; exit 1; }

# two free ports on 127.0.0.1
ports=$(python3 -c 'import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))')
set -- $ports
node=$(hostname -s)
cpus=$(nproc)
cat >"$SLURM_CONF" <<END
ClusterName=stratatest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$1
SlurmdPort=$2
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool/slurmd-%n
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd-%n.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SwitchType=switch/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
InactiveLimit=0
MinJobAge=600
KillWait=5
Waittime=0
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=strata Nodes=ALL Default=YES MaxTime=INFINITE State=UP
END
slurmctld -i || { echo "slurm: slurmctld did not start"; logs; exit 1; }
slurmd || { echo "slurm: slurmd did not start"; logs; exit 1; }
up=0
for i in $(seq 1 150); do
	[ "$(sinfo -h -o '%t' 2>/dev/null)" = idle ] && { up=1; break; }
	sleep 0.2
done
[ "$up" -eq 1 ] || { echo "slurm: the node did not become idle:"; sinfo 2>&1; logs; exit 1; }
echo "slurm: cluster up: $(sinfo -h -o '%P %a %D %t %N')"

# the job: strata's own tree in 4 shards, merged
mkdir -p "$tmp/shared"
export STRATA=$strata STRATA_DIG_OPTS=--no-cache STRATA_MERGE_OPTS=--no-svg
ids=$(sh "$deploy/submit.sh" "$src" "$tmp/shared/parts" "$tmp/shared/out" 4 --cpus-per-task=1) ||
	{ echo "slurm: submit.sh failed"; logs; exit 1; }
array=$(echo "$ids" | sed -n 1p)
merge=$(echo "$ids" | sed -n 2p)
echo "slurm: submitted array job $array (4 tasks) and merge job $merge (afterok:$array)"
scontrol show job "$merge" | grep -o 'Dependency=[^ ]*'
done=0
for i in $(seq 1 1500); do
	[ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ] && { done=1; break; }
	sleep 0.2
done
[ "$done" -eq 1 ] || { echo "slurm: jobs still queued after 300 s:"; squeue; logs; exit 1; }
states=$(scontrol show job "$array" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p'; scontrol show job "$merge" |
	sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
codes=$(scontrol show job "$array" | sed -n 's/.* ExitCode=\([0-9:]*\).*/\1/p'; scontrol show job "$merge" |
	sed -n 's/.* ExitCode=\([0-9:]*\).*/\1/p')
echo "slurm: job states:" $states "exit codes:" $codes
[ "$(echo "$states" | grep -c COMPLETED)" -eq 5 ] && [ "$(echo "$states" | wc -l)" -eq 5 ] ||
	{ echo "slurm: not every job COMPLETED"; cat "$tmp"/shared/parts/*.log; logs; fail=1; }
[ "$(echo "$codes" | grep -c '^0:0$')" -eq 5 ] || { echo "slurm: a job exited non-zero"; fail=1; }
for i in 0 1 2 3; do
	grep -q '^shard '"$i"' 4$' "$tmp/shared/parts/part.$i/part.manifest" 2>/dev/null ||
		{ echo "slurm: part.$i is not shard $i/4"; fail=1; }
done

# against one dig
"$strata" dig "$src" -o "$tmp/one" -q --no-svg --no-cache 2>/dev/null
n=0
for f in $(cd "$tmp/one" && find . -name '.strata-*' -prune -o -type f -print | sort); do
	n=$((n + 1))
	if [ "$f" = ./topology.json ]; then
		grep -v '^"root": ' "$tmp/one/$f" >"$tmp/a"
		grep -v '^"root": ' "$tmp/shared/out/$f" >"$tmp/b" 2>/dev/null
		cmp -s "$tmp/a" "$tmp/b"
	else
		cmp -s "$tmp/one/$f" "$tmp/shared/out/$f"
	fi || { echo "slurm: $f of the merged job differs from one dig's"; fail=1; }
done
[ "$n" -gt 5 ] || { echo "slurm: one dig wrote only $n artifacts"; fail=1; }
echo "slurm: $n artifacts of the Slurm job compared with one dig: $([ "$fail" -eq 0 ] && echo identical || echo DIFFERENT)"
exit $fail
