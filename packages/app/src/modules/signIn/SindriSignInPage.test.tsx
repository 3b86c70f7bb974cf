import { screen } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  configApiRef,
  discoveryApiRef,
  githubAuthApiRef,
} from '@backstage/core-plugin-api';
import { SindriSignInPage } from './SindriSignInPage';

function renderWith(providers?: string[]) {
  const app = {
    title: 'Sindri Fleet Portal',
    ...(providers ? { signIn: { providers } } : {}),
  };
  const config = mockApis.config({ data: { app } });
  const githubAuth = {
    getBackstageIdentity: jest.fn().mockResolvedValue(undefined),
    getProfile: jest.fn().mockResolvedValue(undefined),
    signIn: jest.fn(),
    signOut: jest.fn(),
    sessionState$: jest.fn(),
  };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [configApiRef, config],
        [discoveryApiRef, mockApis.discovery()],
        [githubAuthApiRef, githubAuth],
      ]}
    >
      <SindriSignInPage onSignInSuccess={jest.fn()} />
    </TestApiProvider>,
  );
}

describe('SindriSignInPage', () => {
  it('offers guest sign-in when config names guest', async () => {
    await renderWith(['guest']);
    expect(
      await screen.findByText('Enter as a Guest User.', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Sign in using GitHub')).not.toBeInTheDocument();
  });

  it('offers only GitHub when config names github, as in production', async () => {
    await renderWith(['github']);
    expect(await screen.findByText('Sign in using GitHub')).toBeInTheDocument();
    expect(
      screen.queryByText('Enter as a Guest User.', { exact: false }),
    ).not.toBeInTheDocument();
  });

  it('falls back to guest when nothing is configured', async () => {
    await renderWith();
    expect(
      await screen.findByText('Enter as a Guest User.', { exact: false }),
    ).toBeInTheDocument();
  });
});
