// Builds DOM elements from data. Text always goes in as text nodes, never as HTML.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name === "className" ? "class" : name, value === true ? "" : value);
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return el;
}

export const yesNo = (value) => (value ? "yes" : "no");

// Grouped by hand: the first toLocaleString() in a fresh page loads ICU's number formatting,
// 50-70 ms on the main thread just as the first result is drawn (CPU profile, cold load).
export function yen(n) {
  const [whole, fraction] = String(n).split(".");
  return `¥${whole.replace(/\B(?=(\d{3})+$)/g, ",")}${fraction ? `.${fraction}` : ""}`;
}
