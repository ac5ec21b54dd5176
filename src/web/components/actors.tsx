import { get } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import { hasRole, useSession } from '../session.tsx';
import type { User } from '../types.ts';

const MAX_LOOKUPS = 25;

/**
 * Names for the actor ids of audit entries. Only admins may read other users, so an auditor
 * sees the id's first characters (the full id is in the title and in the export).
 */
export const useActorNames = (ids: (string | null)[]): Map<string, string> => {
  const { user } = useSession();
  const distinct = [...new Set(ids.filter((i): i is string => !!i))].slice(0, MAX_LOOKUPS);
  const canLook = hasRole(user, 'admin');
  const names = useLoad(
    async (signal) => {
      const m = new Map<string, string>([[user.id, user.name]]);
      if (!canLook) return m;
      await Promise.all(
        distinct
          .filter((id) => !m.has(id))
          .map((id) =>
            get<User>(`/users/${encodeURIComponent(id)}`, { signal }).then(
              (u) => void m.set(id, `${u.name} (${u.username})`),
              () => undefined,
            ),
          ),
      );
      return m;
    },
    [distinct.join(',')],
  );
  return names.data ?? new Map();
};

export const ActorName = ({ id, names }: { id: string | null; names: Map<string, string> }) =>
  id === null ? <span class="muted">{t('audit.system')}</span> : <span title={id}>{names.get(id) ?? `${id.slice(0, 8)}…`}</span>;
