import { AGENT_ENV } from '@internal/plugin-sindri-common';

/** What the served install script needs to know of the bundle it installs. */
export interface AgentBundleManifest {
  version: string;
  file: string;
  sha256: string;
  bytes: number;
  nativeDependencies: Record<string, string>;
  /** options of `node` the agent runs with (V8 tuning), passed by the launcher */
  nodeOptions?: string[];
}

const shellWord = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The script an instance runs to install the agent this portal serves: it
 * downloads the bundle with the instance's own token (never on a command
 * line), checks its sha256, installs the native dependencies beside it with
 * npm and puts a `sindri-agent` launcher on the PATH.
 */
export function agentInstallScript(manifest: AgentBundleManifest): string {
  const native = Object.entries(manifest.nativeDependencies)
    .map(([name, range]) => shellWord(`${name}@${range}`))
    .join(' ');
  const nodeOptions = (manifest.nodeOptions ?? [])
    .map(option => `${shellWord(option)} `)
    .join('');
  return `#!/usr/bin/env bash
# Installs sindri-agent ${manifest.version} from the Sindri portal at $${
    AGENT_ENV.consoleUrl
  }.
set -euo pipefail
: "\${${AGENT_ENV.consoleUrl}:?${AGENT_ENV.consoleUrl} must name the portal}"
: "\${${AGENT_ENV.token}:?${
    AGENT_ENV.token
  } must hold the agent token of this instance}"
version=${shellWord(manifest.version)}
sha256=${shellWord(manifest.sha256)}
home_dir="\${SINDRI_AGENT_HOME:-$HOME/.sindri-agent}"
bin_dir="\${SINDRI_AGENT_BIN_DIR:-$HOME/.local/bin}"
command -v node >/dev/null || { echo "sindri-agent needs Node.js 20 or later (the nodejs extension)" >&2; exit 1; }
mkdir -p "$home_dir" "$bin_dir"
download="$(mktemp "$home_dir/.bundle.XXXXXX")"
trap 'rm -f "$download"' EXIT
# the token goes in a header read from a file descriptor: never on a command line
curl -fsS --retry 3 -H @<(printf 'Authorization: Bearer %s\\n' "$${
    AGENT_ENV.token
  }") \\
  -o "$download" "\${${AGENT_ENV.consoleUrl}%/}/api/sindri/agent/bundle"
actual="$(sha256sum "$download" | cut -d' ' -f1)"
if [ "$actual" != "$sha256" ]; then
  echo "sindri-agent $version: the download's sha256 is $actual, not $sha256; nothing installed" >&2
  exit 1
fi
install -m 0755 "$download" "$home_dir/${manifest.file}"
(cd "$home_dir" && npm install --no-fund --no-audit --no-save --omit=dev ${native}) \\
  || echo "sindri-agent $version: ${native} could not be installed; terminals will not work" >&2
cat > "$bin_dir/sindri-agent" <<LAUNCHER
#!/bin/sh
exec node ${nodeOptions}"$home_dir/${manifest.file}" "\\$@"
LAUNCHER
chmod 0755 "$bin_dir/sindri-agent"
"$bin_dir/sindri-agent" --version
`;
}
