import { startServer } from '../../../src/hosts/express/startServer.js';
import { writeSpecVariant } from '../../support/specVariant.js';

describe('x-faker paths are checked when the spec is loaded', () => {
  test.each([
    ['a method that does not exist', 'image.urll', /x-faker at components\.schemas\.Video\.properties\.cover: "image\.urll" is not a faker method/],
    ['a module instead of a method', 'image', /"image" is not a faker method/],
    ['a value of the wrong kind', 42, /expected a faker method name such as image\.url/],
  ])('%s stops the server with one line naming the file and the place', async (_name, fakerPath, message) => {
    const specPath = writeSpecVariant(`bad-faker-${String(fakerPath)}`, (doc) => {
      doc.components.schemas['Video']!.properties['cover'] = { type: 'string', 'x-faker': fakerPath };
    });
    await expect(startServer({ port: 0, specPath, log: () => {} })).rejects.toThrow(message);
    await expect(startServer({ port: 0, specPath, log: () => {} })).rejects.toThrow(specPath);
  });

  test('a method with arguments is accepted', async () => {
    const specPath = writeSpecVariant('good-faker-args', (doc) => {
      doc.components.schemas['Video']!.properties['score'] = { type: 'integer', 'x-faker': { 'number.int': [{ min: 1, max: 3 }] } };
    });
    const server = await startServer({ port: 0, specPath, log: () => {} });
    await server.close();
  });
});
