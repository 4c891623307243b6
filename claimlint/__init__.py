"""claimlint: a compliance linter for health and beauty marketing copy."""

__version__ = "0.1.0"
INFORMATION_URI = "https://pypi.org/project/claimlint-health/"
