import { useState } from 'preact/hooks';
import { ActionForm } from './action-form';
import { call, callAll, type AdminSession } from './api';
import { ResourceDetails } from './resource-details';
import { useLoad } from './use-load';

/** A resource as ListResources returns it. */
export interface Resource {
  readonly Id: string;
  readonly Email?: string;
  readonly Name: string;
  readonly Type: string;
  readonly State: string;
  readonly Description?: string;
}

/**
 * The organization's rooms and equipment (ListResources), a form that creates one (CreateResource) and gives it an
 * address (RegisterToWorkMail), and the opened resource's details.
 */
export function Resources(props: { session: AdminSession; organizationId: string }) {
  const resources = useLoad(
    () =>
      callAll<Resource>(
        props.session,
        'WorkMailService.ListResources',
        { OrganizationId: props.organizationId },
        'Resources',
      ),
    [props.organizationId],
  );
  const [openId, setOpenId] = useState<string>();
  const opened = resources.value?.find((resource) => resource.Id === openId);
  return (
    <section aria-labelledby="resources-heading">
      <h3 id="resources-heading">Resources</h3>
      {resources.error && <p role="alert">{resources.error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Type</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {(resources.value ?? []).map((resource) => (
            <tr key={resource.Id}>
              <td>
                <a
                  href={`#/organizations/${props.organizationId}/resources/${resource.Id}`}
                  aria-current={resource.Id === openId ? 'true' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    setOpenId(resource.Id);
                  }}
                >
                  {resource.Name}
                </a>
              </td>
              <td>{resource.Email ?? ''}</td>
              <td>{resource.Type}</td>
              <td>{resource.State}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {opened && (
        <ResourceDetails
          key={opened.Id}
          session={props.session}
          organizationId={props.organizationId}
          resource={opened}
          onChange={resources.reload}
        />
      )}
      <ActionForm
        label="Create resource"
        submit="Create resource"
        run={async ({ Name, Type, Email }) => {
          const { ResourceId } = await call<{ ResourceId: string }>(
            props.session,
            'WorkMailService.CreateResource',
            { OrganizationId: props.organizationId, Name, Type },
          );
          if (Email)
            await call(props.session, 'WorkMailService.RegisterToWorkMail', {
              OrganizationId: props.organizationId,
              EntityId: ResourceId,
              Email,
            });
          resources.reload();
          return `Resource ${Name} created`;
        }}
      >
        <input name="Name" aria-label="Resource name" placeholder="resource name" required />
        <select name="Type" aria-label="Resource type">
          <option value="ROOM">Room</option>
          <option value="EQUIPMENT">Equipment</option>
        </select>
        <input name="Email" aria-label="Resource email address" type="email" placeholder="email address" />
      </ActionForm>
    </section>
  );
}
