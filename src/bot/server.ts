import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from '../logging.js';
import { checkInboundActivity } from './activityShape.js';
import type { AssistantBot } from './assistantBot.js';

export interface ServerDependencies {
  adapter: CloudAdapter;
  bot: AssistantBot;
  logger: Logger;
  /** App credentials are set: a request without a Bearer token is refused before it reaches the adapter. */
  authEnabled: boolean;
  /** Extra facts for GET /healthz (version, backend, store state). */
  health: () => Promise<Record<string, unknown>>;
}

export interface RunningServer {
  server: Server;
  /** Stops taking requests, waits for in-flight turns (at most `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

/**
 * restify host: POST /api/messages through CloudAdapter (JWT checked there when app credentials
 * are configured) and GET /healthz. A malformed body gets 400 and never reaches the bot.
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
    if (typeof body !== 'object' || body === null || typeof (body as { type?: unknown }).type !== 'string') {
      res.send(400, { error: 'The body must be a Bot Framework activity (JSON object with a "type").' });
      return;
    }
    if (deps.authEnabled && !/^Bearer\s+\S+/i.test(req.header('authorization') ?? '')) {
      // CloudAdapter would refuse it too, but prints a stack trace for every anonymous probe.
      res.send(401, { error: 'Unauthorized: a Bot Framework token is required.' });
      return;
    }
    // Fields of the wrong type are dropped; no serviceUrl to answer to is a 400 (activityShape.ts).
    const shapeProblem = checkInboundActivity(body as Record<string, unknown>);
    if (shapeProblem) {
      res.send(400, { error: shapeProblem });
      return;
    }
    inFlight += 1;
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
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
