#!/usr/bin/env python3
"""How faithful is the simulator to the Linux 7.3 kernel, on the whole corpus?

    tools/faithfulness.py [--build BUILD] [--out DIR] [--baseline FILE]
                          [--write-baseline FILE] [-j N] [NAME...]

The corpus is every program veristep has a recorded kernel answer for:
the lessons and our own test programs (tests/golden/, `make goldens`) and
the kernel's selftests for our topics compiled from the 7.3 tree
(tests/faithfulness/kernel/corpus/*.json.gz, recorded by `make faithfulness`). Each
object is verified by the simulator at the level its answer was recorded
at, and every program is compared with the kernel on:

  verdict, error line, error insn, lab event stream, insns processed, and
  every level-2 state line ("N: ..." and "from X to Y" lines);

a program the simulator cannot judge (exit 2, or an unsupported verdict)
is counted as unsupported, by reason. A program the lab kernel refused
before its verifier ran (libbpf or the kernel's load checks: e.g. a program
type it is built without) is not compared unless the simulator refuses it
too, naming the same symbols. Lab events are compared where the
kernel's log is level 2 (the lab patch prints them only there), insns
processed where the kernel printed them. Writes DIR/report.txt, a
self-contained DIR/report.html with one table per topic and, for each
disagreement, the first diverging instruction with both sides' lines, and
DIR/figures.txt (the baseline format). Prints report.txt.

VERISTEP overrides the simulator binary (default BUILD/veristep).
--baseline FILE fails (exit 1) when any file or the total agrees less than
FILE says on any measure (the baseline only moves up: raise it with
--write-baseline). NAME limits the run to objects whose name contains it.
Exit 2 on bad usage or when there is nothing to compare.
"""
import collections
import gzip
import html
import json
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from goldenlib import (simulate, unjudged, libbpf_refusal_agrees, sim_reason,  # noqa: E402
                       compare_states, compare_preamble, compare_diag, field_diffs, events_comparable,
                       object_code_hash, level_of)

MEASURES = ('verdict', 'error', 'insn', 'events', 'processed', 'states')
# Extra counts, reported but not a program measure: the level-2 log before
# the walk ("func#", "topo_order", stack liveness, "Live regs"), compared
# line by line. figures.txt carries them ("preamble": level-2 programs whose
# preamble is identical, "pre_same": matching lines), so a baseline that
# has them gates them; one written before them has no entry, i.e. 0.
# The same for the "Verification failed:" block 7.3 prints after the error
# line ("diag": rejected programs whose block is identical, "diag_same":
# matching lines).
PREAMBLE_FIGURES = ('preamble', 'pre_same', 'diag', 'diag_same')
MEASURE_TITLES = {'verdict': 'verdict', 'error': 'error line', 'insn': 'error insn',
                  'events': 'lab events', 'processed': 'insns processed',
                  'states': 'all state lines'}

# Topic of a corpus file: the first pattern its name matches.
TOPICS = [
    ('linked lists', r'^linked_list'),
    ('rbtrees', r'^rbtree'),
    ('kptrs in maps', r'^(map_kptr|verifier_kptr$)'),
    ('local kptrs', r'^local_kptr'),
    ('refcounted kptrs', r'^refcounted_kptr'),
    ('task, cgroup and cpumask kfuncs', r'^(task_kfunc|cgrp_kfunc|cpumask|verifier_kfunc_prog_types$)'),
    ('RCU', r'^rcu_read_lock'),
    ('struct_ops', r'^struct_ops'),
    ('references and locks', r'^verifier_(ref_tracking|spin_lock)$'),
    ('core: open-coded iterators', r'^iters'),
    ('core: loops, calls and pruning', r'^verifier_(loops|cfg|iterating|bits_iter|may_goto|goto|global|'
     r'subprog|tailcall|call|search_pruning|precision|liveness|live_stack|jit_conv|stack_arg)'),
    ('core: scalars and ALU', r'^verifier_(and|bounds|const|div|sdiv|movsx|bswap|ldsx|mul|subreg|'
     r'masking|or_jmp32|reg_equal|regalloc|zext|linked_scalars|scalar_ids|int_ptr|jit|runtime_jit|'
     r'xadd|load_acquire|store_release)'),
    ('core: stack and spill/fill', r'^verifier_(basic_stack|raw_stack|spill_fill|stack_ptr|var_off|'
     r'direct_stack|uninit|private_stack|value_adj_spill|bpf_fastcall|leak_ptr|typedef)'),
    ('core: ctx and packets', r'^verifier_(ctx|direct_packet|xdp|meta_access|ld_ind|cgroup_skb|sock|'
     r'lwt|flow_keys|netfilter|btf_ctx|raw_tp|ptr_to_buf|mtu|cgroup_inv|lsm|set_retval|'
     r'btf_unreliable|vfs|default_trusted|btf_flex|bitfield)'),
    ('core: maps and memory', r'^verifier_(array|map|value|helper_value|prevent_map|cgroup_storage|'
     r'ringbuf|arena|percpu|jeq_infer|mem_size|unpriv)'),
    ('core: helpers and kfuncs', r'^verifier_'),
]


