// corroborate's review pages: the only script, and only an enhancement.
// Without it every segment's evidence stands beside its paragraph and the
// index lists every claim; with it a segment opens its own evidence, and the
// index's claims can be filtered by verdict and source.
'use strict';

document.documentElement.classList.add('js');

// Source pages: a segment (click, or Enter on it) opens its evidence beside it.
// A segment is <a class="seg" id="s-ID" href="#e-ID">; its evidence is #e-ID.
function evidenceOf(segment) {
  return document.getElementById('e-' + segment.id.slice(2));
}

function openEvidence(segment, moveFocus) {
  const evidence = evidenceOf(segment);
  if (!evidence) return;
  for (const open of document.querySelectorAll('.evidence.active, .seg.active')) {
    open.classList.remove('active');
  }
  for (const seg of document.querySelectorAll('a.seg[aria-expanded="true"]')) {
    seg.setAttribute('aria-expanded', 'false');
  }
  evidence.classList.add('active');
  segment.classList.add('active');
  segment.setAttribute('aria-expanded', 'true');
  history.replaceState(null, '', '#' + segment.id);
  if (moveFocus) segment.focus();
}

function setUpSourcePage() {
  const segments = document.querySelectorAll('a.seg[id^="s-"]');
  for (const segment of segments) {
    segment.setAttribute('aria-expanded', 'false');
    segment.setAttribute('aria-controls', 'e-' + segment.id.slice(2));
    segment.addEventListener('click', (event) => {
      event.preventDefault();
      openEvidence(segment, false);
    });
  }
  // A link from the index (#s-…) opens that segment's evidence.
  const target = location.hash.startsWith('#s-')
    ? document.getElementById(decodeURIComponent(location.hash.slice(1)))
    : null;
  if (target && target.matches('a.seg')) {
    openEvidence(target, true);
    target.scrollIntoView({ block: 'center' });
  }
}

// The index: filter the claims by verdict and source.
function setUpFilters() {
  const filters = document.getElementById('filters');
  if (!filters) return;
  const verdict = document.getElementById('filter-verdict');
  const source = document.getElementById('filter-source');
  const count = document.getElementById('filter-count');
  const rows = document.querySelectorAll('#claim-table tbody tr');
  const apply = () => {
    let shown = 0;
    for (const row of rows) {
      const keep = (!verdict.value || row.dataset.verdict === verdict.value)
        && (!source.value || row.dataset.source === source.value);
      row.hidden = !keep;
      if (keep) shown += 1;
    }
    count.textContent = shown + ' of ' + rows.length + ' claims';
  };
  verdict.addEventListener('change', apply);
  source.addEventListener('change', apply);
  filters.hidden = false;
  apply();
}

setUpSourcePage();
setUpFilters();
