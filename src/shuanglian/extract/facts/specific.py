"""The specific measure of a figure: the thing counted or spent, named as the clause names it.

国家重点实验室 not 实验室, 面上项目 not 项目, 一般公共预算收入增加额 not 营业收入. The grammar is data
(data/specific.yaml): words that open or close a clause without being part of the measure, verbs of change
that give the suffix (增长 -> 增长率, 增加 -> 增加额), verbs after which a count names its thing behind the
unit (实施3000个技改项目 -> 技改项目数量) and the ones that stay (新增, 新建, 签约). A sentence keeps a little
state: the subject of its last figure (地区生产总值5.3万亿元、增长5.5% -> 地区生产总值增长率), a verb that
opens a list (新增A 10家、B 20家), and the items of a 分别 list (城镇、农村居民收入分别增长4.4%、5.9%).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from shuanglian.extract.facts.common import alternation, load_data, longest_first

# a gloss of one or two characters inside a word is part of it (首台（套）重大技术装备), not a clause break
_CLAUSE_CUT = re.compile(
    r"[，,：:；;]|[（(](?![\u4e00-\u9fff]{1,2}[）)][\u4e00-\u9fff])"
    r"|(?<![（(][\u4e00-\u9fff])(?<![（(][\u4e00-\u9fff]{2})[）)]|[）)](?![\u4e00-\u9fff])"  # 总值（亿元），: both brackets cut
    r"|(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])"
)  # a space parts a headline
_QUOTES = re.compile(r"[“”\"‘’《》]")
# a quoted predicate closing a clause right after a count's thing (16个地市“入长”): the thing ends before it
_QUOTED_PREDICATE = re.compile(r"^([\u4e00-\u9fff]{2,})[“\"]([^“”\"]{1,8})[”\"](?=[，,。；;：:！!]|$)")
_QUOTED = re.compile(r"[“\"‘]([^“”\"‘’]{2,12})[”\"’]")
# a comparison base inside the clause: 比上年, 较年初, 比一九八○年的, 比上一个五年, 与上年同期相比
_COMPARE = re.compile(
    r"(?:比|较|同|与)(?:去年|上年|上一年|年初|上年同期|去年同期|上一个五年|前[一二三四五六七八九十两]+年|[一二三四五六七八九〇零○\d]{4}年)(?:底|末|初)?(?:同期)?(?:预算|计划)?(?:的|相比)?"
    r"|(?:比|较|同|与)(?:第[一二三四五六七八九十]+个五年计划|[一二三四五六七八九十]{1,2}五(?:计划)?)(?:期间|时期|末)?(?:的|相比)?"  # 比“六五”期间
    r"|(?:比|较)[^，,、]{0,8}?(?:末|初|底)的?"
    r"|同比|环比"
)
# a number with a unit inside a phrase means it spans another figure; 5G基站, 750千伏 stay
_NUMBER = re.compile(r"^\d+$|\d(?:\.\d+)?[万亿千百]?(?:个|家|项|元|人|名|%|亩|吨)")
_SPENT_NUMBER = re.compile(
    r"(?:突破|达到|达|超过|超|为|增至|至|到)?\d[\d.,，]*(?:多|余)?[万亿千百]*[\u4e00-\u9fff]?$"
)
# 用于 between who spends and the sum it spends on something (财政用于社会保障支出): the sum is the payer's for it
_SPENT = load_data("specific.yaml")
_SPENT_ON = re.compile(
    r"(?<=[\u4e00-\u9fff]{2})用于(?=[\u4e00-\u9fff“”]{2,12}"
    f"(?:{alternation(_SPENT['spent_on_sums'])})(?:{alternation(_SPENT['spent_on_spans'])})?"
    f"(?:{alternation(_SPENT['spent_on_totals'])})?$)"
)
_PURPOSE_DE = re.compile(r"^用于([\u4e00-\u9fff]{2,8})的(?=[\u4e00-\u9fff]{2})")
# examples of the purpose before 等 (中央财政用于洪涝、干旱、地震等救灾救济支出): the kind after 等 names it
_PURPOSE_EXAMPLES = re.compile(r"(?<=[\u4e00-\u9fff]{2})用于(?:[\u4e00-\u9fff]{1,6}、)+[\u4e00-\u9fff]{1,6}等(?=[\u4e00-\u9fff]{2})")
_EACH = re.compile(r"分别")
_MEASURE_END = re.compile(r"(?:量|额|率|值|数|规模|产能|收入)$")
_CONNECTOR = re.compile(r"^[、和及与或，,\s]*$")
_SCOPE_END = re.compile(r"(?<=..)(?:全国|全球|全省|全市|全区|世界)$")
_HEADING = re.compile(r"^([\u4e00-\u9fff]{2,6})方面[，,：:]")
# a size class written between a count and its projects: 70个30亿元以上项目, 21个5000万元的项目
_SIZE_CLASS = re.compile(
    r"^((?:\d+(?:\.\d+)?|[一二三四五六七八九十百千]+)[万亿]*元(?:以上|以下|及以上)?)的?([\u4e00-\u9fff]{0,6}?项目)"
)
_CLASS_ONLY = re.compile(r"^(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千]+)?[万亿]*元(?:以上|以下|及以上)?$")
# a class by a threshold passed (过五千亿, 过千亿元) and the next item of a list after 、, its examples (北斗应用等) skipped
_THRESHOLD_CLASS = re.compile(r"过[\d一二三四五六七八九十百千万亿]+元?(?:级)?")
_ELLIPTIC = re.compile(r"^(?:总|人均)[\u4e00-\u9fff]{1,3}$")
_MULTIPLE_BASE = re.compile(r"(?:是|为)(?:以前|过去|此前|上年|去年|同期|\d{4}年)?的?$")
_YEARLY = re.compile(r"(?<![今去明当全上下同])年(?:可|将|能)?(?:生产|产出|产)([\u4e00-\u9fffA-Za-z]{2,})$")
_BUILT = re.compile(r"^建成(?!投产|通车|运营|投运|试运|开放|使用)(?=..)")
_RATE_END = re.compile(r"(?:率|贡献|比重|占比|份额)$")
_YEAR_END = re.compile(r"(?<=..)(?:\d{4}|[一二三四五六七八九〇零○]{4})年(?:底|末|初|上半年|全年)?$")
# "engaged in X" before the thing counted names its kind: 从事科学研究和技术服务行业的企业
_ENGAGED = re.compile(r"从事([\u4e00-\u9fff]{2,16}?)(?:行业|领域|工作|业务)?的(?=[\u4e00-\u9fff]{2})")
_CLASSIFIER = "[个家项名条座所台辆位处种件套只头批户人]"
# a thing counted, then more counts of things joined after it (未来产业先导区、6个未来产业加速园): _closing_deed
_DEED_NUMBER = r"(?:\d[\d.]*|[一二三四五六七八九十百千]+)(?:多|余)?[万亿千百]*(?:千瓦|吨|" + "|".join(_CLASSIFIER[1:-1]) + ")"
_DEED_LIST = re.compile(f"([\u4e00-\u9fff]{{2,16}}?)((?:[、和及与]{_DEED_NUMBER}[\u4e00-\u9fff]{{2,16}})*)")
# a count right after a count's unit (145户585人, 13.07万户46万群众): the second count is no name
_LEADING_COUNT = re.compile(r"^\d[\d.]*(?:多|余)?[万亿千百]*" + _CLASSIFIER)
# 等 after examples of the kind named next (not 等级, 中等, 高等, 同等, 平等)
_EXAMPLES = re.compile(r"(?<=..)(?<![中高初平同均相对])等(?![级同待于候])(?=..)")
# the next count joined to a counted thing and what it counts (…和80项重大科技成果转化项目)
_NEXT_COUNTED = re.compile(
    r"[和及与](?:\d[\d.]*|[一二三四五六七八九十百千]+)(?:多|余)?[万亿千百]*" + _CLASSIFIER + r"([\u4e00-\u9fff]{2,16})"
)
_NEXT_LISTED = re.compile(
    r"(?:[和及与]|、(?:[\u4e00-\u9fff]{1,12}?等)?)(?:\d[\d.]*|[一二三四五六七八九十百千]+)(?:多|余)?[万亿千百]*"
    + _CLASSIFIER
    + r"([\u4e00-\u9fff]{2,16})"
)
# a figure written inside a clause (a count, a sum, a share), not a number inside a name (世界500强, 5G)
_FIGURE_IN = re.compile(r"\d[\d.]*(?:多|余)?[万亿千百]*(?:" + _CLASSIFIER + r"|元|%|％|吨|亩|千瓦|公里)")
# a measure pointed back at (把这个比例提高到36%): the measure of the figure before in the sentence
# nouns that already name a quantity (交易量, 产能, 规模…): a mass or volume after them takes no 量/产量 of its own
_QUANTITY_ENDS = "量|能|力|规模|储量|产能|库存"
_FLOW_DONE = re.compile(rf"(?:{_QUANTITY_ENDS}|容量)$")
_OUTPUT_DONE = re.compile(rf"(?:{_QUANTITY_ENDS}|煤炭)$")
_PRODUCT = re.compile(r"[\u4e00-\u9fff]{4,6}")
_ANAPHOR = re.compile(r"(?:这个|这一|此|该)(比例|比重|占比|数字|指标|规模|水平)")
# a month said as a time (从7月份开始, 自3月起, 1至5月): no figure
_MONTH_PHRASE = re.compile(r"(?:从|自)?\d{1,2}(?:\s*[至到—-]\s*\d{1,2})?月份?(?:以来|开始|起|中旬|下旬|上旬|底|初)?")
# characters after a verb that make it part of an adjective (保障性, 服务型, 开放式): the verb is no verb there
_ADJECTIVE_MAKERS = ("性", "型", "式")
_RANGE = re.compile(r"^\s*(?:—|-|－|～|~|至|到)\s*$")
# 都/均 before a change said of several things at once (A、B均增长10%, 都比上年增长8%): not an average or a
# per-unit 均 (年均, 平均, 人均, 亩均, 日均…: specific.yaml per_unit_jun)
_SHARED = re.compile(
    rf"(?<![{''.join(_SPENT['per_unit_jun'])}])(?:都|均)"
    r"(?=(?:保持在?|实现|达到)?(?:增长|提高|下降|增加|减少|上升|上涨)?$)"
)
_CHANGE_END = re.compile(r"^([\u4e00-\u9fff]{1,3}?)(?:到|至|为)(?=\d|[一二三四五六七八九十百千两])")
_UNIT_GLOSS = re.compile(r"^([省市县区州旗镇乡村])[（(]((?:[省市县区州旗镇乡村]、?){1,4})[）)]")
_CHANGE_FROM = re.compile(r"^(?:已经|已)?(?:由|从)")
_DATED_END = re.compile(r"(?<=[到至为])(?:\d{4}|[一二三四五六七八九〇零○]{4})年(?:底|末)?的?$")


@dataclass
class SpecificState:
    """What earlier figures of the same sentence said (reset at each sentence)."""

    subject: str | None = None  # the last figure's measure without its suffix
    last: str | None = None  # the last figure's specific measure (4.5%—5%: the range's end has the same)
    last_kind: str = ""  # the last figure's kind
    keep: str = ""  # a keep-verb that opened a list of counts (新增)
    series: list[str] = field(default_factory=list)  # subjects of a 分别 list, in order
    series_at: int = 0
    series_suffix: str = ""
    history: list[str] = field(default_factory=list)  # subjects of the sentence's figures so far
    noun: str = ""  # the thing named right after the last count's unit (3个露天煤矿)
    power_base: str = ""  # the kind of power whose capacity by stage the sentence lists (新能源开工…、投产…)
    carried: str = ""  # the last subject of the clause before a ；(the same statement goes on)
    yearly: bool = False  # the sentence lists what a plant makes a year (年产A 2600万只、B 500万个)
    prev_money: str = (
        ""  # the previous figure as written when it was a sum (百亿元以上项目12个: a size class)
    )
    output: bool = False  # the sentence is about output (产量): products said fulfilled are their output's
    whole: str = ""  # the subject a 其中 list of parts is part of (规上工业增加值)
    # counts of visits or sessions (接待游客 -> 人次): the word a later 分别 change of the count keeps
    event_counts: dict[str, str] = field(default_factory=dict)
    heading: str = ""  # the field the sentence opens with (公路方面，…): a bare 项目 counted is of that field
    site: bool = False  # the sentence is set on a worksite (在…工地，1200多人、500多台机械…): its hands are at work
    # the measures of the other things one change is said of with 都/均 (A、B均增长10%): the figure is theirs too
    shared: list[str] = field(default_factory=list)


class _Grammar:
    def __init__(self) -> None:
        d = load_data("specific.yaml")
        for key in (
            "lead",
            "time",
            "tail",
            "percent_change",
            "amount_change",
            "keep_verbs",
            "count_verbs",
            "count_noun_stop",
            "generic",
            "heads",
        ):
            if key not in d:
                raise ValueError(f"specific.yaml: missing key {key!r}")
        self.lead = tuple(
            sorted(d["lead"], key=len, reverse=True)
        )  # tuples: str.startswith/endswith take them whole
        terms = {t for m in load_data("measures.yaml")["measures"] for t in m["terms"]}
        # a lead word that opens a measure term stays (全国重点实验室 is not 全国 + 重点实验室)
        # 在鄂投资世界500强企业, 在华外资企业: 在 before a one-character name of a province or country and what
        # the things do there says where they are, part of their name
        located = {"在" + a + w for a in d.get("place_abbreviations") or () for w in d.get("located_words") or ()}
        kept = dict.fromkeys([*sorted(terms), *(d.get("lead_keep") or ()), *sorted(located)])  # ordered: never a set's
        self.lead_terms = {
            w: tuple(t for t in kept if t.startswith(w) and len(t) > len(w)) for w in self.lead
        }
        self.empty_alone = frozenset(d.get("empty_alone") or ())
        self.nominal_suffixes = tuple(d.get("nominal_suffixes") or ())
        self.list_measures = tuple(sorted(d.get("list_measures") or (), key=len, reverse=True))
        cuts = [*(d.get("durations") or ()), *(d.get("adjustments") or ())]
        self.durations = re.compile("|".join(cuts)) if cuts else None
        self.time = [
            re.compile(p) for p in (*d["time"], *(d.get("enumerators") or ()), *(d.get("conditions") or ()))
        ]
        self.tail = tuple(longest_first(d["tail"]))
        self.tail_keep = tuple(d.get("tail_keep") or ())
        self.compare_verbs = tuple(d.get("compare_verbs") or ())
        self.bare_ratios = set(d.get("bare_ratios") or ())
        self.issue_verbs = alternation(d.get("issue_verbs") or ["发行"])
        self.people = tuple(d.get("people_nouns") or ())
        self.unit_counts: dict[str, str] = dict(d.get("unit_counts") or {})
        self.event_counts = frozenset(d.get("event_counts") or ())
        self.exist_words = frozenset(d.get("exist_words") or ())
        self.late_changes = tuple(d.get("late_changes") or ())
        served = d.get("served") or {}
        self.served_preps = tuple(served.get("preps") or ())
        self.served_verb = re.compile(alternation(served["verbs"])) if served.get("verbs") else None
        self.fulfilled = re.compile(f"(?:{alternation(d['fulfil_verbs'])})了?$") if d.get("fulfil_verbs") else None
        self.quality_adjectives = frozenset(d.get("quality_adjectives") or ())
        self.part_heads = tuple(sorted(d.get("part_heads") or (), key=len, reverse=True))
        fq = d.get("flow_quantities") or {}
        self.flow_quantity = (
            re.compile(f"(?:{alternation(fq['verbs'])})(?:[\u4e00-\u9fff]{{0,{int(fq.get('object', 4))}}})$")
            if fq.get("verbs")
            else None
        )
        rm = d.get("rate_modals") or {}
        self.rate_modal = (
            re.compile(f"^({alternation(rm['rates'])})(?:{alternation(rm['modals'])})(?=..)")
            if rm.get("rates") and rm.get("modals")
            else None
        )
        subset = d.get("subset") or {}
        self.subset_openers = tuple(subset.get("openers") or ())
        self.subset_copulas = tuple(subset.get("copulas") or ["为"])
        change_to = d.get("change_to") or {}
        # the end of a change said of the same thing: 审批事项由过去的23项精简至8项, 由41.2%提高到56.3%
        self.change_to = re.compile(
            f"^(?:{alternation(change_to.get('verbs') or ['提高'])})(?:{alternation(change_to.get('markers') or ['到'])})$"
        )
        self.change_verbs = tuple(sorted(change_to.get("verbs") or (), key=len, reverse=True))
        self.change_markers = frozenset(change_to.get("markers") or ())
        inner = d.get("inner_time") or {}
        self.inner_time = re.compile(
            r"(?<=..)(?:" + "|".join([*inner.get("patterns", ()), alternation(inner.get("words") or ["全年"])]) + r")(?=..|$)"
        )
        self.power_plants = tuple(d.get("power_plants") or ())
        self.rate_stems = tuple(d.get("rate_stems") or ())
        self.firsts: dict[str, str] = dict(d.get("tranche_words") or {})
        self.sum_nouns = tuple(d.get("sum_nouns") or ())
        self.money_suffixes = sorted((d.get("money_suffixes") or {}).items(), key=lambda kv: -len(kv[0]))
        self.scope_prefixes = sorted(d.get("scope_prefixes") or [], key=len, reverse=True)
        self.capacity_stage = "(?:" + alternation(d.get("capacity_stages") or ["开工"]) + ")$"
        self.percent_change: dict[str, str] = dict(d["percent_change"])
        self.amount_change: dict[str, str] = dict(d["amount_change"])
        # 新 before a verb of coming to be or being found (新探明, 新组建, 新登记) makes a flow: the verb stays
        flows = {"新" + v for v in d.get("new_flow_verbs") or ()}
        # verbs of doing that select (建设, 实施, 举办…) stay as the verbs of flow do
        self.doing = tuple(sorted(d.get("doing_verbs") or (), key=len, reverse=True))
        # (a local list: the parsed yaml is shared by the process and stays as written)
        keep_verbs = sorted({*d["keep_verbs"], *flows, *self.doing})  # sorted: an order of its own
        activity = d.get("activity_counts") or {}
        self.activity_units = frozenset(activity.get("units") or ())
        self.activity_verbs = tuple(activity.get("verbs") or ())
        rates = alternation(d.get("count_rates") or ["每年"])
        self.count_rate = re.compile(f"({rates})")
        self.status_times = tuple(d.get("status_times") or ())
        self.staples = frozenset(d.get("staple_products") or ())
        # a change said after the figure (…以上的增长): _shared_change and the change of a count
        self.late_change = re.compile(r"^(?:以上|左右|以内)?的?(" + alternation(self.late_changes) + r")(?![到至为])")
        no_output = d.get("not_output") or []
        self.not_output = re.compile(alternation(no_output)) if no_output else None
        self.de_scope_ends = tuple(d.get("de_scope_ends") or ())
        site = d.get("worksites") or {}
        self.site_words = tuple(site.get("places") or ())
        self.site_hands = tuple(site.get("hands") or ())
        self.site_work = str(site.get("work") or "施工")
        payers = d.get("payers") or {}
        self.payer_heads = tuple(payers.get("heads") or ())
        self.payer_max = int(payers.get("max") or 6)
        self.modals = tuple(d.get("inner_modals") or ())
        self.keep = tuple(sorted(keep_verbs, key=len, reverse=True))
        self.count_verbs = tuple(longest_first([*d["count_verbs"], *keep_verbs]))
        self.noun_stop = re.compile(alternation(d["count_noun_stop"]))
        self.generic = set(d["generic"])
        measures = load_data("measures.yaml")["measures"]
        self.heads = tuple(
            longest_first([*d["heads"], *(t for m in measures for t in m["terms"] if len(t) >= 2)])
        )
        self.verb_joiners = tuple(d.get("verb_joiners") or ())
        self.shared_heads = tuple(sorted(d.get("shared_heads") or (), key=len, reverse=True))
        self.drop_lead = tuple(
            longest_first([*(w for w in d["count_verbs"] if w not in set(keep_verbs)), *d.get("adverbs", [])])
        )
        self.adverbs = frozenset(d.get("adverbs", [])) - set(d["count_verbs"])
        self.any_verb = tuple(longest_first([*d["count_verbs"], *keep_verbs]))
        im = d.get("inner_modals") or []
        verbs = longest_first(
            [*self.any_verb, *self.amount_change, *(d.get("spend_verbs") or ()), *(d.get("inner_modal_verbs") or ())]
        )
        self.inner_modal = (
            re.compile(f"(?<=[\u4e00-\u9fff]{{2}})(?:{alternation(im)})(?=(?:{alternation(verbs)}))") if im else None
        )
        infix = d.get("infix_verbs") or {}
        self.infix = re.compile(
            "(?<=..)(?:"
            + "|".join(map(re.escape, infix.get("verbs", [])))
            + ")(?="
            + "|".join(map(re.escape, infix.get("before", [])))
            + ")"
        )
        self.fronted = tuple(sorted(d.get("fronted_verbs") or [], key=len, reverse=True))
        self.verb_after_unit = tuple(d.get("verb_after_unit") or [])
        self.post_verbs = sorted(d.get("post_verbs", {}).items(), key=lambda kv: -len(kv[0]))
        self.compounds = sorted((d.get("compounds") or {}).items(), key=lambda kv: -len(kv[0]))
        self.short_forms = sorted((d.get("short_forms") or {}).items(), key=lambda kv: -len(kv[0]))
        self.capacity_words = sorted((d.get("capacity_words") or {}).items(), key=lambda kv: -len(kv[0]))
        cut = d.get("subject_verbs") or {}
        self.subject_verbs = longest_first(
            w for w in (*d["count_verbs"], *keep_verbs, *(cut.get("extra") or [])) if w not in set(cut.get("not") or [])
        )
        preds = d.get("noun_predicates") or {}
        self.predicates = tuple(sorted(preds.get("verbs") or [], key=len, reverse=True))
        self.bare_predicates = set(preds.get("bare") or [])
        self.predicate_adverbs = tuple(sorted(preds.get("adverbs") or [], key=len, reverse=True))
        self.changes = tuple(longest_first([*self.percent_change, *self.amount_change]))
        self.pronouns = tuple(d.get("pronouns") or ())
        self.synonyms = sorted((d.get("synonyms") or {}).items(), key=lambda kv: -len(kv[0]))
        self.clause_verbs = tuple(d.get("clause_verbs") or ())
        self.clause_preps = tuple(d.get("clause_preps") or ())
        self.bare_heads = frozenset(d.get("bare_heads") or ())
        self.object_preps = tuple(d.get("object_preps") or ())
        self.achieve = tuple(d.get("achieve_verbs") or ())
        self.own_measures = tuple(d.get("own_measures") or ())
        self.level_words = tuple(d.get("level_words") or ())
        self.milestones = tuple(d.get("milestones") or ())
        self.deed_nouns = tuple(sorted(d.get("deed_nouns") or (), key=len, reverse=True))
        closing = d.get("closing_deeds") or {}
        self.closing_deeds = tuple(sorted(closing.get("deeds") or (), key=len, reverse=True))
        self.deed_manner = re.compile("(?:" + "|".join(closing.get("manners") or ["$^"]) + ")")
        self.deed_done = tuple(closing.get("done") or ())
        self.causative = re.compile(alternation(d.get("causative_verbs") or ["助力"]))
        self.reach = frozenset(d.get("reach_verbs") or ())
        self.pulls = tuple(d.get("pull_verbs") or ())
        self.pull_causes = tuple(d.get("pull_causes") or ())
        self.pull_cause_strip = re.compile(
            f"^(?:{alternation(d['pull_cause_openers'])})|(?:{alternation(d['pull_cause_closers'])})$"
        )
        self.reach_owned = tuple(sorted(d.get("reach_owned") or (), key=len, reverse=True))
        self.attributes = tuple(d.get("attribute_nouns") or ())
        self.heading_nouns = frozenset(d.get("heading_nouns") or ())
        self.count_changes = frozenset(d.get("count_changes") or ())
        self.size_words = frozenset(d.get("size_words") or ())
        self.spend_verbs = re.compile(alternation(d.get("spend_verbs") or ["安排"]))
        self.share_openers = frozenset(d.get("share_openers") or ())
        self.totals = frozenset(d.get("count_totals") or ())
        self.kept_totals = frozenset(d.get("count_totals_kept") or ())
        self.owner_head = re.compile(alternation(d.get("owner_heads") or ["项目", "工程"]))
        self.flow_verbs = frozenset(d.get("flow_verbs") or ())
        self.status_lead = tuple(d.get("status_lead") or ())
        self.class_sums = tuple(d.get("class_sums") or ("总投资",))
        self.demonstratives = tuple(d.get("demonstratives") or ("这", "那"))
        fields = d.get("field_phrases") or {}
        self.field_phrase = re.compile(
            "(?:" + alternation(fields.get("verbs") or ["涉及"]) + ")[^，,。；;：:]{1,30}?等(?:"
            + alternation(fields.get("heads") or ["领域"]) + ")的?$"
        )
        owners = d.get("clause_owners") or {}
        self.clause_owner = re.compile("(?:" + alternation(owners.get("heads") or ["企业"]) + ")")
        self.owner_not_first = tuple(owners.get("not_first") or ())
        self.owner_shared_by = tuple(owners.get("shared_by") or ())
        # a topic said to be doing well (城镇职工基本养老保险制度不断完善): the noun before one of these words
        self.topic_predicate = (
            re.compile(alternation(owners["topic_predicates"])) if owners.get("topic_predicates") else None
        )
        self.topic_heads_cut = tuple(owners.get("topic_heads_cut") or ())
        self.topic_measures = frozenset(owners.get("topic_measures") or ())
        self.object_verb = re.compile(alternation(owners["object_verbs"])) if owners.get("object_verbs") else None
        self.object_heads = tuple(owners.get("object_heads") or ())
        self.share_verbs = re.compile(alternation(d.get("rate_stems") or ["普及"]))
        self.owned_rates = tuple(d.get("owned_rates") or ())
        self.status_joiners: dict[str, str] = dict(d.get("status_joiners") or {})
        self.bare_measures = frozenset(d.get("bare_measures") or ())
        self.owner_measures = tuple(sorted(d.get("owner_measures") or (), key=len, reverse=True))
        self.route_words = tuple(d.get("route_words") or ())
        self.length_words = tuple(d.get("length_words") or ())
        self.spend_words = tuple(d.get("spend_verbs") or ["安排"])
        self.purpose_verbs = tuple(d.get("purpose_verbs") or ())
        self.work_verbs = tuple(d.get("work_verbs") or ())
        drops = []
        self.period_end: re.Pattern[str] | None = None
        for rule in d.get("convention_drop") or ():
            word = "(?:" + alternation(rule.get("words") or [rule["word"]]) + ")"
            if rule.get("at_end"):
                self.period_end = re.compile(f"(?<=..){word}$")
            elif rule.get("before"):
                drops.append(f"{word}(?={alternation(rule['before'])})")
            else:
                drops.append(f"{word}(?!{alternation(rule.get('not_before') or ['$^'])})")
        self.convention_drop = re.compile("|".join(drops)) if drops else None
        self.wording = [(re.compile(w["pattern"]), w["as"]) for w in d.get("convention_wording") or ()]
        achieved = d.get("achieved_amounts") or {}
        achieved_verbs = alternation(achieved.get("verbs") or ["完成"])
        self.achieved_kinds = frozenset(achieved.get("kinds") or ())
        self.achieved = re.compile(f"^(?:{achieved_verbs})(?=..)")
        project_heads = alternation(achieved.get("project_heads") or ["项目"])
        self.project_done = re.compile(f"^完成([\u4e00-\u9fff]{{0,10}}?(?:{project_heads}))投资$")
        self.domain = re.compile(
            "(?<=..)在[\u4e00-\u9fff]{2,12}?(?:" + alternation(d.get("domain_heads") or ["领域"]) + ")(?=..)"
        )

    def capacity_of(self, product: str) -> str:
        """The measure word of a tonnage said of a product: 产能, or 规模 for plants (熔盐装置)."""
        return next((m for end, m in self.capacity_words if product.endswith(end)), "产能")


@cache
def _grammar() -> _Grammar:
    return _Grammar()


def _strip_lead(g: _Grammar, s: str, places: Sequence[str]) -> str:
    """Cut time phrases, scope words and a place name from the start of a clause."""
    for _ in range(6):
        before = s
        for rx in g.time:
            s = rx.sub("", s, count=1)
        for w in g.lead if s.startswith(g.lead) else ():
            if (
                s.startswith(w)
                and len(s) > len(w)
                and not s.startswith(g.lead_terms.get(w, ()))
                and not s[len(w) :].startswith(g.nominal_suffixes)  # 发行量, 完成额: a verb made a noun
            ):
                s = s[len(w) :]
                break
        if s in places:
            return ""
        for p in places:
            rest = s[len(p) :]
            if (
                s.startswith(p)
                and len(rest) >= 2
                and (not rest.startswith(("区域", "地区")) or rest.startswith("地区生产总值"))
            ):
                s = re.sub(r"^(?:省|市|区|县)", "", s[len(p) :])
                s = "地区" + s if s.startswith("生产总值") else s  # 福建省生产总值 -> 地区生产总值
                break
        if s == before:
            break
    return s


def _strip_tail(g: _Grammar, s: str) -> tuple[str, str | None]:
    """Cut reporting verbs and qualifiers from the end; returns the rest and the verb of change, if any."""
    change = None
    for _ in range(8):
        for w in g.changes if s.endswith(g.changes) else ():
            if s.endswith(w) and len(_ends_with(g.keep, s) or "") > len(w):
                break  # 完善提升20个…: the end of a verb that selects, no change
            if s.endswith(w):
                if change is None:
                    change = w
                s = s[: -len(w)]
                break
        else:
            for w in g.tail if s.endswith(g.tail) else ():
                if s.endswith(w) and not s.endswith(g.tail_keep):
                    s = s[: -len(w)]
                    if w in g.change_markers and (level := _ends_with(g.change_verbs, s)) and len(s) > len(level):
                        s = s[: -len(level)]  # 一九五七年上升为56.5%: the level reached, no change
                    break
            else:
                break
    return s.rstrip("的从由"), change


def _lstrip_de(s: str) -> str:
    return s[1:] if s.startswith("的") else s


def _clean(g: _Grammar, seg: str, places: Sequence[str]) -> tuple[str, str | None]:
    seg = _COMPARE.sub("", _QUOTES.sub("", seg))
    if g.durations is not None:
        seg = g.durations.sub("", seg)  # 群众安全感连续7年保持: how long it held, not what
    seg = _PURPOSE_DE.sub(r"\1", seg)  # 用于灾后重建的中央投资 -> 灾后重建中央投资: the purpose names the sum
    seg = _SPENT_ON.sub("", seg)  # 全国财政用于社会保障支出 -> 全国财政社会保障支出: who spends, on what
    for long, short in g.synonyms:
        seg = seg.replace(long, short)  # 职工家庭按人口平均的生活费收入 -> 职工家庭人均生活费收入
    seg = re.sub(
        r"(?:从|由)(?:上年|去年|过去|以前|原来|此前|[一二三四五六七八九十两\d]+年前|\d{4}年|[一二三四五六七八九〇零○]{4}年"
        r"|(?:[一二三四五六七八九]十|[1-9]0)年代(?:初|末|中期|初期|末期)?)?的?$",  # 已由五十年代的50%: a decade as a start

        "",
        seg.strip(),
    )
    seg = re.sub(
        r"(?<=..)(?:从|由)前[一二三四五六七八九十两\d]+年", "", seg
    )  # 能耗由前三年分别上升: the years compared
    seg = re.sub(
        r"(?:从|由)(?:每人|人均)?(?:每月|每年|每天|每人)$", "", seg
    )  # 标准从每人每月500元提高到: the rate's base
    core, change = _strip_tail(g, seg)
    if g.period_end is not None:
        core, n = g.period_end.subn("", core)  # 社会保障支出五年累计: the period summed, once 累计 is cut
        core = _strip_tail(g, core)[0] if n else core
    core = _YEAR_END.sub("", core)  # 国内生产总值2000年达89404亿元: the year between the thing and its verb
    core = _lstrip_de(_strip_lead(g, core, places))
    core = _ENGAGED.sub(r"\1", core)  # 从事科学研究和技术服务行业的企业 -> 科学研究和技术服务企业
    de = core.rfind("的")
    if 0 < de <= len(core) - 3:
        # 在珠海横琴新区注册的澳资企业 -> 澳资企业; a short owner stays (职工的年平均工资 -> 职工年平均工资)
        # X对Y的贡献率: the 对 phrase says of what; it stays (工业对经济增长贡献率)
        # X与Y的比率: the ratio of two named things keeps both (社会物流总费用与地区生产总值比率)
        whole = (de <= 2 and core[:de] not in g.lead) or (
            bool(re.search("[对占]", core[1:de])) and bool(_RATE_END.search(core))
        )
        whole = whole or (
            bool(re.search("[与和]", core[1:de])) and bool(re.search(r"(?:比率|比值|之比|比例)$", core))
        )
        # X的增长速度, X的资金占比: a rate or share after 的 is said of X, which stays
        rate = core[de + 1 :]
        whole = whole or (len(rate) <= 4 and rate.endswith(g.owned_rates))
        # 国家预算内和预算外的基本建设投资: a scope inside or outside a budget or border says which part, it stays
        whole = whole or (bool(g.de_scope_ends) and core[:de].endswith(g.de_scope_ends))
        # 新建一百万吨以上的大型矿井, 引进年薪百万以上的高层次人才: a verb that selects stays before the thing
        kept = "" if whole else _starts_keep(g, core[:de]) or ""
        core = core[:de] + core[de + 1 :] if whole else kept + core[de + 1 :]
    core, change2 = _strip_tail(g, core)
    core = (
        "" if core in g.lead or core in g.empty_alone else core
    )  # 全年达到1949亿美元: a time or scope word alone names nothing
    core = (
        g.inner_time.sub("", core) if len(core) > 6 else core
    )  # 职工全年工资总额, 产品去年一年: when, not what
    le = core.rfind("了")
    if le >= 1 and len(core) - le - 1 >= 2:
        # 延伸出了产值: the aspect mark ends the verb, the quantity follows; a verb that selects stays
        # (停建、缓建了大中型项目 -> 停建缓建大中型项目)
        core = _verb_run(g, core[:le]) + core[le + 1 :]
    already = max(core.rfind("已经") + 1, core.rfind("已"))
    if already >= 2:
        done, before = core[already + 1 :].removeprefix("经"), core[:already]
        verb = done.removeprefix("累计")
        if done and (verb in g.any_verb or verb in g.fronted):
            # 重点项目已开工120个: the thing stands before 已, the verb says which ones (开工重点项目)
            core = (done if verb in g.keep or verb in g.fronted else "") + before
        elif len(done) >= 3:
            core = done  # 产业园已入驻企业86家: the subject stands before 已, what it took in follows
    core = g.infix.sub("", core) if len(core) > 6 else core
    core = g.domain.sub("", core)  # 国有资本在战略性新兴产业领域累计投入: where it went is not what it is
    helped = [m for m in g.causative.finditer(core) if m.start() >= 2]
    if helped and _MEASURE_END.search(rest := core[helped[-1].end() :]) and len(rest) >= 3:
        core = rest  # 全国重点实验室助力页岩油年产量突破100万吨: what helped is not what is measured
    if g.inner_modal is not None:
        core = g.inner_modal.sub("", core)  # 中央政府拟新增, 国家财政共增加支出: the modal or sum word inside goes
    if g.rate_modal is not None:
        core = g.rate_modal.sub(r"\1", core)  # 每年可新增产值 -> 每年新增产值: the rate per time stays, the modal goes
    spent = _SPENT_NUMBER.search(core)
    if spent and spent.start() >= 2:
        core = core[
            : spent.start()
        ]  # 肉牛屠宰加工量突破80万头、增长54%: the earlier number is not the measure
    return core, change or change2


def _drop_examples(core: str) -> str:
    """制造麻黄碱等制毒厂点 -> 制毒厂点, 绿色低碳等四个赛道产业总规模 -> 四个赛道产业总规模: what stands before 等
    are examples of the kind named after it (a 分别 list's items are not cut: each has its figure)."""
    examples = [m.end() for m in _EXAMPLES.finditer(core)]
    return core[examples[-1] :] if examples else core


def _distribute(g: _Grammar, items: list[str]) -> list[str]:
    """Give the earlier items of a list the head the last one carries (城镇、农村常住居民收入)."""
    items = [i.replace("等", "") for i in items if i]
    if len(items) < 2:
        return items
    scope = next((p for p in g.scope_prefixes if items[0].startswith(p) and len(items[0]) > len(p)), "")
    if scope:
        # 限额以上通讯器材、家用电器…零售额: the first item's scope holds for all
        # (国家级高新区、省级开发区: an item with a scope or level of its own keeps it)
        items = [items[0]] + [i if i.startswith(tuple(g.scope_prefixes)) else scope + i for i in items[1:]]
    lead = next((items[0][: -len(w)] for w in g.list_measures if items[0].endswith(w) and len(items[0]) - len(w) >= 2), "")
    if lead and all(len(i) <= 4 and i.endswith(g.list_measures) and not i.startswith(lead) for i in items[1:]):
        # 生产安全事故起数、死亡人数: short measures listed after an owner's measure are the same owner's
        return [items[0]] + [lead + i for i in items[1:]]
    if all(i in g.bare_measures for i in items[1:]):
        # 地方财政收入、支出分别突破300亿元和3000亿元: a bare measure word after the first item is its owner's
        return [items[0]] + [_owned(g, items[0], i) for i in items[1:]]
    owner = re.match(r"^(.{2,}?)(?:人次|人数|数量|总量|规模)$", items[0])
    if owner and all(_ELLIPTIC.match(i) for i in items[1:]):
        # 国内游客人次、总花费增长5.6%、7.5%: a bare 总X after the first item is the same owner's
        return [items[0]] + [owner.group(1) + i for i in items[1:]]
    last, others = items[-1], items[:-1]
    avg = sum(len(o) for o in others) / len(others)
    split = None
    for h in g.heads:
        p = len(last) - len(h)
        if p >= 1 and last.endswith(h) and abs(p - avg) <= 1:
            split = p
            break
    if split is None:
        # 工业、制造业、工业技改投资: the last item names a kind of an earlier one, so its modifiers are its own
        # and only the shared head (投资) goes to the others
        split = next(
            (
                len(last) - len(h)
                for h in g.heads
                if last.endswith(h)
                and len(last) > len(h)
                and last[: len(last) - len(h)].startswith(tuple(others))
            ),
            None,
        )
    if split is None and len(last) - round(avg) >= 2 and round(avg) >= 1 and max(map(len, others)) <= 3:
        # 城镇、农村常住居民收入: short modifiers share the last item's head; a whole noun (全国文明城市、
        # 国家历史文化名城) names its own thing
        split = round(avg)
    weak = split is None
    if split is None:
        split = next((len(last) - len(h) for h in g.heads if last.endswith(h) and len(last) > len(h)), None)
    if split is None:
        return items
    if weak and all(_ends_with(g.heads, o) for o in others):
        return items  # 概念验证中心、中试基地: each already names its own kind
    head = last[split:]
    # an item that names its own measure takes no head (社会消费品零售总额、固定资产投资分别增长…)
    return [o if o.endswith(head) or o.endswith(g.own_measures) else o + head for o in others] + [last]


def _count_noun(g: _Grammar, after: str) -> str:
    """The name of the counted thing right after the unit (12个先导性项目落地实施 -> 先导性项目)."""
    s = re.sub(r"^(?:的|以上|左右)", "", after)
    if s.startswith(g.milestones):
        return ""  # 产量均突破百万吨大关: the mark passed, not a thing
    quoted = _QUOTED_PREDICATE.match(s)
    # 16个地市“入长”。: what the things did, in quotes (a short name only: 4个单位荣获首届“中国节水奖” says more)
    s = quoted.group(1) if quoted and len(quoted.group(1)) <= 4 else _QUOTES.sub("", s)
    # 17个省（区、市）, 2300个县（市）: the gloss lists the other units counted with the one-character head (省区市)
    s = _UNIT_GLOSS.sub(lambda m: m.group(1) + m.group(2).replace("、", ""), s)
    aspect = re.match(r"^方面的?(?=[\u4e00-\u9fff]{2})", s)
    if aspect and not s[aspect.end() :].startswith(g.any_verb):
        s = s[aspect.end() :]  # 12个方面举措: 方面 counts as a measure word here (not 5个方面提出了…)
    cut = re.search(
        r"[，,。；;、：:（）()\s的]|[和及与](?=\d|[一二三四五六七八九十百千]+[个家项名]|[\u4e00-\u9fff]{1,8}等\d)"
        r"|(?<=[\u4e00-\u9fff])\d",
        s,
    )
    if cut and cut.group() == "、" and cut.start() > 0:
        # 200个智能车间、智能工厂: kinds joined after one count are counted together (not 5条铁路专用线、26条产业路)
        clause = re.split(r"[，,。；;：:（）()\s的]", s, maxsplit=1)[0]
        if (
            not re.search(r"[\d等]|[一二三四五六七八九十百千]+" + _CLASSIFIER, clause)
            and clause.count("、") <= 2
        ):
            s = clause.replace("、", "")
            cut = None
    if cut and cut.group().isdigit():
        # 为29个省份保供煤炭超35亿吨: the next number's verb or qualifier (超, 达到) is no part of the name
        s = s[: cut.start()]
        while (w := _ends_with(g.tail, s)) and len(s) - len(w) >= 2 and not s.endswith(g.tail_keep):
            s = s[: -len(w)]
    elif cut:
        s = s[: cut.start()]
    if s.startswith(g.verb_after_unit) or s.startswith(g.verb_joiners):
        return ""  # 有30家落户海南: a verb, not a noun, follows the unit; 瞪羚企业358户和种子…: the next item
    end = _CHANGE_END.match(after)
    if end and end.group(1).endswith(g.change_verbs):
        # 监管事项从39个拓展到91个: the end of a change follows, the thing was named before (a change verb before
        # 到/至/为, specific.yaml change_to; not 30个乡镇为5A级景区, 5个县达到100亿元)
        return ""
    if end and s.startswith(head := after[: end.end()]) and (w := _ends_with(g.tail, head)) and len(head) > len(w):
        s = head[: -len(w)]  # 5个县达到100亿元以上: the verb that follows the thing is no part of its name
    # a stop word naming a project's kind stays (83个老旧小区改造项目)
    stop = next(
        (
            m
            for m in g.noun_stop.finditer(s)
            if m.start() >= 2 and not s[m.end() :].startswith(("项目", "工程"))
        ),
        None,
    )
    s = s[: stop.start()] if stop else s
    s = re.sub(r"(?:中|之一)$", "", s)
    s = re.sub(r"(?<=..)等$", "", s)  # 85个口袋公园等建成开放: 等 closes the examples, it is no part of the name
    if _LEADING_COUNT.match(s):
        return ""  # 贫困户145户585人: a second count follows the unit, no noun
    return s[:20] if re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9+]{2,20}", s[:20] or "") else ""


