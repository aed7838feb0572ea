"""The web service: OpenFisca-compatible endpoints and the /v1 API for welfare apps.

`create_app()` (in `app.py`) builds it; `wsgi.py` is what gunicorn serves.
"""
