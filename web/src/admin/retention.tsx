import { ActionForm } from './action-form';
import { ApiError, call, type AdminSession } from './api';
import { Choices } from './choices';
import { useLoad } from './use-load';

/** WorkMail's system folders a retention policy can name, as the console names them. */
const FOLDERS = [
  ['INBOX', 'Inbox'],
  ['DELETED_ITEMS', 'Deleted items'],
  ['SENT_ITEMS', 'Sent items'],
  ['DRAFTS', 'Drafts'],
  ['JUNK_EMAIL', 'Junk email'],
] as const;

const ACTIONS = [
  ['NONE', 'Keep'],
  ['DELETE', 'Delete (recoverable)'],
  ['PERMANENTLY_DELETE', 'Delete permanently'],
] as const;

interface FolderConfiguration {
  readonly Name: string;
  readonly Action: string;
  readonly Period?: number;
}
interface Policy {
  readonly Id: string;
  readonly Name: string;
  readonly Description?: string;
  readonly FolderConfigurations: readonly FolderConfiguration[];
}

/** The organization's policy (GetDefaultRetentionPolicy), or undefined while it has none. */
async function currentPolicy(session: AdminSession, organizationId: string): Promise<Policy | undefined> {
  try {
    return await call<Policy>(session, 'WorkMailService.GetDefaultRetentionPolicy', {
      OrganizationId: organizationId,
    });
  } catch (failure) {
    if (failure instanceof ApiError && failure.type === 'EntityNotFoundException') return undefined;
    throw failure;
  }
}

const actionOf = (action: string) => ACTIONS.find(([name]) => name === action)?.[1] ?? action;

/**
 * The organization's retention policy: what it says per folder, a form per folder (and one for all folders) that
 * changes just that part (PutRetentionPolicy replaces the whole policy, so the form re-reads it first), and a button
 * that deletes the policy (DeleteRetentionPolicy).
 */
export function Retention(props: { session: AdminSession; organizationId: string }) {
  const policy = useLoad(() => currentPolicy(props.session, props.organizationId), [props.organizationId]);
  const configured = (folder: string) =>
    policy.value?.FolderConfigurations.find((configuration) => configuration.Name === folder);
  const save = async (folders: readonly string[], Action: string, period: string) => {
    const current = await currentPolicy(props.session, props.organizationId);
    const changed = folders.map((Name) => ({
      Name,
      Action,
      ...(Action === 'NONE' || !period ? {} : { Period: Number(period) }),
    }));
    await call(props.session, 'WorkMailService.PutRetentionPolicy', {
      OrganizationId: props.organizationId,
      ...(current ? { Id: current.Id, Description: current.Description } : {}),
      Name: current?.Name ?? 'default',
      FolderConfigurations: [
        ...(current?.FolderConfigurations ?? []).filter(
          (configuration) => !folders.includes(configuration.Name),
        ),
        ...changed,
      ],
    });
    policy.reload();
  };
  return (
    <section aria-labelledby="retention-heading">
      <h3 id="retention-heading">Retention</h3>
      <p>
        Per folder, what happens to a message older than a number of days (1–730), in every mailbox of the
        organization. Deleted messages go to Recoverable Items, where users can restore them.
      </p>
      {policy.error && <p role="alert">{policy.error}</p>}
      {policy.loaded && (
        <table aria-label="Retention policy">
          <thead>
            <tr>
              <th scope="col">Folder</th>
              <th scope="col">Action</th>
              <th scope="col">After</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {FOLDERS.map(([folder, label]) => (
              <tr key={folder}>
                <th scope="row">{label}</th>
                <td>{actionOf(configured(folder)?.Action ?? 'NONE')}</td>
                <td>{configured(folder)?.Period ? `${configured(folder)?.Period} days` : ''}</td>
                <td>
                  <FolderForm
                    label={`${label} retention`}
                    current={configured(folder)}
                    onSave={(action, period) => save([folder], action, period)}
                  />
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">All folders</th>
              <td colSpan={2}>Sets every folder above at once</td>
              <td>
                <FolderForm
                  label="All folders retention"
                  onSave={(action, period) =>
                    save(
                      FOLDERS.map(([folder]) => folder),
                      action,
                      period,
                    )
                  }
                />
              </td>
            </tr>
          </tbody>
        </table>
      )}
      {policy.value && (
        <ActionForm
          label="Delete retention policy"
          submit="Delete the policy"
          run={async () => {
            await call(props.session, 'WorkMailService.DeleteRetentionPolicy', {
              OrganizationId: props.organizationId,
              Id: policy.value!.Id,
            });
            policy.reload();
            return 'The retention policy is deleted: messages are kept';
          }}
        />
      )}
    </section>
  );
}

/** One folder's (or all folders') action and period. */
function FolderForm(props: {
  label: string;
  current?: FolderConfiguration;
  onSave: (action: string, period: string) => Promise<void>;
}) {
  return (
    <ActionForm
      label={props.label}
      submit="Save"
      run={async ({ Action, Period }) => {
        await props.onSave(Action, Period);
        return `Saved: ${actionOf(Action)}${Action === 'NONE' ? '' : ` after ${Period} days`}`;
      }}
    >
      <select name="Action" aria-label="Action">
        <Choices choices={ACTIONS} selected={props.current?.Action} />
      </select>
      <input
        name="Period"
        aria-label="Period in days"
        type="number"
        min={1}
        max={730}
        placeholder="days"
        defaultValue={props.current?.Period?.toString()}
      />
    </ActionForm>
  );
}
