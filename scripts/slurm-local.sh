#!/usr/bin/env bash
# A real one-node Slurm cluster on this machine, for `make slurm SUBMIT=1` and the Slurm tests.
#
#   scripts/slurm-local.sh start  [STATE_DIR]   # install if missing, start munged, slurmctld, slurmd
#   scripts/slurm-local.sh stop   [STATE_DIR]   # scancel everything, stop the daemons (idempotent)
#   scripts/slurm-local.sh status [STATE_DIR]   # sinfo + squeue
#
# STATE_DIR (default /tmp/transfer-slurm, or $SLURM_LOCAL_STATE_DIR) holds everything: the munge
# key and socket, slurm.conf, the controller state, spool, pid and log files, and env.sh, which
# exports SLURM_CONF for clients (`source STATE_DIR/env.sh`).
# Runs as root, without systemd: the daemons detach themselves (setsid, stdio on /dev/null), so
# the calling process may exit. Ports: $SLURM_LOCAL_PORT (slurmctld, default 6817) and the next
# one (slurmd); give two clusters on one machine different ports.
# Exit codes: 0 ok, 1 a daemon did not come up (log tails printed), 2 usage, 3 installing failed.
set -euo pipefail

usage() { echo "usage: $0 start|stop|status [STATE_DIR]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
COMMAND=$1
STATE_DIR=${2:-${SLURM_LOCAL_STATE_DIR:-/tmp/transfer-slurm}}
case "$STATE_DIR" in /*) ;; *) STATE_DIR="$(pwd)/$STATE_DIR" ;; esac
CTLD_PORT=${SLURM_LOCAL_PORT:-6817}
SLURMD_PORT=$((CTLD_PORT + 1))
START_TIMEOUT=${SLURM_LOCAL_TIMEOUT:-60}

MUNGE_DIR=$STATE_DIR/munge
MUNGE_SOCKET=$MUNGE_DIR/munge.socket
MUNGE_KEY=$MUNGE_DIR/munge.key
MUNGE_PID=$MUNGE_DIR/munged.pid
CONF=$STATE_DIR/slurm.conf
CTLD_PID=$STATE_DIR/run/slurmctld.pid
SLURMD_PID=$STATE_DIR/run/slurmd.pid
LOG_DIR=$STATE_DIR/log
ENV_FILE=$STATE_DIR/env.sh
PACKAGES=(slurmctld slurmd slurm-client munge)

say() { echo "slurm-local: $*"; }
fail() { echo "slurm-local: error: $1" >&2; exit "${2:-1}"; }

# True when the pid file names a live process.
alive() { [ -s "$1" ] && kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null; }

# The binaries missing from PATH (sbin included: Debian puts the daemons there).
PATH=$PATH:/usr/sbin:/sbin
export PATH
missing_binaries() {
    local b
    for b in munged slurmctld slurmd sbatch sinfo squeue scontrol scancel; do
        command -v "$b" >/dev/null 2>&1 || echo "$b"
    done
}

install_packages() {
    [ -z "$(missing_binaries)" ] && return 0
    command -v apt-get >/dev/null 2>&1 || fail "Slurm is not installed and there is no apt-get: install ${PACKAGES[*]}" 3
    [ "$(id -u)" -eq 0 ] || fail "Slurm is not installed; run as root (or: sudo apt-get install ${PACKAGES[*]})" 3
    say "installing ${PACKAGES[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Try without refreshing the package lists first; update only when that fails.
    if ! apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >"$STATE_DIR/apt.log" 2>&1; then
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"; } \
            >>"$STATE_DIR/apt.log" 2>&1 \
            || { tail -n 20 "$STATE_DIR/apt.log" >&2; fail "apt-get install ${PACKAGES[*]} failed (see $STATE_DIR/apt.log)" 3; }
    fi
    [ -z "$(missing_binaries)" ] || fail "still missing after install: $(missing_binaries | tr '\n' ' ')" 3
}

# Runs a daemon detached from the caller: new session, stdio away from the caller's pipes,
# every other inherited descriptor closed (a caller may wait for EOF on one, as Foundation's
# Process does on Linux: a daemon holding it would make the caller wait forever), and signals
# unblocked and back to their defaults (a test runner's blocked mask would be inherited, and the
# daemons would then ignore `stop`'s SIGTERM).
detach() {
    local reset=()
    env --default-signal true 2>/dev/null && reset=(env --default-signal)
    (
        local fd
        for fd in /proc/$BASHPID/fd/*; do
            fd=${fd##*/}
            [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null
        done
        exec "${reset[@]}" setsid "$@" </dev/null >>"$LOG_DIR/daemons.out" 2>&1
    )
}

show_logs() {
    local f
    for f in "$LOG_DIR"/munged.log "$LOG_DIR"/slurmctld.log "$LOG_DIR"/slurmd.log "$LOG_DIR"/daemons.out; do
        [ -s "$f" ] || continue
        echo "--- tail of $f" >&2
        tail -n 25 "$f" >&2
    done
}

ensure_hostname_resolves() {
    local host=$1
    getent hosts "$host" >/dev/null 2>&1 && return 0
    say "adding '127.0.0.1 $host' to /etc/hosts"
    echo "127.0.0.1 $host" >>/etc/hosts
}

