import { memo } from 'react';
import { Handle, NodeProps, Position } from 'reactflow';
import { Link } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { NODE_HEIGHT, NODE_WIDTH } from './layoutGraph';
import type { NodeRole } from './highlight';

/** An extension's mark on an instance: reported installed, needed but not reported, failed to install, or not declared. */
export type ExtensionMark = 'installed' | 'missing' | 'failed' | 'extra';

export interface ExtensionNodeData {
  name: string;
  category: string;
  colour: string;
  role: NodeRole;
  /** the entity page, when the extension has one */
  href?: string;
  mark?: ExtensionMark;
  /** an organisation's own extension */
  custom?: boolean;
  /** the search box's text is in its name */
  matched: boolean;
}

const useStyles = makeStyles(theme => ({
  node: {
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    boxSizing: 'border-box',
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0, 1),
    borderRadius: 6,
    borderStyle: 'solid',
    background: theme.palette.background.paper,
    color: theme.palette.text.primary,
    fontSize: 11,
    cursor: 'pointer',
    transition: 'opacity 120ms',
  },
  swatch: { width: 10, height: 10, borderRadius: '50%', flex: 'none' },
  name: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    flex: 1,
  },
  mark: { fontSize: 10, color: theme.palette.text.secondary },
}));

/** edges attach at the handles; nothing is connected by hand, so they need not show */
const HIDDEN = { opacity: 0 };

const BORDER: Record<NodeRole, number> = {
  selected: 3,
  dependency: 2,
  dependant: 2,
  dimmed: 1,
  plain: 1,
};

const MARK_LABEL: Record<ExtensionMark, string> = {
  installed: '',
  missing: 'missing',
  failed: 'failed',
  extra: 'extra',
};

/** One extension in the graph: its category's colour, its name linking to its entity, its mark on an instance. */
export const ExtensionNode = memo(({ data }: NodeProps<ExtensionNodeData>) => {
  const classes = useStyles();
  const dashed = data.mark === 'missing' || data.mark === 'extra';
  return (
    <div
      className={classes.node}
      data-testid={`extension-node-${data.name}`}
      data-role={data.role}
      data-mark={data.mark ?? ''}
      data-custom={Boolean(data.custom)}
      data-matched={data.matched}
      title={`${data.name} (${data.category}${data.custom ? ', custom' : ''})`}
      style={{
        borderColor: data.mark === 'failed' ? '#d32f2f' : data.colour,
        borderWidth: data.matched ? 3 : BORDER[data.role],
        borderStyle: dashed ? 'dashed' : 'solid',
        opacity: data.role === 'dimmed' ? 0.25 : 1,
      }}
    >
      <Handle
        type="target"
        position={Position.Top}
        isConnectable={false}
        style={HIDDEN}
      />
      <span className={classes.swatch} style={{ background: data.colour }} />
      <span className={classes.name}>
        {data.href ? (
          <Link to={data.href} onClick={e => e.stopPropagation()}>
            {data.name}
          </Link>
        ) : (
          data.name
        )}
      </span>
      {data.custom && <span className={classes.mark}>custom</span>}
      {data.mark && MARK_LABEL[data.mark] && (
        <span className={classes.mark}>{MARK_LABEL[data.mark]}</span>
      )}
      <Handle
        type="source"
        position={Position.Bottom}
        isConnectable={false}
        style={HIDDEN}
      />
    </div>
  );
});
