# shellcheck shell=bash
# A throw-away PostgreSQL cluster, shared by scripts/test and scripts/bench-server: sourced,
# never run.
#
#   PG_URL_VAR=COMPANION_TEST_DATABASE_URL   # the variable that receives the admin URL
#   start_throwaway_postgres [-c name=value ...]
#
# starts a cluster in a temp dir (installing Debian's `postgresql` package first if no
# PostgreSQL is on the machine), listening on 127.0.0.1 only with trust auth, exports
# "$PG_URL_VAR" as postgres://postgres@127.0.0.1:PORT/postgres, and stops and removes the
# cluster when the script exits. Extra `-c` settings are passed to the server as they are.
# Messages start with "$PG_WHO:" (default: scripts/<name of the sourcing script>).

PG_WHO=${PG_WHO:-scripts/$(basename "$0")}
PG_URL_VAR=${PG_URL_VAR:-COMPANION_TEST_DATABASE_URL}

pg_bin() {
    # Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<major>/bin.
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
        echo "$dir"
    fi
}

install_postgres() {
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "$PG_WHO: PostgreSQL is not installed. Install it (Debian: apt-get install" \
            "postgresql) or set $PG_URL_VAR to an admin URL." >&2
        exit 1
    fi
    echo "$PG_WHO: installing PostgreSQL (apt-get install postgresql)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        # Nothing answers on a free port; bash's /dev/tcp fails to connect.
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "$PG_WHO: no free local port found" >&2
    exit 1
}

start_throwaway_postgres() {
    local bin
    bin=$(pg_bin)
    if [ -z "$bin" ]; then
        install_postgres
        bin=$(pg_bin)
        if [ -z "$bin" ]; then
            echo "$PG_WHO: PostgreSQL was installed but initdb is not found" >&2
            exit 1
        fi
    fi
    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/companion-pg.XXXXXX")
    # PostgreSQL refuses to run as root: as root, the cluster belongs to `postgres`.
    local run=()
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$PG_DIR"
        run=(runuser -u postgres --)
    fi
    PG_RUN=("${run[@]}")
    PG_CTL="$bin/pg_ctl"
    (cd / && "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust \
        --no-sync -E UTF8 --no-instructions >"$PG_DIR/initdb.log" 2>&1) || {
        cat "$PG_DIR/initdb.log" >&2
        exit 1
    }
    trap stop_throwaway_postgres EXIT
    local port started=""
    for _ in 1 2 3; do
        port=$(free_port)
        # Loopback only, trust auth, a socket in the temp dir.
        if (cd / && "${run[@]}" "$PG_CTL" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR $* \
                -c max_connections=300" start >/dev/null); then
            started=yes
            break
        fi
    done
    if [ -z "$started" ]; then
        echo "$PG_WHO: the throw-away PostgreSQL did not start:" >&2
        cat "$PG_DIR/server.log" >&2 || true
        exit 1
    fi
    export "$PG_URL_VAR=postgres://postgres@127.0.0.1:$port/postgres"
    echo "$PG_WHO: throw-away PostgreSQL on 127.0.0.1:$port" >&2
}

stop_throwaway_postgres() {
    if [ -n "${PG_DIR:-}" ]; then
        (cd / && "${PG_RUN[@]}" "$PG_CTL" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1) || true
        rm -rf "$PG_DIR"
    fi
}
