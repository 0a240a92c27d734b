/**
 * The bare echo bot of `npm run bench:turns`: botbuilder CloudAdapter (no app id, so no token
 * checks) + restify with the JSON body parser + an ActivityHandler whose onMessage sends one text
 * reply ("echo: <text>"). No middleware, no state, no storage. Started as a child process; prints
 * its port on stdout as `PORT <n>`.
 */
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  await next();
});

const server = restify.createServer({ handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${address.port}\n`);
});
