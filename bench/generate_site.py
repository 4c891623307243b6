"""Generate a deterministic, realistic clinic-website corpus for the performance benchmark.

    python bench/generate_site.py --out /tmp/site-4mb                 # 4 MB, seed 1
    python bench/generate_site.py --out /tmp/site-40mb --size-mb 40 --seed 7

The corpus imitates a clinic's website repository: `site/` holds HTML pages of 20-60 KB (head
metadata with og:/twitter: tags, inline scripts and JSON-LD, style blocks, navigation, hero,
treatment copy, testimonials, FAQs, price and opening-hours tables, footers, HTML entities),
`content/` holds Markdown pages with YAML front matter, and `drafts/` holds plain-text drafts.
About 70% of the bytes are HTML, 20% Markdown and 10% text. Sentences are assembled from
templates and fragment lists, so no two pages are alike; about 3% of them are problem claims
("no side effects", "clinically proven", "better than Botox", ...) among ordinary copy (aftercare,
prices, opening hours, team bios, balanced risk sections).

1 MB here is 1,000,000 bytes. The same seed and size always give the same files. A
`corpus.json` manifest (not a linted file type) records the seed, size and file counts; an output
folder that holds anything else than a previous corpus is refused unless `--force` is given.
Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import time
from pathlib import Path
from typing import TypedDict

MB = 1_000_000
SHARES = {"html": 0.70, "md": 0.20, "txt": 0.10}
CLAIM_RATE = 0.03
MANIFEST = "corpus.json"
GENERATOR_VERSION = 1


def source_hash() -> str:
    """Digest of this file: a corpus made by other code is not reused."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# Vocabulary. Every fragment may contain {slots}; slots are filled from FRAGMENTS or from the
# page's fixed values (its clinic, town, treatment, practitioner).
# --------------------------------------------------------------------------------------------

CLINICS = [
    ("Harrow & Finch Skin Studio", "harrowfinch"),
    ("Meadowgate Aesthetics", "meadowgate"),
    ("The Linden Clinic", "lindenclinic"),
    ("Northbank Dermal Rooms", "northbank"),
    ("Calder Street Medical Aesthetics", "calderstreet"),
    ("Saltmarsh Skin & Laser", "saltmarsh"),
    ("Orchard Row Clinic", "orchardrow"),
    ("Kestrel House Aesthetics", "kestrelhouse"),
]
TOWNS = ["Wexcombe", "Ashford Vale", "Marlow Cross", "Denholme", "Stanbridge", "Pellworth", "Oakhanger", "Brisley"]
STREETS = ["Mill Lane", "Church Walk", "Queen's Parade", "Foundry Yard", "Harbour Road", "Station Approach"]
PEOPLE = [
    ("Dr Amara Osei", "aesthetic doctor"),
    ("Dr Tom Hartley", "GP with a special interest in skin"),
    ("Nurse Priya Raman", "independent nurse prescriber"),
    ("Elin Davies", "senior skin therapist"),
    ("Dr Sofia Marques", "dermatology specialist"),
    ("Callum Reid", "laser technician"),
    ("Nurse Hannah Cole", "registered nurse"),
    ("Dr Yusuf Karim", "cosmetic doctor"),
    ("Grace Whitfield", "clinic manager"),
    ("Nadia Brennan", "advanced aesthetician"),
]
# (name, slug, area, concern, session length in minutes, typical price in pounds)
Treatment = tuple[str, str, str, str, int, int]
TREATMENTS: list[Treatment] = [
    ("exosome facial", "exosome-facial", "face", "dull, tired-looking skin", 60, 245),
    ("PRP hair treatment", "prp-hair", "scalp", "thinning hair", 75, 350),
    ("microneedling", "microneedling", "face", "uneven texture", 60, 195),
    ("laser hair removal", "laser-hair-removal", "underarms", "unwanted hair", 30, 89),
    ("chemical peel", "chemical-peel", "face", "pigmentation", 45, 120),
    ("IPL photofacial", "ipl-photofacial", "cheeks", "redness and broken capillaries", 45, 175),
    ("skin booster injections", "skin-boosters", "face and neck", "dehydrated skin", 45, 260),
    ("dermal filler", "dermal-filler", "lips", "volume loss", 45, 280),
    ("anti-wrinkle consultation", "wrinkle-consultation", "forehead", "expression lines", 30, 40),
    ("LED light therapy", "led-therapy", "face", "breakouts", 30, 55),
    ("radiofrequency tightening", "rf-tightening", "jawline", "loss of firmness", 60, 230),
    ("tattoo removal", "tattoo-removal", "forearm", "an unwanted tattoo", 20, 95),
    ("acne scar programme", "acne-scar-programme", "cheeks", "acne scarring", 60, 210),
    ("vitamin IV drip", "vitamin-drip", "arm", "low energy", 45, 160),
    ("mole and skin check", "skin-check", "whole body", "changing moles", 30, 150),
    ("fat freezing", "fat-freezing", "abdomen", "stubborn fat", 60, 300),
]

