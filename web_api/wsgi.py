"""WSGI entry point for gunicorn: `policy_bd.web_api.wsgi:app` (the legislation loads here)."""

from policy_bd.web_api.app import create_app

app = create_app()
