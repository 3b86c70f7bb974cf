import type {
  Alert,
  AlertChannel,
  AlertChannelInput,
  AlertDelivery,
  AlertPage,
  AlertRule,
  AlertRuleInput,
} from '../index';
import { HttpTransport, search } from './HttpTransport';

const enc = encodeURIComponent;

/** What a page of alerts is asked for with (the cursor is the last page's `nextCursor`). */
export interface AlertListQuery {
  state?: 'open' | Alert['state'];
  instance?: string;
  limit?: number;
  before?: string;
}

/** The alert routes: alerts of the instances the caller may read, and (for admins and operators) rules and channels. */
export class SindriAlertsClient {
  constructor(private readonly http: HttpTransport) {}

  list(query: AlertListQuery = {}): Promise<AlertPage> {
    return this.http.json('GET', `/alerts${search({ ...query })}`);
  }

  deliveries(id: string): Promise<AlertDelivery[]> {
    return this.http
      .json<{ items: AlertDelivery[] }>('GET', `/alerts/${enc(id)}/deliveries`)
      .then(r => r.items);
  }

  acknowledge(id: string): Promise<Alert> {
    return this.http.json('POST', `/alerts/${enc(id)}/acknowledge`);
  }

  silence(id: string, minutes: number): Promise<Alert> {
    return this.http.json('POST', `/alerts/${enc(id)}/silence`, { minutes });
  }

  unsilence(id: string): Promise<Alert> {
    return this.http.json('DELETE', `/alerts/${enc(id)}/silence`);
  }

  listRules(): Promise<AlertRule[]> {
    return this.http
      .json<{ items: AlertRule[] }>('GET', '/alert-rules')
      .then(r => r.items);
  }

  createRule(rule: AlertRuleInput): Promise<AlertRule> {
    return this.http.json('POST', '/alert-rules', rule);
  }

  updateRule(id: string, rule: AlertRuleInput): Promise<AlertRule> {
    return this.http.json('PUT', `/alert-rules/${enc(id)}`, rule);
  }

  async deleteRule(id: string): Promise<void> {
    await this.http.send('DELETE', `/alert-rules/${enc(id)}`);
  }

  listChannels(): Promise<AlertChannel[]> {
    return this.http
      .json<{ items: AlertChannel[] }>('GET', '/alert-channels')
      .then(r => r.items);
  }

  createChannel(channel: AlertChannelInput): Promise<AlertChannel> {
    return this.http.json('POST', '/alert-channels', channel);
  }

  updateChannel(id: string, channel: AlertChannelInput): Promise<AlertChannel> {
    return this.http.json('PUT', `/alert-channels/${enc(id)}`, channel);
  }

  async deleteChannel(id: string): Promise<void> {
    await this.http.send('DELETE', `/alert-channels/${enc(id)}`);
  }
}
