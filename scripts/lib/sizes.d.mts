export type BudgetName =
  | 'sidepanel_first_view_gzip_bytes'
  | 'sidepanel_all_gzip_bytes'
  | 'extractor_gzip_bytes'
  | 'every_page_bytes';
export const BUDGETS: Record<BudgetName, number>;
export function moduleImports(code: string, relPath: string): { static: string[]; dynamic: string[] };
export function sidepanelScripts(
  outDir: string,
  options?: { firstView?: boolean; missing?: Set<string> },
): string[];
export function everyPageFiles(outDir: string): string[];
/** A size is null when it cannot be measured (a file missing, no panel script): it fails its budget. */
export interface Sizes extends Record<BudgetName, number | null> {
  files: { sidepanelFirstView: string[]; sidepanelAll: string[]; extractor: string[]; everyPage: string[] };
  /** Files the panel or the budgets name that the build lacks. */
  missing: string[];
  /** Gzip size of each panel file. */
  gzip: Record<string, number>;
}
export function measureSizes(outDir: string): Sizes;
export function checkBudgets(
  sizes: Partial<Record<BudgetName, number | null>>,
  budgets?: Partial<Record<BudgetName, number>>,
): { name: BudgetName; bytes: number | null | undefined; budget: number; ok: boolean }[];
export function formatKB(bytes: number | null | undefined): string;
