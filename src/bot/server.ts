import restify, { type Request, type Response, type Server } from 'restify';
import type { Activity } from 'botbuilder';
import type { Logger } from '../logging.js';
import type { AssistantAdapter } from './assistantAdapter.js';
import { checkInboundActivity } from './activityShape.js';
import type { AssistantBot } from './assistantBot.js';
import type { InboundAuthenticator } from './auth/inboundAuth.js';
import { checkTenant } from './identity.js';

export interface ServerDependencies {
  adapter: AssistantAdapter;
  bot: AssistantBot;
  logger: Logger;
  /**
   * Authenticates every request before its turn runs. With app credentials set, a request whose
   * token cannot be verified is answered 401 (also while the OpenID metadata cannot be read).
   */
  inbound: InboundAuthenticator;
  /** Extra facts for GET /healthz (version, backend, store state). */
  health: () => Promise<Record<string, unknown>>;
}

export interface RunningServer {
  server: Server;
  /** Stops taking requests, waits for in-flight turns (at most `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

/**
 * restify host: POST /api/messages and GET /healthz. A malformed body gets 400; a request whose
 * token cannot be verified gets 401 and an activity without a consistent tenant 403 — each with one
 * structured log line and without reaching the bot. Accepted requests run their turn on the adapter.
 */
export function createServer(deps: ServerDependencies): RunningServer {
  const server = restify.createServer({ name: 'azure-plan-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));
  let inFlight = 0;
  let closing = false;

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (closing) {
      res.send(503, { error: 'shutting down' });
      return;
    }
    const body: unknown = req.body;
    const isActivity =
      typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string';
    // Fields of the wrong type are dropped in place; no serviceUrl to answer to is a 400 (activityShape.ts),
    // said only after the token is checked.
    const shapeProblem = isActivity ? checkInboundActivity(body as Record<string, unknown>) : undefined;
    // A body that is no activity is still authenticated first (as an activity of no channel).
    const activity = toActivity(isActivity ? (body as Record<string, unknown>) : { channelId: '' });
    const refuse = (status: 400 | 401 | 403, reason: string, detail?: string) => {
      // One line per refused request, no stack trace: a forged token is an event, not a failure.
      deps.logger.warn(
        {
          status,
          reason,
          ...(detail ? { detail } : {}),
          activityId: typeof activity.id === 'string' ? activity.id : undefined,
          activityType: activity.type,
          channelId: activity.channelId,
        },
        'request refused',
      );
      res.send(status, {
        error:
          status === 400
            ? 'The body must be a Bot Framework activity (JSON object with a "type").'
            : status === 401
              ? 'Unauthorized: a valid Bot Framework token is required.'
              : 'Forbidden.',
      });
    };
    const authHeader = req.header('authorization') ?? '';
    inFlight += 1;
    try {
      // The token first: with app credentials set, an unverifiable request is 401 whatever its body.
      const authenticated = await deps.inbound.authenticate(activity, authHeader);
      if (!authenticated.ok) return refuse(401, authenticated.reason, authenticated.detail);
      if (!isActivity) return refuse(400, 'notAnActivity');
      if (shapeProblem) return refuse(400, 'malformedActivity', shapeProblem);
      const tenant = checkTenant(activity);
      if (tenant.kind !== 'ok') return refuse(403, tenant.kind === 'missing' ? 'noTenant' : 'tenantMismatch');
      const invokeResponse = await deps.adapter.processAuthenticated(
        authenticated.result,
        activity,
        (context) => deps.bot.run(context),
      );
      if (invokeResponse?.body !== undefined) res.send(invokeResponse.status ?? 200, invokeResponse.body);
      else res.send(invokeResponse?.status ?? 200);
    } catch (error) {
      deps.logger.error({ err: error }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    } finally {
      inFlight -= 1;
    }
  });

  // Agents Playground probes the endpoint with HEAD before it connects.
  server.head('/api/messages', async (_req: Request, res: Response) => {
    res.send(200);
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: closing ? 'stopping' : 'ok', ...(await deps.health()) });
  });

  server.on('restifyError', (req: Request, res: Response, error: Error, callback: () => void) => {
    deps.logger.warn({ path: req.path(), status: res.statusCode, reason: error.name }, 'request refused');
    callback();
  });

  return {
    server,
    async close(graceMs = 10_000) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const deadline = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
    },
  };
}

/** The posted JSON as an Activity, with its dates as Date objects (as CloudAdapter.process does). */
function toActivity(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}
