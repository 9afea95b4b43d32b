/**
 * The options of a select, one of them chosen by default. Preact sets no default on a select itself, so the default
 * is the option's `defaultSelected`: the select shows it, and a form reset returns to it.
 * @example
 * <select name="Action"><Choices choices={[['DROP', 'Drop'], ['BOUNCE', 'Bounce']]} selected={rule.Action} /></select>
 */
export function Choices(props: {
  choices: readonly (readonly [value: string, label: string])[];
  selected?: string;
}) {
  return (
    <>
      {props.choices.map(([value, label]) => (
        <option key={value} value={value} {...{ defaultSelected: value === props.selected }}>
          {label}
        </option>
      ))}
    </>
  );
}