def _closing_deed(g: _Grammar, after: str, noun: str) -> tuple[str, str]:
    """(the deed with its manner, the thing) when a deed closes the clause of a counted thing named `noun` right
    after the unit, or closes a list of counts after it that shares the deed: 推进3个未来产业先导区、6个未来产业
    加速园建设 -> (建设, 未来产业先导区), 实施100条客运班线公交化改造 -> (公交化改造, 客运班线); ('', '') when the
    clause does not end so, or another noun stands between the thing and the deed (行政村生活污水治理)."""
    plain = _QUOTES.sub("", after)
    if not noun or not plain.startswith(noun[:2]):
        return "", ""
    clause = re.split(r"[，,。；;：:（(]", plain, maxsplit=1)[0]
    deed = _ends_with(g.closing_deeds, clause)
    if not deed:
        return "", ""
    body = clause[: -len(deed)]
    manner = next((m.group() for m in g.deed_manner.finditer(body) if m.end() == len(body) and m.start() >= 2), "")
    body = body[: len(body) - len(manner)]
    m = _DEED_LIST.fullmatch(body)
    if not m or not noun.startswith(m.group(1)):
        return "", ""
    if m.group(2) and _ends_with(g.deed_nouns, m.group(1)):
        return "", ""  # 完成800个经济薄弱村扶持和100个…创建: each item has its own deed
    if deed == "建设" and not manner and m.group(1).endswith(("项目", "工程")):
        return "", ""  # 推动600个亿元级工业项目建设: the building of projects is their status, not a deed done to them
    return manner + deed, m.group(1)


