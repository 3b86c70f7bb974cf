#!/usr/bin/env bash
# Installs sindri-agent globally with npm. SINDRI_AGENT_PACKAGE names what to
# install: a registry spec or the URL of the agent tarball your portal serves.
set -euo pipefail
package="${SINDRI_AGENT_PACKAGE:-sindri-agent}"
echo "Installing sindri-agent from ${package}"
npm install --global --no-fund --no-audit "${package}"
sindri-agent --version