def topic_of(group, name):
    if group != 'selftests':
        return {'lessons': 'lessons', 'programs': "veristep's own programs"}[group]
    for title, rx in TOPICS:
        if re.search(rx, name):
            return title
    return 'other selftests'


def corpus(build, only):
    """[(group, name, golden path, object path)] of every recorded answer."""
    out = []
    roots = [('lessons', 'tests/golden/lessons', os.path.join(build, 'lessons')),
             ('programs', 'tests/golden/tests/progs', os.path.join(build, 'tests/progs')),
             ('selftests', 'tests/faithfulness/kernel/corpus', os.path.join(build, 'corpus'))]
    for group, gdir, odir in roots:
        for dirpath, _dirs, files in os.walk(gdir):
            for f in sorted(files):
                ext = next((x for x in ('.json', '.json.gz') if f.endswith(x)), None)
                if not ext:
                    continue
                rel = os.path.relpath(os.path.join(dirpath, f), gdir)[:-len(ext)]
                if only and not any(o in rel for o in only):
                    continue
                out.append((group, rel, os.path.join(dirpath, f), os.path.join(odir, rel + '.bpf.o')))
    return sorted(out)


def reason_key(text):
    """Unsupported reasons grouped: numbers and register names folded."""
    return re.sub(r'\d+', 'N', text)[:100]


def first_divergence(kl, sl, first):
    """What the report shows of a state-line divergence."""
    insn = None
    line = kl[first] if first < len(kl) else (sl[first] if first < len(sl) else '')
    m = re.match(r'^(\d+):', line)
    if m:
        insn = int(m.group(1))
    return {'index': first, 'insn': insn,
            'before': kl[max(0, first - 2):first],
            'kernel': kl[first] if first < len(kl) else '(log ends)',
            'sim': sl[first] if first < len(sl) else '(log ends)'}


def judge_object(veristep, entry):
    group, name, gpath, obj = entry
    res = {'group': group, 'name': name, 'topic': topic_of(group, name), 'programs': []}
    with (gzip.open if gpath.endswith('.gz') else open)(gpath, 'rt') as f:
        gold = json.load(f)
    res['kernel_build'] = gold.get('kernel_build')
    if not os.path.exists(obj):
        res['missing'] = f'object {obj} not built'
        return res
    want = gold.get('object_code_sha256')
    if want and want != object_code_hash(obj):
        # the kernel answered about other code (another compiler or
        # headers): comparing would measure nothing
        res['missing'] = f'{obj} is not the code the kernel answered about: re-record it (make faithfulness)'
        return res
    runs = simulate(veristep, obj, gold)
    for kp in gold['programs']:
        pr = {'name': kp['name']}
        res['programs'].append(pr)
        if unjudged(kp):
            pr['status'] = 'unjudged'
            continue
        r, sp = runs[kp['name']]
        if libbpf_refusal_agrees(kp, r, sp):
            pr.update(status='judged', **{m: True for m in MEASURES})
            continue
        if (kp.get('note') or '').startswith('never reached the verifier'):
            # the lab kernel refused it before its verifier ran (e.g. a
            # program type it is built without): nothing to compare with
            pr.update(status='kernel_refused', reason=kp['note'].splitlines()[0])
            continue
        if not sp and r.returncode not in (0, 1):
            pr.update(status='unsupported', reason=reason_key(sim_reason(r)))
            continue
        if not sp:
            pr.update(status='unsupported', reason='not in the simulator output')
            continue
        if sp.get('verdict') not in ('accepted', 'rejected'):
            pr.update(status='unsupported', reason=reason_key(sp.get('error') or sp.get('verdict') or '?'))
            continue
        kl, sl, same, first = compare_states(kp, sp)
        kproc = kp.get('insns_processed')
        pr.update(status='judged',
                  verdict=kp.get('verdict') == sp.get('verdict'),
                  error=kp.get('error') == sp.get('error'),
                  insn=kp.get('error_insn') == sp.get('error_insn'),
                  events=not events_comparable(kp) or (kp.get('events') or []) == (sp.get('events') or []),
                  processed=kproc is None or kproc == sp.get('insns_processed'),
                  states=first is None,
                  lines=len(kl), lines_same=same,
                  kernel_verdict=kp.get('verdict'))
        diffs = field_diffs(kp, sp)
        if kproc is not None and kproc != sp.get('insns_processed'):
            diffs.append(f"insns processed: kernel {kproc} sim {sp.get('insns_processed')}")
        if diffs:
            pr['diffs'] = diffs
        if first is not None:
            pr['divergence'] = first_divergence(kl, sl, first)
        cd = compare_diag(kp, sp)
        if cd:
            db, sb_, dsame = cd
            pr.update(diag_compared=True, diag=db == sb_, diag_lines=len(db), diag_same=dsame)
        if level_of(kp) == '2':
            pk, ps, psame = compare_preamble(kp, sp)
            pr.update(pre_compared=True, preamble=pk == ps, pre_lines=len(pk), pre_same=psame)
            if pk != ps:
                k = next((i for i, (a, b) in enumerate(zip(pk, ps)) if a != b), min(len(pk), len(ps)))
                pr['pre_divergence'] = {'index': k, 'kernel': pk[k] if k < len(pk) else '(preamble ends)',
                                        'sim': ps[k] if k < len(ps) else '(preamble ends)'}
    return res


