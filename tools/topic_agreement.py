#!/usr/bin/env python3
"""Agreement of the simulator with the kernel selftests of issue 4's topics.

    tools/topic_agreement.py [-v] [--build BUILD] [--tree TREE] [--json OUT]
                             [--baseline FILE] [NAME...]

For every compiled selftest object BUILD/corpus/NAME.bpf.o (tools/build-corpus.sh
BUILD topics) this runs `veristep verify --json --log-level 2` and compares each
program with what the kernel's own test harness expects of it:

- the test_loader annotations (__success, __failure, __msg("..."), with {{regex}}
  parts and the in-order matching test_loader.c does), read exactly as
  test_loader.c reads them: from the BTF decl tags "comment:N:test_expect_..."
  of the program's FUNC, so macro-generated programs are covered;
- for files the harness loads by hand (prog_tests/*.c), the expectations
  written there: linked_list.c's linked_list_fail_tests[] table (expanded with
  the C preprocessor, as the compiler would), rcu_read_lock.c's lists of
  programs that must fail, and rbtree.c's rbtree_btf_fail__* objects that
  must not load;
- a file with no annotations and no such list is a success file: every
  program must load (prog_tests open and load the whole skeleton);
- a program's __flag(...) prog_flags are passed on (--prog-flags): the
  harness loads it with them (BPF_F_TEST_STATE_FREQ changes pruning).

Prints one line per file: programs, verdict agreement, verdict+__msg agreement,
unsupported programs grouped by reason, and a TOTAL line. Its output is the
baseline format: with --baseline FILE (tests/agreement/topics-baseline.txt)
it also fails (exit 1) when any file or the total agrees less than FILE says.
VERISTEP overrides the simulator binary (default BUILD/veristep).
Exit 2 for bad usage or a missing kernel tree.
"""
import collections
import json
import os
import re
import struct
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

TOPICS = """linked_list linked_list_fail linked_list_peek rbtree rbtree_fail rbtree_search
rbtree_search_kptr rbtree_btf_fail__wrong_node_type rbtree_btf_fail__add_wrong_type
kptr_xchg_inline map_kptr map_kptr_fail map_kptr_race local_kptr_stash local_kptr_stash_fail
refcounted_kptr refcounted_kptr_fail task_kfunc_success task_kfunc_failure
cgrp_kfunc_success cgrp_kfunc_failure cpumask_success cpumask_failure rcu_read_lock
struct_ops_refcounted struct_ops_refcounted_fail__ref_leak
struct_ops_refcounted_fail__global_subprog struct_ops_refcounted_fail__tail_call
struct_ops_kptr_return struct_ops_kptr_return_fail__invalid_scalar
struct_ops_kptr_return_fail__local_kptr struct_ops_kptr_return_fail__nonzero_offset
struct_ops_kptr_return_fail__wrong_type verifier_ref_tracking verifier_spin_lock
verifier_kfunc_prog_types""".split()


# ---- ELF + BTF: the program symbols and the decl tags of their FUNCs ----

def veristep_bin(build):
    """$VERISTEP, else BUILD/veristep"""
    return os.environ.get('VERISTEP') or os.path.join(build, 'veristep')


def elf_sections(data):
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3a)
    secs = []
    for i in range(shnum):
        name, typ, _flags, _addr, off, size, link, _info, _align, entsize = \
            struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * shentsize)
        secs.append([name, typ, off, size, link, entsize])
    stroff = secs[shstrndx][2]
    for s in secs:
        end = data.index(b'\0', stroff + s[0])
        s[0] = data[stroff + s[0]:end].decode()
    return secs


def cstr(data, off):
    return data[off:data.index(b'\0', off)].decode('utf-8', 'replace')


