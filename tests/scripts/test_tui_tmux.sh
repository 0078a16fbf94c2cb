#!/usr/bin/env bash
# The real curses app in a detached tmux at 80x24: keys in, capture-pane
# out. Checks the drawn screen, the resize, NO_COLOR, and that quitting
# and a SIGTERM both give the terminal back. Skips if tmux is missing.
set -u
command -v tmux >/dev/null || { echo "tmux missing: skipped"; exit 0; }
B=${VERISTEP_BUILD:-build}; V=$(realpath "${VERISTEP:-$B/veristep}")
obj=$(realpath "$B/tests/progs/tui_branches.bpf.o")
sock=veristep-test-$$; sess=t
fails=0
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null' EXIT
wait_for() { # text, tries
	for _ in $(seq 1 "${2:-50}"); do
		tm capture-pane -p -t "$sess" | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	echo "FAIL: screen never showed '$1'"; tm capture-pane -p -t "$sess"; fails=$((fails + 1)); return 1
}
tm -f /dev/null new-session -d -s "$sess" -x 80 -y 24 "env TERM=xterm-256color $V $obj; echo EXITED=\$?; sleep 30"
wait_for "tui_two_paths | step 0/25"
tm send-keys -t "$sess" x
wait_for "> |  19: (79) r1 = *(u64 *)(r0 +0)"
tm send-keys -t "$sess" Left
wait_for "| step 24/25 |"
tm send-keys -t "$sess" '?'
wait_for "Help (any key closes)"
tm send-keys -t "$sess" Escape
tm resize-window -t "$sess" -x 100 -y 30 2>/dev/null && wait_for "| step 24/25 |"
tm send-keys -t "$sess" q
wait_for "EXITED=0"
tm kill-session -t "$sess"
# NO_COLOR and a signal: the app dies cleanly and the shell sees it
tm -f /dev/null new-session -d -s "$sess" -x 80 -y 24 "env NO_COLOR=1 TERM=xterm $V $obj; echo EXITED=\$?; sleep 30"
wait_for "tui_two_paths | step 0/25"
pane=$(tm list-panes -t "$sess" -F "#{pane_pid}")
pid=$(pgrep -P "$pane" || true)   # the app is the pane shell's child
if [ -n "$pid" ]; then
	kill -TERM "$pid"
	wait_for "EXITED=143"
	tm capture-pane -p -t "$sess" | grep -qF "Registers" && { echo "FAIL: screen not restored after SIGTERM"; fails=$((fails + 1)); }
fi
[ "$fails" = 0 ] && echo "tui tmux: all passed"
exit $((fails > 0))
