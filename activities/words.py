"""A word cloud's words: what the room said, counted.

The presenter can show any activity's items (an open question's answers, the journey's
barriers, the glossary's terms …) as a word cloud (workshop/controls.py `display`). The
words are counted here, once for every screen: each item counts a word once, however often
it says it, so that one long answer cannot fill the cloud; English and Welsh words that
carry no meaning on their own ("the", "and", "y", "yn") are left out, and so are words only
one item said, which are noise at a workshop's size. A plural said beside its singular
("partners" and "partner", "families" and "family") is one word, shown as the room wrote
it most. What is left is ordered by count, the most said first, then alphabetically, so
that every screen lays out the same cloud.

The stop-word lists are written here by hand: the well-kept lists (NLTK's, spaCy's) have
no Welsh, and the English ones run to words a workshop means ("system", "information").
"""
import re
import unicodedata

LIMIT = 80  # words a screen is sent, the most said first
LEAST = 2  # a word must be said by at least this many items

ENGLISH = frozenset("""
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does
doesn't doing don't down during each either else ever every few for from further get gets
got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers
herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's
its itself just let's like many may me might more most much must mustn't my myself no nor
not now of off often on once one only or other ought our ours ourselves out over own per
quite rather really same shall shan't she she'd she'll she's should shouldn't since so
some still such than that that's the their theirs them themselves then there there's
these they they'd they'll they're they've this those though through thus to too under
until up upon us very via was wasn't we we'd we'll we're we've were weren't what what's
when when's where where's whether which while who who's whom whose why why's will with
within without won't would wouldn't yes yet you you'd you'll you're you've your yours
yourself yourselves etc eg ie
""".split())

# Welsh: articles, prepositions (with their personal forms), conjunctions, pronouns, the
# forms of "bod" (to be) and the particles, as they are written after mutation too.
WELSH = frozenset("""
a ac at am ar i o y yr yn yng ym gan gyda gydag efo heb dan tan trwy drwy wrth dros tros
rhwng hyd er ers fel mai na nac nad neu ond os pan pe tra oherwydd achos felly hyn hynny
hwn hon hwnnw honno yma yna acw ni chi nhw fi mi ti e fe fo hi ef hwy ei eu ein eich fy dy
mae mae'n mae'r maen oes oedd oeddwn oedden roedd roeddwn bod byddai bydd fydd fyddai yw ydy
ydyn ydych ydw wyf wyt sydd sy sy'n sy'r wedi ddim dim mwy mwyaf llai iawn rhy hefyd eto
dyma dyna dacw pa pwy beth pam sut ble lle faint
pryd bob pob pawb rhai rhywbeth rhywun un dau dwy tri tair arall eraill fath math i'r o'r
a'r i'w i'n o'n a'n gyda'r efo'r drwy'r trwy'r
""".split())

STOP_WORDS = ENGLISH | WELSH

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def _normal(text):
    """Apostrophes made one, letters composed, as people type the same word differently."""
    return unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u2018", "'")


def words_of(text):
    """The words of a text that mean something, as typed: stop words, single letters and a
    possessive 's left out. Each with whether it starts the text (its capital may be only
    the sentence's)."""
    found = []
    for place, word in enumerate(_WORD.findall(_normal(text))):
        if word.casefold().endswith("'s"):
            word = word[:-2]
        if len(word) > 1 and word.casefold() not in STOP_WORDS:
            found.append((word, place == 0))
    return found


def cloud(texts, limit=LIMIT, least=LEAST):
    """{"words": [{"word", "count"}], "more": words left out past `limit`, "items": how
    many texts}: each word with how many texts say it, those said by at least `least`,
    the most said first (then alphabetically), at most `limit`. A word is shown as it is
    most often written inside a sentence ("GDPR", "Wales", "consent"): a capital that only
    starts a text is not the word's own."""
    saying, spellings = {}, {}  # word -> the texts that say it, and how it is written
    texts = list(texts)
    for number, text in enumerate(texts):
        for word, first in words_of(text):
            key = word.casefold()
            forms = spellings.setdefault(key, {})
            spelt = word.lower() if first and word[1:] == word[1:].lower() else word
            forms[spelt] = forms.get(spelt, 0) + 1
            saying.setdefault(key, set()).add(number)
    for plural, singular in _plurals(saying):
        saying[singular] |= saying.pop(plural)
        for form, n in spellings.pop(plural).items():
            spellings[singular][form] = spellings[singular].get(form, 0) + n
    counts = {key: len(said) for key, said in saying.items()}
    kept = sorted((key for key, n in counts.items() if n >= least),
                  key=lambda key: (-counts[key], key))
    return {"words": [{"word": _spelling(spellings[key]), "count": counts[key]}
                      for key in kept[:limit]],
            "more": max(0, len(kept) - limit), "items": len(texts)}


def _plurals(words):
    """(plural, singular) for each English plural said beside its singular: "-s", "-es"
    ("partners", "boxes") and "-ies" ("families"). Only when both are there: a word is
    never guessed at ("news", "always" stay as they are)."""
    found = []
    for word in words:
        for ending, instead in (("ies", "y"), ("es", ""), ("s", "")):
            singular = word[:-len(ending)] + instead
            if word.endswith(ending) and singular in words:
                found.append((word, singular))
                break
    return sorted(found, key=lambda pair: -len(pair[0]))  # "glasses" into "glass" first


def _spelling(forms):
    """The way a word is most often written; on a tie, the lower-case one, then the first."""
    return max(forms, key=lambda form: (forms[form], form == form.lower()))
