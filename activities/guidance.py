"""The official guidance the agreement activities and the agreement pack follow, quoted
word for word and cited, in one place: the ICO's DPIA screening checklist and what it
says a DPIA is for, the ICO data sharing code's checklist for a data sharing agreement,
the section headings of a WASPI Information Sharing Protocol, and the six lawful bases of
UK GDPR Article 6(1).

Nothing here is paraphrased where it is given as a quotation (`Quote`). Where this
project explains something in its own words, it says so (`OURS`). The ICO's guidance is
published under the Open Government Licence v3.0; quoting it with its source is what
that licence asks. Check the current version at each source before relying on it.
"""
from dataclasses import dataclass

from .base import N_


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    url: str
    version: str  # which version the words were taken from

    def cite(self):
        return f"{self.publisher}, {self.title} ({self.version}): {self.url}"


ICO_DPIA = Source(
    "Data protection impact assessments: DPIA checklists (DPIA screening checklist)",
    "Information Commissioner's Office",
    "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/"
    "accountability-and-governance/guide-to-accountability-and-governance/"
    "accountability-and-governance/data-protection-impact-assessments/",
    "Guide to the UK GDPR")
ICO_DPIA_AT_A_GLANCE = Source(
    "Data protection impact assessments: At a glance",
    ICO_DPIA.publisher, ICO_DPIA.url, "Guide to the UK GDPR")
WP29_DPIA = Source(
    "Guidelines on Data Protection Impact Assessment (DPIA), WP248 rev.01",
    "Article 29 Data Protection Working Party (endorsed by the EDPB)",
    "https://ec.europa.eu/newsroom/article29/items/611236", "adopted 4 October 2017")
ICO_SHARING_AGREEMENTS = Source(
    "Data sharing: a code of practice. Data sharing agreements",
    "Information Commissioner's Office",
    "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/data-sharing/"
    "data-sharing-a-code-of-practice/data-sharing-agreements/",
    "statutory code, in force 5 October 2021")
ICO_SHARING_CHECKLIST = Source(
    "Data sharing code of practice: what a data sharing agreement should address",
    "Information Commissioner's Office",
    "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/data-sharing/"
    "data-sharing-a-code-of-practice/data-sharing-agreements/",
    "headings as in the draft code for consultation, July 2019")
WASPI_ISP = Source(
    "Information Sharing Protocol (ISP) template",
    "Wales Accord on the Sharing of Personal Information (WASPI)",
    "https://www.waspi.gov.wales/framework-documentation/",
    "section headings as used by ISPs published on the template, e.g. the Information "
    "Sharing Protocol for the Wales Police Schools Programme, wpsp_2_0_20210809")
UK_GDPR_ARTICLE_6 = Source(
    "UK GDPR, Article 6(1): lawfulness of processing",
    "legislation.gov.uk", "https://www.legislation.gov.uk/eur/2016/679/article/6",
    "as retained in UK law")


@dataclass(frozen=True)
class Quote:
    """Words taken exactly from a source."""

    text: str
    source: Source


OURS = N_("Roundtable's own words, not the regulator's")

# ---------------------------------------------------------------- DPIA screening
# The ICO's screening checklist, in two parts: processing for which "We always carry out
# a DPIA", and processing for which "We consider whether to do a DPIA".
DPIA_ALWAYS_LEAD = Quote("We always carry out a DPIA if we plan to:", ICO_DPIA)
DPIA_CONSIDER_LEAD = Quote("We consider whether to do a DPIA if we plan to carry out any "
                           "other:", ICO_DPIA)
DPIA_ALWAYS = (
    "Use systematic and extensive profiling or automated decision-making to make "
    "significant decisions about people.",
    "Process special category data or criminal offence data on a large scale.",
    "Systematically monitor a publicly accessible place on a large scale.",
    "Use new technologies.",
    "Use profiling, automated decision-making or special category data to help make "
    "decisions on someone’s access to a service, opportunity or benefit.",
    "Carry out profiling on a large scale.",
    "Process biometric or genetic data.",
    "Combine, compare or match data from multiple sources.",
    "Process personal data without providing a privacy notice directly to the individual.",
    "Process personal data in a way which involves tracking individuals’ online or offline "
    "location or behaviour.",
    "Process children’s personal data for profiling or automated decision-making or for "
    "marketing purposes, or offer online services directly to them.",
    "Process personal data which could result in a risk of physical harm in the event of a "
    "security breach.",
)
DPIA_CONSIDER = (
    ("Evaluation or scoring.", ICO_DPIA),
    ("Automated decision-making with significant effects.", ICO_DPIA),
    ("Systematic monitoring.", ICO_DPIA),
    ("Processing of sensitive data or data of a highly personal nature.", ICO_DPIA),
    ("Processing on a large scale.", ICO_DPIA),
    ("Processing of data concerning vulnerable data subjects.", ICO_DPIA),
    ("Innovative technological or organisational solutions.", ICO_DPIA),
    # The ICO's list ends with this criterion of the European guidelines it follows; it
    # is quoted here from those guidelines.
    ("Processing that “prevents data subjects from exercising a right or using a service "
     "or a contract”.", WP29_DPIA),
)
DPIA_MUST = Quote("You must do a DPIA for processing that is likely to result in a high "
                  "risk to individuals. This includes some specified types of processing. "
                  "You can use our screening checklists to help you decide when to do a "
                  "DPIA.", ICO_DPIA_AT_A_GLANCE)
