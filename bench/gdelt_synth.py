"""Deterministic synthetic GDELT 2.0 event files, laid out and zipped as GDELT ships them.

Each file is ``YYYYMMDDHHMMSS.export.CSV.zip`` holding ``YYYYMMDDHHMMSS.export.CSV``: the
61 tab-separated columns of the GDELT 2.0 event table, no header. What is drawn, and
how (all with Zipf-like or hand-set weights, the same for the same arguments):

- actor codes: a CAMEO country (a few countries make most of the news) with a role
  or none (``USA``, ``USAGOV``, ``SYRMIL``), a role alone (``MIL``, ``CVL``), an
  intergovernmental organisation (``IGOUNO``), now and then a code outside the
  CAMEO tables; Actor1Code is empty in 8% of rows and Actor2Code in 30%, as in GDELT;
- event codes: about 150 CAMEO codes with shares close to GDELT's (consultations
  and statements most, mass violence rarest), kept as strings (``0871``);
- places, outlets, dates (mostly the file's day, some up to a month before) and
  GDELT's counts and tone;
- duplicates: a share of rows (``duplicates``, default 0.15) repeats a recent
  event's actors, code, place and day under a new id and URL, as GDELT does when
  several articles report one event.

    python -m bench.gdelt_synth --events 1000000 -o /tmp/gdelt
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path

from stakeholders.events.cameo import COUNTRIES, GROUPS, ROLES

#: Events per file: GDELT's 15-minute files hold a few thousand; bigger files keep the
#: file count manageable at 100 million events (each file still covers 15 minutes).
PER_FILE = 50_000
FIRST_ID = 1_200_000_000
START = dt.datetime(2025, 1, 1)

# (code, share in per mille, Goldstein): shares close to GDELT's, Goldstein values by CAMEO's scale.
EVENT_CODES: list[tuple[str, float, float]] = [
    ("010", 40, 0.0), ("011", 5, -0.1), ("012", 10, -0.4), ("013", 10, 0.4), ("014", 5, 0.0), ("015", 3, 0.0),
    ("016", 5, -2.0), ("017", 3, 0.0), ("018", 5, 3.4), ("019", 5, 3.4),
    ("020", 20, 3.0), ("0211", 3, 3.4), ("0214", 3, 3.4), ("022", 3, 3.2), ("023", 5, 3.4), ("0231", 3, 3.4),
    ("0233", 3, 3.4), ("024", 3, -0.3), ("025", 2, -0.3), ("026", 2, 4.0), ("027", 2, 4.0), ("028", 3, 4.5),
    ("030", 20, 4.0), ("031", 5, 5.2), ("0311", 2, 5.2), ("032", 3, 4.5), ("033", 3, 5.2), ("0331", 2, 5.2),
    ("0333", 1, 5.2), ("0334", 1, 6.0), ("034", 1, 7.0), ("035", 1, 5.0), ("036", 20, 4.0), ("037", 1, 5.0),
    ("038", 1, 7.0), ("039", 1, 5.0),
    ("040", 60, 1.0), ("041", 10, 1.0), ("042", 50, 1.9), ("043", 50, 2.8), ("044", 5, 2.5), ("045", 3, 5.0),
    ("046", 20, 7.0),
    ("050", 15, 3.5), ("051", 40, 3.4), ("052", 3, 3.5), ("053", 1, 3.8), ("054", 1, 6.0), ("055", 1, 7.0),
    ("056", 1, 7.0), ("057", 10, 8.0),
    ("060", 10, 6.0), ("061", 7, 6.4), ("062", 2, 7.4), ("063", 1, 7.4), ("064", 1, 7.0),
    ("070", 10, 7.0), ("071", 5, 7.4), ("072", 1, 8.3), ("073", 5, 7.4), ("074", 1, 8.5), ("075", 2, 7.0),
    ("080", 5, 5.0), ("081", 1, 5.0), ("0811", 1, 5.0), ("082", 1, 5.0), ("083", 2, 5.0), ("084", 5, 7.0),
    ("0841", 3, 7.0), ("085", 1, 7.0), ("086", 1, 9.0), ("087", 1, 9.0), ("0871", 1, 9.0), ("0872", 0.2, 9.0),
    ("0873", 0.2, 9.0), ("0874", 0.5, 10.0),
    ("090", 8, -2.0), ("091", 1, -2.0), ("092", 1, -2.0), ("093", 1, -2.0), ("094", 1, -2.0),
    ("100", 6, -5.0), ("101", 2, -5.0), ("1011", 0.5, -5.0), ("102", 1, -5.0), ("103", 1, -5.0), ("104", 1, -5.0),
    ("105", 1, -5.0), ("106", 0.5, -5.0), ("107", 0.5, -5.0), ("108", 1, -5.0),
    ("110", 15, -2.0), ("111", 20, -2.0), ("112", 20, -2.0), ("1122", 2, -2.0), ("113", 1, -2.0), ("114", 2, -2.0),
    ("115", 1, -2.0), ("116", 1, -2.0),
    ("120", 5, -4.0), ("121", 1, -4.0), ("122", 1, -4.0), ("123", 1, -4.0), ("124", 1, -5.0), ("125", 1, -5.0),
    ("1246", 0.5, -5.0), ("128", 3, -4.0), ("129", 1, -5.0),
    ("130", 8, -4.4), ("131", 1, -5.8), ("138", 4, -7.0), ("1382", 1, -7.0), ("139", 0.5, -7.0),
    ("140", 4, -6.5), ("141", 10, -6.5), ("1411", 1, -6.5), ("143", 1, -6.5), ("145", 3, -7.5),
    ("150", 2, -7.2), ("151", 0.5, -7.2), ("152", 0.5, -7.2), ("154", 1, -7.2),
    ("160", 2, -4.0), ("161", 1, -4.0), ("162", 0.5, -5.6), ("163", 2, -8.0), ("164", 0.5, -7.0), ("166", 1, -7.0),
    ("170", 6, -7.0), ("171", 3, -9.2), ("172", 3, -5.0), ("1721", 0.5, -5.0), ("173", 20, -5.0), ("174", 3, -5.0),
    ("175", 1, -9.0),
    ("180", 6, -9.0), ("181", 3, -9.0), ("182", 1, -9.5), ("1823", 1, -9.5), ("183", 2, -10.0), ("1831", 0.5, -10.0),
    ("184", 0.5, -8.0), ("186", 1, -10.0),
    ("190", 15, -10.0), ("191", 1, -9.5), ("192", 2, -9.5), ("193", 10, -10.0), ("194", 3, -10.0), ("195", 3, -10.0),
    ("1951", 0.5, -10.0), ("196", 1, -9.5),
    ("200", 0.2, -10.0), ("201", 0.2, -9.5), ("202", 0.5, -10.0), ("203", 0.1, -10.0), ("204", 0.1, -10.0),
]  # fmt: skip

# Countries in the order of how often they make the news; the rest of the CAMEO table follows.
_NEWSY = ["USA", "GBR", "CHN", "RUS", "ISR", "IND", "UKR", "FRA", "DEU", "IRN", "TUR", "PSE", "SYR", "PAK", "AUS",
          "CAN", "JPN", "NGA", "AFG", "IRQ", "SAU", "EGY", "KOR", "PRK", "ZAF", "LBN", "YEM", "MEX", "BRA", "ITA"]  # fmt: skip
# Roles after a country: none (the state) most often, then government, police, military...
_ROLES = [("", 40), ("GOV", 25), ("COP", 6), ("MIL", 6), ("BUS", 5), ("MED", 3), ("EDU", 3), ("JUD", 3), ("CVL", 3),
          ("OPP", 2), ("REB", 1.5), ("LEG", 1.5), ("CRM", 1), ("SPY", 0.5), ("HLH", 1), ("LAB", 0.5), ("REF", 0.5)]  # fmt: skip
_INTERNATIONAL = ["IGOUNO", "IGOEEC", "IGONAT", "IGOARL", "IGOWHO", "NGOAMN", "NGOHRW", "IGOUNOHCR", "IGOUNOPKO"]
_OUTLETS = 3000
_PLACES_PER_COUNTRY = 40


def _cum(weights: list[float]) -> list[float]:
    return list(itertools.accumulate(weights))


class _Pools:
    """Everything a row is assembled from, preformatted once: actor blocks, event blocks, places."""

    def __init__(self, rng: random.Random) -> None:
        countries = _NEWSY + [c for c in COUNTRIES if c not in _NEWSY and len(COUNTRIES[c].iso) > 0]
        codes: list[str] = []
        weights: list[float] = []
        for rank, country in enumerate(countries):
            for role, share in _ROLES:
                codes.append(country + role)
                weights.append(share / (rank + 1) ** 1.1)
        total = sum(weights)
        # Roles without a country (10%), international actors (2%) and codes outside the tables (0.3%).
        for role, share in _ROLES[1:]:
            codes.append(role)
            weights.append(0.10 * total * share / 60)
        for code in _INTERNATIONAL:
            codes.append(code)
            weights.append(0.02 * total / len(_INTERNATIONAL))
        for code in ("XYZ", "USAQQQ", "ZZZGOV"):
            codes.append(code)
            weights.append(0.001 * total)
        self.actor_blocks = [self._actor_block(code) for code in codes]
        self.actor_cum = _cum(weights)
        self.events = [self._event_block(code, goldstein) for code, _, goldstein in EVENT_CODES]
        self.event_cum = _cum([share for _, share, _ in EVENT_CODES])
        self.places: list[str] = []
        place_weights: list[float] = []
        for rank, country in enumerate(countries):
            name = COUNTRIES[country].name
            lat, long = rng.uniform(-50, 60), rng.uniform(-120, 150)
            self.places.append(f"1\t{name}\t{country[:2]}\t{country[:2]}\t\t{lat:.4f}\t{long:.4f}\t{country[:2]}")
            place_weights.append(1 / (rank + 1))
            for k in range(_PLACES_PER_COUNTRY):
                city = f"City {k}, Region {k % 7}, {name}"
                lat_k, long_k = lat + rng.uniform(-3, 3), long + rng.uniform(-3, 3)
                feature = -rng.randint(1_000_000, 9_999_999)
                self.places.append(f"4\t{city}\t{country[:2]}\t{country[:2]}{k % 7:02d}\t\t{lat_k:.4f}\t{long_k:.4f}\t{feature}")
                place_weights.append(1 / (rank + 1) / (k + 1))
        self.place_cum = _cum(place_weights)
        self.outlets = [f"https://www.{''.join(rng.choice('bcdfghklmnprstvz') + rng.choice('aeiou') for _ in range(3))}news{n}.com" for n in range(_OUTLETS)]
        self.outlet_cum = _cum([1 / (n + 1) for n in range(_OUTLETS)])
        self.counts = [
            f"{m}\t{max(1, m // 3)}\t{m}\t{rng.uniform(-8, 4):.10f}" for m in (rng.choice((1, 1, 2, 3, 4, 6, 10, 20)) for _ in range(500))
        ]

    @staticmethod
    def _actor_block(code: str) -> str:
        # Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type1..3Code
        country = code[:3] if code[:3] in COUNTRIES else ""
        rest = [code[i : i + 3] for i in range(len(country), len(code), 3)]
        roles = [part for part in rest if part in ROLES]
        group = next((part for part in rest if part in GROUPS), "")
        name = (COUNTRIES[country].name if country else GROUPS[group].name if group else ROLES[roles[0]].label if roles else code).upper()
        types = (roles + ["", "", ""])[:3]
        return "\t".join([code, name, country, group, "", "", "", *types])

    @staticmethod
    def _event_block(code: str, goldstein: float) -> str:
        # EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale (IsRootEvent is written apart)
        root = int(code[:2])
        quad = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        return f"{code}\t{code[:3]}\t{code[:2]}\t{quad}\t{goldstein}"


def lines(events: int, start_id: int, moment: dt.datetime, rng: random.Random, pools: _Pools, duplicates: float) -> Iterator[str]:
    """The rows of one 15-minute file, each ending in a line break."""
    actors1 = rng.choices(pools.actor_blocks, cum_weights=pools.actor_cum, k=events)
    actors2 = rng.choices(pools.actor_blocks, cum_weights=pools.actor_cum, k=events)
    codes = rng.choices(pools.events, cum_weights=pools.event_cum, k=events)
    places = rng.choices(pools.places, cum_weights=pools.place_cum, k=events)
    outlets = rng.choices(pools.outlets, cum_weights=pools.outlet_cum, k=events)
    empty = "\t" * 9
    added = moment.strftime("%Y%m%d%H%M%S")
    recent: list[tuple[str, str, str, str, dt.date]] = []
    for n in range(events):
        if recent and rng.random() < duplicates:
            actor1, actor2, code, place, day = rng.choice(recent)
        else:
            actor1 = actors1[n] if rng.random() >= 0.08 else empty
            actor2 = actors2[n] if rng.random() >= 0.30 else empty
            code, place = codes[n], places[n]
            day = moment.date() if rng.random() < 0.9 else moment.date() - dt.timedelta(days=rng.randint(1, 30))
            recent.append((actor1, actor2, code, place, day))
            if len(recent) > 200:
                recent.pop(0)
        event_id = start_id + n
        sqldate = day.strftime("%Y%m%d")
        fraction = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
        url = f"{outlets[n]}/{day:%Y/%m/%d}/story-{event_id}.html"
        yield (
            f"{event_id}\t{sqldate}\t{sqldate[:6]}\t{day.year}\t{fraction}\t{actor1}\t{actor2}\t{int(rng.random() < 0.6)}\t{code}\t"
            f"{rng.choice(pools.counts)}\t{place}\t{place}\t{place}\t{added}\t{url}\n"
        )


def write_files(folder: Path, events: int, per_file: int = PER_FILE, seed: int = 1, duplicates: float = 0.15) -> list[Path]:
    """Write ``events`` events as GDELT 2.0 export zips in ``folder`` (made if missing); returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    pools = _Pools(random.Random(seed))
    paths = []
    for number, first in enumerate(range(0, events, per_file)):
        rng = random.Random(seed * 1_000_003 + number)
        moment = START + dt.timedelta(minutes=15 * number)
        name = f"{moment:%Y%m%d%H%M%S}.export.CSV"
        path = folder / f"{name}.zip"
        count = min(per_file, events - first)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w", force_zip64=True) as member:
            batch: list[str] = []
            for line in lines(count, FIRST_ID + first, moment, rng, pools, duplicates):
                batch.append(line)
                if len(batch) == 10_000:
                    member.write("".join(batch).encode())
                    batch.clear()
            member.write("".join(batch).encode())
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-file", type=int, default=PER_FILE)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duplicates", type=float, default=0.15, help="share of rows repeating a recent event (default 0.15)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the folder to write the zips into")
    args = parser.parse_args()
    paths = write_files(args.output, args.events, args.per_file, args.seed, args.duplicates)
    print(f"{len(paths)} files in {args.output}")


if __name__ == "__main__":
    main()
