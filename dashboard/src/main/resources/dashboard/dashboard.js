// kis-trader dashboard: one EventSource for live data, fetch() for controls. No libraries, no CDN.
(function () {
  'use strict';
  const $ = (s) => document.querySelector(s);
  const won = new Intl.NumberFormat('ko-KR');
  const state = { rows: [], sortKey: 'id', sortDir: 1, selected: null, stream: null };

  $('#token').value = sessionStorage.getItem('kis-token') || '';
  $('#token').addEventListener('change', (e) => { sessionStorage.setItem('kis-token', e.target.value.trim()); connect(); });

  // Writes only what changed: a frame arrives every fraction of a second, and rewriting an equal
  // text or class still makes the browser lay the page out again (a click's target moves, or the
  // page never settles on a loaded machine).
  function text(el, s) { const v = s == null ? '' : String(s); if (el.textContent !== v) el.textContent = v; }
  function klass(el, c) { if (el.className !== c) el.className = c; }
  function attr(el, name, v) { const s = String(v); if (el.getAttribute(name) !== s) el.setAttribute(name, s); }
  // A status pill keeps one width (see dashboard.css); its whole text is in its tooltip, after the hint.
  function pill(el, s) { text(el, s); const t = (el.dataset.hint || '') + (el.dataset.hint ? '\n' : '') + s; attr(el, 'title', t); }
  document.querySelectorAll('.pill.figure').forEach((el) => { el.dataset.hint = el.title || ''; });

  // The rows of a table body (or the items of a list) made equal to `rows`, an array of cells
  // [text, class] (or of strings, one per item, when cellTag is null), reusing the elements already
  // there: rows that came in at the top (a journal, newest first) or left at the front (a capped
  // list, oldest first) are inserted or removed as such, and an unchanged row is not touched.
  function syncRows(body, rows, tag = 'tr', cellTag = 'td') {
    const keys = rows.map((r) => JSON.stringify(r));
    const old = Array.from(body.children, (c) => c.dataset.key);
    const agree = (a, i, b, j) => { for (; i < a.length && j < b.length; i++, j++) if (a[i] !== b[j]) return false; return true; };
    if (old.length && keys.length && keys[0] !== old[0]) {
      const added = keys.indexOf(old[0]), dropped = old.indexOf(keys[0]);
      if (added > 0 && agree(keys, added, old, 0)) {
        const first = body.firstElementChild;
        for (let i = 0; i < added; i++) body.insertBefore(document.createElement(tag), first);
      } else if (dropped > 0 && agree(old, dropped, keys, 0)) {
        for (let i = 0; i < dropped; i++) body.firstElementChild.remove();
      }
    }
    while (body.children.length > rows.length) body.lastElementChild.remove();
    rows.forEach((cells, i) => {
      const row = body.children[i] || body.appendChild(document.createElement(tag));
      if (row.dataset.key === keys[i]) return;
      row.dataset.key = keys[i];
      if (cellTag == null) { text(row, cells); return; }
      while (row.children.length > cells.length) row.lastElementChild.remove();
      cells.forEach(([value, cls], j) => {
        const td = row.children[j] || row.appendChild(document.createElement(cellTag));
        text(td, value);
        klass(td, cls || '');
      });
    });
  }

  function money(n) { return won.format(n); }
  function signed(n) { return n > 0 ? 'num pos' : n < 0 ? 'num neg' : 'num'; }
  function time(iso) { return iso ? new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'Asia/Seoul', hour12: false }) : ''; }
  function fillText(f) { return f ? `${time(f.at)} ${f.side} ${f.quantity}@${money(f.price)}` : ''; }
  function sortValue(r, key) {
    if (key === 'symbols') return r.symbols.join(',');
    if (key === 'lastFill') return r.lastFill ? r.lastFill.at : '';
    if (key === 'protective') return r.protective ? r.protective.armed.length : 0;
    return r[key];
  }

  // Rows are updated in place (one <tr> per agent for the page's life) so a click or a selection
  // is never lost to a refresh.
  const rowEls = new Map();
  const COLUMNS = ['id', 'symbols', 'strategy', 'state', 'position', 'averagePrice', 'realizedPnl',
    'unrealizedPnl', 'workingOrders', 'lastFill', 'riskState', 'idleReason', 'protective'];

  // Armed protective orders: kind, trigger and how far the last price still is from it.
  function armedText(p) {
    if (!p || !p.armed.length) return '';
    return p.armed.map((a) => `${a.kind} ${a.side} ${a.trigger || 'first print'}`
      + (a.distance == null ? '' : ` (${money(a.distance)} to go)`)).join('; ');
  }

  function rowElement(id) {
    let tr = rowEls.get(id);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.agent = id;
      for (const c of COLUMNS) { const td = document.createElement('td'); tr.appendChild(td); }
      tr.addEventListener('click', () => select(id));
      rowEls.set(id, tr);
    }
    return tr;
  }

  function setCell(td, value, cls) { text(td, value); klass(td, cls); }

  function renderAgents() {
    const rows = state.rows.slice().sort((a, b) => {
      const x = sortValue(a, state.sortKey), y = sortValue(b, state.sortKey);
      return (x < y ? -1 : x > y ? 1 : 0) * state.sortDir;
    });
    const body = $('#agents tbody');
    const seen = new Set();
    rows.forEach((r, i) => {
      seen.add(r.id);
      const tr = rowElement(r.id);
      const td = tr.children;
      setCell(td[0], r.id, 'c-id');
      setCell(td[1], r.symbols.join(' '), 'c-symbols');
      setCell(td[2], r.strategy, 'c-strategy');
      setCell(td[3], r.state, 'c-state state-' + r.state);
      setCell(td[4], money(r.position), 'num c-position');
      setCell(td[5], money(r.averagePrice), 'num c-averagePrice');
      setCell(td[6], money(r.realizedPnl), signed(r.realizedPnl) + ' c-realizedPnl');
      setCell(td[7], money(r.unrealizedPnl), signed(r.unrealizedPnl) + ' c-unrealizedPnl');
      setCell(td[8], r.workingOrders, 'num c-workingOrders');
      setCell(td[9], fillText(r.lastFill), 'c-lastFill');
      setCell(td[10], r.riskState, 'c-riskState');
      setCell(td[11], r.idleReason || '', 'c-idleReason');
      setCell(td[12], armedText(r.protective), 'c-protective');
      attr(td[12], 'title', r.protective && r.protective.armed.length ? r.protective.armed.map((a) => a.summary).join('\n') : '');
      klass(tr, r.id === state.selected ? 'selected' : '');
      if (body.children[i] !== tr) body.insertBefore(tr, body.children[i] || null);
    });
    for (const [id, tr] of rowEls) {
      if (!seen.has(id)) { tr.remove(); rowEls.delete(id); }
    }
    text($('#agent-count'), `(${rows.length})`);
    document.querySelectorAll('#agents th').forEach((th) => {
      th.classList.toggle('sorted-asc', th.dataset.key === state.sortKey && state.sortDir === 1);
      th.classList.toggle('sorted-desc', th.dataset.key === state.sortKey && state.sortDir === -1);
    });
  }

  document.querySelectorAll('#agents th').forEach((th) => th.addEventListener('click', () => {
    state.sortDir = state.sortKey === th.dataset.key ? -state.sortDir : 1;
    state.sortKey = th.dataset.key;
    renderAgents();
  }));

  function level(id, name, l) {
    const el = $(id);
    text(el, `${name} ${l.state}`);
    attr(el, 'title', (l.since ? 'since ' + l.since + ' ' : '') + (l.detail || ''));
    klass(el, 'pill ' + (l.state === 'LIVE' ? 'up' : l.state === 'UNKNOWN' ? '' : 'down'));
  }

  function renderAccount(a) {
    if (!a) { return; }
    const kis = (el, v) => text($(el), a.cashKnown ? money(v) : '—');
    kis('#acct-cash', a.cashD2);
    kis('#acct-deposit', a.deposit);
    kis('#acct-total', a.totalValue);
    text($('#acct-traded'), a.cashKnown ? `${money(a.todayBought)} / ${money(a.todaySold)}` : '—');
    kis('#acct-costs', a.todayCosts);
    text($('#acct-exposure'), money(a.exposure));
    text($('#acct-realized'), money(a.realizedPnl));
    klass($('#acct-realized'), signed(a.realizedPnl));
    text($('#acct-unrealized'), money(a.unrealizedPnl));
    klass($('#acct-unrealized'), signed(a.unrealizedPnl));
    text($('#acct-orders'), a.ordersToday);
    text($('#acct-when'), a.cashKnown ? `KIS's figures as of the reconcile at ${time(a.cashAt)} KST; the agents' totals are live.`
      : 'KIS\'s figures come with the first reconcile; the agents\' totals are live.');
  }

  function renderOverview(o) {
    state.rows = o.agents;
    renderAgents();
    renderAccount(o.account);
    const c = o.connection;
    level('#conn-token', 'token', c.token);
    // The token's level says what can be sent: a missing token holds every order, however live the rest looks.
    if (c.token.state !== 'LIVE' && c.token.state !== 'UNKNOWN') {
      text($('#conn-token'), `token ${c.token.state}${c.ordersHeldForToken ? ' (' + c.ordersHeldForToken + ' order(s) held)' : ''}`);
    }
    level('#conn-websocket', 'websocket', c.websocket);
    level('#conn-session', 'session', c.session);
    pill($('#rate'), `rate ${c.restCallsLastSecond}/${c.restCallsPerSecondLimit} per s`);
    const noVi = c.withoutViNews || [];
    $('#no-vi-news').hidden = !noVi.length;
    text($('#no-vi-news'), noVi.length ? `no VI news: ${noVi.join(', ')}` : '');
    const fd = c.feed || { symbols: [] };
    pill($('#feed-frame'), fd.sinceLastFrameSeconds == null ? 'last ws frame —'
      : `last ws frame (any kind) ${fd.sinceLastFrameSeconds.toFixed(1)} s ago`);
    pill($('#feed-trades'), !fd.marketHours ? 'since last trade: market not trading'
      : 'since last trade: ' + fd.symbols.map((t) => `${t.symbol} ${t.sinceLastTradeSeconds.toFixed(0)} s`).join(', '));
    const gaps = fd.streams || [];
    pill($('#feed-streams'), !gaps.length ? 'streams —' : 'streams: ' + gaps.map((g) => g.judged === 'POLLED'
      ? `${g.symbol} polled every ${g.expectedGapSeconds.toFixed(1)} s, last ${g.silenceSeconds.toFixed(1)} s ago`
      : g.expectedGapSeconds == null
      ? `${g.symbol} ${g.trId} learning`
      : `${g.symbol} ${g.trId} gap ${g.expectedGapSeconds.toFixed(1)} s, silent ${g.silenceSeconds.toFixed(1)}`
        + ` / ${g.staleAfterSeconds.toFixed(1)} s${g.judged === 'WATCHED' ? '' : ' (' + g.judged.toLowerCase() + ')'}`).join('; '));
    klass($('#feed-streams'), 'pill figure' + (gaps.some((g) => g.strikes > 0) ? ' warn' : ''));
    const r = o.reconcile;
    pill($('#reconcile'), `reconcile ${r.result}${r.at ? ' ' + time(r.at) : ''}${r.drift.length ? ' drift ' + r.drift.length : ''}`);
    if (r.drift.length) attr($('#reconcile'), 'title', $('#reconcile').title + '\n' + r.drift.join('\n'));
    klass($('#reconcile'), 'pill figure ' + (r.drift.length ? 'warn' : r.result === 'NEVER' ? '' : 'up'));
    const f = $('#reconcile-failed');
    f.hidden = !r.failedAt;
    if (r.failedAt) {
      const why = r.failure || '';
      text(f, `reconcile failed ${time(r.failedAt)}${r.consecutiveFailures ? ' (' + r.consecutiveFailures + ' in a row)' : ''}: `
        + (why.length > 60 ? why.substring(0, 60) + '…' : why));
      attr(f, 'title', why);
      klass(f, 'pill ' + (r.consecutiveFailures ? 'down' : ''));
    }
    const disk = o.disk || { low: false };
    $('#disk').hidden = !disk.low;
    if (disk.low) {
      text($('#disk'), 'NO NEW ORDERS: disk almost full');
      attr($('#disk'), 'title', disk.detail);
    }
    const k = o.killSwitch;
    text($('#killswitch'), k.engaged ? `KILL SWITCH ON (${k.by})` : 'kill switch off');
    klass($('#killswitch'), 'pill ' + (k.engaged ? 'down' : 'up'));
    pill($('#clock'), `${o.clock.phase} ${o.clock.kst ? o.clock.kst.substring(11, 19) : ''} KST`);
  }

  function orderTable(sel, orders) {
    syncRows($(sel + ' tbody'), orders.map((o) => [[o.clientOrderId], [o.orderNo || '—'], [o.side], [o.status],
      [`${o.filledQuantity}/${o.quantity}`, 'num'], [money(o.price), 'num'], [time(o.updatedAt)]]));
  }

  // The zero line and the P&L line are made once and their attributes moved: the chart is redrawn
  // in place, never emptied and rebuilt under the pointer.
  function renderChart(points) {
    const svg = $('#pnl-chart');
    if (points.length < 2) { if (svg.firstChild) svg.replaceChildren(); return; }
    const ns = 'http://www.w3.org/2000/svg';
    if (!svg.querySelector('polyline')) {
      svg.replaceChildren(document.createElementNS(ns, 'line'), document.createElementNS(ns, 'polyline'));
    }
    const zero = svg.querySelector('line'), line = svg.querySelector('polyline');
    const ys = points.map((p) => p.pnl);
    const lo = Math.min(0, ...ys), hi = Math.max(0, ...ys), span = hi - lo || 1;
    const x = (i) => (i / (points.length - 1)) * 600, y = (v) => 135 - ((v - lo) / span) * 130;
    attr(zero, 'x1', 0); attr(zero, 'x2', 600); attr(zero, 'y1', y(0)); attr(zero, 'y2', y(0));
    attr(zero, 'stroke', '#aab'); attr(zero, 'stroke-dasharray', '4 3');
    attr(line, 'points', points.map((p, i) => `${x(i).toFixed(1)},${y(p.pnl).toFixed(1)}`).join(' '));
    attr(line, 'fill', 'none');
    attr(line, 'stroke', getComputedStyle(document.body).getPropertyValue(ys[ys.length - 1] >= 0 ? '--up' : '--down').trim());
    attr(line, 'stroke-width', '1.5');
  }

  function renderDetail(d) {
    $('#detail').hidden = false;
    text($('#detail-id'), d.row.id);
    text($('#detail-state'), `${d.row.state} · ${d.row.strategy} · risk ${d.row.riskState}`
      + (d.row.idleReason ? ` · idle: ${d.row.idleReason}` : ''));
    renderChart(d.pnl);
    orderTable('#open-orders', d.openOrders);
    orderTable('#recent-orders', d.recentOrders);
    syncRows($('#fills tbody'), d.fills.map((f) => [[time(f.at)], [f.clientOrderId], [f.side], [f.quantity, 'num'],
      [money(f.price), 'num']]));
    syncRows($('#events'), d.events, 'li', null);
  }

  // Frames are drawn at most once per frame of the screen, the latest only: when the machine is
  // too slow to draw every frame the stream sends, the ones in between are skipped instead of
  // queueing up and keeping the page busy for ever.
  let pending = null;
  function draw() {
    const raw = pending;
    pending = null;
    if (raw == null) return;
    const frame = JSON.parse(raw);
    renderOverview(frame.overview);
    // A frame of the stream asked for another agent (before a click re-connected) is not drawn as this one's.
    if (frame.agent && frame.agent.row.id === state.selected) renderDetail(frame.agent);
    text($('#live'), 'stream: live');
    klass($('#live'), 'pill up');
  }

  function connect() {
    if (state.stream) state.stream.close();
    pending = null;
    const q = new URLSearchParams();
    if (state.selected) q.set('agent', state.selected);
    const token = $('#token').value.trim();
    if (token) q.set('token', token);
    const es = new EventSource('/api/stream?' + q.toString());
    state.stream = es;
    es.addEventListener('snapshot', (ev) => {
      if (pending == null) requestAnimationFrame(draw);
      pending = ev.data;
    });
    es.onerror = () => { text($('#live'), 'stream: reconnecting'); klass($('#live'), 'pill down'); };
  }

  function select(id) {
    state.selected = id;
    renderAgents();
    connect();
  }

  async function control(path, label) {
    const out = $('#control-result');
    const token = $('#token').value.trim();
    sessionStorage.setItem('kis-token', token);
    const headers = { 'X-Operator': $('#operator').value.trim() || 'operator' };
    if (token) headers.Authorization = 'Bearer ' + token;
    try {
      const res = await fetch('/api/' + path, { method: 'POST', headers });
      const body = await res.json();
      state.lastControl = { status: res.status, message: body.message || '' };
      text(out, `${label}: ${res.status === 401 ? 'refused (no valid token)' : body.message}`);
      klass(out, res.ok ? 'ok' : 'err');
      attr(out, 'title', out.textContent);
      out.dataset.status = String(res.status);
      return res.ok;
    } catch (e) {
      text(out, `${label}: ${e}`); out.className = 'err'; out.dataset.status = 'error';
      return false;
    }
  }

  document.querySelectorAll('#detail button[data-action]').forEach((b) => b.addEventListener('click', () => {
    if (state.selected) control(`agents/${encodeURIComponent(state.selected)}/${b.dataset.action}`, `${b.dataset.action} ${state.selected}`);
  }));
  // Asked twice on purpose: the agent's books leave the page (the old journal stays, for audit).
  $('#fresh-start').addEventListener('click', async () => {
    const id = state.selected;
    if (!id || !confirm(`Start ${id} afresh on a new, empty journal? Its orders, positions and P&L leave this page;`
        + ' the old journal is kept. The engine refuses unless the agent is parked with no working or in-doubt order.')) return;
    let done = await control(`agents/${encodeURIComponent(id)}/fresh-start`, `fresh start ${id}`);
    // Holding shares: the engine refuses unless they are handed over to the new journal, asked for explicitly.
    if (!done && state.lastControl && state.lastControl.status === 409 && state.lastControl.message.includes('handover=true')
        && confirm(`${state.lastControl.message}\n\nHand the position over to ${id}'s new journal (it starts holding`
          + ' those shares, journaled there)?')) {
      done = await control(`agents/${encodeURIComponent(id)}/fresh-start?handover=true`, `fresh start ${id} (handover)`);
    }
    if (done) {
      // The agent now runs on a new journal (a new row on a single node): nothing is selected.
      state.selected = null;
      $('#detail').hidden = true;
      connect();
    }
  });
  $('#kill-on').addEventListener('click', () => {
    if (confirm('Engage the kill switch? Every agent stops and working orders are cancelled.')) control('kill-switch?reason=dashboard', 'kill switch on');
  });
  $('#kill-reset').addEventListener('click', () => control('kill-switch/reset', 'kill switch reset'));
  $('#reconcile-now').addEventListener('click', () => control('reconcile', 'reconcile'));
  // Only for cash moved outside the engine: a lost fill accepted here would never be booked.
  $('#accept-cash').addEventListener('click', () => {
    if (confirm('Accept the account\'s cash as it is? Do this only for a deposit or withdrawal made outside the engine;'
        + ' the reconciler then measures cash from a new baseline. Parked agents stay parked until resumed.')) {
      control('reconcile/accept-cash', 'accept cash');
    }
  });

  // The cluster profile only: one line per node, polled; the section stays hidden on a single node.
  async function renderNodes() {
    const token = $('#token').value.trim();
    try {
      const res = await fetch('/api/nodes', { headers: token ? { Authorization: 'Bearer ' + token } : {} });
      if (!res.ok) return;
      const nodes = await res.json();
      $('#nodes').hidden = nodes.length === 0;
      syncRows($('#nodes-table tbody'), nodes.map((n) => [[n.address + (n.self ? ' (this node)' : '')],
        [n.reachable ? n.status : n.status + ', unreachable', n.reachable ? '' : 'alarm'],
        [n.accountSingleton ? 'account singleton' : ''], [n.agents.join(', ')]]));
    } catch (e) { /* the stream's pill already shows an unreachable engine */ }
  }

  // Every limit of the account and of each agent with how much of it is used; 0 = no limit set.
  async function renderLimits() {
    const token = $('#token').value.trim();
    try {
      const res = await fetch('/api/limits', { headers: token ? { Authorization: 'Bearer ' + token } : {} });
      if (!res.ok) return;
      const v = await res.json();
      const rows = v.account.map(u => ['account', u]);
      Object.keys(v.agents).sort().forEach(id => v.agents[id].forEach(u => rows.push([id, u])));
      $('#limits').hidden = rows.length === 0;
      syncRows($('#limits-table tbody'), rows.map(([scope, u]) => {
        const pct = u.limit > 0 ? Math.round(100 * u.used / u.limit) : null;
        return [[scope], [u.key], [`${money(u.used)} ${u.unit}`, 'num'], [u.limit > 0 ? money(u.limit) : 'no limit', 'num'],
          [pct == null ? '' : pct + '%', pct != null && pct >= 100 ? 'num alarm' : 'num']];
      }));
    } catch (e) { /* the stream's pill already shows an unreachable engine */ }
  }

  // Colours of profit and loss: red up / blue down (Korean) unless this browser chose otherwise.
  function applyColors(scheme) {
    document.body.classList.toggle('western', scheme === 'western');
    $('#colors').textContent = scheme === 'western' ? 'colours: green up / red down' : '색상: 상승 빨강 / 하락 파랑';
  }
  let colors = localStorage.getItem('kis-trader.colors') || 'korean';
  applyColors(colors);
  $('#colors').addEventListener('click', () => {
    colors = colors === 'western' ? 'korean' : 'western';
    localStorage.setItem('kis-trader.colors', colors);
    applyColors(colors);
  });

  connect();
  renderNodes();
  setInterval(renderNodes, 2000);
  renderLimits();
  setInterval(renderLimits, 2000);
})();
