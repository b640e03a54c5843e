import { createServer, IncomingMessage, ServerResponse, type RequestListener, type Server } from 'node:http';
import type { Express } from 'express';

interface ServerClasses {
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
}

/**
 * What a server serves: an Express app, or a listener that hands only some requests to its
 * Express app (the mock's API goes to the core without Express, see createApp).
 */
export type ServedApp = Express | { express: Express; listener: RequestListener };

const classesByApp = new WeakMap<Express, ServerClasses>();
/** The listener each server hands its requests to, replaceable while it runs. */
const appByServer = new WeakMap<Server, { listener: RequestListener; classes: ServerClasses }>();

function partsOf(app: ServedApp): { express: Express; listener: RequestListener } {
  return typeof app === 'function' ? { express: app, listener: app } : app;
}

/**
 * An http.Server for an Express app whose requests and responses are born with the app's
 * prototypes. Express sets the prototype of every req and res it handles
 * (`Object.setPrototypeOf` in `app.handle`); changing an object's prototype throws V8 off its
 * fast paths for Node's own http code, which cost about two thirds of the requests/s of a list
 * page here (expressjs/express#5998). When the prototype already is the app's, that call
 * changes nothing, so every Express feature still works and none of the cost is paid.
 */
export function createHttpServer(app: ServedApp, options: { connectionsCheckingInterval?: number } = {}): Server {
  const { express, listener } = partsOf(app);
  const classes = serverClasses(express);
  const current = { listener, classes };
  const server = createServer({ ...classes, ...options }, (req, res) => current.listener(req, res));
  appByServer.set(server, current);
  return server;
}

/**
 * Hands the server's next requests to another app (a reload), keeping every connection open.
 * Requests already in the old app finish there. The server's classes now inherit from the new
 * app's prototypes, once, so its requests keep the fast path.
 */
export function replaceApp(server: Server, served: ServedApp): void {
  const current = appByServer.get(server);
  if (!current) throw new Error('replaceApp: this server was not made by createHttpServer');
  const { express: app, listener } = partsOf(served);
  const { IncomingMessage: Request, ServerResponse: Response } = current.classes;
  Object.setPrototypeOf(Request.prototype, app.request);
  Object.setPrototypeOf(Response.prototype, app.response);
  app.request = Request.prototype as unknown as Express['request'];
  app.response = Response.prototype as unknown as Express['response'];
  classesByApp.set(app, current.classes);
  current.listener = listener;
}

/** Made once per app: a second server for the same app shares them. */
function serverClasses(app: Express): ServerClasses {
  let classes = classesByApp.get(app);
  if (!classes) {
    class Request extends IncomingMessage {}
    // Generic like ServerResponse itself, so the class fits where http expects one.
    class Response<R extends IncomingMessage = IncomingMessage> extends ServerResponse<R> {}
    // The classes' prototypes take the app's place in the chain, once, at startup.
    Object.setPrototypeOf(Request.prototype, app.request);
    Object.setPrototypeOf(Response.prototype, app.response);
    app.request = Request.prototype as unknown as Express['request'];
    app.response = Response.prototype as unknown as Express['response'];
    classes = { IncomingMessage: Request, ServerResponse: Response };
    classesByApp.set(app, classes);
  }
  return classes;
}
