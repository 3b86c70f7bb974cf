import { Enrollment } from '@internal/plugin-sindri-common';
import { InstanceStore } from '../database/InstanceStore';
import { AgentTokenStore } from '../tokens/AgentTokenStore';
import { TokenSweeper } from '../tokens/TokenSweeper';

/** Enrolling instance names and managing their agent tokens; a token taken away ends its connections. */
export class EnrollmentService {
  constructor(
    private readonly deps: {
      instances: InstanceStore;
      tokens: AgentTokenStore;
      sweeper: TokenSweeper;
    },
  ) {}

  /** Returns the only copy of the new instance's token. */
  enroll(request: { name: string; owner: string; createdBy: string }) {
    return this.deps.instances.enroll(request);
  }

  list(): Promise<Enrollment[]> {
    return this.deps.tokens.listEnrollments();
  }

  async rotate(instanceId: string, createdBy: string) {
    const rotated = await this.deps.tokens.rotate(instanceId, createdBy);
    await this.deps.sweeper.sweep();
    return rotated;
  }

  async revoke(instanceId: string) {
    await this.deps.tokens.revoke(instanceId);
    await this.deps.sweeper.sweep();
  }
}
