#!/usr/bin/env bash
# What the test suite needs beside npm packages, so `npm test` works on a fresh Debian machine (it
# runs as npm's pretest; `.ci/run` goes through it too): PostgreSQL started for the store contract
# suite when the machine has it, and Debian's Chromium for the browser tests (a test tool's own
# browser download cannot work here). Neither failure stops the run: the tests that need the
# missing piece say so.
set -uo pipefail

if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start >/dev/null 2>&1 ||
    echo "tests/prerequisites.sh: could not start PostgreSQL; its store tests are skipped" >&2
fi

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  sudo=""
  [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1 && sudo="sudo -n"
  if command -v apt-get >/dev/null 2>&1 && { [[ $(id -u) -eq 0 ]] || [[ -n "$sudo" ]]; }; then
    echo "tests/prerequisites.sh: installing Debian's chromium for the browser tests" >&2
    ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium) >/dev/null 2>&1 ||
      echo "tests/prerequisites.sh: could not install chromium (apt-get install -y chromium)" >&2
  else
    echo "tests/prerequisites.sh: no $chromium; the browser tests need it (apt-get install -y chromium)" >&2
  fi
fi
exit 0
