import type { FunctionRef } from './panelContext';

const NAME = /^[\w.@+=,:/-]{1,256}$/;

/** The identity a page saved, checked: a restored page's state is data from the webview. */
export function refOf(state: unknown): (FunctionRef & { readonly fingerprint?: string }) | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const s = state as Record<string, unknown>;
  const { profile, region, functionName, fingerprint } = s;
  if (typeof profile !== 'string' || typeof region !== 'string' || typeof functionName !== 'string') return undefined;
  if (!NAME.test(profile) || !NAME.test(region) || !NAME.test(functionName)) return undefined;
  if (fingerprint !== undefined && (typeof fingerprint !== 'string' || !/^[\w-]{1,128}$/.test(fingerprint))) return undefined;
  return { profile, region, functionName, ...(typeof fingerprint === 'string' ? { fingerprint } : {}) };
}
