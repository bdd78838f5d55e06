"""The word lists the NLP rules read, in one place: claims and responses, and the entity ruler, linker,
second references, plaintiff groups and parse helpers (their sections at the end).

Extend a list here to teach the rules a new way of saying something; the matchers are built
from these sets when the pipeline loads (the claim rules' trigger table and sentence shapes in
`nlp/patterns/*.yaml` name sets of this module). Words are lemmas (lower case) unless said otherwise.
"""

from __future__ import annotations

from claimgraph.records import Category, ResponseKind

# --- Claim triggers -------------------------------------------------------------------------
# Verbs whose subject accuses their object: "X accused Y of ...", "Y was accused by X".
ACCUSE_VERBS = frozenset({"accuse", "charge", "blame", "fault", "indict", "target"})
# Verbs of suing: "X sued Y", "Y has been sued by X" (status lawsuit_filed).
SUE_VERBS = frozenset({"sue", "countersue"})
# Verbs of a regulator's or court's sanction: "the Garante fined OpenAI" (status ruled).
SANCTION_VERBS = frozenset({"fine", "penalize", "penalise", "sanction"})
# Verbs of settling charges or a suit: "Presto agreed to settle charges by the SEC that it misled
# investors" (the party that settles is the accused; status settled).
SETTLE_VERBS = frozenset({"settle", "resolve"})
# Verbs of investigation; a claim only when their subject is a regulator.
# Looking at a question ("is examining whether X breaches ..."): an authority's allegation only with "whether".
EXAMINE_VERBS = frozenset({"examine", "scrutinize", "scrutinise", "review", "assess", "look"})
INVESTIGATE_VERBS = frozenset({"investigate", "probe"})
# Enforcement verbs: a claim only when their subject is an authority ("the FTC banned Rite Aid from
# using facial recognition"), with a category cue; the object is the accused.
ENFORCE_VERBS = frozenset({"ban", "bar", "prohibit", "order", "warn", "reprimand", "censure"})
# Enforcement verbs that are a decision rather than an allegation (status ruled).
ENFORCE_RULING_VERBS = frozenset({"ban", "bar", "prohibit", "order", "reprimand", "censure"})
# Titles and roles of officials who act like regulators: "Senator Josh Hawley opened a probe into Meta".
OFFICIAL_TITLES = frozenset(
    {
        "senator",
        "sen.",
        "representative",
        "rep.",
        "congressman",
        "congresswoman",
        "lawmaker",
        "governor",
        "gov.",
        "commissioner",
        "attorney",
        "prosecutor",
        "minister",
        "secretary",
        "regulator",
        "chairman",
        "chairwoman",
        "chair",
        "general",
    }
)
# Titles of judges: a judge or a court neither accuses nor is accused ("Judge Colleen McMahon").
JUDICIAL_TITLES = frozenset({"judge", "justice", "magistrate", "judges"})
# Verbs by which a defendant deals with a suit: "OpenAI faces a lawsuit", "Meta is fighting the suit".
DEFEND_VERBS = frozenset({"face", "fight", "settle", "defend", "lose", "win", "battle", "contest", "resolve"})
# Verbs of reported speech whose clause states the allegation: "X said (that) Y ...".
SAY_VERBS = frozenset(
    {
        "say",
        "claim",
        "allege",
        "assert",
        "argue",
        "contend",
        "complain",
        "believe",
        "suspect",
        "maintain",
        "insist",
        "warn",
        "write",
        "tell",
        "state",
        "add",
        "conclude",
        "find",
        "demand",
    }
)
# Speech verbs that accuse by themselves (no category cue needed in their clause).
ALLEGING_VERBS = frozenset({"allege", "accuse", "charge", "complain", "contend"})
# Verbs by which someone makes an accusation named by a noun: "X made similar allegations against Y".
MAKE_ACCUSATION_VERBS = frozenset({"make", "level", "raise", "repeat", "announce", "bring", "file", "lodge", "press"})
# Verbs that make a filing: "X filed a lawsuit against Y", "X brought a complaint".
FILE_VERBS = frozenset({"file", "bring", "launch", "lodge", "submit", "initiate"})
# Verbs that make someone a defendant: "Tim Cook is also named as a defendant".
NAME_AS_VERBS = frozenset({"name", "add", "list", "include", "join"})
# Nouns naming a document that speaks for its author: "X published a report saying that ...".
DOCUMENT_NOUNS = frozenset({"report", "statement", "post", "blog", "letter", "memo", "paper", "study", "analysis"})
# Nouns naming where something was said: "said in a decision that ...", "said in an interview that ...".
SPEECH_NOUNS = frozenset(
    {"decision", "interview", "order", "submission", "email", "message", "announcement", "release"}
)
# Nouns naming a legal action: "X's lawsuit against Y", "a complaint filed by X", "an indictment charging Y".
LAWSUIT_NOUNS = frozenset(
    {"lawsuit", "suit", "complaint", "case", "action", "litigation", "petition", "filing", "indictment"}
)
# Verbs that take someone to court: "X took Y to court", "X dragged Y into court".
TO_COURT_VERBS = frozenset({"take", "drag", "haul", "bring"})
# Verbs that hit someone with a legal action or a penalty: "X hit Y with a lawsuit", "slapped Y with a fine".
HIT_WITH_VERBS = frozenset({"hit", "slap", "serve", "target", "saddle"})
# Verbs by which someone asks another to stop a practice ("X asked Y to stop training on its works"): an
# accusation that Y does it, when the practice cues a category.
REQUEST_VERBS = frozenset({"ask", "urge", "tell", "press", "pressure", "call", "demand"})
STOP_VERBS = frozenset({"stop", "cease", "halt", "end"})
# What a party seeks from another in a suit: "X is seeking damages from Y", "seeking 2.2 billion yen from Y".
DAMAGES_NOUNS = frozenset({"damages", "compensation", "restitution", "royalties"})
# Nouns naming a penalty: "X imposed a fine on Y", "hit Y with a penalty".
PENALTY_NOUNS = frozenset({"fine", "penalty"})
# Verbs that impose a penalty named by a noun: "the CNIL imposed a fine of 20 million euros on Clearview".
IMPOSE_VERBS = frozenset({"impose", "levy", "issue", "hand", "announce", "slap"})
# Nouns naming an accusation: "claims by X that Y ...", "accusations by X".
ACCUSATION_NOUNS = frozenset({"claim", "accusation", "allegation", "charge", "complaint"})
# Lemmas that make a trigger hypothetical or conditional when attached to it.
HYPOTHETICAL_MARKERS = frozenset({"if", "whether", "unless"})
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "should", "may", "can"})
# Adverbs by which a report is said to be false: what "falsely told users that X was sued" reports is
# no claim of the article.
FALSE_REPORT_WORDS = frozenset({"falsely", "wrongly", "erroneously", "mistakenly", "incorrectly"})
# Adjectives of grievance: "X said she was shocked that Y ..." is an accusation (category other).
GRIEVANCE_WORDS = frozenset(
    {"shocked", "angered", "outraged", "appalled", "dismayed", "furious", "disturbed", "alarmed", "incensed"}
)