def _relative_head(g: _Grammar, after: str, noun: str) -> str:
    """80个这样的国家级先进制造业集群, 17个新签约的重大项目, 20条促进…增长的政策措施: what stands before 的
    is a pronoun or a clause about the counted thing, which is the noun after it (a status verb opening the
    clause stays: 新签约重大项目)."""
    plain = _QUOTES.sub("", after)
    clause = re.split(r"[，,。；;：:、（(）)\s]", plain, maxsplit=1)[0]
    de = clause.find("的")
    described = _described(g, plain)
    if described:
        return described  # 40个吸引力强、带动面广的消费场景, 10家在全国有重要影响力的企业
    if not noun or de < 2 or not plain.startswith(noun):
        return noun
    mod = clause[:de]
    keep = mod in g.keep or (bool(_starts_keep(g, mod)) and len(mod) <= 4)
    keep = keep or bool(
        re.fullmatch(r"[\u4e00-\u9fff]{1,4}级", mod)
    )  # 10个国家级的创新平台: a rank is part of the name
    keep = keep or mod in g.quality_adjectives  # 上千种重要的新产品 -> 重要新产品: a quality says which
    if not (keep or mod in g.pronouns or mod.startswith(g.clause_verbs)):
        return noun
    cut = after.find("的")
    head = _count_noun(g, after[cut + 1 :] if _QUOTES.sub("", after[:cut]) == mod else plain[de + 1 :])
    noun = mod
    if len(head) < 2 or head.startswith(g.pronouns):
        return noun
    return (noun if keep else "") + head


