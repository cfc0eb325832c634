"""The narrative against its own figures, where a sentence or the sentences together say enough.

- a change and a rate: last year = this year ∓ the change, the rate = change ÷ last year — at the
  printed precision of all three (``figures``), so rounding passes and truncation (2.04% for
  2.0495%) does not; a rate on a last year of 0 (“增长100%”) is an error;
- a change and last year's figure stated (比2024年预算0.90万元): the difference is the change;
- a share: of the section's total (占支出总预算 in Liuzhou and Liujiang alike), else of the total it
  names; one that fits another total of the document is on the wrong base;
- totals and their parts stated in different sentences: “三公”经费 = its three items, 公务用车购置及
  运行费 = 购置 + 运行; 基本支出 = 人员经费 + 公用经费; 政府采购 = 货物 + 工程 + 服务 = 集中 + 分散;
  the 类 listed = the section's total; 财政拨款支出 = 一般公共预算 + 政府性基金 + 国有资本经营;
- one figure stated two ways: the same words with two amounts.
"""

import re
from decimal import Decimal

from audits.claims import Claim, claims_of
from audits.figures import Figure, Range, plain, ratio_range, sum_disagrees
from audits.findings import AuditFinding, error
from audits.structure import AuditDocument

RATE = "narrative.rate"
ZERO_BASE = "narrative.zero_base"
TRUNCATED = "narrative.truncated"
SHARE = "narrative.share"
SHARE_BASE = "narrative.share_base"
IDENTITY = "narrative.identity"
RESTATED = "narrative.restated"
PRIOR = "narrative.prior"

RESTATED_KEY_MIN = 6
CLASS_WORDS = re.compile(r"类科目|[（(]类[）)]")
ZERO = Decimal(0)
SMALLEST = Decimal("0.000001")  # a last year that rounding could make 0 is still above it


def _place(claim: Claim) -> dict:
    return {"page": claim.sentence.page, "sentence": claim.sentence.text}


def _prior(claim: Claim) -> tuple[Decimal, Range]:
    """Last year as the figures print it (this year ∓ the change), and the range rounding allows."""
    if claim.decrease:  # last year = this year + the decrease
        printed = claim.amount.value + claim.change.value
        return printed, Range(claim.amount.low + claim.change.low, claim.amount.high + claim.change.high)
    printed = claim.amount.value - claim.change.value
    return printed, Range(claim.amount.low - claim.change.high, claim.amount.high - claim.change.low)


def _check_rate(claim: Claim) -> list[AuditFinding]:
    if claim.rate is None or claim.change is None:
        return []
    last_year, prior = _prior(claim)
    if last_year <= ZERO:
        detail = (
            f"印为“{claim.rate.text}%”，但本年{claim.amount.text}万元、变动{claim.change.text}万元，"
            f"上年为0，上年为0时不应计算增减幅度。"
        )
        return [error(ZERO_BASE, detail, printed=f"{claim.rate.text}%", expected="不计算增减幅度", **_place(claim))]
    rates = ratio_range(claim.change.low, claim.change.high, max(prior.low, SMALLEST), prior.high)
    if rates is None or rates.admits(claim.rate):
        return []
    expected = plain(rates.middle, max(claim.rate.decimals, 2))
    basis = (
        f"本年{claim.amount.text}万元、变动{claim.change.text}万元，上年应为{plain(last_year)}万元，"
        f"增减幅度为{expected}%"
    )
    if rates.truncated_to(claim.rate):
        correct = plain(rates.middle, claim.rate.decimals)
        detail = f"印为{claim.rate.text}%，{basis}：按四舍五入应为{correct}%，印数是截去尾数所得。"
        return [error(TRUNCATED, detail, printed=f"{claim.rate.text}%", expected=f"{expected}%", **_place(claim))]
    detail = f"印为{claim.rate.text}%，{basis}。"
    return [error(RATE, detail, printed=f"{claim.rate.text}%", expected=f"{expected}%", **_place(claim))]


def _check_prior(claim: Claim) -> list[AuditFinding]:
    if claim.prior is None or claim.change is None:
        return []
    sign = -1 if claim.decrease else 1
    parts = [claim.prior, Figure(sign * claim.change.value, claim.change.decimals, claim.change.text)]
    if not sum_disagrees(claim.amount, parts):
        return []
    expected = plain(abs(claim.amount.value - claim.prior.value))
    detail = (
        f"本年{claim.amount.text}万元、上年{claim.prior.text}万元，相差{expected}万元，"
        f"文中印为{claim.change.text}万元。"
    )
    return [error(PRIOR, detail, printed=f"{claim.change.text}万元", expected=f"{expected}万元", **_place(claim))]