# Words of falsehood: an allegation of false statements about the accusing person is defamation.
FALSEHOOD_WORDS = frozenset({"falsely", "false", "fabricate", "fabricated", "invent", "invented", "untrue", "fake"})

# Words that name a variant of a model family after its name and version ("Gemini 3.5 Flash", "Claude Opus").
MODEL_VARIANT_WORDS = frozenset(
    {"flash", "pro", "ultra", "nano", "mini", "turbo", "sonnet", "opus", "haiku", "max", "plus", "lite", "coder"}
)

# Words by which an allegation refers back to an earlier one ("made similar accusations", "did the same").
ANAPHORIC_WORDS = frozenset({"similar", "same", "likewise", "comparable", "identical"})

# --- Words the claim frames read (nlp/components/claims/) ------------------------------------
# Words that hedge a reported allegation ("may have copied", "believes"): lower confidence, the claim stays.
HEDGE_WORDS = frozenset({"may", "might", "could", "possibly", "likely", "apparently", "believe", "suspect"})
# Words that leave a statement less than certain, as the claim model reads a sentence ("reportedly" and
# "allegedly" too: news hedges what it has not seen).
UNCERTAINTY_WORDS = frozenset({"may", "might", "could", "possibly", "likely", "reportedly", "allegedly"})
# Verbs by which a party brings an action: "opened an investigation", "unsealed an indictment".
ACTION_VERBS = frozenset({"announce", "take", "bring", "file", "launch", "open", "pursue", "unseal"})
# Nouns of an authority's investigation: "opened a probe into Meta".
INVESTIGATION_NOUNS = frozenset({"investigation", "probe", "inquiry"})
# Subject pronouns by which a speaker speaks of itself: "X said it had seen ..." (lower case).
SPEAKER_PRONOUNS = frozenset({"it", "they", "we", "i"})
# Determiners of a definite noun: "The report said ..." is a report named before (lower case).
DEFINITE_WORDS = frozenset({"the", "this", "that"})
# Nouns of a suit: a subject that speaks for its plaintiffs ("The complaint says ...", then "It ...").
SUIT_NOUNS = frozenset({"lawsuit", "suit", "case", "complaint", "action", "litigation"})
# Words of a generic statement: "files a complaint when ..." names no suit (lower case).
GENERIC_MARKERS = frozenset({"when", "whenever", "if"})
# Verbs of charging: an authority's charges are a case filed ("The SEC charged X with ...").
CHARGE_VERBS = frozenset({"charge", "indict"})
# Nouns of AI models: copying models is distillation (lower case).
MODEL_WORDS = frozenset({"model", "models"})
# Role nouns of an official who speaks for an authority: "X, a federal prosecutor".
PROSECUTOR_NOUNS = frozenset({"prosecutor", "official"})
# Nouns of a cease-and-desist demand, and the verbs that send it: "sent a cease-and-desist letter to Y".
DESIST_NOUNS = frozenset({"letter", "order", "notice", "demand"})
DESIST_VERBS = frozenset({"send", "issue", "deliver", "serve", "fire"})
# What a party settles: charges, a suit, an investigation ("agreed to settle charges by the SEC").
SETTLED_NOUNS = ACCUSATION_NOUNS | LAWSUIT_NOUNS | INVESTIGATION_NOUNS
# Verbs that read a suit noun subject themselves ("The lawsuit accuses ...", "The suit says ...").
SPEECH_LEMMAS = ACCUSE_VERBS | SUE_VERBS | SAY_VERBS
# Words of a sentence about a suit: an amount sought in it is damages ("seeking 2.2 billion yen from Y").
SUIT_CONTEXT_WORDS = SUIT_NOUNS | {"court", "sue"}
# Words beside the subject that bring in its co-plaintiffs: "X, along with W, sued ...", "together with W".
COMPANION_WORDS = frozenset({"along", "together"})
# Prepositions (and "use") naming the means of a wrong: "through Alibaba Cloud accounts" names the tool, not
# the accused, when its parent is named as the accused beside it.
MEANS_WORDS = frozenset({"through", "via", "use"})
# Where a complaint goes: "filed a complaint with the competition authority", "complained to the FTC". The body
# named there receives the accusation; it does not make it in that sentence.
RECIPIENT_PREPOSITIONS = frozenset({"to", "with", "before"})
COMPLAINT_WORDS = frozenset(
    {"complaint", "complain", "petition", "grievance", "refer", "report", "file", "lodge", "submit"}
)
# Auxiliaries of an inability, which is alleged rather than denied ("could not substantiate its claims").
ABILITY_MODALS = frozenset({"could", "can", "ca"})
# Single-word triggers of the claim rules (nlp/patterns/claim_triggers.yaml, claim_shapes.yaml).
DEFENDANT_NOUNS = frozenset({"defendant"})
PLAINTIFF_NOUNS = frozenset({"plaintiff"})
# "took Y to court" (a lemma, and a lower-case form when the tagger makes "Court" a proper noun).
COURT_NOUNS = frozenset({"court"})
# "a cease-and-desist letter" (lower case).
DESIST_WORDS = frozenset({"desist", "cease-and-desist"})
# "X is seeking damages from Y": the lemma, and the forms the lemmatizer misses (lower case).
SEEK_VERBS = frozenset({"seek"})
SEEK_FORMS = frozenset({"seeking", "seeks", "sought"})