def tally(objects):
    """Counter of every measure over the programs of @objects."""
    t = collections.Counter()
    for o in objects:
        if 'missing' in o:
            t['missing'] += 1
        for p in o['programs']:
            if p['status'] in ('unjudged', 'kernel_refused'):
                t[p['status']] += 1
                continue
            t['programs'] += 1
            if p['status'] == 'unsupported':
                t['unsupported'] += 1
                continue
            t['judged'] += 1
            for m in MEASURES:
                t[m] += bool(p.get(m))
            t['lines'] += p.get('lines', 0)
            t['lines_same'] += p.get('lines_same', 0)
            t['pre_progs'] += bool(p.get('pre_compared'))
            t['preamble'] += bool(p.get('preamble'))
            t['pre_lines'] += p.get('pre_lines', 0)
            t['pre_same'] += p.get('pre_same', 0)
            t['diag_progs'] += bool(p.get('diag_compared'))
            t['diag'] += bool(p.get('diag'))
            t['diag_lines'] += p.get('diag_lines', 0)
            t['diag_same'] += p.get('diag_same', 0)
    return t


def pct(a, b):
    return f'{100.0 * a / b:5.1f}%' if b else '    -'


def figures_text(results):
    """One line per object and a TOTAL line: the baseline format."""
    lines = []
    for o in results:
        t = tally([o])
        lines.append(f"{o['group']}/{o['name']} " +
                     ' '.join(f'{k} {t[k]}' for k in ('programs',) + MEASURES + PREAMBLE_FIGURES))
    t = tally(results)
    lines.append('TOTAL ' + ' '.join(f'{k} {t[k]}' for k in ('programs',) + MEASURES + ('lines_same',) +
                                     PREAMBLE_FIGURES))
    return '\n'.join(lines) + '\n'


def parse_figures(text):
    out = {}
    for line in text.splitlines():
        f = line.split()
        if len(f) >= 3 and len(f) % 2 == 1:
            out[f[0]] = {k: int(v) for k, v in zip(f[1::2], f[2::2])}
    return out


def below_baseline(base_text, now_text):
    base, now = parse_figures(base_text), parse_figures(now_text)
    bad = []
    for key, want in sorted(base.items()):
        have = now.get(key)
        if have is None:
            bad.append(f'{key}: not measured now')
            continue
        for k, v in want.items():
            if k != 'programs' and have.get(k, 0) < v:
                bad.append(f'{key}: {k} {have.get(k, 0)} < baseline {v}')
    return bad


def current_kernel_build():
    """The cache key of the kernel build of now, or None (not built)."""
    import subprocess
    r = subprocess.run(['kernel/build.sh', '--print-dir'], capture_output=True, text=True)
    return os.path.basename(os.path.dirname(r.stdout.strip())) if r.returncode == 0 else None


