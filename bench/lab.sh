# The bench's namespace lab, sourced by bench/failover-time (not run on its own).
#
# One bridge namespace and three nodes (n1, n2, client), each node's eth0 cabled to the bridge by a
# veth pair; a CARP pair (ucarp or failoverd) on n1 and n2; the client pings the VIP every 10 ms.
# Expects from the caller: $work (a scratch directory), $failoverd and $failoverctl (paths, when the
# failoverd pair is used), and a `fail` function that prints its arguments and exits.

prefix=flbench
bridge_ns=$prefix-br
lab_nodes=(n1 n2 client)
declare -A address=([n1]=192.0.2.1 [n2]=192.0.2.2 [client]=192.0.2.10)
declare -A advskew=([n1]=0 [n2]=50)          # n1 is the preferred master
vip=192.0.2.100
vhid=42
advbase=1
password=secret
group=web                                    # the failoverd group's name

declare -A daemon_pid=()                     # node -> pid of the CARP daemon running there
declare -A daemon_kind=()                    # node -> ucarp | failoverd
declare -A expect_exit=()                    # pid -> 1 once we have asked that daemon to stop
ping_pid=
ping_log=

micros() { echo "${EPOCHREALTIME/./}"; }    # wall clock in µs, without forking `date`

# --- the network -----------------------------------------------------------------------------------

lab_delete() {
  local ns
  for ns in "$bridge_ns" "${lab_nodes[@]/#/$prefix-}"; do
    [[ -e /run/netns/$ns ]] || continue
    ip netns pids "$ns" | xargs -r kill -9 2>/dev/null || true
    ip netns delete "$ns" 2>/dev/null || true
  done
}

lab_create() {
  local node ns
  lab_delete                                 # leftovers of a bench that was killed hard
  ip netns add "$bridge_ns"
  ip -n "$bridge_ns" link add br0 type bridge
  ip -n "$bridge_ns" link set br0 up
  for node in "${lab_nodes[@]}"; do
    ns=$prefix-$node
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip -n "$ns" link add eth0 type veth peer name "$node" netns "$bridge_ns"
    ip -n "$bridge_ns" link set "$node" master br0 up
    ip -n "$ns" addr add "${address[$node]}/24" dev eth0
    ip -n "$ns" link set eth0 up
  done
}

# Cutting the bridge-side end takes the carrier away from the node's eth0, as a pulled cable would.
cut() { ip -n "$bridge_ns" link set "$1" down; }
plug() { ip -n "$bridge_ns" link set "$1" up; }

holds_vip() { ip -n "$prefix-$1" -o -4 addr show dev eth0 | grep -q " $vip/"; }
lacks_vip() { ! holds_vip "$1"; }
holders() { local n; for n in n1 n2; do holds_vip "$n" && printf '%s ' "$n"; done; return 0; }
drop_vip() { ip -n "$prefix-$1" addr del "$vip/24" dev eth0 2>/dev/null || true; }

# --- the daemons -----------------------------------------------------------------------------------

# A process that has exited but not yet been reaped still answers kill -0; look at its state instead.
alive() {
  local state
  state=$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z ]]
}

write_ucarp_scripts() {
  # ucarp calls these as: SCRIPT INTERFACE VIP
  printf '#!/bin/sh\nip addr add %s/24 dev "$1"\n' "$vip" >"$work/vip-up.sh"
  printf '#!/bin/sh\nip addr del %s/24 dev "$1" 2>/dev/null || true\n' "$vip" >"$work/vip-down.sh"
  chmod +x "$work/vip-up.sh" "$work/vip-down.sh"
}

write_failoverd_config() {
  local node=$1
  mkdir -p "$work/$node-state"
  cat >"$work/$node.yaml" <<EOF
node: { name: $node }
control: { socket: $work/$node.sock }
state_dir: $work/$node-state
groups:
  - name: $group
    vhid: $vhid
    interface: eth0
    password: "$password"
    advbase: $advbase
    advskew: ${advskew[$node]}
    preempt: false
    vips: [$vip/24]
EOF
}

# start_daemon KIND NODE: `ip netns exec` execs the daemon in place, so $! is the daemon itself
# (for failoverd the apphost, which runs the .NET runtime in its own process).
start_daemon() {
  local kind=$1 node=$2 ns=$prefix-$2 log=$work/$1-$2.log
  echo "--- $(date +%T.%3N) start" >>"$log"
  if [[ $kind == ucarp ]]; then
    # --shutdown: on SIGTERM run the down script, as a clean stop should.
    ip netns exec "$ns" ucarp --interface=eth0 --srcip="${address[$node]}" --vhid="$vhid" \
      --pass="$password" --addr="$vip" --advbase="$advbase" --advskew="${advskew[$node]}" \
      --upscript="$work/vip-up.sh" --downscript="$work/vip-down.sh" --shutdown >>"$log" 2>&1 &
  else
    write_failoverd_config "$node"
    ip netns exec "$ns" "$failoverd" --config "$work/$node.yaml" >>"$log" 2>&1 &
  fi
  daemon_pid[$node]=$!
  daemon_kind[$node]=$kind
}

