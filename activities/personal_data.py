"""Text that looks like personal data: an email address, a UK phone number, an NHS number
(with a valid check digit), a National Insurance number, a UK postcode, a date of birth.

Partners type these into free text without thinking (a child's date of birth, a
client's phone number), and once they are on the projector every partner has seen them.
What is flagged here is held for the facilitator's review, whatever the activity's
settings (contributions.py), and the phone warns its author before sending.

This module is the one truth of what is found. The phone runs the same patterns, served
to it as data (`served()`, at /personal-data.json), and mirrors the one check a pattern
cannot make, the NHS number's modulus 11 check digit (static/js/core/personal.js, which
also holds the words a person is told); tests/e2e/test_personal_data_phone.py runs both over
the same table of examples (tests/personal_data_examples.py). So each pattern is written
in what Python's `re` and JavaScript's RegExp read alike: no lookbehind (older phones'
browsers lack it), explicit [0-9] and [ ] rather than \\d and \\s (which differ between
the two), and case ignored in ASCII only.

The patterns lean towards the real thing, written as people write it, and away from what
a workshop says every day: ordinary numbers, years, prices, times and the dates of
meetings are not flagged (a date counts only after words such as "born" or "DOB"), and a
postcode-like "A1 2nd" is an ordinal, not a postcode. Written by hand: no maintained
library covers these UK formats with a browser twin.
"""
import re

_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
           # Welsh
           "ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|"
           "tachwedd|rhagfyr")
_DATE = ("(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})"
         "|[0-9]{4}-[0-9]{2}-[0-9]{2}"
         "|[0-9]{1,2}(?:st|nd|rd|th|af|ed|fed|ydd|eg)?[ ](?:of[ ])?(?:" + _MONTHS + ")"
         "(?:,?[ ][0-9]{4})?"
         "|(?:" + _MONTHS + ")[ ][0-9]{1,2}(?:st|nd|rd|th)?(?:,?[ ][0-9]{4})?)")

# kind: (pattern, the check its match must also pass): an email address, a UK phone
# number, an NHS number, a National Insurance number, a UK postcode, a date of birth. Each
# pattern's first group is what it found.
KINDS = {
    "email": ("([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:[.][A-Za-z0-9-]+)*[.][A-Za-z]{2,})", None),
    "phone": ("(?:^|[^0-9+])((?:[+]44[ ]?(?:[(]0[)][ ]?)?|[(]?0)[1-35789](?:[ )-]{0,2}[0-9]){8,9})"
              "(?![0-9])", None),
    "nhs": ("(?:^|[^0-9])([0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4})(?![0-9])", "nhs"),
    "nino": ("(?:^|[^A-Za-z0-9])((?!bg|gb|kn|nk|nt|tn|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z]"
             "[ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?[a-d])(?![A-Za-z0-9])", None),
    "postcode": ("(?:^|[^A-Za-z0-9])([a-z]{1,2}[0-9][a-z0-9]?[ ]?"
                 "(?![0-9](?:st|nd|rd|th)(?![a-z0-9]))[0-9][abd-hjlnp-uw-z]{2})(?![A-Za-z0-9])",
                 None),
    "birth": ("(?:^|[^A-Za-z0-9])((?:d[ .]?o[ .]?b|date of birth|born(?:[ ]on)?|"
              "birthday(?:[ ]is)?|dyddiad geni|ganwyd|ganed)[ .:,-]{0,3}(?:(?:is|was|on)[ ])?"
              "(?:the[ ])?" + _DATE + ")(?![0-9])", None),
}

_COMPILED = {kind: re.compile(pattern, re.IGNORECASE | re.ASCII)
             for kind, (pattern, _check) in KINDS.items()}


def nhs_check_digit(digits):
    """Whether ten digits are an NHS number by its modulus 11 check: the first nine
    weighted 10 down to 2, the remainder of their sum by 11 taken from 11 (11 is 0, 10
    is never issued) must be the tenth. Ten equal digits pass the sum but are never
    issued."""
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    total = sum(int(d) * weight for d, weight in zip(digits, range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


CHECKS = {"nhs": lambda found: nhs_check_digit(re.sub("[^0-9]", "", found))}


def find(*texts):
    """The kinds of personal data these texts seem to hold, in KINDS' order: () for none."""
    text = "\n".join(t for t in texts if isinstance(t, str))
    found = []
    for kind, (_pattern, check) in KINDS.items():
        for match in _COMPILED[kind].finditer(text):
            if check is None or CHECKS[check](match.group(1)):
                found.append(kind)
                break
    return tuple(found)


def served():
    """The patterns as the pages hand them to the browser: each kind's pattern (flags: g
    and i) and check, in KINDS' order."""
    return [{"kind": kind, "pattern": pattern, "check": check}
            for kind, (pattern, check) in KINDS.items()]
