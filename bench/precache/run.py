#!/usr/bin/env python3
"""What a first visit downloads in the background for offline use (issue 17): the service
workers' precache lists of a built site (sw.js), as gzip -6 bytes per file (what a host
that compresses sends), for a first visit to the home page (the root worker's shell) and
to a lesson of each course (the shell, then that course's worker: the course's files; the
runtime and styles it copies from the shell's cache). With --whole, also what the single
list of every precached file came to before (the shell, every course and the search index).

    bench/precache/run.py site/            # after scripts/build.sh
"""
import gzip
import json
import os
import re
import sys


def gz(path):
    with open(path, 'rb') as f:
        return len(gzip.compress(f.read(), 6))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    site = args[0] if args else 'site'
    text = open(os.path.join(site, 'sw.js'), encoding='utf-8').read()
    config = json.loads(re.search(r'^var MORSEL_SW = (.*);$', text, re.M).group(1))

    def size(files):
        total, count = 0, 0
        for f in files:
            p = os.path.join(site, f)
            if os.path.isfile(p):
                total += gz(p)
                count += 1
        return total, count

    shell, shell_n = size(config['shell'])
    print(f'home page: shell {shell_n} files, {shell / 1024:.0f} KB gzip')
    for folder, files in sorted(config['courses'].items()):
        course, n = size(files)
        print(f'a lesson of {folder}: shell + {n} files, {(shell + course) / 1024:.0f} KB gzip')
    if '--whole' in sys.argv:
        everything = set(config['shell'])
        for files in config['courses'].values():
            everything.update(files)
        for dirpath, _, names in os.walk(os.path.join(site, 'search')):
            for n in names:
                rel = os.path.relpath(os.path.join(dirpath, n), site)
                if rel != os.path.join('search', 'index.html'):
                    everything.add(rel)
        whole, n = size(sorted(everything))
        print(f'the whole site as one list (before): {n} files, {whole / 1024:.0f} KB gzip')


if __name__ == '__main__':
    main()
