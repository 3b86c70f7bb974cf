import { SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';

const github = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in using GitHub',
  apiRef: githubAuthApiRef,
};

/**
 * Offers the sign-in providers named in `app.signIn.providers`: guest in the
 * embedded default, GitHub in production.
 */
export const SindriSignInPage = (props: SignInPageProps) => {
  const config = useApi(configApiRef);
  const names = config.getOptionalStringArray('app.signIn.providers') ?? [
    'guest',
  ];
  const providers = names.map(name =>
    name === 'github' ? github : ('guest' as const),
  );
  return <SignInPage {...props} providers={providers} />;
};
