// "Vernieuwen" beside a section heading. Screen readers hear what is refreshed, because a page
// holds several of these buttons and "Vernieuwen" alone does not say which list it reloads.
export function RefreshButton({ what, onClick }: { what: string; onClick: () => void }) {
  return (
    <button type="button" className="knop-klein" onClick={onClick}>
      Vernieuwen<span className="sr-only"> ({what})</span>
    </button>
  );
}
