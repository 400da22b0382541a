# Sourced by scripts/bench.sh, instructions.sh and time-diff.sh (not run on its own).
#
#   bench_exes MANIFEST NAME...   build the crate gxbg's bench targets NAME... of the workspace
#                                 at MANIFEST (`cargo bench --no-run`, release profile,
#                                 CARGO_TARGET_DIR respected) and print one line per target
#                                 built: its name, a space, its executable's path.
# cargo's own messages go to stderr. Prints nothing for a target that did not build.
bench_exes() {
    local manifest="$1"
    shift
    local args=() n
    for n in "$@"; do args+=(--bench "$n"); done
    cargo bench -p gxbg "${args[@]}" --no-run --message-format=json --manifest-path "$manifest" |
        python3 -c 'import json, sys
names = set(sys.argv[1:])
for l in sys.stdin:
    try: m = json.loads(l)
    except ValueError: continue
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] in names:
        print(m["target"]["name"], m["executable"])' "$@"
}

# The executable of bench target NAME in bench_exes' output (read on stdin).
bench_exe_of() {
    awk -v n="$1" '$1 == n { sub(/^[^ ]+ /, ""); print }'
}
