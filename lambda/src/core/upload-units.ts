/**
 * The units an upload's unitless columns are read in (see formats/assumed-units.ts): the
 * object's `weight-unit` / `distance-unit` metadata, else the function's defaults, and the
 * report's account of which were assumed and where they came from.
 */
import type { AssumedUnits, UnitDefaults } from './formats/assumed-units.js';
import { DISTANCE_UNITS, distanceUnitOf, WEIGHT_UNITS, weightUnitOf } from './units.js';
import type { AssumedUnit, UnitOrigin } from './upload-report.js';

export type UnitsFrom = { readonly weight: UnitOrigin; readonly distance: UnitOrigin };

/**
 * Metadata names a unit the way the exports do (`lbs`, `lb`, `pounds`, `mi`, `miles`...);
 * one that names no unit is a problem with the upload, said in a sentence.
 */
export function uploadUnitsOf(
  metadata: { readonly weightUnit: string | undefined; readonly distanceUnit: string | undefined },
  defaults: UnitDefaults,
): { units: UnitDefaults; from: UnitsFrom } | { problem: string } {
  const weight = metadata.weightUnit === undefined ? undefined : weightUnitOf(metadata.weightUnit);
  const distance = metadata.distanceUnit === undefined ? undefined : distanceUnitOf(metadata.distanceUnit);
  const bad =
    metadata.weightUnit !== undefined && weight === undefined
      ? `weight-unit metadata '${metadata.weightUnit}' is not one of ${WEIGHT_UNITS.join(', ')}`
      : metadata.distanceUnit !== undefined && distance === undefined
        ? `distance-unit metadata '${metadata.distanceUnit}' is not one of ${DISTANCE_UNITS.join(', ')}`
        : undefined;
  if (bad !== undefined) {
    return {
      problem: `The object's ${bad}. Upload it again with x-amz-meta-weight-unit (kg or lbs) and x-amz-meta-distance-unit (km, mi or m) set to the units the app was set to, or without them to use ${defaults.weight} and ${defaults.distance}.`,
    };
  }
  return {
    units: { weight: weight ?? defaults.weight, distance: distance ?? defaults.distance },
    from: {
      weight: weight === undefined ? 'default' : 'object metadata',
      distance: distance === undefined ? 'default' : 'object metadata',
    },
  };
}

/** The report's list of the units a file needed, each with where it came from. */
export function assumedUnitsOf(assumed: AssumedUnits, from: UnitsFrom | undefined): AssumedUnit[] {
  const out: AssumedUnit[] = [];
  if (assumed.weight !== undefined)
    out.push({ quantity: 'weight', unit: assumed.weight, from: from?.weight ?? 'default' });
  if (assumed.distance !== undefined)
    out.push({ quantity: 'distance', unit: assumed.distance, from: from?.distance ?? 'default' });
  return out;
}
