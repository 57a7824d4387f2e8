#!/usr/bin/env bash
# Installs what building, running, testing or benchmarking Quotewright needs, and nothing that is there already.
#
#   scripts/setup.sh [run|test|bench]     (default: run)
#
# Quiet when everything is present. On Debian/Ubuntu it installs missing packages with apt-get (through sudo
# when not root); Go and Node.js it only checks, saying what is needed. Then it runs "npm ci" in frontend/
# when node_modules is missing or older than package-lock.json.
set -euo pipefail

mode=${1:-run}
case $mode in
run | test | bench) ;;
-h | --help | help)
	sed -n '2,8s/^# \{0,1\}//p' "$0"
	exit 0
	;;
*)
	echo "usage: scripts/setup.sh [run|test|bench]" >&2
	exit 2
	;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Playwright must never download a browser: the tests use Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

say() { echo "setup: $*" >&2; }
die() {
	echo "setup: $*" >&2
	exit 1
}

# --- Debian packages ----------------------------------------------------------------------------------------

packages=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev)
if [[ $mode == test || $mode == bench ]]; then
	packages+=(xvfb xauth xdotool imagemagick poppler-utils qpdf chromium fonts-noto-cjk fonts-ipaexfont-gothic)
fi

installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }

# as_root runs a command as root: directly, or through sudo; without sudo it stops, saying what to run.
as_root() {
	if [[ $(id -u) == 0 ]]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "need root to install packages, and sudo is not installed. As root, run:
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}
then run scripts/setup.sh $mode again."
	fi
}

apt_install() {
	missing=("$@")
	say "installing ${missing[*]}"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
		die "apt-get update failed"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
		die "could not install: ${missing[*]}"
}

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
	missing=()
	for p in "${packages[@]}"; do
		installed "$p" || missing+=("$p")
	done
	if ((${#missing[@]} > 0)); then
		apt_install "${missing[@]}"
		for p in "${missing[@]}"; do
			installed "$p" || die "package $p is still not installed after apt-get install"
		done
	fi
else
	say "not Debian/Ubuntu: install the equivalents of these packages yourself: ${packages[*]}"
fi

# --- Go and Node.js -----------------------------------------------------------------------------------------

# version_ge A B: is version A (digits and dots) at least B?
version_ge() { [[ $(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1) == "$2" ]]; }

need_go=1.24
if ! command -v go >/dev/null 2>&1; then
	if [[ -x /usr/local/go/bin/go ]]; then
		die "Go is installed in /usr/local/go but not on PATH: export PATH=/usr/local/go/bin:\$PATH"
	fi
	die "Go $need_go or newer is needed (go.mod asks for $(awk '/^go /{print $2}' go.mod)): install it from https://go.dev/dl/ and put its bin directory on PATH"
fi
go_version=$(go env GOVERSION 2>/dev/null || true) # go1.26.8
go_version=${go_version#go}
if [[ ! $go_version =~ ^[0-9]+(\.[0-9]+)* ]] || ! version_ge "${BASH_REMATCH[0]}" "$need_go"; then
	die "Go $need_go or newer is needed, found '${go_version:-unknown}' ($(command -v go)): install it from https://go.dev/dl/"
fi

need_node=20.19
node_version() { node --version 2>/dev/null | sed 's/^v//'; }
node_ok() {
	local v
	v=$(node_version) || return 1
	[[ $v =~ ^[0-9]+(\.[0-9]+)* ]] && version_ge "${BASH_REMATCH[0]}" "$need_node" && command -v npm >/dev/null 2>&1
}
if ! node_ok && ! command -v node >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
	# Debian's own nodejs is only worth installing when it is new enough (Debian 12 has 18.x: it is not).
	candidate=$(apt-cache policy nodejs 2>/dev/null | awk '/Candidate:/{print $2}')
	candidate=${candidate#*:}
	if [[ $candidate =~ ^[0-9]+(\.[0-9]+)* ]] && version_ge "${BASH_REMATCH[0]}" "$need_node"; then
		apt_install nodejs npm
	fi
fi
if ! node_ok; then
	if command -v node >/dev/null 2>&1; then
		found="found node $(node --version 2>/dev/null) at $(command -v node)"
		command -v npm >/dev/null 2>&1 || found="$found, but no npm"
	else
		found="found no node"
	fi
	die "Node.js $need_node or newer, with npm, is needed ($found). Debian 12's nodejs package is 18.x, too old:
  install Node.js 20.19+ or 22 LTS, e.g. from https://nodejs.org/en/download or NodeSource's Debian packages."
fi

# --- frontend packages --------------------------------------------------------------------------------------

# npm_ci installs frontend/node_modules exactly as package-lock.json says.
npm_ci() {
	local log
	log=$(mktemp)
	if ! npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
		cat "$log" >&2
		rm -f "$log"
		die "npm ci failed in frontend/ (if it says package.json and package-lock.json are out of sync: run npm install in frontend/ and commit package-lock.json)"
	fi
	rm -f "$log"
}

if [[ ! -f frontend/node_modules/.package-lock.json || frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]]; then
	say "installing the frontend's npm packages (npm ci)"
	(cd frontend && npm_ci)
fi
