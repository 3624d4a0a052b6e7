/* An Sinh page behaviour. The Content-Security-Policy allows no inline script: every page gets
   its behaviour here, from data- attributes and json_script data. */
(function () {
  'use strict';

  // Progress bars: the width comes from data-progress (no style attribute under the CSP).
  function showProgress(root) {
    const bars = Array.from(root.querySelectorAll('[data-progress]'));
    if (root.matches && root.matches('[data-progress]')) bars.push(root);
    bars.forEach(function (bar) {
      bar.style.width = bar.dataset.progress + '%';
    });
  }

  // The desk slip: a print button, and the print dialog on opening when data-auto-print is set.
  function printButtons(root) {
    root.querySelectorAll('[data-print]').forEach(function (button) {
      button.addEventListener('click', function () { window.print(); });
    });
  }

  function readJson(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  // Dashboard charts (indicators/dashboard.html): data from json_script, Chart.js vendored.
  function dashboardCharts() {
    if (typeof window.Chart === 'undefined') return;
    const fmt = new Intl.NumberFormat('vi-VN');
    const options = {
      responsive: true,
      plugins: {legend: {position: 'bottom'}, tooltip: {callbacks: {label: function (c) { return c.dataset.label + ': ' + fmt.format(c.parsed.y); }}}},
      scales: {y: {ticks: {callback: function (v) { return fmt.format(v); }}}}
    };
    const district = document.getElementById('chart-district');
    const d = readJson('data-district');
    if (district && d) {
      new window.Chart(district, {type: 'bar', data: {labels: d.labels, datasets: [
        {label: 'Thực hiện', data: d.values, backgroundColor: '#0d6efd'},
        {label: 'Kế hoạch năm', data: d.targets, backgroundColor: '#adb5bd'}]}, options: options});
    }
    const quarter = document.getElementById('chart-quarter');
    const q = readJson('data-quarter');
    if (quarter && q) {
      new window.Chart(quarter, {type: 'bar', data: {labels: q.labels, datasets: [
        {label: 'Thực hiện', data: q.values, backgroundColor: '#198754'}]}, options: options});
    }
  }

  function start() {
    printButtons(document);
    showProgress(document);
    dashboardCharts();
    if (document.body.hasAttribute('data-auto-print')) window.print();
    if (window.htmx) {
      // Content swapped in by htmx (progress polling) gets the same treatment.
      window.htmx.onLoad(function (el) { if (el !== document.body) showProgress(el); });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