def _described(g: _Grammar, plain: str) -> str:
    """The head of a count's thing written after a clause that describes it and 的: a clause opened by a
    preposition (在全国有重要行业影响力的企业) or short predicates joined by 、 (吸引力强、带动面广的消费场景);
    "" when the words after the unit are not such a clause."""
    clause = re.split(r"[，,。；;：:（(）)\s]", plain, maxsplit=1)[0]
    de = clause.find("的")
    if de < 2:
        return ""
    mod = clause[:de]
    parts = mod.split("、")
    opened = mod.startswith(g.clause_preps) and len(mod) >= 4
    joined = len(parts) >= 2 and all(2 <= len(p) <= 4 for p in parts)
    if not (opened or joined) or re.search(r"\d", mod):
        return ""
    head = _count_noun(g, clause[de + 1 :])
    return head if len(head) >= 2 and not head.startswith(g.pronouns) else ""


def _ends_with(words: Sequence[str], s: str) -> str | None:
    if not s.endswith(tuple(words)):
        return None  # one C-level test before the loop (most clauses end with none of the words)
    return next((w for w in words if s.endswith(w)), None)


def _ends_with_any(words: Iterable[str], s: str) -> bool:
    """Whether s ends with one of the words (a set is fine: no word is returned, so its order does not matter)."""
    return s.endswith(tuple(words))


def _count_suffix(unit: str, noun: str) -> str:
    if re.search(r"(?:数|数量|人数|量|人次|规模|总量|率|密度)$", noun):  # 死亡率0.6人: a rate counted per unit is the rate
        return ""
    if unit == "人" and not re.search(r"(?:人|人员|人才|者)$", noun) and not noun.endswith(_grammar().people):
        return "人数"  # 就业人数; but 技术经理人数量, 高技能人才数量, 高校毕业生数量
    if noun.endswith("院士"):
        return "人数"  # academicians are counted as people whatever the unit (2位, 7名)
    if unit == "户" and not re.search(r"(?:户|企业|主体|公司|商户|单位)$", noun):
        return "户数"  # 惠及居民65000多户 -> 惠及居民户数
    return _grammar().unit_counts.get(unit, "数量")  # 500场 -> 场次, 40期 -> 期数, 1635万人次 -> 人次


def specific_measure(
    scope: str,
    kind: str,
    measure: str | None,
    after: str = "",
    unit: str = "",
    state: SpecificState | None = None,
    places: Sequence[str] = (),
    first: bool = True,
) -> str | None:
    """The specific measure of a figure from `scope` (its clause up to the number, since the previous
    figure of the sentence when not `first`) and `after` (the text after it); `state` carries the
    sentence's earlier figures. None when the clause names nothing."""
    st = state if state is not None else SpecificState()
    # 由一九七八年的371亿元增加到一九八二年的650亿元: the end of the change, dated, names the same thing
    dated = _DATED_END.sub("", scope) if not first else scope
    if not first and st.last and (_RANGE.match(scope) or _grammar().change_to.match(dated)):
        return st.last  # the upper end of a range: 增长4.5%—5%
    if (
        not first
        and st.last
        and kind == "percent" == st.last_kind
        and not st.series
        and re.fullmatch(r"\s*、\s*", scope)
    ):
        return st.last  # 能耗由前三年分别上升4.9％、5.5％、0.2％: one change said of several years
    if first:
        head = _HEADING.match(scope)
        st.heading = head.group(1) if head else ""
    st.shared = []
    shared = _shared_change(_grammar(), scope, kind, after, unit, st, places) if kind == "percent" else None
    if shared:
        out: str | None = _conventional(_grammar(), shared[0], kind)
        st.shared = [m for m in (_conventional(_grammar(), x, kind) for x in shared[1:]) if m]
        st.subject = None
    else:
        out = _conventional(_grammar(), _specific(scope, kind, measure, after, unit, st, places, first), kind)
    st.last, st.last_kind = out, kind
    st.output = st.output or bool(out and out.endswith("产量"))  # the sentence lists outputs (钢产量…，原煤…)
    if st.subject and (not st.history or st.history[-1] != st.subject):
        st.history.append(st.subject)
    return out


def _shared_change(
    g: _Grammar, scope: str, kind: str, after: str, unit: str, st: SpecificState, places: Sequence[str]
) -> list[str] | None:
    """The measures of every thing one change is said of with 都/均: the things listed before it in its clause
    (重点监测景区接待游客、经营收入均保持10%以上增长 -> …接待游客增长率, 经营收入增长率), or, when the clause names
    none, the things of the two figures before it (原煤产量达到…，原油达到…，都比上年增长8% -> 原煤产量增长率,
    原油产量增长率); None when the clause has no such 都/均."""
    seg = _CLAUSE_CUT.split(scope)[-1] if scope else ""
    m = _SHARED.search(_COMPARE.sub("", seg).strip())
    if m is None:
        return None
    head = _COMPARE.sub("", seg).strip()[: m.start()]
    rest = _COMPARE.sub("", seg).strip()[m.end() :]
    _, change = _strip_tail(g, rest) if rest else ("", None)
    late = g.late_change.match(after)
    change = change or (late.group(1) if late else None)
    if not change:
        return None
    examples = bool(re.search(r"等$", head))  # 烤烟、桑蚕茧、猪牛羊肉等都增长: examples, each named whole
    subj, _ = _clean(g, re.sub(r"等$", "", head), places)
    items = [i for i in re.split(r"[、和及与]", subj) if i] if subj else []
    if len(items) >= 2:
        subjects = items if examples else [_short_form(g, x) for x in _distribute(g, items)]
        # a staple product's change is its output's (粮食、棉花、油料都增长10% -> 粮食产量增长率)
        subjects = [x + "产量" if x in g.staples else x for x in subjects]
    elif not subj and len(st.history) >= 2:
        subjects = st.history[-2:]
    else:
        return None
    if not all(2 <= len(x) <= 20 for x in subjects):
        return None
    return [x + _suffix(g, kind, change, unit, x) for x in subjects]


def _conventional(g: _Grammar, out: str | None, kind: str = "") -> str | None:
    """The measure without the words the convention leaves out (累计, 集中 before a status verb), in the
    convention's wording (总数 -> 数量, 项目投资总额 -> 项目总投资)."""
    if not out:
        return out
    for rx, written in g.wording:
        out = rx.sub(written, out)  # 总数 -> 数量, 项目投资总额 -> 项目总投资: one wording of the convention
    if g.convention_drop is not None:
        cut = g.convention_drop.sub("", out)
        out = cut if len(cut) >= 2 else out
    if kind in g.achieved_kinds:
        done = g.project_done.sub(r"\1完成投资", out)  # 完成重大项目投资 -> 重大项目完成投资
        out = done if done != out else g.achieved.sub("", out)  # 完成生态建设面积 -> 生态建设面积
    return out


def _specific(
    scope: str,
    kind: str,
    measure: str | None,
    after: str = "",
    unit: str = "",
    state: SpecificState | None = None,
    places: Sequence[str] = (),
    first: bool = True,
) -> str | None:
    """specific_measure's reading of one figure's clause (see there), with the sentence's `state`."""
    g = _grammar()
    st = state if state is not None else SpecificState()
    quoted = _QUOTED.findall(scope)
    if quoted:
        # “吉林一号”组网卫星: a quoted name is one word, the place it opens with is no scope to cut
        places = [p for p in places if not any(q.startswith(p) and q != p for q in quoted)]
    scope = re.sub(
        r"[（(][^（()）]{0,10}[）)]$", "", scope
    )  # 制造业单项冠军企业（产品）60个: a gloss is no clause
    scope = re.sub(
        r"[（(][^（()）]{3,12}[）)]", "", scope
    )  # 工资总额（包括奖金在内）比上年增加: nor inside one
    if not first and kind in ("count", "mass", "volume", "energy") and st.noun and scope.startswith(st.noun):
        scope = scope[
            len(st.noun) :
        ]  # 3个露天煤矿和15个…: the previous count's thing is not this one's clause
    st.noun = ""
    if not first and st.series and _CONNECTOR.match(scope):
        i = st.series_at
        st.series_at += 1
        if i < len(st.series):
            st.subject = st.series[i]
            return st.series[i] + st.series_suffix
        st.series = []  # 分别 list used up: 1324人凭转化贡献晋升职称 is a figure of its own
    seg = _CLAUSE_CUT.split(scope)[-1] if scope else ""
    seg = _PURPOSE_EXAMPLES.sub("", seg)
    if kind == "count" and "等" in seg:
        seg = g.field_phrase.sub("", seg)  # 计划开工涉及能源、农业等领域500多个项目: where, not which
    named, seg = _series(g, st, seg, scope, after, kind, unit, places)
    if named is not None:
        return named
    st.series = []
    parts = seg.split("、")
    if _one_thing(parts) and (first or len(_CLAUSE_CUT.split(scope)) > 1):
        parts = ["".join(_shared_tail(g, parts))]  # 新培育独角兽、小巨人、单项冠军企业300家: one count of all
    if kind == "count":
        listed = not first and scope.startswith(("、", "和", "及"))  # 3个露天煤矿和15个井工煤矿
        if first or _CLAUSE_CUT.search(scope):
            st.prev_money = ""  # a sum is a size class only right before the counted thing
        earlier = "".join(_CLAUSE_CUT.split(scope)[:-1]) if first else ""
        return _count(g, parts, after, unit, st, places, listed, earlier, scope if first else "")
    if unit == "倍":
        # 产能是以前的10倍, 是2012年的4.3倍: the base of a multiple is not the measure
        parts[-1] = _MULTIPLE_BASE.sub("", parts[-1])
    core, change = _clean(g, parts[-1], places)
    if kind == "percent" and not change and g.fulfilled is not None and g.fulfilled.search(parts[-1].strip()):
        # 钢完成96.4%, 工业生产总值计划完成102.6%: a share of the plan done, said of what was planned
        thing = core.removesuffix("计划") if core else ""
        output = "产量" in scope if first else st.output
        if thing and len(thing) <= 2 and output and not _MEASURE_END.search(thing):
            thing += "产量"  # 几项重要产品的产量没有完成计划：钢完成96.4%，钢材完成95%: the products' output
        st.subject, st.output = thing, output
        if thing.endswith(("任务", "目标", "计划")):
            return thing + "完成率"  # 目标任务完成100%: what was planned names itself
        return thing + "计划完成率" if thing else None
    if not first and st.last and (back := _ANAPHOR.search(parts[-1])) and not change:
        # 投资占固定资产投资的20%，六五计划把这个比例提高到36%: the measure named before, at a new level
        return st.last if back.group(1) in ("比例", "比重", "占比") or not _RATE_END.search(st.last) else None
    core = _drop_examples(core)
    if len(parts) > 1 and not core:
        core, change = _clean(g, seg.replace("、", ""), places)
    spend = next(
        (m for m in g.spend_verbs.finditer(core) if m.start() >= 2 and len(core) - m.end() >= 2), None
    )
    if kind == "money" and spend:
        # 省财政安排专项资金20亿元: the verb goes; the payer stays when it is a treasury (中央财政三农投入)
        core = _payer(g, core[: spend.start()]) + core[spend.end() :]
    elif kind == "money" and (spent := _spent_after(g, parts[-1].strip(), after)):
        core = _payer(g, core) + spent  # 省级财政安排4亿元专项资金支持项目前期工作 -> 省级财政项目前期工作专项资金
    if kind == "money" and not change and parts[-1].rstrip().endswith("的") and (named := _sum_named_after(g, after)):
        core = named  # 马麟拿到的2000万元风投, 省里下达的10亿元专项资金: a clause about the sum, then what it is
    core = _filled(g, st, core, change, scope, after, kind, places, first)
    if kind == "money" and first and core.startswith(g.pulls) and (cause := _cause_before(g, scope)):
        core = cause + core  # 扩围实施“以旧换新”政策，拉动消费285.6亿元: what was done pulls the sum
    if not first and core in g.bare_measures and st.subject:
        core = _owned(g, st.subject, core)  # 粮食播种面积3320万亩、产量1285万吨 -> 粮食产量
    if (
        kind == "percent"
        and not change
        and (not core or core in g.share_openers or re.search(r"(?:当中|之中|中|里)$", core))
        and (share := _share_of(g, after))
    ):
        return share  # 全国已有百分之七十六的县普及了小学教育 -> 普及小学教育县比例
    reach = _ends_with(g.reach_owned, _SCOPE_END.sub("", core)) if kind == "percent" and not change else None
    if reach and after.startswith("的") and len(reached := _count_noun(g, after[1:])) >= 2:
        # 美丽城镇建设覆盖全省93%的建制镇 -> 美丽城镇建设覆盖建制镇比例: the share of the things reached
        return _SCOPE_END.sub("", core) + reached + "比例"
    # (从67.6%提高到70%: a change to a level reached names no change of the first figure)
    late = g.late_change.match(after) if g.late_changes else None
    if kind == "percent" and not change and late:
        change = late.group(1)  # 产业营收保持20%以上增长: the change said after the number
    issued = list(re.finditer(f"(?:{g.issue_verbs})", seg)) if kind == "money" else []
    if issued:
        # 拟发行1400亿元长期建设国债 / 发行长期建设国债600亿元 -> 长期建设国债发行规模
        raw = re.split(r"[，,。；;、：:（）()\s的]", _QUOTES.sub("", after), maxsplit=1)[0]
        rest = _QUOTES.sub("", seg[issued[-1].end() :]).strip()
        thing = rest if _sum_noun_end(g, rest) >= 2 else raw[: max(_sum_noun_end(g, raw), 0)]
        if len(thing) >= 2:
            st.subject = thing
            return thing + issued[-1].group() + "规模"
    stage = re.search(g.capacity_stage, core) if kind == "power" else None
    if stage:
        # 新能源开工1600万千瓦、投产1000万千瓦: capacity by stage of a kind of power
        base = core[: stage.start()] or (st.power_base if not first else "")
        st.power_base = base
        st.subject = base + stage.group() + "装机规模"
        return st.subject if base else None
    if (
        unit == "个百分点"
        and re.sub("^增速", "", core).startswith(g.compare_verbs)
        and st.subject
        and not first
    ):
        core = st.subject + "增速" + re.sub("^增速", "", core)  # 规上工业增加值增长7.7%，高于全国1.8个百分点
        change = None
    product = _count_noun(g, after) if kind == "mass" and not change else ""
    if product and _QUOTES.sub("", after).startswith(product):
        st.noun = product  # 青海辉源20万吨铝板带箔、青海广泰10万吨再生铝: not the next figure's clause
    product = re.sub(
        r"(?:技术|等.*|项目)$", "", re.sub(r"^级", "", product)
    )  # 7亿吨级冶镁白云岩: a size class
    if kind == "mass" and re.search("年产$", core) and not change:
        # 原油年产30万吨, 年产50万吨的煤基乙醇项目: a yearly output
        thing = core[:-2].lstrip("了") or product
        return thing + "年产量" if len(thing) >= 2 else None
    plant = _count_noun(g, after) if kind == "power" and not change else ""
    if plant.endswith(g.power_plants):
        # 402万千瓦机组建成投运 -> 建成投运机组规模: the size of the plants, said with what they did
        return (_post_verb(g, after, plant) or _predicate(g, after, plant)) + plant + "规模"
    if len(product) >= 2:
        # 白银集团7万吨锌基合金: the capacity of a named product (of whom, when the clause names it)
        core = _strip_verb_lead(g, core) if core not in g.generic else ""
        return core + product + ("" if _MEASURE_END.search(product) else g.capacity_of(product))
    land = _count_noun(g, after) if kind == "area" and not change and not after.startswith("的") else ""
    land = "" if land.startswith(g.demonstratives) else land  # 不少于18亿亩这条红线: the figure itself
    if len(land) >= 2 and _QUOTES.sub("", after).startswith(land) and not core.endswith(tuple(g.size_words)):
        # 修复治理50万亩退化草原 -> 修复治理退化草原面积: the land named after the unit is what the area is of
        core = (_strip_verb_lead(g, core) if core not in g.generic else "") + land
    if core and kind in ("percent", "money") and seg.strip().startswith(g.subset_openers):
        st.whole = st.subject or ""
        core = _part_head(g, core, st.whole)  # …增加值增长6.5%，其中高技术制造业增长12%
    elif core and kind in ("percent", "money") and st.whole and not first and scope.lstrip().startswith("、"):
        core = _part_head(g, core, st.whole)  # …，其中工业增长9%、民间增长3%: the parts listed on
    else:
        st.whole = ""
    if (kind == "percent" or unit == "倍") and change and core in g.staples:
        core += "产量"  # 粮食两年增长46% -> 粮食产量增长率: a staple product's change is its output's
    if kind == "mass" and not change and st.output and _PRODUCT.fullmatch(core) and not _OUTPUT_DONE.search(core) \
            and not (g.not_output is not None and g.not_output.search(core)):
        core += "产量"  # 钢产量由…增加到…；…化学纤维由14.6万吨增加到28.5万吨: a product listed with outputs, its output
    suffix = _suffix(g, kind, change, unit, core, measure) if core else ""
    short_ok = (
        len(core) == 1 and kind in ("mass", "area", "power") and bool(suffix)
    )  # 钢三千九百万吨 -> 钢产量
    if not (2 <= len(core) <= 24 or short_ok) or _NUMBER.search(core):
        return None
    # a quantity's name (棉花产量, 推广高产优质品种面积) is what a later 增长 is said of
    st.subject = core + suffix if kind in ("area", "mass", "power", "length") else core
    return core + suffix


