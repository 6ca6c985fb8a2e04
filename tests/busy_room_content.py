"""What the busy room says: a real workshop's volume of words, in English, Welsh, Arabic
and Hebrew, with some texts at the 280-character limit. Used by busy_room.py."""

TITLE = "Sharing information about families across North Wales"

# Five organisations: one Welsh, two with 60-character names. (name, people)
ORGANISATIONS = [
    ("Cyngor Sir Ynys Môn", 11),
    ("North Wales Police", 9),
    ("Betsi Cadwaladr University Health Board", 8),
    ("Voluntary and Community Sector Children and Families Network", 7),
    ("Regional Safeguarding Children and Adults Board, North Wales", 5),
]

QUESTION = "What gets in the way of sharing information well?"

LONG_ANSWER = (
    "When a family moves between counties the records do not follow them: the new school, "
    "the new health visitor and the new social worker each start again from nothing, ask "
    "the family the same questions, and we only find the history months later, "
    "when something has gone wrong."
)
ANSWERS = [
    "Different words for the same agreement",
    "Nobody is sure what consent covers",
    "Systems that do not talk to each other",
    "Fear of getting it wrong and being blamed",
    "No shared contact list of who to ask",
    LONG_ANSWER,
    "Dydyn ni ddim yn gwybod pwy sy’n gyfrifol am rannu’r wybodaeth",
    "Secure email does not reach the schools",
    "GDPR is used as a reason to say no",
    "Information governance teams are not in the room when decisions are made",
    "لا نعرف من يملك المعلومات عن العائلة",
    "Every partner has its own form for the same referral",
    "Staff turnover: the person who knew has left",
    "We only talk when something has gone wrong",
    "Thresholds differ between councils, so the same family is in and out of services",
    "Out-of-hours teams cannot see daytime records",
    "Families are not told what was shared, so they stop trusting us",
    "Mae pob asiantaeth yn defnyddio system wahanol",
    "Legal advice takes weeks",
    (
        "Our data-sharing agreement was signed in 2017 by people who have all moved on. "
        "Nobody now knows what it allows, so every request goes to the information "
        "governance team, who are two people covering the whole county, and the answer "
        "comes back after the meeting where it was needed."
    ),
    "Police cannot share until a crime is recorded",
    "Health visitors and school nurses work to different policies",
    "No time in the working day to follow up",
    "Interpreters are booked late, so families cannot say what they agree to",
    "אין לנו שפה משותפת בין השירותים",
    "Consent forms are written for lawyers, not for parents",
    "We share too much by phone and nothing is written down",
    "Schools hear about incidents days later",
    "Unclear who holds the lead role for a family",
    "Voluntary groups are not seen as real partners",
    "Different retention periods for the same record",
    "Worry about the ICO fining us",
    "No feedback after a referral: we never hear what happened",
    "IT projects promised a shared record three times",
    "The GP surgery will not release anything without a court order",
    (
        "Smaller charities do not have anyone whose job is data protection, so when a "
        "council or health board sends a long agreement to sign we either sign "
        "without understanding it or quietly stop taking referrals, and neither of those "
        "helps the families we are all trying to support."
    ),
    "Meetings clash, so the wrong people attend",
    "Nid yw’r ffurflenni ar gael yn Gymraeg",
    "Culture of caution after a serious case review",
    "Duplicate assessments for the same child",
    "No budget for joint training",
    "We do not know what the other partners already hold",
    "Parents fear that sharing means losing their children",
    "Records are kept on paper in some teams",
    "Managers sign off every request, which takes days",
    "Young people are not asked what they want shared",
    "Each partner has its own definition of a child in need",
    "Early help is not recorded anywhere central",
    "A single point of contact would make a huge difference",
    "Housing is never invited",
    "Adult services do not see the children in the house",
    "Confidentiality is treated as absolute when it is not",
    "We are unsure what the law allows for adults at risk",
    "The multi-agency hub is only open office hours",
    "Staff are not trained on the agreement we have",
    "Information arrives but nobody reads it",
    "Partners use acronyms nobody else understands",
    "Missing-child reports are not passed on quickly",
    "No shared chronology for a family",
    "Too many portals, too many passwords",
    "Trust between partners is built person by person, and lost when they leave",
    "Families with no fixed address fall through every gap",
    "The school does not know a parent is in hospital",
    "Nobody owns the risk once it is shared",
    (
        "We share information about the risk but not about what is going well, so the "
        "picture every partner holds of a family is worse than the truth, and the family "
        "can feel it in every meeting they come to, which makes them less willing to tell "
        "us anything the next time we ask."
    ),
]