FRAGMENTS: dict[str, list[str]] = {
    # ---- building blocks ----
    "we": ["we", "our team", "our clinicians", "the team at {clinic}", "our practitioners"],
    "We": ["We", "Our team", "Our clinicians", "The team at {clinic}", "Our practitioners"],
    "gently": ["gently", "carefully", "gradually", "steadily", "over a few weeks"],
    "session_word": ["session", "appointment", "visit", "treatment session"],
    "weeks": ["two", "three", "four", "six", "eight"],
    "days": ["two", "three", "five", "seven", "ten"],
    "open_days": ["Monday to Friday", "Monday to Saturday", "Tuesday to Saturday", "every weekday"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    "month": ["January", "March", "April", "June", "September", "October", "November"],
    "skin_feel": ["smoother", "more even", "brighter", "softer", "better hydrated", "less congested"],
    "mild_effect": [
        "mild redness",
        "some swelling",
        "a little tenderness",
        "pinpoint bleeding",
        "dryness and flaking",
        "a warm, sunburn-like feeling",
        "small bruises",
    ],
    "rare_effect": [
        "infection",
        "blistering",
        "changes in skin colour",
        "an allergic reaction",
        "scarring",
        "a cold sore flare-up",
        "prolonged swelling",
    ],
    "product": ["a gentle cleanser", "a fragrance-free moisturiser", "a mineral sunscreen", "a bland barrier cream"],
    "avoid": [
        "saunas and steam rooms",
        "strenuous exercise",
        "make-up",
        "swimming pools",
        "retinol products",
        "direct sun",
        "alcohol",
        "exfoliating acids",
    ],
    "qualif": [
        "a master's degree in aesthetic medicine",
        "membership of a professional register",
        "advanced training in laser safety",
        "a postgraduate certificate in dermatology",
        "twelve years of NHS experience",
        "a diploma in clinical skin care",
    ],
    "hobby": [
        "walks the coast path with her spaniel",
        "coaches the under-tens football team",
        "bakes sourdough on Sundays",
        "sings in a community choir",
        "is slowly restoring an old narrowboat",
        "runs the local parkrun most weekends",
    ],
    "payment": ["card", "bank transfer", "contactless", "clinic gift vouchers"],
    "transport": [
        "The number 14 bus stops outside",
        "There is a pay-and-display car park two minutes away",
        "The station is a ten-minute walk",
        "Bicycle racks are by the front door",
        "Blue-badge parking is available at the rear",
    ],
    # ---- ordinary sentences by section ----
    "describe": [
        "{Treatment} is a {length}-minute {session_word} for {concern}.",
        "During {treatment}, {we} work {gently} across the {area}, checking your comfort as we go.",
        "Most people book {treatment} because of {concern}, and we talk through what it can and cannot do.",
        "The aim of {treatment} is skin that looks {skin_feel}; results vary from person to person.",
        "A course usually means {weeks} sessions spaced about four weeks apart.",
        "We start by cleansing the {area} and taking photographs so you can compare later.",
        "A numbing cream may be used for around twenty minutes before we begin.",
        "{Treatment} is one option among several, and it is not right for everyone.",
        "You can return to work the same day, although the {area} may look pink for a while.",
        "Your practitioner will explain the device, the settings and why they chose them.",
        "Some clients notice a change after one {session_word}; others need the full course.",
        "We combine {treatment} with home care only when it suits your skin.",
        "The {session_word} includes a short review of your skin care routine.",
        "Before any treatment, {we} check your medical history, medicines and allergies.",
        "If {treatment} is not suitable, {we} will say so and suggest alternatives, including seeing your GP.",
        "Expect the whole visit, including paperwork, to take about {length} minutes.",
        "Improvements build {gently}, so we review your progress at every {session_word}.",
        "Results depend on age, skin type, lifestyle and how closely aftercare is followed.",
    ],
    "aftercare": [
        "For the first {days} days, avoid {avoid} and {avoid}.",
        "Use {product} morning and night while the skin settles.",
        "Apply {product} and a broad-spectrum sunscreen every day for at least {weeks} weeks.",
        "It is normal to have {mild_effect} for a day or two.",
        "Sleep on a clean pillowcase the night after your {session_word}.",
        "Drink plenty of water and keep the {area} out of strong sunlight.",
        "Do not pick or scratch any flaking skin; let it come away naturally.",
        "Call us if you notice {rare_effect} or anything that worries you.",
        "Wait {days} days before going back to {avoid}.",
        "We will phone you the day after treatment to see how you are.",
        "Keep your aftercare sheet somewhere handy; it lists our out-of-hours number.",
    ],
    "risk": [
        "Common side effects include {mild_effect} and {mild_effect}.",
        "Less often, people experience {rare_effect}, which we will discuss with you.",
        "Rarely, {treatment} can cause {rare_effect}.",
        "Every procedure carries some risk, and we explain these before you decide.",
        "{Treatment} is not recommended if you are pregnant or breastfeeding.",
        "Tell us if you take blood thinners, as bruising is more likely.",
        "People with active infections or certain skin conditions may need to wait.",
        "Side effects are usually mild and settle within {days} days, but not always.",
        "Your consent form lists the known risks, and you can take it home to read first.",
        "If you have a history of keloid scarring, {we} may advise against treatment.",
        "We keep emergency equipment on site and staff are trained to use it.",
        "You are welcome to take time to think before booking; there is no pressure to decide on the day.",
    ],
    "price": [
        "A single {session_word} of {treatment} costs £{price_gbp}.",
        "A course of three is £{course_gbp}, paid per visit.",
        "Consultations cost £{consult_gbp} and are deducted if you go ahead within a month.",
        "Prices include your aftercare kit and a review appointment.",
        "We accept {payment} and {payment}.",
        "Cancellations with less than 24 hours' notice are charged at half the {session_word} price.",
        "Patch tests are free and must be done at least 48 hours before laser treatments.",
        "Prices were last reviewed in {month} and may change.",
    ],
    "hours": [
        "The clinic is open {open_days}, 9am to 6pm.",
        "Late appointments run until 8pm on {weekday}s.",
        "We are closed on bank holidays and on {weekday} afternoons.",
        "Reception answers the phone from 8.30am.",
        "{transport}.",
        "The treatment rooms are on the ground floor, with step-free access.",
        "You will find us at {number} {street}, {town}.",
    ],
    "bio": [
        "{person} is our {role} and has worked in aesthetics for {years} years.",
        "{person} holds {qualif} and leads our training programme.",
        "Outside the clinic, {person} {hobby}.",
        "{person} joined {clinic} in {year} after working in {place}.",
        "Clients often mention how clearly {person} explains each step.",
        "{person} is registered with the relevant professional body and keeps up with training every year.",
        "Ask for {person} if you would like a consultation about {concern}.",
    ],
    "consult": [
        "Your first visit is a consultation, not a treatment.",
        "We listen to what you would like to change and whether it is realistic.",
        "You will get a written plan with costs, risks and alternatives.",
        "Bring a list of any medicines and supplements you take.",
        "Some people decide not to go ahead, and that is fine.",
        "We may suggest you speak to your GP first if something needs checking.",
        "Photos are stored securely and never used without your consent.",
        "A cooling-off period applies before any injectable treatment.",
    ],
    "blog": [
        "Skin changes with the seasons, so your routine might too.",
        "Winter heating dries the air, which can leave skin tight and flaky.",
        "Sunscreen is the single most useful product in most routines.",
        "Good sleep, a varied diet and not smoking all show in the skin over time.",
        "Not every blemish needs a treatment; some simply need time.",
        "We asked {person} which questions come up most at consultations.",
        "Here is what a typical {session_word} of {treatment} looks like from start to finish.",
        "If you are unsure whether a treatment is for you, a consultation is the best place to start.",
        "Ingredients lists can be confusing, so we have picked out a few to look for.",
        "This month we are also raising money for the {town} hospice.",
        "Thank you to everyone who came to our open evening in {month}.",
    ],
    "testimonial": [
        "The nurse explained everything twice and I never felt rushed.",
        "Reception were lovely and found me a slot the same week.",
        "I was nervous, but {person} talked me through each step.",
        "Clean, calm clinic and easy parking.",
        "I liked that they told me honestly what to expect.",
        "They followed up the next day to check on me, which I appreciated.",
        "Friendly team, clear prices, no hard sell.",
        "My skin was pink for a couple of days, just as they said it would be.",
        "The consultation was thorough and they answered all my questions.",
        "Booking online was quick and the reminder texts helped.",
    ],
    # ---- problem claims (about CLAIM_RATE of sentences) ----
    "claim": [
        "Our {treatment} has no side effects and leaves your skin {skin_feel}.",
        "{Treatment} is clinically proven to transform {concern}.",
        "Many clients say it works better than Botox, without needles.",
        "This treatment cures acne for good.",
        "{Treatment} is completely safe during pregnancy.",
        "Our device is FDA-approved and used by top clinics worldwide.",
        "A revolutionary approach to {concern} is finally here.",
        "Enjoy permanent results after a single {session_word}.",
        "Our vitamin drip boosts your immune system all winter.",
        "It is 100% safe for every skin type.",
        "Guaranteed results, or your money back.",
        "See visible results in just 3 days.",
        "{Treatment} is a miracle for {concern}.",
        "There is zero downtime and no risk of complications.",
        "Studies prove that {treatment} reverses ageing.",
        "This is the most advanced {treatment} available anywhere.",
        "Leading dermatologists recommend {treatment} above all other options.",
        "Exosomes regenerate your skin cells from the inside.",
        "You can stop worrying about surgery, because {treatment} replaces a facelift.",
        "Completely pain-free, with results that last forever.",
    ],
}

# FAQ questions and the section their answers are drawn from.
QUESTIONS = [
    ("How long does {treatment} take?", "describe"),
    ("Does {treatment} hurt?", "describe"),
    ("How many sessions will I need?", "describe"),
    ("What are the side effects of {treatment}?", "risk"),
    ("Is there anyone who should not have {treatment}?", "risk"),
    ("Can I wear make-up afterwards?", "aftercare"),
    ("What should I avoid after my {session_word}?", "aftercare"),
    ("How much does {treatment} cost?", "price"),
    ("Can I pay in instalments?", "price"),
    ("Do I need a consultation first?", "consult"),
    ("What happens at the consultation?", "consult"),
    ("Where is the clinic?", "hours"),
    ("When are you open?", "hours"),
    ("Who will treat me?", "bio"),
]

CSS_PROPS = [
    "margin: 0 auto",
    "padding: 1.5rem 2rem",
    "display: grid",
    "grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr))",
    "gap: 1.25rem",
    "font-family: 'Source Sans 3', system-ui, sans-serif",
    "line-height: 1.6",
    "color: var(--ink)",
    "background: var(--paper)",
    "border-radius: 10px",
    "box-shadow: 0 2px 8px rgba(0, 0, 0, .08)",
    "text-transform: uppercase",
    "letter-spacing: .04em",
    "transition: background-color .2s ease-in-out",
    "max-width: 72rem",
    "border-left: 4px solid var(--accent)",
]
CSS_SELECTORS = [
    ".site-header",
    ".hero",
    ".hero__cta",
    ".card",
    ".treatment-list li",
    ".faq details",
    ".faq summary",
    ".price-table td",
    ".team-grid figure",
    ".testimonial blockquote",
    ".footer a:hover",
    "nav ul",
    ".notice--risk",
    ".btn-primary",
]


class Manifest(TypedDict):
    """What `corpus.json` records about a generated corpus."""

    generator_version: int
    generator_hash: str
    seed: int
    size_mb: float
    files: dict[str, int]
    bytes: dict[str, int]
    total_files: int
    total_bytes: int
    sentences: int
    claim_sentences: int


_SLOT = re.compile(r"\{(\w+)\}")


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    """Fills templates for one corpus; all randomness comes from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        clinic, domain = self.rng.choice(CLINICS)
        self.clinic = clinic
        self.domain = f"https://www.{domain}.example"
        self.town = self.rng.choice(TOWNS)
        self.street = self.rng.choice(STREETS)
        self.number = str(self.rng.randint(2, 180))
        self.fixed: dict[str, str] = {}
        self.sentences = 0
        self.claims = 0

    # -- templates ------------------------------------------------------------------------

    def page_context(self, treatment: Treatment | None = None) -> None:
        """Choose the treatment and person a page is about."""
        name, _slug, area, concern, length, price = treatment or self.rng.choice(TREATMENTS)
        person, role = self.rng.choice(PEOPLE)
        self.fixed = {
            "clinic": self.clinic,
            "town": self.town,
            "street": self.street,
            "number": self.number,
            "treatment": name,
            "Treatment": capital(name),
            "area": area,
            "concern": concern,
            "length": str(length),
            "price_gbp": str(price),
            "course_gbp": str(price * 3 - price // 4),
            "consult_gbp": self.rng.choice(["15", "25", "40", "50"]),
            "person": person,
            "role": role,
        }

    def fill(self, template: str) -> str:
        """Fill every slot; within one template a fragment list does not repeat itself if it can help it."""
        rng = self.rng
        used: set[str] = set()

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in self.fixed:
                return self.fixed[name]
            if name == "years":
                return str(rng.randint(3, 22))
            if name == "year":
                return str(rng.randint(2009, 2024))
            if name == "place":
                return rng.choice(
                    ["a London dermatology practice", "the NHS", "a burns unit", "a Harley Street clinic"]
                )
            choice = rng.choice(FRAGMENTS[name])
            if choice in used:
                choice = rng.choice(FRAGMENTS[name])
            used.add(choice)
            return self.fill(choice)

        return _SLOT.sub(replace, template)

    def sentence(self, kind: str, template: str | None = None) -> str:
        """One sentence of a section, or (at CLAIM_RATE) a problem claim instead."""
        self.sentences += 1
        if self.rng.random() < CLAIM_RATE:
            self.claims += 1
            return self.fill(self.rng.choice(FRAGMENTS["claim"]))
        return self.fill(template or self.rng.choice(FRAGMENTS[kind]))

    def paragraph(self, kind: str, low: int = 2, high: int = 6) -> str:
        """Sentences of one section, no template twice."""
        templates = FRAGMENTS[kind]
        count = min(self.rng.randint(low, high), len(templates))
        return " ".join(self.sentence(kind, t) for t in self.rng.sample(templates, count))

    def title(self) -> str:
        return f"{self.fixed['Treatment']} in {self.town} | {self.clinic}"

    def slugify(self, text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def html_text(text: str, rng: random.Random) -> str:
    """Escape text for HTML and dress it with the entities real CMS output has."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "'" in text:
        text = text.replace("'", rng.choice(["&rsquo;", "&#8217;", "&#x2019;", "'"]))
    if "£" in text:
        text = text.replace("£", rng.choice(["&pound;", "&#163;", "£"]))
    if " - " in text:
        text = text.replace(" - ", rng.choice([" &mdash; ", " &ndash; ", " &#8212; "]))
    if rng.random() < 0.3:
        text = re.sub(r"(\d+) (minutes|days|weeks|am|pm)", r"\1&nbsp;\2", text)
    if rng.random() < 0.1:
        text = text.replace(", ", ",&nbsp;", 1)
    return text


def attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def css_block(w: Writer) -> str:
    rng = w.rng
    rules = [":root { --ink: #23211f; --paper: #faf7f2; --accent: #7b5e3b; }"]
    for _ in range(rng.randint(8, 22)):
        props = "; ".join(rng.sample(CSS_PROPS, rng.randint(2, 5)))
        rules.append(f"{rng.choice(CSS_SELECTORS)} {{ {props}; }}")
    if rng.random() < 0.5:
        rules.append("@media (max-width: 40rem) { .hero { padding: 2rem 1rem; } nav ul { display: none; } }")
    return "  <style>\n    " + "\n    ".join(rules) + "\n  </style>\n"


def script_block(w: Writer, page: str) -> str:
    rng = w.rng
    ab = [w.fill(rng.choice(FRAGMENTS["claim"])).replace('"', "'") for _ in range(2)]
    return (
        "  <script>\n"
        "    window.dataLayer = window.dataLayer || [];\n"
        "    function gtag(){ dataLayer.push(arguments); }\n"
        "    gtag('js', new Date());\n"
        f"    gtag('config', 'G-{rng.randint(100000, 999999)}', {{ anonymize_ip: true }});\n"
        "    // Draft hero copy for the A/B test; never rendered.\n"
        f'    var heroVariants = ["{ab[0]}", "{ab[1]}"];\n'
        f'    dataLayer.push({{ event: "page_view", page: "{page}", variant: heroVariants[{rng.randint(0, 1)}] }});\n'
        "    document.addEventListener('DOMContentLoaded', function () {\n"
        "      document.querySelectorAll('.faq details').forEach(function (d) {\n"
        "        d.addEventListener('toggle', function () {\n"
        "          if (d.open) { dataLayer.push({ event: 'faq_open' }); }\n"
        "        });\n"
        "      });\n"
        "    });\n"
        "  </script>\n"
    )


def json_ld(w: Writer, url: str, faqs: list[tuple[str, str]]) -> str:
    rng = w.rng
    clinic: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": w.clinic,
        "url": w.domain,
        "description": w.paragraph("describe", 1, 2),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": f"{w.number} {w.street}",
            "addressLocality": w.town,
            "addressCountry": "GB",
        },
        "telephone": f"+44 1632 {rng.randint(960000, 960999)}",
        "openingHours": ["Mo-Fr 09:00-18:00", "Sa 09:00-13:00"],
    }
    blocks: list[dict[str, object]] = [clinic]
    if faqs:
        blocks.append(
            {
                "@context": "https://schema.org",
                "@type": "FAQPage",
                "url": url,
                "mainEntity": [
                    {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}
                    for q, a in faqs[:6]
                ],
            }
        )
    return "".join(
        '  <script type="application/ld+json">\n' + json.dumps(b, indent=2, ensure_ascii=False) + "\n  </script>\n"
        for b in blocks
    )


