// Where a line of a block-style YAML document sits in its tree of mappings (the dotted path of
// the mapping a key on that line belongs to, the keys already in that mapping) and how far the
// value at a problem's column reaches. Works on the lines' indentation alone, so it answers while
// the text is half typed and does not parse.

const KEY = /^(\s*)([A-Za-z0-9_-]+)[ \t]*:(?=\s|$)/;

/** A line's key and where its value starts, or null for a line with no key (blank, comment…). */
export function keyOf(line) {
  const m = KEY.exec(line);
  if (!m) { return null; }
  const afterColon = m[0].length;
  const rest = line.slice(afterColon);
  const lead = rest.length - rest.trimStart().length;
  return { indent: m[1].length, key: m[2], keyEnd: m[1].length + m[2].length,
           valueStart: afterColon + lead, value: rest.trim().replace(/\s+#.*$/, '') };
}

function structural(line) {
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
}

function indentOf(line) {
  return line.length - line.trimStart().length;
}

/**
 * The dotted path of the mapping that holds a key indented by `indent` columns on line `index`
 * (0-based) of `lines`: the keys of the nearest less-indented lines above it, "" at the top.
 */
export function parentPath(lines, index, indent) {
  const parts = [];
  let want = indent;
  for (let i = index - 1; i >= 0 && want > 0; i--) {
    const line = lines[i];
    if (!structural(line)) { continue; }
    const at = indentOf(line);
    if (at >= want) { continue; }
    const k = keyOf(line);
    if (!k) { return null; } // inside a list or a multi-line value: not a mapping we know
    parts.unshift(k.key);
    want = at;
  }
  return parts.join('.');
}

/** The dotted path of the key on line `index`, or null when the line has no key. */
export function keyPath(lines, index) {
  const k = keyOf(lines[index]);
  if (!k) { return null; }
  const parent = parentPath(lines, index, k.indent);
  if (parent === null) { return null; }
  return parent === '' ? k.key : parent + '.' + k.key;
}

/**
 * The keys already written in the mapping that holds line `index` at `indent` columns: its
 * siblings above and below, up to the first less-indented line each way.
 */
export function siblingKeys(lines, index, indent) {
  const keys = new Set();
  for (const step of [-1, 1]) {
    for (let i = index + step; i >= 0 && i < lines.length; i += step) {
      const line = lines[i];
      if (!structural(line)) { continue; }
      const at = indentOf(line);
      if (at < indent) { break; }
      if (at === indent) {
        const k = keyOf(line);
        if (k) { keys.add(k.key); }
      }
    }
  }
  return keys;
}

/** The extent of the value or word at the start of `text`: a flow {…} or […] to its end. */
export function tokenLength(text) {
  if (text.startsWith('{') || text.startsWith('[')) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '{' || text[i] === '[') { depth++; }
      if (text[i] === '}' || text[i] === ']') { depth--; }
      if (depth === 0) { return i + 1; }
    }
    return text.trimEnd().length;
  }
  const token = /^("[^"]*"?|'[^']*'?|[^:#,\[\]{}]*[^\s:#,\[\]{}])/.exec(text);
  return token ? token[0].length : 0;
}