def _series(
    g: _Grammar,
    st: SpecificState,
    seg: str,
    scope: str,
    after: str,
    kind: str,
    unit: str,
    places: Sequence[str],
) -> tuple[str | None, str]:
    """(the first figure's measure, seg) when the clause lists several things that the figures after it take
    in turn (…分别增长, or values listed after listed names), starting `st.series`; else (None, the clause
    without its 分别)."""
    each = _EACH.search(seg)
    # 国内游客人次、总花费增长5.6%、7.5%: values listed after listed names pair up as with 分别
    paired = (
        not each
        and not _CONNECTOR.match(scope)
        and bool(re.match(r"\s*[、和]\s*[\d.]+", after))
        and (
            "、" in seg
            or len(_expand(g, seg)) > 1
            or (len(st.history) >= 2 and not _clean(g, seg, places)[0])
        )
    )
    if each or paired:
        head_part, verb_part = (seg[: each.start()], seg[each.end() :]) if each else (seg, "")
        subj, paired_change = _clean(g, head_part, places)
        if not subj and each and not st.history:
            # 农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到…: the items end the clause before
            clauses = [c for c in _CLAUSE_CUT.split(scope) if c.strip()]
            prev = clauses[-2] if len(clauses) >= 2 else ""
            subj = "" if re.search(r"\d", prev) else _clean(g, prev, places)[0]
        items = [i for i in re.split(r"[、和及]", subj) if i]
        expanded = len(items) == 1 and len(_expand(g, items[0])) > 1
        if expanded:
            items = _expand(g, items[0])  # 城乡居民人均可支配收入分别增长… -> 城镇居民…, 农村居民…
        _, change = _strip_tail(g, verb_part)
        change = change if each else paired_change
        if len(items) < 2 and not subj and st.history:
            # 接待游客17.52亿人次、旅游花费1.27万亿元，分别增长32.9%、41.6%: the items are earlier figures
            k = 1 + len(re.findall(r"[、和及]", _CLAUSE_CUT.split(after)[0]))  # …分别增长12%和15%
            items = st.history[-k:] if len(st.history) >= k else []
            items = [i + st.event_counts.get(i, "") for i in items]
            if len(items) >= 2:
                _, change = _strip_tail(g, verb_part if each else _clean(g, seg, places)[0] or seg)
                suffix = _suffix(g, kind, change, unit, items[0])
                st.series, st.series_at, st.series_suffix = list(items), 1, suffix
                st.subject = items[0]
                return items[0] + suffix, seg
        if len(items) >= 2:
            subjects = items if expanded else [_short_form(g, x) for x in _distribute(g, items)]
            suffix = _suffix(g, kind, change, unit, subjects[0])
            gap = _strip_tail(g, verb_part)[0] if unit == "个百分点" and not change else ""
            if gap.startswith(g.compare_verbs):
                suffix = "增速" + gap  # A、B增速分别高于全国12.7个、12个百分点 -> A增速高于全国
            st.series, st.series_at, st.series_suffix = subjects, 1, suffix
            st.subject = subjects[0]
            return subjects[0] + suffix, seg
        seg = head_part + verb_part
    return None, seg


def _filled(
    g: _Grammar,
    st: SpecificState,
    core: str,
    change: str | None,
    scope: str,
    after: str,
    kind: str,
    places: Sequence[str],
    first: bool,
) -> str:
    """The clause's measure completed when it is empty or generic: by the owner or the sum named after the
    figure, the sentence's or the previous clause's subject, or the section's heading."""
    if (
        kind == "money"
        and core not in g.generic
        and _strip_verb_lead(g, core, doing=True) in g.generic
        and _owner_after(g, after)
    ):
        core = _strip_verb_lead(
            g, core, doing=True
        )  # 实施总额4万亿元的两年投资计划: the sum is the plan's, not the verb's
    owner = _owner_after(g, after) if kind == "money" and (not core or core in g.generic) else ""
    if kind in ("area", "power") and core in g.size_words and (size_owner := _owner_after(g, after)):
        return size_owner + core  # 一个面积近20万平方米的湿地公园 -> 湿地公园面积
    if (
        kind == "area"
        and not change
        and after.startswith("的")
        and not core.endswith(tuple(g.size_words))
        and (size_owner := _owner_after(g, after))
    ):
        return size_owner + "面积"  # 建起了1500亩的沙洲现代农旅示范基地 -> …示范基地面积: the size of what follows
    direct = _count_noun(g, after) if kind == "money" and not owner and (not core or core in g.firsts) else ""
    if owner:
        core = owner + (core or "投资")  # 总投资10.6亿元的16个湿地修复项目 -> 湿地修复项目总投资
    elif (cut := _sum_noun_end(g, direct)) >= 2:
        direct = direct[:cut]
        # 7000亿元超长期特别国债, 首期100亿元省级科技创新母基金: the sum is the thing named right after it
        core = direct + g.firsts.get(core, "")
    elif (not core or core in g.generic) and st.subject and not first:
        subject = _strip_verb_lead(g, st.subject, doing=True) if kind == "money" else st.subject
        core = _join(subject, "" if core in ("总量", "总计") else core)  # (实施重大项目…，完成投资: 重大项目完成投资)
    elif core in g.generic and first and st.carried:
        carried = _strip_verb_lead(g, st.carried, doing=True) if kind == "money" else st.carried
        core = _join(carried, core)  # …59个项目；总投资1163亿元 (a sum is over the projects, not over 建设)
    elif core in g.generic and first and kind == "money" and (batch := _batch_before(g, scope)):
        core = _join(batch, core)  # 近日签约的一批重大项目涵盖…，总投资428亿元 -> 签约重大项目总投资
    elif core in g.generic and (sector := _sector_heading(scope)):
        core = sector + core  # 煤炭工业建设，五年投资一百七十九亿元 -> 煤炭工业投资
    elif (
        first
        and (core in g.generic or core in g.bare_measures or core in g.topic_measures)
        and (owner := _clause_owner(g, scope, places))
    ):
        core = owner + core  # 新能源和节能环保产业串珠成链，产值迈上千亿元台阶 -> 新能源和节能环保产业产值
    elif not core and st.subject and change:
        core = st.subject
    elif not core and change:
        core = _previous_clause_subject(g, scope, places)  # 新设立市场主体23.4万户，同比增长6.4%
        # 城镇居民人均可支配收入，考虑价格下降因素比上年实际增长9.3%: the quantity named alone just before
        core = core or (_previous_clause_noun(g, scope, places) if first else "")
    elif not core and first:
        core = _previous_clause_noun(g, scope, places)  # 原油产量继续增长，达到1.42亿吨
    if (
        (core in g.bare_ratios or (core.startswith("占") and kind == "percent"))
        and st.subject
        and not first
        and not st.subject.endswith(core)  # 这个比重，1978年为17.4%，1979年达到27%: the same ratio, not 比重比重
    ):
        core = (
            st.subject + core
        )  # 新能源汽车产量82万辆、占比达到45%; 财政赤字9500亿元，占国内生产总值比重在3%以内
    return core


def _cause_before(g: _Grammar, scope: str) -> str:
    """The thing done in the clause before (实施“以旧换新”政策, 开展系列促消费活动) that a subjectless 拉动/带动
    clause says pulled the sum: its quoted name, else the object without a measure word of batches and 政策."""
    clauses = [c for c in _CLAUSE_CUT.split(scope) if c.strip()]
    prev = clauses[-2].strip() if len(clauses) >= 2 else ""
    m = re.search(f"(?:{alternation(g.pull_causes)})(.+)$", prev) if prev and g.pull_causes else None
    if not m or re.search(r"\d", prev):
        return ""
    quoted = _QUOTED.findall(m.group(1))
    thing = quoted[-1] if quoted else g.pull_cause_strip.sub("", m.group(1))
    return thing if 2 <= len(thing) <= 10 else ""


def _batch_before(g: _Grammar, scope: str) -> str:
    """The batch of projects an earlier clause of the sentence names (签约的一批重大项目, 一批重点项目今天开工)
    whose sum a bare 总投资 then gives: the projects, with the status verb that says which ones."""
    clauses = [c for c in _CLAUSE_CUT.split(_QUOTES.sub("", scope)) if c.strip()][:-1]
    for c in reversed(clauses):
        m = re.search(r"(?:([\u4e00-\u9fff]{2,4}?)的)?一批([\u4e00-\u9fff]{0,6}?(?:项目|工程))", c)
        if not m:
            continue
        # 近日签约的一批: the verb of the relative clause; 集中签约一批: the verb right before
        pre = m.group(1) or c[: m.start()]
        verb = next((v for v in g.keep if pre.endswith(v)), "")
        return verb + m.group(2) if len(m.group(2)) >= 2 else ""
    return ""


def _share_of(g: _Grammar, after: str) -> str:
    """N%的X + what they did, after a clause that names nothing: the share of X that did it, named
    predicate first like a count's when the thing ends before it (…县比例), else as written
    (高频服务事项掌上办理比例)."""
    rest = _QUOTES.sub("", after)
    rest = rest[1:] if rest.startswith("的") else rest
    noun = _count_noun(g, rest)
    if not noun or not rest.startswith(noun):
        return ""
    verb = next((m.start() for m in g.share_verbs.finditer(noun, 1) if len(noun) - m.start() >= 2), 0)
    noun = noun[:verb] if verb else noun  # 县普及了小学教育: a one-character thing before what it did
    pred = re.split(r"[，,。；;：:、（(]", rest[len(noun) :], maxsplit=1)[0]
    pred = re.sub(r"^(?:都|均|已经|已|也)", "", pred).replace("了", "")
    pred = pred if 2 <= len(pred) <= 10 and not re.search(r"[的将要\d]", pred) else ""
    return pred + re.sub(r"(?<=.)了(?=..)", "", noun) + "比例"


def _spent_after(g: _Grammar, core: str, after: str) -> str:
    """A clause ending with a spend verb before a sum (省级财政安排4亿元专项资金支持项目前期工作): what is
    spent is the sum noun after the number, named by what it goes to when a purpose verb follows."""
    if not core.endswith(g.spend_words):
        return ""
    plain = _QUOTES.sub("", after)
    noun = _count_noun(g, plain)
    ends = [noun.find(n) + len(n) for n in g.sum_nouns if n in noun]
    if not ends or max(ends) < 2 or not plain.startswith(noun):
        # 筹措7亿元实施就业惠民工程: no sum noun, the work it pays for names the money (就业惠民工程资金)
        rest = re.split(r"[，,。；;：:、（(]", plain, maxsplit=1)[0]
        work = next((rest[len(v) :] for v in g.work_verbs if rest.startswith(v)), "")
        return work + "资金" if 2 <= len(work) <= 12 and not re.search(r"[的\d等]", work) else ""
    noun = noun[: max(ends)]  # 补贴资金: the whole name of the sum, not its first sum word
    rest = re.split(r"[，,。；;：:、（(]", plain[plain.find(noun) + len(noun) :], maxsplit=1)[0]
    purpose = next((rest[len(v) :] for v in g.purpose_verbs if rest.startswith(v)), "")
    return (purpose if 2 <= len(purpose) <= 8 and not re.search(r"[的\d]", purpose) else "") + noun


def _sum_named_after(g: _Grammar, after: str) -> str:
    """The name of a sum written right after it when a relative clause stands before it (拿到的2000万元风投 ->
    风投金额, 下达的10亿元专项资金 -> 专项资金): a noun of the sum's own (ending with a sum noun) as it is, another
    one with 金额."""
    plain = _QUOTES.sub("", after)
    noun = _count_noun(g, plain)
    if not 2 <= len(noun) <= 10 or not plain.startswith(noun):
        return ""
    if (cut := _sum_noun_end(g, noun)) >= 2:
        return noun[:cut]  # 5000万元贷款用于扩大生产: the sum's name ends with its sum noun
    return noun if noun.endswith(g.sum_nouns) or _MEASURE_END.search(noun) else noun + "金额"


def _sum_noun_end(g: _Grammar, noun: str) -> int:
    """End of the first sum-of-money noun in `noun` (超长期特别国债支持 -> after 国债), or -1."""
    ends = [noun.find(n) + len(n) for n in g.sum_nouns if n in noun]
    return min(ends) if ends else -1


