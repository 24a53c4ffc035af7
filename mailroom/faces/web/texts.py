"""Every text the workspace shows, in Dutch, in one place (the users are Dutch municipal
employees; code and logs stay English). Templates read them as ``t.name``."""

from __future__ import annotations

import re
from types import SimpleNamespace

T = SimpleNamespace(
    app_name="Postkamer",
    skip_to_content="Naar de inhoud",
    nav_label="Hoofdmenu",
    nav_queues="Werkbakken",
    nav_review="Beoordelen",
    nav_postroom="Postkamer",
    nav_search="Zoeken",
    nav_admin="Beheer",
    logged_in_as="Ingelogd als",
    logout="Uitloggen",
    # login
    login_title="Inloggen",
    login_name="Gebruikersnaam",
    login_password="Wachtwoord",
    login_submit="Inloggen",
    login_refused="Gebruikersnaam of wachtwoord is onjuist.",
    login_throttled="Te veel mislukte pogingen. Probeer het over enkele minuten opnieuw.",
    logged_out="U bent uitgelogd.",
    # queue
    queue_title="Werkbak",
    review_title="Te beoordelen",
    queue_empty="Er wacht niets in deze werkbak.",
    queue_more="De oudste {n} worden getoond.",
    queue_filter="Filter",
    queue_state="Status",
    state_all="Alles",
    state_waiting="Wachtend",
    state_claimed="In behandeling",
    date_from="Ontvangen vanaf",
    date_until="Ontvangen tot en met",
    apply_filter="Toepassen",
    col_document="Document",
    col_case="Zaak",
    col_case_type="Zaaktype",
    col_sender="Afzender",
    col_received="Ontvangen",
    col_age="Wacht",
    col_due="Uiterlijk",
    urgent="Urgent: ingebrekestelling, dwangsom vanaf {date}",
    col_claimed="Behandelaar",
    col_why="Reden",
    take="Oppakken",
    done="Afgehandeld",
    taken_by_you="door u",
    # document
    document_title="Document",
    pages="Pagina's",
    page="Pagina",
    page_image_alt="Afbeelding van pagina {n} van {total}",
    text="Tekst",
    no_text="Dit document heeft geen tekst.",
    download_original="Origineel downloaden",
    download_archive="PDF/A downloaden",
    envelope="E-mail",
    env_from="Van",
    env_to="Aan",
    env_subject="Onderwerp",
    env_date="Datum",
    siblings="Andere documenten uit dezelfde zending",
    scores="Zekerheid van het model per zaaktype",
    case="Zaak",
    case_match="Koppeling",
    case_score="Zekerheid koppeling",
    reasons="Redenen",
    audit_trail="Geschiedenis",
    at="Tijdstip",
    actor="Door",
    action="Handeling",
    state="Status",
    team="Team",
    correct_title="Corrigeren",
    correct_case_type="Juiste zaaktype",
    correct_case="Bestaande zaak (zaaknummer of naam van de partij)",
    correct_new_case="Nieuwe zaak openen",
    correct_reason="Reden van de correctie",
    correct_submit="Correctie opslaan",
    corrected="Gecorrigeerd: het document staat nu in de werkbak van {team}.",
    # review
    review_none="Er wacht niets op beoordeling.",
    review_position="Document {n} van {total}",
    review_why="Waarom dit document wacht",
    review_choose="Zaaktype (cijfertoets kiest, Enter bevestigt)",
    review_confirm="Bevestigen en volgende",
    review_previous="Vorige (k)",
    review_next="Volgende (j)",
    review_keys=(
        "Sneltoetsen: 1–5 kiest een zaaktype, Enter bevestigt, "
        "j/k gaat naar het volgende/vorige document."
    ),
    review_open_full="Volledig document openen",
    # postroom
    postroom_title="Postkamer",
    intake_today="Binnengekomen vandaag",
    intake_updates="Deze tabel ververst vanzelf.",
    unfiled="Wacht op opslag in het zaaksysteem (dat even niet bereikbaar was): {n}",
    mailbox_stale="Mailbox {box}: voor het laatst bekeken om {at}. Draait mailroom watch?",
    mailbox_down="Mailbox {box}: niet bereikbaar sinds {at} ({why}); er volgt een nieuwe poging.",
    mailbox_up="Mailbox {box}: verbonden sinds {at}.",
    mailbox_last="Laatste e-mail opgehaald om {at}.",
    mailbox_stuck="{n} bericht(en) kunnen niet worden opgehaald en blijven in de mailbox.",
    acks_waiting="Ontvangstbevestigingen ({channel}) die nog verstuurd worden: {n}",
    acks_blocked="Ze wachten op instellingen: {why}",
    acks_failed="Ontvangstbevestigingen ({channel}) die iemand zelf moet versturen: {n}",
    channel="Kanaal",
    channel_paper="Papier",
    channel_email="E-mail",
    col_inputs="Zendingen",
    col_documents="Documenten",
    col_processed="Doorgezet",
    col_in_progress="In verwerking",
    col_in_review="Te beoordelen",
    col_quarantined="Quarantaine",
    col_failed="Mislukt",
    quarantine_title="Quarantaine",
    quarantine_empty="Er staat niets in quarantaine.",
    col_file="Bestand",
    col_reason="Reden",
    col_stage="Stap",
    retry="Opnieuw verwerken",
    retry_password="Wachtwoord van de PDF (indien versleuteld)",
    discard="Verwijderen",
    discard_reason="Reden van verwijderen",
    outcome="Resultaat",
    # search
    search_title="Zoeken",
    search_words="Zoek in tekst, afzender, onderwerp en zaaknummer",
    search_submit="Zoeken",
    search_none="Niets gevonden.",
    search_hits="{n} gevonden",
    any_team="Alle teams",
    any_type="Alle zaaktypen",
    any_state="Alle statussen",
    col_found="Gevonden tekst",
    # admin
    admin_title="Beheer",
    users_title="Gebruikers",
    user_name="Naam",
    user_role="Rol",
    user_teams="Teams",
    user_status="Status",
    user_active="actief",
    user_disabled="uitgeschakeld",
    user_disable="Uitschakelen",
    user_add="Gebruiker toevoegen",
    user_password="Wachtwoord (minstens 10 tekens)",
    models_title="Modelversies",
    model_version="Versie",
    model_created="Getraind op",
    model_by="Door",
    model_active="Actief",
    model_threshold="Drempel",
    model_size="Documenten",
    model_f1="Macro-F1 (evaluatie)",
    model_coverage="Direct doorgezet (evaluatie)",
    model_precision="Juist van doorgezet (evaluatie)",
    model_cv_coverage="Direct doorgezet (kruisvalidatie)",
    model_promote="Activeren",
    model_rollback="Terug naar het vorige model",
    corrections_since="Correcties sinds het actieve model werd getraind: {n}",
    yes="ja",
    no="nee",
    # errors
    not_found_title="Niet gevonden",
    not_found="Deze pagina of dit document bestaat niet, of u heeft er geen toegang toe.",
    refused_title="Niet toegestaan",
    csrf_refused="Het formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.",
    error_title="Dat lukte niet",
    back="Terug",
)

