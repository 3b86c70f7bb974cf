import { useState } from 'react';
import {
  CommandResult,
  FINAL_COMMAND_STATES,
  LIVE_LIMITS,
  sindriInstanceAuditReadPermission,
} from '@internal/plugin-sindri-common';
import Box from '@material-ui/core/Box';
import Collapse from '@material-ui/core/Collapse';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import { formatBytes, formatDuration } from '../common/format';
import { PreformattedText } from '../common/PreformattedText';
import { InstanceOutput } from './runState';
import { ResultStateLabel } from './StateLabels';

const isFinal = (r: CommandResult) => FINAL_COMMAND_STATES.includes(r.state);

function exitText(r: CommandResult): string {
  if (r.exitCode !== undefined && r.exitCode !== null)
    return String(r.exitCode);
  if (r.signal) return `killed (${r.signal})`;
  return isFinal(r) ? 'none' : 'not yet';
}

function durationText(r: CommandResult): string {
  if (r.durationMs !== undefined) return formatDuration(r.durationMs);
  if (r.state === 'running') return 'in progress';
  return isFinal(r) ? 'not recorded' : 'not started';
}

const OutputBlock = ({
  title,
  text,
  bytes,
}: {
  title: string;
  text: string;
  bytes: number;
}) => (
  <Box mb={1}>
    <Typography variant="subtitle2">
      {title}
      {bytes > LIVE_LIMITS.commandOutputTailBytes
        ? ` (the last ${formatBytes(
            LIVE_LIMITS.commandOutputTailBytes,
          )} of ${formatBytes(bytes)})`
        : ''}
    </Typography>
    {text ? (
      <PreformattedText>{text}</PreformattedText>
    ) : (
      <Typography variant="body2" color="textSecondary">
        none
      </Typography>
    )}
  </Box>
);

const ResultRow = ({
  result,
  output,
  initiallyOpen,
}: {
  result: CommandResult;
  output?: InstanceOutput;
  initiallyOpen: boolean;
}) => {
  const [open, setOpen] = useState(initiallyOpen);
  const stdout = output?.stdout ?? result.stdout;
  const stderr = output?.stderr ?? result.stderr;
  return (
    <>
      <TableRow data-testid={`result-${result.instance}`}>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={`${open ? 'Hide' : 'Show'} output of ${
              result.instance
            }`}
            onClick={() => setOpen(!open)}
          >
            {open ? <KeyboardArrowDownIcon /> : <KeyboardArrowRightIcon />}
          </IconButton>
        </TableCell>
        <TableCell>{result.instance}</TableCell>
        <TableCell>
          <ResultStateLabel state={result.state} />
        </TableCell>
        <TableCell>{exitText(result)}</TableCell>
        <TableCell>{durationText(result)}</TableCell>
        <TableCell>
          {isFinal(result)
            ? `${formatBytes(result.stdoutBytes)} / ${formatBytes(
                result.stderrBytes,
              )}`
            : 'not yet'}
        </TableCell>
        <TableCell>{result.message ?? ''}</TableCell>
      </TableRow>
      <TableRow>
        <TableCell
          colSpan={7}
          style={{
            paddingTop: 0,
            paddingBottom: 0,
            borderBottom: open ? undefined : 'none',
          }}
        >
          <Collapse in={open} unmountOnExit>
            <Box py={1}>
              {result.outputHidden ? (
                <Typography variant="body2" color="textSecondary">
                  Output hidden: it is shown to whoever ran the command and to
                  those with{' '}
                  <code>{sindriInstanceAuditReadPermission.name}</code> on{' '}
                  {result.instance}.
                </Typography>
              ) : (
                <>
                  <OutputBlock
                    title="stdout"
                    text={stdout}
                    bytes={result.stdoutBytes}
                  />
                  <OutputBlock
                    title="stderr"
                    text={stderr}
                    bytes={result.stderrBytes}
                  />
                </>
              )}
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
};

/** One row per instance of a run: state, exit code, duration, bytes; the output expands. */
export const CommandResultsTable = ({
  results,
  output = {},
  expanded = false,
}: {
  results: CommandResult[];
  output?: Record<string, InstanceOutput>;
  /** open every output (for a single instance) */
  expanded?: boolean;
}) => (
  <Table size="small">
    <TableHead>
      <TableRow>
        <TableCell padding="checkbox" />
        <TableCell>Instance</TableCell>
        <TableCell>State</TableCell>
        <TableCell>Exit code</TableCell>
        <TableCell>Duration</TableCell>
        <TableCell>stdout / stderr</TableCell>
        <TableCell>Message</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {results.map(result => (
        <ResultRow
          key={result.instance}
          result={result}
          output={output[result.instance]}
          initiallyOpen={expanded}
        />
      ))}
    </TableBody>
  </Table>
);
