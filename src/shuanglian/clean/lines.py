"""Line features (CJK-aware) and rule classification for one line of a page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from shuanglian.clean.rules import LineRule, line_rules, spam_lexicon

_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Chinese sentence punctuation plus the ASCII forms many sites use inside Chinese text.
_PUNCT_RE = re.compile(r"[。，！？；：、“”‘’「」《》,;:!?]")
_SENT_END = set("。！？!?；;…”’」』）)】")
_SPACE_RE = re.compile(r"[\s\u3000\u00a0\u200b\u200c\u200d\ufeff]+")


@dataclass
class Line:
    """One candidate line: its number in the decoded input, normalised text and classification."""

    no: int
    text: str
    reason: str | None = None  # set when a rule (or the body-block step) drops the line
    end: bool = False  # matched an end-of-article rule
    after: bool = False  # everything after this line is dropped with the same reason

    @property
    def n_cjk(self) -> int:
        """Number of CJK characters."""
        return len(_CJK_RE.findall(self.text))

    @property
    def n_punct(self) -> int:
        """Number of Chinese (or ASCII-in-Chinese) punctuation marks."""
        return len(_PUNCT_RE.findall(self.text))


def normalise_line(text: str) -> str:
    """Trim and collapse whitespace (full-width and zero-width spaces included) to single spaces."""
    return _SPACE_RE.sub(" ", text).strip()


def body_score(text: str) -> int:
    """CJK weight of a body-like line (0 when it does not read as running text).

    A body line is mostly Chinese, punctuated, and ends with sentence punctuation; short
    sentences count ("党的二十大报告提出，加强基础研究，突出原创，鼓励自由探索。").
    """
    n_cjk = len(_CJK_RE.findall(text))
    if n_cjk < 6:
        return 0
    dense = len(text.replace(" ", ""))
    if n_cjk / max(dense, 1) < 0.4:
        return 0
    n_punct = len(_PUNCT_RE.findall(text))
    ends = text[-1] in _SENT_END
    if text.endswith(("...", "…")) and not text.endswith("……"):
        # Truncated excerpts ("…体现...") are teasers of other articles, not sentences.
        ends = False
    if ends and (n_punct >= 1 or n_cjk >= 10):
        return n_cjk
    if n_cjk >= 40 and n_punct >= 4:
        return n_cjk
    return 0


def is_spam(text: str) -> bool:
    """A keyword-stuffed spam title line (porn/gambling lexicon), not a sentence that mentions one word."""
    regex, min_hits, strong_hits = spam_lexicon()
    hits = {m.group(0) for m in regex.finditer(text)}
    if len(hits) >= strong_hits:
        return True
    if len(hits) < min_hits:
        return False
    # Stuffed titles are lists of fragments joined by _ | - or spaces, without sentence punctuation.
    return body_score(text) == 0 or bool(re.search(r"[_|｜]", text))


def match_rule(text: str) -> LineRule | None:
    """The first line rule that drops this line, if any."""
    n = len(text)
    for rule in line_rules():
        if rule.max_len is not None and n > rule.max_len:
            continue
        if rule.min_hits > 1:
            if len(rule.regex.findall(text)) >= rule.min_hits:
                return rule
            continue
        if rule.regex.search(text):
            return rule
    return None