HEALTH_ORIGINS = ["reactive", "reactive", "both", "proactive", "reactive"]
HEALTH_SENTENCES = [
    "We only talk when something has gone wrong",
    "Everyone uses different words for the same thing",
    "Housing and GPs are never at the table",
    "Decisions wait for the next board meeting",
    "Mae angen mwy o amser i feddwl yn greadigol",
    "The venue is always in the council offices",
]

# Sixteen terms: (term, meaning); the same term twice is two partners' meanings.
DEFINITIONS = [
    ("Information sharing agreement",
     "What we share, with whom, why and for how long, signed by every partner"),
    ("Information sharing agreement", "A document the lawyers keep"),
    ("Information sharing contract", "The signed paper that lets us share"),
    ("Information sharing protocol",
     "The overarching rules all partners sign up to, under which individual agreements sit"),
    ("Consent",
     "The person said yes, in writing, after being told what will be shared and with whom"),
    ("Consent", "One lawful basis among several; often not the right one for safeguarding"),
    ("Caniatâd", "Pan fo’r person wedi cytuno, ar ôl deall beth fydd yn cael ei rannu"),
    ("Early help", "Support before a crisis, not after"),
    ("Early help", "A team in the council that families are referred to"),
    ("Safeguarding", "Keeping children and adults at risk safe from harm and abuse"),
    ("Child in need",
     "A child who needs services to reach a reasonable standard of health or development"),
    ("Child in need", "A legal status under the Act that opens up an assessment"),
    ("Lawful basis", "The reason in data protection law that makes sharing allowed"),
    ("Need to know", "Only the people who must act get the information"),
    ("Single point of contact", "One named person in each partner who answers sharing questions"),
    ("Data controller", "The organisation that decides why and how information is used"),
    ("Data controller", "Whoever holds the record"),
    ("Information governance", "The team that says no"),
    ("Information governance", "Making sure information is handled lawfully, securely and well"),
    ("Chronology",
     "The story of a family’s contacts with services, in date order, shared between partners"),
    ("Proportionate",
     "Sharing only as much as the situation needs: not everything, and not nothing"),
    ("Professional curiosity", "Asking the next question instead of accepting the first answer"),
    ("Team around the family", "Partners meeting with the family to agree one plan"),
    ("موافقة", "أن يوافق الشخص بعد أن يفهم ما سيتم مشاركته ومع من"),
    (
        "Public task",
        "A lawful basis for sharing where a public body is carrying out a function set out "
        "in law, such as safeguarding children or adults at risk; it does not need consent, "
        "but it does need us to tell people what we share and why, and it is not available "
        "to charities in the same way",
    ),
]
GLOSSARY_LINKS = [("Information sharing contract", "Information sharing agreement"),
                  ("Caniatâd", "Consent"), ("موافقة", "Consent")]
GLOSSARY_MARKS = [("Information sharing agreement", "agreed"), ("Consent", "contested"),
                  ("Early help", "contested"), ("Safeguarding", "agreed"),
                  ("Need to know", "agreed")]

