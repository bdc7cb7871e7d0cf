import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

/** A non-2xx answer, with the problem+json `code` when the gateway sent one. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${method} ${path} → ${status} ${code}${detail ? `: ${detail}` : ''}`);
  }
}

export interface ClientOptions {
  readonly baseUrl: string;
  /**
   * The source address this client connects from. Each simulated person gets their own loopback
   * address, because on a real platform each person is a different client: the gateway's
   * per-client rate limits then apply per person, as they would in production.
   */
  readonly localAddress?: string;
}

const MAX_RATE_LIMIT_WAITS = 20;
/**
 * A 503 is mostly a downstream call that missed the gateway's deadline while the store was busy:
 * backing off 1, 2, 4, 5, 5… s gives a loaded platform about a minute and a half before the demo
 * gives up on that request.
 */
const MAX_UNAVAILABLE_RETRIES = 20;
const keepAlive = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

/** How often this process waited and repeated a request: a busy platform shows up here first. */
export const retryCounts = { unavailable: 0, rateLimited: 0 };

/** True for an error answer with this problem code (a retried request may meet its own first attempt). */
export function isProblem(error: unknown, code: string): boolean {
  return error instanceof ApiError && error.code === code;
}

/** A JSON client of the public REST API, signed in as one person (or anonymous). */
export class ApiClient {
  private readonly base: URL;

  constructor(
    private readonly options: ClientOptions,
    private readonly accessToken?: string,
  ) {
    this.base = new URL(options.baseUrl);
  }

  as(accessToken: string): ApiClient {
    return new ApiClient(this.options, accessToken);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** Every POST carries an Idempotency-Key, so a retry after a lost answer cannot act twice. */
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {}, { 'idempotency-key': randomUUID() });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
    for (let wait = 0; ; wait += 1) {
      const res = await this.send(method, path, body, extra);
      // The platform's limits are part of the contract: wait as told instead of failing. A 503
      // (a service busy or restarting) is retried too, with the same Idempotency-Key: the gateway
      // keeps no 5xx answer to replay, so the retry reaches the service again, which settles it
      // on a natural key (one registration per contestant and track) or on the forwarded key.
      if ((res.status === 429 && wait < MAX_RATE_LIMIT_WAITS) || (res.status === 503 && wait < MAX_UNAVAILABLE_RETRIES)) {
        const told = Number(res.headers['retry-after'] ?? 1);
        const backoff = res.status === 503 ? 2 ** wait : 1;
        if (res.status === 503) retryCounts.unavailable += 1;
        else retryCounts.rateLimited += 1;
        await new Promise((r) => setTimeout(r, Math.min(5, Math.max(backoff, Number.isFinite(told) ? told : 1)) * 1000));
        continue;
      }
      const parsed: unknown = res.text === '' ? undefined : safeJson(res.text);
      if (res.status >= 200 && res.status < 300) return parsed as T;
      const problem = (parsed ?? {}) as { code?: string; detail?: string; title?: string; errors?: { field: string; message: string }[] };
      const fields = (problem.errors ?? []).map((e) => ` [${e.field}: ${e.message}]`).join('');
      throw new ApiError(method, path, res.status, problem.code ?? 'unknown', `${problem.detail ?? problem.title ?? res.text.slice(0, 200)}${fields}`);
    }
  }

  private send(method: string, path: string, body: unknown, extra: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
    const url = new URL(path, this.base);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (this.accessToken !== undefined) headers.authorization = `Bearer ${this.accessToken}`;
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        url,
        { method, headers, agent: secure ? keepAlive.https : keepAlive.http, ...(this.options.localAddress ? { localAddress: this.options.localAddress } : {}), timeout: 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
      req.on('error', reject);
      req.end(payload);
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

/**
 * Loopback source addresses 127.0.<n / 250 + 1>.<n % 250 + 2> for person n, when the platform is on
 * this machine's loopback (Linux routes all of 127/8 there); elsewhere every person shares one.
 */
export function personAddress(baseUrl: string, n: number, enabled: boolean): string | undefined {
  if (!enabled || new URL(baseUrl).hostname !== '127.0.0.1') return undefined;
  return `127.0.${Math.floor(n / 250) + 1}.${(n % 250) + 2}`;
}
