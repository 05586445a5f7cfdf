"""The project's error hierarchy: callers catch what they can act on."""


class DigestError(Exception):
    """Base of every error news-digest raises on purpose."""


class ConfigError(DigestError):
    """A DIGEST_* setting or a command-line option is wrong; the build cannot start."""


class SeedError(DigestError):
    """One seed cannot become a brief; the build reports it and goes on."""
