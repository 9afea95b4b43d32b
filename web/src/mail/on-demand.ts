import { useEffect, useState } from 'preact/hooks';

/**
 * A module loaded the first time it is `wanted`: with a dynamic `import()`, esbuild puts it in a chunk of its own, so
 * the first load of the app does not carry it (the calendar and ical.js, for instance).
 * @example
 * const calendar = useOnDemand(() => import('./calendar/calendar-view'), open);
 * return calendar ? <calendar.CalendarView account={account} /> : null;
 */
export function useOnDemand<T extends object>(load: () => Promise<T>, wanted: boolean): T | undefined {
  const [loaded, setLoaded] = useState<T>();
  useEffect(() => {
    // A module namespace is not a function, so setState takes it as the value, not as an updater.
    if (wanted && !loaded) void load().then(setLoaded);
  }, [wanted]);
  return loaded;
}
