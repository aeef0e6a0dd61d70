#!/usr/bin/env bash
# wasm-toolchain.sh: install and drive the WebAssembly toolchain (see shared/TOOLCHAIN.md).
#
# rustup cannot add the wasm32-unknown-unknown target on these machines, so WebAssembly is
# built with Debian's second Rust (rustc-web, 1.9x) rebuilding std from rust-web-src
# (-Zbuild-std), linked by lld-22's wasm-ld. The wasm-bindgen CLI is built with rustup's
# cargo at exactly the version of the `wasm-bindgen` crate in Cargo.lock (pin it with `=`).
# Idempotent and quiet when everything is present; works as root on a fresh Debian 12.
#
# Usage (what the Makefile calls):
#   scripts/wasm-toolchain.sh [setup] [path/to/Cargo.lock]
#       Install what is missing: apt packages rustc-web cargo-web rust-web-src lld-22
#       (~25 s), a /usr/local/bin/rust-lld -> lld-22 link (Debian ships no rust-lld), and
#       wasm-bindgen-cli X into ~/.cargo/bin (~2.5 min). X is read from the given
#       Cargo.lock, default <repo root>/Cargo.lock (generated with rustup's cargo if absent).
#   scripts/wasm-toolchain.sh build <crate> <target-dir> [profile]
#       RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/bin/wasm-ld-22
#         /usr/bin/cargo build -p <crate>
#         --target wasm32-unknown-unknown --profile <profile> -Zbuild-std=std,panic_abort
#       profile defaults to "release". <target-dir> must not be the host build's target dir
#       (two compilers' artifacts must not be mixed), e.g. target/wasm. Prints the .wasm path.
#   scripts/wasm-toolchain.sh bindgen <crate> <target-dir> <out-dir> <nodejs|web|bundler> [profile]
#       wasm-bindgen --target <t> --out-dir <out-dir> on the built .wasm (for profiles other
#       than dev also --remove-name-section --remove-producers-section). Run `build` first.
#       WASM_OPT=1 also runs wasm-opt (apt package binaryen, 108) before wasm-bindgen: about
#       -4% raw but only -0.05% gzipped on a 0.5 MB module, so it is off by default.
#   scripts/wasm-toolchain.sh wasm-path <crate> <target-dir> [profile]
#       Print where `build` puts <crate>'s .wasm.
#
# Makefile sketch:
#   WASM_TARGET_DIR := target/wasm
#   wasm:
#   	scripts/wasm-toolchain.sh setup
#   	scripts/wasm-toolchain.sh build desier-wasm $(WASM_TARGET_DIR) wasm-release
#   	scripts/wasm-toolchain.sh bindgen desier-wasm $(WASM_TARGET_DIR) pkg/node nodejs wasm-release
#   	scripts/wasm-toolchain.sh bindgen desier-wasm $(WASM_TARGET_DIR) pkg/web web wasm-release
#
# Wasm profile that works (workspace Cargo.toml):
#   [profile.wasm-release]
#   inherits = "release"
#   opt-level = "z"
#   lto = true
#   codegen-units = 1
#   panic = "abort"
#   strip = false   # wasm-bindgen needs target_features; `bindgen` drops the names
#
# Environment: CARGO_HOME (default ~/.cargo) for rustup's cargo and the installed CLI;
# WASM_OPT=1 to run wasm-opt; WASM_OPT_FLAGS (default "-Oz").
set -euo pipefail

APT_PACKAGES=(rustc-web cargo-web rust-web-src lld-22)
CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
RUSTUP_CARGO="$CARGO_HOME/bin/cargo"
WASM_BINDGEN="$CARGO_HOME/bin/wasm-bindgen"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASM_TRIPLE=wasm32-unknown-unknown
# Debian's lld-22 has no `rust-lld` (rustc's default wasm linker name): use wasm-ld directly.
WASM_LD=/usr/bin/wasm-ld-22

