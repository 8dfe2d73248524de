"""Text analysis shared by every search backend: Chinese segmentation (jieba with the market's dictionary), product
codes (``JSM-7900F``), English words, partial words and synonyms. Every backend indexes and queries the same tokens,
so results agree across the database, Elasticsearch and OpenSearch backends.
"""

import io
import re
import threading
import unicodedata
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

STOPWORDS = frozenset(
    word
    for line in (DATA / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    if not line.lstrip().startswith("#")
    for word in line.split()
)
# A product code starts where an alphanumeric run starts (the look-behind) and its runs never give characters back
# (possessive ``++``): matching is linear in the text, even for a run of 100,000 digits with no separator.
CODE = re.compile(r"(?<![a-z0-9])[a-z0-9]++(?:[-_./][a-z0-9]++)+")
WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]+")
MIN_PREFIX = 3
# What one text may contribute to the index, whatever a client sends: the characters analysed, the length of a token
# (longer ones are cut: no real word or product code is that long), which tokens get prefixes, and the tokens kept.
MAX_ANALYSED_CHARS = 10_000
MAX_TOKEN_LENGTH = 40
MAX_PREFIXED_LENGTH = 20
MAX_TOKENS = 4_000

_lock = threading.Lock()
_tokenizer = None


def _jieba():
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            # The domain dictionary and every synonym become words, so they are indexed whole (in normalized form,
            # as text is normalized before segmentation).
            lines = normalize((DATA / "userdict.txt").read_text(encoding="utf-8")).splitlines()
            lines += [f"{word} 30" for word in synonym_groups() if not word.isascii()]
            tokenizer.load_userdict(io.StringIO("\n".join(lines)))
            _tokenizer = tokenizer
    return _tokenizer


