#!/usr/bin/env python3
"""Full-build and rebuild speed and memory of Morsel beside Hugo on the same lessons (issue 16).

For each size N, writes both flavours of the synthetic corpus (bench/make_corpus.py: the
same lesson texts, each tool's own conventions), then builds each RUNS times, alternating
Hugo and Morsel so that a busy moment of the machine falls on both, and measures each
build's wall time, CPU time (user + system) and peak resident memory (from wait4's rusage
of the build process). Writes bench/build/README.md: the machine, the medians, the ratios
(Hugo / Morsel: above 1 means Morsel is faster) and the output sizes (Morsel's site
without its search index and single-file editions, the index, the single files; Hugo's
public/). Then the rebuilds, alternating too: Morsel with its build cache and nothing
changed, and after one lesson's edit (a sentence appended to a different lesson each run,
the same lesson in both corpora), beside Hugo building the same edit with its public/
kept; the edited lessons are put back afterwards.

    bench/build/run.py [--sizes 1000,5000,20000] [--runs 3] [--work /tmp/morsel-build-bench]
                       [--morsel build/bin/morsel] [--readme bench/build/README.md]

Needs python3 and hugo (Debian's `hugo` package); not part of ctest.
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def measure(argv, cwd=None, summary=False):
    """Runs argv; returns (wall s, cpu s, peak RSS MiB), and with `summary` the files
    Morsel's summary line says it wrote. Fails loudly on a failed build."""
    start = time.monotonic()
    stdout = tempfile.TemporaryFile() if summary else subprocess.DEVNULL
    proc = subprocess.Popen(argv, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(argv)}\n{err.decode(errors='replace')}")
    result = (wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
    if summary:
        stdout.seek(0)
        written = re.search(r"\((\d+) of (\d+) files written", stdout.read().decode())
        result += (int(written.group(1)) if written else -1,)
    return result


def edit_lessons(src, runs):
    """The lessons a run edits: spread over the corpus, the same paths in both flavours."""
    lessons = []
    for folder, _, names in os.walk(os.path.join(src, "content")):
        lessons += [os.path.relpath(os.path.join(folder, n), src) for n in names if n.startswith("lesson-")]
    lessons.sort()
    return [lessons[(k * 7919) % len(lessons)] for k in range(runs)]


def append(path, text):
    with open(path, "a") as f:
        f.write(text)


def rebuilds(n, runs, hugo_src, morsel_src, hugo_out, morsel_out):
    """Morsel's cached rebuilds (nothing changed; one lesson edited) beside Hugo's rebuild of
    the same edit; medians of (wall, CPU, peak) and of the files Morsel wrote."""
    morsel_cmd = [MORSEL, "build", os.path.join(morsel_src, "content"), "--out", morsel_out]
    hugo_cmd = ["hugo", "--quiet", "--source", hugo_src, "--destination", hugo_out]
    measure(morsel_cmd)  # the cache written, whatever the last clean run left
    same = []
    for run in range(runs):
        same.append(measure(morsel_cmd))
    edited = {"hugo": [], "morsel": [], "written": []}
    originals = {}
    sentence = "\nAn edited sentence, appended by the build benchmark to one lesson.\n"
    for run, rel in enumerate(edit_lessons(morsel_src, runs)):
        for src in (hugo_src, morsel_src):
            path = os.path.join(src, rel)
            if path not in originals:
                with open(path) as f:
                    originals[path] = f.read()
            append(path, sentence)
        for tool in (("hugo", "morsel") if run % 2 == 0 else ("morsel", "hugo")):
            if tool == "hugo":
                r = measure(hugo_cmd)
            else:
                r = measure(morsel_cmd, summary=True)
                edited["written"].append(r[3])
                r = r[:3]
            edited[tool].append(r)
            print(f"n={n} edit {run + 1} {tool}: {r[0]:.3f} s wall", flush=True)
    for path, text in originals.items():
        with open(path, "w") as f:
            f.write(text)
    measure(morsel_cmd)
    median = lambda xs: [statistics.median(x[i] for x in xs) for i in range(3)]
    return {"same": median(same), "edit": median(edited["morsel"]), "hugo_edit": median(edited["hugo"]),
            "written": statistics.median(edited["written"])}


def tree_bytes(path, skip=lambda rel: False):
    total = 0
    for folder, _, names in os.walk(path):
        for name in names:
            full = os.path.join(folder, name)
            if not skip(os.path.relpath(full, path)):
                total += os.path.getsize(full)
    return total


def corpus(work, n, flavor):
    out = os.path.join(work, f"{flavor}-{n}")
    if not os.path.isdir(out):
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "make_corpus.py"), "--out", out, "-n", str(n),
                        "--flavor", flavor], check=True, stdout=subprocess.DEVNULL)
    return out


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    morsel = subprocess.run([MORSEL, "--version"], capture_output=True, text=True).stdout.strip()
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB; {hugo}; {morsel}"


