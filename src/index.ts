export { startServer, defaults, type ServerOptions, type RunningServer } from './hosts/express/startServer.js';
export type { Video, VideoList, BifrostError, VideoStatus } from './core/openapi/payloads.js';
export { verifyServer, type VerifyOptions } from './verify/verifyServer.js';
export type { CheckResult, CoverageRow, VerifyReport } from './verify/CheckResult.js';
export { reportText } from './verify/reportText.js';
export { reportJunit } from './verify/reportJunit.js';
export { reportJson } from './verify/reportJson.js';
export { verifyDefaults } from './verify/verifyDefaults.js';
