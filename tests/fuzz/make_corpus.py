#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target (tests/fuzz/corpus/<target>/) from the demo
content, the test fixtures and the theme, plus a few hand-written states and queries. Run
from anywhere; it replaces the corpus folders. Parts of one input are separated by
"\\n--8<--\\n" lines (tests/fuzz/fuzz_input.h)."""
import hashlib
import json
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/fuzz/corpus"
SEP = "\n--8<--\n"
MAX = 4096  # libFuzzer's default -max_len: longer seeds are cut


def write(target, items):
    folder = CORPUS / target
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    seen = set()
    for item in items:
        data = item.encode() if isinstance(item, str) else item
        data = data[:MAX]
        name = hashlib.sha1(data).hexdigest()[:16]
        if name in seen:
            continue
        seen.add(name)
        (folder / name).write_bytes(data)
    print(f"{target}: {len(seen)} seeds")


def md_files():
    files = sorted((ROOT / "content").rglob("*.md"))
    files += sorted((ROOT / "tests/invalid").rglob("*.md"))
    files += sorted((ROOT / "tests/golden").rglob("content/**/*.md"))
    return files


def lessons():
    # The demo's shortest lessons, and every invalid-site lesson (one diagnostic each).
    demo = sorted((ROOT / "content").rglob("0*.md"), key=lambda p: p.stat().st_size)[:6]
    invalid = [p for p in sorted((ROOT / "tests/invalid").rglob("*.md")) if p.name != "_index.md"]
    return [p.read_bytes() for p in demo + invalid]


def blocks():
    out = []
    for path in md_files():
        text = path.read_text(errors="replace")
        for m in re.finditer(r"^```(quiz|scenario)\n(.*?)^```", text, re.S | re.M):
            out.append(m.group(2))
    return out


def yaml_seeds():
    out = [(ROOT / "content/site.yml").read_bytes(), (ROOT / "content/morsel.lock").read_bytes()[:MAX]]
    for path in sorted((ROOT / "tests").rglob("site.yml")):
        out.append(path.read_bytes())
    for path in md_files()[:40]:
        text = path.read_text(errors="replace")
        m = re.match(r"---\n.*?\n---\n", text, re.S)
        if m:
            out.append(m.group(0))
    out += ["---\ntitle: x\n", "\ufeff---\r\ntitle: \"a\\u00e9\"\r\n---\r\nbody", "a: [1, {b: c}]\nd: |\n  e\n"]
    return out


def runtime_blocks():
    # The page form of blocks (QuizToRuntime, ScenarioToRuntime), as docs/runtime.md shows it.
    quiz = {"id": "l:quiz-1", "mode": "check", "attempts": 2, "questions": [
        {"id": "q1", "type": "single", "prompt": "Pick", "options": [{"text": "a"}, {"text": "b"}],
         "key": {"salt": "s", "hash": "00"}}]}
    scenario = {"id": "l:case", "title": "Case", "start": "a", "nodes": [
        {"id": "a", "text": "Start", "choices": [{"text": "go", "target": "b", "score": 1, "feedback": "ok"}]},
        {"id": "b", "text": "End", "outcome": "good", "choices": []}]}
    return [json.dumps(quiz), json.dumps(scenario)]


def mustache_seeds():
    out = []
    data = json.dumps({"title": "T", "page": {"title": "<b>x</b>", "lessons": [{"title": "a", "url": "a.html"}]},
                       "site": {"title": "S", "footer_links": [{"url": "u", "text": "t"}]}, "n": 0, "list": [1, 2]})
    for path in sorted((ROOT / "themes/default/templates").glob("*.mustache")):
        text = path.read_text()
        if len(text) < 3000:
            out.append(text + SEP + data + SEP + "{{title}}")
    out += [
        "{{#list}}{{.}},{{/list}}{{^empty}}none{{/empty}}{{{raw}}}{{&raw}}{{! c }}" + SEP + data + SEP + "",
        "{{=<% %>=}}<%title%><%={{ }}=%>{{title}}" + SEP + data + SEP + "",
        "{{>p}}|{{<parent}}{{$b}}child{{/b}}{{/parent}}" + SEP + data + SEP + "[{{$b}}default{{/b}}]{{title}}",
        "{{a.b.c}}{{#a}}{{b.c}}{{/a}}" + SEP + '{"a": {"b": {"c": 1.5}}}' + SEP + "",
    ]
    return out


def states():
    schema1 = json.loads((ROOT / "tests/fuzz/seeds/schema1.json").read_text())
    schema2 = json.loads((ROOT / "tests/fuzz/seeds/schema2.json").read_text())
    out = [json.dumps(schema1), json.dumps(schema2), json.dumps(schema2) + SEP + json.dumps(schema1),
           json.dumps(schema2) + SEP + json.dumps(schema2).replace("1767225600000", "1767225700000"),
           '{"schema": 99, "learner": "x", "lessons": {}, "questions": {}}', '{"schema": 2, "learn', ""]
    return out


def imports():
    schema2 = json.loads((ROOT / "tests/fuzz/seeds/schema2.json").read_text())
    schema1 = json.loads((ROOT / "tests/fuzz/seeds/schema1.json").read_text())
    return [json.dumps({"morsel_progress": 1, "site": "demo", "exported": 1767225600000, "state": schema2}),
            json.dumps({"morsel_progress": 1, "site": "other", "state": schema2}),
            json.dumps({"morsel_progress": 1, "site": "demo", "state": schema1}),
            json.dumps(schema2), "[]", "{"]


def lms_states():
    # seeds/lms-*.txt are texts EncodeLmsState wrote for the target's course (lms_state_fuzz.cc)
    # from the states beside them; a state after the separator is encoded by the target.
    schema2 = (ROOT / "tests/fuzz/seeds/schema2.json").read_text()
    texts = [p.read_text().strip() for p in sorted((ROOT / "tests/fuzz/seeds").glob("lms-*.txt"))]
    return texts + [SEP + schema2, texts[0] + SEP + schema2, "", "ML1.", "ML1.AAAAAAAAAAAA"]


def queries():
    words = ["phish", "phishing emails", "password manag", "mfa ", "LINK attach", "\u00e9t\u00e9", "pass",
             "the and of", "x", "fi", "pass" + SEP + "phish 2 0 0\npass 1 1 A\n",
             "phi" + SEP + "" + SEP + "morsel-search 2\nlanguage fr\ndocs 3\nshard  0\n"]
    return words


if __name__ == "__main__":
    write("yaml", yaml_seeds())
    write("block", blocks() + runtime_blocks())
    write("lesson", lessons())
    write("mustache", mustache_seeds())
    write("state", states())
    write("import", imports())
    write("search_query", queries())
    write("lms_state", lms_states())
