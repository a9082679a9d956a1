#!/bin/sh
# Starts a Travaux server bundle with the memory settings it is measured and deployed with (README,
# "Configuration"): `serve.sh [node options...] <bundle> [arguments...]`, as `node` would take them.
#
# - jemalloc, when the system has it (Debian: the libjemalloc2 package) and TRAVAUX_JEMALLOC is not `off`:
#   glibc's malloc keeps what the server frees between its live allocations and never returns it, about
#   0.9 MiB per loaded document in the benchmark; jemalloc gives it back. TRAVAUX_JEMALLOC may also name the
#   library's file.
# - MALLOC_ARENA_MAX=1 (unless set) for glibc's malloc, when it is the one in use: one arena instead of one per
#   allocating thread, each keeping what it freed.
# - V8's --compact-on-every-full-gc: a full collection moves the live objects of every page that has free
#   space, instead of only the most fragmented pages, so that the freed pages go back to the system. Typing
#   leaves V8's old generation full of holes (Yjs items merged into their neighbours, the ropes of merged
#   strings): 20 conventions held 50 MiB of objects on 61 to 78 MiB of pages without it, 50.5 with it.
set -eu

jemalloc=""
case "${TRAVAUX_JEMALLOC:-auto}" in
  off) ;;
  auto)
    for candidate in \
      /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 \
      /usr/lib/aarch64-linux-gnu/libjemalloc.so.2 \
      /usr/lib64/libjemalloc.so.2 \
      /usr/lib/libjemalloc.so.2 \
      /usr/local/lib/libjemalloc.so.2; do
      if [ -r "$candidate" ]; then
        jemalloc="$candidate"
        break
      fi
    done
    if [ -z "$jemalloc" ]; then
      echo "serve.sh: jemalloc not found (Debian: apt-get install libjemalloc2); running on the system malloc" >&2
    fi
    ;;
  *)
    if [ ! -r "$TRAVAUX_JEMALLOC" ]; then
      echo "Invalid configuration: TRAVAUX_JEMALLOC names $TRAVAUX_JEMALLOC, which is not a readable file (give the path of libjemalloc.so.2, 'auto' or 'off')" >&2
      exit 1
    fi
    jemalloc="$TRAVAUX_JEMALLOC"
    ;;
esac

if [ -n "$jemalloc" ]; then
  LD_PRELOAD="$jemalloc${LD_PRELOAD:+:$LD_PRELOAD}"
  export LD_PRELOAD
fi
MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
export MALLOC_ARENA_MAX

exec node --compact-on-every-full-gc "$@"
