import { useEffect, useRef } from 'preact/hooks';

/**
 * Moves the keyboard focus (and the view) to a panel when it opens, so that keyboard and screen reader users land
 * on what they opened. The element needs `tabIndex={-1}`.
 * @param when - false leaves the focus where it is (a form shown by default, not opened)
 * @example
 * const panel = useFocusOnOpen<HTMLElement>();
 * return <article ref={panel} tabIndex={-1}>…</article>;
 */
export function useFocusOnOpen<T extends HTMLElement>(when = true) {
  const element = useRef<T>(null);
  useEffect(() => {
    if (when) element.current?.focus();
  }, []);
  return element;
}
