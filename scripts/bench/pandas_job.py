"""The core's job written as a data engineer would write it in pandas, for `npm run bench`.

`pandas_job.py FILE FORMAT [--athlete A] [--timezone TZ] [--emit OUT]` reads one generated
export (scripts/lib/generate: strong, hevy, fitnotes, mapmyfitness, canonical) the way the
core does and prints one JSON line of figures: rows, sessions, sets, skipped, duplicates,
rejected, seconds (wall), cpuSeconds (this process, the job only), peakRss (bytes).
`--emit OUT` also writes every session's id and content hash as JSON lines, which
tests/integration/bench/pandas-job.test.ts compares with the core's on small files.

The same job: read the whole file with read_csv (the format's delimiter and decimal mark,
no "NA"-style guessing: a note that says "None" stays a note), trim text, parse and
validate every number and date (a row with a bad value is rejected, as the core rejects
it), convert units (lbs, miles, km, with the core's 6-decimal rounding), skip rest-timer
rows and zero-time activities, drop duplicate rows, number the sets by their place within
their exercise in file order (canonical files keep their own numbers), group rows into
sessions, and hash each session twice with SHA-256 over the core's exact encoding
(lambda/src/core/hash.ts: each part `len:` + `s`text, `#`number as JavaScript writes it,
or NUL, the length in UTF-16 units). Everything is vectorised but the hashing itself:
hashlib has no array form, so it is one call per session, as the core's is.

Scope: the layouts the generator writes (the core reads many more), and no replay of a
session's rows after other sessions' rows (generated files never interleave sessions).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import resource
import time

import numpy as np
import pandas as pd

NULL_PART = "1:\x00"
ASTRAL = "[\U00010000-\U0010ffff]"
KG_PER_LB = 0.45359237
METRES = {"km": 1000.0, "mi": 1609.344}
SET_TYPES = ("normal", "warmup", "dropset", "failure")
FITNOTES_SESSION_NAME = "FitNotes workout"
SESSION_COLUMNS = ["source", "sourceWorkoutId", "sessionStart", "name", "durationS", "distanceM",
                   "energyKcal", "avgHeartRate", "steps", "notes"]
SET_COLUMNS = ["exercise", "setIndex", "setType", "weightKg", "reps", "setDistanceM",
               "setDurationS", "rpe", "setNotes"]
NUMBER_COLUMNS = {"durationS", "distanceM", "energyKcal", "avgHeartRate", "steps", "setIndex",
                  "weightKg", "reps", "setDistanceM", "setDurationS", "rpe"}


# --- the core's encoding (hash.ts), vectorised --------------------------------------------

def text_parts(values: pd.Series) -> pd.Series:
    """A text part as PartWriter writes it: `${len + 1}:s${text}`, len in UTF-16 code units; NUL when missing."""
    filled = values.fillna("").astype(str)
    units = filled.str.len() + filled.str.count(ASTRAL) + 1
    return (units.astype(str) + ":s" + filled).where(values.notna(), NULL_PART)


def js_numbers(values: pd.Series) -> pd.Series:
    """String(n) as JavaScript writes it: 40 (not 40.0), 22.5, shortest round trip. Exponent
    forms (below 1e-6, from 1e21) differ from Python's; no export value reaches them."""
    v = values.astype("float64")
    whole = np.isfinite(v) & (v == np.floor(v))
    return v.astype(str).where(~whole, v.where(whole, 0).astype("int64").astype(str))


def number_parts(values: pd.Series) -> pd.Series:
    digits = js_numbers(values).fillna("")
    return ((digits.str.len() + 1).astype(str) + ":#" + digits).where(values.notna(), NULL_PART)


