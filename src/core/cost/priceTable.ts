export type Architecture = 'x86_64' | 'arm64';

/** A price tier: `upToGbSeconds` is the cumulative monthly usage at which the next tier starts. */
export interface PriceTier {
  readonly upToGbSeconds: number;
  readonly usdPerGbSecond: number;
}

export interface RegionPrices {
  readonly requestsUsdPerMillion: number;
  readonly compute: Readonly<Record<Architecture, readonly PriceTier[]>>;
  /** Ephemeral storage above the free 512 MB. */
  readonly ephemeralStorageUsdPerGbSecond: number;
  /** Provisioned concurrency kept enabled, by architecture (arm64 is priced 20% lower). */
  readonly provisionedConcurrencyUsdPerGbSecond: Readonly<Record<Architecture, number>>;
  /** Compute while provisioned concurrency serves the request (replaces the on-demand rate). */
  readonly provisionedExecutionUsdPerGbSecond: Readonly<Record<Architecture, number>>;
}

export interface PriceTable {
  readonly source: string;
  readonly defaultRegion: string;
  readonly regions: Readonly<Record<string, Partial<RegionPrices>>>;
  readonly freeTier: FreeTier;
}

/** Lambda's monthly free tier (per account, across regions and architectures). */
export interface FreeTier {
  readonly requests: number;
  readonly gbSeconds: number;
}

/**
 * AWS Lambda list prices (us-east-1) as published on aws.amazon.com/lambda/pricing. Data, not
 * code: a region that differs only overrides what differs. Figures marked UNVERIFIED were not
 * confirmed against a primary source.
 */
export const LAMBDA_PRICES: PriceTable = {
  source: 'aws.amazon.com/lambda/pricing (us-east-1 list prices, 1 ms billing)',
  defaultRegion: 'us-east-1',
  freeTier: { requests: 1_000_000, gbSeconds: 400_000 },
  regions: {
    'us-east-1': {
      requestsUsdPerMillion: 0.2,
      compute: {
        x86_64: [
          { upToGbSeconds: 6e9, usdPerGbSecond: 0.0000166667 },
          { upToGbSeconds: 15e9, usdPerGbSecond: 0.000015 },
          { upToGbSeconds: Number.POSITIVE_INFINITY, usdPerGbSecond: 0.0000133334 },
        ],
        arm64: [
          { upToGbSeconds: 7.5e9, usdPerGbSecond: 0.0000133334 },
          { upToGbSeconds: 18.75e9, usdPerGbSecond: 0.0000120001 },
          // UNVERIFIED: the third arm64 tier was not captured; the second tier's rate is used.
          { upToGbSeconds: Number.POSITIVE_INFINITY, usdPerGbSecond: 0.0000120001 },
        ],
      },
      ephemeralStorageUsdPerGbSecond: 0.0000000309,
      // arm64 PC rates: the pricing page's Arm tab (20% below x86, as on-demand); UNVERIFIED in the
      // reference notes, which give the x86 rates only.
      provisionedConcurrencyUsdPerGbSecond: { x86_64: 0.0000041667, arm64: 0.0000033334 },
      provisionedExecutionUsdPerGbSecond: { x86_64: 0.0000097222, arm64: 0.0000077778 },
    },
    'us-west-2': {},
    'us-east-2': {},
    'eu-west-1': {},
    'us-west-1': { ephemeralStorageUsdPerGbSecond: 0.000000037 },
  },
};

/** The prices in force in a region: the default region's, overridden by what the region changes. */
export function pricesFor(table: PriceTable, region: string | undefined): RegionPrices {
  const base = table.regions[table.defaultRegion] as RegionPrices;
  const override = region ? table.regions[region] : undefined;
  return { ...base, ...override, compute: { ...base.compute, ...override?.compute } };
}

/** Whether the table has prices of its own for `region` (otherwise the default region's are used). */
export function hasPricesFor(table: PriceTable, region: string): boolean {
  return Object.hasOwn(table.regions, region);
}
