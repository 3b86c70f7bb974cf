import { parseCommandLine } from './parseCommandLine';

describe('parseCommandLine', () => {
  it.each([
    ['uname -a', ['uname', '-a']],
    ['  ls   -la /tmp ', ['ls', '-la', '/tmp']],
    [`echo "a b" 'c d' e\\ f`, ['echo', 'a b', 'c d', 'e f']],
    [`grep -r 'a|b' src`, ['grep', '-r', 'a|b', 'src']],
    [`echo '$HOME' "*.ts" '~'`, ['echo', '$HOME', '*.ts', '~']],
    ['env FOO=1 node app.js', ['env', 'FOO=1', 'node', 'app.js']],
    ['git log --format=%H~1', ['git', 'log', '--format=%H~1']],
  ])('splits %s into argv', (line, argv) => {
    expect(parseCommandLine(line)).toEqual({ argv });
  });

  it.each([
    ['ls | wc -l', /\| is a shell operator/],
    ['make && make install', /&& is a shell operator/],
    ['echo hi > /tmp/x', /> is a shell operator/],
    ['sleep 10 &', /& is a shell operator/],
    ['echo a; rm b', /; is a shell operator/],
    ['ls *.ts', /\*\.ts is a glob pattern/],
    ['echo $HOME', /\$HOME would be expanded by a shell/],
    ['echo "${PATH}"', /\$PATH would be expanded/],
    ['echo $(id)', /\$\(…\) would be expanded/],
    ['echo `id`', /command substitution/],
    ['ls ~/src', /~ is not expanded/],
    ['echo hi # note', /# starts a comment/],
    ['FOO=1 node app.js', /FOO=1 before the program sets a variable/],
    [`echo 'open`, /single quote is not closed/],
    [`echo "open`, /double quote is not closed/],
    [`printf ''`, /Empty arguments/],
    ['   ', /Enter a command/],
  ])('rejects %s', (line, message) => {
    const parsed = parseCommandLine(line);
    expect(parsed.argv).toBeUndefined();
    expect(parsed.error).toMatch(message);
  });
});