DPIA_GOOD_PRACTICE = Quote("It is also good practice to do a DPIA for any other major "
                           "project which requires the processing of personal data.",
                           ICO_DPIA_AT_A_GLANCE)
DPIA_CONSULT = Quote("If you identify a high risk that you cannot mitigate, you must "
                     "consult the ICO before starting the processing.",
                     ICO_DPIA_AT_A_GLANCE)
DPIA_STEPS_LEAD = Quote("It should include these steps:", ICO_DPIA)
DPIA_STEPS = ("Step 1: identify the need for a DPIA", "Step 2: describe the processing",
              "Step 3: consider consultation", "Step 4: assess necessity and proportionality",
              "Step 5: identify and assess risks", "Step 6: identify measures to mitigate "
              "the risks", "Step 7: sign off and record outcomes")

# ---------------------------------------------------------------- data sharing agreements
AGREEMENT_GOOD_PRACTICE = Quote(
    "It is good practice to have a data sharing agreement.", ICO_SHARING_AGREEMENTS)
AGREEMENT_WHAT_FOR = Quote(
    "Data sharing agreements set out the purpose of the data sharing, cover what happens "
    "to the data at each stage, set standards and help all the parties involved in sharing "
    "to be clear about their roles and responsibilities.", ICO_SHARING_AGREEMENTS)
AGREEMENT_NAMES = Quote(
    "Your organisation might use a different title for a data sharing agreement, for "
    "example: an information sharing agreement; a data or information sharing protocol or "
    "contract; or a personal information sharing agreement.", ICO_SHARING_AGREEMENTS)
# The ICO's checklist of what a data sharing agreement should address, by its key: headings,
# not quotations, so a Welsh page or document gives them in Welsh (N_).
ICO_CHECKLIST = (
    ("purpose", N_("What is the purpose of the data sharing initiative?")),
    ("parties", N_("Which other organisations will be involved in the data sharing?")),
    ("joint", N_("Are we sharing data along with another controller?")),
    ("items", N_("What data items are we going to share?")),
    ("basis", N_("What is our lawful basis for sharing?")),
    ("special", N_("Is there any special category data or sensitive data?")),
    ("rights", N_("What about access and individual rights?")),
    ("governance", N_("What information governance arrangements should we have?")),
    ("further", N_("What further details should we include?")),
)
WASPI_WHAT_AN_ISP_DETAILS = Quote(
    "The ISP details the: specific purpose(s) for information sharing; group(s) of service "
    "users it impacts upon; relevant legislative powers and the consent processes involved; "
    "data which is to be shared; required operational procedures and the process for "
    "review; means of communicating to practitioners the specific operational "
    "requirements.", Source("The WASPI Framework", WASPI_ISP.publisher,
                            "http://www.waspi.org/page.cfm?orgid=702&pid=50458",
                            "page last updated 1 April 2011"))
# A WASPI ISP's sections, by key, in the template's order (in Welsh in a Welsh draft).
WASPI_SECTIONS = (
    ("introduction", N_("Introduction to this ISP")),
    ("partners", N_("The information sharing partner organisations")),
    ("benefits", N_("Benefits of sharing")),
    ("basis", N_("Lawful basis for sharing")),
    ("information", N_("Details of personal information being shared")),
    ("identifying", N_("Identifying the service user")),
    ("informing", N_("Informing the service user")),
    ("security", N_("Information security")),
    ("records", N_("Records management")),
    ("requests", N_("Data Protection Act and Freedom of Information Act requests")),
    ("complaints", N_("Complaints")),
    ("review", N_("Review of this ISP")),
    ("glossary", N_("Appendix A – Glossary of Terms")),
    ("flows", N_("Appendix B – Data flows")),
)

# ---------------------------------------------------------------- lawful bases
LAWFUL_BASES = {  # UK GDPR Article 6(1) (a) to (f), by the names the ICO uses (in Welsh
    # on a Welsh screen: names, not quotations)
    "consent": N_("Consent"), "contract": N_("Contract"),
    "legal_obligation": N_("Legal obligation"), "vital_interests": N_("Vital interests"),
    "public_task": N_("Public task"), "legitimate_interests": N_("Legitimate interests"),
}
