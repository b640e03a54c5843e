import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

interface ServerClasses {
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
}

const classesByApp = new WeakMap<Express, ServerClasses>();
/** The app each server hands its requests to, replaceable while it runs. */
const appByServer = new WeakMap<Server, { app: Express; classes: ServerClasses }>();

/**
 * An http.Server for an Express app whose requests and responses are born with the app's
 * prototypes. Express sets the prototype of every req and res it handles
 * (`Object.setPrototypeOf` in `app.handle`); changing an object's prototype throws V8 off its
 * fast paths for Node's own http code, which cost about two thirds of the requests/s of a list
 * page here (expressjs/express#5998). When the prototype already is the app's, that call
 * changes nothing, so every Express feature still works and none of the cost is paid.
 */
export function createHttpServer(app: Express, options: { connectionsCheckingInterval?: number } = {}): Server {
  const classes = serverClasses(app);
  const current = { app, classes };
  const server = createServer({ ...classes, ...options }, (req, res) => current.app(req, res));
  appByServer.set(server, current);
  return server;
}

/**
 * Hands the server's next requests to another app (a reload), keeping every connection open.
 * Requests already in the old app finish there. The server's classes now inherit from the new
 * app's prototypes, once, so its requests keep the fast path.
 */
export function replaceApp(server: Server, app: Express): void {
  const current = appByServer.get(server);
  if (!current) throw new Error('replaceApp: this server was not made by createHttpServer');
  const { IncomingMessage: Request, ServerResponse: Response } = current.classes;
  Object.setPrototypeOf(Request.prototype, app.request);
  Object.setPrototypeOf(Response.prototype, app.response);
  app.request = Request.prototype as unknown as Express['request'];
  app.response = Response.prototype as unknown as Express['response'];
  classesByApp.set(app, current.classes);
  current.app = app;
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