def nav_menu(w: Writer) -> str:
    rng = w.rng
    items = rng.sample(TREATMENTS, rng.randint(5, 9))
    lines = ['  <header class="site-header">', f'    <a class="logo" href="/">{attr(w.clinic)}</a>']
    lines.append('    <nav aria-label="Main">\n      <ul>')
    for t in items:
        lines.append(f'        <li><a href="/treatments/{t[1]}.html">{html_text(capital(t[0]), rng)}</a></li>')
    for label, href in (("About us", "/about.html"), ("Prices", "/prices.html"), ("Journal", "/blog/")):
        lines.append(f'        <li><a href="{href}">{label}</a></li>')
    lines.append('        <li><a class="btn-primary" href="/book">Book a consultation</a></li>')
    lines.append("      </ul>\n    </nav>\n  </header>")
    return "\n".join(lines) + "\n"


def hero(w: Writer) -> str:
    rng = w.rng
    f = w.fixed
    return (
        '  <section class="hero">\n'
        f"    <h1>{html_text(f['Treatment'], rng)} in {w.town}</h1>\n"
        f'    <p class="lede">{html_text(w.paragraph("describe", 1, 3), rng)}</p>\n'
        f'    <img src="/img/{w.slugify(f["treatment"])}-hero.jpg" alt="{attr(w.sentence("describe"))}"'
        ' width="1200" height="600" loading="eager">\n'
        f'    <a class="hero__cta btn-primary" href="/book?t={w.slugify(f["treatment"])}">Book a consultation</a>\n'
        "  </section>\n"
    )


