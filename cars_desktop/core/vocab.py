"""The words of the field, as data: each term has a stable code (stored) and English and French
labels (shown). Adding a term never needs code elsewhere to change."""

from __future__ import annotations

# the kinds of contribution are declared with their traits, in `kinds`
from cars_desktop.core.kinds import CASH_KINDS, IN_KIND_KINDS  # noqa: F401
from cars_desktop.core.terms import Term, Vocabulary
from cars_desktop.i18n import N_

PARTNER_KINDS = Vocabulary(
    Term("organisation", "Organisation", "Organisme"),
    Term("person", "Person", "Personne"),
    # people who give together ("Bob and Mary MacDonald"): letters go to them together,
    # each member keeps the credit for their own gifts
    Term("household", "Household", "Ménage"),
)

SECTORS = Vocabulary(
    Term("voluntary", "Voluntary", "Bénévole",
         N_("Service clubs, volunteer groups, churches")),
    Term("government", "Government", "Gouvernement",
         N_("Municipal, provincial/territorial, federal")),
    Term("corporate", "Corporate", "Entreprise",
         N_("Employers of all sizes")),
    Term("community", "Community", "Communauté",
         N_("Parents, youth, media, community leaders")),
    Term("public", "Public", "Public",
         N_("Colleges, universities, agencies, hospitals, doctors, dentists")),
)

PARTNERSHIP_TYPES = Vocabulary(
    Term("formal", "Formal", "Formel",
         N_("Works with you on shared goals, shares decisions and responsibility")),
    Term("casual", "Casual", "Occasionnel",
         N_("Gives a specific service or gift once or now and then")),
)

PARTNER_STATUSES = Vocabulary(
    Term("prospect", "Prospect", "Potentiel"),
    Term("active", "Active", "Actif"),
    Term("lapsed", "Lapsed", "Inactif"),
    Term("archived", "Archived", "Archivé"),
)

LANGUAGES = Vocabulary(
    Term("en", "English", "Anglais"),
    Term("fr", "French", "Français"),
)

PROVINCES = Vocabulary(
    Term("AB", "Alberta", "Alberta"),
    Term("BC", "British Columbia", "Colombie-Britannique"),
    Term("MB", "Manitoba", "Manitoba"),
    Term("NB", "New Brunswick", "Nouveau-Brunswick"),
    Term("NL", "Newfoundland and Labrador", "Terre-Neuve-et-Labrador"),
    Term("NS", "Nova Scotia", "Nouvelle-Écosse"),
    Term("NT", "Northwest Territories", "Territoires du Nord-Ouest"),
    Term("NU", "Nunavut", "Nunavut"),
    Term("ON", "Ontario", "Ontario"),
    Term("PE", "Prince Edward Island", "Île-du-Prince-Édouard"),
    Term("QC", "Quebec", "Québec"),
    Term("SK", "Saskatchewan", "Saskatchewan"),
    Term("YT", "Yukon", "Yukon"),
)

CONTRIBUTION_FAMILIES = Vocabulary(
    Term("cash", "Cash", "Argent"),
    Term("in_kind", "Gift in kind", "Don en nature"),
)

CONTRIBUTION_STATUSES = Vocabulary(
    Term("pledged", "Pledged", "Promis"),
    Term("received", "Received", "Reçu"),
    Term("cancelled", "Cancelled", "Annulé"),
)

PAYMENT_METHODS = Vocabulary(
    Term("cash", "Cash", "Comptant"),
    Term("cheque", "Cheque", "Chèque"),
    Term("etransfer", "E-transfer", "Virement électronique"),
    Term("card", "Card", "Carte"),
    Term("online", "Online platform", "Plateforme en ligne"),
)

ACKNOWLEDGEMENT_METHODS = Vocabulary(
    Term("letter", "Letter", "Lettre"),
    Term("email", "Email", "Courriel"),
    Term("call", "Phone call", "Appel"),
    Term("in_person", "In person", "En personne"),
    Term("public", "Public recognition", "Reconnaissance publique"),
)

INTERACTION_KINDS = Vocabulary(
    Term("meeting", "Meeting", "Réunion"),
    Term("call", "Call", "Appel"),
    Term("email", "Email", "Courriel"),
    Term("visit", "Visit", "Visite"),
    Term("event", "Event", "Événement"),
    Term("letter", "Letter", "Lettre"),
    # a note for the record, not a contact (the merge of two partners writes one)
    Term("note", "Note", "Note"),
)

# How a partner wishes to be thanked in public: on a recognition list, a poster, a newsletter
RECOGNITIONS = Vocabulary(
    Term("name", "Their name as written", "Leur nom tel qu'il est écrit",
         N_("The partner's name, as written above")),
    Term("wording", "A wording they chose", "Une formulation de leur choix",
         N_("For example “The Leblanc family” or “In memory of Rose Cormier”")),
    Term("anonymous", "Anonymous", "Anonyme",
         N_("Counted among the anonymous partners, never named")),
    Term("not_listed", "Not listed", "Ne figure pas",
         N_("Left off public lists entirely")),
)

# The kinds of support a recognition list groups by: cash, goods and time
SUPPORTS = Vocabulary(
    Term("cash", "Cash gifts", "Dons en argent"),
    Term("in_kind", "Gifts in kind", "Dons en nature"),
    Term("time", "Volunteer time", "Temps donné"),
)

RECOGNITION_GROUPINGS = Vocabulary(
    Term("sector", "By sector", "Par secteur"),
    Term("support", "By kind of support", "Par type d'appui"),
)

REVIEW_MARKS = Vocabulary(
    Term("done", "Done", "Fait"),
    Term("attention", "Needs attention", "À surveiller"),
    Term("na", "Not applicable", "Sans objet"),
)

# The CARS "How do you maintain partnerships?" list; ships as the default checklist.
DEFAULT_PRACTICES: tuple[tuple[str, str], ...] = (
    ("Plan your approach but balance it with action",
     "Planifier votre approche, tout en passant à l'action"),
    ("Always communicate expectations",
     "Toujours communiquer les attentes"),
    ("Remain goal oriented",
     "Rester axé sur les objectifs"),
    ("Take a consensus approach to decision making",
     "Prendre les décisions par consensus"),
    ("Never refuse interest: everyone can contribute",
     "Ne jamais refuser l'intérêt : tout le monde peut contribuer"),
    ("Empower all partners",
     "Donner du pouvoir à tous les partenaires"),
    ("Resolve problems immediately",
     "Régler les problèmes immédiatement"),
    ("Stay away from territorialism",
     "Éviter l'esprit de clocher"),
    ("Honour your commitments",
     "Honorer vos engagements"),
    ("Identify the resources and gifts of each partner",
     "Reconnaître les ressources et les dons de chaque partenaire"),
    ("Publicly acknowledge successes and celebrate",
     "Souligner publiquement les réussites et les célébrer"),
    ("Say thank you",
     "Dire merci"),
)

LETTER_KINDS = Vocabulary(
    Term("cash", "Cash gift", "Don en argent"),
    Term("in_kind", "Gift in kind", "Don en nature"),
    Term("pledge", "Pledge", "Promesse de don"),
    Term("time", "Volunteer time", "Temps donné"),
    Term("year_end", "Year-end summary", "Récapitulatif de fin d'année"),
    Term("several", "Several gifts at once", "Plusieurs dons à la fois"),
)

PAPER_SIZES = Vocabulary(
    Term("letter", "US Letter (8.5 × 11 in)", "Lettre US (8,5 × 11 po)"),
    Term("a4", "A4 (210 × 297 mm)", "A4 (210 × 297 mm)"),
)
