"""Sentence context that decides whether a match is a claim: questions, negation and refusal,
hedged appearance wording. Each check reads only the match's own sentence."""

from __future__ import annotations

from claimlint.compiled import Lazy

_CLAUSE_BREAK = Lazy(
    r"[;:()\[\]\u2600-\u27bf\U0001f300-\U0001faff]|,(?! (?:and|or) )| - |"  # emoji end a clause too
    r"\b(?:but|however|although|though|whereas|yet|while|once|because|since|"
    r"until|now that)\b",
)
# A negation right before the match negates it: "no guaranteed results", "not pain-free".
_NEAR_NEGATION = Lazy(
    r"\b(?:no|not|never|nor|without|non|hardly|zero|isn't|aren't|wasn't|weren't|ain't)"
    r"(?: (?:a|an|the|any|completely|entirely|totally|always|quite|really|truly|necessarily|"
    r"just|so|all|100%|fully|strictly|actually|[a-z]+ly|be|been|being))* ?-?$",
)
# A verbal negation earlier in the same clause: "it does not cure", "we can't promise".
_CLAUSE_NEGATION = Lazy(
    r"\b(?:not|never|cannot|can't|can ?not|won't|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|"
    r"shouldn't|wouldn't|couldn't|mustn't|haven't|hasn't|no one|nobody|neither|nor|unable to|nothing|none|"
    r"no (?:evidence|proof|data|study|studies|research|trial|trials) (?:that|shows?|to show|proves?)|"
    r"(?:asks?|asked|asking|wonders?|wondered|wondering|enquires?|inquires?|want to know|wants to know) "
    r"(?:\w+ ){0,3}(?:whether|if)|"
    r"(?:i|we|she|he|they) (?:was|were) (?:told|promised|assured|sold)|(?:told|promised) (?:me|us) (?:that|there)|"
    r"(?:declines?|declined|not able) to|(?:we|i|they|may|will|can|always|would) refuse to|"
    r"(?:cannot|can't|won't) (?:treat|offer|perform|inject)|"
    r"no (?:\w+ ){0,2}(?:can|could|will|is|are|should|would|has|have)|"
    r"(?:refuse|decline|avoid|stop|stopped) (?:to )?(?:claim|promis|say|suggest|advertis|guarante|describ|call|us)\w*|"
    r"rather than|instead of)\b",
)
# Refusal and debunking frames anywhere in the sentence: the claim is quoted to be rejected.
_REFUSAL = Lazy(
    r"\b(?:"
    r"(?:be |stay )?(?:wary|beware|sceptical|skeptical|suspicious|cautious|careful) (?:of|about|when|if)|"
    r"steer clear of|red flags?|warning signs?|too good to be true|"
    r"(?:is|are|was|were|be|remains?) (?:a |still )?(?:myth|false|untrue|misleading|not true|unfounded|unproven|"
    r"exaggerated|marketing|hype|nonsense|overstated|illegal|not allowed|prohibited|banned|not proven|not approved)|"
    r"no such thing as|(?:often|commonly|widely|wrongly) (?:marketed|sold|advertised|described|promoted) as|"
    r"(?:some|other|many) (?:clinics|providers|companies|websites|sellers|brands) (?:claim|promise|say|suggest)|"
    r"(?:it is|it's|that's|this is) (?:a )?(?:myth|false|untrue|misleading|not true)|"
    r"(?:anyone|anybody|clinics?|providers?|companies|websites?|ads?|adverts?|practitioners?|sellers?) "
    r"(?:who|that|which) (?:claims?|promises?|says?|tells? you|advertises?|guarantees?)|"
    r"(?:claims?|promises?|language|wording|phrases?) (?:such as|like|of) [\"']|"
    r"(?:do not|don't|never|cannot|can't|won't|will not|would not|wouldn't|refuse to|do not|shouldn't) "
    r"(?:\w+ )?(?:claim|promise|say|suggest|pretend|advertise|describe|believe|trust|call|tell you|imply)|"
    r"(?:we|i) (?:avoid|refuse|decline) |"
    r"no (?:one|clinic|practitioner|provider|treatment|procedure|product|doctor|reputable \w+|honest \w+|ethical \w+)"
    r" (?:can|could|should|will|would) (?:\w+ )?(?:promise|guarantee|claim|say|tell)|"
    r"(?:regulators?|the fda|the mhra|the tga|the asa|ahpra|the ftc|the law|rules?|guidance|the code)"
    r" (?:\w+ ){0,3}(?:bann?(?:ed|s)?|prohibit(?:s|ed)?|forb(?:ids?|ade|idden)|warn(?:s|ed)?|"
    r"does not allow|doesn't allow|won't allow|has not approved|hasn't approved)"
    r")",
)
_HEDGE = Lazy(
    r"\b(?:may|might|could|can help|can improve|can reduce|can soften|helps?|aims? to|designed to help|"
    r"intended to|(?:the )?(?:look|appearance|visible signs) of|look(?:s|ing)? (?:fresher|smoother|brighter|"
    r"younger|firmer|plumper|more)|results (?:can |may |will )?vary|individual results|for (?:some|many) "
    r"(?:people|clients|patients)|in some (?:people|cases|clients)|"
    r"some (?:clients|patients|people) (?:see|notice|find)|"
    r"tends? to|often|typically|usually)\b",
)
_QUESTION_END = Lazy(r"\?[\"')\]]*\s*$")


