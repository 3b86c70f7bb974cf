import type * as NodePty from 'node-pty';

let loaded: typeof NodePty | undefined;

/**
 * node-pty, loaded when the first terminal opens: it is a native module
 * installed beside the agent's bundle, and an agent without it (its build
 * failed on the instance) still reports the instance; only its terminals fail,
 * saying why.
 */
export function loadNodePty(): typeof NodePty {
  if (!loaded) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('node-pty') as typeof NodePty;
    } catch (error) {
      throw new Error(
        `terminals need node-pty, which is not installed beside the agent: ${
          (error as Error).message.split('\n')[0]
        }`,
      );
    }
  }
  return loaded;
}
