// Number formatting the Italian way, and the downloads (CSV, JSON).

const formatters = new Map();
function formatter(decimals) {
  if (!formatters.has(decimals)) {
    formatters.set(
      decimals,
      new Intl.NumberFormat("it-IT", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }),
    );
  }
  return formatters.get(decimals);
}

/** A number with `decimals` digits (`38,56`), or "n.d." for null. */
export function num(value, decimals = 1) {
  return value === null || value === undefined || Number.isNaN(value) ? "n.d." : formatter(decimals).format(value);
}

/** A fraction as a percentage (`0.774` -> `77,4%`), or "n.d.". */
export function pct(fraction, decimals = 1) {
  return fraction === null || fraction === undefined ? "n.d." : `${num(fraction * 100, decimals)}%`;
}

/** A change in percentage points, signed (`+6,1 p.p.`). */
export function pp(value, decimals = 1) {
  if (value === null || value === undefined) return "n.d.";
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  return `${sign}${num(Math.abs(value), decimals)} p.p.`;
}

function flatten(prefix, value, out) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  } else {
    out[prefix] = value;
  }
}

function cell(value) {
  if (value === null || value === undefined) return "";
  let s = String(value);
  // As the command's CSV (desier_core::output::excel_safe): a text that Excel would run as
  // a formula (= + - @, a tab or a carriage return first) gets a leading ', numbers stay.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s) && !(/^[-+]?[\d.]+([eE][-+]?\d+)?$/.test(s))) {
    s = `'${s}`;
  }
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows of objects as CSV text, as the command writes it: nested objects become dotted
 * columns (`channels.regional_platform`), null an empty cell, numbers in full precision. */
export function toCsv(rows) {
  const flat = rows.map((r) => {
    const out = {};
    flatten("", r, out);
    return out;
  });
  const headers = [];
  for (const r of flat) for (const k of Object.keys(r)) if (!headers.includes(k)) headers.push(k);
  const lines = [headers.join(",")];
  for (const r of flat) lines.push(headers.map((h) => cell(r[h])).join(","));
  return lines.join("\n") + "\n";
}

/** Offers a text as a file to save. */
export function download(fileName, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Creates an element with attributes and children (strings become text). */
export function h(tag, attrs = {}, ...children) {
  const svg = ["svg", "g", "path", "rect", "text", "line", "title", "tspan"].includes(tag);
  const el = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return el;
}