# Sixty partners: (name, where most people put them, how many name them).
PARTNERS = [
    ("GP practices", "missing", 12), ("Schools", "room", 11), ("Housing", "missing", 10),
    ("North Wales Police", "room", 9), ("Adult social care", "involved", 8),
    ("Health visitors", "involved", 7), ("Children’s services", "room", 7),
    ("Youth offending service", "involved", 6), ("Mental health services", "missing", 6),
    ("Voluntary and Community Sector Children and Families Network", "room", 6),
    ("Substance misuse services", "missing", 5), ("Probation", "involved", 5),
    ("Ambulance service", "missing", 4), ("Fire and rescue", "involved", 4),
    ("School nurses", "involved", 4), ("Early help hub", "room", 4),
    ("Information governance leads", "missing", 4), ("Domestic abuse services", "involved", 4),
    ("Gwasanaethau Cymdeithasol Plant", "room", 3), ("Midwives", "involved", 3),
    ("Dentists", "missing", 3), ("Job centre", "missing", 3), ("Foster carers", "involved", 3),
    ("Regional Safeguarding Children and Adults Board, North Wales", "room", 3),
    ("Women’s Aid", "involved", 3), ("Community interpreters", "missing", 3),
    ("مترجمون مجتمعيون", "missing", 2), ("Betsi Cadwaladr University Health Board", "room", 2),
    ("Pharmacies", "missing", 2), ("Leisure centres", "missing", 2),
    ("Faith groups", "involved", 2), ("Libraries", "involved", 2),
    ("Citizens Advice", "involved", 2), ("Housing associations", "missing", 2),
    ("Families themselves", "missing", 2), ("Young carers service", "involved", 2),
    ("Police community support officers", "room", 2), ("Education welfare officers", "involved", 1),
    ("Flying Start", "involved", 1), ("Homeless prevention team", "missing", 1),
    ("Sexual assault referral centre", "involved", 1),
    ("Child and adolescent mental health services", "missing", 1),
    ("Cyngor Sir Ynys Môn", "room", 1), ("Welsh Government", "involved", 1),
    ("Information Commissioner’s Office", "missing", 1), ("Court services", "involved", 1),
    ("Prisons", "missing", 1), ("Early years settings", "involved", 1),
    ("Further education colleges", "missing", 1), ("Sports clubs", "missing", 1),
    ("Menter Iaith", "involved", 1), ("Refugee support groups", "missing", 1),
    ("Gypsy and Traveller liaison officers", "missing", 1), ("Carers Trust", "involved", 1),
    ("Local area coordinators", "involved", 1), ("Food banks", "involved", 1),
    ("Debt advice services", "missing", 1), ("Private landlords", "missing", 1),
    ("British Transport Police", "missing", 1), ("ארגוני קהילה", "missing", 1),
]

# The journey: (stage, lane) of each note outside the busy cell, and its text.
JOURNEY_NOTES = [
    (0, 0, "Teacher notices the child is often hungry and tired in the mornings"),
    (0, 1, "School to the early help hub, by phone first"),
    (0, 4, "A named contact in each school for worries like this"),
    (1, 0, "Early help worker asks the family what support they already have"),
    (1, 1, "Health visitor’s notes, school attendance, police callouts"),
    (1, 2, "Consent from the parent, or public task when there is a risk"),
    (1, 4, "A shared chronology everybody can add to"),
    (2, 0, "Team around the family meets and agrees what to share"),
    (3, 0, "Summary sent to the GP and the school by secure email"),
    (3, 1, "Cyngor Sir Ynys Môn i’r ysgol a’r meddyg teulu"),
    (4, 0, "GP adds a flag to the child’s record"),
    (4, 4, "Tell the family what was shared and why, every time"),
    (5, 0, "Outcome recorded in both systems and the case closed"),
    (5, 4, "Ask the family afterwards what it felt like, and change the process"),
]
BUSY_CELL = (2, 3)  # Decision to share / Barriers: 42 notes
BARRIERS = [
    "Not sure if it meets the threshold",
    "Nobody is sure what consent covers",
    "Secure email does not reach schools",
    "The agreement is out of date and nobody knows what it allows",
    "We wait for the information governance team to answer",
    "Managers must sign off every request",
    "Fear of the ICO",
    "The parent has said no and we do not know if we can share anyway",
    "Different thresholds in each county",
    "No one owns the decision",
    "Legal advice takes weeks",
    "The police cannot share before a crime is recorded",
    "Health will not share without a court order",
    "Out-of-hours staff cannot see the record",
    "The decision is made in a meeting the school is not invited to",
    "Smaller charities have no data protection lead",
    "Dydyn ni ddim yn siŵr beth mae’r gyfraith yn ei ganiatáu",
    "The form asks for information we do not have",
    "We worry about damaging our relationship with the family",
    "Young people are not asked",
    "Interpreters are not available at short notice",
    "No shared definition of risk",
    "Each partner has its own form",
    "The family has moved across the border",
    "The case is closed to one service but open to another",
    "GPs are never in the meeting",
    "Housing is never asked",
    "Unclear if adult services can see children’s records",
    "لا يوجد اتفاق مكتوب بين الشركاء",
    "Staff are new and have not been trained",
    "Previous sharing went badly and people remember it",
    "Nobody checks that what was shared was used",
    "The system logs us out in the middle of a referral",
    "Confidentiality is treated as absolute",
    "The school nurse and the health visitor work to different policies",
    "There is no time to do it properly",
    "A parent in hospital means no one can give consent",
    "Information arrives too late to change the decision",
    "אין מי שמחליט",
    (
        "We are asked to decide whether to share on the basis of a phone call, with no "
        "written record of what the other partner already knows, no time to check with "
        "our governance team, and the worry that if we get it wrong it will "
        "be us, not the partnership, named in the review."
    ),
    "No feedback on whether sharing helped",
    "Every partner stores it for a different length of time",
]
# (note index in BARRIERS, +1s): the barriers people agree with most.
BARRIER_PLUS = {1: 14, 9: 11, 3: 9, 0: 7, 39: 6, 4: 5, 16: 4, 12: 3, 25: 3, 26: 2}
FEELINGS = [[0, -1, -2, -1, 0, 1], [1, -1, -2, 0, -1, 1], [0, -2, -1, -1, 0, 2],
            [-1, -1, -2, 0, 1, 1], [0, 0, -1, -1, -1, 0]]

