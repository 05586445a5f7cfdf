"""Settings for the published site: absolute URLs from one setting (SITEURL)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://example.org/news-digest").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
