// Asserting the API's answers, and raw HTTP for what the cookie-keeping client cannot send.
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import type { ApiResponse } from './server';

/** Asserts an error answer: the status, the stable code, and exactly the shape { error: { code, message[, details] } }. */
export function expectError(res: ApiResponse, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({ status, code });
  expectErrorShape(res.body);
}

/**
 * Asserts a refusal (status and code) that wrote nothing: `snapshot` reads everything the request
 * could have changed, and reads the same before and after.
 */
export async function expectRefusedWithoutWrites(snapshot: () => Promise<unknown>, make: () => Promise<ApiResponse>, status: number, code: string): Promise<ApiResponse> {
  const before = await snapshot();
  const res = await make();
  expectError(res, status, code);
  expect(await snapshot()).toEqual(before);
  return res;
}

export function expectErrorShape(body: unknown): void {
  expect(body).toBeTypeOf('object');
  expect(body).not.toBeNull();
  const b = body as Record<string, unknown>;
  expect(Object.keys(b)).toEqual(['error']);
  const e = b.error as Record<string, unknown>;
  expect(e).toBeTypeOf('object');
  const keys = Object.keys(e).sort();
  expect(keys.filter((k) => k !== 'details')).toEqual(['code', 'message']);
  expect(e.code).toMatch(/^[A-Z_]+$/);
  expect(typeof e.message).toBe('string');
  expect((e.message as string).length).toBeGreaterThan(0);
  if ('details' in e) {
    expect(Array.isArray(e.details)).toBe(true);
    for (const d of e.details as unknown[]) expect(Object.keys(d as object).sort()).toEqual(['message', 'path']);
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * One request on its own connection (no keep-alive), for requests the server may answer
 * before reading the whole body (413): a reused socket would otherwise be poisoned.
 */
export function rawRequest(
  url: string,
  opts: { method: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: (string | Buffer)[] },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method, headers: { connection: 'close', ...opts.headers }, agent: false }, (res) => {
      readBody(res).then((body) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }), reject);
    });
    // The server may close the connection once it has answered, while we are still
    // writing; that is not a failure as long as the answer arrives.
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ECONNRESET') setTimeout(() => reject(e), 2000).unref();
      else reject(e);
    });
    if (opts.chunks) {
      for (const c of opts.chunks) req.write(c);
      req.end();
    } else {
      req.end(opts.body);
    }
  });
}

/** The whole body of an answer: parsed JSON, or the text where it is not JSON; null when empty. */
export function readBody(res: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    res.on('data', (d: Buffer) => parts.push(d));
    res.on('end', () => {
      const text = Buffer.concat(parts).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : null);
      } catch {
        resolve(text);
      }
    });
    res.on('error', reject);
  });
}
