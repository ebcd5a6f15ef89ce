#!/usr/bin/env bash
# Builds the solution and runs every test project, then prints the totals on a line of its own:
#   N passed, N failed, N skipped
# Exits non-zero if a test failed, a test run crashed or hung, or no test ran at all.
#
# As root it first installs the Debian packages the lab tests drive (tests/Lab: network namespaces,
# ucarp, ...). Without root nothing is installed and the lab tests skip themselves.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
results=TestResults                  # TRX files, one per test project (git-ignored)
hang_timeout=10m                     # a test host silent this long is killed and counts as failed

# The programs the lab tests run, and the package that brings each.
declare -A package_of=(
  [ip]=iproute2 [ping]=iputils-ping [ucarp]=ucarp [keepalived]=keepalived
  [tcpdump]=tcpdump [arping]=arping
  # real servers for the probe tests
  [slapd]=slapd [ldapadd]=ldap-utils [dhcpd]=isc-dhcp-server [named]=bind9 [dig]=bind9-dnsutils
  [smbd]=samba [smbclient]=smbclient [aiosmtpd]=python3-aiosmtpd   # aiosmtpd: the SMTP sink of the mail tests
  [sshd]=openssh-server [rsync]=rsync   # the peer side of split-brain recovery and config sync
  [systemd-analyze]=systemd [man]=man-db [dpkg-deb]=dpkg   # tests/Package: the .deb, its unit and man pages
  [chromium]="chromium fonts-dejavu-core" [curl]=curl   # the status page, fetched and rendered headless (tests/Lab HttpEndpointLabTests)
)

have() { PATH="$PATH:/usr/sbin:/sbin" command -v "$1" >/dev/null 2>&1; }

install_lab_packages() {
  local tool missing=()
  for tool in "${!package_of[@]}"; do
    have "$tool" || missing+=(${package_of[$tool]})   # unquoted: a tool may need several packages
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  if ((EUID != 0)); then
    echo "note: not root, so not installing ${missing[*]}; the lab tests will be skipped anyway"
    return 0
  fi
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local install=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
  # The tests run their own slapd, dhcpd, ucarp…: keep the packages from starting system services
  # (policy-rc.d exit 101 = "not now"), unless the machine already has a policy of its own.
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1
  fi
  local status=0
  # Refresh the package lists only if installing from the ones present fails (e.g. a fresh container).
  "${install[@]}" >/dev/null 2>&1 || { apt-get update -qq && "${install[@]}" >/dev/null; } || status=$?
  if ((own_policy)); then rm -f "$policy"; fi
  return "$status"
}

# counter NAME FILE: one attribute of the <Counters .../> element of a TRX file (0 when absent).
counter() {
  local value
  value=$(grep -o '<Counters [^>]*>' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || true)
  echo "${value:-0}"
}

if ((EUID == 0)); then
  install_lab_packages
else
  echo "note: not running as root: lab tests (network namespaces) will be skipped"
fi

if ! dotnet build -c Release -nologo -v quiet Failover.sln; then
  echo "build failed"
  exit 1
fi

rm -rf "$results"
passed=0 failed=0 skipped=0
mapfile -t projects < <(find tests -name '*.csproj' | sort)
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  status=0
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none || status=$?

  trx="$results/$name.trx"
  if [[ ! -f $trx ]]; then
    echo "$name: no results (exit $status): counted as one failure"
    failed=$((failed + 1))
    continue
  fi
  p=$(counter passed "$trx")
  f=$(($(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx")))
  # xunit's skipped tests are neither executed nor counted as notExecuted: total - executed is the count.
  s=$(($(counter total "$trx") - $(counter executed "$trx")))
  # A crashed or hung test host fails the run without failing a test: it must still count.
  if ((status != 0 && f == 0)); then
    echo "$name: the test run failed (exit $status) with no failed test, probably a crashed test host: counted as one failure"
    f=1
  fi
  echo "$name: $p passed, $f failed, $s skipped"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

# Lab tests delete their namespaces even when they fail; anything left of the harness's (fl + 6 hex
# digits) is a harness bug worth seeing. Other runs on the same machine may show here too.
if ((EUID == 0)) && have ip; then
  leftovers=$(PATH="$PATH:/usr/sbin:/sbin" ip netns list | awk '$1 ~ /^fl[0-9a-f]{6}-/ { print $1 }')
  if [[ -n $leftovers ]]; then
    echo "warning: lab namespaces still present:" $leftovers
  fi
fi

echo "$passed passed, $failed failed, $skipped skipped"
if ((failed > 0)); then
  exit 1
fi
if ((passed == 0)); then
  echo "no test ran"
  exit 1
fi
