"""seeds -> briefs: discover, decode, parse, clean, enrich, link, render, write.

Never imports Pelican, the site adapter or fetching (an import contract checks it)."""