def normalize(text: str) -> str:
    """Full-width to half-width, lower case (ＪＳＭ－７９００Ｆ → jsm-7900f)."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _words(text: str, *, search_mode: bool) -> list[str]:
    tokenizer = _jieba()
    pieces = tokenizer.cut_for_search(text) if search_mode else tokenizer.cut(text)
    words = []
    for piece in pieces:
        piece = piece.strip()
        if not piece or piece in STOPWORDS:
            continue
        words.extend(WORD.findall(piece))
    return [w for w in words if w not in STOPWORDS and (len(w) > 1 or not w.isascii())]


LONG_RUN = re.compile(rf"[a-z0-9]{{{MAX_TOKEN_LENGTH + 1},}}")


def _bounded(text: str) -> str:
    """The normalized text that is analysed: its first ``MAX_ANALYSED_CHARS``, with every letter/digit run cut at
    ``MAX_TOKEN_LENGTH`` (jieba's HMM would otherwise walk a 20,000-digit "word" character by character)."""
    text = normalize(text[: MAX_ANALYSED_CHARS * 2])[:MAX_ANALYSED_CHARS]
    return LONG_RUN.sub(lambda run: run.group(0)[:MAX_TOKEN_LENGTH], text)


def index_tokens(text: str) -> list[str]:
    """Tokens to index: jieba search-mode words (whole words and their sub-words), product codes whole and in parts,
    and prefixes of tokens containing digits so partial codes (``7900``) are found. Bounded whatever the input: at
    most ``MAX_ANALYSED_CHARS`` are analysed, tokens are cut at ``MAX_TOKEN_LENGTH``, only tokens up to
    ``MAX_PREFIXED_LENGTH`` get prefixes, and at most ``MAX_TOKENS`` are returned."""
    text = _bounded(text)
    tokens = [token[:MAX_TOKEN_LENGTH] for token in _words(text, search_mode=True)]
    for code in CODE.findall(text):
        tokens.append(code.replace(".", "_")[:MAX_TOKEN_LENGTH])  # one token for the whole code
    for token in list(tokens):
        # Prefixes only for codes and numbers (7900 → JSM-7900F), not English words: "sem" must not match "semi".
        if (
            MIN_PREFIX < len(token) <= MAX_PREFIXED_LENGTH
            and token.isascii()
            and token.isalnum()
            and any(c.isdigit() for c in token)
        ):
            tokens.extend(token[:n] for n in range(MIN_PREFIX, len(token)))
    return tokens[:MAX_TOKENS]


@cache
def synonym_groups() -> dict[str, frozenset[str]]:
    groups = {}
    for line in (DATA / "synonyms.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        group = frozenset(normalize(word.strip()) for word in line.split(",") if word.strip())
        for word in group:
            groups[word] = groups.get(word, frozenset()) | group
    return groups


# General-language prior: jieba's IDF table (document frequencies of general Chinese). A query word that is very
# common in general Chinese (问题, 出现, 产品, 要求…) is dropped, a fairly common one (材料, 质量, 设备…) weighs less,
# unless the market's dictionary, synonyms, glossary or thesaurus know it as a domain word.
GENERAL_DROP_IDF = 5.0
GENERAL_COMMON_IDF = 6.5


@cache
def general_idf() -> dict[str, float]:
    import jieba

    path = Path(jieba.__file__).resolve().parent / "analyse" / "idf.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, value = line.partition(" ")
        if value:
            table[word] = float(value)
    return table


@cache
def domain_words() -> frozenset[str]:
    words = set(synonym_groups())
    for line in normalize((DATA / "userdict.txt").read_text(encoding="utf-8")).splitlines():
        if line.split():
            words.add(line.split()[0])
    for targets in glossary().values():
        words.update(targets)
    for line in _data_lines("thesaurus.txt"):
        parts = line.split("|")
        if len(parts) >= 4:
            words.add(normalize(parts[2].strip()))
            words.update(normalize(w.strip()) for w in parts[3].split(",") if w.strip())
    return frozenset(words)


def generality(token: str) -> str:
    """ "drop", "common" or "specific": how general ``token`` is in general Chinese (codes and English: specific)."""
    if token.isascii() or token in domain_words():
        return "specific"
    idf = general_idf().get(token)
    if idf is None:
        return "specific"
    if idf < GENERAL_DROP_IDF:
        return "drop"
    return "common" if idf < GENERAL_COMMON_IDF else "specific"


def _data_lines(name: str) -> list[str]:
    path = DATA / name
    if not path.exists():
        return []
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and ln[0] != "#"]


@cache
def glossary() -> dict[str, tuple[str, ...]]:
    """English domain terms (one or more words, normalized) → Chinese terms, from ``data/glossary.txt``."""
    table = {}
    for line in _data_lines("glossary.txt"):
        english, _, chinese = line.partition("=")
        targets = tuple(normalize(w.strip()) for w in chinese.split(",") if w.strip())
        if english.strip() and targets:
            table[" ".join(normalize(english).split())] = targets
    return table


def glossary_terms(text: str) -> list[str]:
    """The Chinese terms of every glossary entry whose English words occur in ``text`` (whole words)."""
    table = glossary()
    if not table or not any("a" <= c <= "z" for c in text):
        return []
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text)
    found = []
    for n in (4, 3, 2, 1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            found.extend(table.get(phrase, ()))
            if "-" in phrase:
                found.extend(table.get(phrase.replace("-", " "), ()))
    # plural "s" (molds → mold)
    for word in words:
        if word.endswith("s") and len(word) > 3:
            found.extend(table.get(word[:-1], ()))
    return list(dict.fromkeys(found))


def thesaurus_seed() -> list[dict]:
    """The entries of ``data/thesaurus.txt`` (``industry|kind|term|related,…``), as ThesaurusEntry fields."""
    entries = {}
    for line in _data_lines("thesaurus.txt"):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 4 or not parts[2] or not parts[3]:
            continue
        industry, kind, term, related = parts
        entries[(term, industry)] = {"industry": industry, "kind": kind, "term": term, "related": related}
    return list(entries.values())


def _keep_query_token(token: str) -> bool:
    if token in STOPWORDS:
        return False
    if len(token) == 1 and not token.isascii():
        return False  # a single Chinese character says little (的, 面, 件…); codes and ASCII stay
    return generality(token) != "drop"


def query_units(text: str) -> list[tuple[str, list[str]]]:
    """The words of a query in order, each as ``(word, parts)``: the precise-mode word and its parts that are
    dictionary words themselves (what search-mode indexing also stores), each once, so a compound does not count
    two or three times. Product codes are units of their own. Stopwords, single Chinese characters and words very
    common in general Chinese are left out."""
    text = _bounded(text)
    tokenizer = _jieba()
    units = []
    for piece in tokenizer.cut(text):
        piece = piece.strip()
        if not piece or piece in STOPWORDS:
            continue
        for word in WORD.findall(piece):
            word = word[:MAX_TOKEN_LENGTH]
            if len(word) == 1 and word.isascii():
                continue
            parts = []
            if len(word) > 2 and not word.isascii():
                for n in (2, 3):
                    for i in range(len(word) - n + 1):
                        gram = word[i : i + n]
                        if gram != word and tokenizer.FREQ.get(gram) and _keep_query_token(gram):
                            parts.append(gram)
            if _keep_query_token(word):
                units.append((word, list(dict.fromkeys(parts))))
            elif parts:
                units.append((parts[0], parts[1:]))
    for code in CODE.findall(text):
        units.append((code.replace(".", "_")[:MAX_TOKEN_LENGTH], []))
    return units


def query_tokens(text: str) -> list[str]:
    """Tokens a query looks for, each once: its words and their dictionary parts (see ``query_units``), whole
    product codes, every synonym (synonyms are dictionary words, indexed whole: ``电镜`` also finds documents that
    only say ``电子显微镜``) and the Chinese terms of English glossary words (``warpage`` → ``翘曲``)."""
    tokens = []
    for word, parts in query_units(text):
        tokens.append(word)
        tokens.extend(parts)
    groups = synonym_groups()
    expanded = list(tokens)
    for token in tokens:
        expanded.extend(sorted(groups.get(token, ())))
    for term in glossary_terms(_bounded(text)):
        expanded.append(term)
        expanded.extend(sorted(groups.get(term, ())))
    return [t for t in dict.fromkeys(expanded) if t and _keep_query_token(t)]


@cache
def matching_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """Words of demand texts left out of matching queries, and words weighing 1 (``data/matching_stopwords.txt``)."""
    drop, common = set(), set()
    for line in _data_lines("matching_stopwords.txt"):
        if line.startswith("common:"):
            common.update(line[len("common:") :].split())
        else:
            drop.update(line.split())
    return frozenset(drop), frozenset(common)


def weighted_query_tokens(parts, *, cap: int = 3) -> dict[str, int]:
    """Query-term weights (a weight is how often the term is repeated in the engine query) for a text in parts
    ``[(text, repeat)]``: a word counts ``repeat`` for each part it occurs in (at most ``cap``), ×2 unless it is
    fairly common in general Chinese or in demands; a compound's dictionary parts, synonyms and glossary terms count
    1. Bare numbers (indicator values) and the market's own words (揭榜挂帅, 征集…) are left out."""
    drop, market_common = matching_vocabulary()
    counts: dict[str, int] = {}
    side: dict[str, int] = {}
    groups = synonym_groups()
    for text, repeat in parts:
        seen = set()
        for word, subwords in query_units(text):
            if word not in seen:
                seen.add(word)
                counts[word] = counts.get(word, 0) + repeat
            for token in [*subwords, *sorted(groups.get(word, ()))]:
                side[token] = 1
        for term in glossary_terms(_bounded(text)):
            for token in [term, *sorted(groups.get(term, ()))]:
                side[token] = 1
    weights = {}
    for word, count in counts.items():
        if word in drop or word.isdigit():
            continue
        weights[word] = min(count, cap) * (1 if word in market_common or generality(word) == "common" else 2)
    for token in side:
        if token not in weights and token not in drop and not token.isdigit() and _keep_query_token(token):
            weights[token] = 1
    return weights


def meaningful(term: str) -> bool:
    """A term a person reads as a reason (no stopword, no single Chinese character, no general-language word)."""
    return _keep_query_token(term)


def tokens_text(tokens) -> str:
    return " ".join(tokens)