def _expand(g: _Grammar, subject: str) -> list[str]:
    """A contracted pair or triple named once (城乡居民, 存贷款, 一二三产) as its members, in order."""
    for short, members in g.compounds:
        if short in subject:
            return [subject.replace(short, m, 1) for m in members]
    return [subject]


def _short_form(g: _Grammar, name: str) -> str:
    """The usual short name of a distributed item (一产业增加值 -> 一产增加值)."""
    for long, short in g.short_forms:
        if name.startswith(long):
            return short + name[len(long) :]
    return name


def _shared_tail(g: _Grammar, parts: list[str]) -> list[str]:
    """认定雏鹰企业、瞪羚企业358户 -> 认定雏鹰瞪羚企业: kinds joined before one count that all end with the same
    head name it once, at the end."""
    head = _ends_with(g.heads, parts[-1])
    if not head or not all(p.endswith(head) and len(p) > len(head) for p in parts):
        return parts
    return [p[: -len(head)] for p in parts[:-1]] + [parts[-1]]


def _one_thing(parts: list[str]) -> bool:
    """Short names joined by 、 before one number (国家领航级、卓越级智能工厂达到24家) name one measure together;
    not a list of figures (、绿色园区32个), of examples (A、B等) or of things each said of (均, 分别); a year
    opening the clause is no figure (1979年停建、缓建了大中型项目295个)."""
    if len(parts) < 2 or not parts[0] or re.search(r"[等均\d]", re.sub(r"^\d{4}年", "", "".join(parts))):
        return False
    return all(1 <= len(p) <= 8 for p in parts[:-1])


def _sector_heading(scope: str) -> str:
    """The sector a clause like 煤炭工业建设， heads the sentence with (its sums are the sector's)."""
    clauses = [c for c in _CLAUSE_CUT.split(scope) if c.strip()]
    m = re.fullmatch(r"([\u4e00-\u9fff]{2,8})建设", clauses[-2].strip()) if len(clauses) >= 2 else None
    return m.group(1) if m else ""


def _previous_clause_subject(g: _Grammar, scope: str, places: Sequence[str]) -> str:
    """The noun of the clause before, cut before a number that was no figure (23.4万户, 2705列)."""
    clauses = [c for c in _CLAUSE_CUT.split(scope) if c.strip()]
    if len(clauses) < 2:
        return ""
    prev = clauses[-2]
    num = re.search(r"(?:达到|达|超过|超|为)?\d[\d.,]*(?:多|余)?[万亿千百]*[\u4e00-\u9fff]?$", prev)
    if not num or num.start() < 2:
        return ""
    core, _ = _clean(g, prev[: num.start()], places)
    return core if 2 <= len(core) <= 16 else ""


def _clause_owner(g: _Grammar, scope: str, places: Sequence[str]) -> str:
    """The owner a clause without numbers opens the sentence with, when the figure's clause names only a bare
    measure (乡镇企业保持旺盛发展势头，五年间产值增长2倍 -> 乡镇企业): a noun ending with an owner's head,
    followed by what it did, and not opened by a verb or preposition. Clauses between it and the figure that
    open with a verb of `clause_owners.shared_by` have no subject of their own and say more of it (一季度重点项目
    今天开工，涵盖…，总投资超5600亿元 -> 重点项目总投资); a clause that is only a place or a time is skipped too."""
    clauses = [c for c in _CLAUSE_CUT.split(_QUOTES.sub("", scope)) if c.strip()]
    for i, raw in enumerate(reversed(clauses[:-1])):
        if re.search(r"\d", raw):
            return ""
        prev = _strip_lead(g, raw.strip(), places)
        if not prev or (i == 0 and prev.startswith(g.owner_shared_by)):
            continue  # a place or time alone; a clause said of the owner before it
        if prev.startswith((*g.any_verb, *g.owner_not_first)):
            return _object_owner(g, prev)  # 建成国际陆港物流园，吞吐量…: no subject, but what it built
        head = g.clause_owner.search(prev)
        if head is None or len(prev) - head.end() < 2:
            return _topic(g, prev) or _object_owner(g, prev)
        owner = prev[: head.end()]
        if owner.endswith(tuple(g.heading_nouns)) and not _starts_keep(g, owner):
            # 一季度重点项目今天开工，…，总投资…: the status of the projects says which the sum is over
            rest = prev[head.end() :]
            rest = next((rest[len(t) :] for t in g.status_times if rest.startswith(t)), rest)
            owner = _post_verb(g, rest, "") + owner
        return owner
    return ""


def _object_owner(g: _Grammar, clause: str) -> str:
    """The thing a clause builds, at its end (部区共建内蒙古牛羊肉交易中心，力争交易额达到100亿元): the noun after
    the clause's last verb of `clause_owners.object_verbs`, ending with one of `object_heads`."""
    if g.object_verb is None or not clause.endswith(g.object_heads):
        return ""
    verbs = list(g.object_verb.finditer(clause))
    noun = clause[verbs[-1].end() :] if verbs else ""
    return noun if 4 <= len(noun) <= 14 and not re.search(r"[的和与及、等]", noun) else ""


def _topic(g: _Grammar, clause: str, measure_ok: bool = False) -> str:
    """The topic of a clause that says how something is doing (城镇职工基本养老保险制度不断完善, 市场经营主体增量
    提质, 中欧班列保持每天开行一班): the noun before the first word of `clause_owners.topic_predicates`, without a
    head of `topic_heads_cut` (制度: the measures are of what the system covers); no topic when that noun is
    itself a measure (产业规模不断扩大: unless `measure_ok`, where the topic is wanted as the measure) or holds a
    relative or a preposition."""
    m = g.topic_predicate.search(clause, 2) if g.topic_predicate is not None else None
    if m is None or not 2 <= m.start() <= 14:
        return ""
    noun = clause[: m.start()]
    measure = bool(_MEASURE_END.search(noun)) or noun.endswith(("规模", "水平", "质量"))
    if re.search(r"[的在对把将与和及、]", noun) or (measure and not measure_ok):
        return ""
    cut = _ends_with(g.topic_heads_cut, noun)
    noun = noun[: -len(cut)] if cut and len(noun) - len(cut) >= 2 else noun
    return noun if len(noun) >= 2 else ""


def _previous_clause_noun(g: _Grammar, scope: str, places: Sequence[str]) -> str:
    """The quantity named by the clause before when the figure's own clause is only a verb (原油产量继续
    增长，达到1.42亿吨 -> 原油产量): a clause without numbers whose noun looks like a measure."""
    clauses = [c for c in _CLAUSE_CUT.split(scope) if c.strip()]
    prev = re.sub(r"(?:19|20)\d\d年", "", clauses[-2]) if len(clauses) >= 2 else ""
    prev = _MONTH_PHRASE.sub("", prev)  # 外贸出口从7月份开始大幅度回升: a month says when, it is no figure
    if prev and (digit := re.search(r"\d", prev)):
        # 全省生产总值连续跨越7万亿、8万亿…，年均增长5.9%: the topic named before the milestones it passed
        core = _topic(g, _strip_lead(g, prev[: digit.start()], places), measure_ok=True)
        return core if 2 <= len(core) <= 12 and _MEASURE_END.search(core) else ""
    if not prev:
        return ""
    core, moved = _clean(g, prev, places)
    named = _MEASURE_END.search(core) or core.endswith(g.owned_rates)  # 由市场决定价格的比重，已经由…扩大到
    # 城乡居民按人口平均的消费水平，将比一九八○年增长22%: a level, a wage or a price named alone is a quantity too
    named = named or core.endswith(g.level_words)
    # 预算外资金却大幅度增加，由一九七八年的371亿元增加到…: the thing said to change is what the change runs over
    named = named or (bool(moved) and bool(_CHANGE_FROM.match(clauses[-1].strip())) and not re.search(r"[的在对把与]", core))
    if not named:
        # 外贸出口大幅度回升，全年达到1949亿美元: the topic of a clause saying how it went, when it names a quantity
        core = _topic(g, _strip_lead(g, prev, places), measure_ok=True)
        named = bool(core) and (_MEASURE_END.search(core) or core.endswith((*g.own_measures, *g.bare_measures)))
    return core if 2 <= len(core) <= 12 and named else ""


def _owned(g: _Grammar, subject: str, core: str) -> str:
    """A bare measure word listed after a measure of something (粮食播种面积…、产量…; 猕猴桃综合产值增长…、
    出口增长…) is said of the same thing: the owner is the subject less its own measure word."""
    head = next((h for h in g.owner_measures if subject.endswith(h) and len(subject) - len(h) >= 2), None)
    return subject[: -len(head)] + core if head and not subject.endswith(core) else core


def _join(subject: str, core: str) -> str:
    """签约项目 + 项目总投资 -> 签约项目总投资; 地区生产总值 + '' -> 地区生产总值."""
    if not core or core == subject:
        return subject
    for k in range(min(len(subject), len(core)), 1, -1):
        if subject.endswith(core[:k]):
            return subject + core[k:]
    return subject + core


def _owner_after(g: _Grammar, after: str) -> str:
    """投资100亿元的零碳产业园区: the thing a sum is 'of', named after 的 (counts before it dropped)."""
    m = re.match(r"^(?:以上|左右)?的(?:\d+[个项家座条]|[一二三四五六七八九十百千]+[个项家座条])?", after)
    if not m:
        return ""
    noun = _count_noun(g, after[m.end() :])
    head = g.owner_head.search(noun)
    noun = noun[: head.end()] if head else noun  # …新材料项目刷新我省纪录: the name ends with its head noun
    return noun if len(noun) >= 2 else ""


def _suffix(
    g: _Grammar, kind: str, change: str | None, unit: str, core: str, measure: str | None = None
) -> str:
    if kind == "percent" and unit in ("个百分点", "个千分点") and change:
        return change  # 民间投资占比提高2.2个百分点 -> 民间投资占比提高; 出生率下降5个千分点 -> 出生率下降
    if kind == "percent":
        if change:
            return g.percent_change.get(change, "增长率")
        if re.search(r"(?:率|比重|占比|比例|指数|度|份额)$", core):
            return ""
        if core.endswith("占"):
            return "比"  # 对共建一带一路国家投资占50%以上 -> …投资占比
        if re.search(r"占[\u4e00-\u9fffA-Za-z]{2,}$", core):
            return "比重"  # 研发人员…占员工总数的35% -> 研发人员占员工总数比重
        if core.endswith(g.rate_stems):
            return "率"  # 规模以上企业复工复产已经达到98% -> …复工复产率
        return "占比" if measure == "占比" else ""
    if kind in ("money", "mass", "area", "power", "length") and change in g.amount_change:
        return g.amount_change[change]  # 比上年增产1199万吨 -> 粮食产量增加额: a change of an amount is its 增加额
    if kind == "money" and not change:
        return next(
            (suf for end, suf in g.money_suffixes if core.endswith(end)), ""
        )  # 进出口2902亿元 -> 进出口额
    if unit == "倍" and change:
        return "增长倍数"
    if unit == "倍":
        return "" if core.endswith("倍数") else "倍数"  # 财政科技支出…是2012年的4.3倍 -> 财政科技支出倍数
    if kind == "count":
        return _count_suffix(unit, core)
    if kind == "area" and not re.search(r"(?:面积|用地|空间|规模|场地)$", core):
        return "面积"  # 推广高产优质品种3874万亩 -> 推广高产优质品种面积
    if (
        kind in ("mass", "volume", "energy")
        and not change
        and g.flow_quantity is not None
        and g.flow_quantity.search(core)
        and not _FLOW_DONE.search(core)
    ):
        return "量"  # 碳市场交易5421.8万吨 -> 碳市场交易量, 保供煤炭35亿吨 -> 保供煤炭量: a flow's quantity
    if kind == "mass" and len(core) <= 3 and not _OUTPUT_DONE.search(core):
        return "产量"  # 棉花三百六十万吨 -> 棉花产量
    if kind == "length" and not core.endswith(g.length_words):
        return (
            "里程" if any(w in core for w in g.route_words) else "长度"
        )  # 改建农村公路20万公里 -> 改建农村公路里程
    if kind == "power" and core.endswith("装机") and not re.search(r"总装机|新增", core):
        return "规模"  # 新能源装机1.7亿千瓦 -> 新能源装机规模
    return ""


