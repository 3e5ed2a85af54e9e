#!/usr/bin/env bash
# npm run tofu:setup [-- --verify]
#
# Builds OpenTofu and a reduced Terraform AWS provider from the Go module proxy (no release
# downloads, no provider registry), into a cache reused on the next run, and writes a filesystem
# provider mirror plus a CLI config so that `tofu init` works offline on cdktf.out/stacks/*.
#
#   tools/opentofu/        wrapper module pinning github.com/opentofu/opentofu (and its hcl replace)
#   tools/aws-provider/    go.mod pinning github.com/hashicorp/terraform-provider-aws, services.txt
#
# Cache (WORKOUT_TOOLS_CACHE, default ~/.cache/workout-pipeline):
#   opentofu/<tofu version>/bin/tofu
#   aws-provider/<module version>_<mirror version>_<os>_<arch>_<services hash>_<recipe>/
#       mirror/<host>/hashicorp/aws/<mirror version>/<os>_<arch>/terraform-provider-aws_v<mirror version>
#   tofurc       CLI config (TF_CLI_CONFIG_FILE): aws from the mirror only, anything else direct
#   tools.json   {tofu, tofuVersion, providerVersion, providerCommit, cliConfig, mirror}
# Every build runs in <cache>/tmp and is moved into place only when it succeeded, so an interrupted
# build never counts as a warm cache.
#
# After the builds it synthesizes every stack into a scratch dir and runs
# scripts/tofu/check-services.ts (each resource/data type must be served by the reduced provider).
# --verify: also `tofu init` (offline) + `tofu validate` on a scratch copy of each synthesized stack,
# with the required aws version rewritten to the mirror version in the copy only.
#
# Progress goes to stderr; the env lines a caller needs (KEY=value) are the only stdout, so
# `npm run -s tofu:setup >> "$GITHUB_ENV"` works.
set -euo pipefail

# The version the built provider is published as in the mirror (and stamped into the binary).
# Stacks must require exactly this version to use it; see tools/aws-provider/go.mod for why.
PROVIDER_MIRROR_VERSION="6.47.0"

# Part of the provider cache key: bump it when the way setup.sh cuts or builds the provider changes.
PROVIDER_RECIPE="r2"

TOFU_MODULE="github.com/opentofu/opentofu"
PROVIDER_MODULE="github.com/hashicorp/terraform-provider-aws"
MIRROR_HOSTS=(registry.opentofu.org registry.terraform.io)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOFU_TOOLS="$ROOT/tools/opentofu"
PROVIDER_TOOLS="$ROOT/tools/aws-provider"
SERVICES_FILE="$PROVIDER_TOOLS/services.txt"
CACHE="${WORKOUT_TOOLS_CACHE:-$HOME/.cache/workout-pipeline}"

log() { printf '[tofu:setup] %s\n' "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

VERIFY=false
for arg in "$@"; do
  case "$arg" in
  --verify) VERIFY=true ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 0
    ;;
  *) die "unknown argument: $arg (known: --verify)" ;;
  esac
done

command -v go >/dev/null || die "go is not on PATH (Go >= 1.26.6 builds OpenTofu $TOFU_MODULE)"
command -v node >/dev/null || die "node is not on PATH"

# Reproducible, offline-friendly Go settings: never switch toolchains, never edit go.mod/go.sum,
# no VCS stamping (the provider copy has no .git; the wrappers live inside this repository).
export GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false" CGO_ENABLED=0
GOOS="$(go env GOOS)"
GOARCH="$(go env GOARCH)"
PLATFORM="${GOOS}_${GOARCH}"
GO_VERSION="$(go env GOVERSION)"

