#!/usr/bin/env bash
# Writes a content folder with one course, one module and N lessons (default 2000), each
# with a paragraph, a heading, a link to the next lesson and a one-question quiz: the input
# of the size measurements in docs/security.md ("Files and folders"). Usage:
#   scripts/scale-content.sh DIR [N]
#   /usr/bin/time -v build/bin/morsel build DIR/content --out DIR/site
set -euo pipefail
dir=${1:?usage: scripts/scale-content.sh DIR [N]}
n=${2:-2000}
content="$dir/content"
if [[ -e "$content" ]]; then
  echo "scale-content: '$content' exists; choose a new DIR" >&2
  exit 1
fi
mkdir -p "$content/course/module"
printf 'title: Scale\nid: scale\n' >"$content/site.yml"
printf -- '---\ntitle: Course\n---\nMany lessons.\n' >"$content/course/_index.md"
printf -- '---\ntitle: Module\n---\n' >"$content/course/module/_index.md"
for ((i = 1; i <= n; i++)); do
  next=$((i % n + 1))
  cat >"$content/course/module/lesson-$i.md" <<LESSON
---
title: Lesson $i
---
Lesson $i explains one idea in a few sentences of prose, enough words to index.

## Detail $i

See [the next lesson](lesson-$next.md) and [this detail](#detail-$i).

\`\`\`quiz
questions:
  - prompt: "Which is lesson $i?"
    options:
      - text: "Lesson $i"
        correct: true
      - text: "Another"
\`\`\`
LESSON
done
echo "scale-content: wrote $n lessons into $content"