PROPOSALS = [
    "Nobody owns the decision to share",
    "Consent is unclear",
    "Agree one form for every partner",
    "Invite GPs and housing to the partnership",
    "Train every new starter on the agreement in their first month",
]

PICTURE_TITLES = [
    "A home everyone can see into", "One table", "Trust going up", "A bridge between systems",
    "Every door open", "Y bont rhwng y gwasanaethau",
    "A tower of records that every partner can reach, with the family at the very top",
    "The family at the centre", "A map with every service on it", "Roads that join up",
    "جسر بين العائلات والخدمات", "A key for every lock", "A garden that grows",
    "One front door", "Children playing safely", "A lighthouse", "Circles that overlap",
    "A ladder out of crisis", "The shared noticeboard", "Hands joined", "A school with open gates",
    "Cartref diogel i bawb",
]
PICTURE_MEANINGS = [
    "One record of the family that every partner can read, with the family’s say in it",
    "Partners meet as equals", "Each share makes the next easier",
    "Information crosses without being typed twice", "", "",
    "Everyone can reach what they need without asking three people first",
]

# ---------------------------------------------------------------- the agreement activities
# The sharing checklist: (question, answer) pairs, some at 280 characters, in Welsh and
# Arabic; lawful bases for every organisation; the answers agreed by the room are marked.
CHECKLIST_ANSWERS = [
    ("purpose", "So that a family gets early help before things reach crisis point, from "
                "whichever partner sees the first sign", True),
    ("purpose", "Fewer repeat referrals for the same family", False),
    ("purpose", "Fel bod teuluoedd yn cael help yn gynnar, cyn argyfwng", False),
    ("purpose", (
        "To let a school, a health visitor, the police and the council's early help team "
        "see, for one family at a time and only when they are already working with that "
        "family, who else is involved and what each has done in the last three months, so "
        "that nobody starts again from nothing."), False),
    ("data", "Name, date of birth, address, school, the lead practitioner and the services "
             "involved", True),
    ("data", "Attendance concerns and exclusions, from schools", False),
    ("data", "Police domestic abuse notifications (the fact of a call-out, not the detail)",
     False),
    ("data", "بيانات الحضور المدرسي فقط", False),
    ("special", "Health data: only that a health visitor is involved, never the clinical "
                "record", True),
    ("special", "Criminal offence data: none shared under this agreement", False),
    ("rights", "A leaflet in Welsh and English when a family is first referred; requests "
               "go to the partner who holds the record", True),
    ("rights", "Families can ask what was shared and with whom", False),
    ("security", "Egress encrypted email until the shared case list is live; no paper",
     True),
    ("security", "Role-based access to the case list, reviewed every quarter", False),
    ("security", "Mae angen hyfforddiant ar bawb cyn cael mynediad", False),
    ("retention", "Each partner keeps what it received for as long as its own record, then "
                  "destroys it; the shared list keeps an entry for 12 months", True),
    ("retention", "Six years for case notes, as now", False),
]
CHECKLIST_BASES = [  # (partner, lawful basis, the law or power, agreed)
    ("Cyngor Sir Ynys Môn", "public_task", "Children Act 2004, s.10; Social Services and "
                                           "Well-being (Wales) Act 2014", True),
    ("North Wales Police", "public_task", "Common law policing purposes", True),
    ("North Wales Police", "legal_obligation", "", False),
    ("Betsi Cadwaladr University Health Board", "public_task",
     "National Health Service (Wales) Act 2006", True),
    ("Voluntary and Community Sector Children and Families Network", "consent",
     "Families' consent at referral", False),
    ("Voluntary and Community Sector Children and Families Network", "legitimate_interests",
     "", False),
]
CHECKLIST_REVIEW = ("2027-09-30", "after the first two school terms")

