'use strict';
// One sweep, followed live: its status (/api/sweeps/ID), results (/api/sweeps/ID/results) and each student's epoch
// curve (/api/sweeps/ID/trials/TRIAL, asked again only when the trial's epoch count or status changed).
(() => {
  const { element, fixed, time } = FaceKd;
  const sweepId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1]);
  const api = FaceKd.sweepPath(sweepId);
  // trial id -> { seen: "epochs/status" when last fetched, epochs: [...] }
  const curves = new Map();

  document.title = `${sweepId} · FaceKdGrid`;
  document.getElementById('title').textContent = `sweep ${sweepId}`;
  document.getElementById('json-links').append('The same as JSON: ',
    element('a', { href: api }, 'status'), ', ', element('a', { href: `${api}/results` }, 'results'), '.');

  FaceKd.poll(async () => {
    const [status, results] = await Promise.all([FaceKd.get(api), FaceKd.get(`${api}/results`)]);
    await refreshCurves(status.trials);
    const students = status.trials.filter(trial => trial.kind === 'student');
    // The search keys whose values differ between trials: what tells the trials apart (the ratio always shown).
    const varying = Object.keys(students[0]?.params || {}).filter(key =>
      key === 'compression_ratio' || new Set(students.map(trial => JSON.stringify(trial.params[key]))).size > 1);
    const colours = new Map(students.map((trial, index) => [trial.id, SvgChart.color(index)]));
    showHeader(status, results);
    showTrials(status, results, varying, colours);
    showPareto(results, varying.filter(key => key !== 'compression_ratio' && key !== 'seed'));
    showCurves(students, results.metric, colours);
    return status.status === 'running';
  });

  async function refreshCurves(trials) {
    await Promise.all(trials.filter(trial => trial.kind === 'student').map(async trial => {
      const seen = `${trial.epochs}/${trial.status}`;
      if (curves.get(trial.id)?.seen !== seen) {
        const record = await FaceKd.get(`${api}/trials/${encodeURIComponent(trial.id)}`);
        curves.set(trial.id, { seen, epochs: record.epochs });
      }
    }));
  }

  function showHeader(status, results) {
    const badge = document.getElementById('status');
    badge.textContent = status.status;
    badge.className = `status status-${status.status}`;
    document.getElementById('times').textContent = `metric ${status.metric}; submitted ${time(status.submittedAt)}` +
      (status.finishedAt ? `, finished ${time(status.finishedAt)}` : '');
    const teacher = results.teacher;
    document.getElementById('teacher').textContent = teacher.params
      ? `teacher: ${Number(teacher.params).toLocaleString()} parameters, accuracy ${fixed(teacher.accuracy)}` : '';
  }

  function showTrials(status, results, varying, colours) {
    const outcomes = new Map(results.trials.map(trial => [trial.id, trial]));
    const metricHeader = results.metric === 'tar' ? 'TAR' : 'accuracy';
    document.querySelector('#trials thead').replaceChildren(element('tr', {},
      ...['trial', 'status', 'epochs', 'last metric', ...varying, 'ratio', metricHeader, 'untrained', 'TAR', 'FAR', 'attempts', 'worker', 'reason']
        .map(name => element('th', {}, name))));
    document.querySelector('#trials tbody').replaceChildren(...status.trials.map(trial => {
      const outcome = outcomes.get(trial.id);
      const metric = results.metric === 'tar' ? fixed(outcome?.tar) : outcome?.accuracy == null ? '' : `${fixed(outcome.accuracy)} ± ${fixed(outcome.accuracyStd)}`;
      const swatch = colours.has(trial.id) ? element('span', { class: 'swatch', style: `background:${colours.get(trial.id)}` }) : null;
      return element('tr', { 'data-trial': trial.id },
        element('td', {}, swatch, trial.id),
        element('td', { class: `status status-${trial.status}`, 'data-field': 'status' }, trial.status),
        element('td', { class: 'number', 'data-field': 'epochs' }, trial.epochs),
        element('td', { class: 'number' }, fixed(trial.lastMetric)),
        ...varying.map(key => element('td', { class: 'number' }, trial.params ? trial.params[key] : '')),
        element('td', { class: 'number' }, outcome?.compressionRatio == null ? '' : `${Number(outcome.compressionRatio).toFixed(1)}x`),
        element('td', { class: 'number', 'data-field': 'metric' }, metric),
        element('td', { class: 'number' }, fixed(outcome?.untrainedAccuracy)),
        element('td', { class: 'number' }, fixed(outcome?.tar)),
        element('td', { class: 'number' }, outcome?.far == null ? '' : Number(outcome.far).toPrecision(2)),
        element('td', { class: 'number' }, trial.attempts),
        element('td', {}, trial.worker || ''),
        element('td', {}, trial.reason || ''));
    }));
  }

  // As `facekd sweep results --plot` draws it: the metric on the test pairs per configuration (mean ± std over seeds)
  // against the requested ratio on a log scale, a line per setting of the other varying keys, the Pareto front circled,
  // and, for accuracy, the teacher and the same students untrained as references.
  function showPareto(results, lineKeys) {
    const svg = document.getElementById('pareto');
    const note = document.getElementById('pareto-note');
    const groups = results.groups;
    if (groups.length === 0) {
      svg.replaceChildren();
      svg.setAttribute('height', 0);
      note.textContent = 'No configuration has a result yet: a point appears when its trials end.';
      return;
    }
    const metric = results.metric;
    const x = group => Math.log10(group.params.compression_ratio);
    const y = group => group[metric].mean;
    const ratios = [...new Set(groups.map(group => group.params.compression_ratio))].sort((a, b) => a - b);
    const teacher = metric === 'accuracy' ? results.teacher.accuracy : null;
    const untrained = metric === 'accuracy'
      ? ratios.map(ratio => {
        const atRatio = groups.filter(group => group.params.compression_ratio === ratio);
        return [Math.log10(ratio), atRatio.reduce((sum, group) => sum + group.untrainedAccuracy.mean, 0) / atRatio.length];
      })
      : [];
    const ys = [...groups.flatMap(group => [y(group) - group[metric].std, y(group) + group[metric].std]), ...untrained.map(point => point[1])];
    if (teacher != null) {
      ys.push(teacher);
    }
    const chart = SvgChart.frame(svg, {
      width: 760, height: 420,
      title: `${metric} on test pairs vs. compression ratio` + (groups.some(group => group.trials.length > 1) ? ' (mean ± std over seeds)' : ''),
      x: { min: Math.min(...ratios.map(Math.log10)), max: Math.max(...ratios.map(Math.log10)), label: 'compression ratio (log scale)',
        ticks: ratios.map(ratio => ({ value: Math.log10(ratio), label: String(ratio) })) },
      y: { min: Math.min(...ys), max: Math.max(...ys), label: metric },
    });
    const legend = [];
    const lines = new Map();
    for (const group of groups) {
      const name = lineKeys.length === 0 ? 'students' : lineKeys.map(key => `${key}=${group.params[key]}`).join(', ');
      lines.set(name, [...(lines.get(name) || []), group]);
    }
    [...lines.keys()].sort().forEach((name, index) => {
      const points = lines.get(name).sort((a, b) => x(a) - x(b)).map(group => ({
        x: x(group), y: y(group), err: group[metric].std,
        tip: `${group.id}: ${fixed(y(group))} ± ${fixed(group[metric].std)} over ${group[metric].count} seed(s)`,
      }));
      const colour = SvgChart.color(index);
      SvgChart.line(chart, points.map(point => [point.x, point.y]), { color: colour });
      SvgChart.errorBars(chart, points, colour);
      SvgChart.points(chart, points, { color: colour });
      legend.push({ label: name, color: colour });
    });
    const front = results.pareto.map(point => groups.find(group => group.id === point.trialId)).filter(Boolean).sort((a, b) => x(a) - x(b));
    if (front.length > 0) {
      SvgChart.line(chart, front.map(group => [x(group), y(group)]), { color: '#000', dash: '2 3', width: 1 });
      SvgChart.points(chart, front.map(group => ({ x: x(group), y: y(group), tip: `Pareto front: ${group.id}` })), { color: '#000', shape: 'open', size: 9 });
      legend.push({ label: 'Pareto front (validation)', color: '#000', dash: '2 3' });
    }
    if (untrained.length > 0) {
      SvgChart.line(chart, untrained, { color: '#888', dash: '6 4' });
      SvgChart.points(chart, untrained.map(([px, py]) => ({ x: px, y: py, tip: `untrained: ${fixed(py)}` })), { color: '#888', shape: 'cross' });
      legend.push({ label: 'same students, untrained', color: '#888', dash: '6 4' });
    }
    if (teacher != null) {
      chart.add(SvgChart.node('line', { x1: chart.left, x2: chart.right, y1: chart.sy(teacher), y2: chart.sy(teacher), stroke: '#888', 'stroke-dasharray': '6 4' }));
      legend.push({ label: `teacher (${fixed(teacher)})`, color: '#888', dash: '6 4' });
    }
    SvgChart.legend(chart, legend);
    note.textContent = '';
  }

  function showCurves(students, metric, colours) {
    const field = metric === 'tar' ? 'validationTar' : 'validationAccuracy';
    const drawn = students.filter(trial => (curves.get(trial.id)?.epochs.length || 0) > 0);
    curve('curve-metric', `validation ${metric} per epoch`, metric, field, drawn, colours);
    curve('curve-loss', 'train loss per epoch', 'train loss', 'trainLoss', drawn, colours);
  }

  function curve(svgId, title, label, field, trials, colours) {
    const svg = document.getElementById(svgId);
    const series = trials.map(trial => ({ id: trial.id, points: curves.get(trial.id).epochs.map(epoch => [epoch.epoch, epoch[field]]) }));
    const all = series.flatMap(line => line.points);
    if (all.length === 0) {
      svg.replaceChildren(SvgChart.node('text', { x: 10, y: 20 }, 'no epoch has ended yet'));
      svg.setAttribute('viewBox', '0 0 370 40');
      svg.setAttribute('width', 370);
      svg.setAttribute('height', 40);
      return;
    }
    const lastEpoch = Math.max(2, ...all.map(point => point[0]));
    // Whole epochs only, at most about ten of them.
    const step = Math.ceil(lastEpoch / 10);
    const ticks = Array.from({ length: Math.floor((lastEpoch - 1) / step) + 1 }, (_, index) => 1 + index * step).map(value => ({ value, label: String(value) }));
    const chart = SvgChart.frame(svg, {
      width: 370, height: 280, title,
      x: { min: 1, max: lastEpoch, label: 'epoch', ticks },
      y: { min: Math.min(...all.map(point => point[1])), max: Math.max(...all.map(point => point[1])), label },
    });
    for (const line of series) {
      SvgChart.line(chart, line.points, { color: colours.get(line.id) });
      SvgChart.points(chart, line.points.map(([px, py]) => ({ x: px, y: py, tip: `${line.id} epoch ${px}: ${fixed(py)}` })), { color: colours.get(line.id), size: 2.5 });
    }
  }
})();
