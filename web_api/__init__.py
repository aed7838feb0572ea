"""The web service: OpenFisca-compatible endpoints and the /v1 API for welfare apps."""
