/** Header names compared without case, BOM, quotes, or repeated spaces. */
export const normalizeName = (name: string): string =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');

/** The name without a trailing unit in parentheses: `Distance (mi)` -> `distance`. */
export const baseName = (name: string): string => normalizeName(name).replace(/\s*\([^)]*\)\s*$/, '');

/** The unit in parentheses, lower case: `Distance (mi)` -> `mi`; undefined without one. */
export const unitInName = (name: string): string | undefined =>
  /\(([^)]*)\)\s*$/.exec(normalizeName(name))?.[1]?.trim();

/**
 * Column positions by name. Columns are always found by name, never by position, because
 * the apps reorder, add and drop columns between versions.
 */
export class Columns {
  private readonly byName = new Map<string, number>();
  private readonly byBase = new Map<string, number>();
  readonly names: readonly string[];

  constructor(names: readonly string[]) {
    this.names = names;
    names.forEach((name, i) => {
      const normal = normalizeName(name);
      if (!this.byName.has(normal)) this.byName.set(normal, i);
      const base = baseName(name);
      if (!this.byBase.has(base)) this.byBase.set(base, i);
    });
  }

  /** Index of the first of `names` present (exact normalized name), or -1. */
  index(...names: string[]): number {
    for (const name of names) {
      const i = this.byName.get(name);
      if (i !== undefined) return i;
    }
    return -1;
  }

  /** Index by name ignoring a unit suffix (`Distance (km)` matches `distance`), or -1. */
  indexByBase(name: string): number {
    return this.byBase.get(name) ?? -1;
  }

  has(...names: string[]): boolean {
    return names.every((n) => this.byName.has(n) || this.byBase.has(n));
  }

  unitOf(index: number): string | undefined {
    const name = this.names[index];
    return name === undefined ? undefined : unitInName(name);
  }
}

/** The cell at `index`, or undefined when the column is absent or the row is short. */
export const cell = (fields: readonly string[], index: number): string | undefined =>
  index < 0 ? undefined : fields[index];
