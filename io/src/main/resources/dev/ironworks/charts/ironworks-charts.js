/*
 * Ironworks charts: the plan dashboard, the comparison of scenarios and the Pareto view of a sweep,
 * drawn with ECharts (global `echarts`, SVG renderer) from the JSON trees Ironworks prints.
 *
 *   IronworksCharts.dashboard(container, plan, {simulation})  plan: `ironworks plan --format json`
 *   IronworksCharts.compare(container, [{name, plan}, ...])
 *   IronworksCharts.pareto(container, front, {x, y})          front: a sweep's front.json
 *
 * Paths of the plan are those of docs/reference/plan-output.md; docs/reference/report.md says what
 * each chart draws and from which figures. Every chart is an element with class `iw-chart` and a
 * `data-chart` name, marked `data-rendered="true"` once drawn; tables have class `iw-table`.
 * Plain ES2017, no other library, no network access.
 */
(function (global) {
  'use strict';

  const COLORS = {
    accelerators: '#3b6fb6', servers: '#6a9fd8', network: '#e0913a', storage: '#8c6bb1',
    facility: '#7f8c8d', hosts: '#6a9fd8', cooling: '#c0504d', it: '#3b6fb6', own: '#3b6fb6',
    rent: '#c0504d', tco: '#2e8b57', operational: '#c0504d', embodied: '#7f8c8d',
    weights: '#3b6fb6', gradients: '#6a9fd8', optimizer: '#8c6bb1', activations: '#e0913a',
    other: '#95a5a6', compute: '#3b6fb6', communication: '#e0913a', bubble: '#c0504d',
  };
  const SERIES = ['#3b6fb6', '#e0913a', '#2e8b57', '#c0504d', '#8c6bb1', '#7f8c8d', '#d4a017',
    '#17becf', '#6a9fd8', '#b5651d'];
  const MONTHS_PER_YEAR = 12;
  const HOURS_PER_YEAR = 8760;

  // ---------------------------------------------------------------- formatting and DOM helpers

  /** The value at a dotted path such as 'cost.capexBreakdownUsd.network', or undefined. */
  function get(tree, path) {
    let node = tree;
    for (const part of path.split('.')) {
      if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
      node = node[part];
    }
    return node;
  }

  /** A finite number, or null (JSON writes unbounded figures as null). */
  function num(value) {
    return typeof value === 'number' && isFinite(value) ? value : null;
  }

  /** A number for people: grouped whole numbers from 10,000 up, else 4 significant digits. */
  function fmt(value) {
    const v = num(value);
    if (v === null) return typeof value === 'boolean' ? (value ? 'yes' : 'no') : '—';
    if (v === 0) return '0';
    if (Math.abs(v) >= 1e4) return Math.round(v).toLocaleString('en-US');
    return String(Number(v.toPrecision(4)));
  }

  /** Dollars in thousands, millions or billions: '$69.81 M'. */
  function usd(value) {
    const v = num(value);
    if (v === null) return '—';
    const a = Math.abs(v);
    if (a >= 1e9) return '$' + (v / 1e9).toPrecision(4) + ' B';
    if (a >= 1e6) return '$' + (v / 1e6).toPrecision(4) + ' M';
    if (a >= 1e3) return '$' + (v / 1e3).toPrecision(4) + ' k';
    return '$' + fmt(v);
  }

  /** Axis labels: 1.2 k, 3.4 M, 5.6 B. */
  function short(value) {
    const a = Math.abs(value);
    if (a >= 1e9) return Number((value / 1e9).toPrecision(3)) + ' B';
    if (a >= 1e6) return Number((value / 1e6).toPrecision(3)) + ' M';
    if (a >= 1e3) return Number((value / 1e3).toPrecision(3)) + ' k';
    return String(Number(value.toPrecision(3)));
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const child of children || []) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** A plain table: `rows` are arrays of cells (strings, or numbers formatted with fmt). */
  function table(parent, headers, rows, name) {
    const t = el('table', { class: 'iw-table', 'data-table': name });
    const head = el('tr');
    headers.forEach((h, i) => head.appendChild(el('th', { text: h, class: i ? 'num' : '' })));
    t.appendChild(el('thead', {}, [head]));
    const body = el('tbody');
    for (const row of rows) {
      const tr = el('tr');
      row.forEach((cell, i) => {
        const text = typeof cell === 'number' || cell === null ? fmt(cell) : String(cell);
        tr.appendChild(el(i ? 'td' : 'th', { text: text, class: i ? 'num' : '' }));
      });
      body.appendChild(tr);
    }
    t.appendChild(body);
    parent.appendChild(t);
    return t;
  }

  /** Two-column figure table: [label, value, unit] rows, rows whose value is absent left out. */
  function figures(parent, rows, name) {
    const present = rows.filter((r) => r[1] !== undefined && r[1] !== null);
    if (!present.length) return null;
    return table(parent, ['figure', 'value'],
      present.map((r) => [r[0], (typeof r[1] === 'number' ? fmt(r[1]) : String(r[1])) +
        (r[2] ? ' ' + r[2] : '')]), name);
  }

  function section(parent, name, title) {
    const s = el('section', { class: 'iw-section', 'data-section': name }, [el('h2', { text: title })]);
    parent.appendChild(s);
    return s;
  }

  /** Disposes the ECharts instances below `container` and empties it. */
  function clear(container) {
    for (const node of container.querySelectorAll('.iw-chart')) {
      const instance = global.echarts.getInstanceByDom(node);
      if (instance) instance.dispose();
    }
    container.textContent = '';
  }

  /** A view's handle: its charts, resize() for layout changes, dispose() to free them. */
  function handle(container, charts) {
    const onResize = () => charts.forEach((c) => c.resize());
    global.addEventListener('resize', onResize);
    return {
      charts: charts,
      resize: onResize,
      dispose() {
        global.removeEventListener('resize', onResize);
        clear(container);
      },
    };
  }

  /**
   * An ECharts chart in a new element of class iw-chart: SVG renderer, no animation, and
   * data-rendered="true" once ECharts reports it finished.
   */
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
      grid: { left: 70, right: 30, top: 50, bottom: 40, containLabel: true },
    }, option));
    charts.push(instance);
    return instance;
  }

  function title(text, sub) {
    return { text: text, subtext: sub || '', left: 0, textStyle: { fontSize: 14 } };
  }

  function valueTooltip(unitFormat) {
    return {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => (v === null || v === undefined ? '—' : unitFormat(v)),
    };
  }

  // ------------------------------------------------------------------------- dashboard sections

  function headline(parent, plan, simulation) {
    const s = section(parent, 'headline', 'Headline figures');
    const c = plan.cluster || {};
    const cost = plan.cost || {};
    const rows = [
      ['Accelerators', c.acceleratorCount !== undefined ? fmt(c.acceleratorCount) + ' × ' + c.accelerator : undefined],
      ['Servers / racks', c.serverCount !== undefined ? fmt(c.serverCount) + ' servers in ' + fmt(c.rackCount) + ' racks' : undefined],
      ['Floor area', num(c.floorAreaM2), 'm²'],
      ['IT power (peak)', num(get(plan, 'power.itPowerMw')), 'MW'],
      ['Facility power (peak)', num(get(plan, 'power.facilityPowerMw')), 'MW'],
      ['Capex', cost.capexUsd !== undefined ? usd(cost.capexUsd) : undefined],
      ['Opex', cost.opexUsdPerYear !== undefined ? usd(cost.opexUsdPerYear) + ' / year' : undefined],
      ['TCO over ' + fmt(cost.horizonYears) + ' years', cost.tcoUsd !== undefined ? usd(cost.tcoUsd) : undefined],
      ['Cost per accelerator-hour', num(cost.usdPerAcceleratorHour) !== null ? '$' + fmt(cost.usdPerAcceleratorHour) : undefined],
      ['Cloud per accelerator-hour', num(cost.cloudUsdPerAcceleratorHour) !== null ? '$' + fmt(cost.cloudUsdPerAcceleratorHour) : undefined],
      ['Break-even against renting', num(cost.breakEvenMonths) !== null ? fmt(cost.breakEvenMonths) + ' months'
        : (num(cost.cloudTcoUsd) !== null && !cost.cloudOnly ? 'never: renting stays cheaper' : undefined)],
      ['Energy', num(get(plan, 'energy.energyMwhPerYear')), 'MWh / year'],
      ['Emissions (operational)', num(get(plan, 'energy.emissionsTco2ePerYear')), 'tCO2e / year'],
    ];
    if (plan.training) {
      rows.push(['Training run', num(plan.training.durationDays), 'days' +
        (plan.training.durationPredicted ? ' (predicted)' : ' (given)')]);
      rows.push(['Training cost', plan.training.costUsd !== undefined ? usd(plan.training.costUsd) : undefined]);
      rows.push(['Training energy', num(plan.training.energyMwh), 'MWh']);
      rows.push(['MFU', num(plan.training.mfu)]);
    }
    if (plan.reliability) {
      rows.push(['Wall-clock days with failures', num(plan.reliability.wallClockDays), 'days']);
      rows.push(['Goodput', num(plan.reliability.goodput)]);
    }
    if (simulation && simulation.simulation) {
      const d = simulation.simulation.completionDays || {};
      rows.push(['Simulated completion P10 / P50 / P90',
        [d.p10, d.p50, d.p90].map(fmt).join(' / '), 'days']);
    }
    if (plan.inference) {
      rows.push(['Serving fleet', fmt(plan.inference.replicas) + ' replicas × ' +
        fmt(plan.inference.acceleratorsPerReplica) + ' accelerators']);
      rows.push(['Cost per million tokens', num(plan.inference.usdPerMillionTokens) !== null
        ? '$' + fmt(plan.inference.usdPerMillionTokens) : undefined]);
    }
    figures(s, rows, 'headline');
  }

  function capexSection(parent, plan, charts) {
    const cost = plan.cost;
    if (!cost) return;
    const s = section(parent, 'capex', 'Capital and running cost');
    const parts = cost.capexBreakdownUsd || {};
    const classes = Object.keys(parts);
    if (!cost.cloudOnly && num(cost.capexUsd) > 0) {
      // Waterfall: each class starts where the previous ones end; the last bar is the sum
      // (cost.capexUsd = accelerators + servers + network + storage + facility).
      const base = [];
      let running = 0;
      for (const k of classes) {
        base.push(running);
        running += num(parts[k]) || 0;
      }
      chart(s, charts, 'capex', {
        title: title('Capex by class', 'total ' + usd(cost.capexUsd)),
        tooltip: {
          trigger: 'axis', axisPointer: { type: 'shadow' },
          formatter: (items) => {
            const item = items.find((i) => i.seriesName !== 'base');
            return item ? item.name + ': ' + usd(item.value) : '';
          },
        },
        xAxis: { type: 'category', data: classes.concat(['total']) },
        yAxis: { type: 'value', axisLabel: { formatter: (v) => '$' + short(v) } },
        series: [
          { name: 'base', type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' },
            data: base.concat([0]) },
          { name: 'capex', type: 'bar', stack: 'w',
            label: { show: true, position: 'top', formatter: (p) => usd(p.value) },
            data: classes.map((k) => ({ value: num(parts[k]) || 0, itemStyle: { color: COLORS[k] || SERIES[0] } }))
              .concat([{ value: num(cost.capexUsd), itemStyle: { color: '#34495e' } }]) },
        ],
      });
    } else {
      s.appendChild(el('p', { text: 'Rented accelerators: no capital; the cost is the rent.' }));
    }
    const opex = cost.opexBreakdownUsdPerYear || {};
    const opexClasses = Object.keys(opex).filter((k) => num(opex[k]) > 0);
    if (opexClasses.length) {
      chart(s, charts, 'opex', {
        title: title('Opex per year', 'total ' + usd(cost.opexUsdPerYear) + ' / year'),
        tooltip: valueTooltip(usd),
        grid: { left: 110, right: 60, top: 50, bottom: 30, containLabel: true },
        xAxis: { type: 'value', axisLabel: { formatter: (v) => '$' + short(v) } },
        yAxis: { type: 'category', data: opexClasses, inverse: true },
        series: [{ type: 'bar', name: 'USD / year', data: opexClasses.map((k) => num(opex[k])),
          label: { show: true, position: 'right', formatter: (p) => usd(p.value) } }],
      }, 60 + 34 * opexClasses.length);
    }
    table(s, ['class', 'USD'], classes.map((k) => [k, usd(parts[k])])
      .concat([['total capex', usd(cost.capexUsd)], ['hardware capex', usd(cost.hardwareCapexUsd)],
        ['depreciation per year', usd(cost.depreciationUsdPerYear)],
        ['opex per year', usd(cost.opexUsdPerYear)], ['TCO', usd(cost.tcoUsd)]]), 'capex');
  }

  /**
   * Cumulative cost month by month, owning against renting. Owning in cash: capex at month 0,
   * then opex / 12 a month (C_own(m) = capex + opex · m / 12); renting: cloud TCO / (12 · horizon)
   * a month (C_rent(m) = cloudTco · m / (12 · horizon)). They cross at the plan's break-even,
   * capex / ((rent − opex) / 12). The TCO line spreads capital over its lifetimes instead:
   * (depreciation + opex) · m / 12, reaching cost.tcoUsd at the horizon.
   */
  function tcoSection(parent, plan, charts) {
    const cost = plan.cost;
    if (!cost || num(cost.horizonYears) === null) return;
    const s = section(parent, 'tco', 'TCO over the horizon against renting');
    const horizonMonths = Math.round(cost.horizonYears * MONTHS_PER_YEAR);
    const capex = num(cost.capexUsd) || 0;
    const opex = num(cost.opexUsdPerYear) || 0;
    const depreciation = num(cost.depreciationUsdPerYear) || 0;
    const rentPerYear = num(cost.cloudTcoUsd) !== null ? cost.cloudTcoUsd / cost.horizonYears : null;
    const breakEven = num(cost.breakEvenMonths);
    // Show the horizon, and the break-even when it comes later (up to twice the horizon).
    let months = horizonMonths;
    if (breakEven !== null && breakEven > months) months = Math.min(2 * horizonMonths, Math.ceil(breakEven * 1.1));
    const axis = [];
    const own = [];
    const rent = [];
    const tco = [];
    for (let m = 0; m <= months; m++) {
      axis.push(m);
      own.push(cost.cloudOnly ? opex * m / MONTHS_PER_YEAR : capex + opex * m / MONTHS_PER_YEAR);
      tco.push((depreciation + opex) * m / MONTHS_PER_YEAR);
      if (rentPerYear !== null) rent.push(rentPerYear * m / MONTHS_PER_YEAR);
    }
    const series = [
      { name: cost.cloudOnly ? 'rent (the plan)' : 'own: capex + opex (cash)', type: 'line', showSymbol: false,
        data: own, lineStyle: { width: 3 }, itemStyle: { color: COLORS.own } },
    ];
    if (!cost.cloudOnly) {
      series.push({ name: 'own: depreciation + opex (TCO)', type: 'line', showSymbol: false, data: tco,
        lineStyle: { type: 'dashed' }, itemStyle: { color: COLORS.tco } });
    }
    if (rentPerYear !== null && !cost.cloudOnly) {
      const marks = [{ xAxis: horizonMonths, label: { formatter: 'horizon ' + horizonMonths + ' mo' } }];
      if (breakEven !== null) {
        marks.push({ xAxis: breakEven, lineStyle: { color: '#000', type: 'solid' },
          label: { formatter: 'break-even ' + fmt(breakEven) + ' mo' } });
      }
      series.push({ name: 'rent: cloud $/h × accelerators', type: 'line', showSymbol: false, data: rent,
        lineStyle: { width: 3 }, itemStyle: { color: COLORS.rent },
        markLine: { symbol: 'none', silent: true, label: { position: 'insideEndTop' }, data: marks } });
    }
    chart(s, charts, 'tco', {
      title: title('Cumulative cost by month', breakEven !== null ? 'break-even at month ' + fmt(breakEven)
        : (rentPerYear !== null && !cost.cloudOnly ? 'renting stays cheaper' : 'no cloud price to compare')),
      legend: { top: 0, right: 0 },
      tooltip: valueTooltip(usd),
      grid: { left: 70, right: 30, top: 70, bottom: 40, containLabel: true },
      xAxis: { type: 'value', name: 'month', nameLocation: 'middle', nameGap: 28, min: 0, max: months },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => '$' + short(v) } },
      series: series.map((x) => Object.assign(x, { data: x.data.map((v, i) => [axis[i], v]) })),
    }, 380);
    figures(s, [
      ['Horizon', num(cost.horizonYears), 'years'],
      ['TCO (depreciation + opex)', usd(cost.tcoUsd)],
      ['Renting for the horizon', num(cost.cloudTcoUsd) !== null ? usd(cost.cloudTcoUsd) : undefined],
      ['Cloud TCO / own TCO', num(cost.cloudToOwnCostRatio)],
      ['Break-even', breakEven !== null ? fmt(breakEven) + ' months' : undefined],
    ], 'tco');
  }

  /**
   * Peak power stacked by what draws it: accelerators (TDP), hosts (servers' peak − accelerators),
   * network, storage, then cooling and overhead (IT × (PUE − 1)); the average bar is average IT
   * power and its overhead.
   */
  function powerSection(parent, plan, charts) {
    const p = plan.power;
    if (!p) return;
    const s = section(parent, 'power', 'Power');
    const acc = num(p.acceleratorTdpMw) || 0;
    const hosts = Math.max(0, (num(p.serversPeakMw) || 0) - acc);
    const avgIt = num(p.itAveragePowerMw);
    const avgOverhead = avgIt !== null && num(p.facilityAveragePowerMw) !== null ? p.facilityAveragePowerMw - avgIt : null;
    const bar = (name, color, peak, average) => ({ name: name, type: 'bar', stack: 'p', itemStyle: { color: color },
      data: [peak, average], barWidth: '45%' });
    chart(s, charts, 'power', {
      title: title('IT and cooling power', 'PUE ' + fmt(p.pue) + ', facility ' + fmt(p.facilityPowerMw) + ' MW at peak'),
      legend: { top: 0, right: 0 },
      tooltip: valueTooltip((v) => fmt(v) + ' MW'),
      grid: { left: 70, right: 30, top: 70, bottom: 30, containLabel: true },
      xAxis: { type: 'category', data: ['peak', 'average'] },
      yAxis: { type: 'value', name: 'MW' },
      series: [
        bar('accelerators', COLORS.accelerators, acc, null),
        bar('hosts', COLORS.hosts, hosts, null),
        bar('network', COLORS.network, num(p.networkMw), null),
        bar('storage', COLORS.storage, num(p.storageMw), null),
        bar('IT (average)', COLORS.it, null, avgIt),
        bar('cooling & overhead', COLORS.cooling, num(p.coolingOverheadMw), avgOverhead),
      ],
    }, 360);
    figures(s, [
      ['Accelerators (TDP)', num(p.acceleratorTdpMw), 'MW'],
      ['Servers at peak', num(p.serversPeakMw), 'MW'],
      ['Network', num(p.networkMw), 'MW'],
      ['Storage', num(p.storageMw), 'MW'],
      ['IT at peak', num(p.itPowerMw), 'MW'],
      ['Cooling & overhead at peak', num(p.coolingOverheadMw), 'MW'],
      ['Facility at peak', num(p.facilityPowerMw), 'MW'],
      ['IT average', avgIt, 'MW' + (p.measuredAverage ? ' (measured)' : '')],
      ['Facility average', num(p.facilityAveragePowerMw), 'MW'],
    ], 'power');
  }

  /**
   * A year's energy (IT, and the facility's overhead = facility − IT energy) and carbon
   * (operational = energy × grid × (1 − carbon-free share); embodied spread over lifetimes).
   */
  function energySection(parent, plan, charts) {
    const e = plan.energy;
    if (!e) return;
    const s = section(parent, 'energy', 'Energy and carbon');
    const it = num(e.itEnergyMwhPerYear);
    const total = num(e.energyMwhPerYear);
    chart(s, charts, 'energy', {
      title: title('A year of operation', 'energy and emissions'),
      legend: { top: 0, right: 0 },
      tooltip: { trigger: 'item', formatter: (i) => i.seriesName + ': ' + fmt(i.value) + (i.seriesIndex < 2 ? ' MWh' : ' tCO2e') },
      grid: [{ left: 60, top: 70, width: '38%', bottom: 30, containLabel: true },
        { right: 20, top: 70, width: '38%', bottom: 30, containLabel: true }],
      xAxis: [{ type: 'category', gridIndex: 0, data: ['energy'] }, { type: 'category', gridIndex: 1, data: ['carbon'] }],
      yAxis: [{ type: 'value', gridIndex: 0, name: 'MWh / year', axisLabel: { formatter: short } },
        { type: 'value', gridIndex: 1, name: 'tCO2e / year', axisLabel: { formatter: short } }],
      series: [
        { name: 'IT energy', type: 'bar', stack: 'e', data: [it], itemStyle: { color: COLORS.it } },
        { name: 'cooling & overhead energy', type: 'bar', stack: 'e', itemStyle: { color: COLORS.cooling },
          data: [it !== null && total !== null ? total - it : null] },
        { name: 'operational', type: 'bar', stack: 'c', xAxisIndex: 1, yAxisIndex: 1, itemStyle: { color: COLORS.operational },
          data: [num(e.emissionsTco2ePerYear)] },
        { name: 'embodied (per year of life)', type: 'bar', stack: 'c', xAxisIndex: 1, yAxisIndex: 1,
          itemStyle: { color: COLORS.embodied }, data: [num(e.embodiedTco2ePerYear)] },
      ],
    }, 360);
    const site = plan.site || {};
    figures(s, [
      ['Energy', total, 'MWh / year'],
      ['IT energy', it, 'MWh / year'],
      ['Operational emissions', num(e.emissionsTco2ePerYear), 'tCO2e / year'],
      ['Embodied emissions', num(e.embodiedTco2e), 'tCO2e'],
      ['Embodied per year of life', num(e.embodiedTco2ePerYear), 'tCO2e / year'],
      ['Water', num(e.waterM3PerYear), 'm³ / year'],
      ['Grid intensity', num(site.gridKgCo2ePerKwh), 'kgCO2e / kWh'],
      ['Carbon-free share', num(site.carbonFreeEnergyFraction)],
      ['Electricity', num(site.electricityUsdPerKwh), 'USD / kWh'],
    ], 'energy');
  }

  // --------------------------------------------------------------------------------- public API

  function dashboard(container, plan, options) {
    if (!plan || typeof plan !== 'object') throw new TypeError('dashboard: plan must be the plan JSON tree');
    const opts = options || {};
    clear(container);
    const charts = [];
    const root = el('div', { class: 'iw-dashboard' });
    container.appendChild(root);
    headline(root, plan, opts.simulation);
    capexSection(root, plan, charts);
    tcoSection(root, plan, charts);
    powerSection(root, plan, charts);
    energySection(root, plan, charts);
    return handle(container, charts);
  }

  function compare(container, items) {
    if (!Array.isArray(items) || items.length < 2) throw new TypeError('compare: give two or more {name, plan}');
    clear(container);
    const charts = [];
    const root = el('div', { class: 'iw-compare' });
    container.appendChild(root);
    const names = items.map((i) => i.name);
    const row = (label, f) => [label].concat(items.map((i) => f(i.plan)));
    table(root, ['figure'].concat(names), [
      row('accelerators', (p) => fmt(get(p, 'cluster.acceleratorCount'))),
      row('capex', (p) => usd(get(p, 'cost.capexUsd'))),
      row('TCO', (p) => usd(get(p, 'cost.tcoUsd'))),
      row('facility power MW', (p) => fmt(get(p, 'power.facilityPowerMw'))),
    ], 'compare');
    const classes = ['accelerators', 'servers', 'network', 'storage', 'facility'];
    chart(root, charts, 'compare-capex', {
      title: title('Capex by class'),
      legend: { top: 0, right: 0 },
      tooltip: valueTooltip(usd),
      grid: { left: 70, right: 30, top: 70, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => '$' + short(v) } },
      series: classes.map((k) => ({ name: k, type: 'bar', stack: 'c', itemStyle: { color: COLORS[k] },
        data: items.map((i) => num(get(i.plan, 'cost.capexBreakdownUsd.' + k))) })),
    });
    return handle(container, charts);
  }

  function pareto(container, front, options) {
    if (!front || !Array.isArray(front.front)) throw new TypeError('pareto: front must be the tree of front.json');
    const opts = options || {};
    clear(container);
    const charts = [];
    const root = el('div', { class: 'iw-pareto' });
    container.appendChild(root);
    const objectives = front.objectives || [];
    const x = opts.x || objectives[0];
    const y = opts.y || objectives[1] || objectives[0];
    chart(root, charts, 'pareto', {
      title: title('Pareto front', front.front.length + ' designs'),
      tooltip: { trigger: 'item', formatter: (p) => 'design ' + p.data.id },
      xAxis: { type: 'value', name: x, scale: true },
      yAxis: { type: 'value', name: y, scale: true },
      series: [{ type: 'scatter', data: front.front.map((r) => ({ id: r.id, value: [get(r.figures, x) !== undefined ? r.figures[x] : null, r.figures[y]] })) }],
    }, 420);
    return handle(container, charts);
  }

  global.IronworksCharts = { dashboard: dashboard, compare: compare, pareto: pareto, format: { fmt: fmt, usd: usd } };
})(typeof window !== 'undefined' ? window : this);
