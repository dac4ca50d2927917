"""Line features (CJK-aware) and rule classification for one line of a page."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from shuanglian.clean.rules import LONG_LINE, LineRule, line_rules, spam_lexicon

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
    indent: int = 0  # leading whitespace in the input (paragraph starts in hard-wrapped text)
    gap_before: bool = False  # a blank line preceded this one

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
            # distinct words: a story saying 手机 twice is not a contact block (联系人 + 手机号 is)
            hit = len({m.group(0) for m in rule.regex.finditer(text)}) >= rule.min_hits
        elif n <= LONG_LINE or rule.long_ok:
            hit = rule.regex.search(text) is not None
        else:
            hit = rule.head_regex.search(text) is not None
        if hit and not (rule.unless_sentence and body_score(text)):
            return rule
    return None


def display_width(text: str) -> int:
    """Terminal width: wide (CJK, full-width) characters count 2, as fixed-width wrapping does."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def merge_wrapped(lines: list[Line]) -> list[Line]:
    """Re-join paragraphs hard-wrapped at a fixed width (old BBS/text pages wrap at ~76-80 columns).

    Detected when many CJK lines share (almost) the same display width; a line that fills that
    width continues on the next line unless the next one is indented or follows a blank line.
    """
    widths = [display_width(ln.text) for ln in lines]
    cand = [w for w, ln in zip(widths, lines, strict=True) if ln.n_cjk >= 8]
    if len(cand) < 6:
        return lines
    counts = Counter(cand)
    best_w, best_n = 0, 0
    for w in counts:
        near = sum(n for v, n in counts.items() if w - 3 <= v <= w)
        if near > best_n or (near == best_n and w > best_w):
            best_w, best_n = w, near
    if best_w < 30 or best_n / len(cand) < 0.35:
        return lines
    # Hard wraps fall mid-sentence: most full-width lines then do not end a sentence, whereas a page
    # of one-sentence paragraphs of similar length ends nearly every line with punctuation.
    full_lines = [ln for ln, w in zip(lines, widths, strict=True) if w >= best_w - 6 and ln.n_cjk >= 8]
    if sum(1 for ln in full_lines if ln.text[-1] in _SENT_END) / len(full_lines) >= 0.5:
        return lines
    out: list[Line] = []
    full = False
    for ln, w in zip(lines, widths, strict=True):
        if out and full and not ln.gap_before and ln.indent == 0 and ln.text[:1] not in "-•·*#":
            prev = out[-1]
            sep = " " if prev.text[-1:].isascii() and ln.text[:1].isascii() else ""
            prev.text = prev.text + sep + ln.text
        else:
            out.append(ln)
        full = w >= best_w - 6
    return out