# The DPIA screening: each person's answer to each of the twenty questions comes from the
# leaning of their organisation, so that the organisations disagree on a few.
DPIA_LEANINGS = [  # one string per organisation: y(es), n(o), u(nsure) for each question
    "nyynnnnynyyyunnynunn",
    "nnynnnnynnnnnnnyynnn",
    "nyunnnnyunnnnnnyyynn",
    "nuunnuuyuunnunnyuunu",
    "nnynnnnyynnnnnnyynnn",
]

# The action plan: an earlier workshop's actions to review, proposals (some at 280
# characters, in Welsh and Hebrew), those the room agreed with owners and dates.
EARLIER_ACTIONS = [
    "Agree one referral form for early help | Cyngor Sir Ynys Môn | 2026-10-31 | in progress",
    "Invite the GP practices to the partnership | Betsi Cadwaladr University Health Board | "
    "2026-09-30 | not started",
    "Train front desks on what they may share | North Wales Police | 2026-11-30 | not started",
    "Map who holds which record | Voluntary and Community Sector Children and Families "
    "Network | 2026-12-15 | in progress",
    "Publish the partnership's privacy notice in Welsh and English | Cyngor Sir Ynys Môn | "
    "2026-11-15 | stuck",
    "Set up secure email to every school | Cyngor Sir Ynys Môn | 2026-09-01 | in progress",
]
EARLIER_REVIEWED = {0: "done", 1: "stuck", 2: "progress", 4: "done"}  # the rest not yet
LONG_ACTION = (
    "Write the information sharing protocol from this pack: take the agreed answers as they "
    "stand, have each partner's data protection officer fill in what is marked to be "
    "written, settle the contested terms in one short meeting, and bring the signed copy "
    "to the board in spring"
)
ACTIONS = [
    LONG_ACTION,
    "Run the full DPIA with the health board's information governance team",
    "Settle what 'consent' means in the agreement",
    "Ask every school for one named contact",
    "Cytuno ar daflen i deuluoedd yn Gymraeg ac yn Saesneg",
    "Test the shared case list with ten families first",
    "Book the data protection officers for one afternoon together",
    "Agree retention periods for the shared list",
    "Find out what the out-of-hours team needs to see",
    "להסכים על טופס הפניה אחד",
    "Check the Children Act powers with legal services",
    "Write down who the lead practitioner is for each family",
    "Tell families what was shared and why",
    "Give the voluntary sector access to the referral form",
    "Review the agreement after two school terms",
    "Set up quarterly access reviews",
    "Send the draft to every partner's DPO by the end of January",
    "Invite the GP practices again, with a named person this time",
    "Put the secure email addresses in one list",
    "Agree how to record a decision not to share",
]
AGREED_ACTIONS = {  # action index: (owner index in ORGANISATIONS, due, status)
    0: (0, "2027-03-31", "progress"), 1: (2, "2027-02-28", "open"),
    2: (4, "2027-01-31", "open"), 3: (0, "2027-01-15", "done"), 4: (0, "2027-02-15", "open"),
    6: (1, "2027-01-20", "open"), 7: (3, "2027-03-15", "stuck"), 10: (0, "2027-02-01", "open"),
}
ACTION_SUPPORT = {1: 12, 5: 9, 8: 7, 11: 6, 12: 5, 13: 4, 15: 3, 17: 2}
# Questions from the room: 42 questions for a panel, some long, some Welsh, Arabic or
# Hebrew; the first ones get most upvotes (busy_room.py gives them out).
PANEL = "Your questions for the panel of partners"
LONG_QUESTION = (
    "If a family asks us to share their story once, with every partner at the same time, "
    "rather than telling it again to each service, which of you would hold that record, "
    "who would decide who else may read it, and how would the family see and correct "
    "what has been written about them?"
)
QUESTIONS = [
    "Who owns the shared record once a family's information has been shared?",
    "What does consent actually cover when we refer a child to another service?",
    LONG_QUESTION,
    "When will the data-sharing agreement be reviewed, and by whom?",
    "Pwy sy’n penderfynu beth sy’n cael ei rannu gyda’r ysgolion?",
    "Can voluntary groups see the referral outcome?",
    "How do we tell families what was shared about them?",
    "What happens out of hours when the duty team cannot reach health?",
    "من يقرر ما يتم مشاركته مع المدارس؟",
    "Is there one contact list of information governance leads?",
    "Why does the GP surgery ask for a court order?",
    "Can schools be told about incidents the same day?",
    "What training is there on the lawful basis for sharing?",
    "מי מחליט מה משתפים עם בתי הספר?",
    "Who pays for the shared system?",
    "How long do we keep the records we receive from partners?",
    "Do we need a DPIA for the new multi-agency hub?",
    "What if a partner leaves the agreement?",
    "Can young people see what has been shared about them?",
    "How do interpreters fit into the consent conversation?",
    "Why are thresholds different in each county?",
    "Sut allwn ni gynnal y cyfarfodydd yn Gymraeg?",
    "Who checks that shared information is accurate?",
    "What happens when two partners disagree about sharing?",
    "Can the agreement be written in plain English and Welsh?",
    "Is email secure enough for referrals to schools?",
    "Who is the lead for a family known to several services?",
    "How will we know whether sharing made a difference?",
    "Will the police share before a crime is recorded?",
    "What should a new member of staff read first?",
    "How do we record a decision not to share?",
    "Can we share with housing associations?",
    "Who answers questions from the ICO?",
    "Is there a template for a sharing request?",
    "What if a parent withdraws consent halfway through?",
    "Do health visitors and school nurses follow the same policy?",
    "How do we share across the border with England?",
    "Who can we call when the information governance team is away?",
    "What does 'need to know' mean in practice?",
    "Will there be joint supervision across agencies?",
    "How quickly must we answer a request from a partner?",
    "Can the facilitator send us the slides?",
]
QUESTION_VOTES = {0: 22, 1: 19, 2: 15, 3: 12, 4: 10, 5: 9, 6: 8, 8: 7, 10: 6, 13: 5,
                  16: 4, 19: 3, 22: 3, 25: 2, 30: 1}  # question index: upvotes

# An open question reviewed before the room sees it: the answers the facilitator has
# approved, those still waiting, and some with personal data typed in by mistake.
REVIEWED = "What should change first? (reviewed before it is shown)"
PERSONAL_ANSWERS = [
    "Sam's mum asked us to call her on 07700 900123 before anything is shared",
    "The boy at CF10 3AT has been referred three times this year",
    "NHS number 943 476 5919 appears on two different records",
    "DOB 12/03/2014 was wrong on the school's copy",
    "Email jo.bloggs@example.org for the minutes",
]
