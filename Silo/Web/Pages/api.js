'use strict';
// What the sweep pages share: reading the silo's JSON API (/api, the documents `facekd ... --format json` prints),
// refreshing a view every few seconds, and building elements (text only: nothing from the API is parsed as HTML).
const FaceKd = (() => {
  const refreshMilliseconds = 2000;

  async function get(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.error || `${path}: ${response.status} ${response.statusText}`);
    }
    return body;
  }

  // Runs refresh now, then every few seconds for as long as it returns true (the sweep still runs) or fails.
  function poll(refresh) {
    const problem = document.getElementById('error');
    const updated = document.getElementById('updated');
    const tick = async () => {
      let again = true;
      try {
        again = await refresh();
        problem.hidden = true;
        updated.textContent = `updated ${new Date().toLocaleTimeString()}` + (again ? `, every ${refreshMilliseconds / 1000} s` : '');
      } catch (error) {
        problem.textContent = error.message;
        problem.hidden = false;
      }
      if (again) {
        setTimeout(tick, refreshMilliseconds);
      }
    };
    tick();
  }

  // An element with attributes and children (strings become text nodes).
  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined) {
        node.setAttribute(name, value);
      }
    }
    node.append(...children.filter(child => child !== null && child !== undefined).map(child => typeof child === 'object' ? child : String(child)));
    return node;
  }

  const fixed = (value, digits = 4) => value === null || value === undefined ? '' : Number(value).toFixed(digits);
  const time = text => text ? new Date(text).toLocaleString() : '';
  const sweepPath = id => `/api/sweeps/${encodeURIComponent(id)}`;

  return { get, poll, element, fixed, time, sweepPath };
})();