def section_prose(w: Writer, heading: str, kind: str, paragraphs: int) -> str:
    rng = w.rng
    body = "".join(
        f"    <p>{html_text(w.paragraph(kind), rng)}</p>\n"
        if rng.random() < 0.8
        else f"    <p>{html_text(w.sentence(kind), rng)} <strong>{html_text(w.sentence(kind), rng)}</strong>"
        f" {html_text(w.sentence(kind), rng)}</p>\n"
        for _ in range(paragraphs)
    )
    anchor = w.slugify(heading)
    return f'  <section id="{anchor}" class="card">\n    <h2>{html_text(heading, rng)}</h2>\n{body}  </section>\n'


def section_list(w: Writer, heading: str, kind: str) -> str:
    rng = w.rng
    tag = rng.choice(["ul", "ol"])
    items = "".join(f"      <li>{html_text(w.sentence(kind), rng)}</li>\n" for _ in range(rng.randint(4, 9)))
    heading_html = f"    <h2>{html_text(heading, rng)}</h2>\n"
    return f'  <section class="card">\n{heading_html}    <{tag}>\n{items}    </{tag}>\n  </section>\n'


def section_prices(w: Writer) -> str:
    rng = w.rng
    rows = []
    for t in rng.sample(TREATMENTS, rng.randint(4, 8)):
        rows.append(
            f"        <tr><td>{html_text(capital(t[0]), rng)}</td><td>{t[4]}&nbsp;min</td>"
            f"<td>&pound;{t[5]}</td><td>&pound;{t[5] * 3 - t[5] // 4}</td></tr>"
        )
    return (
        '  <section class="card price-table">\n    <h2>Prices</h2>\n'
        f"    <p>{html_text(w.paragraph('price', 2, 4), rng)}</p>\n"
        "    <table>\n"
        "      <thead><tr><th>Treatment</th><th>Time</th><th>Single</th><th>Course of 3</th></tr></thead>\n"
        "      <tbody>\n" + "\n".join(rows) + "\n      </tbody>\n    </table>\n  </section>\n"
    )


