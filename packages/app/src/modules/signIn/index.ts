import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () =>
      import('./SindriSignInPage').then(m => m.SindriSignInPage),
  },
});

/** Replaces the app's guest-only sign-in page with one driven by config. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
