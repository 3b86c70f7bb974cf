#!/usr/bin/env bash
# Installs sindri-agent from the Sindri portal this instance reports to: the
# portal serves the agent's bundle and an install script that checks its
# sha256, to this instance's own agent token.
set -euo pipefail
: "${SINDRI_CONSOLE_URL:?SINDRI_CONSOLE_URL must name the portal (the portal sets it when it deploys)}"
: "${SINDRI_AGENT_TOKEN:?SINDRI_AGENT_TOKEN must hold the agent token of this instance}"
script="$(mktemp)"
trap 'rm -f "$script"' EXIT
# the token goes in a header read from a file descriptor: never on a command line
curl -fsS --retry 3 -H @<(printf 'Authorization: Bearer %s\n' "$SINDRI_AGENT_TOKEN") \
  -o "$script" "${SINDRI_CONSOLE_URL%/}/api/sindri/agent/install.sh"
bash "$script"
