'use strict';
// The list of sweeps (/api/sweeps), refreshed while any of them runs.
(() => {
  const { element, time } = FaceKd;
  FaceKd.poll(async () => {
    const { sweeps } = await FaceKd.get('/api/sweeps');
    document.querySelector('#sweeps tbody').replaceChildren(...sweeps.map(sweep => {
      const counts = sweep.trialsByStatus;
      return element('tr', { 'data-sweep': sweep.sweepId },
        element('td', {}, element('a', { href: `/sweeps/${encodeURIComponent(sweep.sweepId)}` }, sweep.sweepId)),
        element('td', { class: `status status-${sweep.status}`, 'data-field': 'status' }, sweep.status),
        element('td', {}, sweep.metric),
        element('td', { class: 'number' }, sweep.trialCount),
        element('td', { class: 'number' }, counts.completed + counts.stopped),
        element('td', { class: 'number' }, counts.running),
        element('td', { class: 'number' }, counts.pending),
        element('td', { class: 'number' }, counts.failed),
        element('td', {}, time(sweep.submittedAt)),
        element('td', {}, time(sweep.finishedAt)));
    }));
    return sweeps.length === 0 || sweeps.some(sweep => sweep.status === 'running');
  });
})();
