import type { BuildOptions } from 'esbuild';

export function commonOptions(production: boolean): BuildOptions;
export function nodeBundles(options?: { production?: boolean; outdir?: string }): Array<BuildOptions & { outfile: string }>;
