import { main } from './main';

// The bundle's entry: what `sindri-agent` runs once installed on an instance.
main(process.argv.slice(2)).then(code => {
  process.exitCode = code;
});