#: Document states in Dutch.
STATES = {
    "received": "ontvangen",
    "ocr_done": "gelezen",
    "classified": "geclassificeerd",
    "routed": "doorgezet",
    "needs_review": "te beoordelen",
    "quarantined": "in quarantaine",
    "failed": "mislukt",
    "duplicate": "dubbel",
    "discarded": "verwijderd",
}

#: Audit-trail actions in Dutch.
ACTIONS = {
    "received": "ontvangen",
    "ocr_done": "tekst gelezen",
    "classified": "zaaktype bepaald",
    "routed": "doorgezet",
    "needs_review": "naar beoordeling",
    "quarantined": "in quarantaine",
    "failed": "mislukt",
    "claimed": "opgepakt",
    "done": "afgehandeld",
    "corrected": "gecorrigeerd",
    "viewed": "bekeken",
    "downloaded": "gedownload",
    "retried": "opnieuw verwerkt",
    "discarded": "verwijderd",
}

#: Case-match kinds in Dutch.
MATCHES = {
    "explicit": "zaaknummer in de brief",
    "implicit": "zelfde afzender en onderwerp",
    "new": "nieuwe zaak",
    "corrected": "gecorrigeerd",
}


#: Why a document waits in review, as the pipeline says it (English, in the data) and in Dutch.
_REASONS = (
    (re.compile(r"^unsure: (\S+) or (\S+)$"), "model twijfelt tussen {0} en {1}"),
    (re.compile(r"^poor scan: page (.+)$"), "slecht leesbare scan (pagina {0})"),
    (re.compile(r"^released from quarantine by (.+)$"), "vrijgegeven uit quarantaine door {0}"),
    (re.compile(r"^no text$"), "geen tekst gevonden"),
    (re.compile(r"^not post to the municipality$"), "lijkt geen post voor de gemeente"),
    (re.compile(r"^closed_case$"), "de genoemde zaak is gesloten"),
    (re.compile(r"^corrected by ([^:]+)(?:: (.*))?$"), "gecorrigeerd door {0}: {1}"),
    # How the case was found (the matcher's reasons).
    (re.compile(r"^cites case (\S+)(.*)$"), "noemt zaak {0}{1}"),
    (re.compile(r"^cites invoice (\S+) of case (\S+)$"), "noemt factuur {0} van zaak {1}"),
    (re.compile(r"^same party \((.*)\), open case(.*)$"), "zelfde partij ({0}), open zaak{1}"),
    (re.compile(r"^same name, and (.*); open case$"), "zelfde naam en {0}; open zaak"),
    (
        re.compile(r"^no case cited and no open case of this party$"),
        "geen zaak genoemd en geen open zaak van deze partij",
    ),
    (re.compile(r"^new invoice (.+)$"), "nieuwe factuur {0}"),
    (
        re.compile(r"^ingebrekestelling: penalty from (\S+)$"),
        "ingebrekestelling: dwangsom vanaf {0}",
    ),
    (re.compile(r"^ingebrekestelling on case (\S+)$"), "ingebrekestelling over zaak {0}"),
    (
        re.compile(r"^(?:email )?acknowledgements wait: set (.+)$"),
        "de beheerder stelt eerst {0} in",
    ),
    (
        re.compile(r"^ingebrekestelling without a known case$"),
        "ingebrekestelling zonder bekende zaak",
    ),
    (
        re.compile(r"^same email as a document in case (\S+)$"),
        "zelfde e-mail als een stuk in zaak {0}",
    ),
    (re.compile(r"^invoice without a known number$"), "factuur zonder bekend nummer"),
    (re.compile(r"^party known with other cases: (.+)$"), "partij bekend met andere zaken: {0}"),
    (
        re.compile(r"^the letter says it is a new request; the party's open case left: (.+)$"),
        "de brief vraagt iets nieuws aan; de open zaak van de partij blijft: {0}",
    ),
    (
        re.compile(r"^the letter asks for something new; the party's open case left: (.+)$"),
        "de brief vraagt of meldt iets anders; de open zaak van de partij blijft: {0}",
    ),
)