def section_testimonials(w: Writer) -> str:
    rng = w.rng
    quotes = []
    for _ in range(rng.randint(2, 5)):
        initials = f"{rng.choice('ABCDEFGHJKLMNPRSTW')}.{rng.choice('ABCDEFGHJKLMNPRSTW')}."
        quotes.append(
            '    <figure class="testimonial">\n'
            f"      <blockquote><p>{html_text(w.paragraph('testimonial', 1, 3), rng)}</p></blockquote>\n"
            f"      <figcaption>&mdash; {initials}, {w.town}</figcaption>\n"
            "    </figure>\n"
        )
    note = "    <p><small>Reviews are from real clients; individual results vary.</small></p>\n"
    return (
        '  <section class="card testimonials">\n    <h2>What clients say</h2>\n'
        + "".join(quotes)
        + note
        + "  </section>\n"
    )


def faq_pairs(w: Writer, count: int) -> list[tuple[str, str]]:
    return [(w.fill(q), w.paragraph(kind, 1, 3)) for q, kind in w.rng.sample(QUESTIONS, count)]


def section_faq(w: Writer, faqs: list[tuple[str, str]]) -> str:
    rng = w.rng
    items = "".join(
        f"    <details>\n      <summary>{html_text(q, rng)}</summary>\n"
        f"      <p>{html_text(a, rng)}</p>\n    </details>\n"
        for q, a in faqs
    )
    return f'  <section class="card faq" id="faq">\n    <h2>Frequently asked questions</h2>\n{items}  </section>\n'


