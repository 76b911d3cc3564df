// Results report: filter the request rows by status and by a text search. A constant of the jar, allowed by its
// hash; it reads the page's text and data-status attributes and only ever writes textContent and classes.
(function () {
  'use strict';
  var controls = document.getElementById('controls');
  var filter = document.getElementById('status-filter');
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  var noMatch = document.getElementById('no-match');
  if (!controls || !filter || !search) {
    return;
  }
  var rows = Array.prototype.map.call(document.querySelectorAll('#rows tbody tr'), function (row) {
    return { row: row, status: row.getAttribute('data-status'), text: row.textContent.toLowerCase() };
  });

  function apply() {
    var status = filter.value;
    var query = search.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (r) {
      var match = (!status || r.status === status) && (!query || r.text.indexOf(query) >= 0);
      r.row.classList.toggle('hidden', !match);
      if (match) {
        count++;
      }
    });
    shown.textContent = count + ' of ' + rows.length + ' rows shown';
    noMatch.classList.toggle('hidden', count > 0 || rows.length === 0);
  }

  filter.addEventListener('change', apply);
  search.addEventListener('input', apply);
  // a click on a status in the totals table filters by it; a second click shows all again
  Array.prototype.forEach.call(document.querySelectorAll('#totals tbody tr'), function (tr) {
    tr.addEventListener('click', function () {
      var status = tr.getAttribute('data-status');
      filter.value = filter.value === status ? '' : status;
      apply();
    });
  });
  controls.classList.remove('hidden');
  apply();
}());
