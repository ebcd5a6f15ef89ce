#!/usr/bin/env bash
# Failover in one minute: two nodes share a virtual IP (VIP), a client pings it every 10 ms, the
# master's cable is pulled, and the demo prints how long the client went without replies.
#
#   sudo ./demo.sh           with failoverd, built from this repository
#   sudo ./demo.sh --ucarp   the same with ucarp, for comparison
#
# Everything happens in network namespaces (fldemo-*) on a private bridge with documentation
# addresses (192.0.2.0/24); they are deleted when the demo ends, however it ends.
set -euo pipefail
cd "$(dirname "$0")"

usage() { echo "usage: sudo ./demo.sh [--ucarp]"; }

daemon=failoverd
case "${1:-}" in
  "") ;;
  --ucarp) daemon=ucarp ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

if ((EUID != 0)); then
  echo "demo.sh needs root for network namespaces: sudo ./demo.sh" >&2
  exit 1
fi
export PATH="$PATH:/usr/sbin:/sbin"
# Before anything is built: what the demo runs, installed if missing (cc: NativeAOT links with it).
source scripts/prerequisites.sh
if [[ $daemon == failoverd ]]; then
  require ip ping awk cc
else
  require ip ping awk ucarp
fi

# The lab: one bridge namespace and three nodes, each cabled to the bridge by a veth pair.
prefix=fldemo
bridge_ns=$prefix-br
nodes=(n1 n2 client)
declare -A address=([n1]=192.0.2.1 [n2]=192.0.2.2 [client]=192.0.2.10)
declare -A advskew=([n1]=0 [n2]=50)          # n1 is the preferred master
vip=192.0.2.100
vhid=42
password=secret

work=$(mktemp -d /tmp/failover-demo.XXXXXX)
pids=()                                      # daemons and the pinging client
declare -A started_as=()                     # pid -> "failoverd on n1", for messages

say() { printf '\n== %s\n' "$*"; }
now() { date +%s.%N; }
clock() { date -d "@$1" +%H:%M:%S.%3N; }

delete_namespaces() {
  local ns
  for ns in "$bridge_ns" "${nodes[@]/#/$prefix-}"; do
    [[ -e /run/netns/$ns ]] || continue
    ip netns pids "$ns" | xargs -r kill -9 2>/dev/null || true
    ip netns delete "$ns" 2>/dev/null || true
  done
}

