// Ports of the portal under test, away from the 3000/7007 of a developer's own portal.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3107);
const BACKEND_PORT = Number(process.env.E2E_BACKEND_PORT ?? 7107);

module.exports = {
  APP_PORT,
  BACKEND_PORT,
  appUrl: `http://localhost:${APP_PORT}`,
  backendUrl: `http://localhost:${BACKEND_PORT}`,
};
