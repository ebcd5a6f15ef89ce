#!/usr/bin/env bash
# Builds the Debian package failover_VERSION_amd64.deb from this repository with dpkg-deb; no root needed.
#
#   packaging/deb/build.sh [--version V] [--out DIR] [--compress xz|gzip|zstd]
#                          [--publish-dir DIR [--no-publish]]
#
#   --version      the package version (default: <Version> of Directory.Build.props)
#   --out          where the .deb goes (default: out/deb); its path is the last line printed
#   --compress     dpkg-deb's compressor (default xz: the smallest, about 80 s on two cores;
#                  zstd takes a second and needs dpkg >= 1.21.18, i.e. Debian 12 or later)
#   --publish-dir  publish failoverd and failoverctl here and keep them (default: a temporary directory)
#   --no-publish   package what --publish-dir already holds (two packages from one publish, for tests)
#
# Both programs are published as NativeAOT executables for linux-x64 (dotnet publish -r linux-x64, the
# projects set PublishAot) and installed as /usr/bin/failoverd and /usr/bin/failoverctl: the package
# carries no .NET runtime and needs none on the server. The build uses its own bin/obj
# (--artifacts-path) and leaves the repository's Release build alone.
set -euo pipefail
umask 022
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

usage() { sed -n '2,13s/^# \{0,1\}//p' "$0" >&2; exit 2; }

version="" out="$repo/out/deb" compress=xz publish="" no_publish=0
while (($#)); do
  case $1 in
    --version) version=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --compress) compress=${2:?}; shift 2 ;;
    --publish-dir) publish=${2:?}; shift 2 ;;
    --no-publish) no_publish=1; shift ;;
    -h | --help) usage ;;
    *) echo "build.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
if [[ -z $version ]]; then
  version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -1)
fi
# Debian's version syntax (no epoch): digits first, then letters, digits and . + ~ -
if [[ ! $version =~ ^[0-9][A-Za-z0-9.+~-]*$ ]]; then
  echo "build.sh: '$version' is not a Debian package version" >&2
  exit 2
fi
case $compress in xz | gzip | zstd) ;; *) echo "build.sh: --compress xz, gzip or zstd" >&2; exit 2 ;; esac
if ((no_publish)) && [[ -z $publish ]]; then
  echo "build.sh: --no-publish needs --publish-dir" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/failover-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [[ -z $publish ]]; then
  publish=$work/publish
fi

# Times in the package: the last commit's, so two builds of one commit give the same files.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH

# --- the programs ----------------------------------------------------------------------------------
if ((!no_publish)); then
  echo "publishing failoverd and failoverctl (NativeAOT, linux-x64) to $publish"
  rm -rf "$publish"
  for project in src/Daemon src/Ctl; do
    dotnet publish "$repo/$project" -c Release -r linux-x64 \
      --artifacts-path "$work/artifacts" -o "$publish" --nologo -v quiet
  done
fi
for program in failoverd failoverctl; do
  [[ -x $publish/$program ]] || { echo "build.sh: $publish/$program is missing" >&2; exit 1; }
done

# The shipped example must pass the check the service runs before each start.
"$publish/failoverd" --check-config "$here/failover.yaml" >/dev/null ||
  { echo "build.sh: packaging/deb/failover.yaml does not pass failoverd --check-config" >&2; exit 1; }

# --- the tree --------------------------------------------------------------------------------------
root=$work/root
doc=$root/usr/share/doc/failover
mkdir -p "$root/usr/bin" "$root/usr/lib/systemd/system" "$root/etc/failover" \
  "$root/usr/share/bash-completion/completions" "$root/usr/share/man/man5" "$root/usr/share/man/man8" \
  "$doc/examples" "$root/DEBIAN"

# The executables only: the publish's .dbg (separated debug symbols) and .pdb files stay out.
install -m 0755 "$publish/failoverd" "$publish/failoverctl" "$root/usr/bin/"

install -m 0644 "$repo/etc-templates/failoverd.service" "$root/usr/lib/systemd/system/failoverd.service"
install -m 0644 "$here/failover.yaml" "$root/etc/failover/failover.yaml"
install -m 0644 "$here/failoverctl.bash-completion" "$root/usr/share/bash-completion/completions/failoverctl"

for page in failoverd.8 failoverctl.8 failover.yaml.5; do
  section=${page##*.}
  gzip -9n <"$here/man/$page" >"$root/usr/share/man/man$section/$page.gz"
done

install -m 0644 "$here/copyright" "$doc/copyright"
install -D -m 0644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/failover"
gzip -9n <"$repo/README.md" >"$doc/README.md.gz"
gzip -9n <"$repo/docs/rules.md" >"$doc/rules.md.gz"
install -m 0644 "$repo/etc-templates/"*.yaml "$doc/examples/"
# One entry for this build; the history is the git log. A version without a Debian revision ("-1") is a
# native package, whose changelog is changelog.gz.
changelog=changelog.gz
[[ $version == *-* ]] && changelog=changelog.Debian.gz
{
  echo "failover ($version) unstable; urgency=medium"
  echo
  echo "  * Built from git $(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)."
  echo
  echo " -- Failover maintainers <failover@example.org>  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$doc/$changelog"

# --- control files ---------------------------------------------------------------------------------
installed_size=$(du -sk --apparent-size "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: failover
Version: $version
Architecture: amd64
Maintainer: Failover maintainers <failover@example.org>
Installed-Size: $installed_size
Depends: adduser, libc6 (>= 2.27), libssl3 | libssl3t64
Recommends: openssh-client, rsync
Suggests: drbd-utils, smbclient
Section: admin
Priority: optional
Description: service failover for Linux primary/backup pairs (CARP, ucarp-compatible)
 failoverd keeps the service addresses (virtual IPs) of a pair of servers on
 the healthy machine by speaking CARP, wire-compatible with ucarp. It watches
 the links, probes the services (DNS, DHCP, LDAP, Samba, TCP, DRBD, programs),
 runs ordered action chains on takeover and handoff, and decides by rules.
 failoverctl shows its state and hands groups over by hand.
 .
 The programs are native executables: no .NET runtime is needed on the server.
 The service is not started on installation: edit /etc/failover/failover.yaml,
 check it with failoverd --check-config, then systemctl enable --now failoverd.
EOF
echo /etc/failover/failover.yaml >"$root/DEBIAN/conffiles"
install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$root/DEBIAN/"
(cd "$root" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -printf '%P\0' |
  LC_ALL=C sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"

find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$out"
deb=$(cd "$out" && pwd)/failover_${version}_amd64.deb
dpkg-deb --root-owner-group -Z"$compress" --build "$root" "$deb" >/dev/null
echo "$deb"
