import { ActionForm } from './action-form';
import { Aliases } from './aliases';
import { call, type AdminSession } from './api';
import { EntityLifecycle } from './entity-lifecycle';
import { MailboxPermissions } from './mailbox-permissions';
import { ResourceDelegates } from './resource-delegates';
import type { Resource } from './resources';
import { useFocusOnOpen } from './use-focus-on-open';
import { useLoad } from './use-load';

/** How a resource answers meeting requests (WorkMail's booking options). */
const BOOKING_OPTIONS = [
  ['AutoAcceptRequests', 'Accept requests automatically'],
  ['AutoDeclineRecurringRequests', 'Decline recurring meetings'],
  ['AutoDeclineConflictingRequests', 'Decline conflicting meetings'],
] as const;

type BookingOptions = Record<(typeof BOOKING_OPTIONS)[number][0], boolean>;

/**
 * One resource, opened from the resources table: description and booking options (DescribeResource, UpdateResource),
 * delegates, mailbox on/off and deletion, and — while its mailbox is on — its aliases and who may use the mailbox.
 */
export function ResourceDetails(props: {
  session: AdminSession;
  organizationId: string;
  resource: Resource;
  onChange: () => void;
}) {
  const { resource } = props;
  const key = { OrganizationId: props.organizationId, ResourceId: resource.Id };
  const panel = useFocusOnOpen<HTMLElement>();
  const details = useLoad(
    () =>
      call<{ BookingOptions?: BookingOptions; Description?: string }>(
        props.session,
        'WorkMailService.DescribeResource',
        key,
      ),
    [resource.Id, resource.State],
  );
  return (
    <article aria-label={`Resource ${resource.Name}`} ref={panel} tabIndex={-1}>
      <header>
        <h4>{resource.Name}</h4>
        {resource.Email ?? 'No mailbox'} · {resource.Type} · {resource.State}
      </header>
      {details.error && <p role="alert">{details.error}</p>}
      {details.value && resource.State !== 'DELETED' && (
        <ActionForm
          label={`Booking options of ${resource.Name}`}
          submit="Save booking options"
          stacked
          run={async (fields) => {
            await call(props.session, 'WorkMailService.UpdateResource', {
              ...key,
              Description: fields.Description,
              BookingOptions: Object.fromEntries(
                BOOKING_OPTIONS.map(([option]) => [option, !!fields[option]]),
              ),
            });
            details.reload();
            props.onChange();
            return 'Booking options saved';
          }}
        >
          <label>
            Description
            <input name="Description" defaultValue={details.value.Description ?? ''} maxLength={64} />
          </label>
          {BOOKING_OPTIONS.map(([option, label]) => (
            <label key={option}>
              <input type="checkbox" name={option} defaultChecked={details.value?.BookingOptions?.[option]} />
              {label}
            </label>
          ))}
        </ActionForm>
      )}
      {resource.State !== 'DELETED' && (
        <ResourceDelegates
          session={props.session}
          organizationId={props.organizationId}
          resource={resource}
        />
      )}
      <EntityLifecycle
        session={props.session}
        organizationId={props.organizationId}
        entity={{ id: resource.Id, name: resource.Name, state: resource.State, email: resource.Email }}
        kind="Resource"
        onChange={props.onChange}
      />
      {resource.State === 'ENABLED' && (
        <>
          <Aliases
            session={props.session}
            organizationId={props.organizationId}
            entityId={resource.Id}
            name={resource.Name}
          />
          <MailboxPermissions
            session={props.session}
            organizationId={props.organizationId}
            entityId={resource.Id}
            name={resource.Name}
          />
        </>
      )}
    </article>
  );
}
