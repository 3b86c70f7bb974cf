import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { result } from '../../__testUtils__/fixtures';
import { CommandResultsTable } from './CommandResultsTable';

describe('CommandResultsTable', () => {
  it('says output is hidden, and from whom, rather than showing it as empty', async () => {
    await renderInTestApp(
      <CommandResultsTable
        expanded
        results={[
          result('dev-mine', {
            state: 'succeeded',
            exitCode: 0,
            stdout: 'hello\n',
            stdoutBytes: 6,
          }),
          result('dev-theirs', {
            state: 'succeeded',
            exitCode: 0,
            stdoutBytes: 6,
            outputHidden: true,
          }),
        ]}
      />,
    );
    expect(screen.getByText('hello')).toBeInTheDocument();
    expect(
      screen.getByText(/Output hidden: it is shown to whoever ran the command/),
    ).toBeInTheDocument();
    expect(screen.getAllByText('stdout')).toHaveLength(1);
  });
});
