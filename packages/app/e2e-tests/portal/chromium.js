const fs = require('node:fs');

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

/** Path of a Chromium to drive, or undefined when none is installed. */
function findChromium() {
  return candidates.find(p => p && fs.existsSync(p));
}

// Flags for a closed network: no background connections, no sandbox as root.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

module.exports = { findChromium, chromiumArgs };