def table(head, rows):
    """A Markdown table, every column right-aligned."""
    return (["| " + " | ".join(head) + " |", "|" + " ---: |" * len(head)] +
            ["| " + " | ".join(row) + " |" for row in rows])


def mib(n):
    return f"{n / 2**20:.1f} MB"


def main():
    global MORSEL
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default="/tmp/morsel-build-bench")
    ap.add_argument("--morsel", default=os.path.join(ROOT, "build", "bin", "morsel"))
    ap.add_argument("--readme", default=os.path.join(ROOT, "bench", "build", "README.md"))
    a = ap.parse_args()
    MORSEL = os.path.abspath(a.morsel)
    if not shutil.which("hugo"):
        sys.exit("hugo is not installed: apt-get install hugo")
    os.makedirs(a.work, exist_ok=True)
    rows = []
    for n in [int(s) for s in a.sizes.split(",")]:
        hugo_src = corpus(a.work, n, "hugo")
        morsel_src = corpus(a.work, n, "morsel")
        hugo_out = os.path.join(a.work, f"hugo-{n}-public")
        morsel_out = os.path.join(a.work, f"morsel-{n}-site")
        results = {"hugo": [], "morsel": []}
        for run in range(a.runs):
            for tool in (("hugo", "morsel") if run % 2 == 0 else ("morsel", "hugo")):
                if tool == "hugo":
                    shutil.rmtree(hugo_out, ignore_errors=True)
                    r = measure(["hugo", "--quiet", "--source", hugo_src, "--destination", hugo_out])
                else:
                    # A clean build, as Hugo's: no output folder (nor build cache) left from
                    # the run before.
                    shutil.rmtree(morsel_out, ignore_errors=True)
                    if os.path.exists(morsel_out + ".morsel-cache"):
                        os.remove(morsel_out + ".morsel-cache")
                    r = measure([MORSEL, "build", os.path.join(morsel_src, "content"), "--out", morsel_out])
                results[tool].append(r)
                print(f"n={n} run {run + 1} {tool}: {r[0]:.2f} s wall, {r[1]:.2f} s CPU, {r[2]:.0f} MiB", flush=True)
        med = {t: [statistics.median(x[i] for x in results[t]) for i in range(3)] for t in results}
        search = os.path.join(morsel_out, "search")
        single = lambda rel: rel.endswith("-offline.html")
        rows.append({
            "n": n, "hugo": med["hugo"], "morsel": med["morsel"],
            "hugo_bytes": tree_bytes(hugo_out),
            "morsel_pages": tree_bytes(morsel_out, lambda rel: rel.startswith("search/") or single(rel)),
            "morsel_search": tree_bytes(search) if os.path.isdir(search) else 0,
            "morsel_single": tree_bytes(morsel_out, lambda rel: not single(rel)),
            "hugo_files": sum(len(f) for _, _, f in os.walk(hugo_out)),
            "morsel_files": sum(len(f) for _, _, f in os.walk(morsel_out)),
            "rebuild": rebuilds(n, a.runs, hugo_src, morsel_src, hugo_out, morsel_out),
        })
    lines = [
        "# Full builds: Morsel beside Hugo",
        "",
        "Written by `bench/build/run.py` (run it again to refresh; the corpus is "
        "`bench/make_corpus.py`, both flavours of the same lessons). Medians of "
        f"{a.runs} clean builds per tool (the output folder removed before each), alternating; Morsel with "
        "its default, one process per core. Peak memory is the largest process's (`wait4`); Morsel's "
        "second process is a fork whose pages are shared with the first until written. "
        "Ratio = Hugo / Morsel: above 1, Morsel is faster or "
        "smaller. Issue 16's targets: wall ratio ≥ 6, Morsel's peak memory ≤ 25 % of Hugo's, Morsel's "
        "site without its search index and single-file editions ≤ 1.5 × Hugo's output.",
        "",
        f"Machine: {machine()}.",
        "",
    ]
    lines += table(["lessons", "Hugo wall", "Morsel wall", "wall ratio", "Hugo CPU", "Morsel CPU", "Hugo peak",
                    "Morsel peak", "Morsel peak / Hugo's", "Hugo output", "Morsel pages", "pages / Hugo",
                    "search index", "single files", "Hugo files", "Morsel files"],
                   [[f"{r['n']:,}", f"{r['hugo'][0]:.2f} s", f"{r['morsel'][0]:.2f} s",
                     f"{r['hugo'][0] / r['morsel'][0]:.2f}", f"{r['hugo'][1]:.2f} s", f"{r['morsel'][1]:.2f} s",
                     f"{r['hugo'][2]:.0f} MiB", f"{r['morsel'][2]:.0f} MiB",
                     f"{100 * r['morsel'][2] / r['hugo'][2]:.0f} %", mib(r["hugo_bytes"]), mib(r["morsel_pages"]),
                     f"{r['morsel_pages'] / r['hugo_bytes']:.2f}", mib(r["morsel_search"]), mib(r["morsel_single"]),
                     f"{r['hugo_files']:,}", f"{r['morsel_files']:,}"] for r in rows])
    lines += [
        "",
        "## Rebuilds",
        "",
        f"Medians of {a.runs} runs. Morsel with its build cache beside the output folder "
        "(docs/authoring.md, `--no-cache`): a rebuild with nothing changed, and one after a "
        "sentence is appended to one lesson (a different lesson each run), beside Hugo building the "
        "same edit with its `public/` kept (Hugo has no cache between `hugo` runs; its watch mode, "
        "`hugo server`, is not measured here). Issue 16's targets: no change ≤ 5 % of a clean build; "
        "one lesson's edit at 20,000 lessons rebuilt and written in ≤ 50 ms.",
        "",
    ]
    lines += table(["lessons", "Morsel clean", "no change", "% of clean", "one lesson edited", "files written",
                    "Hugo, same edit", "edit ratio (Hugo / Morsel)"],
                   [[f"{r['n']:,}", f"{r['morsel'][0]:.2f} s", f"{r['rebuild']['same'][0]:.3f} s",
                     f"{100 * r['rebuild']['same'][0] / r['morsel'][0]:.1f} %", f"{r['rebuild']['edit'][0]:.2f} s",
                     f"{r['rebuild']['written']:,.0f} of {r['morsel_files']:,}", f"{r['rebuild']['hugo_edit'][0]:.2f} s",
                     f"{r['rebuild']['hugo_edit'][0] / r['rebuild']['edit'][0]:.2f}"] for r in rows])
    # The hand-written part: where the time goes and what would close the gap.
    analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis.md")
    if os.path.exists(analysis):
        with open(analysis) as f:
            lines += ["", f.read().rstrip()]
    with open(a.readme, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {a.readme}")


MORSEL = ""

if __name__ == "__main__":
    main()
