/* dig/write/html/report.js: report.html's behaviour (embedded in the page at build time).
 * Reads the data block the writer put in <script id="strata-data">, renders the tables of
 * implementations and call sites lazily (a page of rows at a time, more as the reader
 * scrolls), sorts and filters them, opens an allocator's detail for #implN (a click on any
 * allocator link or graph node sets it), and searches function names. No network. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('strata-data').textContent);
  var PAGE = 200;
  var byId = {};
  D.impls.forEach(function (im, i) { im.index = i; byId[im.id] = im; });

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'cls') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (kids || []).forEach(function (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function code(s) { return el('code', { text: s }); }
  function implLink(im) { return el('a', { cls: 'impl', href: '#' + im.id, text: im.name }); }

  /* ---- pages ---- */
  function show(page) {
    document.querySelectorAll('section.page').forEach(function (s) { s.classList.toggle('on', s.id === page); });
    document.querySelectorAll('nav a').forEach(function (a) { a.classList.toggle('on', a.getAttribute('data-page') === page); });
    if (page === 'p-impls') implTable.render();
    if (page === 'p-sites') siteTable.render();
  }
  document.querySelectorAll('nav a').forEach(function (a) {
    a.addEventListener('click', function () { show(a.getAttribute('data-page')); });
  });

  /* ---- a table that renders a page of rows at a time ---- */
  function LazyTable(host, columns, rows, rowOf) {
    this.host = host; this.columns = columns; this.all = rows; this.rowOf = rowOf;
    this.rows = rows; this.shown = 0; this.sortCol = -1; this.sortDir = 1; this.filter = '';
    this.built = false;
  }
  LazyTable.prototype.build = function () {
    var self = this;
    var bar = el('div', { cls: 'bar' });
    this.input = el('input', { type: 'search', placeholder: 'filter (any column, case-blind)' });
    this.count = el('span', { cls: 'count' });
    bar.appendChild(this.input); bar.appendChild(this.count);
    this.input.addEventListener('input', function () { self.setFilter(self.input.value); });
    this.table = el('table', { cls: 'data' });
    var tr = el('tr');
    this.columns.forEach(function (c, i) {
      var th = el('th', { text: c.title });
      th.addEventListener('click', function () { self.sortBy(i); });
      tr.appendChild(th);
    });
    this.table.appendChild(el('thead', null, [tr]));
    this.tbody = el('tbody');
    this.table.appendChild(this.tbody);
    this.sentinel = el('div', { cls: 'muted', text: '' });
    this.host.appendChild(bar); this.host.appendChild(this.table); this.host.appendChild(this.sentinel);
    if ('IntersectionObserver' in window) {
      new IntersectionObserver(function (es) {
        if (es.some(function (e) { return e.isIntersecting; })) self.more();
      }).observe(this.sentinel);
    }
    this.sentinel.addEventListener('click', function () { self.more(); });
    this.built = true;
  };
  LazyTable.prototype.setFilter = function (text) {
    this.filter = text.toLowerCase();
    if (this.input && this.input.value !== text) this.input.value = text;
    var f = this.filter, cols = this.columns;
    this.rows = !f ? this.all.slice() : this.all.filter(function (r) {
      for (var i = 0; i < cols.length; i++) if (String(cols[i].value(r)).toLowerCase().indexOf(f) >= 0) return true;
      return false;
    });
    this.applySort();
    this.reset();
  };
  LazyTable.prototype.sortBy = function (i) {
    this.sortDir = this.sortCol === i ? -this.sortDir : (this.columns[i].num ? -1 : 1);
    this.sortCol = i;
    var ths = this.table.querySelectorAll('th');
    for (var k = 0; k < ths.length; k++) ths[k].className = k === i ? (this.sortDir > 0 ? 'sorted-asc' : 'sorted-desc') : '';
    this.applySort();
    this.reset();
  };
  LazyTable.prototype.applySort = function () {
    if (this.sortCol < 0) return;
    var c = this.columns[this.sortCol], d = this.sortDir;
    this.rows.sort(function (a, b) {
      var x = c.value(a), y = c.value(b);
      return (c.num ? x - y : String(x).localeCompare(String(y))) * d;
    });
  };
  LazyTable.prototype.reset = function () {
    this.tbody.textContent = '';
    this.shown = 0;
    this.more();
  };
  LazyTable.prototype.more = function () {
    var end = Math.min(this.rows.length, this.shown + PAGE), frag = document.createDocumentFragment();
    for (var i = this.shown; i < end; i++) frag.appendChild(this.rowOf(this.rows[i]));
    this.tbody.appendChild(frag);
    this.shown = end;
    this.count.textContent = this.rows.length + ' of ' + this.all.length + ' rows';
    this.sentinel.textContent = this.shown < this.rows.length ? 'showing ' + this.shown + '; scroll or click for more' : '';
  };
  LazyTable.prototype.render = function () {
    if (!this.built) { this.build(); this.setFilter(this.filter); }
  };

  function td(content, num) {
    var c = el('td', num ? { cls: 'num' } : null);
    if (typeof content === 'string' || typeof content === 'number') c.textContent = content;
    else c.appendChild(content);
    return c;
  }

  /* ---- implementations ---- */
  var implTable = new LazyTable(document.getElementById('impls'), [
    { title: 'id', value: function (im) { return im.id; } },
    { title: 'implementation', value: function (im) { return im.name; } },
    { title: 'kind', value: function (im) { return im.kind; } },
    { title: 'family', value: function (im) { return im.family; } },
    { title: 'role', value: function (im) { return im.role; } },
    { title: 'domain', value: function (im) { return im.domain; } },
    { title: 'call sites', num: true, value: function (im) { return im.calls; } },
    { title: 'callers', num: true, value: function (im) { return im.callers; } },
    { title: 'locking', value: function (im) { return im.lock; } }
  ], D.impls.slice(), function (im) {
    return el('tr', null, [td(im.id), td(implLink(im)), td(im.kind), td(im.family), td(im.role), td(im.domain),
      td(im.calls, true), td(im.callers, true), td(im.lock)]);
  });

  /* ---- call sites ---- */
  function siteTarget(s) {
    if (s[4] >= 0) return D.impls[s[4]].name;
    return s[4] === -2 ? 'ambiguous' : 'outside any implementation';
  }
  var siteTable = new LazyTable(document.getElementById('sites'), [
    { title: 'file', value: function (s) { return D.paths[s[0]]; } },
    { title: 'line', num: true, value: function (s) { return s[1]; } },
    { title: 'function', value: function (s) { return D.names[s[2]]; } },
    { title: 'calls', value: function (s) { return D.names[s[3]]; } },
    { title: 'resolves to', value: siteTarget }
  ], D.sites, function (s) {
    return el('tr', null, [td(D.paths[s[0]]), td(s[1], true), td(D.names[s[2]]), td(code(D.names[s[3]])),
      td(s[4] >= 0 ? implLink(D.impls[s[4]]) : siteTarget(s))]);
  });

  /* ---- the detail of one implementation ---- */
  var detail = document.getElementById('detail');
  function open(id) {
    var im = byId[id];
    if (!im) return;
    detail.textContent = '';
    var close = el('span', { cls: 'close', text: 'close \u2715' });
    close.addEventListener('click', function () { detail.classList.remove('on'); history.replaceState(null, '', '#'); });
    detail.appendChild(close);
    detail.appendChild(el('h2', { text: im.name }));
    detail.appendChild(el('p', null, [im.kind + ' \u00b7 ' + im.family + ' \u00b7 ' + im.role + ' \u00b7 ' + im.domain +
      ' \u00b7 ' + im.calls + ' call sites from ' + im.callers + ' functions' + (im.copies > 1 ? ' \u00b7 \u00d7' + im.copies + ' copies' : '')]));
    detail.appendChild(el('h3', { text: 'API' }));
    detail.appendChild(el('ul', null, im.api.map(function (a) {
      return el('li', null, [code(a[0]), ' ' + a[1] + ' ', el('span', { cls: 'muted', text: a[2] + ':' + a[3] })]);
    })));
    detail.appendChild(el('h3', { text: 'Backend chain' }));
    detail.appendChild(el('p', null, [im.chain.length ? im.chain.join(' \u2192 ') : 'none']));
    detail.appendChild(el('h3', { text: 'Files' }));
    detail.appendChild(el('ul', null, im.files.map(function (f) { return el('li', null, [code(f)]); })));
    im.feat.forEach(function (f) {
      detail.appendChild(el('h3', { text: f[0] + ': ' + f[1] }));
      if (f[2].length) detail.appendChild(el('ul', null, f[2].map(function (e) {
        return el('li', null, [el('span', { cls: 'muted', text: e[0] + ':' + e[1] + ' ' }), code(e[2]), ' ' + e[3]]);
      })));
      if (f[3] > f[2].length) detail.appendChild(el('p', { cls: 'muted', text: (f[3] - f[2].length) + ' more in allocator-features.txt' }));
    });
    var callers = D.sites.filter(function (s) { return s[4] === im.index; });
    detail.appendChild(el('h3', { text: 'Callers (' + callers.length + ' allocation sites)' }));
    var ul = el('ul', { id: 'callers' });
    detail.appendChild(ul);
    var shown = 0, moreLink = el('a', { cls: 'impl', text: '' });
    function moreCallers() {
      var end = Math.min(callers.length, shown + PAGE);
      for (var i = shown; i < end; i++) {
        var s = callers[i];
        ul.appendChild(el('li', null, [el('span', { text: D.paths[s[0]] + ':' + s[1] }), ' ', code(D.names[s[2]]),
          ' \u2192 ', code(D.names[s[3]])]));
      }
      shown = end;
      moreLink.textContent = shown < callers.length ? 'show ' + Math.min(PAGE, callers.length - shown) + ' more' : '';
    }
    moreLink.addEventListener('click', moreCallers);
    detail.appendChild(moreLink);
    moreCallers();
    detail.classList.add('on');
    detail.scrollTop = 0;
  }
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (byId[id]) open(id);
  }
  window.addEventListener('hashchange', fromHash);

  /* ---- search over function names ---- */
  var q = document.getElementById('q'), matches = document.getElementById('matches');
  q.addEventListener('input', function () {
    var t = q.value.trim().toLowerCase();
    matches.textContent = '';
    if (!t) { matches.style.display = 'none'; return; }
    var n = 0;
    D.impls.forEach(function (im) {
      if (n < 15 && im.name.toLowerCase().indexOf(t) >= 0) {
        var d = el('div', null, [el('b', { text: im.name }), ' ', el('span', { cls: 'muted', text: im.kind + ', ' + im.calls + ' call sites' })]);
        d.addEventListener('click', function () { matches.style.display = 'none'; location.hash = im.id; });
        matches.appendChild(d);
        n++;
      }
    });
    var m = 0;
    for (var i = 0; i < D.names.length && m < 25; i++) {
      if (D.names[i].toLowerCase().indexOf(t) < 0) continue;
      (function (name) {
        var d = el('div', null, [code(name), ' ', el('span', { cls: 'muted', text: 'in call sites' })]);
        d.addEventListener('click', function () {
          matches.style.display = 'none';
          show('p-sites');
          siteTable.setFilter(name);
        });
        matches.appendChild(d);
      })(D.names[i]);
      m++;
    }
    if (!n && !m) matches.appendChild(el('div', { cls: 'muted', text: 'no function of that name' }));
    matches.style.display = 'block';
  });
  document.addEventListener('click', function (e) { if (!document.getElementById('search').contains(e.target)) matches.style.display = 'none'; });

  /* the tables' first pages are built at once (a page of rows each: cheap), the rest as read */
  implTable.render();
  siteTable.render();
  show('p-overview');
  fromHash();
  document.body.setAttribute('data-ready', '1');
})();
