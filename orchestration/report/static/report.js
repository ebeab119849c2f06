/* chitieu report: language switch, offline filters, provenance panel, charts (vega-embed draws them).
   Everything it reads is in the page or in assets/*.js next to it: nothing is fetched. */
(function () {
  'use strict';
  var html = document.documentElement;
  var root = html.getAttribute('data-root') || '';
  var NAV = window.CHITIEU_NAV || {provinces: [], indicators: [], years: [], words: {}};
  var provEl = document.getElementById('prov-data');
  var PROV = provEl ? JSON.parse(provEl.textContent) : {o: {}, t: [], d: {}};
  var $ = function (sel) { return document.querySelector(sel); };
  var $$ = function (sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); };

  function lang() { return html.classList.contains('en') ? 'en' : 'vi'; }
  function store(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* storage may be off for file:// */ } }
  function word(table, key) { var w = (NAV.words[table] || {})[key]; return w ? w[lang() === 'en' ? 1 : 0] : (key || ''); }

  /* ---------------------------------------------------------------- language */
  function applyLanguage() {
    html.setAttribute('lang', lang());
    $$('option[data-vi]').forEach(function (o) { o.textContent = o.getAttribute('data-' + lang()); });
    $$('[data-o][title]').forEach(function (b) { b.removeAttribute('title'); });
    if (!$('#prov-panel').hidden && current) { showProvenance(current); }
    renderCharts();
  }
  $('#lang-switch').addEventListener('click', function () {
    html.classList.toggle('en');
    store('chitieu.lang', lang());
    applyLanguage();
  });

  /* ---------------------------------------------------------------- filters */
  var fp = $('#f-p'), fy = $('#f-y'), fi = $('#f-i'), open = $('#f-open'), count = $('#f-count');
  function addOption(select, value, vi, en) {
    var o = document.createElement('option');
    o.value = value; o.setAttribute('data-vi', vi); o.setAttribute('data-en', en);
    o.textContent = lang() === 'en' ? en : vi;
    select.appendChild(o);
  }
  NAV.provinces.forEach(function (p) { addOption(fp, p.k, p.vi, p.en); });
  NAV.years.forEach(function (y) { addOption(fy, String(y), String(y), String(y)); });
  NAV.indicators.forEach(function (i) { addOption(fi, i.k, i.vi, i.en); });
  function find(list, key) { for (var n = 0; n < list.length; n++) { if (list[n].k === key) { return list[n]; } } return null; }
  function matches(el, attr, value) {
    if (!value) { return true; }
    var have = el.getAttribute(attr);
    return have === null || (' ' + have + ' ').indexOf(' ' + value + ' ') >= 0;
  }
  function targetPage() {
    var P = find(NAV.provinces, fp.value), I = find(NAV.indicators, fi.value), y = fy.value ? Number(fy.value) : null;
    if (P && y && P.years.indexOf(y) >= 0) { return P.href.replace(/\.html$/, '-' + y + '.html'); }
    if (I && y && I.years.indexOf(y) >= 0) { return I.href.replace(/\.html$/, '-' + y + '.html'); }
    return P ? P.href : (I ? I.href : null);
  }
  function filterHash() {
    var parts = [];
    if (fp.value) { parts.push('p=' + encodeURIComponent(fp.value)); }
    if (fy.value) { parts.push('y=' + encodeURIComponent(fy.value)); }
    if (fi.value) { parts.push('i=' + encodeURIComponent(fi.value)); }
    return parts.join('&');
  }
  function applyFilters() {
    var statuses = $$('.f-status');
    var allowed = statuses.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
    var rows = $$('.f-row'), shown = 0;
    rows.forEach(function (tr) {
      var ok = matches(tr, 'data-p', fp.value) && matches(tr, 'data-y', fy.value) && matches(tr, 'data-i', fi.value) &&
        (!statuses.length || !tr.hasAttribute('data-status') || allowed.indexOf(tr.getAttribute('data-status')) >= 0);
      tr.hidden = !ok;
      if (ok) { shown++; }
    });
    var filtered = fp.value || fy.value || fi.value || allowed.length < statuses.length;
    count.textContent = filtered && rows.length ? shown + ' / ' + rows.length : '';
    var target = targetPage();
    open.hidden = !target;
    if (target) { open.href = root + target + (filterHash() ? '#' + filterHash() : ''); }
    if (fp.value || fy.value || fi.value) { history.replaceState(null, '', '#' + filterHash()); }
  }
  [fp, fy, fi].forEach(function (s) { s.addEventListener('change', applyFilters); });
  $$('.f-status').forEach(function (c) { c.addEventListener('change', applyFilters); });
  (function readHash() {
    var h = location.hash.slice(1);
    if (h.indexOf('=') < 0) { return; }  /* #L37 is a line anchor, not a filter */
    h.split('&').forEach(function (kv) {
      var pair = kv.split('='), v = decodeURIComponent(pair[1] || '');
      var s = {p: fp, y: fy, i: fi}[pair[0]];
      if (s && s.querySelector('option[value="' + v.replace(/"/g, '') + '"]')) { s.value = v; }
    });
  })();
  applyFilters();

  /* ---------------------------------------------------------------- provenance */
  var panel = $('#prov-panel'), current = null;
  function field(name) { return panel.querySelector('[data-f="' + name + '"]'); }
  function showProvenance(oid) {
    var o = PROV.o[oid];
    if (!o) { return; }
    current = oid;
    var d = PROV.d[o.d] || {}, l = lang();
    field('value').textContent = o[l];
    field('kind').textContent = word('kind', o.k);
    field('label').textContent = o.lab || '';
    var text = PROV.t[o.t] || '', quote = field('text'), pos = 0;
    quote.textContent = '';
    (o.s || []).forEach(function (span) {
      if (span[0] < pos) { return; }
      quote.appendChild(document.createTextNode(text.slice(pos, span[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(span[0], span[1]);
      quote.appendChild(mark);
      pos = span[1];
    });
    quote.appendChild(document.createTextNode(text.slice(pos)));
    var link = field('doc');
    link.textContent = o.d + (d.title ? ' — ' + d.title : '');
    link.href = root + (d.href || '') + '#L' + o.l;
    field('line').textContent = String(o.l);
    field('meta').textContent = [d['type_' + l], d.num, d.date].filter(Boolean).join(' · ') || '—';
    field('issuer').textContent = d.iss || '—';
    field('province').textContent = (d['p_' + l] || '—') + (d['m_' + l] ? ' (' + d['m_' + l] + ')' : '');
    field('verdict').textContent = o.ver || '—';
    panel.hidden = false;
    $$('.v.active').forEach(function (b) { b.classList.remove('active'); });
    $$('[data-o="' + oid + '"]').forEach(function (b) { b.classList.add('active'); });
  }
  document.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('[data-o]') : null;
    if (b) { showProvenance(b.getAttribute('data-o')); }
  });
  document.addEventListener('mouseover', function (e) {
    var b = e.target.closest ? e.target.closest('[data-o]') : null;
    var o = b && PROV.o[b.getAttribute('data-o')];
    if (o && !b.title) { b.title = o.d + ' · ' + word('ui', 'line') + ' ' + o.l + '\n' + (PROV.t[o.t] || ''); }
  });
  $('#prov-close').addEventListener('click', function () { panel.hidden = true; current = null; });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { panel.hidden = true; } });

  /* ---------------------------------------------------------------- charts */
  var views = [];
  function renderCharts() {
    var C = window.CHITIEU_CHARTS;
    if (!window.vegaEmbed || !C) { return; }
    views.forEach(function (v) { v.finalize(); });
    views = [];
    $$('.chart').forEach(function (el) {
      var src = document.querySelector('script.chart-data[data-for="' + el.id + '"]');
      var spec = JSON.parse(JSON.stringify(C.specs[el.getAttribute('data-spec')][lang()]));
      spec.datasets = {rows: JSON.parse(src.textContent)};
      el.removeAttribute('data-rendered');
      window.vegaEmbed(el, spec, {actions: false, renderer: 'svg', formatLocale: C.locales[lang()]}).then(function (res) {
        views.push(res);
        res.view.addEventListener('click', function (event, item) {
          if (item && item.datum && item.datum.o) { showProvenance(item.datum.o); }
        });
        el.setAttribute('data-rendered', '1');
      }).catch(function (err) { console.error('chart ' + el.id + ': ' + err); });
    });
  }
  applyLanguage();
})();
