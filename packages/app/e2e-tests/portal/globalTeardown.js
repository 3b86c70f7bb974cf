module.exports = async function globalTeardown() {
  const portal = globalThis.__SINDRI_PORTAL__;
  if (portal && portal.exitCode === null) {
    // the portal runs app and backend as children: end the whole group
    process.kill(-portal.pid, 'SIGTERM');
    await new Promise(resolve => {
      const timer = setTimeout(() => {
        try {
          process.kill(-portal.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
        resolve();
      }, 10_000);
      portal.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
};