def parts(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    out = pd.Series("", index=frame.index, dtype=object)
    for column in columns:
        encode = number_parts if column in NUMBER_COLUMNS else text_parts
        out = out + encode(frame[column])
    return out


def single_part(text: str | None) -> str:
    return NULL_PART if text is None else f"{len(text.encode('utf-16-le')) // 2 + 1}:s{text}"


def sha256(texts: pd.Series) -> list[str]:
    return [hashlib.sha256(t.encode()).hexdigest() for t in texts]


# --- reading and validating cells (validate.ts, units.ts) ---------------------------------

class Rows:
    """One export's rows and the rows found bad so far (a row is rejected for its first bad
    value, as the core rejects it)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.records = len(frame)
        self.bad = pd.Series(False, index=frame.index)

    def skip(self, rows: pd.Series) -> pd.DataFrame:
        """Leaves out rows that are not data (rest timers, zero-time activities); they still
        count as records read."""
        self.frame = self.frame[~rows]
        self.bad = self.bad[~rows]
        return self.frame

    def column(self, name: str) -> pd.Series:
        if name in self.frame:
            return self.frame[name]
        return pd.Series(np.nan, index=self.frame.index, dtype=object)

    def text(self, name: str) -> pd.Series:
        raw = self.column(name)
        if raw.dtype.kind in "fiu":  # read_csv typed a column that only held numbers or nothing
            raw = raw.map(lambda v: None if pd.isna(v) else str(v), na_action=None)
        text = raw.astype(object).where(raw.notna()).str.strip().str.replace("\r\n?", "\n", regex=True)
        return text.where(text != "")

    def required(self, name: str) -> pd.Series:
        text = self.text(name)
        self.bad |= text.isna()
        return text

    def number(self, name: str, whole: bool = False, high: float | None = None) -> pd.Series:
        raw = self.column(name)
        if raw.dtype.kind in "fiu":
            value = raw.astype("float64")
        else:
            text = raw.astype(object).where(raw.notna()).str.strip()
            text = text.where(text != "")
            value = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
            self.bad |= text.notna() & value.isna()
        bad = value < 0
        if whole:
            bad |= value.notna() & (value != np.floor(value))
        if high is not None:
            bad |= value > high
        self.bad |= bad.fillna(False)
        return value

    def date_time(self, values: pd.Series, fmt: str) -> pd.Series:
        parsed = pd.to_datetime(values, format=fmt, errors="coerce")
        self.bad |= parsed.isna()
        return parsed.dt.strftime("%Y-%m-%dT%H:%M:%S")

    def set_type(self, name: str) -> pd.Series:
        raw = self.text(name).fillna("normal").str.lower()
        self.bad |= ~raw.isin(SET_TYPES)
        return raw


def round6(values: pd.Series) -> pd.Series:
    """units.ts round6: Math.round(v * 1e6) / 1e6 (half up, not numpy's half to even)."""
    return np.floor(values * 1e6 + 0.5) / 1e6


def zero_as_null(values: pd.Series) -> pd.Series:
    return values.where(values != 0)


def read(path: str, sep: str, decimal: str = ".") -> pd.DataFrame:
    return pd.read_csv(path, sep=sep, decimal=decimal, encoding="utf-8-sig", keep_default_na=False,
                       na_values=[""], low_memory=False)


# --- the formats ----------------------------------------------------------------------------

def strong(path: str) -> tuple[pd.DataFrame, dict]:
    r = Rows(read(path, ";", decimal=","))
    f = r.frame
    rest = (f["Exercise Name"].astype(str).str.strip().str.lower() == "rest timer") | (
        f["Set Order"].astype(str).str.strip().str.lower() == "rest timer")
    f = r.skip(rest)
    minutes = f["Workout Duration"].astype(str).str.extract(r"^(?:(\d+)h )?(\d+)m$").astype("float64")
    order = f["Set Order"].astype(str).str.strip()
    numbered = order.str.fullmatch(r"\d+")
    out = pd.DataFrame({
        "key": key_of(f, ["Date", "Workout Name"]),
        "source": "strong",
        "sourceWorkoutId": None,
        "sessionStart": r.date_time(f["Date"], "%Y-%m-%d %H:%M:%S"),
        "name": r.required("Workout Name"),
        "durationS": zero_as_null(minutes[0].fillna(0) * 3600 + minutes[1] * 60),
        "distanceM": np.nan, "energyKcal": np.nan, "avgHeartRate": np.nan, "steps": np.nan,
        "notes": r.text("Workout Notes"),
        "exercise": r.required("Exercise Name"),
        "order": order.where(numbered).astype("float64"),
        "setType": order.str.lower().map({"w": "warmup", "d": "dropset", "f": "failure"}).fillna("normal"),
        "weightKg": weight_kg(r, "Weight", "Weight Unit", high=2000),
        "reps": r.number("Reps", whole=True, high=10_000),
        "setDistanceM": zero_as_null(r.number("Distance")),
        "setDurationS": zero_as_null(r.number("Seconds")),
        "rpe": r.number("RPE", high=10),
        "setNotes": r.text("Notes"),
    })
    r.bad |= ~numbered & out["setType"].eq("normal")  # a word that is no set order
    return finish(out, r, "file-order", skipped=int(rest.sum()))


def weight_kg(r: Rows, name: str, unit_name: str, high: float) -> pd.Series:
    value = r.number(name, high=high)
    unit = r.text(unit_name).fillna("kg").str.lower()
    r.bad |= value.notna() & ~unit.isin(["kg", "kgs", "lb", "lbs"])
    return value.where(~unit.isin(["lb", "lbs"]), round6(value * KG_PER_LB))


def hevy(path: str) -> tuple[pd.DataFrame, dict]:
    r = Rows(read(path, ","))
    f = r.frame
    start = pd.to_datetime(f["start_time"], format="%d %b %Y, %H:%M", errors="coerce")
    end = pd.to_datetime(f["end_time"], format="%d %b %Y, %H:%M", errors="coerce")
    r.bad |= start.isna()
    seconds = (end - start).dt.total_seconds()
    out = pd.DataFrame({
        "key": key_of(f, ["start_time", "title"]),
        "source": "hevy",
        "sourceWorkoutId": None,
        "sessionStart": start.dt.strftime("%Y-%m-%dT%H:%M:%S"),
        "name": r.required("title"),
        "durationS": seconds.where(seconds > 0),
        "distanceM": np.nan, "energyKcal": np.nan, "avgHeartRate": np.nan, "steps": np.nan,
        "notes": r.text("description"),
        "exercise": r.required("exercise_title"),
        "order": r.number("set_index", whole=True, high=10_000),
        "setType": r.set_type("set_type"),
        "weightKg": r.number("weight_kg", high=2000),
        "reps": r.number("reps", whole=True, high=10_000),
        "setDistanceM": zero_as_null(round6(r.number("distance_km") * METRES["km"])),
        "setDurationS": zero_as_null(r.number("duration_seconds")),
        "rpe": r.number("rpe", high=10),
        "setNotes": r.text("exercise_notes"),
    })
    r.bad |= out["order"].isna()
    return finish(out, r, "file-order")


def fitnotes(path: str) -> tuple[pd.DataFrame, dict]:
    r = Rows(read(path, ","))
    f = r.frame
    out = pd.DataFrame({
        "key": raw(f, "Date"),
        "source": "fitnotes",
        "sourceWorkoutId": None,
        "sessionStart": r.date_time(f["Date"], "%Y-%m-%d"),
        "name": FITNOTES_SESSION_NAME,
        "durationS": np.nan, "distanceM": np.nan, "energyKcal": np.nan, "avgHeartRate": np.nan,
        "steps": np.nan, "notes": None,
        "exercise": r.required("Exercise"),
        "order": np.nan,  # FitNotes numbers no set: identical rows are separate sets
        "setType": "normal",
        "weightKg": r.number("Weight (kgs)", high=2000),
        "reps": r.number("Reps", whole=True, high=10_000),
        "setDistanceM": zero_as_null(r.number("Distance")),
        "setDurationS": zero_as_null(r.number("Time")),
        "rpe": np.nan,
        "setNotes": r.text("Comment"),
    })
    return finish(out, r, "file-order")


MMF_MONTHS = {m: i for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)}


def mapmyfitness(path: str) -> tuple[pd.DataFrame, dict]:
    r = Rows(read(path, ","))
    f = r.frame
    time_s = r.number("Workout Time (seconds)")
    zero_time = time_s.fillna(0).eq(0) & ~r.bad
    f = r.skip(zero_time)
    time_s = time_s[~zero_time]
    # "Jan. 1, 2015", "March 3, 2015", "Sept. 9, 2015": the month's first three letters.
    words = f["Workout Date"].astype(str).str.extract(r"^([A-Za-z]+)\.? (\d{1,2}), (\d{4})$")
    month = words[0].str[:3].map(MMF_MONTHS)
    iso = words[2] + "-" + month.astype("Int64").astype(str).str.zfill(2) + "-" + words[1].str.zfill(2)
    link_id = r.text("Link").str.extract(r"(\d+)/?(?:[?#].*)?$")[0]
    notes = r.text("Notes").str.replace(r"^b'(.*)'$", r"\1", regex=True)
    out = pd.DataFrame({
        "key": "mapmyfitness\x01" + link_id,
        "source": "mapmyfitness",
        "sourceWorkoutId": link_id,
        "sessionStart": r.date_time(iso, "%Y-%m-%d"),
        "name": r.required("Activity Type"),
        "durationS": time_s,
        "distanceM": zero_as_null(round6(r.number("Distance (mi)") * METRES["mi"])),
        "energyKcal": zero_as_null(r.number("Calories Burned (kCal)")),
        "avgHeartRate": zero_as_null(r.number("Avg Heart Rate", high=300)),
        "steps": zero_as_null(r.number("Steps", whole=True)),
        "notes": notes.where(notes != ""),
    })
    out["key"] = out["key"].fillna("\x02" + out["sessionStart"] + "\x01" + out["name"])
    return finish(out, r, "none", skipped=int(zero_time.sum()))


def raw(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column's cells as text, '' when empty: what the core's session keys are made of."""
    return frame[column].astype(str).fillna("")


def key_of(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    key = raw(frame, columns[0])
    for column in columns[1:]:
        key = key + "\x01" + raw(frame, column)
    return key


def canonical(path: str) -> tuple[pd.DataFrame, dict]:
    r = Rows(read(path, ","))
    f = r.frame
    columns = ["session_start", "name", "source", "source_workout_id", "duration_s", "distance_m",
               "energy_kcal", "avg_heart_rate", "steps", "session_notes"]
    out = pd.DataFrame({
        "key": key_of(f, columns),
        "source": r.text("source").fillna("canonical"),
        "sourceWorkoutId": r.text("source_workout_id"),
        "sessionStart": r.date_time(f["session_start"], "%Y-%m-%dT%H:%M:%S"),
        "name": r.required("name"),
        "durationS": r.number("duration_s"),
        "distanceM": r.number("distance_m"),
        "energyKcal": r.number("energy_kcal"),
        "avgHeartRate": r.number("avg_heart_rate", high=300),
        "steps": r.number("steps", whole=True),
        "notes": r.text("session_notes"),
        "exercise": r.text("exercise"),
        "setIndex": r.number("set_index", whole=True, high=10_000),
        "setType": r.set_type("set_type"),
        "weightKg": r.number("weight_kg", high=2000),
        "reps": r.number("reps", whole=True, high=10_000),
        "setDistanceM": r.number("set_distance_m"),
        "setDurationS": r.number("set_duration_s"),
        "rpe": r.number("rpe", high=10),
        "setNotes": r.text("set_notes"),
    })
    r.bad |= out["setIndex"].eq(0)
    return finish(out, r, "source")


# --- grouping, numbering, hashing (sessions.ts, session-identity.ts) -------------------------

def finish(rows: pd.DataFrame, r: Rows, numbering: str, skipped: int = 0) -> tuple[pd.DataFrame, dict]:
    rejected = int(r.bad.sum())
    rows = rows[~r.bad]
    counts = {"rows": r.records, "rejected": rejected, "skipped": skipped}
    if numbering == "none":  # one row per session
        duplicate = rows.duplicated(subset=SESSION_COLUMNS)
        rows = rows[~duplicate]
        heads, sets = rows, None
    else:
        with_set = rows[rows["exercise"].notna()]
        number = "order" if numbering == "file-order" else "setIndex"
        values = ["key", "exercise", number] + SET_COLUMNS[2:]
        # Only a numbered set can repeat: unnumbered identical rows are separate sets.
        duplicate = with_set.duplicated(subset=values) & with_set[number].notna()
        with_set = with_set[~duplicate]
        if numbering == "file-order":
            with_set = with_set.assign(setIndex=with_set.groupby(["key", "exercise"], sort=False).cumcount() + 1)
        heads = rows.drop_duplicates("key")
        sets = with_set.sort_values(["key", "exercise", "setIndex"], kind="stable")
    counts["duplicates"] = int(duplicate.sum())
    counts["sets"] = 0 if sets is None else len(sets)
    return hash_sessions(heads, sets), counts


def hash_sessions(heads: pd.DataFrame, sets: pd.DataFrame | None) -> pd.DataFrame:
    heads = heads.set_index("key")
    if sets is None:
        count = pd.Series(0, index=heads.index)
        body = pd.Series("", index=heads.index)
    else:
        encoded = parts(sets, SET_COLUMNS).groupby(sets["key"], sort=False)
        count = encoded.size().reindex(heads.index, fill_value=0)
        body = encoded.agg("".join).reindex(heads.index, fill_value="")
    by_id = np.where(heads["sourceWorkoutId"].isna(),
                     text_parts(heads["sessionStart"]) + text_parts(heads["name"]),
                     text_parts(heads["source"]) + text_parts(heads["sourceWorkoutId"]))
    id_prefix = single_part("session/v1") + single_part(ATHLETE)
    content_prefix = single_part("content/v1") + single_part(ATHLETE) + single_part(TIMEZONE)
    content = content_prefix + parts(heads, SESSION_COLUMNS) + number_parts(count) + body
    return pd.DataFrame({
        "id": [h[:32] for h in sha256(id_prefix + pd.Series(by_id, index=heads.index))],
        "contentHash": sha256(content),
    })


FORMATS = {"strong": strong, "hevy": hevy, "fitnotes": fitnotes, "mapmyfitness": mapmyfitness,
           "canonical": canonical}

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("format", choices=sorted(FORMATS))
    parser.add_argument("--athlete", default="bench")
    parser.add_argument("--timezone", default="Europe/Berlin")
    parser.add_argument("--emit")
    args = parser.parse_args()
    ATHLETE, TIMEZONE = args.athlete, args.timezone
    wall, cpu = time.perf_counter(), time.process_time()
    sessions, counts = FORMATS[args.format](args.file)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if args.emit:
        sessions.to_json(args.emit, orient="records", lines=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({**counts, "sessions": len(sessions), "seconds": wall, "cpuSeconds": cpu,
                      "peakRss": peak}))