def section_team(w: Writer) -> str:
    rng = w.rng
    figures = []
    for person, role in rng.sample(PEOPLE, rng.randint(2, 4)):
        saved = dict(w.fixed)
        w.fixed.update(person=person, role=role)
        figures.append(
            f'    <figure>\n      <img src="/img/team/{w.slugify(person)}.jpg" alt="{attr(person)}, {role}">\n'
            f"      <figcaption><strong>{html_text(person, rng)}</strong>, {role}</figcaption>\n"
            f"      <p>{html_text(w.paragraph('bio', 2, 4), rng)}</p>\n    </figure>\n"
        )
        w.fixed = saved
    return '  <section class="card team-grid">\n    <h2>Meet the team</h2>\n' + "".join(figures) + "  </section>\n"


def footer(w: Writer) -> str:
    rng = w.rng
    hours = "".join(
        f"        <tr><td>{day}</td><td>{rng.choice(['9am&ndash;6pm', '9am&ndash;8pm', '10am&ndash;4pm'])}</td></tr>\n"
        for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    )
    return (
        '  <footer class="footer">\n'
        f"    <p>{html_text(w.clinic, rng)} &middot; {w.number} {w.street}, {w.town}</p>\n"
        f"    <p>{html_text(w.paragraph('hours', 2, 3), rng)}</p>\n"
        '    <table class="hours">\n' + hours + "        <tr><td>Saturday</td><td>9am&ndash;1pm</td></tr>\n"
        "    </table>\n"
        '    <ul class="footer-links"><li><a href="/privacy.html">Privacy</a></li>'
        '<li><a href="/complaints.html">Complaints</a></li>'
        '<li><a href="/accessibility.html">Accessibility</a></li></ul>\n'
        f"    <p><small>&copy; {rng.randint(2019, 2025)} {html_text(w.clinic, rng)}. "
        "Registered with the Care Quality Commission.</small></p>\n"
        "  </footer>\n"
    )