# --- Categories -----------------------------------------------------------------------------
# Cue lemmas (single words) and lower-case phrases per category. Strong cues decide a category;
# when several categories are cued in one clause the earliest in CATEGORY_PRIORITY wins.
CATEGORY_PRIORITY = (
    Category.TERMS_OF_SERVICE,
    Category.TRADE_SECRET,
    Category.PRIVACY,
    Category.DEFAMATION,
    Category.ANTITRUST,
    Category.DISTILLATION,
    Category.COPYRIGHT,
    Category.FRAUD_MISLEADING,
    Category.OTHER,
    Category.SAFETY,
)
CATEGORY_PHRASES: dict[Category, tuple[str, ...]] = {
    Category.TERMS_OF_SERVICE: (
        "terms of service",
        "terms of use",
        "user agreement",
        "usage policy",
        "usage policies",
        "acceptable use",
        "service terms",
        "developer terms",
        "without a deal",
        "api terms",
        "commercial terms",
        "robots.txt",
        "'s terms",
        "its terms",
        "their terms",
        "instructions not to",
        "not to scrape",
        "circumvent",
        "circumvented",
        "circumventing",
        "bypass",
        "bypassed",
        "bypassing",
    ),
    Category.TRADE_SECRET: (
        "trade secret",
        "trade secrets",
        "confidential information",
        "proprietary information",
        "source code",
        "poach",
        "poached",
        "poaching",
        "hired away",
        "industrial espionage",
        "confidential",
        "confidential documents",
        "misappropriate",
        "misappropriated",
        "misappropriating",
        "misappropriation",
    ),
    Category.PRIVACY: (
        "parental consent",
        "children's data",
        "children's personal",
        "personal data",
        "personal information",
        "data protection",
        "biometric",
        "privacy",
        "gdpr",
        "users' data",
        "user data",
        "facial recognition",
        "collection of data",
        "data collection",
        "collecting data",
        "legal basis",
        "lawful basis",
        "lawful reason",
        "legal reason",
        "secretly recording",
        "secretly recorded",
        "private conversations",
        "wiretap",
        "wiretapping",
        "eavesdropping",
        "surveillance",
    ),
    Category.DEFAMATION: (
        "defamation",
        "defamatory",
        "defamed",
        "libel",
        "libelous",
        "slander",
        "false statements about",
        "falsely told",
        "falsely described",
        "falsely stated",
        "falsely said",
        "falsely accused",
        "falsely reported",
        "falsely identified",
        "falsely named",
        "false information about",
        "reputation",
        "reputational",
        "falsely linked",
        "falsely linking",
        "falsely tied",
        "falsely connected",
        "falsely portrayed",
        "fabricated statements",
        "fabricated claims about",
        "false and damaging",
        "smear",
        "smeared",
    ),
    Category.ANTITRUST: (
        "antitrust",
        "antimonopoly",
        "anti-monopoly",
        "anti-competitive",
        "anticompetitive",
        "monopoly",
        "monopolist",
        "monopolise",
        "monopolize",
        "competition law",
        "abuse of dominance",
        "dominant position",
        "dominance",
        "tying",
        "self-preferencing",
        "collusion",
        "cartel",
        "stifle competition",
        "competition",
        "conspiring",
        "conspired",
        "conspiracy",
        "collude",
        "colluded",
        "colluding",
    ),
    Category.DISTILLATION: (
        "distillation",
        "distil",
        "distill",
        "distils",
        "distills",
        "distilled",
        "distilling",
        "fraudulent accounts",
        "harvest",
        "harvested",
        "harvesting",
    ),
    Category.COPYRIGHT: (
        "copyright",
        "copyrighted",
        "infringe",
        "infringed",
        "infringement",
        "infringing",
        "pirated",
        "piracy",
        "pirate",
        "illegal copying",
        "without permission",
        "without a licence",
        "without a license",
        "without licence",
        "without license",
        "without paying",
        "without compensation",
        "news content",
        "artworks",
        "copyrighted works",
        "creative works",
        "paywalled",
        "scraping",
        "scraped",
        "reproduced",
        "regurgitate",
        "verbatim",
        "plagiarism",
        "plagiarised",
        "plagiarized",
        "republishing",
        "republished",
        "lifting",
        "lifted",
    ),
    Category.FRAUD_MISLEADING: (
        "fraud",
        "fraudulent",
        "fraudulently",
        "deceive",
        "deceived",
        "deceptive",
        "deceiving",
        "mislead",
        "misleads",
        "misled",
        "misleading",
        "substantiate",
        "false claims",
        "false advertising",
        "falsely claimed",
        "falsely claiming",
        "brand",
        "brands",
        "attributing",
        "attributed",
        "attributes",
        "misattributed",
        "misattributing",
        "making things up",
        "makes things up",
        "made things up",
        "false information",
        "hallucination",
        "hallucinations",
        "hallucinated",
        "falsely promised",
        "falsely advertised",
        "made-up",
        "fabricated",
        "made up",
        "founding mission",
        "non-profit mission",
        "nonprofit mission",
        "charitable mission",
        "breach of contract",
        "betrayed",
        "betrayal",
        "hype",
        "washing",
        "misrepresent",
        "misrepresented",
        "lied",
        "securities fraud",
        "defraud",
        "defrauded",
        "defrauding",
        "fake reviews",
        "fake customer reviews",
        "deceptively",
        "unfair and deceptive",
    ),
    # Kinds of wrong the other categories do not cover: a voice or a likeness, trademarks, the environment.
    Category.OTHER: (
        "her voice",
        "his voice",
        "their voices",
        "cloned voice",
        "cloned voices",
        "voice clone",
        "voice clones",
        "voice cloning",
        "likeness",
        "likenesses",
        "right of publicity",
        "right-of-publicity",
        "publicity rights",
        "personality rights",
        "trademark",
        "trademarks",
        "trademark infringement",
        "infringing its trademark",
        "infringing its trademarks",
        "infringed its trademark",
        "infringed its trademarks",
        "infringes its trademarks",
        "trade mark",
        "watermark",
        "watermarks",
        "pollution",
        "emissions",
        "wrongful termination",
        "wrongfully fired",
        "discrimination",
        "retaliation",
    ),
    Category.SAFETY: (
        "safety",
        "unsafe",
        "harmful",
        "suicide",
        "self-harm",
        "dangerous",
        "child safety",
        "wrongful death",
        "negligence",
        "negligent",
        "harm to",
        "addictive",
        "children",
        "minors",
        "teenagers",
        "teens",
        "sexual",
        "sexualised",
        "sexualized",
        "grooming",
        "exploitation",
    ),
}
# Copying is distillation when what was copied is a model or product, copyright otherwise.
COPY_WORDS = frozenset(
    {
        "copy",
        "copied",
        "copying",
        "clone",
        "cloned",
        "cloning",
        "replicate",
        "replicated",
        "reproduce",
        "reproduces",
        "reproducing",
    }
)
# Weak cues that only pick a category when nothing stronger is cued (again by priority).
WEAK_CATEGORY_PHRASES: dict[Category, tuple[str, ...]] = {
    Category.DISTILLATION: ("outputs", "answers", "responses", "prompts", "api", "apis", "capabilities"),
    # Works alone ("sexualised images", "photos of the suspect") say nothing of copying them.
    Category.COPYRIGHT: (
        "content",
        "data without",
        "training data",
        "to train",
        "trained on",
        "articles",
        "books",
        "photographs",
        "photos",
        "images",
        "recordings",
        "songs",
        "lyrics",
        "music",
        "journalism",
    ),
    Category.PRIVACY: ("without consent", "without their consent"),
}
# Nouns naming creative works: a weak copyright cue inside an allegation, too common to decide
# the category of a sentence that only continues an earlier claim.
WORK_NOUNS = frozenset(
    {"articles", "books", "photographs", "photos", "images", "recordings", "songs", "lyrics", "music", "journalism"}
)

