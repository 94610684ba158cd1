export type BudgetName =
  | 'sidepanel_first_view_gzip_bytes'
  | 'sidepanel_all_gzip_bytes'
  | 'extractor_gzip_bytes'
  | 'every_page_bytes';
export const BUDGETS: Record<BudgetName, number>;
export function moduleImports(code: string, relPath: string): { static: string[]; dynamic: string[] };
export function sidepanelScripts(outDir: string, options?: { firstView?: boolean }): string[];
export function everyPageFiles(outDir: string): string[];
export interface Sizes extends Record<BudgetName, number> {
  files: { sidepanelFirstView: string[]; sidepanelAll: string[]; extractor: string[]; everyPage: string[] };
  /** Gzip size of each panel file. */
  gzip: Record<string, number>;
}
export function measureSizes(outDir: string): Sizes;
export function checkBudgets(
  sizes: Partial<Record<BudgetName, number>>,
  budgets?: Partial<Record<BudgetName, number>>,
): { name: BudgetName; bytes: number; budget: number; ok: boolean }[];
export function formatKB(bytes: number): string;
