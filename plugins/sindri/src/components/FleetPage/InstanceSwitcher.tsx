import { useEffect, useRef, useState } from 'react';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { sindriApiRef } from '../../api/SindriApi';

/** Whether a key press came from something the user types into. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The Sindri page's quick switcher: a search box over the instances the user
 * may read (the backend lists no other), opening the chosen one. `/` focuses
 * it from anywhere on the page but a text field.
 */
export const InstanceSwitcher = () => {
  const api = useApi(sindriApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const { value: instances, error } = useAsync(
    () => (open ? api.listInstances() : Promise.resolve(undefined)),
    [api, open],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || typing(event.target)) return;
      event.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Autocomplete
      style={{ width: 280 }}
      size="small"
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      options={(instances ?? []).map(i => i.name)}
      loading={open && !instances && !error}
      noOptionsText={
        error ? `Instances not loaded: ${error.message}` : 'No instance matches'
      }
      onChange={(_event, name) => {
        if (name)
          navigate(
            entityRoute({ namespace: 'default', kind: 'resource', name }),
          );
      }}
      renderInput={params => (
        <TextField
          {...params}
          inputRef={input}
          variant="outlined"
          placeholder="Go to an instance (press /)"
          // on the header's colours
          style={{ background: 'white', borderRadius: 4 }}
          inputProps={{
            ...params.inputProps,
            'aria-label': 'Go to an instance',
          }}
        />
      )}
    />
  );
};
