// Pins the Terraform AWS provider source that scripts/tofu/setup.sh builds (reduced to the
// service packages in services.txt). Nothing is compiled in this module: setup.sh resolves the
// module directory from it (checked against go.sum), copies the source and builds the copy with
// the provider's own go.mod/go.sum.
//
// The Go module proxy serves the provider only as this pseudo-version (commit 5f2286d6d836,
// 2026-06-02): its version/VERSION says 6.47.1, its CHANGELOG.md has "## 6.48.0 (Unreleased)"
// above "## 6.47.0 (May 27, 2026)".
module workout-pipeline/tools/aws-provider

go 1.26.3

require github.com/hashicorp/terraform-provider-aws v1.60.1-0.20260602190131-5f2286d6d836
