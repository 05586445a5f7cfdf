"""The entity extractor's parts: lexicons built from data packages, loaded lazily."""
