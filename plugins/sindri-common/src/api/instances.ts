import { InstanceProvider, InstanceStatus } from '../constants';
import { MetricsSample } from '../protocol/samples';
import { Registration } from '../protocol/registration';

/** An instance as the Sindri API returns it. Absent fields were never reported. */
export interface FleetInstance {
  id: string;
  name: string;
  /** Entity ref of the owning user or group. */
  owner: string;
  provider?: InstanceProvider;
  region?: string;
  status: InstanceStatus;
  statusChangedAt?: string;
  registeredAt?: string;
  lastHeartbeatAt?: string;
  heartbeatIntervalSeconds?: number;
  uptimeSeconds?: number;
  registration?: Registration;
  /** The newest raw metrics sample, if any arrived. */
  latestMetrics?: MetricsSample;
}

/** An enrollment as listed by the API: never the token itself. */
export interface Enrollment {
  instanceId: string;
  name: string;
  owner: string;
  tokenId?: string;
  tokenCreatedAt?: string;
  tokenCreatedBy?: string;
  registeredAt?: string;
}