def _count(
    g: _Grammar,
    parts: list[str],
    after: str,
    unit: str,
    st: SpecificState,
    places: Sequence[str],
    listed: bool,
    earlier: str = "",
    scope: str = "",
) -> str | None:
    """A count: the thing after the unit when the clause ends with a verb (or names nothing), else the
    clause's noun; a keep-verb opening a list (新增A 10家、B 20家) stays in front of every item."""
    raw = parts[-1]
    core, change = _clean(g, raw, places)
    per = g.count_rate.search(core)
    rate = per.group(1) if per and len(core) > per.end() else ""  # 每年实施…: the rate per time stays
    opened = _starts_keep(g, core) or ""
    core = _drop_examples(core)
    if opened and core and not core.startswith(opened):
        core = opened + core  # 新增康复大学等高校14所 -> 新增高校: the verb opening the examples holds for their kind
    if listed:
        core = core.lstrip(
            "".join(g.verb_joiners)
        )  # …358户和种子独角兽企业1户: the joiner is no part of the name
    change = change if change in g.count_changes else None
    part = _subset(g, raw, core, after, st)
    if part:
        return part + _count_suffix(unit, part)  # 其中56项为全国首创 -> 全国首创制度创新成果数量
    if not listed:
        head = _clean(g, parts[0], places)[0]
        # 新培育10个A、20个B: 新培育 opens the list; past an adverb (着力培育) and 累计 (累计培育A 1714家、B 814家:
        # B was fostered too)
        head = _strip_verb_lead(g, _cut_subject(g, head))  # 省市县选派A 1787名、B 973名: 选派B
        head = head[2:] if head.startswith("累计") else head
        st.keep = head if head in g.keep else _lead_verbs(g, head)
    if unit == "人" and after.startswith("口"):
        # 13亿人口的发展中国家, 覆盖农村5亿人口: the unit is the word 人口; a verb of reach says whose
        st.subject = (core if _starts_keep(g, core) else "") + "人口"
        return st.subject + "数量"
    yearly = _YEARLY.search(core)
    list_yearly = len(parts) > 1 and bool(
        _YEARLY.search(_clean(g, parts[0], places)[0])
    )  # 年产A 2600万只、B 500万个
    if yearly or ((listed and st.yearly or list_yearly) and core):
        # 每年可生产新能源汽车30万辆, 年产方形储能电池2600万只、电池组500万个: a yearly output
        st.yearly = True
        thing = yearly.group(1) if yearly else core
        st.subject = thing + "年产量"
        return st.subject if 2 <= len(thing) <= 16 else None
    if not listed:
        st.yearly = False
    core = _cut_subject(g, core)
    core = _SCOPE_END.sub("", core)
    core = re.sub(
        r"(?<=.)(?:各级各类|各类|各种)(?=..)", "", core
    )  # 新登记各类经营主体: 各类 names no kind  # 覆盖全国35个城市: a scope word before the number goes with the thing counted
    if core and not _starts_keep(g, core):
        core = _strip_lead(g, _strip_verb_lead(g, core), places)  # 汇集了各类文创企业: 各类 after the verb
    written = _relative_head(g, after, _count_noun(g, after))
    noun = _shared_head(g, after, written)
    sized = _SIZE_CLASS.match(_QUOTES.sub("", after))
    if sized and not noun:
        noun = sized.group(1) + sized.group(2)  # 70个30亿元以上项目 -> 30亿元以上项目
    elif st.heading and noun.endswith(tuple(g.heading_nouns)) and len(noun) <= 4:
        noun = (
            noun[:-2] + st.heading + noun[-2:]
        )  # 公路方面，…等2个项目、…等23个续建项目 -> 公路项目, 续建公路项目
    elif _CLASS_ONLY.match(noun) and "项目" in re.split(r"[，,。；;]", after, maxsplit=1)[0]:
        noun += "项目"  # 12个百亿元、70个30亿元以上项目: the size classes share the head
    # the thing as written right after the unit (before a shared head was added) is not the next count's clause
    shown = next((n for n in (noun, written) if n and _QUOTES.sub("", after).startswith(n)), "")
    st.noun = _QUOTES.sub("", after)[: len(shown)]
    closing, thing = _closing_deed(g, after, noun) if noun else ("", "")
    noun = thing or noun
    deed_noun = _ends_with(g.deed_nouns, noun) if noun and not closing else None
    if deed_noun and len(noun) - len(deed_noun) >= 2:
        noun = deed_noun + noun[: -len(deed_noun)]  # 完成800个经济薄弱村扶持 -> 扶持经济薄弱村: the deed goes in front
    post = _post_verb(g, after, noun) if noun else ""
    post = "" if noun.startswith(post) else post  # 4个在建铁路项目加快建设
    pred = _predicate(g, after, noun) if noun and not post else ""
    verb = _ends_with(g.count_verbs, core) if core else None
    examples = raw.endswith("等")
    served = _beneficiaries(g, raw, after)
    if served:
        st.subject = served
        st.noun = next((served[i:] for i in range(len(served)) if after.startswith(served[i:])), "")
        return served + _count_suffix(unit, served)  # 为10万名残疾人提供基本康复服务 -> 提供基本康复服务残疾人
    if not noun and not listed and scope and (some := _existential(g, raw, after, scope, places)):
        st.subject = some
        return some + _count_suffix(unit, some)  # 世界500强企业，有30家落户海南 -> 落户世界500强企业
    if noun in g.bare_heads and not core and earlier:
        noun = _named_before(g, earlier, noun, places) or noun  # 山东新旧动能转换重大项目…，321个项目
    if noun:  # a noun right after the unit is the thing counted (我国172项重大水利工程)
        keep = verb if verb in g.keep or verb in g.reach else ""
        if not keep and verb:
            keep = _ends_with(g.keep, core[: -len(verb)]) or ""
        elif keep and keep == verb:
            keep = _joined_verb(g, core[: -len(keep)]) + keep  # 引进和培育150家企业 -> 引进培育企业
        if not keep and examples:
            # 维修改造机场大道、友谊路等58条重要道路: the verb opening the examples holds for their kind
            keep = opened or (st.keep if len(parts) > 1 and not listed else "")
        if not (keep or verb or core) and change:
            keep = change  # 增加了34个开放口岸 -> 增加开放口岸
        if not (keep or verb or post or pred) and core:
            # 新增荆州、孝感、黄冈3个过三千亿元城市: the verb opens the names; 新建、重组11家: verbs only
            keep = (core if len(core) <= 4 else _starts_keep(g, core) or "") if _starts_keep(g, core) else ""
        if pred.endswith(noun):
            noun = ""  # 4个产业集群入选国家首批战略性新兴产业集群
        elif not (keep or post or pred) and raw.endswith("的"):
            # 通过初审的49个科技创新项目 (a deed, not a quality: 切实可行的73条整改措施)
            deed = core.startswith((*g.predicates, *g.keep, *(k for k, _ in g.post_verbs)))
            keep = core if deed and 2 <= len(core) <= 6 else ""
        if post and keep in g.doing:
            keep = ""  # 带动100多家配套企业落地 -> 落地配套企业: what the things did says which, not what moved them
        if closing and not post and not pred:
            # 实施100条客运班线公交化改造 -> 公交化改造客运班线; 完成…超低排放改造 keeps 完成
            finished = bool(re.search(r"完成了?$", raw.strip())) and closing.endswith(g.deed_done)
            keep = "完成" if finished else keep if keep and keep not in g.doing and keep in g.keep else ""
            keep += closing
        name = (keep or post or pred) + noun
        reach = _ends_with(g.reach_owned, core) if core else None
        if reach and name.startswith(reach) and len(core) - len(reach) >= 2:
            name = core[: -len(reach)] + name  # 北部湾港通达100多个国家: what reaches them owns the count
    elif core and not examples and not (core in g.totals and st.subject):
        name = core
        if core in g.keep and st.subject:
            # 高新技术企业数量…增加到6507家，今年将力争再净增3000家: a verb alone counts the sentence's thing
            thing = st.subject[len(_starts_keep(g, st.subject) or "") :]
            name = core + re.sub(r"(?<=..)(?:数量|总数|总量|个数|数)$", "", thing)
        rank_tail = re.split(r"(?:级以上|级|以上)", _strip_verb_lead(g, st.subject or ""))[-1]
        if raw.startswith("其中") and core.endswith("级") and len(core) <= 4 and len(rank_tail) >= 2:
            name = core + rank_tail  # …孵化器120家，其中国家级45家 -> 国家级孵化器
        elif st.prev_money and raw == core and len(core) <= 4:
            name = st.prev_money + core  # 百亿元以上项目12个, 超10亿元项目50个: the class as written
            if st.last_kind == "money" and st.last and st.last.endswith(g.class_sums):
                name = st.last + name  # 新引进落地总投资超10亿元项目: the verb and the sum the class is of
        moved = _ends_with(g.fronted, core)
        if moved and len(core) - len(moved) >= 2:
            name = moved + core[: -len(moved)]  # 亿元以上工业企业复工820多家 -> 复工亿元以上工业企业
        elif name == core and not _starts_keep(g, core) and (status := _post_verb(g, after, "")):
            name = status + core  # 重点项目120个已开工建设 -> 开工重点项目: the status said after the unit
    else:
        did = _predicate(g, after, "") if unit in ("人", "名", "位") else ""
        # 47人入选科技领域国家重点人才计划: people named by what they did
        subject = st.subject or ""
        if core in g.totals:
            subject = subject.removeprefix("累计")  # 累计净增经营主体155万户、总量达474万户
        flow = _starts_keep(g, subject) if "累计" in raw or core in g.totals else None
        if flow is not None and flow in g.flow_verbs:
            subject = subject[len(flow) :]  # 新增百亿县区26个，累计达到46个: the total, not the newly added
        name = noun or (did if len(did) > 2 else "") or subject
        if core in g.kept_totals and name == subject and subject and not subject.endswith(core):
            name = subject + core  # 新增上市公司45家、总量达1224家 -> 上市公司总量 (the word as written)
        if not raw and not noun and unit in ("人", "名") and name.endswith("户") and len(name) >= 3:
            name = name[:-1] + "人口"  # 贫困户145户585人: the people of the households counted just before
    bare = name if name else core if core in g.totals and not st.subject else ""
    owned = bare in g.topic_measures or bare in g.bare_measures or bare in g.generic
    if scope and not listed and owned and (owner := _clause_owner(g, scope, places)):
        name = owner + bare  # 市场经营主体增量提质，总量突破1000万户 -> 市场经营主体总量
    if change and not noun and name and not name.endswith(change):
        name += change  # 贫困人口减少800万人 -> 贫困人口减少人数; 同比增加167万人 -> 高校毕业生增加数量
    # 新探明A、B等大中型矿产地35处: the verb opening the examples holds for the kind they end with
    opened_examples = not listed and len(parts) > 1 and bool(_EXAMPLES.search(raw))
    if (listed or opened_examples) and st.keep and not _starts_keep(g, name) and not _MEASURE_END.search(name):
        name = st.keep + name  # (新增A 80家、人形机器人产量5000台: a measure of its own takes no 新增)
    if _BUILT.match(name) and not name.endswith(("项目", "工程")):
        name = name[2:]  # 建成绿色工厂510个: what now exists is counted; 建成 stays a status of projects only
    if rate and not name.startswith(rate) and len(name) >= 2:
        name = rate + name  # 每年实施20项重点民生实事 -> 每年实施重点民生实事
    if scope:
        st.site = any(w in scope for w in g.site_words)
    if st.site and (name in g.site_hands or (not name and unit in ("人", "名"))):
        name = g.site_work + name  # 在…工地，1200多人、500多台机械抓紧建设 -> 施工人数, 施工机械数量
    if unit in g.activity_units and (done := next((v for v in g.activity_verbs if name.startswith(v)), "")):
        name = name[len(done) :]  # 开展补贴性职业技能培训28.69万人次: an activity counted by its units names itself
    classed = bool(st.prev_money) and st.prev_money in name
    if not 2 <= len(name) <= 24 or (
        _NUMBER.search(name) and not (sized and name.endswith(noun)) and not classed
    ):
        return None
    if raw.strip().startswith(g.subset_openers) and st.subject and name != st.subject:
        name = _part_head(g, name, st.subject)  # 汽车保有量…，其中新能源汽车由45万辆… -> 新能源汽车保有量
    suffix = _count_suffix(unit, name)
    # 接待游客17.52亿人次、…，分别增长32.9%: a count of visits (人次) is its own quantity; a change said of it
    # in a later 分别 list is of that quantity (接待游客人次增长率), not of the people
    st.subject = name
    if suffix in g.event_counts:
        st.event_counts[name] = suffix
    return name + suffix


def _subset(g: _Grammar, raw: str, core: str, after: str, st: SpecificState) -> str:
    """A part of the sentence's last count named by what it is (…259项制度创新成果，其中56项为全国首创 ->
    全国首创制度创新成果): a count opened by one of `subset.openers` with no noun of its own, then 为/是 and a
    predicate. A predicate that ends with a head noun names the part itself (其中32家为专精特新企业)."""
    if core or not st.subject or not raw.strip().startswith(g.subset_openers):
        return ""
    m = re.match(r"^(?:" + alternation(g.subset_copulas) + r")([\u4e00-\u9fffA-Za-z“”\"]{2,14}?)(?=[，,。；;：:（(]|$)", after)
    what = _QUOTES.sub("", m.group(1)) if m else ""
    if not 2 <= len(what) <= 12:
        return ""
    if _ends_with_any(g.heads, what) or _ends_with_any(g.bare_heads, what):
        return what
    thing = st.subject[len(_starts_keep(g, st.subject) or "") :]
    return what + thing if len(thing) >= 2 else ""


def _part_head(g: _Grammar, core: str, subject: str) -> str:
    """A part named after 其中 without a measure word (全省规上工业增加值增长6.5%，其中高技术制造业增长12%) is
    measured as the whole is: it takes the measure word the sentence's subject ends with (高技术制造业增加值)."""
    if _MEASURE_END.search(core) or core.endswith((*g.own_measures, *g.owner_measures)):
        return core
    head = _ends_with(g.part_heads, subject)
    return core + head if head and len(subject) > len(head) and len(core) >= 2 else core


def _beneficiaries(g: _Grammar, raw: str, after: str) -> str:
    """A count right after a preposition of whom it is done for (为10万名残疾人提供基本康复服务, 为1000家社区卫生
    服务中心、乡镇卫生院配备医保刷脸支付终端): the things are named up to the verb of the clause, which with the
    rest of the clause says which are counted and goes in front (提供基本康复服务残疾人)."""
    if g.served_verb is None or not raw.strip().endswith(g.served_preps):
        return ""
    clause = re.split(r"[，,。；;：:（(]", _QUOTES.sub("", after), maxsplit=1)[0]
    clause = re.split(r"\d", clause, maxsplit=1)[0]  # 为29个省份保供煤炭超35亿吨: the next figure is not the deed
    while (w := _ends_with(g.tail, clause)) and len(clause) - len(w) >= 4:
        clause = clause[: -len(w)]
    verb = g.served_verb.search(clause, 2)
    if verb is None:
        return ""
    who, what = clause[: verb.start()], clause[verb.start() :]
    if not 2 <= len(who) <= 20 or not 2 <= len(what) <= 14:
        return ""
    return what + who


def _existential(g: _Grammar, raw: str, after: str, scope: str, places: Sequence[str]) -> str:
    """A count said with 有 and no noun after a clause that is only the things (世界500强企业，有30家落户海南;
    全省重点项目中，有120个已开工建设): what they did says which are counted, in front of the things."""
    if raw.strip() not in g.exist_words:
        return ""
    clauses = [c for c in _CLAUSE_CUT.split(_QUOTES.sub("", scope)) if c.strip()]
    prev = clauses[-2].strip() if len(clauses) >= 2 else ""
    if not prev or _FIGURE_IN.search(prev):
        return ""  # (世界500强: a number inside a name is no figure)
    prev = re.sub(r"(?:当中|之中|中|里)$", "", _strip_lead(g, prev, places))
    if not 2 <= len(prev) <= 16 or prev.startswith(g.any_verb) or not (
        _ends_with_any(g.heads, prev) or _ends_with_any(g.bare_heads, prev)
    ):
        return ""
    verb = _post_verb(g, after, "") or _predicate(g, after, "")
    return verb + prev if verb else ""


def _named_before(g: _Grammar, earlier: str, head: str, places: Sequence[str]) -> str:
    """A bare head noun counted (321个项目) names the things an earlier clause of the sentence named in full
    with the same head (山东新旧动能转换重大项目优选…): that name, without the place or verb it opens with."""
    plain = _QUOTES.sub("", earlier)
    i = plain.rfind(head)
    if i < 2:
        return ""
    run = re.split(r"[^\u4e00-\u9fffA-Za-z0-9+]", plain[:i])[-1]
    run = run[1:] if run.startswith(g.object_preps) and len(run) >= 3 else run  # 对小微企业实行…
    name = _strip_verb_lead(g, _strip_lead(g, run, places)) + head
    if name.startswith(g.any_verb) and not _starts_keep(g, name):
        return ""
    return name if len(head) < len(name) <= 14 else ""


def _shared_head(g: _Grammar, after: str, noun: str) -> str:
    """80项关键核心技术研发和80项重大科技成果转化项目: a thing counted first takes the head the next count's
    thing ends with (项目, 工程) when it names no kind of its own; a class alone (万亿级) the head after the next
    thing's class (3个万亿级和7个千亿级产业集群 -> 万亿级产业集群)."""
    if len(noun) < 2 or noun.endswith(g.heads):
        return noun
    plain = _QUOTES.sub("", after)
    m = _NEXT_COUNTED.match(plain, len(noun)) if plain.startswith(noun) else None  # one compiled pattern
    following = _count_noun(g, m.group(1)) if m else ""
    head = _ends_with(g.shared_heads, following)
    if not head and noun.endswith("级") and (rank := following.rfind("级")) > 0 and len(following) - rank > 2:
        head = following[rank + 1 :]  # 3个万亿级和7个千亿级产业集群: a class alone takes the next class's head
    if not head and _THRESHOLD_CLASS.fullmatch(noun) and plain.startswith(noun):
        # 软件等4个过五千亿、北斗应用等4个过千亿新兴产业: a threshold alone takes the next threshold's head, past the
        # examples the next item opens with
        nxt = _NEXT_LISTED.match(plain, len(noun))
        later = _count_noun(g, nxt.group(1)) if nxt else ""
        cls = _THRESHOLD_CLASS.match(later)
        head = later[cls.end() :] if cls and len(later) - cls.end() >= 2 else ""
    return noun + head if head else noun


