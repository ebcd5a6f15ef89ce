#!/bin/bash
# Regenerates a ucarp advertisement fixture: runs the real ucarp in one network namespace and captures
# its adverts with tcpdump on the other end of a veth pair. Needs root, ucarp and tcpdump.
# Usage: [FILTER='arp'] capture-ucarp.sh OUT.txt SRC VHID PASS VIP ADVBASE ADVSKEW [COUNT [EXTRA-UCARP-ARGS...]]
# FILTER is the tcpdump filter (default: ip proto 112). The ucarp side's NIC MAC is fixed to $nic_mac.
set -euo pipefail
out=$1 src=$2 vhid=$3 pass=$4 vip=$5 advbase=$6 advskew=$7 count=${8:-3}
shift $(( $# < 8 ? $# : 8 ))
extra=("$@")
filter=${FILTER:-ip proto 112}
nic_mac=02:00:00:00:00:0a
ns_a=fxc-ucarp-$$ ns_b=fxc-cap-$$
ucarp_pid=
cleanup() {
    if [[ -n $ucarp_pid ]]; then kill "$ucarp_pid" 2>/dev/null || true; wait "$ucarp_pid" 2>/dev/null || true; fi
    ip netns del "$ns_a" 2>/dev/null || true
    ip netns del "$ns_b" 2>/dev/null || true
}
trap cleanup EXIT

ip netns add "$ns_a"
ip netns add "$ns_b"
ip link add fxc-a netns "$ns_a" type veth peer name fxc-b netns "$ns_b"
ip -n "$ns_a" link set fxc-a address "$nic_mac"
ip -n "$ns_a" addr add "$src/24" dev fxc-a
ip -n "$ns_a" link set fxc-a up
ip -n "$ns_b" link set fxc-b up

cmd=(ucarp -i fxc-a -s "$src" -v "$vhid" -p "$pass" -a "$vip" -b "$advbase" -k "$advskew"
     -u /bin/true -d /bin/true "${extra[@]}")
ip netns exec "$ns_a" "${cmd[@]}" >/dev/null 2>&1 &
ucarp_pid=$!

hex=$(ip netns exec "$ns_b" timeout 60 tcpdump -i fxc-b -n -c "$count" -xx "$filter" 2>/dev/null)

{
    echo "# ucarp 1.5.2 (Debian) frames sent by ucarp, full Ethernet frames as captured by tcpdump on the veth peer."
    echo "# command: ${cmd[*]}"
    echo "# source=$src vhid=$vhid password=$pass vip=$vip advbase=$advbase advskew=$advskew nic_mac=$nic_mac filter=$filter"
    # tcpdump -xx prints a summary line, then "0x0000:  hhhh hhhh ..." lines; join each frame's hex.
    awk '/^[^ \t]/ { if (frame != "") print frame; frame = ""; next }
         /0x[0-9a-f]+:/ { for (i = 2; i <= NF; i++) frame = frame $i }
         END { if (frame != "") print frame }' <<<"$hex"
} >"$out"