# ---------------------------------------------------------------------------------------------
# timed LABEL CMD...: runs CMD, logs wall time, CPU time (user+sys of CMD and its children) and,
# where GNU time exists, peak RSS of the largest process; leaves them in TIMED_* for build.json.
timed() {
  local label="$1"
  shift
  local tf
  tf="$(mktemp "$CACHE/tmp/time.XXXXXX")"
  local rc=0
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" || rc=$?
  else
    local TIMEFORMAT='%R %U %S -'
    { time "$@" 2>&3; } 3>&2 2>"$tf" || rc=$?
  fi
  if ((rc != 0)); then
    rm -f "$tf"
    die "$label failed (exit $rc)"
  fi
  # GNU time may prefix a "Command exited with non-zero status" line; the numbers are the last line.
  read -r TIMED_WALL TIMED_USER TIMED_SYS TIMED_RSS_KB < <(tail -n 1 "$tf")
  rm -f "$tf"
  TIMED_CPU="$(awk -v u="$TIMED_USER" -v s="$TIMED_SYS" 'BEGIN { printf "%.1f", u + s }')"
  local rss=""
  if [[ "$TIMED_RSS_KB" != "-" ]]; then
    rss=", peak RSS $(awk -v k="$TIMED_RSS_KB" 'BEGIN { printf "%.2f GB", k / 1048576 }')"
  else
    TIMED_RSS_KB=null
  fi
  log "$label: ${TIMED_WALL}s wall, ${TIMED_CPU}s CPU$rss"
}

size_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }

json_string() { node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$1"; }

# ---------------------------------------------------------------------------------------------
mkdir -p "$CACHE/tmp"
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  log "another tofu:setup holds $CACHE/.lock; waiting"
  flock 9
fi
# Under the lock nobody else is building: whatever is left in tmp/ is from an interrupted run.
rm -rf "${CACHE:?}/tmp/"* 2>/dev/null || true
WORK="$(mktemp -d "$CACHE/tmp/run.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

SETUP_START=$SECONDS

# ---------------------------------------------------------------------------------------------
# OpenTofu
TOFU_VERSION="$(cd "$TOFU_TOOLS" && go list -m -f '{{.Version}}' "$TOFU_MODULE")"
TOFU_DIR="$CACHE/opentofu/$TOFU_VERSION"
TOFU_BIN="$TOFU_DIR/bin/tofu"

if [[ -f "$TOFU_DIR/build.json" && -x "$TOFU_BIN" ]]; then
  log "OpenTofu $TOFU_VERSION: reused cache at $TOFU_DIR"
else
  log "OpenTofu $TOFU_VERSION: building $TOFU_MODULE/cmd/tofu from tools/opentofu (about 11 CPU-minutes cold)"
  tmp="$(mktemp -d "$CACHE/tmp/opentofu-$TOFU_VERSION.XXXXXX")"
  chmod 755 "$tmp"
  (cd "$TOFU_TOOLS" && timed "OpenTofu $TOFU_VERSION: module download" go mod download)
  # Release builds set version.dev=no (see the module's .goreleaser.yaml); without it the
  # binary calls itself "<version>-dev".
  cd "$TOFU_TOOLS"
  timed "OpenTofu $TOFU_VERSION: go build" go build -trimpath \
    -ldflags "-s -w -X '$TOFU_MODULE/version.dev=no'" -o "$tmp/bin/tofu" "$TOFU_MODULE/cmd/tofu"
  cd "$ROOT"
  # An empty CLI config: whatever TF_CLI_CONFIG_FILE says in the caller's environment, even a
  # missing file, must not matter to this check.
  : >"$WORK/empty.tfrc"
  reported="$(TF_CLI_CONFIG_FILE="$WORK/empty.tfrc" "$tmp/bin/tofu" version -json |
    node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).terraform_version)')"
  [[ "v$reported" == "$TOFU_VERSION" ]] || die "built tofu reports version '$reported', want '${TOFU_VERSION#v}'"
  cat >"$tmp/build.json" <<EOF
{"module": "$TOFU_MODULE", "version": "$TOFU_VERSION", "go": "$GO_VERSION", "platform": "$PLATFORM",
 "builtAt": "$(date -u +%FT%TZ)", "wallSeconds": $TIMED_WALL, "cpuSeconds": $TIMED_CPU,
 "maxRssKB": $TIMED_RSS_KB, "sizeBytes": $(stat -c %s "$tmp/bin/tofu")}
EOF
  rm -rf "$TOFU_DIR"
  mkdir -p "$(dirname "$TOFU_DIR")"
  mv -T "$tmp" "$TOFU_DIR"
  log "OpenTofu $TOFU_VERSION: $(size_mb "$TOFU_BIN") at $TOFU_BIN"
fi

