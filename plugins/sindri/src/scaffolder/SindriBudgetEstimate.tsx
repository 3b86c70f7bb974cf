import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  BudgetEstimate,
  BudgetEstimateRequest,
  BudgetList,
  formatMoney,
} from '@internal/plugin-sindri-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { sindriApiRef } from '../api/SindriApi';

type Options = {
  ownerField?: string;
  yamlField?: string;
  cloneField?: string;
};

/** What the form describes, as the estimate route takes it; undefined until there is an owner. */
export function estimateRequestOf(
  data: Record<string, any>,
  options: Options = {},
): BudgetEstimateRequest | undefined {
  const given = data[options.ownerField ?? 'owner'];
  const owner = typeof given === 'string' && given ? given : undefined;
  const source = data[options.cloneField ?? 'source'];
  // a clone without an owner keeps its source's: the backend looks it up
  if (typeof source === 'string' && source)
    return {
      ...(owner ? { owner } : {}),
      cloneFrom: parseEntityRef(source, { defaultKind: 'resource' }).name,
      ...(data.provider ? { provider: data.provider } : {}),
      ...(data.region ? { region: data.region } : {}),
    };
  if (!owner) return undefined;
  const yaml = data[options.yamlField ?? 'sindriYaml'];
  if (typeof yaml === 'string' && yaml.trim())
    return { owner, sindriYaml: yaml };
  const provider = data.provider ?? 'docker';
  return {
    owner,
    config: {
      deployment: {
        provider,
        resources: {
          ...(data.cpus ? { cpus: data.cpus } : {}),
          ...(data.memory ? { memory: data.memory } : {}),
        },
      },
      ...(data.region
        ? { providers: { [provider]: { region: data.region } } }
        : {}),
    },
  };
}

const verdictText = (e: BudgetEstimate) => {
  if (e.verdict === 'within') return 'This instance keeps the group within it.';
  if (e.enforcement === 'block')
    return 'This instance would run the group over it: the create will be refused.';
  if (e.enforcement === 'warn')
    return 'This instance would run the group over it: the create goes ahead with a warning.';
  return 'This instance would run the group over it (the budget is not enforced; its alerts will fire).';
};

const remainingOf = (list: BudgetList, group: string) => {
  const b = list.items.find(i => i.group === group);
  return b
    ? `${formatMoney(Math.max(0, b.remaining))} left of ${formatMoney(
        b.monthlyUsd,
      )}`
    : 'no budget';
};

/**
 * The create page's budget line: what the instance being described would
 * cost to the month's end at list prices, against its owner group's budget,
 * and what is left of each of the user's groups' budgets. Shows; sets nothing.
 */
export const SindriBudgetEstimate = (
  props: FieldExtensionComponentProps<string | undefined, Options>,
) => {
  const api = useApi(sindriApiRef);
  const data: Record<string, any> = (props.formContext as any)?.formData ?? {};
  const request = estimateRequestOf(data, props.uiSchema?.['ui:options']);
  const key = JSON.stringify(request ?? null);
  const [debounced, setDebounced] = useState(key);
  useDebounce(() => setDebounced(key), 400, [key]);
  const estimate = useAsync(async () => {
    const r = JSON.parse(debounced) as BudgetEstimateRequest | null;
    return r ? api.budgets.estimate(r) : undefined;
  }, [api, debounced]);
  const budgets = useAsync(() => api.budgets.list(), [api]);
  const e = estimate.value;
  return (
    <Box my={2}>
      <Typography variant="subtitle1">
        {props.schema.title ?? 'Cost and budget'}
      </Typography>
      {!request && (
        <Typography variant="body2" color="textSecondary">
          Choose an owner to see the budget this instance counts against.
        </Typography>
      )}
      {estimate.error && (
        <Typography variant="body2" color="error">
          No estimate: {estimate.error.message}
        </Typography>
      )}
      {request && !e && !estimate.error && (
        <Typography variant="body2" color="textSecondary">
          Estimating…
        </Typography>
      )}
      {e && (
        <>
          <Typography variant="body2">
            This instance: {formatMoney(e.perHour)}/h while it runs at list
            prices, {formatMoney(e.projected)} to the month's end (
            {Math.round(e.hoursLeft)} h).
            {e.missing.length > 0 && ` Not priced: ${e.missing.join('; ')}.`}
          </Typography>
          {e.budget ? (
            <Typography
              variant="body2"
              color={e.verdict === 'over' ? 'error' : 'textPrimary'}
            >
              {e.owner}: {formatMoney(Math.max(0, e.budget.remaining))} left of
              its {formatMoney(e.budget.monthlyUsd)} budget for {e.budget.month}{' '}
              (spent {formatMoney(e.budget.spent)}, projected{' '}
              {formatMoney(e.budget.projected)}). {verdictText(e)}
            </Typography>
          ) : (
            <Typography variant="body2" color="textSecondary">
              {e.owner} has no budget.
            </Typography>
          )}
        </>
      )}
      {budgets.value && budgets.value.myGroups.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          Your groups:{' '}
          {budgets.value.myGroups
            .map(g => `${g} ${remainingOf(budgets.value!, g)}`)
            .join('; ')}
          .
        </Typography>
      )}
    </Box>
  );
};
