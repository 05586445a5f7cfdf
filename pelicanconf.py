"""Pelican settings for the news digest (local builds; publishconf.py is for the web).

Every DIGEST_* key is documented in README.md; unknown DIGEST_* keys are an error.
"""

from pathlib import Path

_here = Path(__file__).resolve().parent

SITENAME = "News Digest"
SITESUBTITLE = "The latest news, each story once, with every outlet that reported it"
AUTHOR = "news-digest"
# Local builds: pages link relatively (open output/ from disk or `make serve`);
# feeds need absolute links, so they point at `make serve`'s address.
SITEURL = "http://127.0.0.1:8000"
RELATIVE_URLS = True
FEED_DOMAIN = SITEURL

PATH = "content"
ARTICLE_PATHS = ["briefs"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = True
THEME = "themes/digest"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["news_digest"]

# Pelican's reader cache: unchanged briefs (checked by content hash, since a brief is
# rewritten only when its bytes change) are not parsed again.
CACHE_PATH = str(_here / "cache" / "pelican")
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "md5"

TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%d %B %Y"
DEFAULT_CATEGORY = "Unattributed"
DEFAULT_PAGINATION = 25
SUMMARY_MAX_LENGTH = None
TYPOGRIFY = False

ARTICLE_URL = ARTICLE_LANG_URL = "briefs/{date:%Y}/{slug}.html"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "briefs/{date:%Y}/{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "pages/{slug}.html"
PAGE_LANG_URL = PAGE_LANG_SAVE_AS = "pages/{slug}.html"
TAG_URL = TAG_SAVE_AS = "tag/{slug}.html"
CATEGORY_URL = CATEGORY_SAVE_AS = "source/{slug}.html"
CATEGORIES_URL = CATEGORIES_SAVE_AS = "sources.html"
TAGS_URL = TAGS_SAVE_AS = "tags.html"
ARCHIVES_URL = ARCHIVES_SAVE_AS = "archives.html"
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""  # bylines are shown on briefs; no author pages
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
# The home page is the newest edition, written by news-digest (site/pages.py), not
# Pelican's paginated index.
DIRECT_TEMPLATES = ["tags", "categories", "archives", "search"]
# Editions (news-digest): a page a day and the index of days.
EDITION_URL = EDITION_SAVE_AS = "edition/{date}.html"
EDITIONS_URL = EDITIONS_SAVE_AS = "editions.html"
LATEST_URL = LATEST_SAVE_AS = "latest.html"  # what is new since the last build
EDITIONS_FEED_ATOM = "feeds/editions.atom.xml"
EDITIONS_FEED_RSS = "feeds/editions.rss.xml"
EDITIONS_FEED_JSON = "feeds/editions.json"
# Alerts (news-digest, DIGEST_ALERTS): a page and three feeds each.
ALERT_URL = ALERT_SAVE_AS = "alert/{slug}.html"
ALERTS_URL = ALERTS_SAVE_AS = "alerts.html"
ALERT_FEED_ATOM = "feeds/alert/{slug}.atom.xml"
ALERT_FEED_RSS = "feeds/alert/{slug}.rss.xml"
ALERT_FEED_JSON = "feeds/alert/{slug}.json"

FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{slug}.rss.xml"
CATEGORY_FEED_ATOM = "feeds/source/{slug}.atom.xml"
# Story pages (news-digest): every report of one event, earliest first, with feeds.
STORY_URL = STORY_SAVE_AS = "story/{slug}.html"
STORIES_URL = STORIES_SAVE_AS = "stories.html"
STORY_FEED_ATOM = "feeds/story/{slug}.atom.xml"
STORY_FEED_RSS = "feeds/story/{slug}.rss.xml"
CATEGORY_FEED_RSS = "feeds/source/{slug}.rss.xml"
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 50
RSS_FEED_SUMMARY_ONLY = False

# news-digest (see README.md, "Settings")
DIGEST_SEEDS = str(_here / "seeds")
DIGEST_BRIEFS_DIR = "briefs"
DIGEST_REPORT = None
DIGEST_ARCHIVE_DIR = str(_here / "seeds-archive")
DIGEST_STRICT = False
DIGEST_MAX_SEED_BYTES = 10 * 1024 * 1024
DIGEST_MAX_FEED_ENTRIES = 2000
DIGEST_MAX_TAGS = 8
DIGEST_TAG_ALIASES: dict[str, str] = {}
DIGEST_TAG_STOPLIST: list[str] = []
DIGEST_MAX_RELATED = 5
DIGEST_FALLBACK_DATE = "1970-01-01"
DIGEST_WORKERS = 0
DIGEST_EXECUTOR = "processes"  # or "dask", or a Dask scheduler address: docs/scaling.md
DIGEST_CACHE_DIR = str(_here / "cache" / "news-digest")
DIGEST_SOURCES = str(_here / "sources.toml")
DIGEST_SEARCH = True
DIGEST_SEARCH_SHARD_SIZE = 2500
DIGEST_FETCH_ALLOW_PRIVATE = False
DIGEST_SOURCE_MAX_FAILURES = 3
DIGEST_TRACKING_PARAMS: list[str] = []
DIGEST_MAX_NAME_BYTES = 120
# Saved searches, each a page and feeds (query syntax: docs/site.md), e.g.
# {"Putin in English": 'entity:"Vladimir Putin" AND lang:en'}
DIGEST_ALERTS: dict[str, str] = {}
DIGEST_WINDOW_DAYS = None  # e.g. 30: the live site keeps 30 days, archive/ the rest