def is_question(sentence: str) -> bool:
    return bool(_QUESTION_END.search(sentence))


def clause_prefix(text: str, sentence_start: int, match_start: int) -> str:
    """The part of the match's clause that comes before the match."""
    prefix = text[sentence_start:match_start]
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(prefix)]
    return prefix[breaks[-1] :] if breaks else prefix


_CONTRAST = Lazy(r"[;:]|\b(?:but|however|yet|although|though|whereas|while)\b")


def _contrast_segment(text: str, sentence_start: int, sentence_end: int, position: int) -> tuple[int, int]:
    """The part of the sentence around `position` between contrast markers ("..., but ...")."""
    start, end = sentence_start, sentence_end
    for marker in _CONTRAST.finditer(text, sentence_start, sentence_end):
        if marker.end() <= position:
            start = marker.end()
        elif marker.start() >= position:
            end = marker.start()
            break
    return start, end


_MYTH = Lazy(r"\s*[\"'(\[]?(?:myth|myths|fiction|false|misconception|common misconception)\s*(?:#\d+)?\s*[:\-]")


def is_negated(text: str, sentence_start: int, sentence_end: int, match_start: int) -> bool:
    """Whether the claim at `match_start` is negated, refused or quoted in order to reject it. A
    refusal counts only on its own side of a contrast: "we can't promise miracles, but results are
    guaranteed" still guarantees. A sentence headed "MYTH:" states what it goes on to refute."""
    if _MYTH.match(text, sentence_start, sentence_end):
        return True
    prefix = clause_prefix(text, sentence_start, match_start)
    if _NEAR_NEGATION.search(prefix) or _CLAUSE_NEGATION.search(prefix):
        return True
    segment_start, segment_end = _contrast_segment(text, sentence_start, sentence_end, match_start)
    return bool(_REFUSAL.search(text, segment_start, segment_end))


MAX_LIST_ITEMS = 40  # items between a list item and its lead-in, at most
_HEADING_WORDS = 8  # a block this short without closing punctuation may be a heading


def lead_in(text: str, list_items: frozenset[int], item_start: int) -> tuple[int, int] | None:
    """The block introducing the list that the list item starting at `item_start` belongs to: the
    nearest block before the list that ends with a colon or a question mark ("Who can benefit:"); one
    heading may stand between it and the list. None when `item_start` starts no list item or nothing
    leads in."""
    start = item_start
    if start not in list_items:
        return None
    items, heading = 0, False
    while start > 0 and items <= MAX_LIST_ITEMS:
        end = start - 1  # the newline closing the block before
        start = text.rfind("\n", 0, end) + 1
        block = text[start:end].rstrip()
        if start in list_items:
            if heading:
                return None  # items above a heading belong to another list
            items += 1
            continue
        if block.endswith((":", "?")):
            return start, end
        if heading or not block or len(block.split()) > _HEADING_WORDS or block[-1] in ".!;":
            return None
        heading = True
    return None


def is_hedged(sentence: str) -> bool:
    return bool(_HEDGE.search(sentence))
