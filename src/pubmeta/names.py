"""Person names: particles, suffixes, and the two orders names are printed in.

One rule set for every format. A name is split as CSL splits it: ``given``, ``family``, a
non-dropping ``particle`` that belongs to the family name when printed ("van Gogh"), a
``dropping_particle`` ("Ludwig von Mises" sorts under M) and a ``suffix`` ("Jr.", "III").
Formats that print the family name with its particles in one field ("van der Waals" in a JATS
``<surname>`` or a Dublin Core "Family, Given") are read back by one rule: lower-case leading
words of a family name are its particle. A no-break space joins words; it never separates.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

#: Lower-case words that are name particles when they come before a family name.
PARTICLES = frozenset(
    {
        "van", "von", "der", "den", "de", "del", "della", "dei", "degli", "di", "da", "du",
        "dos", "das", "do", "la", "le", "lo", "les", "ter", "ten", "te", "zu", "zum", "zur",
        "af", "al", "el", "bin", "ibn", "bint", "op", "'t", "vander", "vom", "y", "e", "d'",
        "st.", "het", "in", "aan",
    }
)  # fmt: skip
#: Name suffixes as printed after a name ("Martin Luther King Jr.", "Henry Ford II").
SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "Jnr", "Snr"})


class NameParts(Protocol):
    family: str | None
    given: str | None
    particle: str | None
    dropping_particle: str | None
    suffix: str | None
    literal: str | None


def split_particle(family: str) -> tuple[str | None, str]:
    """'van der Rohe' -> ('van der', 'Rohe'): lower-case leading words are the particle.

    Only ordinary spaces separate ('van\\xa0Gogh' is one word), and the last word always
    stays the family name. No split next to another space character ('f \\x85X', 'de\\xa0 X'):
    a field's leading or trailing space is not kept, so that name could not be read back. A
    run of spaces separates as one ('van  Gogh': 'van' and 'Gogh'); a name with no particle is
    given back as it came."""
    words = family.split(" ")
    if "  " in family:
        words = [word for word in words if word]
    lead: list[str] = []
    while (
        len(words) > 1
        and words[0].islower()
        and not words[0][-1:].isspace()
        and not words[1][:1].isspace()
    ):
        lead.append(words.pop(0))
    return (" ".join(lead), " ".join(words)) if lead else (None, family)


def family_with_particles(person: NameParts, *, dropping: bool = True) -> str:
    """The family name as printed in one field: '[dropping] [particle] family'."""
    particle = person.particle
    dropping_particle = person.dropping_particle if dropping else None
    if not particle and not dropping_particle:  # most names: written for every name
        return person.family or ""
    parts = (dropping_particle, particle, person.family)
    return " ".join(p for p in parts if p)


#: A run of plain spaces: layout in a name written on one line (no-break spaces are content).
_RUN_OF_SPACES = re.compile(r" {2,}")
#: Spaces before a comma of the inverted form ('Smith , John'), as sloppy exports have them.
_SPACE_BEFORE_COMMA = re.compile(r" +,")


def inverted(person: NameParts) -> str:
    """'Family, Given[, Suffix]' (OpenAIRE's dc:creator form, RIS AU); the particle stays with
    the family name, a dropping particle after the given names. A run of spaces inside a part
    is written as one, as :func:`parse_inverted` reads it."""
    if person.family is None:
        return person.literal or person.given or ""
    family = " ".join(p for p in (person.particle, person.family) if p)
    given = " ".join(p for p in (person.given, person.dropping_particle) if p)
    if person.suffix:  # an empty given keeps the suffix in third place
        text = f"{family}, {given}, {person.suffix}"
    else:
        text = f"{family}, {given}" if given else family
    return _RUN_OF_SPACES.sub(" ", text) if "  " in text else text


def parse_inverted(text: str) -> dict[str, Any] | None:
    """'Family, Given[, Suffix]' -> name parts; None when the text is not exactly in that form
    (then it is a literal name, or a natural-order one for the caller to try). Exactly, up to
    spacing (a run of spaces, spaces before a comma): the parts written back give the same
    text, so a name with a comma of another kind
    ('Smith,J.', an organisation 'CERN, Geneva') stays whole."""
    if "  " in text or " ," in text:  # spacing is layout: 'Smith ,  John' is 'Smith, John'
        text = _RUN_OF_SPACES.sub(" ", _SPACE_BEFORE_COMMA.sub(",", text)).strip(" ")
    parts = [p.strip() for p in text.split(",")]
    if not 2 <= len(parts) <= 3 or not parts[0]:
        return None
    family, given = parts[0], parts[1]
    suffix = parts[2] if len(parts) == 3 else None
    if len(parts) == 2 and given in SUFFIXES:  # "King, Jr." is not a given name
        given, suffix = "", given
    elif len(parts) == 2 and not given:
        return None  # "Name," is a name with a stray comma, not a split one
    if suffix is not None and suffix not in SUFFIXES:
        return None
    if given and given[0].islower() and given.split(" ")[0] not in PARTICLES:
        return None  # "word, more words": prose, not a name
    person: dict[str, Any] = {}
    particle, family = split_particle(family)
    person["family"] = family
    if particle:
        person["particle"] = particle
    if given:
        given_words = given.split(" ")
        trailing: list[str] = []
        while len(given_words) > 1 and given_words[-1] in PARTICLES:
            trailing.insert(0, given_words.pop())
        person["given"] = " ".join(given_words)
        if trailing:  # "Mises, Ludwig von": a dropping particle
            person["dropping_particle"] = " ".join(trailing)
    if suffix:
        person["suffix"] = suffix
    if inverted(_Parts(**person)) != text:
        return None
    return person


class _Parts:
    """Name parts as attributes, for :func:`inverted` on a parsed dict."""

    def __init__(self, **parts: Any) -> None:
        self.family: str | None = parts.get("family")
        self.given: str | None = parts.get("given")
        self.particle: str | None = parts.get("particle")
        self.dropping_particle: str | None = parts.get("dropping_particle")
        self.suffix: str | None = parts.get("suffix")
        self.literal: str | None = parts.get("literal")


def parse_natural(text: str) -> dict[str, Any]:
    """'Danny N. Khalil' -> given/family by position: the last word is the family name, known
    particles before it belong to it (lower-case ones as its particle, capitalised ones, as in
    'El Homsi' or 'Van Leeuwen', inside the family name as printed), a trailing suffix is the
    suffix. One word is a literal name."""
    tokens = text.split()
    suffix = None
    if len(tokens) > 2 and tokens[-1].rstrip(",") in SUFFIXES:
        suffix = tokens.pop()
        tokens[-1] = tokens[-1].rstrip(",")
    if not tokens:
        return {}
    if len(tokens) == 1:
        return {"literal": tokens[0]} | ({"suffix": suffix} if suffix else {})
    family_start = len(tokens) - 1
    while family_start > 1 and tokens[family_start - 1].lower() in PARTICLES:
        family_start -= 1
    lead = tokens[family_start:-1]
    person: dict[str, Any] = {}
    if lead and all(t.islower() for t in lead):
        person["family"] = tokens[-1]
        person["particle"] = " ".join(lead)
    else:
        person["family"] = " ".join(tokens[family_start:])
    person["given"] = " ".join(tokens[:family_start])
    if suffix:
        person["suffix"] = suffix
    return person


# -- names given whole (DataCite creatorName, OpenAlex display_name) -----------------------------
#: Han, kana and Hangul: names in these scripts are written family name first.
_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
                  r"\uac00-\ud7af\uf900-\ufaff]")  # fmt: skip
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: Russian patronymics ('Николаевич', 'Анатольевна'): the given name's companion.
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ична|овна|евна)$", re.IGNORECASE)
#: Russian family-name endings ('Беспалов', 'Казакова', 'Достоевский', 'Шевченко').
_RUSSIAN_FAMILY = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская|цкий|цкая|ской|енко|ук|юк)$",
    re.IGNORECASE,
)
#: A number in brackets after a name: a source's disambiguation counter, not a name part.
_COUNTER = re.compile(r"\s*[(\[]\s*[0-9]+\s*[)\]]\s*$")


def split_whole_name(text: str) -> tuple[dict[str, Any], str | None]:
    """A person's name given whole, without parts, as name parts, and why it was kept whole
    (None when split): script-aware, never a guessed family name.

    - a number in brackets after the name is no part of it ('Mihai G Netea (15649)');
    - Chinese, Japanese and Korean names are written family name first: two words are family
      and given ('宮地 元彦'); without a space between them the split would be a guess;
    - Russian names in Cyrillic: 'Family Given Patronymic' or 'Given Patronymic Family' (the
      patronymic tells), two words by the one that has a family name's ending; else kept;
    - other scripts: natural order, as :func:`parse_natural` splits it."""
    name = _COUNTER.sub("", text).strip() or text.strip()
    words = name.split()
    if _CJK.search(name):
        if len(words) == 2:
            return {"family": words[0], "given": words[1]}, None
        return {"literal": name}, (
            "a Chinese, Japanese or Korean name without one space between family and given "
            "name: kept whole (a split would be a guess)"
        )
    if _CYRILLIC.search(name):
        return _cyrillic(name, words)
    return parse_natural(name) or {"literal": name}, None


def _cyrillic(name: str, words: list[str]) -> tuple[dict[str, Any], str | None]:
    if len(words) == 3 and _PATRONYMIC.search(words[2]):
        return {"family": words[0], "given": f"{words[1]} {words[2]}"}, None
    if len(words) == 3 and _PATRONYMIC.search(words[1]):
        return {"family": words[2], "given": f"{words[0]} {words[1]}"}, None
    if len(words) == 2:
        # a family name's ending on a word longer than a short given name ('Лев' ends in -ев)
        first, last = (len(w) >= 5 and bool(_RUSSIAN_FAMILY.search(w)) for w in words)
        if first != last:
            family, given = (words[0], words[1]) if first else (words[1], words[0])
            return {"family": family, "given": given}, None
    return {"literal": name}, (
        "a Cyrillic name whose order neither a patronymic nor a family name's ending tells: "
        "kept whole (a split would be a guess)"
    )


#: 'Family, Given (Affiliation)': one person of several packed into one field with '; '.
_PACKED_PERSON = re.compile(r"^(?P<name>[^();,]+,[^();,]+?)\s*(?:\((?P<affiliation>[^()]+)\))?$")


def split_packed(text: str) -> list[tuple[str, str | None]] | None:
    """'Family, Given (Affiliation); Family, Given (Affiliation)' -> each person's inverted
    name and affiliation; None unless every part has that form (then it is one name)."""
    if ";" not in text:
        return None
    found: list[tuple[str, str | None]] = []
    for part in (p.strip() for p in text.split(";")):
        match = _PACKED_PERSON.match(part) if part else None
        if match is None:
            return None
        affiliation = match["affiliation"]
        found.append((match["name"].strip(), affiliation.strip() if affiliation else None))
    return found if len(found) >= 2 else None


# -- Vancouver order ('Smith JA'), as MEDLINE prints names and RIS files made from it keep them ---
#: Family names of one to three letters that natural-order names print in capitals after the
#: given name ('Wei LI', 'Wing Hong NG', 'Taro ITO'): Chinese (pinyin and Cantonese), Korean,
#: Vietnamese and Japanese ones. Printed so, a name cannot be told from 'Family Initials'.
SHORT_FAMILY_NAMES = frozenset(
    {
        "LI", "WU", "XU", "HU", "MA", "HE", "LU", "YU", "GU", "SU", "QI", "XI", "YE", "DU",
        "FU", "YI", "JI", "BI", "MI", "DI", "PU", "MU", "LV", "NI", "PI", "QU", "SI", "TU",
        "GE", "KE", "MO", "OU", "WEI", "LIN", "LIU", "SUN", "GAO", "HAN", "TAN", "YAN", "PAN",
        "CAO", "LUO", "JIN", "SHI", "QIN", "HOU", "SHU", "NIU", "MAO", "DAI", "BAI", "KOU",
        "RAO", "YAO", "ZOU", "GUO", "HAO", "TAO", "CAI", "FAN", "WAN", "YUE", "YIN", "XIA",
        "XIE", "QIU", "ZHU", "JIA", "LAI", "LEI", "MEI", "NIE", "PEI", "REN", "WEN", "XUE",
        "YUN", "GAN", "HUA", "KAN", "LAN", "LOU", "ZHA", "NG", "LAU", "LAM", "LEE", "LOK",
        "LUK", "MAK", "MOK", "OR", "SIU", "TAM", "TSE", "TSO", "WAI", "WOO", "YAU", "YIP",
        "YAM", "YEE", "YEO", "YEN", "CHU", "CHO", "FOK", "HO", "HUI", "KOK", "KOO", "LAW",
        "LOH", "LOW", "LUI", "MAN", "SIN", "SO", "TAI", "TAY", "TEO", "TOH", "WEE", "YAP",
        "YIM", "KIM", "PAK", "YOO", "LIM", "OH", "SEO", "AHN", "AN", "KO", "GO", "MUN", "BAE",
        "HEO", "NAM", "NOH", "NO", "RYU", "JO", "JOO", "CHA", "MIN", "NA", "HA", "IM", "EOM",
        "SIM", "WON", "SON", "SUH", "RHO", "RO", "OK", "LE", "VU", "VO", "DO", "BUI", "DAO",
        "DAM", "MAI", "TO", "TA", "LY", "LA", "ITO", "ONO", "OTA", "ABE", "UNO", "OKA", "IDE",
        "ODA", "ISO", "OBA",
    }
)  # fmt: skip
#: Suffixes MEDLINE prints after the initials ('Hensley DT Jr', 'Offodile AC 2nd').
_AFTER_INITIALS = SUFFIXES | {"2nd", "3rd", "4th"}


def vancouver(text: str) -> tuple[dict[str, Any], bool] | None:
    """'Smith JA', 'van der Berg AB', 'Olmos de Koo LC', 'Hensley DT Jr' -> (family, particle,
    initials as given and suffix; whether the order is certain); None unless the text is
    family words followed by one to four capital initials ('J', 'JA', 'J.A.', 'J-P', 'DJŽ').
    Not certain when the initials are also a short family name ('Wei LI': a given name and a
    family name in capitals read the same) or when no family word has small letters ('R A')."""
    words = text.split()
    suffix = words.pop() if len(words) > 2 and words[-1] in _AFTER_INITIALS else None
    if len(words) < 2 or not _initials(words[-1]):
        return None
    lead = words[:-1]
    # family words: 'Smith', 'Chan-Park', 'da-Fonseca', "O'Neil", with particles and capitals
    # between them ('Olmos de Koo', 'De Souza E Castro', 'M El-Bakry')
    # (a word with a period is a given name's initial: 'M. V. S' is in natural order)
    if lead[-1] in PARTICLES or not all(
        "." not in w and (w in PARTICLES or w.isupper() or _mixed_case(w)) for w in lead
    ):
        return None
    initials = words[-1]
    certain = initials not in SHORT_FAMILY_NAMES and any(map(_mixed_case, lead))
    particles: list[str] = []
    while lead[0] in PARTICLES:
        particles.append(lead.pop(0))
    person: dict[str, Any] = {"family": " ".join(lead), "given": initials}
    if particles:
        person["particle"] = " ".join(particles)
    if suffix:
        person["suffix"] = suffix
    return person, certain


def _initials(word: str) -> bool:
    letters = word.replace(".", "").replace("-", "")
    return 1 <= len(letters) <= 4 and letters.isalpha() and letters.isupper() and word[0].isalpha()


def _mixed_case(word: str) -> bool:
    return any(map(str.isupper, word)) and any(map(str.islower, word))
