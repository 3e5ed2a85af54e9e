#!/usr/bin/env bash
# Static security checks, each a real run that fails on findings:
#   checkov   on every synthesized cdktf stack (skips listed with reasons in .checkov.yaml)
#   actionlint and zizmor on .github/workflows (zizmor ignores, if any, in .github/zizmor.yml)
#   hadolint  on every Dockerfile (ignores, if any, in .hadolint.yaml)
# Tools come from ./.venv (npm run venv). Exits non-zero if any check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=".venv/bin"
failed=()

section() { printf '\n== %s\n' "$1"; }

section "actionlint (.github/workflows)"
if "$BIN/actionlint" -no-color -shellcheck "$BIN/shellcheck"; then echo "actionlint: no findings"; else failed+=(actionlint); fi

section "zizmor (.github: workflows and dependabot)"
# --offline: no GitHub API calls (CI has no network but the package registries).
if "$BIN/zizmor" --offline --no-progress --config .github/zizmor.yml .github; then :; else failed+=(zizmor); fi

section "hadolint (Dockerfiles)"
mapfile -t dockerfiles < <(git ls-files --cached --others --exclude-standard -- '*Dockerfile' '*Dockerfile.*')
if [[ ${#dockerfiles[@]} -eq 0 ]]; then
  echo "hadolint: no Dockerfile in the repository yet"
else
  config=()
  [[ -f .hadolint.yaml ]] && config=(--config .hadolint.yaml)
  if "$BIN/hadolint" "${config[@]}" "${dockerfiles[@]}"; then echo "hadolint: no findings in ${dockerfiles[*]}"; else failed+=(hadolint); fi
fi

section "checkov (synthesized cdktf stacks)"
if [[ ! -f cdktf.json ]]; then
  echo "checkov: no cdktf app in the repository yet"
else
  # Synth every stack; the placeholder image and repository are allowed here only (see
  # docs/infrastructure.md): the checks are about the resources, not the image.
  synth_log="$(mktemp)"
  if ! SYNTH_ALLOW_PLACEHOLDERS=true npm run -s synth >"$synth_log" 2>&1; then
    cat "$synth_log"
    failed+=(synth)
  else
    for stack in cdktf.out/stacks/*/; do
      echo "-- ${stack}"
      if ! "$BIN/checkov" --config-file .checkov.yaml --quiet --compact --file "${stack}cdk.tf.json" --framework terraform_json; then
        failed+=("checkov:$(basename "$stack")")
      fi
    done
  fi
fi

echo
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "check:security FAILED: ${failed[*]}"
  exit 1
fi
echo "check:security: all checks passed"