# What an authority oversees, from the words of its name and descriptions ("Italy's privacy watchdog").
AUTHORITY_DOMAINS: dict[str, frozenset[str]] = {
    "privacy": frozenset(
        {"privacy", "data", "personal", "persoonsgegevens", "datatilsynet", "informatique", "protección"}
    ),
    "competition": frozenset({"competition", "antitrust", "cartel", "concorrenza", "concurrence", "kartellamt"}),
    "media": frozenset({"media", "communications", "broadcasting", "broadcast", "telecoms", "telecommunications"}),
    "securities": frozenset({"securities", "markets", "financial", "stock", "exchange"}),
    "consumer": frozenset({"consumer", "consumers"}),
    "internet": frozenset({"internet", "cyberspace", "cyber", "online"}),
    "trade": frozenset({"export", "commerce", "trade"}),
}
# An authority that oversees one of these domains and no other accuses only of that kind of wrong: a data
# protection authority's findings are privacy claims whatever the sentence dwells on (children, safety).
DOMAIN_CATEGORIES = {
    "privacy": Category.PRIVACY,
    "competition": Category.ANTITRUST,
    "securities": Category.FRAUD_MISLEADING,
}


def authority_domains(words: set[str]) -> set[str]:
    """The domains an authority's name and description words cue."""
    return {domain for domain, cues in AUTHORITY_DOMAINS.items() if words & cues}


