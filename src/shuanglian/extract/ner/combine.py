"""Tagger spans merged into LAC's tokens, so the rules type, complete and veto what the model proposes.

The tagger's PER/LOC/ORG spans (People's Daily head) become single tokens with that tag: a long name
LAC cut in pieces (中国(焦作)实验室技术装配产业创新中心) comes out whole, and every rule downstream
(suffix grammar, gazetteers, place normalisation, non-name lists) sees it as it sees LAC's own names.
The CLUENER head's organisation labels (company/government/organization) are kept as kind hints for
names no suffix or gazetteer types.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from importlib import resources

import yaml

from shuanglian.extract.lac import Token
from shuanglian.extract.ner.tagger import NerSpan

ENTITY_TAGS = ("PER", "LOC", "ORG")
CLUE_KINDS = {"COM": "enterprise", "GOV": "government", "ORGN": "organization"}


@dataclass
class Merged:
    """Tokens after merging, and kind hints (span -> organisation kind) from the CLUENER head."""

    tokens: list[Token]
    hints: dict[tuple[int, int], str] = field(default_factory=dict)
    # accepted spans left as candidates beside the rules' own (with `as_tokens` False)
    spans: list[NerSpan] = field(default_factory=list)


def _split_at(tokens: Sequence[Token], cuts: set[int]) -> list[Token]:
    """Cut tokens at every position of `cuts` inside them (the pieces keep the token's tag)."""
    if not cuts:
        return list(tokens)
    order = sorted(cuts)
    out: list[Token] = []
    for t in tokens:
        # cut positions strictly inside the token, by binary search (a page has thousands of tokens, few cuts)
        lo = bisect.bisect_right(order, t.start)
        inner = order[lo : bisect.bisect_left(order, t.end, lo)]
        if not inner:
            out.append(t)
            continue
        for a, b in zip([t.start, *inner], [*inner, t.end], strict=True):
            out.append(Token(a, b, t.word[a - t.start : b - t.start], t.tag))
    return out


# LAC tags that never sit inside a name: a span covering one is a run-on (李明调研福达…公司)
_BREAK_TAGS = frozenset({"v", "p", "u", "d", "r", "TIME", "ad", "vd", "xc", "c", "f", "m", "q"})
# verbs and connectives that do sit inside names (脑科学转化研究院, 工业和信息化厅, 纳米技术与纳米仿生研究所)
_NAME_WORDS = frozenset(
    {
        "综合",
        "转化",
        "制造",
        "创新",
        "创造",
        "研究",
        "发展",
        "孵化",
        "加速",
        "应用",
        "开发",
        "设计",
        "检测",
        "计算",
        "合作",
        "协同",
        "先行",
        "示范",
        "驱动",
        "融合",
        "转移",
        "服务",
        "育成",
        "和",
        "与",
        "及",
        "投资",
        "建设",
        "管理",
        "保护",
        "监督",
        "交易",
        "改革",
        "中",
        "东",
        "西",
        "南",
        "北",
    }
)
_NAME_PUNCT = frozenset("()（）·-—")


def _replace_spans(text: str, toks: list[Token], spans: Sequence[NerSpan]) -> list[Token]:
    """Tokens (already split at every span boundary) with each span's tokens replaced by one token
    carrying the span's label."""
    by_start = {s.start: s for s in spans}
    out: list[Token] = []
    i = 0
    while i < len(toks):
        span = by_start.get(toks[i].start)
        if span is None:
            out.append(toks[i])
            i += 1
            continue
        out.append(Token(span.start, span.end, text[span.start : span.end], span.label))
        while i < len(toks) and toks[i].end <= span.end:
            i += 1
    return out


def breaks_name(t: Token) -> bool:
    """True for a LAC word that never sits inside a name (a verb other than a name verb, a preposition,
    punctuation other than brackets and dots)."""
    return (t.tag in _BREAK_TAGS and t.word not in _NAME_WORDS) or (
        t.tag == "w" and t.word not in _NAME_PUNCT
    )


def _person_fits(text: str, tokens: Sequence[Token], ends: Sequence[int], span: NerSpan) -> bool:
    """A person both heads read: LAC cuts a name it does not know into function words (唐师|曾, 阿巴|查,
    伊利埃斯库 read as a place), so only punctuation, a LAC organisation or a LAC place that is not the whole
    span breaks it; no more than six characters without a dot."""
    name = text[span.start : span.end]
    if len(name) > 6 and "·" not in name:
        return False
    inside, cut = overlap(tokens, ends, span)
    whole = len(inside) == 1 and not cut
    return not any(
        (t.tag == "w" and t.word != "·") or (t.tag in ("ORG", "LOC") and not whole) for t in inside
    )


def plausible(
    text: str, tokens: Sequence[Token], ends: Sequence[int], span: NerSpan, cut_words: bool
) -> bool:
    """True when no LAC word inside `span` breaks a name and (unless `cut_words`) no LAC word is cut.

    `ends` are the tokens' end offsets (sorted), for a binary search to the span.
    """
    if span.label == "PER" and span.end - span.start > 4 and "·" not in text[span.start : span.end]:
        return False
    first = bisect.bisect_right(ends, span.start)
    for t in tokens[first:]:
        if t.end <= span.start:
            continue
        if t.start >= span.end:
            break
        inside = span.start <= t.start and t.end <= span.end
        if not inside and not cut_words:
            return False
        if inside and breaks_name(t):
            return False
    return True


def merge(
    text: str,
    tokens: Sequence[Token],
    spans: Sequence[NerSpan],
    keep_lac: bool = True,
    cut_words: bool = False,
    labels: Collection[str] = ENTITY_TAGS,
    gate: Callable[[str, str], bool] | None = None,
    veto_per: bool = False,
    as_tokens: bool = True,
) -> Merged:
    """LAC tokens with the tagger's entity spans as whole tokens.

    A span of one character or of whitespace is ignored (日, 周 are never names on their own). With
    `keep_lac` False, LAC's PER/LOC/ORG words the tagger did not also mark are demoted to plain nouns.
    With `as_tokens` False the accepted spans are returned apart (as candidates that compete with the
    rules' by length) instead of replacing LAC's words, so they never stop a rule's longer name.
    """
    toks = list(tokens)
    ents = sorted(
        (
            s
            for s in spans
            if s.head == "pd"
            and s.label in labels
            and s.end - s.start >= 2
            and text[s.start : s.end].strip() == text[s.start : s.end]
        ),
        key=lambda s: s.start,
    )
    ends = [t.end for t in toks]
    ents = [
        s
        for s in ents
        if plausible(text, toks, ends, s, cut_words)
        and (gate is None or gate(text[s.start : s.end], s.label))
    ]
    accepted = ents
    if not as_tokens:
        ents = []
    covered = bytearray(len(text) + 1)
    for s in ents:
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    toks = _split_at(toks, {p for s in ents for p in (s.start, s.end)})
    if ents:
        toks = _replace_spans(text, toks, ents)
    if not keep_lac:
        toks = [
            Token(t.start, t.end, t.word, "n")
            if t.tag in ENTITY_TAGS and not any(covered[t.start : t.end])
            else t
            for t in toks
        ]
    hints = {
        (s.start, s.end): CLUE_KINDS[s.label] for s in spans if s.head == "clue" and s.label in CLUE_KINDS
    }
    if veto_per:
        # a LAC person that neither head calls a person and the CLUENER head calls an organisation
        # (华海清科, 飞腾 in a report) is a brand: left to the organisation rules
        per = bytearray(len(text) + 1)
        org = bytearray(len(text) + 1)
        for s in spans:
            if s.label == "PER":
                per[s.start : s.end] = b"\x01" * (s.end - s.start)
            elif s.head == "clue" and s.label in CLUE_KINDS and plausible(text, toks, ends, s, False):
                org[s.start : s.end] = b"\x01" * (s.end - s.start)
        toks = [
            Token(t.start, t.end, t.word, "nz")
            if t.tag == "PER" and not any(per[t.start : t.end]) and all(org[t.start : t.end])
            else t
            for t in toks
        ]
    return Merged(toks, hints, accepted if not as_tokens else [])


@dataclass(frozen=True)
class Policy:
    """How the tagger's spans overrule LAC's entity words (thresholds are CRF span marginals, `NerSpan.conf`).

    `take`: label -> minimum confidence for a tagger span to become one token with that tag, replacing
    LAC's words there; `single`: minimum confidence for a one-character span (中|美 in 中美关系);
    `cut`: labels whose spans may cut a LAC word of the same label (乔石委员 -> 乔石, 郜南摄 -> 郜南);
    `veto`: LAC entity tags (PER/LOC/ORG) dropped to a plain noun when no tagger span of either head
    overlaps the word (the tagger reads it as no name at all); `recover`: label -> minimum confidence for a
    span the rules left out (overlapping none of their chosen names) to be added back after them.
    """

    take: dict[str, float] = field(default_factory=dict)
    single: float = 2.0
    veto: frozenset[str] = frozenset()
    agree: bool = True
    cut: frozenset[str] = frozenset()
    recover: dict[str, float] = field(default_factory=dict)
    # a CLUENER span of another kind stops a take only from this marginal up (中日 COM at 0.53 is no clash)
    clash: float = 0.0
    # a person both heads read, or a place, from this marginal up: see `_person_fits` and `cut_place`
    sure: float = 2.0
    # the rules' organisation names cut back to a tagger organisation of this marginal inside them at a
    # run-on edge (本报讯|中国东方电气集团公司; entities.tagger_spans.trimmed); 0 = off
    trim: float = 0.0
    # a vetoable LAC place word (on no list, no place suffix) that a People's Daily span of this marginal
    # crosses or reads only in part (株洲中|车 beside 株洲 + 中车, 北部|湾港通达 beside 北部湾港, 悦览锦绣天府
    # beside 天府) is a glued fragment, not a place: split at the span's edges into plain words; 0 = off
    split: float = 0.85
    # a People's Daily span of this marginal that the CLUENER head reads as the very same span and kind
    # (伊朗外交部|长, 欧洲议会|议长, 15国集团, 金大|中 as one person) is taken even where it holds a LAC function word
    # or cuts a plain LAC word at an edge; punctuation and LAC names it cuts still stop it (`agreed_fits`); 2.0 = off
    agreed: float = 2.0
    # a CLUENER organisation (club, team, army) of this marginal over whole LAC words holding a LAC place or person
    # (罗马 in 让罗马大胜切尔西, 富勒姆主场, 立陶宛 as a team) that the People's Daily head does not read surely as that
    # place or person is taken as an organisation; 2.0 = off
    club: float = 2.0


# the CLUENER head's labels read as the People's Daily head's: a pd span that a CLUENER span of another
# kind overlaps (阿森纳 LOC in pd, a club ORGN in CLUENER; 美国政府 GOV) is a convention clash, not taken
CLUE_AS_PD = {"PER": "PER", "LOC": "LOC", "SCENE": "LOC", "COM": "ORG", "GOV": "ORG", "ORGN": "ORG"}


# for an organisation span the tagger proposes over LAC's words: its first word is never one of these
# (高水平|建设…实验室, 新组建|省实验室, 布局|建设…中心), one word at least is a proper name
# (全国|重点|实验室 is a class of labs), and it never ends in a word naming a part or a group of people
_NO_FIRST = frozenset({"v", "vn", "a", "ad", "an", "d", "m", "q", "p", "c", "u", "r", "f", "TIME"})
_PROPER = frozenset({"ORG", "LOC", "PER", "nz", "nw", "ns", "nt", "nr"})
_PART_TAILS = ("总部", "团队", "工作组", "基地", "部署", "全局", "频道", "党组", "工厂")


def org_plausible(text: str, tokens: Sequence[Token], ends: Sequence[int], span: NerSpan) -> bool:
    """True when an organisation span starts on a name word, holds a proper name, ends on no part word and
    joins no two of LAC's organisations (比亚迪|旗下|弗迪电池有限公司, 化物所|与|融科储能…公司)."""
    if text[span.start : span.end].endswith(_PART_TAILS):
        return False
    first = bisect.bisect_right(ends, span.start)
    last = bisect.bisect_left(ends, span.end, first)  # the token holding the span's last character
    inside = [t for t in tokens[first : last + 1] if t.start < span.end]
    if sum(t.tag == "ORG" for t in inside) > 1 or any(
        t.tag == "ORG" and t.end < span.end and t.word[-1] in "与和及" for t in inside
    ):
        return False
    return bool(inside) and inside[0].tag not in _NO_FIRST and any(t.tag in _PROPER for t in inside)


# a news dateline (央视网消息（新闻联播）：, 新华社北京3月5日电) names the source, not a party of the story
_DATELINE = re.compile(r"^\s*[^\s，。：:（(]{2,16}?(?:消息|讯|电)\s*[（(：:]")


def overrule(
    text: str,
    tokens: Sequence[Token],
    spans: Sequence[NerSpan],
    policy: Policy,
    gate: Callable[[str, str], bool] | None = None,
    vetoable: Callable[[Token], bool] | None = None,
    cut_place: Callable[[str, str], bool] | None = None,
    uncut: Callable[[Token], bool] | None = None,
    head_title: Callable[[str], bool] | None = None,
    clubs: set[tuple[int, int]] | None = None,
) -> list[Token]:
    """LAC tokens after the tagger's confident spans are taken and its contradicted entity words vetoed.

    `gate(name, label)` False refuses a span; `vetoable(token)` False protects a LAC word from the veto (the
    caller's known places, whose sentences it may leave untagged); `cut_place(place, word)` True lets a sure
    place span cut a LAC place word (银川|晴, 斯里兰卡|科伦坡: LAC glued a known place to the next word);
    `uncut(token)` True keeps a span both heads read (`Policy.agreed`) from cutting that LAC word (a title:
    陕西|省委书记 stays a place and a title, as the rules read it); `head_title(title)` True for a title of a body's
    own head (部长, 局长): a sure organisation span may cut a LAC word that contracts its name with that title
    (伊朗外交部|长, 文昌市公安局|长: 外交部 + 部长 written 外交部长), and the CLUENER head's title span there is no clash.
    `clubs`, when given, receives the offsets of the organisations named by a place or a person (`Policy.club`): the
    rules read such a token as the organisation it is, not as the country or city it is named after (罗马, 热那亚).
    """
    toks = list(tokens)
    m = _DATELINE.match(text)
    head_end = m.end() if m else 0
    if policy.veto:
        hit = bytearray(len(text) + 1)
        for s in spans:
            if s.head in ("pd", "clue"):
                hit[s.start : s.end] = b"\x01" * (s.end - s.start)
        # an organisation's short form whose full name the tagger finds on the page (海信 beside 海信集团…) stays
        names = {text[s.start : s.end] for s in spans if s.head == "pd" and s.label == "ORG"}
        toks = [
            Token(t.start, t.end, t.word, "n")
            if t.tag in policy.veto
            and not any(hit[t.start : t.end])
            and (vetoable is None or vetoable(t))
            and not (t.tag == "ORG" and any(n.startswith(t.word) for n in names))
            else t
            for t in toks
        ]
    if policy.split and policy.veto and "LOC" in policy.veto:
        toks = _split_fragments(text, toks, spans, policy.split, vetoable)
        toks = _agreed_place_pieces(toks, spans, vetoable)
    ends = [t.end for t in toks]
    clash = {lab: bytearray(len(text) + 1) for lab in policy.take}
    if policy.agree:
        for c in spans:
            if c.head == "clue" and c.conf >= policy.clash:
                for lab, arr in clash.items():
                    if CLUE_AS_PD.get(c.label) != lab:
                        arr[c.start : c.end] = b"\x01" * (c.end - c.start)
    agreed = {(c.start, c.end) for c in spans if c.head == "clue" and c.label == "PER"}
    same = {(c.start, c.end, CLUE_AS_PD.get(c.label)) for c in spans if c.head == "clue"}
    forces = _forces(text, toks, ends, spans, policy, head_end) if policy.club <= 1.0 else []
    taken = list(forces)
    for s in spans:
        if s.head != "pd" or s.label not in policy.take or s.conf < policy.take[s.label]:
            continue
        if any(f.start < s.end and s.start < f.end for f in forces):
            continue  # 美 of 美军: the country names the force, the force is the mention
        if (
            s.label == "ORG"
            and head_title is not None
            and s.conf >= policy.sure
            and s.start >= head_end
            and contracted_title(text, toks, ends, s, head_title)
        ):
            if gate is None or gate(text[s.start : s.end], s.label):
                taken.append(s)
            continue
        if any(clash[s.label][s.start : s.end]) or s.start < head_end:
            continue
        word = text[s.start : s.end]
        if word.strip() != word or (len(word) == 1 and s.conf < policy.single):
            continue
        if s.conf >= policy.agreed and (s.start, s.end, s.label) in same and len(word) > 1:
            if (
                agreed_fits(text, toks, ends, s)
                and (gate is None or gate(word, s.label))
                and (uncut is None or not any(uncut(t) for t in overlap(toks, ends, s)[1]))
            ):
                taken.append(s)
            continue
        both = s.label == "PER" and (s.start, s.end) in agreed and s.conf >= policy.sure
        if len(word) > 1 and not (
            _person_fits(text, toks, ends, s) if both else plausible(text, toks, ends, s, True)
        ):
            continue
        cut = (
            overlap(toks, ends, s)[1] if len(word) > 1 else []
        )  # one character splits a pairing (中美 -> 中|美)
        if cut and not (
            s.label in policy.cut
            and all(t.tag == s.label for t in cut)
            or (
                s.label == "LOC"
                and s.conf >= policy.sure
                and cut_place is not None
                and all(t.tag == "LOC" and cut_place(word, t.word) for t in cut)
            )
        ):
            continue
        if s.label == "ORG" and not org_plausible(text, toks, ends, s):
            continue
        if gate is not None and not gate(word, s.label):
            continue
        taken.append(s)
    if policy.club <= 1.0:
        named = forces + _clubs(toks, ends, spans, policy, taken, head_end)
        taken += named[len(forces) :]
        if clubs is not None:
            clubs.update((c.start, c.end) for c in named)
    if not taken:
        return toks
    return _take(text, toks, ends, taken)


def _clubs(
    toks: Sequence[Token],
    ends: Sequence[int],
    spans: Sequence[NerSpan],
    policy: Policy,
    taken: Sequence[NerSpan],
    head_end: int,
) -> list[NerSpan]:
    """CLUENER organisation spans (`Policy.club`) over whole LAC words, one of them a LAC place or person, that no
    sure People's Daily place or person reads the same and no taken span overlaps: organisations named by a place or a
    person (a club, a team, an army), as `ORG` spans."""
    sure = {
        (s.start, s.end)
        for s in spans
        if s.head == "pd" and s.label in ("LOC", "PER") and s.conf >= policy.sure
    }
    out: list[NerSpan] = []
    for c in spans:
        if (
            c.head != "clue"
            or c.label != "ORGN"
            or c.conf < policy.club
            or (c.start, c.end) in sure
            or c.start < head_end
            or any(t.start < c.end and c.start < t.end for t in [*taken, *out])
        ):
            continue
        inside, cut = overlap(toks, ends, c)
        if (
            cut
            or not inside
            or not any(t.tag in ("LOC", "PER") for t in inside)
            or any(breaks_name(t) for t in inside)
            or _listed_with_places(toks, ends, spans, c)
        ):
            continue
        out.append(NerSpan(c.start, c.end, "ORG", "clue", c.conf))
    return out


# the word ending a force's name (美军, 日军, 英军): a country's armed force is an organisation (人民解放军); troops named
# by where they are (河南部队, 埃及部队) are a description, not a name
_FORCES = yaml.safe_load(resources.files("shuanglian.extract.ner").joinpath("forces.yaml").read_text(encoding="utf-8"))
_FORCE_ENDS = tuple(_FORCES["force_ends"])
_NOT_FORCES = tuple(_FORCES.get("not_forces") or ())  # 冠军, 将军, 参军: a title, a rank, an act


def _forces(
    text: str,
    toks: Sequence[Token],
    ends: Sequence[int],
    spans: Sequence[NerSpan],
    policy: Policy,
    head_end: int,
) -> list[NerSpan]:
    """CLUENER government or organisation spans (`Policy.club`) over whole LAC words that name an armed force after its
    country (美军, 日军, 英军): the name ends in a force word and opens with a place (a LAC place word, or a
    People's Daily place span starting there: 美 of 美军/n), as `ORG` spans; the tagger's reading of the place alone is
    not taken."""
    places = {s.start for s in spans if s.head == "pd" and s.label == "LOC"}
    out: list[NerSpan] = []
    for c in spans:
        if (
            c.head != "clue"
            or c.label not in ("GOV", "ORGN")
            or c.conf < policy.club
            or c.start < head_end
            or c.end - c.start < 2
            or not text[c.start : c.end].endswith(_FORCE_ENDS)
            or text[c.start : c.end].endswith(_NOT_FORCES)
        ):
            continue
        inside, cut = overlap(toks, ends, c)
        if cut or not inside or any(breaks_name(t) for t in inside):
            continue
        if not (inside[0].tag == "LOC" or c.start in places):
            continue
        out.append(NerSpan(c.start, c.end, "ORG", "clue", c.conf))
    return out


def _listed_with_places(toks: Sequence[Token], ends: Sequence[int], spans: Sequence[NerSpan], c: NerSpan) -> bool:
    """True when `c` is an item of a list joined by 、 (波兰、捷克斯洛伐克、匈牙利) another item of which is a lone LAC
    place the CLUENER head reads as a place: a list of countries, not of clubs."""
    places = {(s.start, s.end) for s in spans if s.head == "clue" and s.label in ("LOC", "SCENE")}
    i = bisect.bisect_right(ends, c.start)
    items: list[list[Token]] = []
    for step in (-1, 1):
        j = i
        # walk over the item holding `c` to a separator, then collect the items beyond it one by one
        while 0 <= j < len(toks) and not (toks[j].tag == "w" and toks[j].word != "、"):
            if toks[j].word == "、":
                item: list[Token] = []
                k = j + step
                while 0 <= k < len(toks) and toks[k].tag != "w":
                    item.append(toks[k])
                    k += step
                items.append(item)
                j = k
                continue
            j += step
    return any(len(it) == 1 and it[0].tag == "LOC" and (it[0].start, it[0].end) in places for it in items)


def contracted_title(
    text: str, tokens: Sequence[Token], ends: Sequence[int], span: NerSpan, head_title: Callable[[str], bool]
) -> bool:
    """True when an organisation span ends inside one LAC word that writes the body's last character once for its
    name and its head's title (外交部长 = 外交部 + 部长, 公安局长 = 公安局 + 局长), cuts no other word and holds no word
    that breaks a name."""
    inside, cut = overlap(tokens, ends, span)
    if len(cut) != 1 or not inside:
        return False
    t = cut[0]
    if not (span.start <= t.start < span.end < t.end) or not head_title(text[span.end - 1 : t.end]):
        return False
    return not any(breaks_name(w) for w in inside)


def _member_count(text: str, t: Token, span: NerSpan) -> bool:
    """A numeral opening an organisation span right before 国 and a group's noun (15国集团, 77国集团): the number of
    member states (not 3|国家重点实验室: a count of labs)."""
    return (
        span.label == "ORG"
        and t.tag == "m"
        and t.start == span.start
        and text.startswith(_MEMBER_GROUPS, t.end)
    )


# what follows a count of member states in a group's name
_MEMBER_GROUPS = ("国集团", "国联盟", "国组织")


def agreed_fits(text: str, tokens: Sequence[Token], ends: Sequence[int], span: NerSpan) -> bool:
    """True when a span both heads read alike holds no punctuation but name punctuation, no numeral or time, cuts no LAC name of
    another label, joins no two LAC organisations, and (an organisation) ends on no part word; a person is at
    most six characters without a dot."""
    name = text[span.start : span.end]
    if span.label == "PER" and len(name) > 6 and "·" not in name:
        return False
    if span.label == "ORG" and name.endswith(_PART_TAILS):
        return False
    inside, cut = overlap(tokens, ends, span)
    # a numeral or time inside names a session or an edition (哈尔滨|第九届|亚冬会), not one body; a count opening
    # the name before 国 is its member states (15|国集团, 77|国集团): part of the group's name
    if any(
        (t.tag == "w" and t.word not in _NAME_PUNCT)
        or (t.tag in ("m", "TIME") and not _member_count(text, t, span))
        for t in inside
    ):
        return False
    if any(t.tag in ENTITY_TAGS and t.tag != span.label for t in cut):
        return False
    return sum(t.tag == "ORG" for t in inside) <= 1


def _split_fragments(
    text: str,
    toks: list[Token],
    spans: Sequence[NerSpan],
    sure: float,
    vetoable: Callable[[Token], bool] | None,
) -> list[Token]:
    """`toks` with each vetoable LAC place that a sure `pd` span crosses or holds only in part, and that no span
    of either head reads whole, split at those spans' edges into plain nouns, a piece a span reads whole
    taking its label (see `Policy.split`)."""
    pd = [s for s in spans if s.head == "pd" and s.conf >= sure and s.end - s.start >= 2]
    if not pd:
        return toks
    whole = {(s.start, s.end) for s in spans}
    # a piece the sure span reads whole keeps the span's label (株洲 LOC, 济南机场 ORG of 济南机场二期)
    label = {(s.start, s.end): s.label for s in pd}
    out: list[Token] = []
    for t in toks:
        if t.tag != "LOC" or (t.start, t.end) in whole or (vetoable is not None and not vetoable(t)):
            out.append(t)
            continue
        cuts = sorted(
            {
                p
                for s in pd
                if s.start < t.end and t.start < s.end
                for p in (s.start, s.end)
                if t.start < p < t.end
            }
        )
        if not cuts:
            out.append(t)
            continue
        edges = [t.start, *cuts, t.end]
        out.extend(
            Token(a, b, text[a:b], label.get((a, b), "n")) for a, b in zip(edges, edges[1:], strict=False)
        )
    return out


_AGREED = 0.6


def _agreed_place_pieces(
    toks: list[Token], spans: Sequence[NerSpan], vetoable: Callable[[Token], bool] | None
) -> list[Token]:
    """`toks` with LAC's place words inside or across a place both heads read as one span (巴丹|吉林 of 巴丹吉林,
    白洋|淀水 of 白洋淀) made plain nouns when one of them is a place on no list (巴丹, 白洋) and the span cuts a
    word: they are pieces of a name LAC does not know, not places of their own. Places that fill the span
    exactly, one on no list, become one place (巴丹吉林); known places side by side (北京市|海淀区) are left."""
    clue = {
        (s.start, s.end)
        for s in spans
        if s.head == "clue" and s.label in ("LOC", "SCENE") and s.conf >= _AGREED
    }
    agreed = [
        s
        for s in spans
        if s.head == "pd"
        and s.label == "LOC"
        and (s.start, s.end) in clue
        and s.end - s.start >= 3
        and s.conf >= _AGREED
    ]
    if not agreed or vetoable is None:
        return toks
    out: list[Token | None] = list(toks)
    ends = [t.end for t in toks]
    for s in agreed:
        over = []
        for i in range(bisect.bisect_right(ends, s.start), len(toks)):
            if toks[i].start >= s.end:
                break
            over.append(i)
        hit = [i for i in over if toks[i].tag == "LOC" and (toks[i].start, toks[i].end) != (s.start, s.end)]
        if not hit or not any(vetoable(toks[i]) for i in hit) or any(out[i] is None for i in over):
            continue
        if (
            all(toks[i].tag == "LOC" for i in over)
            and toks[over[0]].start == s.start
            and toks[over[-1]].end == s.end
        ):
            # 巴丹|吉林, 水满乡|毛纳村: LAC's places fill the span exactly: one place
            out[over[0]] = Token(s.start, s.end, "".join(toks[i].word for i in over), "LOC")
            for i in over[1:]:
                out[i] = None
            continue
        if not any(toks[i].start < s.start or toks[i].end > s.end for i in over):
            continue  # the span holds the place words whole among other words: left to the rules
        for i in hit:
            t = toks[i]
            out[i] = Token(t.start, t.end, t.word, "n")
    return [t for t in out if t is not None]


def _take(text: str, toks: list[Token], ends: Sequence[int], taken: list[NerSpan]) -> list[Token]:
    """`toks` with each taken span as one token; only the windows of tokens the spans touch are rebuilt
    (a page has thousands of tokens and a few spans)."""
    starts = [t.start for t in toks]
    windows: list[tuple[int, int, list[NerSpan]]] = []
    for s in sorted(taken, key=lambda s: s.start):
        a, b = bisect.bisect_right(ends, s.start), bisect.bisect_left(starts, s.end)
        if windows and a < windows[-1][1]:
            windows[-1] = (windows[-1][0], max(b, windows[-1][1]), [*windows[-1][2], s])
        else:
            windows.append((a, b, [s]))
    out: list[Token] = []
    done = 0
    for a, b, spans in windows:
        out.extend(toks[done:a])
        part = _split_at(toks[a:b], {p for s in spans for p in (s.start, s.end)})
        whole = {(t.start, t.end) for t in toks[a:b]}
        # what a taken span leaves of a LAC name it cut (委员 of 乔石委员, 摄 of 郜南摄) is no name
        part = [
            t if t.tag not in ENTITY_TAGS or (t.start, t.end) in whole else Token(t.start, t.end, t.word, "n")
            for t in part
        ]
        out.extend(_replace_spans(text, part, spans))
        done = b
    out.extend(toks[done:])
    return out


def overlap(tokens: Sequence[Token], ends: Sequence[int], span: NerSpan) -> tuple[list[Token], list[Token]]:
    """The LAC words `span` holds whole, and those it cuts (overlaps without holding them whole)."""
    inside: list[Token] = []
    cut: list[Token] = []
    for t in tokens[bisect.bisect_right(ends, span.start) :]:
        if t.start >= span.end:
            break
        (cut if t.start < span.start or t.end > span.end else inside).append(t)
    return inside, cut
