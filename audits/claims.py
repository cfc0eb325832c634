"""The figures a narrative sentence states, read into claims: an amount with what it is of, and the
change, last year's figure, rate and share the sentence gives with it.

    2025年单位收支总预算981.89万元，同比增加83.15万元，同比增长9.25%。
    subject “2025年单位收支总预算” 981.89; change +83.15; rate 9.25

Amounts listed together (“收、支总决算1480.66万元、1404.09万元”) take changes and rates listed
the same way, in order, or one change stated “分别” for all; a sentence giving only changes and
rates continues the claims of the sentence before it (seed 001 puts them in the next sentence).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from audits.figures import Figure, parse_figure
from audits.structure import AuditDocument, Sentence

NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
AMOUNT = re.compile(NUMBER + r"\s*万元")
CHANGE_WORD = re.compile(r"(增加|增|减少|减|下降|上升|提高|降低)(?:了)?\s*$")
PRIOR_WORD = re.compile(r"比\s*(?:上年|\d{4}年)(?:度)?(?:预算|决算)?(?:数)?\s*$")
DECREASE = ("减少", "减", "下降", "降低")
RATE = re.compile(r"(增长|下降|增加|减少|上升|降低)(?:了)?\s*" + NUMBER + r"\s*[%％]((?:、" + NUMBER + r"\s*[%％])*)")
SHARE = re.compile(r"占(?:比)?([^，,。；;：:0-9]{0,24}?)(?:的)?\s*" + NUMBER + r"\s*[%％]")
LIST_SEPARATOR = re.compile(r"^\s*[、和及]\s*$")
CLAUSE_BREAK = re.compile(r"[，,；;：:。]")
QUALIFIER_FINAL = "决算"
# A sentence that gives only changes continues the one before when it says what it compares with.
CONTINUES = re.compile(r"^(?:与|较|同比|比)")


@dataclass
class Claim:
    subject: str  # the words before the amount in its clause
    amount: Figure
    sentence: Sentence
    change: Figure | None = None
    decrease: bool = False
    prior: Figure | None = None
    rate: Figure | None = None
    rate_decrease: bool = False
    shares: list[tuple[str, Figure]] = field(default_factory=list)  # (base words, share)
    in_final_accounts: bool = False

    @property
    def key(self) -> str:
        """What the amount is of, without the words that vary between mentions of the same figure."""
        text = re.sub(r"^\s*[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*", "", self.subject)
        text = re.sub(r"(?:19|20)\d{2}年度?|我单位|本单位|本部门|我部门|单位|安排|的|其中|\s", "", text)
        return re.sub(r"(?:共|为|是)$", "", text)

    @property
    def is_final(self) -> bool:
        """An actual figure (决算数) rather than a budget: in a 决算 whatever does not say 预算."""
        if QUALIFIER_FINAL in self.subject:
            return True
        words = re.sub(r"一般公共预算|政府性基金预算|国有资本经营预算", "", self.subject)
        return self.in_final_accounts and "预算" not in words


@dataclass(frozen=True)
class _Token:
    kind: str  # amount, change, prior, rate, share
    start: int
    end: int
    figures: list[Figure]
    words: str = ""
    decrease: bool = False
    both: bool = False  # “分别”/“各”: one change for every amount listed


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in AMOUNT.finditer(text):
        before = text[: match.start()]
        figure = parse_figure(match.group(1))
        if figure is None:
            continue
        previous = tokens[-1] if tokens else None
        if change := CHANGE_WORD.search(before[-6:]):
            both = bool(re.search(r"(分别|各)\s*(?:增加|增|减少|减|下降|上升)?\s*$", before[-8:]))
            decrease = change.group(1) in DECREASE
            tokens.append(_Token("change", match.start(), match.end(), [figure], decrease=decrease, both=both))
        elif previous and previous.kind == "change" and text[previous.end : match.start()].strip() == "、":
            tokens.append(_Token("change", match.start(), match.end(), [figure], decrease=previous.decrease))
        elif PRIOR_WORD.search(before[-12:]):
            tokens.append(_Token("prior", match.start(), match.end(), [figure]))
        else:
            tokens.append(_Token("amount", match.start(), match.end(), [figure], words=_subject(before)))
    for match in RATE.finditer(text):
        figures = [parse_figure(match.group(2))]
        figures += [parse_figure(extra) for extra in re.findall(NUMBER, match.group(3) or "")]
        decrease = match.group(1) in DECREASE
        tokens.append(_Token("rate", match.start(), match.end(), [f for f in figures if f], decrease=decrease))
    for match in SHARE.finditer(text):
        if figure := parse_figure(match.group(2)):
            tokens.append(_Token("share", match.start(), match.end(), [figure], words=match.group(1)))
    return sorted(tokens, key=lambda token: token.start)


def _subject(before: str) -> str:
    parts = CLAUSE_BREAK.split(before)
    subject = parts[-1] if parts else before
    if "、" in subject:
        subject = subject.rsplit("、", 1)[-1]
    return subject.strip()


def _group_lists(tokens: list[_Token], text: str) -> list[list[_Token]]:
    """Consecutive tokens of one kind separated only by 、 form one list."""
    groups: list[list[_Token]] = []
    for token in tokens:
        if groups and groups[-1][-1].kind == token.kind and token.kind in ("amount", "change"):
            between = text[groups[-1][-1].end : token.start]
            if LIST_SEPARATOR.match(between):
                groups[-1].append(token)
                continue
        groups.append([token])
    return groups


def fits(claim: Claim, rate: Figure) -> bool:
    """Whether a rate is the one this amount and change give (last year not 0)."""
    sign = 1 if claim.decrease else -1
    prior = claim.amount.value + sign * claim.change.value
    if prior <= 0:
        return False
    return abs(claim.change.value * 100 / prior - rate.value) <= rate.half_unit + Decimal("0.05")


def claims_of(document: AuditDocument) -> list[Claim]:
    claims: list[Claim] = []
    current: list[Claim] = []
    section = None
    for sentence in document.sentences:
        if sentence.section != section:
            section, current = sentence.section, []
        text = sentence.text
        groups = _group_lists(_tokens(text), text)
        if groups and (groups[0][0].kind == "amount" or not CONTINUES.match(text)):
            current = []
        for group in groups:
            kind = group[0].kind
            if kind == "amount":
                final = document.kind == "final"
                current = [Claim(token.words, token.figures[0], sentence, in_final_accounts=final) for token in group]
                claims += current
                continue
            if not current:
                continue
            if kind == "change":
                targets = current if (len(group) == 1 and group[0].both) else current[-len(group) :]
                changes = [group[0]] * len(targets) if len(group) == 1 else group
                for claim, token in zip(targets, changes, strict=False):
                    claim.change, claim.decrease = token.figures[0], token.decrease
            elif kind == "rate":
                figures = [figure for token in group for figure in token.figures]
                with_change = [claim for claim in current if claim.change is not None] or current[-1:]
                if len(figures) == 1 and len(with_change) > 1 and "分别" not in text:
                    # One rate after several changes: the one it fits (收入增长883.30%), else the last.
                    fitting = [claim for claim in with_change if fits(claim, figures[0])]
                    with_change = fitting[:1] or with_change[-1:]
                if len(figures) == 1:
                    figures = figures * len(with_change)
                for claim, figure in zip(with_change[-len(figures) :], figures, strict=False):
                    claim.rate, claim.rate_decrease = figure, group[0].decrease
            elif kind == "prior":
                current[-1].prior = group[0].figures[0]
            elif kind == "share":
                current[-1].shares.append((group[0].words, group[0].figures[0]))
    return claims
