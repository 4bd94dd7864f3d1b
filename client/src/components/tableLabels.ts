// On a narrow screen (styles.css, "tabellen als lijst") a data table is shown as a list of cards,
// one per row. Each cell then needs its column's name beside its value: this copies the text of
// the column headers onto the cells as data-label, for every table the app renders, now or later.
// Tables inside a scroll box (.tabel-scroll, e.g. the ZRM grid) stay tables and are left alone.
const TABLES = 'table.tabel';

function labelTables(root: ParentNode): void {
  for (const table of root.querySelectorAll<HTMLTableElement>(TABLES)) {
    if (table.closest('.tabel-scroll')) continue;
    const headerRow = table.tHead?.rows[table.tHead.rows.length - 1];
    if (!headerRow) continue;
    const labels: string[] = [];
    for (const th of headerRow.cells) for (let i = 0; i < th.colSpan; i++) labels.push((th.textContent ?? '').replace(/\s+/g, ' ').trim());
    for (const body of [...table.tBodies, ...(table.tFoot ? [table.tFoot] : [])]) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const label = labels[column] ?? '';
          if (label && cell.getAttribute('data-label') !== label) cell.setAttribute('data-label', label);
          column += cell.colSpan;
        }
      }
    }
  }
}

/** Keeps the labels up to date while the app changes the page; returns the function that stops it. */
export function keepTableLabels(root: HTMLElement): () => void {
  let queued = 0;
  // Only elements are added or removed here; setting an attribute does not wake the observer again.
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = requestAnimationFrame(() => {
      queued = 0;
      labelTables(root);
    });
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  labelTables(root);
  return () => {
    observer.disconnect();
    cancelAnimationFrame(queued);
  };
}
