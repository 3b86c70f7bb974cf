import { useMemo, useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { sindriApiRef } from '../../api/SindriApi';
import { UsageGrid } from './UsageGrid';
import { usageCsv } from './usageCsv';

const ALL = '';

const Filter = ({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: string[];
  onChange: (value: string) => void;
}) => (
  <TextField
    select
    label={label}
    value={value}
    onChange={e => onChange(e.target.value)}
    style={{ minWidth: 160 }}
    SelectProps={{ SelectDisplayProps: { 'aria-label': label } as any }}
  >
    <MenuItem value={ALL}>All</MenuItem>
    {options.map(o => (
      <MenuItem key={o} value={o}>
        {o}
      </MenuItem>
    ))}
  </TextField>
);

const sorted = (values: Iterable<string | undefined>) =>
  [...new Set([...values].filter((v): v is string => Boolean(v)))].sort();

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  // some browsers only download from a link in the page, and before its URL is revoked
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Which readable instance reports which extension: filtered by owner, provider and category, exported as CSV. */
export const ExtensionUsageMatrix = () => {
  const api = useApi(sindriApiRef);
  const { value, loading, error } = useAsync(
    () => Promise.all([api.extensions.list(), api.extensions.usage()]),
    [api],
  );
  const [owner, setOwner] = useState(ALL);
  const [provider, setProvider] = useState(ALL);
  const [category, setCategory] = useState(ALL);
  const [registry, usage] = value ?? [];
  const rows = useMemo(
    () =>
      (usage?.instances ?? []).filter(
        i =>
          (!owner || i.owner === owner) &&
          (!provider || i.provider === provider),
      ),
    [usage, owner, provider],
  );
  const extensions = useMemo(
    () =>
      (registry?.extensions ?? [])
        .filter(e => !category || e.category === category)
        .map(e => e.name),
    [registry, category],
  );
  // reported names that are neither registry nor custom extensions have no column: say so
  const unlisted = useMemo(() => {
    const known = new Set((registry?.extensions ?? []).map(e => e.name));
    return [
      ...new Set(
        (usage?.instances ?? []).flatMap(i => [...i.installed, ...i.failed]),
      ),
    ]
      .filter(name => !known.has(name))
      .sort();
  }, [registry, usage]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  let body = <UsageGrid rows={rows} extensions={extensions} />;
  if (!usage!.instances.length)
    body = (
      <Typography variant="body2">
        No instance you may read has registered, so no use of any extension is
        known.
      </Typography>
    );
  else if (!rows.length)
    body = (
      <Typography variant="body2">
        No instance matches these filters.
      </Typography>
    );
  return (
    <Box>
      <Box display="flex" alignItems="flex-end" style={{ gap: 16 }} mb={2}>
        {(
          [
            ['Owner', owner, setOwner, usage!.instances.map(i => i.owner)],
            [
              'Provider',
              provider,
              setProvider,
              usage!.instances.map(i => i.provider),
            ],
            [
              'Category',
              category,
              setCategory,
              registry!.extensions.map(e => e.category),
            ],
          ] as const
        ).map(([label, chosen, onChange, options]) => (
          <Filter
            key={label}
            label={label}
            value={chosen}
            onChange={onChange}
            options={sorted(options)}
          />
        ))}
        <Button
          variant="outlined"
          disabled={!rows.length}
          onClick={() =>
            download('sindri-extension-usage.csv', usageCsv(rows, extensions))
          }
        >
          Export CSV
        </Button>
      </Box>
      <Typography variant="body2" color="textSecondary" paragraph>
        {rows.length} of {usage!.instances.length} instances ×{' '}
        {extensions.length} extensions; ● installed, ✕ failed to install, ? not
        known (the agent cannot read Sindri's ledger). From {usage!.source}.
      </Typography>
      {unlisted.length > 0 && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Also reported, outside the registry and the custom extensions (no
          column): {unlisted.join(', ')}.
        </Typography>
      )}
      {body}
    </Box>
  );
};
