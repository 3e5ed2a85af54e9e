import type { DistanceUnit, WeightUnit } from '../units.js';

/**
 * The units a file's values are read in when its header does not say: Strong's unitless
 * `Weight` and `Distance` (and every localized Strong export) are written in the account's
 * units, which nothing in the file records. Guessing silently would store a US user's
 * 100 lbs as 100 kg, so the caller states the units (object metadata, or the environment's
 * default) and the report names each one that was assumed.
 */
export interface UnitDefaults {
  readonly weight: WeightUnit;
  readonly distance: DistanceUnit;
}

/** @default kg and km: the units of most of the world, and of every app's metric default. */
export const DEFAULT_UNITS: UnitDefaults = { weight: 'kg', distance: 'km' };

export type AssumedUnits = { weight?: WeightUnit; distance?: DistanceUnit };

/** Hands out the stated units to mappers and records which ones a file needed. */
export class UnitAssumptions {
  private readonly used: { weight?: WeightUnit; distance?: DistanceUnit } = {};

  constructor(private readonly defaults: UnitDefaults = DEFAULT_UNITS) {}

  weight(): WeightUnit {
    this.used.weight = this.defaults.weight;
    return this.defaults.weight;
  }

  distance(): DistanceUnit {
    this.used.distance = this.defaults.distance;
    return this.defaults.distance;
  }

  /** The units the file's mapper assumed, for the report. */
  get assumed(): AssumedUnits {
    return { ...this.used };
  }
}
