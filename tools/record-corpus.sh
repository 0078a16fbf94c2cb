#!/usr/bin/env bash
# Ask the lab kernel about the whole corpus and record its answers as
# goldens (part of `make faithfulness`; ~2,200 programs, tens of minutes
# under TCG):
#   - our programs and the lessons into tests/golden/ (tools/record-goldens.sh)
#   - the kernel selftests of tools/build-corpus.sh into
#     tests/faithfulness/kernel/corpus/NAME.json.gz
# Run it when the kernel, its patches or the corpus change, and commit the
# answers: `make test` compares the simulator against them without QEMU.
#   tools/record-corpus.sh BUILD
set -uo pipefail
build=${1:?usage: record-corpus.sh BUILD}
start=$SECONDS
status=0
tools/build-corpus.sh "$build" all | tail -n1
tools/record-goldens.sh "$build" || status=1
GOLDEN_DIR=tests/faithfulness/kernel tools/record-goldens.sh "$build" "$build"/corpus/*.bpf.o || status=1
# ~25 MB of level-2 logs as JSON; gzip keeps the repository small
for f in tests/faithfulness/kernel/corpus/*.json; do
	[ -e "$f" ] && gzip -9 -n -f "$f"
done
echo "record-corpus: done in $((SECONDS - start)) s"
exit $status
