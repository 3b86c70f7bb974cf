import type {
  BudgetEstimate,
  BudgetEstimateRequest,
  BudgetInput,
  BudgetList,
  BudgetStatus,
} from '../index';
import { HttpTransport } from './HttpTransport';

/** Owner groups' monthly budgets: what is left of them, and what a new instance would take. */
export class SindriBudgetsClient {
  constructor(private readonly http: HttpTransport) {}

  list(): Promise<BudgetList> {
    return this.http.json('GET', '/budgets');
  }

  set(group: string, input: BudgetInput): Promise<BudgetStatus> {
    return this.http.json(
      'PUT',
      `/budgets/${encodeURIComponent(group)}`,
      input,
    );
  }

  async remove(group: string): Promise<void> {
    await this.http.send('DELETE', `/budgets/${encodeURIComponent(group)}`);
  }

  estimate(request: BudgetEstimateRequest): Promise<BudgetEstimate> {
    return this.http.json('POST', '/budgets/estimate', request);
  }
}
