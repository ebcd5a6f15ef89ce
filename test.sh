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

source scripts/prerequisites.sh            # package_of, have, require, publish_native

install_lab_packages() {
  if ((EUID != 0)); then
    local packages
    packages=$(missing_packages "${!package_of[@]}")
    [[ -z $packages ]] || echo "note: not root, so not installing" $packages"; the lab tests will be skipped anyway"
    return 0
  fi
  require "${!package_of[@]}"
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
# The lab tests run the programs a user gets: the NativeAOT executables (tests/Lab/Harness/BuildOutput.cs).
if ((EUID == 0)); then
  echo "publishing failoverd and failoverctl as NativeAOT executables to out/native"
  if ! SUDO_USER='' publish_native out/native; then
    echo "NativeAOT publish failed"
    exit 1
  fi
  export FAILOVERD=$PWD/out/native/failoverd FAILOVERCTL=$PWD/out/native/failoverctl
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
