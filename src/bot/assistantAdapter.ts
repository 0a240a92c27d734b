import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';

/**
 * CloudAdapter that runs a turn for a request the server has already authenticated (see
 * InboundAuthenticator), so a refused token never reaches CloudAdapter.process — which would print
 * a stack trace and answer 500 for some of them.
 */
export class AssistantAdapter extends CloudAdapter {
  processAuthenticated(
    authentication: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authentication, activity, logic);
  }
}
