#!/usr/bin/env bash
# Installs what the benchmarks need on a Debian 12 machine of the project's kind, and does nothing that is already
# done (safe to run again): PostGIS for PostgreSQL 15 (the side-by-side peer of issue 6), wrk and hyperfine (load and
# timing), then the postgis extension in database `test` on 127.0.0.1:5432 (user postgres, trust auth).
#
#   bash bench/install-bench-deps.sh
set -euo pipefail

PACKAGES=(postgresql-15-postgis-3 wrk hyperfine)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# the server must be up for the extension; start the Debian cluster when it is not (CI starts it in .ci/start-services.sh)
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster 15 main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE test"
PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qc "CREATE EXTENSION IF NOT EXISTS postgis"
psql -h 127.0.0.1 -U postgres -d test -tAc "SELECT 'PostGIS ' || postgis_lib_version() || ' in database test'"