# --- Statuses -------------------------------------------------------------------------------
SETTLEMENT_WORDS = frozenset({"settle", "settlement"})
# What a settlement must be of to settle a dispute ("settled the lawsuit", "a settlement of the claims");
# "shares settled lower" and "the dust settled" settle nothing.
SETTLED_MATTERS = frozenset(
    {
        "lawsuit",
        "suit",
        "case",
        "claim",
        "claims",
        "charge",
        "charges",
        "dispute",
        "litigation",
        "allegation",
        "allegations",
        "complaint",
        "action",
        "probe",
        "investigation",
        "matter",
        "lawsuits",
        "suits",
        "cases",
        "disputes",
        "accusation",
        "accusations",
        "proceedings",
        "copyright",
        "infringement",
        "court",
        "plaintiffs",
        "authors",
        "damages",
        "pay",
        "payment",
        "agreement",
        "terms",
        "deal",
    }
)
MARKET_WORDS = frozenset(
    {
        "shares",
        "share",
        "stock",
        "stocks",
        "index",
        "futures",
        "price",
        "prices",
        "points",
        "percent",
        "%",
        "trading",
        "dust",
        "yield",
        "yields",
        "bonds",
        "currency",
        "dollar",
        "yuan",
        "nasdaq",
        "dow",
        "market",
        "markets",
    }
)
# Nouns of a court's decision: a sentence naming one rules on its parties' claims.
RULING_NOUNS = frozenset({"ruling", "verdict", "judgment", "judgement"})
RULING_VERBS = frozenset({"rule", "find", "reject", "dismiss", "side", "uphold", "grant", "deny", "throw"})
RULING_SUBJECTS = frozenset({"judge", "court", "jury", "tribunal", "justice", "panel", "magistrate"})
RETRACTION_VERBS = frozenset({"withdraw", "drop", "retract", "abandon"})

# --- Responses ------------------------------------------------------------------------------
DENIAL_VERBS = frozenset({"deny", "reject", "dispute", "refute", "disagree", "rebuff", "dismiss", "contest"})
DENIAL_WORDS = frozenset({"unfounded", "baseless", "false", "meritless", "without merit", "untrue", "frivolous"})
ADMISSION_VERBS = frozenset({"admit", "acknowledge", "concede", "confess"})
APOLOGY_VERBS = frozenset({"apologise", "apologize", "apology", "regret"})
REBUTTAL_VERBS = frozenset(
    {"say", "call", "describe", "argue", "insist", "maintain", "counter", "respond", "add", "stress", "defend", "note"}
)
NO_COMMENT_PHRASES = (
    "declined to comment",
    "declined to respond",
    "declined comment",
    "no comment",
    "would not comment",
)
NO_RESPONSE_PHRASES = (
    "did not respond",
    "did not immediately respond",
    "didn't respond",
    "didn't immediately respond",
    "did not reply",
    "did not immediately reply",
    "did not return",
    "did not immediately return",
    "could not be reached",
    "not immediately available",
    "responded to requests for comment",
    "responded to a request for comment",
)
RESPONSE_KIND_ORDER = (
    ResponseKind.NO_COMMENT,
    ResponseKind.NO_RESPONSE,
    ResponseKind.APOLOGY,
    ResponseKind.ADMISSION,
    ResponseKind.DENIAL,
    ResponseKind.REBUTTAL,
)