die() { echo "wasm-toolchain: $*" >&2; exit 1; }

# Run a noisy command, showing its output only if it fails.
quietly() {
    local log
    log="$(mktemp)"
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "failed: $*"
    fi
    rm -f "$log"
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

apt_ready() {
    local pkg
    /usr/bin/rustc --version 2>/dev/null | grep -Eq '^rustc 1\.(9[0-9]|[1-9][0-9]{2,})\.' || return 1
    [ -x /usr/bin/cargo ] || return 1
    [ -d /usr/lib/rustlib/src/rust/library ] || return 1
    [ -x "$WASM_LD" ] || return 1
    for pkg in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || return 1
    done
}

ensure_apt() {
    apt_ready && return 0
    echo "wasm-toolchain: installing ${APT_PACKAGES[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    quietly as_root apt-get update -q
    quietly as_root apt-get install -y -q --no-install-recommends "${APT_PACKAGES[@]}"
    apt_ready || die "apt packages installed but /usr/bin/rustc, /usr/bin/cargo, $WASM_LD or the std source is still missing"
}

# For plain `cargo build --target wasm32-unknown-unknown` without our linker setting
# (e.g. by hand as in TOOLCHAIN.md), give rustc the `rust-lld` it looks for on PATH.
ensure_rust_lld() {
    command -v rust-lld >/dev/null 2>&1 && return 0
    as_root ln -sf /usr/bin/lld-22 /usr/local/bin/rust-lld
}

# Version of the wasm-bindgen crate in a Cargo.lock (exactly one entry expected).
lock_wasm_bindgen_version() {
    local lock="$1" versions
    versions="$(awk '
        /^\[\[package\]\]/ { name = "" }
        /^name = /         { name = $3 }
        /^version = / && name == "\"wasm-bindgen\"" { gsub(/"/, "", $3); print $3 }
    ' "$lock" | sort -u)"
    [ -n "$versions" ] || die "no wasm-bindgen package in $lock"
    [ "$(printf '%s\n' "$versions" | wc -l)" -eq 1 ] \
        || die "several wasm-bindgen versions in $lock: $(echo $versions); pin one with '='"
    printf '%s\n' "$versions"
}

ensure_wasm_bindgen_cli() {
    local lock="${1:-$REPO_ROOT/Cargo.lock}" want have
    if [ ! -f "$lock" ]; then
        [ "$lock" = "$REPO_ROOT/Cargo.lock" ] || die "no such file: $lock"
        [ -f "$REPO_ROOT/Cargo.toml" ] || die "no Cargo.lock or Cargo.toml at $REPO_ROOT"
        quietly env RUSTC="$CARGO_HOME/bin/rustc" "$RUSTUP_CARGO" generate-lockfile --manifest-path "$REPO_ROOT/Cargo.toml"
    fi
    want="$(lock_wasm_bindgen_version "$lock")"
    have="$("$WASM_BINDGEN" --version 2>/dev/null || true)"
    [ "$have" = "wasm-bindgen $want" ] && return 0
    [ -x "$RUSTUP_CARGO" ] || die "rustup's cargo not found at $RUSTUP_CARGO"
    echo "wasm-toolchain: installing wasm-bindgen-cli $want with rustup's cargo (a few minutes)" >&2
    # No --locked: the CLI's own lockfile references a yanked crate.
    quietly env -u RUSTC_BOOTSTRAP -u CARGO_TARGET_DIR -u CARGO_BUILD_TARGET RUSTC="$CARGO_HOME/bin/rustc" \
        "$RUSTUP_CARGO" install wasm-bindgen-cli --version "$want" --force
    have="$("$WASM_BINDGEN" --version 2>/dev/null || true)"
    [ "$have" = "wasm-bindgen $want" ] || die "installed wasm-bindgen reports '$have', wanted $want"
}

profile_dir() {
    case "$1" in
        dev) echo debug ;;
        *) echo "$1" ;;
    esac
}

wasm_path() {
    [ $# -ge 2 ] || die "usage: $0 wasm-path <crate> <target-dir> [profile]"
    local crate="$1" target_dir="$2" profile="${3:-release}"
    echo "$target_dir/$WASM_TRIPLE/$(profile_dir "$profile")/${crate//-/_}.wasm"
}

cmd_build() {
    [ $# -ge 2 ] || die "usage: $0 build <crate> <target-dir> [profile]"
    local crate="$1" target_dir="$2" profile="${3:-release}"
    ensure_apt
    (
        cd "$REPO_ROOT"
        RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
            CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$WASM_LD" \
            /usr/bin/cargo build --quiet -p "$crate" --target "$WASM_TRIPLE" \
            --profile "$profile" --target-dir "$target_dir" -Zbuild-std=std,panic_abort
    )
    local out
    out="$(wasm_path "$crate" "$target_dir" "$profile")"
    case "$out" in /*) ;; *) out="$REPO_ROOT/$out" ;; esac
    [ -f "$out" ] || die "build finished but $out is missing (is $crate a cdylib?)"
    echo "$out"
}

cmd_bindgen() {
    [ $# -ge 4 ] || die "usage: $0 bindgen <crate> <target-dir> <out-dir> <nodejs|web|bundler> [profile]"
    local crate="$1" target_dir="$2" out_dir="$3" target="$4" profile="${5:-release}" wasm tmp
    local flags=()
    ensure_wasm_bindgen_cli
    wasm="$(wasm_path "$crate" "$target_dir" "$profile")"
    case "$wasm" in /*) ;; *) wasm="$REPO_ROOT/$wasm" ;; esac
    [ -f "$wasm" ] || die "$wasm not found: run '$0 build $crate $target_dir $profile' first"
    # Keep `strip = false` in the wasm profile (wasm-bindgen reads the target_features
    # section) and drop the name/producers sections here instead: same size as strip = true.
    [ "$profile" = dev ] || flags+=(--remove-name-section --remove-producers-section)
    if [ "${WASM_OPT:-0}" = 1 ]; then
        command -v wasm-opt >/dev/null 2>&1 || die "WASM_OPT=1 but no wasm-opt (apt-get install binaryen)"
        # Debian's binaryen 108 mis-numbers wasm-bindgen's externref table when run on
        # wasm-bindgen's output (the module then fails to load), so optimise rustc's output
        # before wasm-bindgen. It needs the features rustc >= 1.87 emits enabled explicitly.
        tmp="$(mktemp -d)"
        # shellcheck disable=SC2086
        wasm-opt ${WASM_OPT_FLAGS:--Oz} --enable-bulk-memory --enable-sign-ext \
            --enable-mutable-globals --enable-nontrapping-float-to-int \
            --enable-reference-types --enable-multivalue "$wasm" -o "$tmp/$(basename "$wasm")"
        wasm="$tmp/$(basename "$wasm")"
    fi
    "$WASM_BINDGEN" --target "$target" "${flags[@]}" --out-dir "$out_dir" "$wasm"
    [ -z "${tmp:-}" ] || rm -rf "$tmp"
}

main() {
    local cmd="${1:-setup}"
    case "$cmd" in
        setup)
            shift $(( $# > 0 ? 1 : 0 ))
            ensure_apt
            ensure_rust_lld
            ensure_wasm_bindgen_cli "$@"
            ;;
        build) shift; cmd_build "$@" ;;
        bindgen) shift; cmd_bindgen "$@" ;;
        wasm-path) shift; wasm_path "$@" ;;
        *.lock) ensure_apt; ensure_rust_lld; ensure_wasm_bindgen_cli "$cmd" ;;
        -h|--help|help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' ;;
        *) die "unknown subcommand '$cmd' (setup | build | bindgen | wasm-path | help)" ;;
    esac
}

main "$@"
