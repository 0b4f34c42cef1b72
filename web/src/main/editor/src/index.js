// The scenario editor of the Ironworks web UI: CodeMirror 6 with YAML highlighting, the
// server's problems as diagnostics at their line and column, completion of keys and values from
// GET /api/schema (the scenario reader's own keys) and the catalog, and the scenario reference's
// words on hover. Bundled into editor.js by build.mjs as the global IronworksEditor.
import { EditorState } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, highlightSpecialChars, hoverTooltip,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  syntaxHighlighting, syntaxTree, indentUnit, bracketMatching, indentOnInput,
} from '@codemirror/language';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, lintKeymap } from '@codemirror/lint';
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { tagHighlighter, tags } from '@lezer/highlight';
import { keyOf, keyPath, parentPath, siblingKeys, tokenLength } from './yaml-path.js';

/** Stable class names for the YAML tokens, styled by app.css. */
const highlighter = tagHighlighter([
  { tag: tags.definition(tags.propertyName), class: 'iw-tok-key' },
  { tag: tags.string, class: 'iw-tok-string' },
  { tag: tags.content, class: 'iw-tok-value' },
  { tag: [tags.lineComment, tags.comment], class: 'iw-tok-comment' },
  { tag: [tags.separator, tags.punctuation], class: 'iw-tok-punctuation' },
  { tag: [tags.meta, tags.keyword, tags.labelName, tags.typeName], class: 'iw-tok-meta' },
  { tag: tags.special(tags.string), class: 'iw-tok-meta' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, monospace', lineHeight: '18px' },
  '.iw-doc': { maxWidth: '32em', padding: '.4em .6em' },
});

/** Markdown text of the reference's cells as DOM: `code` spans, the rest as plain text. */
function inline(markdown) {
  const span = document.createElement('span');
  markdown.split(/(`[^`]*`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
      const code = document.createElement('code');
      code.textContent = part.slice(1, -1);
      span.appendChild(code);
    } else if (part) {
      span.appendChild(document.createTextNode(part));
    }
  });
  return span;
}

function element(tag, className, children) {
  const el = document.createElement(tag);
  if (className) { el.className = className; }
  for (const child of children || []) {
    el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

function plainNumber(x) {
  return Math.abs(x) >= 1e6 ? x.toExponential().replace('e+', 'e') : String(x);
}

/** The reader's own words for the values a key takes, e.g. "number > 0 and ≤ 50 (years)". */
function valueSummary(value) {
  if (!value) { return 'a mapping'; }
  switch (value.type) {
    case 'number': {
      const low = value.min === undefined ? '' : (value.minExclusive ? '> ' : '≥ ') + plainNumber(value.min);
      const high = value.max === undefined ? '' : '≤ ' + plainNumber(value.max);
      const range = [low, high].filter((s) => s).join(' and ');
      return 'number' + (range ? ' ' + range : '') + (value.meaning ? ' (' + value.meaning + ')' : '');
    }
    case 'integer':
      return 'whole number from ' + plainNumber(value.min) + ' to ' + plainNumber(value.max);
    case 'choice':
      return 'one of ' + value.values.join(', ');
    case 'id':
      return (value.othersAllowed ? 'a name or ' : '') + 'a catalog ' + value.what + ' id';
    case 'boolean':
      return 'true or false';
    default:
      return value.type;
  }
}

/** The hover card of a key: its path, what the reference says of it and what the reader takes. */
function keyDoc(key) {
  const card = element('div', 'iw-doc-card', [element('div', 'iw-doc-path', [key.path])]);
  if (key.description) { card.appendChild(element('div', 'iw-doc-description', [inline(key.description)])); }
  const facts = element('dl', 'iw-doc-facts');
  const fact = (name, content) => {
    if (!content) { return; }
    facts.appendChild(element('dt', null, [name]));
    facts.appendChild(element('dd', null, [typeof content === 'string' ? inline(content) : content]));
  };
  fact('unit', key.unit);
  fact('default', key.default);
  fact('allowed', key.allowed || (key.mapping ? (key.value ? 'a mapping, or ' + valueSummary(key.value) : 'a mapping') : valueSummary(key.value)));
  card.appendChild(facts);
  return card;
}

/**
 * The key under a position as the YAML parser sees it, also inside a flow mapping
 * ({kind: infiniband-ndr}): its dotted path and extent, or null when the position is on no key.
 */
function keyInTree(state, pos, side) {
  let node = syntaxTree(state).resolveInner(pos, side || 1);
  while (node && node.name !== 'Key') { node = node.parent; }
  if (!node) { return null; }
  const parts = [];
  for (let n = node.parent; n; n = n.parent) {
    const key = n.name === 'Pair' ? n.getChild('Key') : null;
    if (key) { parts.unshift(state.sliceDoc(key.from, key.to).trim().replace(/^(["'])(.*)\1$/, '$2')); }
  }
  return { path: parts.join('.'), from: node.from, to: node.to };
}

/** An index of /api/schema's keys by path and by parent path. */
function indexSchema(schema) {
  const byPath = new Map();
  const children = new Map();
  for (const key of (schema && schema.keys) || []) {
    byPath.set(key.path, key);
    if (!children.has(key.parent)) { children.set(key.parent, []); }
    children.get(key.parent).push(key);
  }
  return { byPath, children };
}

/** A catalog entry's one-line description for completion and hover: its name and vendor. */
function entrySummary(entry) {
  if (!entry) { return ''; }
  const parts = [entry.name, entry.vendor, entry.description].filter((s) => typeof s === 'string' && s);
  return parts.join(' · ');
}

/**
 * Makes the editor inside `parent`.
 *
 * options: label (the accessible name), onChange(text) after every edit, onSave() for Mod-s.
 * Returns the editor's interface for app.js and the tests.
 */
export function create(parent, options) {
  const opts = options || {};
  let schema = indexSchema(null);
  let catalog = {};

  function lines(state) {
    return state.doc.toString().split('\n');
  }

  function catalogEntry(kind, id) {
    const list = catalog[kind];
    return Array.isArray(list) ? list.find((e) => e.id === id) : undefined;
  }

  function keyCompletions(context, lineText, lineIndex, allLines) {
    const column = context.pos - context.state.doc.line(lineIndex + 1).from;
    const m = /^(\s*)([A-Za-z0-9_-]*)$/.exec(lineText.slice(0, column));
    if (!m) { return null; }
    // Inside a key already followed by its colon: the key's name alone is replaced.
    const rest = /^([A-Za-z0-9_-]*)([ \t]*:)?/.exec(lineText.slice(column));
    const renaming = Boolean(rest[2]);
    if (!m[2] && !context.explicit) { return null; }
    const indent = m[1].length;
    const parent = parentPath(allLines, lineIndex, indent);
    if (parent === null) { return null; }
    if (parent !== '' && !(schema.byPath.get(parent) || {}).mapping) { return null; }
    const present = siblingKeys(allLines, lineIndex, indent);
    const inner = ' '.repeat(indent + 2);
    const options = (schema.children.get(parent) || [])
      .filter((k) => !present.has(k.key))
      .map((k) => ({
        label: k.key,
        type: k.mapping ? 'namespace' : 'property',
        detail: k.unit || (k.value ? k.value.type : 'mapping'),
        info: () => keyDoc(k),
        apply: renaming ? k.key : k.mapping && !k.value ? k.key + ':\n' + inner : k.key + ': ',
      }));
    return {
      from: context.pos - m[2].length, to: context.pos + (renaming ? rest[1].length : 0),
      options: options, validFor: /^[A-Za-z0-9_-]*$/,
    };
  }

  function valueCompletions(context, lineText, lineIndex, allLines) {
    const column = context.pos - context.state.doc.line(lineIndex + 1).from;
    const k = keyOf(lineText);
    if (!k || column < k.valueStart || column < k.keyEnd + 1) { return null; }
    const typed = lineText.slice(k.valueStart, column);
    if (!/^[A-Za-z0-9_.-]*$/.test(typed)) { return null; }
    const key = schema.byPath.get(keyPath(allLines, lineIndex));
    const value = key && key.value;
    if (!value) { return null; }
    let options;
    if (value.type === 'choice') {
      options = value.values.map((v) => ({ label: v, type: 'enum' }));
    } else if (value.type === 'boolean') {
      options = ['true', 'false'].map((v) => ({ label: v, type: 'keyword' }));
    } else if (value.type === 'id') {
      options = value.values.map((id) => {
        const summary = entrySummary(catalogEntry(value.catalog, id));
        return { label: id, type: 'constant', detail: value.what, info: summary || undefined };
      });
    } else {
      return null;
    }
    // The whole value is replaced, also its part after the cursor.
    const after = /^[A-Za-z0-9_.-]*/.exec(lineText.slice(column))[0];
    return {
      from: context.pos - typed.length, to: context.pos + after.length,
      options: options, validFor: /^[A-Za-z0-9_.-]*$/,
    };
  }

  function complete(context) {
    const state = context.state;
    const line = state.doc.lineAt(context.pos);
    const allLines = lines(state);
    return keyCompletions(context, line.text, line.number - 1, allLines) ||
           valueCompletions(context, line.text, line.number - 1, allLines);
  }

  const hover = hoverTooltip((v, pos, side) => {
    const inTree = keyInTree(v.state, pos, side);
    if (inTree) {
      const key = schema.byPath.get(inTree.path);
      if (!key) { return null; }
      return {
        pos: inTree.from, end: inTree.to, above: true,
        create: () => ({ dom: element('div', 'iw-doc', [keyDoc(key)]) }),
      };
    }
    const line = v.state.doc.lineAt(pos);
    const k = keyOf(line.text);
    if (!k) { return null; }
    const column = pos - line.from;
    const path = keyPath(lines(v.state), line.number - 1);
    const key = path && schema.byPath.get(path);
    if (!key) { return null; }
    if (column >= k.indent && column <= k.keyEnd) {
      return {
        pos: line.from + k.indent, end: line.from + k.keyEnd, above: true,
        create: () => ({ dom: element('div', 'iw-doc', [keyDoc(key)]) }),
      };
    }
    const value = key.value;
    if (value && value.type === 'id' && column >= k.valueStart && column <= k.valueStart + k.value.length) {
      const entry = catalogEntry(value.catalog, k.value);
      if (!entry) { return null; }
      return {
        pos: line.from + k.valueStart, end: line.from + k.valueStart + k.value.length, above: true,
        create: () => ({
          dom: element('div', 'iw-doc', [element('div', 'iw-doc-card', [
            element('div', 'iw-doc-path', [value.what + ' ' + k.value]),
            element('div', 'iw-doc-description', [entrySummary(entry)]),
          ])]),
        }),
      };
    }
    return null;
  });

  const extensions = [
    lineNumbers(),
    highlightActiveLineGutter(),
    lintGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    EditorState.tabSize.of(2),
    indentUnit.of('  '),
    yaml(),
    syntaxHighlighting(highlighter),
    autocompletion({ override: [complete], icons: false }),
    hover,
    keymap.of([
      { key: 'Mod-s', preventDefault: true, run: () => { if (opts.onSave) { opts.onSave(); } return true; } },
      ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap,
      ...completionKeymap, ...lintKeymap, indentWithTab,
    ]),
    theme,
    EditorView.contentAttributes.of({ 'aria-label': opts.label || 'YAML', spellcheck: 'false' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && opts.onChange) { opts.onChange(update.state.doc.toString()); }
    }),
  ];
  const view = new EditorView({ state: EditorState.create({ doc: '', extensions: extensions }), parent: parent });

  /** The problems' diagnostics: each from its column to the end of the word or value there. */
  function diagnostics(problems) {
    const doc = view.state.doc;
    const out = [];
    for (const p of problems || []) {
      if (!(p.line > 0) || p.line > doc.lines) { continue; }
      const line = doc.line(p.line);
      const start = Math.min(line.from + Math.max(0, (p.column || 1) - 1), line.to);
      let from = start;
      let to = start + tokenLength(doc.sliceString(start, line.to));
      if (to === from) { from = line.from + (line.text.length - line.text.trimStart().length); to = line.to; }
      if (to === from) { to = Math.min(from + 1, doc.length); }
      out.push({
        from: from, to: to, severity: 'error', source: 'ironworks',
        message: (p.path ? p.path + ': ' : '') + p.message,
      });
    }
    return out;
  }

  const editor = {
    view: view,
    /** The text being edited. */
    text: () => view.state.doc.toString(),
    /** Replaces the whole text, as opening a file does: undo does not go back past it. */
    setText: (text) => view.setState(EditorState.create({ doc: text, extensions: extensions })),
    /** Replaces the whole text as an edit: undo restores the text before, and onChange is told. */
    edit: (text) => view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: 'input.replace',
    }),
    /** Shows the server's problems ({line, column, path, message}) under their text. */
    setProblems: (problems) => view.dispatch(setDiagnostics(view.state, diagnostics(problems))),
    /** The schema of GET /api/schema and the catalog of GET /api/catalog, for completion and hover. */
    setSchema: (s, c) => { schema = indexSchema(s); catalog = c || {}; },
    /** Puts the cursor at a line and column (1-based) and selects the line. */
    goTo: (lineNumber, column) => {
      const doc = view.state.doc;
      const line = doc.line(Math.min(Math.max(1, lineNumber), doc.lines));
      const at = Math.min(line.from + Math.max(0, (column || 1) - 1), line.to);
      view.dispatch({ selection: { anchor: at, head: column ? at : line.to }, scrollIntoView: true });
      view.focus();
    },
    focus: () => view.focus(),
  };
  parent.ironworksEditor = editor;
  return editor;
}
