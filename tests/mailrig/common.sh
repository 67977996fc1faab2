# Shared helpers for tests/mailrig/start and tests/mailrig/stop (sourced, not executed).
# shellcheck shell=bash disable=SC2034  # the variables set here are used by start and stop

# Exit code for "this machine cannot host the rig" (not root, no apt-get, packages not installable).
# The interop tests report such a run as skipped (a failure under CI=true).
RIG_EXIT_UNSUPPORTED=77

rig_say() { printf 'mailrig: %s\n' "$*"; }
rig_err() { printf 'mailrig: %s\n' "$*" >&2; }

# rig_resolve_dir ARG -> sets RIG_DIR to an absolute path (the folder need not exist yet).
rig_resolve_dir() {
    local arg=${1:-${GATEWAY_RIG_DIR:-/tmp/gateway-mailrig}}
    case $arg in
        /*) RIG_DIR=$arg ;;
        *) RIG_DIR=$PWD/$arg ;;
    esac
    RIG_DIR=${RIG_DIR%/}
    if [[ -z $RIG_DIR || $RIG_DIR == / ]]; then
        rig_err "refusing to use / as the rig folder"
        exit 2
    fi
    if [[ $RIG_DIR =~ [[:space:]] ]]; then
        rig_err "the rig folder must not contain white space: '$RIG_DIR'"
        exit 2
    fi
}

# rig_read_pid FILE -> prints the pid stored in FILE (digits only) or nothing.
rig_read_pid() {
    local pid=
    if [[ -r $1 ]]; then
        read -r pid <"$1" || true
    fi
    pid=${pid//[[:space:]]/}
    [[ $pid =~ ^[0-9]+$ ]] && printf '%s' "$pid"
    return 0
}

# rig_proc_state PID -> prints "STATE SESSION" of a process, nothing when it does not exist.
rig_proc_state() {
    local stat rest st sess
    { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 0
    rest=${stat##*) }
    read -r st _ _ sess _ <<<"$rest"
    printf '%s %s' "$st" "$sess"
}

# rig_alive PID COMM -> true when PID is a live (non-zombie) process whose command name is COMM.
rig_alive() {
    local pid=$1 comm=$2 actual state
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    { read -r actual <"/proc/$pid/comm"; } 2>/dev/null || return 1
    [[ $actual == "$comm" ]] || return 1
    state=$(rig_proc_state "$pid")
    [[ -n $state && ${state%% *} != Z ]]
}

# rig_session_pids SID [all] -> live processes in session SID (daemons call setsid, so this is
# the daemon and every child it started); with "all" also exited ones not yet reaped (zombies).
rig_session_pids() {
    local sid=$1 all=${2:-} f stat rest st sess p
    for f in /proc/[0-9]*/stat; do
        { read -r stat <"$f"; } 2>/dev/null || continue
        rest=${stat##*) }
        read -r st _ _ sess _ <<<"$rest"
        if [[ $sess == "$sid" && ( $st != Z || -n $all ) ]]; then
            p=${f#/proc/}
            printf '%s\n' "${p%/stat}"
        fi
    done
}

# rig_wait_gone SECONDS PID... -> waits until none of the PIDs is alive; false on timeout.
rig_wait_gone() {
    local limit=$1; shift
    local deadline=$((SECONDS + limit)) p any
    while :; do
        any=
        for p in "$@"; do
            local state
            state=$(rig_proc_state "$p")
            if [[ -n $state && ${state%% *} != Z ]]; then any=1; break; fi
        done
        [[ -z $any ]] && return 0
        ((SECONDS < deadline)) || return 1
        sleep 0.1
    done
}

# Locations inside the rig folder.
rig_paths() {
    RIG_POSTFIX_CONF=$RIG_DIR/postfix
    RIG_SPOOL=$RIG_DIR/spool
    RIG_DATA=$RIG_DIR/data
    RIG_LOG=$RIG_DIR/log
    RIG_MAIL=$RIG_DIR/mail
    RIG_ETC=$RIG_DIR/etc
    RIG_RUN=$RIG_DIR/run
    RIG_STATE=$RIG_DIR/state
    RIG_TLS=$RIG_DIR/tls
    RIG_ENV_FILE=$RIG_DIR/rig.env
    RIG_CA=$RIG_DIR/ca.pem
    RIG_POSTFIX_PIDFILE=$RIG_SPOOL/pid/master.pid
    RIG_DOVECOT_BASE=$RIG_RUN/dovecot
    RIG_DOVECOT_PIDFILE=$RIG_DOVECOT_BASE/master.pid
    RIG_DOVECOT_CONF=$RIG_ETC/dovecot.conf
    RIG_TCPDUMP_PIDFILE=$RIG_RUN/tcpdump.pid
    RIG_LOCK=$RIG_DIR/.rig.lock
}

# rig_lock: serialise start/stop on one folder (a second caller waits up to 5 minutes).
rig_lock() {
    if [[ ${MAILRIG_LOCKED:-} == "$RIG_DIR" ]]; then return 0; fi
    mkdir -p "$RIG_DIR"
    exec 9>"$RIG_LOCK"
    if ! flock -w 120 9; then
        rig_err "another start/stop holds $RIG_LOCK for more than 2 minutes"
        exit 1
    fi
    export MAILRIG_LOCKED=$RIG_DIR
}