# ---------------------------------------------------------------------------------------------
# AWS provider, reduced to the service packages in services.txt
PROVIDER_MODVER="$(cd "$PROVIDER_TOOLS" && go list -m -f '{{.Version}}' "$PROVIDER_MODULE")"
# A pseudo-version ends in the 12-hex commit; a tagged version names no commit here.
PROVIDER_COMMIT=""
if [[ "$PROVIDER_MODVER" =~ [.-][0-9]{14}-([0-9a-f]{12})$ ]]; then PROVIDER_COMMIT="${BASH_REMATCH[1]}"; fi

mapfile -t SERVICES < <(sed 's/#.*//' "$SERVICES_FILE" | awk 'NF { print $1 }' | sort)
((${#SERVICES[@]} > 0)) || die "$SERVICES_FILE lists no service package"
for s in "${SERVICES[@]}"; do
  [[ "$s" =~ ^[a-z0-9]+$ ]] || die "$SERVICES_FILE: '$s' is not a service package name (internal/service/<name>)"
done
dups="$(printf '%s\n' "${SERVICES[@]}" | uniq -d)"
[[ -z "$dups" ]] || die "$SERVICES_FILE lists more than once: $dups"
# The key hashes the package list, not the comments: editing a comment rebuilds nothing.
SERVICES_HASH="$(printf '%s\n' "${SERVICES[@]}" | sha256sum | cut -c1-12)"
PROVIDER_KEY="${PROVIDER_MODVER}_${PROVIDER_MIRROR_VERSION}_${PLATFORM}_${SERVICES_HASH}_${PROVIDER_RECIPE}"
PROVIDER_DIR="$CACHE/aws-provider/$PROVIDER_KEY"
PROVIDER_FILE="terraform-provider-aws_v$PROVIDER_MIRROR_VERSION"
MIRROR="$PROVIDER_DIR/mirror"
PROVIDER_BIN="$MIRROR/${MIRROR_HOSTS[0]}/hashicorp/aws/$PROVIDER_MIRROR_VERSION/$PLATFORM/$PROVIDER_FILE"

if [[ -f "$PROVIDER_DIR/build.json" && -x "$PROVIDER_BIN" ]]; then
  log "AWS provider $PROVIDER_MIRROR_VERSION ($PROVIDER_MODVER, ${#SERVICES[@]} services): reused cache at $PROVIDER_DIR"
else
  log "AWS provider $PROVIDER_MIRROR_VERSION: building $PROVIDER_MODULE@$PROVIDER_MODVER with ${#SERVICES[@]} service packages: ${SERVICES[*]}"
  tmp="$(mktemp -d "$CACHE/tmp/aws-provider-$PROVIDER_KEY.XXXXXX")"
  chmod 755 "$tmp"
  # Resolves the pinned module (downloading it if needed) and checks it against tools/aws-provider/go.sum.
  module_dir="$(cd "$PROVIDER_TOOLS" && go mod download -json "$PROVIDER_MODULE" |
    node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8")); if (m.Error) { console.error(m.Error); process.exit(1); } process.stdout.write(m.Dir);')"
  [[ -d "$module_dir/internal/service" ]] || die "no provider source at '$module_dir'"

  # The module cache copy is read-only: build a writable copy.
  src="$tmp/src"
  timed "AWS provider: copy module source" cp -R "$module_dir" "$src"
  chmod -R u+w "$src"

  registry="$src/internal/provider/sdkv2/service_packages_gen.go"
  [[ -f "$registry" ]] || die "provider source has no $registry (the generated service package registry moved?)"
  for s in "${SERVICES[@]}"; do
    [[ -f "$src/internal/service/$s/service_package_gen.go" ]] ||
      die "$SERVICES_FILE: '$s' is no service package of $PROVIDER_MODULE@$PROVIDER_MODVER (no internal/service/$s/service_package_gen.go)"
  done
  all_count="$(grep -cE '^[[:space:]]+[a-z0-9]+\.ServicePackage\(ctx\),$' "$registry")"
  awk -v keep="${SERVICES[*]}" '
    BEGIN { n = split(keep, a, " "); for (i = 1; i <= n; i++) k[a[i]] = 1 }
    /^\t"github\.com\/hashicorp\/terraform-provider-aws\/internal\/service\/[a-z0-9]+"$/ {
      s = $0; sub(/^.*\/service\//, "", s); sub(/"$/, "", s); if (s in k) print; next
    }
    /^\t\t[a-z0-9]+\.ServicePackage\(ctx\),$/ { s = $0; sub(/^\t\t/, "", s); sub(/\..*$/, "", s); if (s in k) print; next }
    { print }
  ' "$registry" >"$tmp/registry.go"
  kept_imports="$(grep -cE '^\s"github\.com/hashicorp/terraform-provider-aws/internal/service/' "$tmp/registry.go" || true)"
  kept_calls="$(grep -cE '^\s+[a-z0-9]+\.ServicePackage\(ctx\),$' "$tmp/registry.go" || true)"
  ((kept_imports == ${#SERVICES[@]} && kept_calls == ${#SERVICES[@]})) ||
    die "patching $registry kept $kept_imports imports and $kept_calls registrations, want ${#SERVICES[@]} of each (its format changed?)"
  mv "$tmp/registry.go" "$registry"
  gofmt -w "$registry"
  log "AWS provider: service package registry cut from $all_count to ${#SERVICES[@]} (internal/provider/sdkv2/service_packages_gen.go)"

  cd "$src"
  # Second cut: internal/conns/awsclient_gen.go gives AWSClient one <Name>Client(ctx) method per
  # AWS SDK service client, so it alone imports all ~260 SDK clients (most of the compile time,
  # link memory and binary size). Keep the methods that some package of the reduced build calls.
  clients="$src/internal/conns/awsclient_gen.go"
  [[ -f "$clients" ]] || die "provider source has no $clients (the generated client registry moved?)"
  # Loading the package graph downloads the modules it needs; "go: downloading" lines go to a log
  # (shown on failure). Every SDK client module is among them: the registry below imports them all.
  # shellcheck disable=SC2016 # expanded by the inner sh
  timed "AWS provider: module download" sh -c \
    'go list -deps -f "{{with .Module}}{{if eq .Path \"$1\"}}{{\$.Dir}}{{end}}{{end}}" . >"$2" 2>"$3" || { cat "$3" >&2; exit 1; }' \
    _ "$PROVIDER_MODULE" "$tmp/own-dirs.txt" "$tmp/download.log"
  log "AWS provider: $(grep -c '^go: downloading' "$tmp/download.log" || true) modules downloaded"
  while read -r dir; do
    find "$dir" -maxdepth 1 -name '*.go' ! -name '*_test.go' ! -path "$clients"
  done <"$tmp/own-dirs.txt" | xargs grep -ohE '\.[A-Z][A-Za-z0-9]*Client\b' | sed 's/^\.//' | sort -u >"$tmp/used-clients.txt"
  method_re='^func \(c \*AWSClient\) [A-Za-z0-9]+Client\(ctx context\.Context\) \*[a-z0-9]+\.Client \{$'
  all_clients="$(grep -cE "$method_re" "$clients")"
  # (The regex goes in through the environment: awk -v would process its backslashes.)
  METHOD_RE="$method_re" awk -v used_file="$tmp/used-clients.txt" '
    BEGIN { method_re = ENVIRON["METHOD_RE"]; while ((getline l < used_file) > 0) used[l] = 1 }
    # First read: the SDK packages of the methods that stay.
    FNR == NR {
      if ($0 ~ method_re) { m = $4; sub(/\(.*/, "", m); p = $0; sub(/^.*\) \*/, "", p); sub(/\.Client \{$/, "", p); if (m in used) keep[p] = 1 }
      next
    }
    /^\t"github\.com\/aws\/aws-sdk-go-v2\/service\/[a-z0-9]+"$/ { p = $0; sub(/^.*\//, "", p); sub(/"$/, "", p); if (p in keep) print; next }
    $0 ~ method_re { m = $4; sub(/\(.*/, "", m); if (!(m in used)) { skip = 3; next } }
    skip > 0 { skip--; next }
    { print }
  ' "$clients" "$clients" >"$tmp/clients.go"
  mv "$tmp/clients.go" "$clients"
  gofmt -w "$clients"
  kept_clients="$(grep -cE "$method_re" "$clients")"
  ((kept_clients > 0)) || die "cutting $clients kept no client method (its format changed?)"
  log "AWS provider: AWS SDK client registry cut from $all_clients to $kept_clients clients (internal/conns/awsclient_gen.go): $(grep -oE '^func \(c \*AWSClient\) [A-Za-z0-9]+Client' "$clients" | awk '{ print $4 }' | tr '\n' ' ')"
  rm -f "$tmp/own-dirs.txt" "$tmp/used-clients.txt"
  go list -deps -f '{{.ImportPath}}' . >"$tmp/deps.txt"
  compiled="$(grep -E "^$PROVIDER_MODULE/internal/service/[a-z0-9]+$" "$tmp/deps.txt" | sed 's#.*/##' | tr '\n' ' ')"
  log "AWS provider: compiles $(wc -w <<<"$compiled") internal/service packages (kept ones and what they import): $compiled"
  timed "AWS provider: go build" go build -trimpath \
    -ldflags "-s -w -X '$PROVIDER_MODULE/version.ProviderVersion=$PROVIDER_MIRROR_VERSION'" -o "$tmp/$PROVIDER_FILE" .
  cd "$ROOT"

  # Unpacked filesystem-mirror layout. The stacks say source "aws", which OpenTofu reads as
  # registry.opentofu.org/hashicorp/aws; registry.terraform.io/hashicorp/aws is there too for
  # configurations (or Terraform) that name that host. Hard links where possible.
  for host in "${MIRROR_HOSTS[@]}"; do
    dir="$tmp/mirror/$host/hashicorp/aws/$PROVIDER_MIRROR_VERSION/$PLATFORM"
    mkdir -p "$dir"
    ln "$tmp/$PROVIDER_FILE" "$dir/$PROVIDER_FILE" 2>/dev/null || cp "$tmp/$PROVIDER_FILE" "$dir/$PROVIDER_FILE"
  done
  size_bytes="$(stat -c %s "$tmp/$PROVIDER_FILE")"
  rm -f "$tmp/$PROVIDER_FILE" "$tmp/deps.txt" "$tmp/download.log"
  rm -rf "$src"
  printf '%s\n' "${SERVICES[@]}" >"$tmp/services.txt"
  cat >"$tmp/build.json" <<EOF
{"module": "$PROVIDER_MODULE", "version": "$PROVIDER_MODVER", "commit": "$PROVIDER_COMMIT",
 "mirrorVersion": "$PROVIDER_MIRROR_VERSION", "recipe": "$PROVIDER_RECIPE", "services": $(node -e 'process.stdout.write(JSON.stringify(process.argv.slice(1)))' "${SERVICES[@]}"),
 "go": "$GO_VERSION", "platform": "$PLATFORM", "builtAt": "$(date -u +%FT%TZ)",
 "wallSeconds": $TIMED_WALL, "cpuSeconds": $TIMED_CPU, "maxRssKB": $TIMED_RSS_KB, "sizeBytes": $size_bytes}
EOF
  rm -rf "$PROVIDER_DIR"
  mkdir -p "$(dirname "$PROVIDER_DIR")"
  mv -T "$tmp" "$PROVIDER_DIR"
  log "AWS provider $PROVIDER_MIRROR_VERSION: $(size_mb "$PROVIDER_BIN") at $PROVIDER_BIN"
fi

# ---------------------------------------------------------------------------------------------
# CLI config and tools.json (rewritten every run, atomically: they point at the current builds)
CLI_CONFIG="$CACHE/tofurc"
includes="$(printf '"%s/hashicorp/aws", ' "${MIRROR_HOSTS[@]}")"
includes="${includes%, }"
cat >"$WORK/tofurc" <<EOF
# Written by scripts/tofu/setup.sh: hashicorp/aws only from the local mirror (built from source),
# every other provider from its registry as usual.
provider_installation {
  filesystem_mirror {
    path    = $(json_string "$MIRROR")
    include = [$includes]
  }
  direct {
    exclude = [$includes]
  }
}
EOF
mv -f "$WORK/tofurc" "$CLI_CONFIG"

# shellcheck disable=SC2016 # JavaScript, not shell
node -e '
  const [file, tofu, tofuVersion, providerVersion, providerModuleVersion, providerCommit, cliConfig, mirror] = process.argv.slice(1);
  const out = { tofu, tofuVersion, providerVersion, providerModuleVersion, providerCommit, cliConfig, mirror };
  require("fs").writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
' "$WORK/tools.json" "$TOFU_BIN" "${TOFU_VERSION#v}" "$PROVIDER_MIRROR_VERSION" "$PROVIDER_MODVER" \
  "$PROVIDER_COMMIT" "$CLI_CONFIG" "$MIRROR"
mv -f "$WORK/tools.json" "$CACHE/tools.json"

# ---------------------------------------------------------------------------------------------
# Every stack, synthesized into a scratch dir (cdktf.out is left as it is): placeholders are
# fine, only the resource and data source types and the structure matter here.
SYNTH="$WORK/synth"
log "synthesizing every stack (npx tsx stacks/main.ts) into a scratch dir for the checks"
(cd "$ROOT" && env -u PIPELINE_ENV CDKTF_OUTDIR="$SYNTH" SYNTH_ALLOW_PLACEHOLDERS=true CHECKPOINT_DISABLE=1 \
  npx tsx stacks/main.ts >&2) || die "synth failed"

log "checking that the reduced provider serves every resource and data source type of the stacks"
(cd "$ROOT" && WORKOUT_TOOLS_CACHE="$CACHE" npx tsx scripts/tofu/check-services.ts --stacks "$SYNTH/stacks" >&2) ||
  die "the reduced provider lacks types the stacks use: add the service packages named above to $SERVICES_FILE"

# ---------------------------------------------------------------------------------------------
if [[ "$VERIFY" == true ]]; then
  log "--verify: offline tofu init + validate on a scratch copy of each stack (aws version rewritten to $PROVIDER_MIRROR_VERSION in the copy)"
  # Any attempt to reach the network fails fast: the proof is that nothing needs it.
  export HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 NO_PROXY=
  export TF_CLI_CONFIG_FILE="$CLI_CONFIG" TF_IN_AUTOMATION=1 TF_INPUT=0
  for stack_dir in "$SYNTH"/stacks/*/; do
    stack="$(basename "$stack_dir")"
    copy="$WORK/verify/$stack"
    mkdir -p "$copy"
    cp -R "$stack_dir." "$copy/"
    node -e '
      const fs = require("fs");
      const [file, version] = process.argv.slice(1);
      const tf = JSON.parse(fs.readFileSync(file, "utf8"));
      tf.terraform.required_providers.aws.version = version;
      fs.writeFileSync(file, JSON.stringify(tf, null, 2));
    ' "$copy/cdk.tf.json" "$PROVIDER_MIRROR_VERSION"
    # A local backend initializes offline; an S3 backend would need credentials and the bucket.
    backend_flag=()
    grep -q '"local"' <(node -e 'const tf = require(process.argv[1]); console.log(JSON.stringify(Object.keys(tf.terraform.backend ?? { local: 1 })))' "$copy/cdk.tf.json") ||
      backend_flag=(-backend=false)
    started=$SECONDS
    (cd "$copy" && "$TOFU_BIN" init -input=false -no-color "${backend_flag[@]}" >"$copy/init.log" 2>&1) ||
      {
        cat "$copy/init.log" >&2
        die "$stack: tofu init ${backend_flag[*]} failed"
      }
    (cd "$copy" && "$TOFU_BIN" validate -no-color >"$copy/validate.log" 2>&1) ||
      {
        cat "$copy/validate.log" >&2
        die "$stack: tofu validate failed"
      }
    log "$stack: tofu init ${backend_flag[*]:-(local backend)} + validate OK in $((SECONDS - started))s: $(grep -m1 'Installed hashicorp/aws\|Using previously' "$copy/init.log" | sed 's/^- //'); $(tr -d '\n' <"$copy/validate.log")"
  done
  log "lock file tofu init wrote ($stack):"
  sed 's/^/    /' "$copy/.terraform.lock.hcl" >&2
  unset HTTPS_PROXY HTTP_PROXY NO_PROXY
fi

log "done in $((SECONDS - SETUP_START))s"
printf 'TOFU_BIN=%s\nTF_CLI_CONFIG_FILE=%s\n' "$TOFU_BIN" "$CLI_CONFIG"
