// The Ironworks web UI: a scenario editor with inline validation, the plan dashboard,
// comparisons of saved scenarios and sweeps, over the REST API (docs/reference/api.md).
// The editor is IronworksEditor (/editor.js, CodeMirror); charts come from IronworksCharts
// (/assets/ironworks-charts.js) on ECharts, a roadmap's from IronworksRoadmapCharts
// (/assets/ironworks-roadmap-charts.js).
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const state = {
    currentId: null,      // the saved scenario being edited, or null for a new one
    currentVersion: null,
    exampleId: null,      // the example a new scenario started from
    cleanText: '',        // the editor's text as last opened or saved
    examples: [],
    saved: [],
    lastPlan: null,
    lastRoadmap: null,    // the roadmap tree, when the scenario has a roadmap section
    simulation: null,
    job: null,
    planSeq: 0,
  };

  /** The scenario editor and the design space's (IronworksEditor.create), made at the start. */
  let editor = null;
  let spaceEditor = null;

  function setStatus(text) { $('status').textContent = text; }

  function dirty() { return editor.text() !== state.cleanText; }

  /** Whether the editor's unsaved changes may be dropped (asks when there are any). */
  function mayDiscard() {
    return !dirty() || window.confirm('The editor has changes that are not saved. Drop them?');
  }

  async function api(method, path, body, contentType) {
    const init = { method: method, headers: {} };
    if (body !== undefined) {
      init.body = body;
      init.headers['Content-Type'] = contentType || 'application/yaml';
    }
    const response = await fetch(path, init);
    const type = response.headers.get('Content-Type') || '';
    const data = type.includes('json') ? await response.json() : await response.text();
    return { ok: response.ok, status: response.status, data: data };
  }

  function problemsOf(result) {
    if (result.data && Array.isArray(result.data.errors)) { return result.data.errors; }
    return [{ path: '', line: 0, column: 0, message: 'HTTP ' + result.status }];
  }

  // ---- problems ----

  function showErrors(list, errors, onClick) {
    list.innerHTML = '';
    for (const e of errors) {
      const li = document.createElement('li');
      li.className = 'iw-error';
      li.dataset.line = e.line;
      const where = e.line > 0 ? 'line ' + e.line + (e.column > 0 ? ':' + e.column : '') + ': ' : '';
      li.textContent = where + (e.path ? e.path + ': ' : '') + e.message;
      if (onClick) { li.addEventListener('click', () => onClick(e)); }
      list.appendChild(li);
    }
  }

  // ---- planning ----

  let planTimer = null;
  function schedulePlan() {
    clearTimeout(planTimer);
    planTimer = setTimeout(planNow, 400);
  }

  /** Lists the scenario's problems under the editor and marks them in its text. */
  function showProblems(errors) {
    showErrors($('errors'), errors, (e) => editor.goTo(e.line, e.column));
    editor.setProblems(errors);
  }

  /** Whether the text has a top-level roadmap section: it is then planned as a roadmap. */
  function isRoadmap(text) {
    return /^roadmap\s*:/m.test(text);
  }

  async function planNow() {
    const seq = ++state.planSeq;
    const text = editor.text();
    const roadmap = isRoadmap(text);
    setStatus(roadmap ? 'planning the roadmap…' : 'planning…');
    let result;
    try {
      result = await api('POST', roadmap ? '/api/roadmap' : '/api/plan', text);
    } catch (err) {
      setStatus('the server cannot be reached');
      return;
    }
    if (seq !== state.planSeq) { return; } // a newer edit is on its way
    if (result.ok) {
      showProblems([]);
      state.lastPlan = roadmap ? null : result.data;
      state.lastRoadmap = roadmap ? result.data : null;
      state.simulation = null;
      drawDashboard();
      setStatus(roadmap ? 'roadmap planned' : 'planned');
    } else {
      const errors = problemsOf(result);
      showProblems(errors);
      $('dashboard').classList.add('stale');
      setStatus(errors.length + (errors.length === 1 ? ' problem' : ' problems'));
    }
  }

  /** Draws with the charts script; a failure shows as a notice instead of stopping the page. */
  function draw(container, drawing) {
    container.innerHTML = '';
    try {
      drawing();
    } catch (err) {
      container.innerHTML = '';
      const p = document.createElement('p');
      p.className = 'notice';
      p.textContent = 'The charts could not be drawn: ' + err.message;
      container.appendChild(p);
    }
  }

  function chartsMissing(container) {
    if (window.IronworksCharts && window.echarts) { return false; }
    container.innerHTML = '<p class="notice">The charts could not be loaded (/assets/ironworks-charts.js).</p>';
    return true;
  }

  function drawDashboard() {
    const container = $('dashboard');
    container.classList.remove('stale');
    if (state.lastRoadmap) {
      if (chartsMissing(container)) { return; }
      if (!window.IronworksRoadmapCharts) {
        container.innerHTML = '<p class="notice">The charts could not be loaded (/assets/ironworks-roadmap-charts.js).</p>';
        return;
      }
      draw(container, () => window.IronworksRoadmapCharts.dashboard(container, state.lastRoadmap, {}));
      return;
    }
    if (!state.lastPlan || chartsMissing(container)) { return; }
    const options = state.simulation ? { simulation: state.simulation } : {};
    draw(container, () => window.IronworksCharts.dashboard(container, state.lastPlan, options));
  }

  async function simulate() {
    const trials = $('trials').value || '500';
    setStatus('simulating ' + trials + ' trials…');
    $('btn-simulate').disabled = true;
    try {
      const result = await api('POST', '/api/simulate?trials=' + encodeURIComponent(trials),
                               editor.text());
      if (result.ok) {
        state.simulation = result.data;
        drawDashboard();
        setStatus('simulated ' + trials + ' trials');
      } else {
        const errors = problemsOf(result);
        showProblems(errors);
        setStatus('cannot simulate: ' + errors[0].message);
      }
    } finally {
      $('btn-simulate').disabled = false;
    }
  }

  async function exportReport(format) {
    const trials = state.simulation ? '&trials=' + encodeURIComponent($('trials').value) : '';
    setStatus('making the ' + format + ' report…');
    const response = await fetch('/api/report?format=' + format + trials, {
      method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: editor.text() });
    if (!response.ok) {
      const data = await response.json();
      setStatus('cannot export: ' + data.errors[0].message);
      return;
    }
    const blob = await response.blob();
    const disposition = response.headers.get('Content-Disposition') || '';
    const match = /filename="([^"]+)"/.exec(disposition);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = match ? match[1] : 'ironworks-report.' + (format === 'html' ? 'html' : 'md');
    link.id = 'last-export';
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    setStatus('exported ' + link.download);
  }

  // ---- saved scenarios ----

  async function loadLists() {
    const [examples, saved] = await Promise.all([api('GET', '/api/examples'), api('GET', '/api/scenarios')]);
    state.examples = examples.data;
    state.saved = saved.data;
    const savedGroup = $('saved-options');
    savedGroup.innerHTML = '';
    for (const s of state.saved) {
      const o = document.createElement('option');
      o.value = 'saved:' + s.id;
      o.textContent = s.name + ' (' + s.id + ', v' + s.version + ')';
      savedGroup.appendChild(o);
    }
    const exampleGroup = $('example-options');
    exampleGroup.innerHTML = '';
    for (const e of state.examples.filter((x) => x.kind === 'scenario')) {
      const o = document.createElement('option');
      o.value = 'example:' + e.id;
      o.textContent = e.id;
      o.title = e.description;
      exampleGroup.appendChild(o);
    }
    const spaces = $('space-select');
    spaces.innerHTML = '';
    for (const e of state.examples.filter((x) => x.kind === 'space')) {
      const o = document.createElement('option');
      o.value = e.id;
      o.textContent = e.id;
      spaces.appendChild(o);
    }
    if (!spaceEditor.text() && spaces.value) { loadSpace(spaces.value); }
    renderCompareList();
    syncSelect();
  }

  function syncSelect() {
    $('scenario-select').value = state.currentId ? 'saved:' + state.currentId
      : state.exampleId ? 'example:' + state.exampleId : '';
    $('current').textContent = state.currentId
      ? state.currentId + ' (version ' + state.currentVersion + ')' : 'new scenario (not saved)';
    $('btn-delete').disabled = !state.currentId;
    loadHistory();
  }

  /** The saved versions of the scenario being edited, newest first: any one can be reopened. */
  async function loadHistory() {
    const select = $('history-select');
    select.hidden = !state.currentId;
    select.length = 1;
    if (!state.currentId) { return; }
    const result = await api('GET', '/api/scenarios/' + encodeURIComponent(state.currentId) +
                             '/versions');
    if (!result.ok) { return; }
    for (const v of result.data) {
      const option = document.createElement('option');
      option.value = v.version;
      option.textContent = 'version ' + v.version + ', ' + v.savedAt.replace('T', ' ').slice(0, 19);
      select.appendChild(option);
    }
  }

  /** Puts a saved version's text in the editor; saving it makes it the newest version. */
  async function openVersion(version) {
    if (!version || !state.currentId) { return; }
    if (!mayDiscard()) { $('history-select').value = ''; return; }
    const result = await api('GET', '/api/scenarios/' + encodeURIComponent(state.currentId) +
                             '/versions/' + encodeURIComponent(version));
    $('history-select').value = '';
    if (!result.ok) { setStatus(problemsOf(result)[0].message); return; }
    editor.edit(result.data.yaml);
    setStatus('version ' + version + ' of ' + state.currentId +
              ' is in the editor; Save makes it the newest version');
  }

  async function openSaved(id) {
    const result = await api('GET', '/api/scenarios/' + encodeURIComponent(id));
    if (!result.ok) {
      setStatus(problemsOf(result)[0].message);
      state.currentId = null;
      history.replaceState(null, '', '#');
      syncSelect();
      return;
    }
    state.currentId = result.data.id;
    state.currentVersion = result.data.version;
    state.exampleId = null;
    history.replaceState(null, '', '#scenario=' + encodeURIComponent(state.currentId));
    editor.setText(result.data.yaml);
    state.cleanText = result.data.yaml;
    syncSelect();
    schedulePlan();
  }

  function openExample(id) {
    const e = state.examples.find((x) => x.id === id);
    if (!e) { return; }
    state.currentId = null;
    state.currentVersion = null;
    state.exampleId = id;
    history.replaceState(null, '', '#');
    editor.setText(e.yaml);
    state.cleanText = e.yaml;
    syncSelect();
    schedulePlan();
  }

  async function save(asNew) {
    const text = editor.text();
    const result = asNew || !state.currentId
      ? await api('POST', '/api/scenarios', text)
      : await api('PUT', '/api/scenarios/' + encodeURIComponent(state.currentId) +
                  '?version=' + state.currentVersion, text);
    if (!result.ok) {
      const errors = problemsOf(result);
      showProblems(errors);
      setStatus('not saved: ' + errors[0].message);
      return;
    }
    state.currentId = result.data.id;
    state.currentVersion = result.data.version;
    state.exampleId = null;
    state.cleanText = text;
    history.replaceState(null, '', '#scenario=' + encodeURIComponent(state.currentId));
    await loadLists();
    setStatus('saved ' + state.currentId + ' (version ' + state.currentVersion + ')');
  }

  async function remove() {
    if (!state.currentId) { return; }
    if (!window.confirm('Delete the saved scenario ' + state.currentId + '?')) { return; }
    const result = await api('DELETE', '/api/scenarios/' + encodeURIComponent(state.currentId));
    if (!result.ok) {
      setStatus('not deleted: ' + problemsOf(result)[0].message);
      return;
    }
    setStatus('deleted ' + state.currentId + '; the editor keeps its text (save to restore it)');
    state.currentId = null;
    state.cleanText = '';
    history.replaceState(null, '', '#');
    await loadLists();
  }

  // ---- compare ----

  function renderCompareList() {
    const list = $('compare-list');
    const checked = new Set(Array.from(list.querySelectorAll('input:checked')).map((i) => i.value));
    list.innerHTML = '';
    for (const s of state.saved) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = s.id;
      box.checked = checked.has(s.id);
      label.appendChild(box);
      label.appendChild(document.createTextNode(' ' + s.name));
      list.appendChild(label);
    }
  }

  async function compare() {
    const ids = Array.from($('compare-list').querySelectorAll('input:checked')).map((i) => i.value);
    const container = $('compare');
    if (ids.length < 2) {
      container.innerHTML = '<p class="notice">Choose at least two scenarios.</p>';
      return;
    }
    setStatus('planning ' + ids.length + ' scenarios…');
    const results = await Promise.all(ids.map((id) => api('GET', '/api/scenarios/' + encodeURIComponent(id) + '/plan')));
    const failed = results.findIndex((r) => !r.ok);
    if (failed >= 0) {
      container.innerHTML = '';
      const p = document.createElement('p');
      p.className = 'notice';
      p.textContent = ids[failed] + ': ' + problemsOf(results[failed])[0].message;
      container.appendChild(p);
      return;
    }
    if (chartsMissing(container)) { return; }
    const names = new Map(state.saved.map((s) => [s.id, s.name]));
    draw(container, () => window.IronworksCharts.compare(container,
      ids.map((id, i) => ({ name: names.get(id) || id, plan: results[i].data }))));
    setStatus('compared ' + ids.length + ' scenarios');
  }

  // ---- sweeps ----

  function loadSpace(id) {
    const e = state.examples.find((x) => x.id === id && x.kind === 'space');
    if (e) {
      spaceEditor.setText(e.yaml);
      spaceEditor.setProblems([]);
    }
  }

  async function startSweep() {
    $('space-errors').innerHTML = '';
    $('pareto').innerHTML = '';
    spaceEditor.setProblems([]);
    const result = await api('POST', '/api/sweep', spaceEditor.text());
    if (!result.ok) {
      const errors = problemsOf(result);
      showErrors($('space-errors'), errors, (e) => spaceEditor.goTo(e.line, e.column));
      spaceEditor.setProblems(errors);
      $('sweep-status').textContent = 'not started';
      return;
    }
    state.job = result.data.id;
    setStatus('sweep ' + state.job + ' started');
    $('btn-cancel').disabled = false;
    $('btn-sweep').disabled = true;
    pollSweep(state.job);
  }

  async function pollSweep(id) {
    if (state.job !== id) { return; }
    const result = await api('GET', '/api/jobs/' + encodeURIComponent(id));
    if (!result.ok) {
      $('sweep-status').textContent = problemsOf(result)[0].message;
      endSweep();
      return;
    }
    const job = result.data;
    $('sweep-progress').value = job.progress || 0;
    const counted = job.designs !== undefined ? ' ' + job.evaluated + ' of ' + job.designs + ' designs' : '';
    $('sweep-status').textContent = job.status + counted + (job.error ? ': ' + job.error : '');
    if (job.status === 'done') {
      endSweep();
      const container = $('pareto');
      if (chartsMissing(container)) { return; }
      draw(container, () => window.IronworksCharts.pareto(container, job.result, {}));
      $('sweep-status').textContent = 'done: ' + job.result.evaluated + ' designs, ' +
        job.result.feasible + ' feasible, ' + job.result.front.length + ' on the front';
      setStatus('sweep ' + id + ' done');
    } else if (job.status === 'failed' || job.status === 'cancelled') {
      endSweep();
    } else {
      setTimeout(() => pollSweep(id), 300);
    }
  }

  function endSweep() {
    state.job = null;
    $('btn-cancel').disabled = true;
    $('btn-sweep').disabled = false;
  }

  async function cancelSweep() {
    if (!state.job) { return; }
    await api('DELETE', '/api/jobs/' + encodeURIComponent(state.job));
  }

  // ---- wiring ----

  function showView(name) {
    for (const tab of document.querySelectorAll('.tab')) {
      tab.classList.toggle('active', tab.dataset.view === name);
    }
    for (const v of ['plan', 'compare', 'sweep']) { $('view-' + v).hidden = v !== name; }
    if (name === 'plan') { drawDashboard(); }
  }

  /** Completion and hover docs: the reader's keys (GET /api/schema) and the catalog's entries. */
  async function loadSchema() {
    try {
      const [schema, catalog] = await Promise.all([api('GET', '/api/schema'), api('GET', '/api/catalog')]);
      if (schema.ok) { editor.setSchema(schema.data, catalog.ok ? catalog.data : {}); }
    } catch (err) {
      // Editing works without them.
    }
  }

  async function start() {
    for (const tab of document.querySelectorAll('.tab')) {
      tab.addEventListener('click', () => showView(tab.dataset.view));
    }
    if (!window.IronworksEditor) {
      setStatus('the editor could not be loaded (/editor.js)');
      return;
    }
    editor = window.IronworksEditor.create($('editor'), {
      label: 'Scenario (YAML)', onChange: schedulePlan, onSave: () => save(false) });
    // The design space's keys are not a scenario's: highlighting and problems, no completion.
    spaceEditor = window.IronworksEditor.create($('space-editor'), {
      label: 'Design space (YAML)' });
    loadSchema();
    $('scenario-select').addEventListener('change', (e) => {
      if (!mayDiscard()) { syncSelect(); return; }
      const [kind, id] = e.target.value.split(/:(.*)/s);
      if (kind === 'saved') { openSaved(id); } else if (kind === 'example') { openExample(id); }
    });
    $('btn-save').addEventListener('click', () => save(false));
    $('btn-save-as').addEventListener('click', () => save(true));
    $('btn-delete').addEventListener('click', remove);
    $('history-select').addEventListener('change', (e) => openVersion(e.target.value));
    $('btn-simulate').addEventListener('click', simulate);
    $('btn-export-html').addEventListener('click', () => exportReport('html'));
    $('btn-export-md').addEventListener('click', () => exportReport('markdown'));
    $('btn-compare').addEventListener('click', compare);
    $('space-select').addEventListener('change', (e) => loadSpace(e.target.value));
    $('btn-sweep').addEventListener('click', startSweep);
    $('btn-cancel').addEventListener('click', cancelSweep);
    window.addEventListener('beforeunload', (e) => {
      if (dirty()) { e.preventDefault(); e.returnValue = ''; }
    });
    window.addEventListener('resize', () => {
      if (window.echarts) {
        for (const el of document.querySelectorAll('.iw-chart')) {
          const chart = window.echarts.getInstanceByDom(el);
          if (chart) { chart.resize(); }
        }
      }
    });

    await loadLists();
    const hash = /#scenario=([^&]+)/.exec(location.hash);
    if (hash) {
      await openSaved(decodeURIComponent(hash[1]));
    } else {
      const first = state.examples.find((x) => x.id === 'h100-1024-training-cluster') ||
                    state.examples.find((x) => x.kind === 'scenario');
      if (first) { openExample(first.id); }
    }
  }

  start();
})();
