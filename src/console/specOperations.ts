import { admin } from './apiClient.js';

export interface Operation {
  operationId: string;
  method: string;
  path: string;
}

interface OpenApiDocument {
  info?: { title?: string; version?: string };
  paths?: Record<string, Record<string, { operationId?: string }>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** The operations of the spec in force: the console enables what the server actually routes. */
export async function specOperations(): Promise<Operation[]> {
  const document = await admin<OpenApiDocument>('openapi.json');
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operationId = item[method]?.operationId;
      if (operationId) operations.push({ operationId, method: method.toUpperCase(), path });
    }
  }
  return operations;
}

export function findOperation(operations: readonly Operation[], method: string, path: string): Operation | undefined {
  return operations.find((o) => o.method === method && o.path.replace(/\{[^}]+\}/g, '{}') === path);
}