def text_report(results):
    out = []
    by_topic = collections.defaultdict(list)
    for o in results:
        by_topic[o['topic']].append(o)
    head = f"{'':38} {'progs':>5} {'unsup':>5} " + ' '.join(f'{m[:9]:>9}' for m in MEASURES)
    out.append('Agreement with the Linux 7.3 kernel (counts of programs the kernel judged)')
    out.append(head)
    for topic in topic_order(by_topic):
        t = tally(by_topic[topic])
        out.append(f'{topic[:38]:38} {t["programs"]:5} {t["unsupported"]:5} ' +
                   ' '.join(f'{t[m]:9}' for m in MEASURES))
    t = tally(results)
    out.append(f"{'TOTAL':38} {t['programs']:5} {t['unsupported']:5} " + ' '.join(f'{t[m]:9}' for m in MEASURES))
    out.append(f"{'  of programs':38} {'':5} {'':5} " + ' '.join(f'{pct(t[m], t["programs"]):>9}' for m in MEASURES))
    out.append(f"{'  of programs simulated':38} {'':5} {'':5} " + ' '.join(f'{pct(t[m], t["judged"]):>9}' for m in MEASURES))
    out.append(f"level-2 state lines: {t['lines_same']}/{t['lines']} ({pct(t['lines_same'], t['lines']).strip()}); "
               f"{t['unjudged']} programs the kernel never judged (libbpf stopped before them); "
               f"{t['kernel_refused']} the lab kernel refused before its verifier ran (not compared)")
    out.append(f"preamble lines: {t['pre_same']}/{t['pre_lines']} ({pct(t['pre_same'], t['pre_lines']).strip()}); "
               f"programs with an identical preamble: {t['preamble']}/{t['pre_progs']} "
               f"({pct(t['preamble'], t['pre_progs']).strip()} of the level-2 programs simulated)")
    out.append(f"diagnostics blocks: {t['diag']}/{t['diag_progs']} identical "
               f"({pct(t['diag'], t['diag_progs']).strip()} of the rejected programs whose kernel log has one); "
               f"lines {t['diag_same']}/{t['diag_lines']} ({pct(t['diag_same'], t['diag_lines']).strip()})")
    reasons = unsupported_reasons(results)
    if reasons:
        out.append('')
        out.append(f'unsupported by the simulator, by reason ({sum(reasons.values())} programs):')
        for why, n in reasons.most_common():
            out.append(f'  {n:5}  {why}')
    now = current_kernel_build()
    other = [o for o in results if o.get('kernel_build') and now and o['kernel_build'] != now]
    if other:
        out.append(f'NOTE: {len(other)} objects were answered by another kernel build than {now} '
                   f'(re-record them: make faithfulness)')
    missing = [o for o in results if 'missing' in o]
    for o in missing:
        out.append(f"MISSING {o['group']}/{o['name']}: {o['missing']}")
    return '\n'.join(out) + '\n'


def topic_order(by_topic):
    order = ['lessons', "veristep's own programs"] + [t for t, _ in TOPICS] + ['other selftests']
    return [t for t in order if t in by_topic]


def unsupported_reasons(results):
    c = collections.Counter()
    for o in results:
        for p in o['programs']:
            if p['status'] == 'unsupported':
                c[p['reason']] += 1
    return c


CSS = """body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}th{background:#f2f2f2}
.full{background:#e3f6e3}.part{background:#fff4d6}.low{background:#fde2e2}
pre{background:#f7f7f7;padding:6px;overflow-x:auto;margin:2px 0}code{font-size:12px}
details{margin:2px 0 2px 1em}summary{cursor:pointer}"""


def cell(a, b):
    if not b:
        return '<td>-</td>'
    cls = 'full' if a == b else ('part' if a >= 0.9 * b else 'low')
    return f'<td class="{cls}">{a}/{b}</td>'


def html_report(results, summary_text):
    e = html.escape
    out = ['<!doctype html><meta charset="utf-8"><title>veristep faithfulness</title>',
           f'<style>{CSS}</style><h1>veristep: simulator vs the Linux 7.3 kernel</h1>',
           f'<pre>{e(summary_text)}</pre>']
    by_topic = collections.defaultdict(list)
    for o in results:
        by_topic[o['topic']].append(o)
    for topic in topic_order(by_topic):
        out.append(f'<h2>{e(topic)}</h2><table><tr><th>file</th><th>programs</th><th>unsupported</th>' +
                   ''.join(f'<th>{MEASURE_TITLES[m]}</th>' for m in MEASURES) + '<th>state lines</th></tr>')
        for o in by_topic[topic]:
            t = tally([o])
            out.append(f"<tr><td>{e(o['name'])}</td><td>{t['programs']}</td><td>{t['unsupported']}</td>" +
                       ''.join(cell(t[m], t['programs']) for m in MEASURES) +
                       cell(t['lines_same'], t['lines']) + '</tr>')
        out.append('</table>')
        for o in by_topic[topic]:
            for p in o['programs']:
                detail = program_detail(p)
                if detail:
                    out.append(f"<details><summary>{e(o['name'])}/{e(p['name'])}: {e(detail[0])}</summary>"
                               f"{detail[1]}</details>")
    out.append('</html>')
    return '\n'.join(out) + '\n'