write_conf() {
    local host=$1 cpus mem tmp
    cpus=$(nproc)
    # RealMemory must not exceed what slurmd measures, else the node drains: stay 5% below.
    mem=$(free -m | awk '/^Mem:/ { printf "%d", $2 * 0.95 }')
    tmp=$CONF.tmp.$$
    cat >"$tmp" <<EOF
# One-node Slurm cluster written by scripts/slurm-local.sh; all paths under $STATE_DIR.
ClusterName=transfer
SlurmctldHost=$host
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCKET
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
# Without this a failed task leaves its afterok dependents pending forever.
DependencyParameters=kill_invalid_depend
# Start jobs as soon as they are submitted, not in waves.
SchedulerParameters=batch_sched_delay=0
# No slurmdbd: finished jobs stay visible to 'scontrol show job' this long (seconds).
MinJobAge=600
MaxArraySize=10001
InactiveLimit=0
KillWait=10
Waittime=0
MailProg=/bin/true
StateSaveLocation=$STATE_DIR/ctld
SlurmdSpoolDir=$STATE_DIR/spool
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$LOG_DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
    mv -f "$tmp" "$CONF"
    cat >"$ENV_FILE.tmp.$$" <<EOF
export SLURM_CONF=$CONF
EOF
    mv -f "$ENV_FILE.tmp.$$" "$ENV_FILE"
}

start_munge() {
    alive "$MUNGE_PID" && return 0
    if [ ! -s "$MUNGE_KEY" ]; then
        if command -v mungekey >/dev/null 2>&1; then
            mungekey --create --keyfile="$MUNGE_KEY" --force >/dev/null
        else
            dd if=/dev/urandom of="$MUNGE_KEY" bs=1024 count=1 status=none
        fi
    fi
    chmod 0400 "$MUNGE_KEY"
    rm -f "$MUNGE_SOCKET" "$MUNGE_SOCKET.lock"
    detach munged --force --socket="$MUNGE_SOCKET" --key-file="$MUNGE_KEY" --pid-file="$MUNGE_PID" \
        --log-file="$LOG_DIR/munged.log" --seed-file="$MUNGE_DIR/munged.seed" \
        || { show_logs; fail "munged did not start"; }
    local i
    for i in $(seq 1 50); do
        [ -S "$MUNGE_SOCKET" ] && alive "$MUNGE_PID" && return 0
        sleep 0.1
    done
    show_logs; fail "munged did not create its socket $MUNGE_SOCKET"
}

wait_for_idle() {
    local host=$1 deadline state
    deadline=$((SECONDS + START_TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        state=$(sinfo -h -N -n "$host" -o '%T' 2>/dev/null | head -n 1 || true)
        case "$state" in
            idle|mixed|allocated) return 0 ;;
            drain*|down*)
                # A node left down by an earlier run: bring it back once.
                scontrol update NodeName="$host" State=RESUME >/dev/null 2>&1 || true ;;
        esac
        alive "$CTLD_PID" || { show_logs; fail "slurmctld exited (see $LOG_DIR/slurmctld.log)"; }
        sleep 0.2
    done
    echo "slurm-local: node state: ${state:-unknown}" >&2
    sinfo -N -l >&2 2>&1 || true
    show_logs
    fail "node $host did not become idle within ${START_TIMEOUT}s"
}

cmd_start() {
    local host
    host=$(hostname -s)
    mkdir -p "$STATE_DIR"
    install_packages
    export SLURM_CONF=$CONF
    if alive "$MUNGE_PID" && alive "$CTLD_PID" && alive "$SLURMD_PID" && [ -s "$CONF" ]; then
        say "already running ($STATE_DIR)"
        echo "export SLURM_CONF=$CONF"
        return 0
    fi
    local t0=$SECONDS
    mkdir -p "$MUNGE_DIR" "$STATE_DIR/ctld" "$STATE_DIR/spool" "$STATE_DIR/run" "$LOG_DIR"
    chmod 0755 "$STATE_DIR" "$MUNGE_DIR"
    ensure_hostname_resolves "$host"
    # The configuration may only change while the controller is down.
    alive "$CTLD_PID" || write_conf "$host"
    start_munge
    if ! alive "$CTLD_PID"; then
        detach slurmctld -f "$CONF" || { show_logs; fail "slurmctld did not start"; }
    fi
    if ! alive "$SLURMD_PID"; then
        detach slurmd -f "$CONF" || { show_logs; fail "slurmd did not start"; }
    fi
    wait_for_idle "$host"
    say "up in $((SECONDS - t0))s: node $host, $(nproc) CPUs, state in $STATE_DIR"
    echo "export SLURM_CONF=$CONF"
}

stop_daemon() {
    local name=$1 pidfile=$2 pid i
    alive "$pidfile" || { rm -f "$pidfile"; return 0; }
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; return 0; }
        sleep 0.1
    done
    say "$name ($pid) ignored SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
}

cmd_stop() {
    export SLURM_CONF=$CONF
    if alive "$CTLD_PID" && command -v scancel >/dev/null 2>&1; then
        scancel --quiet --full --user="$(id -un)" >/dev/null 2>&1 || true
        # Give slurmd a moment to kill the job steps before it goes away.
        local i
        for i in $(seq 1 30); do
            [ -z "$(squeue -h -t RUNNING,COMPLETING -o %i 2>/dev/null)" ] && break
            sleep 0.2
        done
    fi
    stop_daemon slurmd "$SLURMD_PID"
    stop_daemon slurmctld "$CTLD_PID"
    stop_daemon munged "$MUNGE_PID"
    say "stopped ($STATE_DIR)"
}

cmd_status() {
    export SLURM_CONF=$CONF
    local d
    for d in "munged:$MUNGE_PID" "slurmctld:$CTLD_PID" "slurmd:$SLURMD_PID"; do
        if alive "${d#*:}"; then echo "${d%%:*}: running (pid $(cat "${d#*:}"))"; else echo "${d%%:*}: stopped"; fi
    done
    alive "$CTLD_PID" || return 1
    echo "export SLURM_CONF=$CONF"
    sinfo
    squeue
}

case "$COMMAND" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) usage ;;
esac