# --- Entities -------------------------------------------------------------------------------
# Nouns naming someone who speaks for an organisation: "an Anthropic spokesperson".
SPOKES_NOUNS = frozenset(
    {
        "spokesperson",
        "spokeswoman",
        "spokesman",
        "representative",
        "executive",
        "chief",
        "officer",
        "ceo",
        "founder",
        "president",
        "lawyer",
        "attorney",
        "counsel",
        "official",
        "researcher",
        "head",
        "director",
        "chairman",
        "chairwoman",
        "statement",
        "post",
        "blog",
        "filing",
        "letter",
    }
)
# People who speak for a party: an accusation they voice is the party's ("a lawyer for the authors").
REPRESENTATIVE_NOUNS = frozenset(
    {"lawyer", "attorney", "counsel", "spokesperson", "spokeswoman", "spokesman", "representative"}
)
# Officers of an organisation: what they say in its name is its accusation ("chief executive of the Guild").
EXECUTIVE_NOUNS = frozenset(
    {"executive", "chief", "ceo", "officer", "president", "director", "head", "chairman", "chairwoman", "founder"}
)
# Nouns naming a kind of organisation in a description: "the San Francisco start-up".
COMPANY_KIND_NOUNS = frozenset(
    {
        "company",
        "firm",
        "start-up",
        "startup",
        "lab",
        "laboratory",
        "group",
        "giant",
        "developer",
        "maker",
        "business",
        "platform",
        "conglomerate",
        "provider",
        "rival",
        "creator",
        "owner",
        "operator",
        "outfit",
        "unicorn",
        "chipmaker",
        "site",
        "service",
    }
)
REGULATOR_KIND_NOUNS = frozenset(
    {"agency", "regulator", "watchdog", "authority", "commission", "ministry", "department", "body"}
)
OUTLET_KIND_NOUNS = frozenset({"newspaper", "paper", "publisher", "outlet", "broadcaster", "magazine", "agency"})
COURT_KIND_NOUNS = frozenset({"court", "tribunal"})
PERSON_KIND_NOUNS = frozenset({"billionaire", "entrepreneur", "actress", "actor", "author", "executive", "founder"})
# Plural nouns that name a group of plaintiffs: "book authors", "the artists", "record labels".
GROUP_NOUNS = frozenset(
    {
        "authors",
        "writers",
        "artists",
        "illustrators",
        "photographers",
        "musicians",
        "songwriters",
        "labels",
        "publishers",
        "newspapers",
        "creators",
        "actors",
        "comedians",
        "novelists",
        "journalists",
        "parents",
        "families",
        "users",
        "shareholders",
        "investors",
        "programmers",
        "plaintiffs",
        "voice actors",
    }
)
# Role words of the KB's organisation types, for plural descriptions: "the three companies".
PLURAL_KIND_NOUNS = frozenset({"companies", "firms", "labs", "start-ups", "startups", "groups", "publishers"})
# Adjectives of nationality, mapped to ISO country codes.
NATIONALITIES = {
    "american": "US",
    "us": "US",
    "u.s.": "US",
    "chinese": "CN",
    "british": "GB",
    "uk": "GB",
    "french": "FR",
    "german": "DE",
    "italian": "IT",
    "japanese": "JP",
    "korean": "KR",
    "south korean": "KR",
    "canadian": "CA",
    "indian": "IN",
    "israeli": "IL",
    "dutch": "NL",
    "irish": "IE",
    "european": "EU",
    "emirati": "AE",
    "swedish": "SE",
    "spanish": "ES",
    "australian": "AU",
}
# Country names as they appear before "-based" or as a modifier, mapped to ISO codes.
COUNTRY_NAMES = {
    "us": "US",
    "u.s.": "US",
    "united states": "US",
    "america": "US",
    "china": "CN",
    "uk": "GB",
    "britain": "GB",
    "france": "FR",
    "germany": "DE",
    "italy": "IT",
    "japan": "JP",
    "korea": "KR",
    "south korea": "KR",
    "canada": "CA",
    "india": "IN",
    "israel": "IL",
    "singapore": "SG",
}
# Words that are capitalised in news but never name a party.
CALENDAR_WORDS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
# Names the statistical NER returns that are not entities worth keeping.
NOISE_NAMES = frozenset(
    {
        "ai",
        "a.i.",
        "artificial intelligence",
        "ceo",
        "cto",
        "cfo",
        "api",
        "apis",
        "llm",
        "llms",
        "gpu",
        "gpus",
        "big tech",
        "tech",
        "internet",
        "web",
        "the web",
        "chatbot",
        "chatbots",
        "genai",
        "generative ai",
        "agi",
        "ip",
        "faq",
        "ok",
        "reuters",
        "ap",
        "afp",
    }
    # Laws and regulations the NER takes for organisations: what a party breaks, never a party.
    | {
        "gdpr",
        "ccpa",
        "cpra",
        "bipa",
        "dmca",
        "coppa",
        "hipaa",
        "ferpa",
        "fcra",
        "dsa",
        "dma",
        "ai act",
        "eu ai act",
        "digital services act",
        "digital markets act",
        "sherman act",
        "clayton act",
        "copyright act",
        "lanham act",
        "computer fraud and abuse act",
        "cfaa",
        "section 230",
    }
)
# Role words the NER takes in with a person's name ("Singer Kavita Raghavan", "Novelist Lorna Hemsley").
ROLE_TITLE_NOUNS = frozenset(
    {
        "singer",
        "songwriter",
        "rapper",
        "musician",
        "composer",
        "actor",
        "actress",
        "comedian",
        "author",
        "novelist",
        "writer",
        "poet",
        "artist",
        "illustrator",
        "photographer",
        "journalist",
        "reporter",
        "columnist",
        "podcaster",
        "youtuber",
        "streamer",
        "influencer",
        "plaintiff",
        "translator",
        "designer",
        "animator",
        "voice",
        "narrator",
        "developer",
        "programmer",
        "founder",
        "entrepreneur",
        "investor",
        "broadcaster",
        "presenter",
        "host",
    }
)
# NER labels kept, and the entity type each becomes (ORG is refined by ORG_TYPE_WORDS).
NER_LABEL_TYPES = {"PERSON": "Person", "ORG": "Company", "GPE": "Place", "LOC": "Place", "PRODUCT": "Product"}
ORG_TYPE_WORDS = {
    "Regulator": frozenset(
        {"commission", "authority", "agency", "ministry", "department", "regulator", "watchdog", "office", "board"}
    ),
    "Court": frozenset({"court", "tribunal"}),
    "Outlet": frozenset({"times", "post", "journal", "news", "herald", "guardian", "tribune", "gazette", "press"}),
    "Organization": frozenset(
        {
            "university",
            "institute",
            "association",
            "foundation",
            "union",
            "guild",
            "council",
            "society",
            "alliance",
            "coalition",
            "league",
            "federation",
            "partners",
            "capital",
            "ventures",
            "llp",
        }
    ),
}


