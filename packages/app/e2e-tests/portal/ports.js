// Ports of the portal under test, away from the 3000/7007 of a developer's own portal.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3107);
const BACKEND_PORT = Number(process.env.E2E_BACKEND_PORT ?? 7107);
// the local OSV-compatible advisory server the tests start and stop
const OSV_PORT = Number(process.env.E2E_OSV_PORT ?? 7117);

module.exports = {
  APP_PORT,
  BACKEND_PORT,
  OSV_PORT,
  osvUrl: `http://127.0.0.1:${OSV_PORT}`,
  appUrl: `http://localhost:${APP_PORT}`,
  backendUrl: `http://localhost:${BACKEND_PORT}`,
};