def html_page(w: Writer, target_bytes: int, folder: str, slug: str, treatment: Treatment | None = None) -> str:
    """One HTML page of roughly `target_bytes` bytes (UTF-8)."""
    rng = w.rng
    w.page_context(treatment)
    url = f"{w.domain}/{folder}/{slug}.html"
    faqs = faq_pairs(w, rng.randint(4, 8))
    description = w.sentence("describe")
    head = (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n'
        '  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"  <title>{html_text(w.title(), rng)}</title>\n"
        f'  <meta name="description" content="{attr(description)}">\n'
        f'  <link rel="canonical" href="{url}">\n'
        f'  <meta property="og:type" content="website">\n'
        f'  <meta property="og:title" content="{attr(w.title())}">\n'
        f'  <meta property="og:description" content="{attr(w.sentence("describe"))}">\n'
        f'  <meta property="og:url" content="{url}">\n'
        f'  <meta property="og:image" content="{w.domain}/img/{slug}-og.jpg">\n'
        '  <meta name="twitter:card" content="summary_large_image">\n'
        f'  <meta name="twitter:title" content="{attr(w.fixed["Treatment"])} | {attr(w.clinic)}">\n'
        f'  <meta name="twitter:description" content="{attr(w.sentence("describe"))}">\n'
        '  <link rel="stylesheet" href="/css/site.css">\n'
        + css_block(w)
        + script_block(w, slug)
        + json_ld(w, url, faqs)
    )
    head += "</head>\n<body>\n"
    parts = [head, nav_menu(w), '<main id="content">\n', hero(w)]
    size = sum(len(p.encode()) for p in parts)
    footer_html = footer(w)
    tail = "</main>\n" + footer_html + "</body>\n</html>\n"
    budget = target_bytes - len(tail.encode())
    name = w.fixed["treatment"]
    about = [f"About {name}", f"How {name} works", f"What happens during {name}", f"Is {name} right for me?"]
    risks = ["Risks and side effects", "Is it safe for me?", "What could go wrong", "Possible side effects"]
    care = ["Aftercare", "After your treatment", "Looking after your skin", "The first week"]
    consult = ["Your consultation", "Before you book", "Planning your treatment", "What we need to know"]
    builders = [
        lambda: section_prose(w, rng.choice(about), "describe", rng.randint(2, 5)),
        lambda: section_prose(w, rng.choice(risks), "risk", rng.randint(1, 3)),
        lambda: section_list(w, rng.choice(care), "aftercare"),
        lambda: section_prose(w, rng.choice(consult), "consult", rng.randint(1, 3)),
        lambda: section_prices(w),
        lambda: section_testimonials(w),
        lambda: section_team(w),
        lambda: section_list(w, rng.choice(consult), "consult"),
        lambda: section_prose(w, "Opening hours and getting here", "hours", 1),
    ]
    order = list(range(len(builders)))
    faq_done = False
    while size < budget:
        rng.shuffle(order)
        for index in order:
            if size >= budget:
                break
            if not faq_done and rng.random() < 0.3:
                block = section_faq(w, faqs)
                faq_done = True
            else:
                block = builders[index]()
            if rng.random() < 0.15:
                block = f"  <!-- section edited {rng.randint(1, 28)}/{rng.randint(1, 12)} -->\n" + block
            parts.append(block)
            size += len(block.encode())
    if not faq_done:
        parts.append(section_faq(w, faqs))
    parts.append(tail)
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Markdown and text
# --------------------------------------------------------------------------------------------


def markdown_page(w: Writer, target_bytes: int) -> str:
    rng = w.rng
    w.page_context()
    f = w.fixed
    tags = rng.sample(["skin", "laser", "aftercare", "prices", "news", "hair", "injectables", "wellness", "team"], 3)
    title = rng.choice(
        [
            f"{f['Treatment']}: what to expect",
            f"A guide to {f['treatment']}",
            f"Your questions about {f['treatment']} answered",
            f"Looking after your skin after {f['treatment']}",
            f"Meet {f['person']}",
        ]
    )
    description = w.sentence("describe").replace('"', "'")
    lines = [
        "---",
        f'title: "{title}"',
        f'description: "{description}"',
        f"tags: [{', '.join(tags)}]",
        f"date: {rng.randint(2021, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"author: {f['person']}",
        "draft: false",
        "---",
        "",
        f"# {title}",
        "",
        w.paragraph("blog", 2, 4),
        "",
    ]
    size = sum(len(x.encode()) + 1 for x in lines)
    while size < target_bytes:
        choice = rng.randrange(8)
        block: list[str]
        if choice == 0:
            block = [f"## About {f['treatment']}", "", w.paragraph("describe"), "", w.paragraph("describe"), ""]
        elif choice == 1:
            block = ["## Aftercare", ""] + [f"- {w.sentence('aftercare')}" for _ in range(rng.randint(3, 7))] + [""]
        elif choice == 2:
            block = ["## Risks", "", w.paragraph("risk"), ""]
            block += [f"{i}. {w.sentence('risk')}" for i in range(1, rng.randint(3, 6))] + [""]
        elif choice == 3:
            block = ["## Prices", "", "| Treatment | Time | Price |", "|---|---:|---:|"]
            block += [f"| {capital(t[0])} | {t[4]} min | £{t[5]} |" for t in rng.sample(TREATMENTS, 4)]
            block += ["", w.paragraph("price", 1, 3), ""]
        elif choice == 4:
            block = [
                f"![{w.sentence('describe')}](/img/{w.slugify(f['treatment'])}-{rng.randint(1, 9)}.jpg)",
                "",
                f"{w.paragraph('blog', 1, 3)} Read more on our [{f['treatment']} page]"
                f"(/treatments/{w.slugify(f['treatment'])}.html) or [book a consultation](/book).",
                "",
            ]
        elif choice == 5:
            block = [f"> {w.paragraph('testimonial', 1, 2)}", ">", f"> — client from {w.town}", ""]
        elif choice == 6:
            block = ["### Frequently asked", ""]
            for q, a in faq_pairs(w, rng.randint(2, 4)):
                block += [f"**{q}**", "", a, ""]
        else:
            block = [
                "To embed our booking widget on a partner site:",
                "",
                "```html",
                f'<div id="booking" data-clinic="{w.slugify(w.clinic)}"'
                f' data-service="{w.slugify(f["treatment"])}"></div>',
                '<script src="https://book.example/widget.js" async></script>',
                "```",
                "",
                f"_{w.sentence('hours')}_",
                "",
            ]
        lines += block
        size += sum(len(x.encode()) + 1 for x in block)
    return "\n".join(lines) + "\n"


