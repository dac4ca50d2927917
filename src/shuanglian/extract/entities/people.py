"""People: LAC names repaired (truncation), non-names rejected, and role chains parsed."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from shuanglian.extract.entities.candidates import PRIO_LAC, Cand, TokenView, quote_around
from shuanglian.extract.entities.lexicon import person_context, title_joiners, titles
from shuanglian.extract.entities.places import Place, normalise, place_index, place_initials, world_places

_CJK = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_TRANSLIT_TAIL = re.compile(r"^(?:·[\u4e00-\u9fff]+)+$")
_SPACES = re.compile(r"[ \u3000]")
_TRANSLITERATED = re.compile(r"^[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)+$")


@functools.cache
def idioms() -> frozenset[str]:
    """The idioms of jionlp's dictionary (chinese_idiom.txt): four-character set phrases, never a person's name."""
    from shuanglian.jio import dictionary_text

    return frozenset(w for line in dictionary_text("chinese_idiom.txt").splitlines()
                     for w in [line.split("\t")[0].strip()] if 3 <= len(w) <= 4)


def is_name_shape(name: str) -> bool:
    """A Chinese name starts with a surname, does not repeat one character (周周) and does not end
    with a form of address (习主席); a transliterated name (·) is taken as written."""
    ctx = person_context()
    if name in ctx["non_persons"] or name in idioms():
        return False  # 本固邦宁, 拥政爱民: an idiom LAC reads as a name
    if _TRANSLITERATED.match(name):
        return len(name) <= 16
    if not _CJK.match(name) or name.endswith(tuple(ctx["name_tails_not"])):
        return False
    if len(name) == 2 and name[0] == name[1]:
        return False
    if len(name) == 4 and name[:2] not in ctx["compound_surnames"] and (name[:2] in place_index()
                                                                       or name[:2] in world_places()):
        return False  # 元阳哈尼(梯田): a place and what follows it, not a four-character name
    if _surname_address(name):
        return False
    # four characters without a surname are minority names (嘎玛泽登); two or three need one
    return len(name) >= 4 or name[0] in ctx["surnames"] or name[:2] in ctx["compound_surnames"]


def _surname_address(name: str) -> bool:
    """A bare surname followed by a form of address (李老师, 王大娘, 胡老, 梁某, 欧阳先生): a surname-only mention."""
    ctx = person_context()
    for k in (1, 2):
        head, tail = name[:k], name[k:]
        if tail in ctx["address_forms"] and (head in ctx["surnames"] if k == 1 else head in ctx["compound_surnames"]):
            return True
    return False


def _line_end(text: str, pos: int) -> bool:
    """True when a line break follows `pos`: a header or signature line ends on a name (省长 王正|谱), body text on
    punctuation. The end of the text is no such cue (a cut sentence: 张菁|版)."""
    return text[pos : pos + 1] in ("\r", "\n")


def names_no_person(text: str, start: int, end: int) -> bool:
    """A name-shaped word that names no person here: a whole quoted phrase is a slogan or a brand (“廉洁雄安”,
    “陆海通”), a country, province or city is a place, and a name followed by a spirit word names the spirit
    (焦裕禄精神; person_context thing_tails)."""
    if text[start - 1 : start] == "“" and text[end : end + 1] == "”":
        return True
    if _inside_short_quote(text, start, end):
        return True
    if _big_place(text[start:end]) or _place_pairing(text, start, end):
        return True
    return text.startswith(tuple(person_context()["thing_tails"]), end)


@functools.cache
def _place_initials() -> frozenset[str]:
    """First characters of the names of provinces and cities (郑 of 郑州, 洛 of 洛阳), and the one-character names
    of cities news uses (甬, 锡: person_context city_abbreviations)."""
    return place_initials(("province", "city")) | frozenset(person_context()["city_abbreviations"])


@functools.cache
def _pairing_after() -> re.Pattern[str]:
    """Other short pairings listed after the first (、郑许), then a word of joint development (协同, 同城化)."""
    tails = "|".join(sorted(map(re.escape, person_context()["pairing_tails"]), key=len, reverse=True))
    return re.compile(rf"(?:、[\u4e00-\u9fff]{{2,4}}?)*?等?(?:{tails})")


def _place_pairing(text: str, start: int, end: int) -> bool:
    """A pairing of one-character place names LAC read as a name (郑开|同城化, 郑洛、郑许|协同, 龙粤|对口合作,
    苏锡常、宁镇扬等|融合)."""
    name = text[start:end]
    if not 2 <= len(name) <= 4 or not all(ch in _place_initials() for ch in name):
        return False
    return _pairing_after().match(text, end) is not None


_QUOTE_REACH = 8
_QUOTE_BREAKS = frozenset("、，,；;。：:")


def _inside_short_quote(text: str, start: int, end: int) -> bool:
    """A name-shaped part of a short quoted phrase (“黄小西吃晚饭”, “秦信融”, “苏超”破圈): the quote names a
    brand, a service or a slogan, not the person."""
    q = quote_around(text, start, end, _QUOTE_REACH)
    if q is None:
        return False
    inner = text[q[0] + 1 : q[1]]
    return len(inner) > end - start and not any(ch in _QUOTE_BREAKS for ch in inner)


def _big_place(name: str) -> bool:
    """A country, province or city name LAC or the tagger reads as a person (黄山, 温州, 肯尼亚): no gold person on
    the real dev set is one. Counties and districts are left alone (高明, 江山, 安宁 are also given names)."""
    if name in world_places():
        return True
    if name not in place_index():
        return False
    p = normalise(name)
    return p is not None and p.level in ("country", "region", "province", "city")


def lac_people(view: TokenView) -> list[Cand]:
    """PER tokens, extended by one character when LAC cut the name short (王伟|中|前往)."""
    ctx = person_context()
    toks = view.tokens
    full_forms = {t.word for t in toks if t.tag == "PER" and len(t.word) == 3}
    out: list[Cand] = []
    for i, t in enumerate(toks):
        if t.tag != "PER":
            continue
        end = t.end
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        # LAC glues a line break to a word, and the next line to it (谱\n王正谱): the word is read up to the break
        nxt_word = nxt.word.splitlines()[0].rstrip() if nxt is not None and nxt.word.strip() else ""
        if (
            len(t.word) == 2
            and nxt is not None
            and len(nxt_word) == 1
            and "\u4e00" <= nxt_word <= "\u9fff"
            and nxt_word not in ctx["not_name_chars"]
            and nxt.tag not in ("w", "p", "c", "u")
        ):
            after = toks[i + 2] if i + 2 < len(toks) else None
            followed = after is not None and (
                after.word in ctx["follow_verbs"] or after.tag == "w" and after.word in "、，,"
            )
            if followed or t.word + nxt_word in full_forms or _line_end(view.text, nxt.start + 1):
                end = nxt.start + 1
        start = t.start
        prev = toks[i - 1] if i > 0 else None
        if (
            len(t.word) == 2
            and t.word[0] not in ctx["surnames"]
            and prev is not None
            and len(prev.word) == 1
            and prev.word in ctx["surnames"]
            and prev.tag not in ("w", "PER")
            and (i < 2 or toks[i - 2].tag in ("n", "w") or toks[i - 2].word in titles())
        ):
            start = prev.start  # 市领导连|茂君 -> 连茂君
        if nxt is not None and nxt.start == end and _TRANSLIT_TAIL.match(nxt.word):
            end = nxt.end  # 艾尔肯|·吐尼亚孜: LAC cut a transliterated name at its dot
        name = _SPACES.sub("", view.text[start:end])  # 龚 正: a header spaces a two-character name out
        if is_name_shape(name) and not names_no_person(view.text, start, end):
            out.append(Cand(start, end, "person", name, PRIO_LAC))
    # 张工|察看 tagged 张工察: a three-character name seen less often than its two-character head
    counts: dict[str, int] = {}
    for c in out:
        counts[c.name] = counts.get(c.name, 0) + 1
    text = view.text
    for c in out:
        next_char = text[c.end : c.end + 1]
        if (
            len(c.name) == 3
            and counts[c.name] == 1
            and counts.get(c.name[:2], 0) >= 2
            and "\u4e00" <= next_char <= "\u9fff"  # the third character starts the next word
        ):
            c.end -= 1
            c.name = c.name[:2]
    return out


@functools.cache
def _max_title() -> int:
    return max(len(t) for t in titles())


def _title_ending_at(text: str, pos: int) -> str | None:
    tl = titles()
    for k in range(min(_max_title(), pos), 0, -1):
        if text[pos - k : pos] in tl:
            return text[pos - k : pos]
    return None


def parse_roles(
    text: str,
    start: int,
    org_ending_at: Callable[[int], tuple[str, int] | None],
    place_ending_at: Callable[[int], tuple[Place, int] | None],
    person_roles_ending_at: Callable[[int], list[dict[str, Any]] | None],
    context: tuple[str | None, str | None],
) -> list[dict[str, Any]]:
    """Parse the title chain written before a person mention at `start` (省委副书记、省长王伟中).

    Returns roles `{title, org, place}`; a title without an explicit organisation or place takes
    the page's province/city for 省/市 titles, or inherits the organisation of the person just
    before it in a list (南开大学党委书记杨庆山、校长陈雨露).
    """
    roles: list[dict[str, Any]] = []
    pos = start
    while pos > 0 and text[pos - 1] in " \u3000\t":
        pos -= 1  # 省长\u3000王予波: a header puts a (full-width) space between title and name
    province, city = context
    while True:
        title = _title_ending_at(text, pos)
        if not title:
            break
        tpos = pos - len(title)
        scope = titles()[title]
        org: str | None = None
        place: str | None = None
        qual_start = tpos
        hit_org = org_ending_at(tpos)
        hit_place = place_ending_at(tpos)
        if hit_org:
            org, olen = hit_org
            qual_start = tpos - olen
        elif hit_place:
            p, plen = hit_place
            place = p.name
            qual_start = tpos - plen
        elif scope == "province":
            place = province
        elif scope in ("city",):
            place = city
        elif tpos >= 1 and text[tpos - 1] == "、":
            prev = person_roles_ending_at(tpos - 1)
            if prev:
                org, place = prev[-1].get("org"), prev[-1].get("place")
        roles.append({"title": title, "org": org, "place": place})
        # continue the chain leftwards over 、 / 兼 joining titles of the same person
        j = qual_start
        if j >= 1 and (text[j - 1] == "、" or text[j - 1] in title_joiners()) and _title_ending_at(text, j - 1):
            pos = j - 1
            continue
        break
    roles.reverse()
    return roles
