"""Small built-in name tables for entity normalisation: places, demonyms, aliases.

Only names news text uses constantly; users extend them with DIGEST_TAG_ALIASES.
"""

from __future__ import annotations

COUNTRIES = frozenset(
    """Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain
    Bangladesh Belarus Belgium Bolivia Bosnia Brazil Bulgaria Cambodia Cameroon Canada Chad
    Chile China Colombia Congo Croatia Cuba Cyprus Czechia Denmark Ecuador Egypt Estonia
    Ethiopia Finland France Gaza Georgia Germany Ghana Greece Guatemala Haiti Honduras Hungary
    Iceland India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Kosovo
    Kuwait Kyrgyzstan Laos Latvia Lebanon Libya Lithuania Luxembourg Madagascar Malaysia Mali
    Malta Mexico Moldova Mongolia Montenegro Morocco Mozambique Myanmar Nepal Netherlands
    Nicaragua Niger Nigeria Norway Oman Pakistan Palestine Panama Paraguay Peru Philippines
    Poland Portugal Qatar Romania Russia Rwanda Serbia Singapore Slovakia Slovenia Somalia Spain
    Sudan Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Tunisia Turkey Turkmenistan
    Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Yemen Zambia Zimbabwe Europe Africa Asia
    Crimea Donbas Kashmir Tibet""".split()
) | {
    "United States", "United Kingdom", "South Korea", "North Korea", "South Africa",
    "Saudi Arabia", "New Zealand", "Sri Lanka", "United Arab Emirates", "Czech Republic",
    "Middle East", "Latin America", "West Bank", "Hong Kong", "European Union",
}  # fmt: skip
CITIES = frozenset(
    """Moscow Kyiv Kiev Kharkiv Odesa Odessa Sumy Donetsk Luhansk Mariupol Washington London
    Paris Berlin Rome Madrid Beijing Shanghai Tokyo Seoul Delhi Mumbai Karachi Islamabad Kabul
    Tehran Baghdad Damascus Beirut Jerusalem Cairo Istanbul Ankara Athens Vienna Warsaw Prague
    Budapest Brussels Amsterdam Geneva Minsk Tbilisi Baku Yerevan Riyadh Dubai Doha Kathmandu
    Dhaka Bangkok Jakarta Manila Hanoi Sydney Toronto Ottawa Chicago Boston Nairobi Lagos
    Johannesburg Pretoria Havana Caracas Lima Bogota Santiago""".split()
) | {"St. Petersburg", "New York", "Los Angeles", "San Francisco", "Mexico City", "New Delhi",
     "Tel Aviv", "Hong Kong", "Buenos Aires", "Rio de Janeiro", "Sao Paulo"}  # fmt: skip
PLACES = COUNTRIES | CITIES
DEMONYMS = {
    "Russian": "Russia", "Ukrainian": "Ukraine", "American": "United States",
    "British": "United Kingdom", "Chinese": "China", "French": "France", "German": "Germany",
    "Israeli": "Israel", "Iranian": "Iran", "Iraqi": "Iraq", "Syrian": "Syria",
    "Turkish": "Turkey", "Indian": "India", "Pakistani": "Pakistan", "Japanese": "Japan",
    "Korean": "South Korea", "Italian": "Italy", "Spanish": "Spain", "Polish": "Poland",
    "Belarusian": "Belarus", "Nepali": "Nepal", "Nepalese": "Nepal", "Saudi": "Saudi Arabia",
    "Egyptian": "Egypt", "Palestinian": "Palestine", "Lebanese": "Lebanon", "Afghan": "Afghanistan",
    "Canadian": "Canada", "Mexican": "Mexico", "Brazilian": "Brazil", "Australian": "Australia",
    "European": "Europe", "African": "Africa", "Asian": "Asia",
}  # fmt: skip
ALIASES = {
    "U.S.": "United States", "US": "United States", "U.S.A.": "United States",
    "USA": "United States", "United States of America": "United States",
    "America": "United States", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "Britain": "United Kingdom", "Great Britain": "United Kingdom", "EU": "European Union",
    "E.U.": "European Union", "UN": "United Nations", "U.N.": "United Nations",
    "Kiev": "Kyiv", "Odessa": "Odesa", "Saint Petersburg": "St. Petersburg",
    "UAE": "United Arab Emirates", "Czech Republic": "Czechia",
}  # fmt: skip
TITLES = frozenset(
    """President Vice Prime Minister Chancellor King Queen Prince Princess Pope Secretary
    General Gen Gen. Sen Sen. Senator Rep Rep. Representative Gov Gov. Governor Mayor Mr Mr.
    Mrs Mrs. Ms Ms. Dr Dr. Professor Prof Prof. Sir Lady Lord Judge Justice Chief Deputy
    Foreign Defence Defense Finance Interior Ambassador Commander Colonel Col. Lt. Captain
    Sheikh Emir Ayatollah Premier Chairman Chairwoman Director Spokesman Spokeswoman CEO
    Acting Former former""".split()
)
ORG_WORDS = frozenset(
    """Corporation Corp Corp. Inc Inc. Ltd Ltd. Company Co. Group Bank Ministry Agency Council
    Committee Commission Forum Fund Party Union University Institute Association Federation
    Organization Organisation Department Office Army Navy Forces Force Court Parliament Senate
    Congress Assembly Authority Service Services Foundation Network Airlines News Times Post
    Journal Police Guard Front Movement Alliance Board Centre Center School Club League""".split()
)
KNOWN_ORGS = frozenset(
    {"NATO", "Pentagon", "Kremlin", "United Nations", "European Union", "IMF", "WHO", "OPEC",
     "Rostec", "Hamas", "Hezbollah", "Taliban", "FBI", "CIA", "G7", "G20", "SAARC", "BRICS"}
)  # fmt: skip
GENERIC = frozenset(
    """The A An This That These Those It Its He She They We I You His Her Their Our My Your
    In On At By For From With Without After Before During Since Until While When Where Why How
    What Who Which But And Or If As So Yet Also However Meanwhile Moreover Furthermore Still
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept
    Oct Nov Dec Today Yesterday Tomorrow Agencies Agency Reuters AFP AP Staff Editor Photo
    Western Eastern Northern Southern West East North South Central Read More Related Latest
    News Home Update Updated Breaking Live Video Watch Opinion Analysis Comment Advertisement
    Mr Mrs Ms Dr Sir According Here There Now Then Some Many Most All Both Each Every Other
    Several One Two Three Four Five First Second Last Next New Old Other Such""".split()
)
