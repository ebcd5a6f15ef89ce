#!/bin/bash
# Captures the smbclient outputs the share-check parser is tested against: a private smbd (temp config,
# tdbsam, user root) in network namespace fxs-capture-PID on 192.0.2.1, and smbclient run with the argv
# SambaShareCheck uses. Needs root, samba and smbclient. Writes NAME.txt beside this script:
#   # exit N          smbclient's exit code
#   --- stdout        then its stdout, byte for byte
#   --- stderr        then its stderr
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ns=fxs-capture-$$
dir=$(mktemp -d /tmp/fxs-capture.XXXXXX)
chmod 755 "$dir"
smbd_pid=
cleanup() {
    [ -n "$smbd_pid" ] && kill "$smbd_pid" 2>/dev/null && wait "$smbd_pid" 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT

mkdir -p "$dir"/{private,lock,state,cache,pid,ncalrpc,share/sub}
echo hello > "$dir/share/probe.txt"
echo secret > "$dir/share/secret.txt" && chmod 600 "$dir/share/secret.txt"
touch "$dir/share/NT_STATUS_ACCESS_DENIED listing x"
cat > "$dir/smb.conf" <<EOF
[global]
  server role = standalone server
  passdb backend = tdbsam:$dir/private/passdb.tdb
  private dir = $dir/private
  lock directory = $dir/lock
  state directory = $dir/state
  cache directory = $dir/cache
  pid directory = $dir/pid
  ncalrpc dir = $dir/ncalrpc
  binddns dir = $dir/private
  interfaces = 192.0.2.1
  bind interfaces only = yes
  smb ports = 445
  disable netbios = yes
  load printers = no
  printcap name = /dev/null
  disable spoolss = yes
[data]
  path = $dir/share
  read only = yes
[locked]
  path = $dir/share
  valid users = nobody
[asnobody]
  path = $dir/share
  force user = nobody
EOF
printf 'pw-secret\npw-secret\n' | smbpasswd -c "$dir/smb.conf" -a -s root >/dev/null
printf 'username = root\npassword = pw-secret\n' > "$dir/good.auth"
printf 'username = root\npassword = wrong\n' > "$dir/bad.auth"
chmod 600 "$dir"/*.auth

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" addr add 192.0.2.1/32 dev lo
ip netns exec "$ns" smbd --foreground --debug-stdout -s "$dir/smb.conf" >/dev/null 2>&1 &
smbd_pid=$!
for _ in $(seq 100); do ip netns exec "$ns" bash -c 'echo > /dev/tcp/192.0.2.1/445' 2>/dev/null && break; sleep 0.1; done

# capture NAME SMBCLIENT-ARGS...: paths in the output are anonymised to /etc/failover/smb.auth.
capture() {
    local name=$1; shift
    local code=0
    ip netns exec "$ns" env LC_ALL=C smbclient "$@" </dev/null >"$dir/out" 2>"$dir/err" || code=$?
    { echo "# exit $code"; echo "--- stdout"; cat "$dir/out"; echo "--- stderr"; cat "$dir/err"; } \
        | sed "s|$dir/[a-z]*\.auth|/etc/failover/smb.auth|g" > "$here/$name.txt"
}

capture list-ok //192.0.2.1/data -A "$dir/good.auth" -c 'ls'
capture get-ok //192.0.2.1/data -A "$dir/good.auth" -c 'get "probe.txt" /dev/null'
capture bad-network-name //192.0.2.1/nosuch -A "$dir/good.auth" -c 'ls'
capture logon-failure //192.0.2.1/data -A "$dir/bad.auth" -c 'ls'
capture object-name-not-found //192.0.2.1/data -A "$dir/good.auth" -c 'get "nosuch.txt" /dev/null'
capture object-path-not-found //192.0.2.1/data -A "$dir/good.auth" -c 'get "nodir/probe.txt" /dev/null'
capture file-is-a-directory //192.0.2.1/data -A "$dir/good.auth" -c 'get "sub" /dev/null'
capture tree-access-denied //192.0.2.1/locked -A "$dir/good.auth" -c 'ls'
capture file-access-denied //192.0.2.1/asnobody -A "$dir/good.auth" -c 'get "secret.txt" /dev/null'
capture connection-refused //192.0.2.1/data -A "$dir/good.auth" -p 446 -c 'ls'
capture network-unreachable //198.51.100.1/data -A "$dir/good.auth" -c 'ls'
capture auth-file-missing //192.0.2.1/data -A "$dir/missing.auth" -c 'ls'
smbpasswd -c "$dir/smb.conf" -d root >/dev/null
capture account-disabled //192.0.2.1/data -A "$dir/good.auth" -c 'ls'
echo "captured into $here"
