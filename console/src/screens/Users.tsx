import { useChangedSince, useGet } from '../api/hooks.js';
import { qs } from '../api/client.js';
import { ErrorNote, Header, Loading } from '../components/bits.js';
import { Time } from '../prefs.js';

interface User {
  id: number;
  name: string;
  role: string;
  createdAt: number;
  createdBy: string;
  disabled: boolean;
  activeTokens?: number;
}

const PATH = '/users';

/**
 * The console's users (admins only): name, role, whether disabled, live tokens. Kept fresh by
 * "changed since" polling: a user added, a role changed, a token minted, revoked or expired
 * elsewhere (the CLI, another admin) shows without a reload. Changes are made with
 * `ferry users` or the admin API.
 */
export function UsersScreen() {
  const list = useGet<User[]>(PATH);
  useChangedSince([PATH], (since) => [`${PATH}${qs({ changedSince: since })}`]);
  return (
    <div>
      <Header title="Users">
        <p className="muted">
          Each person signs in as a user of one role. Add users, change roles and mint tokens with{' '}
          <code>ferry users</code>.
        </p>
      </Header>
      <ErrorNote error={list.error} />
      {list.isPending ? (
        <Loading what="users" />
      ) : (
        <table className="list">
          <caption className="sr-only">Users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Live tokens</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.role}</td>
                <td>{u.disabled ? 'disabled' : 'active'}</td>
                <td className="num">{u.activeTokens ?? 0}</td>
                <td>
                  <Time ms={u.createdAt} /> by {u.createdBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
