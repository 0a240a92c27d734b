/**
 * The shape of an inbound Bot Framework activity, checked before the adapter sees it. The SDK
 * trusts the JSON it gets: a numeric `serviceUrl` crashes the connector factory (HTTP 500 with the
 * TypeError's text as body), a numeric `locale` or `recipient.id` makes every reply fail to
 * serialize (the user gets nothing), a mention entity without `mentioned` or `entities: null`
 * crashes the mention removal. So:
 * - what no reply can be sent without (`serviceUrl`, an http(s) URL; a conversation id) is refused:
 *   400, and so is a tenant id that is not text (the sender's tenant must never become unknown);
 * - fields of the wrong type that the bot can do without are dropped, and numbers where text
 *   belongs become text, so the turn runs and the user gets an answer.
 * The activity is changed in place (it is the request body the adapter goes on to read).
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fields that must be text; a number is turned into text, anything else is dropped. */
const TEXT_FIELDS = ['id', 'text', 'locale', 'replyToId', 'name', 'channelId', 'textFormat', 'action'];
const ACCOUNT_TEXT_FIELDS = ['id', 'name', 'aadObjectId', 'role'];
const CONVERSATION_TEXT_FIELDS = ['id', 'name', 'tenantId', 'conversationType', 'role'];

function keepText(object: Json, field: string): void {
  const value = object[field];
  if (value === undefined || typeof value === 'string') return;
  if (typeof value === 'number' && Number.isFinite(value)) object[field] = String(value);
  else delete object[field];
}

function keepAccount(object: Json, field: string, textFields: readonly string[]): void {
  const value = object[field];
  if (value === undefined) return;
  if (!isObject(value)) {
    delete object[field];
    return;
  }
  for (const name of textFields) keepText(value, name);
  if (value.isGroup !== undefined && typeof value.isGroup !== 'boolean') delete value.isGroup;
}

function isUsableEntity(entity: unknown): boolean {
  if (!isObject(entity) || typeof entity.type !== 'string') return false;
  if (entity.type.toLowerCase() !== 'mention') return true;
  return (
    typeof entity.text === 'string' && isObject(entity.mentioned) && typeof entity.mentioned.id === 'string'
  );
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Normalizes `body` (an object with a string `type`, checked by the caller) in place; returns why it
 * cannot be processed at all, or undefined.
 */
export function checkInboundActivity(body: Json): string | undefined {
  if (typeof body.type !== 'string' || body.type.trim() === '') return 'The activity must have a type.';
  if (!isHttpUrl(body.serviceUrl)) return 'The activity must have a serviceUrl (an http or https URL).';
  const conversation = body.conversation;
  if (
    !isObject(conversation) ||
    !['string', 'number'].includes(typeof conversation.id) ||
    conversation.id === ''
  )
    return 'The activity must have a conversation with an id.';
  // A tenant of the wrong type is refused, never dropped: without it the sender's tenant is unknown.
  const tenantId = conversation.tenantId;
  if (tenantId !== undefined && tenantId !== null && typeof tenantId !== 'string')
    return 'The conversation.tenantId must be text.';
  for (const field of TEXT_FIELDS) keepText(body, field);
  keepAccount(body, 'from', ACCOUNT_TEXT_FIELDS);
  keepAccount(body, 'recipient', ACCOUNT_TEXT_FIELDS);
  keepAccount(body, 'conversation', CONVERSATION_TEXT_FIELDS);
  if (body.channelData !== undefined && !isObject(body.channelData)) delete body.channelData;
  if (body.entities !== undefined) {
    if (Array.isArray(body.entities)) body.entities = body.entities.filter(isUsableEntity);
    else delete body.entities;
  }
  if (body.attachments !== undefined) {
    if (Array.isArray(body.attachments)) body.attachments = body.attachments.filter(isObject);
    else delete body.attachments;
  }
  for (const field of ['membersAdded', 'membersRemoved']) {
    const members = body[field];
    if (members === undefined) continue;
    if (Array.isArray(members)) body[field] = members.filter((m) => isObject(m) && typeof m.id === 'string');
    else delete body[field];
  }
  return undefined;
}