#: The details the matcher weighs beside a name ("same name, and house number, subject").
_DETAILS = {
    "house number": "huisnummer",
    "postcode": "postcode",
    "first name": "voornaam",
    "initials": "voorletters",
    "subject": "onderwerp",
    "email address spells the name": "e-mailadres met de naam",
    "organisation named": "organisatie genoemd",
    "organisation named in part": "organisatie deels genoemd",
    "KvK": "KvK-nummer",
    "named at the house": "genoemd met het adres",
}


#: How the matcher says a party is the same ("Bosrand 5 (house number) and full name").
_PARTY = {
    "(house number) and full name": "(huisnummer) en volledige naam",
    "(house number) and organisation name": "(huisnummer) en naam van de organisatie",
    "and first name": "en voornaam",
    "and name": "en naam",
    "address": "adres",
    "email": "e-mail",
}
_PARTY_WORDS = re.compile("|".join(re.escape(k) for k in _PARTY))


def reason(text: str) -> str:
    """A review or routing reason in Dutch (unknown ones as they are)."""
    for pattern, dutch in _REASONS:
        found = pattern.match(text)
        if found:
            groups = [g or "" for g in found.groups()]
            if dutch.startswith("zelfde naam"):
                groups = [", ".join(_DETAILS.get(d, d) for d in groups[0].split(", "))]
            elif dutch.startswith("zelfde partij"):
                groups[0] = _PARTY_WORDS.sub(lambda w: _PARTY[w[0]], groups[0])
                groups[1] = re.sub(
                    r"its subject fits the letter best of (\d+)",
                    r"het onderwerp past het best bij de brief, van \1",
                    groups[1],
                )
            return dutch.format(*groups).rstrip(": ")
    return text


def due(days_left: int) -> str:
    """How long until a due date, in Dutch ("nog 5 dagen", "vandaag", "3 dagen te laat")."""
    if days_left < 0:
        return f"{-days_left} {'dag' if days_left == -1 else 'dagen'} te laat"
    if days_left == 0:
        return "vandaag"
    return f"nog {days_left} {'dag' if days_left == 1 else 'dagen'}"


def age(seconds: float) -> str:
    """A waiting time as a Dutch phrase ("3 dagen", "2 uur", "5 minuten")."""
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} {'minuut' if minutes == 1 else 'minuten'}"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} uur"
    return f"{hours // 24} dagen"