def _share_of(claim: Claim, share: Figure, base: Figure) -> bool:
    rates = ratio_range(claim.amount.low, claim.amount.high, base.low, base.high)
    return rates is not None and rates.admits(share)


def _named_bases(words: str, claims: list[Claim]) -> list[Claim]:
    words = re.sub(r"的$", "", words).strip()
    if len(words) < 2:
        return []
    return [claim for claim in claims if words in claim.subject]


def _check_shares(
    claim: Claim, section_base: Claim | None, claims: list[Claim], totals: list[Claim]
) -> list[AuditFinding]:
    findings = []
    for words, share in claim.shares:
        candidates = [base for base in [section_base] if base is not None and base is not claim]
        named = [base for base in _named_bases(words, claims) if base is not claim]
        if any(_share_of(claim, share, base.amount) for base in candidates + named):
            continue
        if named and len({base.amount.value for base in named}) > 1:
            continue  # the base it names is not one figure of the document
        expected_base = (candidates or named or [None])[0]
        if expected_base is None or (words.strip("的") and not named and not candidates):
            continue
        others = [base for base in totals if base.amount.value > claim.amount.value and base is not claim]
        wrong = next((base for base in others if _share_of(claim, share, base.amount)), None)
        rates = ratio_range(claim.amount.low, claim.amount.high, expected_base.amount.low, expected_base.amount.high)
        expected = plain(rates.middle, max(share.decimals, 2)) if rates else ""
        of = f"占“{expected_base.key}”{expected_base.amount.text}万元的比重应为{expected}%"
        if wrong is not None:
            detail = (
                f"{claim.key}{claim.amount.text}万元印为占{words}{share.text}%，"
                f"这是以“{wrong.key}”{wrong.amount.text}万元为基数算得；{of}。"
            )
            findings.append(
                error(SHARE_BASE, detail, printed=f"{share.text}%", expected=f"{expected}%", **_place(claim))
            )
        else:
            detail = f"{claim.key}{claim.amount.text}万元印为占{words}{share.text}%，{of}。"
            findings.append(error(SHARE, detail, printed=f"{share.text}%", expected=f"{expected}%", **_place(claim)))
    return findings


def _first(
    claims: list[Claim], *words: str, excluding: tuple[str, ...] = (), final: bool | None = None
) -> Claim | None:
    for claim in claims:
        if all(word in claim.subject for word in words) and not any(word in claim.subject for word in excluding):
            if final is None or claim.is_final == final:
                return claim
    return None


def _identity(total: Claim | None, parts: list[Claim | None], what: str, claims_text: str = "") -> list[AuditFinding]:
    if total is None or any(part is None for part in parts) or not parts:
        return []
    figures = [part.amount for part in parts]
    if not sum_disagrees(total.amount, figures):
        return []
    computed = plain(sum((figure.value for figure in figures), ZERO))
    listed = "、".join(f"{part.key}{part.amount.text}万元" for part in parts)
    detail = f"{what}印为{total.amount.text}万元，而文中{listed}{claims_text}合计为{computed}万元。"
    return [error(IDENTITY, detail, printed=f"{total.amount.text}万元", expected=f"{computed}万元", **_place(total))]


def _three_public(claims: list[Claim]) -> list[AuditFinding]:
    findings = []
    for final in (False, True):
        chosen = [claim for claim in claims if claim.is_final == final]
        total = _first(chosen, "三公", excluding=("出国", "接待", "公务用车"))
        abroad = _first(chosen, "出国")
        reception = _first(chosen, "接待")
        vehicle = _first(chosen, "公务用车购置及运行")
        purchase = _first(chosen, "公务用车购置", excluding=("运行",))
        operation = _first(chosen, "公务用车运行")
        if vehicle is None and purchase is not None and operation is not None:
            findings += _identity(total, [abroad, reception, purchase, operation], "“三公”经费")
        else:
            findings += _identity(total, [abroad, reception, vehicle], "“三公”经费")
        findings += _identity(vehicle, [purchase, operation], "公务用车购置及运行费")
    return findings


def _sections(document: AuditDocument, claims: list[Claim]) -> dict[str, list[Claim]]:
    """Every section's claims, in the document's order; a section without figures has none."""
    by_section: dict[str, list[Claim]] = {section.title: [] for section in document.sections}
    for claim in claims:
        by_section.setdefault(claim.sentence.section, []).append(claim)
    return by_section


def _section(
    by_section: dict[str, list[Claim]], *words: str, excluding: tuple[str, ...] = ()
) -> tuple[str, list[Claim]]:
    for title, claims in by_section.items():
        if all(word in title for word in words) and not any(word in title for word in excluding):
            return title, claims
    return "", []


def _says_none(document: AuditDocument, title: str) -> bool:
    sentences = [s.text for s in document.sentences if s.section == title]
    return any(re.search(r"无.{0,12}(?:支出|预算|安排)|没有", text) for text in sentences)


