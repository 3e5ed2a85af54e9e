import { encodePart, hashParts, sha256Hex } from './hash.js';
import type { Session, SessionFields, WorkoutSet } from './model.js';

/**
 * What makes a session the same session, and the same content, on every machine and in
 * any file order: the session id (who, and which workout), the content hash (everything
 * recorded about it, sets in canonical order), and the finished Session built from both.
 */
/** Code-point order, never locale order: the same on every machine. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const compareSets = (a: WorkoutSet, b: WorkoutSet): number =>
  compareText(a.exercise, b.exercise) || a.setIndex - b.setIndex;

export const sessionId = (athlete: string, fields: SessionFields): string =>
  (fields.sourceWorkoutId === null
    ? hashParts(['session/v1', athlete, fields.sessionStart, fields.name])
    : hashParts(['session/v1', athlete, fields.source, fields.sourceWorkoutId])
  ).slice(0, 32);

/** Hash over the normalized session; line numbers and file order do not enter it. */
export const contentHash = (
  athlete: string,
  timezone: string,
  fields: SessionFields,
  sortedSets: readonly WorkoutSet[],
): string => sha256Hex(contentPrefix(athlete, timezone) + contentBody(fields, sortedSets));

/** The parts of contentHash that are the same for every session of a file. */
const contentPrefix = (athlete: string, timezone: string): string =>
  encodePart('content/v1') + encodePart(athlete) + encodePart(timezone);

/** The rest of contentHash's parts, encoded as hashParts encodes them (no parts array). */
const contentBody = (fields: SessionFields, sortedSets: readonly WorkoutSet[]): string => {
  let text =
    encodePart(fields.source) +
    encodePart(fields.sourceWorkoutId) +
    encodePart(fields.sessionStart) +
    encodePart(fields.name) +
    encodePart(fields.durationS) +
    encodePart(fields.distanceM) +
    encodePart(fields.energyKcal) +
    encodePart(fields.avgHeartRate) +
    encodePart(fields.steps) +
    encodePart(fields.notes) +
    // Only when stated, so every session without an offset keeps the hash it always had.
    (fields.utcOffset === undefined ? '' : encodePart(`utcOffset=${fields.utcOffset}`)) +
    encodePart(sortedSets.length);
  for (const s of sortedSets) {
    text +=
      encodePart(s.exercise) +
      encodePart(s.setIndex) +
      encodePart(s.setType) +
      encodePart(s.weightKg) +
      encodePart(s.reps) +
      encodePart(s.distanceM) +
      encodePart(s.durationS) +
      encodePart(s.rpe) +
      encodePart(s.notes);
  }
  return text;
};

/** Builds the finished session: sets sorted canonically, id and content hash computed. */
export const finishSession = (
  athlete: string,
  timezone: string,
  fields: SessionFields,
  sets: Iterable<WorkoutSet>,
  line: number,
): Session => {
  const sorted = [...sets].sort(compareSets);
  return {
    id: sessionId(athlete, fields),
    contentHash: contentHash(athlete, timezone, fields, sorted),
    athlete,
    timezone,
    ...fields,
    sets: sorted,
    line,
  };
};

/**
 * finishSession for the grouper: the per-file parts of both hashes are encoded once, the
 * sets array is the grouper's own (sorted in place), and the session is one literal with
 * finishSession's key order (the mappers' fields carry exactly SessionFields' keys).
 */
export class SessionFinisher {
  private readonly idPrefix: string;
  private readonly content: string;

  constructor(
    private readonly athlete: string,
    private readonly timezone: string,
  ) {
    this.idPrefix = encodePart('session/v1') + encodePart(athlete);
    this.content = contentPrefix(athlete, timezone);
  }

  finish(fields: SessionFields, sets: WorkoutSet[], line: number): Session {
    if (sets.length > 1) sets.sort(compareSets);
    // The hex digest is a fresh string, so keeping the id (in the grouper's memory of
    // finished sessions) never keeps a chunk of the file alive.
    const id =
      fields.sourceWorkoutId === null
        ? sha256Hex(this.idPrefix + encodePart(fields.sessionStart) + encodePart(fields.name))
        : sha256Hex(this.idPrefix + encodePart(fields.source) + encodePart(fields.sourceWorkoutId));
    const shortId = id.slice(0, 32);
    const contentHash = sha256Hex(this.content + contentBody(fields, sets));
    // Two literals rather than a spread for the optional offset: a spread inside a literal
    // builds the session through V8's slow property path, once per session.
    if (fields.utcOffset !== undefined) {
      return {
        id: shortId,
        contentHash,
        athlete: this.athlete,
        timezone: this.timezone,
        source: fields.source,
        sourceWorkoutId: fields.sourceWorkoutId,
        sessionStart: fields.sessionStart,
        utcOffset: fields.utcOffset,
        name: fields.name,
        durationS: fields.durationS,
        distanceM: fields.distanceM,
        energyKcal: fields.energyKcal,
        avgHeartRate: fields.avgHeartRate,
        steps: fields.steps,
        notes: fields.notes,
        sets,
        line,
      };
    }
    return {
      id: shortId,
      contentHash,
      athlete: this.athlete,
      timezone: this.timezone,
      source: fields.source,
      sourceWorkoutId: fields.sourceWorkoutId,
      sessionStart: fields.sessionStart,
      name: fields.name,
      durationS: fields.durationS,
      distanceM: fields.distanceM,
      energyKcal: fields.energyKcal,
      avgHeartRate: fields.avgHeartRate,
      steps: fields.steps,
      notes: fields.notes,
      sets,
      line,
    };
  }
}