def _payer(g: _Grammar, who: str) -> str:
    """The payer of a spent sum kept in its measure (中央财政拟 -> 中央财政), or '' when it is not a treasury."""
    who = who.removesuffix("的")
    while (modal := _ends_with(g.modals, who)) and len(who) > len(modal):
        who = who[: -len(modal)]
    return who if who.endswith(g.payer_heads) and len(who) <= g.payer_max else ""


def _verb_run(g: _Grammar, s: str) -> str:
    """The keep-verbs that end `s`, with the ones joined to them by 和/及/与/、 (停建、缓建 -> 停建缓建), or ''."""
    run = ""
    while (verb := _ends_with(g.keep, s)) and len(run) < 12:
        run, s = verb + run, s[: -len(verb)]
        joiner = next((j for j in g.verb_joiners if s.endswith(j)), "")
        s = s[: len(s) - len(joiner)]
    return run


def _joined_verb(g: _Grammar, before: str) -> str:
    """The keep-verb joined to the next one by 和/及/与/、 at the end of `before` (引进和 -> 引进), or ''."""
    joiner = next((j for j in g.verb_joiners if before.endswith(j)), None)
    return (_ends_with(g.keep, before[: -len(joiner)]) or "") if joiner else ""


def _cut_subject(g: _Grammar, core: str) -> str:
    """省市县选派科技副总1787名 -> 选派科技副总: who did it is not what is counted (the first verb after
    the subject starts the measure; verbs inside fixed terms such as 城镇新增就业 are not listed)."""
    best = -1
    for v in g.subject_verbs:
        i = core.find(v, 2)
        adjective = core[i + len(v) : i + len(v) + 1] in _ADJECTIVE_MAKERS  # 建设保障性租赁住房: 保障性 is no verb
        if i >= 2 and len(core) - i - len(v) >= 2 and not adjective and (best < 0 or i < best):
            best = i  # the first verb after the subject: 谋划产业建设项目 keeps its 建设
    if best < 0 or core[:best] in g.keep or _starts_keep(g, core[:best]):
        return core  # 累计实施…, 新培育认定…: a verb that says which ones are counted is no subject
    if len(_starts_keep(g, core) or "") > best:
        return core  # 计划开工项目: the verb found is inside the keep-verb the clause opens with
    return core[best:]


def _post_verb(g: _Grammar, after: str, noun: str) -> str:
    """10个项目集中签约 -> 签约: a status verb right after the counted thing says which ones are counted."""
    i = after.find(noun)
    rest = after[i + len(noun) :] if i >= 0 else ""
    rest = rest.removeprefix("等")  # 85个口袋公园等建成开放: the status after the examples' 等
    for _ in range(2):
        # 1159个重大项目陆续实现开工建设: an adverb or 实现 before the status verb says how, not which
        adv = next((a for a in (*g.predicate_adverbs, *g.status_lead) if rest.startswith(a)), None)
        if adv is None:
            break
        rest = rest[len(adv) :]
    verb = next(((k, v) for k, v in g.post_verbs if rest.startswith(k)), None)
    if verb is None:
        return ""
    # 100多个重大产业项目签约或开工: two statuses joined both say which (或 stays, 和 and 、 go)
    rest = rest[len(verb[0]) :]
    joiner = next((j for j in g.status_joiners if rest.startswith(j)), None)
    second = next((v for k, v in g.post_verbs if joiner and rest[len(joiner) :].startswith(k)), None)
    return verb[1] + (g.status_joiners[joiner] + second if joiner and second else "")


def _predicate(g: _Grammar, after: str, noun: str) -> str:
    """8家全国重点实验室落户河北, 13个大模型通过国家备案: what the counted things did says which ones are
    counted (落户全国重点实验室, 通过国家备案大模型); the predicate runs to the clause end."""
    i = after.find(noun)
    rest = _QUOTES.sub("", after[i + len(noun) :] if i >= 0 else "")
    rest = re.split(r"[，,。；;：:、（(]", rest, maxsplit=1)[0]
    for _ in range(2):
        adv = next((a for a in g.predicate_adverbs if rest.startswith(a)), None)
        if adv is None:
            break
        rest = rest[len(adv) :]
    verb = next((v for v in g.predicates if rest.startswith(v)), None)
    done = next((d for d in g.achieve if rest.startswith(d)), None)
    if verb is None and done and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", rest[len(done) :]):
        # 685家医疗机构实现互认, 5家企业实现上市: what they came to do says which; 完成 + a verb of doing stays
        # (8个重点河湖入河排污口完成整治 -> 完成整治…: session 13, rule 1)
        deed = rest[len(done) :]
        return done + deed if done == "完成" and deed in g.doing else deed
    if verb is None:
        # 8条产业链产值两位数增长, 46种产品能耗达到国家先进值: what is said of an attribute of the things says
        # which ones are counted (产值两位数增长产业链)
        attr = rest.startswith(g.attributes) and 2 < len(rest) <= 12 and not re.search(r"[的将要\d%％]", rest)
        return rest if attr else ""  # (17个重点传统制造业增加值增长5.3%: the attribute has its own figure)
    if verb in g.bare_predicates:
        return verb  # 落户河北: where is not which
    rest = re.sub(r"^(.{2,}?)了", r"\1", rest)
    return rest if len(rest) <= 16 and not re.search(r"[的将要]", rest) else verb


def _strip_verb_lead(g: _Grammar, core: str, doing: bool = False) -> str:
    """推出人工智能标志性产品 -> 人工智能标志性产品: a verb that does not say which things are counted (with
    `doing`, a verb of doing too: it selects things counted, not a sum)."""
    for _ in range(2):
        v = next(
            (
                w
                for w in ((*g.drop_lead, *g.doing) if doing else g.drop_lead)
                if core.startswith(w) and len(core) - len(w) >= 2 and not core[len(w) :].startswith(_ADJECTIVE_MAKERS)
            ),
            None,
        )  # 保障性租赁住房, 服务型制造: a verb before 性/型 makes an adjective of a word, no verb is cut
        if v is None or (v in g.adverbs and not core[len(v) :].startswith(g.any_verb)):
            break  # an adverb goes with the verb it modifies (重点推进…); before a noun it is an adjective (重点领域)
        core = core[len(v) :]
    return core


def _lead_verbs(g: _Grammar, s: str) -> str:
    """The verbs that select opening `s`, joined ones all (支持建设A 10家、B 20家 -> 支持建设B; 新打造A 5个、B 5条 ->
    新打造B: 新 before a verb that selects says the things are new ones), or ''."""
    run, rest = "", s
    if rest.startswith("新") and _starts_keep(g, rest[1:]) and not (_starts_keep(g, rest) or "").startswith("新"):
        run, rest = "新", rest[1:]  # (新建, 新增: one word of its own)
    while (verb := _starts_keep(g, rest)) and len(run) < 8:
        run, rest = run + verb, rest[len(verb) :]
    return run if run != "新" else ""


def _starts_keep(g: _Grammar, s: str) -> str | None:
    if not s.startswith(g.keep):
        return None
    return next((w for w in g.keep if s.startswith(w) and len(s) > len(w)), None)


@dataclass(frozen=True)
class _Refer:
    demonstrative: re.Pattern[str]
    antecedent: dict[str, re.Pattern[str]]
    change_verbs: re.Pattern[str]
    fillers: re.Pattern[str]
    reach: int
    pilot: re.Pattern[str]
    pilot_verbs: re.Pattern[str]
    places: tuple[str, ...]
    sector: re.Pattern[str]
    output_units: frozenset[str]
    actual: re.Pattern[str]
    plan_lead: re.Pattern[str]
    spent_bare: re.Pattern[str]
    grant_verb: re.Pattern[str]
    grant_aid: re.Pattern[str]
    grant_prep: re.Pattern[str]
    grant_manner: re.Pattern[str]
    grant_per: re.Pattern[str]
    doing_well: re.Pattern[str]
    work_cut: re.Pattern[str]


@cache
def _refer() -> _Refer:
    d = load_data("specific.yaml").get("refer") or {}
    ana, pil, out = d.get("anaphora") or {}, d.get("pilots") or {}, d.get("output_lists") or {}
    act = d.get("actual_after_plan") or {}
    sp = d.get("spent_bare") or {}
    gr = d.get("grants") or {}
    well = load_data("cues.yaml").get("result_clauses") or {}  # a clause saying how a work is doing
    heads = list(ana.get("heads") or ["比重"])
    dem = alternation(ana.get("demonstratives") or ["这个"])
    places = tuple(sorted(pil.get("places") or ["城市"], key=len, reverse=True))
    return _Refer(
        demonstrative=re.compile(f"(?:{dem})({alternation(heads)})"),
        antecedent={h: re.compile(f"([^，。；,;：:！？\\n]{{2,40}}?){h}") for h in heads},
        change_verbs=re.compile(f"^(?:{alternation(ana.get('change_verbs') or ['提高'])})"),
        fillers=re.compile(alternation(ana.get("fillers") or ["等方面的"]) + "|[、，,的]"),
        reach=int(ana.get("reach") or 300),
        pilot=re.compile(r"([\u4e00-\u9fff]{2,30}?)试点"),
        pilot_verbs=re.compile(f"^(?:{alternation(pil.get('verbs') or ['启动'])})"),
        places=places,
        sector=re.compile(str(out.get("sector") or "(?!)")),
        output_units=frozenset(out.get("units") or ()),
        actual=re.compile(
            f"^[，,]?{act.get('opener') or '实际'}({alternation(act.get('verbs') or ['完成'])})$"
        ),
        spent_bare=re.compile(
            f"^([\u4e00-\u9fff]{{0,4}}财政)(?:{alternation(sp.get('spans') or ['五年'])})*"
            f"({alternation(sp.get('nouns') or ['支出'])})$"
        ),
        grant_verb=re.compile(alternation(gr.get("verbs") or ["给予"])),
        grant_aid=re.compile(f"^(?:{alternation(gr.get('aids') or ['补贴'])})(?=$|[，,。；;、）)])"),
        grant_prep=re.compile(f"^(?:{alternation(gr.get('preps') or ['对'])})"),
        grant_manner=re.compile(alternation(gr.get("manner") or ["最高"])),
        grant_per=re.compile(str(gr.get("per") or "每人")),
        doing_well=re.compile(
            f"^([\u4e00-\u9fff]{{2,12}}?)(?:{alternation(well.get('adverbs') or ['不断'])})"
            f"(?:{alternation(well.get('end_verbs') or ['加强'])})$"
        ),
        work_cut=re.compile(f"(?<=..)(?:{alternation(sp.get('heads_cut') or ['工作'])})$"),
        plan_lead=re.compile(
            f"^(?:{alternation(act.get('plan_words') or ['计划'])})?(?:{alternation(act.get('verbs') or ['完成'])})"
        ),
    )


def anaphora_heads() -> tuple[frozenset[str], int]:
    """The heads a demonstrative can name by reference (这个比重) and how far back their phrase is looked for."""
    r = _refer()
    return frozenset(r.antecedent), r.reach


def refine_specific(
    fig_specific: str | None,
    sentence: str,
    begin: int,
    end: int,
    unit: str,
    earlier: str,
    previous: tuple[int, str | None] = (0, None),
) -> str | None:
    """A specific measure named by reference (specific.yaml `refer`): a ratio through a demonstrative takes the
    phrase the earlier text (`earlier`, the text before the sentence) named it by; places counted in a pilot's
    clause take the pilot's name; machines in an industry's output list take 产量; an actual said against the
    sentence's previous figure (`previous`: its end and specific measure) takes that plan's thing. `begin`/`end`
    delimit the figure in `sentence`; anything else comes back unchanged."""
    if not fig_specific:
        return fig_specific
    r = _refer()
    before = sentence[:begin]
    done = r.actual.match(before[previous[0] :].strip()) if previous[1] and "实际" in before else None
    if done and previous[1]:
        lead = r.plan_lead.match(previous[1])
        thing = previous[1][lead.end() :] if lead else ""
        if len(thing) >= 4:
            return done.group(1) + thing  # 计划建成投产大中型项目118个，实际建成128个 -> 建成大中型项目数量
    dm = r.demonstrative.search(before) if fig_specific in r.antecedent else None
    if dm and fig_specific == dm.group(1):
        head = dm.group(1)
        found = list(r.antecedent[head].finditer(earlier))
        for m in reversed(found):
            phrase = m.group(1).strip()
            phrase = r.change_verbs.sub("", phrase)
            phrase = r.fillers.sub("", phrase)
            if len(phrase) >= 2 and not r.demonstrative.search(m.group(0)):
                return phrase + head
        return fig_specific
    aid = r.grant_aid.match(sentence[end:]) if unit.endswith("元") else None
    if aid:
        start = max(previous[0], *(before.rfind(c) + 1 for c in "，,；;：:。、"))
        clause = _QUOTES.sub("", before[start:]).strip()
        verb = r.grant_verb.search(clause)
        if verb:
            who = r.grant_prep.sub("", clause[: verb.start()]).replace("的", "")
            per = r.grant_per.search(clause)
            who = r.grant_per.sub("", who)
            named = r.grant_manner.sub("", who) + (per.group(0) if per else "")
            if named:
                return named + aid.group(0) + "金额"  # “两癌”患病妇女给予每人1万元救助 -> 两癌患病妇女每人救助金额
    spent = r.spent_bare.match(fig_specific) if "财政" in fig_specific else None
    if spent:
        clauses = [c for c in re.split(r"[，,；;：:]", before) if c.strip()]
        said = r.doing_well.match(clauses[-2].strip()) if len(clauses) >= 2 else None
        topic = r.work_cut.sub("", said.group(1)) if said else ""
        return spent.group(1) + topic + spent.group(2)  # 抗灾救灾工作全面加强，中央财政五年支出551亿元
    bare = fig_specific[:-2] if fig_specific.endswith("数量") else fig_specific[:-1] if fig_specific.endswith("数") else ""
    place = bare if bare in r.places else None
    if place and "试点" in sentence:
        clause_start = max(before.rfind(c) for c in "，,；;：:") + 1
        after = sentence[end:]
        clause_end = min([i for i in (after.find(c) for c in "，,；;。") if i >= 0] or [len(after)])
        tail = after[:clause_end]
        late = r.pilot.search(r.pilot_verbs.sub("", tail[len(place) :])) if tail.startswith(place) else None
        if late:  # 88个城市启动城镇居民基本医疗保险试点
            return r.pilot_verbs.sub("", late.group(1)) + "试点" + place + "数量"
        early = r.pilot.search(before[clause_start:])
        if early:  # 做实基本养老保险个人账户试点扩大到11个省份
            return r.pilot_verbs.sub("", early.group(1)) + "试点" + place + "数量"
        return fig_specific
    if unit in r.output_units and bare and r.sector.search(sentence):
        clause_start = max(before.rfind(c) for c in "，,；;：:、") + 1
        product = before[clause_start:].strip()
        if 1 <= len(product) <= 6 and fig_specific == product + "数量":
            return product + "产量"  # 机械工业，拖拉机9.75万台 -> 拖拉机产量
    return fig_specific
