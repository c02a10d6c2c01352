/**
 * Which checks a run selects: `--id ID` (exact, repeatable) and `--grep REGEX`, both matched
 * against the check id alone (not "id — title"), so `--grep '^id$'` selects exactly that id.
 * The runner provides the selection to the workers (inject('timSelect')); defineCheck leaves an
 * unselected check out of the run entirely, as a file filter would.
 */
export interface CheckSelection {
  ids?: string[];
  grep?: string;
}

export function isSelected(id: string, selection: CheckSelection | undefined): boolean {
  if (!selection) return true;
  if (selection.ids && selection.ids.length > 0 && !selection.ids.includes(id)) return false;
  if (selection.grep !== undefined && !new RegExp(selection.grep).test(id)) return false;
  return true;
}
