# What the repository's scripts need from the machine, and how they get it; sourced by demo.sh, the
# benches and test.sh (not run on its own).
#
#   require TOOL...         every TOOL on PATH (or in /usr/sbin, /sbin), installing the Debian packages
#                           that bring the missing ones when root; else says what is missing and fails
#   publish_native DIR      failoverd and failoverctl as NativeAOT executables in DIR, built as the user
#                           who ran sudo
#
# Set FAILOVER_APT_GET to run another apt-get (tests/Lab's prerequisite tests use a recording one).

# The programs the scripts run, and the Debian package that brings each (several: space-separated).
declare -A package_of=(
  [ip]=iproute2 [ss]=iproute2 [ping]=iputils-ping [ucarp]=ucarp [keepalived]=keepalived
  [tcpdump]=tcpdump [arping]=arping [awk]=gawk [python3]=python3 [jq]=jq
  [cc]=gcc   # NativeAOT links failoverd with the system's C toolchain (gcc or clang, and objcopy)
  # real servers for the probe tests and benches
  [slapd]=slapd [ldapadd]=ldap-utils [dhcpd]=isc-dhcp-server [named]=bind9 [dig]=bind9-dnsutils
  [smbd]=samba [smbclient]=smbclient [aiosmtpd]=python3-aiosmtpd   # aiosmtpd: the SMTP sink of the mail tests
  [exim4]=exim4-daemon-light   # the real MTA of the mail lab tests (STARTTLS, AUTH)
  [sshd]=openssh-server [rsync]=rsync   # the peer side of split-brain recovery and config sync
  [systemd-analyze]=systemd [man]=man-db [dpkg-deb]=dpkg   # tests/Package: the .deb, its unit and man pages
  [chromium]="chromium fonts-dejavu-core" [curl]=curl   # the status page, fetched and rendered headless
)

# have TOOL: TOOL is an executable on PATH or in /usr/sbin, /sbin (bash's `command -v` alone also
# answers with a file it cannot execute).
have() {
  local found
  found=$(PATH="$PATH:/usr/sbin:/sbin" command -v "$1" 2>/dev/null) && [[ -x $found ]]
}

# missing_packages TOOL...: the packages that bring the TOOLs not on PATH, one per line, each once.
missing_packages() {
  local tool
  for tool in "$@"; do
    [[ -n ${package_of[$tool]:-} ]] || { echo "prerequisites.sh: no package known for '$tool'" >&2; return 1; }
    have "$tool" || printf '%s\n' ${package_of[$tool]}   # unquoted: a tool may need several packages
  done | awk '!seen[$0]++'
}

# describe TOOL...: "ping (iputils-ping), ucarp (ucarp)" for the TOOLs not on PATH.
describe_missing() {
  local tool list=
  for tool in "$@"; do
    have "$tool" || list+="${list:+, }$tool (${package_of[$tool]})"
  done
  echo "$list"
}

require() {
  local packages
  packages=$(missing_packages "$@") || return 1
  [[ -n $packages ]] || return 0
  local missing
  missing=$(describe_missing "$@")
  if ((EUID != 0)); then
    echo "missing: $missing; as root, install them with: apt-get install $(echo $packages)" >&2
    return 1
  fi
  echo "installing what is missing: $missing"
  local apt_get=${FAILOVER_APT_GET:-apt-get}
  export DEBIAN_FRONTEND=noninteractive
  local install=("$apt_get" install -y -qq --no-install-recommends $packages)
  # The packages must not start system services of their own (slapd, dhcpd, ucarp…): policy-rc.d's
  # exit 101 means "not now", unless the machine already has a policy of its own.
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1
  fi
  local status=0
  # Refresh the package lists only if installing from the ones present fails (e.g. a fresh machine).
  "${install[@]}" >/dev/null 2>&1 || { "$apt_get" update -qq && "${install[@]}" >/dev/null; } || status=$?
  if ((own_policy)); then rm -f "$policy"; fi
  if ((status != 0)); then
    echo "could not install $(echo $packages) (apt-get exited with $status); install them by hand and try again" >&2
    return 1
  fi
  missing=$(describe_missing "$@")
  if [[ -n $missing ]]; then
    echo "still missing after apt-get install: $missing" >&2
    return 1
  fi
}

publish_native() {
  local dir=$1 project as_user=()
  if ! command -v dotnet >/dev/null; then
    echo "dotnet is not on PATH: failoverd is built with the .NET 10 SDK (https://dot.net, or Microsoft's Debian repository)" >&2
    return 1
  fi
  # Build as the user who ran sudo, so bin/, obj/ and the output do not end up owned by root.
  if [[ -n ${SUDO_USER:-} && $SUDO_USER != root ]] && command -v sudo >/dev/null; then
    as_user=(sudo -u "$SUDO_USER" --preserve-env=PATH)
  fi
  for project in src/Daemon src/Ctl; do
    "${as_user[@]}" dotnet publish "$project" -c Release -r linux-x64 -o "$dir" --nologo -v quiet || return 1
  done
}
