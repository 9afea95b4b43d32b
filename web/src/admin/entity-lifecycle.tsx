import { ActionForm } from './action-form';
import { call, type AdminSession } from './api';

/** A user or resource as the lifecycle forms need it. */
export interface MailboxEntity {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly email?: string;
}

/**
 * Turns a user's or resource's mailbox on (RegisterToWorkMail, at an address) or off (DeregisterFromWorkMail), and
 * deletes it once it is off (DeleteUser / DeleteResource: WorkMail deletes only disabled entities).
 */
export function EntityLifecycle(props: {
  session: AdminSession;
  organizationId: string;
  entity: MailboxEntity;
  kind: 'User' | 'Resource';
  onChange: () => void;
}) {
  const { entity, kind } = props;
  const key = { OrganizationId: props.organizationId, EntityId: entity.id };
  return (
    <section aria-label={`Mailbox of ${entity.name}`}>
      <h5>Mailbox</h5>
      {entity.state === 'DELETED' && <p>{entity.name} is deleted.</p>}
      {entity.state === 'ENABLED' && (
        <ActionForm
          label={`Disable ${entity.name}`}
          submit="Disable mailbox"
          run={async () => {
            await call(props.session, 'WorkMailService.DeregisterFromWorkMail', key);
            props.onChange();
            return `${entity.name} is disabled`;
          }}
        />
      )}
      {entity.state === 'DISABLED' && (
        <>
          <ActionForm
            label={`Enable ${entity.name}`}
            submit="Enable mailbox"
            run={async ({ Email }) => {
              await call(props.session, 'WorkMailService.RegisterToWorkMail', { ...key, Email });
              props.onChange();
              return `${entity.name} is enabled at ${Email}`;
            }}
          >
            <input
              name="Email"
              aria-label="Email address"
              type="email"
              placeholder="email address"
              defaultValue={entity.email}
              required
            />
          </ActionForm>
          <ActionForm
            label={`Delete ${entity.name}`}
            submit={`Delete ${kind.toLowerCase()}`}
            run={async () => {
              await call(props.session, `WorkMailService.Delete${kind}`, {
                OrganizationId: props.organizationId,
                [`${kind}Id`]: entity.id,
              });
              props.onChange();
              return `${entity.name} is deleted`;
            }}
          />
        </>
      )}
    </section>
  );
}
