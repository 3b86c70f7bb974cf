import { useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { ConfigVersion } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../../api/SindriApi';
import { SindriYamlDiff } from '../SindriYamlEditor';

const HIDDEN =
  'hidden: a sindri.yaml is shown to who created the instance or stored the version, and to sindri.instance.audit.read';

const THIS_INSTANCE = '';

/** The text of a version, or why it cannot be shown. */
async function textOf(
  load: () => Promise<ConfigVersion>,
): Promise<{ text?: string; hidden?: string }> {
  const version = await load();
  return version.sindriYaml !== undefined
    ? { text: version.sindriYaml }
    : { hidden: HIDDEN };
}

/** A side-by-side diff: between two versions of this instance, or its declared file and another readable instance's. */
export const ConfigDiffCard = ({
  name,
  left,
  right,
}: {
  name: string;
  left?: number;
  right?: number;
}) => {
  const api = useApi(sindriApiRef);
  const [other, setOther] = useState(THIS_INSTANCE);
  const instances = useAsync(
    async () =>
      (await api.listInstances()).map(i => i.name).filter(n => n !== name),
    [api, name],
  );
  const diff = useAsync(async () => {
    if (left === undefined) return undefined;
    const from = await textOf(() => api.config.version(name, left));
    if (other === THIS_INSTANCE) {
      if (right === undefined) return undefined;
      const to = await textOf(() => api.config.version(name, right));
      return {
        from,
        to,
        labels: [`${name} version ${left}`, `${name} version ${right}`],
      };
    }
    // a readable instance the portal did not deploy has no versions (404)
    const versions = await api.config
      .versions(other)
      .catch((e: { statusCode?: number }) => {
        if (e.statusCode === 404) return [];
        throw e;
      });
    const newest = versions.find(v => v.current) ?? versions[0];
    if (!newest)
      return {
        from,
        to: { hidden: `${other} has no stored sindri.yaml` },
        labels: [`${name} version ${left}`, other],
      };
    const to = await textOf(() => api.config.version(other, newest.version));
    return {
      from,
      to,
      labels: [`${name} version ${left}`, `${other} version ${newest.version}`],
    };
  }, [api, name, left, right, other]);

  return (
    <InfoCard
      title="Diff"
      subheader="Pick two versions in the history, or compare with another instance you may read"
    >
      <FormControl variant="outlined" size="small" style={{ minWidth: 280 }}>
        <InputLabel id="diff-against" shrink>
          Compare with
        </InputLabel>
        <Select
          displayEmpty
          labelId="diff-against"
          label="Compare with"
          value={other}
          onChange={e => setOther(e.target.value as string)}
        >
          <MenuItem value={THIS_INSTANCE}>
            the version picked in the history
          </MenuItem>
          {(instances.value ?? []).map(n => (
            <MenuItem key={n} value={n}>
              {n} (its declared sindri.yaml)
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {diff.loading && <Progress />}
      {diff.error && <ResponseErrorPanel error={diff.error} />}
      {diff.value && (diff.value.from.hidden || diff.value.to.hidden) && (
        <Typography color="textSecondary">
          {diff.value.from.hidden ?? diff.value.to.hidden}
        </Typography>
      )}
      {diff.value?.from.text !== undefined &&
        diff.value?.to.text !== undefined && (
          <>
            <Typography variant="body2" style={{ marginTop: 8 }}>
              {diff.value.labels[0]} → {diff.value.labels[1]}
            </Typography>
            <SindriYamlDiff
              left={diff.value.from.text}
              right={diff.value.to.text}
              leftLabel={diff.value.labels[0]}
              rightLabel={diff.value.labels[1]}
            />
          </>
        )}
    </InfoCard>
  );
};
