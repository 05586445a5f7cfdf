"""Small built-in word tables for the entity extractor: the grammar of names.

Place names and first names come from data packages (names/lexicon.py); what is
here is the closed-class vocabulary around names, in English, German, Spanish,
French, Italian and Portuguese: articles, titles, organisation and place words,
cues, and aliases no package knows (ECB = BCE = EZB).  Users extend the aliases
with DIGEST_TAG_ALIASES.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DEMONYMS = {
    "Russian": "Russia", "Ukrainian": "Ukraine", "American": "United States",
    "British": "United Kingdom", "Chinese": "China", "French": "France", "German": "Germany",
    "Israeli": "Israel", "Iranian": "Iran", "Iraqi": "Iraq", "Syrian": "Syria",
    "Turkish": "Turkey", "Indian": "India", "Pakistani": "Pakistan", "Japanese": "Japan",
    "Korean": "South Korea", "Italian": "Italy", "Spanish": "Spain", "Polish": "Poland",
    "Belarusian": "Belarus", "Nepali": "Nepal", "Nepalese": "Nepal", "Saudi": "Saudi Arabia",
    "Egyptian": "Egypt", "Palestinian": "Palestine", "Lebanese": "Lebanon", "Afghan": "Afghanistan",
    "Canadian": "Canada", "Mexican": "Mexico", "Brazilian": "Brazil", "Australian": "Australia",
    "European": "Europe", "African": "Africa", "Asian": "Asia", "Dutch": "Netherlands",
    "Swiss": "Switzerland", "Swedish": "Sweden", "Norwegian": "Norway", "Danish": "Denmark",
    "Finnish": "Finland", "Greek": "Greece", "Portuguese": "Portugal", "Irish": "Ireland",
    "Scottish": "Scotland", "English": "England", "Welsh": "Wales", "Belgian": "Belgium",
    "Austrian": "Austria", "Hungarian": "Hungary", "Czech": "Czechia", "Romanian": "Romania",
    "Bulgarian": "Bulgaria", "Serbian": "Serbia", "Croatian": "Croatia", "Argentine": "Argentina",
    "Argentinian": "Argentina", "Chilean": "Chile", "Colombian": "Colombia",
    "Venezuelan": "Venezuela", "Peruvian": "Peru", "Cuban": "Cuba", "Nigerian": "Nigeria",
    "Kenyan": "Kenya", "Ethiopian": "Ethiopia", "Algerian": "Algeria", "Moroccan": "Morocco",
    "Tunisian": "Tunisia", "Libyan": "Libya", "Jordanian": "Jordan", "Kuwaiti": "Kuwait",
    "Qatari": "Qatar", "Emirati": "United Arab Emirates", "Yemeni": "Yemen",
    "Indonesian": "Indonesia", "Malaysian": "Malaysia", "Thai": "Thailand",
    "Vietnamese": "Vietnam", "Filipino": "Philippines", "Taiwanese": "Taiwan",
    "Bangladeshi": "Bangladesh", "Sri Lankan": "Sri Lanka", "Zimbabwean": "Zimbabwe",
    "Georgian": "Georgia", "Armenian": "Armenia", "Kazakh": "Kazakhstan", "Slovak": "Slovakia",
    "Slovenian": "Slovenia", "Lithuanian": "Lithuania", "Latvian": "Latvia",
    "Estonian": "Estonia", "Icelandic": "Iceland", "Bosnian": "Bosnia and Herzegovina",
    "Albanian": "Albania", "Cypriot": "Cyprus", "Maltese": "Malta",
    "Zealander": "New Zealand", "Kurdish": "Kurdistan",
}  # fmt: skip
# Spellings of one thing across languages and styles -> its canonical name.
ALIASES = {
    "U.S.": "United States", "US": "United States", "U.S.A.": "United States",
    "USA": "United States", "United States of America": "United States",
    "America": "United States", "EE.UU.": "United States", "EEUU": "United States",
    "EE. UU.": "United States", "É.-U.": "United States", "USA.": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "Reino Unido": "United Kingdom",
    "Royaume-Uni": "United Kingdom", "Großbritannien": "United Kingdom",
    "EU": "European Union", "E.U.": "European Union", "UE": "European Union",
    "Unión Europea": "European Union", "Union européenne": "European Union",
    "Europäische Union": "European Union", "Unione Europea": "European Union",
    "União Europeia": "European Union",
    "UN": "United Nations", "U.N.": "United Nations", "ONU": "United Nations",
    "UNO": "United Nations", "Vereinte Nationen": "United Nations",
    "Naciones Unidas": "United Nations", "Nations unies": "United Nations",
    "ECB": "European Central Bank", "BCE": "European Central Bank",
    "EZB": "European Central Bank", "Banco Central Europeo": "European Central Bank",
    "Europäische Zentralbank": "European Central Bank",
    "Banca Centrale Europea": "European Central Bank",
    "Banco Central Europeu": "European Central Bank",
    "OTAN": "NATO", "Nato": "NATO", "FMI": "IMF", "IWF": "IMF",
    "Fed": "Federal Reserve", "Kiev": "Kyiv", "Odessa": "Odesa",
    "Saint Petersburg": "St. Petersburg", "Sankt Petersburg": "St. Petersburg",
    "UAE": "United Arab Emirates", "Czech Republic": "Czechia",
    "Russian Federation": "Russia", "Alemania": "Germany",
}  # fmt: skip
# Organisations news names by one word or acronym, which no package lists.
KNOWN_ORGS = _words(
    """NATO Pentagon Kremlin IMF WHO OPEC Rostec Hamas Hezbollah Taliban FBI CIA NASA ECB
    BCE EZB Reuters AFP AP Bloomberg Xinhua Interfax TASS BBC CNN Fed G7 G20 SAARC BRICS
    OECD WTO UEFA FIFA IOC UNESCO UNICEF Interpol Europol Gazprom Rosneft Frontex CDU CSU
    SPD FDP AfD PSOE PP Vox ANC Bundestag Bundesrat Bundesbank Congress Senate Parliament"""
) | {"United Nations", "European Union", "European Central Bank", "Federal Reserve"}
# A person's title or role before the name ("Defender Tom Hale", "Bundeskanzler Olaf
# Scholz", "el presidente"): peeled off, and the name is a person's.
TITLES = _words(
    """President Vice Prime Minister Chancellor King Queen Prince Princess Pope Secretary
    General Gen Gen. Sen Sen. Senator Rep Rep. Representative Gov Gov. Governor Mayor Mr Mr.
    Mrs Mrs. Ms Ms. Dr Dr. Professor Prof Prof. Sir Lady Lord Judge Justice Chief Deputy
    Ambassador Commander Colonel Col. Lt. Captain Sheikh Emir Ayatollah Premier Chairman
    Chairwoman Director Spokesman Spokeswoman CEO Acting Former Coach Manager Defender
    Striker Midfielder Goalkeeper Forward Captain Striker Referee Analyst Economist Leader
    Opposition Officer Commissioner Trainer Attorney Detective Inspector Sergeant Bishop
    Archbishop Cardinal Rabbi Imam Crown Foreign Finance Interior Defence Defense Treasury
    Environment Health Justice Economy Trade Labour Labor Energy Transport Education
    Herr Frau Bundeskanzler Bundeskanzlerin Kanzler Kanzlerin Bundespräsident Ministerpräsident
    Ministerpräsidentin Minister Ministerin Präsident Präsidentin Staatssekretär Bürgermeister
    Bürgermeisterin Trainerin Chef Chefin Sprecher Sprecherin Vorsitzende Vorsitzender
    Presidente Presidenta Ministro Ministra Canciller Secretario Secretaria Alcalde Alcaldesa
    Portavoz Director Directora Jefe Jefa Rey Reina Don Doña Sr. Sra. Señor Señora
    Président Présidente Ministre Chancelier Secrétaire Maire Directeur Directrice Roi Reine
    M. Mme Mme. Monsieur Madame Sindaco Segretario Direttore Signor Signora Onorevole
    Governador Governadora Prefeito Prefeita Secretário Secretária Diretor Diretora Senador
    Senadora Deputado Deputada Senhor Senhora Papa Analysts Analistas Analysten"""
)
# German compounds ending in a title ("Bundesverkehrsminister", "Parteichefin").
TITLE_SUFFIXES = (
    "minister", "ministerin", "kanzler", "kanzlerin", "präsident", "präsidentin", "chef",
    "chefin", "sprecher", "sprecherin", "vorsitzende", "vorsitzender", "sekretär",
    "sekretärin", "direktor", "direktorin", "trainer", "trainerin", "meister", "meisterin",
)  # fmt: skip
# Words that make a name an organisation ("Deutsche Bahn", "BBVA Research").
ORG_WORDS = _words(
    """Corporation Corp Corp. Inc Inc. Ltd Ltd. Company Co Co. Group Bank Ministry Agency
    Council Committee Commission Forum Fund Party Union University Institute Association
    Federation Organization Organisation Department Office Army Navy Forces Force Court
    Parliament Senate Congress Assembly Authority Service Services Foundation Network
    Airlines Airways News Times Post Journal Police Guard Front Movement Alliance Board
    Centre Center School Club League FC AFC CF SC AC United Rovers Wanderers Athletic
    Albion Hotspur Research Reserve Exchange Securities Capital Holdings Motors Energy
    Systems Technologies Telecom Telekom Airline Railways Bahn Post Press Television Radio
    Institut Corporation AG GmbH SE SA S.A. S.p.A. SpA NV N.V. BV plc PLC LLC LLP Bancorp
    Ministerium Bundesamt Partei Gewerkschaft Stiftung Verband Universität Bundesbank
    Banco Banca Banque Ministerio Ministère Ministero Partido Parti Partito Sindicato
    Syndicat Universidad Université Università Universidade Fundación Fondation Comisión
    Consejo Conseil Consiglio Tribunal Tribunale Gobierno Gouvernement Governo Instituto
    Agencia Agence Agenzia Compañía Compagnie Grupo Groupe Gruppo Junta Cortes Power
    Electric Medical Pharmaceuticals Pharma Industries Industrial Petroleum Oil Gas Steel
    Chemical Chemicals Foods Financial Insurance Investment Investments Partners Trust
    Resources Mining Communications Media Entertainment Brands Stores Bancshares Realty
    Properties Ventures Labs Software Solutions Logistics Shipping Construction Engineering
    Automotive Semiconductor Electronics Pictures Studios Records Controls Counties XI
    Team Squad Brigade Regiment Division Cabinet Government Administration Secretariat"""
)
# Words that make a name a place ("Amazon River", "Mount Kenya", "Plaza Mayor").
PLACE_WORDS = _words(
    """River Lake Mount Mountain Mountains Island Islands Sea Ocean Bay Valley Street Avenue
    Square Province Region County Gulf Strait Peninsula Desert Coast Canal Airport Port
    Harbour Harbor Park Bridge Road Highway District Strip Basin Hills Falls Forest Cape
    Río Rio Lago Monte Isla Islas Île Calle Plaza Provincia Región Fluss See Insel Straße
    Platz Gebirge Mar Mer Golfe Lac Baie Piazza Via Isola Ilha Rua Praça Serra"""
)
# Words that make a name an event, work or other thing ("World Cup", "Grand Prix").
OTHER_WORDS = _words(
    """Cup Championship Championships Olympics Olympic Games Open Prix Tour Trophy Award
    Awards Prize Festival War Series Derby Classic Masters Marathon Rally Summit Treaty
    Accord Act Day Week Revolution Copa Coupe Coppa Mundial Weltmeisterschaft Pokal
    Eurovision Oscar Oscars Grammy Nobel Bowl Stakes Grand"""
)
# Closed-class capitalised words that are never a name by themselves.
GENERIC = _words(
    """The A An This That These Those It Its He She They We I You His Her Their Our My Your
    In On At By For From With Without After Before During Since Until While When Where Why How
    What Who Which But And Or If As So Yet Also However Meanwhile Moreover Furthermore Still
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept
    Oct Nov Dec Today Yesterday Tomorrow Agencies Agency Staff Editor Photo Copyright
    Western Eastern Northern Southern West East North South Central Read More Related Latest
    News Home Update Updated Breaking Live Video Watch Opinion Analysis Comment Advertisement
    Mr Mrs Ms Dr Sir According Here There Now Then Some Many Most All Both Each Every Other
    Several One Two Three Four Five First Second Last Next New Old Other Such Total Results
    Result Page Source Sources Note Notes Table Points Score Scores Group Round Week Year
    Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Januar Februar März Juni Juli
    Oktober Dezember Lunes Martes Miércoles Jueves Viernes Sábado Domingo Enero Febrero Marzo
    Abril Mayo Junio Julio Agosto Septiembre Octubre Noviembre Diciembre Lundi Mardi Mercredi
    Jeudi Vendredi Samedi Dimanche Janvier Février Mars Avril Mai Juin Juillet Août Septembre
    Octobre Novembre Décembre Lunedì Martedì Mercoledì Giovedì Venerdì Sabato Domenica Gennaio
    Febbraio Aprile Maggio Giugno Luglio Settembre Ottobre Dicembre Segunda Terça Quarta
    Quinta Sexta Janeiro Fevereiro Março Maio Junho Julho Setembro Outubro Novembro Dezembro
    Uhr Prozent Euro Euros Dollar Dollars Millionen Milliarden Millones Millions Percent"""
)
# Articles and prepositions a capitalised run may start with ("El BCE", "En Barcelona",
# "Die Gewerkschaft"): peeled off in every language, whatever the text's language.
LEADING_FUNCTION_WORDS = frozenset(
    w.casefold()
    for w in """The A An El La Los Las Lo Un Una Unos Unas Le Les L Une Des Du De Der Die Das
    Den Dem Des Ein Eine Einen Einem Einer Il Gli I Uno O Os As Um Uma Em En In Im Am Auf
    Aus Bei Mit Nach Von Zu Zum Zur Für Und Auch Aber Doch Noch Nur Sogar Laut Con Por Para
    Sin Sobre Según Tras Desde Hasta Y Pero Dans Sur Pour Par Avec Selon Chez Et Mais Nel
    Nella Della Dello Del Dei Degli Delle Alla Allo Ai Agli Dalla Dal Per Tra Fra Secondo
    E Ma No Na Nos Nas Do Da Dos Das Ao Aos Pelo Pela Segundo At On By For From With To Of
    And But After Before As If When While Also Both Even Only Yet So Then Now Under Over
    Against Between Among Into About Despite Without Within Across Via Per During""".split()
)
# Lower-case words allowed inside a name ("Bank of England", "Ursula von der Leyen").
CONNECTORS = frozenset(
    w.replace("_", " ")
    for w in """of of_the de del de_la de_los de_las della degli di da do dos das du des van von der
    den zu al bin ibn el la le y &""".split()
) | {"&"}
# Capitalised noun-forming suffixes of German common nouns (they are not names).
GERMAN_NOUN_SUFFIXES = (
    "ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "chen", "ment", "nis", "ling",
    "zeit", "arbeit", "markt", "preis", "recht", "gesetz", "politik", "wirtschaft", "haus",
    "staat", "regierung", "verkehr", "steuer", "wahl", "krieg", "ierung",
)  # fmt: skip
# A preposition of place just before a name ("in Paris", "nach Berlin", "à Lyon").
LOCATIVE = frozenset(
    """in at near from to into across outside inside throughout en em à au aux dans nach
    aus bei nahe desde hacia cerca da di a""".split()
)
# A verb of saying just after a name: the name is a person or organisation.
SPEECH = frozenset(
    """said says told added warned stated argued explained announced dijo afirmó declaró
    aseguró señaló explicó sagte erklärte betonte sagt teilte a_déclaré déclare affirme
    disse afirmou declarou ha_detto dichiarato""".replace("_", " ").split()
)
# Words that turn a lower-case topic phrase into junk (times, reporting, titles, numbers).
TOPIC_JUNK = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december today yesterday
    tomorrow week weeks month months year years night morning evening afternoon day days
    said says told reported report reports according percent per cent million billion
    minister president prime secretary chief official officials spokesman spokeswoman
    first second third last next one two three four five six seven eight nine ten
    lessons learned time times"""
)