def program_names(data, secs):
    """FUNC symbols in executable sections other than .text: the programs."""
    names = []
    for s in secs:
        if s[1] != 2:  # SHT_SYMTAB
            continue
        strtab = secs[s[4]][2]
        for k in range(s[3] // 24):
            st_name, st_info, _o, st_shndx, _v, _sz = struct.unpack_from('<IBBHQQ', data, s[2] + k * 24)
            if st_info & 0xf != 2 or st_shndx == 0 or st_shndx >= len(secs):
                continue
            if secs[st_shndx][0] in ('.text',):
                continue
            names.append(cstr(data, strtab + st_name))
    return names


# trailing bytes of each BTF kind, vlen-scaled where it has members
_BTF_EXTRA = {1: (4, 0), 3: (12, 0), 4: (0, 12), 5: (0, 12), 6: (0, 8), 13: (0, 8),
              14: (4, 0), 15: (0, 12), 17: (4, 0), 19: (0, 12)}


def decl_tags(data, secs):
    """{func name: [test tags in source order]} as test_loader.c's
    collect_decl_tags() + strverscmp sort."""
    btf = next((s for s in secs if s[0] == '.BTF'), None)
    if not btf:
        return {}
    base = btf[2]
    _magic, _ver, _fl, hdr_len, type_off, type_len, str_off, _str_len = \
        struct.unpack_from('<HBBIIIII', data, base)
    types_at = base + hdr_len + type_off
    strs_at = base + hdr_len + str_off
    types = [None]
    p = types_at
    while p < types_at + type_len:
        name_off, info, size_type = struct.unpack_from('<III', data, p)
        kind, vlen = (info >> 24) & 0x1f, info & 0xffff
        extra = 0
        if kind in _BTF_EXTRA:
            fixed, per = _BTF_EXTRA[kind]
            extra = fixed + per * vlen
        comp = struct.unpack_from('<i', data, p + 12)[0] if kind == 17 else None
        types.append((kind, cstr(data, strs_at + name_off), size_type, comp))
        p += 12 + extra
    tags = collections.defaultdict(list)
    for kind, name, target, comp in types[1:]:
        if kind != 17 or comp != -1 or not name.startswith('comment:'):
            continue
        if 0 < target < len(types) and types[target][0] == 12:
            m = re.match(r'comment:(\d+):(.*)', name, re.S)
            if m:
                tags[types[target][1]].append((int(m.group(1)), m.group(2)))
    return {k: [t for _, t in sorted(v)] for k, v in tags.items()}


# ---- expectations written in prog_tests/*.c ----

def linked_list_fail_table(tree):
    """prog_tests/linked_list.c: linked_list_fail_tests[] {prog, msg}, run
    through the C preprocessor so its TEST() macros expand as in the build."""
    src = open(os.path.join(tree, 'tools/testing/selftests/bpf/prog_tests/linked_list.c')).read()
    m = re.search(r'linked_list_fail_tests\[\]\s*=\s*\{(.*?)\n\};', src, re.S)
    if not m:
        return {}
    out = subprocess.run(['cpp', '-P'], input=m.group(1), capture_output=True, text=True).stdout
    table = {}
    for ent in re.finditer(r'\{\s*((?:"(?:[^"\\]|\\.)*"\s*)+),\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\}', out):
        lit = lambda s: ''.join(bytes(x, 'utf-8').decode('unicode_escape')
                                for x in re.findall(r'"((?:[^"\\]|\\.)*)"', s))
        table[lit(ent.group(1))] = ('rejected', [lit(ent.group(2))], 'substr')
    return table


def name_lists(tree, relpath, arrays):
    src = open(os.path.join(tree, 'tools/testing/selftests/bpf', relpath)).read()
    names = []
    for arr in arrays:
        m = re.search(arr + r'\[\]\s*=\s*\{(.*?)\};', src, re.S)
        if m:
            names += re.findall(r'"(\w+)"', m.group(1))
    return names


def external_expectations(tree, name):
    if name.startswith('rbtree_btf_fail__'):
        # prog_tests/rbtree.c: ASSERT_ERR_PTR(..._open_and_load()): the
        # object (one program) must fail to load
        return {'*': ('rejected', [], 'regex')}
    if name == 'linked_list_fail':
        return linked_list_fail_table(tree)
    if name == 'rcu_read_lock':
        # prog_tests/rcu_read_lock.c: these must fail to load, the rest load
        bad = name_lists(tree, 'prog_tests/rcu_read_lock.c',
                         ['inproper_region_tests', 'rcuptr_misuse_tests'])
        return {n: ('rejected', [], 'regex') for n in bad}
    return {}


def expectations(tree, name, data, secs):
    """{program: (verdict, [msgs], how)} for every program of the object."""
    progs = program_names(data, secs)
    tags = decl_tags(data, secs)
    ext = external_expectations(tree, name)
    annotated = any(('test_expect_success' in t or 'test_expect_failure' in t)
                    for v in tags.values() for t in v)
    exp = {}
    for p in progs:
        t = tags.get(p, [])
        if 'test_auxiliary' in t:
            continue
        if p in ext or '*' in ext:
            exp[p] = ext.get(p) or ext['*']
            continue
        msgs = [x[len('test_expect_msg='):] for x in t if x.startswith('test_expect_msg=')]
        if 'test_expect_failure' in t:
            exp[p] = ('rejected', msgs, 'regex')
        elif 'test_expect_success' in t or not annotated or t:
            exp[p] = ('accepted', msgs, 'regex')
        else:
            # an unannotated program of a RUN_TESTS file: test_loader's
            # default is success
            exp[p] = ('accepted', [], 'regex')
    return exp


PROG_FLAGS = {'BPF_F_STRICT_ALIGNMENT': 1, 'BPF_F_ANY_ALIGNMENT': 2, 'BPF_F_TEST_RND_HI32': 4,
              'BPF_F_TEST_STATE_FREQ': 8, 'BPF_F_SLEEPABLE': 16, 'BPF_F_XDP_HAS_FRAGS': 32,
              'BPF_F_TEST_REG_INVARIANTS': 128}


def prog_flags(tags):
    """test_loader.c's parse_test_spec() for __flag(...): the prog_flags the
    harness loads the program with (names, numbers, '!' clears)."""
    flags = 0
    for t in tags:
        if not t.startswith('test_prog_flags='):
            continue
        val = t[len('test_prog_flags='):]
        clear = val.startswith('!')
        val = val[1:] if clear else val
        f = PROG_FLAGS.get(val)
        if f is None:
            f = int(val, 0)
        flags = flags & ~f if clear else flags | f
    return flags


def msgs_match(log, msgs, how):
    """test_loader.c's validate_msgs(): each message after the previous one;
    {{...}} parts are regular expressions."""
    pos = 0
    for mm in msgs:
        if how == 'substr':
            at = log.find(mm, pos)
            if at < 0:
                return False
            pos = at + len(mm)
            continue
        parts = re.split(r'\{\{(.*?)\}\}', mm)
        rx = ''.join(re.escape(x) if k % 2 == 0 else x for k, x in enumerate(parts))
        mt = re.compile(rx, re.M).search(log, pos)
        if not mt:
            return False
        pos = mt.end()
    return True


def judge(build, tree, name):
    obj = os.path.join(build, 'corpus', name + '.bpf.o')
    res = {'file': name, 'programs': 0, 'verdict': 0, 'msg': 0,
           'unsupported': collections.Counter(), 'diffs': []}
    if not os.path.exists(obj):
        res['missing'] = 'not compiled'
        return res
    data = open(obj, 'rb').read()
    secs = elf_sections(data)
    exp = expectations(tree, name, data, secs)
    r = subprocess.run([veristep_bin(build), 'verify', '--json', '--log-level', '2', obj],
                       capture_output=True, text=True, timeout=600)
    try:
        out = json.loads(r.stdout)
    except ValueError:
        why = (r.stderr.strip().splitlines() or ['no output'])[-1]
        why = re.sub(r"^veristep: cannot open '[^']*': ", '', why)
        res['programs'] = len(exp)
        res['unsupported']['load: ' + why[:90]] += len(exp)
        return res
    tags = decl_tags(data, secs)
    for p in out['programs']:
        if p['name'] not in exp:
            continue
        flags = prog_flags(tags.get(p['name'], []))
        if flags:
            # loaded with the program's own prog_flags (__flag(...))
            r = subprocess.run([veristep_bin(build), 'verify', '--json', '--log-level', '2',
                                '--prog', p['name'], '--prog-flags', str(flags), obj],
                               capture_output=True, text=True, timeout=600)
            try:
                p = json.loads(r.stdout)['programs'][0]
            except (ValueError, IndexError, KeyError):
                pass
        want, msgs, how = exp[p['name']]
        res['programs'] += 1
        if p['verdict'] not in ('accepted', 'rejected'):
            res['unsupported'][(p.get('error') or p['verdict'])[:90]] += 1
            continue
        log = p.get('log') or ''
        if p['verdict'] == want:
            res['verdict'] += 1
            if msgs_match(log, msgs, how):
                res['msg'] += 1
                continue
        res['diffs'].append((p['name'], want, p['verdict'], p.get('error'), msgs))
    return res


LINE_RE = re.compile(r'^(\S+): programs (\d+), verdict (\d+), verdict\+msg (\d+)')
TOTAL_RE = re.compile(r'^TOTAL programs (\d+) verdict (\d+) verdict\+msg (\d+)')


def parse_figures(text):
    files, total = {}, None
    for line in text.splitlines():
        m = LINE_RE.match(line)
        if m:
            files[m.group(1)] = (int(m.group(3)), int(m.group(4)))
        m = TOTAL_RE.match(line)
        if m:
            total = (int(m.group(2)), int(m.group(3)))
    return files, total


def below_baseline(baseline_text, now_text, only=None):
    """Lines saying where agreement dropped below the baseline (for the
    files in @only, without the total, when given)."""
    bf, bt = parse_figures(baseline_text)
    nf, nt = parse_figures(now_text)
    bad = []
    if only:
        bf = {k: v for k, v in bf.items() if k in only}
        bt = None
    for name, (v, m) in sorted(bf.items()):
        cv, cm = nf.get(name, (0, 0))
        if cv < v or cm < m:
            bad.append(f"{name}: verdict {cv} (baseline {v}), verdict+msg {cm} (baseline {m})")
    if bt and (not nt or nt[0] < bt[0] or nt[1] < bt[1]):
        bad.append(f"TOTAL: verdict/verdict+msg {nt} below baseline {bt}")
    return bad


def main(argv):
    verbose = '-v' in argv
    argv = [a for a in argv if a != '-v']
    build, tree, json_out, baseline = 'build', None, None, None
    names = []
    it = iter(argv)
    for a in it:
        if a == '--build':
            build = next(it)
        elif a == '--tree':
            tree = next(it)
        elif a == '--json':
            json_out = next(it)
        elif a == '--baseline':
            baseline = next(it)
        elif a.startswith('-'):
            print(f"topic_agreement: unknown option '{a}'", file=sys.stderr)
            return 2
        else:
            names.append(a)
    if tree is None:
        tree = subprocess.run(['kernel/source.sh'], capture_output=True, text=True).stdout.strip()
    if not tree or not os.path.isdir(tree):
        print("topic_agreement: kernel tree not found", file=sys.stderr)
        return 2
    only = set(names)
    if not os.access(veristep_bin(build), os.X_OK):
        print(f"topic_agreement: '{veristep_bin(build)}' is not built", file=sys.stderr)
        return 2
    names = names or TOPICS
    with ThreadPoolExecutor(max_workers=2) as ex:
        results = list(ex.map(lambda n: judge(build, tree, n), names))
    out = []
    tot = collections.Counter()
    for res in results:
        unsup = sum(res['unsupported'].values())
        if 'missing' in res:
            out.append(f"{res['file']}: {res['missing']}")
            continue
        out.append(f"{res['file']}: programs {res['programs']}, verdict {res['verdict']}, "
                   f"verdict+msg {res['msg']}, unsupported {unsup}")
        for why, k in res['unsupported'].most_common():
            out.append(f"    unsupported {k}: {why}")
        if verbose:
            for d in res['diffs']:
                out.append(f"    DIFF {d}")
        tot.update(programs=res['programs'], verdict=res['verdict'], msg=res['msg'],
                   unsupported=unsup)
    out.append(f"TOTAL programs {tot['programs']} verdict {tot['verdict']} "
               f"verdict+msg {tot['msg']} unsupported {tot['unsupported']}")
    text = '\n'.join(out) + '\n'
    sys.stdout.write(text)
    if json_out:
        with open(json_out, 'w') as f:
            json.dump([{**r, 'unsupported': dict(r['unsupported'])} for r in results], f, indent=1)
    if baseline:
        try:
            base_text = open(baseline).read()
        except OSError as e:
            print(f"topic_agreement: cannot read baseline '{baseline}': {e.strerror}", file=sys.stderr)
            return 2
        bad = below_baseline(base_text, text, only)
        for b in bad:
            print(f"BELOW BASELINE {b}")
        return 1 if bad else 0
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
