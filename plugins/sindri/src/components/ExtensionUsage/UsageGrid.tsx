import { CSSProperties, useMemo, useRef } from 'react';
import {
  FixedSizeGrid,
  FixedSizeList,
  GridChildComponentProps,
  ListChildComponentProps,
} from 'react-window';
import { makeStyles } from '@material-ui/core/styles';
import type { FleetExtensionUsage } from '@internal/plugin-sindri-common';

type UsageRow = FleetExtensionUsage['instances'][number];

const NAME_WIDTH = 200;
const HEADER_HEIGHT = 120;
const CELL = 26;
const HEIGHT = 520;
const MAX_WIDTH = 1040;

const useStyles = makeStyles(theme => ({
  frame: {
    display: 'grid',
    gridTemplateColumns: `${NAME_WIDTH}px auto`,
    border: `1px solid ${theme.palette.divider}`,
    width: 'fit-content',
    fontSize: 12,
  },
  header: { overflow: 'hidden', height: HEADER_HEIGHT, position: 'relative' },
  heading: {
    position: 'absolute',
    bottom: 4,
    width: CELL,
    transformOrigin: 'bottom left',
    transform: 'translateX(14px) rotate(-60deg)',
    whiteSpace: 'nowrap',
  },
  name: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    padding: theme.spacing(0, 1),
    lineHeight: `${CELL}px`,
  },
  cell: {
    textAlign: 'center',
    lineHeight: `${CELL}px`,
    borderRight: `1px solid ${theme.palette.divider}`,
    borderBottom: `1px solid ${theme.palette.divider}`,
    boxSizing: 'border-box',
  },
  installed: { color: theme.palette.success.main },
  failed: { color: theme.palette.error.main, fontWeight: 'bold' },
}));

type Classes = ReturnType<typeof useStyles>;

interface CellData {
  rows: readonly UsageRow[];
  sets: Array<{ installed: Set<string>; failed: Set<string> }>;
  extensions: readonly string[];
  classes: Classes;
}

const Name = ({ index, style, data }: ListChildComponentProps<CellData>) => (
  <div
    style={style}
    className={data.classes.name}
    title={
      data.rows[index].ledgerUnknown
        ? `${data.rows[index].name}: its agent cannot read Sindri's ledger (${data.rows[index].ledgerUnknown})`
        : data.rows[index].name
    }
  >
    {data.rows[index].name}
    {data.rows[index].ledgerUnknown ? ' (ledger unknown)' : ''}
  </div>
);

const Cell = ({
  rowIndex,
  columnIndex,
  style,
  data,
}: GridChildComponentProps<CellData>) => {
  const extension = data.extensions[columnIndex];
  const row = data.rows[rowIndex];
  const { installed, failed } = data.sets[rowIndex];
  let state: 'installed' | 'failed' | 'unknown' | '' = '';
  if (installed.has(extension)) state = 'installed';
  else if (failed.has(extension)) state = 'failed';
  else if (row.ledgerUnknown) state = 'unknown';
  return (
    <div
      style={style as CSSProperties}
      className={`${data.classes.cell} ${
        state && state !== 'unknown' ? data.classes[state] : ''
      }`}
      data-testid={`usage-${row.name}-${extension}`}
      data-state={state}
      title={`${row.name} · ${extension}: ${state || 'not reported'}`}
    >
      {state === 'installed' && '●'}
      {state === 'failed' && '✕'}
      {state === 'unknown' && '?'}
    </div>
  );
};

/**
 * Instances down, extensions across, only the cells in view drawn
 * (react-window): a fleet of thousands scrolls as one of ten. The names
 * column and the headings follow the grid's scroll.
 */
export function UsageGrid({
  rows,
  extensions,
}: {
  rows: readonly UsageRow[];
  extensions: readonly string[];
}) {
  const classes = useStyles();
  const names = useRef<FixedSizeList>(null);
  const headings = useRef<HTMLDivElement>(null);
  const data = useMemo<CellData>(
    () => ({
      rows,
      extensions,
      classes,
      sets: rows.map(r => ({
        installed: new Set(r.installed),
        failed: new Set(r.failed),
      })),
    }),
    [rows, extensions, classes],
  );
  const width = Math.min(extensions.length * CELL + 17, MAX_WIDTH);
  const height = Math.min(rows.length * CELL + 17, HEIGHT);
  return (
    <div
      className={classes.frame}
      role="grid"
      aria-label="Extensions by instance"
      aria-rowcount={rows.length}
      aria-colcount={extensions.length}
    >
      <div />
      <div className={classes.header} style={{ width }}>
        <div ref={headings} style={{ position: 'relative', height: '100%' }}>
          {extensions.map((e, i) => (
            <div key={e} className={classes.heading} style={{ left: i * CELL }}>
              {e}
            </div>
          ))}
        </div>
      </div>
      <FixedSizeList
        ref={names}
        height={height}
        width={NAME_WIDTH}
        itemCount={rows.length}
        itemSize={CELL}
        itemData={data}
        style={{ overflow: 'hidden' }}
      >
        {Name}
      </FixedSizeList>
      <FixedSizeGrid
        height={height}
        width={width}
        rowCount={rows.length}
        columnCount={extensions.length}
        rowHeight={CELL}
        columnWidth={CELL}
        itemData={data}
        onScroll={({ scrollLeft, scrollTop }) => {
          names.current?.scrollTo(scrollTop);
          if (headings.current)
            headings.current.style.transform = `translateX(${-scrollLeft}px)`;
        }}
      >
        {Cell}
      </FixedSizeGrid>
    </div>
  );
}
