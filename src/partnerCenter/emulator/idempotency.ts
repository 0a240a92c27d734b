import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmulatorResponse } from './errors.js';

interface StoredResponse {
  fingerprint: string;
  response: EmulatorResponse;
  at: string;
}

interface RequestLog {
  responses: Record<string, StoredResponse>;
}

/** Same method + path + body ⇒ same fingerprint (body keys sorted, so key order does not matter). */
export function fingerprintOf(method: string, pathAndQuery: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${pathAndQuery.toLowerCase()}\n${canonical(body)}`)
    .digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

/**
 * MS-RequestId log (headers.md: "used to ensure idempotency; if there's a timeout, the retry call
 * should include the same value"). The first answer (2xx or business failure) to a state-changing
 * request is kept in a JSON file under the data dir, so a retry — even after an emulator restart —
 * gets it back without the effect happening twice. Requests with the same id run one after another.
 */
export class RequestIdLog {
  private log: RequestLog = { responses: {} };
  private readonly running = new Map<string, Promise<unknown>>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly now: () => Date,
  ) {}

  static async open(file: string, now: () => Date): Promise<RequestIdLog> {
    const log = new RequestIdLog(file, now);
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as RequestLog;
      if (parsed && typeof parsed.responses === 'object') log.log = parsed;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return log;
  }

  /** Runs `work` once per key; later calls with the key get the stored answer (or a conflict). */
  async once(
    key: string,
    fingerprint: string,
    work: () => Promise<EmulatorResponse>,
    keep: (response: EmulatorResponse) => boolean,
  ): Promise<{ replayed: boolean; response: EmulatorResponse } | { conflict: true }> {
    const before = this.running.get(key) ?? Promise.resolve();
    const turn = before.then(async () => {
      const stored = this.log.responses[key];
      if (stored) {
        if (stored.fingerprint !== fingerprint) return { conflict: true as const };
        return { replayed: true, response: structuredClone(stored.response) };
      }
      const response = await work();
      if (keep(response)) {
        this.log.responses[key] = {
          fingerprint,
          response: structuredClone(response),
          at: this.now().toISOString(),
        };
        await this.persist();
      }
      return { replayed: false, response };
    });
    const settled = turn.catch(() => undefined);
    this.running.set(key, settled);
    void settled.then(() => {
      if (this.running.get(key) === settled) this.running.delete(key);
    });
    return turn;
  }

  private persist(): Promise<void> {
    const snapshot = JSON.stringify(this.log);
    this.writing = this.writing.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.tmp`;
      await writeFile(temp, snapshot);
      await rename(temp, this.file);
    });
    return this.writing;
  }

  async flush(): Promise<void> {
    await this.writing;
  }
}
