#!/usr/bin/env bash
# Desktop smoke test: the real binary opens its window on a private X server, draws the app in it, and on SIGTERM
# closes its database and exits 0.
#
#   scripts/desktop-smoke.sh            (after make build; make test runs it)
#
# It starts its own Xvfb, uses a temporary database, HOME and XDG directories (nothing of the user's is touched),
# and leaves the last screenshot in artifacts/screenshots/desktop-smoke.png.
#
# Environment: QUOTEWRIGHT_BIN (default build/bin/quotewright), SMOKE_WINDOW_TIMEOUT (seconds, default 60),
# SMOKE_RENDER_TIMEOUT (seconds, default 30), SMOKE_MIN_STDDEV (default 0.02; see is_drawn below).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
bin=${QUOTEWRIGHT_BIN:-$root/build/bin/quotewright}
window_timeout=${SMOKE_WINDOW_TIMEOUT:-60}
render_timeout=${SMOKE_RENDER_TIMEOUT:-30}
min_stddev=${SMOKE_MIN_STDDEV:-0.02}
title=Quotewright
shot_dir=$root/artifacts/screenshots
shot=$shot_dir/desktop-smoke.png

tmp=$(mktemp -d "${TMPDIR:-/tmp}/quotewright-smoke.XXXXXX")
xvfb_pid=
app_pid=

pass() { echo "PASS: $*"; }
fail() {
	echo "FAIL: $*"
	if [[ -s $tmp/app.out ]]; then
		echo "---- app stdout ($tmp/app.out) ----"
		tail -n 100 "$tmp/app.out"
	fi
	if [[ -s $tmp/app.err ]]; then
		echo "---- app stderr ($tmp/app.err) ----"
		tail -n 200 "$tmp/app.err"
	fi
	if [[ -s $tmp/xvfb.log ]]; then
		echo "---- Xvfb log ----"
		tail -n 20 "$tmp/xvfb.log"
	fi
	echo "desktop smoke test: FAIL"
	exit 1
}

alive() { [[ -n $1 ]] && kill -0 "$1" 2>/dev/null; }

# app_exited WHEN: fail, saying the app's exit status.
app_exited() {
	local status=0
	wait "$app_pid" 2>/dev/null || status=$?
	app_pid=
	fail "the app exited $1 (exit status $status)"
}

# stop PID: SIGTERM, then SIGKILL after 5 s.
stop() {
	local pid=$1 i
	alive "$pid" || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 50; i++)); do
		alive "$pid" || break
		sleep 0.1
	done
	alive "$pid" && kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null || true
}

