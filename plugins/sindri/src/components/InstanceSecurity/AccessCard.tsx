import { InfoCard, Table } from '@backstage/core-components';
import { InstanceSecurity } from '@internal/plugin-sindri-common';
import Typography from '@material-ui/core/Typography';

type Access = InstanceSecurity['access'];

const dense = { search: false, paging: false, padding: 'dense' as const };

/** What lets anyone in: the agent token's age, SSH keys, listening sockets, declared secrets. */
export const AccessCard = ({ access }: { access: Access }) => {
  const { token } = access;
  return (
    <InfoCard title="Access">
      <Typography variant="body2" data-testid="token-age">
        Agent token:{' '}
        {token.ageDays === undefined
          ? 'none is active'
          : `${token.ageDays} days old (rotation policy: ${
              token.rotationDays
            } days)${token.stale ? ' — due for rotation' : ''}`}
        .
      </Typography>
      {!access.reported && (
        <Typography variant="body2" color="textSecondary">
          Its agent has not reported SSH keys and listening sockets yet.
        </Typography>
      )}
      {access.reported && (
        <>
          <Table
            title={`SSH keys allowed in (${access.sshKeys.length})`}
            options={dense}
            columns={[
              { title: 'Type', field: 'type' },
              { title: 'Bits', render: k => k.bits ?? '' },
              { title: 'Fingerprint', field: 'fingerprint' },
              { title: 'Comment', render: k => k.comment ?? '' },
              { title: 'File', field: 'file' },
              { title: 'Weak', render: k => k.weak ?? 'no' },
            ]}
            data={access.sshKeys}
            emptyContent={
              <Typography style={{ padding: 16 }}>
                No authorized_keys file the agent can read lists a key.
              </Typography>
            }
          />
          <Table
            title={`Listening sockets (${access.listening.length})`}
            options={dense}
            columns={[
              { title: 'Address', render: p => `${p.address}:${p.port}` },
              { title: 'Protocol', field: 'protocol' },
              { title: 'Process', render: p => p.process ?? 'not readable' },
              {
                title: 'Exposure',
                render: p => (p.exposed ? 'beyond the instance' : 'loopback'),
              },
            ]}
            data={access.listening}
          />
        </>
      )}
      <Typography variant="body2" style={{ marginTop: 16 }}>
        Secrets its sindri.yaml declares:{' '}
        {access.secrets.length
          ? access.secrets.map(s => `${s.name} (${s.source})`).join(', ')
          : 'none declared, or no sindri.yaml stored'}
        .
      </Typography>
    </InfoCard>
  );
};