def _fund_identity(document: AuditDocument, by_section: dict[str, list[Claim]]) -> list[AuditFinding]:
    """财政拨款支出 = 一般公共预算支出 + 政府性基金预算支出 + 国有资本经营预算支出."""
    _title, fiscal_claims = _section(by_section, "财政拨款收")
    fiscal = _first(fiscal_claims, "支", excluding=("收入",)) or (fiscal_claims[1] if len(fiscal_claims) > 1 else None)
    _general_title, general_claims = _section(by_section, "一般公共预算", excluding=("基本", "三公"))
    parts = []
    for words in (("政府性基金",), ("国有资本经营",)):
        title, found = _section(by_section, *words)
        if found:
            parts.append(found[0].amount)
        elif title and _says_none(document, title):
            parts.append(Figure(ZERO, 2, "0"))
        else:
            return []
    if fiscal is None or not general_claims:
        return []
    general = general_claims[0]
    expected = fiscal.amount.value - sum((part.value for part in parts), ZERO)
    allowance = fiscal.amount.half_unit + general.amount.half_unit + sum((p.half_unit for p in parts), ZERO)
    if abs(general.amount.value - expected) <= allowance:
        return []
    detail = (
        f"一般公共预算支出印为{general.amount.text}万元，而财政拨款支出{fiscal.amount.text}万元减去政府性基金预算支出"
        f"{parts[0].text}万元、国有资本经营预算支出{parts[1].text}万元为{plain(expected)}万元。"
    )
    return [
        error(
            IDENTITY, detail, printed=f"{general.amount.text}万元", expected=f"{plain(expected)}万元", **_place(general)
        )
    ]


def _listed_classes(by_section: dict[str, list[Claim]]) -> list[AuditFinding]:
    """The 类 a section lists add up to the total it opens with."""
    findings = []
    for title, claims in by_section.items():
        if not claims:
            continue
        items = [
            c for c in claims[1:] if CLASS_WORDS.search(c.subject) and not re.search(r"[（(](?:款|项)[）)]", c.subject)
        ]
        if len(items) >= 2:
            findings += _identity(claims[0], items, claims[0].key or title)
    return findings


def _procurement(claims: list[Claim]) -> list[AuditFinding]:
    total = _first(claims, "政府采购", excluding=("集中", "分散", "货物", "工程", "服务"))
    if total is None:
        return []
    after = claims[claims.index(total) + 1 :]
    goods, works, services = (_first(after, word) for word in ("货物", "工程", "服务"))
    central, spread = _first(after, "集中"), _first(after, "分散")
    return [
        *_identity(total, [goods, works, services], "政府采购预算"),
        *_identity(total, [central, spread], "政府采购预算"),
    ]


def _basic(by_section: dict[str, list[Claim]]) -> list[AuditFinding]:
    _title, claims = _section(by_section, "基本支出")
    if not claims:
        return []
    return _identity(claims[0], [_first(claims, "人员经费"), _first(claims, "公用经费")], "基本支出")


def _restated(claims: list[Claim]) -> list[AuditFinding]:
    seen: dict[str, Claim] = {}
    findings = []
    for claim in claims:
        key = claim.key
        if len(key) < RESTATED_KEY_MIN:
            continue
        first = seen.setdefault(key, claim)
        # Within one section the same words may name a part (其中一般公共预算…) of what they named before.
        if first.sentence.section == claim.sentence.section:
            continue
        if first is not claim and sum_disagrees(first.amount, [claim.amount]):
            where = f"第{first.sentence.page}页" if first.sentence.page else "前文"
            detail = f"“{key}”印为{claim.amount.text}万元，而{where}印为{first.amount.text}万元。"
            findings.append(
                error(
                    RESTATED,
                    detail,
                    printed=f"{claim.amount.text}万元",
                    expected=f"{first.amount.text}万元",
                    **_place(claim),
                )
            )
    return findings


def check_narrative(document: AuditDocument) -> list[AuditFinding]:
    claims = claims_of(document)
    by_section = _sections(document, claims)
    totals = [section_claims[0] for section_claims in by_section.values() if section_claims] + [
        claim for claim in claims if claim.shares == [] and claim.change is None
    ]
    findings = []
    for section_claims in by_section.values():
        for claim in section_claims:
            # A share is of the section's total: in a 决算, of the total of the same kind (预算 or 决算).
            base = next((c for c in section_claims if c.is_final == claim.is_final), None)
            findings += _check_rate(claim) + _check_prior(claim)
            findings += _check_shares(claim, base, claims, totals)
    findings += _three_public(claims) + _fund_identity(document, by_section) + _listed_classes(by_section)
    findings += _procurement(claims) + _basic(by_section) + _restated(claims)
    return findings