cleanup() {
	stop "$app_pid"
	stop "$xvfb_pid"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo "FAIL: interrupted"; exit 130' INT TERM HUP

[[ -x $bin ]] || fail "$bin does not exist: run make build first"
for tool in Xvfb xdotool import identify; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed: run scripts/setup.sh test"
done

# --- a private X server --------------------------------------------------------------------------------------

# -displayfd: Xvfb picks a free display number itself and writes it to fd 3 once it accepts connections.
Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp -br 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for ((i = 0; i < 100; i++)); do
	[[ -s $tmp/display ]] && break
	alive "$xvfb_pid" || fail "Xvfb did not start"
	sleep 0.1
done
display=$(tr -dc '0-9' <"$tmp/display")
[[ -n $display ]] || fail "Xvfb did not report its display within 10 s"
export DISPLAY=:$display
pass "Xvfb is running on $DISPLAY"

# --- the app, with nothing of the user's -------------------------------------------------------------------

mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/state" "$tmp/runtime"
chmod 700 "$tmp/runtime"

# start_app DB: start the binary on DB in the background, its output in $tmp/app.out and app.err.
start_app() {
	env -u WAYLAND_DISPLAY -u QUOTEWRIGHT_DB -u DBUS_SESSION_BUS_ADDRESS \
		HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" \
		XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/runtime" GDK_BACKEND=x11 \
		"$bin" --db "$1" >"$tmp/app.out" 2>"$tmp/app.err" &
	app_pid=$!
}

# wait_window: wait for the app's window, setting wid. xdotool's --name is a case-insensitive regular
# expression (GTK's hidden leader window is named "quotewright"): only a visible window whose name is exactly
# the title counts.
wait_window() {
	wid=
	local seen= id name deadline=$((SECONDS + window_timeout))
	while ((SECONDS < deadline)); do
		alive "$app_pid" || app_exited "before opening its window"
		if grep -q 'browser mode' "$tmp/app.out" 2>/dev/null; then
			fail "the app started in browser mode instead of opening its window (is $bin a desktop build? make build)"
		fi
		for id in $(xdotool search --onlyvisible --name "^$title\$" 2>/dev/null || true); do
			name=$(xdotool getwindowname "$id" 2>/dev/null || true)
			if [[ $name == "$title" ]]; then
				wid=$id
				return 0
			fi
			seen="'$name'"
		done
		sleep 0.5
	done
	fail "no visible window named '$title' within ${window_timeout} s${seen:+ (only $seen)}"
}

# wait_ready SCREEN ITEMS: wait until the frontend reports that its first screen shows (SessionService.Ready).
wait_ready() {
	local deadline=$((SECONDS + render_timeout))
	until grep -q "msg=\"ui ready\" screen=$1 items=$2" "$tmp/app.err" 2>/dev/null; do
		alive "$app_pid" || app_exited "before its first screen showed"
		((SECONDS < deadline)) || fail "the app did not report its $1 screen within ${render_timeout} s (no \"ui ready\" line in its log)"
		sleep 0.5
	done
	pass "the app reports its first screen: $(grep -o 'msg="ui ready".*' "$tmp/app.err" | head -n 1)"
}

# stop_app STATUS: SIGTERM, then require that the app exits with STATUS within 15 s.
stop_app() {
	kill -TERM "$app_pid"
	for ((i = 0; i < 150; i++)); do
		alive "$app_pid" || break
		sleep 0.1
	done
	alive "$app_pid" && fail "the app was still running 15 s after SIGTERM"
	local status=0
	wait "$app_pid" || status=$?
	app_pid=
	((status == $1)) || fail "the app exited with status $status after SIGTERM, not $1"
	pass "the app exited with status $1 after SIGTERM"
}

db=$tmp/smoke.db
start_app "$db"
wait_window
name=$(xdotool getwindowname "$wid" 2>/dev/null || true)
[[ $name == "$title" ]] || fail "window $wid is named '$name', not '$title'"
pass "window '$name' is open (id $wid)"

[[ -e $db.lock ]] || fail "the app holds no lock on its database ($db.lock does not exist)"
pass "the app has its database open ($db.lock exists)"

# The frontend reports when its first screen shows data: the accounts list with the demo's six accounts. A
# window showing an error, or only the app's frame, never says so.
wait_ready accounts 6

# --- something drawn in it ---------------------------------------------------------------------------------

# is_drawn IMAGE: are the image's pixels clearly not all one colour? The standard deviation of the pixel values
# (0..1, over all channels) of a 1360x860 window, measured: blank white, black or the app's background 0; one
# word of text on white 0.005; a full line of text 0.023; the app's sidebar and header with an empty page 0.039;
# the Accounts page 0.078. 0.02 fails a blank window or a few stray pixels and passes the app's frame alone.
# %k is the number of distinct colours, reported only.
stats=
is_drawn() {
	stats=$(identify -format '%[fx:standard_deviation] %k' "$1" 2>/dev/null) || return 1
	awk -v s="${stats% *}" -v min="$min_stddev" 'BEGIN { exit !(s + 0 >= min + 0) }'
}

mkdir -p "$shot_dir"
deadline=$((SECONDS + render_timeout))
drawn=
while ((SECONDS < deadline)); do
	alive "$app_pid" || app_exited "while its window was being drawn"
	# Only the window's own area: the black screen around it must not count as content.
	if import -window "$wid" "$tmp/shot.png" 2>>"$tmp/import.log"; then
		cp "$tmp/shot.png" "$shot"
		if is_drawn "$tmp/shot.png"; then
			drawn=1
			break
		fi
	fi
	sleep 1
done
read -r stddev colours <<<"${stats:-? ?}"
[[ -n $drawn ]] || fail "the window stayed blank for ${render_timeout} s (standard deviation ${stddev}, below ${min_stddev}; ${colours} colours; screenshot: ${shot#"$root"/})"
pass "the window shows the app (standard deviation ${stddev} >= ${min_stddev}, ${colours} colours; screenshot: ${shot#"$root"/})"

# --- a clean stop ------------------------------------------------------------------------------------------

stop_app 0
[[ ! -e $db.lock ]] || fail "$db.lock is still there: the app did not close its database"
pass "the app closed its database ($db.lock is gone)"

# --- a database it must refuse -----------------------------------------------------------------------------

# Started from a launcher, nobody reads stderr: the window itself says why the app cannot start, the file
# stays as it was, and the process ends with status 1.
notes=$tmp/notes.db
echo "my notes, not a database" >"$notes"
before=$(md5sum <"$notes")
start_app "$notes"
wait_window
wait_ready start-failed 0
import -window "$wid" "$shot_dir/desktop-start-failed.png" 2>>"$tmp/import.log" || true
stop_app 1
grep -q "is not a Quotewright database" "$tmp/app.err" || fail "the refusal is not in the app's output"
[[ $(md5sum <"$notes") == "$before" ]] || fail "the refused file was changed"
[[ ! -e $notes.lock && ! -e $notes-wal && ! -e $notes-shm ]] || fail "the refused file has companions left beside it"
pass "a file that is not a Quotewright database is refused in the window, left as it was (screenshot: artifacts/screenshots/desktop-start-failed.png)"

echo "desktop smoke test: PASS"
