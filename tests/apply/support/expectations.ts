/** What the apply tests accept from the emulator (tests/integration/setup/emulator-differences.ts). */
import { REPLAN_DRIFTS_IN_EMULATOR } from '../../integration/setup/emulator-differences.js';

import type { PlannedChange } from './stack-run.js';

export { excludedAddresses } from '../../../scripts/lib/emulator-gaps.js';

/** A second plan's changes that are not on the emulator's list of known drifts. */
export function unexpectedChanges(changes: readonly PlannedChange[]): PlannedChange[] {
  return changes
    .map((change) => {
      const type = change.address.split('.')[0] ?? '';
      const allowed = new Set(
        REPLAN_DRIFTS_IN_EMULATOR.filter((d) => d.type === type).map((d) => d.attribute),
      );
      const onlyUpdate = change.actions.length === 1 && change.actions[0] === 'update';
      return {
        ...change,
        attributes: onlyUpdate ? change.attributes.filter((a) => !allowed.has(a)) : change.attributes,
      };
    })
    .filter((change) => change.attributes.length > 0 || change.actions[0] !== 'update');
}
