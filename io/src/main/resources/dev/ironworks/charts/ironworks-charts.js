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
    facility: '#7f8c8d', hosts: '#6a9fd8', cooling: '#c0504d', it: '#34495e', own: '#3b6fb6',
    rent: '#c0504d', tco: '#2e8b57', operational: '#c0504d', embodied: '#7f8c8d',
    weights: '#3b6fb6', gradients: '#6a9fd8', optimizer: '#8c6bb1', activations: '#e0913a',
    other: '#95a5a6', compute: '#3b6fb6', communication: '#e0913a', bubble: '#c0504d',
  };
  const SERIES = ['#3b6fb6', '#e0913a', '#2e8b57', '#c0504d', '#8c6bb1', '#7f8c8d', '#d4a017',
    '#17becf', '#6a9fd8', '#b5651d'];
  const MONTHS_PER_YEAR = 12;

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

  /** '1 server', '4 servers'. */
  function count(n, word) {
    return fmt(n) + ' ' + word + (n === 1 ? '' : 's');
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

  /** v rounded up to a multiple of half its power of ten (81.6 → 85, 192 → 200): an axis end. */
  function niceCeil(v) {
    const step = Math.pow(10, Math.floor(Math.log10(v))) / 2;
    return Math.ceil(v / step) * step;
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
  function table(parent, headers, rows, name, extraClass) {
    const t = el('table', { class: 'iw-table' + (extraClass ? ' ' + extraClass : ''), 'data-table': name });
    const head = el('tr');
    headers.forEach((h) => head.appendChild(el('th', { text: h })));
    t.appendChild(el('thead', {}, [head]));
    const body = el('tbody');
    for (const row of rows) {
      const tr = el('tr');
      row.forEach((cell, i) => {
        const text = typeof cell === 'number' || cell === null ? fmt(cell) : String(cell);
        const numeric = i > 0 && /^(—|[-−]?\$?[\d,.]+(\s?[kMB])?)$/.test(text);
        tr.appendChild(el(i ? 'td' : 'th', { text: text, class: numeric ? 'num' : '' }));
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
      present.map((r) => [r[0], (typeof r[1] === 'number' || typeof r[1] === 'boolean' ? fmt(r[1]) : String(r[1])) +
        (r[2] ? ' ' + r[2] : '')]), name, 'iw-figures');
  }

  function section(parent, name, title) {
    const s = el('section', { class: 'iw-section', 'data-section': name }, [el('h2', { text: title })]);
    parent.appendChild(s);
    return s;
  }

  /** Disposes the ECharts instances below `container` and empties it. */
  function clear(container) {
    if (container.ironworksResize) {
      global.removeEventListener('resize', container.ironworksResize);
      container.ironworksResize = null;
    }
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
    container.ironworksResize = onResize;
    return {
      charts: charts,
      resize: onResize,
      dispose() {
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
      grid: { left: 70, right: 30, top: 80, bottom: 40, containLabel: true },
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
      ['IT power (peak)', num(get(plan, 'power.itPeakPowerMw')), 'MW'],
      ['Facility power (peak)', num(get(plan, 'power.facilityPeakPowerMw')), 'MW'],
      ['Capex', cost.capexUsd !== undefined ? usd(cost.capexUsd) : undefined],
      ['Opex', cost.opexUsdPerYear !== undefined ? usd(cost.opexUsdPerYear) + ' / year' : undefined],
      ['TCO over ' + fmt(cost.horizonYears) + (cost.horizonYears === 1 ? ' year' : ' years'), cost.tcoUsd !== undefined ? usd(cost.tcoUsd) : undefined],
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
    if (simulation && simulation.simulation && simulation.simulation.completionDays) {
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
      }, Math.max(150, 70 + 34 * opexClasses.length));
    }
    table(s, ['class', 'USD'], (cost.cloudOnly ? [] : classes.map((k) => [k, usd(parts[k])]))
      .concat([['total capex', usd(cost.capexUsd)], ['hardware capex', usd(cost.hardwareCapexUsd)],
        ['depreciation per year', usd(cost.depreciationUsdPerYear)],
        ['opex per year', usd(cost.opexUsdPerYear)], ['TCO', usd(cost.tcoUsd)]]), 'capex');
  }

  /**
   * Cumulative cost by month, owning against renting: the points of cost.cumulativeUsdByYear
   * (owning in cash, owning as TCO, renting), which run past the horizon to a later break-even.
   * Owning in cash and renting cross at cost.breakEvenMonths.
   */
  function tcoSection(parent, plan, charts) {
    const cost = plan.cost;
    if (!cost || !Array.isArray(cost.cumulativeUsdByYear) || !cost.cumulativeUsdByYear.length) return;
    const s = section(parent, 'tco', 'TCO over the horizon against renting');
    const points = cost.cumulativeUsdByYear;
    const horizonMonths = cost.horizonYears * MONTHS_PER_YEAR;
    const months = points[points.length - 1].months;
    const breakEven = num(cost.breakEvenMonths);
    const rented = points.some((p) => num(p.rentUsd) !== null);
    const line = (key) => points.map((p) => [p.months, num(p[key])]);
    const series = [
      { name: cost.cloudOnly ? 'rent (the plan)' : 'own: capex + opex (cash)', type: 'line', showSymbol: false,
        data: line('ownUsd'), lineStyle: { width: 3 }, itemStyle: { color: COLORS.own } },
    ];
    if (!cost.cloudOnly) {
      series.push({ name: 'own: capital charge + opex (TCO)', type: 'line', showSymbol: false, data: line('ownTcoUsd'),
        lineStyle: { type: 'dashed' }, itemStyle: { color: COLORS.tco } });
    }
    if (rented && !cost.cloudOnly) {
      const marks = [{ xAxis: horizonMonths, label: { formatter: 'horizon ' + fmt(horizonMonths) + ' mo' } }];
      if (breakEven !== null) {
        marks.push({ xAxis: breakEven, lineStyle: { color: '#000', type: 'solid' },
          label: { formatter: 'break-even ' + fmt(breakEven) + ' mo' } });
      }
      series.push({ name: 'rent: cloud $/h × accelerators', type: 'line', showSymbol: false, data: line('rentUsd'),
        lineStyle: { width: 3 }, itemStyle: { color: COLORS.rent },
        markLine: { symbol: 'none', silent: true, label: { position: 'insideEndTop' }, data: marks } });
    }
    chart(s, charts, 'tco', {
      title: title('Cumulative cost by month', cost.cloudOnly ? 'rented: the cost is the rent'
        : (breakEven !== null ? 'break-even at month ' + fmt(breakEven)
          : (rented ? 'renting stays cheaper' : 'no cloud price to compare'))),
      legend: { top: 0, right: 10 },
      tooltip: valueTooltip(usd),
      grid: { left: 70, right: 30, top: 70, bottom: 40, containLabel: true },
      xAxis: { type: 'value', name: 'month', nameLocation: 'middle', nameGap: 28, min: 0, max: months },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => '$' + short(v) } },
      series: series,
    }, 380);
    figures(s, [
      ['Horizon', num(cost.horizonYears), cost.horizonYears === 1 ? 'year' : 'years'],
      ['TCO (capital charge + opex)', usd(cost.tcoUsd)],
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
    const avgIt = num(p.itAveragePowerMw);
    const bar = (name, color, peak, average) => ({ name: name, type: 'bar', stack: 'p', itemStyle: { color: color },
      data: [peak, average], barWidth: '45%' });
    chart(s, charts, 'power', {
      title: title('IT and cooling power', 'PUE ' + fmt(p.pue) + ', facility ' + fmt(p.facilityPeakPowerMw) + ' MW at peak'),
      legend: { top: 0, right: 10 },
      tooltip: valueTooltip((v) => fmt(v) + ' MW'),
      grid: { left: 70, right: 30, top: 70, bottom: 30, containLabel: true },
      xAxis: { type: 'category', data: ['peak', 'average'] },
      yAxis: { type: 'value', name: 'MW' },
      series: [
        bar('accelerators', COLORS.accelerators, num(p.acceleratorTdpMw), null),
        bar('hosts', COLORS.hosts, num(p.hostsPeakMw), null),
        bar('network', COLORS.network, num(p.networkMw), null),
        bar('storage', COLORS.storage, num(p.storageMw), null),
        bar('IT (average)', COLORS.it, null, avgIt),
        bar('cooling & overhead', COLORS.cooling, num(p.coolingOverheadPeakMw), num(p.coolingOverheadAverageMw)),
      ],
    }, 360);
    figures(s, [
      ['Accelerators (TDP)', num(p.acceleratorTdpMw), 'MW'],
      ['Servers at peak', num(p.serversPeakMw), 'MW'],
      ['Network', num(p.networkMw), 'MW'],
      ['Storage', num(p.storageMw), 'MW'],
      ['IT at peak', num(p.itPeakPowerMw), 'MW'],
      ['Cooling & overhead at peak', num(p.coolingOverheadPeakMw), 'MW'],
      ['Facility at peak', num(p.facilityPeakPowerMw), 'MW'],
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
      legend: { top: 0, right: 10 },
      tooltip: { trigger: 'item', formatter: (i) => i.seriesName + ': ' + fmt(i.value) + (i.seriesIndex < 2 ? ' MWh' : ' tCO2e') },
      grid: [{ left: 60, top: 70, width: '38%', bottom: 30, containLabel: true },
        { right: 20, top: 70, width: '38%', bottom: 30, containLabel: true }],
      xAxis: [{ type: 'category', gridIndex: 0, data: ['energy'] }, { type: 'category', gridIndex: 1, data: ['carbon'] }],
      yAxis: [{ type: 'value', gridIndex: 0, name: 'MWh / year', axisLabel: { formatter: short } },
        { type: 'value', gridIndex: 1, name: 'tCO2e / year', axisLabel: { formatter: short } }],
      series: [
        { name: 'IT energy', type: 'bar', stack: 'e', data: [it], itemStyle: { color: COLORS.it } },
        { name: 'cooling & overhead energy', type: 'bar', stack: 'e', itemStyle: { color: COLORS.cooling },
          data: [num(e.coolingOverheadEnergyMwhPerYear)] },
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

  // ------------------------------------------------------------------ bill of materials, diagram

  function bomSection(parent, plan) {
    const c = plan.cluster;
    const n = plan.network || {};
    const st = plan.storage || {};
    if (!c) return;
    const s = section(parent, 'bom', 'Bill of materials');
    const cost = get(plan, 'cost.capexBreakdownUsd') || {};
    const nc = n.capexBreakdownUsd || {};
    const rows = [
      ['accelerators', c.accelerator, c.acceleratorCount, usd(cost.accelerators)],
      ['servers', c.server + ' (' + c.acceleratorsPerServer + ' accelerators, ' + fmt(c.serverPeakPowerKw) + ' kW)',
        c.serverCount, usd(cost.servers)],
      ['scale-up domains', c.scaleUp + ' (' + c.scaleUpDomainSize + ' accelerators)', c.scaleUpDomainCount, ''],
      ['compute racks', 'up to ' + c.serversPerRack + ' servers, ' + fmt(c.computeRackPeakPowerKw) + ' kW', c.computeRackCount, ''],
      ['network racks', '', c.networkRackCount, ''],
      ['storage racks', '', c.storageRackCount, ''],
    ];
    if (num(n.nicCount) > 0) rows.push(['NICs', n.fabric, n.nicCount, usd(nc.nics)]);
    if (num(n.tiers) > 0) {
      rows.push(['leaf switches', n.fabric + ', ' + n.topology, n.leafSwitchCount, '']);
      if (num(n.spineSwitchCount) > 0) rows.push(['spine switches', '', n.spineSwitchCount, '']);
      if (num(n.coreSwitchCount) > 0) rows.push(['core switches', '', n.coreSwitchCount, '']);
      rows.push(['switches', n.tiers + ' tiers, oversubscription ' + fmt(n.oversubscription) + ':1', n.switchCount, usd(nc.switches)]);
      rows.push(['transceivers', fmt(n.opticalLinkCount) + ' optical links', n.transceiverCount, usd(nc.transceivers)]);
      rows.push(['cables', fmt(n.linkCount) + ' links', n.cableCount, usd(nc.cables)]);
    }
    if (st.tier && st.tier !== 'none') {
      rows.push(['storage', st.tier + ', ' + fmt(st.capacityPetabytes) + ' PB, ' + fmt(st.writeGigabytesPerSecond) +
        ' GB/s write', st.rackCount, usd(cost.storage)]);
    }
    table(s, ['item', 'what', 'count', 'capex'], rows.map((r) => [r[0], r[1] || '', fmt(r[2]), r[3] || '']), 'bom');
    figures(s, [
      ['Floor area', num(c.floorAreaM2), 'm²'],
      ['Bisection bandwidth', num(n.bisectionBandwidthTbps), 'Tb/s'],
      ['Network power', num(n.powerKw), 'kW'],
    ], 'bom-figures');
    fabricDiagram(s, c, n);
  }

  const SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /**
   * The racks and the fabric above them, drawn to counts: one box per switch and one rack per
   * rack up to a limit, the rest summarised as "+N"; each compute rack shows its server slots.
   */
  function fabricDiagram(parent, c, n) {
    const width = 1000;
    const MAX_SWITCHES = 24;
    const MAX_RACKS = 28;
    const tiers = [];
    if (num(n.coreSwitchCount) > 0) tiers.push(['core', n.coreSwitchCount]);
    if (num(n.spineSwitchCount) > 0) tiers.push(['spine', n.spineSwitchCount]);
    if (num(n.leafSwitchCount) > 0) tiers.push([n.topology === 'dragonfly' ? 'router' : 'leaf', n.leafSwitchCount]);
    const rackHeight = 120;
    const tierGap = 70;
    const top = 30;
    const rackTop = top + tiers.length * tierGap + 20;
    const height = rackTop + rackHeight + 50;
    const root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img',
      'aria-label': 'racks and fabric' });
    root.appendChild(svg('text', { x: 0, y: 16, 'font-size': 14, 'font-weight': 'bold' }, 'Racks and fabric'));
    // Switch tiers: centres of the drawn boxes per tier, for the links between tiers.
    const centres = [];
    tiers.forEach((tier, t) => {
      const shown = Math.min(tier[1], MAX_SWITCHES);
      const y = top + t * tierGap + 10;
      const span = width - 260;
      const step = span / Math.max(shown, 1);
      const xs = [];
      for (let i = 0; i < shown; i++) {
        const x = 160 + i * step + (step - Math.min(step - 4, 26)) / 2;
        root.appendChild(svg('rect', { x: x, y: y, width: Math.min(step - 4, 26), height: 14, rx: 2,
          fill: COLORS.network, class: 'iw-switch', 'data-tier': tier[0] }));
        xs.push([x + Math.min(step - 4, 26) / 2, y]);
      }
      centres.push(xs);
      root.appendChild(svg('text', { x: 0, y: y + 12, 'font-size': 13 }, tier[0] + ' × ' + fmt(tier[1])));
      if (tier[1] > shown) {
        root.appendChild(svg('text', { x: width - 95, y: y + 12, 'font-size': 12 }, '+' + fmt(tier[1] - shown) + ' more'));
      }
    });
    const links = svg('g', { stroke: '#b0b7bf', 'stroke-width': 0.6 });
    for (let t = 1; t < centres.length; t++) {
      for (const a of centres[t - 1]) {
        for (const b of centres[t]) {
          links.appendChild(svg('line', { x1: a[0], y1: a[1] + 14, x2: b[0], y2: b[1] }));
        }
      }
    }
    // Racks: compute, then network, then storage.
    const racks = [];
    for (const [kind, count, color] of [['compute', c.computeRackCount, COLORS.accelerators],
      ['network', c.networkRackCount, COLORS.network], ['storage', c.storageRackCount, COLORS.storage]]) {
      const total = num(count) || 0;
      const shown = Math.min(total, kind === 'compute' ? MAX_RACKS - 4 : 2);
      for (let i = 0; i < shown; i++) racks.push([kind, color, 0, i]);
      if (total > shown) racks.push([kind, null, total - shown]);
    }
    const rackWidth = Math.min(30, (width - 170) / Math.max(racks.length, 1) - 4);
    const leaves = centres.length ? centres[centres.length - 1] : [];
    racks.forEach((rack, i) => {
      const x = 160 + i * (rackWidth + 4);
      if (rack[1] === null) {
        root.appendChild(svg('text', { x: x, y: rackTop + rackHeight / 2, 'font-size': 11,
          transform: 'rotate(-90 ' + (x + 10) + ' ' + (rackTop + rackHeight / 2) + ')' }, '+' + fmt(rack[2])));
        return;
      }
      root.appendChild(svg('rect', { x: x, y: rackTop, width: rackWidth, height: rackHeight, fill: '#f4f6f8',
        stroke: rack[1], 'stroke-width': 1.5, class: 'iw-rack', 'data-kind': rack[0] }));
      // A compute rack has serversPerRack slots; rack j holds min(slots, servers − j · slots).
      const perRack = Math.max(1, num(c.serversPerRack) || 1);
      const slots = rack[0] === 'compute' ? perRack : 3;
      const filled = rack[0] === 'compute' ? Math.min(perRack, (num(c.serverCount) || 0) - rack[3] * perRack) : 3;
      const slot = (rackHeight - 8) / Math.max(slots, 6);
      for (let k = 0; k < slots && k < 24; k++) {
        root.appendChild(svg('rect', { x: x + 3, y: rackTop + rackHeight - 4 - (k + 1) * slot + 1, width: rackWidth - 6,
          height: Math.max(1, slot - 2), fill: k < filled ? rack[1] : 'none', stroke: rack[1], 'stroke-width': 0.5,
          class: k < filled ? 'iw-server' : 'iw-slot' }));
      }
      if (rack[0] === 'compute' && leaves.length) {
        const leaf = leaves[Math.floor(i * leaves.length / Math.max(racks.length, 1))];
        links.appendChild(svg('line', { x1: leaf[0], y1: leaf[1] + 14, x2: x + rackWidth / 2, y2: rackTop }));
      }
    });
    root.insertBefore(links, root.firstChild.nextSibling);
    root.appendChild(svg('text', { x: 0, y: rackTop + rackHeight / 2, 'font-size': 13 }, 'racks × ' + fmt(c.rackCount)));
    root.appendChild(svg('text', { x: 160, y: rackTop + rackHeight + 22, 'font-size': 12 },
      count(c.serverCount, 'server') + ' × ' + count(c.acceleratorsPerServer, 'accelerator') + ' in ' +
      count(c.computeRackCount, 'compute rack') + ' (up to ' + fmt(c.serversPerRack) + ' each); ' +
      fmt(c.networkRackCount) + ' network, ' + fmt(c.storageRackCount) + ' storage racks'));
    const div = el('div', { class: 'iw-chart iw-diagram', 'data-chart': 'fabric' });
    div.appendChild(root);
    parent.appendChild(div);
    div.setAttribute('data-rendered', 'true');
  }

  // ------------------------------------------------------------------------------------ training

  function trainingSection(parent, plan, charts) {
    const t = plan.training;
    if (!t) return;
    const s = section(parent, 'training', 'Training run');
    const par = t.parallelism;
    figures(s, [
      ['Model', t.model],
      ['Tokens', num(t.tokens)],
      ['Duration', num(t.durationDays), 'days' + (t.durationPredicted ? ' (predicted)' : ' (given)')],
      ['Predicted time to train', num(t.timeToTrainDays), 'days'],
      ['Accelerator-hours', num(t.acceleratorHours)],
      ['Parallelism', par ? 'TP' + par.tensor + ' PP' + par.pipeline + ' DP' + par.data + ' CP' + par.context +
        ' EP' + par.expert + ' mb' + par.microBatch + ' v' + par.interleave + ' ZeRO' + par.zeroStage + ' ' +
        par.recompute + (par.sequenceParallel ? ' SP' : '') : undefined],
      ['Accelerators used', num(t.acceleratorsUsed)],
      ['Iteration', num(t.iterationSeconds), 's'],
      ['Tokens per second', num(t.tokensPerSecond)],
      ['MFU / HFU', num(t.mfu) !== null ? fmt(t.mfu) + ' / ' + fmt(t.hfu) : undefined],
      ['Achieved per accelerator', num(t.achievedTflopsPerAccelerator), 'TFLOP/s'],
      ['Throughput error to expect', num(t.leaveOutErrorPercent) !== null
        ? fmt(t.leaveOutErrorPercent) + '% mean, ' + fmt(t.leaveOutWorstErrorPercent) + '% worst, over ' +
          fmt(t.leaveOutRuns) + ' published runs on this hardware' : undefined],
      ['IT power while training', num(t.itBusyPowerMw), 'MW'],
      ['Energy', num(t.energyMwh), 'MWh'],
      ['Emissions', num(t.emissionsTco2e), 'tCO2e'],
      ['Cost', t.costUsd !== undefined ? usd(t.costUsd) : undefined],
      ['Configurations evaluated / fitting', num(t.configurationsEvaluated) !== null
        ? fmt(t.configurationsEvaluated) + ' / ' + fmt(t.configurationsFitting) : undefined],
    ], 'training');
    const time = t.timeBreakdownSeconds;
    if (time) {
      // One iteration = compute + exposed communication + bubble + host; the exposed communication
      // is drawn as its collectives (training.communicationSeconds sums to it).
      const comm = t.communicationSeconds || {};
      const parts = [['compute', time.compute, COLORS.compute],
        ['tensor parallel', comm.tensorParallel, '#e0913a'], ['pipeline sends', comm.pipelineSends, '#d4a017'],
        ['data parallel (exposed)', comm.dataParallelExposed, '#b5651d'], ['expert all-to-all', comm.expertAllToAll, '#8c6bb1'],
        ['context parallel', comm.contextParallel, '#17becf'],
        ['pipeline bubble', time.bubble, COLORS.bubble], ['waiting on the host', time.host, '#7f8c8d']];
      if (!t.communicationSeconds) parts.splice(1, 5, ['exposed communication', time.exposedCommunication, COLORS.communication]);
      const shown = parts.filter((p) => num(p[1]) > 0);
      chart(s, charts, 'trainingTime', {
        title: title('Time of one iteration', fmt(t.iterationSeconds) + ' s'),
        legend: { top: 0, right: 10 },
        tooltip: valueTooltip((v) => fmt(v) + ' s'),
        grid: { left: 20, right: 30, top: 70, bottom: 40, containLabel: true },
        xAxis: { type: 'value', name: 's', nameLocation: 'middle', nameGap: 26 },
        yAxis: { type: 'category', data: ['iteration'] },
        series: shown.map((p) => ({ name: p[0], type: 'bar', stack: 'i', data: [p[1]], itemStyle: { color: p[2] },
          barWidth: 40 })),
      }, 200);
    }
    const mem = t.memoryBreakdownGib;
    if (mem) {
      const device = num(t.acceleratorMemoryGib);
      const keys = Object.keys(mem);
      chart(s, charts, 'memory', {
        title: title('Memory per accelerator', fmt(t.memoryPerAcceleratorGib) + ' GiB' +
          (device !== null ? ' of ' + fmt(device) + ' GiB' : '')),
        legend: { top: 0, right: 10 },
        tooltip: valueTooltip((v) => fmt(v) + ' GiB'),
        grid: { left: 20, right: 40, top: 70, bottom: 40, containLabel: true },
        xAxis: { type: 'value', name: 'GiB', nameLocation: 'middle', nameGap: 26,
          max: device !== null ? niceCeil(Math.max(device, t.memoryPerAcceleratorGib) * 1.02) : null },
        yAxis: { type: 'category', data: ['per device'] },
        series: keys.map((k, i) => {
          const item = { name: k, type: 'bar', stack: 'm', data: [num(mem[k])], barWidth: 40,
            itemStyle: { color: COLORS[k] || SERIES[i] } };
          if (i === 0 && device !== null) {
            item.markLine = { symbol: 'none', silent: true, lineStyle: { color: '#000', width: 2 },
              label: { formatter: 'device memory ' + fmt(device) + ' GiB' }, data: [{ xAxis: device }] };
          }
          return item;
        }),
      }, 200);
    }
    if (Array.isArray(t.alternatives) && t.alternatives.length) {
      table(s, ['next-fastest configurations that fit'], t.alternatives.map((a) => [a]), 'alternatives');
    }
  }

  // --------------------------------------------------------------------------------- reliability

  function reliabilitySection(parent, plan, simulation, charts) {
    const r = plan.reliability;
    if (!r) return;
    const s = section(parent, 'reliability', 'Reliability');
    const by = r.failuresPerDayByComponent || {};
    const components = Object.keys(by);
    chart(s, charts, 'failures', {
      title: title('Failures per day by component', fmt(r.failuresPerDay) + ' a day in all; job MTBF ' +
        fmt(r.jobMtbfHours) + ' h'),
      tooltip: valueTooltip((v) => fmt(v) + ' / day'),
      xAxis: { type: 'category', data: components },
      yAxis: { type: 'value', name: 'failures / day' },
      series: [{ type: 'bar', name: 'failures / day', data: components.map((k) => num(by[k])),
        label: { show: true, position: 'top', formatter: (p) => fmt(p.value) } }],
    }, 300);
    // Wall-clock days = compute + the days lost to checkpoints, restarts and rework
    // (reliability.lostDays; planned stops are among its checkpoints and restarts).
    const lost = r.lostDays || {};
    const parts = [['compute', r.computeDays, COLORS.compute], ['checkpoints', lost.checkpoints, '#6a9fd8'],
      ['restarts', lost.restarts, COLORS.communication], ['rework', lost.rework, COLORS.bubble]].filter((p) => num(p[1]) > 0);
    chart(s, charts, 'wallClock', {
      title: title('Wall-clock days of the run', fmt(r.wallClockDays) + ' days, goodput ' + fmt(r.goodput)),
      legend: { top: 0, right: 10 },
      tooltip: valueTooltip((v) => fmt(v) + ' days'),
      grid: { left: 20, right: 30, top: 70, bottom: 40, containLabel: true },
      xAxis: { type: 'value', name: 'days', nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', data: ['run'] },
      series: parts.map((p) => ({ name: p[0], type: 'bar', stack: 'w', data: [p[1]], barWidth: 40,
        itemStyle: { color: p[2] } })),
    }, 200);
    figures(s, [
      ['Failure rates', r.failureRates],
      ['Failures per day', num(r.failuresPerDay)],
      ['Job MTBF', num(r.jobMtbfHours), 'h'],
      ['Checkpoint', num(r.checkpointGib), 'GiB'],
      ['Checkpoint write', num(r.checkpointWriteSeconds), 's' + (r.asyncCheckpoint ? ' (asynchronous)' : '')],
      ['Stall per checkpoint', num(r.checkpointStallSeconds), 's'],
      ['Checkpoint interval (Young / Daly)', num(r.youngIntervalMinutes) !== null
        ? fmt(r.youngIntervalMinutes) + ' / ' + fmt(r.dalyIntervalMinutes) + ' min' : undefined],
      ['Checkpoint interval used', num(r.checkpointIntervalMinutes), 'min'],
      ['Restart', num(r.restartMinutes), 'min'],
      ['Planned interruptions', num(r.plannedInterruptionsPerDay), '/ day'],
      ['Expected interruptions', num(r.expectedInterruptions)],
      ['Goodput', num(r.goodput)],
      ['Compute / wall-clock days', num(r.computeDays) !== null ? fmt(r.computeDays) + ' / ' + fmt(r.wallClockDays) : undefined],
      ['Spare servers', num(r.spareServers)],
      ['Extra cost of failures', r.extraCostUsd !== undefined ? usd(r.extraCostUsd) : undefined],
      ['Extra energy / emissions', num(r.extraEnergyMwh) !== null ? fmt(r.extraEnergyMwh) + ' MWh / ' +
        fmt(r.extraEmissionsTco2e) + ' tCO2e' : undefined],
    ], 'reliability');
    if (simulation && simulation.simulation) completionSection(s, simulation, charts);
  }

  /** The simulated completion days: one bar per histogram bin, P10/P50/P90 and the analysis marked. */
  function completionSection(parent, view, charts) {
    const sim = view.simulation;
    const bins = Array.isArray(sim.completionDaysHistogram) ? sim.completionDaysHistogram : [];
    const d = sim.completionDays || {};
    const analytic = view.analytical || {};
    if (bins.length) {
      let lo = bins[0].fromDays;
      let hi = bins[bins.length - 1].toDays;
      const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(lo) * 0.001, 0.01);
      const marks = [['P10', d.p10], ['P50', d.p50], ['P90', d.p90]]
        .filter((m) => num(m[1]) !== null)
        .map((m) => ({ xAxis: m[1], label: { formatter: m[0] + ' ' + fmt(m[1]) } }));
      if (num(analytic.wallClockDays) !== null) {
        marks.push({ xAxis: analytic.wallClockDays, lineStyle: { color: COLORS.rent, type: 'solid' },
          label: { formatter: 'analysis ' + fmt(analytic.wallClockDays), position: 'insideStartTop' } });
        lo = Math.min(lo, analytic.wallClockDays);
        hi = Math.max(hi, analytic.wallClockDays);
      }
      chart(parent, charts, 'completion', {
        title: title('Simulated completion time', fmt(sim.trials) + ' trials, seed ' + sim.seed +
          (sim.incompleteTrials ? ', ' + fmt(sim.incompleteTrials) + ' incomplete' : '')),
        tooltip: { trigger: 'item', formatter: (p) => fmt(p.value[0]) + '–' + fmt(p.value[1]) + ' days: ' +
          fmt(p.value[2]) + ' trials' },
        grid: { left: 60, right: 30, top: 60, bottom: 40, containLabel: true },
        xAxis: { type: 'value', name: 'days', nameLocation: 'middle', nameGap: 26, min: lo - pad, max: hi + pad,
          axisLabel: { showMinLabel: false, showMaxLabel: false, formatter: (v) => String(Number(v.toPrecision(5))) } },
        yAxis: { type: 'value', name: 'trials', minInterval: 1 },
        series: [{
          type: 'custom', name: 'trials',
          // Each bin is a rectangle from fromDays to toDays, as tall as its trials.
          renderItem: (params, api) => {
            const a = api.coord([api.value(0), 0]);
            const b = api.coord([api.value(1), api.value(2)]);
            return { type: 'rect', shape: { x: a[0], y: b[1], width: Math.max(2, b[0] - a[0] - 1), height: a[1] - b[1] },
              style: api.style({ fill: COLORS.compute }) };
          },
          encode: { x: [0, 1], y: 2 },
          data: bins.map((b) => [b.fromDays, b.toDays, b.trials]),
          markLine: { symbol: 'none', silent: true, lineStyle: { color: '#000', type: 'dashed' },
            label: { position: 'insideEndTop' }, data: marks },
        }],
      }, 340);
    }
    const row = (label, p, unit) => [label + (unit ? ' (' + unit + ')' : ''), p ? p.p10 : null, p ? p.p50 : null,
      p ? p.p90 : null, p ? p.mean : null];
    table(parent, ['simulated', 'P10', 'P50', 'P90', 'mean'], [
      row('completion', sim.completionDays, 'days'),
      row('interruptions', sim.interruptions),
      row('goodput', sim.goodput),
      row('energy', sim.energyMwh, 'MWh'),
      row('wait for a server', sim.waitForServerHours, 'h'),
    ], 'simulation');
  }

  // ----------------------------------------------------------------------------------- inference

  /**
   * One replica's latency against its throughput under Poisson arrivals: the median time per
   * token with a band to its 99th percentile, and the median and 99th percentile to the first
   * token, the rate the plan runs at marked.
   */
  function loadChart(parent, plan, charts) {
    const i = plan.inference;
    // One replica from 10% to 98% of its capacity:
    // {utilization, tokensPerSecond, ttftP50Millis, ttftP99Millis, tpotP50Millis, tpotP99Millis}.
    const points = Array.isArray(i.loadCurve) ? i.loadCurve : [];
    if (!points.length) return;
    const xy = (key) => points.map((p) => [p.tokensPerSecond, p[key]]);
    const band = points.map((p) => [p.tokensPerSecond, p.tpotP99Millis - p.tpotP50Millis]);
    const marks = num(i.tokensPerSecondPerReplica) !== null
      ? [{ xAxis: i.tokensPerSecondPerReplica, label: { formatter: 'within targets' } }] : [];
    chart(parent, charts, 'inferenceLoad', {
      title: title(i.mode === 'disaggregated' ? 'Latency against load of the split fleet, per replica'
        : 'Latency against load of one replica', (i.latencyPercentile || 'p99') +
        ' targets; Poisson arrivals'),
      legend: { top: 0, right: 10 },
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 30, top: 70, bottom: 40, containLabel: true },
      xAxis: { type: 'value', name: 'tokens/s per replica', nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'log', name: 'ms' },
      series: [
        { type: 'line', name: 'time per token p50', stack: 'tpot', symbolSize: 4, data: xy('tpotP50Millis'),
          lineStyle: { color: COLORS.compute }, itemStyle: { color: COLORS.compute },
          markLine: { symbol: 'none', silent: true, lineStyle: { color: '#000', type: 'dashed' }, data: marks } },
        { type: 'line', name: 'time per token to p99', stack: 'tpot', symbol: 'none', data: band,
          lineStyle: { opacity: 0 }, areaStyle: { color: COLORS.compute, opacity: 0.25 } },
        { type: 'line', name: 'first token p50', symbolSize: 4, data: xy('ttftP50Millis'),
          lineStyle: { color: COLORS.communication }, itemStyle: { color: COLORS.communication } },
        { type: 'line', name: 'first token p99', symbol: 'none', data: xy('ttftP99Millis'),
          lineStyle: { color: COLORS.communication, type: 'dashed' }, itemStyle: { color: COLORS.communication } },
      ],
    }, 340);
  }

  /** A serving simulation's latency histograms: time to first token and time per output token. */
  function servingSimulationSection(parent, view, charts) {
    const sim = view.simulation;
    for (const [key, name, label] of [['ttftHistogram', 'servingTtft', 'time to first token'],
      ['tpotHistogram', 'servingTpot', 'time per output token']]) {
      const bins = Array.isArray(sim[key]) ? sim[key] : [];
      if (!bins.length) continue;
      chart(parent, charts, name, {
        title: title('Simulated ' + label, fmt(sim.requests) + ' requests, seed ' + sim.seed),
        tooltip: { trigger: 'item', formatter: (p) => fmt(p.value[0]) + '–' + fmt(p.value[1]) + ' ms: ' +
          fmt(p.value[2]) + ' requests' },
        grid: { left: 60, right: 30, top: 60, bottom: 40, containLabel: true },
        xAxis: { type: 'value', name: 'ms', nameLocation: 'middle', nameGap: 26, scale: true },
        yAxis: { type: 'value', name: 'requests', minInterval: 1 },
        series: [{
          type: 'custom', name: 'requests',
          renderItem: (params, api) => {
            const a = api.coord([api.value(0), 0]);
            const b = api.coord([api.value(1), api.value(2)]);
            return { type: 'rect', shape: { x: a[0], y: b[1], width: Math.max(2, b[0] - a[0] - 1), height: a[1] - b[1] },
              style: api.style({ fill: COLORS.compute }) };
          },
          encode: { x: [0, 1], y: 2 },
          data: bins.map((b) => [b.fromMillis, b.toMillis, b.requests]),
        }],
      }, 300);
    }
    const row = (label, q) => [label + ' (ms)', q ? q.p50 : null, q ? q.p90 : null, q ? q.p99 : null, q ? q.mean : null];
    table(parent, ['simulated', 'p50', 'p90', 'p99', 'mean'], [
      row('time to first token', sim.ttftMillis),
      row('time per output token', sim.tpotMillis),
      row('end to end', sim.endToEndMillis),
    ], 'servingSimulation');
  }

  function inferenceSection(parent, plan, charts, simulation) {
    const i = plan.inference;
    if (!i) return;
    const s = section(parent, 'inference', 'Serving');
    // Above a replica's capacity the queue grows without bound: JSON carries the unbounded waits
    // as null, which would otherwise read as absent.
    const overloaded = num(i.replicaLoad) !== null && i.replicaLoad > 1;
    const waited = (v) => (num(v) === null && overloaded ? '∞' : fmt(v));
    figures(s, [
      ['Model', i.model],
      ['Precision', i.precision],
      ['Replicas × accelerators', fmt(i.replicas) + ' × ' + fmt(i.acceleratorsPerReplica) + ' = ' + fmt(i.acceleratorCount)],
      ['Parallelism', i.parallelism ? 'TP' + i.parallelism.tensor + ' PP' + i.parallelism.pipeline : undefined],
      ['Batch (max)', num(i.batchSize) !== null ? fmt(i.batchSize) + ' (' + fmt(i.maxBatchSize) + ')' : undefined],
      ['Tokens per second per replica', num(i.tokensPerSecondPerReplica)],
      ['Fleet tokens per second', num(i.fleetTokensPerSecond)],
      ['Demand average / peak', num(i.averageTokensPerSecond) !== null
        ? fmt(i.averageTokensPerSecond) + ' / ' + fmt(i.peakTokensPerSecond) + ' tokens/s' : undefined],
      ['Time to first token', overloaded && num(i.ttftMillis) === null ? '∞' : num(i.ttftMillis), 'ms'],
      ['Time per output token', num(i.tpotMillis), 'ms'],
      ['Single stream', num(i.singleStreamTokensPerSecond), 'tokens/s'],
      ['Targets at', i.latencyPercentile],
      ['Mode', i.mode],
      ['Replica load / tail headroom', num(i.replicaLoad) !== null
        ? fmt(i.replicaLoad) + ' / ' + fmt(i.tailHeadroom) : undefined],
      ['Queue', overloaded ? 'grows without bound: the demand is above what the replicas complete' : undefined],
      ['First token p50 / p99', i.ttftPercentilesMillis
        ? waited(i.ttftPercentilesMillis.p50) + ' / ' + waited(i.ttftPercentilesMillis.p99) + ' ms' : undefined],
      ['Per token p50 / p99', i.tpotPercentilesMillis
        ? fmt(i.tpotPercentilesMillis.p50) + ' / ' + fmt(i.tpotPercentilesMillis.p99) + ' ms' : undefined],
      ['Goodput', num(i.goodput)],
      ['Utilization', num(i.utilization)],
      ['Meets targets', i.meetsTargets],
      ['Cost per million tokens', num(i.usdPerMillionTokens) !== null ? '$' + fmt(i.usdPerMillionTokens) : undefined],
      ['Energy per 1,000 tokens', num(i.whPer1000Tokens), 'Wh'],
      ['Emissions per billion tokens', num(i.tco2ePerBillionTokens), 'tCO2e'],
      ['Fleet power', num(i.averagePowerKw), 'kW'],
    ], 'inference');
    // The chosen replica shape at each batch: {batch, tpotMillis, tokensPerSecond, ttftMillis}.
    const curve = Array.isArray(i.curve) ? i.curve : [];
    if (curve.length) {
      chart(s, charts, 'inferenceCurve', {
        title: title(i.mode === 'disaggregated' ? 'Latency against throughput of one decode replica'
          : 'Latency against throughput of one replica', 'batch ' + i.batchSize + ' chosen'),
        legend: { top: 0, right: 10 },
        tooltip: { trigger: 'item', formatter: (p) => 'batch ' + p.data.batch + ': ' + fmt(p.data.value[0]) +
          ' tokens/s, ' + fmt(p.data.value[1]) + ' ms per token' },
        grid: { left: 60, right: 30, top: 70, bottom: 40, containLabel: true },
        xAxis: { type: 'value', name: 'tokens/s per replica', nameLocation: 'middle', nameGap: 26 },
        yAxis: { type: 'value', name: 'ms' },
        series: [{ type: 'line', name: 'time per token', symbolSize: 8,
          data: curve.map((p) => ({ batch: p.batch, value: [p.tokensPerSecond, p.tpotMillis],
            itemStyle: p.batch === i.batchSize ? { color: COLORS.rent } : undefined,
            symbolSize: p.batch === i.batchSize ? 14 : 8 })) },
        { type: 'line', name: 'time to first token', lineStyle: { type: 'dashed' },
          data: curve.map((p) => ({ batch: p.batch, value: [p.tokensPerSecond, p.ttftMillis] })) }],
      }, 340);
    }
    loadChart(s, plan, charts);
    if (simulation && simulation.simulation && simulation.simulation.ttftHistogram) {
      servingSimulationSection(s, simulation, charts);
    }
  }

  function notesSection(parent, plan) {
    if (!Array.isArray(plan.notes) || !plan.notes.length) return;
    const s = section(parent, 'notes', 'Notes');
    s.appendChild(el('ul', { class: 'iw-notes' }, plan.notes.map((n) => el('li', { text: String(n) }))));
  }

  // --------------------------------------------------------------------------------- public API

  /**
   * The plan dashboard. `plan` is the plan JSON tree; `options.simulation` the tree of
   * `ironworks simulate --format json`. Sections whose figures the plan lacks are left out.
   */
  function dashboard(container, plan, options) {
    if (!plan || typeof plan !== 'object') throw new TypeError('dashboard: plan must be the plan JSON tree');
    const opts = options || {};
    clear(container);
    style();
    const charts = [];
    const root = el('div', { class: 'iw-dashboard' });
    container.appendChild(root);
    headline(root, plan, opts.simulation);
    capexSection(root, plan, charts);
    tcoSection(root, plan, charts);
    powerSection(root, plan, charts);
    energySection(root, plan, charts);
    bomSection(root, plan);
    trainingSection(root, plan, charts);
    reliabilitySection(root, plan, opts.simulation, charts);
    inferenceSection(root, plan, charts, opts.simulation);
    notesSection(root, plan);
    return handle(container, charts);
  }

  /** Grouped bars, one group per figure and one bar per scenario (or stacked by `stack`). */
  function compareChart(parent, charts, name, heading, names, series, format) {
    chart(parent, charts, name, {
      title: title(heading),
      legend: { top: 0, right: 10 },
      tooltip: valueTooltip(format),
      grid: { left: 70, right: 30, top: 70, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => (format === usd ? '$' : '') + short(v) } },
      series: series,
    }, 320);
  }

  /** Two or more plans side by side: a table of headline figures and grouped bar charts. */
  function compare(container, items) {
    if (!Array.isArray(items) || items.length < 2) throw new TypeError('compare: give two or more {name, plan}');
    clear(container);
    style();
    const charts = [];
    const root = el('div', { class: 'iw-compare' });
    container.appendChild(root);
    const names = items.map((i, k) => String(i.name || (i.plan && i.plan.scenario) || 'scenario ' + (k + 1)));
    const plans = items.map((i) => i.plan || {});
    const row = (label, path, format) => [label].concat(plans.map((p) => (format || fmt)(get(p, path))));
    const rows = [
      row('accelerators', 'cluster.acceleratorCount'),
      row('accelerator', 'cluster.accelerator', String),
      row('servers', 'cluster.serverCount'),
      row('racks', 'cluster.rackCount'),
      row('IT power at peak (MW)', 'power.itPeakPowerMw'),
      row('facility power at peak (MW)', 'power.facilityPeakPowerMw'),
      row('capex', 'cost.capexUsd', usd),
      row('opex per year', 'cost.opexUsdPerYear', usd),
      row('TCO', 'cost.tcoUsd', usd),
      row('USD per accelerator-hour', 'cost.usdPerAcceleratorHour'),
      row('cloud TCO', 'cost.cloudTcoUsd', usd),
      row('break-even (months)', 'cost.breakEvenMonths'),
      row('energy (MWh / year)', 'energy.energyMwhPerYear'),
      row('emissions (tCO2e / year)', 'energy.emissionsTco2ePerYear'),
      row('embodied (tCO2e)', 'energy.embodiedTco2e'),
    ];
    const any = (path) => plans.some((p) => get(p, path) !== undefined);
    if (any('training')) {
      rows.push(row('training days', 'training.durationDays'), row('training cost', 'training.costUsd', usd),
        row('training energy (MWh)', 'training.energyMwh'), row('MFU', 'training.mfu'));
    }
    if (any('reliability')) rows.push(row('goodput', 'reliability.goodput'), row('wall-clock days', 'reliability.wallClockDays'));
    if (any('inference')) rows.push(row('USD per million tokens', 'inference.usdPerMillionTokens'),
      row('fleet tokens per second', 'inference.fleetTokensPerSecond'));
    table(root, ['figure'].concat(names), rows, 'compare');

    const series = (label, path, color, stack) => ({ name: label, type: 'bar', stack: stack,
      itemStyle: { color: color }, data: plans.map((p) => num(get(p, path))) });
    compareChart(root, charts, 'compare-capex', 'Capex by class', names,
      ['accelerators', 'servers', 'network', 'storage', 'facility']
        .map((k) => series(k, 'cost.capexBreakdownUsd.' + k, COLORS[k], 'c')), usd);
    compareChart(root, charts, 'compare-tco', 'TCO over the horizon against renting', names,
      [series('TCO', 'cost.tcoUsd', COLORS.tco), series('cloud TCO', 'cost.cloudTcoUsd', COLORS.rent)], usd);
    compareChart(root, charts, 'compare-power', 'Peak power: IT and cooling overhead (MW)', names,
      [series('IT', 'power.itPeakPowerMw', COLORS.it, 'p'), series('cooling & overhead', 'power.coolingOverheadPeakMw', COLORS.cooling, 'p')],
      (v) => fmt(v) + ' MW');
    compareChart(root, charts, 'compare-carbon', 'Emissions per year (tCO2e)', names,
      [series('operational', 'energy.emissionsTco2ePerYear', COLORS.operational, 'e'),
        series('embodied per year of life', 'energy.embodiedTco2ePerYear', COLORS.embodied, 'e')], (v) => fmt(v) + ' tCO2e');
    if (any('training')) {
      compareChart(root, charts, 'compare-training', 'Training run (days)', names,
        [series('compute days', 'training.durationDays', COLORS.compute),
          series('wall-clock days with failures', 'reliability.wallClockDays', COLORS.bubble)], (v) => fmt(v) + ' days');
    }
    return handle(container, charts);
  }

  /**
   * A sweep's Pareto front: a scatter of two objectives (chosen with selects when there are more),
   * each design's axis values and figures on hover, and a table of the front. Points are coloured
   * by the first axis whose values are words (an accelerator, a region), if any.
   */
  function pareto(container, front, options) {
    if (!front || !Array.isArray(front.front)) throw new TypeError('pareto: front must be the tree of front.json');
    const opts = options || {};
    clear(container);
    style();
    const charts = [];
    const root = el('div', { class: 'iw-pareto' });
    container.appendChild(root);
    const rows = front.front;
    const objectives = (front.objectives || []).slice();
    for (const r of rows) {
      for (const k of Object.keys(r.figures || {})) if (!objectives.includes(k)) objectives.push(k);
    }
    const axes = rows.length ? Object.keys(rows[0].axes || {}) : [];
    const words = axes.find((a) => rows.some((r) => isNaN(Number(r.axes[a]))));
    let x = objectives.includes(opts.x) ? opts.x : objectives[0];
    let y = objectives.includes(opts.y) ? opts.y : (objectives[1] || objectives[0]);
    const controls = el('div', { class: 'iw-controls' });
    const select = (axis, value) => {
      const s = el('select', { class: 'iw-select', 'data-axis': axis },
        objectives.map((o) => el('option', { value: o, text: o })));
      s.value = value;
      controls.appendChild(el('label', {}, [axis + ' ', s]));
      return s;
    };
    const xs = select('x', x);
    const ys = select('y', y);
    if (objectives.length > 1) root.appendChild(controls);
    root.appendChild(el('p', { text: fmt(front.designs) + ' designs, ' + fmt(front.feasible) + ' within the constraints, ' +
      rows.length + ' on the front over ' + (front.objectives || []).join(', ') + ' (all minimised).' }));
    const tooltip = (p) => {
      const r = p.data.row;
      const lines = ['design ' + r.id];
      for (const a of axes) lines.push(a + ': ' + r.axes[a]);
      for (const o of objectives) {
        const u = r.uncertainty && r.uncertainty[o];
        lines.push(o + ': ' + fmt(r.figures[o]) + (u ? ' (P10 ' + fmt(u.p10) + ', P90 ' + fmt(u.p90) + ')' : ''));
      }
      // Text only: tooltip HTML is built from escaped values.
      return lines.map(escapeHtml).join('<br>');
    };
    const groups = words ? Array.from(new Set(rows.map((r) => String(r.axes[words])))) : ['front'];
    const option = () => ({
      title: title('Pareto front', x + ' against ' + y),
      legend: words ? { top: 0, right: 0 } : undefined,
      tooltip: { trigger: 'item', formatter: tooltip },
      grid: { left: 70, right: 40, top: 70, bottom: 50, containLabel: true },
      xAxis: { type: 'value', name: x, nameLocation: 'middle', nameGap: 30, scale: true, axisLabel: { formatter: short } },
      yAxis: { type: 'value', name: y, scale: true, axisLabel: { formatter: short } },
      series: groups.map((g) => ({
        type: 'scatter', name: words ? g : 'front', symbolSize: 12,
        data: rows.filter((r) => !words || String(r.axes[words]) === g)
          .map((r) => ({ row: r, value: [num(r.figures[x]), num(r.figures[y])] })),
      })),
    });
    const scatter = chart(root, charts, 'pareto', option(), 440);
    const redraw = () => {
      x = xs.value;
      y = ys.value;
      scatter.setOption(option(), true);
    };
    xs.addEventListener('change', redraw);
    ys.addEventListener('change', redraw);
    const scroll = el('div', { class: 'iw-scroll' });
    root.appendChild(scroll);
    table(scroll, ['design'].concat(axes, objectives),
      rows.map((r) => [String(r.id)].concat(axes.map((a) => String(r.axes[a])), objectives.map((o) => fmt(r.figures[o])))),
      'front');
    return handle(container, charts);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
  }

  /** Default styles, added once; a page's own rules for these classes take precedence if later. */
  function style() {
    if (document.getElementById('iw-charts-style')) return;
    const css = [
      '.iw-section{margin:1.5em 0 2em}',
      '.iw-section h2{font-size:1.25em;border-bottom:1px solid #d0d7de;padding-bottom:.25em}',
      '.iw-table{border-collapse:collapse;margin:.75em 0;font-size:.9em}',
      '.iw-table th,.iw-table td{padding:.25em .75em;border-bottom:1px solid #eaecef;text-align:left}',
      '.iw-table td.num,.iw-table th.num{text-align:right}',
      '.iw-table tbody th{font-weight:600}',
      '.iw-figures td{text-align:right}',
      '.iw-chart{margin:.75em 0}',
      '.iw-controls label{margin-right:1.5em}',
      '.iw-scroll{overflow-x:auto}',
    ].join('\n');
    const node = el('style', { id: 'iw-charts-style' });
    node.textContent = css;
    (document.head || document.documentElement).insertBefore(node, (document.head || document.documentElement).firstChild);
  }

  global.IronworksCharts = {
    dashboard: dashboard,
    compare: compare,
    pareto: pareto,
    // Shared with the roadmap charts (ironworks-roadmap-charts.js), which load after this file.
    format: { num: num, fmt: fmt, usd: usd, short: short },
    dom: { el: el },
  };
})(typeof window !== 'undefined' ? window : this);