def program_detail(p):
    """(summary, html body) for a program that does not fully agree."""
    e = html.escape
    if p['status'] == 'unsupported':
        return ('unsupported', f"<pre>{e(p['reason'])}</pre>")
    if p['status'] == 'kernel_refused':
        return ('not compared: the lab kernel refused it before verifying', f"<pre>{e(p['reason'])}</pre>")
    pre = p.get('pre_divergence')
    if p['status'] != 'judged' or (all(p.get(m) for m in MEASURES) and not pre):
        return None
    what = [MEASURE_TITLES[m] for m in MEASURES if not p.get(m)] + (['preamble'] if pre else [])
    body = ''.join(f'<pre>{e(d)}</pre>' for d in p.get('diffs', []))
    d = p.get('divergence')
    if d:
        ctx = ''.join(f'  {e(x)}\n' for x in d['before'])
        body += (f"<p>first diverging state line #{d['index']}" +
                 (f" (insn {d['insn']})" if d['insn'] is not None else '') + '</p>' +
                 f"<pre>{ctx}kernel: {e(d['kernel'])}\nsim:    {e(d['sim'])}</pre>")
    if pre:
        body += (f"<p>first diverging preamble line #{pre['index']}</p>"
                 f"<pre>kernel: {e(pre['kernel'])}\nsim:    {e(pre['sim'])}</pre>")
    return ('differs on ' + ', '.join(what), body)


def main(argv):
    build, out_dir, baseline, write_baseline, jobs = 'build', None, None, None, 2
    only = []
    it = iter(argv)
    for a in it:
        try:
            if a == '--build':
                build = next(it)
            elif a == '--out':
                out_dir = next(it)
            elif a == '--baseline':
                baseline = next(it)
            elif a == '--write-baseline':
                write_baseline = next(it)
            elif a == '-j':
                jobs = int(next(it))
            elif a in ('-h', '--help'):
                print(__doc__.strip())
                return 0
            elif a.startswith('-'):
                print(f"faithfulness: unknown option '{a}' (see --help)", file=sys.stderr)
                return 2
            else:
                only.append(a)
        except (StopIteration, ValueError):
            print(f"faithfulness: option '{a}' needs a value", file=sys.stderr)
            return 2
    veristep = os.environ.get('VERISTEP') or os.path.join(build, 'veristep')
    if not os.access(veristep, os.X_OK):
        print(f"faithfulness: '{veristep}' is not built (make all)", file=sys.stderr)
        return 2
    entries = corpus(build, only)
    if not entries:
        print('faithfulness: no recorded kernel answers (make faithfulness records them)', file=sys.stderr)
        return 2
    out_dir = out_dir or os.path.join(build, 'faithfulness')
    os.makedirs(out_dir, exist_ok=True)
    done = [0]

    def one(entry):
        r = judge_object(veristep, entry)
        done[0] += 1
        if sys.stderr.isatty():
            print(f'\r{done[0]}/{len(entries)} objects', end='', file=sys.stderr, flush=True)
        return r
    with ThreadPoolExecutor(max_workers=jobs) as ex:
        results = list(ex.map(one, entries))
    if sys.stderr.isatty():
        print(file=sys.stderr)
    summary = text_report(results)
    figures = figures_text(results)
    write(os.path.join(out_dir, 'report.txt'), summary)
    write(os.path.join(out_dir, 'figures.txt'), figures)
    write(os.path.join(out_dir, 'report.html'), html_report(results, summary))
    write(os.path.join(out_dir, 'report.json'), json.dumps(results, indent=1) + '\n')
    sys.stdout.write(summary)
    print(f'report: {out_dir}/report.html, {out_dir}/report.txt')
    if write_baseline:
        write(write_baseline, figures)
    if baseline:
        try:
            base_text = open(baseline).read()
        except OSError as err:
            print(f"faithfulness: cannot read baseline '{baseline}': {err.strerror}", file=sys.stderr)
            return 2
        bad = below_baseline(base_text, figures)
        for b in bad:
            print(f'BELOW BASELINE {b}')
        if bad:
            return 1
        print(f'faithfulness: at or above the baseline {baseline}')
    return 0


def write(path, text):
    """Whole file or nothing: a report is never left half-written."""
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write(text)
    os.replace(tmp, path)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