def wrap(text: str, width: int) -> list[str]:
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.append(line)
    return out


def text_draft(w: Writer, target_bytes: int) -> str:
    rng = w.rng
    w.page_context()
    f = w.fixed
    kind = rng.choice(["Newsletter", "Social posts", "Email campaign", "Leaflet copy", "Website update"])
    lines = [
        f"DRAFT - {kind}: {f['treatment']}",
        f"Owner: {f['person']}   Status: for review   Month: {rng.choice(FRAGMENTS['month'])}",
        "",
    ]
    size = sum(len(x.encode()) + 1 for x in lines)
    wrap_width = rng.choice([0, 72, 80])
    while size < target_bytes:
        section = rng.choice(["describe", "aftercare", "risk", "price", "blog", "consult", "testimonial", "hours"])
        para = w.paragraph(section, 2, 5)
        block = [*(wrap(para, wrap_width) if wrap_width else [para]), ""]
        if rng.random() < 0.2:
            block = [f"[{section.upper()}]", *block]
        lines += block
        size += sum(len(x.encode()) + 1 for x in block)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------


def single_page(seed: int = 1, size_bytes: int = 40_000) -> str:
    """One HTML page of about `size_bytes`, for single-file timings."""
    return html_page(Writer(seed), size_bytes, "treatments", "single-page")


def _prepare(out: Path, force: bool) -> None:
    if out.exists() and any(out.iterdir()):
        if not (out / MANIFEST).is_file() and not force:
            raise SystemExit(f"generate_site: {out} is not empty and holds no {MANIFEST}; use --force to replace it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def generate(out: Path, size_mb: float = 4, seed: int = 1, force: bool = False) -> Manifest:
    """Write the corpus under `out` and return its manifest."""
    _prepare(out, force)
    w = Writer(seed)
    rng = w.rng
    total = int(size_mb * MB)
    counts = {"html": 0, "md": 0, "txt": 0}
    written = {"html": 0, "md": 0, "txt": 0}
    html_folders = ["treatments", "conditions", "blog", "locations", "offers"]
    md_folders = ["content/blog", "content/treatments", "content/guides"]
    for kind in ("html", "md", "txt"):
        budget = int(total * SHARES[kind])
        while written[kind] < budget:
            n = counts[kind]
            if kind == "html":
                folder = html_folders[n % len(html_folders)]
                treatment = TREATMENTS[n % len(TREATMENTS)]
                slug = f"{treatment[1]}-{n:04d}"
                text = html_page(w, rng.randint(20_000, 60_000), folder, slug, treatment)
                path = out / "site" / folder / f"{slug}.html"
            elif kind == "md":
                text = markdown_page(w, rng.randint(3_000, 14_000))
                path = out / md_folders[n % len(md_folders)] / f"{w.slugify(w.fixed['treatment'])}-{n:04d}.md"
            else:
                text = text_draft(w, rng.randint(1_500, 8_000))
                path = out / "drafts" / f"draft-{n:04d}-{w.slugify(w.fixed['treatment'])}.txt"
            data = text.encode("utf-8")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            counts[kind] += 1
            written[kind] += len(data)
    manifest: Manifest = {
        "generator_version": GENERATOR_VERSION,
        "generator_hash": source_hash(),
        "seed": seed,
        "size_mb": size_mb,
        "files": counts,
        "bytes": written,
        "total_files": sum(counts.values()),
        "total_bytes": sum(written.values()),
        "sentences": w.sentences,
        "claim_sentences": w.claims,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="output folder (replaced if it holds a corpus)")
    parser.add_argument("--size-mb", type=float, default=4, help="total size in MB of 1,000,000 bytes (default 4)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--force", action="store_true", help="replace a non-empty folder that is not a corpus")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    manifest = generate(args.out, args.size_mb, args.seed, args.force)
    seconds = time.perf_counter() - start
    for kind in ("html", "md", "txt"):
        print(f"{kind:>5}: {manifest['files'][kind]:6d} files  {manifest['bytes'][kind] / MB:8.2f} MB")
    print(
        f"wrote {manifest['total_files']} files, {manifest['total_bytes'] / MB:.2f} MB to {args.out} "
        f"in {seconds:.1f} s ({manifest['claim_sentences']} claim sentences of {manifest['sentences']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
