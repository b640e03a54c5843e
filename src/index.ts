export { startServer, defaults, type ServerOptions, type RunningServer } from './startServer.js';
export type { Video, VideoList, BifrostError, VideoStatus } from './spec/payloads.js';