# stop_daemon NODE: SIGTERM (unless already sent), up to 10 s to exit, then SIGKILL.
stop_daemon() {
  local node=$1 pid=${daemon_pid[$1]:-} deadline
  [[ -n $pid ]] || return 0
  if [[ -z ${expect_exit[$pid]:-} ]]; then
    expect_exit[$pid]=1
    kill -TERM "$pid" 2>/dev/null || true
  fi
  deadline=$(($(micros) + 10000000))
  while alive "$pid" && (($(micros) < deadline)); do sleep 0.05; done
  if alive "$pid"; then
    echo "warning: ${daemon_kind[$node]} on $node ignored SIGTERM for 10 s; killed" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  unset "daemon_pid[$node]"
}

# The daemon's own line, or the apphost's: what the memory and CPU figures belong to.
process_name() { readlink "/proc/$1/exe" 2>/dev/null || echo "?"; }

# --- the client --------------------------------------------------------------------------------------

start_ping() {
  ping_log=$work/ping.log
  # -D: each reply line starts with [epoch seconds]; -W 1: don't wait long for the last reply.
  ip netns exec "$prefix-client" ping -D -n -i 0.01 -W 1 "$vip" >"$ping_log" 2>&1 &
  ping_pid=$!
}

stop_ping() {
  [[ -n $ping_pid ]] || return 0
  kill -INT "$ping_pid" 2>/dev/null || true
  wait "$ping_pid" 2>/dev/null || true
  ping_pid=
}

has_replies() { grep -q 'bytes from' "$ping_log"; }

# replies_after EPOCH: a reply arrived after EPOCH (seconds, with decimals).
replies_after() {
  awk -v t="$1" -F'[][]' '/bytes from/ && !/DUP!/ && $2 > t { found = 1; exit } END { exit !found }' "$ping_log"
}

# outage EPOCH: prints "SECONDS LOST": the longest silence between replies from EPOCH on (EPOCH itself
# counts as the last reply before it), and how many echo requests went unanswered, from the sequence
# numbers of the last reply before EPOCH and the replies after it.
outage() {
  awk -v event="$1" -F'[][]' '
    /bytes from/ && !/DUP!/ {
      t = $2 + 0
      match($0, /icmp_seq=[0-9]+/); seq = substr($0, RSTART + 9, RLENGTH - 9) + 0
      if (t <= event) { first = seq; next }
      if (prev == "") prev = event
      if (t - prev > longest) longest = t - prev
      prev = t; last = seq; after++
    }
    END { printf "%.3f %d\n", longest, (first == "" ? 0 : last - first - after) }' "$ping_log"
}

# --- waiting -------------------------------------------------------------------------------------------

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 50 ms; fails the bench on timeout or
# when a daemon dies that we did not stop.
wait_for() {
  local deadline=$(($(micros) + $1 * 1000000)) what=$2 node pid
  shift 2
  until "$@"; do
    for node in "${!daemon_pid[@]}"; do
      pid=${daemon_pid[$node]}
      if [[ -z ${expect_exit[$pid]:-} ]] && ! alive "$pid"; then
        fail "${daemon_kind[$node]} on $node died while waiting for: $what; its log:" \
          "$(tail -n 20 "$work/${daemon_kind[$node]}-$node.log")"
      fi
    done
    (($(micros) < deadline)) || fail "gave up after $1 s waiting for: $what (VIP holders: $(holders))"
    sleep 0.05
  done
}

# steady SECONDS COMMAND...: COMMAND holds at every look (every 100 ms) for SECONDS.
steady() {
  local until=$(($(micros) + $1 * 1000000))
  shift
  while (($(micros) < until)); do
    "$@" || return 1
    sleep 0.1
  done
}
n1_only_holder() { [[ $(holders) == "n1 " ]]; }
# ucarp can read its peer's adverts up to a second late, so a holder must last before it counts.
n1_master_steadily() { n1_only_holder && steady 3 n1_only_holder; }

# restore_pair KIND: the starting state — both cables in, fresh daemons, n1 the only VIP holder for 3 s.
# n1 starts alone and becomes master by its master-down timer; n2 then starts and hears n1's adverts.
restore_pair() {
  local kind=$1 node
  # Cables in first: ucarp with no carrier was seen not to act on SIGTERM within 10 s.
  for node in n1 n2; do plug "$node"; done
  for node in n1 n2; do
    [[ -n ${daemon_pid[$node]:-} ]] || continue
    expect_exit[${daemon_pid[$node]}]=1
    kill -TERM "${daemon_pid[$node]}" 2>/dev/null || true
  done
  stop_daemon n1
  stop_daemon n2
  for node in n1 n2; do drop_vip "$node"; done
  start_daemon "$kind" n1
  wait_for 20 "$kind on n1 becoming master" holds_vip n1
  start_daemon "$kind" n2
  wait_for 30 "n1 the only VIP holder for 3 s" n1_master_steadily
}
