#!/bin/sh
# Agreement of the simulator with the kernel's own core verifier selftests:
# every BUILD/corpus/verifier_*.bpf.o (tools/build-corpus.sh BUILD core) is
# verified with `veristep verify --json --log-level 2`, and each program's
# verdict and log are compared with its __success/__failure and __msg()
# annotations in tools/testing/selftests/bpf/progs/verifier_<name>.c; a
# program annotated __flag(...) is verified with those prog_flags, as
# test_loader.c loads it.
#   core_agreement.sh [BUILD] [NAME...]
# Prints per file: programs, verdict agreement, message agreement,
# unsupported (by reason), and a final line
#   TOTAL files F programs N verdict V msg M unsupported U
# Logs are cut to their last 2 MiB, the rolling log buffer of the
# selftests' test_loader (TEST_LOADER_LOG_BUF_SZ), which __msg sees.
# Programs annotated for unprivileged loading only are not counted: the
# simulator models a root loader. Exit 2 when the tree or build is missing.
set -eu
BUILD=${1:-build}
[ $# -gt 0 ] && shift
TREE=$(kernel/source.sh 2>/dev/null) || { echo "core_agreement: kernel tree not found" >&2; exit 2; }
VERISTEP=${VERISTEP:-$BUILD/veristep}
[ -x "$VERISTEP" ] || { echo "core_agreement: '$VERISTEP' not built" >&2; exit 2; }
tools/build-corpus.sh "$BUILD" core >/dev/null || true
VERISTEP=$VERISTEP exec python3 - "$BUILD" "$TREE/tools/testing/selftests/bpf/progs" "$@" <<'PY'
import json, os, re, subprocess, sys, collections
from concurrent.futures import ThreadPoolExecutor
build, progs_dir, names = sys.argv[1], sys.argv[2], sys.argv[3:]
corpus = os.path.join(build, 'corpus')
if not names:
    names = sorted(f[:-len('.bpf.o')] for f in os.listdir(corpus)
                   if f.startswith('verifier_') and f.endswith('.bpf.o'))

ann_re = re.compile(r'__(\w+)(?:\(((?:[^()"]|"(?:[^"\\]|\\.)*"|\([^()]*\))*)\))?')
def annotations(src):
    """name -> (expected verdict, [msgs]) from the attribute block before each function"""
    text = open(src).read()
    out = {}
    for m in re.finditer(r'SEC\("[^"]*"\)((?:\s*__\w+(?:\((?:[^()"]|"(?:[^"\\]|\\.)*"|\([^()]*\))*\))?)*)\s*'
                         r'(?:static\s+)?(?:__naked\s+|__attribute__\(\(naked\)\)\s+)?'
                         r'(?:\w+\s+)*?\**\s*(\w+)\s*\(', text):
        block, fn = m.group(1), m.group(2)
        # attributes may also precede SEC(): take the text since the previous '}'
        start = text.rfind('}', 0, m.start()) + 1
        block = text[start:m.start()] + block
        tags = ann_re.findall(block)
        kinds = [t[0] for t in tags]
        if 'success' in kinds:
            exp = 'accepted'
        elif 'failure' in kinds:
            exp = 'rejected'
        else:
            continue  # unprivileged-only or unannotated
        msgs = []
        flags = 0
        for k, arg in tags:
            if k == 'msg':
                s = re.match(r'\s*"((?:[^"\\]|\\.)*)"', arg)
                if s:
                    msgs.append(s.group(1).encode().decode('unicode_escape'))
            elif k == 'flag':
                # test_loader.c's __flag(): the prog_flags it loads with
                v = arg.strip()
                flags |= PROG_FLAGS.get(v, 0) if v in PROG_FLAGS else int(v, 0) if re.match(r'^(0x)?[0-9a-fA-F]+$', v) else 0
        out[fn] = (exp, msgs, flags)
    return out

PROG_FLAGS = {'BPF_F_STRICT_ALIGNMENT': 1, 'BPF_F_ANY_ALIGNMENT': 2, 'BPF_F_TEST_RND_HI32': 4,
              'BPF_F_TEST_STATE_FREQ': 8, 'BPF_F_SLEEPABLE': 16, 'BPF_F_XDP_HAS_FRAGS': 32,
              'BPF_F_TEST_REG_INVARIANTS': 128}

def msg_match(log, msgs):
    pos = 0
    for m in msgs:
        if m.startswith('{{') or '{{' in m:
            pat = ''.join(re.escape(p) if i % 2 == 0 else p
                          for i, p in enumerate(re.split(r'\{\{|\}\}', m)))
            r = re.compile(pat).search(log, pos)
            if not r:
                return False
            pos = r.end()
            continue
        i = log.find(m, pos)
        if i < 0:
            return False
        pos = i + len(m)
    return True

def reason(err):
    err = err or 'unknown'
    err = re.sub(r"'[^']*'", "'..'", err)
    err = re.sub(r'\d+', 'N', err)
    return err[:60]

def run(name):
    obj = os.path.join(corpus, name + '.bpf.o')
    src = os.path.join(progs_dir, name + '.c')
    if not os.path.exists(obj):
        return name, None, 'not compiled'
    try:
        p = subprocess.run([os.environ["VERISTEP"], 'verify', '--json', '--log-level', '2', '--log-size', '2097152', obj],
                           capture_output=True, timeout=600)
    except subprocess.TimeoutExpired:
        return name, None, 'timeout'
    except OSError as e:
        return name, None, f'cannot run veristep: {e.strerror}'
    try:
        data = json.loads(p.stdout)
    except Exception:
        return name, None, (p.stderr.decode(errors='replace').strip().splitlines() or ['no json'])[-1][:80]
    ann = annotations(src)
    # a program annotated __flag(...) is loaded with those prog_flags: verify
    # it again on its own with them (--prog-flags)
    for i, prog in enumerate(data.get('programs', [])):
        flags = ann.get(prog['name'], (None, None, 0))[2]
        if not flags:
            continue
        try:
            q = subprocess.run([os.environ["VERISTEP"], 'verify', '--json', '--log-level', '2', '--log-size',
                                '2097152', '--prog', prog['name'], '--prog-flags', str(flags), obj],
                               capture_output=True, timeout=600)
            data['programs'][i] = json.loads(q.stdout)['programs'][0]
        except Exception:
            pass
    return name, (ann, data), None

tot = collections.Counter()
reasons_all = collections.Counter()
with ThreadPoolExecutor(max_workers=2) as ex:
    results = list(ex.map(run, names))
print(f"{'file':36} {'progs':>5} {'verdict':>7} {'msg':>5} {'unsup':>5}  unsupported reasons")
for name, res, fail in results:
    tot['files'] += 1
    if res is None:
        print(f"{name:36} {'-':>5} {'-':>7} {'-':>5} {'-':>5}  file: {fail}")
        reasons_all['file: ' + fail] += 1
        continue
    ann, data = res
    n = vok = mok = uns = 0
    rs = collections.Counter()
    for p in data.get('programs', []):
        if p['name'] not in ann:
            continue
        exp, msgs, _flags = ann[p['name']]
        n += 1
        if p['verdict'] == 'unsupported':
            uns += 1
            rs[reason(p.get('error'))] += 1
            continue
        if p['verdict'] == exp:
            vok += 1
            if msg_match(p.get('log') or '', msgs):
                mok += 1
    for k, v in rs.items():
        reasons_all[k] += v
    tot['programs'] += n; tot['verdict'] += vok; tot['msg'] += mok; tot['unsupported'] += uns
    rtxt = '; '.join(f"{k} x{v}" for k, v in rs.most_common(3))
    print(f"{name:36} {n:5} {vok:7} {mok:5} {uns:5}  {rtxt}")
print()
print("unsupported reasons overall:")
for k, v in reasons_all.most_common(15):
    print(f"  {v:4}  {k}")
print(f"TOTAL files {tot['files']} programs {tot['programs']} verdict {tot['verdict']} "
      f"msg {tot['msg']} unsupported {tot['unsupported']}")
PY
