import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

/**
 * An http.Server for an Express app whose requests and responses are born with the app's
 * prototypes. Express sets the prototype of every req and res it handles
 * (`Object.setPrototypeOf` in `app.handle`); changing an object's prototype throws V8 off its
 * fast paths for Node's own http code, and costs about two thirds of the throughput on a list
 * page (expressjs/express#5998). When the prototype already is the app's, that call changes
 * nothing, so every Express feature still works and none of the cost is paid.
 */
export function createHttpServer(app: Express): Server {
  class Request extends IncomingMessage {}
  class Response<R extends IncomingMessage = IncomingMessage> extends ServerResponse<R> {}
  // Once, at startup: the classes' prototypes take the app's place in the chain.
  Object.setPrototypeOf(Request.prototype, app.request);
  Object.setPrototypeOf(Response.prototype, app.response);
  app.request = Request.prototype as unknown as Express['request'];
  app.response = Response.prototype as unknown as Express['response'];
  return createServer({ IncomingMessage: Request, ServerResponse: Response }, app);
}
