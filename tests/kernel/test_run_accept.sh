#!/usr/bin/env bash
# veristep run on programs the verifier accepts: verdicts, test-run retvals
# computed by the programs from veristep's default packet, the xlated
# instructions, a warm second run on the same VM, vm status and vm stop.
. "$(dirname "$0")/lib.sh"
obj=$(bpf_obj kernel_tc_accept)
echo "test_run_accept: $obj"

run_json "$obj"
check "exit 0 when every program is accepted (got $rc: $errout)" [ "$rc" = 0 ]
check "engine is the 7.3 lab kernel" [ "$(json_get 'd["engine"].startswith("kernel-7.3")')" = True ]
check "the run booted the VM" [ "$(json_get 'd["cold_boot"]')" = True ]
check "bpf_testmod loaded in the guest" [ "$(json_get 'd["testmod"]')" = loaded ]
check "both programs accepted" [ "$(json_get '",".join(p["name"]+"="+p["verdict"] for p in d["programs"])')" = \
	"tc_drop_udp80=accepted,xdp_drop_ipv4=accepted" ]
# the default input is Ethernet/IPv4/UDP to port 80: tc drops it (TC_ACT_SHOT),
# xdp drops IPv4 (XDP_DROP)
check "tc retval is TC_ACT_SHOT (2)" [ "$(json_get '[p["retval"] for p in d["programs"] if p["name"]=="tc_drop_udp80"][0]')" = 2 ]
check "xdp retval is XDP_DROP (1)" [ "$(json_get '[p["retval"] for p in d["programs"] if p["name"]=="xdp_drop_ipv4"][0]')" = 1 ]
check "insns processed parsed from the log" [ "$(json_get 'all(p["insns_processed"] > 0 and ("processed %d insns" % p["insns_processed"]) in p["log"] for p in d["programs"])')" = True ]
check "xlated instructions returned (whole insns)" [ "$(json_get 'all(p["xlated"] and len(p["xlated"]) % 16 == 0 for p in d["programs"])')" = True ]
check "no error for accepted programs" [ "$(json_get 'all(p["error"] is None for p in d["programs"])')" = True ]

start=$(date +%s%N)
human=$("$veristep" run --prog tc_drop_udp80 "$obj" 2>&1); rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "second run is warm and exits 0 (${ms} ms)" [ "$rc" = 0 ]
check "human output names the verdict and retval" grep -q "tc_drop_udp80 (tc): accepted" <<<"$human"
check "human output shows the test run" grep -q "test run: retval 2" <<<"$human"
check "--prog selects one program" [ "$(grep -c ': accepted' <<<"$human")" = 1 ]
check "warm run reused the VM" grep -q "running VM" <<<"$human"

# a level 2 log larger than the buffer: loaded again at level 1, and said so
tc_log=$(json_get '[len(p["log"]) for p in d["programs"] if p["name"]=="tc_drop_udp80"][0]')
xdp_log=$(json_get '[len(p["log"]) for p in d["programs"] if p["name"]=="xdp_drop_ipv4"][0]')
size=$(( (tc_log + xdp_log) / 2 ))
say "level 2 logs: tc $tc_log bytes, xdp $xdp_log bytes; buffer now $size bytes"
VERISTEP_LOG_SIZE=$size run_json "$obj"
check "log overflow: still exit 0" [ "$rc" = 0 ]
check "log overflow: tc fell back to level 1 and says so" [ "$(json_get '[(p["log_level"], p["log_note"]) for p in d["programs"] if p["name"]=="tc_drop_udp80"][0]')" = 	"(1, 'the level 2 log overflowed its $((size / 1024)) KiB buffer: this is the level 1 log')" ]
check "log overflow: xdp's log fit, level 2" [ "$(json_get '[(p["log_level"], p["log_note"]) for p in d["programs"] if p["name"]=="xdp_drop_ipv4"][0]')" = "(2, None)" ]

status=$("$veristep" vm status)
check "vm status: running, with pid and accel" grep -q "running" <<<"$status"
pid=$(awk '/pid:/ {print $2}' <<<"$status")
check "vm status pid is a QEMU with our socket" grep -qF "$sock" "/proc/$pid/cmdline"
"$veristep" vm stop >/dev/null
check "vm stop ends QEMU (pid $pid)" no_qemu_left
check "vm status: not running after stop" grep -q "not running" <<<"$("$veristep" vm status)"
finish
