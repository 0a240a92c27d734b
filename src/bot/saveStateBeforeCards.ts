import { CardFactory, type Activity, type TurnContext } from 'botbuilder';

/**
 * Point 9 of "Robustness and security": a card whose buttons are answered by the dialog waiting
 * for them must never be on screen while that dialog state exists only in memory — a crash right
 * after the send would make the card "no longer active". This turn hook saves the turn's state
 * (dialog stack included) just before any activity carrying an Adaptive Card with submit actions
 * is sent or an earlier card is replaced by one. Cheap when nothing changed: BotState only writes
 * state whose hash changed. The bot still saves everything at the end of the turn.
 */
export function saveStateBeforeCards(context: TurnContext, save: () => Promise<void>): void {
  context.onSendActivities(async (_context, activities, next) => {
    if (activities.some(carriesCardActions)) await save();
    return next();
  });
  context.onUpdateActivity(async (_context, activity, next) => {
    if (carriesCardActions(activity)) await save();
    return next();
  });
}

/** True when the activity holds an Adaptive Card with a button that submits back to the bot. */
export function carriesCardActions(activity: Partial<Activity>): boolean {
  return (activity.attachments ?? []).some(
    (attachment) =>
      attachment.contentType === CardFactory.contentTypes.adaptiveCard && hasSubmitAction(attachment.content),
  );
}

const SUBMITTING_ACTIONS = new Set(['Action.Submit', 'Action.Execute']);

function hasSubmitAction(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasSubmitAction);
  if (node === null || typeof node !== 'object') return false;
  const type = (node as { type?: unknown }).type;
  if (typeof type === 'string' && SUBMITTING_ACTIONS.has(type)) return true;
  return Object.values(node).some(hasSubmitAction);
}
