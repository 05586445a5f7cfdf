"""`news-digest fetch`: the sources file, HTTP, robots.txt, sidecars, fetch state."""
