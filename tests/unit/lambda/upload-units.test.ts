import { describe, expect, it } from 'vitest';
import { DEFAULT_UNITS } from '../../../lambda/src/core/index.js';
import { assumedUnitsOf, uploadUnitsOf } from '../../../lambda/src/core/upload-units.js';

describe('the units of an upload', () => {
  it('takes the units its metadata names as the exports spell them, else the defaults', () => {
    // Act
    const named = uploadUnitsOf({ weightUnit: 'Pounds', distanceUnit: 'mi.' }, DEFAULT_UNITS);
    const none = uploadUnitsOf({ weightUnit: undefined, distanceUnit: undefined }, DEFAULT_UNITS);

    // Assess
    expect(named).toEqual({
      units: { weight: 'lbs', distance: 'mi' },
      from: { weight: 'object metadata', distance: 'object metadata' },
    });
    expect(none).toEqual({ units: DEFAULT_UNITS, from: { weight: 'default', distance: 'default' } });
  });

  it('names the metadata that names no unit', () => {
    // Act
    const bad = uploadUnitsOf({ weightUnit: 'kg', distanceUnit: 'furlong' }, DEFAULT_UNITS);

    // Assess
    expect(bad).toEqual({
      problem: expect.stringContaining("distance-unit metadata 'furlong' is not one of"),
    });
  });

  it('lists only the units a file needed, each with where it came from', () => {
    // Act
    const listed = assumedUnitsOf({ distance: 'mi' }, { weight: 'default', distance: 'object metadata' });

    // Assess
    expect(listed).toEqual([{ quantity: 'distance', unit: 'mi', from: 'object metadata' }]);
  });
});
