import { useState } from 'react';
import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  formatMoney,
  InstanceUsage,
  sindriInstanceLifecyclePermission,
  instanceEntityRef,
} from '@internal/plugin-sindri-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { sindriApiRef } from '../../api/SindriApi';
import { formatAgo } from '../common/format';

type Idle = InstanceUsage['idle'];
type Activity = Idle['activity'][number];

const KIND_LABEL: Record<Activity['kind'], string> = {
  terminal: 'Terminal session',
  command: 'Command',
  cpu: 'CPU above the threshold',
  network: 'Network traffic',
};

const VERDICT_TITLE: Record<Idle['verdict'], string> = {
  idle: 'Idle',
  active: 'In use',
  'not-running': 'Not running',
  'too-new': 'Too new to judge',
};

const columns = (days: number): TableColumn<Activity>[] => [
  { title: 'Activity', render: a => KIND_LABEL[a.kind] },
  {
    title: 'Last seen',
    render: a =>
      a.lastAt
        ? `${formatAgo(a.lastAt)} (${new Date(a.lastAt).toLocaleString()})`
        : 'never, in the data kept',
  },
  { title: 'What', field: 'detail' },
  {
    title: `Within ${days} days`,
    render: a => (a.withinWindow ? 'yes' : 'no'),
  },
];

/** Whether the instance is idle, and why or why not; a suspend for those who may. */
export const IdleCard = ({ name, idle }: { name: string; idle: Idle }) => {
  const api = useApi(sindriApiRef);
  const { allowed } = usePermission({
    permission: sindriInstanceLifecyclePermission,
    resourceRef: instanceEntityRef(name),
  });
  const [suspend, setSuspend] = useState<string>();
  return (
    <InfoCard title={`Idle: ${VERDICT_TITLE[idle.verdict]}`}>
      <div data-testid="idle-verdict">
        {idle.reasons.map(r => (
          <Typography key={r} variant="body2">
            {idle.verdict === 'idle' ? 'Idle: ' : 'Not idle: '}
            {r}.
          </Typography>
        ))}
      </div>
      {idle.verdict === 'idle' && (
        <>
          <Typography variant="body2">
            Idle since {new Date(idle.idleSince!).toLocaleString()}: it costs{' '}
            {formatMoney(idle.costPerDay!)} a day more running than suspended,{' '}
            {formatMoney(idle.costSoFar!)} since then.
          </Typography>
          {allowed && (
            <Button
              variant="contained"
              color="primary"
              disabled={Boolean(suspend)}
              onClick={() =>
                api.runLifecycle(name, { action: 'suspend' }).then(
                  () =>
                    setSuspend('Suspending: follow it on the Overview tab.'),
                  e => setSuspend(`Not suspended: ${e.message ?? e}`),
                )
              }
            >
              Suspend
            </Button>
          )}
          {suspend && <Typography variant="body2">{suspend}</Typography>}
        </>
      )}
      <Table
        title="Last activity of each kind"
        options={{ search: false, paging: false, padding: 'dense' }}
        columns={columns(idle.days)}
        data={idle.activity}
      />
    </InfoCard>
  );
};
