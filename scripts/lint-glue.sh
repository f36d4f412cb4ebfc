#!/usr/bin/env bash
# The glue (runtime/web/*.js) paints the core's view and holds no rule: it never reads the
# learner-state document's fields. It may pass the whole document to the core, store it and
# export it; anything it shows comes from a core call (docs/runtime.md, the view contract).
# Fails listing every line that reads a field.
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
report() { echo "lint-glue: $*"; fail=1; }

# 1. A member of the state variable itself: state.x, state[x], api.state().x.
while IFS= read -r line; do
  report "reads the state document directly (ask the core for a view): $line"
done < <(grep -nE '(^|[^.[:alnum:]_$])state[[:space:]]*(\(\))?[[:space:]]*(\.|\[)' runtime/web/*.js)

# 2. Fields that exist only inside the state document (docs/runtime.md, "What is stored"),
#    whatever the variable holding them is called.
fields='attempts|stale|dropped|hint_used|reconfirm|reopened_at|last_visit|schema|best|fp'
while IFS= read -r line; do
  report "reads a field of the state document (ask the core for a view): $line"
done < <(grep -nE "\.($fields)([^[:alnum:]_]|\$)|\[['\"]($fields)['\"]\]" runtime/web/*.js)

exit $fail