cleanup() {
  trap - EXIT INT TERM
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  sleep 0.2
  delete_namespaces
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the daemon under test -------------------------------------------------------------------------
if [[ $daemon == failoverd ]]; then
  say "building failoverd and failoverctl as NativeAOT executables (dotnet publish -r linux-x64 -o out/)"
  publish_native out/
  failoverd=$PWD/out/failoverd
else
  # ucarp calls these as: SCRIPT INTERFACE VIP
  printf '#!/bin/sh\nip addr add %s/24 dev "$1"\n' "$vip" >"$work/vip-up.sh"
  printf '#!/bin/sh\nip addr del %s/24 dev "$1" 2>/dev/null || true\n' "$vip" >"$work/vip-down.sh"
  chmod +x "$work/vip-up.sh" "$work/vip-down.sh"
fi

# --- the network -----------------------------------------------------------------------------------
say "network: bridge $bridge_ns; n1 ${address[n1]}, n2 ${address[n2]}, client ${address[client]}; VIP $vip"
delete_namespaces                            # leftovers of a demo that was killed hard
ip netns add "$bridge_ns"
ip -n "$bridge_ns" link add br0 type bridge
ip -n "$bridge_ns" link set br0 up
for node in "${nodes[@]}"; do
  ns=$prefix-$node
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip -n "$ns" link add eth0 type veth peer name "$node" netns "$bridge_ns"
  ip -n "$bridge_ns" link set "$node" master br0 up
  ip -n "$ns" addr add "${address[$node]}/24" dev eth0
  ip -n "$ns" link set eth0 up
done

holds_vip() { ip -n "$prefix-$1" -o -4 addr show dev eth0 | grep -q " $vip/"; }
holders() { local n; for n in n1 n2; do holds_vip "$n" && printf '%s ' "$n"; done; return 0; }
cut() { ip -n "$bridge_ns" link set "$1" down; }
plug() { ip -n "$bridge_ns" link set "$1" up; }

# Every daemon line goes to the terminal as it comes, prefixed with its node's name.
start_node() {
  local node=$1 ns=$prefix-$1
  if [[ $daemon == failoverd ]]; then
    cat >"$work/$node.yaml" <<EOF
node: { name: $node }
control: { socket: $work/$node.sock }
state_dir: $work/$node-state
groups:
  - name: web
    vhid: $vhid
    interface: eth0
    password: "$password"
    advbase: 1
    advskew: ${advskew[$node]}
    preempt: false
    vips: [$vip/24]
EOF
    mkdir -p "$work/$node-state"
    ip netns exec "$ns" "$failoverd" --config "$work/$node.yaml" > >(sed -u "s/^/$node | /") 2>&1 &
  else
    ip netns exec "$ns" ucarp -i eth0 -s "${address[$node]}" -v "$vhid" -p "$password" -a "$vip" \
      -b 1 -k "${advskew[$node]}" -u "$work/vip-up.sh" -d "$work/vip-down.sh" > >(sed -u "s/^/$node | /") 2>&1 &
  fi
  pids+=($!)
  started_as[$!]="$daemon on $node"
}

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 100 ms; fails the demo on timeout or
# when a daemon has died.
wait_for() {
  local deadline=$(($(date +%s) + $1)) what=$2 pid
  shift 2
  until "$@"; do
    for pid in "${pids[@]}"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        local status=0
        wait "$pid" || status=$?
        echo "${started_as[$pid]:-ping} exited with status $status (its output is above); giving up" >&2
        exit 1
      fi
    done
    if (($(date +%s) >= deadline)); then
      echo "gave up waiting for: $what" >&2
      exit 1
    fi
    sleep 0.1
  done
}

# steady SECONDS COMMAND...: COMMAND held at every look for SECONDS.
steady() {
  local until=$(($(date +%s%N) + $1 * 1000000000))
  shift
  while (($(date +%s%N) < until)); do
    "$@" || return 1
    sleep 0.1
  done
}
one_holder() { [[ $(holders) == "n1 " || $(holders) == "n2 " ]]; }
# ucarp can see its peer's adverts up to a second late, so both may be master for a moment at start.
one_holder_steadily() { one_holder && steady 3 one_holder; }

# --- the demo --------------------------------------------------------------------------------------
say "starting $daemon on n1 (advskew 0) and n2 (advskew 50)"
start_node n1
start_node n2
wait_for 30 "exactly one node holding the VIP" one_holder_steadily
master=$(holders) master=${master% }
standby=$([[ $master == n1 ]] && echo n2 || echo n1)

ping_log=$work/ping.log
ip netns exec "$prefix-client" ping -D -n -i 0.01 -W 1 "$vip" >"$ping_log" 2>&1 &
pids+=($!)
started_as[$!]="the client's ping"
has_replies() { grep -q 'bytes from' "$ping_log"; }
wait_for 10 "ping replies from the VIP" has_replies
say "$master is master and holds $vip; the client gets replies (pinging every 10 ms)"
sleep 1

cut_at=$(now)
cut "$master"
say "$(clock "$cut_at"): pulled $master's cable"
wait_for 30 "$standby taking over the VIP" holds_vip "$standby"
took_at=$(now)
wait_for 10 "replies from the VIP again" \
  awk -v t="$took_at" -F'[][]' '/bytes from/ && $2 > t { found = 1 } END { exit !found }' "$ping_log"
sleep 0.5

# outage_since T: the longest silence between replies from T on (T itself counts as the start), and
# how many echo requests went unanswered, from the sequence numbers.
outage_since() {
  awk -v cut="$1" -F'[][]' '
    /bytes from/ {
      t = $2 + 0
      match($0, /icmp_seq=[0-9]+/); seq = substr($0, RSTART + 9, RLENGTH - 9) + 0
      if (t <= cut) { first = seq; next }
      if (prev == "") prev = cut
      if (t - prev > longest) longest = t - prev
      prev = t; last = seq; after++
    }
    END { printf "%.3f %d\n", longest, (first == "" ? 0 : last - first - after) }' "$ping_log"
}
read -r outage lost < <(outage_since "$cut_at")
say "$standby took over; the client went $outage s without replies ($lost echo requests lost)"

plug "$master"
say "$(clock "$(now)"): plugged $master's cable back in; watching for 6 s"
sleep 6

# A planned handoff: failoverd's release sends a bow-out advert, so the peer takes over at once;
# ucarp has no equivalent (SIGUSR2 only steps back for 3 s, and the peer waits its master-down time).
released=
if [[ $daemon == failoverd ]]; then
  say "planned handoff: failoverctl release web on $standby (the master now)"
  release_at=$(now)
  ip netns exec "$prefix-$standby" out/failoverctl --socket "$work/$standby.sock" release web
  wait_for 10 "$master taking the VIP back" holds_vip "$master"
  back_at=$(now)
  wait_for 10 "replies from the VIP again" \
    awk -v t="$back_at" -F'[][]' '/bytes from/ && $2 > t { found = 1 } END { exit !found }' "$ping_log"
  sleep 0.5
  read -r released released_lost < <(outage_since "$release_at")
  say "$master took over; the client went $released s without replies ($released_lost echo requests lost)"
fi

say "final state"
for node in n1 n2; do
  holds_vip "$node" && echo "$node holds $vip" || echo "$node does not hold $vip"
done
if [[ $daemon == failoverd && -x out/failoverctl ]]; then
  for node in n1 n2; do
    echo "--- failoverctl status on $node"
    ip netns exec "$prefix-$node" out/failoverctl --socket "$work/$node.sock" status 2>&1 || true
  done
  for node in n1 n2; do
    echo "--- failoverctl events on $node (its journal, state_dir/events.jsonl)"
    ip netns exec "$prefix-$node" out/failoverctl --socket "$work/$node.sock" events 2>&1 || true
  done
fi
one_holder && echo "exactly one VIP holder: good" || echo "VIP holders: $(holders)(expected exactly one)"
echo "outage when $master's cable was pulled: $outage s"
[[ -z $released ]] || echo "outage when $standby released the VIP by hand: $released s"
