/*
 * Ironworks roadmap charts: a roadmap's strategies side by side and one plan year by year, drawn
 * with ECharts (global `echarts`, SVG renderer) from the tree `ironworks roadmap --format json`
 * prints (docs/reference/roadmap-output.md).
 *
 *   IronworksRoadmapCharts.dashboard(container, roadmap, {strategy})
 *
 * Sections: the strategies (a table and their NPV), then for the plan chosen (by default the
 * first: every option open) its fleet by generation (stacked), each site's MW by source against
 * its limit, and the cash flow with its running sum. A <select> switches the plan. Every chart is
 * an element with class `iw-chart` and a `data-chart` name, marked `data-rendered="true"` once
 * drawn; tables have class `iw-table`. Plain ES2017, no network access. Needs
 * ironworks-charts.js loaded first (its number formats and element builder).
 */
(function (global) {
  'use strict';

  const SERIES = ['#3b6fb6', '#e0913a', '#2e8b57', '#c0504d', '#8c6bb1', '#7f8c8d', '#d4a017',
    '#17becf', '#6a9fd8', '#b5651d'];
  /** Sources of a site's energy, in the order they stack, with their colours. */
  const SOURCES = [
    ['grid', 'grid', '#7f8c8d'], ['ppa', 'PPA', '#2e8b57'], ['nuclear', 'nuclear', '#8c6bb1'],
    ['gas', 'gas', '#c0504d'], ['solar', 'solar', '#d4a017'],
  ];
  const HOURS_PER_YEAR = 8760;

  // Number formats and the element builder are the plan charts' (ironworks-charts.js, loaded
  // first).
  const shared = global.IronworksCharts;
  const num = shared.format.num;
  const fmt = shared.format.fmt;
  const usd = shared.format.usd;
  const short = shared.format.short;
  const el = shared.dom.el;

  function percent(value) {
    const v = num(value);
    return v === null ? '—' : (100 * v).toFixed(1) + '%';
  }

  function table(parent, headers, rows, name) {
    const t = el('table', { class: 'iw-table', 'data-table': name });
    const head = el('tr');
    headers.forEach((h) => head.appendChild(el('th', { text: h })));
    t.appendChild(el('thead', {}, [head]));
    const body = el('tbody');
    for (const row of rows) {
      const tr = el('tr');
      row.forEach((cell, i) => tr.appendChild(el(i ? 'td' : 'th', { text: String(cell), class: i ? 'num' : '' })));
      body.appendChild(tr);
    }
    t.appendChild(body);
    parent.appendChild(t);
    return t;
  }

  function section(parent, name, title) {
    const s = el('section', { class: 'iw-section', 'data-section': name }, [el('h2', { text: title })]);
    parent.appendChild(s);
    return s;
  }

  function chart(parent, charts, name, option, height) {
    const div = el('div', { class: 'iw-chart', 'data-chart': name });
    div.style.width = '100%';
    div.style.height = (height || 320) + 'px';
    parent.appendChild(div);
    const instance = global.echarts.init(div, null, { renderer: 'svg' });
    instance.on('finished', () => div.setAttribute('data-rendered', 'true'));
    instance.setOption(Object.assign({
      animation: false,
      color: SERIES,
      textStyle: { fontFamily: 'system-ui, sans-serif' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 24, right: 10, type: 'scroll' },
      grid: { left: 70, right: 30, top: 80, bottom: 40, containLabel: true },
    }, option));
    charts.push(instance);
    return instance;
  }

  function title(text, sub) {
    return { text: text, subtext: sub || '', left: 0, textStyle: { fontSize: 14 } };
  }

  function tooltip(format) {
    return {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => (v === null || v === undefined ? '—' : format(v)),
    };
  }

  function dispose(container) {
    for (const node of container.querySelectorAll('.iw-chart')) {
      const instance = global.echarts.getInstanceByDom(node);
      if (instance) instance.dispose();
    }
    container.textContent = '';
  }

  // ------------------------------------------------------------------------------- sections

  /** The strategies side by side: their figures, and their NPV as bars. */
  function strategiesSection(parent, roadmap, charts) {
    const list = roadmap.strategies || [];
    if (!list.length) return;
    const s = section(parent, 'strategies', 'Strategies side by side');
    table(s, ['strategy', 'NPV', 'capex', 'opex', 'GWh', 'ktCO2e', 'cloud', 'unserved', 'peak accelerators', 'solver gap'],
      list.map((r) => [r.name, usd(r.npvCostUsd), usd(r.capexUsd), usd(r.opexUsd), fmt(num(r.energyMwh) / 1e3),
        fmt(num(r.emissionsTco2e) / 1e3), percent(r.cloudShare), percent(r.unservedShare), fmt(r.peakAccelerators),
        r.solver ? r.solver.state + ' ' + percent(r.solver.gap) : 'by rule']), 'strategies');
    chart(s, charts, 'strategies-npv', {
      title: title('NPV of the total cost', 'at a cost of capital of ' + percent(roadmap.costOfCapital)),
      legend: { show: false },
      tooltip: tooltip(usd),
      xAxis: { type: 'category', data: list.map((r) => r.name), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => '$' + short(v) } },
      series: [{ name: 'NPV', type: 'bar', data: list.map((r) => num(r.npvCostUsd)), barMaxWidth: 60 }],
    }, 300);
  }

  /** Accelerators running each year, stacked by generation (summed over sites). */
  function fleetSection(parent, plan, charts) {
    const years = plan.years || [];
    const generations = [];
    for (const y of years) {
      for (const g of Object.keys(y.fleet || {})) if (!generations.includes(g)) generations.push(g);
    }
    const s = section(parent, 'fleet', 'Fleet by generation');
    const total = (y, g) => Object.values((y.fleet || {})[g] || {}).reduce((a, b) => a + (num(b) || 0), 0);
    chart(s, charts, 'fleet', {
      title: title('Accelerators running', 'stacked by generation, every site'),
      tooltip: tooltip(fmt),
      xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
      yAxis: { type: 'value', name: 'accelerators', axisLabel: { formatter: short } },
      series: generations.map((g) => ({ name: g, type: 'bar', stack: 'fleet', data: years.map((y) => total(y, g)) })),
    }, 340);
  }

  /**
   * Each site's average MW by source (the year's MWh of each over 8,760 h), stacked, against the
   * site's limit (its firm supply) and the fleet's peak.
   */
  function powerSection(parent, plan, charts) {
    const years = plan.years || [];
    const sites = [];
    for (const y of years) for (const id of Object.keys(y.sites || {})) if (!sites.includes(id)) sites.push(id);
    if (!sites.length) return;
    const s = section(parent, 'power', 'Power by site and source');
    for (const id of sites) {
      const at = (y) => (y.sites || {})[id] || {};
      const series = SOURCES.map(([key, label, color]) => ({
        name: label, type: 'bar', stack: 'mw', itemStyle: { color: color },
        data: years.map((y) => {
          const mwh = num(((at(y).energyMwhBySource) || {})[key]);
          return mwh === null ? 0 : mwh / HOURS_PER_YEAR;
        }),
      }));
      series.push({ name: 'limit', type: 'line', step: 'middle', symbol: 'none', lineStyle: { color: '#1f2328', type: 'dashed' },
        data: years.map((y) => num(at(y).limitMw)) });
      series.push({ name: 'peak', type: 'line', symbol: 'circle', lineStyle: { color: '#3b6fb6' },
        data: years.map((y) => num(at(y).peakMw)) });
      chart(s, charts, 'power-' + id, {
        title: title(id + ': MW by source against the limit', 'bars: average MW of each source; lines: the firm limit and the fleet\'s peak'),
        tooltip: tooltip((v) => fmt(v) + ' MW'),
        xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
        yAxis: { type: 'value', name: 'MW', axisLabel: { formatter: short } },
        series: series,
      }, 320);
    }
  }

  /** The year's cash flow as bars, and its running sum as a line. */
  function cashSection(parent, plan, charts) {
    const years = plan.years || [];
    const s = section(parent, 'cash', 'Cash');
    const money = (y) => y.money || {};
    chart(s, charts, 'cash', {
      title: title('Cash flow and cumulative cash', 'resale − capex − opex, nominal dollars'),
      tooltip: tooltip(usd),
      xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => '$' + short(v) } },
      series: [
        { name: 'capex', type: 'bar', stack: 'flow', data: years.map((y) => -(num(money(y).capexUsd) || 0)) },
        { name: 'opex', type: 'bar', stack: 'flow', data: years.map((y) => -(num(money(y).opexUsd) || 0)) },
        { name: 'resale', type: 'bar', stack: 'flow', data: years.map((y) => num(money(y).resaleUsd) || 0) },
        { name: 'cumulative cash', type: 'line', data: years.map((y) => num(money(y).cumulativeCashFlowUsd)) },
      ],
    }, 340);
  }

  /** The roadmap dashboard; `options.strategy` names the plan drawn year by year. */
  function dashboard(container, roadmap, options) {
    if (!roadmap || typeof roadmap !== 'object' || !roadmap.plans) {
      throw new TypeError('dashboard: roadmap must be the tree of ironworks roadmap --format json');
    }
    const names = Object.keys(roadmap.plans);
    const chosen = options && names.includes(options.strategy) ? options.strategy : names[0];
    dispose(container);
    const charts = [];
    const root = el('div', { class: 'iw-roadmap' });
    container.appendChild(root);
    strategiesSection(root, roadmap, charts);
    const pick = el('select', { 'data-control': 'strategy' });
    for (const n of names) {
      const o = el('option', { value: n, text: n });
      if (n === chosen) o.selected = true;
      pick.appendChild(o);
    }
    pick.addEventListener('change', () => dashboard(container, roadmap, { strategy: pick.value }));
    root.appendChild(el('p', { class: 'iw-controls' }, [el('label', {}, ['Plan year by year: ', pick])]));
    const plan = roadmap.plans[chosen];
    fleetSection(root, plan, charts);
    powerSection(root, plan, charts);
    cashSection(root, plan, charts);
    if (container.ironworksRoadmapResize) global.removeEventListener('resize', container.ironworksRoadmapResize);
    const onResize = () => charts.forEach((c) => c.resize());
    global.addEventListener('resize', onResize);
    container.ironworksRoadmapResize = onResize;
    return {
      charts: charts,
      resize: onResize,
      dispose() {
        global.removeEventListener('resize', onResize);
        dispose(container);
      },
    };
  }

  global.IronworksRoadmapCharts = { dashboard: dashboard };
})(typeof window !== 'undefined' ? window : this);
