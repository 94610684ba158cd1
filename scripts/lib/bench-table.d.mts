export const TARGETS: Record<string, string>;
export function formatFigure(value: number): string;
export function benchTable(
  results: Record<string, unknown>,
  context: { machine: string; writtenAt: string },
): string;
export const START: string;
export const END: string;
export function replaceTable(readme: string, table: string): string;
