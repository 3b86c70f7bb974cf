import {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';

/** The groups a signed-in user belongs to, as lower-case entity refs (none for a service). */
export async function userGroups(
  deps: { auth: AuthService; userInfo: UserInfoService },
  credentials: BackstageCredentials,
): Promise<string[]> {
  if (!deps.auth.isPrincipal(credentials, 'user')) return [];
  const { ownershipEntityRefs } = await deps.userInfo.getUserInfo(credentials);
  return ownershipEntityRefs
    .map(r => r.toLocaleLowerCase('en-US'))
    .filter(r => r.startsWith('group:'));
}
