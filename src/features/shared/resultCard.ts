/** A read-only result that replaces a flow's card: nothing on it can be pressed again. */
export function resultCardData(
  style: 'good' | 'attention' | 'warning' | 'default',
  title: string,
  text: string,
  footer = '',
) {
  return { style, title, text, facts: [], footer, actions: [] };
}