# --- Words of the dependency-parse helpers (nlp/syntax.py) -------------------------------------------
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "our", "us"})
LINK_WORDS = frozenset(
    {"linked", "tied", "connected", "affiliated", "associated", "related", "backed", "run", "operated"}
)
ROLE_PREPOSITIONS = frozenset({"for", "at", "of", "from", "with", "behind"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
# Participles that give a noun its name: "the authority, known as AGCM", "a start-up called Nimbus".
NAMING_VERBS = frozenset({"know", "call", "name", "dub"})


# --- Words of the entity ruler (nlp/components/entity_ruler.py) --------------------------------------
# One-word KB names that are also given names: before a capitalised word they start a person's
# name ("Claude Monet", "Devin Nunes"), which the NER then finds.
GIVEN_NAME_SURFACES = frozenset({"Claude", "Devin", "Alexa", "Ernie", "Gemma", "Sora", "Kimi", "Siri", "Luka"})
# Capitalised words that continue a product's name rather than start a surname ("Claude Pro").
PRODUCT_WORDS = frozenset(
    {"Pro", "Max", "Plus", "Team", "Enterprise", "Gov", "App", "Code", "Ultra", "Mini", "Turbo", "Lite", "Flash"}
)
# A hyphenated word after a name that keeps the name a name ("Meta-owned", "Claude-like").
ATTRIBUTIVE_WORDS = frozenset(
    {
        "owned",
        "backed",
        "funded",
        "led",
        "based",
        "affiliated",
        "linked",
        "controlled",
        "made",
        "built",
        "powered",
        "developed",
        "run",
        "supported",
        "trained",
        "generated",
        "related",
        "style",
        "like",
        "branded",
        "specific",
        "compatible",
        "sponsored",
        "designed",
        "created",
        "produced",
        "operated",
        "derived",
        "hosted",
        "maker",
        "owner",
        "parent",
        "rival",
        "era",
    }
)
# Words after a context alias that confirm it: "X, formerly Twitter", "X (formerly known as Twitter)".
CONFIRMING_FOLLOWERS = frozenset({"formerly", "previously"})


# --- Words of the linker (nlp/components/linker.py) --------------------------------------------------
DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
MAKER_NOUNS = frozenset({"maker", "developer", "creator", "owner", "operator", "parent", "builder", "provider"})
QUANTITY_WORDS = frozenset({"many", "several", "other", "some", "more", "numerous", "various", "few", "dozens"})
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}
# Words naming an authority in a description qualified by a place: "Italy's privacy watchdog",
# "the Texas attorney general", "EU regulators", "the Irish regulator".
AUTHORITY_NOUNS = frozenset(
    {
        *REGULATOR_KIND_NOUNS,
        "regulators",
        "watchdogs",
        "authorities",
        "agencies",
        "commissioner",
        "office",
        "general",
    }
)
# "A congressional committee", "a Senate panel": an unnamed committee the article names elsewhere.
COMMITTEE_NOUNS = frozenset({"committee", "subcommittee", "panel"})
LEGISLATURE_WORDS = frozenset({"congressional", "house", "senate", "parliamentary", "legislative"})
# Nouns that fit any regulator; the others ("commission", "ministry", "office") must be among its kind words or name.
GENERIC_AUTHORITY_NOUNS = frozenset({"regulator", "watchdog", "authority", "body"})
# More adjectives of nationality than `NATIONALITIES`, for regulators described by country.
EXTRA_NATIONALITIES = {
    "norwegian": "NO",
    "danish": "DK",
    "finnish": "FI",
    "belgian": "BE",
    "polish": "PL",
    "austrian": "AT",
    "swiss": "CH",
    "turkish": "TR",
    "brazilian": "BR",
    "mexican": "MX",
    "south african": "ZA",
    "greek": "GR",
    "portuguese": "PT",
    "hungarian": "HU",
    "czech": "CZ",
    "russian": "RU",
    "saudi": "SA",
    "singaporean": "SG",
    "indonesian": "ID",
    "taiwanese": "TW",
    "federal": "US",
    "eu": "EU",
    "e.u.": "EU",
    "britain's": "GB",
}
STATE_WORDS = frozenset({"state", "state's"})
COMPANY_NAME_ENDINGS = frozenset(
    {
        "ai",
        "labs",
        "inc",
        "inc.",
        "technologies",
        "systems",
        "robotics",
        "intelligence",
        "software",
        "holdings",
        "games",
        "studios",
        "records",
        "media",
        "entertainment",
        "pictures",
        "publishing",
        "networks",
        "analytics",
    }
)
# Two-word names with a company ending that are ordinary phrases, not companies.
GENERIC_COMPANY_PHRASES = frozenset({"artificial intelligence", "general intelligence", "business intelligence"})
# "the Elon Musk-owned company": the organisation belongs to the named owner.
OWNERSHIP_WORDS = frozenset({"owned", "controlled", "run", "led", "founded", "operated"})


# --- Words of second references (nlp/components/short_names.py) --------------------------------------
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."})
# Capitalised words before a name that are titles, not part of it ("Judge Ona Wang", "Chief Executive
# Sam Altman", "Mr Gruendel").
TITLE_WORDS = frozenset(
    {
        *OFFICIAL_TITLES,
        *JUDICIAL_TITLES,
        *HONORIFICS,
        "prof",
        "prof.",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "vice",
        "chief",
        "executive",
        "officer",
        "ceo",
        "founder",
        "co",
        "director",
        "head",
        "deputy",
        "mayor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "saint",
        "st",
        "st.",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "analyst",
        "lawyer",
        "counsel",
        "partner",
        "plaintiff",
        "defendant",
        "district",
        "u.s.",
        "us",
    }
)
# Last words of organisation names that say what kind of body it is, never which one: "Labs" alone does
# not refer back to "Lumina Labs".
GENERIC_NAME_WORDS = frozenset(
    {
        "ai",
        "inc",
        "inc.",
        "corp",
        "corp.",
        "co",
        "co.",
        "llc",
        "ltd",
        "group",
        "labs",
        "lab",
        "technologies",
        "technology",
        "systems",
        "holdings",
        "international",
        "global",
        "media",
        "capital",
        "ventures",
        "partners",
        "company",
        "intelligence",
        "robotics",
        "research",
        "studios",
        "games",
        "music",
        "entertainment",
        "network",
        "networks",
        "online",
        "digital",
        "software",
        "services",
        "platforms",
        "america",
        "york",
    }
)
LEADING_WORDS = frozenset({"the", "The"})
POSSESSIVE_ENDINGS = frozenset({"'s", "'", "’s", "’"})
# Corporate suffixes (lower case) between a name and the acronym or ticker it defines: "Chegg, Inc. (NYSE: CHGG)".
LEGAL_SUFFIX_WORDS = frozenset({"inc", "inc.", "corp", "corp.", "co.", "ltd", "ltd.", "llc", "plc", "gmbh", "ag", "se"})
# Titles before a person's full name that the NER sometimes misses ("Representative Raja Krishnamoorthi").
PERSON_TITLES = frozenset(
    {
        "representative",
        "rep.",
        "senator",
        "sen.",
        "judge",
        "justice",
        "commissioner",
        "governor",
        *HONORIFICS,
        "professor",
        "minister",
        "secretary",
        "chairman",
        "chairwoman",
    }
)


# --- Words of plaintiff groups (nlp/components/groups.py) --------------------------------------------
# Group nouns that name the same kind of plaintiff ("the novelists" after "three writers: ...").
GROUP_FAMILIES = {
    "authors": "writers",
    "writers": "writers",
    "novelists": "writers",
    "artists": "artists",
    "illustrators": "artists",
    "newspapers": "news",
    "publishers": "news",
}
LIST_INTRODUCERS = frozenset({"including", "like"})
TWO_WORD_INTRODUCERS = frozenset({("such", "as"), ("led", "by"), ("among", "them")})
COPULAS = frozenset({"are", "were", "include", "included", "includes"})
LIST_WORDS = frozenset({"and", ",", "as", "well", "both"})
# Modifiers of a group noun that set its members apart from the group the article is about.
OTHER_WORDS = frozenset({"other", "another", "separate"})


# --- Words of the response rules (nlp/components/responses.py) ---------------------------------------
NEGATION_WORDS = frozenset({"not", "never", "n't", "no"})
